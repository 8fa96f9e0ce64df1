"""Campaigns without a cluster: array planning, SLURM settings and profiles, one meter per node,
merging task files (twice, and after a merge killed with SIGKILL), store schema migrations."""

from __future__ import annotations

import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench_helpers import SUITES, invoke

from recommender.catalog.store import Run, Store
from recommender.errors import InvalidInput
from recommender.measure import campaign, collect, slurm
from recommender.measure.suites import load_suite

ARRAY = str(SUITES / "spin-array.toml")
SETTINGS = {"target": 0.05, "budget_s": 60.0, "repeat_s": 0.0, "min_repeats": 3, "max_repeats": 30}
COMMON = {"hardware": "cpu-server", "threads": 1, "country": "FRA", "tracking_mode": "process",
          "allocation": "exclusive", "settings": SETTINGS}


def _campaign(tmp_path: Path) -> tuple[Path, list[campaign.TaskSpec]]:
    """A campaign folder for spin-array.toml as the submitter writes it (no job id: not submitted)."""
    suite = load_suite(ARRAY)
    folder = tmp_path / "campaign"
    run_id = Store().start_run(Run(None, "2026-12-01T10:00:00", "submit-host", suite.name, "c", 2, 1, "cpu-server",
                                   "fake", "0", "fake meter", "FRA", scheduler="slurm", folder=str(folder)))
    tasks = campaign.plan_tasks(suite, folder=folder, run_id=run_id, common=COMMON)
    campaign.write_manifest(folder, suite, tasks, store=str(Store().path), run_id=run_id,
                            submitted_at="2026-12-01T10:00:00", scheduler="slurm", job_id=None)
    return folder, tasks


# -- planning

def test_one_task_per_entry_in_suite_order(tmp_path):
    suite = load_suite(ARRAY)
    tasks = campaign.plan_tasks(suite, folder=tmp_path, run_id=7, common=COMMON)
    assert [(t.index, t.entry_index, t.model, t.run_id) for t in tasks] == [
        (0, 0, "tfidf-logreg", 7), (1, 1, "logistic-regression", 7), (2, 2, "kmeans", 7)]
    assert len({t.campaign for t in tasks}) == 1 and len(tasks[0].campaign) == 12
    assert {t.suite_path for t in tasks} == {ARRAY}
    other = campaign.plan_tasks(suite, folder=tmp_path, run_id=7, common=COMMON)
    assert other[0].campaign != tasks[0].campaign  # two submissions never share row keys


def test_a_selection_of_models_plans_the_entries_of_the_file_it_names(tmp_path, monkeypatch):
    from recommender.measure.suites import only_models

    (chosen,) = only_models([load_suite(ARRAY)], ("kmeans",))
    (task,) = campaign.plan_tasks(chosen, folder=tmp_path, run_id=1, common=COMMON)
    assert (task.index, task.entry_index, task.model) == (0, 2, "kmeans")
    monkeypatch.setenv("FRUGAL_METER", "fake")
    assert campaign.run_task(task) == 2
    assert {m.model_id for m in campaign.rows_of(campaign.read_task(tmp_path, 0))} == {"kmeans"}


def test_a_task_refuses_a_suite_file_changed_since_submission(tmp_path, monkeypatch):
    (task,) = campaign.plan_tasks(load_suite(ARRAY), folder=tmp_path, run_id=1, common=COMMON)[:1]
    from dataclasses import replace

    monkeypatch.setenv("FRUGAL_METER", "fake")
    with pytest.raises(Exception) as error:
        campaign.run_task(replace(task, model="pca"))
    assert str(error.value) == f"{ARRAY} changed since it was submitted: entry 1 is no longer pca."
    assert campaign.read_task(tmp_path, 0) is None


def test_manifest_labels_each_task(tmp_path):
    folder, _ = _campaign(tmp_path)
    assert campaign.read_manifest(folder)["labels"] == [
        "tfidf-logreg classification (fit, inference)", "logistic-regression classification (fit, inference)",
        "kmeans clustering (fit, inference)"]


