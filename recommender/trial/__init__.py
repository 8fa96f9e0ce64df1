"""``frugal trial``: frugal baselines on the user's own data, on the user's own machine.

Reads a CSV/TSV/Parquet file locally, detects the kind of data and the task, runs a ladder of
scikit-learn baselines cheapest first under the same meter as ``frugal bench``, cross-validates
their quality, and ends with a verdict. Nothing is sent anywhere.

No row, cell or text snippet of the data is ever put into a result, a message or an exception
raised here: only aggregates (counts, means, scores), column names and the file's name. Class
labels are data too, so classes are reported by their counts only. Errors raised by pandas or
scikit-learn are replaced by messages of our own, since theirs may quote a cell.

scikit-learn and pandas are imported inside functions: importing this module is cheap.
"""

from __future__ import annotations

import math
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..errors import FrugalError, InvalidInput, closest

TASKS = ("classification", "regression", "clustering")
SEED = 0
"""``random_state`` of every split, model and sample: the same file gives the same scores."""
TOKENS_PER_WORD = 1.3
"""Subword tokens per whitespace-separated word (the catalog's assumption for English text)."""
TEXT_MIN_WORDS = 5.0
"""A string column whose values average at least this many words is free text."""
MAX_CATEGORIES = 50
"""A string column with more distinct values than this, or than half the rows, is ignored as an
identifier or free text in tabular mode."""
MAX_CLASS_GUESS = 20
"""An integer target with at most this many distinct values is taken as classes."""
SILHOUETTE_SAMPLE = 2000
"""Rows used to compute a silhouette (it is quadratic in rows)."""
DEFAULT_MAX_ROWS = 100_000
DEFAULT_COMPARE_WITH = ("biobert", "biomistral-7b")
"""Catalog models whose predicted footprint is shown beside the ladder: a BERT-class model and an LLM."""
METRICS = {
    "classification": ("macro_f1", "accuracy"),
    "regression": ("r2", "mae"),
    "clustering": ("silhouette", None),
}
METRIC_NAMES = {"macro_f1": "macro-F1", "accuracy": "accuracy", "r2": "R²", "mae": "mean absolute error",
                "silhouette": "silhouette"}
READERS = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".parquet": None, ".pq": None}


@dataclass(frozen=True)
class Settings:
    """How to run a trial: what the user asked, with defaults."""

    target: str | None = None
    text_column: str | None = None
    task: str | None = None
    """classification, regression or clustering; None = detected."""
    cv: int = 5
    """Cross-validation folds."""
    budget_s: float | None = None
    """Seconds after which the ladder stops (between folds); None = no limit."""
    tolerance: float = 0.01
    """Score difference (metric units, 0.01 = one point of macro-F1) below which options tie."""
    clusters: int = 3
    """k for k-means when clustering."""
    max_rows: int = DEFAULT_MAX_ROWS
    """Rows read at most; a larger file is sampled (its first rows) and the result says so."""
    encoding: str = "utf-8"
    compare_with: tuple[str, ...] = DEFAULT_COMPARE_WITH


@dataclass(frozen=True)
class Data:
    """The data as read: a pandas frame kept in memory only, never rendered."""

    name: str
    """File name (not the path: it may name a patient or a project)."""
    frame: Any = field(repr=False)
    columns_in_file: tuple[str, ...]
    truncated: bool
    """True when the file has more rows than ``max_rows``: only its first rows were read."""


