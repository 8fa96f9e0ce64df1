"""Footprint of one option for one workload: energy, carbon and water, with provenance.

Methodology (design §4): a measured figure for the option on the workload's hardware class wins,
then a published one, then the estimator. Every figure is brought to the facility boundary
(accelerator → IT by adding the host's share; IT → facility × PUE). Carbon = facility energy ×
grid intensity; water = IT energy × on-site WUE + facility energy × off-site water intensity.
One-off setup (fit, fine-tune) and per-use energy are kept apart and summed for the volume.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from . import physics as estimator
from ..catalog import Catalog, Datacenter, EnergyFigure, Hardware, Model

from ..ranges import Range

GENERATIVE_ARCHITECTURES = ("decoder", "moe-decoder", "encoder-decoder")
LOCAL_BATCH = 16
"""Items per batch assumed for local runs when the user gives none (offline batch processing)."""
HOSTED_BATCH = Range(8, 32, 64)
"""Concurrent requests assumed on a hosted platform's accelerators (unknown: a range)."""
TOKEN_MISMATCH = 2.0
"""A figure applies only when its tokens per item and its batch size are within this factor of
the workload's (per-item energy moves several-fold with either)."""


@dataclass(frozen=True)
class Workload:
    """What the user will run and where: the inputs of every footprint."""

    task: str
    data_kind: str
    items: int
    """Items processed in use (the volume)."""
    tokens_in: int
    """Input tokens per item."""
    tokens_out: int
    """Tokens generated per item by a generative model."""
    train_items: int = 5000
    """Labelled examples used for a one-off fit or fine-tune."""
    epochs: float = 3.0
    """Passes over the training items for a fine-tune."""
    batch_size: int | None = None
    hardware: str | None = None
    """Hardware id for local options; None = each option's default."""
    grid: str = "FR"
    """Grid zone of local computation."""
    grid_intensity: float | None = None
    """g CO2e per kWh overriding the zone's figure for local computation."""


@dataclass(frozen=True)
class Basis:
    """Where one energy figure comes from and how it was brought to the facility boundary."""

    method: str
    """``measured``, ``published`` or ``estimated``."""
    source: str
    source_url: str
    hardware: str
    date: str = ""
    derivation: Callable[[], tuple[str, ...]] = field(default=tuple, repr=False, compare=False)
    """Makes the steps on demand (they are text for people, not needed to rank)."""

    @cached_property
    def steps(self) -> tuple[str, ...]:
        """How the figure was obtained, one formula per step."""
        return self.derivation()


@dataclass(frozen=True)
class Footprint:
    """Energy (Wh, facility boundary), carbon (g CO2e) and water (L) of one option."""

    model_id: str
    hardware: Hardware
    site: Datacenter
    zone: str
    carbon_g_per_kwh: float
    water_l_per_kwh: float | None
    use_wh_per_1k: Range | None
    use_basis: Basis | None
    setup_wh: Range | None
    setup_basis: Basis | None
    items: int

    @cached_property
    def use_wh(self) -> Range | None:
        return None if self.use_wh_per_1k is None else self.use_wh_per_1k * (self.items / 1000)

    @cached_property
    def total_wh(self) -> Range | None:
        if self.use_wh is None or self.setup_wh is None:
            return None
        return self.use_wh + self.setup_wh

    @cached_property
    def carbon_g(self) -> Range | None:
        total = self.total_wh
        return None if total is None else total * (self.carbon_g_per_kwh / 1000)

    @cached_property
    def water_l(self) -> Range | None:
        total = self.total_wh
        if total is None or self.water_l_per_kwh is None or self.site.wue_l_per_kwh is None:
            return None
        litres_per_facility_wh = (self.site.wue_l_per_kwh / self.site.pue + self.water_l_per_kwh) / 1000
        return total * litres_per_facility_wh


def site_of(model: Model, hardware: Hardware, catalog: Catalog) -> Datacenter:
    """Hosted options run in their provider's datacenter; local ones in an office (CPU) or the
    institute's machine room (GPU)."""
    if model.datacenter:
        return catalog.datacenters[model.datacenter]
    return catalog.datacenters["local-office" if hardware.kind == "cpu" else "local-datacenter"]


