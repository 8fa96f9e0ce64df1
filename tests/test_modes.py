"""Options as model × mode: quality and energy both follow the mode."""

import pytest
from click.testing import CliRunner

from recommender.catalog import Catalog
from recommender.cli import cli
from recommender.footprint import footprint
from recommender.ranges import Range
from recommender.usecases.modes import Mode, model_in_mode, workload_in_mode
from recommender.usecases.recommend import Query, recommend, workload_of


@pytest.fixture(scope="module")
def shipped():
    return Catalog.load()


def options_of(result, model_id):
    return {o.used_as.label: o for o in (*result.ranked, *result.short_of_quality, *result.excluded)
            if o.model.id == model_id}


def test_a_k_shot_prompt_carries_k_examples_in_every_items_input():
    workload = workload_of(Query(task="ner", tokens_in=100, tokens_out=20), Catalog.load())[0]
    assert workload_in_mode(workload, Mode("few-shot", 5)).tokens_in == 100 * 6 + 5 * 20  # 700
    assert workload_in_mode(workload, Mode("zero-shot")).tokens_in == 100


def test_each_mode_the_reference_scores_is_an_option_with_its_own_score(shipped):
    result = recommend(Query(task="ner", domain="biomed", data_sensitivity="public"), shipped)
    llama = options_of(result, "llama-2-13b")
    assert {label: o.quality.score.score for label, o in llama.items()} == {
        "zero-shot": 22.11, "1-shot": 38.11, "5-shot": 58.97, "instruction-fine-tuned": 86.82}  # 5-shot: the dynamic (K-nearest) 58.97 beats the static 48.47
    gpt4 = options_of(result, "gpt-4")
    assert {label: o.quality.score.score for label, o in gpt4.items()} == {
        "zero-shot": 58.27, "1-shot": 59.88, "5-shot": 63.89}


def test_energy_follows_the_mode(shipped):
    query = Query(task="ner", domain="biomed", data_sensitivity="public")
    result = recommend(query, shipped)
    llama = options_of(result, "llama-2-13b")
    assert llama["zero-shot"].footprint.setup_wh == Range(0, 0, 0)
    workload = workload_of(query, shipped)[0]
    tuned = footprint(model_in_mode(shipped.models["llama-2-13b"], Mode("instruction-fine-tuned")), workload, shipped)
    assert llama["instruction-fine-tuned"].footprint.setup_wh == tuned.setup_wh and tuned.setup_wh.mid > 0
    five = footprint(shipped.models["llama-2-13b"], workload_in_mode(workload, Mode("few-shot", 5)), shipped)
    assert llama["5-shot"].footprint.use_wh_per_1k == five.use_wh_per_1k
    assert five.use_wh_per_1k.mid > llama["zero-shot"].footprint.use_wh_per_1k.mid


def test_mode_asks_for_one_mode(shipped):
    result = recommend(Query(task="ner", domain="biomed", data_sensitivity="public", mode="few-shot",
                                  tolerance=100), shipped)
    assert {o.used_as.label for o in result.ranked} == {"1-shot", "5-shot"}
    assert {o.model.id for o in result.ranked} == {"gpt-3.5-turbo", "gpt-4", "llama-2-13b"}


def test_an_unknown_mode_is_one_error_line():
    result = CliRunner().invoke(cli, ["recommend", "--task", "ner", "--mode", "two-shot"])
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == ("Error: Invalid value for '--mode': 'two-shot' is not one of 'fit', "
                                              "'fine-tuned', 'zero-shot', 'few-shot', 'instruction-fine-tuned', "
                                              "'linear-probe', 'box-prompted'.")


def test_every_row_says_its_mode_in_both_languages(fixture_catalog):
    for lang, expected in (("en", "BioBERT v1.1, fine-tuned"), ("fr", "BioBERT v1.1, affiné")):
        result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed",
                                          "--data-lang", "en", "--lang", lang])
        assert result.exit_code == 0, result.output
        assert expected in result.stdout


def test_an_upper_bound_k_is_said_so_and_counted_at_the_bound(shipped):
    # Naguib et al. 2024 prompted with 5 or 10 examples, chosen per run: the catalog says shots-at-most 10
    result = recommend(Query(task="ner", domain="biomed", data_lang="fr", data_sensitivity="public"), shipped)
    biomistral = options_of(result, "biomistral-7b")["≤10-shot"]
    assert (biomistral.used_as, biomistral.quality.score.score) == (Mode("few-shot", 10, True), 23.6)
    workload = workload_of(Query(task="ner", domain="biomed", data_lang="fr"), shipped)[0]
    assert workload_in_mode(workload, Mode("few-shot", 10, True)) == workload_in_mode(workload, Mode("few-shot", 10))
    ten = footprint(shipped.models["biomistral-7b"], workload_in_mode(workload, Mode("few-shot", 10)), shipped)
    assert biomistral.footprint.use_wh_per_1k == ten.use_wh_per_1k


def test_the_json_says_when_k_is_an_upper_bound():
    import json

    out = CliRunner().invoke(cli, ["recommend", "--task", "ner", "--domain", "biomed", "--data-lang", "fr",
                                   "--data-sensitivity", "public", "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    rows = [r for r in data["short_of_quality"] if r["id"] == "biomistral-7b"]
    assert [(r["mode"], r["shots"], r["shots_at_most"]) for r in rows] == [("few-shot", 10, True)]
    first = data["options"][0]
    assert (first["id"], first["shots"], first["shots_at_most"]) == ("camembert-bio", None, False)


def test_a_50_item_dev_sample_is_not_compared_with_the_full_dev_set(shipped):
    # Zhong et al. 2023 score ChatGPT and BERT-base on 50 SST-2 dev items: supporting scores only
    result = recommend(Query(task="classification", domain="general", data_sensitivity="public"), shipped)
    assert result.reference.comparison_key == ("GLUE/SST-2 (dev)", "accuracy", "dev")
    gpt = options_of(result, "gpt-3.5-turbo")["zero-shot"]
    assert gpt.quality.score is None
    assert sorted((q.split, q.score) for q in gpt.quality.others if q.benchmark == "GLUE/SST-2 (dev)") == [
        ("dev-50", 92.0), ("dev-50", 96.0), ("dev-50", 98.0)]
