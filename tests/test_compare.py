"""The comparison behind compare, report and disclose: rows, classes, ratios, frontier."""

import pytest

from recommender.usecases.compare import compare, default_task, energy_class, frugal_frontier, plotted_rows
from recommender.errors import InvalidInput
from recommender.usecases.recommend import Query, recommend

ALL = ("biobert", "tfidf-logreg", "tiny-llm", "gpt-x", "mistral-x")


@pytest.mark.parametrize("wh, letter", [
    (0.02, "A"), (0.1, "A"), (0.1001, "B"), (1, "B"), (4.6, "C"), (38, "D"), (150, "E"), (1000, "E"),
    (9999, "F"), (10_001, "G"), (None, None),
])
def test_energy_class_is_one_letter_per_decade(wh, letter):
    assert energy_class(wh) == letter


def test_rows_in_recommends_order_with_classes_and_ratios(fixture_catalog):
    c = compare(ALL, Query(task="classification", domain="biomed"), fixture_catalog)
    # recommend's order: BioBERT (82, good enough on evidence) before TF-IDF (quality unknown), then Tiny LLM
    # (short of quality), then the excluded ones, the scored GPT-X before Mistral-X (quality unknown)
    assert [r.model.id for r in c.rows] == ["biobert", "tfidf-logreg", "tiny-llm", "gpt-x", "mistral-x"]
    assert [o.model.id for o in recommend(Query(task="classification", domain="biomed"), fixture_catalog).ranked] \
        == ["biobert", "tfidf-logreg"]
    assert [r.energy_class for r in c.rows] == ["C", "A", "B", "E", "D"]
    assert [round(r.ratio, 2) for r in c.rows] == [66.76, 1.0, 3.65, 604.58, 107.69]
    assert round(c.rows[1].option.footprint.total_wh.mid, 6) == 2.7  # 0.02 Wh/1k × 10 + 0.5 Wh/1k × 5
    # Tiny LLM's 70 is 12 points below BioBERT's 82 (the default tolerance is 5): its exclusion is shown
    assert [bool(r.option.excluded_by) for r in c.rows] == [False, False, True, True, True]
    assert c.unable == ()


def test_same_footprints_as_recommend(fixture_catalog):
    query = Query(task="classification", domain="biomed")
    c = compare((), query, fixture_catalog)
    r = recommend(query, fixture_catalog)
    by_id = {o.model.id: o.footprint.total_wh for o in (*r.ranked, *r.short_of_quality, *r.excluded)}
    assert {row.model.id: row.option.footprint.total_wh for row in c.rows} == by_id


def test_a_model_that_cannot_do_the_task_is_left_out_and_said(fixture_catalog):
    c = compare(("biobert", "mistral-x"), Query(task="ner"), fixture_catalog)
    assert [r.model.id for r in c.rows] == ["biobert"]
    assert [m.id for m in c.unable] == ["mistral-x"]


def test_no_model_can_do_the_task(fixture_catalog):
    with pytest.raises(InvalidInput, match=r"^none of mistral-x can do task 'ner' on text data\.$"):
        compare(("mistral-x",), Query(task="ner"), fixture_catalog)


def test_default_task_is_the_one_most_models_can_do(fixture_catalog):
    models = [fixture_catalog.model(m) for m in ("biobert", "tiny-llm", "gpt-x")]
    assert default_task(models, fixture_catalog) == "classification"
    c = compare(("biobert", "tiny-llm"), Query(task=""), fixture_catalog)
    assert c.query.task == "classification"
    assert c.assumptions[-1] == ("Compared on task classification, the one most of these models can do "
                                 "(--task to change).")


def test_named_models_are_compared_in_any_domain(fixture_catalog):
    c = compare(("biobert", "tfidf-logreg"), Query(task="classification", domain="general"), fixture_catalog)
    assert [r.model.id for r in c.rows] == ["tfidf-logreg", "biobert"]


def test_frugal_frontier_keeps_options_no_other_beats_on_energy_and_quality(fixture_catalog):
    c = compare(ALL, Query(task="classification", domain="biomed"), fixture_catalog)
    plotted = plotted_rows(c)
    assert [r.model.id for r in plotted] == ["biobert", "tiny-llm", "gpt-x"]  # tfidf, mistral: quality unknown
    assert [r.model.id for r in frugal_frontier(plotted)] == ["tiny-llm", "biobert", "gpt-x"]
    worse = [r for r in plotted if r.model.id != "biobert"]
    assert [r.model.id for r in frugal_frontier(worse)] == ["tiny-llm", "gpt-x"]
    # tiny-llm's ratio is its total over the least total, tfidf-logreg's 2.7 Wh (0.02 Wh/1k × 10 + 0.5 Wh/1k × 5)
    tiny = plotted[1]
    assert tiny.ratio == pytest.approx(tiny.option.footprint.total_wh.mid / 2.7, rel=1e-9)
    assert round(tiny.ratio, 2) == 3.65