def test_a_folder_without_a_campaign_is_refused(tmp_path):
    for command in ("collect", "cancel"):
        result = invoke("bench", command, str(tmp_path))
        assert (result.exit_code, result.output) == (
            2, f"Error: '{tmp_path}' is not a frugal bench campaign folder (no campaign.json).\n")


# -- SLURM settings

@pytest.mark.parametrize("text, minutes", [("90", 90), ("10:30", 11), ("01:30:00", 90), ("00:00:30", 1),
                                           ("1-00:00:00", 1440), ("2-12", 3600)])
def test_time_limits_in_minutes(text, minutes):
    assert slurm.parse_time(text) == minutes


def test_a_bad_time_limit_names_the_accepted_forms():
    with pytest.raises(InvalidInput) as error:
        slurm.parse_time("an hour")
    assert str(error.value) == ("time limit 'an hour' is not a SLURM time. Accepted: MINUTES, MM:SS, HH:MM:SS, "
                                "D-HH:MM:SS (e.g. 30 or 01:00:00).")


def test_slurm_options_are_key_value():
    assert slurm.parse_option("hint=nomultithread") == ("hint", "nomultithread")
    assert slurm.parse_option("--mem-per-cpu=4G") == ("mem_per_cpu", "4G")
    result = invoke("bench", "--suite", ARRAY, "--executor", "slurm", "--slurm-option", "nomultithread")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: --slurm-option 'nomultithread' is not KEY=VALUE (e.g. hint=nomultithread, mem=16G).")


def test_the_shipped_jean_zay_profile_and_overrides():
    profile = slurm.load_profile("jean-zay")
    assert profile == slurm.SlurmSettings(partition="cpu_p1", account="abc@cpu", qos="qos_cpu-dev", time_min=30,
                                          cpus_per_task=10, exclusive=True, array_parallelism=8,
                                          options={"hint": "nomultithread"})
    chosen = slurm.with_overrides(profile, account="xyz@cpu", qos=None, exclusive=False, options={"mem": "16G"})
    assert (chosen.account, chosen.qos, chosen.exclusive, chosen.options) == (
        "xyz@cpu", "qos_cpu-dev", False, {"hint": "nomultithread", "mem": "16G"})


def test_an_unknown_profile_lists_the_shipped_ones():
    with pytest.raises(InvalidInput) as error:
        slurm.load_profile("jeanzay")
    assert str(error.value) == "unknown profile 'jeanzay'. Accepted: jean-zay, or a path to a .toml file."


# -- one meter per node

def test_placement_from_the_slurm_environment():
    env = {"SLURM_ARRAY_JOB_ID": "41", "SLURM_ARRAY_TASK_ID": "3", "SLURM_JOB_ID": "44",
           "SLURMD_NODENAME": "r1i0n3", "SLURM_LOCALID": "0"}
    assert campaign.placement(env) == campaign.Placement("41_3", 3, "r1i0n3", 0, "slurm")
    assert campaign.placement({}) == campaign.Placement(None, None, socket.gethostname(), 0)


@pytest.mark.parametrize("local_id, meters", [("0", True), ("1", False), ("7", False)])
def test_only_local_rank_zero_meters(local_id, meters):
    assert campaign.elected_meter(campaign.placement({"SLURM_LOCALID": local_id})) is meters


def test_a_second_rank_on_a_node_measures_nothing(tmp_path, monkeypatch):
    folder, tasks = _campaign(tmp_path)
    monkeypatch.setenv("FRUGAL_METER", "fake")
    monkeypatch.setenv("SLURM_LOCALID", "1")
    assert campaign.run_task(tasks[0]) == 0
    assert campaign.read_task(folder, 0) is None


# -- a task's file and the merge

