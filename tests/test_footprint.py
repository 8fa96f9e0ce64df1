from dataclasses import replace

import pytest

from recommender.catalog import Catalog
from recommender.footprint import physics as estimator
from recommender.footprint import Workload, footprint, matching_figure
from recommender.ranges import Range


def workload(**changes):
    base = Workload(task="classification", data_kind="text", items=10_000, tokens_in=300, tokens_out=5)
    return replace(base, **changes)


def approx(r: Range):
    return pytest.approx((r.low, r.mid, r.high), rel=1e-9)


def test_measured_use_and_fit_are_summed_for_the_volume(fixture_catalog):
    fp = footprint(fixture_catalog.models["tfidf-logreg"], workload(), fixture_catalog)
    # use: 0.02 Wh/1k (0.018–0.022) at the IT boundary × PUE 1 (office CPU) × 10 = 0.2 Wh
    assert (fp.use_wh_per_1k.low, fp.use_wh_per_1k.mid, fp.use_wh_per_1k.high) == approx(Range(0.018, 0.02, 0.022))
    assert (fp.use_wh.low, fp.use_wh.mid, fp.use_wh.high) == approx(Range(0.18, 0.2, 0.22))
    # setup: fit at 0.5 Wh per 1,000 training items × 5,000 items = 2.5 Wh
    assert fp.setup_wh == Range.exact(2.5)
    assert (fp.total_wh.low, fp.total_wh.mid, fp.total_wh.high) == approx(Range(2.68, 2.7, 2.72))
    # carbon: 2.7 Wh × 50 g/kWh (FR) = 0.135 g; water: 2.7 Wh × (0 / 1 + 2 L/kWh) = 5.4 mL
    assert fp.carbon_g.mid == pytest.approx(0.135)
    assert fp.water_l.mid == pytest.approx(0.0054)
    assert fp.use_basis.method == "measured" and fp.setup_basis.method == "measured"
    assert fp.site.id == "local-office" and fp.zone == "FR"


def test_grid_override_changes_only_carbon(fixture_catalog):
    model = fixture_catalog.models["tfidf-logreg"]
    us = footprint(model, workload(grid="US"), fixture_catalog)
    custom = footprint(model, workload(grid_intensity=100.0), fixture_catalog)
    assert us.carbon_g.mid == pytest.approx(2.7 * 0.4)
    assert us.water_l.mid == pytest.approx(2.7 * 0.003)
    assert custom.carbon_g.mid == pytest.approx(0.27)
    assert custom.total_wh == us.total_wh


def test_accelerator_figure_gains_the_host_share_and_pue(fixture_catalog):
    model = fixture_catalog.models["tiny-llm"]
    a100 = fixture_catalog.hardware["a100"]
    fp = footprint(model, workload(task="summarization", tokens_in=1000, tokens_out=150, batch_size=64),
                   fixture_catalog)
    host_factor = estimator.accelerator_to_it(1.0, a100)
    assert host_factor > 1
    assert fp.use_wh_per_1k.mid == pytest.approx(10 * host_factor * 1.5)
    assert fp.use_basis.method == "published" and fp.use_basis.source == "Leaderboard"
    assert fp.setup_wh == Range.exact(0.0)  # zero-shot: no setup
    assert fp.site.id == "local-datacenter"


def test_a_figure_for_other_text_lengths_or_batches_gives_way_to_the_estimator(fixture_catalog):
    model = fixture_catalog.models["tiny-llm"]
    a100 = fixture_catalog.hardware["a100"]
    same = workload(task="summarization", tokens_in=1000, tokens_out=150, batch_size=64)
    assert matching_figure(fixture_catalog, model, "inference", same, a100).source == "Leaderboard"
    for other in (replace(same, tokens_in=2001), replace(same, tokens_out=74), replace(same, batch_size=16)):
        assert matching_figure(fixture_catalog, model, "inference", other, a100) is None
    assert matching_figure(fixture_catalog, model, "inference", replace(same, tokens_in=2000), a100) is not None
    long_inputs = workload(task="summarization", tokens_in=5000, tokens_out=150)
    fp = footprint(model, long_inputs, fixture_catalog)
    assert fp.use_basis.method == "estimated"
    expected = estimator.estimate(estimator.Spec(
        params_total=Range.exact(1e9), params_active=Range.exact(1e9), architecture="decoder",
        tokens_in=5000, tokens_out=150, hardware=a100, batch_size=Range.exact(16), precision="bf16",
        layers=16, hidden_size=2048,
    ))
    assert fp.use_wh_per_1k.mid == pytest.approx(expected.it_wh_per_1k.mid * 1.5)


def test_hosted_options_use_their_datacenter_zone_not_the_users(fixture_catalog):
    fp = footprint(fixture_catalog.models["gpt-x"], workload(grid="FR"), fixture_catalog)
    assert fp.zone == "US" and fp.carbon_g_per_kwh == 400 and fp.site.id == "azure-us"
    assert fp.use_basis.method == "estimated"
    assert fp.use_wh_per_1k.low < fp.use_wh_per_1k.mid < fp.use_wh_per_1k.high


def test_user_hardware_applies_to_local_options_only(fixture_catalog):
    fp = footprint(fixture_catalog.models["tiny-llm"], workload(hardware="h100"), fixture_catalog)
    hosted = footprint(fixture_catalog.models["gpt-x"], workload(hardware="h100"), fixture_catalog)
    assert fp.hardware.id == "h100" and hosted.hardware.id == "a100"


def test_unknown_energy_stays_unknown(fixture_catalog):
    unmeasured = replace(fixture_catalog.models["tfidf-logreg"], id="unmeasured")
    fp = footprint(unmeasured, workload(), fixture_catalog)
    assert fp.use_wh_per_1k is None and fp.use_basis is None
    assert fp.setup_wh is None and fp.total_wh is None and fp.carbon_g is None and fp.water_l is None


def test_unknown_on_site_water_leaves_water_unknown(fixture_catalog):
    c = fixture_catalog
    office = replace(c.datacenters["local-office"], wue_l_per_kwh=None)
    dry = Catalog(tasks=c.tasks.values(), models=c.models.values(), quality=c.quality, energy=c.energy,
                  hardware=c.hardware.values(), grid=c.grid.values(),
                  datacenters=[office if d.id == office.id else d for d in c.datacenters.values()], origin=c.origin)
    fp = footprint(dry.models["tfidf-logreg"], workload(), dry)
    assert fp.water_l is None and fp.carbon_g is not None
