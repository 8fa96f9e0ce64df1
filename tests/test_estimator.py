"""The estimator's arithmetic on worked examples, with the round factors of the fixture catalog's
estimator_fit.json (efficiencies 0.5, overhead 0.01 s × (N/1e9)^0.5, busy 0.5, overhead power
0.25, host × 1, band 0.5 decade). Expected values are worked out by hand below."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from recommender.footprint import defaults, estimator, physics
from recommender.footprint.factors import factors_of, load_factors
from recommender.ranges import Range


@pytest.fixture
def factors(fixture_catalog):
    return factors_of(fixture_catalog)


def spec(hw, **kw):
    base = dict(params_total=Range.exact(1e9), params_active=Range.exact(1e9), architecture="encoder",
                tokens_in=78, tokens_out=0, hardware=hw, batch_size=Range.exact(10), precision="fp16", gpus=None)
    base.update(kw)
    return estimator.Spec(**base)


def test_fixture_factors_are_read_from_the_catalog(factors):
    assert (factors.compute_efficiency, factors.memory_efficiency, factors.overhead_s_per_pass,
            factors.overhead_exponent, factors.busy_power_fraction, factors.overhead_power_fraction,
            factors.idle_power_fraction, factors.host_power_factor, factors.band_log10) == \
        (0.5, 0.5, 0.01, 0.5, 0.5, 0.25, 0.1, 1.0, 0.5)


def test_encoder_compute_bound_prefill(fixture_catalog, factors):
    # A100 fixture: 312 TFLOP/s fp16, 2000 GB/s, TDP 400 W, idle 50 W, host 100 W.
    # prefill = max(10 × 2 × 1e9 × 78 / (312e12 × 0.5), 2e9 B / (2000e9 × 0.5)) = max(0.01, 0.002) = 0.01 s
    # roofline per item = 0.01 / 10 = 0.001 s; overhead = 1 pass × 0.01 s × 1^0.5 / 10 = 0.001 s
    # accelerator = 50 × 0.002 + 350 × (0.5 × 0.001 + 0.25 × 0.001) = 0.3625 J; host = 100 × 0.002 = 0.2 J
    result = estimator.estimate(spec(fixture_catalog.hardware["a100"]), factors)
    assert result.gpus == 1
    assert result.accelerator_wh_per_1k.mid == pytest.approx(362.5 / 3600, rel=1e-12)
    assert result.host_wh_per_1k.mid == pytest.approx(200 / 3600, rel=1e-12)
    assert result.it_wh_per_1k.mid == pytest.approx(562.5 / 3600, rel=1e-12)
    assert result.seconds_per_1k.mid == pytest.approx(2.0, rel=1e-12)
    band = 10 ** 0.5
    assert result.it_wh_per_1k.low == pytest.approx(562.5 / 3600 / band, rel=1e-12)
    assert result.it_wh_per_1k.high == pytest.approx(562.5 / 3600 * band, rel=1e-12)


def test_decoder_memory_bound_decoding_at_batch_1(fixture_catalog, factors):
    # H100 fixture: 989 TFLOP/s fp16, 3350 GB/s, TDP 700 W, idle 70 W, host 150 W; 4e9 params fp16.
    w = 8e9 / (3350e9 * 0.5)                       # weights read once per pass, s
    assert 1 * 2 * 4e9 * 100 / (989e12 * 0.5) < w  # prefill of 100 tokens is memory bound too
    roofline = 11 * w                              # prefill + 10 decode steps
    overhead = 11 * 0.01 * 4 ** 0.5                # 11 passes × 0.02 s
    accelerator = 70 * (roofline + overhead) + 630 * (0.5 * roofline + 0.25 * overhead)
    host = 150 * (roofline + overhead)
    result = estimator.estimate(spec(fixture_catalog.hardware["h100"], params_total=Range.exact(4e9),
                                     params_active=Range.exact(4e9), architecture="decoder", tokens_in=100,
                                     tokens_out=10, batch_size=Range.exact(1)), factors)
    assert result.accelerator_wh_per_1k.mid == pytest.approx(accelerator * 1000 / 3600, rel=1e-12)
    assert result.host_wh_per_1k.mid == pytest.approx(host * 1000 / 3600, rel=1e-12)


def test_batch_shares_decoding_between_items(fixture_catalog, factors):
    hw = fixture_catalog.hardware["h100"]
    one = estimator.estimate(spec(hw, architecture="decoder", tokens_in=1, tokens_out=100,
                                  batch_size=Range.exact(1)), factors)
    many = estimator.estimate(spec(hw, architecture="decoder", tokens_in=1, tokens_out=100,
                                   batch_size=Range.exact(64)), factors)
    # every pass stays memory bound at batch 64 (64 × 2e9 / 494.5e12 s < 2e9 B / 1.675e12 B/s), so
    # passes and overheads are shared by the batch: 64× less time per item
    assert one.seconds_per_1k.mid / many.seconds_per_1k.mid == pytest.approx(64, rel=1e-9)


def test_encoder_decoder_runs_half_the_parameters_per_pass(fixture_catalog, factors):
    hw = fixture_catalog.hardware["a100"]
    one = estimator.estimate(spec(hw, params_total=Range.exact(2e9), params_active=Range.exact(2e9),
                                  architecture="encoder-decoder", tokens_out=5, batch_size=Range.exact(1)), factors)
    v = one.intermediates.at(physics.MID, 0)
    assert v.params_total_per_pass == v.params_active_per_pass == 1e9
    assert v.decode_step_s == pytest.approx(2e9 / (2000e9 * 0.5), rel=1e-12)  # 1e9 params × 2 bytes
    assert v.pass_overhead_s == pytest.approx(0.01, rel=1e-12)


def test_devices_needed_for_the_weights(fixture_catalog):
    # 70e9 × 2 bytes × 1.2 headroom = 168 GB on 80 GB devices -> 3
    a100 = fixture_catalog.hardware["a100"]
    assert defaults.devices_needed(70e9, "fp16", a100) == 3
    assert defaults.devices_needed(70e9, "int4", a100) == 1
    # the same rule on columns: fp16 and int4 on the A100, and a CPU (always 1)
    assert defaults.devices_needed_columns(np.array([70e9, 70e9, 70e9]), np.array([2.0, 0.5, 2.0]),
                                           np.array([80.0, 80.0, 32.0]), np.array([False, False, True])).tolist() == \
        [3.0, 1.0, 1.0]


def test_accelerator_to_it_adds_the_host_share(fixture_catalog, factors):
    # busy accelerator = 50 + 0.5 × (400 − 50) = 225 W; host 100 W -> × (1 + 100/225)
    assert physics.accelerator_to_it(9.0, fixture_catalog.hardware["a100"], factors) == \
        pytest.approx(9.0 * (1 + 100 / 225), rel=1e-12)


def test_idle_power_falls_back_to_the_fitted_fraction_of_tdp(fixture_catalog, factors):
    hw = replace(fixture_catalog.hardware["a100"], idle_w=None)
    assert physics.idle_watts(hw, factors) == pytest.approx(40.0)


def test_each_quantity_is_one_function_on_floats_and_arrays():
    # the encoder example above: prefill = max(10 × 2 × 1e9 × 78 / 1.56e14, 0.002) = 0.01 s
    assert physics.prefill_s(10.0, 1e9, 78.0, 0.0, 1.56e14, 0.002) == pytest.approx(0.01, rel=1e-12)
    batches = np.array([1.0, 10.0])
    # batch 1: max(1 × 2 × 1e9 × 78 / 1.56e14, 0.002) = max(0.001, 0.002) = 0.002 s (memory bound)
    assert physics.prefill_s(batches, 1e9, 78.0, 0.0, 1.56e14, 0.002) == pytest.approx([0.002, 0.01], rel=1e-12)
    assert physics.decode_step_s(batches, 1e9, 1.56e14, 0.002).tolist() == [0.002, 0.002]
    assert physics.pass_overhead_s(np.array([1e9, 4e9]), 0.01, 0.5) == pytest.approx([0.01, 0.02], rel=1e-12)
    assert physics.passes_per_batch(np.array([10.0, 10.0]), 3.0, np.array([False, True])).tolist() == [11.0, 9.0]
    assert physics.attention_flops(16, 2048, 1000.0) == 4 * 16 * 2048 * 1000 ** 2
    assert physics.weights_read_s(2e9, 1e12) == 0.002


def test_one_spec_is_the_vector_computation_on_one_row(fixture_catalog, factors):
    hw = fixture_catalog.hardware["h100"]
    specs = [spec(fixture_catalog.hardware["a100"]),
             spec(hw, architecture="decoder", tokens_out=20, batch_size=Range(4, 8, 16),
                  params_total=Range(2e9, 4e9, 8e9), params_active=Range(1e9, 2e9, 4e9)),
             spec(hw, phase="fine-tune", epochs=3.0, layers=12, hidden_size=768)]
    assert estimator.estimate_many(specs, factors) == [estimator.estimate(s, factors) for s in specs]


def test_explanation_is_rendered_from_the_intermediates(fixture_catalog, factors):
    one = estimator.estimate(spec(fixture_catalog.hardware["a100"]), factors)
    values = one.intermediates.at(physics.MID, 0)
    assert (values.prefill_s, values.roofline_s, values.overhead_s) == pytest.approx((0.01, 0.001, 0.001), rel=1e-12)
    changed = replace(values, accelerator_j=123.0)  # a value the steps show, changed: the text follows it
    from recommender.footprint.explain import estimator_steps

    steps = estimator_steps(changed, hardware=one.spec.hardware, precision="fp16", architecture="encoder")
    assert steps[-4].startswith("accelerator per item = ") and steps[-4].endswith("= 123 J")
    assert one.steps[-4].endswith("= 0.3625 J")


def test_a_changed_fit_file_is_read_again(tmp_path):
    fit = tmp_path / "estimator_fit.json"
    fixture = Path(__file__).parent / "fixtures" / "catalog" / "estimator_fit.json"
    fit.write_text(fixture.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_factors(fit).compute_efficiency == 0.5
    fit.write_text(fixture.read_text(encoding="utf-8").replace('"compute_efficiency": 0.5',
                                                               '"compute_efficiency": 0.25'), encoding="utf-8")
    assert load_factors(fit).compute_efficiency == 0.25
