"""Life-cycle impacts (footprint.lifecycle): allocation of embodied impacts, four criteria, break-even, SCI.

The worked example is hand-computed: an A100 of the fixture catalog (card 100 kg CO2e, 0.004 kg Sb eq,
1,000 MJ; its 8-GPU host 2,400 kg, 0.16 kg Sb eq, 32,000 MJ), 3,600 device-seconds per 1,000 items,
a 2-year life at 50 % utilisation, so one device-second is 1 / (2 × 31,536,000 × 0.5) = 1 / 31,536,000
of the hardware."""

import json

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.footprint import Footprint
from recommender.footprint.lifecycle import break_even_items, lifecycle
from recommender.ranges import Range

YEAR_S = 31_536_000


@pytest.fixture
def worked(fixture_catalog):
    cat = fixture_catalog
    fp = Footprint(model_id="x", hardware=cat.hardware["a100"], site=cat.datacenters["local-datacenter"], zone="FR",
                   carbon_g_per_kwh=50.0, water_l_per_kwh=2.0, use_wh_per_1k=Range.exact(30.0), use_basis=None,
                   setup_wh=Range.exact(600.0), setup_basis=None, items=10_000,
                   use_device_s_per_1k=Range.exact(3600.0), setup_device_s=Range.exact(7200.0))
    return lifecycle(fp, cat, lifetime_years=2, utilisation=0.5, setup_runs=3)


def test_gwp_usage_and_embodied(worked):
    g = worked.criteria["gwp_g"]
    assert g.usage_per_1k.mid == pytest.approx(30 * 50 / 1000)  # 1.5 g
    assert g.usage_setup.mid == pytest.approx(600 * 3 * 50 / 1000)  # 90 g: three runs
    # (100 kg + 2,400 kg / 8) = 400 kg = 400,000 g per device over a life; × 3,600 s / 31,536,000 s
    assert g.embodied_per_1k.mid == pytest.approx(400_000 * 3600 / YEAR_S) == pytest.approx(45.662100456621)
    assert g.embodied_setup.mid == pytest.approx(400_000 * 7200 * 3 / YEAR_S)
    assert g.usage_volume.mid == pytest.approx(1.5 * 10 + 90)
    assert g.embodied_volume.mid == pytest.approx(45.662100456621 * 10 + 273.972602739726)


def test_adpe_pe_and_water(worked):
    adpe, pe, water = (worked.criteria[n] for n in ("adpe_kg_sbeq", "pe_mj", "water_l"))
    assert adpe.usage_per_1k.mid == pytest.approx(0.030 * 5e-8)  # 0.03 kWh × 5e-8 kg Sb eq/kWh
    assert adpe.embodied_per_1k.mid == pytest.approx((0.004 + 0.16 / 8) * 3600 / YEAR_S)  # 2.7397e-6
    assert pe.usage_per_1k.mid == pytest.approx(0.030 * 10)  # 0.3 MJ
    assert pe.embodied_per_1k.mid == pytest.approx((1000 + 32000 / 8) * 3600 / YEAR_S)  # 0.5708 MJ
    assert water.usage_per_1k.mid == pytest.approx(30 * (0.5 / 1.5 + 2) / 1000)  # 0.07 L
    assert water.embodied_per_1k is None and water.embodied_volume is None  # excluded: no data


def test_sci_scores(worked):
    assert worked.sci_consumer_g_per_1k.mid == pytest.approx(1.5 + 45.662100456621)
    assert worked.sci_provider_g.mid == pytest.approx(90 + 273.972602739726)


def test_unknown_hardware_leaves_embodied_unknown(fixture_catalog, worked):
    from dataclasses import replace

    cat = fixture_catalog
    fp = Footprint(model_id="x", hardware=replace(cat.hardware["a100"], id="t4"), site=cat.datacenters["local-datacenter"],
                   zone="WORLD", carbon_g_per_kwh=480.0, water_l_per_kwh=None, use_wh_per_1k=Range.exact(30.0),
                   use_basis=None, setup_wh=Range.exact(0.0), setup_basis=None, items=1000,
                   use_device_s_per_1k=Range.exact(3600.0))
    lc = lifecycle(fp, cat)
    assert lc.criteria["gwp_g"].embodied_per_1k is None
    assert lc.criteria["adpe_kg_sbeq"].usage_per_1k is None  # no grid_impacts row for WORLD in the fixture
    assert lc.criteria["gwp_g"].usage_per_1k.mid == pytest.approx(14.4)


