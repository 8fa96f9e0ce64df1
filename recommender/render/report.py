"""The justification report (``frugal report``): blocks built once from a comparison, written as
Markdown or as one self-contained HTML page, whole or not at all."""

from __future__ import annotations

import datetime
from pathlib import Path

from ..version import __version__
from . import blocks as b
from .cells import SourceList, class_thresholds
from .comparison import headers as footprint_headers
from .comparison import row_cells, table_row
from .cells import mode_text
from .i18n import (benchmark_name, check_lang, count, domain, model_name, number, task_role, rule_text, section, sensitivity, site_name, task_name, tr,
                   use_name)

REPORT_SUFFIXES = {"md": "md", "html": "html", "htm": "html"}
"""File extension → format of the report."""


def _question(c, lang: str) -> list[str]:
    r = c.recommendation
    q, w = r.query, r.workload
    grid_intensity = w.grid_intensity or c.catalog.zone(w.grid).carbon_g_per_kwh
    return [
        tr(lang, "q.task", task=task_name(w.task, c.catalog.tasks[w.task].name, lang),
           kind=tr(lang, f"kind.{w.data_kind}"), domain=domain(q.domain, lang), data_lang=q.data_lang),
        tr(lang, "q.sensitivity" if q.data_sensitivity else "q.sensitivity_assumed",
           sensitivity=sensitivity(r.data_sensitivity, lang)),
        tr(lang, "q.use", use=use_name(q.use, lang)),
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
        lines.append(tr(lang, "a.sites", name=site_name(site, lang), pue=number(f"{site.pue:g}", lang),
                        wue="?" if site.wue_l_per_kwh is None else number(f"{site.wue_l_per_kwh:g}", lang),
                        zone=site.zone))
    return lines


def _shortlist(c, cells_by_key: dict, sources: SourceList, lang: str) -> b.Block:
    """The body's table: the shortlist in rank order, then, unnumbered, the best of each family known to
    fall short (``Recommendation.compared``), with their totals for the volume."""
    head = tuple(tr(lang, key, volume=count(c.recommendation.workload.items, lang)) for key in (
        "col.rank", "col.option", "col.quality", "col.total_for", "col.co2e", "col.water", "col.class", "col.rules"))
    rows = []
    r = c.recommendation
    for o in (*r.shortlist, *r.compared):
        cells = cells_by_key[o.key]
        rank = "" if o.rank is None else (f"≈{o.rank}" if o.overlaps else str(o.rank))
        rows.append((rank, cells.option(), cells.score.cited(sources), cells.total, cells.co2e, cells.water,
                     cells.energy_class, cells.rules()))
    return b.table(head, rows)


def _shortlist_notes(c, lang: str) -> list[b.Block]:
    r = c.recommendation
    notes = [tr(lang, "report.benchmark", benchmark=benchmark_name(r.benchmark, lang)) if r.benchmark
             else tr(lang, "report.no_benchmark")]
    if any(o.overlaps for o in r.shortlist):
        notes.append(tr(lang, "report.overlap"))
    if len(r.shortlist) < len(r.ranked):
        notes.append(tr(lang, "report.more_ranked", shown=len(r.shortlist), total=len(r.ranked)))
    if len(r.compared):
        notes.append(tr(lang, "rec.compared", count=len(r.compared)))
    return [b.paragraph(" ".join(notes))]


def _volume(c, lang: str) -> list[b.Block]:
    """One sentence: the first option's footprint for the volume."""
    from ..units import format_carbon_g, format_energy_wh, format_water_l

    r = c.recommendation
    if not len(r.ranked) or r.ranked[0].footprint.total_wh is None:
        return []
    o = r.ranked[0]
    fp = o.footprint
    return [b.paragraph(tr(
        lang, "report.volume", option=f"{model_name(o.model, lang)}, {mode_text(o.used_as, lang)}", volume=count(r.workload.items, lang),
        total=number(format_energy_wh(fp.total_wh.mid, fp.total_wh.low, fp.total_wh.high), lang),
        carbon=number(format_carbon_g(fp.carbon_g.mid), lang),
        water="?" if fp.water_l is None else number(format_water_l(fp.water_l.mid), lang)))]


def _excluded(c, lang: str) -> list[b.Block]:
    """The body's exclusions: one line per rule, naming the options it excludes and its guidance section."""
    from .recommendation import excluded_lines

    r = c.recommendation
    out = [b.heading(tr(lang, "report.excluded"), 2)]
    if not len(r.excluded) and not len(r.short_of_quality):
        return out + [b.paragraph(tr(lang, "report.none_excluded"))]
    lines = excluded_lines(r, lang, (*r.short_of_quality, *r.excluded))
    return out + [b.items(lines), b.paragraph(tr(lang, "report.excluded_more"))]


def _excluded_each(c, lang: str) -> b.Block:
    """The appendix's exclusions: every option, its mode, each rule that excludes it and why."""
    r = c.recommendation
    return b.items(
        tr(lang, "report.excluded_line", name=f"{model_name(o.model, lang)}, {mode_text(o.used_as, lang)}", id=o.model.id,
           code=f.code, section=section(f.section, lang), message=rule_text(f.code, f.message, lang))
        for o in (*r.short_of_quality, *r.excluded) for f in o.excluded_by)


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
          today: datetime.date | None = None, plot_src: str | None = None) -> list[b.Block]:
    """The report's blocks: the body a director reads (the verdict, the question, the shortlist, the
    exclusions, the plot, the footprint for the volume), then the appendix (every option's row, each
    exclusion, caveats, methodology, assumptions, calculation steps, sources, versions). ``plot_svg`` is
    the plot (None: ``plot_note`` says why not); ``plot_src`` the file a Markdown report links it from."""
    from ..usecases.compare import ENERGY_CLASS_SOURCES, ENERGY_CLASSES

    from .verdict import sentence

    check_lang(lang)
    r = c.recommendation
    w = r.workload
    sources = SourceList()
    cells = row_cells(c, lang)
    by_key = {row.option.key: cell for row, cell in zip(c.rows, cells)}
    task = (task_role if lang == "fr" else task_name)(w.task, c.catalog.tasks[w.task].name, lang)
    out = [
        b.heading(tr(lang, "report.title", task=task), 1),
        *([b.paragraph(sentence(r.verdict, w.items, lang))] if r.verdict is not None else []),
        b.heading(tr(lang, "report.question"), 2), b.items(_question(c, lang)),
        b.heading(tr(lang, "report.ranked"), 2),
        *((_shortlist(c, by_key, sources, lang), *_shortlist_notes(c, lang)) if len(r.ranked)
          else (b.paragraph(tr(lang, "report.none_ranked")),)),
        *_excluded(c, lang),
    ]
    if c.unable:
        out += [b.heading(tr(lang, "report.left_out"), 2), b.items(f"{m.name} ({m.id})" for m in c.unable)]
    caption = (tr(lang, "report.plot_caption", benchmark=benchmark_name(r.benchmark, lang, "?")) if plot_svg
               else tr(lang, "report.plot_missing", reason=plot_note or tr(lang, "report.plot_no_points")))
    footprint_rows = [table_row(cell, sources) for cell in cells]
    class_refs = ", ".join(str(sources.ref(name, url)) for name, url in ENERGY_CLASS_SOURCES)
    out += [
        b.heading(tr(lang, "report.plot"), 2), b.plot(plot_svg, caption, src=plot_src), *_volume(c, lang),
        b.heading(tr(lang, "report.appendix"), 1),
        b.heading(tr(lang, "report.footprint"), 2), b.paragraph(tr(lang, "report.footprint_intro")),
        b.table(footprint_headers(c, lang), footprint_rows),
        b.heading(tr(lang, "report.excluded_each"), 2),
        _excluded_each(c, lang) if len(r.excluded) or len(r.short_of_quality)
        else b.paragraph(tr(lang, "report.none_excluded")),
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
        b.items([tr(lang, "report.generated", version=__version__, catalog=c.catalog_version,
                    date=(today or datetime.date.today()).isoformat()),
                 tr(lang, "report.version_frugal", version=__version__),
                 tr(lang, "report.version_catalog", catalog=c.catalog_version)]),
    ]


