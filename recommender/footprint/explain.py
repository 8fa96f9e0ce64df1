"""The explanations (``--explain``, ``Basis.steps``): each step a formula with its numbers.

Every number shown is read from the computation's own values (``physics.Intermediates`` of one
row, a figure's conversion, a job's totals); nothing here computes a quantity again, so an
explanation cannot drift from the result it explains. Only units are converted for display
(B/s → GB/s, FLOP/s → TFLOP/s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .physics import J_PER_WH

if TYPE_CHECKING:
    from ..catalog import Datacenter, EnergyFigure, Hardware
    from ..ranges import Range
    from .physics import Intermediates


def _g(x: float) -> str:
    return f"{x:.4g}"


def estimator_steps(v: Intermediates, *, hardware: Hardware, precision: str, architecture: str) -> tuple[str, ...]:
    """The estimate of one row (``Intermediates.at``), step by step."""
    x, f = v.inputs, v.factors
    g = int(v.devices)
    n, b = _g(v.params_active_per_pass), _g(x.batch)
    half = " (encoder-decoder: half the parameters per pass)" if architecture == "encoder-decoder" else ""
    steps = [
        f"devices: {g} × {hardware.name} ({precision}, {x.bytes_per_param:g} bytes/parameter; weights "
        f"{_g(v.weight_bytes / 1e9)} GB{half})",
        f"compute rate = {_g(x.peak_flop_s / 1e12)} TFLOP/s × {g} × compute efficiency {_g(f.compute_efficiency)} "
        f"= {_g(v.compute_rate_flop_s / 1e12)} TFLOP/s",
        f"memory rate = {_g(x.memory_bandwidth_gb_s)} GB/s × {g} × memory efficiency {_g(f.memory_efficiency)} "
        f"= {_g(v.memory_rate_b_s / 1e9)} GB/s",
    ]
    rate, weights = f"{_g(v.compute_rate_flop_s)} FLOP/s", f"{_g(v.weight_bytes)} bytes / {_g(v.memory_rate_b_s)} B/s"
    flops = x.flops_per_item
    if flops is not None and flops == flops:  # a vision network: its published forward cost per image
        steps.append(f"forward FLOPs per image = 2 × {_g(flops / 2e9)} G multiply-adds (torchvision's convention) "
                     f"= {_g(v.forward_flops)} FLOPs")
        if x.fine_tune:
            steps.append(f"training time per image = {_g(x.epochs)} epochs × 3 × {_g(v.forward_flops)} FLOPs "
                         f"(forward and backward) / {rate} = {_g(v.training_s)} s")
        else:
            steps += [f"one pass per batch = max({b} × {_g(v.forward_flops)} FLOPs / {rate}, {weights}) "
                      f"= {_g(v.prefill_s)} s",
                      f"roofline time per image = {_g(v.prefill_s)} s / batch {b} = {_g(v.roofline_s)} s"]
    elif x.fine_tune:
        work = f"6 × {n} params × {_g(x.tokens_in)} tokens"
        if v.attention_flops:
            work = f"(6 × {n} params × {_g(x.tokens_in)} tokens + 3 × {_g(v.attention_flops)} attention FLOPs)"
        steps.append(f"training time per item = {_g(x.epochs)} epochs × {work} / {rate} = {_g(v.training_s)} s")
    else:
        work = f"{b} × 2 × {n} params × {_g(x.tokens_in)} tokens"
        if v.attention_flops:
            work = f"{b} × (2 × {n} params × {_g(x.tokens_in)} tokens + {_g(v.attention_flops)} attention FLOPs)"
        steps += [
            f"prefill per batch = max({work} / {rate}, {weights}) = {_g(v.prefill_s)} s",
            f"decode step per batch = max({b} × 2 × {n} / {_g(v.compute_rate_flop_s)}, {_g(v.weight_bytes)} / "
            f"{_g(v.memory_rate_b_s)}) = {_g(v.decode_step_s)} s",
            f"roofline time per item = ({_g(v.prefill_s)} + {_g(x.tokens_out)} tokens out × {_g(v.decode_step_s)}) "
            f"s / batch {b} = {_g(v.roofline_s)} s",
        ]
    idle_from = "idle_w" if hardware.idle_w is not None else f"{_g(f.idle_power_fraction)} × TDP {_g(x.tdp_w)} W"
    idle_devices = (f" + {x.idle_devices:g} idle devices × {_g(v.idle_w)} W × {_g(v.time_s)} s"
                    if x.idle_devices else "")
    host_devices = f"({g} + {x.idle_devices:g} idle)" if x.idle_devices else f"{g}"
    steps += [
        f"overhead per pass = {_g(f.overhead_s_per_pass)} s × ({n} / 1e9)^{_g(f.overhead_exponent)} "
        f"= {_g(v.pass_overhead_s)} s",
        f"overhead time per item = {_g(v.passes)} passes × {_g(v.pass_overhead_s)} s / batch {b} "
        f"= {_g(v.overhead_s)} s",
        f"idle power = {idle_from} = {_g(v.idle_w)} W per device",
        f"accelerator per item = {g} × ({_g(v.idle_w)} W × {_g(v.time_s)} s + ({_g(x.tdp_w)} − {_g(v.idle_w)}) "
        f"W × ({_g(f.busy_power_fraction)} × {_g(v.roofline_s)} s + {_g(f.overhead_power_fraction)} × "
        f"{_g(v.overhead_s)} s)){idle_devices} = {_g(v.accelerator_j)} J",
        f"host per item = {_g(f.host_power_factor)} × {_g(x.host_w)} W × {host_devices} × {_g(v.time_s)} s "
        f"= {_g(v.host_j)} J",
        f"per 1,000 items: accelerator {_g(v.accelerator_wh_per_1k)} Wh, host {_g(v.host_wh_per_1k)} Wh, "
        f"IT {_g(v.it_wh_per_1k)} Wh (J × 1000 / {J_PER_WH:g})",
        f"range: low = mid / 10^{_g(f.band_log10)}, high = mid × 10^{_g(f.band_log10)} (fit error band), "
        f"with the favourable / unfavourable ends of uncertain inputs",
    ]
    return tuple(steps)


def facility_step(accelerator_wh: float, host_wh: float, pue: float, facility_wh: float) -> str:
    """An estimate brought from IT to the facility boundary (Wh per 1,000 items)."""
    return (f"IT → facility: ({_g(accelerator_wh)} + {_g(host_wh)}) Wh × PUE {pue:g} = {_g(facility_wh)} Wh "
            f"per 1,000 items")


def figure_steps(figure: EnergyFigure, site: Datacenter, facility: Range, *, it_factor: float | None = None,
                 hardware: Hardware | None = None, host_w: float | None = None) -> tuple[str, ...]:
    """A catalog figure brought to the facility boundary: the figure, the host's share added to an
    accelerator-only figure (``it_factor``, with the profile's ``hardware`` and ``host_w``), × PUE."""
    steps = [f"{figure.method} figure: {figure.energy_wh_per_1k:.4g} Wh per 1,000 items at the "
             f"{figure.boundary} boundary on {figure.hardware} ({figure.source})"]
    if figure.boundary == "facility":
        return tuple(steps)
    if it_factor is not None:
        steps.append(f"accelerator → IT: × {it_factor:.3g} (host {host_w:.3g} W per device beside the busy "
                     f"accelerator, {hardware.tdp_w:g} W TDP)")
    steps.append(f"IT → facility: × PUE {site.pue:g} ({site.name}) = {facility.mid:.4g} Wh per 1,000 items")
    return tuple(steps)


def job_steps(*, items: int, it_wh_per_1k: float, it_wh: float, pue: float, facility_wh: float,
              carbon: tuple[float, str, float], water: tuple[float, float, str, float] | None) -> tuple[str, ...]:
    """A whole job of ``frugal estimate`` (mid values): items, facility, then carbon = (g CO2e per
    kWh, where it comes from, g) and water = (WUE L/kWh, off-site L/kWh, zone, L) or None."""
    intensity, intensity_from, carbon_g = carbon
    steps = [
        f"for {items:g} items: IT = {it_wh_per_1k:.4g} Wh per 1,000 × {items:g} / 1000 = {it_wh:.4g} Wh; "
        f"facility = IT × PUE {pue:g} = {facility_wh:.4g} Wh",
        f"carbon = {facility_wh:.4g} Wh × {intensity:g} g/kWh ({intensity_from}) / 1000 = {carbon_g:.4g} g CO2e",
    ]
    if water is not None:
        wue, off_site, zone, litres = water
        steps.append(f"water = {facility_wh:.4g} Wh × (WUE {wue:g} L/kWh / PUE {pue:g} + {off_site:g} L/kWh "
                     f"off-site, grid {zone}) / 1000 = {litres:.4g} L")
    return tuple(steps)
