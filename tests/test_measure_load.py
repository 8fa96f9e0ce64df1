"""Figures that repeat: threads pinned to a stated default, foreign load recorded and flagged, an idle
baseline window."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from bench_helpers import SPIN, invoke

from recommender.catalog.store import Store
from recommender.measure import load, runner
from recommender.measure.meter import Reading, Window
from recommender.measure.runner import MeasureSettings
from recommender.measure.suites import load_suite


def test_the_default_is_one_thread_and_it_is_recorded(fixed_machine):
    dry = invoke("bench", "--suite", SPIN, "--dry-run")
    assert dry.output.splitlines()[0] == ("Machine: Test CPU 9000, 8 logical cores, as cpu-workstation (guessed; "
                                          "set --hardware); 1 thread.")
    assert invoke("bench", "--suite", SPIN, "--repeat-seconds", "0").exit_code == 0
    assert [m.threads for m in Store().measurements()] == [1, 1]
    assert [r.threads for r in Store().runs()] == [1]


def test_busy_seconds_reads_proc_stat(tmp_path, monkeypatch):
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 20 30 400 50 6 7 8 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\n")
    monkeypatch.setattr(load, "PROC_STAT", stat)
    monkeypatch.setattr(load.os, "sysconf", lambda name: 100)
    assert load.busy_seconds() == (100 + 20 + 30 + 6 + 7 + 8) / 100  # user nice system irq softirq steal
    monkeypatch.setattr(load, "PROC_STAT", tmp_path / "missing")
    assert load.busy_seconds() is None


def test_foreign_load_is_the_machines_busy_time_less_our_own(monkeypatch):
    busy, own, wall = iter([10.0, 13.0, 20.0, 20.5]), iter([1.0, 2.0, 5.0, 5.5]), iter([0.0, 2.0, 10.0, 12.0])
    monkeypatch.setattr(load, "busy_seconds", lambda: next(busy))
    monkeypatch.setattr(load.time, "process_time", lambda: next(own))
    monkeypatch.setattr(load.time, "perf_counter", lambda: next(wall))
    foreign = load.ForeignLoad()
    for _ in range(2):
        foreign.start()
        foreign.stop()
    assert foreign.cpus == (2.0 + 0.0) / (2.0 + 2.0)  # (3-1) + max(0, 0.5-0.5) CPU-s over 4 s
    assert (runner.foreign_note(0.5), runner.foreign_note(0.25), runner.foreign_note(None)) == (
        "0.50 (FOREIGN LOAD)", "0.25", "unknown")


def _with_neighbour(settings):
    """Measure spin's first entry while another process keeps one CPU busy."""
    entry = load_suite(SPIN).entries[0]
    neighbour = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        time.sleep(0.3)
        return runner.measure(entry, "inference", settings, _meter(), machine=fixed_machine_value(),
                              suite="spin", run_id=1)
    finally:
        neighbour.kill()
        neighbour.wait()


def test_a_busy_neighbour_kept_with_the_override_is_recorded_and_flagged(fixed_machine):
    settings = MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=1.0, min_repeats=3, max_repeats=3,
                               allow_foreign_load=True)
    busy = _with_neighbour(settings)
    assert busy.foreign_cpus > 0.7  # one CPU kept busy by the neighbour
    assert runner.foreign_note(busy.foreign_cpus).endswith(" (FOREIGN LOAD)")
    assert busy.load_before is not None
    assert busy.repeats == 3 and busy.foreign_windows in (1, 2, 3)  # a window under 0.5 s is not judged alone
    assert busy.notes.endswith(f"; FOREIGN LOAD during {busy.foreign_windows} window(s), kept (--allow-foreign-load)")


def test_a_busy_neighbour_gets_the_measurement_refused(fixed_machine):
    settings = MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=1.0, min_repeats=3, max_repeats=3)
    try:
        _with_neighbour(settings)
    except load.ForeignLoadRefused as refused:
        message = str(refused)
    else:
        raise AssertionError("measured under a busy neighbour")
    assert message.startswith("refused tfidf-logreg classification inference: other processes kept ")
    assert message.endswith(" CPUs busy during 6 of its windows (limit 0.25 CPUs); measure on a quiet machine, "
                            "or pass --allow-foreign-load to keep such windows, flagged")


