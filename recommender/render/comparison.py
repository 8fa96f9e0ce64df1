"""A comparison (``frugal compare``) as human cells, flat rows and JSON, in English or French.

The human cells are shared by the compare table, its Markdown and the report's footprint table,
so a number reads the same everywhere.
"""

from __future__ import annotations

from typing import Any

from ..version import __version__
from ..usecases.compare import ENERGY_CLASSES, Comparison, Row, unable_line
from .i18n import method, number, tr
from ..ranges import Range
from .sources import SourceList
from ..units import format_carbon_g, format_energy_wh, format_sig, format_water_l
from .listing import Listing
from .rows import option_dict

COLUMNS = ("col.option", "col.class", "col.per_1k", "col.setup", "col.use", "col.total", "col.co2e",
           "col.water", "col.quality", "col.method", "col.ratio", "col.rules")


def span(r: Range | None, fmt, lang: str = "en") -> str:
    """``mid (low–high) unit`` in ``lang``; ``unknown`` when None."""
    return tr(lang, "unknown") if r is None else number(fmt(r.mid, r.low, r.high), lang)


def mid(r: Range | None, fmt, lang: str = "en") -> str:
    return tr(lang, "unknown") if r is None else number(fmt(r.mid), lang)


def ratio_text(ratio: float | None, lang: str = "en") -> str:
    """``38×``; ``?`` when unknown."""
    if ratio is None:
        return "?"
    return number(f"{ratio:,.0f}×" if ratio >= 10 else f"{ratio:.2g}×", lang)


def headers(c: Comparison, lang: str = "en") -> tuple[str, ...]:
    volume = number(f"{c.recommendation.workload.items:,}", lang)
    return tuple(tr(lang, key, volume=volume) for key in COLUMNS)


def method_cell(row: Row, lang: str = "en") -> str:
    fp = row.option.footprint
    use = method(fp.use_basis.method if fp.use_basis else None, lang)
    if fp.setup_basis is not None and fp.use_basis is not None and fp.setup_basis.method != fp.use_basis.method:
        return f"{use}; {tr(lang, 'setup_method', method=method(fp.setup_basis.method, lang))}"
    return use


def rules_cell(row: Row, lang: str = "en", sep: str = ", ") -> str:
    o = row.option
    if o.excluded_by:
        return f"{tr(lang, 'excluded')}{tr(lang, 'colon')}{sep if sep == chr(10) else ' '}" + sep.join(f.code for f in o.excluded_by)
    return sep.join(f.code for f in o.caveats)


def cells(c: Comparison, sources: SourceList, lang: str = "en", sep: str = ", ") -> list[tuple[str, ...]]:
    """One row of display cells per compared option; ``sources`` numbers the citations; ``sep``
    joins a cell's parts (a newline in the terminal table)."""
    rows = []
    for row in c.rows:
        o = row.option
        fp, q = o.footprint, o.quality
        if fp.use_basis is None:
            per_1k = tr(lang, "unknown")
        else:
            ref = sources.ref(fp.use_basis.source, fp.use_basis.source_url)
            per_1k = f"{span(fp.use_wh_per_1k, format_energy_wh, lang)} [{ref}]"
        if o.model.setup in ("zero-shot", "none"):
            setup = tr(lang, "none")
        elif fp.setup_basis is None:
            setup = tr(lang, "unknown")
        else:
            ref = sources.ref(fp.setup_basis.source, fp.setup_basis.source_url)
            setup = f"{span(fp.setup_wh, format_energy_wh, lang)} [{ref}]"
        if q.score is None:
            quality = tr(lang, "unknown")
        else:
            ref = sources.ref(q.score.source, q.score.source_url)
            quality = f"{number(f'{q.score.score:g}', lang)} [{ref}]"
        rows.append((
            f"{o.model.name}{sep if sep == chr(10) else ' '}({o.model.id})", row.energy_class or "?", per_1k, setup,
            span(fp.use_wh, format_energy_wh, lang), span(fp.total_wh, format_energy_wh, lang),
            mid(fp.carbon_g, format_carbon_g, lang), mid(fp.water_l, format_water_l, lang), quality,
            method_cell(row, lang), ratio_text(row.ratio, lang), rules_cell(row, lang, sep),
        ))
    return rows


def class_thresholds(lang: str = "en") -> str:
    """``A ≤ 0.1, B ≤ 1, …, G > 10,000``."""
    parts = [f"{letter} ≤ {number(format_sig(upper, 1), lang)}" for letter, upper in ENERGY_CLASSES[:-1]]
    parts.append(f"{ENERGY_CLASSES[-1][0]} > {number(format_sig(ENERGY_CLASSES[-2][1], 1), lang)}")
    return ", ".join(parts)


