"""The machine's load around metered windows: how much CPU other processes used (Linux ``/proc``).

A window taken while other work runs on the machine measures that work too (a machine meter) or
a slower, hotter CPU (any meter): on a loaded 2-core machine figures come out 5-30x higher. So every
measurement records the load average before its windows and the CPUs other processes kept busy
during them, and one above ``FOREIGN_CPUS`` is flagged.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

FOREIGN_CPUS = 0.25
"""Mean CPUs busy with other processes during the windows above which a measurement is flagged."""
PROC_STAT = Path("/proc/stat")
BUSY_FIELDS = (0, 1, 2, 5, 6, 7)
"""user, nice, system, irq, softirq, steal of /proc/stat's ``cpu`` line."""


def load_average() -> float | None:
    """The 1-minute load average (runnable processes), or None where the system has none."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None


def busy_seconds() -> float | None:
    """CPU-seconds every CPU of the machine has spent busy since boot (None without /proc/stat)."""
    try:
        first = PROC_STAT.read_text().split("\n", 1)[0].split()
    except OSError:
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    return sum(int(first[1 + i]) for i in BUSY_FIELDS if 1 + i < len(first)) / ticks


@dataclass
class ForeignLoad:
    """Accumulates, over windows, the machine's busy CPU time less this process's own."""

    foreign_cpu_s: float = 0.0
    wall_s: float = 0.0
    known: bool = True
    _start: tuple | None = None

    def start(self) -> None:
        self._start = (busy_seconds(), time.process_time(), time.perf_counter())

    def stop(self) -> None:
        busy, own, wall = busy_seconds(), time.process_time(), time.perf_counter()
        if busy is None or self._start[0] is None:
            self.known = False
            return
        self.foreign_cpu_s += max(0.0, (busy - self._start[0]) - (own - self._start[1]))
        self.wall_s += wall - self._start[2]

    @property
    def cpus(self) -> float | None:
        """Mean CPUs other processes kept busy during the windows (None: unknown)."""
        if not self.known or self.wall_s <= 0:
            return None
        return self.foreign_cpu_s / self.wall_s
