"""Recommend: the options that can do the task, ranked from least to most resource-hungry.

An option is a model used in a mode (``modes``). Ranking rule (docs/methodology.md, "Ranking"), the
guidance's sentence: among the options that can do the task and pass every exclusion rule, those
good enough on evidence (a comparable score at or above ``--min-quality``, or within ``--tolerance``
points of the best allowed option, ``rules.DEFAULT_TOLERANCE`` by default) come first, least total
facility energy for the volume (setup + use, mid) first; then the options whose quality is unknown,
least energy first. Ties go to higher known quality, then to the name; options whose energy is
unknown come last in their group (lighter families first). Options known to fall short of the
floor are not ranked: they are listed (``short_of_quality``) with their score. An option whose
range overlaps the previous option's range is flagged ``overlaps`` (shown ``≈``).

The candidates go through the rules, the footprint and the sort as columns (``guidance.columns``,
``footprint.FootprintColumns``); an ``Option`` object is made only for a row that is read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..catalog import DOMAINS, Catalog, Model, Reference, bulk_allocation, load_catalog
from ..catalog.schema import MODES
from ..errors import InvalidInput, unknown_value
from ..footprint import Footprint, Workload, footprint_columns
from ..footprint.defaults import DATA_SENSITIVITY, GRID_ZONE, TRAIN_ITEMS, VOLUME_ITEMS
from ..guidance import rules
from ..catalog.columns import fields_at, mask, take
from ..guidance.columns import NAMES, columns_from, columns_of, stacked
from ..guidance.quality import QualityView, reference_benchmark, relevant_scores
from ..guidance.rules import Finding, Judgement, Quality, Situation
from ..ranges import Range
from .assumptions import Assumption, assumed_data_kind, assumed_sensitive
from .names import language_code, task_id
from .modes import Mode, default_mode, grouped_order, scores_by_mode, stacked_footprints, variants
from .options import Option, Options
from .verdict import Verdict, verdict

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
    mode: str | None = None
    """Only options used in this mode (``catalog.schema.MODES``); None = every mode."""
    lifetime_years: float | None = None
    utilisation: float | None = None
    setup_runs: int | None = None
    """Life cycle (``footprint.lifecycle``): hardware lifetime, its share in use, setup runs; None = defaults."""


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
    """The reference benchmark's name (None when no benchmark serves)."""
    shortlist: Options = field(default=(), compare=False)
    """The ranked options worth a first look, in rank order: the first of each family with a comparable
    score, the first of each family with no evidence at all (a family known to fall short is shown in
    ``compared``), the first scored option of each kind of hosting and of each family trained for the question's domain, and
    every option that no option above it matches in known quality."""
    reference: Reference | None = field(default=None, compare=False)
    """The question's reference (benchmark, metric, split, and why it was chosen)."""
    short_of_quality: Options = field(default=(), compare=False)
    """Options that pass every other rule but are known to fall short of the quality floor, best
    score first: listed with their score, not ranked."""
    verdict: Verdict | None = field(default=None, compare=False)
    """The option to use and its evidence: the sentence that opens every answer."""
    compared: Options = field(default=(), compare=False)
    """The best option of each family in ``short_of_quality``: shown below the shortlist, unranked, so
    that the table sets the good-enough options against the ones known to fall short."""


def normalized(query: Query, catalog: Catalog) -> Query:
    """``query`` with its task's catalog id (an alias or any case accepted) and its data language as
    a lower-case ISO 639-1 code; an unknown one raises ``InvalidInput`` with a suggestion."""
    task, lang = task_id(query.task, catalog.tasks), language_code(query.data_lang)
    return query if (task, lang) == (query.task, query.data_lang) else replace(query, task=task, data_lang=lang)


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
    if query.mode is not None and query.mode not in MODES:
        raise unknown_value("mode", query.mode, MODES)


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
    """Good enough on evidence before quality unknown, then ``energy_key`` (the rule ``recommend``
    sorts its columns by)."""
    return (option.quality.score is None, *energy_key(option))


