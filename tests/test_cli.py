import csv
import io
import json

import pytest
from click.testing import CliRunner

from recommender.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_recommend_table_lists_ranked_excluded_sources_and_notes(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Assumed text data (--data text|tabular|image to change)."
    assert lines[1] == "Assumed sensitive data, the safe default (--data-sensitivity public|internal if it is not)."
    assert lines[2] == ("Options for task classification, text data, domain biomed, language en, sensitive data, "
                        "use analysis, 10,000 items, grid FR (local runs), least resource-hungry first:")
    assert lines[3].split() == ["#", "Option", "Quality", "Energy", "per", "1k", "items", "Setup", "Total", "for",
                                "10,000", "items", "CO2e", "Water", "Notes"]
    assert lines[4].split() == ["1", "TF-IDF", "+", "logistic", "regression", "75*", "[1]", "0.020", "Wh", "measured",
                                "[2]", "2.5", "Wh", "measured", "[2]", "2.7", "Wh", "0.14", "g", "5.4", "mL"]
    assert lines[6].split() == ["2", "BioBERT", "v1.1", "82", "(best)", "[3]", "3.3", "Wh", "estimated", "[4]", "147",
                                "Wh", "estimated", "[4]", "180", "Wh", "(57–570)", "9.0", "g", "360", "mL"]
    assert "  sensitive-data-external-platform (Guidance §1, sensitive data): Mistral X, GPT-X" in lines
    assert "  [1] Paper C https://example.org/c" in lines
    assert "  [2] frugal bench (test)" in lines
    assert "  [5] Paper B https://example.org/b" in lines
    assert lines[-1] == ("Note (verification): Verify results: compare across data sets and across algorithms, "
                         "and document biases.")


def test_recommend_explain_shows_every_step(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--explain")
    assert result.exit_code == 0
    tail = result.output.split("Why this order:\n", 1)[1].splitlines()
    assert tail[:6] == [
        "1. TF-IDF + logistic regression",
        "   - least total energy for the volume: 2.7 Wh (mid)",
        "   - quality unknown on the reference benchmark",
        "   - use energy, measured:",
        "       measured figure: 0.02 Wh per 1,000 items at the it boundary on cpu-workstation (frugal bench (test))",
        "       IT → facility: × PUE 1 (Office) = 0.02 Wh per 1,000 items",
    ]


def test_recommend_json_is_stable(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--format", "json",
                 "--volume", "1e6", "--data-sensitivity", "internal")
    data = json.loads(result.output)
    assert list(data) == ["frugal_version", "query", "workload", "assumptions", "reference_benchmark",
                          "options", "excluded", "notes"]
    first = data["options"][0]
    assert first["id"] == "tfidf-logreg" and first["rank"] == 1
    assert first["energy_use_wh"] == {"low": 18.0, "mid": 20.0, "high": 22.0}
    assert first["energy_setup_wh"] == {"low": 2.5, "mid": 2.5, "high": 2.5}
    assert first["carbon_g"] == {"low": 1.0250, "mid": 1.125, "high": 1.225}
    assert data["query"]["volume"] == 1_000_000 and data["query"]["data_sensitivity"] == "internal"
    gpt = next(o for o in data["options"] if o["id"] == "gpt-x")
    assert [f["code"] for f in gpt["findings"]] == ["api-use-dpia", "paid-subscription-sovereign-only",
                                                   "frugality-first"]


def test_recommend_csv_has_one_row_per_option(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows][:1] == ["tfidf-logreg"]
    assert rows[0]["energy_total_wh"] == "2.7" and rows[0]["carbon_g"] == "0.135"
    assert {r["excluded_by"] for r in rows[3:]} == {"sensitive-data-external-platform"}


def test_recommend_markdown_is_a_table(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--format", "markdown")
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| # |"))
    assert lines[header] == ("| # | Option | Quality | Energy per 1k items | Setup | Total for 10,000 items | CO2e | "
                             "Water | Notes |")
    assert lines[header + 2] == ("| 1 | TF-IDF + logistic regression<br>tfidf-logreg | 75* [1] | 0.020 Wh measured [2] | "
                                 "2.5 Wh measured [2] | 2.7 Wh | 0.14 g | 5.4 mL |  |")


@pytest.mark.parametrize("args, message", [
    (["--task", "clasification"], "Error: unknown task 'clasification'. Did you mean 'classification'? "
                                  "Accepted: classification, ner, summarization."),
    (["--task", "ner", "--domain", "biomd"], "Error: unknown domain 'biomd'. Did you mean 'biomed'? "
                                             "Accepted: biomed, clinical, general."),
    (["--task", "ner", "--hardware", "a10"], "Error: unknown hardware 'a10'. Did you mean 'a100'? "
                                            "Accepted: a100, cpu-workstation, h100."),
    (["--task", "ner", "--grid", "FRA"], "Error: unknown grid zone 'FRA'. Did you mean 'FR'? Accepted: FR, US, WORLD."),
    (["--task", "ner", "--volume", "-5"], "Error: Invalid value for '--volume': must be a positive number such as "
                                         "1000, 1e6 or 110M; got '-5'."),
    (["--task", "ner", "--volume", "lots"], "Error: Invalid value for '--volume': must be a positive number such as "
                                           "1000, 1e6 or 110M; got 'lots'."),
    (["--task", "ner", "--min-quality", "50", "--tolerance", "2"], "Error: give --min-quality or --tolerance, not both."),
    (["--task", "ner", "--data", "audio"], "Error: Invalid value for '--data': 'audio' is not one of 'text', "
                                          "'tabular', 'image'."),
    ([], "Error: Missing option '--task'."),
])
def test_bad_input_gets_one_error_line_and_exit_2(fixture_catalog, args, message):
    result = run("recommend", *args)
    assert result.exit_code == 2
    assert result.output.strip() == message


def test_catalog_show_and_list(fixture_catalog):
    shown = run("catalog", "show", "biobert")
    assert shown.exit_code == 0
    assert "BioBERT v1.1 (biobert)" in shown.output and "BENCH/A" in shown.output
    listed = run("catalog", "list", "--family", "encoder", "--format", "csv")
    assert listed.output.splitlines() == ["id,name,family,params,hosting,setup,tasks",
                                          "biobert,BioBERT v1.1,encoder,110000000,local,fine-tune,classification;ner"]
    bad = run("catalog", "list", "--family", "encoders")
    assert bad.exit_code == 2
    assert bad.output.strip() == ("Error: unknown family 'encoders'. Did you mean 'encoder'? Accepted: classic-ml, "
                                  "encoder, hosted, light-dnn, llm, small-lm.")
    missing = run("catalog", "show", "gpt5")
    assert missing.exit_code == 2 and missing.output.startswith("Error: unknown model 'gpt5'.")


def test_a_broken_catalog_is_a_failure_not_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "tasks.csv").write_text("id\n")
    monkeypatch.setenv("FRUGAL_CATALOG", str(tmp_path))
    result = run("recommend", "--task", "ner")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'tasks.csv'}: header must be id,name,data_kinds,")