def test_break_even_of_a_fixed_scenario():
    be = break_even_items(Range(100, 200, 400), Range(1, 2, 3), Range(5, 10, 20))
    assert be.mid == pytest.approx(1000 * 200 / (10 - 2))  # 25,000 items
    assert be.low == pytest.approx(1000 * 100 / (20 - 1))  # smallest setup, widest gap
    assert be.high == pytest.approx(1000 * 400 / (5 - 3))  # largest setup, narrowest gap
    never = break_even_items(Range(100, 200, 400), Range(2, 3, 4), Range(1, 2, 3))
    assert (never.mid, never.high) == (None, None) and never.low == pytest.approx(1000 * 100 / (3 - 2))


def test_figure_time_comes_from_energy_at_busy_power(fixture_catalog):
    from recommender.footprint.factors import factors_of
    from recommender.usecases.recommend import Query, recommend

    r = recommend(Query(task="classification", domain="biomed", volume=1000), fixture_catalog)
    o = next(o for o in list(r.ranked) + list(r.excluded) if o.model.id == "tfidf-logreg")
    lc = lifecycle(o.footprint, fixture_catalog)
    f = factors_of(fixture_catalog)
    busy = 20 + f.busy_power_fraction * (100 - 20) + f.host_power_factor * 25  # workstation: idle 20, TDP 100, host 25 W
    assert lc.time_method == "estimated-from-energy"
    assert lc.use_device_s_per_1k.mid == pytest.approx(0.02 * 3600 / busy)
    # the workstation: 300 kg over 6 years at 30 % utilisation (defaults.LIFETIME_YEARS, UTILISATION)
    assert lc.criteria["gwp_g"].embodied_per_1k.mid == pytest.approx(300_000 * lc.use_device_s_per_1k.mid / (6 * YEAR_S * 0.3))
    assert lc.criteria["pe_mj"].embodied_per_1k is None  # no PE row for the workstation


def test_recommend_json_has_the_four_criteria_apart(fixture_catalog):
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed", "--format", "json",
                                      "--lifetime-years", "4", "--utilisation", "0.5", "--setup-runs", "2"])
    assert result.exit_code == 0, result.output
    options = [o for o in json.loads(result.stdout)["options"] if o["energy_use_wh_per_1k"]]
    assert options
    for o in options:
        for name in ("gwp_g", "adpe_kg_sbeq", "pe_mj", "water_l"):
            assert set(o["impacts"][name]) == {"usage", "embodied"}
    biobert = next(o for o in options if o["id"] == "biobert")
    a = biobert["impacts"]["allocation"]
    assert (a["lifetime_years"], a["utilisation"], a["setup_runs"]) == (4.0, 0.5, 2)
    assert biobert["impacts"]["gwp_g"]["embodied"]["per_1k"]["mid"] == pytest.approx(
        300_000 * a["device_s_per_1k"]["mid"] / (4 * YEAR_S * 0.5), rel=1e-9)
    setup_g = biobert["energy_setup_wh"]["mid"] * 2 * 50 / 1000  # two runs on the FR fixture grid (50 g/kWh)
    assert biobert["impacts"]["gwp_g"]["usage"]["setup"]["mid"] == pytest.approx(setup_g, rel=1e-9)


@pytest.mark.parametrize("args, message", [
    (["--lifetime-years", "0"], "--lifetime-years"), (["--utilisation", "1.5"], "--utilisation"),
    (["--setup-runs", "2.5"], "--setup-runs")])
def test_lifecycle_options_are_bounded(fixture_catalog, args, message):
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification", *args])
    assert result.exit_code == 2 and message in result.output


def test_criteria_all_adds_the_table(fixture_catalog):
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed", "--criteria", "all"])
    assert result.exit_code == 0, result.output
    assert "GWP embodied" in result.output and "PE usage" in result.output


def test_shipped_lifecycle_tables_name_known_profiles_and_zones():
    from recommender.catalog import Catalog, shipped_catalog_dir
    from recommender.catalog.schema import EmbodiedImpact, GridImpacts
    from recommender.catalog.tables import MANIFEST, read_table

    directory = shipped_catalog_dir()
    cat = Catalog.load(directory)
    embodied = read_table(directory / "embodied.csv", EmbodiedImpact)
    zones = read_table(directory / "grid_impacts.csv", GridImpacts)
    assert {"embodied.csv", "grid_impacts.csv"} <= set(MANIFEST)
    assert {e.hardware for e in embodied} <= set(cat.hardware)
    assert {z.zone for z in zones} <= set(cat.grid)
    assert all(e.source and (e.part != "host" or e.devices_per_host) for e in embodied)
    assert len({(e.hardware, e.part, e.criterion) for e in embodied}) == len(embodied)
    fr = next(z for z in zones if z.zone == "FR")
    assert (fr.adpe_kg_sbeq_per_kwh, fr.pe_mj_per_kwh) == (4.858e-08, 9.3135)  # EcoLogits electricity_mixes.csv, FRA
