"""A CPU figure on another CPU: the one scaling rule, and what a figure says about how it was metered
(docs/methodology.md, "CPU figures on another CPU").

A CPU energy figure is carried to another CPU profile by the ratio of the two profiles' watts per
peak FLOP/s (``cpu_energy_factor``); a figure on a GPU is never carried to other hardware.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..catalog import EnergyFigure, Hardware

LOAD_BASED = "load-based estimate"
"""How CodeCarbon's meter names its CPU power estimate from TDP × CPU load (measure/meter.py),
as written in a measured figure's notes."""
_MACHINE_IN_NOTES = re.compile(r"threads on (?P<cpu>[^;]+?) \((?P<cores>\d+) logical cores\)")
_MACHINE_IN_SOURCE = re.compile(r"frugal bench, (?P<cpu>[^;]+?), (?P<cores>\d+) logical cores")


def cpu_energy_factor(measured_on: Hardware, target: Hardware) -> float:
    """Energy per item on ``target`` / energy per item on ``measured_on``, for two CPU profiles:

        factor = (TDP_target [W] / peak_target [TFLOP/s]) / (TDP_measured [W] / peak_measured [TFLOP/s])

    i.e. the ratio of their watts per peak FP32 TFLOP/s (joules per 10¹² operations at full load).
    Why: CodeCarbon's load-based estimate charges a busy thread TDP / cores watts, and the thread's
    time per item is ∝ cores / peak FLOP/s, so energy per item ∝ TDP / peak, whatever the core count.
    The host (RAM) share of an IT figure is scaled with it. Dimensionless; 1 for the same profile."""
    if measured_on.kind != "cpu" or target.kind != "cpu":
        raise ValueError("cpu_energy_factor scales between CPU profiles only")
    return (target.tdp_w / target.peak_tflops_fp32) / (measured_on.tdp_w / measured_on.peak_tflops_fp32)


@dataclass(frozen=True)
class Provenance:
    """How a measured CPU figure was metered and on what, and the profile it is scaled to."""

    cpu: str
    """The CPU it was measured on, as its meter named it (``AMD EPYC``); empty when not said."""
    cores: int | None
    """Logical cores of the machine it was measured on; None when not said."""
    load_based: bool
    """CPU power estimated by CodeCarbon from TDP × CPU load, not read from a power counter."""
    profile: str
    """Id of the hardware profile the figure is stored under (whose TDP and peak stand for the machine)."""
    scaled_to: str = ""
    """Id of the profile the figure is scaled to; empty when used on its own profile."""
    scaled_to_name: str = ""
    factor: float = 1.0
    """``cpu_energy_factor(profile, scaled_to)``; 1 when not scaled."""


def machine_of(figure: EnergyFigure) -> tuple[str, int | None]:
    """(CPU name, logical cores) from a ``frugal bench`` figure's notes or source; ("", None) otherwise."""
    found = _MACHINE_IN_NOTES.search(figure.notes or "") or _MACHINE_IN_SOURCE.search(figure.source or "")
    return (found["cpu"].strip(), int(found["cores"])) if found else ("", None)


def provenance(figure: EnergyFigure, measured_on: Hardware, target: Hardware) -> Provenance | None:
    """The provenance of a CPU figure used on ``target`` (None for a figure on a GPU, or a published
    one not metered by frugal that says nothing of its machine)."""
    if measured_on.kind != "cpu":
        return None
    load_based = LOAD_BASED in (figure.notes or "")
    cpu, cores = machine_of(figure)
    scaled = target.kind == "cpu" and target.id != measured_on.id
    if not (load_based or cpu or scaled):
        return None
    if not scaled:
        return Provenance(cpu, cores, load_based, measured_on.id)
    return Provenance(cpu, cores, load_based, measured_on.id, target.id, target.name,
                      cpu_energy_factor(measured_on, target))