def _order(rows: "ndarray", judgement: Judgement, fp, scores: "ndarray") -> "ndarray":
    """``rows`` sorted by the ranking rule (``rank_key``), as array keys; names break the ties."""
    import numpy as np

    c = judgement.columns
    total = fp.total_wh[1][rows]
    unknown = np.isnan(total)
    energy = np.where(unknown, c.family_rank[rows].astype(float), total)
    quality = np.where(np.isnan(scores[rows]), math.inf, -scores[rows])
    keys = np.stack([quality, energy, unknown, np.isnan(scores[rows])]).astype(float)
    by_keys = np.lexsort(keys)
    order, keys = rows[by_keys], keys[:, by_keys]
    # tied[j] (1 ≤ j < n): position j shares every key with position j − 1. A run of ties tied[a..b] is
    # the group order[a − 1 : b + 1]; np.diff finds a − 1 (a rise) and b (a fall).
    tied = np.concatenate(([False], np.all(keys[:, 1:] == keys[:, :-1], axis=0), [False])).astype(np.int8)
    starts, ends = np.flatnonzero(np.diff(tied) == 1), np.flatnonzero(np.diff(tied) == -1) + 1
    for start, end in zip(starts.tolist(), ends.tolist()):  # order[start:end] share every key
        order[start:end] = sorted(order[start:end].tolist(), key=lambda i: c.models[i].name)
    return order


def _first_of_each(codes: "ndarray", preferred: "ndarray | None" = None) -> "ndarray":
    """Positions of one member of each distinct code: its first ``preferred`` member, else its first
    (``preferred`` None: its first)."""
    import numpy as np

    first = np.unique(codes, return_index=True)[1]
    if preferred is None:
        return first
    codes_preferred = codes[preferred]
    best = np.flatnonzero(preferred)[np.unique(codes_preferred, return_index=True)[1]]
    has_preferred = np.isin(codes[first], codes_preferred)
    return np.concatenate([first[~has_preferred], best])


def _shortlist(ranked: "ndarray", columns, fp, scores: "ndarray", trained: "ndarray", evidenced: "ndarray") -> list[int]:
    """Positions in ``ranked`` of the shortlist (``Recommendation.shortlist``): the first option of each
    family with a comparable score, and of each family with none, neither ranked nor known to fall short
    (``evidenced``: family codes shown in ``Recommendation.compared``), the first option; the first scored
    option of each hosting and of each family trained for the domain (``trained``: always False for the
    general domain); and every option that beats the best score ranked above it."""
    import numpy as np

    chosen = np.zeros(len(ranked), dtype=bool)
    scored = ~np.isnan(scores[ranked])
    family = columns.family_rank[ranked]
    first = _first_of_each(family, scored)
    chosen[first[scored[first] | ~np.isin(family[first], evidenced)]] = True
    with_score = np.flatnonzero(scored)
    chosen[with_score[_first_of_each(columns.hosting_rank[ranked][with_score])]] = True
    in_domain = np.flatnonzero(trained[ranked] & scored)
    chosen[in_domain[_first_of_each(family[in_domain])]] = True
    eligible = scored & ~np.isnan(fp.total_wh[1][ranked])
    best = np.maximum.accumulate(np.where(eligible, scores[ranked], -np.inf))
    above = np.concatenate(([-np.inf], best[:-1]))
    chosen |= eligible & (scores[ranked] > above)
    return np.flatnonzero(chosen).tolist()


def _compared(short: "ndarray", columns) -> list[int]:
    """Positions in ``short`` (best score first) of the best option known to fall short in each family:
    the table shows them below the ranked rows, for comparison (``Recommendation.compared``)."""
    import numpy as np

    return sorted(np.unique(columns.family_rank[short], return_index=True)[1].tolist())


def recommend(query: Query, catalog: Catalog | None = None) -> Recommendation:
    """Rank the options for ``query`` from least to most resource-hungry."""
    with bulk_allocation():
        return _recommend(query, catalog or load_catalog())


def _situation(query: Query, catalog: Catalog, sensitivity: str) -> Situation:
    """The rules' view of the query: the default tolerance applies when the user gives no floor."""
    tolerance = query.tolerance
    if tolerance is None and query.min_quality is None:
        tolerance = rules.DEFAULT_TOLERANCE
    return Situation(
        data_sensitivity=sensitivity, use=query.use, data_lang=query.data_lang,
        hardware=catalog.hardware[query.hardware] if query.hardware else None,
        min_quality=query.min_quality, tolerance=tolerance,
    )


