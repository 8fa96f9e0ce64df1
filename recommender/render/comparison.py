"""``frugal compare``'s result: the footprint table for people (terminal, Markdown; also the report's
footprint table) in English or French, flat rows (CSV) and records (JSON) for scripts."""

from __future__ import annotations

from typing import Any

from ..version import __version__
from . import blocks as b
from .cells import OptionCells, SourceList, class_thresholds, option_cells, source_lines
from .i18n import assumption, benchmark_name, count, counted, tr, unable_text


def headers(c, lang: str = "en") -> tuple[str, ...]:
    volume = count(c.recommendation.workload.items, lang)
    return tuple(tr(lang, key, volume=volume) for key in (
        "col.option", "col.class", "col.per_1k", "col.setup", "col.use", "col.total", "col.co2e", "col.water",
        "col.quality", "col.method", "col.ratio", "col.rules"))


def row_cells(c, lang: str = "en") -> list[OptionCells]:
    """The cells of every compared row, with its energy class and ratio."""
    return [option_cells(row.option, lang, energy_class=row.energy_class, ratio=row.ratio, in_comparison=True)
            for row in c.rows]


WRAPPING_COLUMNS = (0, 11)
"""In a terminal, only the Option and Rules columns wrap (at spaces); a figure, its range and its source
stand on lines of their own (``stacked``), never split."""
GIVING_WAY = (7, 4, 9, 3, 1, 6, 2, 10, 11)
"""In a terminal too narrow for the whole table, these columns give way, first first: Water, Use for
the volume (the ranges of the total's part), Method, Setup, Class, CO2e, Energy per 1k items, the
ratio, then the Rules; the option, its total energy and its quality always show."""


def _stack(text: str) -> str:
    """``0.77 Wh (0.34–1.8) [1]`` as ``0.77 Wh`` above ``(0.34–1.8) [1]``; ``a; b`` on two lines."""
    return text.replace(" (", "\n(").replace("; ", ";\n")


def table_row(cells: OptionCells, sources: SourceList, stacked: bool = False) -> tuple[str, ...]:
    """One row of the footprint table; ``stacked`` puts a cell's parts on separate lines (terminal)."""
    row = (cells.option(stacked), cells.energy_class, cells.per_1k_range.cited(sources),
           cells.setup_range.cited(sources), cells.use, cells.total, cells.co2e, cells.water,
           cells.score.cited(sources), cells.method, cells.ratio, cells.rules(stacked))
    if not stacked:
        return row
    return (row[0], *(_stack(cell) for cell in row[1:11]), row[11])


def footer(c, sources: SourceList, lang: str = "en") -> list[str]:
    """Lines under the table: left-out models, assumptions, quality benchmark, classes, sources, versions."""
    from ..usecases.compare import ENERGY_CLASSES

    r = c.recommendation
    w = r.workload
    lines = [unable_text(m, w.task, w.data_kind, lang) for m in c.unable]
    lines += [assumption(a, lang) for a in c.assumptions]
    lines.append(tr(lang, "cmp.quality", benchmark=benchmark_name(r.benchmark, lang)) if r.benchmark
                 else tr(lang, "report.no_benchmark"))
    lines.append(tr(lang, "cmp.classes", thresholds=class_thresholds(ENERGY_CLASSES, lang)))
    lines.append(tr(lang, "rec.sources"))
    lines += [f"  {text}" for text in source_lines(sources)]
    lines.append(tr(lang, "cmp.versions", version=__version__, catalog=c.catalog_version))
    return lines


def blocks(c, lang: str = "en", stacked: bool = False) -> list[b.Block]:
    """Title, footprint table and footer lines."""
    w = c.recommendation.workload
    sources = SourceList()
    rows = [table_row(cells, sources, stacked) for cells in row_cells(c, lang)]
    title = tr(lang, "cmp.title", options=counted(len(c.rows), "option", lang), task=w.task,
               items=count(w.items, lang), kind=tr(lang, f"kind.{w.data_kind}"))
    from .verdict import sentence

    said = c.recommendation.verdict
    opening = [b.paragraph(sentence(said, w.items, lang))] if said is not None else []
    table = b.table(headers(c, lang), rows, wrap=WRAPPING_COLUMNS, give_way=GIVING_WAY,
                    left_out=tr(lang, "rec.left_out")) if stacked else b.table(headers(c, lang), rows)
    return [*opening, b.line(title), table,
            *(b.line(text) for text in footer(c, sources, lang))]


def flat_rows(c) -> list[dict[str, Any]]:
    """One flat row per compared option: mid values and the ranges' ends (the CSV's rows)."""
    from .csv_format import COMPARE_COLUMNS, comparison_rows

    return [{k: row[k] for k in COMPARE_COLUMNS} for row in comparison_rows(c)]


def render(c, fmt: str, lang: str = "en", width: int | None = None) -> str:
    """A ``Comparison`` as ``fmt`` (table, markdown, json, csv)."""
    if fmt == "json":
        from .json_format import comparison_record, write

        return write(comparison_record(c))
    if fmt == "csv":
        from .csv_format import COMPARE_COLUMNS, write

        return write(COMPARE_COLUMNS, flat_rows(c))
    if fmt == "markdown":
        from .markdown_format import write

        return write(blocks(c, lang))
    if fmt != "table":
        raise ValueError(f"a comparison renders as table, markdown, json or csv, not {fmt}")
    from .table_format import write

    return write(blocks(c, lang, stacked=True), width)
