"""Compare named models on one task: the footprint table behind ``frugal compare``, ``report`` and
``disclose``.

A comparison is a ``Recommendation`` restricted to the named models (the same footprints, quality
views and rule findings as ``frugal recommend``), plus, per option, its energy class and its ratio
to the most frugal option. Rows are every named model that can do the task, excluded ones
included (their exclusion is shown, not hidden): a team lead compares footprints, the rules say
what is allowed.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from ..catalog import Catalog, Model, load_catalog
from ..errors import InvalidInput
from .assumptions import compared_task
from .recommend import (Option, Query, Recommendation, candidates, normalized, rank_key, recommend,
                        workload_of)

ENERGY_CLASSES = (
    ("A", 0.1), ("B", 1.0), ("C", 10.0), ("D", 100.0), ("E", 1_000.0), ("F", 10_000.0), ("G", math.inf),
)
"""Energy class by use energy, Wh per 1,000 items at the facility boundary (mid): a class is the
upper bound of a decade (A ≤ 0.1, B ≤ 1, …, F ≤ 10,000, G above). A log scale in the spirit of the
EU energy label's A–G letters and of the AI Energy Score's per-task ratings; the decades are
frugal's own, absolute across tasks (docs/reports.md)."""

ENERGY_CLASS_SOURCES = (
    ("Regulation (EU) 2017/1369 setting a framework for energy labelling (A–G scale)",
     "https://eur-lex.europa.eu/eli/reg/2017/1369/oj"),
    ("AI Energy Score (Hugging Face, Salesforce, Cohere, Carnegie Mellon University), 2025",
     "https://huggingface.github.io/AIEnergyScore/"),
)


def energy_class(wh_per_1k: float | None) -> str | None:
    """A–G class of a use energy in Wh per 1,000 items; None when unknown."""
    if wh_per_1k is None:
        return None
    return next(letter for letter, upper in ENERGY_CLASSES if wh_per_1k <= upper)


@dataclass(frozen=True)
class Row:
    """One compared option with its energy class and its ratio to the most frugal option."""

    option: Option
    energy_class: str | None
    """A–G from the use energy per 1,000 items (``ENERGY_CLASSES``)."""
    ratio: float | None
    """Total energy for the volume (mid) / the most frugal row's; None when unknown."""

    @property
    def model(self) -> Model:
        return self.option.model


@dataclass(frozen=True)
class Comparison:
    """The footprint table for some models on one task, and what was left out."""

    recommendation: Recommendation
    rows: tuple[Row, ...]
    """In ``recommend``'s order (``ordered``)."""
    unable: tuple[Model, ...]
    """Named models that cannot do the task (left out of the rows)."""
    assumptions: tuple[str, ...]
    """The recommendation's assumptions and the comparison's own."""
    catalog_version: str
    catalog: Catalog = field(repr=False, compare=False)
    """The catalog the figures come from (for the sources of grid factors)."""

    @property
    def query(self) -> Query:
        return self.recommendation.query


def default_task(models: list[Model], catalog: Catalog) -> str:
    """The task the most models can do; ties go to the catalog's first task."""
    order = list(catalog.tasks)
    counts = {t: sum(t in m.tasks for m in models) for t in order}
    return max(order, key=lambda t: (counts[t], -order.index(t)))


def data_kind_of(models: list[Model], kinds: tuple[str, ...]) -> str | None:
    """The kind of data the named models share among the task's ``kinds``, when there is exactly
    one (ResNets on a task taking text, tabular or image data: image); None otherwise (the task's
    default then applies, and is said to be assumed)."""
    shared = [k for k in kinds if all(k in m.data_kinds for m in models)]
    return shared[0] if len(shared) == 1 else None


def ordered(result: Recommendation) -> list[Option]:
    """The options of a recommendation in its own order: the ranked ones as ranked (good enough on
    evidence first, then quality unknown, least total energy first in each: ``rank_key``), then
    those known to fall short and the excluded ones, each by the same rule."""
    return [*result.ranked, *sorted(result.short_of_quality, key=rank_key), *sorted(result.excluded, key=rank_key)]


def compare(models: tuple[str, ...], query: Query, catalog: Catalog | None = None) -> Comparison:
    """Compare ``models`` on ``query.task`` (empty task = the one most of them can do). With no
    models, compare every option ``recommend`` considers for the query."""
    catalog = catalog or load_catalog()
    assumptions: list[str] = []
    unable: tuple[Model, ...] = ()
    if models:
        named = list(dict.fromkeys(catalog.model(m) for m in models))
        if not query.task:
            task = default_task(named, catalog)
            query = replace(query, task=task)
            assumptions.append(compared_task(task))
        query = replace(normalized(query, catalog), models=tuple(m.id for m in named))
        task = catalog.task(query.task)
        kind = data_kind_of(named, task.data_kinds)
        if query.data_kind is None and kind is not None and kind != task.default_data:
            query = replace(query, data_kind=kind)  # the models say it (ResNets: image); the default is said assumed
        workload, _ = workload_of(query, catalog)
        able = {m.id for m in candidates(catalog, query, workload)}
        unable = tuple(m for m in named if m.id not in able)
        if not able:
            raise InvalidInput(f"none of {', '.join(m.id for m in named)} can do task '{query.task}' on "
                               f"{workload.data_kind} data.")
    elif not query.task:
        raise InvalidInput("give a task (--task) or the models to compare.")
    result = recommend(query, catalog)
    options = ordered(result)
    totals = [o.footprint.total_wh.mid for o in options if o.footprint.total_wh is not None]
    least = min(totals) if totals else None
    rows = []
    for o in options:
        total, use = o.footprint.total_wh, o.footprint.use_wh_per_1k
        ratio = None if total is None or not least else total.mid / least
        rows.append(Row(o, energy_class(use.mid if use else None), ratio))
    return Comparison(result, tuple(rows), unable, (*result.assumptions, *assumptions),
                      catalog.fingerprint, catalog)


def plotted_rows(c: Comparison) -> list[Row]:
    """Rows with both a known total energy and a known quality score (what a plot can place)."""
    return [r for r in c.rows if r.option.footprint.total_wh is not None and r.option.quality.score is not None]


def frugal_frontier(rows: list[Row]) -> list[Row]:
    """The Pareto frontier: rows that no other row beats on both total energy (lower) and quality
    (higher), least energy first."""
    frontier: list[Row] = []
    best = -math.inf
    for r in sorted(rows, key=lambda r: (r.option.footprint.total_wh.mid, -r.option.quality.score.score)):
        score = r.option.quality.score.score
        if score > best:
            frontier.append(r)
            best = score
    return frontier