@dataclass(frozen=True)
class Detection:
    """What the trial found out about the data: aggregates and column names only."""

    file: str
    rows_read: int
    rows_used: int
    rows_dropped: int
    """Rows without a target value, left out."""
    truncated: bool
    kind: str
    """``text`` or ``tabular``."""
    task: str
    target: str | None
    text_column: str | None
    feature_columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    class_counts: tuple[int, ...] = ()
    """Rows per class, largest first (labels are data: never kept)."""
    mean_words: float | None = None
    """Mean words per item of the text column."""
    tokens_per_item: int | None = None
    """Estimated subword tokens per item (``mean_words × TOKENS_PER_WORD``)."""
    clusters: int | None = None

    def lines(self) -> tuple[str, ...]:
        """What was detected, in plain words."""
        read = f"{self.file}: {self.rows_read:,} rows read"
        if self.truncated:
            read += f" (a sample: the file's first {self.rows_read:,} rows; --max-rows to change)"
        if self.rows_dropped:
            read += f"; {self.rows_dropped:,} without a value of '{self.target}' left out"
        lines = [read + "."]
        if self.kind == "text":
            lines.append(f"Free text in column '{self.text_column}': {self.mean_words:.1f} words per item on "
                          f"average (~{self.tokens_per_item} tokens)"
                         + (f"; other columns ignored: {', '.join(self.ignored_columns)}" if self.ignored_columns
                            else "") + ".")
        else:
            lines.append(f"Tabular data: {len(self.feature_columns)} feature columns"
                         + (f"; ignored (identifiers or free text): {', '.join(self.ignored_columns)}"
                            if self.ignored_columns else "") + ".")
        if self.task == "classification":
            sizes = ", ".join(f"{c:,}" for c in self.class_counts)
            lines.append(f"Task: classification of '{self.target}', {len(self.class_counts)} classes "
                         f"(rows per class: {sizes}).")
        elif self.task == "regression":
            lines.append(f"Task: regression of '{self.target}' (numeric).")
        else:
            lines.append(f"Task: clustering into {self.clusters} groups (no target; --clusters to change).")
        return tuple(lines)


@dataclass(frozen=True)
class Rung:
    """One option of the ladder: a catalog id where the catalog has one, and how to build it."""

    id: str
    name: str
    build: Callable[[], Any] = field(repr=False, compare=False)


@dataclass(frozen=True)
class RungResult:
    """Cross-validated quality and measured energy of one rung."""

    id: str
    name: str
    status: str
    """``done``, ``skipped`` (budget spent) or ``failed`` (scikit-learn refused the data)."""
    score: float | None = None
    """Mean of the main metric over the folds."""
    score_std: float | None = None
    """Standard deviation of the main metric across folds."""
    secondary: float | None = None
    secondary_std: float | None = None
    fit_wh: float | None = None
    """Energy of one fit (Wh, mean over folds), as the meter reads it."""
    fit_s: float | None = None
    """Duration of one fit (s, mean over folds)."""
    predict_wh_per_1k: float | None = None
    """Energy of predicting 1,000 items (Wh)."""
    predict_s_per_1k: float | None = None
    energy_wh: float | None = None
    """Fit once and predict every row of the data once (Wh): the energy compared across rungs."""
    frontier: bool = False
    """No other rung is both at least as good and at most as hungry (Pareto frontier)."""
    note: str = ""


@dataclass(frozen=True)
class CatalogEstimate:
    """What the catalog predicts a heavier option would cost for this data."""

    model_id: str
    name: str
    family: str
    setup: str
    """``fine-tune``, ``zero-shot``... as the catalog says."""
    setup_wh: float | None
    use_wh_per_1k: float | None
    total_wh: float | None
    """Setup on these rows plus use on as many items (Wh, facility boundary, mid value)."""
    method: str
    """``measured``, ``published`` or ``estimated``."""


@dataclass(frozen=True)
class Verdict:
    choice: str | None
    """Id of the rung to use; None when no model ran or none beats the dummy baseline."""
    required_gain: float | None
    """Score a heavier option must add to the choice's to be worth its footprint (metric units)."""
    lines: tuple[str, ...]


@dataclass(frozen=True)
class TrialResult:
    detection: Detection
    metric: str
    secondary_metric: str | None
    cv: int
    meter: str
    meter_method: str
    rungs: tuple[RungResult, ...]
    skipped: tuple[str, ...]
    """Ids of the rungs the budget stopped."""
    budget_s: float | None
    catalog: tuple[CatalogEstimate, ...]
    catalog_note: str
    verdict: Verdict


# --- reading ---------------------------------------------------------------------------------