def report_text(c, fmt: str, lang: str = "en", today: datetime.date | None = None,
                plot_src: str | None = None) -> str:
    """The report as ``md`` or ``html`` text; the plot is inline when matplotlib is installed (in
    Markdown, linked from ``plot_src`` when given: Markdown renderers strip ``data:`` images)."""
    text, _ = _text_and_plot(c, fmt, lang, today, plot_src)
    return text


def _text_and_plot(c, fmt: str, lang: str, today: datetime.date | None, plot_src: str | None):
    from ..errors import FrugalError
    from .plot import inline_svg

    check_lang(lang)
    try:
        svg, note = inline_svg(c, lang), None
    except FrugalError:
        from ..version import install_hint

        svg, note = None, tr(lang, "report.plot_no_matplotlib", hint=install_hint("plot"))
    content = build(c, lang, svg, note, today, plot_src=plot_src if fmt == "md" and svg else None)
    if fmt == "html":
        from .html_format import write

        return write(content, lang), svg
    from .markdown_format import write

    return write(content) + "\n", svg


def plot_path(path: str) -> Path:
    """The file a Markdown report's plot is written to: ``NAME-plot.svg`` beside ``NAME.md``."""
    report = Path(path)
    return report.with_name(f"{report.stem}-plot.svg")


def write_report(c, path: str, lang: str = "en", today: datetime.date | None = None) -> list[Path]:
    """Write the report to ``path`` (``.md``, ``.html``, ``.htm`` or ``.pdf``) whole or not at all
    (``paths.write_atomic``); a Markdown report's plot goes to ``plot_path(path)``, an HTML report keeps
    it inline, a PDF is the HTML report printed by headless Chromium. Returns the files written."""
    from ..errors import FrugalError
    from ..paths import write_atomic

    suffix = str(path).lower().rsplit(".", 1)[-1]
    if suffix not in (*REPORT_SUFFIXES, "pdf"):
        raise FrugalError(f"a report is written as .md, .html or .pdf; got '{path}'.")
    if suffix == "pdf":
        from .pdf import html_to_pdf

        return [write_atomic(path, html_to_pdf(report_text(c, "html", lang, today)))]
    fmt = REPORT_SUFFIXES[suffix]
    beside = plot_path(path) if fmt == "md" else None
    text, svg = _text_and_plot(c, fmt, lang, today, beside.name if beside else None)
    written = [write_atomic(path, text)]  # the report first: a failure leaves the previous one whole
    if beside is not None and svg:
        written.append(write_atomic(beside, svg))
    return written
