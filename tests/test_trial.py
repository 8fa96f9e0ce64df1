"""frugal trial: detection, the ladder, the verdict, bad inputs, and that no data ever leaks."""

from __future__ import annotations

import json
import logging
import random
import re
import sys

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.errors import FrugalError, InvalidInput
from recommender.measure.meter import FakeMeter, make_meter
from recommender.render.trial import render
from recommender.trial import (RungResult, Settings, catalog_estimates, detect, ladder, read_data,
                               run_trial, verdict)

pd = pytest.importorskip("pandas")
pytest.importorskip("sklearn")

GOOD = ["patient improved after treatment", "symptoms resolved quickly", "good response to therapy",
        "recovery was complete and fast", "no adverse events were reported"]
BAD = ["condition worsened despite care", "severe side effects appeared", "the tumour progressed again",
       "patient was readmitted urgently", "therapy failed to stop decline"]
FILLER = ["in the follow up", "at the second visit", "according to the nurse", "during the week",
          "as noted by staff", "after three months"]


def sentences(n: int = 300, marker: str = "", noise: float = 0.15, seed: int = 0) -> list[tuple[str, str]]:
    """``n`` short notes, two balanced classes, ``noise`` of them with the other class's wording."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        good = i % 2 == 1
        pool = GOOD if good != (rng.random() < noise) else BAD
        text = f"{rng.choice(pool)} {rng.choice(FILLER)}"
        if marker:
            text = f"{marker}{i} {text} {marker}"
        rows.append((text, f"{marker}good" if good else f"{marker}bad"))
    return rows


@pytest.fixture(autouse=True)
def fake_meter(monkeypatch):
    monkeypatch.setenv("FRUGAL_METER", "fake")


@pytest.fixture
def text_csv(tmp_path):
    path = tmp_path / "notes.csv"
    pd.DataFrame(sentences(), columns=["text", "label"]).to_csv(path, index=False)
    return path


@pytest.fixture(scope="session")
def cancer_frame():
    from sklearn.datasets import load_breast_cancer

    frame = load_breast_cancer(as_frame=True).frame
    frame["target"] = frame["target"].map({0: "malignant", 1: "benign"})
    return frame


@pytest.fixture
def cancer_csv(tmp_path, cancer_frame):
    path = tmp_path / "cancer.csv"
    cancer_frame.to_csv(path, index=False)
    return path


def run(*args):
    result = CliRunner().invoke(cli, ["trial", *map(str, args)])
    return result


def detected(path, **settings):
    settings = Settings(**settings)
    return detect(read_data(path, settings), settings)


# --- detection ---------------------------------------------------------------------------------

def test_detects_free_text_classification(text_csv):
    d, X, y = detected(text_csv, target="label")
    assert (d.kind, d.task, d.text_column, d.class_counts) == ("text", "classification", "text", (150, 150))
    assert (d.rows_read, d.rows_used, d.rows_dropped, d.truncated) == (300, 300, 0, False)
    assert d.mean_words == pytest.approx(2357 / 300)
    assert d.tokens_per_item == 10
    assert d.lines() == (
        "notes.csv: 300 rows read.",
        "Free text in column 'text': 7.9 words per item on average (~10 tokens).",
        "Task: classification of 'label', 2 classes (rows per class: 150, 150).",
    )


def test_detects_tabular_classification(cancer_csv):
    d, X, y = detected(cancer_csv, target="target")
    assert (d.kind, d.task, d.class_counts, len(d.feature_columns)) == ("tabular", "classification", (357, 212), 30)
    assert d.lines()[1:] == ("Tabular data: 30 feature columns.",
                             "Task: classification of 'target', 2 classes (rows per class: 357, 212).")


def test_detects_regression_from_a_real_valued_target(cancer_csv):
    d, X, y = detected(cancer_csv, target="mean radius")
    assert (d.kind, d.task) == ("tabular", "regression")
    assert "target" in d.feature_columns  # a string column with 2 values is a category
    assert d.lines()[2] == "Task: regression of 'mean radius' (numeric)."


def test_small_integer_targets_are_classes(tmp_path):
    path = tmp_path / "grades.csv"
    pd.DataFrame({"x": range(40), "grade": [1, 2, 3, 4] * 10}).to_csv(path, index=False)
    d, _, _ = detected(path, target="grade")
    assert (d.task, d.class_counts) == ("classification", (10, 10, 10, 10))


def test_detects_clustering_without_target_and_ignores_identifiers(tmp_path):
    path = tmp_path / "cohort.csv"
    pd.DataFrame({"patient": [f"P{i:03d}" for i in range(60)], "age": range(20, 80),
                  "site": ["a", "b", "c"] * 20}).to_csv(path, index=False)
    d, X, _ = detected(path, clusters=4)
    assert (d.kind, d.task, d.clusters) == ("tabular", "clustering", 4)
    assert (d.feature_columns, d.ignored_columns) == (("age", "site"), ("patient",))
    assert d.lines()[1:] == ("Tabular data: 2 feature columns; ignored (identifiers or free text): patient.",
                             "Task: clustering into 4 groups (no target; --clusters to change).")


def test_rows_without_target_are_dropped_and_counted(tmp_path):
    path = tmp_path / "notes.csv"
    rows = sentences(60) + [("a note without any label at all", None)] * 3
    pd.DataFrame(rows, columns=["text", "label"]).to_csv(path, index=False)
    d, _, _ = detected(path, target="label")
    assert (d.rows_read, d.rows_used, d.rows_dropped) == (63, 60, 3)
    assert d.lines()[0] == "notes.csv: 63 rows read; 3 without a value of 'label' left out."


def test_row_cap_reads_a_stated_sample_and_only_the_columns_needed(tmp_path):
    path = tmp_path / "notes.csv"
    frame = pd.DataFrame(sentences(300), columns=["text", "label"])
    frame["unused"] = range(300)
    frame.to_csv(path, index=False)
    data = read_data(path, Settings(target="label", text_column="text", max_rows=100))
    assert (list(data.frame.columns), len(data.frame), data.truncated) == (["text", "label"], 100, True)
    d, _, _ = detected(path, target="label", text_column="text", max_rows=100)
    assert d.lines()[0] == "notes.csv: 100 rows read (a sample: the file's first 100 rows; --max-rows to change)."


def test_tsv_is_read(tmp_path):
    path = tmp_path / "notes.tsv"
    pd.DataFrame(sentences(40), columns=["text", "label"]).to_csv(path, index=False, sep="\t")
    d, _, _ = detected(path, target="label")
    assert (d.kind, d.rows_used) == ("text", 40)


def test_parquet_is_read_when_pyarrow_is_installed(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "notes.parquet"
    pd.DataFrame(sentences(40), columns=["text", "label"]).to_parquet(path)
    d, _, _ = detected(path, target="label", max_rows=30)
    assert (d.kind, d.rows_used, d.truncated) == ("text", 30, True)


# --- the ladder ----------------------------------------------------------------------------------

def ladder_ids(path, **settings):
    d, X, _ = detected(path, **settings)
    return [r.id for r in ladder(d, Settings(**settings))]


def test_ladders_use_catalog_ids_cheapest_first(text_csv, cancer_csv, tmp_path):
    assert ladder_ids(text_csv, target="label") == ["dummy", "tfidf-naive-bayes", "tfidf-logreg", "tfidf-linear-svm"]
    assert ladder_ids(cancer_csv, target="target") == ["dummy", "logistic-regression", "random-forest",
                                                       "gradient-boosting"]
    assert ladder_ids(cancer_csv, target="mean radius") == ["dummy", "ridge", "random-forest", "gradient-boosting"]
    assert ladder_ids(text_csv) == ["dummy", "kmeans", "pca"]


def test_breast_cancer_ladder_scores_and_fake_energy(cancer_csv):
    result = run_trial(cancer_csv, Settings(target="target"), FakeMeter())
    scores = [(r.id, r.status, round(r.score, 3), round(r.secondary, 3), r.frontier) for r in result.rungs]
    assert scores == [
        ("dummy", "done", 0.386, 0.627, False),
        ("logistic-regression", "done", 0.977, 0.979, True),
        ("random-forest", "done", 0.962, 0.965, False),
        ("gradient-boosting", "done", 0.968, 0.970, False),
    ]
    # the fake meter reads 0.001 Wh per window: one window per fit, one per fold's prediction
    r = result.rungs[1]
    assert r.fit_wh == pytest.approx(0.001)
    assert r.predict_wh_per_1k == pytest.approx(5 * 0.001 / 569 * 1000)
    assert r.energy_wh == pytest.approx(0.001 + 5 * 0.001)
    assert result.verdict.choice == "logistic-regression"
    assert result.catalog == ()
    assert result.catalog_note == ("The catalog has no BERT-class model or LLM for classification of tabular data: "
                                   "the ladder above is the comparison.")


def test_text_ladder_is_reproducible(text_csv):
    first = run_trial(text_csv, Settings(target="label"), FakeMeter())
    second = run_trial(text_csv, Settings(target="label"), FakeMeter())
    key = [(r.id, r.score, r.score_std, r.secondary) for r in first.rungs]
    assert key == [(r.id, r.score, r.score_std, r.secondary) for r in second.rungs]
    assert [(r.id, round(r.score, 3)) for r in first.rungs] == [
        ("dummy", 0.333), ("tfidf-naive-bayes", 0.83), ("tfidf-logreg", 0.83), ("tfidf-linear-svm", 0.837)]
    assert first.verdict.choice == "tfidf-naive-bayes"


def test_regression_ladder_scores(cancer_csv):
    reg = run_trial(cancer_csv, Settings(target="mean radius", cv=3), FakeMeter())
    assert (reg.metric, reg.secondary_metric) == ("r2", "mae")
    scores = [(r.id, r.status, round(r.score, 3), round(r.score_std, 3), round(r.secondary, 3), r.frontier)
              for r in reg.rungs]
    assert scores == [
        ("dummy", "done", -0.007, 0.005, 2.757, False),
        ("ridge", "done", 0.999, 0.000, 0.069, True),
        ("random-forest", "done", 0.994, 0.004, 0.115, False),
        ("gradient-boosting", "done", 0.974, 0.008, 0.222, False),
    ]
    assert reg.verdict.lines == (
        "Use Ridge regression (ridge): R² 0.999 ± 0.000, the best of the ladder.",
        "Only 0.001 R² remains to a perfect score: no heavier option can bring a gain beyond the noise (0.010) — "
        "stay with ridge.",
    )


def test_regression_scores_are_scikit_learns_own_cross_validation(cancer_csv, cancer_frame):
    """The ridge rung's R² is what scikit-learn's cross_val_score gives for the same pipeline and folds."""
    from sklearn.model_selection import KFold, cross_val_score

    from recommender.baselines import pipeline

    reg = run_trial(cancer_csv, Settings(target="mean radius", cv=3), FakeMeter())
    X, y = cancer_frame.drop(columns=["mean radius"]), cancer_frame["mean radius"]
    expected = cross_val_score(pipeline("ridge", "tabular", "regression"), X, y, scoring="r2",
                               cv=KFold(3, shuffle=True, random_state=0))
    assert reg.rungs[1].score == pytest.approx(expected.mean(), abs=1e-12)
    assert reg.rungs[1].score_std == pytest.approx(expected.std(), abs=1e-12)


def test_clustering_ladder_scores(cancer_csv):
    clusters = run_trial(cancer_csv, Settings(cv=3, clusters=2), FakeMeter())
    assert (clusters.metric, clusters.secondary_metric) == ("silhouette", None)
    scores = [(r.id, r.status, round(r.score, 3), round(r.score_std, 3), r.secondary, r.frontier)
              for r in clusters.rungs]
    assert scores == [
        ("dummy", "done", -0.002, 0.002, None, False),
        ("kmeans", "done", 0.347, 0.007, None, False),
        ("pca", "done", 0.348, 0.006, None, True),
    ]
    assert clusters.verdict.lines == (
        "Use k-means (kmeans): silhouette 0.347 ± 0.007, within 0.010 of the best (PCA (90% variance) + k-means, "
        "0.348).",
        "A heavier option is worth its footprint only if it reaches more than 0.357 silhouette on this data "
        "(+0.010: the tolerance or the spread across folds, whichever is larger).",
    )


class Ticks:
    """A clock that advances one second each time it is read."""

    def __init__(self):
        self.t = -1.0

    def __call__(self):
        self.t += 1.0
        return self.t


def test_budget_stops_the_ladder_and_says_what_was_skipped(cancer_csv):
    # clock reads: start 0; rung 1 check 1, folds 2 and 3 at 2 and 3; rung 2 check 4 >= 3.5
    result = run_trial(cancer_csv, Settings(target="target", cv=3, budget_s=3.5), FakeMeter(), clock=Ticks())
    assert [(r.id, r.status, r.note) for r in result.rungs] == [
        ("dummy", "done", ""),
        ("logistic-regression", "skipped", "budget spent before it started"),
        ("random-forest", "skipped", "budget spent before it started"),
        ("gradient-boosting", "skipped", "budget spent before it started"),
    ]
    assert result.skipped == ("logistic-regression", "random-forest", "gradient-boosting")
    assert result.verdict.lines == ("No model ran (budget spent or every model failed): raise --budget or check "
                                    "the data, then run the trial again.",)


def test_budget_can_stop_a_rung_between_folds(cancer_csv):
    result = run_trial(cancer_csv, Settings(target="target", cv=5, budget_s=2.5), FakeMeter(), clock=Ticks())
    assert (result.rungs[0].status, result.rungs[0].note) == ("skipped", "budget spent after 2 of 5 folds")


def test_the_output_reports_the_skipped_rungs(cancer_csv):
    # clock reads: start 0; dummy 1, 2, 3; logistic-regression 4, 5, 6; random-forest 7 >= 7: skipped
    result = run_trial(cancer_csv, Settings(target="target", cv=3, budget_s=7), FakeMeter(), clock=Ticks())
    assert result.skipped == ("random-forest", "gradient-boosting")
    assert "\nBudget of 7 s spent: skipped random-forest, gradient-boosting.\n" in render(result, "table")


def test_cli_passes_the_budget_in_seconds(cancer_csv):
    result = run("--data", cancer_csv, "--target", "target", "--cv", 3, "--budget", "1h", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert (data["budget_s"], data["skipped"]) == (3600.0, [])


# --- the verdict ---------------------------------------------------------------------------------

def rung(id, score, std=0.01, energy=1.0):
    return RungResult(id, id.title(), "done", score=score, score_std=std, energy_wh=energy)


def test_verdict_takes_the_cheapest_good_enough_option():
    v = verdict((rung("dummy", 0.33), rung("cheap", 0.90, 0.02, 1.0), rung("heavy", 0.91, 0.015, 40.0)),
                "macro_f1", Settings())
    assert v.choice == "cheap"
    assert v.required_gain == 0.02
    assert v.lines == (
        "Use Cheap (cheap): macro-F1 0.900 ± 0.020, within 0.015 of the best (Heavy, 0.910), which used 40× its "
        "measured energy.",
        "Heavy used 40× the energy for +0.010 macro-F1: not worth it.",
        "A heavier option is worth its footprint only if it reaches more than 0.920 macro-F1 on this data "
        "(+0.020: the tolerance or the spread across folds, whichever is larger).",
    )


def test_verdict_takes_a_heavier_option_when_it_is_clearly_better():
    v = verdict((rung("dummy", 0.33), rung("cheap", 0.80), rung("heavy", 0.90, energy=5.0)), "macro_f1", Settings())
    assert v.choice == "heavy"
    assert v.lines[0] == "Use Heavy (heavy): macro-F1 0.900 ± 0.010, the best of the ladder."


def test_verdict_says_when_no_heavier_option_can_help():
    v = verdict((rung("dummy", 0.5), rung("cheap", 0.995, 0.004)), "macro_f1", Settings())
    assert v.lines[-1] == ("Only 0.005 macro-F1 remains to a perfect score: no heavier option can bring a gain "
                           "beyond the noise (0.010) — stay with cheap.")


def test_verdict_when_nothing_beats_the_baseline():
    v = verdict((rung("dummy", 0.50, 0.02), rung("cheap", 0.51)), "macro_f1", Settings())
    assert (v.choice, v.lines) == (None, (
        "No model beats the baseline (macro-F1 0.500) by more than 0.020: these columns may not predict the "
        "target, or there are too few rows. Check the data before trying heavier models.",))


def test_tolerance_is_in_points():
    rungs = (rung("dummy", 0.33), rung("cheap", 0.85, 0.01, 1.0), rung("heavy", 0.90, 0.01, 40.0))
    assert verdict(rungs, "macro_f1", Settings()).choice == "heavy"  # 1 point: 0.05 is a real gain
    tolerant = verdict(rungs, "macro_f1", Settings(tolerance_points=6))  # 6 points = 0.06 of macro-F1
    assert (tolerant.choice, tolerant.required_gain) == ("cheap", 0.06)
    assert tolerant.lines[1] == "Heavy used 40× the energy for +0.050 macro-F1: not worth it."


@pytest.mark.parametrize("value", [-1, 100.5, float("nan")])
def test_a_tolerance_outside_0_to_100_points_is_refused(value):
    with pytest.raises(InvalidInput) as caught:
        Settings(tolerance_points=value)
    assert str(caught.value) == f"--tolerance must be between 0 and 100 points; got '{value:g}'."


# --- the catalog's view --------------------------------------------------------------------------

def test_catalog_estimates_for_this_data(fixture_catalog, text_csv):
    d, _, _ = detected(text_csv, target="label")
    estimates, note = catalog_estimates(d, Settings(compare_with=("biobert", "tiny-llm", "gpt-9")), fixture_catalog)
    assert [(e.model_id, e.family, e.setup, e.method) for e in estimates] == [
        ("biobert", "encoder", "fine-tune", "estimated"), ("tiny-llm", "small-lm", "zero-shot", "estimated")]
    # By hand, from tests/fixtures/catalog (factors: compute and memory efficiency 0.5, overhead 0.01 s per
    # pass × (params / 1e9)^0.5, busy 0.5 and overhead 0.25 of (TDP - idle)), 300 items of 10 tokens, batch 16.
    # biobert, 1.1e8 params, fp32, Workstation CPU (1 TFLOP/s, 50 GB/s, TDP 100 W, idle 20 W, host 25 W), PUE 1:
    #   attention 4 × 12 layers × 768 × 10² = 3,686,400 FLOP
    #   fine-tune, 3 epochs: 3 × (6 × 1.1e8 × 10 + 3 × 3,686,400) / 5e11 = 0.039666 s per item; overhead
    #   9 passes × 0.0033166 s / 16 = 0.0018656 s; total 0.041532 s;
    #   J = 20 × 0.041532 + 80 × (0.5 × 0.039666 + 0.25 × 0.0018656) + 25 × 0.041532 = 3.4929 J per item
    #   setup = 300 × 3.4929 J / 3600 = 0.29108 Wh
    #   use: prefill 16 × (2 × 1.1e8 × 10 + 3,686,400) / 5e11 = 0.070518 s per batch (> weights 0.44 GB / 25 GB/s);
    #   roofline 0.0044074 s + overhead 0.0033166 / 16 = 0.00020729 s = 0.0046147 s per item;
    #   J = 20 × 0.0046147 + 80 × (0.5 × 0.0044074 + 0.25 × 0.00020729) + 25 × 0.0046147 = 0.38810 J per item
    #   = 0.10781 Wh per 1k; total = 0.29108 + 0.3 × 0.10781 = 0.32342 Wh
    # tiny-llm, 1e9 params, bf16, A100 (312 TFLOP/s, 2,000 GB/s, TDP 400 W, idle 50 W, host 100 W), PUE 1.5,
    # zero-shot with 5 tokens out:
    #   prefill max(16 × (2e9 × 10 + 4 × 16 × 2048 × 10²) / 1.56e14, 2 GB / 1 TB/s) = 0.0020526 s; decode 0.002 s
    #   roofline (0.0020526 + 5 × 0.002) / 16 = 0.00075329 s; overhead 6 × 0.01 / 16 = 0.00375 s
    #   J = 50 × 0.0045033 + 350 × (0.5 × 0.00075329 + 0.25 × 0.00375) + 100 × 0.0045033 = 1.13543 J per item
    #   use = 1.13543 × 1000 / 3600 × 1.5 = 0.47310 Wh per 1k; total = 0.3 × 0.47310 = 0.14193 Wh
    assert [(e.setup_wh, e.use_wh_per_1k, e.total_wh) for e in estimates] == [
        (pytest.approx(0.29108, rel=1e-4), pytest.approx(0.10781, rel=1e-4), pytest.approx(0.32342, rel=1e-4)),
        (0, pytest.approx(0.47310, rel=1e-4), pytest.approx(0.14193, rel=1e-4)),
    ]
    assert note == "Not in the catalog: gpt-9."


def test_text_trial_shows_the_catalog_and_compares_in_the_verdict(fixture_catalog, text_csv):
    result = run("--data", text_csv, "--target", "label", "--compare-with", "biobert", "--compare-with", "tiny-llm")
    assert result.exit_code == 0, result.output
    assert "What the catalog predicts for 300 items of ~10 tokens" in result.output
    # the choice, tfidf-naive-bayes, reads 0.001 Wh per window: one fit + 5 predictions = 0.006 Wh;
    # the catalog's totals are 0.32342 and 0.14193 Wh (test_catalog_estimates_for_this_data): 53.9× and 23.7×
    lines = result.output.splitlines()
    assert lines[-2:] == [
        "  BioBERT v1.1 (biobert) would use about 54× the energy of tfidf-naive-bayes for this data (catalog, "
        "estimated): try it only if that gain is needed and likely.",
        "  Tiny LLM 1B (tiny-llm) would use about 24× the energy of tfidf-naive-bayes for this data (catalog, "
        "estimated): try it only if that gain is needed and likely.",
    ]


# --- output formats ------------------------------------------------------------------------------

def test_table_output(cancer_csv):
    result = run("--data", cancer_csv, "--target", "target")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:3] == ["cancer.csv: 569 rows read.", "Tabular data: 30 feature columns.",
                         "Task: classification of 'target', 2 classes (rows per class: 357, 212)."]
    assert lines[3] == ("Quality: macro-F1 and accuracy, 5-fold cross-validation (mean ± standard deviation across "
                        "folds; fixed seeds, one thread).")
    assert lines[6].split() == ["#", "option", "macro-F1", "accuracy", "fit", "fit", "time", "predict", "/1k",
                                "fit", "+", "predict", "all", "frontier", "note"]
    assert lines[8].split() == ["2", "logistic-regression", "0.977", "±", "0.015", "0.979", "±", "0.014", "0.0010",
                                "Wh", lines[8].split()[10], "s", "0.0088", "Wh", "0.0060", "Wh", "yes", "←", "use", "this"]
    assert "Verdict:" in lines
    assert "  Use Logistic regression (logistic-regression): macro-F1 0.977 ± 0.015, the best of the ladder." in lines


def test_json_output_is_stable(cancer_csv):
    result = run("--data", cancer_csv, "--target", "target", "--format", "json")
    data = json.loads(result.output)
    assert list(data) == ["detection", "metric", "secondary_metric", "cv", "meter", "meter_method", "rungs",
                          "skipped", "budget_s", "catalog", "catalog_note", "verdict"]
    assert data["detection"]["class_counts"] == [357, 212]
    assert list(data["rungs"][0]) == ["id", "name", "status", "score", "score_std", "secondary", "secondary_std",
                                      "fit_wh", "fit_s", "predict_wh_per_1k", "predict_s_per_1k", "energy_wh",
                                      "frontier", "note"]
    assert data["verdict"]["choice"] == "logistic-regression"
    assert data["meter"] == "fake 0"


def test_markdown_output(cancer_csv):
    result = run("--data", cancer_csv, "--target", "target", "--format", "markdown")
    assert result.exit_code == 0, result.output
    # the fit time is the wall time of the fits: the one cell not fixed by the fake meter
    body = re.sub(r"\| [0-9.e+-]+ m?s \|", "| <seconds> |", result.output)
    assert body == """\
