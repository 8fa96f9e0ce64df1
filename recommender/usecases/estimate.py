"""``frugal estimate``'s library side: check a model spec, run the estimator, add the facility
boundary, carbon and water for the whole job (the same ``footprint.impacts`` as every footprint)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from ..catalog import PRECISIONS, Catalog
from ..errors import InvalidInput
from ..footprint import defaults, impacts
from ..footprint.estimator import Estimate, Spec, estimate as run_estimator
from ..footprint.factors import Factors, factors_of
from ..ranges import Range
from ..units import format_count

from ..catalog.schema import VISION_ARCHITECTURES

ARCHITECTURES = ("encoder", "decoder", "encoder-decoder", *VISION_ARCHITECTURES)
"""What ``--arch`` accepts (a mixture of experts is a decoder with ``--active-params``; ``cnn``,
``unet`` and ``vit`` are vision networks, costed by ``--gflops-per-item``)."""
VIT_PATCH = 16
"""Patch side, px, assumed for a ViT whose multiply-adds are derived from ``--resolution``."""
METHOD = ("estimated: roofline (FLOPs and bytes moved) + per-pass overhead, power × time for accelerator and "
          "host, × PUE (docs/methodology.md)")


@dataclass(frozen=True)
class EstimateRequest:
    """What the user asked, parsed: counts are ints, the others floats or catalog ids; None = the
    default (``footprint.defaults``)."""

    params: int
    architecture: str
    tokens_in: int | None
    """Required for a transformer; none for a vision network."""
    hardware: str
    active_params: int | None = None
    """Default ``params``."""
    task: str | None = None
    """Gives the default ``tokens_out`` of a generative architecture."""
    tokens_out: int | None = None
    gpus: int | None = None
    """Default: the fewest that hold the weights."""
    batch_size: int | None = None
    precision: str | None = None
    items: int = defaults.ESTIMATE_ITEMS
    pue: float | None = None
    """Default: the local site's."""
    grid: str | None = None
    """Grid zone for carbon and water; default ``GRID_ZONE``."""
    grid_intensity: float | None = None
    """g CO2e per kWh replacing the zone's carbon intensity (water stays the zone's)."""
    gflops_per_item: float | None = None
    """A vision network's forward multiply-adds per image, billions (torchvision's "GFLOPS")."""
    resolution: int | None = None
    """Image side, px: shown; for a ViT without ``gflops_per_item``, gives its tokens."""
    phase: str = "inference"
    """``inference``, or ``fit`` (training a vision network: 3 × forward FLOPs × epochs)."""
    epochs: float = 1.0


