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

from ..errors import FrugalError

FOREIGN_CPUS = 0.25
"""Mean CPUs busy with other processes during a window above which the window is under foreign load:
dropped and taken again (or, with ``--allow-foreign-load``, kept and the measurement flagged)."""
FOREIGN_MIN_S = 0.5
"""Shortest window judged on its own (``/proc/stat`` counts in ticks of 10 ms)."""
FOREIGN_RETAKES = 5
"""Windows a measurement may drop for foreign load; one more and the measurement is refused."""
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

    _last: tuple = (0.0, 0.0)

    def stop(self) -> float | None:
        """End the window, count it; returns the CPUs other processes kept busy during it, or None
        when it cannot be judged alone (shorter than ``FOREIGN_MIN_S``, or no /proc/stat)."""
        busy, own, wall = busy_seconds(), time.process_time(), time.perf_counter()
        if busy is None or self._start[0] is None:
            self.known = False
            return None
        self._last = (max(0.0, (busy - self._start[0]) - (own - self._start[1])), wall - self._start[2])
        self.foreign_cpu_s += self._last[0]
        self.wall_s += self._last[1]
        return self._last[0] / self._last[1] if self._last[1] >= FOREIGN_MIN_S else None

    def drop(self) -> None:
        """Forget the last window (it is taken again)."""
        self.foreign_cpu_s -= self._last[0]
        self.wall_s -= self._last[1]
        self._last = (0.0, 0.0)

    @property
    def cpus(self) -> float | None:
        """Mean CPUs other processes kept busy during the windows (None: unknown)."""
        if not self.known or self.wall_s <= 0:
            return None
        return self.foreign_cpu_s / self.wall_s


class ForeignLoadRefused(FrugalError):
    """A measurement whose windows kept being taken under foreign load."""


def refusal(label: str, cpus: float) -> ForeignLoadRefused:
    return ForeignLoadRefused(
        f"refused {label}: other processes kept {cpus:.2f} CPUs busy during {FOREIGN_RETAKES + 1} of its windows "
        f"(limit {FOREIGN_CPUS} CPUs); measure on a quiet machine, or pass --allow-foreign-load to keep such "
        f"windows, flagged")
