"""The cross-check with SLURM's accounting, without a cluster: sacct's output parsed, the fall-back to
the job completion log, each task's state, elapsed time and energy compared (sacct stubbed at the
subprocess boundary). The real sacct runs in tests/test_slurm.py."""

from __future__ import annotations

import subprocess

import pytest

from recommender.measure import sacct


def test_parse_reads_raw_ids_states_seconds_and_energy():
    text = ("41|COMPLETED|12|7200|node-a\n42|CANCELLED by 0|3||node-b\n43|FAILED|5|0|node-c\n"
            "41.batch|COMPLETED|12|7100|node-a\nnot a line\n")
    assert sacct.parse(text) == {
        "41": sacct.Accounted("41", "COMPLETED", 12, 7200.0, "node-a"),
        "42": sacct.Accounted("42", "CANCELLED", 3, None, "node-b"),
        "43": sacct.Accounted("43", "FAILED", 5, None, "node-c")}  # 0 J: energy accounting off, not 0 Wh


class Sacct:
    """Stands in for ``subprocess.run`` of sacct: answers by whether ``--completion`` is asked."""

    def __init__(self, accounting, completion=None):
        self.accounting, self.completion, self.calls = accounting, completion, []

    def __call__(self, command, **kwargs):
        self.calls.append(command)
        code, out, err = self.completion if "--completion" in command else self.accounting
        return subprocess.CompletedProcess(command, code, out, err)


@pytest.fixture
def on_path(monkeypatch):
    monkeypatch.setattr(sacct.shutil, "which", lambda name: f"/usr/bin/{name}")


def test_without_accounting_storage_sacct_reads_the_job_completion_log(on_path):
    run = Sacct((1, "", "Slurm accounting storage is disabled\n"), (0, "7|COMPLETED|4||n1\n", ""))
    records, source = sacct.accounting(["7"], run)
    assert (records, source) == ({"7": sacct.Accounted("7", "COMPLETED", 4, None, "n1")}, "sacct --completion")
    assert run.calls[0][-1] == "--allocations" and run.calls[1][-1] == "--completion"
    none = Sacct((1, "", "Slurm accounting storage is disabled\n"), (1, "", "jobcomp disabled\n"))
    assert sacct.accounting(["7"], none) == (
        {}, "SLURM keeps no accounting here (no accounting storage, no job completion log)")


def test_without_sacct_on_path(monkeypatch):
    monkeypatch.setattr(sacct.shutil, "which", lambda name: None)
    assert sacct.cross_check({0: {"raw_job_id": "7", "status": "done"}}) == (
        {}, "No sacct cross-check: sacct is not on PATH.")


def _task(status="done", start="2026-12-01T10:00:00", end="2026-12-01T10:00:10", energy_wh=2.0, job="7"):
    return {"status": status, "started_at": start, "ended_at": end, "energy_wh": energy_wh, "raw_job_id": job}


def test_a_task_that_agrees_on_state_and_time():
    check = sacct.check(_task(), sacct.Accounted("7", "COMPLETED", 11, None, "n1"), "sacct")
    assert check == sacct.Check("COMPLETED", 11, None, "sacct: COMPLETED in 11 s on n1; agrees", True)


@pytest.mark.parametrize("task, record, verdict", [
    (_task(), sacct.Accounted("7", "FAILED", 11, None, "n1"), "disagrees: the task file says done"),
    (_task("running"), sacct.Accounted("7", "COMPLETED", 11, None, "n1"), "disagrees: the task file says running"),
    (_task(end="2026-12-01T10:00:20"), sacct.Accounted("7", "COMPLETED", 11, None, "n1"),
     "disagrees: the task file spans 20 s"),  # 20 s > 11 s + 2 s of slack
    (_task(end="2026-12-01T10:00:13"), sacct.Accounted("7", "COMPLETED", 11, None, "n1"), "agrees"),
    (None, sacct.Accounted("7", "CANCELLED", 0, None, "n1"), "agrees"),  # cancelled before it started
])
def test_state_and_elapsed_time_disagreements_are_named(task, record, verdict):
    check = sacct.check(task, record, "sacct")
    assert check.text.endswith(f"; {verdict}") and check.agrees is (verdict == "agrees")


def test_energy_accounting_gives_the_disagreement_as_a_measured_uncertainty(on_path):
    run = Sacct((0, "7|COMPLETED|11|9000|n1\n8|COMPLETED|12|7200|n1\n", ""))
    checks, line = sacct.cross_check({0: _task(job="7"), 1: _task(job="8", energy_wh=2.5)}, run)
    assert checks[0] == sacct.Check("COMPLETED", 11, 2.5, "sacct: COMPLETED in 11 s on n1; energy 2.5 Wh for the job, "
                                    "the meter 2 Wh over the task (+25%, a measured uncertainty); agrees", True)
    assert checks[1].text == ("sacct: COMPLETED in 12 s on n1; energy 2 Wh for the job, the meter 2.5 Wh over the "
                              "task (-20%, a measured uncertainty); agrees")
    assert line == "sacct agrees with 2 of 2 task(s) on state and elapsed time."


def test_energy_accounting_off_is_said_once(on_path):
    run = Sacct((0, "7|COMPLETED|11||n1\n8|FAILED|3||n1\n", ""))
    checks, line = sacct.cross_check({0: _task(job="7"), 1: _task(job="8"), 2: None}, run)
    assert sorted(checks) == [0, 1] and checks[1].agrees is False
    assert line == ("sacct agrees with 1 of 2 task(s) on state and elapsed time. SLURM's energy accounting is off "
                    "(sacct reports no ConsumedEnergyRaw): the meter's energy is not cross-checked.")
    assert sacct.cross_check({0: None}, run) == ({}, "No sacct cross-check: the tasks recorded no SLURM job id.")
