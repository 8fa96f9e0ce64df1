"""Cross-validating the ladder under the meter: quality per fold, energy per fit and prediction, the frontier.

Only the fit and the prediction on the user's data are guarded: scikit-learn's errors there may
quote a cell, so they become a ``failed`` rung with the error's type only. Everything else (building
the pipeline, the folds, the scores) is frugal's own code, and its errors raise.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..baselines import SEED
from .detect import Detection
from .ladder import Rung

if TYPE_CHECKING:
    from . import Settings

METRICS = {
    "classification": ("macro_f1", "accuracy"),
    "regression": ("r2", "mae"),
    "clustering": ("silhouette", None),
}
"""(main, secondary) metric of each task; the main one ranks the rungs."""
METRIC_NAMES = {"macro_f1": "macro-F1", "accuracy": "accuracy", "r2": "R²", "mae": "mean absolute error",
                "silhouette": "silhouette"}
SILHOUETTE_SAMPLE = 2000
"""Rows used to compute a silhouette (it is quadratic in rows)."""
REFUSALS = (ValueError, TypeError, MemoryError)
"""What scikit-learn raises when it cannot fit or apply a model to the data."""

Progress = Callable[[str, int, int], None]


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
class Plan:
    """What every rung of one trial shares: the data, its folds, the meter and the time budget."""

    detection: Detection
    X: Any
    y: Any
    folds: tuple
    """(train indices, test indices) per fold."""
    meter: Any
    budget_s: float | None
    start_s: float
    """The clock's reading when the ladder started."""
    clock: Callable[[], float]
    progress: Progress | None = None

    def spent(self) -> bool:
        """True once the budget is spent (reads the clock only when there is a budget)."""
        return self.budget_s is not None and self.clock() - self.start_s >= self.budget_s


class _Refused(Exception):
    """scikit-learn refused the user's data; carries the error's type name only, never its message."""

    def __init__(self, error_type: str):
        super().__init__(error_type)
        self.error_type = error_type


@contextmanager
def _on_users_data() -> Iterator[None]:
    """Turn scikit-learn's refusal of the data into ``_Refused``, dropping its message."""
    try:
        yield
    except REFUSALS as exc:
        raise _Refused(type(exc).__name__) from None


def folds(d: Detection, X, y, cv: int) -> tuple:
    """Shuffled folds with a fixed seed; stratified by class for classification."""
    from sklearn.model_selection import KFold, StratifiedKFold

    if d.task == "classification":
        return tuple(StratifiedKFold(cv, shuffle=True, random_state=SEED).split(X, y))
    return tuple(KFold(cv, shuffle=True, random_state=SEED).split(X))


def scores(d: Detection, y_test, predicted, space) -> tuple[float, float | None]:
    """(main, secondary) metric of one fold; ``space`` is the prepared test features (clustering)."""
    from sklearn import metrics

    if d.task == "classification":
        return (metrics.f1_score(y_test, predicted, average="macro", zero_division=0),
                metrics.accuracy_score(y_test, predicted))
    if d.task == "regression":
        return metrics.r2_score(y_test, predicted), metrics.mean_absolute_error(y_test, predicted)
    if len(set(predicted)) < 2:
        return 0.0, None  # a single group: no structure found (silhouette's convention at the limit)
    return metrics.silhouette_score(space, predicted, sample_size=min(SILHOUETTE_SAMPLE, len(predicted)),
                                    random_state=SEED), None


def run_ladder(d: Detection, X, y, rungs: tuple[Rung, ...], meter, settings: Settings, *,
               clock: Callable[[], float] = time.monotonic,
               progress: Progress | None = None) -> tuple[tuple[RungResult, ...], tuple[str, ...]]:
    """Cross-validate each rung under ``meter``, cheapest first, until the budget is spent.

    Every fit and every prediction is its own meter window. One thread (BLAS and OpenMP), fixed
    seeds: the scores are the same on every run; the energies are what the meter reads.
    """
    from threadpoolctl import threadpool_limits

    plan = Plan(d, X, y, folds(d, X, y, settings.cv), meter, settings.budget_s, clock(), clock, progress)
    results, skipped = [], []
    with threadpool_limits(limits=1):
        for rung in rungs:
            if plan.spent():
                skipped.append(rung.id)
                results.append(RungResult(rung.id, rung.name, "skipped", note="budget spent before it started"))
                continue
            result = run_rung(plan, rung)
            if result.status == "skipped":
                skipped.append(rung.id)
            results.append(result)
    return with_frontier(results), tuple(skipped)


