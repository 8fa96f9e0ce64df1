"""GPU energy through NVML, with a fake NVML at the boundary (this machine has no GPU): a GPU that
reports 0 W or has no energy counter is unknown, never 0 Wh, and the row says how its GPU share was
measured."""

from __future__ import annotations

from contextlib import contextmanager
from types import SimpleNamespace

import pytest
from bench_helpers import MACHINE, SPIN

from recommender.catalog.store import Store
from recommender.measure import gpu, runner
from recommender.measure.meter import Reading, Window, reading_of
from recommender.measure.runner import MeasureSettings
from recommender.measure.suites import load_suite


class FakeNvml:
    """The part of ``pynvml`` ``gpu.probe`` calls: GPUs given as (name, power mW or None, counter mJ or None);
    None stands for NVMLError_NotSupported."""

    class NVMLError(Exception):
        pass

    class NVMLError_NotSupported(NVMLError):
        pass

    class NVMLError_LibraryNotFound(NVMLError):
        pass

    def __init__(self, gpus, missing_library=False):
        self.gpus, self.missing_library, self.open = list(gpus), missing_library, 0

    def nvmlInit(self):
        if self.missing_library:
            raise self.NVMLError_LibraryNotFound("NVML Shared Library Not Found")
        self.open += 1

    def nvmlShutdown(self):
        self.open -= 1

    def nvmlDeviceGetCount(self):
        return len(self.gpus)

    def nvmlDeviceGetHandleByIndex(self, index):
        return index

    def nvmlDeviceGetName(self, handle):
        return self.gpus[handle][0].encode()

    def _value(self, handle, field):
        value = self.gpus[handle][field]
        if value is None:
            raise self.NVMLError_NotSupported("Not Supported")
        return value

    def nvmlDeviceGetPowerUsage(self, handle):
        return self._value(handle, 1)

    def nvmlDeviceGetTotalEnergyConsumption(self, handle):
        return self._value(handle, 2)


def test_probe_reads_every_gpu_and_an_unsupported_counter_as_none():
    nvml = FakeNvml([("NVIDIA H100", 250_000, 7_200_000), ("Tesla K80", 0, None)])
    assert gpu.probe(nvml) == [gpu.GpuState(0, "NVIDIA H100", 250.0, 7_200_000),
                               gpu.GpuState(1, "Tesla K80", 0.0, None)]
    assert nvml.open == 0  # shut down after reading


def test_without_nvml_there_is_no_gpu_to_read():
    assert gpu.probe(FakeNvml([], missing_library=True)) is None
    assert gpu.probe(FakeNvml([])) is None
    assert gpu.probe() is None  # the real pynvml on this machine, which has no GPU driver
    assert gpu.window_energy(0.0, None, None) == gpu.GpuEnergy(None, None, 0.0)


def _states(*gpus):
    return gpu.probe(FakeNvml(gpus))


def test_a_gpu_whose_counter_moved_is_read_from_codecarbons_nvml_energy():
    before = _states(("NVIDIA H100", 300_000, 1_000_000))
    after = _states(("NVIDIA H100", 300_000, 1_000_000 + 3_600_000))  # 3.6 kJ = 1 Wh
    energy = gpu.window_energy(0.001, before, after)
    assert energy == gpu.GpuEnergy(0.001, "CodeCarbon NVML energy counter, 1 GPU(s): NVIDIA H100; NVML read 1 Wh "
                                          "over the window", 0.001)


@pytest.mark.parametrize("before, after, why", [
    ((("A100", 0, 10),), (("A100", 0, 20),), "unknown: GPU 0 (A100) reported 0 W"),
    ((("A100", None, 10),), (("A100", None, 20),), "unknown: GPU 0 (A100) reported no power"),
    ((("K80", 150_000, None),), (("K80", 150_000, None),), "unknown: GPU 0 (K80) has no NVML energy counter"),
    ((("A100", 90_000, 10),), (("A100", 90_000, 10),), "unknown: GPU 0 (A100)'s NVML energy counter did not move"),
    ((("A100", 90_000, 10), ("T4", 0, 5)), (("A100", 90_000, 20), ("T4", 0, 9)), "unknown: GPU 1 (T4) reported 0 W"),
])
def test_a_gpu_at_0_w_or_without_a_counter_is_unknown_never_zero(before, after, why):
    energy = gpu.window_energy(0.0, _states(*before), _states(*after))
    assert energy == gpu.GpuEnergy(None, why, 0.0)


