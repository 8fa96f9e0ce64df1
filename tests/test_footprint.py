from dataclasses import replace

import pytest

from pathlib import Path

from recommender.catalog import Catalog
from recommender.footprint import (Workload, defaults, footprint, footprint_columns, footprints, hardware_for,
                                   matching_figure)
from recommender.footprint.estimator import Spec, estimate
from recommender.footprint.factors import factors_of
from recommender.ranges import Range

SHIPPED = Path(__file__).parent.parent / "catalog"


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
    fp = footprint(model, workload(task="summarization", tokens_in=1000, tokens_out=150, batch_size=64),
                   fixture_catalog)
    # published 10 Wh per 1,000 at the accelerator; the fixture A100 busy = 50 + 0.5 × (400 − 50) = 225 W
    # beside a 1 × 100 W host: IT = × (1 + 100/225); machine room PUE 1.5
    assert fp.use_wh_per_1k.mid == pytest.approx(10 * (1 + 100 / 225) * 1.5, rel=1e-12)
    assert fp.use_basis.steps[1] == \
        "accelerator → IT: × 1.44 (host 100 W per device beside the busy accelerator, 400 W TDP)"
    assert fp.use_basis.method == "published" and fp.use_basis.source == "Leaderboard"
    assert fp.setup_wh == Range.exact(0.0)  # zero-shot: no setup
    assert fp.site.id == "local-datacenter"


def test_a_figure_for_other_text_lengths_or_batches_gives_way_to_the_estimator(fixture_catalog):
    model = fixture_catalog.models["tiny-llm"]
    a100 = fixture_catalog.hardware["a100"]  # 312 TFLOP/s, 2000 GB/s, TDP 400 W, idle 50 W, host 100 W
    same = workload(task="summarization", tokens_in=1000, tokens_out=150, batch_size=64)
    assert matching_figure(fixture_catalog, model, "inference", same, a100).source == "Leaderboard"
    for other in (replace(same, tokens_in=2001), replace(same, tokens_out=74), replace(same, batch_size=16)):
        assert matching_figure(fixture_catalog, model, "inference", other, a100) is None
    assert matching_figure(fixture_catalog, model, "inference", replace(same, tokens_in=2000), a100) is not None
    long_inputs = workload(task="summarization", tokens_in=5000, tokens_out=150)
    fp = footprint(model, long_inputs, fixture_catalog)
    assert fp.use_basis.method == "estimated"
    # By hand, with the fixture factors: 1e9 params bf16 on one A100 at 156 TFLOP/s and 1e12 B/s,
    # batch 16 (the local default), 16 layers × 2048 wide, PUE 1.5 (machine room)
    attention = 4 * 16 * 2048 * 5000 ** 2                    # 3.2768e12 FLOPs per pass
    prefill = 16 * (2 * 1e9 * 5000 + attention) / 1.56e14    # 1.362 s, compute bound (weights: 0.002 s)
    decode = 2e9 / 1e12                                      # memory bound: 16 × 2e9 / 1.56e14 < 0.002 s
    roofline = (prefill + 150 * decode) / 16
    overhead = 151 * 0.01 / 16                               # 151 passes × 0.01 s × 1^0.5
    t = roofline + overhead
    accelerator = 50 * t + 350 * (0.5 * roofline + 0.25 * overhead)
    host = 100 * t
    assert fp.use_wh_per_1k.mid == pytest.approx((accelerator + host) * 1000 / 3600 * 1.5, rel=1e-12)
    assert fp.use_wh_per_1k.mid == pytest.approx(23.403255208333334, rel=1e-12)


def test_hosted_options_use_their_datacenter_zone_not_the_users(fixture_catalog):
    fp = footprint(fixture_catalog.models["gpt-x"], workload(grid="FR"), fixture_catalog)
    assert fp.zone == "US" and fp.carbon_g_per_kwh == 400 and fp.site.id == "azure-us"
    assert fp.use_basis.method == "estimated"
    # HOSTED_BATCH 16 / 64 / 128 with the parameter ranges, by hand: 2e12 × 2 bytes × 1.2 = 4.8 TB needs 60
    # A100s (156e12 × 60 FLOP/s, 1e12 × 60 B/s); 300 tokens in, 5 out; PUE 1.2 (Azure US)
    def by_hand(n_total, n_active, batch):
        weights = n_total * 2 / 6e13
        prefill = max(batch * 2 * n_active * 300 / 9.36e15, weights)
        decode = max(2 * n_active * batch / 9.36e15, weights)
        roofline = (prefill + 5 * decode) / batch
        overhead = 6 * 0.01 * (n_active / 1e9) ** 0.5 / batch
        t = roofline + overhead
        accelerator = 60 * (50 * t + 350 * (0.5 * roofline + 0.25 * overhead))
        return (accelerator + 100 * 60 * t) * 1000 / 3600 * 1.2

    band = 10 ** 0.5
    # low: the fewest parameters at the largest batch, / band; high: the most at the smallest, × band
    expected = (by_hand(5e11, 1e11, 128) / band, by_hand(1e12, 2e11, 64), by_hand(2e12, 4e11, 16) * band)
    assert (fp.use_wh_per_1k.low, fp.use_wh_per_1k.mid, fp.use_wh_per_1k.high) == pytest.approx(expected, rel=1e-12)
    assert expected == pytest.approx((21.555369207007114, 163.23711436609352, 2081.832792944183), rel=1e-12)


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


