"""The options a trial tries, cheapest first, for each kind of data and task.

Every rung is built by ``recommender.baselines.pipeline`` under the rung's id: the same estimator
``frugal bench`` measures for that catalog id.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

from ..baselines import pipeline
from .detect import Detection

if TYPE_CHECKING:
    from . import Settings

LADDERS = {
    ("text", "classification"): (
        ("dummy", "Most frequent class (baseline)"),
        ("tfidf-naive-bayes", "TF-IDF + multinomial naive Bayes"),
        ("tfidf-logreg", "TF-IDF + logistic regression"),
        ("tfidf-linear-svm", "TF-IDF + linear SVM"),
    ),
    ("tabular", "classification"): (
        ("dummy", "Most frequent class (baseline)"),
        ("logistic-regression", "Logistic regression"),
        ("random-forest", "Random forest"),
        ("gradient-boosting", "Histogram gradient boosting"),
    ),
    ("text", "regression"): (
        ("dummy", "Mean of the target (baseline)"),
        ("tfidf-ridge", "TF-IDF + ridge regression"),
    ),
    ("tabular", "regression"): (
        ("dummy", "Mean of the target (baseline)"),
        ("ridge", "Ridge regression"),
        ("random-forest", "Random forest"),
        ("gradient-boosting", "Histogram gradient boosting"),
    ),
    ("text", "clustering"): (
        ("dummy", "Random groups (baseline)"),
        ("kmeans", "k-means"),
        ("pca", "TF-IDF + SVD + k-means"),
    ),
    ("tabular", "clustering"): (
        ("dummy", "Random groups (baseline)"),
        ("kmeans", "k-means"),
        ("pca", "PCA (90% variance) + k-means"),
    ),
}
"""(id, name) of the rungs by (kind of data, task), in ladder order: a-priori cheapest first."""


@dataclass(frozen=True)
class Rung:
    """One option of the ladder: a catalog id where the catalog has one, and how to build it."""

    id: str
    name: str
    build: Callable[[], Any] = field(repr=False, compare=False)
    """Returns a fresh, unfitted estimator (one per fold)."""


def ladder(d: Detection, settings: Settings) -> tuple[Rung, ...]:
    """The options to try, cheapest first, for this kind of data and task."""
    return tuple(Rung(model_id, name, partial(pipeline, model_id, d.kind, d.task, clusters=settings.clusters,
                                              rows=d.rows_used))
                 for model_id, name in LADDERS[(d.kind, d.task)])
