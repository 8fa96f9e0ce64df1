import pytest

from recommender.errors import InvalidInput, closest, unknown_value
from recommender.units import format_carbon_g, format_count, format_energy_wh, format_sig, format_water_l, parse_count


@pytest.mark.parametrize("text, expected", [
    ("1000", 1000), ("1e6", 1_000_000), ("8.03e9", 8_030_000_000), ("110M", 110_000_000),
    ("8B", 8_000_000_000), ("1.5k", 1500), ("2T", 2_000_000_000_000), (" 7b ", 7_000_000_000), (42, 42),
])
def test_parse_count_accepts_numbers_and_suffixes(text, expected):
    assert parse_count(text, "--params") == expected


@pytest.mark.parametrize("text, message", [
    ("abc", "--params must be a positive number such as 1000, 1e6 or 110M; got 'abc'."),
    ("-5", "--params must be a positive number such as 1000, 1e6 or 110M; got '-5'."),
    ("0", "--params must be a positive number; got '0'."),
    ("0.2", "--params must be at least 1; got '0.2'."),
    ("8X", "--params must be a positive number such as 1000, 1e6 or 110M; got '8X'."),
])
def test_parse_count_rejects_bad_values(text, message):
    with pytest.raises(InvalidInput) as exc:
        parse_count(text, "--params")
    assert str(exc.value) == message


def test_formatting_picks_the_unit_and_keeps_ranges_in_it():
    assert format_energy_wh(0.0201) == "0.020 Wh"
    assert format_energy_wh(2500, 1800, 4100) == "2.5 kWh (1.8–4.1)"
    assert format_energy_wh(3.2e6) == "3.2 MWh"
    assert format_carbon_g(1234.0) == "1.2 kg"
    assert format_water_l(0.0054) == "5.4 mL"
    assert format_water_l(12.0, 11.96, 12.04) == "12 L"
    assert format_count(110_000_000) == "110M"
    assert format_count(1.76e12) == "1.76T"
    assert format_sig(12345.6) == "12,346"


def test_unknown_value_suggests_the_closest_choice():
    err = unknown_value("task", "clasification", ["classification", "ner"])
    assert str(err) == "unknown task 'clasification'. Did you mean 'classification'? Accepted: classification, ner."
    assert closest("zzz", ["classification"]) is None
