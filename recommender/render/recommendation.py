"""``frugal recommend``'s result: blocks for people (terminal table, Markdown) in English or French,
records for scripts (JSON, CSV)."""

from __future__ import annotations

from . import blocks as b
from .cells import OptionCells, SourceList, option_cells, source_lines
from .i18n import (assumption, benchmark_name, count, domain, model_name, number, reasons, rule_text, section,
                   sensitivity, tr, use_name)

WRAPPING_COLUMNS = (1,)
"""In a terminal, only the Option column wraps; numbers never split across lines."""
GIVING_WAY = (7, 8, 6, 4, 3)
"""In a terminal too narrow for the whole table, Water, Notes, CO2e, Setup and Energy per 1k items
give way, in that order; the rank, the option, its quality and its total for the volume always show."""


def headers(r, lang: str = "en") -> tuple[str, ...]:
    volume = count(r.workload.items, lang)
    return tuple(tr(lang, key, volume=volume) for key in (
        "col.rank", "col.option", "col.quality", "col.per_1k", "col.setup", "col.total_for", "col.co2e",
        "col.water", "col.notes"))


def table_row(c: OptionCells, sources: SourceList) -> tuple[str, ...]:
    """One option's row; its sources are numbered in column order."""
    return (c.rank, c.name_and_id(), c.quality.cited(sources), c.per_1k.cited(sources), c.setup.cited(sources),
            c.total, c.co2e, c.water, "\n".join(c.findings))


def describe_query(r, lang: str = "en") -> str:
    """``task classification, text data, domain biomed, ...``: the question as understood."""
    q, w = r.query, r.workload
    parts = [tr(lang, "rec.q.task", task=w.task), tr(lang, "rec.q.kind", kind=tr(lang, f"kind.{w.data_kind}")),
             tr(lang, "rec.q.domain", domain=domain(q.domain, lang)), tr(lang, "rec.q.lang", code=q.data_lang),
             tr(lang, "rec.q.sensitivity", sensitivity=sensitivity(r.data_sensitivity, lang)),
             tr(lang, "rec.q.use", use=use_name(q.use, lang)), tr(lang, "rec.q.items", items=count(w.items, lang))]
    if q.hardware:
        parts.append(tr(lang, "rec.q.hardware", hardware=q.hardware))
    grid = f"{number(f'{w.grid_intensity:g}', lang)} g/kWh" if w.grid_intensity else w.grid
    parts.append(tr(lang, "rec.q.grid", grid=grid))
    return ", ".join(parts)


def excluded_lines(r, lang: str = "en", options=None) -> list[str]:
    """One line per exclusion rule: its code, its section and the options it excluded (a model excluded
    in several modes is named with each mode); ``options``: those to list (default ``r.excluded``)."""
    from collections import Counter

    from .cells import mode_text

    by_code: dict[str, list] = {}
    for o in r.excluded if options is None else options:
        by_code.setdefault(o.excluded_by[0].code, []).append(o)

    def names(options: list) -> str:
        repeated = Counter(o.model.id for o in options)
        return ", ".join(f"{model_name(o.model, lang)} ({mode_text(o.used_as, lang)})" if repeated[o.model.id] > 1
                         else model_name(o.model, lang)
                         for o in options)

    return [tr(lang, "rec.excluded_line", code=code, section=section(options[0].excluded_by[0].section, lang),
               names=names(options)) for code, options in by_code.items()]


def short_lines(r, lang: str = "en") -> list[str]:
    """One line per option known to fall short of the quality floor: its name, mode, score and why."""
    from ..guidance.rules import DEFAULT_TOLERANCE
    from .cells import mode_text

    q, lines = r.query, []
    for o in r.short_of_quality:
        score = o.quality.score.score
        if q.min_quality is not None and score < q.min_quality:
            why = tr(lang, "rec.short.floor", floor=number(f"{q.min_quality:g}", lang))
        else:
            tolerance = DEFAULT_TOLERANCE if q.tolerance is None else q.tolerance
            why = tr(lang, "rec.short.gap", gap=number(f"{o.quality.gap:g}", lang),
                     best=number(f"{o.quality.best:g}", lang), tolerance=number(f"{tolerance:g}", lang))
        lines.append(tr(lang, "rec.short_line", name=model_name(o.model, lang), mode=mode_text(o.used_as, lang),
                        score=number(f"{score:g}", lang), benchmark=benchmark_name(o.quality.score.benchmark, lang),
                        why=why))
    return lines


UNITS = {"energy_wh": "Wh", "carbon_g": "g CO2e", "water_ml": "mL", "adpe_mg_sb": "mg Sb eq"}


def disclosure_lines(options, lang: str = "en") -> list[str]:
    """What the hosted platforms shown publish about their own prompts, beside frugal's estimate per item."""
    lines = []
    for o in options:
        if not o.disclosures:
            continue
        figures = "; ".join(tr(lang, "rec.disclosed.figure", value=number(f"{d.value:g}", lang), unit=UNITS[d.quantity],
                                per=d.per, boundary=d.boundary) for d in o.disclosures)
        use = o.footprint.use_wh_per_1k
        estimate = "?" if use is None else number(f"{use.mid / 1000:.2g}", lang)
        lines.append(tr(lang, "rec.disclosed.line", name=o.model.name, figures=figures, source=o.disclosures[0].source,
                        date=o.disclosures[0].date, estimate=estimate))
    return lines


