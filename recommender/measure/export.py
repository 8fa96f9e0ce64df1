"""Local measurements as catalog rows: the columns of ``catalog/energy.csv``, for review."""

from __future__ import annotations

import csv
import io
from dataclasses import fields

from ..catalog import EnergyFigure
from ..catalog.store import Measurement, as_energy_figure

COLUMNS = [f.name for f in fields(EnergyFigure)]


def cell(value: float | int | str | None) -> str:
    """A catalog cell: empty for None, integers plain, else 4 significant digits."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if float(value).is_integer() and abs(value) >= 1:
        return str(int(value))
    return f"{value:.4g}"


def catalog_row(m: Measurement) -> dict[str, str]:
    """One ``energy.csv`` row for a measurement: method ``measured``, the machine as source."""
    figure = as_energy_figure(m, f"frugal bench, {m.cpu}, {m.cores} logical cores")
    return {name: cell(getattr(figure, name)) for name in COLUMNS}


def to_csv(measurements: list[Measurement]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for m in measurements:
        writer.writerow(catalog_row(m))
    return out.getvalue()