- cancer.csv: 569 rows read.
- Tabular data: 30 feature columns.
- Task: classification of 'target', 2 classes (rows per class: 357, 212).
- Quality: macro-F1 and accuracy, 5-fold cross-validation (mean ± standard deviation across folds; fixed seeds, \
one thread).
- Energy: fake 0 (fake meter (constant energy per window)), this process on this machine; 'fit' is one fit on 4/5 \
of the rows, 'fit + predict all' adds predicting all 569 rows.

| # | option | macro-F1 | accuracy | fit | fit time | predict /1k | fit + predict all | frontier | note |
|---|---|---|---|---|---|---|---|---|---|
| 1 | dummy | 0.386 ± 0.001 | 0.627 ± 0.004 | 0.0010 Wh | <seconds> | 0.0088 Wh | 0.0060 Wh |  |  |
| 2 | logistic-regression | 0.977 ± 0.015 | 0.979 ± 0.014 | 0.0010 Wh | <seconds> | 0.0088 Wh | 0.0060 Wh | yes | \
← use this |
| 3 | random-forest | 0.962 ± 0.016 | 0.965 ± 0.015 | 0.0010 Wh | <seconds> | 0.0088 Wh | 0.0060 Wh |  |  |
| 4 | gradient-boosting | 0.968 ± 0.013 | 0.970 ± 0.012 | 0.0010 Wh | <seconds> | 0.0088 Wh | 0.0060 Wh |  |  |