def _missing_column(what: str, name: str, columns: tuple[str, ...]) -> InvalidInput:
    message = f"no {what} column '{name}' in the data."
    suggestion = closest(name, columns)
    if suggestion:
        message += f" Did you mean '{suggestion}'?"
    shown = ", ".join(columns[:30]) + (", ..." if len(columns) > 30 else "")
    return InvalidInput(message + f" Columns: {shown}.")


def read_data(path: str | Path, settings: Settings) -> Data:
    """Read the file locally: only the columns needed and at most ``max_rows`` rows."""
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"data file '{path}' does not exist.")
    if not path.is_file():
        raise InvalidInput(f"data file '{path}' is not a file.")
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InvalidInput(f"'{path.name}' is not a CSV, TSV or Parquet file; accepted extensions: "
                           f"{', '.join(READERS)}.")
    if READERS[suffix] is None:
        columns, read = _parquet(path)
    else:
        columns, read = _delimited(path, READERS[suffix], settings.encoding)
    for what, name in (("target", settings.target), ("text", settings.text_column)):
        if name is not None and name not in columns:
            raise _missing_column(what, name, columns)
    wanted = None
    if settings.text_column:
        wanted = [c for c in (settings.text_column, settings.target) if c]
    frame = read(wanted, settings.max_rows + 1)
    truncated = len(frame) > settings.max_rows
    if truncated:
        frame = frame.iloc[:settings.max_rows]
    if len(frame) == 0:
        raise InvalidInput(f"'{path.name}' has no data rows.")
    return Data(path.name, frame, columns, truncated)


def _delimited(path: Path, sep: str, encoding: str):
    import pandas as pd

    def read(usecols, nrows):
        try:
            return pd.read_csv(path, sep=sep, encoding=encoding, usecols=usecols, nrows=nrows)
        except UnicodeDecodeError:
            raise InvalidInput(f"'{path.name}' is not readable as {encoding} text; give its encoding with "
                               f"--encoding (e.g. latin-1, cp1252).") from None
        except LookupError:
            raise InvalidInput(f"unknown encoding '{encoding}'; e.g. utf-8, latin-1, cp1252.") from None
        except pd.errors.EmptyDataError:
            raise InvalidInput(f"'{path.name}' is empty: no header row.") from None
        except (pd.errors.ParserError, ValueError):  # their messages may quote a cell
            raise InvalidInput(f"'{path.name}' is not a well-formed {'TSV' if sep == chr(9) else 'CSV'} "
                               f"file (rows do not split into the header's columns).") from None

    header = read(None, 0)
    return tuple(str(c) for c in header.columns), read


def _parquet(path: Path):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise FrugalError("reading Parquet needs pyarrow: pip install pyarrow (or save the data as CSV).") from None
    try:
        source = pq.ParquetFile(path)
    except Exception:  # pyarrow's errors name bytes of the file
        raise InvalidInput(f"'{path.name}' is not a readable Parquet file.") from None
    columns = tuple(source.schema_arrow.names)

    def read(usecols, nrows):
        import pandas as pd
        import pyarrow as pa

        batches, rows = [], 0
        for batch in source.iter_batches(batch_size=min(nrows, 65_536) or 1, columns=usecols):
            batches.append(batch)
            rows += batch.num_rows
            if rows >= nrows:
                break
        if not batches:
            return pd.DataFrame(columns=list(usecols or columns))
        return pa.Table.from_batches(batches).to_pandas().iloc[:nrows]

    return columns, read


# --- detection -------------------------------------------------------------------------------

def _is_numeric(series) -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _mean_words(series) -> float:
    values = series.dropna().astype(str)
    if len(values) == 0:
        return 0.0
    return float(values.str.split().str.len().mean())


