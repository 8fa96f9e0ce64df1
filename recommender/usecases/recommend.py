"""Recommend: the options that can do the task, ranked from least to most resource-hungry.

Ranking rule (documented in docs/methodology.md): options that can do the task, pass every
exclusion rule and meet the quality floor are ordered frugality first — classic ML, light
networks and encoders before generative models — then by the mid value of their total facility
energy for the user's volume (setup + use); ties are broken by higher known quality, then by
name. An option whose range overlaps the previous option's range is flagged ``overlaps``: their
order is within the uncertainty. Within each group, options whose energy is unknown come last.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from ..guidance import rules
from ..catalog import FAMILIES, Catalog, Model, bulk_allocation, load_catalog
from ..errors import InvalidInput, unknown_value
from ..footprint import Footprint, Workload, footprints
from ..ranges import Range
from ..guidance.quality import QualityView, quality_views, reference_benchmark
from ..guidance.rules import Finding, Situation

DEFAULT_VOLUME = 10_000
DEFAULT_SENSITIVITY = "sensitive"


@dataclass(frozen=True)
class Query:
    """The question a user asks ``frugal recommend``."""

    task: str
    data_kind: str | None = None
    domain: str = "general"
    lang: str = "en"
    data_sensitivity: str | None = None
    """None = not given: the safe default (sensitive) is assumed and said."""
    use: str = "analysis"
    volume: int = DEFAULT_VOLUME
    """Items to process."""
    hardware: str | None = None
    grid: str = "FR"
    grid_intensity: float | None = None
    min_quality: float | None = None
    """Absolute floor on the reference benchmark's score (0–100)."""
    tolerance: float | None = None
    """Points below the best known option still considered good enough."""
    tokens_in: int | None = None
    tokens_out: int | None = None
    train_items: int = 5000
    batch_size: int | None = None
    models: tuple[str, ...] = ()
    """Restrict to these model ids (empty = every model in the catalog)."""


@dataclass(frozen=True)
class Option:
    """One option with its footprint, quality and what the rules say of it."""

    model: Model
    footprint: Footprint
    quality: QualityView
    findings: tuple[Finding, ...]
    rank: int | None = None
    overlaps: bool = False
    """Its energy range overlaps the previous ranked option's: the order between them is uncertain."""
    previous_total_wh: Range | None = None
    """Total energy of the option ranked just above, for the explanation."""
    local_source: str | None = None
    """Where the facts of a model from the user's local catalog come from (None: shipped catalog)."""

    @property
    def excluded_by(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect == "exclude")

    @property
    def caveats(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect == "caveat")

    @property
    def why(self) -> tuple[str, ...]:
        """Why the option is where it is (empty for excluded options)."""
        if self.rank is None:
            return ()
        why = []
        total = self.footprint.total_wh
        if total is None:
            why.append("energy unknown (no measurement, no published figure, and the estimator does not "
                       "cover this architecture): ranked after every option with a known footprint")
        elif self.rank == 1:
            why.append(f"least total energy for the volume: {total.mid:.4g} Wh (mid)")
        elif self.previous_total_wh is not None:
            previous = self.previous_total_wh.mid
            if self.model.family not in rules.LIGHT_FAMILIES and total.mid < previous:
                why.append("generative: shown after the lighter options that fit the task (frugality first)")
            ratio = total.mid / previous if previous else math.inf
            why.append(f"{total.mid:.4g} Wh (mid) for the volume, {ratio:.3g}× the option above")
        if self.overlaps:
            why.append("its range overlaps the option above: the order between them is uncertain")
        q = self.quality
        if q.score is None:
            why.append("quality unknown on the reference benchmark")
        elif q.gap == 0:
            why.append(f"best known quality: {q.score.score:g} ({q.score.benchmark})")
        elif q.gap > 0:
            why.append(f"quality {q.score.score:g} ({q.score.benchmark}), {q.gap:g} points below the best")
        return tuple(why)


@dataclass(frozen=True)
class Recommendation:
    """The answer to a query: ranked and excluded options, assumptions and reminders."""

    query: Query
    workload: Workload
    data_sensitivity: str
    assumptions: tuple[str, ...]
    ranked: tuple[Option, ...]
    excluded: tuple[Option, ...]
    notes: tuple[Finding, ...]
    benchmark: str | None

    @property
    def shortlist(self) -> tuple[Option, ...]:
        """The ranked options worth a first look, in rank order: the first of each family and of
        each kind of hosting (local, external, sovereign), the first of each family trained for the
        question's domain, and every option that no option above it matches in known quality."""
        chosen, seen, best_quality = [], set(), -math.inf
        domain = self.query.domain
        for option in self.ranked:
            family = option.model.family
            groups = {family, option.model.hosting}
            if domain != "general" and domain in option.model.domains:
                groups.add((family, domain))
            score = option.quality.score.score if option.quality.score else None
            frontier = score is not None and option.footprint.total_wh is not None and score > best_quality
            if groups - seen or frontier:
                chosen.append(option)
            seen |= groups
            if frontier:
                best_quality = score
        return tuple(chosen)


def _check_query(query: Query, catalog: Catalog) -> None:
    task = catalog.task(query.task)
    if query.data_kind is not None and query.data_kind not in task.data_kinds:
        raise InvalidInput(f"task '{task.id}' does not take '{query.data_kind}' data. "
                           f"Accepted: {', '.join(task.data_kinds)}.")
    if query.domain not in ("general", "biomed", "clinical"):
        raise unknown_value("domain", query.domain, ("general", "biomed", "clinical"))
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


