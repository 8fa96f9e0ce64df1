"""docs/json.md lists exactly the keys and CSV columns the commands emit, in their order."""

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.cli import cli

DOC = (Path(__file__).parent.parent / "docs" / "json.md").read_text()


def documented_keys(name: str) -> list[str]:
    """The backticked keys in the first column of the table under ``<!-- keys: name -->``."""
    after = DOC.split(f"<!-- keys: {name} -->\n", 1)[1]
    rows = after.split("\n\n", 1)[0].splitlines()[2:]  # the table, less its header and separator
    return [key for row in rows for key in re.findall(r"`([^`]+)`", row.split(" | ")[0])]


def documented_columns(name: str) -> list[str]:
    after = DOC.split(f"<!-- columns: {name} -->\n", 1)[1]
    return [c.strip() for c in after.split("\n\n", 1)[0].replace("`", "").replace("\n", " ").split(",")]


def emitted(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_documented_object_has_its_table():
    names = re.findall(r"<!-- keys: ([\w.]+) -->", DOC)
    assert names == ["recommend", "recommend.query", "recommend.workload", "option", "recommend.options",
                     "option.impacts", "option.quality", "option.basis", "option.finding", "recommend.note", "compare", "compare.rows",
                     "compare.left_out", "estimate", "estimate.inputs", "estimate.calibration"]
    assert all(documented_keys(name) for name in names)


def test_recommend_json_keys_are_the_documented_ones(fixture_catalog):
    data = json.loads(emitted("recommend", "--task", "classification", "--domain", "biomed", "--format", "json"))
    assert list(data) == documented_keys("recommend")
    assert list(data["query"]) == documented_keys("recommend.query")
    assert list(data["workload"]) == documented_keys("recommend.workload")
    option = documented_keys("option")
    assert data["options"] and data["excluded"]
    assert all(list(o) == [*option, *documented_keys("recommend.options")] for o in data["options"])
    assert all(list(o) == option for o in data["excluded"])
    everything = [*data["options"], *data["excluded"]]
    assert list(next(o["quality"] for o in everything if o["quality"])) == documented_keys("option.quality")
    bases = [o[k] for o in everything for k in ("energy_use_basis", "energy_setup_basis") if o[k]]
    assert bases and all(list(b) == documented_keys("option.basis") for b in bases)
    findings = [f for o in everything for f in o["findings"]]
    assert findings and all(list(f) == documented_keys("option.finding") for f in findings)
    assert data["notes"] and all(list(n) == documented_keys("recommend.note") for n in data["notes"])


def test_compare_json_keys_are_the_documented_ones(fixture_catalog):
    data = json.loads(emitted("compare", "biobert", "mistral-x", "--task", "ner", "--format", "json"))
    assert list(data) == documented_keys("compare")
    assert list(data["query"]) == documented_keys("recommend.query")
    assert list(data["workload"]) == documented_keys("recommend.workload")
    row_keys = [*documented_keys("option"), *documented_keys("compare.rows")]
    assert data["rows"] and all(list(row) == row_keys for row in data["rows"])
    assert data["left_out"] and all(list(m) == documented_keys("compare.left_out") for m in data["left_out"])


def test_estimate_json_keys_are_the_documented_ones():
    args = ("estimate", "--params", "8B", "--arch", "decoder", "--tokens-in", "500", "--tokens-out", "200",
            "--hardware", "a100", "--format", "json")
    data = json.loads(emitted(*args, "--explain"))
    assert list(data) == documented_keys("estimate")
    assert list(json.loads(emitted(*args))) == [k for k in documented_keys("estimate") if k != "steps"]
    assert list(data["inputs"]) == documented_keys("estimate.inputs")
    assert list(data["energy_wh"]) == ["accelerator", "host", "it", "facility"]
    assert list(data["calibration"]) == documented_keys("estimate.calibration")


@pytest.mark.parametrize("command", [
    ("recommend", "--task", "classification", "--domain", "biomed"),
    ("compare", "biobert", "tfidf-logreg", "gpt-x", "--task", "classification"),
], ids=["recommend", "compare"])
def test_csv_columns_are_the_documented_ones(fixture_catalog, command):
    header = next(csv.reader(io.StringIO(emitted(*command, "--format", "csv"))))
    assert header == documented_columns(command[0])