def _loads(monkeypatch, values):
    """Every window of the foreign-load meter reads the next of ``values`` (CPUs), over 1 s."""
    values = iter(values)

    def stop(self):
        cpus = next(values)
        self._last = (cpus, 1.0)
        self.foreign_cpu_s += cpus
        self.wall_s += 1.0
        return cpus

    monkeypatch.setattr(load.ForeignLoad, "start", lambda self: None)
    monkeypatch.setattr(load.ForeignLoad, "stop", stop)


def test_a_window_under_foreign_load_is_dropped_and_taken_again(monkeypatch):
    _loads(monkeypatch, [0.9, 0.1, 0.26, 0.2, 0.0])
    settings = MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=0, min_repeats=3, max_repeats=3)
    m = runner.measure(load_suite(SPIN).entries[0], "fit", settings, _meter(), machine=fixed_machine_value(),
                       suite="spin", run_id=1)
    assert (m.repeats, m.foreign_windows) == (3, 2)
    assert m.foreign_cpus == pytest.approx((0.1 + 0.2 + 0.0) / 3)  # the kept windows only
    assert m.notes.endswith("; 2 window(s) under foreign load dropped and taken again")


def test_a_short_window_is_not_judged_alone(monkeypatch):
    foreign = load.ForeignLoad()
    busy, own, wall = iter([0.0, 0.3]), iter([0.0, 0.0]), iter([0.0, 0.4])
    monkeypatch.setattr(load, "busy_seconds", lambda: next(busy))
    monkeypatch.setattr(load.time, "process_time", lambda: next(own))
    monkeypatch.setattr(load.time, "perf_counter", lambda: next(wall))
    foreign.start()
    assert foreign.stop() is None  # 0.4 s: under FOREIGN_MIN_S
    assert foreign.cpus == 0.3 / 0.4  # still counted in the measurement's mean


def test_the_cli_refuses_a_loaded_entry_and_keeps_it_with_the_override(fixed_machine, monkeypatch):
    _loads(monkeypatch, [0.5] * 6 + [0.0] * 3 + [0.5] * 6)  # fit refused, inference kept; then both kept
    result = invoke("bench", "--suite", SPIN, "--repeat-seconds", "0", "--max-repeats", "3")
    assert result.exit_code == 0, result.output
    assert ("Refused tfidf-logreg classification fit: other processes kept 0.50 CPUs busy during 6 of its windows "
            "(limit 0.25 CPUs); measure on a quiet machine, or pass --allow-foreign-load to keep such windows, "
            "flagged.") in result.output.splitlines()
    assert [m.phase for m in Store().measurements()] == ["inference"]
    kept = invoke("bench", "--suite", SPIN, "--repeat-seconds", "0", "--max-repeats", "3", "--min-repeats", "3",
                  "--allow-foreign-load", "--model", "tfidf-logreg")
    assert kept.exit_code == 0, kept.output
    rows = Store().measurements()[1:]
    assert [(m.phase, m.foreign_windows, m.foreign_cpus) for m in rows] == [("fit", 3, 0.5), ("inference", 3, 0.5)]
    assert "0.50 (FOREIGN LOAD)" in kept.output


class _Fixed:
    """A meter whose every window reads ``wh`` Wh over ``seconds`` s."""

    name, version, method, country, tracking_mode = "fixed", "0", "fixed", "FRA", "process"

    def __init__(self, wh=0.001, seconds=1.0):
        self.wh, self.seconds = wh, seconds

    def window(self):
        meter = self

        class _Context:
            def __enter__(self):
                self.w = Window()
                return self.w

            def __exit__(self, *exc):
                self.w.reading = Reading(meter.wh / 1000, 0.0, meter.seconds)

        return _Context()


