"""Life-cycle impacts of a footprint: four criteria, usage and embodied apart (docs/methodology.md,
"Life cycle").

- **Usage**: facility energy × the factor of the zone's electricity: GWP from the footprint's carbon
  intensity (g CO2e/kWh), ADPe (kg Sb eq/kWh) and PE (MJ/kWh) from ``catalog/grid_impacts.csv``,
  water as ``impacts.water_l`` (on-site WUE + the grid's off-site water).
- **Embodied**: the manufacturing impacts of the hardware (``catalog/embodied.csv``), allocated by the
  workload's share of the hardware's time: device-seconds / (lifetime × utilisation), EcoLogits'
  ΔT / ΔL with idle time charged to the work done. A GPU option is charged its cards (one per device
  used) and ``devices / devices_per_host`` of the server that holds them; a CPU option its machine.
  The device-seconds are the estimator's time × devices (``Footprint.use_device_s_per_1k``); for a
  measured or published figure, the figure's IT energy at busy power (``physics.accelerator_to_it``'s
  powers), said to be estimated. Water of manufacture is not modelled (no data): excluded.
- **Setup** counts ``setup_runs`` runs (hyperparameter search, failed runs: SCI for AI).

Units: GWP in g CO2e, ADPe in kg Sb eq, PE in MJ, water in litres. No rendering here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import shipped_catalog_dir
from ..catalog.schema import EmbodiedImpact, GridImpacts
from ..catalog.tables import read_table
from ..ranges import Range
from . import impacts
from .defaults import SECONDS_PER_YEAR, SETUP_RUNS, lifetime_years_for, utilisation_for

if TYPE_CHECKING:
    from ..catalog import Catalog, Hardware
    from . import Footprint
    from .factors import Factors

EMBODIED_FILE, GRID_IMPACTS_FILE = "embodied.csv", "grid_impacts.csv"
CRITERIA = ("gwp_g", "adpe_kg_sbeq", "pe_mj", "water_l")
"""The four criteria, in the order shown; units in the names."""
EMBODIED_OF = {"gwp_g": ("gwp_kg", 1000.0), "adpe_kg_sbeq": ("adpe_kg_sbeq", 1.0), "pe_mj": ("pe_mj", 1.0)}
"""Criterion -> (embodied.csv criterion, factor to the criterion's unit)."""
FUNCTIONAL_UNIT = "1,000 items processed (one item = one input of the task: a document, a question, an image)"
"""SCI for AI's consumer functional unit, as frugal states it."""


@dataclass(frozen=True)
class Allocation:
    """How much of the hardware's life one workload takes."""

    lifetime_years: float
    utilisation: float
    setup_runs: int

    @property
    def share_per_device_s(self) -> float:
        """Share of one device's embodied impacts per device-second: 1 / (lifetime s × utilisation)."""
        return 1.0 / (self.lifetime_years * SECONDS_PER_YEAR * self.utilisation)


@dataclass(frozen=True)
class Split:
    """One criterion of one option: usage and embodied, per 1,000 items in use, for the setup (all
    runs) and for the volume (setup + use); None = unknown."""

    usage_per_1k: Range | None
    usage_setup: Range | None
    usage_volume: Range | None
    embodied_per_1k: Range | None
    embodied_setup: Range | None
    embodied_volume: Range | None


@dataclass(frozen=True)
class Lifecycle:
    """The four criteria of one option, with what each rests on."""

    criteria: dict[str, Split]
    allocation: Allocation
    use_device_s_per_1k: Range | None
    setup_device_s: Range | None
    time_method: str
    """``estimated`` (the estimator's time) or ``estimated-from-energy`` (a figure's energy at busy power)."""
    embodied_sources: tuple[EmbodiedImpact, ...]
    grid: GridImpacts | None

    @property
    def sci_consumer_g_per_1k(self) -> Range | None:
        """SCI for AI, consumer: (operational + embodied) g CO2e per 1,000 items in use."""
        return _plus(self.criteria["gwp_g"].usage_per_1k, self.criteria["gwp_g"].embodied_per_1k)

    @property
    def sci_provider_g(self) -> Range | None:
        """SCI for AI, provider: (operational + embodied) g CO2e of the setup, every run counted."""
        return _plus(self.criteria["gwp_g"].usage_setup, self.criteria["gwp_g"].embodied_setup)

    @property
    def gwp_volume_g(self) -> Range | None:
        """Usage + embodied g CO2e for the volume (setup included)."""
        return _plus(self.criteria["gwp_g"].usage_volume, self.criteria["gwp_g"].embodied_volume)


def _plus(a: Range | None, b: Range | None) -> Range | None:
    return None if a is None or b is None else a + b


_read: dict[str, tuple[tuple[int, int], list]] = {}


def _table(directory: Path, name: str, record_type: type) -> list:
    """The records of an optional catalog table (none when the file is absent), re-read when it changes."""
    path = directory / name
    try:
        stat = path.stat()
    except FileNotFoundError:
        return []
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _read.get(str(path))
    if known is None or known[0] != stamp:
        known = _read[str(path)] = (stamp, read_table(path, record_type))
    return known[1]


def catalog_dir(catalog: Catalog | None) -> Path:
    return Path(catalog.origin) if catalog is not None and catalog.origin else Path(shipped_catalog_dir())


def embodied_rows(catalog: Catalog | None, hardware_id: str) -> list[EmbodiedImpact]:
    """The ``embodied.csv`` rows of one hardware profile."""
    return [r for r in _table(catalog_dir(catalog), EMBODIED_FILE, EmbodiedImpact) if r.hardware == hardware_id]


def grid_impacts(catalog: Catalog | None, zone: str) -> GridImpacts | None:
    """The ``grid_impacts.csv`` row of a zone, or None (unknown)."""
    return next((r for r in _table(catalog_dir(catalog), GRID_IMPACTS_FILE, GridImpacts) if r.zone == zone), None)


def allocation(hardware: Hardware, *, lifetime_years: float | None = None, utilisation: float | None = None,
               setup_runs: int | None = None) -> Allocation:
    """The user's lifetime, utilisation and setup runs, else the defaults for ``hardware``."""
    return Allocation(lifetime_years or lifetime_years_for(hardware), utilisation or utilisation_for(hardware),
                      setup_runs or SETUP_RUNS)


def embodied_per_device_s(rows: list[EmbodiedImpact], criterion: str, is_cpu: bool) -> Range | None:
    """Embodied impact of one device and its share of the host, in the embodied.csv unit (kg or MJ),
    per device-second of a full life (not yet divided by lifetime × utilisation): a CPU machine's
    ``device`` row; a GPU's ``accelerator`` + ``host`` / ``devices_per_host``. None when a part is missing."""
    of = {r.part: r for r in rows if r.criterion == criterion}
    if is_cpu:
        return _range(of["device"]) if "device" in of else None
    if "accelerator" not in of or "host" not in of or not of["host"].devices_per_host:
        return None
    return _range(of["accelerator"]) + _range(of["host"]) / of["host"].devices_per_host


def _range(r: EmbodiedImpact) -> Range:
    return Range(r.low if r.low is not None else r.value, r.value, r.high if r.high is not None else r.value)


def busy_it_w(hardware: Hardware, factors: Factors) -> float:
    """IT power of one busy device and its host share, W (``physics.accelerator_to_it``'s powers)."""
    from .physics import host_watts, idle_watts

    idle = idle_watts(hardware, factors)
    return idle + factors.busy_power_fraction * (hardware.tdp_w - idle) + host_watts(hardware, factors)


def device_s_from_energy(facility_wh: Range, hardware: Hardware, pue: float, factors: Factors) -> Range:
    """Device-seconds of a figure from its energy: facility Wh / PUE × 3600 / busy IT W."""
    return facility_wh * (3600.0 / (pue * busy_it_w(hardware, factors)))


def lifecycle(fp: Footprint, catalog: Catalog, *, lifetime_years: float | None = None,
              utilisation: float | None = None, setup_runs: int | None = None) -> Lifecycle:
    """The four criteria of ``fp``, usage and embodied apart (see the module's docstring)."""
    from .factors import factors_of

    alloc = allocation(fp.hardware, lifetime_years=lifetime_years, utilisation=utilisation, setup_runs=setup_runs)
    use_s, setup_s, method = fp.use_device_s_per_1k, fp.setup_device_s, "estimated"
    if use_s is None and fp.use_wh_per_1k is not None:
        use_s, method = device_s_from_energy(fp.use_wh_per_1k, fp.hardware, fp.site.pue, factors_of(catalog)), \
            "estimated-from-energy"
    if setup_s is None and fp.setup_wh is not None:
        setup_s = device_s_from_energy(fp.setup_wh, fp.hardware, fp.site.pue, factors_of(catalog))
    rows = embodied_rows(catalog, fp.hardware.id)
    grid = grid_impacts(catalog, fp.zone)
    runs = alloc.setup_runs
    setup_wh = None if fp.setup_wh is None else fp.setup_wh * runs
    setup_s = None if setup_s is None else setup_s * runs
    per_kwh = {"gwp_g": fp.carbon_g_per_kwh, "adpe_kg_sbeq": None if grid is None else grid.adpe_kg_sbeq_per_kwh,
               "pe_mj": None if grid is None else grid.pe_mj_per_kwh}
    criteria = {}
    for name in CRITERIA:
        if name == "water_l":
            def usage(wh, fp=fp):
                return None if wh is None else impacts.water_l(wh, pue=fp.site.pue, wue_l_per_kwh=fp.site.wue_l_per_kwh,
                                                               grid_water_l_per_kwh=fp.water_l_per_kwh)
            per_s = None
        else:
            factor = per_kwh[name]

            def usage(wh, factor=factor):
                return None if wh is None or factor is None else wh * (factor / 1000)
            column, unit = EMBODIED_OF[name]
            per_s = embodied_per_device_s(rows, column, fp.hardware.kind == "cpu")
            per_s = None if per_s is None else per_s * (unit * alloc.share_per_device_s)

        def embodied(seconds, per_s=per_s):
            return None if seconds is None or per_s is None else _times(per_s, seconds)
        u1k, us, e1k, es = usage(fp.use_wh_per_1k), usage(setup_wh), embodied(use_s), embodied(setup_s)
        known = fp.setup_wh is not None
        criteria[name] = Split(u1k, us, _volume(u1k, us, fp.items, known), e1k, es, _volume(e1k, es, fp.items, known))
    return Lifecycle(criteria, alloc, use_s, setup_s, method, tuple(rows), grid)


def _times(a: Range, b: Range) -> Range:
    return Range(a.low * b.low, a.mid * b.mid, a.high * b.high)


def _volume(per_1k: Range | None, setup: Range | None, items: int, setup_known: bool) -> Range | None:
    """Setup + per 1,000 items × items / 1000 (a zero-setup option's setup is 0); None when the
    setup's energy is unknown, or its impact on this criterion is."""
    if per_1k is None or not setup_known or setup is None:
        return None
    return per_1k * (items / 1000) + setup


@dataclass(frozen=True)
class BreakEven:
    """Items beyond which an option with a setup costs less than a zero-setup one; None = never
    (the zero-setup option costs no more per item at that end)."""

    low: float | None
    mid: float | None
    high: float | None


def break_even_items(setup: Range, per_1k: Range, other_per_1k: Range) -> BreakEven:
    """Volume V where setup + per_1k × V/1000 = other_per_1k × V/1000, i.e. V = 1000 × setup /
    (other − per_1k). Low end: the smallest setup against the widest gap (other high, per_1k low);
    high end: the largest setup against the narrowest gap (other low, per_1k high)."""
    def at(s: float, gap: float) -> float | None:
        return 1000.0 * s / gap if gap > 0 else None
    return BreakEven(at(setup.low, other_per_1k.high - per_1k.low), at(setup.mid, other_per_1k.mid - per_1k.mid),
                     at(setup.high, other_per_1k.low - per_1k.high))


def total_gwp_parts(lc: Lifecycle) -> tuple[Range | None, Range | None]:
    """(setup, per 1,000 items) g CO2e, usage + embodied: the inputs of ``break_even_items``."""
    g = lc.criteria["gwp_g"]
    setup = _plus(g.usage_setup, g.embodied_setup) if g.usage_setup is not None else Range.exact(0.0)
    return setup, _plus(g.usage_per_1k, g.embodied_per_1k)
