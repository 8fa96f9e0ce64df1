"""``frugal trial``: frugal baselines on the user's own data, on the user's own machine.

Reads a CSV/TSV/Parquet file locally (``read``), detects the kind of data and the task
(``detect``), runs a ladder of scikit-learn baselines cheapest first (``ladder``, built from
``recommender.baselines``) under the same meter as ``frugal bench`` and cross-validates their
quality (``crossval``), asks the catalog what heavier options would cost, and ends with a verdict
(``verdict``). Nothing is sent anywhere.

No row, cell or text snippet of the data is ever put into a result, a message or an exception
raised here: only aggregates (counts, means, scores), column names and the file's name. Class
labels are data too, so classes are reported by their counts only. Errors raised by pandas or
scikit-learn on the user's data are replaced by messages of our own, since theirs may quote a cell.

scikit-learn and pandas are imported inside functions: importing this package is cheap.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..baselines import DEFAULT_CLUSTERS
from ..errors import FrugalError, InvalidInput
from .crossval import METRIC_NAMES, METRICS, Progress, RungResult, run_ladder
from .detect import TASKS, Detection, detect
from .language import LANGUAGE_NAMES
from .ladder import Rung, ladder
from .read import Data, read_data
from .verdict import Verdict, verdict

__all__ = ["COMPARE_WITH_BY_LANGUAGE", "CatalogEstimate", "Data", "Detection", "METRIC_NAMES", "METRICS", "Rung", "RungResult",
           "Settings", "TASKS", "TrialResult", "Verdict", "catalog_estimates", "detect", "ladder", "read_data",
           "run_ladder", "run_trial", "verdict"]

DEFAULT_MAX_ROWS = 100_000
DEFAULT_COMPARE_WITH = ("biobert", "biomistral-7b")
"""Catalog models whose predicted footprint is shown beside the ladder: a BERT-class model and an LLM."""
COMPARE_WITH_BY_LANGUAGE = {"fr": ("camembert-bio", "drbert", "biomistral-7b")}
"""The same for text in another language: the catalog's biomedical encoders for it, and an LLM that speaks it
(BioMistral-7B's languages include French)."""
DEFAULT_TOLERANCE_POINTS = 1.0
"""Options closer than 1 point (0.01 of a 0–1 score) tie."""
MAX_TOLERANCE_POINTS = 100.0
MAX_CLUSTERS = 1000
"""The most clusters k-means is asked for: beyond it a frugal trial's "groups" are not read by anyone."""


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
    tolerance_points: float = DEFAULT_TOLERANCE_POINTS
    """Score difference below which options tie, in points of a 0–100 scale (1 point = 0.01 of
    macro-F1, R² or silhouette), as ``--tolerance`` in every command."""
    clusters: int = DEFAULT_CLUSTERS
    """k for k-means when clustering."""
    max_rows: int = DEFAULT_MAX_ROWS
    """Rows read at most; a larger file is sampled (its first rows) and the result says so."""
    encoding: str = "utf-8"
    compare_with: tuple[str, ...] = ()
    """Catalog models to show beside the ladder; empty = by the text's language (``compare_with_for``)."""
    sep: str | None = None
    """Delimiter of a CSV/TSV file; None = sniffed (``read.sniff_delimiter``)."""

    def __post_init__(self) -> None:
        if not (0 <= self.tolerance_points <= MAX_TOLERANCE_POINTS):  # also refuses nan
            raise InvalidInput(f"--tolerance must be between 0 and 100 points; got '{self.tolerance_points:g}'.")
        if not (2 <= self.clusters <= MAX_CLUSTERS):
            raise InvalidInput(f"--clusters must be from 2 to {MAX_CLUSTERS}; got {self.clusters}.")


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


def catalog_estimates(d: Detection, settings: Settings, catalog=None) -> tuple[tuple[CatalogEstimate, ...], str]:
    """What the catalog predicts for heavier options on this data's size and text lengths."""
    if d.kind != "text" or d.task != "classification":
        return (), (f"The catalog has no BERT-class model or LLM for {d.task} of {d.kind} data: "
                    f"the ladder above is the comparison.")
    from ..catalog import load_catalog
    from ..usecases.recommend import Query, recommend

    catalog = catalog or load_catalog()
    wanted = compare_with_for(d, settings)
    present = tuple(m for m in wanted if m in catalog.models)
    missing = [m for m in wanted if m not in catalog.models]
    note = f"Not in the catalog: {', '.join(missing)}." if missing else ""
    if not settings.compare_with and d.language in COMPARE_WITH_BY_LANGUAGE:
        note = " ".join(filter(None, (f"Compared with options that handle {LANGUAGE_NAMES[d.language]} text "
                                      "(--compare-with to choose).", note)))
    if not present:
        return (), note
    result = recommend(Query(task="classification", data_kind="text", models=present, data_sensitivity="sensitive",
                             data_lang=d.language or "en", tokens_in=d.tokens_per_item, volume=d.rows_used,
                             train_items=d.rows_used), catalog)
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


def compare_with_for(d: Detection, settings: Settings) -> tuple[str, ...]:
    """``--compare-with`` when given, else the defaults for the text's language (``COMPARE_WITH_BY_LANGUAGE``,
    English: ``DEFAULT_COMPARE_WITH``)."""
    return settings.compare_with or COMPARE_WITH_BY_LANGUAGE.get(d.language or "en", DEFAULT_COMPARE_WITH)


def run_trial(path: str | Path, settings: Settings, meter, *, catalog=None,
              clock: Callable[[], float] = time.monotonic, progress: Progress | None = None) -> TrialResult:
    """Read, detect, run the ladder under ``meter``, compare with the catalog and conclude.

    ``clock`` reads seconds for the time budget; ``progress(rung_id, fold, folds)`` is called
    before each fold.
    """
    try:
        import sklearn  # noqa: F401
    except ImportError:
        from ..version import install_hint

        raise FrugalError(f"frugal trial needs scikit-learn: {install_hint('trial')}.") from None
    data = read_data(path, settings)
    detection, X, y = detect(data, settings)
    rungs = ladder(detection, settings)
    results, skipped = run_ladder(detection, X, y, rungs, meter, settings, clock=clock, progress=progress)
    metric, secondary = METRICS[detection.task]
    estimates, note = catalog_estimates(detection, settings, catalog)
    return TrialResult(
        detection=detection, metric=metric, secondary_metric=secondary, cv=settings.cv,
        meter=f"{meter.name} {meter.version}", meter_method=meter.method, rungs=results, skipped=skipped,
        budget_s=settings.budget_s, catalog=estimates, catalog_note=note,
        verdict=verdict(results, metric, settings, estimates),
    )
