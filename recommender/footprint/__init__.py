"""Footprint of options for one workload: energy, carbon and water, with provenance.

Methodology (design §4): a measured figure for the option on the workload's hardware class wins,
then a published one, then the estimator (``figures``, ``physics``). Every figure is brought to
the facility boundary (accelerator → IT by adding the host's share; IT → facility × PUE). Carbon
and water come from facility energy (``impacts``). One-off setup (fit, fine-tune) and per-use
energy are kept apart and summed for the volume.

``footprint_columns`` computes the footprints of many options as numpy arrays, with one vector
estimate for all the estimated ones; a ``Footprint`` record (with its ``Basis`` and explanation) is
made only for the rows asked for. ``footprints`` is that, one record per option.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from ..catalog import Catalog, Datacenter, Hardware, Model
from ..ranges import Range
from . import impacts
from .defaults import EPOCHS, GRID_ZONE, TRAIN_ITEMS
from .factors import Factors, factors_of
from .cpu_scaling import Provenance
from .figures import figure_provenance, figure_to_facility, matching_figure
from .gather import PROFILE_NUMBERS, SETUP_PHASES, Profile, estimator_inputs, gather, hardware_for
from .physics import MID, Intermediates, derive
from .vision import is_vision

if TYPE_CHECKING:
    from numpy import ndarray

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
    train_items: int = TRAIN_ITEMS
    """Labelled examples used for a one-off fit or fine-tune."""
    epochs: float = EPOCHS
    """Passes over the training items for a fine-tune."""
    batch_size: int | None = None
    hardware: str | None = None
    """Hardware id for local options; None = each option's default."""
    grid: str = GRID_ZONE
    """Grid zone of local computation (carbon, unless ``grid_intensity``; water)."""
    grid_intensity: float | None = None
    """g CO2e per kWh overriding the zone's carbon figure for local computation (not its water)."""


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
    provenance: Provenance | None = None
    """A CPU figure's meter and machine, and the CPU profile it is scaled to (``cpu_scaling``)."""

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
    use_device_s_per_1k: Range | None = None
    """Device-seconds the estimator's use takes per 1,000 items (time × devices); None for a catalog figure."""
    setup_device_s: Range | None = None
    """Device-seconds of the estimated one-off setup; None for a catalog figure or no setup."""

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
        return None if self.total_wh is None else impacts.carbon_g(self.total_wh, self.carbon_g_per_kwh)

    @cached_property
    def water_l(self) -> Range | None:
        if self.total_wh is None:
            return None
        return impacts.water_l(self.total_wh, pue=self.site.pue, wue_l_per_kwh=self.site.wue_l_per_kwh,
                               grid_water_l_per_kwh=self.water_l_per_kwh)


