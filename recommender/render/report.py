"""The justification report (``frugal report``): a list of blocks built once from a comparison,
written as Markdown or as self-contained HTML (``report_markdown``, ``report_html``).

Blocks are plain tuples: ``("h1"|"h2"|"p", text)``, ``("ul", [text…])``, ``("table", headers, rows)``,
``("plot", svg_or_None, caption)``, ``("sources", [(name, url)…])``, ``("pre", [line…])``.
"""

from __future__ import annotations

import datetime

from ..version import __version__
from ..usecases.compare import ENERGY_CLASS_SOURCES, Comparison
from ..footprint import HOSTED_BATCH, LOCAL_BATCH
from .i18n import (DOMAIN_FR, SENSITIVITY_FR, check_lang, number, rule_text, section, task_name, tr)
from .sources import SourceList
from ..units import format_carbon_g, format_energy_wh, format_water_l
from .comparison import cells, class_thresholds, headers, mid, ratio_text, span

Block = tuple


def _question(c: Comparison, lang: str, grid_intensity: float) -> list[str]:
    r = c.recommendation
    q, w = r.query, r.workload
    fr = lang == "fr"
    return [
        tr(lang, "q.task", task=task_name(w.task, c.catalog.tasks[w.task].name, lang), kind=tr(lang, f"kind.{w.data_kind}"),
           domain=DOMAIN_FR.get(q.domain, q.domain) if fr else q.domain, data_lang=q.lang),
        tr(lang, "q.sensitivity", sensitivity=SENSITIVITY_FR[r.data_sensitivity] if fr else r.data_sensitivity),
        tr(lang, "q.use", use=q.use),
        tr(lang, "q.volume", volume=number(f"{w.items:,}", lang)),
        tr(lang, "q.hardware", hardware=q.hardware or tr(lang, "q.hardware_default")),
        tr(lang, "q.grid", zone=w.grid, intensity=number(f"{grid_intensity:g}", lang)),
    ]


def _assumptions(c: Comparison, lang: str) -> list[str]:
    r = c.recommendation
    q, w = r.query, r.workload
    n = lambda v: number(f"{v:,}", lang)  # noqa: E731
    lines = []
    if q.data_kind is None:
        lines.append(tr(lang, "a.data_kind", kind=tr(lang, f"kind.{w.data_kind}")))
    if q.data_sensitivity is None:
        lines.append(tr(lang, "a.sensitive"))
    lines.append(tr(lang, "a.tokens", tokens_in=n(w.tokens_in), tokens_out=n(w.tokens_out)))
    lines.append(tr(lang, "a.setup", train_items=n(w.train_items), epochs=number(f"{w.epochs:g}", lang)))
    lines.append(tr(lang, "a.batch_local", batch=n(w.batch_size or LOCAL_BATCH)))
    if any(row.model.is_external for row in c.rows):
        lines.append(tr(lang, "a.batch_hosted", low=f"{HOSTED_BATCH.low:g}", mid=f"{HOSTED_BATCH.mid:g}",
                        high=f"{HOSTED_BATCH.high:g}"))
    sites = {row.option.footprint.site.id: row.option.footprint.site for row in c.rows}
    for site in sites.values():
        lines.append(tr(lang, "a.sites", name=site.name, pue=number(f"{site.pue:g}", lang),
                        wue="?" if site.wue_l_per_kwh is None else number(f"{site.wue_l_per_kwh:g}", lang),
                        zone=site.zone))
    return lines


def _floor(c: Comparison, lang: str) -> str:
    q = c.query
    if q.min_quality is not None:
        return tr(lang, "q.min_quality", value=number(f"{q.min_quality:g}", lang))
    if q.tolerance is not None:
        return tr(lang, "q.tolerance", value=number(f"{q.tolerance:g}", lang))
    return tr(lang, "q.quality_none")


