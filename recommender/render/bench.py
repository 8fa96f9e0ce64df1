"""``frugal bench history``'s listing: the measurements kept on this machine, for people (energy in the
unit that fits, never an exponent) and for scripts (raw numbers, every provenance column)."""

from __future__ import annotations

from ..units import format_energy_wh, format_number
from .i18n import counted, tr
from .listing import Listing

MEASUREMENT_COLUMNS = ("id", "date", "model", "task", "phase", "hardware", "energy per 1k", "95% interval",
                       "items/s", "repeats", "meter", "job_id")
"""Columns of ``history`` for people (table, Markdown)."""
MACHINE_COLUMNS = ("id", "date", "model", "task", "phase", "hardware", "wh_per_1k", "wh_per_1k_low",
                   "wh_per_1k_high", "items_per_s", "repeats", "meter", "scheduler", "job_id", "node", "allocation")
"""Columns of ``history`` in json and csv: the interval's bounds as numbers (Wh per 1,000 items)."""
GIVING_WAY = ("job_id", "meter", "95% interval", "items/s", "repeats", "date", "hardware", "phase")
"""In a terminal too narrow for every column, these give way, first first; the id, the model, the task
and the energy per 1,000 items always show."""


def _row(m, human: bool) -> tuple:
    if not human:
        return (m.id, m.date, m.model_id, m.task, m.phase, m.hardware, m.energy_wh_per_1k, m.energy_wh_per_1k_low,
                m.energy_wh_per_1k_high, m.items_per_s, m.repeats, m.meter, m.scheduler, m.job_id, m.node,
                m.allocation)
    return (m.id, m.date, m.model_id, m.task, m.phase, m.hardware, format_energy_wh(m.energy_wh_per_1k),
            _interval(m.energy_wh_per_1k, m.energy_wh_per_1k_low, m.energy_wh_per_1k_high),
            format_number(m.items_per_s, 3), m.repeats, m.meter, m.job_id)


def _interval(mid: float, low: float, high: float) -> str:
    """``0.30–0.36 µWh``, in the unit of the mid value beside it; the mid alone when the ends round to it."""
    text = format_energy_wh(mid, low, high)  # "0.33 µWh (0.30–0.36)"
    value, unit, *ends = text.split(" ")
    return f"{ends[0].strip('()')} {unit}" if ends else f"{value} {unit}"


def history_listing(measurements, human: bool, path) -> Listing:
    """The ``measurements`` (``catalog.store.Measurement``) of the store at ``path``, oldest first."""
    footer = (f"{counted(len(measurements), 'measurement', 'en')} in {path}.",) if measurements else (
        f"No measurements yet in {path}. Run 'frugal bench --suite NAME'.",)
    return Listing(MEASUREMENT_COLUMNS if human else MACHINE_COLUMNS, [_row(m, human) for m in measurements],
                   footer=footer, wrap=(), give_way=GIVING_WAY if human else (), left_out=tr("en", "rec.left_out"))
