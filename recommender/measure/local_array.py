"""A campaign on this machine: the same tasks, folder and merge as on SLURM, run through submitit's
``LocalExecutor`` (one process per task, at most ``parallelism`` at once; the submitting process
starts the next as one ends). Its queue is the tasks' processes: ``states`` reads them by PID.
"""

from __future__ import annotations

import os
import signal
import socket
from pathlib import Path

from ..errors import FrugalError
from . import campaign

SCHEDULER = "local-array"


def _submitit():
    try:
        import submitit
    except ImportError:
        from ..version import install_hint

        raise FrugalError(f"--executor local-array needs submitit: {install_hint('slurm')}.") from None
    return submitit


def alive(pid: int) -> bool:
    """Whether process ``pid`` runs (a zombie counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().rpartition(")")[2].split()[0] != "Z"
    except OSError:
        return True


class LocalArray:
    """Starts a campaign's tasks with submitit's ``LocalExecutor``; ``tick`` starts tasks while fewer
    than ``parallelism`` run, records their PIDs in the campaign file, and says whether all ended."""

    def __init__(self, folder: Path, specs: list, *, parallelism: int = 1, time_min: int = 60):
        submitit = _submitit()
        self.folder, self.parallelism = Path(folder), parallelism
        self.executor = submitit.LocalExecutor(folder=self.folder / "logs", max_num_timeout=0)
        self.executor.update_parameters(timeout_min=time_min)
        self.waiting, self.jobs = list(specs), {}
        campaign.update_manifest(self.folder, submitter_pid=os.getpid(), local_jobs={})

    def tick(self) -> bool:
        running = sum(not job.done() for job in self.jobs.values())  # done() also reaps ended processes
        if self.waiting and campaign.read_manifest(self.folder).get("cancelled"):
            self.waiting = []
        started = False
        while self.waiting and running < self.parallelism:
            spec = self.waiting.pop(0)
            self.jobs[spec.index] = self.executor.submit(campaign.run_task, spec)
            running, started = running + 1, True
        if started:
            campaign.update_manifest(self.folder, local_jobs={str(i): j.job_id for i, j in self.jobs.items()})
        return not self.waiting and running == 0


def states(manifest: dict) -> dict[int, tuple[str, str]]:
    """The tasks' states as ``slurm.queue_states`` gives them: RUNNING while the task's process runs,
    PENDING while it waits for a free slot, EXITED once the process is gone, NEVER STARTED when the
    submitting process ended before starting it."""
    jobs = {int(i): int(pid) for i, pid in manifest.get("local_jobs", {}).items()}
    submitter = manifest.get("submitter_pid")
    waiting = "PENDING" if submitter and alive(submitter) and not manifest.get("cancelled") else "NEVER STARTED"
    host = socket.gethostname()
    return {spec["index"]: (("RUNNING" if alive(jobs[spec["index"]]) else "EXITED", host)
                            if spec["index"] in jobs else (waiting, ""))
            for spec in manifest["tasks"]}


def cancel(manifest: dict) -> None:
    """End the tasks' processes (SIGTERM, which submitit's controller passes on to the task)."""
    for pid in manifest.get("local_jobs", {}).values():
        if alive(int(pid)):
            os.kill(int(pid), signal.SIGTERM)
