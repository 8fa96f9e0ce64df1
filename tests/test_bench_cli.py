"""The ``frugal bench`` commands with the fake meter: run (the default subcommand), history, export,
overhead; exact output."""

from __future__ import annotations

import csv
import io

import pytest

from bench_helpers import SPIN, SUITES, TODAY, invoke
from recommender.catalog.store import Store
from recommender.measure import overhead as overhead_module
from recommender.measure import runner as runner_module
from recommender.measure.meter import FakeMeter
from recommender.measure.runner import MeasureSettings
from recommender.measure.suites import load_suite


# -- CLI

def test_dry_run_lists_entries_and_time(fixed_machine):
    result = invoke("bench", "--suite", SPIN, "--dry-run", "--budget", "10", "--threads", "2")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Machine: Test CPU 9000, 8 logical cores, as cpu-workstation (guessed; set --hardware); 2 threads.\n"
        f"Suite spin ({SPIN}):\n"
        "  tfidf-logreg classification fit on spin-4 (spin): ~7–14 s\n"
        "  tfidf-logreg classification inference on spin-4 (spin): ~7–14 s\n"
        "Estimated time: ~0.2–0.5 min, plus data and model set-up.\n")
    assert not Store().path.exists()


def test_model_filter(fixed_machine):
    result = invoke("bench", "--suite", str(SUITES / "transformer.toml"), "--model", "tfidf-logreg", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "bert-base" not in result.output
    assert "  tfidf-logreg classification inference on spin-4 (spin): ~7–64 s" in result.output.splitlines()
    result = invoke("bench", "--suite", SPIN, "--model", "tfidf-logre")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: unknown model in these suites 'tfidf-logre'. Did you mean 'tfidf-logreg'? Accepted: tfidf-logreg.")


def test_bench_history_and_export(fixed_machine):
    result = invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--threads", "1",
                    "--repeat-seconds", "0")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "Machine: Test CPU 9000, 8 logical cores, as cpu-workstation; 1 thread."
    assert lines[-2] == (f"Recorded 2 measurements in {Store().path} "
                         "(fake 0: fake meter (constant energy per window)).")
    assert lines[-1] == "The benchmark itself used 0.001 Wh over " + lines[-1].split(" over ")[1]

    history = invoke("bench", "history", "--format", "csv")
    assert history.exit_code == 0
    assert history.output.splitlines() == [
        "id,date,model,task,phase,hardware,wh_per_1k,wh_per_1k_low,wh_per_1k_high,items_per_s,repeats,meter,"
        "scheduler,job_id,node,allocation",
        *[f"{i},{TODAY},tfidf-logreg,classification,{phase},cpu-workstation,0.25,0.25,0.25,"
          + history.output.splitlines()[i].split(",")[9] + ",3,fake,local,,,"
          for i, phase in ((1, "fit"), (2, "inference"))],
    ]

    export = invoke("bench", "export")
    assert export.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(export.output)))
    assert list(rows[0]) == ["model_id", "task", "data_kind", "phase", "hardware", "gpus", "boundary", "batch_size", "tokens_in",
                             "tokens_out", "epochs", "energy_wh_per_1k", "energy_wh_per_1k_low",
                             "energy_wh_per_1k_high", "method", "source", "source_url", "date", "notes"]
    assert {k: v for k, v in rows[0].items() if k != "notes"} == {
        "model_id": "tfidf-logreg", "task": "classification", "data_kind": "text", "phase": "fit", "hardware": "cpu-workstation",
        "gpus": "", "boundary": "it", "batch_size": "", "tokens_in": "", "tokens_out": "", "epochs": "",
        "energy_wh_per_1k": "0.25", "energy_wh_per_1k_low": "0.25", "energy_wh_per_1k_high": "0.25",
        "method": "measured", "source": "frugal bench, Test CPU 9000, 8 logical cores", "source_url": "",
        "date": TODAY,
    }
    assert rows[0]["notes"].startswith("frugal bench suite spin: busy loop, 1 ms per item; weights none; "
                                       "fake 0 (fake meter (constant energy per window); tracking process); "
                                       "1 thread on Test CPU 9000 (8 logical cores); grid FRA; "
                                       "95% CI over 3 repeats of 1 pass(es) (±0.0%, stopped by interval); ")


def test_export_writes_catalog_rows_the_catalog_accepts(fixed_machine, tmp_path):
    from recommender.catalog import EnergyFigure, read_table

    assert invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--repeat-seconds", "0").exit_code == 0
    out = tmp_path / "results" / "rows.csv"
    result = invoke("bench", "export", "--output", str(out))
    assert result.exit_code == 0
    assert result.output == f"Wrote 2 rows to {out}.\n"
    figures = read_table(out, EnergyFigure)
    assert [(f.phase, f.energy_wh_per_1k, f.method) for f in figures] == [
        ("fit", 0.25, "measured"), ("inference", 0.25, "measured")]


