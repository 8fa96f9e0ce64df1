"""``frugal catalog list | show | tasks | zones``: whole tables, against the fixture catalog's CSV rows
(tests/fixtures/catalog/). Trailing blanks of a table line are not part of what is compared."""

from __future__ import annotations

from click.testing import CliRunner

from recommender.cli import cli


def lines(*args) -> list[str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return [line.rstrip() for line in result.output.splitlines()]


def test_list_is_lightest_family_first_with_readable_counts(fixture_catalog):
    assert lines("catalog", "list") == [
        "id            name                          family      params  hosting             setup      tasks",
        "tfidf-logreg  TF-IDF + logistic regression  classic-ml  100k    local               fit        classification",
        "biobert       BioBERT v1.1                  encoder     110M    local               fine-tune  "
        "classification, ner",
        "tiny-llm      Tiny LLM 1B                   small-lm    1B      local               zero-shot  "
        "classification, ner, summarization",
        "mistral-x     Mistral X                     hosted      100B    external-sovereign  zero-shot  "
        "classification, summarization",
        "gpt-x         GPT-X                         hosted      1T      external            zero-shot  "
        "classification, ner, summarization",
        "5 models. frugal catalog show ID for details and sources.",
    ]


def test_list_filters_and_machine_formats_keep_exact_counts(fixture_catalog):
    assert lines("catalog", "list", "--task", "ner", "--family", "encoder", "--format", "csv") == [
        "id,name,family,params,hosting,setup,tasks",
        "biobert,BioBERT v1.1,encoder,110000000,local,fine-tune,classification;ner",
    ]


def test_show_lists_facts_quality_and_energy_with_sources(fixture_catalog):
    assert lines("catalog", "show", "tfidf-logreg") == [
        "TF-IDF + logistic regression (tfidf-logreg)",
        "field          value",
        "id             tfidf-logreg",
        "name           TF-IDF + logistic regression",
        "family         classic-ml",
        "architecture   linear",
        "params_total   100000",
        "params_method  estimated",
        "params_source  test",
        "tasks          classification",
        "data_kinds     text",
        "domains        general",
        "languages      multi",
        "licence        bsd-3-clause",
        "hosting        local",
        "provider       scikit-learn",
        "hardware       cpu-workstation",
        "setup          fit",
        "",
        "Quality (1 published scores)",
        "task            domain    benchmark  metric    score  flags  source   url",
        "classification  clinical  BENCH/C    accuracy  75            Paper C  https://example.org/c",
        "",
        "Energy (2 figures; others are estimated)",
        "phase      task            hardware         boundary  Wh per 1k  method    source               date",
        "inference  classification  cpu-workstation  it        0.02       measured  frugal bench (test)  2026-11-01",
        "fit        classification  cpu-workstation  it        0.5        measured  frugal bench (test)  2026-11-01",
    ]


def test_show_of_a_model_without_energy_figures_says_they_are_estimated(fixture_catalog):
    shown = lines("catalog", "show", "biobert")
    assert shown[-5:] == [
        "task            domain  benchmark  metric    score  flags      source   url",
        "classification  biomed  BENCH/A    micro F1  82     secondary  Paper A  https://example.org/a",
        "",
        "Energy (0 figures; others are estimated)",
        "phase  task  hardware  boundary  Wh per 1k  method  source  date",
    ]
    assert shown[:2] == ["BioBERT v1.1 (biobert)", "field           value"]
    assert "hf_repo         dmis-lab/biobert-v1.1" in shown


def test_tasks_lists_typical_lengths(fixture_catalog):
    assert lines("catalog", "tasks") == [
        "id              name                      data                default_data  tokens_in  tokens_out",
        "classification  Classification            text;tabular;image  text          300        5",
        "ner             Named-entity recognition  text                text          300        100",
        "summarization   Summarization             text                text          1000       150",
    ]
    assert lines("catalog", "tasks", "--format", "csv") == [
        "id,name,data,default_data,tokens_in,tokens_out",
        "classification,Classification,text;tabular;image,text,300,5",
        "ner,Named-entity recognition,text,text,300,100",
        "summarization,Summarization,text,text,1000,150",
    ]


def test_zones_list_carbon_and_water_intensity(fixture_catalog):
    assert lines("catalog", "zones") == [
        "zone   name           carbon_g_per_kwh  water_l_per_kwh  year  source",
        "FR     France         50.0              2.0              2024  test",
        "US     United States  400.0             3.0              2024  test",
        "WORLD  World          480.0                              2024  test",
    ]
    assert lines("catalog", "zones", "--format", "csv") == [
        "zone,name,carbon_g_per_kwh,water_l_per_kwh,year,source",
        "FR,France,50.0,2.0,2024,test",
        "US,United States,400.0,3.0,2024,test",
        "WORLD,World,480.0,,2024,test",
    ]
