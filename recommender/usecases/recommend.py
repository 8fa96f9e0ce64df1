"""Recommend: the options that can do the task, ranked from least to most resource-hungry.

Ranking rule (docs/methodology.md, "Ranking"): options that can do the task, pass every exclusion
rule and meet the quality floor are ordered frugality first — classic ML, light networks and
encoders before generative models — then by the mid value of their total facility energy for the
user's volume (setup + use); ties go to higher known quality, then to the name. Within each group,
options whose energy is unknown come last (lighter families first). An option whose range
overlaps the previous option's range is flagged ``overlaps`` (shown ``≈``): their order is within
the uncertainty.

The candidates go through the rules, the footprint and the sort as columns (``guidance.columns``,
``footprint.FootprintColumns``); an ``Option`` object is made only for a row that is read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..catalog import DOMAINS, Catalog, Model, bulk_allocation, load_catalog
from ..errors import InvalidInput, unknown_value
from ..footprint import Footprint, FootprintColumns, Workload, footprint_columns
from ..footprint.defaults import DATA_SENSITIVITY, GRID_ZONE, TRAIN_ITEMS, VOLUME_ITEMS
from ..guidance import rules
from ..catalog.columns import fields_at, mask, take
from ..guidance.columns import NAMES, columns_from
from ..guidance.quality import QualityView, best_scores, reference_benchmark, relevant_scores
from ..guidance.rules import Finding, Judgement, Quality, Situation
from ..ranges import Range
from .assumptions import Assumption, assumed_data_kind, assumed_sensitive
from .options import Option, Options

if TYPE_CHECKING:
    from numpy import ndarray

__all__ = ["Option", "Options", "Query", "Recommendation", "candidates", "energy_key", "rank_key", "recommend",
           "workload_of"]


@dataclass(frozen=True)
class Query:
    """The question a user asks ``frugal recommend``."""

    task: str
    data_kind: str | None = None
    domain: str = "general"
    data_lang: str = "en"
    """Language of the data (ISO 639-1)."""
    data_sensitivity: str | None = None
    """None = not given: the safe default (sensitive) is assumed and said."""
    use: str = "analysis"
    volume: int = VOLUME_ITEMS
    """Items to process."""
    hardware: str | None = None
    grid: str = GRID_ZONE
    grid_intensity: float | None = None
    min_quality: float | None = None
    """Absolute floor on the reference benchmark's score (0–100)."""
    tolerance: float | None = None
    """Points below the best known option still considered good enough."""
    tokens_in: int | None = None
    tokens_out: int | None = None
    train_items: int = TRAIN_ITEMS
    batch_size: int | None = None
    models: tuple[str, ...] = ()
    """Restrict to these model ids (empty = every model in the catalog)."""


@dataclass(frozen=True)
class Recommendation:
    """The answer to a query: ranked and excluded options, assumptions and reminders."""

    query: Query
    workload: Workload
    data_sensitivity: str
    assumptions: tuple[Assumption, ...]
    ranked: Options
    excluded: Options
    notes: tuple[Finding, ...]
    benchmark: str | None
    shortlist: Options = field(default=(), compare=False)
    """The ranked options worth a first look, in rank order: the first of each family and of each
    kind of hosting (local, external, sovereign), the first of each family trained for the
    question's domain, and every option that no option above it matches in known quality."""


def _check_query(query: Query, catalog: Catalog) -> None:
    task = catalog.task(query.task)
    if query.data_kind is not None and query.data_kind not in task.data_kinds:
        raise InvalidInput(f"task '{task.id}' does not take '{query.data_kind}' data. "
                           f"Accepted: {', '.join(task.data_kinds)}.")
    if query.domain not in DOMAINS:
        raise unknown_value("domain", query.domain, DOMAINS)
    if query.data_sensitivity is not None and query.data_sensitivity not in rules.SENSITIVITIES:
        raise unknown_value("data sensitivity", query.data_sensitivity, rules.SENSITIVITIES)
    if query.use not in rules.USES:
        raise unknown_value("use", query.use, rules.USES)
    if query.hardware is not None:
        catalog.hardware_profile(query.hardware)
    catalog.zone(query.grid)
    if query.volume < 1:
        raise InvalidInput(f"volume must be a positive number of items; got '{query.volume}'.")
    for name, value in (("--min-quality", query.min_quality), ("--tolerance", query.tolerance)):
        if value is not None and not (0 <= value <= 100):
            raise InvalidInput(f"{name} must be between 0 and 100 points; got '{value:g}'.")
    for model_id in query.models:
        catalog.model(model_id)


