"""The meter's own cost: the same windows of work run with and without the meter."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

from . import workloads
from .runner import MeasureSettings, passes_per_repeat, seconds_per_pass
from .suites import Entry


@dataclass(frozen=True)
class Overhead:
    """Wall and CPU time of the same windows run with and without the meter (seconds, means)."""

    windows: int
    untracked_s: float
    tracked_s: float
    untracked_cpu_s: float
    tracked_cpu_s: float

    @property
    def wall_fraction(self) -> float:
        return self.tracked_s / self.untracked_s - 1

    @property
    def cpu_fraction(self) -> float:
        return self.tracked_cpu_s / self.untracked_cpu_s - 1


def overhead(entry: Entry, phase: str, settings: MeasureSettings, meter, windows: int = 5) -> Overhead:
    """Run the same windows alternately untracked and tracked; compare their wall and CPU times."""
    restore = workloads.set_threads(settings.threads)
    try:
        op = workloads.build(entry, phase, settings.threads)
        op.run()
        passes = passes_per_repeat(seconds_per_pass(op, settings.repeat_s), settings.repeat_s)
        with meter.window():
            time.sleep(0.2)
        times: dict[bool, list[tuple[float, float]]] = {False: [], True: []}
        for i in range(2 * windows):
            tracked = bool(i % 2)
            wall, cpu = time.perf_counter(), time.process_time()
            if tracked:
                with meter.window():
                    for _ in range(passes):
                        op.run()
            else:
                for _ in range(passes):
                    op.run()
            times[tracked].append((time.perf_counter() - wall, time.process_time() - cpu))
    finally:
        restore()
    mean = statistics.fmean
    return Overhead(windows, mean(t[0] for t in times[False]), mean(t[0] for t in times[True]),
                    mean(t[1] for t in times[False]), mean(t[1] for t in times[True]))