def test_many_footprints_are_each_footprint(fixture_catalog):
    models = list(fixture_catalog.models.values())
    for w in (workload(), workload(task="summarization", tokens_in=1000, tokens_out=150, batch_size=64),
              workload(hardware="h100", grid="US", grid_intensity=300.0)):
        assert footprints(models, w, fixture_catalog) == [footprint(m, w, fixture_catalog) for m in models]
        assert footprints(models[::-1], w, fixture_catalog) == footprints(models, w, fixture_catalog)[::-1]


def test_columns_hold_every_footprint_and_its_carbon_and_water(fixture_catalog):
    models = list(fixture_catalog.models.values())
    columns = footprint_columns(models, workload(), fixture_catalog)
    assert len(columns) == 5 and columns.models == tuple(models)
    for i, fp in enumerate(footprints(models, workload(), fixture_catalog)):
        assert columns.footprint(i) == fp
        for name, total in (("total_wh", fp.total_wh), ("carbon_g", fp.carbon_g), ("water_l", fp.water_l)):
            ends = [float(e[i]) for e in getattr(columns, name)]
            if total is None:
                assert all(x != x for x in ends), (fp.model_id, name)  # NaN
            else:
                assert ends == [total.low, total.mid, total.high], (fp.model_id, name)
    tfidf = models.index(fixture_catalog.models["tfidf-logreg"])
    assert [float(e[tfidf]) for e in columns.setup_wh] == [2.5, 2.5, 2.5]
    assert columns.carbon_g[1][tfidf] == pytest.approx(0.135, rel=1e-12)
    empty = footprint_columns([], workload(), fixture_catalog)
    assert len(empty) == 0 and [len(e) for e in empty.total_wh] == [0, 0, 0]


def _per_option_estimate(model, w, catalog):
    """The estimate of one option by the per-option path: its own Spec through ``estimate``."""
    from recommender.footprint.vision import gflops_range, is_vision, vision_facts

    hw = hardware_for(model, w, catalog)
    facts = vision_facts(catalog).get(model.id) if is_vision(model.architecture) else None
    total, active = model.params_total, model.params_active or model.params_total
    spec = Spec(params_total=Range(model.params_total_low or total, total, model.params_total_high or total),
                params_active=Range(model.params_active_low or active, active, model.params_active_high or active),
                architecture=model.architecture, tokens_in=w.tokens_in,
                tokens_out=w.tokens_out if defaults.is_generative(model) else 0, hardware=hw,
                batch_size=defaults.batch_for(model, w.batch_size), precision=defaults.precision_for(model, hw),
                layers=model.layers, hidden_size=model.hidden_size,
                gflops_per_item=gflops_range(facts) if facts else None)
    return estimate(spec, factors_of(catalog)).it_wh_per_1k * defaults.site_of(model, hw, catalog.datacenters).pue


def test_columns_equal_the_per_option_path_on_the_shipped_catalog():
    catalog = Catalog.load(SHIPPED)
    models = list(catalog.models.values())
    compared = 0
    for task in catalog.tasks.values():
        for batch in (None, 1):
            w = Workload(task=task.id, data_kind=task.default_data, items=12_345, tokens_in=task.tokens_in or 300,
                         tokens_out=task.tokens_out or 0, batch_size=batch)
            columns = footprint_columns(models, w, catalog)
            for i, model in enumerate(models):
                single = footprint(model, w, catalog)
                for name in ("use_wh_per_1k", "setup_wh", "total_wh"):
                    got, expected = [float(e[i]) for e in getattr(columns, name)], getattr(single, name)
                    if expected is None:
                        assert all(x != x for x in got), (model.id, name)
                    else:
                        assert got == pytest.approx([expected.low, expected.mid, expected.high], rel=1e-12)
                if single.use_basis is not None and single.use_basis.method == "estimated":
                    by_spec = _per_option_estimate(model, w, catalog)
                    assert [float(e[i]) for e in columns.use_wh_per_1k] == \
                        pytest.approx([by_spec.low, by_spec.mid, by_spec.high], rel=1e-12)
                    compared += 1
    assert compared >= 1000  # every estimated option of every task, twice (1,057 with the catalog of 2026-12)