def detect(data: Data, settings: Settings) -> tuple[Detection, Any, Any]:
    """What the data is and which task to run; returns the detection, features X and target y."""
    frame = data.frame
    target = settings.target
    task = settings.task
    if task is not None and task not in TASKS:
        raise InvalidInput(f"unknown task '{task}'. Accepted: {', '.join(TASKS)}.")
    if task == "clustering" and target:
        raise InvalidInput("--task clustering takes no --target (it groups rows without labels).")
    if task in ("classification", "regression") and not target:
        raise InvalidInput(f"--task {task} needs --target COLUMN (the column to predict).")
    rows_read = len(frame)
    dropped = 0
    y = None
    if target:
        keep = frame[target].notna()
        dropped = int((~keep).sum())
        frame = frame[keep]
        if len(frame) == 0:
            raise InvalidInput(f"column '{target}' has no values: nothing to learn from.")
        y = frame[target]
        if task is None:
            task = _guess_task(y)
        if task == "regression" and not _is_numeric(y):
            raise InvalidInput(f"target '{target}' is not numeric: regression needs numbers "
                               f"(--task classification to predict its values as classes).")
    else:
        task = "clustering"
    features = frame.drop(columns=[target]) if target else frame
    if features.shape[1] == 0:
        raise InvalidInput("no feature column: the data holds only the target column.")

    text_column = settings.text_column
    if text_column is None:
        candidates = {c: _mean_words(features[c]) for c in features.columns if not _is_numeric(features[c])
                      and not _is_bool(features[c])}
        text_like = {c: w for c, w in candidates.items() if w >= TEXT_MIN_WORDS}
        if text_like:
            text_column = max(text_like, key=lambda c: (text_like[c], c))
    common = dict(file=data.name, rows_read=rows_read, rows_used=len(frame), rows_dropped=dropped,
                  truncated=data.truncated, task=task, target=target,
                  clusters=settings.clusters if task == "clustering" else None)
    if text_column is not None:
        words = _mean_words(features[text_column])
        X = features[text_column].fillna("").astype(str)
        detection = Detection(kind="text", text_column=text_column, feature_columns=(text_column,),
                              ignored_columns=tuple(c for c in features.columns if c != text_column),
                              mean_words=words, tokens_per_item=max(1, round(words * TOKENS_PER_WORD)), **common)
    else:
        used, ignored = [], []
        for c in features.columns:
            series = features[c]
            if _is_numeric(series) or _is_bool(series):
                used.append(c)
            elif series.nunique() <= min(MAX_CATEGORIES, len(series) / 2):
                used.append(c)
            else:
                ignored.append(c)
        if not used:
            raise InvalidInput(f"no usable feature column: {', '.join(map(str, ignored))} look like identifiers "
                               f"or free text (--text-column to treat one as text).")
        X = features[used]
        detection = Detection(kind="tabular", text_column=None, feature_columns=tuple(map(str, used)),
                              ignored_columns=tuple(map(str, ignored)), **common)
    if task == "classification":
        counts = tuple(int(n) for n in y.value_counts().sort_values(ascending=False))
        detection = replace(detection, class_counts=counts)
    _check_folds(detection, settings)
    return detection, X, y


def _is_bool(series) -> bool:
    import pandas as pd

    return pd.api.types.is_bool_dtype(series)


def _guess_task(y) -> str:
    if not _is_numeric(y):
        return "classification"
    values = y.astype(float)
    integral = bool(((values % 1) == 0).all())
    return "classification" if integral and y.nunique() <= MAX_CLASS_GUESS else "regression"


def _check_folds(d: Detection, settings: Settings) -> None:
    cv = settings.cv
    if cv < 2:
        raise InvalidInput(f"--cv must be at least 2 folds; got {cv}.")
    if d.task == "classification":
        if len(d.class_counts) < 2:
            raise InvalidInput(f"target '{d.target}' has a single class: classification needs at least two "
                               f"(leave out --target to group the rows instead).")
        smallest = d.class_counts[-1]
        if smallest < cv:
            advice = f"use --cv {smallest} or fewer, or add rows" if smallest >= 2 else "add rows to it"
            raise InvalidInput(f"too few rows for {cv}-fold cross-validation: the smallest class of "
                               f"'{d.target}' has {smallest} row{'s' if smallest > 1 else ''}; {advice}.")
    elif d.rows_used < 2 * cv:
        raise InvalidInput(f"too few rows for {cv}-fold cross-validation: {d.rows_used} rows, at least "
                           f"{2 * cv} needed; use a smaller --cv or add rows.")
    if d.task == "clustering":
        if settings.clusters < 2:
            raise InvalidInput(f"--clusters must be at least 2; got {settings.clusters}.")
        per_fold = d.rows_used - math.ceil(d.rows_used / cv)
        if per_fold < settings.clusters:
            raise InvalidInput(f"too few rows ({d.rows_used}) for {settings.clusters} clusters with {cv} folds.")


