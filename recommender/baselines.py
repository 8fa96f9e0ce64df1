"""The scikit-learn pipelines behind the catalog's classic-ML ids: one id, one estimator.

``frugal bench`` measures these pipelines (``recommender.measure.workloads``) and ``frugal trial``
cross-validates them on the user's data (``recommender.trial.ladder``), so the measured energy of
an id in ``catalog/energy.csv`` is that of the estimator ``catalog/models.csv`` describes and the
trial runs.

Every pipeline but the supervised dummies starts with the preparation of its kind of data:

- text: ``TfidfVectorizer(**TFIDF)``;
- tabular (a pandas frame): numeric and boolean columns imputed with their median and
  standardised; the other columns imputed with their most frequent value and one-hot encoded.

``dummy``, ``ridge`` and ``tfidf-ridge`` are the trial's own rungs; the catalog has no row for them.
scikit-learn and pandas are imported inside the functions: importing this module is cheap.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

from .errors import InvalidInput

SEED = 0
"""``random_state`` of every model with randomness: the same data gives the same model."""
TFIDF = MappingProxyType({"sublinear_tf": True, "ngram_range": (1, 2), "max_features": 50_000})
"""``TfidfVectorizer`` settings of every text pipeline: log-scaled term counts, words and word
pairs, the 50,000 most frequent (the feature count catalog/models.csv assumes)."""
PCA_VARIANCE = 0.9
"""Share of the variance the tabular PCA keeps."""
SVD_MAX_COMPONENTS = 100
"""Components of the text SVD at most; it keeps one per 10 rows, at least 2."""
DEFAULT_CLUSTERS = 3
"""k of k-means when the caller does not say."""

CATALOG_IDS = ("tfidf-logreg", "tfidf-linear-svm", "tfidf-naive-bayes", "logistic-regression",
               "random-forest", "gradient-boosting", "kmeans", "pca")
"""Ids of catalog/models.csv rows built here."""
_KINDS = ("text", "tabular")
_ANY_TASK = ("classification", "regression", "clustering")
SUPPORTED = MappingProxyType({
    "dummy": frozenset((k, t) for k in _KINDS for t in _ANY_TASK),
    "tfidf-naive-bayes": frozenset({("text", "classification")}),
    "tfidf-logreg": frozenset({("text", "classification")}),
    "tfidf-linear-svm": frozenset({("text", "classification")}),
    "tfidf-ridge": frozenset({("text", "regression")}),
    "logistic-regression": frozenset({("tabular", "classification")}),
    "ridge": frozenset({("tabular", "regression")}),
    "random-forest": frozenset({("tabular", "classification"), ("tabular", "regression")}),
    "gradient-boosting": frozenset({("tabular", "classification"), ("tabular", "regression")}),
    "kmeans": frozenset((k, "clustering") for k in _KINDS),
    "pca": frozenset((k, t) for k in _KINDS for t in ("dimensionality-reduction", "clustering")),
})
"""The (data kind, task) pairs each id has a pipeline for. ``pca`` for clustering is the reduction
followed by k-means."""


@dataclass(frozen=True)
class _Options:
    seed: int
    clusters: int
    rows: int | None
    n_jobs: int


def supports(model_id: str, data_kind: str, task: str) -> bool:
    """Whether ``pipeline(model_id, data_kind, task)`` exists."""
    return (data_kind, task) in SUPPORTED.get(model_id, ())


def pipeline(model_id: str, data_kind: str, task: str, *, seed: int = SEED, clusters: int = DEFAULT_CLUSTERS,
             rows: int | None = None, n_jobs: int = 1):
    """A fresh, unfitted scikit-learn estimator for ``model_id`` on ``data_kind`` data for ``task``.

    ``clusters`` is k of k-means; ``rows`` the number of rows of text data (it sizes the text
    SVD); ``n_jobs`` the processes of a random forest (a run setting, not part of the model).
    """
    if not supports(model_id, data_kind, task):
        pairs = sorted(f"{k} {t}" for k, t in SUPPORTED.get(model_id, ()))
        accepted = f"Accepted: {', '.join(pairs)}." if pairs else f"Known ids: {', '.join(sorted(SUPPORTED))}."
        raise InvalidInput(f"no scikit-learn pipeline for '{model_id}' on {data_kind} data for {task}. {accepted}")
    from sklearn.dummy import DummyClassifier, DummyRegressor
    from sklearn.pipeline import make_pipeline

    if model_id == "dummy" and task == "classification":
        return DummyClassifier(strategy="most_frequent")  # ignores the features: nothing to prepare
    if model_id == "dummy" and task == "regression":
        return DummyRegressor(strategy="mean")
    options = _Options(seed, clusters, rows, n_jobs)
    return make_pipeline(preparation(data_kind), *_STEPS[model_id](data_kind, task, options))


def preparation(data_kind: str):
    """The first step of every prepared pipeline: TF-IDF for text, impute + scale / one-hot for tables."""
    from sklearn.compose import ColumnTransformer
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    if data_kind == "text":
        return TfidfVectorizer(**TFIDF)
    return ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric_columns),
        ("categorical", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")),
         other_columns),
    ], sparse_threshold=0)


def _is_number_or_bool(series) -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series)


def numeric_columns(frame) -> list:
    """Columns of a pandas frame that are numbers or booleans, in order (scaled)."""
    return [c for c in frame.columns if _is_number_or_bool(frame[c])]


def other_columns(frame) -> list:
    """The remaining columns of a pandas frame, in order (one-hot encoded as categories)."""
    return [c for c in frame.columns if not _is_number_or_bool(frame[c])]


@cache
def _random_groups_class():
    import numpy as np
    from sklearn.base import BaseEstimator, ClusterMixin

    class RandomGroups(ClusterMixin, BaseEstimator):
        """The clustering baseline: each row put in one of ``k`` groups at random (silhouette ≈ 0)."""

        def __init__(self, k: int = 2, seed: int = SEED):
            self.k = k
            self.seed = seed

        def fit(self, X, y=None):
            self.groups_ = self.k
            return self

        def predict(self, X):
            return np.random.default_rng(self.seed).integers(0, self.groups_, X.shape[0])

    return RandomGroups


def _kmeans(o: _Options):
    from sklearn.cluster import KMeans

    return KMeans(n_clusters=o.clusters, n_init=10, random_state=o.seed)


def _reduction(data_kind: str, o: _Options):
    from sklearn.decomposition import PCA, TruncatedSVD

    if data_kind == "text":  # TF-IDF is sparse: PCA would densify it
        if o.rows is None:
            raise ValueError("the text SVD needs rows= (the number of rows of the data)")
        return TruncatedSVD(n_components=min(SVD_MAX_COMPONENTS, max(2, o.rows // 10)), random_state=o.seed)
    return PCA(n_components=PCA_VARIANCE, svd_solver="full", random_state=o.seed)


def _dummy(data_kind, task, o):
    return [_random_groups_class()(o.clusters, o.seed)]  # clustering; the supervised dummies are above


def _naive_bayes(data_kind, task, o):
    from sklearn.naive_bayes import MultinomialNB

    return [MultinomialNB()]


def _logistic(data_kind, task, o):
    from sklearn.linear_model import LogisticRegression

    return [LogisticRegression(max_iter=1000, random_state=o.seed)]


def _linear_svm(data_kind, task, o):
    from sklearn.svm import LinearSVC

    return [LinearSVC(random_state=o.seed)]


def _ridge(data_kind, task, o):
    from sklearn.linear_model import Ridge

    return [Ridge(alpha=1.0)]


def _random_forest(data_kind, task, o):
    from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor

    model = RandomForestClassifier if task == "classification" else RandomForestRegressor
    return [model(n_estimators=100, n_jobs=o.n_jobs, random_state=o.seed)]


def _gradient_boosting(data_kind, task, o):
    from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor

    model = HistGradientBoostingClassifier if task == "classification" else HistGradientBoostingRegressor
    return [model(random_state=o.seed)]


def _kmeans_steps(data_kind, task, o):
    return [_kmeans(o)]


def _pca(data_kind, task, o):
    return [_reduction(data_kind, o)] + ([_kmeans(o)] if task == "clustering" else [])


_STEPS = {
    "dummy": _dummy, "tfidf-naive-bayes": _naive_bayes, "tfidf-logreg": _logistic, "tfidf-linear-svm": _linear_svm,
    "tfidf-ridge": _ridge, "logistic-regression": _logistic, "ridge": _ridge, "random-forest": _random_forest,
    "gradient-boosting": _gradient_boosting, "kmeans": _kmeans_steps, "pca": _pca,
}
"""The steps after the preparation, by id."""


# -- the classic tagger (named-entity recognition): a linear-chain CRF on hand-made features

CRF = MappingProxyType({"algorithm": "lbfgs", "c1": 0.1, "c2": 0.1, "max_iterations": 50,
                        "all_possible_transitions": True})
"""The CRF of catalog id ``crf-tagger`` (sklearn-crfsuite, a wrapper of CRFsuite): L-BFGS with L1 (c1) and
L2 (c2) penalties, at most 50 iterations; transitions between every pair of tags are learnt."""


def token_features(tokens, i: int) -> dict[str, object]:
    """Hand-made features of token ``i`` of a sentence: its lower case, 2- and 3-letter suffixes, shape
    (all capitals, title case, digits, a hyphen), and the lower case of the tokens before and after."""
    word = tokens[i]
    return {
        "bias": 1.0, "lower": word.lower(), "suffix2": word[-2:], "suffix3": word[-3:],
        "upper": word.isupper(), "title": word.istitle(), "digit": word.isdigit(), "hyphen": "-" in word,
        "previous": tokens[i - 1].lower() if i else "<s>",
        "next": tokens[i + 1].lower() if i + 1 < len(tokens) else "</s>",
    }


def sentence_features(tokens) -> list[dict[str, object]]:
    """``token_features`` of every token of a sentence."""
    return [token_features(tokens, i) for i in range(len(tokens))]


def crf_tagger():
    """The untrained CRF tagger (``CRF`` settings); its features are ``sentence_features``."""
    try:
        import sklearn_crfsuite
    except ImportError:
        from .errors import FrugalError
        from .version import install_hint

        raise FrugalError(f"the CRF tagger needs sklearn-crfsuite: {install_hint('bench')}.") from None
    return sklearn_crfsuite.CRF(**CRF)


# -- the extractive summarizer: sentences ranked by TF-IDF centrality

SUMMARY_SENTENCES = 3
"""Sentences an extractive summary keeps (about a PubMed abstract's conclusion)."""


def extract_summary(sentences, keep: int = SUMMARY_SENTENCES) -> list[str]:
    """The ``keep`` sentences of a document most similar, by TF-IDF cosine, to the document as a whole
    (its centroid), in document order: a centrality summary in the spirit of LexRank, without training."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(sentences) <= keep:
        return list(sentences)
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(sentences)
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    scores = matrix @ centroid
    chosen = sorted(np.argsort(-scores, kind="stable")[:keep].tolist())
    return [sentences[i] for i in chosen]
