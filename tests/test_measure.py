"""frugal bench: statistics, suites, the store, the runner with a fake meter (the commands:
test_bench_cli.py)."""

from __future__ import annotations

import sqlite3
from dataclasses import fields
from pathlib import Path

import pytest

from bench_helpers import MACHINE, SPIN, SUITES, TODAY, invoke
from recommender.catalog.store import Measurement, Store, measured_figures
from recommender.measure import runner as runner_module
from recommender.measure.meter import FakeMeter
from recommender.measure.runner import Machine, MeasureSettings, guess_hardware, interval, passes_per_repeat, run_suite
from recommender.measure.suites import load_suite


# -- statistics and heuristics

def test_interval_is_student_t_95():
    mean, low, high = interval([10.0, 11.0, 12.0])
    assert mean == 11.0
    assert low == pytest.approx(11 - 4.303 / 3 ** 0.5)
    assert high == pytest.approx(11 + 4.303 / 3 ** 0.5)


def test_interval_never_goes_below_zero():
    assert interval([1.0, 2.0, 3.0]) == (2.0, 1.0, pytest.approx(2 + 4.303 / 3 ** 0.5))


def test_interval_of_one_value_is_the_value():
    assert interval([5.0]) == (5.0, 5.0, 5.0)


@pytest.mark.parametrize("seconds, repeat_s, expected", [(0.5, 2.0, 4), (3.0, 2.0, 1), (0.1, 0.0, 1), (0.3, 1.0, 3)])
def test_passes_per_repeat(seconds, repeat_s, expected):
    assert passes_per_repeat(seconds, repeat_s) == expected


@pytest.mark.parametrize("cpu, cores, battery, expected", [
    ("Intel(R) Core(TM) i7-1185G7", 8, True, "cpu-laptop"),
    ("Intel(R) Xeon(R) Processor", 2, False, "cpu-server"),
    ("AMD EPYC 7763 64-Core Processor", 128, False, "cpu-server"),
    ("AMD Ryzen 9 7950X", 32, False, "cpu-server"),
    ("AMD Ryzen 9 7950X", 16, False, "cpu-workstation"),
])
def test_guess_hardware(cpu, cores, battery, expected):
    assert guess_hardware(Machine("h", cpu, cores, battery)) == expected


# -- suites

def test_load_suite():
    suite = load_suite(SPIN)
    assert suite.name == "spin"
    assert [(e.model, e.task, e.phases, e.kind) for e in suite.entries] == [
        ("tfidf-logreg", "classification", ("fit", "inference"), "spin")]


def test_shipped_suites_load():
    for name in ("classic-ml", "encoders-cpu", "decoders-cpu"):
        assert load_suite(name).entries


def test_suite_mistakes_are_named(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[workloads.w]\ndata = "spin"\nitems = 1\n[[entries]]\nmodel = "x"\ntask = "t"\n'
                   'workload = "w"\nphases = ["train"]\n')
    result = invoke("bench", "--suite", str(bad))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: {bad}, entry 1 (x): unknown phase 'train'. Accepted: fit, inference.")


def test_unknown_suite():
    result = invoke("bench", "--suite", "nope")
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        "Error: unknown suite 'nope'. Accepted: classic-ml, decoders-cpu, encoders-cpu, summarizers-cpu, taggers-cpu, vision-cpu, or a path to a .toml file.")


def test_bench_needs_a_suite():
    result = invoke("bench")
    assert result.exit_code == 2
    assert "Error: give --suite NAME (available: classic-ml, decoders-cpu, encoders-cpu, summarizers-cpu, taggers-cpu, vision-cpu)." in result.output


def test_cpu_hardware_classes_are_the_shipped_catalogs_cpu_profiles():
    from recommender.catalog import load_catalog

    assert sorted(runner_module.CPU_HARDWARE) == sorted(
        h.id for h in load_catalog(local=False).hardware.values() if h.kind == "cpu")


# -- runner with the fake meter: exact values

