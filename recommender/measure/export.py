"""Local measurements as catalog rows: the columns of ``catalog/energy.csv``, for review."""

from __future__ import annotations

import csv
import io
from dataclasses import fields
from pathlib import Path

from ..catalog import EnergyFigure
from ..catalog.store import Measurement, as_energy_figure
from ..errors import FrugalError
from ..paths import write_atomic

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
    """The measurements as ``energy.csv`` text: a header, then one row each."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for m in measurements:
        writer.writerow(catalog_row(m))
    return out.getvalue()


def write_csv(path: str | Path, measurements: list[Measurement]) -> Path:
    """Write ``to_csv(measurements)`` to ``path`` whole (``write_atomic``), creating its folder."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FrugalError(f"cannot create the folder '{path.parent}': {exc.strerror or exc}.") from None
    return write_atomic(path, to_csv(measurements))