def _recommend(query: Query, catalog: Catalog) -> Recommendation:
    import numpy as np

    query = normalized(query, catalog)
    _check_query(query, catalog)
    workload, assumptions = workload_of(query, catalog)
    sensitivity = query.data_sensitivity or DATA_SENSITIVITY
    situation = _situation(query, catalog, sensitivity)
    rows = candidate_rows(catalog, query, workload)
    every = tuple(catalog.models.values())
    models = [every[i] for i in rows]
    fields = catalog.model_fields
    row_of = dict(zip(take(fields["id"], rows), range(len(rows))))
    reference = reference_benchmark(catalog, row_of, workload.task, query.domain, query.data_lang)
    benchmark = reference.benchmark or None
    by_mode = scores_by_mode(catalog, workload.task, reference)
    extra = variants(models, by_mode, row_of)
    extra = [extra[p] for p in grouped_order(extra, workload)]
    fp, extra_models = stacked_footprints(footprint_columns(models, workload, catalog, rows=rows), models, extra,
                                          workload, catalog)
    base = len(models)
    every_model = models + extra_models

    def mode_at(i: int) -> Mode:
        return default_mode(models[i]) if i < base else extra[i - base][1]

    scores = np.full(len(every_model), np.nan)
    for (model_id, mode), score in by_mode.items():
        if model_id in row_of and mode == default_mode(models[row_of[model_id]]):
            scores[row_of[model_id]] = score.score
    for position, (i, mode) in enumerate(extra):
        scores[base + position] = by_mode[models[i].id, mode].score
    domain = query.domain
    trained = np.zeros(len(every_model), dtype=bool) if domain == "general" else np.concatenate(
        [mask(take(fields["domains"], rows), lambda domains: domain in domains),
         np.array([domain in m.domains for m in extra_models], dtype=bool)])
    columns = columns_from(fields_at(fields, NAMES, rows), models)
    if extra_models:
        columns = stacked(columns, columns_of(extra_models))
    judgement = rules.judge(columns, situation, Quality(benchmark, scores), total_wh=fp.total_wh[1])
    excluded = judgement.excluded
    wanted = np.ones(len(every_model), dtype=bool) if query.mode is None else \
        np.array([mode_at(i).mode == query.mode for i in range(len(every_model))], dtype=bool)
    floor_only = judgement.fired[0] & ~np.logical_or.reduce(
        [f for rule, f in zip(rules.RULES[1:], judgement.fired[1:]) if rule.effect == "exclude"])
    ranked = _order(np.flatnonzero(~excluded & wanted), judgement, fp, scores)
    out = _order(np.flatnonzero(excluded & ~floor_only & wanted), judgement, fp, scores)
    short = _order(np.flatnonzero(floor_only & wanted), judgement, fp, scores)
    short = short[np.argsort(-scores[short], kind="stable")]  # best score first
    compared = _compared(short, judgement.columns)
    shortlist = _shortlist(ranked, judgement.columns, fp, scores, trained,
                           judgement.columns.family_rank[short[compared]])

    best = judgement.quality.best
    disclosed: dict[str, tuple] = {}
    for figure in catalog.hosted_disclosures:
        disclosed[figure.model_id] = (*disclosed.get(figure.model_id, ()), figure)

    def quality_of(i: int) -> QualityView:
        model, mode = every_model[i], mode_at(i)
        if not catalog.quality_of(model.id):
            return QualityView(None, best)
        chosen = by_mode.get((model.id, mode))
        return QualityView(chosen, best, tuple(q for q in relevant_scores(catalog, model, workload.task, query.domain)
                                               if q is not chosen))

    def option(i: int, footprint: Footprint, rank: int | None = None, previous: Range | None = None) -> Option:
        total = footprint.total_wh
        overlaps = bool(previous is not None and total is not None and total.low <= previous.high)
        return Option(every_model[i], footprint, quality_of(i), judgement.findings(i), rank=rank, overlaps=overlaps,
                      previous_total_wh=previous, local_source=catalog.local.get(every_model[i].id),
                      mode=mode_at(i), disclosures=disclosed.get(every_model[i].id, ()))

    order = ranked.tolist()

    unknown_quality = np.isnan(scores)

    def ranked_option(position: int) -> Option:
        same_group = position and unknown_quality[order[position - 1]] == unknown_quality[order[position]]
        previous = fp.footprint(order[position - 1]).total_wh if same_group else None
        return option(order[position], fp.footprint(order[position]), position + 1, previous)

    def listed(positions: "ndarray") -> Options:
        return Options(lambda position: option(int(positions[position]), fp.footprint(int(positions[position]))),
                       len(positions))

    ranked_options = Options(ranked_option, len(order))
    scored = ~np.isnan(scores) & ~(excluded & ~floor_only) & wanted

    def best_of(kind: "ndarray") -> Option | None:
        pool = np.flatnonzero(scored & kind)
        if not len(pool):
            return None
        i = int(pool[np.argmax(scores[pool])])
        at = np.flatnonzero(ranked == i)
        return ranked_options[int(at[0])] if len(at) else option(i, fp.footprint(i))

    said = verdict(ranked_options[0] if order else None, best_of(judgement.columns.generative),
                   best_of(judgement.columns.light), benchmark=benchmark, floor=query.min_quality)
    return Recommendation(
        query, workload, sensitivity, assumptions, ranked_options, listed(out),
        rules.NOTES, benchmark, ranked_options.subset(shortlist), reference, listed(short), said,
        listed(short).subset(compared),
    )