def test_run_suite_records_exact_values(tmp_path):
    store = Store(tmp_path / "m.sqlite")
    settings = MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=0)
    outcome = run_suite(load_suite(SPIN), settings, FakeMeter(), store, MACHINE)
    assert [(m.model_id, m.phase, m.energy_wh_per_1k, m.energy_wh_per_1k_low, m.energy_wh_per_1k_high,
             m.energy_wh_per_op, m.items_per_op, m.repeats, m.stopped_by) for m in outcome.measurements] == [
        ("tfidf-logreg", "fit", 0.25, 0.25, 0.25, 0.001, 4, 3, "interval"),
        ("tfidf-logreg", "inference", 0.25, 0.25, 0.25, 0.001, 4, 3, "interval"),
    ]
    m = outcome.measurements[0]
    assert (m.cpu, m.cores, m.threads, m.meter, m.country, m.tracking_mode, m.carbon_g_per_kwh, m.weights) == (
        "Test CPU 9000", 8, 1, "fake", "FRA", "process", 50.0, "none")
    assert outcome.energy_wh == 0.001
    assert store.measurements() == [
        m.__class__(**{**m.__dict__, "id": i}) for i, m in enumerate(outcome.measurements, start=1)]
    [run] = store.runs()
    assert (run.status, run.suite, run.energy_wh, run.cpu) == ("finished", "spin", 0.001, "Test CPU 9000")


def test_budget_stops_a_noisy_measurement(tmp_path):
    class Noisy(FakeMeter):
        calls = 0

        def window(self):
            Noisy.calls += 1
            self.wh_per_window = 0.001 * (1 + Noisy.calls % 2)
            return super().window()

    settings = MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=0, budget_s=0, min_repeats=3)
    outcome = run_suite(load_suite(SPIN), settings, Noisy(), Store(tmp_path / "m.sqlite"), MACHINE)
    assert [(m.repeats, m.stopped_by) for m in outcome.measurements] == [(2, "budget"), (2, "budget")]


# -- the store refuses what is not ours, and never overwrites it

def _refused(path: Path, expected: str) -> None:
    before = path.read_bytes()
    for args in (("bench", "history"), ("bench", "--suite", SPIN, "--repeat-seconds", "0")):
        result = invoke(*args)
        assert result.exit_code == 1, result.output
        assert result.output.splitlines()[-1] == expected
    assert path.read_bytes() == before


def test_foreign_file_is_refused():
    path = Store().path
    path.parent.mkdir(parents=True)
    path.write_text("name,value\nnot,a database\n")
    _refused(path, f"Error: {path} is not a frugal measurement store (not an SQLite database); "
                   "move it away or set FRUGAL_HOME to another directory.")


def test_foreign_sqlite_database_is_refused():
    path = Store().path
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE photos (id INTEGER)")
    conn.close()
    _refused(path, f"Error: {path} is an SQLite database but not a frugal measurement store; "
                   "move it away or set FRUGAL_HOME to another directory.")


def test_newer_store_is_refused(tmp_path):
    Store().start_run(runner_module.Run(None, "2026-01-01T00:00:00", "h", "s", "c", 1, 1, "cpu-laptop", "fake",
                                        "0", "m", "FRA"))
    with sqlite3.connect(Store().path) as conn:
        conn.execute("UPDATE frugal_schema SET version = 99 WHERE component = 'measurements'")
    conn.close()
    _refused(Store().path, f"Error: {Store().path} was written by a newer frugal (store version 99; "
                           "this frugal reads version 3); upgrade frugal.")


def test_a_store_written_by_frugal_0_1_is_read():
    """0.1.0 kept the store's version in a ``meta`` table; such a file is read as it is."""
    path = Store().path
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
            "INSERT INTO meta VALUES ('schema', 'frugal-measurements'), ('version', '1');"
            f"CREATE TABLE runs (id INTEGER PRIMARY KEY, {', '.join(f.name for f in fields(runner_module.Run) if f.name != 'id')});"
            f"CREATE TABLE measurements (id INTEGER PRIMARY KEY, {', '.join(f.name for f in fields(Measurement) if f.name != 'id')});")
    conn.close()
    assert Store().measurements() == [] and Store().runs() == []
    run_id = Store().start_run(runner_module.Run(None, "2026-01-01T00:00:00", "h", "s", "c", 1, 1, "cpu-laptop",
                                                 "fake", "0", "m", "FRA"))
    assert [r.id for r in Store().runs()] == [run_id]


