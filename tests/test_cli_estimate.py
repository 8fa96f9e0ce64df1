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
        "tokens_out": 0, "gflops_per_item": None, "flops_per_item": None, "resolution": None, "phase": "inference",
        "epochs": None, "hardware": "a100", "gpus": 1, "gpus_chosen": True, "batch_size": 10,
        "precision": "fp16", "items": 2000, "pue": 1.5, "grid": "FR", "grid_intensity_g_per_kwh": 50.0,
        "water_zone": "FR", "water_l_per_kwh": 2.0, "wue_l_per_kwh": 0.5, "site": "local-datacenter",
    }
    assert data["calibration"]["factors"]["band_log10"] == 0.5
    assert "steps" not in data


def test_explain_prints_every_step_with_numbers(fixture_catalog):
    result = run(["estimate", "--params", "1e9", "--arch", "encoder", "--tokens-in", "78", "--hardware", "a100",
                  "--batch-size", "10", "--precision", "fp16", "--explain"])
    assert result.exit_code == 0, result.output
    assert "prefill per batch = max(10 × 2 × 1,000,000,000 params × 78 tokens / 1.56×10¹⁴ FLOP/s, " \
           "2,000,000,000 bytes / 1×10¹² B/s) = 0.01 s" in result.output  # no exponent for people
    assert "accelerator per item = 1 × (50 W × 0.002 s + (400 − 50) W × (0.5 × 0.001 s + 0.25 × 0.001 s)) " \
           "= 0.3625 J" in result.output
    assert "facility = IT × PUE 1.5 = 0.2344 Wh" in result.output


def test_explain_ends_with_the_job_carbon_and_water(fixture_catalog):
    result = run(["estimate", "--params", "1e9", "--arch", "encoder", "--tokens-in", "78", "--hardware", "a100",
                  "--batch-size", "10", "--precision", "fp16", "--explain"])
    assert result.output.splitlines()[-3:] == [
        "  14. for 1000 items: IT = 0.1562 Wh per 1,000 × 1000 / 1000 = 0.1562 Wh; "
        "facility = IT × PUE 1.5 = 0.2344 Wh",
        "  15. carbon = 0.2344 Wh × 50 g/kWh (grid FR) / 1000 = 0.01172 g CO2e",
        # 0.234375 Wh × (0.5 / 1.5 + 2) L/kWh / 1000 = 0.000546875 L
        "  16. water = 0.2344 Wh × (WUE 0.5 L/kWh / PUE 1.5 + 2 L/kWh off-site, grid FR) / 1000 = 0.0005469 L",
    ]


GRID_INTENSITY_300 = ["--grid-intensity", "300", "--format", "json"]


def test_grid_intensity_replaces_carbon_only_in_estimate_and_recommend_alike(fixture_catalog):
    # frugal estimate: the worked example above, facility 0.46875 Wh. Carbon at the user's 300 g/kWh;
    # water still from the FR grid (2 L/kWh off-site) and the machine room (WUE 0.5, PUE 1.5).
    result = run(["estimate", "--params", "1e9", "--arch", "encoder", "--tokens-in", "78", "--hardware", "a100",
                  "--batch-size", "10", "--precision", "fp16", "--items", "2000", "--pue", "1.5",
                  *GRID_INTENSITY_300])
    data = json.loads(result.output)
    assert data["carbon_g"]["mid"] == pytest.approx(0.46875 * 300 / 1000, rel=1e-12)            # 0.140625 g
    assert data["water_l"]["mid"] == pytest.approx(0.46875 * (0.5 / 1.5 + 2) / 1000, rel=1e-12)  # 1.09375 mL
    assert (data["inputs"]["grid"], data["inputs"]["grid_intensity_g_per_kwh"], data["inputs"]["water_zone"]) == \
        (None, 300.0, "FR")
    # frugal recommend: TF-IDF + logistic regression, measured 2.7 Wh for 10,000 items in the office
    # (PUE 1, WUE 0): carbon at 300 g/kWh, water from the FR grid, the same two formulas
    result = run(["recommend", "--task", "classification", "--domain", "biomed"] + GRID_INTENSITY_300)
    tfidf = next(o for o in json.loads(result.output)["options"] if o["id"] == "tfidf-logreg")
    assert tfidf["carbon_g"]["mid"] == pytest.approx(2.7 * 300 / 1000, rel=1e-12)               # 0.81 g
    assert tfidf["water_l"]["mid"] == pytest.approx(2.7 * (0 / 1 + 2) / 1000, rel=1e-12)         # 5.4 mL
    # --grid chooses the zone of water (and of carbon when no intensity is given)
    result = run(BASE + ["--grid", "US"] + GRID_INTENSITY_300)
    assert json.loads(result.output)["inputs"]["water_zone"] == "US"


