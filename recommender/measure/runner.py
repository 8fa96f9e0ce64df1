"""Run a suite: for each entry and phase, warm up, then meter repeats until the 95% confidence
interval of the energy per 1,000 items is within the target (or the time budget is spent), and
record each result in the store as soon as it is known.
"""

from __future__ import annotations

import math
import os
import platform
import socket
import statistics
import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

from ..version import install_hint
from ..catalog.store import Measurement, Run, Store
from .suites import CATALOG_DATA_KIND, Entry, Suite
from . import gpu, load, workloads

CPU_HARDWARE = ("cpu-laptop", "cpu-workstation", "cpu-server")
"""The catalog's CPU hardware classes (hardware.csv ids of kind cpu) a measurement is stored under;
the one list, used by ``guess_hardware`` and ``frugal bench --hardware``."""
LAPTOP, WORKSTATION, SERVER = CPU_HARDWARE
SERVER_CPU_WORDS = ("xeon", "epyc", "opteron", "ampere", "graviton", "neoverse")
T_975 = (12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
         2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
         2.052, 2.048, 2.045, 2.042)
"""Student's t 97.5% quantiles for 1..30 degrees of freedom (two-sided 95% interval)."""


DEFAULT_THREADS = 1
"""Threads of every measurement unless told otherwise: one, not "all CPUs" (issue 15: with every CPU,
figures of the same suite differed x4-32 from run to run on a busy 2-core machine)."""


@dataclass(frozen=True)
class MeasureSettings:
    """How to measure: the hardware class stored, threads, and when to stop repeating. Times in seconds."""

    hardware: str
    threads: int
    target: float = 0.05
    """Stop when the 95% half-width is at most this fraction of the mean."""
    budget_s: float = 60.0
    """Stop an entry's phase after this long, whatever the interval."""
    repeat_s: float = 2.0
    """Each metered repeat runs whole passes for at least about this long (0: one pass)."""
    min_repeats: int = 3
    max_repeats: int = 30
    allow_foreign_load: bool = False
    """Keep windows taken under foreign load (flagged) instead of dropping and retaking them."""


@dataclass(frozen=True)
class Machine:
    host: str
    cpu: str
    cores: int
    """Logical CPUs."""
    battery: bool


