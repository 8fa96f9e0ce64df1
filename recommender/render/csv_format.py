"""The CSV format: one flat row per option, mid values and the ranges' ends (docs/json.md, "CSV")."""

from __future__ import annotations

import csv
import io
from typing import Any

from .safe import csv_cell

RECOMMEND_COLUMNS = (
    "rank", "id", "name", "family", "hosting", "quality", "benchmark", "energy_method",
    "energy_use_wh_per_1k", "energy_setup_wh", "energy_total_wh", "energy_total_wh_low",
    "energy_total_wh_high", "carbon_g", "water_l", "excluded_by", "caveats",
)
"""Columns of ``frugal recommend --format csv``: ranked options, then those short of quality, then
excluded ones."""

COMPARE_COLUMNS = (
    "id", "name", "family", "hosting", "energy_class", "energy_method", "setup_method",
    "energy_use_wh_per_1k", "energy_use_wh_per_1k_low", "energy_use_wh_per_1k_high", "energy_setup_wh",
    "energy_use_wh", "energy_total_wh", "energy_total_wh_low", "energy_total_wh_high", "carbon_g", "water_l",
    "quality", "benchmark", "ratio_to_most_frugal", "excluded_by", "caveats",
)
"""Columns of ``frugal compare --format csv``: one row per compared option."""


def write(columns: tuple[str, ...], rows: list[dict[str, Any]]) -> str:
    """A header and one line per row (None written as an empty cell, text never as a formula:
    ``safe.csv_cell``), no trailing newline."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else csv_cell(v) for k, v in row.items()})
    return out.getvalue().rstrip("\n")


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 9)


def option_values(o) -> dict[str, Any]:
    """Every flat value of an ``Option`` (each table picks its columns)."""
    fp, q = o.footprint, o.quality
    per_1k, total = fp.use_wh_per_1k, fp.total_wh

    def value(r):
        return None if r is None else _round(r.mid)

    return {
        "rank": o.rank, "id": o.model.id, "name": o.model.name, "family": o.model.family,
        "hosting": o.model.hosting,
        "quality": None if q.score is None else q.score.score,
        "benchmark": None if q.score is None else q.score.benchmark,
        "energy_method": fp.use_basis.method if fp.use_basis else None,
        "setup_method": fp.setup_basis.method if fp.setup_basis else None,
        "energy_use_wh_per_1k": value(per_1k),
        "energy_use_wh_per_1k_low": None if per_1k is None else _round(per_1k.low),
        "energy_use_wh_per_1k_high": None if per_1k is None else _round(per_1k.high),
        "energy_setup_wh": value(fp.setup_wh), "energy_use_wh": value(fp.use_wh),
        "energy_total_wh": value(total),
        "energy_total_wh_low": None if total is None else _round(total.low),
        "energy_total_wh_high": None if total is None else _round(total.high),
        "carbon_g": value(fp.carbon_g), "water_l": value(fp.water_l),
        "excluded_by": ";".join(f.code for f in o.excluded_by),
        "caveats": ";".join(f.code for f in o.caveats),
    }


def recommendation_rows(r) -> list[dict[str, Any]]:
    """One row per option of a ``Recommendation``: ranked, short of quality, then excluded."""
    return [option_values(o) for o in (*r.ranked, *r.short_of_quality, *r.excluded)]


def comparison_rows(c) -> list[dict[str, Any]]:
    """One row per row of a ``Comparison``, with its energy class and ratio."""
    return [{**option_values(row.option), "energy_class": row.energy_class,
             "ratio_to_most_frugal": _round(row.ratio)} for row in c.rows]
