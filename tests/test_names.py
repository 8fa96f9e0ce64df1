"""Names people type: Hugging Face pipeline tags and common spellings of tasks, ISO 639-1 codes."""

import pytest
from click.testing import CliRunner

from recommender.catalog import Catalog
from recommender.cli import cli
from recommender.errors import InvalidInput
from recommender.usecases.names import TASK_ALIASES, language_code, task_id
from recommender.usecases.recommend import Query, recommend

SHIPPED_TASKS = tuple(Catalog.load().tasks)

ALIASES = [
    ("text-classification", "classification"), ("sentiment-analysis", "classification"),
    ("zero-shot-classification", "classification"),
    ("tabular-classification", "classification"), ("tabular-regression", "regression"),
    ("token-classification", "ner"), ("named-entity-recognition", "ner"), ("image-segmentation", "segmentation"),
    ("summarisation", "summarization"), ("relation-classification", "relation-extraction"),
    ("semantic-similarity", "sentence-similarity"), ("qa", "question-answering"),
    ("text2text-generation", "text-generation"), ("semantic-segmentation", "segmentation"),
    ("instance-segmentation", "segmentation"), ("object-detection", "detection"),
]


def test_every_alias_is_tested():
    assert dict(ALIASES) == TASK_ALIASES


@pytest.mark.parametrize("alias, task", ALIASES)
def test_an_alias_names_its_task(alias, task):
    assert task_id(alias, SHIPPED_TASKS) == task
    assert task_id(alias.upper(), SHIPPED_TASKS) == task


@pytest.mark.parametrize("typed, task", [("NER", "ner"), ("Summarization", "summarization"),
                                         ("Question Answering", "question-answering")])
def test_ids_are_case_insensitive(typed, task):
    assert task_id(typed, SHIPPED_TASKS) == task


def test_a_suggestion_goes_through_the_aliases():
    with pytest.raises(InvalidInput) as exc:
        task_id("token-clasification", SHIPPED_TASKS)
    assert str(exc.value).startswith("unknown task 'token-clasification'. Did you mean 'ner'? Accepted: ")


def test_recommend_and_the_command_accept_a_pipeline_tag(fixture_catalog):
    assert recommend(Query(task="Token-Classification", domain="biomed"), fixture_catalog).query.task == "ner"
    result = CliRunner().invoke(cli, ["recommend", "--task", "text-classification", "--domain", "biomed",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"task": "classification"' in result.stdout


@pytest.mark.parametrize("typed, code", [("fr", "fr"), ("FR", "fr"), ("En", "en"), (" de ", "de")])
def test_iso_639_1_codes_in_any_case(typed, code):
    assert language_code(typed) == code


@pytest.mark.parametrize("typed, message", [
    ("french", "unknown data language 'french'. Did you mean 'fr'? Accepted: an ISO 639-1 code (en, fr, de...)."),
    ("frnch", "unknown data language 'frnch'. Did you mean 'fr'? Accepted: an ISO 639-1 code (en, fr, de...)."),
    ("xx", "unknown data language 'xx'. Accepted: an ISO 639-1 code (en, fr, de...)."),
])
def test_a_language_that_is_not_a_code_is_refused_with_its_code(typed, message):
    with pytest.raises(InvalidInput) as exc:
        language_code(typed)
    assert str(exc.value) == message


def test_the_command_reads_fr_as_fr(fixture_catalog):
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed", "--data-lang",
                                      "FR", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"data_lang": "fr"' in result.stdout
    bad = CliRunner().invoke(cli, ["recommend", "--task", "ner", "--data-lang", "french"])
    assert bad.exit_code == 2
    assert bad.output.splitlines()[-1] == ("Error: Invalid value for '--data-lang': unknown data language 'french'. "
                                           "Did you mean 'fr'? Accepted: an ISO 639-1 code (en, fr, de...).")