def hardware_for(model: Model, workload: Workload, catalog: Catalog) -> Hardware:
    if workload.hardware and not model.is_external:
        return catalog.hardware_profile(workload.hardware)
    return catalog.hardware[model.hardware]


def same_hardware_class(a: Hardware, b: Hardware) -> bool:
    """Figures carry over between CPUs, and between identical accelerators."""
    return (a.kind == b.kind == "cpu") or a.id == b.id


def _close(figure_value: float | None, workload_value: float | None) -> bool:
    """Whether a figure's setting (tokens, batch) is near the workload's; unknown matches."""
    if not figure_value or not workload_value:
        return True
    ratio = figure_value / workload_value
    return 1 / TOKEN_MISMATCH <= ratio <= TOKEN_MISMATCH


def batch_of(model: Model, workload: Workload) -> Range:
    """Items per batch: the user's, else the default for local runs, else a hosted range."""
    if model.is_external:
        return HOSTED_BATCH
    return Range.exact(workload.batch_size or LOCAL_BATCH)


def matching_figure(catalog: Catalog, model: Model, phase: str, workload: Workload,
                    hardware: Hardware) -> EnergyFigure | None:
    """The best figure for this option, phase, task and hardware class: measured first (this
    machine's own ``frugal bench`` measurements before shipped ones, then the same hardware id,
    then the newest), then published; None when no figure fits the workload."""
    figures = catalog.energy_of(model.id)
    if not figures:
        return None
    candidates = [
        e for e in figures
        if e.phase == phase and e.task == workload.task and e.data_kind == workload.data_kind
        and same_hardware_class(catalog.hardware[e.hardware], hardware)
        and _close(e.tokens_in, workload.tokens_in)
        and (phase != "inference" or _close(e.tokens_out, workload.tokens_out))
        and (phase != "inference" or not model.is_transformer or _close(e.batch_size, batch_of(model, workload).mid))
    ]
    if not candidates:
        return None
    return max(candidates, key=lambda e: (e.method == "measured", catalog.is_measured_here(e),
                                          e.hardware == hardware.id, e.date))


def _figure_to_facility(figure: EnergyFigure, site: Datacenter, catalog: Catalog) -> tuple[Range, tuple[str, ...]]:
    value = Range(figure.energy_wh_per_1k_low or figure.energy_wh_per_1k, figure.energy_wh_per_1k,
                  figure.energy_wh_per_1k_high or figure.energy_wh_per_1k)
    steps = [f"{figure.method} figure: {figure.energy_wh_per_1k:.4g} Wh per 1,000 items at the "
             f"{figure.boundary} boundary on {figure.hardware} ({figure.source})"]
    if figure.boundary == "facility":
        return value, tuple(steps)
    if figure.boundary == "accelerator":
        hw = catalog.hardware[figure.hardware]
        factors = estimator_factors(catalog)
        factor = estimator.accelerator_to_it(1.0, hw, factors)
        value = value * factor
        steps.append(f"accelerator → IT: × {factor:.3g} (host {estimator.host_watts(hw, factors):.3g} W per device "
                     f"beside the busy accelerator, {hw.tdp_w:g} W TDP)")
    value = value * site.pue
    steps.append(f"IT → facility: × PUE {site.pue:g} ({site.name}) = {value.mid:.4g} Wh per 1,000 items")
    return value, tuple(steps)


def _basis(figure: EnergyFigure, steps: tuple[str, ...]) -> Basis:
    return Basis(figure.method, figure.source, figure.source_url, figure.hardware, figure.date, lambda: steps)


def estimator_factors(catalog: Catalog) -> estimator.Factors:
    """The estimator's fitted factors stored with this catalog."""
    return estimator.load_factors(catalog.origin or None)