def test_a_failed_export_keeps_the_previous_file_whole(fixed_machine, tmp_path, full_disk):

    assert invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--repeat-seconds", "0").exit_code == 0
    out = tmp_path / "results" / "rows.csv"
    out.parent.mkdir()
    out.write_text("previous rows\n")
    full_disk()
    result = invoke("bench", "export", "--output", str(out))
    assert (result.exit_code, result.output) == (1, f"Error: cannot write '{out}': No space left on device.\n")
    assert [(f.name, f.read_text()) for f in out.parent.iterdir()] == [("rows.csv", "previous rows\n")]


def test_export_without_measurements():
    result = invoke("bench", "export")
    assert result.exit_code == 1
    assert result.output == "Error: no measurements to export yet; run 'frugal bench --suite NAME' first.\n"


def test_history_without_measurements():
    result = invoke("bench", "history")
    assert result.exit_code == 0
    assert result.output.splitlines()[-1] == (
        f"No measurements yet in {Store().path}. Run 'frugal bench --suite NAME'.")


def test_transformer_entries_are_skipped_without_torch(fixed_machine, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name in ("torch", "transformers") else real(name, *a))
    result = invoke("bench", "--suite", str(SUITES / "transformer.toml"), "--repeat-seconds", "0")
    assert result.exit_code == 0, result.output
    assert ("Skipped bert-base classification: needs torch and transformers (pip install 'frugal-advisor[bench]')."
            in result.output.splitlines())
    assert [(m.model_id, m.phase) for m in Store().measurements()] == [("tfidf-logreg", "inference")]


def test_missing_codecarbon_is_a_clear_error(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_codecarbon(name, *args, **kwargs):
        if name == "codecarbon":
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_codecarbon)
    result = invoke("bench", "--suite", SPIN, env={"FRUGAL_METER": "codecarbon"})
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Error: measuring needs CodeCarbon: pip install 'frugal-advisor[bench]'.")


# -- the command group: run is the default subcommand; the fake meter is for tests only

def test_bench_and_bench_run_are_the_same_command(fixed_machine):
    args = ("--suite", SPIN, "--dry-run", "--budget", "10", "--threads", "2")
    default, explicit = invoke("bench", *args), invoke("bench", "run", *args)
    assert (default.exit_code, explicit.exit_code) == (0, 0)
    assert default.output == explicit.output
    assert default.output.splitlines()[-1] == "Estimated time: ~0.2–0.5 min, plus data and model set-up."


def test_bench_help_lists_the_subcommands_and_offers_no_fake_meter():
    group = invoke("bench", "--help").output
    assert [line.split()[0] for line in group.split("Commands:\n")[1].split("\n\n")[0].splitlines()] == [
        "cancel", "collect", "export", "history", "overhead", "run"]
    for path in (("bench",), ("bench", "run"), ("bench", "overhead"), ("trial",)):
        shown = invoke(*path, "--help").output
        assert "--meter" not in shown and "fake" not in shown, path


def test_a_mistyped_subcommand_is_not_taken_for_a_suite():
    result = invoke("bench", "histroy")
    assert (result.exit_code, result.output) == (2, "Error: No such command 'histroy'. Did you mean 'history'?\n")


def test_the_meter_variable_must_name_a_meter():
    result = invoke("bench", "--suite", SPIN, "--repeat-seconds", "0", env={"FRUGAL_METER": "fak"})
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: unknown meter 'fak' in FRUGAL_METER. Accepted: codecarbon, fake (or leave it unset for codecarbon).")
    assert not Store().path.exists()


# -- history of runs, and the meter's overhead

def test_history_of_runs(fixed_machine):
    store = Store()
    first = store.start_run(runner_module.Run(None, "2026-11-29T10:00:00", "host", "classic-ml", "Test CPU 9000", 8,
                                              4, "cpu-workstation", "fake", "0", "fake meter", "FRA"))
    store.finish_run(first, "2026-11-29T10:05:00", 1.23456, 300.4)
    store.start_run(runner_module.Run(None, "2026-11-30T09:00:00", "host", "encoders-cpu", "Test CPU 9000", 8, 8,
                                      "cpu-workstation", "fake", "0", "fake meter", "FRA"))  # killed: still running
    table = invoke("bench", "history", "--runs")
    assert table.exit_code == 0, table.output
    assert [line.rstrip() for line in table.output.splitlines()] == [
        "id  started              suite         status    cpu            hardware         threads  own_energy_wh  "
        "duration_s  scheduler  job_id",
        "1   2026-11-29T10:00:00  classic-ml    finished  Test CPU 9000  cpu-workstation  4        1.23           300"
        "         local",
        "2   2026-11-30T09:00:00  encoders-cpu  running   Test CPU 9000  cpu-workstation  8"
        "                                   local",
    ]
    assert invoke("bench", "history", "--runs", "--format", "csv").output.splitlines() == [
        "id,started,suite,status,cpu,hardware,threads,own_energy_wh,duration_s,scheduler,job_id",
        "1,2026-11-29T10:00:00,classic-ml,finished,Test CPU 9000,cpu-workstation,4,1.23456,300.4,local,",
        "2,2026-11-30T09:00:00,encoders-cpu,running,Test CPU 9000,cpu-workstation,8,,,local,",
    ]