def build(c: Comparison, lang: str = "en", plot_svg: str | None = None, plot_note: str | None = None,
          today: datetime.date | None = None) -> list[Block]:
    """The report's blocks. ``plot_svg`` is the inline plot (None: ``plot_note`` says why not)."""
    check_lang(lang)
    r = c.recommendation
    w = r.workload
    sources = SourceList()
    table_rows = cells(c, sources, lang)
    by_id = {row.model.id: (row, cells_row) for row, cells_row in zip(c.rows, table_rows)}
    grid_intensity = w.grid_intensity or c.catalog.zone(w.grid).carbon_g_per_kwh

    blocks: list[Block] = [
        ("h1", tr(lang, "report.title", task=task_name(w.task, c.catalog.tasks[w.task].name, lang))),
        ("p", tr(lang, "report.generated", version=__version__, catalog=c.catalog_version,
                 date=(today or datetime.date.today()).isoformat())),
        ("h2", tr(lang, "report.question")),
        ("ul", _question(c, lang, grid_intensity) + [tr(lang, "q.quality", floor=_floor(c, lang))]),
        ("h2", tr(lang, "report.ranked")),
    ]
    if r.ranked:
        head = (tr(lang, "col.rank"), tr(lang, "col.option"), tr(lang, "col.class"), tr(lang, "col.total"),
                tr(lang, "col.co2e"), tr(lang, "col.water"), tr(lang, "col.quality"), tr(lang, "col.ratio"),
                tr(lang, "col.rules"))
        rows = []
        for o in r.ranked:
            row, full = by_id[o.model.id]
            rank = f"≈{o.rank}" if o.overlaps else str(o.rank)
            rows.append((rank, full[0], full[1], span(o.footprint.total_wh, format_energy_wh, lang),
                         mid(o.footprint.carbon_g, format_carbon_g, lang),
                         mid(o.footprint.water_l, format_water_l, lang), full[8], ratio_text(row.ratio, lang),
                         full[11]))
        blocks.append(("table", head, rows))
    else:
        blocks.append(("p", tr(lang, "report.none_ranked")))
    blocks.append(("p", tr(lang, "report.benchmark", benchmark=r.benchmark) if r.benchmark
                   else tr(lang, "report.no_benchmark")))

    blocks.append(("h2", tr(lang, "report.excluded")))
    if r.excluded:
        blocks.append(("ul", [
            tr(lang, "report.excluded_line", name=o.model.name, id=o.model.id, code=f.code,
               section=section(f.section, lang), message=rule_text(f.code, f.message, lang))
            for o in r.excluded for f in o.excluded_by
        ]))
    else:
        blocks.append(("p", tr(lang, "report.none_excluded")))
    if c.unable:
        blocks += [("h2", tr(lang, "report.left_out")), ("ul", [f"{m.name} ({m.id})" for m in c.unable])]

    blocks += [
        ("h2", tr(lang, "report.footprint")),
        ("p", tr(lang, "report.footprint_intro")),
        ("table", headers(c, lang), table_rows),
        ("h2", tr(lang, "report.plot")),
        ("plot", plot_svg, tr(lang, "report.plot_caption", benchmark=r.benchmark or "?") if plot_svg
         else tr(lang, "report.plot_missing", reason=plot_note or tr(lang, "report.plot_no_points"))),
    ]

    caveats: dict[str, str] = {}
    for row in c.rows:
        for f in row.option.caveats:
            caveats.setdefault(f.code, f"{f.code} ({section(f.section, lang)}): {rule_text(f.code, f.message, lang)}")
    caveats.update({n.code: f"{n.code} ({section(n.section, lang)}): {rule_text(n.code, n.message, lang)}"
                    for n in r.notes})
    blocks += [("h2", tr(lang, "report.caveats")), ("ul", list(caveats.values()))]

    class_refs = ", ".join(str(sources.ref(name, url)) for name, url in ENERGY_CLASS_SOURCES)
    blocks += [("h2", tr(lang, "report.methodology"))]
    blocks += [("p", text) for text in tr(lang, "method.text")]
    blocks.append(("p", tr(lang, "method.classes", thresholds=class_thresholds(lang), refs=class_refs)))
    blocks += [("h2", tr(lang, "report.assumptions")), ("ul", _assumptions(c, lang))]

    details = []
    for row in c.rows:
        fp = row.option.footprint
        details.append(f"{row.model.name} ({row.model.id})")
        for label, basis in (("use", fp.use_basis), ("setup", fp.setup_basis)):
            if basis is not None:
                details.append(f"  {label}, {basis.method}:")
                details.extend(f"    {step}" for step in basis.steps)
    blocks += [("h2", tr(lang, "report.details")), ("pre", details)]

    for zone in sorted({w.grid, *(row.option.footprint.zone for row in c.rows)}):
        g = c.catalog.grid.get(zone)
        if g is not None:
            sources.ref(g.source, g.source_url)
            if g.water_source:
                sources.ref(g.water_source, g.water_source_url)
    blocks += [("h2", tr(lang, "report.sources")), ("sources", list(sources.entries))]
    blocks += [("h2", tr(lang, "report.versions")),
               ("ul", [tr(lang, "report.version_frugal", version=__version__),
                       tr(lang, "report.version_catalog", catalog=c.catalog_version)])]
    return blocks