def workload_of(query: Query, catalog: Catalog) -> tuple[Workload, tuple[Assumption, ...]]:
    """The workload a query implies, and the assumptions made to fill it in."""
    task = catalog.task(query.task)
    assumptions = []
    data_kind = query.data_kind
    if data_kind is None:
        data_kind = task.default_data
        if len(task.data_kinds) > 1:
            assumptions.append(assumed_data_kind(data_kind, task.data_kinds))
    if query.data_sensitivity is None:
        assumptions.append(assumed_sensitive())
    tokens_in = query.tokens_in or task.tokens_in or 0
    tokens_out = query.tokens_out if query.tokens_out is not None else (task.tokens_out or 0)
    workload = Workload(
        task=task.id, data_kind=data_kind, items=query.volume, tokens_in=tokens_in, tokens_out=tokens_out,
        train_items=query.train_items, batch_size=query.batch_size, hardware=query.hardware,
        grid=catalog.zone(query.grid).zone, grid_intensity=query.grid_intensity,
    )
    return workload, tuple(assumptions)


def candidate_rows(catalog: Catalog, query: Query, workload: Workload) -> list[int]:
    """Positions in ``catalog.models`` of the models that can do the task on this kind of data in
    this domain (named models: in any domain, since the user chose them; the domain then only picks
    the quality benchmark), in catalog order, or in the user's order for named models."""
    task, kind, domain = workload.task, workload.data_kind, query.domain
    f = catalog.model_fields
    if query.models:
        position = {model_id: i for i, model_id in enumerate(f["id"])}
        named = dict.fromkeys(position[catalog.model(m).id] for m in query.models)
        return [i for i in named if task in f["tasks"][i] and kind in f["data_kinds"][i]]
    able = (mask(f["tasks"], lambda tasks: task in tasks) & mask(f["data_kinds"], lambda kinds: kind in kinds)
            & mask(f["domains"], lambda domains: domain in domains or "general" in domains))
    return able.nonzero()[0].tolist()


def candidates(catalog: Catalog, query: Query, workload: Workload) -> list[Model]:
    """The models of ``candidate_rows``."""
    every = tuple(catalog.models.values())
    return [every[i] for i in candidate_rows(catalog, query, workload)]


def energy_key(option: Option) -> tuple:
    """Least total energy (mid) first, unknown energy last (lighter families first); ties go to
    higher known quality, then to the name."""
    from ..catalog import FAMILIES

    total = option.footprint.total_wh
    score = option.quality.score.score if option.quality.score else -math.inf
    if total is None:
        return (1, FAMILIES.index(option.model.family), -score, option.model.name)
    return (0, total.mid, -score, option.model.name)


def rank_key(option: Option) -> tuple:
    """Frugality first: lighter families (classic ML, light networks, encoders) before generative
    ones, then ``energy_key`` (the rule ``recommend`` sorts its columns by)."""
    from ..catalog import LIGHT_FAMILIES

    return (option.model.family not in LIGHT_FAMILIES, *energy_key(option))


def _order(rows: "ndarray", judgement: Judgement, fp: FootprintColumns, scores: "ndarray") -> "ndarray":
    """``rows`` sorted by the ranking rule (``rank_key``), as array keys; names break the ties."""
    import numpy as np

    c = judgement.columns
    total = fp.total_wh[1][rows]
    unknown = np.isnan(total)
    energy = np.where(unknown, c.family_rank[rows].astype(float), total)
    quality = np.where(np.isnan(scores[rows]), math.inf, -scores[rows])
    keys = np.stack([quality, energy, unknown, ~c.light[rows]]).astype(float)
    by_keys = np.lexsort(keys)
    order, keys = rows[by_keys], keys[:, by_keys]
    tied = np.concatenate(([False], np.all(keys[:, 1:] == keys[:, :-1], axis=0), [False])).astype(np.int8)
    starts, ends = np.flatnonzero(np.diff(tied) == 1), np.flatnonzero(np.diff(tied) == -1)
    for start, end in zip((starts - 1).tolist(), ends.tolist()):  # order[start:end] share every key
        order[start:end] = sorted(order[start:end].tolist(), key=lambda i: c.models[i].name)
    return order