@dataclass
class _Tally:
    main: list
    second: list
    fit_wh: list
    fit_s: list
    predict_wh: float = 0.0
    predict_s: float = 0.0
    predicted_items: int = 0
    converged: bool = True


def run_rung(plan: Plan, rung: Rung) -> RungResult:
    """Cross-validate one rung: fit and predict each fold in its own meter windows."""
    from sklearn.exceptions import ConvergenceWarning

    tally = _Tally([], [], [], [])
    total = len(plan.folds)
    for n, (train, test) in enumerate(plan.folds, start=1):
        if n > 1 and plan.spent():
            return RungResult(rung.id, rung.name, "skipped", note=f"budget spent after {n - 1} of {total} folds")
        if plan.progress:
            plan.progress(rung.id, n, total)
        X_train, X_test = plan.X.iloc[train], plan.X.iloc[test]
        y_train = None if plan.y is None else plan.y.iloc[train]
        model = rung.build()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            try:
                with plan.meter.window() as fitting, _on_users_data():
                    model.fit(X_train, y_train)
                with plan.meter.window() as predicting, _on_users_data():
                    predicted = model.predict(X_test)
                space = None
                if plan.detection.task == "clustering":
                    with _on_users_data():  # every clustering rung starts with the same preparation
                        space = model[0].transform(X_test)
            except _Refused as refused:
                return RungResult(rung.id, rung.name, "failed",
                                  note=f"scikit-learn refused the data ({refused.error_type})")
        if any(issubclass(c.category, ConvergenceWarning) for c in caught):
            tally.converged = False
        _add_fold(tally, fitting.reading, predicting.reading, len(test))
        main, second = scores(plan.detection, None if plan.y is None else plan.y.iloc[test], predicted, space)
        tally.main.append(float(main))
        if second is not None:
            tally.second.append(float(second))
    return _result(rung, tally, plan.detection.rows_used)


def _add_fold(tally: _Tally, fit, predict, items: int) -> None:
    tally.fit_wh.append(fit.energy_wh)
    tally.fit_s.append(fit.duration_s)
    tally.predict_wh += predict.energy_wh
    tally.predict_s += predict.duration_s
    tally.predicted_items += items


def _result(rung: Rung, tally: _Tally, rows: int) -> RungResult:
    import numpy as np

    fit_mean = float(np.mean(tally.fit_wh))
    per_1k = tally.predict_wh / tally.predicted_items * 1000
    second = tally.second
    return RungResult(
        rung.id, rung.name, "done",
        score=float(np.mean(tally.main)), score_std=float(np.std(tally.main)),
        secondary=float(np.mean(second)) if second else None, secondary_std=float(np.std(second)) if second else None,
        fit_wh=fit_mean, fit_s=float(np.mean(tally.fit_s)), predict_wh_per_1k=per_1k,
        predict_s_per_1k=tally.predict_s / tally.predicted_items * 1000,
        energy_wh=fit_mean + per_1k * rows / 1000,
        note="" if tally.converged else "did not fully converge",
    )


def with_frontier(results: list[RungResult]) -> tuple[RungResult, ...]:
    """The results with ``frontier`` set: no other done rung is at least as good and at most as hungry."""
    done = [r for r in results if r.status == "done"]

    def dominated(r: RungResult) -> bool:
        return any(o is not r and o.score >= r.score and o.energy_wh <= r.energy_wh
                   and (o.score > r.score or o.energy_wh < r.energy_wh) for o in done)

    return tuple(replace(r, frontier=not dominated(r)) if r.status == "done" else r for r in results)