def explain_lines(r, lang: str = "en") -> list[str]:
    """Why each ranked option is where it is, and how each energy figure was obtained (the
    reasons and steps are the library's, in English)."""
    from ..units import readable_numbers
    from .i18n import method

    lines = []
    for o in r.ranked:
        lines.append(f"{o.rank}. {o.model.name}")
        lines.extend(f"   - {why}" for why in reasons(o, lang))
        for key, basis in (("rec.why.use", o.footprint.use_basis), ("rec.why.setup_energy", o.footprint.setup_basis)):
            if basis is not None:
                lines.append(f"   - {tr(lang, key, method=method(basis.method, lang))}")
                lines.extend(f"       {readable_numbers(step)}" for step in basis.steps)
        if o.model.setup in ("fit", "fine-tune") and o.footprint.setup_wh is not None:
            lines.append("   - " + tr(lang, "rec.why.setup", setup=tr(lang, f"setup.{o.model.setup}"),
                                      items=count(r.workload.train_items, lang)))
    return lines


class _Rows:
    """Rows laid out in order, numbering their sources and collecting the rules they cite."""

    def __init__(self, lang: str):
        self.lang = lang
        self.sources = SourceList()
        self.rules: dict[str, str] = {}

    def of(self, options) -> list[tuple[str, ...]]:
        rows = []
        for o in options:
            rows.append(table_row(option_cells(o, self.lang), self.sources))
            for f in o.findings:
                self.rules.setdefault(f.code, tr(self.lang, "rec.rule_line", code=f.code,
                                                 message=rule_text(f.code, f.message, self.lang),
                                                 section=section(f.section, self.lang)))
        return rows


def blocks(r, lang: str = "en", *, explain: bool = False, show_excluded: bool = False,
           show_all: bool = False) -> list[b.Block]:
    """The recommendation for people: assumptions, the table (the shortlist unless ``show_all``),
    the exclusions (their rows with ``show_excluded``), the rules cited, sources, legend, reminders,
    and with ``explain`` why each option is where it is."""
    from .verdict import sentence

    out = [b.paragraph(sentence(r.verdict, r.workload.items, lang))] if r.verdict is not None else []
    out += [b.line(assumption(a, lang)) for a in r.assumptions]
    shown = r.ranked if show_all else r.shortlist
    out.append(b.line(tr(lang, "rec.options", query=describe_query(r, lang))))
    rows = _Rows(lang)
    compared = () if show_all else r.compared
    if len(r.ranked):
        out.append(b.table(headers(r, lang), rows.of(shown) + rows.of(compared), wrap=WRAPPING_COLUMNS,
                           give_way=GIVING_WAY, left_out=tr(lang, "rec.left_out")))
    else:
        out.append(b.line(tr(lang, "report.none_ranked")))
    if any(o.overlaps and o.rank is not None for o in (*shown, *compared)):
        out.append(b.line(tr(lang, "report.overlap")))
    if len(shown) < len(r.ranked):
        out.append(b.line(tr(lang, "rec.showing", shown=len(shown), total=len(r.ranked))))
    if len(compared) and len(r.ranked):
        out.append(b.line(tr(lang, "rec.compared", count=len(compared))))
    out.append(b.line(tr(lang, "rec.quality", benchmark=benchmark_name(r.benchmark, lang)) if r.benchmark
                      else tr(lang, "report.no_benchmark")))
    disclosed = disclosure_lines(shown, lang)
    if disclosed:
        out += [b.heading(tr(lang, "rec.disclosed")), b.items(disclosed)]
    if len(r.short_of_quality):
        out.append(b.heading(tr(lang, "rec.short", count=len(r.short_of_quality))))
        out.append(b.items(short_lines(r, lang)))
    if len(r.excluded):
        if show_excluded:
            out.append(b.heading(tr(lang, "rec.excluded_rows", count=len(r.excluded))))
            out.append(b.table(headers(r, lang), rows.of(r.excluded), wrap=WRAPPING_COLUMNS, give_way=GIVING_WAY,
                              left_out=tr(lang, "rec.left_out")))
        else:
            out.append(b.heading(tr(lang, "rec.excluded_summary", count=len(r.excluded))))
            out.append(b.items(excluded_lines(r, lang)))
    if rows.rules:
        out += [b.heading(tr(lang, "rec.rules")), b.items(rows.rules.values())]
    local = [tr(lang, "rec.local", id=o.model.id, source=o.local_source)
             for o in (*r.ranked, *r.excluded) if o.local_source]
    out += [b.heading(tr(lang, "rec.sources")), b.items(source_lines(rows.sources) + local)]
    out.append(b.paragraph(tr(lang, "rec.legend")))
    out += [b.line(tr(lang, "rec.note", code=n.code, message=rule_text(n.code, n.message, lang))) for n in r.notes]
    if explain:
        out += [b.heading(tr(lang, "rec.why")), b.code(explain_lines(r, lang))]
    return out


def render(r, fmt: str, lang: str = "en", *, explain: bool = False, show_excluded: bool = False,
           show_all: bool = False, width: int | None = None) -> str:
    """A ``Recommendation`` as ``fmt``; JSON and CSV carry every option and ignore the display options."""
    if fmt == "json":
        from .json_format import recommendation_record, write

        return write(recommendation_record(r))
    if fmt == "csv":
        from .csv_format import RECOMMEND_COLUMNS, recommendation_rows, write

        return write(RECOMMEND_COLUMNS, recommendation_rows(r))
    content = blocks(r, lang, explain=explain, show_excluded=show_excluded, show_all=show_all)
    if fmt == "markdown":
        from .markdown_format import write

        return write(content)
    if fmt != "table":
        raise ValueError(f"a recommendation renders as table, markdown, json or csv, not {fmt}")
    from .table_format import write

    return write(content, width)
