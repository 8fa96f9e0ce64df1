"""Meters: what turns a window of work into energy. CodeCarbon for real, a fake one for tests.

A meter opens windows: ``with meter.window() as w: work()``; after the block ``w.reading`` holds
the window's energy (kWh), emissions (kg CO2e) and duration (s). Energy comes from CodeCarbon's
totals (``energy_consumed``), never from its sampled power fields.
"""

from __future__ import annotations

import os
import time
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from ..errors import FrugalError, InvalidInput, closest, unknown_value

METERS = ("codecarbon", "fake")
TRACKING_MODES = ("process", "machine")
METER_ENV = "FRUGAL_METER"
"""Environment variable selecting the meter: unset or ``codecarbon`` for CodeCarbon, ``fake`` for the
tests. Read by ``make_meter`` only; no command has an option for it."""
COUNTRY = "FRA"
"""The grid country the meter is told when the user names none (ISO 3166 alpha-3): the institute is in France."""


@dataclass(frozen=True)
class Reading:
    """What a meter read over one window."""

    energy_kwh: float
    emissions_kg: float
    duration_s: float
    gpu_energy_kwh: float | None = None
    """The GPUs' share of ``energy_kwh``; None without a GPU or when unknown (``gpu_method`` says which)."""
    gpu_method: str | None = None
    """How the GPU share was read (NVML), or why it is unknown; None without a GPU."""

    @property
    def energy_wh(self) -> float:
        return self.energy_kwh * 1000


class Window:
    """Holds the reading of a window once the ``with`` block has ended."""

    reading: Reading | None = None


class FakeMeter:
    """A meter for tests: every window reads ``wh_per_window`` Wh at ``carbon_g_per_kwh``,
    whatever it contains. Exact, fast, needs nothing installed."""

    name = "fake"
    version = "0"
    method = "fake meter (constant energy per window)"

    def __init__(self, country: str = COUNTRY, tracking_mode: str = "process", wh_per_window: float = 0.001,
                 carbon_g_per_kwh: float = 50.0):
        self.country = country
        self.tracking_mode = tracking_mode
        self.wh_per_window = wh_per_window
        self.carbon_g_per_kwh = carbon_g_per_kwh

    @contextmanager
    def window(self) -> Iterator[Window]:
        w = Window()
        start = time.perf_counter()
        yield w
        kwh = self.wh_per_window / 1000
        w.reading = Reading(kwh, kwh * self.carbon_g_per_kwh / 1000, time.perf_counter() - start)


_CPU_MODES = {
    "intel_rapl": "RAPL",
    "intel_power_gadget": "Intel Power Gadget",
    "apple_powermetrics": "powermetrics",
    "cpu_load": "load-based estimate (TDP × CPU load)",
    "constant": "constant estimate (TDP share)",
}


class CodeCarbonMeter:
    """CodeCarbon's ``OfflineEmissionsTracker``: explicit country, logs silenced, no files written.

    ``tracking_mode`` ``process`` attributes to this process only (robust on a shared machine);
    ``machine`` counts the whole machine. GPUs: CodeCarbon's NVML reading of every GPU NVML sees,
    checked around each window (``gpu``): a GPU reading 0 W or without an energy counter makes the
    window's GPU share unknown and its energy the CPU's and RAM's only.
    """

    name = "codecarbon"

    def __init__(self, country: str = COUNTRY, tracking_mode: str = "process", measure_power_secs: float = 15.0,
                 extra: str = "bench"):
        """``extra``: the optional dependencies whose install hint a missing CodeCarbon gets (bench or trial)."""
        try:
            import codecarbon
        except ImportError:
            from ..version import install_hint

            raise FrugalError(f"measuring needs CodeCarbon: {install_hint(extra)}.") from None
        _silence_codecarbon()
        self.version = codecarbon.__version__
        self.country = _known_country(country)
        self.tracking_mode = tracking_mode
        self.measure_power_secs = measure_power_secs
        self.method = "unknown (no window measured yet)"
        from . import gpu

        self._nvml = gpu.nvml_module() if gpu.probe() is not None else None

    def _tracker(self):
        from codecarbon import OfflineEmissionsTracker

        with warnings.catch_warnings():  # save_to_file is deprecated in CodeCarbon 3 but still honoured
            warnings.simplefilter("ignore", DeprecationWarning)
            return OfflineEmissionsTracker(country_iso_code=self.country, log_level="error", save_to_file=False,
                                           tracking_mode=self.tracking_mode,
                                           measure_power_secs=self.measure_power_secs)

    @contextmanager
    def window(self) -> Iterator[Window]:
        from . import gpu

        tracker = self._tracker()
        w = Window()
        before = gpu.probe(self._nvml) if self._nvml else None
        tracker.start()
        try:
            yield w
        finally:
            tracker.stop()
        after = gpu.probe(self._nvml) if self._nvml else None
        data = tracker.final_emissions_data
        self.method = _method_of(tracker)
        w.reading = reading_of(data, gpu.window_energy(getattr(data, "gpu_energy", None), before, after))