Fits under 1 s are near the meter's resolution: read their energy as an order of magnitude, not a ranking (the \
ladder's order is the a-priori cost order).

The catalog has no BERT-class model or LLM for classification of tabular data: the ladder above is the comparison.

**Verdict**

- Use Logistic regression (logistic-regression): macro-F1 0.977 ± 0.015, the best of the ladder.
- A heavier option is worth its footprint only if it reaches more than 0.993 macro-F1 on this data (+0.015: the \
tolerance or the spread across folds, whichever is larger).
"""


# --- bad inputs ----------------------------------------------------------------------------------

def write(tmp_path, name, content: str | bytes):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def one_class(tmp_path):
    return write(tmp_path, "one.csv", "text,label\n" + "".join(f"note number {i} is here,yes\n" for i in range(20)))


def few_rows(tmp_path):
    return write(tmp_path, "few.csv", "text,label\n" + "".join(
        f"note number {i} is here,{'yes' if i < 17 else 'no'}\n" for i in range(20)))


@pytest.mark.parametrize("make, args, message", [
    (lambda p: p / "missing.csv", [], "Error: data file '{path}' does not exist."),
    (lambda p: write(p, "notes.xlsx", "x"), [],
     "Error: 'notes.xlsx' is not a CSV, TSV or Parquet file; accepted extensions: .csv, .tsv, .tab, .parquet, .pq."),
    (lambda p: write(p, "notes.csv", "text,label\nsome words in a note,yes\n"), ["--target", "lable"],
     "Error: no target column 'lable' in the data. Did you mean 'label'? Columns, closest first: label, text."),
    (lambda p: write(p, "notes.csv", "text,label\nsome words in a note,yes\n"), ["--target", "zzz"],
     "Error: no target column 'zzz' in the data. Columns, closest first: text, label."),
    (lambda p: write(p, "notes.csv", "text,label\nsome words,yes\n"), ["--target", "label", "--text-column", "txt"],
     "Error: no text column 'txt' in the data. Did you mean 'text'? Columns, closest first: text, label."),
    (lambda p: write(p, "empty.csv", ""), [], "Error: 'empty.csv' is empty: no header row."),
    (lambda p: write(p, "header.csv", "text,label\n"), ["--target", "label"], "Error: 'header.csv' has no data rows."),
    (lambda p: write(p, "nolabels.csv", "text,label\nsome words,\nmore words,\n"), ["--target", "label"],
     "Error: column 'label' has no values: nothing to learn from."),
    (one_class, [], "Error: target 'label' has a single class: classification needs at least two "
                    "(leave out --target to group the rows instead)."),
    (few_rows, [], "Error: too few rows for 5-fold cross-validation: the smallest class of 'label' has 3 rows; "
                   "use --cv 3 or fewer, or add rows."),
    (lambda p: write(p, "tiny.csv", "x,y\n1,2.5\n2,3.5\n3,4.5\n"), ["--target", "y"],
     "Error: too few rows for 5-fold cross-validation: 3 rows, at least 10 needed; use a smaller --cv or add rows."),
    (lambda p: write(p, "latin.csv", "text,label\n".encode() + "fièvre élevée,oui\n".encode("latin-1") * 20), [],
     "Error: 'latin.csv' is not readable as utf-8 text; give its encoding with --encoding (e.g. latin-1, cp1252)."),
    (lambda p: write(p, "notes.csv", "text,label\nsome words,yes\n"), ["--encoding", "klingon"],
     "Error: unknown encoding 'klingon'; e.g. utf-8, latin-1, cp1252."),
    (lambda p: write(p, "ragged.csv", "a,b\n1,2\n3,4,5,6\n"), ["--target", "b"],
     "Error: 'ragged.csv' is not a well-formed CSV file (rows do not split into the header's columns)."),
    (lambda p: write(p, "notes.csv", "text,label\nsome words in a note,yes\n"), ["--target", "label", "--task", "regression"],
     "Error: target 'label' is not numeric: regression needs numbers (--task classification to predict its values "
     "as classes)."),
    (lambda p: write(p, "notes.csv", "text,label\nsome words,yes\n"), ["--target", "label", "--task", "clustering"],
     "Error: --task clustering takes no --target (it groups rows without labels)."),
    (lambda p: write(p, "notes.csv", "text,label\nsome words,yes\n"), ["--task", "regression"],
     "Error: --task regression needs --target COLUMN (the column to predict)."),
    (lambda p: write(p, "ids.csv", "id,label\n" + "".join(f"P{i},{i % 2}\n" for i in range(40))), ["--target", "label"],
     "Error: no usable feature column: id look like identifiers or free text (--text-column to treat one as text)."),
    (lambda p: write(p, "notes.csv", "label\nyes\n"), ["--target", "label"],
     "Error: no feature column: the data holds only the target column."),
    (lambda p: write(p, "notes.csv", "text\nx\n"), ["--budget", "soon"],
     "Error: Invalid value for '--budget': must be a duration above 0 and at most 720h, such as 90s, 10m or 1h; "
     "got 'soon'."),
    (lambda p: write(p, "notes.csv", "text\nx\n"), ["--cv", "1"],
     "Error: Invalid value for '--cv': must be a whole number from 2 to 100; got '1'."),
    (lambda p: write(p, "notes.csv", "text\nx\n"), ["--tolerance", "nan"],
     "Error: --tolerance must be between 0 and 100 points; got 'nan'."),
    (lambda p: write(p, "notes.csv", "text\nx\n"), ["--tolerance", "150"],
     "Error: --tolerance must be between 0 and 100 points; got '150'."),
    (lambda p: write(p, "notes.csv", "text\nx\n"), ["--tolerance", "-0.5"],
     "Error: --tolerance must be between 0 and 100 points; got '-0.5'."),
    (lambda p: write(p, "notes.csv", "text\nx\n"), ["--tolerance", "lots"],
     "Error: Invalid value for '--tolerance': 'lots' is not a valid float."),
])
def test_bad_inputs_get_one_clear_line(tmp_path, make, args, message):
    path = make(tmp_path)
    result = run("--data", path, *(args or ["--target", "label"]))
    assert result.exit_code == 2, result.output
    assert result.output == message.format(path=path) + "\n"


def test_parquet_without_pyarrow_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    monkeypatch.setitem(sys.modules, "pyarrow.parquet", None)
    result = run("--data", write(tmp_path, "notes.parquet", b"PAR1"), "--target", "label")
    assert (result.exit_code, result.output) == (
        1, "Error: reading Parquet needs pyarrow: pip install pyarrow (or save the data as CSV).\n")


def test_missing_scikit_learn_is_a_clear_error(text_csv, monkeypatch):
    monkeypatch.setitem(sys.modules, "sklearn", None)
    with pytest.raises(FrugalError, match=r"^frugal trial needs scikit-learn: pip install 'frugal-advisor\[trial\]'\.$"):
        run_trial(text_csv, Settings(target="label"), FakeMeter())


# --- the data never leaks --------------------------------------------------------------------------

MARKER = "zqxsecret"


def leak_free(*texts: str) -> None:
    for text in texts:
        assert MARKER not in text.lower()


@pytest.fixture
def marked(tmp_path):
    """Data sets whose every cell carries the marker: text, labels, a category, an identifier."""
    text = tmp_path / "marked.csv"
    pd.DataFrame(sentences(120, marker=MARKER), columns=["text", "label"]).to_csv(text, index=False)
    table = tmp_path / "marked-table.csv"
    rows = [{"id": f"{MARKER}-{i}", "site": f"{MARKER}-site{i % 3}", "age": 20 + i % 50, "dose": (i * 7) % 11,
             "outcome": f"{MARKER}-{'yes' if (i * 7) % 11 > 5 else 'no'}"} for i in range(120)]
    pd.DataFrame(rows).to_csv(table, index=False)
    return text, table


def test_no_data_in_any_output_format_log_or_file(marked, isolated_user_dir, tmp_path, caplog, recwarn):
    caplog.set_level(logging.DEBUG)
    text, table = marked
    runs = []
    for fmt in ("table", "json", "markdown"):
        runs.append(CliRunner().invoke(cli, ["trial", "--data", str(text), "--target", "label", "--format", fmt]))
        runs.append(CliRunner().invoke(cli, ["trial", "--data", str(table), "--target", "outcome", "--format", fmt]))
        runs.append(CliRunner().invoke(cli, ["trial", "--data", str(table), "--cv", "3", "--format", fmt]))
        runs.append(CliRunner().invoke(cli, ["trial", "--data", str(text), "--cv", "3", "--format", fmt]))
    for result in runs:
        assert result.exit_code == 0, result.output
        leak_free(result.stdout, result.stderr)
    assert "tfidf-logreg" in runs[0].stdout and "random-forest" in runs[1].stdout  # the runs did run
    leak_free(caplog.text, *(str(w.message) for w in recwarn))
    for path in tmp_path.rglob("*"):  # FRUGAL_HOME is under tmp_path
        if path.is_file() and path not in (text, table):
            leak_free(path.read_bytes().decode("utf-8", "replace"))


def test_no_data_in_error_messages(tmp_path):
    cases = [
        (write(tmp_path, "one.csv", "text,label\n" + f"{MARKER} note here,{MARKER}\n" * 20), ["--target", "label"]),
        (write(tmp_path, "few.csv", "text,label\n" + "".join(
            f"{MARKER} note {i},{MARKER}{i % 7}\n" for i in range(20))), ["--target", "label"]),
        (write(tmp_path, "num.csv", "text,label\n" + f"{MARKER} note,{MARKER}\n" * 20),
         ["--target", "label", "--task", "regression"]),
        (write(tmp_path, "ragged.csv", f"a,b\n{MARKER},1\n{MARKER},2,3,{MARKER}\n"), ["--target", "a"]),
        (write(tmp_path, "latin.csv", f"text,label\n{MARKER} é,{MARKER}\n".encode("latin-1")), ["--target", "label"]),
        (write(tmp_path, "ids.csv", "id,label\n" + "".join(f"{MARKER}{i},{i % 2}\n" for i in range(40))),
         ["--target", "label"]),
    ]
    for path, args in cases:
        result = CliRunner().invoke(cli, ["trial", "--data", str(path), *args])
        assert result.exit_code == 2 and result.output.startswith("Error: "), result.output
        leak_free(result.output)
    for path, args in cases[:3]:
        settings = Settings(target="label", task="regression" if "num" in path.name else None)
        with pytest.raises(InvalidInput) as caught:
            detect(read_data(path, settings), settings)
        leak_free(str(caught.value), repr(caught.value.__cause__), repr(caught.value.__context__))


def test_a_rung_that_fails_is_reported_without_its_message(marked):
    text, _ = marked
    settings = Settings(target="label")
    d, X, y = detect(read_data(text, settings), settings)

    class Refuses:
        def fit(self, X, y):
            raise ValueError(f"could not convert string to float: '{MARKER}'")

    from recommender.trial import Rung, run_ladder
    results, _ = run_ladder(d, X, y, (Rung("broken", "Broken", Refuses),), FakeMeter(), settings)
    assert (results[0].status, results[0].note) == ("failed", "scikit-learn refused the data (ValueError)")


class PredictRefuses:
    def fit(self, X, y):
        return self

    def predict(self, X):
        raise TypeError(f"'<' not supported between '{MARKER}' and 1")


def test_a_refused_prediction_fails_the_rung_too(marked):
    text, _ = marked
    settings = Settings(target="label")
    d, X, y = detect(read_data(text, settings), settings)
    from recommender.trial import Rung, run_ladder
    results, _ = run_ladder(d, X, y, (Rung("broken", "Broken", PredictRefuses),), FakeMeter(), settings)
    assert (results[0].status, results[0].note) == ("failed", "scikit-learn refused the data (TypeError)")


def test_errors_in_frugals_own_code_around_the_rungs_still_raise(text_csv, monkeypatch):
    """Only the fit and the prediction on the user's data are turned into a failed rung."""
    from recommender.trial import Rung, crossval, run_ladder

    settings = Settings(target="label")
    d, X, y = detected(text_csv, target="label")

    def bad_pipeline():
        raise TypeError("a bug while building the pipeline")

    with pytest.raises(TypeError, match="^a bug while building the pipeline$"):
        run_ladder(d, X, y, (Rung("bug", "Bug", bad_pipeline),), FakeMeter(), settings)

    def bad_scores(*args):
        raise ValueError("a bug in the scoring arithmetic")

    monkeypatch.setattr(crossval, "scores", bad_scores)
    with pytest.raises(ValueError, match="^a bug in the scoring arithmetic$"):
        run_ladder(d, X, y, ladder(d, settings)[:2], FakeMeter(), settings)


