"""``frugal bench export --format boamps``: one BoAmps report per measurement, valid against Boavizta's
schemas (tests/data/boamps, their source and commit in its README)."""

import json
from pathlib import Path

import pytest
from bench_helpers import SPIN, invoke

SCHEMAS = Path(__file__).parent / "data" / "boamps"


def validator():
    jsonschema = pytest.importorskip("jsonschema")
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    schemas = [json.loads(p.read_text()) for p in sorted(SCHEMAS.glob("*_schema.json"))]
    registry = Registry().with_resources(
        (s["id"], Resource.from_contents(s, default_specification=DRAFT4)) for s in schemas)
    report = next(s for s in schemas if s["id"].endswith("/report_schema.json"))
    return jsonschema.Draft4Validator(report, registry=registry)


def test_the_schemas_reject_what_they_should():
    v = validator()
    assert not v.is_valid({"task": {}, "measures": [], "infrastructure": {}})  # required fields missing
    assert v.is_valid({"task": {"taskStage": "inference", "taskFamily": "x", "algorithms": [{}],
                                "dataset": [{"dataUsage": "input", "dataType": "text"}]},
                       "measures": [{"measurementMethod": "m", "powerConsumption": 1.0}],
                       "infrastructure": {"infraType": "onPremise", "components": [{"componentType": "cpu", "nbComponent": 1}]}})


def test_bench_export_boamps_writes_valid_reports(fixed_machine, tmp_path):
    assert invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--threads", "1",
                  "--repeat-seconds", "0").exit_code == 0
    out = tmp_path / "boamps"
    result = invoke("bench", "export", "--format", "boamps", "--output", str(out))
    assert result.exit_code == 0, result.output
    assert result.output == f"Wrote 2 BoAmps reports to {out}.\n"
    reports = [json.loads(p.read_text()) for p in sorted(out.glob("*.json"))]
    assert len(reports) == 2
    v = validator()
    for r in reports:
        assert not list(v.iter_errors(r)), list(v.iter_errors(r))
    by_stage = {r["task"]["taskStage"]: r for r in reports}
    assert set(by_stage) == {"training", "inference"}
    inference = by_stage["inference"]
    assert inference["task"]["nbRequest"] == 1000
    assert inference["measures"][0]["powerConsumption"] == pytest.approx(0.25 / 1000)  # 0.25 Wh per 1,000 items, in kWh
    assert inference["measures"][0]["measurementMethod"] == "fake"
    assert inference["infrastructure"]["components"][0] == {"componentName": "Test CPU 9000", "componentType": "cpu",
                                                             "nbComponent": 1}
    assert inference["environment"]["country"] == "FRA"
    assert "measuredAccuracy" not in inference["task"]
    again = tmp_path / "again"
    invoke("bench", "export", "--format", "boamps", "--output", str(again))
    assert sorted(p.name for p in again.glob("*.json")) == sorted(p.name for p in out.glob("*.json"))  # stable ids


def test_boamps_export_needs_a_folder(fixed_machine):
    assert invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--repeat-seconds", "0").exit_code == 0
    result = invoke("bench", "export", "--format", "boamps")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == "Error: --format boamps writes one file per measurement: give --output FOLDER."


def test_trial_boamps_carries_the_measured_accuracy(tmp_path, monkeypatch):
    pytest.importorskip("sklearn")
    pytest.importorskip("pandas")
    import csv

    from click.testing import CliRunner

    from recommender.cli import cli

    monkeypatch.setenv("FRUGAL_METER", "fake")
    monkeypatch.setenv("FRUGAL_HOME", str(tmp_path / "home"))
    data = tmp_path / "notes.csv"
    with open(data, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["text", "label"])
        w.writerows((f"{'good fine nice' if i % 2 else 'bad poor sad'} note {i % 7}", "good" if i % 2 else "bad")
                    for i in range(120))
    args = ["trial", "--data", str(data), "--target", "label", "--format"]
    boamps = CliRunner().invoke(cli, [*args, "boamps"])
    assert boamps.exit_code == 0, boamps.output
    reports = [json.loads(line) for line in boamps.stdout.splitlines()]
    rungs = {r["id"]: r for r in json.loads(CliRunner().invoke(cli, [*args, "json"]).stdout)["rungs"] if r["status"] == "done"}
    assert len(reports) == 2 * len(rungs)  # a training and an inference report per rung
    v = validator()
    for r in reports:
        assert not list(v.iter_errors(r)), list(v.iter_errors(r))
        rung = rungs[r["task"]["algorithms"][0]["algorithmName"]]
        assert r["task"]["measuredAccuracy"] == rung["secondary"]  # accuracy, the trial's secondary metric
        kwh = rung["fit_wh"] if r["task"]["taskStage"] == "training" else rung["predict_wh_per_1k"]
        assert r["measures"][0]["powerConsumption"] == pytest.approx(kwh / 1000)
