"""The one set of display cells of an option, each addressed by name, in English or French, and the
numbering of the sources they cite.

Every human view is laid out from these cells: the ``recommend`` table, the ``compare`` table,
the report's tables, the plot's labels. A cell that cites a source holds the source itself, not a
number: a view numbers the sources in the order it shows them (``Cell.cited``), so the same option
reads the same everywhere and each document's footnotes run 1, 2, 3...
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..ranges import Range
from ..units import format_carbon_g, format_energy_wh, format_sig, format_water_l
from .i18n import method, model_name, number, tr

NO_SETUP = ("zero-shot", "none")
"""Setups with no one-off cost to show."""


@dataclass
class SourceList:
    """Distinct (name, url) sources in order of first use, numbered from 1."""

    entries: list[tuple[str, str]] = field(default_factory=list)

    def ref(self, name: str, url: str = "") -> int:
        key = (name, url or "")
        if key not in self.entries:
            self.entries.append(key)
        return self.entries.index(key) + 1


@dataclass(frozen=True)
class Cell:
    """A display value and the (name, url) source it cites, if any."""

    text: str
    source: tuple[str, str] | None = None

    def cited(self, sources: SourceList) -> str:
        """The text followed by its source's number in ``sources`` (``82 [3]``)."""
        if self.source is None:
            return self.text
        return f"{self.text} [{sources.ref(*self.source)}]"


def span(r: Range | None, fmt, lang: str = "en") -> str:
    """``mid (low–high) unit`` in ``lang``; ``unknown`` when None."""
    return tr(lang, "unknown") if r is None else number(fmt(r.mid, r.low, r.high), lang)


def mid(r: Range | None, fmt, lang: str = "en") -> str:
    """``mid unit`` in ``lang``; ``unknown`` when None."""
    return tr(lang, "unknown") if r is None else number(fmt(r.mid), lang)


def ratio_text(ratio: float | None, lang: str = "en") -> str:
    """``38×``; ``?`` when unknown."""
    if ratio is None:
        return "?"
    return number(f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.2g}×", lang)


@dataclass(frozen=True)
class OptionCells:
    """Every display cell of one option, in one language."""

    rank: str
    """``2``, ``≈3`` when its range overlaps the option above, empty for an excluded option."""
    name: str
    id: str
    mode: str
    """How the model is used, in the cells' language: ``fine-tuned``, ``5-shot``, ``zero-shot``…"""
    quality: Cell
    """Score on the reference benchmark with the gap to the best (``82 (best)``, ``70 (−12)``), or
    the best score on another benchmark starred (``75*``), or ``unknown``."""
    score: Cell
    """Score on the reference benchmark alone (``82``), or ``unknown``."""
    per_1k: Cell
    """Use energy per 1,000 items, mid and method: ``3.3 Wh estimated``."""
    per_1k_range: Cell
    """Use energy per 1,000 items, mid (low–high): ``3.3 Wh (1.0–10)``."""
    setup: Cell
    """One-off setup energy, mid and method; ``none`` for zero-shot options."""
    setup_range: Cell
    """One-off setup energy, mid (low–high); ``none`` for zero-shot options."""
    use: str
    """Use energy for the volume, mid (low–high)."""
    total: str
    """Setup + use, mid (low–high)."""
    co2e: str
    water: str
    energy_class: str
    """A–G (``?`` unknown; empty outside a comparison)."""
    ratio: str
    """Total energy / the most frugal option's (``67×``; empty outside a comparison)."""
    method: str
    """How the use energy was obtained, and the setup's when it differs."""
    excluded: tuple[str, ...]
    """Codes of the rules that exclude it."""
    caveats: tuple[str, ...]
    """Codes of the rules that add a caveat."""
    findings: tuple[str, ...]
    """Codes of every finding, in the rules' order."""
    excluded_label: str
    """``excluded:`` in the cells' language."""

    def option(self, stacked: bool = False) -> str:
        """``Name, mode (id)``; on two lines when ``stacked`` (a terminal table)."""
        joiner = "\n" if stacked else " "
        return f"{self.name}, {self.mode}{joiner}({self.id})"

    def name_and_id(self) -> str:
        """``Name, mode`` above id (the ``recommend`` table)."""
        return f"{self.name}, {self.mode}\n{self.id}"

    def rules(self, stacked: bool = False) -> str:
        """``excluded: CODE, CODE`` or the caveat codes; one per line when ``stacked``."""
        if not self.excluded:
            return ("\n" if stacked else ", ").join(self.caveats)
        if stacked:
            return "\n".join((self.excluded_label, *self.excluded))
        return f"{self.excluded_label} {', '.join(self.excluded)}"


def _source(name: str, url: str | None) -> tuple[str, str]:
    return (name, url or "")


def _quality_cells(option, lang: str) -> tuple[Cell, Cell]:
    q = option.quality
    if q.score is None:
        unknown = Cell(tr(lang, "unknown"))
        if not q.others:
            return unknown, unknown
        other = max(q.others, key=lambda x: x.score)
        return Cell(f"{number(f'{other.score:g}', lang)}*", _source(other.source, other.source_url)), unknown
    source = _source(q.score.source, q.score.source_url)
    score = number(f"{q.score.score:g}", lang)
    if q.gap is None:  # no allowed option to measure it against (every option excluded)
        return Cell(score, source), Cell(score, source)
    gap = tr(lang, "best") if q.gap == 0 else f"−{q.gap:g}" if q.gap > 0 else f"+{-q.gap:g}"
    return Cell(f"{score} ({number(gap, lang)})", source), Cell(score, source)


