"""The justification report (``frugal report``): blocks built once from a comparison, written as
Markdown or as one self-contained HTML page, whole or not at all."""

from __future__ import annotations

import datetime

from ..version import __version__
from . import blocks as b
from .cells import SourceList, class_thresholds
from .comparison import headers as footprint_headers
from .comparison import row_cells, table_row
from .i18n import check_lang, count, domain, number, rule_text, section, sensitivity, task_name, tr

REPORT_SUFFIXES = {"md": "md", "html": "html", "htm": "html"}
"""File extension → format of the report."""


def _question(c, lang: str) -> list[str]:
    r = c.recommendation
    q, w = r.query, r.workload
    grid_intensity = w.grid_intensity or c.catalog.zone(w.grid).carbon_g_per_kwh
    return [
        tr(lang, "q.task", task=task_name(w.task, c.catalog.tasks[w.task].name, lang),
           kind=tr(lang, f"kind.{w.data_kind}"), domain=domain(q.domain, lang), data_lang=q.data_lang),
        tr(lang, "q.sensitivity", sensitivity=sensitivity(r.data_sensitivity, lang)),
        tr(lang, "q.use", use=q.use),
        tr(lang, "q.volume", volume=count(w.items, lang)),
        tr(lang, "q.hardware", hardware=q.hardware or tr(lang, "q.hardware_default")),
        tr(lang, "q.grid", zone=w.grid, intensity=number(f"{grid_intensity:g}", lang)),
        tr(lang, "q.quality", floor=_floor(c, lang)),
    ]


def _floor(c, lang: str) -> str:
    q = c.query
    if q.min_quality is not None:
        return tr(lang, "q.min_quality", value=number(f"{q.min_quality:g}", lang))
    if q.tolerance is not None:
        return tr(lang, "q.tolerance", value=number(f"{q.tolerance:g}", lang))
    from ..guidance.rules import DEFAULT_TOLERANCE

    return tr(lang, "q.quality_none", value=number(f"{DEFAULT_TOLERANCE:g}", lang))


def _assumptions(c, lang: str) -> list[str]:
    from ..footprint.defaults import HOSTED_BATCH, LOCAL_BATCH

    r = c.recommendation
    q, w = r.query, r.workload
    lines = []
    if q.data_kind is None:
        lines.append(tr(lang, "a.data_kind", kind=tr(lang, f"kind.{w.data_kind}")))
    if q.data_sensitivity is None:
        lines.append(tr(lang, "a.sensitive"))
    lines.append(tr(lang, "a.tokens", tokens_in=count(w.tokens_in, lang), tokens_out=count(w.tokens_out, lang)))
    lines.append(tr(lang, "a.setup", train_items=count(w.train_items, lang), epochs=number(f"{w.epochs:g}", lang)))
    lines.append(tr(lang, "a.batch_local", batch=count(w.batch_size or LOCAL_BATCH, lang)))
    if any(row.model.is_external for row in c.rows):
        lines.append(tr(lang, "a.batch_hosted", low=f"{HOSTED_BATCH.low:g}", mid=f"{HOSTED_BATCH.mid:g}",
                        high=f"{HOSTED_BATCH.high:g}"))
    sites = {row.option.footprint.site.id: row.option.footprint.site for row in c.rows}
    for site in sites.values():
        lines.append(tr(lang, "a.sites", name=site.name, pue=number(f"{site.pue:g}", lang),
                        wue="?" if site.wue_l_per_kwh is None else number(f"{site.wue_l_per_kwh:g}", lang),
                        zone=site.zone))
    return lines


def _ranked(c, cells_by_id: dict, sources: SourceList, lang: str) -> b.Block:
    """The ranked options: rank, then the footprint table's cells that say the most."""
    head = tuple(tr(lang, key) for key in ("col.rank", "col.option", "col.class", "col.total", "col.co2e",
                                           "col.water", "col.quality", "col.ratio", "col.rules"))
    rows = []
    for o in c.recommendation.ranked:
        cells = cells_by_id[o.model.id]
        rows.append((f"≈{o.rank}" if o.overlaps else str(o.rank), cells.option(), cells.energy_class, cells.total,
                     cells.co2e, cells.water, cells.score.cited(sources), cells.ratio, cells.rules()))
    return b.table(head, rows)


def _excluded(c, lang: str) -> list[b.Block]:
    r = c.recommendation
    out = [b.heading(tr(lang, "report.excluded"), 2)]
    if not len(r.excluded) and not len(r.short_of_quality):
        return out + [b.paragraph(tr(lang, "report.none_excluded"))]
    return out + [b.items(
        tr(lang, "report.excluded_line", name=o.model.name, id=o.model.id, code=f.code,
           section=section(f.section, lang), message=rule_text(f.code, f.message, lang))
        for o in (*r.short_of_quality, *r.excluded) for f in o.excluded_by)]


def _caveat_line(finding, lang: str) -> str:
    return f"{finding.code} ({section(finding.section, lang)}): {rule_text(finding.code, finding.message, lang)}"


def _caveats(c, lang: str) -> list[str]:
    """Each caveat code once (as its first row says it), then the reminders of every result."""
    found: dict[str, str] = {}
    for row in c.rows:
        for finding in row.option.caveats:
            found.setdefault(finding.code, _caveat_line(finding, lang))
    found.update({note.code: _caveat_line(note, lang) for note in c.recommendation.notes})
    return list(found.values())


