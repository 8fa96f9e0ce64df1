"""Catalog figures: which measured or published figure applies to an option, and bringing it to
the facility boundary (docs/methodology.md §1–2)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..ranges import Range
from .cpu_scaling import Provenance, provenance
from .defaults import FIGURE_MATCH_FACTOR, batch_for
from .explain import figure_steps
from .physics import accelerator_to_it, host_watts

if TYPE_CHECKING:
    from ..catalog import Catalog, Datacenter, EnergyFigure, Hardware, Model
    from . import Workload
    from .factors import Factors


def same_hardware_class(a: Hardware, b: Hardware) -> bool:
    """Figures carry over between CPUs (scaled by ``cpu_scaling.cpu_energy_factor``), and between
    identical accelerators."""
    return (a.kind == b.kind == "cpu") or a.id == b.id


def close_enough(figure_value: float | None, workload_value: float | None) -> bool:
    """Whether a figure's setting (tokens, batch) is within ``FIGURE_MATCH_FACTOR`` of the
    workload's; unknown matches."""
    if not figure_value or not workload_value:
        return True
    ratio = figure_value / workload_value
    return 1 / FIGURE_MATCH_FACTOR <= ratio <= FIGURE_MATCH_FACTOR


def matching_figure(catalog: Catalog, model: Model, phase: str, workload: Workload,
                    hardware: Hardware) -> EnergyFigure | None:
    """The best figure for this option, phase, task and hardware class: measured first (this
    machine's own ``frugal bench`` measurements before shipped ones, then the same hardware id,
    then the newest), then published; None when no figure fits the workload."""
    figures = catalog.energy_of(model.id)
    if not figures:
        return None
    inference = phase == "inference"
    candidates = [
        e for e in figures
        if e.phase == phase and e.task == workload.task and e.data_kind == workload.data_kind
        and same_hardware_class(catalog.hardware[e.hardware], hardware)
        and close_enough(e.tokens_in, workload.tokens_in)
        and (not inference or close_enough(e.tokens_out, workload.tokens_out))
        and (not inference or not model.is_transformer
             or close_enough(e.batch_size, batch_for(model, workload.batch_size).mid))
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.method == "measured", catalog.is_measured_here(e),
                                          e.hardware == hardware.id, e.date))


def figure_to_facility(figure: EnergyFigure, site: Datacenter, catalog: Catalog,
                       factors: Factors, target: Hardware | None = None) -> tuple[Range, tuple[str, ...]]:
    """The figure as a range at the facility boundary, Wh per 1,000 items, with its steps: a CPU
    figure used on another CPU profile (``target``) scaled by ``cpu_energy_factor``, an
    accelerator-only figure given the host's share (``accelerator_to_it``), an IT one × PUE."""
    value = Range(figure.energy_wh_per_1k_low or figure.energy_wh_per_1k, figure.energy_wh_per_1k,
                  figure.energy_wh_per_1k_high or figure.energy_wh_per_1k)
    scaled = _cpu_scaling(figure, catalog, target)
    if scaled is not None:
        value = value * scaled.factor
    if figure.boundary == "facility":
        return value, _with_scaling(figure_steps(figure, site, value), figure, scaled, catalog)
    it_factor = host_w = hardware = None
    if figure.boundary == "accelerator":
        hardware = catalog.hardware[figure.hardware]
        it_factor = accelerator_to_it(1.0, hardware, factors)
        host_w = host_watts(hardware, factors)
        value = value * it_factor
    value = value * site.pue
    steps = figure_steps(figure, site, value, it_factor=it_factor, hardware=hardware, host_w=host_w)
    return value, _with_scaling(steps, figure, scaled, catalog)


def figure_provenance(figure: EnergyFigure, catalog: Catalog, target: Hardware) -> Provenance | None:
    """How a CPU figure was metered and on what, and the CPU profile it is scaled to (None for a
    GPU figure)."""
    return provenance(figure, catalog.hardware[figure.hardware], target)


def _cpu_scaling(figure: EnergyFigure, catalog: Catalog, target: Hardware | None) -> Provenance | None:
    """The provenance of a CPU figure used on another CPU profile; None when it is not scaled."""
    if target is None:
        return None
    p = figure_provenance(figure, catalog, target)
    return p if p is not None and p.scaled_to else None


def _with_scaling(steps: tuple[str, ...], figure: EnergyFigure, p: Provenance | None,
                  catalog: Catalog) -> tuple[str, ...]:
    """The figure's steps with the CPU scaling said after the figure itself."""
    if p is None:
        return steps
    source, target = catalog.hardware[p.profile], catalog.hardware[p.scaled_to]
    step = (f"{source.id} → {target.id}: × {p.factor:.4g} = ({target.tdp_w:g} W / {target.peak_tflops_fp32:g} "
            f"TFLOP/s) / ({source.tdp_w:g} W / {source.peak_tflops_fp32:g} TFLOP/s), the profiles' watts per peak "
            f"FP32 TFLOP/s; {figure.energy_wh_per_1k:.4g} × {p.factor:.4g} = "
            f"{figure.energy_wh_per_1k * p.factor:.4g} Wh per 1,000 items on {target.id}")
    return (steps[0], step, *steps[1:])
