"""The verdict that opens every answer: one sentence naming the option and its evidence, in English
and French, for fixed scenarios (the numbers are the catalog's, the arithmetic is done by hand)."""

import json

import pytest
from click.testing import CliRunner

from recommender.catalog import Catalog
from recommender.cli import cli
from recommender.render.verdict import sentence
from recommender.usecases.recommend import Query, recommend


@pytest.fixture(scope="module")
def shipped():
    return Catalog.load()


def said(result, lang="en"):
    return sentence(result.verdict, result.workload.items, lang)


def test_a_light_option_that_beats_the_generative_ones(shipped):
    # BioBERT 89.71 (NCBI-disease leaderboard copy of the BioBERT paper) vs Llama 2 13B instruction-fine-tuned
    # 86.82 (Chen et al.): 2.89 points; both are good enough within the default tolerance of 5
    r = recommend(Query(task="ner", domain="biomed", data_sensitivity="public"), shipped)
    assert [o.model.id for o in r.ranked[:1]] == ["biobert"]
    assert said(r).startswith("Use BioBERT v1.1, fine-tuned: 89.71 entity-level F1 on NCBI-disease, 2.89 points "
                              "above Llama 2 13B Chat, instruction-fine-tuned, for 1/")
    assert said(r, "fr").startswith("Utilisez BioBERT v1.1, affiné : 89,71 en entity-level F1 sur NCBI-disease, "
                                    "2,89 points au-dessus de Llama 2 13B Chat, affiné sur instructions, pour 1/")


def test_exam_qa_says_no_light_option_is_good_enough(shipped):
    # MedQA (4-option): GPT-4 5-shot 81.4 (Open Medical-LLM leaderboard); BioLinkBERT-large 44.6 (LinkBERT
    # README): 81.4 − 44.6 = 36.8 points
    r = recommend(Query(task="question-answering", domain="biomed", data_sensitivity="public"), shipped)
    assert said(r) == ("No light option is good enough here: the best, BioLinkBERT-large, fine-tuned, scores 44.6 on "
                       "MedQA (4-option), 36.8 points below GPT-4 (OpenAI), 5-shot (81.4 accuracy); use GPT-4 "
                       "(OpenAI), 5-shot, the lightest option that is.")
    assert said(r, "fr") == ("Aucune option légère ne suffit ici : la meilleure, BioLinkBERT-large, affiné, obtient "
                             "44,6 sur MedQA (4 options), 36,8 points sous GPT-4 (OpenAI), 5 exemples (81,4 en "
                             "accuracy) ; utilisez GPT-4 (OpenAI), 5 exemples, l'option la plus légère qui suffit.")


def test_unknown_quality_everywhere_points_to_trial(shipped):
    # biomedical detection: no benchmark in the evidence scores a light detector beside another option
    r = recommend(Query(task="detection", domain="biomed", data_sensitivity="public"), shipped)
    assert said(r) == ("No option is known to be good enough: none has a published score on a shared benchmark. "
                       "YOLOv8n, fit uses the least energy; try the options on your data (frugal trial) before choosing.")
    assert said(r, "fr") == ("Aucune option n'a de qualité suffisante établie : aucune n'a de score publié sur un "
                             "jeu de référence commun. YOLOv8n, entraîné consomme le moins d'énergie ; essayez les "
                             "options sur vos données (frugal trial) avant de choisir.")


def test_french_ner_sets_french_encoders_against_prompted_llms(shipped):
    # QUAERO EMEA, 100 training sentences (Naguib et al. 2024): CamemBERT-bio fine-tuned 63.6, CamemBERT-large
    # 66.1 (within 5: good enough, heavier); BioMistral-7B prompted with up to 10 examples 23.6 (Llama 3 8B
    # Instruct's 44.3 is out: its card gives English only)
    r = recommend(Query(task="ner", domain="biomed", data_lang="fr", data_sensitivity="public"), shipped)
    assert [(o.model.id, o.quality.score.score) for o in r.ranked[:2]] == [("camembert-bio", 63.6),
                                                                            ("camembert-large", 66.1)]
    assert [(o.model.id, o.used_as.label) for o in r.compared] == [("biomistral-7b", "≤10-shot")]
    assert said(r).startswith("Use CamemBERT-bio (base), fine-tuned: 63.6 exact micro F1 on QUAERO EMEA (100 training "
                              "sentences), 40 points above BioMistral-7B, ≤10-shot, for 1/")
    assert said(r, "fr").startswith("Utilisez CamemBERT-bio (base), affiné : 63,6 en exact micro F1 sur QUAERO EMEA "
                                    "(100 phrases d'entraînement), 40 points au-dessus de BioMistral-7B, jusqu'à 10 "
                                    "exemples, pour 1/")