def footer(c: Comparison, sources: SourceList) -> list[str]:
    """Lines under the human table: left-out models, assumptions, quality benchmark, classes, sources."""
    r = c.recommendation
    lines = [unable_line(m, r.workload.task, r.workload.data_kind) for m in c.unable]
    lines += list(c.assumptions)
    if r.benchmark:
        lines.append(f"Quality: score (0–100) on {r.benchmark}.")
    else:
        lines.append("Quality: no published score for this task and domain in the catalog (unknown).")
    lines.append(f"Energy class from energy per 1k items (Wh, facility): {class_thresholds()}; "
                 f"'vs most frugal' = total energy / the least total energy.")
    lines.append("Sources:")
    lines += [f"  [{n}] {name}{' ' + url if url else ''}" for n, (name, url) in enumerate(sources.entries, 1)]
    lines.append(f"frugal {__version__}, catalog {c.catalog_version}.")
    return lines


def listing(c: Comparison, sep: str = ", ") -> Listing:
    """The human comparison table (for the table and Markdown formats)."""
    sources = SourceList()
    rows = cells(c, sources, sep=sep)
    w = c.recommendation.workload
    title = (f"Footprint of {len(c.rows)} options for {w.task} on {w.items:,} {w.data_kind} items, "
             f"least total energy first:")
    return Listing(headers(c), rows, title=title, footer=tuple(footer(c, sources)))


FLAT_COLUMNS = (
    "id", "name", "family", "hosting", "energy_class", "energy_method", "setup_method",
    "energy_use_wh_per_1k", "energy_use_wh_per_1k_low", "energy_use_wh_per_1k_high", "energy_setup_wh",
    "energy_use_wh", "energy_total_wh", "energy_total_wh_low", "energy_total_wh_high", "carbon_g", "water_l",
    "quality", "benchmark", "ratio_to_most_frugal", "excluded_by", "caveats",
)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 9)


def flat_rows(c: Comparison) -> list[dict[str, Any]]:
    """One flat row per compared option (mid values and the ranges' ends)."""
    out = []
    for row in c.rows:
        o = row.option
        fp, q = o.footprint, o.quality
        out.append({
            "id": o.model.id, "name": o.model.name, "family": o.model.family, "hosting": o.model.hosting,
            "energy_class": row.energy_class,
            "energy_method": fp.use_basis.method if fp.use_basis else None,
            "setup_method": fp.setup_basis.method if fp.setup_basis else None,
            "energy_use_wh_per_1k": _r(fp.use_wh_per_1k.mid) if fp.use_wh_per_1k else None,
            "energy_use_wh_per_1k_low": _r(fp.use_wh_per_1k.low) if fp.use_wh_per_1k else None,
            "energy_use_wh_per_1k_high": _r(fp.use_wh_per_1k.high) if fp.use_wh_per_1k else None,
            "energy_setup_wh": _r(fp.setup_wh.mid) if fp.setup_wh else None,
            "energy_use_wh": _r(fp.use_wh.mid) if fp.use_wh else None,
            "energy_total_wh": _r(fp.total_wh.mid) if fp.total_wh else None,
            "energy_total_wh_low": _r(fp.total_wh.low) if fp.total_wh else None,
            "energy_total_wh_high": _r(fp.total_wh.high) if fp.total_wh else None,
            "carbon_g": _r(fp.carbon_g.mid) if fp.carbon_g else None,
            "water_l": _r(fp.water_l.mid) if fp.water_l else None,
            "quality": None if q.score is None else q.score.score,
            "benchmark": None if q.score is None else q.score.benchmark,
            "ratio_to_most_frugal": _r(row.ratio),
            "excluded_by": ";".join(f.code for f in o.excluded_by),
            "caveats": ";".join(f.code for f in o.caveats),
        })
    return out


def flat_listing(c: Comparison) -> Listing:
    return Listing(FLAT_COLUMNS, [tuple(r[k] for k in FLAT_COLUMNS) for r in flat_rows(c)])


def comparison_dict(c: Comparison) -> dict[str, Any]:
    """The comparison as a JSON-ready dict: each row is a ``recommend`` option plus class and ratio."""
    from .rows import recommendation_dict

    r = c.recommendation
    base = recommendation_dict(r)
    return {
        "frugal_version": __version__,
        "catalog_version": c.catalog_version,
        "query": base["query"],
        "workload": base["workload"],
        "assumptions": list(c.assumptions),
        "reference_benchmark": r.benchmark,
        "energy_classes_wh_per_1k": {letter: (None if upper == float("inf") else upper)
                                     for letter, upper in ENERGY_CLASSES},
        "rows": [{**option_dict(row.option), "energy_class": row.energy_class,
                  "ratio_to_most_frugal": _r(row.ratio)} for row in c.rows],
        "left_out": [{"id": m.id, "reason": unable_line(m, r.workload.task, r.workload.data_kind)}
                     for m in c.unable],
    }


def render(c: Comparison, fmt: str) -> str:
    """``c`` in one of the shared formats (table, json, csv, markdown)."""
    from . import render as render_result

    if fmt == "json":
        return render_result(comparison_dict(c), "json")
    if fmt == "csv":
        return render_result(flat_listing(c), "csv")
    return render_result(listing(c, "\n" if fmt == "table" else ", "), fmt)
