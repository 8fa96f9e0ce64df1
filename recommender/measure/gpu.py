"""GPUs through NVML (``pynvml``, from the ``nvidia-ml-py`` package CodeCarbon installs; optional):
what each GPU reports around a window, and whether CodeCarbon's GPU energy for it can be believed.

A known CodeCarbon failure: a GPU whose NVML power reads 0 W, or that has no energy counter, adds
0 Wh to the total. Here such a window's GPU energy is *unknown*, never zero, and the window's
energy keeps the CPU and RAM only, said so on the row. Energies in kWh, power in W.
"""

from __future__ import annotations

from dataclasses import dataclass

MJ_PER_KWH = 3.6e9


@dataclass(frozen=True)
class GpuState:
    """One GPU as NVML reports it at one moment."""

    index: int
    name: str
    power_w: float | None
    """Power draw now (W); None when NVML does not report it."""
    counter_mj: int | None
    """Total energy counter since the driver loaded (mJ); None when the GPU has none."""


def nvml_module():
    """``pynvml``, or None where it is not installed."""
    try:
        import pynvml
    except ImportError:
        return None
    return pynvml


def probe(nvml=None) -> list[GpuState] | None:
    """Every GPU NVML sees, now; None without NVML (no ``pynvml``, no driver, no GPU)."""
    nvml = nvml or nvml_module()
    if nvml is None:
        return None
    try:
        nvml.nvmlInit()
    except nvml.NVMLError:
        return None
    try:
        states = []
        for index in range(nvml.nvmlDeviceGetCount()):
            handle = nvml.nvmlDeviceGetHandleByIndex(index)
            name = nvml.nvmlDeviceGetName(handle)
            states.append(GpuState(index, name.decode() if isinstance(name, bytes) else str(name),
                                   _or_none(nvml, lambda: nvml.nvmlDeviceGetPowerUsage(handle) / 1000),
                                   _or_none(nvml, lambda: nvml.nvmlDeviceGetTotalEnergyConsumption(handle))))
        return states or None
    finally:
        nvml.nvmlShutdown()


def _or_none(nvml, read):
    try:
        return read()
    except nvml.NVMLError:
        return None


def trusted(before: list[GpuState], after: list[GpuState]) -> str | None:
    """Why the GPUs' energy over a window is unknown (None: it can be read): a GPU reporting 0 W
    or no power, one without an energy counter, or one whose counter did not move."""
    for start, end in zip(before, after):
        gpu = f"GPU {end.index} ({end.name})"
        if end.counter_mj is None or start.counter_mj is None:
            return f"unknown: {gpu} has no NVML energy counter"
        if not end.power_w:
            return f"unknown: {gpu} reported {'0 W' if end.power_w == 0 else 'no power'}"
        if end.counter_mj <= start.counter_mj:
            return f"unknown: {gpu}'s NVML energy counter did not move"
    if len(before) != len(after):
        return "unknown: the GPUs NVML sees changed during the window"
    return None


@dataclass(frozen=True)
class GpuEnergy:
    """A window's GPU share: ``kwh`` (None: unknown), how it was measured or why it is unknown, and
    the energy CodeCarbon had counted for the GPUs (to take out of the total when unknown)."""

    kwh: float | None
    method: str | None
    counted_kwh: float = 0.0


def window_energy(codecarbon_gpu_kwh: float | None, before: list[GpuState] | None,
                  after: list[GpuState] | None) -> GpuEnergy:
    """The GPUs' energy over a window from CodeCarbon's NVML reading, checked against NVML around it."""
    counted = codecarbon_gpu_kwh or 0.0
    if not before or not after:
        return GpuEnergy(None, None, counted)  # no GPU: nothing to say
    names = ", ".join(sorted({g.name for g in after}))
    why = trusted(before, after)
    if why:
        return GpuEnergy(None, why, counted)
    if counted <= 0:
        return GpuEnergy(None, "unknown: CodeCarbon read 0 Wh for GPUs whose NVML energy counter moved", counted)
    own = sum(e.counter_mj - s.counter_mj for s, e in zip(before, after)) / MJ_PER_KWH
    return GpuEnergy(counted, f"CodeCarbon NVML energy counter, {len(after)} GPU(s): {names}; NVML read "
                              f"{own * 1000:.3g} Wh over the window", counted)


def combined(methods: list[str | None], per_1k: list[float | None]) -> tuple[float | None, str | None]:
    """A measurement's GPU share over its windows: the mean Wh per 1,000 items when every window's is
    known; else None and the first window's reason; (None, None) without a GPU."""
    if all(m is None for m in methods):
        return None, None
    unknown = next((m for m in methods if m is None or m.startswith("unknown")), None)
    if unknown is not None or any(v is None for v in per_1k):
        return None, unknown or "unknown: a window had no GPU reading"
    return sum(per_1k) / len(per_1k), methods[-1].split("; NVML read")[0]