def _energy_cells(energy: Range | None, basis, lang: str) -> tuple[Cell, Cell]:
    if basis is None:
        unknown = Cell(tr(lang, "unknown"))
        return unknown, unknown
    p = basis.provenance
    source = _source(basis.source, basis.source_url)
    word = method(basis.method, lang)
    if p is not None and basis.method == "measured":  # how it was metered and scaled goes with its source
        said = _metering(p, lang)
        source = _source(f"{basis.source}: {said}" if said else basis.source, basis.source_url)
        word = tr(lang, "label.measured_scaled") if p.scaled_to else word
    return (Cell(f"{mid(energy, format_energy_wh, lang)} {word}", source),
            Cell(span(energy, format_energy_wh, lang), source))


def _metering(p, lang: str) -> str:
    """``CPU power estimated from load; scaled to cpu-laptop (× 1.6)``: what a CPU figure's method
    word leaves out (``footprint.cpu_scaling.Provenance``)."""
    parts = [tr(lang, "label.load_based")] if p.load_based else []
    if p.scaled_to:
        parts.append(tr(lang, "label.scaled_to", target=p.scaled_to, factor=number(f"{p.factor:.2g}", lang)))
    return f"{tr(lang, 'semicolon')} ".join(parts)


def basis_label(basis, lang: str = "en") -> str:
    """A basis's method in words: ``measured on AMD EPYC (2 logical cores), CPU power estimated from
    load; scaled to cpu-laptop (× 1.6)`` for a measured CPU figure, else ``measured`` /
    ``published`` / ``estimated``; ``unknown`` for None."""
    if basis is None or basis.provenance is None or basis.method != "measured":
        return method(basis.method if basis else None, lang)
    p = basis.provenance
    if p.cpu:
        first = tr(lang, "label.measured_on", cpu=p.cpu, cores=p.cores) if p.cores else \
            tr(lang, "label.measured_on_cpu", cpu=p.cpu)
    else:
        first = method(basis.method, lang)
    parts = [first + (f", {tr(lang, 'label.load_based')}" if p.load_based else "")]
    if p.scaled_to:
        parts.append(tr(lang, "label.scaled_to", target=p.scaled_to, factor=number(f"{p.factor:.2g}", lang)))
    return f"{tr(lang, 'semicolon')} ".join(parts)


def _method_cell(fp, lang: str) -> str:
    use = basis_label(fp.use_basis, lang)
    if fp.setup_basis is not None and fp.use_basis is not None:
        setup = basis_label(fp.setup_basis, lang)
        if setup != use:
            return f"{use}{tr(lang, 'semicolon')} {tr(lang, 'setup_method', method=setup)}"
    return use


def mode_text(mode, lang: str = "en") -> str:
    """A ``usecases.modes.Mode`` for people: ``fine-tuned``, ``5-shot``, ``zero-shot``…"""
    if mode.mode == "few-shot":
        if mode.shots_at_most:
            return tr(lang, "mode.few-shot-at-most", k=mode.shots)
        return tr(lang, "mode.one-shot") if mode.shots == 1 else tr(lang, "mode.few-shot", k=mode.shots)
    return tr(lang, f"mode.{mode.mode}")


def option_cells(option, lang: str = "en", *, energy_class: str | None = None,
                 ratio: float | None = None, in_comparison: bool = False) -> OptionCells:
    """The cells of an ``Option``; ``energy_class`` and ``ratio`` come from a comparison's row
    (``in_comparison``: shown as ``?`` when unknown)."""
    fp, model = option.footprint, option.model
    quality, score = _quality_cells(option, lang)
    per_1k, per_1k_range = _energy_cells(fp.use_wh_per_1k, fp.use_basis, lang)
    if model.setup in NO_SETUP:
        setup = setup_range = Cell(tr(lang, "none"))
    else:
        setup, setup_range = _energy_cells(fp.setup_wh, fp.setup_basis, lang)
    rank = "" if option.rank is None else (f"≈{option.rank}" if option.overlaps else str(option.rank))
    return OptionCells(
        rank=rank, name=model_name(model, lang), id=model.id, mode=mode_text(option.used_as, lang), quality=quality, score=score, per_1k=per_1k,
        per_1k_range=per_1k_range, setup=setup, setup_range=setup_range,
        use=span(fp.use_wh, format_energy_wh, lang), total=span(fp.total_wh, format_energy_wh, lang),
        co2e=mid(fp.carbon_g, format_carbon_g, lang), water=mid(fp.water_l, format_water_l, lang),
        energy_class=(energy_class or "?") if in_comparison else "",
        ratio=ratio_text(ratio, lang) if in_comparison else "",
        method=_method_cell(fp, lang),
        excluded=tuple(f.code for f in option.excluded_by), caveats=tuple(f.code for f in option.caveats),
        findings=tuple(f.code for f in option.findings),
        excluded_label=f"{tr(lang, 'excluded')}{tr(lang, 'colon')}",
    )


def class_thresholds(classes: tuple[tuple[str, float], ...], lang: str = "en") -> str:
    """``A ≤ 0.1, B ≤ 1, …, G > 10,000`` from (letter, upper bound) pairs, the last one unbounded."""
    parts = [f"{letter} ≤ {number(format_sig(upper, 1), lang)}" for letter, upper in classes[:-1]]
    parts.append(f"{classes[-1][0]} > {number(format_sig(classes[-2][1], 1), lang)}")
    return ", ".join(parts)


def source_lines(sources: SourceList) -> list[str]:
    """``[1] name url`` per source."""
    return [f"[{n}] {name}{' ' + url if url else ''}" for n, (name, url) in enumerate(sources.entries, start=1)]
