"""What people read in a terminal of 80 columns: every shown option identifiable, columns giving way
in a stated order and said, no number or id split across lines; human numbers without exponents;
counts that agree in number."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.render import table_format
from recommender.render.i18n import counted
from recommender.units import (format_carbon_g, format_energy_wh, format_number, format_water_l,
                               readable_numbers)


@pytest.fixture
def terminal_80(monkeypatch):
    """Standard output is a terminal of 80 columns (prose wraps, tables give way), as in tmux."""
    monkeypatch.setattr(table_format, "terminal", lambda: (80, True))


def table_lines(output: str, first: str, last: str) -> list[str]:
    """The lines from the one starting with ``first`` to the one starting with ``last``, right-stripped
    (a terminal table pads its last column)."""
    lines = [line.rstrip() for line in output.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith(first))
    end = next(i for i, line in enumerate(lines) if i >= start and line.startswith(last))
    return lines[start:end + 1]


# -- numbers for people ---------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    (3.3e-7, "0.33 µWh"),  # the audit's "0.00000033 Wh"
    (5e-6, "5.0 µWh"),
    (2e-5, "0.020 mWh"),  # from 1% of a mWh
    (0.00043, "0.43 mWh"),
    (0.001, "0.0010 Wh"),  # Wh down to 0.001: two zeros after the point at most
    (0.0201, "0.020 Wh"),
    (0, "0 Wh"),
    (6.6, "6.6 Wh"),
    (21020, "21 kWh"),  # the audit's "2.102e+04 Wh"
    (3.2e6, "3.2 MWh"),
])
def test_energy_is_written_in_the_unit_that_fits(value, text):
    assert format_energy_wh(value) == text


def test_a_range_is_written_in_its_mid_value_unit():
    assert format_energy_wh(3.3e-7, 1e-7, 1e-6) == "0.33 µWh (0.10–1.0)"
    assert format_energy_wh(0.00043, 0.0002, 0.0009) == "0.43 mWh (0.20–0.90)"


@pytest.mark.parametrize("fmt, value, text", [
    (format_carbon_g, 0.0001, "0.10 mg"), (format_carbon_g, 2e-7, "0.20 µg"), (format_carbon_g, 0.0025, "0.0025 g"),
    (format_water_l, 0.0054, "5.4 mL"), (format_water_l, 1e-7, "0.10 µL"), (format_water_l, 0, "0 L"),
])
def test_carbon_and_water_go_below_grams_and_millilitres(fmt, value, text):
    assert fmt(value) == text


@pytest.mark.parametrize("text, readable", [
    ("16 × 2 × 1.1e+08 params / 1.513e+14 FLOP/s", "16 × 2 × 110,000,000 params / 1.513×10¹⁴ FLOP/s"),
    ("for 1e+06 items", "for 1,000,000 items"),
    ("2.102e+04 Wh (mid)", "21 kWh (mid)"),
    ("3.3e-07 Wh", "0.33 µWh"),
    ("a rate of 3.3e-07", "a rate of 3.3×10⁻⁷"),
    ("0.0025 g and 10^0.3573", "0.0025 g and 10^0.3573"),  # nothing to rewrite
    ("model-1e5x", "model-1e5x"),  # inside a word: not a number
])
def test_exponents_in_a_formula_are_written_for_people(text, readable):
    assert readable_numbers(text) == readable


@pytest.mark.parametrize("value, digits, text", [(1.5, 4, "1.5"), (44.18, 4, "44.18"), (1e6, 4, "1,000,000"),
                                                 (2352.4, 3, "2,352"), (0.00172, 3, "0.00172")])
def test_a_plain_number_keeps_no_trailing_zero_and_no_exponent(value, digits, text):
    assert format_number(value, digits) == text


@pytest.mark.parametrize("n, lang, text", [
    (0, "en", "0 measurements"), (1, "en", "1 measurement"), (2, "en", "2 measurements"),
    (12345, "en", "12,345 measurements"),
    (0, "fr", "0 mesure"), (1, "fr", "1 mesure"), (2, "fr", "2 mesures"), (12345, "fr", "12\u202f345 mesures"),
])
def test_counts_agree_in_number(n, lang, text):
    assert counted(n, "measurement", lang) == text


def test_every_counted_noun_has_both_forms_in_both_languages():
    from recommender.render.text_en import EN
    from recommender.render.text_fr import FR

    nouns = {key.split(".")[1] for key in EN if key.startswith("n.")}
    assert nouns == {"model", "measurement", "option", "run"}
    assert [counted(1, noun, "fr") for noun in sorted(nouns)] == ["1 mesure", "1 modèle", "1 option", "1 exécution"]
    assert {k for k in EN if k.startswith("n.")} == {k for k in FR if k.startswith("n.")}


# -- the terminal tables at 80 columns -------------------------------------------------------------

def test_compare_at_80_columns_keeps_names_totals_and_quality(fixture_catalog):
    """The fixture's five models: totals hand-checked in test_compare (TF-IDF 2.7 Wh = 0.02 Wh/1k × 10 +
    0.5 Wh/1k × 5); ranges and sources stack under their figure, never split."""
    from recommender import Query, render
    from recommender.usecases.compare import compare

    c = compare(("biobert", "tfidf-logreg", "tiny-llm", "gpt-x", "mistral-x"),
                Query(task="classification", domain="biomed"), fixture_catalog)
    text = render(c, "table", width=80)
    assert table_lines(text, "   ", "(Not shown") == [
        "                                        vs",
        "                                        most",
        "Option             Total       Quality  frugal  Rules",
        "BioBERT v1.1,      180 Wh      82 [2]   67×",
        "fine-tuned         (57–570)",
        "(biobert)",
        "TF-IDF + logistic  2.7 Wh      unknown  1×",
        "regression, fit",
        "(tfidf-logreg)",
        "Tiny LLM 1B,       9.9 Wh      70 [4]   3.7×    excluded:",
        "zero-shot          (3.1–31)                     below-quality-floor",
        "(tiny-llm)",
        "GPT-X, zero-shot   1.6 kWh     85 [4]   605×    excluded:",
        "(gpt-x)            (0.22–21)                    sensitive-data-external-platform",
        "Mistral X,         291 Wh      unknown  108×    excluded:",
        "zero-shot          (83–1,454)                   sensitive-data-external-platform",
        "(mistral-x)",
        "(Not shown at 80 columns: Class, Energy per 1k items, Setup, Use for 10,000 items, CO2e, Water, Method; "
        "--wide, a wider terminal or --format markdown shows every column.)",
    ]
    assert all(len(line.rstrip()) <= 80 for line in table_lines(text, "   ", "(mistral-x)"))


def test_compare_in_french_says_what_it_left_out_in_french(fixture_catalog):
    from recommender import Query, render
    from recommender.usecases.compare import compare

    c = compare(("biobert", "gpt-x"), Query(task="classification", domain="biomed"), fixture_catalog)
    note = next(line for line in render(c, "table", "fr", width=80).splitlines() if line.startswith("(Non"))
    assert note.startswith("(Non affichées sur 80 colonnes\u00a0: Classe, ")


def test_compare_wide_keeps_every_column(fixture_catalog):
    result = CliRunner().invoke(cli, ["compare", "biobert", "gpt-x", "--wide"])
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if line.startswith("Option"))
    assert header.split() == ["Option", "Class", "Energy", "per", "1k", "items", "Setup", "Use", "for", "10,000",
                              "items", "Total", "CO2e", "Water", "Quality", "Method", "vs", "most", "frugal", "Rules"]
    assert "(Not shown" not in result.output


def test_catalog_list_at_80_columns_keeps_ids_whole(fixture_catalog, terminal_80):
    result = CliRunner().invoke(cli, ["catalog", "list"])
    assert result.exit_code == 0, result.output
    assert table_lines(result.output, "id ", "5 models.") == [
        "id            name          family      params  setup      tasks",
        "tfidf-logreg  TF-IDF +      classic-ml  100k    fit        classification",
        "              logistic",
        "              regression",
        "biobert       BioBERT v1.1  encoder     110M    fine-tune  classification, ner",
        "tiny-llm      Tiny LLM 1B   small-lm    1B      zero-shot  classification,",
        "                                                           ner, summarization",
        "mistral-x     Mistral X     hosted      100B    zero-shot  classification,",
        "                                                           summarization",
        "gpt-x         GPT-X         hosted      1T      zero-shot  classification,",
        "                                                           ner, summarization",
        "(Not shown at 80 columns: hosting; --wide, a wider terminal or --format markdown",
        "shows every column.)",
        "5 models. frugal catalog show ID for details and sources.",
    ]
    wide = CliRunner().invoke(cli, ["catalog", "list", "--wide"]).output
    assert wide.splitlines()[0].split() == ["id", "name", "family", "params", "hosting", "setup", "tasks"]
    csv = CliRunner().invoke(cli, ["catalog", "list", "--format", "csv"]).output
    assert "classification;ner;summarization" in csv  # machine formats keep the ; list


def test_estimate_at_80_columns(fixture_catalog, terminal_80):
    result = CliRunner().invoke(cli, ["estimate", "--params", "110M", "--arch", "encoder", "--tokens-in", "256",
                                      "--hardware", "a100", "--items", "1e6"])
    assert result.exit_code == 0, result.output
    lines = [line.rstrip() for line in result.output.splitlines()]
    assert lines[:2] == ["1,000,000 items: 110M params (encoder, fp16), 256 tokens in, 0 out, batch 16, 1",
                         "× a100, PUE 1.5, 50 g CO2e/kWh"]
    assert all(len(line) <= 80 for line in lines)
    assert "e+" not in result.output and "e-0" not in result.output


def test_estimate_explain_has_no_exponent(fixture_catalog, terminal_80):
    result = CliRunner().invoke(cli, ["estimate", "--params", "110M", "--arch", "encoder", "--tokens-in", "256",
                                      "--hardware", "a100", "--items", "1e6", "--explain"])
    assert result.exit_code == 0, result.output
    assert "e+0" not in result.output and "e-0" not in result.output
    assert "1,000,000" in result.output


def test_trial_at_80_columns(tmp_path, monkeypatch, fixture_catalog, terminal_80):
    """The fake meter reads 0.001 Wh per window: fit 0.0010 Wh; all 300 rows = fit + 5 predictions = 0.0060 Wh;
    predict per 1k = 0.001 Wh × 1000 / 60 rows per fold = 0.017 Wh. The fit time (wall time, the one cell
    the meter does not fix) is among the columns an 80-column terminal leaves out."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("sklearn")
    from test_trial import sentences

    monkeypatch.setenv("FRUGAL_METER", "fake")
    path = tmp_path / "notes.csv"
    pd.DataFrame(sentences(), columns=["text", "label"]).to_csv(path, index=False)
    result = CliRunner().invoke(cli, ["trial", "--data", str(path), "--target", "label", "--compare-with", "biobert"])
    assert result.exit_code == 0, result.output
    assert table_lines(result.output, "      ", "--format markdown") == [
        "                                                               fit +",
        "                                                     predict   predict",
        "#  option             macro-F1  accuracy  fit        /1k       all        note",
        "1  dummy              0.333     0.500     0.0010 Wh  0.017 Wh  0.0060 Wh",
        "                      ± 0.000   ± 0.000",
        "2  tfidf-naive-bayes  0.830     0.830     0.0010 Wh  0.017 Wh  0.0060 Wh  ← use",
        "                      ± 0.057   ± 0.057                                   this",
        "3  tfidf-logreg       0.830     0.830     0.0010 Wh  0.017 Wh  0.0060 Wh",
        "                      ± 0.057   ± 0.057",
        "4  tfidf-linear-svm   0.837     0.837     0.0010 Wh  0.017 Wh  0.0060 Wh",
        "                      ± 0.053   ± 0.053",
        "(Not shown at 80 columns: fit time, frontier; --wide, a wider terminal or",
        "--format markdown shows every column.)",
    ]
    assert all(len(line.rstrip()) <= 80 for line in result.output.splitlines())
    wide = CliRunner().invoke(cli, ["trial", "--data", str(path), "--target", "label", "--compare-with", "biobert",
                                    "--wide"]).output
    assert "(Not shown" not in wide and "frontier" in wide