def _meter():
    return _Fixed()


def fixed_machine_value():
    from bench_helpers import MACHINE

    return MACHINE


def test_the_idle_baseline_is_the_meters_power_over_a_window_of_no_work(monkeypatch):
    monkeypatch.setattr(runner.time, "sleep", lambda s: None)
    assert runner.idle_baseline(_Fixed(wh=0.002, seconds=2.0), 2.0) == 0.002 * 3600 / 2.0  # 3.6 W
    assert runner.idle_baseline(_Fixed(wh=0.002, seconds=0.4), 0.4) is None  # under 0.5 s: too coarse


def test_the_run_records_and_prints_its_idle_baseline(fixed_machine):
    result = invoke("bench", "--suite", SPIN, "--repeat-seconds", "0")
    assert "Idle baseline: not measured (repeats under 0.5 s)." in result.output.splitlines()
    result = invoke("bench", "--suite", SPIN, "--repeat-seconds", "0.5", "--max-repeats", "3")
    (line,) = [x for x in result.output.splitlines() if x.startswith("Idle baseline:")]
    watts = Store().runs()[-1].idle_w
    assert 0.001 * 3600 / 0.7 < watts <= 0.001 * 3600 / 0.5  # fake meter: 1 mWh over a 0.5 s window
    assert line == (f"Idle baseline: {watts:.3g} W (the meter over one repeat's length of no work, "
                    "before each suite).")


def _row(mean, low, high, run_id=1, model="pca"):
    from dataclasses import replace

    from recommender.catalog.store import Measurement

    base = Measurement(run_id, model, "t", "fit", "cpu-laptop", None, "it", None, None, None, None, mean, low, high,
                       mean / 10, 100, 0.1, 1000, 3, (high - mean) / mean, "interval", 50, "d", "tabular", "w", "c",
                       2, 1, "fake", "0", "m", "process", "FRA", "s", "2026-12-01T00:00:00", "n")
    return replace(base, id=None)


def test_across_runs_covers_run_to_run_spread():
    runs = [_row(1.0, 0.9, 1.1, 1), _row(2.0, 1.8, 2.2, 2), _row(3.0, 2.9, 3.1, 3)]
    combined = runner.across_runs(runs)
    half = 4.303 * 1.0 / 3 ** 0.5  # t(2 dof) x stdev 1 / sqrt(3)
    assert (combined.energy_wh_per_1k, combined.energy_wh_per_1k_high) == (2.0, 2.0 + half)
    assert combined.energy_wh_per_1k_low == 0.9  # 2 - 2.48 < 0: the smallest value, then the widest run's low
    assert (combined.repeats, combined.stopped_by, combined.energy_wh_per_op) == (9, "whole-runs", 0.2)
    assert combined.notes == "95% CI over 3 whole runs (runs 1, 2, 3); n"


def test_second_inside_first_counts_rows():
    first = [_row(1.0, 0.9, 1.1, model="a"), _row(2.0, 1.9, 2.1, model="b")]
    second = [_row(1.05, 1.0, 1.1, model="a"), _row(3.0, 2.9, 3.1, model="b")]
    assert runner.second_inside_first(first, second) == (1, 2)


def test_whole_runs_store_a_combined_row_and_say_how_often_they_agree(fixed_machine):
    result = invoke("bench", "--suite", SPIN, "--repeat-seconds", "0", "--whole-runs", "2")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2] == ("Whole runs: 2; run 2's figure falls inside run 1's 95% interval on "
                                              "2 of 2 rows; the rows above are combined over the runs.")
    stored = Store().measurements()
    assert [(m.phase, m.stopped_by, m.energy_wh_per_1k) for m in stored] == [
        ("fit", "interval", 0.25), ("inference", "interval", 0.25), ("fit", "interval", 0.25),
        ("inference", "interval", 0.25), ("fit", "whole-runs", 0.25), ("inference", "whole-runs", 0.25)]
    assert [r.status for r in Store().runs()] == ["finished", "finished"]