# --- the ladder ------------------------------------------------------------------------------

def random_groups(k: int):
    """The clustering baseline: rows assigned to ``k`` groups at random (silhouette ≈ 0)."""
    import numpy as np
    from sklearn.base import BaseEstimator, ClusterMixin

    class RandomGroups(ClusterMixin, BaseEstimator):
        def __init__(self, k: int = 2):
            self.k = k

        def fit(self, X, y=None):
            self.groups_ = self.k
            return self

        def predict(self, X):
            return np.random.default_rng(SEED).integers(0, self.groups_, X.shape[0])

    return RandomGroups(k)


def _tabular_prep(X):
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = [c for c in X.columns if _is_numeric(X[c]) or _is_bool(X[c])]
    categorical = [c for c in X.columns if c not in numeric]
    return ColumnTransformer([
        ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("categorical", make_pipeline(SimpleImputer(strategy="most_frequent"),
                                      OneHotEncoder(handle_unknown="ignore")), categorical),
    ], sparse_threshold=0)


def ladder(d: Detection, X, settings: Settings) -> tuple[Rung, ...]:
    """The options to try, cheapest first, for this kind of data and task."""
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA, TruncatedSVD
    from sklearn.dummy import DummyClassifier, DummyRegressor
    from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,
                                  RandomForestClassifier, RandomForestRegressor)
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.naive_bayes import MultinomialNB
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    def prep():
        if d.kind == "text":
            return TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), max_features=50_000)
        return _tabular_prep(X)

    def pipe(*steps):
        return lambda: make_pipeline(prep(), *(s() for s in steps))

    k = settings.clusters
    kmeans = lambda: KMeans(n_clusters=k, n_init=10, random_state=SEED)  # noqa: E731
    if d.task == "clustering":
        reduce = ((lambda: TruncatedSVD(n_components=min(100, max(2, len(X) // 10)), random_state=SEED))
                  if d.kind == "text" else (lambda: PCA(n_components=0.9, svd_solver="full", random_state=SEED)))
        return (
            Rung("dummy", "Random groups (baseline)", pipe(lambda: random_groups(k))),
            Rung("kmeans", "k-means", pipe(kmeans)),
            Rung("pca", ("TF-IDF + SVD" if d.kind == "text" else "PCA (90% variance)") + " + k-means",
                 pipe(reduce, kmeans)),
        )
    if d.task == "regression":
        dummy = Rung("dummy", "Mean of the target (baseline)", lambda: DummyRegressor(strategy="mean"))
        if d.kind == "text":
            return dummy, Rung("tfidf-ridge", "TF-IDF + ridge regression", pipe(lambda: Ridge(alpha=1.0)))
        return (
            dummy,
            Rung("ridge", "Ridge regression", pipe(lambda: Ridge(alpha=1.0))),
            Rung("random-forest", "Random forest",
                 pipe(lambda: RandomForestRegressor(n_estimators=100, n_jobs=1, random_state=SEED))),
            Rung("gradient-boosting", "Histogram gradient boosting",
                 pipe(lambda: HistGradientBoostingRegressor(random_state=SEED))),
        )
    dummy = Rung("dummy", "Most frequent class (baseline)", lambda: DummyClassifier(strategy="most_frequent"))
    if d.kind == "text":
        return (
            dummy,
            Rung("tfidf-naive-bayes", "TF-IDF + multinomial naive Bayes", pipe(MultinomialNB)),
            Rung("tfidf-logreg", "TF-IDF + logistic regression",
                 pipe(lambda: LogisticRegression(max_iter=1000, random_state=SEED))),
            Rung("tfidf-linear-svm", "TF-IDF + linear SVM", pipe(lambda: LinearSVC(random_state=SEED))),
        )
    return (
        dummy,
        Rung("logistic-regression", "Logistic regression",
             pipe(lambda: LogisticRegression(max_iter=1000, random_state=SEED))),
        Rung("random-forest", "Random forest",
             pipe(lambda: RandomForestClassifier(n_estimators=100, n_jobs=1, random_state=SEED))),
        Rung("gradient-boosting", "Histogram gradient boosting",
             pipe(lambda: HistGradientBoostingClassifier(random_state=SEED))),
    )


def _folds(d: Detection, X, y, cv: int):
    from sklearn.model_selection import KFold, StratifiedKFold

    if d.task == "classification":
        return list(StratifiedKFold(cv, shuffle=True, random_state=SEED).split(X, y))
    return list(KFold(cv, shuffle=True, random_state=SEED).split(X))


def _scores(d: Detection, model, X_test, y_test, predicted) -> tuple[float, float | None]:
    from sklearn import metrics

    if d.task == "classification":
        return (metrics.f1_score(y_test, predicted, average="macro", zero_division=0),
                metrics.accuracy_score(y_test, predicted))
    if d.task == "regression":
        return metrics.r2_score(y_test, predicted), metrics.mean_absolute_error(y_test, predicted)
    if len(set(predicted)) < 2:
        return 0.0, None  # a single group: no structure found (silhouette's convention at the limit)
    space = model[0].transform(X_test)  # every clustering rung starts with the same preparation
    return metrics.silhouette_score(space, predicted, sample_size=min(SILHOUETTE_SAMPLE, len(predicted)),
                                    random_state=SEED), None


def _take(values, index):
    return values.iloc[index]


def run_ladder(d: Detection, X, y, rungs: tuple[Rung, ...], meter, settings: Settings,
               clock: Callable[[], float] = time.monotonic,
               progress: Callable[[str, int, int], None] | None = None) -> tuple[tuple[RungResult, ...], tuple[str, ...]]:
    """Cross-validate each rung under ``meter``, cheapest first, until the budget is spent.

    Every fit and every prediction is its own meter window. One thread (BLAS and OpenMP), fixed
    seeds: the scores are the same on every run; the energies are what the meter reads.
    """
    from threadpoolctl import threadpool_limits

    folds = _folds(d, X, y, settings.cv)
    start = clock()
    results, skipped = [], []
    with threadpool_limits(limits=1):
        for rung in rungs:
            if settings.budget_s is not None and clock() - start >= settings.budget_s:
                skipped.append(rung.id)
                results.append(RungResult(rung.id, rung.name, "skipped", note="budget spent before it started"))
                continue
            result = _run_rung(d, X, y, rung, folds, meter, settings, start, clock, progress)
            if result.status == "skipped":
                skipped.append(rung.id)
            results.append(result)
    return _with_frontier(results), tuple(skipped)


def _run_rung(d, X, y, rung, folds, meter, settings, start, clock, progress) -> RungResult:
    import numpy as np
    from sklearn.exceptions import ConvergenceWarning

    main, second, fit_wh, fit_s, predict_wh, predict_s, predicted_items = [], [], [], [], 0.0, 0.0, 0
    converged = True
    for n, (train, test) in enumerate(folds, start=1):
        if n > 1 and settings.budget_s is not None and clock() - start >= settings.budget_s:
            return RungResult(rung.id, rung.name, "skipped", note=f"budget spent after {n - 1} of {len(folds)} folds")
        if progress:
            progress(rung.id, n, len(folds))
        X_train, X_test = _take(X, train), _take(X, test)
        y_train = None if y is None else _take(y, train)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            try:
                model = rung.build()
                with meter.window() as w:
                    model.fit(X_train, y_train)
                fit_wh.append(w.reading.energy_wh)
                fit_s.append(w.reading.duration_s)
                with meter.window() as w:
                    predicted = model.predict(X_test)
            except (ValueError, TypeError, MemoryError) as exc:  # scikit-learn's messages may quote a cell
                return RungResult(rung.id, rung.name, "failed",
                                  note=f"scikit-learn refused the data ({type(exc).__name__})")
        if any(issubclass(c.category, ConvergenceWarning) for c in caught):
            converged = False
        predict_wh += w.reading.energy_wh
        predict_s += w.reading.duration_s
        predicted_items += len(test)
        scores = _scores(d, model, X_test, None if y is None else _take(y, test), predicted)
        main.append(float(scores[0]))
        if scores[1] is not None:
            second.append(float(scores[1]))
    fit_mean = float(np.mean(fit_wh))
    per_1k = predict_wh / predicted_items * 1000
    return RungResult(
        rung.id, rung.name, "done",
        score=float(np.mean(main)), score_std=float(np.std(main)),
        secondary=float(np.mean(second)) if second else None, secondary_std=float(np.std(second)) if second else None,
        fit_wh=fit_mean, fit_s=float(np.mean(fit_s)), predict_wh_per_1k=per_1k,
        predict_s_per_1k=predict_s / predicted_items * 1000,
        energy_wh=fit_mean + per_1k * d.rows_used / 1000,
        note="" if converged else "did not fully converge",
    )


def _with_frontier(results: list[RungResult]) -> tuple[RungResult, ...]:
    done = [r for r in results if r.status == "done"]

    def dominated(r: RungResult) -> bool:
        return any(o is not r and o.score >= r.score and o.energy_wh <= r.energy_wh
                   and (o.score > r.score or o.energy_wh < r.energy_wh) for o in done)

    return tuple(replace(r, frontier=not dominated(r)) if r.status == "done" else r for r in results)


# --- verdict ---------------------------------------------------------------------------------

def _fmt_score(x: float) -> str:
    return f"{x:.3f}"


def _ratio(a: float | None, b: float | None) -> str | None:
    if not a or not b:
        return None
    from ..units import format_sig

    return f"{format_sig(a / b)}×"


def verdict(rungs: tuple[RungResult, ...], metric: str, settings: Settings,
            catalog: tuple[CatalogEstimate, ...] = ()) -> Verdict:
    """Which rung to use, and what a heavier option would have to bring to be worth it.

    Rule: among the models (not the baseline) that ran, take the best mean score; every model within
    ``max(tolerance, the best's spread across folds)`` of it is good enough; use the first good-enough
    model of the ladder, which is ordered cheapest first. A heavier option must add more than
    ``max(tolerance, the choice's spread)`` to the choice's score: less is noise.
    """
    name = METRIC_NAMES[metric]
    models = [r for r in rungs if r.status == "done" and r.id != "dummy"]
    if not models:
        return Verdict(None, None, ("No model ran (budget spent or every model failed): raise --budget or check "
                                    "the data, then run the trial again.",))
    best = max(models, key=lambda r: r.score)
    margin = max(settings.tolerance, best.score_std)
    choice = next(r for r in models if r.score >= best.score - margin)
    gain = max(settings.tolerance, choice.score_std)
    dummy = next((r for r in rungs if r.id == "dummy" and r.status == "done"), None)
    if dummy is not None and best.score - dummy.score <= max(settings.tolerance, dummy.score_std):
        return Verdict(None, None, (
            f"No model beats the baseline ({name} {_fmt_score(dummy.score)}) by more than "
            f"{_fmt_score(max(settings.tolerance, dummy.score_std))}: these columns may not predict the target, "
            f"or there are too few rows. Check the data before trying heavier models.",))
    lines = []
    head = f"Use {choice.name} ({choice.id}): {name} {_fmt_score(choice.score)} ± {_fmt_score(choice.score_std)}"
    if choice is best:
        lines.append(head + ", the best of the ladder.")
    else:
        more = best.energy_wh > choice.energy_wh * 1.1
        lines.append(head + f", within {_fmt_score(margin)} of the best ({best.name}, {_fmt_score(best.score)})"
                     + (f", which used {_ratio(best.energy_wh, choice.energy_wh)} its measured energy." if more
                        else "."))
    heavier = [r for r in models if r.energy_wh and choice.energy_wh and r.energy_wh > choice.energy_wh
               and r is not choice]
    for r in heavier:
        if r.score - choice.score <= gain:
            lines.append(f"{r.name} used {_ratio(r.energy_wh, choice.energy_wh)} the energy for "
                         f"{r.score - choice.score:+.3f} {name}: not worth it.")
    headroom = (1.0 - choice.score) if metric in ("macro_f1", "r2", "silhouette") else None
    target_score = choice.score + gain
    if headroom is not None and headroom <= gain:
        lines.append(f"Only {_fmt_score(headroom)} {name} remains to a perfect score: no heavier option can bring "
                     f"a gain beyond the noise ({_fmt_score(gain)}) — stay with {choice.id}.")
    else:
        lines.append(f"A heavier option is worth its footprint only if it reaches more than "
                     f"{_fmt_score(target_score)} {name} on this data (+{_fmt_score(gain)}: the tolerance or "
                     f"the spread across folds, whichever is larger).")
    for c in catalog:
        ratio = _ratio(c.total_wh, choice.energy_wh)
        if ratio:
            lines.append(f"{c.name} ({c.model_id}) would use about {ratio} the energy of {choice.id} for "
                         f"this data (catalog, {c.method}): try it only if that gain is needed and likely.")
    return Verdict(choice.id, gain, tuple(lines))


# --- the catalog's view ----------------------------------------------------------------------

def catalog_estimates(d: Detection, settings: Settings, catalog=None) -> tuple[tuple[CatalogEstimate, ...], str]:
    """What the catalog predicts for heavier options on this data's size and text lengths."""
    if d.kind != "text" or d.task != "classification":
        return (), (f"The catalog has no BERT-class model or LLM for {d.task} of {d.kind} data: "
                    f"the ladder above is the comparison.")
    from ..catalog import load_catalog
    from ..usecases.recommend import Query, recommend

    catalog = catalog or load_catalog()
    present = tuple(m for m in settings.compare_with if m in catalog.models)
    missing = [m for m in settings.compare_with if m not in catalog.models]
    note = f"Not in the catalog: {', '.join(missing)}." if missing else ""
    if not present:
        return (), note
    result = recommend(Query(task="classification", data_kind="text", models=present, data_sensitivity="sensitive",
                             tokens_in=d.tokens_per_item, volume=d.rows_used, train_items=d.rows_used), catalog)
    options = {o.model.id: o for o in (*result.ranked, *result.excluded)}
    estimates = []
    for model_id in present:
        if model_id not in options:
            continue
        o = options[model_id]
        f = o.footprint
        basis = f.use_basis or f.setup_basis
        estimates.append(CatalogEstimate(
            model_id, o.model.name, o.model.family, o.model.setup,
            None if f.setup_wh is None else f.setup_wh.mid,
            None if f.use_wh_per_1k is None else f.use_wh_per_1k.mid,
            None if f.total_wh is None else f.total_wh.mid,
            basis.method if basis else "unknown",
        ))
    return tuple(estimates), note


# --- the whole trial -------------------------------------------------------------------------

def now() -> float:
    """The clock of the time budget (s); tests replace it."""
    return time.monotonic()


def run_trial(path: str | Path, settings: Settings, meter, catalog=None,
              clock: Callable[[], float] | None = None,
              progress: Callable[[str, int, int], None] | None = None) -> TrialResult:
    """Read, detect, run the ladder under ``meter``, compare with the catalog and conclude."""
    try:
        import sklearn  # noqa: F401
    except ImportError:
        raise FrugalError("frugal trial needs scikit-learn: pip install 'frugal[trial]'.") from None
    data = read_data(path, settings)
    detection, X, y = detect(data, settings)
    rungs = ladder(detection, X, settings)
    results, skipped = run_ladder(detection, X, y, rungs, meter, settings, clock or now, progress)
    metric, secondary = METRICS[detection.task]
    estimates, note = catalog_estimates(detection, settings, catalog)
    return TrialResult(
        detection=detection, metric=metric, secondary_metric=secondary, cv=settings.cv,
        meter=f"{meter.name} {meter.version}", meter_method=meter.method, rungs=results, skipped=skipped,
        budget_s=settings.budget_s, catalog=estimates, catalog_note=note,
        verdict=verdict(results, metric, settings, estimates),
    )