def _run_all(tasks, monkeypatch):
    monkeypatch.setenv("FRUGAL_METER", "fake")
    for name in ("SLURM_LOCALID", "SLURM_ARRAY_JOB_ID", "SLURM_ARRAY_TASK_ID", "SLURM_JOB_ID"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLURMD_NODENAME", "node-a")
    return [campaign.run_task(t) for t in tasks]


def test_a_task_writes_its_rows_with_where_they_were_measured(tmp_path, monkeypatch):
    folder, tasks = _campaign(tmp_path)
    assert _run_all(tasks[:1], monkeypatch) == [2]
    task = campaign.read_task(folder, 0)
    assert (task["status"], task["node"], task["job_id"]) == ("done", "node-a", None)
    rows = campaign.rows_of(task)
    assert [(r.phase, r.node, r.array_index, r.allocation, r.row_key, r.run_id, r.energy_wh_per_1k) for r in rows] == [
        ("fit", "node-a", 0, "exclusive", f"{tasks[0].campaign}/0/fit", tasks[0].run_id, 0.25),
        ("inference", "node-a", 0, "exclusive", f"{tasks[0].campaign}/0/inference", tasks[0].run_id, 0.25)]


def test_merging_the_same_tasks_twice_stores_each_row_once(tmp_path, monkeypatch):
    folder, tasks = _campaign(tmp_path)
    _run_all(tasks, monkeypatch)
    first = collect.poll(folder)
    assert (first.added, first.summary()) == (6, "0 pending, 0 running, 3 done, 0 failed")
    assert collect.poll(folder).added == 0
    assert Store().merge(campaign.rows_of(campaign.read_task(folder, 1))) == 0
    stored = Store().measurements()
    assert sorted(m.row_key for m in stored) == sorted(f"{tasks[0].campaign}/{i}/{p}" for i in range(3)
                                                       for p in ("fit", "inference"))
    assert [(r.status, r.scheduler) for r in Store().runs()] == [("finished", "slurm")]


def test_a_task_that_left_the_queue_unfinished_is_a_failure_naming_node_and_log(tmp_path, monkeypatch):
    folder, tasks = _campaign(tmp_path)
    _run_all(tasks[:1], monkeypatch)
    task_file = campaign.task_file(folder, 1)
    task_file.write_text(json.dumps({"status": "running", "node": "node-b", "job_id": None, "rows": []}))
    progress = collect.poll(folder)
    assert progress.summary() == "0 pending, 0 running, 1 done, 2 failed"
    assert collect.failures(progress) == [
        f"task 1 (logistic-regression classification (fit, inference), job None_1) failed on node-b: ended (no "
        f"longer in the queue) before finishing; it started; log: {folder}/logs/None_1_0_log.err",
        f"task 2 (kmeans clustering (fit, inference), job None_2) failed on no node: ended (no longer in the "
        f"queue) before finishing; it never started; log: {folder}/logs/None_2_0_log.err"]
    assert [r.status for r in Store().runs()] == ["failed"]
    assert len(Store().measurements()) == 2


MERGER = """
import sys
from recommender.catalog.store import Store
from recommender.measure import collect
collect.poll(sys.argv[1], Store(sys.argv[2]))
"""


@pytest.mark.parametrize("kill_after_s", [0.05, 0.15, 0.3, 0.6])
def test_a_merge_killed_with_sigkill_and_run_again_stores_each_row_once(tmp_path, monkeypatch, kill_after_s):
    folder, tasks = _campaign(tmp_path)
    _run_all(tasks, monkeypatch)
    target = tmp_path / "other.sqlite3"
    child = subprocess.Popen([sys.executable, "-c", MERGER, str(folder), str(target)])
    time.sleep(kill_after_s)
    child.send_signal(signal.SIGKILL)
    child.wait()
    kept = len(Store(target).measurements())
    assert kept in (0, 2, 4, 6)  # whole tasks only: one transaction per task
    again = collect.poll(folder, Store(target))
    assert again.added == 6 - kept
    assert len(Store(target).measurements()) == 6
    assert len({m.row_key for m in Store(target).measurements()}) == 6


# -- store schema migrations

V1_RUN_COLUMNS = ("started_at, host, suite, cpu, cores, threads, hardware, meter, meter_version, meter_method, "
                  "country, status, finished_at, energy_wh, duration_s")
V1_MEASUREMENT_COLUMNS = (
    "run_id, model_id, task, phase, hardware, gpus, boundary, batch_size, tokens_in, tokens_out, epochs, "
    "energy_wh_per_1k, energy_wh_per_1k_low, energy_wh_per_1k_high, energy_wh_per_op, items_per_op, "
    "seconds_per_op, items_per_s, repeats, rel_half_width, stopped_by, carbon_g_per_kwh, data, data_kind, weights, "
    "cpu, cores, threads, meter, meter_version, meter_method, tracking_mode, country, suite, measured_at, notes")


def test_a_version_1_store_is_read_then_migrated_on_the_first_write():
    path = Store().path
    path.parent.mkdir(parents=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(
            "CREATE TABLE frugal_schema (component TEXT PRIMARY KEY, version INTEGER NOT NULL);"
            "INSERT INTO frugal_schema VALUES ('measurements', 1);"
            f"CREATE TABLE runs (id INTEGER PRIMARY KEY, {V1_RUN_COLUMNS});"
            f"CREATE TABLE measurements (id INTEGER PRIMARY KEY, {V1_MEASUREMENT_COLUMNS});"
            "INSERT INTO runs (started_at, host, suite, status) VALUES ('2026-01-01T00:00:00', 'h', 's', 'finished');"
            f"INSERT INTO measurements ({V1_MEASUREMENT_COLUMNS}) VALUES "
            f"(1, 'pca', 'dimensionality-reduction', 'fit', 'cpu-laptop', NULL, 'it', NULL, NULL, NULL, NULL, "
            f"0.5, 0.4, 0.6, 0.1, 200, 0.01, 20000, 3, 0.2, 'interval', 50, 'd', 'tabular', 'w', 'c', 2, 1, "
            f"'fake', '0', 'm', 'process', 'FRA', 's', '2026-01-01T00:00:01', '')")
    conn.close()
    (old,) = Store().measurements()
    assert (old.model_id, old.scheduler, old.job_id, old.row_key) == ("pca", "local", None, None)
    Store().start_run(Run(None, "2026-12-01T00:00:00", "h", "s", "c", 1, 1, "cpu-laptop", "fake", "0", "m", "FRA"))
    with sqlite3.connect(path) as conn:
        version = conn.execute("SELECT version FROM frugal_schema WHERE component='measurements'").fetchone()
        scheduler = conn.execute("SELECT scheduler, job_id FROM measurements").fetchall()
    conn.close()
    assert (version, scheduler) == ((3,), [("local", None)])
    assert [(r.scheduler, r.pid) for r in Store().runs()] == [("local", None), ("local", None)]


def test_a_local_run_whose_process_is_gone_shows_as_killed(fixed_machine):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    here = socket.gethostname()
    Store().start_run(Run(None, "2026-11-30T09:00:00", here, "spin", "Test CPU 9000", 8, 1, "cpu-workstation",
                          "fake", "0", "fake meter", "FRA", pid=gone.pid))
    Store().start_run(Run(None, "2026-11-30T09:01:00", here, "spin", "Test CPU 9000", 8, 1, "cpu-workstation",
                          "fake", "0", "fake meter", "FRA", pid=os.getpid()))
    lines = invoke("bench", "history", "--runs", "--format", "csv").output.splitlines()
    assert lines[1:] == ["1,2026-11-30T09:00:00,spin,killed,Test CPU 9000,cpu-workstation,1,,,local,",
                         "2,2026-11-30T09:01:00,spin,running,Test CPU 9000,cpu-workstation,1,,,local,"]


def test_without_slurm_commands_the_slurm_executor_says_where_to_run(tmp_path, monkeypatch):
    pytest.importorskip("submitit")
    monkeypatch.setenv("PATH", str(tmp_path))
    result = invoke("bench", "--suite", ARRAY, "--executor", "slurm", "--folder", str(tmp_path / "c"))
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        1, "Error: --executor slurm needs SLURM's commands on PATH (no sbatch, srun, squeue here); run it on a "
           "SLURM login node.")
    assert [r.status for r in Store().runs()] == ["failed"]


# -- [tool.frugal.slurm]: precedence command line > --profile > the project's table > defaults

TABLE = """[project]
name = "my-benchmarks"

[tool.frugal.slurm]
partition = "gpu_p2"
qos = "qos_table"
time = "2:00:00"
cpus_per_task = 4

[tool.frugal.slurm.options]
mem = "4G"
hint = "multithread"
"""
NOTHING_GIVEN = dict(profile=None, array_parallelism=None, partition=None, account=None, qos=None, time_limit=None,
                     gpus_per_task=None, cpus_per_task=None, exclusive=None, slurm_options=())


def test_the_projects_table_sets_the_defaults(tmp_path):
    (tmp_path / "pyproject.toml").write_text(TABLE)
    (tmp_path / "sub").mkdir()
    chosen, sources = slurm.slurm_settings(**NOTHING_GIVEN, start=tmp_path / "sub")  # found in a folder above
    assert chosen == slurm.SlurmSettings(partition="gpu_p2", qos="qos_table", time_min=120, cpus_per_task=4,
                                         options={"mem": "4G", "hint": "multithread"})
    assert sources == ["defaults", f"[tool.frugal.slurm] of {tmp_path / 'pyproject.toml'}"]


def test_profile_over_table_and_command_line_over_both(tmp_path):
    (tmp_path / "pyproject.toml").write_text(TABLE)
    given = {**NOTHING_GIVEN, "profile": "jean-zay", "account": "xyz@cpu", "slurm_options": ("mem=16G",)}
    chosen, sources = slurm.slurm_settings(**given, start=tmp_path)
    assert chosen == slurm.SlurmSettings(
        partition="cpu_p1", account="xyz@cpu", qos="qos_cpu-dev", time_min=30, cpus_per_task=10, exclusive=True,
        array_parallelism=8, options={"mem": "16G", "hint": "nomultithread"})  # qos: profile's; mem: command line's
    assert [s.split(" ")[0] for s in sources] == ["defaults", "[tool.frugal.slurm]", "profile", "command"]


def test_a_pyproject_without_the_table_ends_the_search(tmp_path):
    (tmp_path / "pyproject.toml").write_text(TABLE)
    (tmp_path / "inner").mkdir()
    (tmp_path / "inner" / "pyproject.toml").write_text("[project]\nname = 'inner'\n")
    assert slurm.slurm_settings(**NOTHING_GIVEN, start=tmp_path / "inner") == (slurm.SlurmSettings(), ["defaults"])


def test_an_unknown_key_in_the_table_is_named(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[tool.frugal.slurm]\npartitions = 'x'\n")
    with pytest.raises(InvalidInput) as error:
        slurm.slurm_settings(**NOTHING_GIVEN, start=tmp_path)
    assert str(error.value) == (
        f"{tmp_path / 'pyproject.toml'} [tool.frugal.slurm]: unknown key 'partitions'. Accepted: account, "
        "array_parallelism, cpus_per_task, exclusive, gpus_per_task, options, partition, qos, time.")


def test_the_cli_says_where_its_slurm_settings_came_from(tmp_path, monkeypatch):
    pytest.importorskip("submitit")
    (tmp_path / "pyproject.toml").write_text(TABLE)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))  # no sbatch: the submission stops there
    result = invoke("bench", "--suite", ARRAY, "--executor", "slurm", "--partition", "cpu_p1")
    assert result.output.splitlines()[1:] == [
        f"SLURM settings: defaults, then [tool.frugal.slurm] of {tmp_path / 'pyproject.toml'}, then command line.",
        "Error: --executor slurm needs SLURM's commands on PATH (no sbatch, srun, squeue here); run it on a "
        "SLURM login node."]


def test_a_task_refuses_a_phase_under_foreign_load_and_the_campaign_says_so(tmp_path, monkeypatch):
    from recommender.measure import load

    folder, tasks = _campaign(tmp_path)
    loads = iter([0.9] * 6 + [0.0] * 3)  # fit: six windows under load, refused; inference: quiet

    def stop(self):
        self._last = (next(loads), 1.0)
        return self._last[0]

    monkeypatch.setattr(load.ForeignLoad, "start", lambda self: None)
    monkeypatch.setattr(load.ForeignLoad, "stop", stop)
    assert _run_all(tasks[:1], monkeypatch) == [1]
    task = campaign.read_task(folder, 0)
    assert (task["status"], [r["phase"] for r in task["rows"]]) == ("done", ["inference"])
    assert collect.poll(folder).refused == [
        "task 0: refused tfidf-logreg classification fit: other processes kept 0.90 CPUs busy during 6 of its "
        "windows (limit 0.25 CPUs); measure on a quiet machine, or pass --allow-foreign-load to keep such windows, "
        "flagged"]