def test_clinical_note_classification_names_the_small_lm_that_is_good_enough(shipped):
    # ClinicRealm mortality from MIMIC-IV notes (AUROC): Gemma 3 4B zero-shot 96.57, DeepSeek-V3 97.13 (0.56
    # apart), BERT-base fine-tuned 81.04: no light option within 5 points
    expected_en = ("No light option is good enough here: the best, BERT-base (uncased), fine-tuned, scores 81.04 on "
                   "ClinicRealm in-hospital mortality from notes (MIMIC-IV), 15.5 points below Gemma 3 4B IT, "
                   "zero-shot (96.57 AUROC); use Gemma 3 4B IT, zero-shot, the lightest option that is.")
    for sensitivity in ("public", "sensitive"):  # local: the sensitive-data rules keep it
        r = recommend(Query(task="classification", domain="clinical", data_sensitivity=sensitivity), shipped)
        assert said(r) == expected_en
    assert said(r, "fr") == ("Aucune option légère ne suffit ici : la meilleure, BERT-base (uncased), affiné, obtient "
                             "81,04 sur ClinicRealm, mortalité hospitalière d'après les notes (MIMIC-IV), 15,5 points sous "
                             "Gemma 3 4B IT, sans exemple (96,57 en AUROC) ; utilisez Gemma 3 4B IT, sans exemple, "
                             "l'option la plus légère qui suffit.")


def test_a_floor_no_option_reaches(fixture_catalog):
    r = recommend(Query(task="classification", domain="biomed", min_quality=90), fixture_catalog)
    assert [o.model.id for o in r.ranked] == ["tfidf-logreg"]  # unknown quality: never passes as good enough
    assert [o.model.id for o in r.short_of_quality] == ["biobert", "tiny-llm"]  # best score first
    assert said(r) == ("No option is known to reach 90 on BENCH/A. TF-IDF + logistic regression, fit uses the least "
                       "energy of the others, whose quality is unknown; try them on your data (frugal trial) before "
                       "choosing.")


def test_no_option_at_all(fixture_catalog):
    r = recommend(Query(task="ner", mode="instruction-fine-tuned"), fixture_catalog)
    assert said(r) == "No option passes the rules for this question."
    assert said(r, "fr") == "Aucune option ne respecte les règles pour cette question."


def test_the_json_verdict_names_the_option_its_mode_and_evidence(fixture_catalog):
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed", "--format", "json"])
    data = json.loads(result.stdout)
    assert data["verdict"] == {
        "option_id": "biobert", "mode": "fine-tuned",
        "sentence": ("Use BioBERT v1.1, fine-tuned: 82 micro F1 on BENCH/A, 12 points above Tiny LLM 1B, zero-shot, "
                     "for 18× its energy at 10,000 items."),
        "evidence": [
            {"option_id": "biobert", "mode": "fine-tuned", "benchmark": "BENCH/A", "metric": "micro F1", "score": 82.0,
             "source": "Paper A"},
            {"option_id": "tiny-llm", "mode": "zero-shot", "benchmark": "BENCH/A", "metric": "micro F1", "score": 70.0,
             "source": "Paper B"}]}
    compared = json.loads(CliRunner().invoke(cli, ["compare", "biobert", "tiny-llm", "--task", "classification",
                                                   "--domain", "biomed", "--format", "json"]).stdout)
    assert compared["verdict"] == data["verdict"]


def test_the_report_opens_with_the_verdict(fixture_catalog, tmp_path):
    target = tmp_path / "r.md"
    CliRunner().invoke(cli, ["report", "--task", "classification", "--domain", "biomed", "-o", str(target)])
    paragraphs = target.read_text().split("\n\n")
    assert paragraphs[1] == ("Use BioBERT v1.1, fine-tuned: 82 micro F1 on BENCH/A, 12 points above Tiny LLM 1B, "
                             "zero-shot, for 18× its energy at 10,000 items.")