def workload_of(query: Query, catalog: Catalog) -> tuple[Workload, tuple[str, ...]]:
    """The workload a query implies, and the assumptions made to fill it in."""
    task = catalog.task(query.task)
    assumptions = []
    data_kind = query.data_kind
    if data_kind is None:
        data_kind = task.default_data
        if len(task.data_kinds) > 1:
            assumptions.append(f"Assumed {data_kind} data (--data {'|'.join(task.data_kinds)} to change).")
    if query.data_sensitivity is None:
        assumptions.append("Assumed sensitive data, the safe default (--data-sensitivity public|internal "
                           "if it is not).")
    tokens_in = query.tokens_in or task.tokens_in or 0
    tokens_out = query.tokens_out if query.tokens_out is not None else (task.tokens_out or 0)
    workload = Workload(
        task=task.id, data_kind=data_kind, items=query.volume, tokens_in=tokens_in, tokens_out=tokens_out,
        train_items=query.train_items, batch_size=query.batch_size, hardware=query.hardware,
        grid=catalog.zone(query.grid).zone, grid_intensity=query.grid_intensity,
    )
    return workload, tuple(assumptions)


def candidates(catalog: Catalog, query: Query, workload: Workload) -> list[Model]:
    """Models that can do the task on this kind of data in this domain (named models: in any
    domain, since the user chose them; the domain then only picks the quality benchmark)."""
    pool = [catalog.model(m) for m in query.models] if query.models else catalog.models.values()
    return [
        m for m in pool
        if workload.task in m.tasks and workload.data_kind in m.data_kinds
        and (query.models or query.domain in m.domains or "general" in m.domains)
    ]


def energy_key(option: Option) -> tuple:
    """Least total energy (mid) first, unknown energy last (lighter families first); ties go to
    higher known quality, then to the name."""
    total = option.footprint.total_wh
    score = option.quality.score.score if option.quality.score else -math.inf
    if total is None:
        return (1, FAMILIES.index(option.model.family), -score, option.model.name)
    return (0, total.mid, -score, option.model.name)


def rank_key(option: Option) -> tuple:
    """Frugality first: lighter families (classic ML, light networks, encoders) before generative
    ones, then ``energy_key``."""
    return (option.model.family not in rules.LIGHT_FAMILIES, *energy_key(option))


def _quality_finding(view: QualityView, query: Query) -> Finding | None:
    if view.score is None:
        return None
    score = view.score.score
    floor = rules.QUALITY_FLOOR
    if query.min_quality is not None and score < query.min_quality:
        return Finding(floor.code, "exclude", floor.section,
                       f"{score:g} on {view.score.benchmark} is below the floor of {query.min_quality:g}")
    if query.tolerance is not None and view.gap is not None and view.gap > query.tolerance:
        return Finding(floor.code, "exclude", floor.section,
                       f"{score:g} on {view.score.benchmark} is {view.gap:g} points below the best "
                       f"({view.best:g}); tolerance {query.tolerance:g}")
    return None


def recommend(query: Query, catalog: Catalog | None = None) -> Recommendation:
    """Rank the options for ``query`` from least to most resource-hungry."""
    with bulk_allocation():
        return _recommend(query, catalog)


def _recommend(query: Query, catalog: Catalog | None) -> Recommendation:
    catalog = catalog or load_catalog()
    _check_query(query, catalog)
    workload, assumptions = workload_of(query, catalog)
    sensitivity = query.data_sensitivity or DEFAULT_SENSITIVITY
    situation = Situation(
        data_sensitivity=sensitivity, use=query.use, lang=query.lang,
        hardware=catalog.hardware[query.hardware] if query.hardware else None,
    )
    models = candidates(catalog, query, workload)
    findings = {m.id: list(rules.evaluate(m, situation)) for m in models}
    allowed = {m.id for m in models if not any(f.effect == "exclude" for f in findings[m.id])}
    benchmark = reference_benchmark(catalog, models, workload.task, query.domain)
    views = quality_views(catalog, models, workload.task, query.domain, benchmark, best_among=allowed)
    for m in models:
        quality_finding = _quality_finding(views[m.id], query)
        if quality_finding:
            findings[m.id].insert(0, quality_finding)
    passing = [m for m in models if not any(f.effect == "exclude" for f in findings[m.id])]
    lighter = tuple(m.name for m in passing if m.family in rules.LIGHT_FAMILIES)
    if lighter:
        frugal_situation = replace(situation, lighter_options=lighter)
        frugality = rules.rule("frugality-first")
        for m in passing:
            finding = frugality.apply(m, frugal_situation)
            if finding:
                findings[m.id].append(finding)

    options = [Option(m, fp, views[m.id], tuple(findings[m.id]), local_source=catalog.local.get(m.id))
               for m, fp in zip(models, footprints(models, workload, catalog))]
    kept = sorted((o for o in options if not o.excluded_by), key=rank_key)
    ranked = []
    previous_total = None
    for position, option in enumerate(kept, start=1):
        total = option.footprint.total_wh
        overlaps = bool(previous_total and total and total.low <= previous_total.high)
        ranked.append(Option(option.model, option.footprint, option.quality, option.findings, rank=position,
                             overlaps=overlaps, previous_total_wh=previous_total, local_source=option.local_source))
        previous_total = total
    excluded = tuple(sorted((o for o in options if o.excluded_by), key=rank_key))
    return Recommendation(query, workload, sensitivity, assumptions, tuple(ranked), excluded,
                          rules.NOTES, benchmark)
