"""``frugal estimate``'s library side: validate a model spec, run the estimator, add the facility
boundary, carbon and water for the whole job."""

from __future__ import annotations

from dataclasses import dataclass

from ..footprint import physics as estimator
from ..catalog import PRECISIONS, Catalog
from ..errors import InvalidInput
from ..ranges import Range
from ..units import parse_count, parse_positive_float

ARCHITECTURES = ("encoder", "decoder", "encoder-decoder")
DEFAULT_BATCH = 16
"""Items per batch when none is given (offline batch processing, as ``frugal recommend`` assumes)."""


@dataclass(frozen=True)
class Request:
    """What the user asked, as given (strings are parsed and checked by ``run``)."""

    params: str
    architecture: str
    tokens_in: str
    hardware: str
    active_params: str | None = None
    task: str | None = None
    tokens_out: str | None = None
    gpus: str | None = None
    batch_size: str | None = None
    precision: str | None = None
    items: str = "1000"
    pue: str | None = None
    grid: str | None = None
    grid_intensity: str | None = None


@dataclass(frozen=True)
class Result:
    """Energy (Wh) per boundary for all items, carbon (g CO2e) and water (L) at the facility boundary."""

    inputs: dict
    energy_wh: dict[str, Range]
    """``accelerator``, ``host``, ``it``, ``facility``."""
    carbon_g: Range
    water_l: Range | None
    steps: tuple[str, ...]
    factors: estimator.Factors
    calibration: dict

    def as_dict(self) -> dict:
        return {
            "inputs": self.inputs,
            "energy_wh": {k: v.as_dict() for k, v in self.energy_wh.items()},
            "carbon_g": self.carbon_g.as_dict(),
            "water_l": None if self.water_l is None else self.water_l.as_dict(),
            "method": "estimated: roofline (FLOPs and bytes moved) + per-pass overhead, power × time for "
                      "accelerator and host, × PUE (docs/methodology.md)",
            "calibration": self.calibration,
            "steps": list(self.steps),
        }


def _choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise InvalidInput(f"{what} must be one of {', '.join(choices)}; got '{value}'.")
    return value


def run(request: Request, catalog: Catalog) -> Result:
    """Check the request, estimate, and bring the result to every boundary for ``items`` items."""
    r = request
    params = parse_count(r.params, "--params")
    active = parse_count(r.active_params, "--active-params") if r.active_params is not None else params
    if active > params:
        raise InvalidInput(f"--active-params ({r.active_params}) cannot exceed --params ({r.params}).")
    arch = _choice(r.architecture, ARCHITECTURES, "--arch")
    tokens_in = parse_count(r.tokens_in, "--tokens-in")
    task = catalog.task(r.task) if r.task else None
    if r.tokens_out is not None:
        if arch == "encoder":
            raise InvalidInput("--tokens-out does not apply to an encoder (it generates no tokens); "
                               "use --arch decoder or encoder-decoder.")
        tokens_out = parse_count(r.tokens_out, "--tokens-out")
    else:
        tokens_out = (task.tokens_out or 0) if task and arch != "encoder" else 0
    hardware = catalog.hardware_profile(r.hardware)
    precision = _choice(r.precision, PRECISIONS, "--precision") if r.precision else \
        ("fp32" if hardware.kind == "cpu" else "fp16")
    batch = parse_count(r.batch_size, "--batch-size") if r.batch_size is not None else DEFAULT_BATCH
    items = parse_count(r.items, "--items")
    gpus = parse_count(r.gpus, "--gpus") if r.gpus is not None else None
    if gpus is not None and hardware.kind == "cpu" and gpus != 1:
        raise InvalidInput(f"--gpus does not apply to the CPU profile '{hardware.id}'; got '{r.gpus}'.")
    if r.grid and r.grid_intensity:
        raise InvalidInput("give --grid or --grid-intensity, not both.")
    site = catalog.datacenters["local-office" if hardware.kind == "cpu" else "local-datacenter"]
    pue = parse_positive_float(r.pue, "--pue") if r.pue is not None else site.pue
    if pue < 1:
        raise InvalidInput(f"--pue must be at least 1 (facility energy ≥ IT energy); got '{r.pue}'.")
    zone = catalog.zone(r.grid or "FR")
    intensity = parse_positive_float(r.grid_intensity, "--grid-intensity") if r.grid_intensity else \
        zone.carbon_g_per_kwh

    factors = estimator.load_factors(catalog.origin or None)
    spec = estimator.Spec(
        params_total=Range.exact(params), params_active=Range.exact(active), architecture=arch,
        tokens_in=tokens_in, tokens_out=tokens_out, hardware=hardware, batch_size=Range.exact(batch),
        precision=precision, gpus=gpus,
    )
    est = estimator.estimate(spec, factors)
    scale = items / 1000
    accelerator, host = est.accelerator_wh_per_1k * scale, est.host_wh_per_1k * scale
    it = accelerator + host
    facility = it * pue
    carbon = facility * (intensity / 1000)
    water = None
    if not r.grid_intensity and zone.water_l_per_kwh is not None and site.wue_l_per_kwh is not None:
        water = it * (site.wue_l_per_kwh / 1000) + facility * (zone.water_l_per_kwh / 1000)
    steps = est.steps + (
        f"for {items:g} items: IT = {est.it_wh_per_1k.mid:.4g} Wh per 1,000 × {items:g} / 1000 = {it.mid:.4g} Wh; "
        f"facility = IT × PUE {pue:g} = {facility.mid:.4g} Wh",
        f"carbon = {facility.mid:.4g} Wh × {intensity:g} g/kWh / 1000 = {carbon.mid:.4g} g CO2e",
    )
    if water is not None:
        steps += (f"water = {it.mid:.4g} Wh × WUE {site.wue_l_per_kwh:g} L/kWh / 1000 + {facility.mid:.4g} Wh × "
                  f"{zone.water_l_per_kwh:g} L/kWh / 1000 = {water.mid:.4g} L",)
    inputs = {
        "params": params, "active_params": active, "arch": arch, "task": r.task, "tokens_in": tokens_in,
        "tokens_out": tokens_out, "hardware": hardware.id, "gpus": est.gpus, "gpus_chosen": gpus is None,
        "batch_size": batch, "precision": precision, "items": items, "pue": pue,
        "grid": None if r.grid_intensity else zone.zone, "grid_intensity_g_per_kwh": intensity,
        "wue_l_per_kwh": site.wue_l_per_kwh, "site": site.id,
    }
    calibration = {"source": factors.source, "band_log10": factors.band_log10,
                   "factors": {n: getattr(factors, n) for n in estimator.Factors.names()}}
    return Result(inputs, {"accelerator": accelerator, "host": host, "it": it, "facility": facility},
                  carbon, water, steps, factors, calibration)
