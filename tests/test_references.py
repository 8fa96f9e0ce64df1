"""One reference benchmark per question, like compared with like (catalog/references.csv)."""

import shutil

from recommender.catalog import Catalog
from recommender.guidance.quality import best_scores, is_fallback, reference_benchmark
from recommender.usecases.recommend import Query, recommend

from conftest import FIXTURE_CATALOG

EVERY = {"tfidf-logreg", "biobert", "tiny-llm", "gpt-x", "mistral-x"}


def edited_fixture(tmp_path, old, new):
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, target)
    path = target / "quality.csv"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return Catalog.load(target)


def test_the_table_row_is_the_reference_of_its_question(fixture_catalog):
    reference = reference_benchmark(fixture_catalog, EVERY, "classification", "biomed", "EN")
    assert reference.comparison_key == ("BENCH/A", "micro F1", "test")
    assert reference.reason == "The fixture benchmark both fixture options are scored on."
    assert not is_fallback(reference)


def test_without_a_row_the_most_scored_benchmark_is_the_reference_and_says_so(fixture_catalog):
    reference = reference_benchmark(fixture_catalog, EVERY, "classification", "clinical", "en")
    assert reference.comparison_key == ("BENCH/C", "accuracy", "test")
    assert is_fallback(reference)
    assert reference.reason == ("no reference for this question in catalog/references.csv: the benchmark, "
                                "metric and split that score the most options")


def test_without_a_row_and_without_scores_no_benchmark_serves(fixture_catalog):
    reference = reference_benchmark(fixture_catalog, EVERY, "summarization", "general", "en")
    assert reference.benchmark == "" and is_fallback(reference)


def test_the_best_scores_are_those_on_the_same_benchmark_metric_and_split(fixture_catalog):
    reference = reference_benchmark(fixture_catalog, EVERY, "classification", "biomed")
    scores = {m: q.score for m, q in best_scores(fixture_catalog, "classification", reference).items()}
    assert scores == {"biobert": 82, "tiny-llm": 70, "gpt-x": 85}


def test_a_score_on_a_200_item_subset_is_not_compared_with_the_full_test_set(tmp_path):
    catalog = edited_fixture(tmp_path, "micro F1,85,zero-shot,,test,", "micro F1,85,zero-shot,,test-200,")
    reference = reference_benchmark(catalog, EVERY, "classification", "biomed")
    assert set(best_scores(catalog, "classification", reference)) == {"biobert", "tiny-llm"}


def test_a_macro_f1_is_not_compared_with_a_micro_f1(tmp_path):
    catalog = edited_fixture(tmp_path, "BENCH/A,micro F1,85,", "BENCH/A,macro F1,85,")
    reference = reference_benchmark(catalog, EVERY, "classification", "biomed")
    assert set(best_scores(catalog, "classification", reference)) == {"biobert", "tiny-llm"}


def test_a_score_flagged_not_comparable_is_never_compared(tmp_path):
    catalog = edited_fixture(tmp_path, "Paper A,https://example.org/a,secondary,",
                             "Paper A,https://example.org/a,secondary;not-comparable,")
    reference = reference_benchmark(catalog, EVERY, "classification", "biomed")
    assert set(best_scores(catalog, "classification", reference)) == {"tiny-llm", "gpt-x"}


def test_recommend_uses_the_questions_reference(fixture_catalog):
    result = recommend(Query(task="classification", domain="biomed", data_sensitivity="public"), fixture_catalog)
    assert result.benchmark == "BENCH/A"
    assert result.reference.reason == "The fixture benchmark both fixture options are scored on."


def test_the_shipped_references_answer_the_ten_questions():
    catalog = Catalog.load()
    ner = recommend(Query(task="ner", domain="biomed", data_sensitivity="public"), catalog)
    assert ner.benchmark == "NCBI-disease"
    french = recommend(Query(task="ner", domain="biomed", data_lang="fr", data_sensitivity="public"), catalog)
    assert french.benchmark == "QUAERO EMEA (100 training sentences)"
    clinical = recommend(Query(task="classification", domain="clinical", data_sensitivity="public"), catalog)
    assert clinical.reference.comparison_key == ("ClinicRealm in-hospital mortality from notes (MIMIC-IV)", "AUROC",
                                                 "test")
    qa = recommend(Query(task="question-answering", domain="biomed", data_sensitivity="public"), catalog)
    assert qa.benchmark == "MedQA (4-option)"
    assert {o.model.id: o.quality.score.score for o in (*qa.ranked, *qa.short_of_quality)
            if o.model.id in ("biolinkbert-large", "gpt-4") and o.quality.score} == \
        {"biolinkbert-large": 44.6, "gpt-4": 81.4}
