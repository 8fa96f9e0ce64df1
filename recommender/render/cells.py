"""Human-readable cells of a recommendation, shared by the table and Markdown renderers."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ranges import Range
from ..usecases.recommend import Option, Recommendation
from .sources import SourceList
from ..units import format_carbon_g, format_energy_wh, format_water_l

HEADERS = ("#", "Option", "Quality", "Energy per 1k items", "Setup", "Total for {volume}", "CO2e",
           "Water", "Notes")
METHOD_LEGEND = (
    "measured: metered on real hardware (CodeCarbon or the cited study); published: stated by its "
    "authors; estimated: frugal's estimator from FLOPs and bytes moved. Energy at the facility "
    "boundary (IT × PUE); totals show the mid estimate and (low–high); CO2e and water follow the total."
)


def _span(r: Range | None, fmt) -> str:
    if r is None:
        return "unknown"
    return fmt(r.mid, r.low, r.high)


def _mid(r: Range | None, fmt) -> str:
    return "unknown" if r is None else fmt(r.mid)


@dataclass
class Cells:
    """Rows of display cells, and the footnotes (sources, caveats) they refer to."""

    rows: list[tuple[str, ...]] = field(default_factory=list)
    sources: SourceList = field(default_factory=SourceList)
    caveats: dict[str, str] = field(default_factory=dict)

    def add(self, o: Option) -> None:
        fp, q = o.footprint, o.quality
        if q.score is None and q.others:
            other = max(q.others, key=lambda x: x.score)
            ref = self.sources.ref(other.source, other.source_url)
            quality = f"{other.score:g}* [{ref}]"
        elif q.score is None:
            quality = "unknown"
        else:
            ref = self.sources.ref(q.score.source, q.score.source_url)
            gap = "best" if q.gap == 0 else f"−{q.gap:g}" if q.gap > 0 else f"+{-q.gap:g}"
            quality = f"{q.score.score:g} ({gap}) [{ref}]"
        if fp.use_basis is None:
            energy = "unknown"
        else:
            ref = self.sources.ref(fp.use_basis.source, fp.use_basis.source_url)
            energy = f"{format_energy_wh(fp.use_wh_per_1k.mid)} {fp.use_basis.method} [{ref}]"
        if o.model.setup in ("zero-shot", "none"):
            setup = "none"
        elif fp.setup_basis is None:
            setup = "unknown"
        else:
            ref = self.sources.ref(fp.setup_basis.source, fp.setup_basis.source_url)
            setup = f"{format_energy_wh(fp.setup_wh.mid)} {fp.setup_basis.method} [{ref}]"
        notes = []
        for f in o.findings:
            self.caveats.setdefault(f.code, f"{f.message} ({f.section})")
            notes.append(f.code)
        rank = "" if o.rank is None else (f"≈{o.rank}" if o.overlaps else str(o.rank))
        self.rows.append((
            rank, f"{o.model.name}\n{o.model.id}", quality, energy, setup, _span(fp.total_wh, format_energy_wh),
            _mid(fp.carbon_g, format_carbon_g), _mid(fp.water_l, format_water_l), "\n".join(notes),
        ))


def cells_of(options: tuple[Option, ...], cells: Cells | None = None) -> Cells:
    cells = cells or Cells()
    for o in options:
        cells.add(o)
    return cells


def headers(r: Recommendation) -> tuple[str, ...]:
    return tuple(h.format(volume=f"{r.workload.items:,} items") for h in HEADERS)


def describe_query(r: Recommendation) -> str:
    q, w = r.query, r.workload
    parts = [f"task {w.task}", f"{w.data_kind} data", f"domain {q.domain}", f"language {q.lang}",
             f"{r.data_sensitivity} data", f"use {q.use}", f"{w.items:,} items"]
    if q.hardware:
        parts.append(f"hardware {q.hardware}")
    grid = f"{w.grid_intensity:g} g/kWh" if w.grid_intensity else w.grid
    parts.append(f"grid {grid} (local runs)")
    return ", ".join(parts)


def excluded_lines(r: Recommendation) -> list[str]:
    """One line per exclusion rule: its code, the options it excluded, and why."""
    by_code: dict[str, list[Option]] = {}
    for o in r.excluded:
        by_code.setdefault(o.excluded_by[0].code, []).append(o)
    lines = []
    for code, options in by_code.items():
        first = options[0].excluded_by[0]
        names = ", ".join(o.model.name for o in options)
        lines.append(f"{code} ({first.section}): {names}")
    return lines


def explain_lines(r: Recommendation) -> list[str]:
    """Why each ranked option is where it is, and how each energy figure was obtained."""
    lines = []
    for o in r.ranked:
        lines.append(f"{o.rank}. {o.model.name}")
        lines.extend(f"   - {w}" for w in o.why)
        for label, basis in (("use", o.footprint.use_basis), ("setup", o.footprint.setup_basis)):
            if basis is not None:
                lines.append(f"   - {label} energy, {basis.method}:")
                lines.extend(f"       {s}" for s in basis.steps)
        if o.model.setup in ("fit", "fine-tune") and o.footprint.setup_wh is not None:
            lines.append(f"   - setup: one {o.model.setup} on {r.workload.train_items:,} labelled items")
    return lines


@dataclass(frozen=True)
class Block:
    """One piece of a rendered recommendation: a ``table`` (headers + rows), a ``heading``, a
    ``line`` of text, an ``item`` of a list, or ``code`` (preformatted lines)."""

    kind: str
    text: str = ""
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()


def blocks(r: Recommendation, explain: bool = False, show_excluded: bool = False,
           show_all: bool = False) -> list[Block]:
    """The content of a recommendation for people, shared by the table and Markdown renderers."""
    out = [Block("line", a) for a in r.assumptions]
    shown = r.ranked if show_all else r.shortlist
    out.append(Block("line", f"Options for {describe_query(r)}, least resource-hungry first:"))
    cells = cells_of(shown)
    if r.ranked:
        out.append(Block("table", headers=headers(r), rows=tuple(cells.rows)))
    else:
        out.append(Block("line", "No option passes the rules for this question."))
    if len(shown) < len(r.ranked):
        out.append(Block("line", f"Showing {len(shown)} of {len(r.ranked)} options: the most frugal of each "
                                 "family, hosting and domain, and those no cheaper option matches in quality "
                                 "(--all for every option)."))
    if r.benchmark:
        out.append(Block("line", f"Quality: score on {r.benchmark} (0–100), in brackets the points relative to the "
                                 "best option that passes the rules; * = on another benchmark, not comparable (frugal catalog show ID)."))
    else:
        out.append(Block("line", "Quality: no published score for this task and domain in the catalog (unknown)."))
    if r.excluded:
        if show_excluded:
            out.append(Block("heading", f"Excluded ({len(r.excluded)}):"))
            first = len(cells.rows)
            cells_of(r.excluded, cells)
            out.append(Block("table", headers=headers(r), rows=tuple(cells.rows[first:])))
        else:
            out.append(Block("heading", f"Excluded ({len(r.excluded)}; --show-excluded for their rows):"))
            out += [Block("item", line) for line in excluded_lines(r)]
    if cells.caveats:
        out.append(Block("heading", "Rules:"))
        out += [Block("item", f"{code}: {text}") for code, text in cells.caveats.items()]
    out.append(Block("heading", "Sources:"))
    out += [Block("item", f"[{n}] {name}{' ' + url if url else ''}")
            for n, (name, url) in enumerate(cells.sources.entries, start=1)]
    out += [Block("item", f"{o.model.id}: your local catalog, not reviewed; source {o.local_source}")
            for o in (*r.ranked, *r.excluded) if o.local_source]
    out.append(Block("heading", METHOD_LEGEND))
    out += [Block("line", f"Note ({note.code}): {note.message}") for note in r.notes]
    if explain:
        out.append(Block("heading", "Why this order:"))
        out.append(Block("code", "\n".join(explain_lines(r))))
    return out