class SteadyClock:
    """Stands in for the ``time`` module inside the runner: each wall-clock reading is 0.5 s after the
    previous one, each CPU-clock reading 0.25 s, and sleeping takes no time. (The measured work, a busy
    loop in ``workloads``, keeps the real clock.)"""

    def __init__(self):
        self.wall = self.cpu = 0.0

    def perf_counter(self) -> float:
        self.wall += 0.5
        return self.wall

    def process_time(self) -> float:
        self.cpu += 0.25
        return self.cpu

    def sleep(self, seconds: float) -> None:
        pass


def test_overhead_output(monkeypatch):
    clock = SteadyClock()
    monkeypatch.setattr(runner_module, "time", clock)
    monkeypatch.setattr(overhead_module, "time", clock)
    result = invoke("bench", "overhead", "--suite", SPIN, "--model", "tfidf-logreg", "--windows", "2",
                    "--repeat-seconds", "0", "--threads", "1")
    assert (result.exit_code, result.output) == (0, (
        "tfidf-logreg classification inference, 2 windows each:\n"
        "  untracked: 0.500 s wall, 0.250 s CPU per window\n"
        "  tracked:   0.500 s wall, 0.250 s CPU per window\n"
        "  overhead:  +0.0% wall time, +0.0% CPU time\n"))
    missing = invoke("bench", "overhead", "--suite", SPIN, "--model", "tfidf-logre", "--phase", "fit")
    assert (missing.exit_code, missing.output) == (2, (
        "Error: unknown model with a fit phase in suite spin 'tfidf-logre'. Did you mean 'tfidf-logreg'? "
        "Accepted: tfidf-logreg.\n"))


def test_overhead_compares_tracked_windows_with_untracked_ones(monkeypatch):
    """A meter whose every window costs 0.1 s of wall time and 0.05 s of CPU time: tracked windows
    read 0.5 + 0.1 s and 0.25 + 0.05 s, so +20% each; one window opens per tracked window (plus the
    discarded first one)."""
    from contextlib import contextmanager

    clock = SteadyClock()
    monkeypatch.setattr(runner_module, "time", clock)
    monkeypatch.setattr(overhead_module, "time", clock)

    class CostlyMeter(FakeMeter):
        opened = 0

        @contextmanager
        def window(self):
            with super().window() as w:
                yield w
            CostlyMeter.opened += 1
            clock.wall += 0.1
            clock.cpu += 0.05

    entry = load_suite(SPIN).entries[0]
    result = overhead_module.overhead(entry, "fit", MeasureSettings(hardware="", threads=1, repeat_s=0), CostlyMeter(),
                                    windows=3)
    assert (result.windows, CostlyMeter.opened) == (3, 4)
    assert (result.untracked_s, result.tracked_s) == (0.5, pytest.approx(0.6))
    assert (result.untracked_cpu_s, result.tracked_cpu_s) == (0.25, pytest.approx(0.3))
    assert (result.wall_fraction, result.cpu_fraction) == (pytest.approx(0.2), pytest.approx(0.2))




@pytest.mark.parametrize("args, message", [
    (("--threads", "nan"), "Error: Invalid value for '--threads': must be a whole number from 1 to 1,024; got 'nan'."),
    (("--interval", "0"), "Error: Invalid value for '--interval': must be a number above 0 to 100; got '0'."),
    (("--budget", "inf"), "Error: Invalid value for '--budget': must be a number from 0 to 2,592,000; got 'inf'."),
    (("--max-repeats", "2.5"), "Error: Invalid value for '--max-repeats': must be a whole number from 2 to 10,000; got '2.5'."),
])
def test_numbers_out_of_range_are_one_error_line(args, message):
    result = invoke("bench", "run", "--suite", SPIN, *args)
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, message)


def test_the_old_target_spelling_still_sets_the_interval_with_a_notice(fixed_machine):
    result = invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--repeat-seconds", "0",
                    "--target", "10")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "Notice: --target is now --interval in frugal bench (--target will be removed in 0.3).")