@dataclass(frozen=True, eq=False)
class FootprintColumns:
    """Footprints of many options as numpy arrays, row i ↔ models[i]; NaN = unknown."""

    models: tuple[Model, ...]
    use_wh_per_1k: tuple[ndarray, ndarray, ndarray]
    """(low, mid, high) Wh per 1,000 items in use, facility boundary."""
    setup_wh: tuple[ndarray, ndarray, ndarray]
    """One-off setup for the volume, Wh; 0 when none."""
    total_wh: tuple[ndarray, ndarray, ndarray]
    """Setup + use × items / 1000, Wh; NaN when either is unknown."""
    items: int
    factors: Factors = field(repr=False)
    profiles: tuple[Profile, ...] = field(repr=False)
    profile_of: ndarray = field(repr=False)
    """Row -> index in ``profiles``."""
    estimates: Intermediates | None = field(repr=False)
    """The one estimate of every estimated row (use rows first, then setup rows)."""
    estimated_facility_wh_per_1k: ndarray | None = field(repr=False)
    """(3, estimates) facility Wh per 1,000 items of each estimate."""
    estimate_of: dict[str, ndarray] = field(repr=False)
    """``use`` / ``setup`` -> per row, its column in ``estimates``, or -1."""
    figure_bases: dict[tuple[str, int], Basis] = field(repr=False)
    """(``use`` / ``setup``, row) -> the basis of a catalog figure."""

    def __len__(self) -> int:
        return len(self.models)

    def footprint(self, i: int) -> Footprint:
        """The ``Footprint`` of ``models[i]`` (with its basis; steps made when read)."""
        p = self.profiles[self.profile_of[i]]
        use, setup = _range_at(self.use_wh_per_1k, i), _range_at(self.setup_wh, i)
        return Footprint(
            model_id=self.models[i].id, hardware=p.hardware, site=p.site, zone=p.zone.zone,
            carbon_g_per_kwh=p.carbon_g_per_kwh, water_l_per_kwh=p.zone.water_l_per_kwh,
            use_wh_per_1k=use, use_basis=None if use is None else self._basis("use", i, p),
            setup_wh=setup, setup_basis=None if setup is None else self._basis("setup", i, p), items=self.items,
            use_device_s_per_1k=self._device_s("use", i, use), setup_device_s=self._device_s("setup", i, setup))

    def _device_s(self, part: str, i: int, wh: Range | None) -> Range | None:
        """Device-seconds of an estimated figure: its Wh × the estimate's device-seconds per facility Wh."""
        column = int(self.estimate_of[part][i])
        if column < 0 or wh is None or self.estimates is None:
            return None
        import numpy as np

        e, facility = self.estimates, self.estimated_facility_wh_per_1k[:, column]
        seconds = np.broadcast_to(e.seconds_per_1k, self.estimated_facility_wh_per_1k.shape)[:, column]
        devices = np.asarray(e.devices, dtype=float)
        per_wh = seconds * float(devices[column] if devices.ndim == 1 else devices[MID, column]) / facility
        return Range(*sorted((wh.low * float(per_wh[0]), wh.mid * float(per_wh[1]), wh.high * float(per_wh[2]))))

    def _basis(self, part: str, i: int, p: Profile) -> Basis | None:
        column = int(self.estimate_of[part][i])
        if column < 0:
            return self.figure_bases.get((part, i))
        values, facility = self.estimates, float(self.estimated_facility_wh_per_1k[MID, column])

        def steps() -> tuple[str, ...]:
            from .explain import estimator_steps, facility_step

            v = values.at(MID, column)
            return estimator_steps(v, hardware=p.hardware, precision=p.precision, architecture=p.architecture) + (
                facility_step(v.accelerator_wh_per_1k, v.host_wh_per_1k, p.site.pue, facility),)
        return Basis("estimated", self.factors.source, "", p.hardware.id, "", steps)

    def _per_row(self, index: int) -> ndarray:
        import numpy as np

        return np.array([p.numbers[index] for p in self.profiles], dtype=float)[self.profile_of]

    @cached_property
    def carbon_g(self) -> tuple[ndarray, ndarray, ndarray]:
        """(low, mid, high) g CO2e of the total (``impacts.carbon_g``)."""
        intensity = self._per_row(PROFILE_NUMBERS.index("carbon"))
        return tuple(impacts.carbon_g(t, intensity) for t in self.total_wh)

    @cached_property
    def water_l(self) -> tuple[ndarray, ndarray, ndarray]:
        """(low, mid, high) litres of the total (``impacts.water_l``); NaN when unknown."""
        pue, wue, water = (self._per_row(PROFILE_NUMBERS.index(n)) for n in ("pue", "wue", "water"))
        return tuple(impacts.water_l(t, pue=pue, wue_l_per_kwh=wue, grid_water_l_per_kwh=water)
                     for t in self.total_wh)


def _range_at(ends: tuple[ndarray, ndarray, ndarray], i: int) -> Range | None:
    low, mid, high = (float(e[i]) for e in ends)
    return None if mid != mid else Range(low, mid, high)