def test_bench_history_at_80_columns(fixed_machine, terminal_80):
    from bench_helpers import SPIN, invoke

    from recommender.catalog.store import Store

    assert invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--threads", "1",
                  "--repeat-seconds", "0").exit_code == 0
    # the fake meter: 0.001 Wh per window of 4 items = 0.25 Wh per 1,000 items (test_bench_cli)
    output = invoke("bench", "history").output
    assert table_lines(output, "id ", "--wide, a wider") == [
        "id  model         task            phase      hardware         energy per 1k",
        "1   tfidf-logreg  classification  fit        cpu-workstation  0.25 Wh",
        "2   tfidf-logreg  classification  inference  cpu-workstation  0.25 Wh",
        "(Not shown at 80 columns: date, 95% interval, items/s, repeats, meter, job_id;",
        "--wide, a wider terminal or --format markdown shows every column.)",
    ]
    assert " ".join(output.splitlines()[-2:]) == f"2 measurements in {Store().path}."
    wide = invoke("bench", "history", "--wide").output
    assert wide.splitlines()[0].split() == ["id", "date", "model", "task", "phase", "hardware", "energy", "per", "1k",
                                            "95%", "interval", "items/s", "repeats", "meter", "job_id"]


def test_an_overlapping_rank_is_explained_under_the_table():
    from recommender import Query, recommend, render

    result = recommend(Query(task="ner", domain="biomed"))
    text = render(result, "table", show_all=True, width=160)
    assert any(o.overlaps for o in result.ranked)
    assert ("≈: its energy range overlaps the option ranked above, so the order between them is uncertain."
            in text.splitlines())


def test_prose_keeps_a_number_with_its_unit():
    assert table_format.prose("weights 0.22 GB and then more words", 14).splitlines() == [
        "weights", "0.22 GB and", "then more", "words"]


@pytest.mark.parametrize("models, lang, opening", [
    (("biobert",), "en", "Footprint of 1 option for classification"),
    (("biobert", "gpt-x"), "en", "Footprint of 2 options for classification"),
    (("biobert",), "fr", "Empreinte de 1 option pour classification"),
])
def test_the_comparison_title_agrees_with_its_count(fixture_catalog, models, lang, opening):
    from recommender import Query, render
    from recommender.usecases.compare import compare

    c = compare(models, Query(task="classification", domain="biomed"), fixture_catalog)
    assert any(line.startswith(opening) for line in render(c, "table", lang, width=160).splitlines())