def detect_machine() -> Machine:
    """This machine's CPU name, logical core count and whether it runs on a battery (laptop)."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cpu = cpu or platform.processor() or platform.machine() or "unknown CPU"
    supply = Path("/sys/class/power_supply")
    battery = supply.is_dir() and any(p.name.startswith("BAT") for p in supply.iterdir())
    return Machine(socket.gethostname(), cpu, os.cpu_count() or 1, battery)


def guess_hardware(machine: Machine) -> str:
    """The catalog's CPU class for this machine: a battery means a laptop; server CPU names
    (Xeon, EPYC...) or 32+ logical cores mean a server; anything else a workstation."""
    if machine.battery:
        return LAPTOP
    if any(word in machine.cpu.lower() for word in SERVER_CPU_WORDS) or machine.cores >= 32:
        return SERVER
    return WORKSTATION


def interval(values: list[float]) -> tuple[float, float, float]:
    """Mean and 95% confidence interval (Student's t) of ``values``: (mean, low, high).
    A lower bound that would fall to zero or below is replaced by the smallest value."""
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, mean, mean
    t = T_975[min(len(values) - 1, len(T_975)) - 1]
    half = t * statistics.stdev(values) / math.sqrt(len(values))
    low = mean - half if mean - half > 0 else min(values)
    return mean, low, mean + half


def relative_half_width(values: list[float]) -> float:
    mean, low, high = interval(values)
    return (high - mean) / mean if mean else math.inf


@dataclass
class Outcome:
    """What a run did: measurements recorded, entries skipped, the benchmark's own energy."""

    run_id: int
    measurements: list[Measurement] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    energy_wh: float | None = None
    """The whole run, as metered: set-up, warm-ups, repeats, model building."""
    duration_s: float = 0.0
    idle_w: float | None = None
    """The idle baseline before the first entry (W); None when too short to say."""


Progress = Callable[..., None]


def _quiet(event: str, **info) -> None:
    pass


def run_suite(suite: Suite, settings: MeasureSettings, meter, store: Store, machine: Machine | None = None, *,
              progress: Progress = _quiet) -> Outcome:
    """Measure every entry and phase of ``suite``; each measurement is committed as it is made."""
    machine = machine or detect_machine()
    started = time.perf_counter()
    now = datetime.now().isoformat(timespec="seconds")
    with meter.window():  # the meter's own first reading warms it up; discarded
        time.sleep(0.2)
    idle_w = idle_baseline(meter, settings.repeat_s)
    run = Run(id=None, started_at=now, host=machine.host, suite=suite.name, cpu=machine.cpu,
              cores=machine.cores, threads=settings.threads, hardware=settings.hardware, meter=meter.name,
              meter_version=meter.version, meter_method=meter.method, country=meter.country, pid=os.getpid(),
              idle_w=idle_w)
    outcome = Outcome(run_id=store.start_run(run), idle_w=idle_w)
    restore = workloads.set_threads(settings.threads)
    try:
        with meter.window() as whole:
            for entry in suite.entries:
                missing = workloads.missing_packages(entry)
                if missing:
                    reason = (f"skipped {entry.label}: needs {' and '.join(missing)} "
                              f"({install_hint('bench')})")
                    outcome.skipped.append(reason)
                    progress("skip", entry=entry, reason=reason)
                    continue
                for phase in entry.phases:
                    progress("start", entry=entry, phase=phase)
                    try:
                        m = measure(entry, phase, settings, meter, machine=machine, suite=suite.name,
                                    run_id=outcome.run_id, progress=progress)
                    except load.ForeignLoadRefused as refused:
                        outcome.skipped.append(str(refused))
                        progress("done", entry=entry, phase=phase, measurement=None)
                        continue
                    store.add(m)
                    outcome.measurements.append(m)
                    progress("done", entry=entry, phase=phase, measurement=m)
    finally:
        restore()
    outcome.energy_wh = whole.reading.energy_wh
    outcome.duration_s = time.perf_counter() - started
    store.finish_run(outcome.run_id, datetime.now().isoformat(timespec="seconds"), outcome.energy_wh,
                     outcome.duration_s)
    return outcome


IDLE_MIN_S = 0.5
"""Shortest idle window whose power is reported (shorter ones are too coarse for a meter)."""


def idle_baseline(meter, seconds: float) -> float | None:
    """The meter's mean power (W) over ``seconds`` of doing nothing (one repeat's length): the idle
    baseline (BoAmps' power calibration measurement); None for a window under ``IDLE_MIN_S``."""
    with meter.window() as w:
        time.sleep(seconds)
    r = w.reading
    return r.energy_wh * 3600 / r.duration_s if r.duration_s >= IDLE_MIN_S else None


def passes_per_repeat(seconds_per_pass: float, repeat_s: float) -> int:
    """Whole passes that make a repeat last about ``repeat_s`` seconds (at least one)."""
    if repeat_s <= 0 or seconds_per_pass <= 0:
        return 1
    return max(1, round(repeat_s / seconds_per_pass))


def seconds_per_pass(op: workloads.Operation, repeat_s: float) -> float:
    """Time passes after the warm-up, for at least a quarter of a repeat (at most 0.5 s), and
    return the mean: a warm-up pass alone can be much slower than the steady state."""
    passes, start = 0, time.perf_counter()
    while True:
        op.run()
        passes += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min(repeat_s / 4, 0.5):
            return elapsed / passes


def measure(entry: Entry, phase: str, settings: MeasureSettings, meter, *, machine: Machine, suite: str,
            run_id: int, progress: Progress = _quiet) -> Measurement:
    """Warm up, then meter repeats of ``entry`` in ``phase`` until the interval or budget says stop;
    the result is recorded as measured by ``machine`` in run ``run_id`` of the suite named ``suite``."""
    op = workloads.build(entry, phase, settings.threads)
    op.run()  # warm-up: caches, lazy initialisation
    passes = passes_per_repeat(seconds_per_pass(op, settings.repeat_s), settings.repeat_s)
    per_1k: list[float] = []
    seconds: list[float] = []
    carbon: list[float] = []
    begun = time.perf_counter()
    load_before, foreign, loaded = load.load_average(), load.ForeignLoad(), 0
    gpu_methods: list[str | None] = []
    gpu_per_1k: list[float | None] = []
    while True:
        foreign.start()
        with meter.window() as w:
            for _ in range(passes):
                op.run()
        cpus = foreign.stop()
        if cpus is not None and cpus > load.FOREIGN_CPUS:
            loaded += 1
            if not settings.allow_foreign_load:
                foreign.drop()
                if loaded > load.FOREIGN_RETAKES:
                    raise load.refusal(f"{entry.label} {phase}", cpus)
                progress("foreign", entry=entry, phase=phase, cpus=cpus, dropped=loaded)
                continue
        r = w.reading
        gpu_methods.append(r.gpu_method)
        gpu_per_1k.append(None if r.gpu_energy_kwh is None else r.gpu_energy_kwh * 1e6 / (passes * op.items))
        per_1k.append(r.energy_wh / (passes * op.items) * 1000)
        seconds.append(r.duration_s / passes)
        carbon.append(r.emissions_kg * 1000 / r.energy_kwh if r.energy_kwh else 0.0)
        rel = relative_half_width(per_1k)
        progress("repeat", entry=entry, phase=phase, repeats=len(per_1k), rel=rel)
        n = len(per_1k)
        if n >= settings.min_repeats and rel <= settings.target:
            stopped_by = "interval"
        elif n >= 2 and time.perf_counter() - begun >= settings.budget_s:
            stopped_by = "budget"
        elif n >= settings.max_repeats:
            stopped_by = "max-repeats"
        else:
            continue
        break
    mean, low, high = interval(per_1k)
    gpu_wh_per_1k, gpu_method = gpu.combined(gpu_methods, gpu_per_1k)
    seconds_per_op = statistics.fmean(seconds)
    items_per_s = op.items / seconds_per_op
    notes = (f"frugal bench suite {suite}: {op.data}; weights {op.weights}; "
             f"{meter.name} {meter.version} ({meter.method}; tracking {meter.tracking_mode}); "
             f"{settings.threads} thread{'' if settings.threads == 1 else 's'} on {machine.cpu} ({machine.cores} logical cores); "
             f"grid {meter.country}; 95% CI over {n} repeats of {passes} pass(es) "
             f"(±{rel:.1%}, stopped by {stopped_by}); {items_per_s:.4g} items/s; IT boundary without PUE"
             + _foreign_words(loaded, settings.allow_foreign_load)
             + (f"; GPU energy {gpu_method}: the figure covers CPU and RAM only" if gpu_method and
                gpu_wh_per_1k is None else ""))
    return Measurement(
        run_id=run_id, model_id=entry.model, task=entry.task, phase=phase, hardware=settings.hardware,
        gpus=None, boundary="it", batch_size=op.batch_size, tokens_in=op.tokens_in, tokens_out=op.tokens_out,
        epochs=op.epochs, energy_wh_per_1k=mean, energy_wh_per_1k_low=low, energy_wh_per_1k_high=high,
        energy_wh_per_op=mean * op.items / 1000, items_per_op=op.items, seconds_per_op=seconds_per_op,
        items_per_s=items_per_s, repeats=n, rel_half_width=rel, stopped_by=stopped_by,
        carbon_g_per_kwh=statistics.fmean(carbon), data=op.data,
        data_kind=CATALOG_DATA_KIND[entry.workload.data], weights=op.weights, cpu=machine.cpu,
        cores=machine.cores, threads=settings.threads, meter=meter.name, meter_version=meter.version,
        meter_method=meter.method, tracking_mode=meter.tracking_mode, country=meter.country, suite=suite,
        measured_at=datetime.now().isoformat(timespec="seconds"), notes=notes, load_before=load_before,
        foreign_cpus=foreign.cpus, foreign_windows=loaded, gpu_energy_wh_per_1k=gpu_wh_per_1k, gpu_method=gpu_method,
    )


def _foreign_words(windows: int, allowed: bool) -> str:
    if not windows:
        return ""
    if allowed:
        return f"; FOREIGN LOAD during {windows} window(s), kept (--allow-foreign-load)"
    return f"; {windows} window(s) under foreign load dropped and taken again"


def foreign_note(cpus: float | None) -> str:
    """A measurement's foreign load in words: CPUs other processes kept busy during its windows,
    flagged above ``load.FOREIGN_CPUS``."""
    if cpus is None:
        return "unknown"
    return f"{cpus:.2f} (FOREIGN LOAD)" if cpus > load.FOREIGN_CPUS else f"{cpus:.2f}"


def estimated_seconds(suite: Suite, settings: MeasureSettings) -> dict[tuple[Entry, str], tuple[float, float]]:
    """Rough (least, most) seconds per entry and phase, set-up and model building excluded:
    a warm-up pass plus ``min_repeats`` repeats at best, the time budget at worst."""
    least = settings.repeat_s * (settings.min_repeats + 0.5)
    most = max(least, settings.budget_s + 2 * settings.repeat_s)
    return {(e, p): (least, most) for e in suite.entries for p in e.phases}


def across_runs(runs: list[Measurement]) -> Measurement:
    """One (entry, phase) measured in several whole runs, as one row: the mean of the runs' means,
    with the 95% interval over those means (run-to-run spread, not only repeats inside one run),
    never narrower than the widest interval of a single run."""
    mean, low, high = interval([m.energy_wh_per_1k for m in runs])
    low = min(low, min(m.energy_wh_per_1k_low for m in runs))
    high = max(high, max(m.energy_wh_per_1k_high for m in runs))
    last = runs[-1]
    per_op = mean * last.items_per_op / 1000
    return replace(last, energy_wh_per_1k=mean, energy_wh_per_1k_low=low, energy_wh_per_1k_high=high,
                   energy_wh_per_op=per_op, repeats=sum(m.repeats for m in runs),
                   rel_half_width=(high - mean) / mean if mean else math.inf, stopped_by="whole-runs",
                   notes=f"95% CI over {len(runs)} whole runs (runs {', '.join(str(m.run_id) for m in runs)}); "
                         + last.notes, id=None, row_key=None)


def second_inside_first(first: list[Measurement], second: list[Measurement]) -> tuple[int, int]:
    """On how many of the rows both runs measured run 2's figure falls inside run 1's 95% interval:
    (inside, rows)."""
    key = lambda m: (m.model_id, m.task, m.phase)  # noqa: E731
    earlier = {key(m): m for m in first}
    pairs = [(earlier[key(m)], m) for m in second if key(m) in earlier]
    inside = sum(a.energy_wh_per_1k_low <= b.energy_wh_per_1k <= a.energy_wh_per_1k_high for a, b in pairs)
    return inside, len(pairs)


@dataclass
class Runs:
    """What ``run_suites`` did: the rows to show (combined over whole runs when there were several)."""

    measurements: list[Measurement] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    energy_wh: float = 0.0
    duration_s: float = 0.0
    idle_w: list[float | None] = field(default_factory=list)
    second_inside_first: tuple[int, int] | None = None
    """(rows of run 2 inside run 1's interval, rows compared) with two or more whole runs."""


def run_suites(suites: list[Suite], settings: MeasureSettings, meter, store: Store, *, machine: Machine,
               whole_runs: int = 1, progress: Progress = _quiet) -> Runs:
    """Run every suite ``whole_runs`` times; with several, each (entry, phase) also gets one more row,
    combined over the runs (``across_runs``), which ``latest`` then uses."""
    done = Runs()
    per_run: list[list[Measurement]] = []
    for _ in range(whole_runs):
        per_run.append([])
        for suite in suites:
            outcome = run_suite(suite, settings, meter, store, machine, progress=progress)
            per_run[-1] += outcome.measurements
            done.skipped += [s for s in outcome.skipped if s not in done.skipped]
            done.energy_wh += outcome.energy_wh or 0.0
            done.duration_s += outcome.duration_s
            done.idle_w.append(outcome.idle_w)
    if whole_runs == 1:
        done.measurements = per_run[0]
        return done
    done.second_inside_first = second_inside_first(per_run[0], per_run[1])
    by_key: dict[tuple, list[Measurement]] = {}
    for m in (m for run in per_run for m in run):  # a row refused in some runs is combined over the others
        by_key.setdefault((m.suite, m.model_id, m.task, m.phase), []).append(m)
    for runs in by_key.values():
        combined = across_runs(runs)
        store.add(combined)
        done.measurements.append(combined)
    return done