def test_gpus_are_chosen_to_hold_the_weights(fixture_catalog):
    result = run(["estimate", "--params", "70B", "--arch", "decoder", "--tokens-in", "100", "--tokens-out", "10",
                  "--hardware", "a100", "--format", "json"])
    assert json.loads(result.output)["inputs"]["gpus"] == 3


def test_task_gives_the_default_tokens_out(fixture_catalog):
    task = fixture_catalog.tasks["summarization"]
    result = run(BASE + ["--task", "summarization", "--format", "json"])
    assert json.loads(result.output)["inputs"]["tokens_out"] == task.tokens_out


@pytest.mark.parametrize("extra, message", [
    (["--params", "0"], "Error: Invalid value for '--params': must be a positive number; got '0'."),
    (["--params", "abc"],
     "Error: Invalid value for '--params': must be a positive number such as 1000, 1e6 or 110M; got 'abc'."),
    (["--params", "-5"],
     "Error: Invalid value for '--params': must be a positive number such as 1000, 1e6 or 110M; got '-5'."),
    (["--active-params", "2B"], "Error: --active-params (2B) cannot exceed --params (1B)."),
    (["--tokens-in", "0"], "Error: Invalid value for '--tokens-in': must be a positive number; got '0'."),
    (["--tokens-out", "x"],
     "Error: Invalid value for '--tokens-out': must be a positive number such as 1000, 1e6 or 110M; got 'x'."),
    (["--items", "0"], "Error: Invalid value for '--items': must be a positive number; got '0'."),
    (["--items", "many"],
     "Error: Invalid value for '--items': must be a positive number such as 1000, 1e6 or 110M; got 'many'."),
    (["--batch-size", "0"], "Error: Invalid value for '--batch-size': must be a positive number; got '0'."),
    (["--batch-size", "-2"],
     "Error: Invalid value for '--batch-size': must be a positive number such as 1000, 1e6 or 110M; got '-2'."),
    (["--gpus", "0"], "Error: Invalid value for '--gpus': must be a positive number; got '0'."),
    (["--hardware", "cpu-workstation", "--gpus", "2"],
     "Error: --gpus does not apply to the CPU profile 'cpu-workstation'; got '2'."),
    (["--hardware", "tpu"], "Error: unknown hardware 'tpu'. Accepted: a100, cpu-workstation, h100."),
    (["--grid", "XX"], "Error: unknown grid zone 'XX'. Accepted: FR, US, WORLD."),
    (["--grid-intensity", "-1"], "Error: Invalid value for '--grid-intensity': must be a positive number; got '-1'."),
    (["--arch", "encoder", "--tokens-out", "5"],
     "Error: --tokens-out does not apply to an encoder (it generates no tokens); use --arch decoder or "
     "encoder-decoder."),
    (["--arch", "rnn"],
     "Error: Invalid value for '--arch': 'rnn' is not one of 'encoder', 'decoder', 'encoder-decoder', 'cnn', 'unet', "
     "'vit'."),
    (["--precision", "fp64"],
     "Error: Invalid value for '--precision': 'fp64' is not one of 'fp32', 'fp16', 'bf16', 'fp8', 'int8', 'int4'."),
    (["--pue", "0.5"], "Error: --pue must be at least 1 (facility energy ≥ IT energy); got '0.5'."),
    (["--pue", "abc"], "Error: Invalid value for '--pue': must be a positive number; got 'abc'."),
    (["--task", "poetry"], "Error: unknown task 'poetry'."),
])
def test_bad_input_is_one_error_line_exit_2(fixture_catalog, extra, message):
    result = run(BASE + extra)
    assert result.exit_code == 2
    assert result.output.startswith(message)
    assert result.output.count("\n") == 1 and "Traceback" not in result.output


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
        "Luccioni et al. 2024 (Table 3)", "Luccioni et al. 2024 raw logs", "Luccioni et al. 2024 raw logs (images)",
        "ML.ENERGY Leaderboard v1", "ML.ENERGY Leaderboard v2", "frugal bench vision-cpu (this project)", "overall",
        "image rows"]
    overall, images = data["estimator"][-2], data["estimator"][-1]
    assert (overall["rows"], round(overall["median_abs_log10"], 3), round(overall["p90_abs_log10"], 3),
            round(overall["share_in_range"], 3)) == (80, 0.211, 0.466, 0.85)
    assert (images["rows"], round(images["median_abs_log10"], 3), round(images["p90_abs_log10"], 3)) == \
        (22, 0.209, 0.676)
    assert round(data["baseline"][-2]["median_abs_log10"], 3) == 0.567
