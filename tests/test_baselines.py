"""One catalog id, one model: frugal bench and frugal trial build the same scikit-learn estimator."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from recommender import baselines
from recommender.errors import InvalidInput
from recommender.measure import suites, workloads
from recommender.trial import Detection, Settings, ladder

pytest.importorskip("sklearn")
pd = pytest.importorskip("pandas")

ROOT = Path(__file__).parent.parent
CLASSIC_ML = suites.load_suite(str(ROOT / "benchmarks" / "classic-ml.toml"))


def described(value):
    """An estimator as comparable data: its class and its parameters, nested estimators described too."""
    if hasattr(value, "get_params") and not isinstance(value, type):
        return type(value), {k: described(v) for k, v in value.get_params(deep=False).items()}
    if isinstance(value, (list, tuple)):
        return type(value)(described(v) for v in value)
    return value


def trial_rungs(kind: str, task: str, clusters: int):
    d = Detection(file="data.csv", rows_read=2000, rows_used=2000, rows_dropped=0, truncated=False, kind=kind,
                  task=task, target=None if task == "clustering" else "y", text_column=None, feature_columns=(),
                  ignored_columns=())
    return {r.id: r for r in ladder(d, Settings(clusters=clusters))}


@pytest.mark.parametrize("entry", CLASSIC_ML.entries, ids=lambda e: e.model)
def test_bench_and_trial_build_the_same_estimator(entry):
    kind = suites.CATALOG_DATA_KIND[entry.workload.data]
    bench = workloads.sklearn_pipeline(entry, threads=1)
    if entry.task == "dimensionality-reduction":  # the trial's pca rung is the same reduction, then k-means
        rungs = trial_rungs(kind, "clustering", workloads.BENCH_CLUSTERS)
        trial = rungs[entry.model].build()
        assert described(bench.steps) == described(trial.steps[:-1])
        assert described(trial.steps[-1]) == described(rungs["kmeans"].build().steps[-1])
    else:
        trial = trial_rungs(kind, entry.task, workloads.BENCH_CLUSTERS)[entry.model].build()
        assert type(bench) is type(trial)
        assert described(bench) == described(trial)


def test_random_forests_take_the_bench_threads_as_processes():
    entry = next(e for e in CLASSIC_ML.entries if e.model == "random-forest")
    assert workloads.sklearn_pipeline(entry, threads=2)[-1].n_jobs == 2
    assert trial_rungs("tabular", "classification", 3)["random-forest"].build()[-1].n_jobs == 1


CATALOG_SAYS = {
    "tfidf-logreg": ["TfidfVectorizer", "LogisticRegression"],
    "tfidf-linear-svm": ["TfidfVectorizer", "LinearSVC"],
    "tfidf-naive-bayes": ["TfidfVectorizer", "MultinomialNB"],
    "logistic-regression": ["ColumnTransformer", "LogisticRegression"],
    "random-forest": ["ColumnTransformer", "RandomForestClassifier"],
    "gradient-boosting": ["ColumnTransformer", "HistGradientBoostingClassifier"],
    "kmeans": ["ColumnTransformer", "KMeans"],
    "pca": ["ColumnTransformer", "PCA"],
}
"""The steps of each classic-ml bench entry, as catalog/models.csv describes the id."""


def test_each_id_is_the_estimator_the_catalog_describes():
    with open(ROOT / "catalog" / "models.csv", newline="", encoding="utf-8") as handle:
        models = {row["id"]: row for row in csv.DictReader(handle)}
    assert set(CATALOG_SAYS) == set(baselines.CATALOG_IDS) == {e.model for e in CLASSIC_ML.entries}
    for entry in CLASSIC_ML.entries:
        steps = [type(step).__name__ for _, step in workloads.sklearn_pipeline(entry, threads=1).steps]
        assert steps == CATALOG_SAYS[entry.model], entry.model
        row = models[entry.model]
        assert row["family"] == "classic-ml"
        assert steps[-1] in row["notes"], (entry.model, row["notes"])
        if steps[0] == "TfidfVectorizer":
            assert "TfidfVectorizer" in row["notes"] and row["params_source"].startswith(
                "assumption: 50,000 TF-IDF features")
    assert dict(baselines.TFIDF) == {"sublinear_tf": True, "ngram_range": (1, 2), "max_features": 50_000}
    assert "HistGradientBoostingClassifier/Regressor" in models["gradient-boosting"]["notes"]


def test_the_suites_accept_exactly_the_catalog_ids_built_here():
    assert suites.SKLEARN_MODELS == baselines.CATALOG_IDS


@pytest.mark.parametrize("entry", CLASSIC_ML.entries, ids=lambda e: e.model)
def test_every_bench_entry_fits_and_runs(entry, monkeypatch):
    small = type(entry.workload)(**{**entry.workload.__dict__, "items": 40,
                                    "train_items": 200 if entry.workload.data == "generated-text" else None})
    entry = type(entry)(model=entry.model, task=entry.task, workload=small, phases=entry.phases)
    fit = workloads.build(entry, "fit", threads=1)
    fit.run()
    use = workloads.build(entry, "inference", threads=1)
    output = use.run()
    assert (fit.items, use.items, len(output)) == (200 if small.data == "generated-text" else 569, 40, 40)
    if entry.task == "dimensionality-reduction":
        assert output.shape == (40, 7)  # 90% of the standardised breast cancer variance: 7 components


def test_an_id_without_a_pipeline_for_the_data_is_refused():
    with pytest.raises(InvalidInput) as caught:
        baselines.pipeline("gradient-boosting", "text", "classification")
    assert str(caught.value) == ("no scikit-learn pipeline for 'gradient-boosting' on text data for classification. "
                                 "Accepted: tabular classification, tabular regression.")
    with pytest.raises(InvalidInput) as caught:
        baselines.pipeline("bert-base", "text", "classification")
    assert str(caught.value).startswith("no scikit-learn pipeline for 'bert-base' on text data for classification. "
                                        "Known ids: dummy, gradient-boosting, kmeans, logistic-regression, pca, ")


def test_tables_are_split_into_numbers_and_categories():
    frame = pd.DataFrame({"age": [30, 40], "dose": [1.5, None], "smoker": [True, False], "site": ["a", "b"],
                          "stage": pd.Categorical(["i", "ii"])})
    assert baselines.numeric_columns(frame) == ["age", "dose", "smoker"]
    assert baselines.other_columns(frame) == ["site", "stage"]


def test_importing_the_registry_imports_no_scikit_learn():
    code = ("import sys, recommender.baselines, recommender.trial, recommender.measure.workloads; "
            "print(sorted(m for m in ('sklearn', 'pandas', 'numpy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout == "[]\n"