@pytest.mark.parametrize("floor, standing", [(82, "good-enough"), (82.01, "short-of-quality")])
def test_the_floor_boundary_a_score_equal_to_the_floor_is_good_enough(fixture_catalog, floor, standing):
    r = recommend(Query(task="classification", domain="biomed", min_quality=floor), fixture_catalog)
    biobert = next(o for o in (*r.ranked, *r.short_of_quality) if o.model.id == "biobert")
    assert biobert.standing == standing


@pytest.mark.parametrize("tolerance, standing", [(12, "good-enough"), (11.99, "short-of-quality")])
def test_the_tolerance_boundary_a_gap_equal_to_the_tolerance_is_good_enough(fixture_catalog, tolerance, standing):
    r = recommend(Query(task="classification", domain="biomed", tolerance=tolerance), fixture_catalog)
    tiny = next(o for o in (*r.ranked, *r.short_of_quality) if o.model.id == "tiny-llm")
    assert tiny.standing == standing  # 82 − 70 = 12 points below the best allowed


@pytest.mark.parametrize("query", [Query(task="classification", domain="biomed"),
                                   Query(task="classification", domain="biomed", tolerance=5)])
def test_the_default_tolerance_is_5_points(fixture_catalog, query):
    r = recommend(query, fixture_catalog)
    assert [o.model.id for o in r.short_of_quality] == ["tiny-llm"]


def test_unknown_quality_never_passes_a_floor(fixture_catalog):
    r = recommend(Query(task="classification", domain="biomed", min_quality=0), fixture_catalog)
    tfidf = next(o for o in r.ranked if o.model.id == "tfidf-logreg")
    assert tfidf.standing == "quality-unknown" and tfidf.rank == 3  # after BioBERT and Tiny LLM (both ≥ 0)


def test_summarization_starts_with_a_fine_tuned_seq2seq_model(shipped):
    # Chen et al.'s pilot, the same 200 PubMed test items, ROUGE-1: fine-tuned BART 44.89, GPT-4 one-shot 40.54,
    # GPT-4 zero-shot 39.97: 44.89 − 40.54 = 4.35 points above the best generative option
    r = recommend(Query(task="summarization", domain="biomed", data_sensitivity="public"), shipped)
    assert r.reference.metric == "ROUGE-1" and r.reference.split == "test-200"
    assert [o.model.id for o in r.ranked[:2]] == ["bart-large", "gpt-4"]
    assert said(r).startswith("Use BART-large, fine-tuned: 44.89 ROUGE-1 on PubMed summarization, 4.35 points above "
                              "GPT-4 (OpenAI), 1-shot, for 1/")
    assert said(r, "fr").startswith("Utilisez BART-large, affiné : 44,89 en ROUGE-1 sur PubMed (résumé d'articles), 4,35 "
                                    "points au-dessus de GPT-4 (OpenAI), 1 exemple, pour 1/")


def test_ner_sets_the_light_rungs_against_the_generative_ones(shipped):
    # NCBI-disease: BioBERT 89.71 and the BiLSTM-CNN-char tagger 89.13 (PwC archive), 0.58 apart, both good
    # enough; GPT-4 5-shot 63.89 and Llama 2 13B 5-shot 58.97 (Chen et al.) fall short by more than 5 points
    r = recommend(Query(task="ner", domain="biomed", data_sensitivity="public"), shipped)
    standing = {(o.model.id, o.used_as.label): o.standing for o in r.ranked}
    assert standing["bilstm-cnn-char", "fit"] == "good-enough"
    assert r.ranked[0].model.id == "biobert"
    # the classic rung is scored: TaggerOne 82.9 (Leaman & Lu 2016), 6.81 below BioBERT, shown for comparison
    assert [(o.model.id, o.used_as.label, o.quality.score.score) for o in r.compared] == [
        ("taggerone", "fit", 82.9), ("gpt-4", "5-shot", 63.89), ("llama-2-13b", "5-shot", 58.97)]
    shown = {o.model.id for o in r.shortlist}
    # a classic family with a score is not shown again through a quality-unknown member (the CRF tagger)
    assert {"biobert", "bilstm-cnn-char", "llama-2-13b"} <= shown and "crf-tagger" not in shown
    # the hosted family is represented by GPT-4's evidence, not by a quality-unknown hosted option
    assert not any(o.model.family == "hosted" for o in r.shortlist)