def test_corrupt_store_is_refused():
    path = Store().path
    path.parent.mkdir(parents=True)
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    before = path.read_bytes()
    result = invoke("bench", "history")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path} is not a readable frugal measurement store (")
    assert path.read_bytes() == before


# -- recommend shows local measurements

def test_local_measurement_wins_over_shipped_ones(fixture_catalog):
    from dataclasses import replace

    from recommender.footprint import Workload, matching_figure

    shipped = [e for e in fixture_catalog.energy if e.model_id == "tfidf-logreg" and e.phase == "inference"][0]
    local = replace(shipped, energy_wh_per_1k=0.5, source="measured here (frugal bench, Test CPU 9000, 2020-01-01)",
                    date="2020-01-01")
    catalog = fixture_catalog.with_local(figures=[local])
    workload = Workload(task="classification", data_kind="text", items=1000, tokens_in=300, tokens_out=5)
    figure = matching_figure(catalog, catalog.model("tfidf-logreg"), "inference", workload,
                             catalog.hardware["cpu-workstation"])
    assert figure == local


def test_transformer_fit_is_refused(tmp_path):
    suite = tmp_path / "s.toml"
    config = Path(__file__).parents[1] / "benchmarks" / "configs" / "bert-base.json"
    suite.write_text(f'[workloads.t]\ndata = "synthetic-tokens"\nitems = 1\n[[entries]]\nmodel = "bert-base"\n'
                     f'task = "classification"\nworkload = "t"\nconfig = "{config}"\nphases = ["fit"]\n')
    result = invoke("bench", "--suite", str(suite))
    assert result.exit_code == 2
    assert result.output.splitlines()[-1] == (
        f"Error: {suite}, entry 1 (bert-base): transformers are measured in inference only "
        "(fine-tuning is still to come).")

def test_recommend_uses_measurements_made_here(fixture_catalog, fixed_machine):
    args = ("recommend", "--task", "classification", "--format", "json")
    before = invoke(*args)
    assert before.exit_code == 0, before.output
    assert "measured here" not in before.output
    assert invoke("bench", "--suite", SPIN, "--hardware", "cpu-workstation", "--repeat-seconds", "0").exit_code == 0
    after = invoke(*args)
    assert after.exit_code == 0
    assert f"measured here (frugal bench, Test CPU 9000, {TODAY})" in after.output
    [fit, use] = sorted(measured_figures(), key=lambda f: f.phase)
    assert (use.energy_wh_per_1k, use.source, use.date) == (
        0.25, f"measured here (frugal bench, Test CPU 9000, {TODAY})", TODAY)


def test_transformers_run_for_real_from_a_config_with_random_weights(tmp_path):
    """The real torch + transformers path, on tiny configurations (the fake meter keeps it exact)."""
    pytest.importorskip("torch", reason="the bench extra (torch==2.13.0) is part of the test extra")
    store = Store(tmp_path / "m.sqlite")
    settings = MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=0)
    outcome = run_suite(load_suite(str(SUITES / "tiny-transformers.toml")), settings, FakeMeter(), store, MACHINE)
    encoder, decoder = outcome.measurements
    assert (encoder.model_id, encoder.batch_size, encoder.tokens_in, encoder.tokens_out, encoder.data_kind) == (
        "bert-base", 2, 16, None, "text")
    assert encoder.data.startswith("synthetic token ids, 16 in per item, batch 2; 0 M parameters, fp32")
    assert encoder.weights == "random (published config bert-tiny.json)"
    assert (decoder.model_id, decoder.tokens_out) == ("llama-3.2-1b", 2)
    assert decoder.data.startswith("synthetic token ids, 16 in / 2 out per item, batch 2;")
    # the fake meter reads 0.001 Wh per window; repeat_s 0 makes a window one pass over 4 items:
    # 0.001 Wh / 4 items × 1000 = 0.25 Wh per 1,000 items, every repeat alike, so the interval is the value
    assert [(m.energy_wh_per_1k, m.energy_wh_per_1k_low, m.energy_wh_per_1k_high, m.energy_wh_per_op,
             m.items_per_op, m.repeats, m.stopped_by) for m in outcome.measurements] == [
        (0.25, 0.25, 0.25, 0.001, 4, 3, "interval")] * 2