def _details(c) -> list[str]:
    """Every figure's calculation steps (the library's, in English)."""
    lines = []
    for row in c.rows:
        fp = row.option.footprint
        lines.append(f"{row.model.name} ({row.model.id})")
        for label, basis in (("use", fp.use_basis), ("setup", fp.setup_basis)):
            if basis is not None:
                lines.append(f"  {label}, {basis.method}:")
                lines.extend(f"    {step}" for step in basis.steps)
    return lines


def build(c, lang: str = "en", plot_svg: str | None = None, plot_note: str | None = None,
          today: datetime.date | None = None) -> list[b.Block]:
    """The report's blocks. ``plot_svg`` is the inline plot (None: ``plot_note`` says why not)."""
    from ..usecases.compare import ENERGY_CLASS_SOURCES, ENERGY_CLASSES

    from .verdict import sentence

    check_lang(lang)
    r = c.recommendation
    w = r.workload
    sources = SourceList()
    cells = row_cells(c, lang)
    footprint_rows = [table_row(row, sources) for row in cells]
    task = task_name(w.task, c.catalog.tasks[w.task].name, lang)
    out = [
        b.heading(tr(lang, "report.title", task=task), 1),
        b.paragraph(tr(lang, "report.generated", version=__version__, catalog=c.catalog_version,
                       date=(today or datetime.date.today()).isoformat())),
        *([b.paragraph(sentence(r.verdict, w.items, lang))] if r.verdict is not None else []),
        b.heading(tr(lang, "report.question"), 2), b.items(_question(c, lang)),
        b.heading(tr(lang, "report.ranked"), 2),
        _ranked(c, {cell.id: cell for cell in cells}, sources, lang) if len(r.ranked)
        else b.paragraph(tr(lang, "report.none_ranked")),
        b.paragraph(tr(lang, "report.benchmark", benchmark=r.benchmark) if r.benchmark
                    else tr(lang, "report.no_benchmark")),
        *_excluded(c, lang),
    ]
    if c.unable:
        out += [b.heading(tr(lang, "report.left_out"), 2), b.items(f"{m.name} ({m.id})" for m in c.unable)]
    caption = (tr(lang, "report.plot_caption", benchmark=r.benchmark or "?") if plot_svg
               else tr(lang, "report.plot_missing", reason=plot_note or tr(lang, "report.plot_no_points")))
    class_refs = ", ".join(str(sources.ref(name, url)) for name, url in ENERGY_CLASS_SOURCES)
    out += [
        b.heading(tr(lang, "report.footprint"), 2), b.paragraph(tr(lang, "report.footprint_intro")),
        b.table(footprint_headers(c, lang), footprint_rows),
        b.heading(tr(lang, "report.plot"), 2), b.plot(plot_svg, caption),
        b.heading(tr(lang, "report.caveats"), 2), b.items(_caveats(c, lang)),
        b.heading(tr(lang, "report.methodology"), 2), *(b.paragraph(text) for text in tr(lang, "method.text")),
        b.paragraph(tr(lang, "method.classes", thresholds=class_thresholds(ENERGY_CLASSES, lang), refs=class_refs)),
        b.heading(tr(lang, "report.assumptions"), 2), b.items(_assumptions(c, lang)),
        b.heading(tr(lang, "report.details"), 2), b.code(_details(c)),
    ]
    for zone in sorted({w.grid, *(row.option.footprint.zone for row in c.rows)}):
        g = c.catalog.grid.get(zone)
        if g is not None:
            sources.ref(g.source, g.source_url)
            if g.water_source:
                sources.ref(g.water_source, g.water_source_url)
    return out + [
        b.heading(tr(lang, "report.sources"), 2), b.sources(sources.entries),
        b.heading(tr(lang, "report.versions"), 2),
        b.items([tr(lang, "report.version_frugal", version=__version__),
                 tr(lang, "report.version_catalog", catalog=c.catalog_version)]),
    ]


def report_text(c, fmt: str, lang: str = "en", today: datetime.date | None = None) -> str:
    """The report as ``md`` or ``html`` text; the plot is inline when matplotlib is installed."""
    from ..errors import FrugalError
    from .plot import inline_svg

    check_lang(lang)
    try:
        svg, note = inline_svg(c, lang), None
    except FrugalError:
        svg, note = None, tr(lang, "report.plot_no_matplotlib")
    content = build(c, lang, svg, note, today)
    if fmt == "html":
        from .html_format import write

        return write(content, lang)
    from .markdown_format import write

    return write(content) + "\n"


def write_report(c, path: str, lang: str = "en", today: datetime.date | None = None) -> None:
    """Write the report to ``path`` (``.md``, ``.html`` or ``.htm``) whole or not at all
    (``paths.write_atomic``)."""
    from ..errors import FrugalError
    from ..paths import write_atomic

    suffix = str(path).lower().rsplit(".", 1)[-1]
    if suffix not in REPORT_SUFFIXES:
        raise FrugalError(f"a report is written as .md or .html; got '{path}'.")
    write_atomic(path, report_text(c, REPORT_SUFFIXES[suffix], lang, today))