def test_codecarbon_reading_0_wh_for_a_working_gpu_is_unknown():
    energy = gpu.window_energy(0.0, _states(("L4", 70_000, 10)), _states(("L4", 70_000, 5_000)))
    assert energy == gpu.GpuEnergy(None, "unknown: CodeCarbon read 0 Wh for GPUs whose NVML energy counter moved", 0.0)


def test_an_unknown_gpu_share_leaves_the_cpu_and_ram_in_the_window():
    data = SimpleNamespace(energy_consumed=0.010, emissions=0.0005, duration=4.0)  # CodeCarbon's final data
    unknown = reading_of(data, gpu.GpuEnergy(None, "unknown: GPU 0 (K80) has no NVML energy counter", 0.002))
    assert unknown == Reading(0.008, pytest.approx(0.0004), 4.0, None,
                              "unknown: GPU 0 (K80) has no NVML energy counter")
    known = reading_of(data, gpu.GpuEnergy(0.002, "CodeCarbon NVML energy counter", 0.002))
    assert known == Reading(0.010, 0.0005, 4.0, 0.002, "CodeCarbon NVML energy counter")
    assert reading_of(data, gpu.GpuEnergy(None, None, 0.0)) == Reading(0.010, 0.0005, 4.0)


class GpuMeter:
    """A meter whose windows read 1 Wh, of which the GPUs ``gpu_wh`` (one value per window; None: unknown)."""

    name, version, country, tracking_mode = "gpu-fake", "0", "FRA", "process"
    method = "GPU: NVML"

    def __init__(self, gpu_wh, methods):
        self.gpu_wh, self.methods = iter(gpu_wh), iter(methods)

    @contextmanager
    def window(self):
        w = Window()
        yield w
        wh = next(self.gpu_wh)
        w.reading = Reading(0.001, 0.0, 1.0, None if wh is None else wh / 1000, next(self.methods))


def _measure(meter):
    settings = MeasureSettings(hardware="cpu-server", threads=1, repeat_s=0, min_repeats=3, max_repeats=3)
    return runner.measure(load_suite(SPIN).entries[0], "inference", settings, meter, machine=MACHINE, suite="spin",
                          run_id=1)


def test_a_measurement_keeps_its_gpu_share_and_says_how_it_was_measured():
    method = "CodeCarbon NVML energy counter, 1 GPU(s): L4"
    m = _measure(GpuMeter([0.2, 0.4, 0.6], [method + "; NVML read 0.2 Wh over the window"] * 3))
    assert (m.energy_wh_per_1k, m.gpu_energy_wh_per_1k, m.gpu_method) == (250.0, pytest.approx(100.0), method)
    run_id = Store().start_run(runner.Run(None, "2026-12-01T00:00:00", "h", "spin", "c", 1, 1, "cpu-server", "gpu-fake",
                                          "0", "GPU: NVML", "FRA"))
    from dataclasses import replace

    Store().add(replace(m, run_id=run_id))
    (stored,) = Store().measurements()
    assert (stored.gpu_energy_wh_per_1k, stored.gpu_method) == (pytest.approx(100.0), method)


def test_one_unknown_window_makes_the_measurements_gpu_share_unknown():
    why = "unknown: GPU 0 (T4) reported 0 W"
    m = _measure(GpuMeter([0.2, None, 0.2], ["CodeCarbon NVML energy counter, 1 GPU(s): T4", why, why]))
    assert (m.gpu_energy_wh_per_1k, m.gpu_method) == (None, why)
    assert m.notes.endswith(f"; GPU energy {why}: the figure covers CPU and RAM only")
    none = _measure(GpuMeter([None] * 3, [None] * 3))
    assert (none.gpu_energy_wh_per_1k, none.gpu_method) == (None, None)
    assert "GPU energy" not in none.notes