def reading_of(data, gpus) -> Reading:
    """A window's reading from CodeCarbon's final data (kWh, kg, s) and its GPU share (``gpu.GpuEnergy``):
    when the GPU share is unknown, the energy CodeCarbon counted for the GPUs is taken out of the
    total, and the emissions with it, so that the figure is the CPU's and RAM's, never a GPU at 0 Wh."""
    energy = data.energy_consumed
    emissions = data.emissions
    if gpus.method and gpus.kwh is None and gpus.counted_kwh and energy:
        emissions *= (energy - gpus.counted_kwh) / energy
        energy -= gpus.counted_kwh
    return Reading(energy, emissions, data.duration, gpus.kwh, gpus.method)


def _known_country(country: str) -> str:
    """``country`` in upper case if CodeCarbon's offline energy-mix table has it, else ``InvalidInput``.

    CodeCarbon itself accepts any code: its tracker logs the miss and falls back to the world
    average intensity, which would be stored as this country's."""
    from codecarbon.input import DataSource

    known = DataSource().get_global_energy_mix_data()
    if country.upper() in known:
        return country.upper()
    suggestion = closest(country, known)
    hint = f" Did you mean '{suggestion}'?" if suggestion else ""
    raise InvalidInput(f"unknown country '{country}' for CodeCarbon's grid data.{hint} Give an ISO 3166 alpha-3 "
                       f"code, e.g. FRA, DEU or USA.")


def _method_of(tracker) -> str:
    """How CodeCarbon measured, in words: e.g. ``CPU: load-based estimate (TDP × CPU load); RAM: estimate``."""
    parts = []
    for device in getattr(tracker, "_hardware", []):
        kind = type(device).__name__
        if kind == "CPU":
            mode = getattr(device, "_mode", "")
            parts.append("CPU: " + _CPU_MODES.get(mode, mode or "unknown"))
        elif kind == "GPU":
            parts.append("GPU: NVML")
        elif kind == "RAM":
            parts.append("RAM: estimate from memory size")
        else:
            parts.append(kind)
    return "; ".join(parts) or "unknown"


def _silence_codecarbon() -> None:
    import logging

    logger = logging.getLogger("codecarbon")
    logger.setLevel(logging.ERROR)
    for handler in logger.handlers:
        handler.setLevel(logging.ERROR)


def make_meter(country: str = COUNTRY, tracking_mode: str = "process", extra: str = "bench"):
    """The meter ``$FRUGAL_METER`` names (default CodeCarbon), for the grid of ``country`` (ISO 3166
    alpha-3); the one place that reads the variable. ``extra``: the command's optional dependencies
    (``bench`` or ``trial``), named by the hint when CodeCarbon is missing."""
    name = os.environ.get(METER_ENV) or "codecarbon"
    if name not in METERS:
        raise InvalidInput(f"unknown meter '{name}' in {METER_ENV}. Accepted: {', '.join(METERS)} (or leave it "
                           f"unset for codecarbon).")
    if tracking_mode not in TRACKING_MODES:
        raise unknown_value("tracking mode", tracking_mode, TRACKING_MODES)
    if name == "fake":
        return FakeMeter(country, tracking_mode)
    return CodeCarbonMeter(country, tracking_mode, extra=extra)