def footprint_columns(models: Sequence[Model], workload: Workload, catalog: Catalog, *,
                      rows: Sequence[int] | None = None) -> FootprintColumns:
    """The footprints of ``models`` as arrays: options with a matching catalog figure one by one,
    every estimated use and setup in one vector estimate (``physics.derive``). ``rows``: the models'
    positions in ``catalog.models``, when they are the catalog's (their cells are then read from its
    columns)."""
    import numpy as np

    models = tuple(models)
    n = len(models)
    g = gather(models, workload, catalog, rows)
    factors = factors_of(catalog)
    use = np.full((3, n), np.nan)
    setup = np.where(g.at["setup"] == 1, np.nan, 0.0) * np.ones((3, 1))  # unknown until found; 0 = no setup
    train_scale = workload.train_items / 1000
    from_figure = {"use": np.zeros(n, dtype=bool), "setup": np.zeros(n, dtype=bool)}
    figure_bases: dict[tuple[str, int], Basis] = {}
    for i in g.figure_rows:
        model, p = models[i], g.profiles[g.profile_of[i]]
        for part, phase in (("use", "inference"), ("setup", model.setup)):
            figure = matching_figure(catalog, model, phase, workload, p.hardware) if (
                part == "use" or phase in SETUP_PHASES) else None
            if figure is not None:
                value, steps = figure_to_facility(figure, p.site, catalog, factors, p.hardware)
                if part == "setup" and figure.epochs and is_vision(model.architecture):
                    value, steps = _per_epochs(value, steps, figure.epochs, workload.epochs)
                value = value if part == "use" else value * train_scale
                (use if part == "use" else setup)[:, i] = (value.low, value.mid, value.high)
                from_figure[part][i] = True
                figure_bases[part, i] = Basis(figure.method, figure.source, figure.source_url, figure.hardware,
                                              figure.date, lambda steps=steps: steps,
                                              figure_provenance(figure, catalog, p.hardware))
    use_rows = np.flatnonzero(g.estimable & ~from_figure["use"])
    setup_rows = np.flatnonzero(g.estimable & (g.at["setup"] == 1) & ~from_figure["setup"])
    estimated = np.concatenate([use_rows, setup_rows])
    in_setup = np.arange(len(estimated)) >= len(use_rows)
    estimates = facility = None
    if len(estimated):
        estimates = derive(estimator_inputs(g, estimated, in_setup, workload), factors)
        facility = estimates.it_wh_per_1k * g.at["pue"][estimated]
        use[:, use_rows] = facility[:, ~in_setup]
        setup[:, setup_rows] = facility[:, in_setup] * train_scale
    estimate_of = {part: np.full(n, -1, dtype=np.intp) for part in ("use", "setup")}
    estimate_of["use"][use_rows] = np.arange(len(use_rows))
    estimate_of["setup"][setup_rows] = len(use_rows) + np.arange(len(setup_rows))
    return FootprintColumns(
        models=models, use_wh_per_1k=tuple(use), setup_wh=tuple(setup),
        total_wh=tuple(use * (workload.items / 1000) + setup), items=workload.items, factors=factors,
        profiles=g.profiles, profile_of=g.profile_of, estimates=estimates, estimated_facility_wh_per_1k=facility,
        estimate_of=estimate_of, figure_bases=figure_bases)


def _per_epochs(value: Range, steps: tuple[str, ...], figure_epochs: float,
                epochs: float) -> tuple[Range, tuple[str, ...]]:
    """A vision network's training figure over ``figure_epochs`` scaled to the workload's ``epochs``."""
    return value * (epochs / figure_epochs), steps + (
        f"× {epochs:g} / {figure_epochs:g} epochs (the workload's training over the figure's) = {value.mid * epochs / figure_epochs:.4g} "
        "Wh per 1,000 training images",)


def footprints(models: Sequence[Model], workload: Workload, catalog: Catalog) -> list[Footprint]:
    """``footprint`` of many options at once (``footprint_columns``, one record per option)."""
    columns = footprint_columns(models, workload, catalog)
    return [columns.footprint(i) for i in range(len(columns))]


def footprint(model: Model, workload: Workload, catalog: Catalog) -> Footprint:
    """Energy, carbon and water of ``model`` for ``workload``; unknown parts stay None."""
    return footprints([model], workload, catalog)[0]


__all__ = ["Basis", "Footprint", "FootprintColumns", "Workload", "footprint", "footprint_columns", "footprints",
           "hardware_for", "matching_figure"]