def vision_gflops(r: EstimateRequest) -> float:
    """Multiply-adds per image (G): ``--gflops-per-item``, else for a ViT parameters × tokens with
    tokens = (resolution / 16)² + 1; a CNN or U-Net needs ``--gflops-per-item``."""
    if r.gflops_per_item is not None:
        return r.gflops_per_item
    if r.architecture == "vit" and r.resolution:
        return r.params * ((r.resolution // VIT_PATCH) ** 2 + 1) / 1e9
    raise InvalidInput(f"--arch {r.architecture} needs --gflops-per-item (multiply-adds per image, billions, "
                       "as torchvision's tables give them: ResNet-50 = 4.09)" +
                       (" or, for a ViT, --resolution." if r.architecture == "vit" else "."))


@dataclass(frozen=True)
class EstimateResult:
    """Energy (Wh) per boundary for all items, carbon (g CO2e) and water (L) at the facility boundary."""

    inputs: dict
    energy_wh: dict[str, Range]
    """``accelerator``, ``host``, ``it``, ``facility``."""
    carbon_g: Range
    water_l: Range | None
    estimate: Estimate
    factors: Factors
    warnings: tuple[str, ...] = ()
    """What the user should know before reading the figures (the weights do not fit the memory)."""

    @property
    def calibration(self) -> dict:
        f = self.factors
        return {"source": f.source, "band_log10": f.band_log10,
                "factors": {n: getattr(f, n) for n in Factors.names()}}

    @cached_property
    def steps(self) -> tuple[str, ...]:
        """Every step of the mid values, the estimator's then the job's (made on demand)."""
        from ..footprint.explain import job_steps

        i, e = self.inputs, self.energy_wh
        intensity_from = "--grid-intensity" if i["grid"] is None else f"grid {i['water_zone']}"
        water = None if self.water_l is None else (i["wue_l_per_kwh"], i["water_l_per_kwh"], i["water_zone"],
                                                   self.water_l.mid)
        return self.estimate.steps + job_steps(
            items=i["items"], it_wh_per_1k=self.estimate.it_wh_per_1k.mid, it_wh=e["it"].mid, pue=i["pue"],
            facility_wh=e["facility"].mid, carbon=(i["grid_intensity_g_per_kwh"], intensity_from, self.carbon_g.mid),
            water=water)

    def as_dict(self, steps: bool = True) -> dict:
        data = {
            "inputs": self.inputs,
            "energy_wh": {k: v.as_dict() for k, v in self.energy_wh.items()},
            "carbon_g": self.carbon_g.as_dict(),
            "water_l": None if self.water_l is None else self.water_l.as_dict(),
            "method": METHOD,
            "calibration": self.calibration,
            "warnings": list(self.warnings),
        }
        if steps:
            data["steps"] = list(self.steps)
        return data


def _choice(value: str, choices: tuple[str, ...], what: str) -> str:
    if value not in choices:
        raise InvalidInput(f"{what} must be one of {', '.join(choices)}; got '{value}'.")
    return value


def _tokens_out(r: EstimateRequest, catalog: Catalog) -> int:
    task = catalog.task(r.task) if r.task else None
    if r.tokens_out is not None:
        if r.architecture == "encoder":
            raise InvalidInput("--tokens-out does not apply to an encoder (it generates no tokens); "
                               "use --arch decoder or encoder-decoder.")
        return r.tokens_out
    return (task.tokens_out or 0) if task and r.architecture != "encoder" else 0


def memory_warning(params: int, precision: str, hardware, devices: int) -> str | None:
    """The warning when the weights do not fit ``devices`` × the profile's memory: the arithmetic of
    ``recommend``'s ``does-not-fit-hardware`` rule (``defaults.weights_bytes``); None when they fit."""
    from ..guidance.rules import rule

    need_gb = defaults.weights_bytes(params, defaults.BYTES_PER_PARAM[precision]) / 1e9
    have_gb = hardware.memory_gb * devices
    if need_gb <= have_gb:
        return None
    per = f" ({devices} × {hardware.memory_gb:g} GB)" if devices > 1 else ""
    return (f"Warning: the weights need about {need_gb:.0f} GB at {precision} ({format_count(params)} params × "
            f"{defaults.BYTES_PER_PARAM[precision]:g} bytes × {defaults.MEMORY_HEADROOM:g} headroom); "
            f"{hardware.name} has {have_gb:g} GB{per}: the model does not fit, and recommend excludes such an "
            f"option ({rule('does-not-fit-hardware').code}). The figures below assume it ran.")


def estimate(request: EstimateRequest, catalog: Catalog) -> EstimateResult:
    """Check the request, estimate, and bring the result to every boundary for ``items`` items."""
    r = request
    _choice(r.architecture, ARCHITECTURES, "--arch")
    vision = r.architecture in VISION_ARCHITECTURES
    gmacs = vision_gflops(r) if vision else None
    if vision and (r.tokens_in or r.tokens_out or r.active_params):
        raise InvalidInput(f"--tokens-in, --tokens-out and --active-params do not apply to --arch {r.architecture} "
                           "(a vision network is costed by --gflops-per-item).")
    if not vision and (r.gflops_per_item is not None or r.resolution is not None or r.phase != "inference"):
        raise InvalidInput(f"--gflops-per-item, --resolution and --phase fit apply to --arch cnn, unet or vit; "
                           f"got --arch {r.architecture}.")
    if not vision and r.tokens_in is None:
        raise InvalidInput(f"--arch {r.architecture} needs --tokens-in (input tokens per item).")
    active = r.active_params if r.active_params is not None else r.params
    if active > r.params:
        raise InvalidInput(f"--active-params ({format_count(active)}) cannot exceed --params "
                           f"({format_count(r.params)}).")
    tokens_out = 0 if vision else _tokens_out(r, catalog)
    hardware = catalog.hardware_profile(r.hardware)
    precision = _choice(r.precision, PRECISIONS, "--precision") if r.precision else \
        defaults.precision_for(None, hardware)
    batch = r.batch_size if r.batch_size is not None else defaults.LOCAL_BATCH
    if r.gpus is not None and hardware.kind == "cpu" and r.gpus != 1:
        raise InvalidInput(f"--gpus does not apply to the CPU profile '{hardware.id}'; got '{r.gpus}'.")
    site = catalog.datacenters[defaults.local_site_id(hardware)]
    pue = r.pue if r.pue is not None else site.pue
    if pue < 1:
        raise InvalidInput(f"--pue must be at least 1 (facility energy ≥ IT energy); got '{pue:g}'.")
    zone = catalog.zone(r.grid or defaults.GRID_ZONE)
    intensity = r.grid_intensity if r.grid_intensity is not None else zone.carbon_g_per_kwh

    factors = factors_of(catalog)
    spec = Spec(params_total=Range.exact(r.params), params_active=Range.exact(active), architecture=r.architecture,
                tokens_in=r.tokens_in or 0, tokens_out=tokens_out, hardware=hardware, batch_size=Range.exact(batch),
                precision=precision, gpus=r.gpus, gflops_per_item=None if gmacs is None else Range.exact(gmacs),
                resolution=f"{r.resolution}x{r.resolution}" if r.resolution else "",
                phase="fine-tune" if r.phase == "fit" else "inference", epochs=r.epochs)
    est = run_estimator(spec, factors)
    scale = r.items / 1000
    accelerator, host = est.accelerator_wh_per_1k * scale, est.host_wh_per_1k * scale
    it = accelerator + host
    facility = it * pue
    inputs = {
        "params": r.params, "active_params": active, "arch": r.architecture, "task": r.task,
        "tokens_in": r.tokens_in or 0, "tokens_out": tokens_out, "gflops_per_item": gmacs,
        "flops_per_item": None if gmacs is None else 2e9 * gmacs, "resolution": r.resolution,
        "phase": r.phase, "epochs": r.epochs if r.phase == "fit" else None, "hardware": hardware.id, "gpus": est.gpus,
        "gpus_chosen": r.gpus is None, "batch_size": batch, "precision": precision, "items": r.items, "pue": pue,
        "grid": None if r.grid_intensity is not None else zone.zone, "grid_intensity_g_per_kwh": intensity,
        "water_zone": zone.zone, "water_l_per_kwh": zone.water_l_per_kwh, "wue_l_per_kwh": site.wue_l_per_kwh,
        "site": site.id,
    }
    return EstimateResult(
        inputs, {"accelerator": accelerator, "host": host, "it": it, "facility": facility},
        impacts.carbon_g(facility, intensity),
        impacts.water_l(facility, pue=pue, wue_l_per_kwh=site.wue_l_per_kwh,
                        grid_water_l_per_kwh=zone.water_l_per_kwh),
        est, factors, tuple(w for w in (memory_warning(r.params, precision, hardware, est.gpus),) if w))