def estimator_spec(model: Model, workload: Workload, hardware: Hardware, phase: str = "inference") -> estimator.Spec:
    """The estimator's input for this option and workload."""
    total = model.params_total
    params_total = Range(model.params_total_low or total, total, model.params_total_high or total)
    active = model.params_active or total
    params_active = Range(model.params_active_low or active, active, model.params_active_high or active)
    batch = batch_of(model, workload)
    generative = model.architecture in GENERATIVE_ARCHITECTURES
    return estimator.Spec(
        params_total=params_total, params_active=params_active, architecture=model.architecture,
        tokens_in=workload.tokens_in, tokens_out=workload.tokens_out if generative and phase == "inference" else 0,
        hardware=hardware, batch_size=batch,
        precision=model.precision or ("fp32" if hardware.kind == "cpu" else "fp16"),
        phase=phase, epochs=workload.epochs, layers=model.layers, hidden_size=model.hidden_size,
    )


def _from_estimate(result: estimator.Estimate, site: Datacenter) -> tuple[Range, Basis]:
    facility = result.it_wh_per_1k * site.pue

    def steps() -> tuple[str, ...]:
        return result.steps + (
            f"IT → facility: ({result.accelerator_wh_per_1k.mid:.4g} + {result.host_wh_per_1k.mid:.4g}) Wh × "
            f"PUE {site.pue:g} = {facility.mid:.4g} Wh per 1,000 items",
        )
    return facility, Basis("estimated", result.factors.source, "", result.spec.hardware.id, "", steps)


def _energy_plan(catalog: Catalog, model: Model, phase: str, workload: Workload, hardware: Hardware,
                 site: Datacenter) -> tuple[Range, Basis] | estimator.Spec | None:
    """A figure brought to the facility boundary, else the spec to estimate, else None (unknown)."""
    figure = matching_figure(catalog, model, phase, workload, hardware)
    if figure is not None:
        value, steps = _figure_to_facility(figure, site, catalog)
        return value, _basis(figure, steps)
    if model.is_transformer and model.params_total:
        return estimator_spec(model, workload, hardware, phase)
    return None


def footprint(model: Model, workload: Workload, catalog: Catalog) -> Footprint:
    """Energy, carbon and water of ``model`` for ``workload``; unknown parts stay None."""
    return footprints([model], workload, catalog)[0]


def footprints(models: list[Model], workload: Workload, catalog: Catalog) -> list[Footprint]:
    """``footprint`` of many options at once: every estimate is made in one batch."""
    plans = []
    specs: list[estimator.Spec] = []
    for model in models:
        hardware = hardware_for(model, workload, catalog)
        site = site_of(model, hardware, catalog)
        use = _energy_plan(catalog, model, "inference", workload, hardware, site)
        if model.setup in ("fit", "fine-tune"):
            setup = _energy_plan(catalog, model, model.setup, workload, hardware, site)
        else:
            setup = (Range.exact(0.0), None)
        specs += [p for p in (use, setup) if isinstance(p, estimator.Spec)]
        plans.append((model, hardware, site, use, setup))
    estimates = iter(estimator.estimate_many(specs, estimator_factors(catalog)))
    local_zone = catalog.zone(workload.grid)
    results = []
    for model, hardware, site, use, setup in plans:
        # estimates come back in the order their specs were queued: use, then setup, model by model
        use, setup = (_from_estimate(next(estimates), site) if isinstance(p, estimator.Spec) else p
                      for p in (use, setup))
        if setup is not None and model.setup in ("fit", "fine-tune"):
            setup = (setup[0] * (workload.train_items / 1000), setup[1])
        if model.is_external:  # hosted platforms: their datacenter's grid, not the user's
            zone, intensity = catalog.grid[site.zone], catalog.grid[site.zone].carbon_g_per_kwh
        else:
            zone, intensity = local_zone, workload.grid_intensity or local_zone.carbon_g_per_kwh
        results.append(Footprint(
            model_id=model.id, hardware=hardware, site=site, zone=zone.zone,
            carbon_g_per_kwh=intensity, water_l_per_kwh=zone.water_l_per_kwh,
            use_wh_per_1k=use[0] if use else None, use_basis=use[1] if use else None,
            setup_wh=setup[0] if setup else None, setup_basis=setup[1] if setup else None,
            items=workload.items,
        ))
    return results