def _first_of_each(codes: "ndarray") -> "ndarray":
    """Positions of the first occurrence of each distinct code."""
    import numpy as np

    return np.unique(codes, return_index=True)[1]


def _shortlist(ranked: "ndarray", columns, fp: FootprintColumns, scores: "ndarray", trained: "ndarray") -> list[int]:
    """Positions in ``ranked`` of the shortlist (``Recommendation.shortlist``); ``trained``: each
    candidate is trained for the question's domain (always False for the general domain)."""
    import numpy as np

    chosen = np.zeros(len(ranked), dtype=bool)
    family = columns.family_rank[ranked]
    chosen[_first_of_each(family)] = True
    chosen[_first_of_each(columns.hosting_rank[ranked])] = True
    in_domain = np.flatnonzero(trained[ranked])
    chosen[in_domain[_first_of_each(family[in_domain])]] = True
    eligible = ~np.isnan(scores[ranked]) & ~np.isnan(fp.total_wh[1][ranked])
    best = np.maximum.accumulate(np.where(eligible, scores[ranked], -np.inf))
    above = np.concatenate(([-np.inf], best[:-1]))
    chosen |= eligible & (scores[ranked] > above)
    return np.flatnonzero(chosen).tolist()


def recommend(query: Query, catalog: Catalog | None = None) -> Recommendation:
    """Rank the options for ``query`` from least to most resource-hungry."""
    with bulk_allocation():
        return _recommend(query, catalog or load_catalog())


def _recommend(query: Query, catalog: Catalog) -> Recommendation:
    import numpy as np

    _check_query(query, catalog)
    workload, assumptions = workload_of(query, catalog)
    sensitivity = query.data_sensitivity or DATA_SENSITIVITY
    situation = Situation(
        data_sensitivity=sensitivity, use=query.use, data_lang=query.data_lang,
        hardware=catalog.hardware[query.hardware] if query.hardware else None,
        min_quality=query.min_quality, tolerance=query.tolerance,
    )
    rows = candidate_rows(catalog, query, workload)
    every = tuple(catalog.models.values())
    models = [every[i] for i in rows]
    fields = catalog.model_fields
    row_of = dict(zip(take(fields["id"], rows), range(len(rows))))
    benchmark = reference_benchmark(catalog, row_of, workload.task, query.domain)
    best_of = best_scores(catalog, workload.task, benchmark)
    scores = np.full(len(rows), np.nan)
    for model_id, score in best_of.items():
        if model_id in row_of:
            scores[row_of[model_id]] = score.score
    domain = query.domain
    trained = np.zeros(len(rows), dtype=bool) if domain == "general" else \
        mask(take(fields["domains"], rows), lambda domains: domain in domains)
    judgement = rules.judge(columns_from(fields_at(fields, NAMES, rows), models), situation, Quality(benchmark, scores))
    fp = footprint_columns(models, workload, catalog, rows=rows)
    excluded = judgement.excluded
    ranked = _order(np.flatnonzero(~excluded), judgement, fp, scores)
    out = _order(np.flatnonzero(excluded), judgement, fp, scores)
    shortlist = _shortlist(ranked, judgement.columns, fp, scores, trained)

    best = judgement.quality.best

    def quality_of(i: int) -> QualityView:
        model = models[i]
        if not catalog.quality_of(model.id):
            return QualityView(None, best)
        chosen = best_of.get(model.id)
        return QualityView(chosen, best, tuple(q for q in relevant_scores(catalog, model, workload.task, query.domain)
                                               if q is not chosen))

    def option(i: int, footprint: Footprint, rank: int | None = None, previous: Range | None = None) -> Option:
        total = footprint.total_wh
        overlaps = bool(previous is not None and total is not None and total.low <= previous.high)
        return Option(models[i], footprint, quality_of(i), judgement.findings(i), rank=rank, overlaps=overlaps,
                      previous_total_wh=previous, local_source=catalog.local.get(models[i].id))

    order = ranked.tolist()

    def ranked_option(position: int) -> Option:
        previous = fp.footprint(order[position - 1]).total_wh if position else None
        return option(order[position], fp.footprint(order[position]), position + 1, previous)

    ranked_options = Options(ranked_option, len(order))
    return Recommendation(
        query, workload, sensitivity, assumptions, ranked_options,
        Options(lambda position: option(out[position], fp.footprint(int(out[position]))), len(out)),
        rules.NOTES, benchmark, ranked_options.subset(shortlist),
    )

