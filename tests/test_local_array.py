"""``--executor local-array``: a campaign on this machine through submitit's LocalExecutor, the same
tasks, folder, merge and history as on SLURM, with no SLURM; its queue is the tasks' processes."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from bench_helpers import SUITES, invoke

from recommender.catalog.store import Store
from recommender.measure import campaign, collect, local_array

pytest.importorskip("submitit", reason="the local-array executor needs submitit (pip install 'frugal-advisor[slurm]')")
ARRAY = str(SUITES / "spin-array.toml")
SLOW = str(SUITES / "spin-slow.toml")


def _run(tmp_path, suite, *more):
    return invoke("bench", "--suite", suite, "--executor", "local-array", "--folder", str(tmp_path / "campaigns"),
                  "--hardware", "cpu-server", "--repeat-seconds", "0", "--poll-seconds", "0.2", *more)


def test_a_suite_runs_as_local_tasks_through_submitit_and_every_row_has_its_job_id(tmp_path):
    result = _run(tmp_path, ARRAY, "--array-parallelism", "2")
    assert result.exit_code == 0, result.output
    match = re.search(r"^Running spin-array as a local array \(3 tasks, at most 2 at once\) in (\S+)\.$",
                      result.output, re.MULTILINE)
    assert match, result.output
    folder = Path(match.group(1))
    assert result.output.splitlines()[-1] == f"{folder}: 0 pending, 0 running, 3 done, 0 failed; 6 new rows stored."
    jobs = campaign.read_manifest(folder)["local_jobs"]
    assert sorted(jobs) == ["0", "1", "2"] and len(set(jobs.values())) == 3  # one process per task
    rows = Store().measurements()
    assert sorted((m.model_id, m.phase, m.scheduler, m.job_id, m.array_index, m.node, m.allocation) for m in rows) == [
        (model, phase, "local-array", jobs[str(i)], i, socket.gethostname(), "shared")
        for model, i in (("kmeans", 2), ("logistic-regression", 1), ("tfidf-logreg", 0))
        for phase in ("fit", "inference")]
    assert all(m.energy_wh_per_1k == 0.25 for m in rows)  # fake meter: 1 mWh per window of 4 items
    assert [(r.status, r.scheduler) for r in Store().runs()] == [("finished", "local-array")]
    for i in range(3):  # submitit's own log of each task, where a failure would point
        assert (folder / "logs" / f"{jobs[str(i)]}_0_log.err").exists()
    again = invoke("bench", "collect", str(folder))
    assert again.output.splitlines()[-1] == f"{folder}: 0 pending, 0 running, 3 done, 0 failed; 0 new rows stored."
    history = invoke("bench", "history", "--format", "csv").output.splitlines()
    assert sorted(line.split(",")[-3] for line in history[1:]) == sorted(jobs[str(i)] for i in range(3) for _ in "ab")


def test_no_wait_needs_slurm(tmp_path):
    result = _run(tmp_path, ARRAY, "--no-wait")
    assert (result.exit_code, result.output.splitlines()[-1]) == (
        2, "Error: --no-wait needs --executor slurm: a local array's tasks are started by this process, one as "
           "another ends.")
    assert Store().runs() == []


def test_the_queue_is_the_tasks_processes(tmp_path):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    tasks = [{"index": i} for i in range(3)]
    manifest = {"tasks": tasks, "local_jobs": {"0": os.getpid(), "1": gone.pid}, "submitter_pid": os.getpid()}
    host = socket.gethostname()
    assert local_array.states(manifest) == {0: ("RUNNING", host), 1: ("EXITED", host), 2: ("PENDING", "")}
    assert local_array.states({**manifest, "submitter_pid": gone.pid})[2] == ("NEVER STARTED", "")


def test_a_task_whose_process_ended_unfinished_is_a_failure_naming_its_log(tmp_path):
    result = _run(tmp_path, SLOW, "--model", "tfidf-logreg")  # one fast task, run for real
    assert result.exit_code == 0, result.output
    (folder,) = (tmp_path / "campaigns").iterdir()
    manifest = campaign.read_manifest(folder)
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    task = campaign.read_task(folder, 0)
    campaign.task_file(folder, 0).write_text(__import__("json").dumps({**task, "status": "running"}))
    campaign.update_manifest(folder, local_jobs={"0": gone.pid}, closed=None)
    progress = collect.poll(folder)
    assert collect.failures(progress) == [
        f"task 0 (tfidf-logreg classification (fit, inference), job {gone.pid}) failed on {socket.gethostname()}: "
        f"ended (EXITED) before finishing; it started; log: {folder}/logs/{gone.pid}_0_log.err"]
    assert manifest["scheduler"] == "local-array"


def test_cancel_ends_the_tasks_processes_and_stops_starting_new_ones(tmp_path):
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        manifest = {"tasks": [{"index": 0}, {"index": 1}], "local_jobs": {"0": sleeper.pid},
                    "submitter_pid": os.getpid(), "cancelled": True}
        local_array.cancel(manifest)
        assert sleeper.wait(timeout=10) == -15  # SIGTERM
        assert local_array.states(manifest) == {0: ("EXITED", socket.gethostname()), 1: ("NEVER STARTED", "")}
    finally:
        sleeper.kill()
