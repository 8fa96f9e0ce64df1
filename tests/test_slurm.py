"""``frugal bench --executor slurm`` against a real one-node SLURM that these tests start (munged,
slurmctld, slurmd as child processes; stopped by their PIDs at the end), with the fake meter and
busy-loop suites. Skipped, with the reason, where SLURM is not installed or not run as root."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from bench_helpers import SUITES, OneNodeSlurm, slurm_missing

from recommender.catalog.store import Store
from recommender.measure import campaign, sacct

pytest.importorskip("submitit", reason="the SLURM executor needs submitit (pip install 'frugal-advisor[slurm]')")
REASON = slurm_missing()
pytestmark = pytest.mark.skipif(REASON is not None, reason=REASON or "")
ARRAY = str(SUITES / "spin-array.toml")
SLOW = str(SUITES / "spin-slow.toml")
HOST = socket.gethostname().split(".")[0]
ACCOUNTED = f"sacct --completion agrees with 3 of 3 task(s) on state and elapsed time. {sacct.ENERGY_OFF}"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    folder = tmp_path_factory.mktemp("slurm")
    slurm = OneNodeSlurm(folder)
    # no accounting database here: the job completion log gives sacct --completion each job's state and time
    slurm.conf.write_text(slurm.conf.read_text().replace(
        "JobCompType=jobcomp/none", f"JobCompType=jobcomp/filetxt\nJobCompLoc={folder}/jobcomp.txt"))
    slurm.start()
    yield slurm
    slurm.stop()


@pytest.fixture
def env(cluster, isolated_user_dir):
    return {**os.environ, **cluster.env, "FRUGAL_METER": "fake", "FRUGAL_HOME": str(isolated_user_dir)}


def frugal(env, *args, check=True) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "recommender", *args], env=env, capture_output=True, text=True,
                          timeout=240)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def submit(env, suite, folder, *more, check=True):
    return frugal(env, "bench", "--suite", suite, "--executor", "slurm", "--folder", str(folder), "--threads", "1",
                  "--hardware", "cpu-server", "--repeat-seconds", "0", "--poll-seconds", "0.5", *more, check=check)


def submitted(output: str) -> tuple[str, Path]:
    """The array's job id and campaign folder from the 'Submitted ...' line."""
    match = re.search(r"as SLURM array (\d+) \((\d+) tasks\) in (\S+)\.$", output, re.MULTILINE)
    assert match, output
    return match.group(1), Path(match.group(3))


def test_a_suite_runs_as_one_array_and_every_row_has_its_job_id(env, tmp_path):
    done = submit(env, ARRAY, tmp_path / "campaigns")
    job, folder = submitted(done.stdout)
    assert done.stdout.splitlines()[-2:] == [f"{folder}: 0 pending, 0 running, 3 done, 0 failed; 6 new rows stored.",
                                             f"{folder}: {ACCOUNTED}"]
    rows = Store().measurements()
    assert sorted((m.model_id, m.phase, m.job_id, m.array_index, m.node, m.scheduler, m.allocation) for m in rows) == [
        (model, phase, f"{job}_{i}", i, HOST, "slurm", "shared")
        for model, i in (("kmeans", 2), ("logistic-regression", 1), ("tfidf-logreg", 0))
        for phase in ("fit", "inference")]
    assert all(m.energy_wh_per_1k == 0.25 for m in rows)  # fake meter: 1 mWh per window of 4 items
    runs = frugal(env, "bench", "history", "--runs", "--format", "csv").stdout.splitlines()
    assert runs[1].split(",")[2:4] == ["spin-array", "finished"] and runs[1].split(",")[-2:] == ["slurm", job]
    history = frugal(env, "bench", "history", "--format", "csv").stdout.splitlines()
    assert sorted(line.split(",")[-3] for line in history[1:]) == sorted(f"{job}_{i}" for i in range(3) for _ in "ab")
    again = frugal(env, "bench", "collect", str(folder))
    assert again.stdout.splitlines()[-2] == f"{folder}: 0 pending, 0 running, 3 done, 0 failed; 0 new rows stored."
    assert len(Store().measurements()) == 6