def test_the_meter_is_chosen_by_the_environment_not_an_option(cancer_csv, monkeypatch):
    help_text = run("--help").output
    assert "--meter" not in help_text and "fake" not in help_text
    assert "--tolerance POINTS" in help_text
    assert run("--data", cancer_csv, "--meter", "fake").output == "Error: No such option '--meter'.\n"
    monkeypatch.setenv("FRUGAL_METER", "fake")
    result = run("--data", cancer_csv, "--target", "target", "--format", "json")
    assert json.loads(result.output)["meter"] == "fake 0"


# --- the real meter ------------------------------------------------------------------------------

@pytest.mark.measured
def test_real_codecarbon_energy_is_positive(tmp_path, monkeypatch):
    monkeypatch.delenv("FRUGAL_METER")
    path = tmp_path / "notes.csv"
    pd.DataFrame(sentences(60), columns=["text", "label"]).to_csv(path, index=False)
    meter = make_meter("FRA")
    assert meter.name == "codecarbon"
    result = run_trial(path, Settings(target="label", cv=2), meter)
    for r in result.rungs:
        assert r.status == "done"
        assert r.fit_wh > 0 and r.predict_wh_per_1k > 0 and r.fit_s > 0
    assert "CPU" in result.meter_method
    assert not (tmp_path / "frugal-home").exists()  # the trial stores nothing
