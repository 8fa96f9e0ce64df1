"""The classic tagger of the NER ladder: a linear-chain CRF (sklearn-crfsuite) on hand-made features,
its generated data, and its bench suite (benchmarks/taggers-cpu.toml) run with the fake meter."""

from pathlib import Path

import pytest

from bench_helpers import invoke
from recommender.baselines import CRF, sentence_features, token_features
from recommender.measure.suites import load_suite
from recommender.measure.workloads import ENTITY_WORDS, generated_tagged_text

SUITE = Path(__file__).parents[1] / "benchmarks" / "taggers-cpu.toml"


def test_token_features_are_the_hand_made_ones():
    assert token_features(["The", "BRCA1", "gene", "x-ray"], 1) == {
        "bias": 1.0, "lower": "brca1", "suffix2": "A1", "suffix3": "CA1", "upper": True, "title": False,
        "digit": False, "hyphen": False, "previous": "the", "next": "gene"}
    assert token_features(["The", "BRCA1"], 0)["previous"] == "<s>"
    assert token_features(["The", "BRCA1"], 1)["next"] == "</s>"
    assert token_features(["x-ray"], 0)["hyphen"] is True


def test_generated_tagged_text_is_reproducible_and_well_formed():
    words, tags = generated_tagged_text(20, 50)
    assert (words, tags) == generated_tagged_text(20, 50)
    assert all(len(s) == 50 for s in words) and all(len(t) == 50 for t in tags)
    for sentence, labels in zip(words, tags):
        for i, (word, label) in enumerate(zip(sentence, labels)):
            assert isinstance(word, str)
            assert (label != "O") == word.startswith("Gene")  # entity words are the Gene0..Gene199 ones
            if label == "I-ENT":
                assert labels[i - 1] in ("B-ENT", "I-ENT")
    entity_words = {w for s in words for w in s if w.startswith("Gene")}
    assert entity_words <= {f"Gene{i}" for i in range(ENTITY_WORDS)}


def test_the_crf_learns_the_generated_entities():
    pytest.importorskip("sklearn_crfsuite")
    from recommender.baselines import crf_tagger

    train_words, train_tags = generated_tagged_text(60, 40, seed=1)
    test_words, test_tags = generated_tagged_text(20, 40, seed=2)
    model = crf_tagger().fit([sentence_features(s) for s in train_words], train_tags)
    assert model.get_params()["c1"] == CRF["c1"] and model.get_params()["max_iterations"] == 50
    predicted = model.predict([sentence_features(s) for s in test_words])
    pairs = [(p, t) for ps, ts in zip(predicted, test_tags) for p, t in zip(ps, ts)]
    # entity words are distinctive: every O is found, and nearly every entity token is tagged an entity
    assert all(p == "O" for p, t in pairs if t == "O")
    entity = [(p, t) for p, t in pairs if t != "O"]
    assert sum(p != "O" for p, _ in entity) / len(entity) > 0.95


def test_the_taggers_suite_runs_with_the_fake_meter(fixed_machine):
    suite = load_suite(str(SUITE))
    [entry] = suite.entries
    assert (entry.model, entry.task, entry.kind, entry.phases) == ("crf-tagger", "ner", "crf", ("fit", "inference"))
    pytest.importorskip("sklearn_crfsuite")
    result = invoke("bench", "--suite", str(SUITE), "--hardware", "cpu-workstation", "--threads", "1",
                    "--repeat-seconds", "0", "--allow-foreign-load")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert [line.split()[:3] for line in lines if line.startswith("crf-tagger")] == [
        ["crf-tagger", "ner", "fit"], ["crf-tagger", "ner", "inference"]]
    assert lines[-2].startswith("Recorded 2 measurements in ")


def test_a_tagger_entry_for_another_model_is_refused(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(SUITE.read_text().replace('model = "crf-tagger"', 'model = "tfidf-logreg"'))
    from recommender.errors import InvalidInput

    with pytest.raises(InvalidInput) as refused:
        load_suite(str(bad))
    assert str(refused.value) == (f"{bad}, entry 1 (tfidf-logreg): no tagger for 'tfidf-logreg' on "
                                  "'generated-tagged-text' data. Accepted: crf-tagger.")


def test_the_extractive_summary_keeps_the_most_central_sentences_in_document_order():
    from recommender.baselines import extract_summary

    sentences = ["cells divide", "cancer cells divide fast", "the weather is fine", "cancer cells",
                 "a tumour of cells"]
    # TF-IDF centroid of the five: 'cells' is in four of them; the off-topic sentence is never kept
    summary = extract_summary(sentences, keep=3)
    assert "the weather is fine" not in summary and len(summary) == 3
    assert summary == [s for s in sentences if s in summary]  # document order
    assert extract_summary(sentences[:2], keep=3) == sentences[:2]


def test_the_summarizers_suite_runs_with_the_fake_meter(fixed_machine):
    suite = Path(__file__).parents[1] / "benchmarks" / "summarizers-cpu.toml"
    [entry] = load_suite(str(suite)).entries
    assert (entry.model, entry.kind, entry.phases) == ("tfidf-centrality", "extractive", ("inference",))
    result = invoke("bench", "--suite", str(suite), "--hardware", "cpu-workstation", "--threads", "1",
                    "--repeat-seconds", "0", "--allow-foreign-load")
    assert result.exit_code == 0, result.output
    assert [line.split()[:3] for line in result.output.splitlines() if line.startswith("tfidf-centrality")] == [
        ["tfidf-centrality", "summarization", "inference"]]
