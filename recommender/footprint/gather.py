"""Reading many options at once for ``footprint_columns``: what each option's footprint needs,
from its model record and its profile, as numpy arrays.

Options that share hosting, hardware, datacenter, architecture, precision and setup share a
``Profile`` (the hardware, the site, the grid and the numbers of those), made once from the first
of them; the rest (parameter counts, layers) is read from each record once.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING, Sequence

from ..catalog import Catalog, Datacenter, GridZone, Hardware, Model, bulk_allocation
from ..catalog.columns import fields_at, fields_of, floats
from .defaults import BYTES_PER_PARAM, batch_for, is_generative, precision_for, site_of
from .physics import Inputs, pass_fraction, peak_flop_s

if TYPE_CHECKING:
    from numpy import ndarray

    from . import Workload

SETUP_PHASES = ("fit", "fine-tune")
"""Setups with a one-off cost; the others (zero-shot, none) cost nothing before use."""
_NAN = float("nan")


def hardware_for(model: Model, workload: Workload, catalog: Catalog) -> Hardware:
    """The user's ``--hardware`` for a local option, else the option's own profile."""
    if workload.hardware and not model.is_external:
        return catalog.hardware_profile(workload.hardware)
    return catalog.hardware[model.hardware]


@dataclass(frozen=True)
class Profile:
    """What every option with the same hosting, hardware, datacenter, architecture, precision and
    setup shares for a workload (made from the first such option)."""

    hardware: Hardware
    site: Datacenter
    zone: GridZone
    carbon_g_per_kwh: float
    precision: str
    architecture: str
    numbers: tuple[float, ...]
    """``PROFILE_NUMBERS``, in order."""


PROFILE_NUMBERS = ("estimable", "setup", "fine_tune", "generative", "pass_fraction", "bytes_per_param",
                   "peak_flop_s", "memory_bandwidth_gb_s", "memory_gb", "is_cpu", "tdp_w", "idle_w", "host_w",
                   "pue", "wue", "water", "carbon", "batch_low_end", "batch_mid", "batch_high_end")
"""The numbers of a ``Profile``: flags as 0 / 1, unknown as NaN; the batch per end of the result
(the favourable end takes the largest batch)."""


def _profile(model: Model, workload: Workload, catalog: Catalog) -> Profile:
    hw = hardware_for(model, workload, catalog)
    site = site_of(model, hw, catalog.datacenters)
    if model.is_external:  # hosted platforms: their datacenter's grid, not the user's
        zone = catalog.grid[site.zone]
        carbon = zone.carbon_g_per_kwh
    else:
        zone = catalog.zone(workload.grid)
        carbon = workload.grid_intensity or zone.carbon_g_per_kwh
    precision = precision_for(model, hw)
    batch = batch_for(model, workload.batch_size)
    nan = _NAN
    numbers = (model.is_transformer, model.setup in SETUP_PHASES, model.setup == "fine-tune", is_generative(model),
               pass_fraction(model.architecture), BYTES_PER_PARAM[precision], peak_flop_s(hw, precision),
               hw.memory_bandwidth_gbs, hw.memory_gb, hw.kind == "cpu", hw.tdp_w,
               nan if hw.idle_w is None else hw.idle_w, hw.host_w or 0.0, site.pue,
               nan if site.wue_l_per_kwh is None else site.wue_l_per_kwh,
               nan if zone.water_l_per_kwh is None else zone.water_l_per_kwh, carbon,
               batch.high, batch.mid, batch.low)
    return Profile(hw, site, zone, carbon, precision, model.architecture, numbers)


FIELDS = ("id", "hosting", "hardware", "datacenter", "architecture", "precision", "setup", "params_total",
          "params_total_low", "params_total_high", "params_active", "params_active_low", "params_active_high", "layers",
          "hidden_size")
"""What a footprint reads of a model: its id, its profile key (what ``_profile`` reads), its numbers."""
PROFILE_KEY = FIELDS[1:7]
NUMBERS = FIELDS[7:]


def _or(values: ndarray, fallback: ndarray) -> ndarray:
    """``values or fallback`` element-wise (NaN and 0 fall back)."""
    import numpy as np

    return np.where(np.isnan(values) | (values == 0), fallback, values)


@dataclass(frozen=True)
class Gathered:
    """The inputs of ``footprint_columns`` read from the models, as arrays (row i ↔ models[i])."""

    profiles: tuple[Profile, ...]
    profile_of: ndarray
    at: dict[str, ndarray]
    """Each of ``PROFILE_NUMBERS`` per row."""
    params_total: ndarray
    """(3, n): the favourable end (fewest parameters) first."""
    params_active: ndarray
    layers: ndarray
    """0 when the attention term is unknown (layers or hidden size missing)."""
    hidden_size: ndarray
    flops_per_item: ndarray
    """(3, n) forward FLOPs per image of a vision network (``vision.csv``, 2 × multiply-adds); NaN otherwise."""
    estimable: ndarray
    """A transformer, or a vision network with its multiply-adds, with a parameter count."""
    figure_rows: list[int]
    """Rows whose model has catalog figures (matched one by one)."""


def gather(models: tuple[Model, ...], workload: Workload, catalog: Catalog, rows: Sequence[int] | None = None) -> Gathered:
    """Read what the footprints of ``models`` need: from the catalog's columns when ``rows`` gives
    the models' positions in ``catalog.models``, else from each record once."""
    import numpy as np

    n = len(models)
    with bulk_allocation():  # tuples of many cells: no garbage-collector scans meanwhile
        fields = fields_of(models, FIELDS) if rows is None else fields_at(catalog.model_fields, FIELDS, rows)
        first_of: dict[tuple, int] = {}  # profile key -> its first row
        keys = zip(*(fields[name] for name in PROFILE_KEY))
        first = np.fromiter(map(first_of.setdefault, keys, count()), dtype=np.intp, count=n)
        numbers = np.stack([floats(np.array(fields[name], dtype=object)) for name in NUMBERS]) if n \
            else np.zeros((len(NUMBERS), 0))
        with_figures = {e.model_id for e in catalog.energy}
        figure_rows = np.flatnonzero(np.fromiter(map(with_figures.__contains__, fields["id"]), bool, n))
        del fields
    vision = _vision_flops(models, catalog)
    first_rows, profile_of = np.unique(first, return_inverse=True)
    profiles = tuple(_profile(models[i], workload, catalog) for i in first_rows)
    table = np.array([p.numbers for p in profiles], dtype=float).reshape(len(profiles), len(PROFILE_NUMBERS))
    total, total_low, total_high, active, active_low, active_high, layers, hidden = numbers
    active = _or(active, total)
    with_attention = (layers > 0) & (hidden > 0)
    at = dict(zip(PROFILE_NUMBERS, table.T[:, profile_of]))
    return Gathered(
        profiles=profiles, profile_of=profile_of, at=at,
        params_total=np.stack([_or(total_low, total), total, _or(total_high, total)]),
        params_active=np.stack([_or(active_low, active), active, _or(active_high, active)]),
        layers=np.where(with_attention, layers, 0.0), hidden_size=np.where(with_attention, hidden, 0.0),
        flops_per_item=vision,
        estimable=((at["estimable"] == 1) | ~np.isnan(vision[1])) & ~np.isnan(total) & (total != 0),
        figure_rows=figure_rows.tolist())


