"""Local measurements as catalog rows: the columns of ``catalog/energy.csv``, for review."""

from __future__ import annotations

import csv
import io
from dataclasses import fields

from ..catalog import EnergyFigure
from ..catalog.store import Measurement

COLUMNS = [f.name for f in fields(EnergyFigure)]


def number(value: float | int | None) -> str:
    """A catalog cell: empty for None, integers plain, else 4 significant digits."""
    if value is None:
        return ""
    if float(value).is_integer() and abs(value) >= 1:
        return str(int(value))
    return f"{value:.4g}"


def catalog_row(m: Measurement) -> dict[str, str]:
    """One ``energy.csv`` row for a measurement: method ``measured``, the machine as source."""
    return {
        "model_id": m.model_id, "task": m.task, "data_kind": m.data_kind, "phase": m.phase, "hardware": m.hardware,
        "gpus": number(m.gpus), "boundary": m.boundary, "batch_size": number(m.batch_size),
        "tokens_in": number(m.tokens_in), "tokens_out": number(m.tokens_out), "epochs": number(m.epochs),
        "energy_wh_per_1k": number(m.energy_wh_per_1k), "energy_wh_per_1k_low": number(m.energy_wh_per_1k_low),
        "energy_wh_per_1k_high": number(m.energy_wh_per_1k_high), "method": "measured",
        "source": f"frugal bench, {m.cpu}, {m.cores} logical cores", "source_url": "",
        "date": m.date, "notes": m.notes,
    }


def to_csv(measurements: list[Measurement]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for m in measurements:
        writer.writerow(catalog_row(m))
    return out.getvalue()
