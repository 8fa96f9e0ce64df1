"""``frugal estimate`` and ``frugal estimator`` through click's CliRunner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from recommender.cli import cli

BASE = ["estimate", "--params", "1B", "--arch", "decoder", "--tokens-in", "10", "--hardware", "a100"]


def run(args):
    return CliRunner().invoke(cli, args)


def test_json_worked_example(fixture_catalog):
    # The encoder example of test_estimator (IT 562.5 J per 1,000 items... per item 0.5625 J) for 2,000
    # items: accelerator 0.3625 J × 2000 / 3600 Wh, host 0.2 J × 2000 / 3600 Wh; facility × PUE 1.5;
    # carbon × 50 g/kWh (FR); water = IT × 0.5 L/kWh (machine room WUE) + facility × 2 L/kWh (FR grid).
    result = run(["estimate", "--params", "1e9", "--arch", "encoder", "--tokens-in", "78", "--hardware", "a100",
                  "--batch-size", "10", "--precision", "fp16", "--items", "2000", "--pue", "1.5", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    band = 10 ** 0.5
    it = 0.5625 * 2000 / 3600                     # 0.3125 Wh
    expected = {"accelerator": 0.3625 * 2000 / 3600, "host": 0.2 * 2000 / 3600, "it": it, "facility": it * 1.5}
    for boundary, mid in expected.items():
        got = data["energy_wh"][boundary]
        assert got["mid"] == pytest.approx(mid, rel=1e-12)
        assert got["low"] == pytest.approx(mid / band, rel=1e-12)
        assert got["high"] == pytest.approx(mid * band, rel=1e-12)
    assert data["carbon_g"]["mid"] == pytest.approx(0.46875 * 50 / 1000, rel=1e-12)
    assert data["water_l"]["mid"] == pytest.approx(0.3125 * 0.5 / 1000 + 0.46875 * 2 / 1000, rel=1e-12)
    assert data["inputs"] == {
        "params": 1000000000, "active_params": 1000000000, "arch": "encoder", "task": None, "tokens_in": 78,
        "tokens_out": 0, "hardware": "a100", "gpus": 1, "gpus_chosen": True, "batch_size": 10,
        "precision": "fp16", "items": 2000, "pue": 1.5, "grid": "FR", "grid_intensity_g_per_kwh": 50.0,
        "wue_l_per_kwh": 0.5, "site": "local-datacenter",
    }
    assert data["calibration"]["factors"]["band_log10"] == 0.5
    assert "steps" not in data


def test_explain_prints_every_step_with_numbers(fixture_catalog):
    result = run(["estimate", "--params", "1e9", "--arch", "encoder", "--tokens-in", "78", "--hardware", "a100",
                  "--batch-size", "10", "--precision", "fp16", "--explain"])
    assert result.exit_code == 0, result.output
    assert "prefill per batch = max(10 × 2 × 1e+09 params × 78 tokens / 1.56e+14 FLOP/s, 2e+09 bytes / " \
           "1e+12 B/s) = 0.01 s" in result.output
    assert "accelerator per item = 1 × (50 W × 0.002 s + (400 − 50) W × (0.5 × 0.001 s + 0.25 × 0.001 s)) " \
           "= 0.3625 J" in result.output
    assert "facility = IT × PUE 1.5 = 0.2344 Wh" in result.output


def test_gpus_are_chosen_to_hold_the_weights(fixture_catalog):
    result = run(["estimate", "--params", "70B", "--arch", "decoder", "--tokens-in", "100", "--tokens-out", "10",
                  "--hardware", "a100", "--format", "json"])
    assert json.loads(result.output)["inputs"]["gpus"] == 3


def test_task_gives_the_default_tokens_out(fixture_catalog):
    task = fixture_catalog.tasks["summarization"]
    result = run(BASE + ["--task", "summarization", "--format", "json"])
    assert json.loads(result.output)["inputs"]["tokens_out"] == task.tokens_out


@pytest.mark.parametrize("extra, message", [
    (["--params", "0"], "Error: --params must be a positive number; got '0'."),
    (["--params", "abc"], "Error: --params must be a positive number such as 1000, 1e6 or 110M; got 'abc'."),
    (["--params", "-5"], "Error: --params must be a positive number such as 1000, 1e6 or 110M; got '-5'."),
    (["--active-params", "2B"], "Error: --active-params (2B) cannot exceed --params (1B)."),
    (["--tokens-in", "0"], "Error: --tokens-in must be a positive number; got '0'."),
    (["--tokens-out", "x"], "Error: --tokens-out must be a positive number such as 1000, 1e6 or 110M; got 'x'."),
    (["--items", "0"], "Error: --items must be a positive number; got '0'."),
    (["--items", "many"], "Error: --items must be a positive number such as 1000, 1e6 or 110M; got 'many'."),
    (["--batch-size", "0"], "Error: --batch-size must be a positive number; got '0'."),
    (["--batch-size", "-2"], "Error: --batch-size must be a positive number such as 1000, 1e6 or 110M; got '-2'."),
    (["--gpus", "0"], "Error: --gpus must be a positive number; got '0'."),
    (["--hardware", "tpu"], "Error: unknown hardware 'tpu'. Accepted: a100, cpu-workstation, h100."),
    (["--grid", "XX"], "Error: unknown grid zone 'XX'. Accepted: FR, US, WORLD."),
    (["--grid", "US", "--grid-intensity", "300"], "Error: give --grid or --grid-intensity, not both."),
    (["--arch", "encoder", "--tokens-out", "5"],
     "Error: --tokens-out does not apply to an encoder (it generates no tokens); use --arch decoder or "
     "encoder-decoder."),
    (["--arch", "rnn"], "Error: --arch must be one of encoder, decoder, encoder-decoder; got 'rnn'."),
    (["--precision", "fp64"], "Error: --precision must be one of fp32, fp16, bf16, fp8, int8, int4; got 'fp64'."),
    (["--pue", "0.5"], "Error: --pue must be at least 1 (facility energy ≥ IT energy); got '0.5'."),
    (["--task", "poetry"], "Error: unknown task 'poetry'."),
])
def test_bad_input_is_one_error_line_exit_2(fixture_catalog, extra, message):
    result = run(BASE + extra)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert "Traceback" not in result.output


def test_estimator_fit_check_reproduces_the_shipped_fit():
    pytest.importorskip("sklearn")
    result = run(["estimator", "fit", "--check"])
    assert result.exit_code == 0, result.output
    assert "is reproduced exactly." in result.output


def test_estimator_validate_reports_every_source_and_the_baseline():
    pytest.importorskip("sklearn")
    result = run(["estimator", "validate", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert [s["name"] for s in data["estimator"]] == [
        "Luccioni et al. 2024 (Table 3)", "Luccioni et al. 2024 raw logs", "ML.ENERGY Leaderboard v1",
        "ML.ENERGY Leaderboard v2", "overall"]
    overall = data["estimator"][-1]
    assert (overall["rows"], round(overall["median_abs_log10"], 3), round(overall["p90_abs_log10"], 3),
            round(overall["share_in_range"], 3)) == (58, 0.197, 0.365, 0.862)
    assert round(data["baseline"][-1]["median_abs_log10"], 3) == 1.104