def _vision_flops(models: tuple[Model, ...], catalog: Catalog) -> ndarray:
    """(3, n) forward FLOPs per item of the vision networks among ``models`` (``vision.csv``; the
    favourable end first), NaN for the others."""
    import numpy as np

    from .physics import flops_of_multiply_adds
    from .vision import gflops_range, is_vision, vision_facts

    out = np.full((3, len(models)), np.nan)
    facts = vision_facts(catalog)
    if not facts:
        return out
    for i, m in enumerate(models):
        f = facts.get(m.id)
        if f is not None and is_vision(m.architecture):
            r = gflops_range(f)
            out[:, i] = flops_of_multiply_adds(np.array([r.low, r.mid, r.high]))
    return out


def estimator_inputs(g: Gathered, rows: ndarray, in_setup: ndarray, workload: Workload) -> Inputs:
    """The estimator's inputs for ``rows`` (use rows, then setup rows: ``in_setup``)."""
    import numpy as np

    def per_row(name: str) -> ndarray:
        return g.at[name][rows]

    m = len(rows)
    vision = ~np.isnan(g.flops_per_item[1, rows])  # a vision network's setup is training (from scratch or fine-tuning)
    return Inputs(
        params_total=g.params_total[:, rows], params_active=g.params_active[:, rows],
        batch=np.stack([per_row("batch_low_end"), per_row("batch_mid"), per_row("batch_high_end")]),
        pass_fraction=per_row("pass_fraction"), tokens_in=np.full(m, float(workload.tokens_in)),
        tokens_out=np.where((per_row("generative") == 1) & ~in_setup, float(workload.tokens_out), 0.0),
        fine_tune=in_setup & ((per_row("fine_tune") == 1) | vision), epochs=np.full(m, float(workload.epochs)),
        layers=g.layers[rows], hidden_size=g.hidden_size[rows], bytes_per_param=per_row("bytes_per_param"),
        peak_flop_s=per_row("peak_flop_s"), memory_bandwidth_gb_s=per_row("memory_bandwidth_gb_s"),
        memory_gb=per_row("memory_gb"), is_cpu=per_row("is_cpu") == 1, devices=np.full(m, np.nan),
        tdp_w=per_row("tdp_w"), idle_w=per_row("idle_w"), host_w=per_row("host_w"), idle_devices=np.zeros(m),
        flops_per_item=g.flops_per_item[:, rows])