def test_a_cancelled_task_leaves_the_others_stored_and_is_named(env, tmp_path):
    done = submit(env, SLOW, tmp_path / "campaigns", "--no-wait")
    job, folder = submitted(done.stdout)
    assert done.stdout.splitlines()[-1] == f"Follow and merge with: frugal bench collect {folder}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        states = [(campaign.read_task(folder, i) or {}).get("status") for i in range(3)]
        if states == ["done", "done", "running"]:
            break
        time.sleep(0.3)
    assert states == ["done", "done", "running"]
    subprocess.run(["scancel", f"{job}_2"], env=env, check=True)
    collected = frugal(env, "bench", "collect", str(folder), "--poll-seconds", "0.5", check=False)
    assert collected.returncode == 1, collected.stdout + collected.stderr
    assert collected.stdout.splitlines()[-2:] == [
        f"{folder}: 0 pending, 0 running, 2 done, 1 failed; 4 new rows stored.",
        f"{folder}: sacct --completion agrees with 3 of 3 task(s) on state and elapsed time. {sacct.ENERGY_OFF}"]
    checks = sorted((m.array_index, m.sacct_state, m.sacct_check.endswith("; agrees")) for m in Store().measurements())
    assert checks == [(0, "COMPLETED", True), (0, "COMPLETED", True), (1, "COMPLETED", True), (1, "COMPLETED", True)]
    assert collected.stderr.splitlines()[-2:] == [
        f"task 2 (kmeans clustering (fit, inference), job {job}_2) failed on {HOST}: ended (CANCELLED) before "
        f"finishing; it started; log: {folder}/logs/{job}_2_0_log.err",
        "Error: 1 task(s) failed; the other tasks' rows are stored."]
    assert sorted((m.model_id, m.job_id) for m in Store().measurements()) == [
        ("logistic-regression", f"{job}_1"), ("logistic-regression", f"{job}_1"),
        ("tfidf-logreg", f"{job}_0"), ("tfidf-logreg", f"{job}_0")]
    assert [r.status for r in Store().runs()] == ["failed"]


def test_a_merge_killed_with_sigkill_and_run_again_stores_each_row_once(env, tmp_path):
    done = submit(env, ARRAY, tmp_path / "campaigns", "--no-wait")
    job, folder = submitted(done.stdout)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and any((campaign.read_task(folder, i) or {}).get("status") != "done"
                                              for i in range(3)):
        time.sleep(0.3)
    for delay in (0.2, 0.4, 0.6, 0.8):
        child = subprocess.Popen([sys.executable, "-m", "recommender", "bench", "collect", str(folder)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert len(Store().measurements()) in (0, 2, 4, 6)
    frugal(env, "bench", "collect", str(folder))
    rows = Store().measurements()
    assert sorted(m.job_id for m in rows) == sorted(f"{job}_{i}" for i in range(3) for _ in "ab")
    assert len({m.row_key for m in rows}) == 6
    assert [r.status for r in Store().runs()] == ["finished"]


def test_two_submissions_at_once_lose_nothing(env, tmp_path):
    command = [sys.executable, "-m", "recommender", "bench", "--suite", ARRAY, "--executor", "slurm", "--folder",
               str(tmp_path / "campaigns"), "--threads", "1", "--hardware", "cpu-server", "--repeat-seconds", "0",
               "--poll-seconds", "0.5"]
    children = [subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
    outputs = [child.communicate(timeout=240) for child in children]
    assert [child.returncode for child in children] == [0, 0], outputs
    jobs = sorted(submitted(out)[0] for out, _ in outputs)
    assert jobs[0] != jobs[1]
    rows = Store().measurements()
    assert sorted(m.job_id for m in rows) == sorted(f"{j}_{i}" for j in jobs for i in range(3) for _ in "ab")
    assert sorted((r.status, r.job_id) for r in Store().runs()) == [("finished", j) for j in jobs]


def test_cancel_ends_the_array_keeps_what_was_measured_and_closes_the_run(env, tmp_path):
    done = submit(env, SLOW, tmp_path / "campaigns", "--no-wait")
    job, folder = submitted(done.stdout)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and (campaign.read_task(folder, 2) or {}).get("status") != "running":
        time.sleep(0.3)
    cancelled = frugal(env, "bench", "cancel", str(folder), check=False)
    assert cancelled.returncode == 1, cancelled.stdout + cancelled.stderr
    assert cancelled.stdout.splitlines()[0] == f"Cancelled the array of {folder}."
    assert f"failed on {HOST}: ended (CANCELLED) before finishing; it started; log: " in cancelled.stderr
    assert [(r.status, r.job_id) for r in Store().runs()] == [("cancelled", job)]
    assert frugal(env, "bench", "history", "--runs", "--format", "csv").stdout.splitlines()[1].split(",")[3] \
        == "cancelled"


def test_sacct_agrees_with_every_row_on_its_jobs_state_and_elapsed_time(env, tmp_path):
    done = submit(env, ARRAY, tmp_path / "campaigns")
    job, folder = submitted(done.stdout)
    rows = Store().measurements()
    raw = {i: campaign.read_task(folder, i)["raw_job_id"] for i in range(3)}
    listed = subprocess.run(["sacct", "--completion", "--noheader", "--parsable2", "--format", "JobIDRaw,State,ElapsedRaw",
                             "--jobs", ",".join(raw.values())], env=env, capture_output=True, text=True, check=True)
    oracle = {line.split("|")[0]: (line.split("|")[1], int(line.split("|")[2])) for line in listed.stdout.splitlines()}
    assert sorted(oracle) == sorted(raw.values())  # one record per array task, by its own job id
    for m in rows:
        state, elapsed = oracle[raw[m.array_index]]
        assert (m.sacct_state, m.sacct_elapsed_s, m.sacct_energy_wh) == ("COMPLETED", elapsed, None)
        assert m.sacct_check == f"sacct --completion: COMPLETED in {elapsed} s on {HOST}; agrees"
