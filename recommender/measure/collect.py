"""Following a campaign and merging its task files into the store.

Each task's rows are merged in one transaction, keyed by ``row_key``: merging a task twice, or
again after a merge killed mid-way, stores each row once. The scheduler is read first, the task
files after, so a task that has left the queue without writing ``done`` is known to have failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from ..catalog.store import Store
from . import campaign, local_array, slurm

STATES = ("pending", "running", "done", "failed")


@dataclass(frozen=True)
class TaskState:
    index: int
    label: str
    state: str
    """``pending``, ``running``, ``done`` or ``failed``."""
    node: str | None = None
    job_id: str = ""
    log: str = ""
    reason: str = ""


@dataclass
class Progress:
    tasks: list[TaskState] = field(default_factory=list)
    added: int = 0
    """Rows this call added to the store."""
    accounting: str = ""
    """The campaign's cross-check with SLURM's accounting, in one line, once it has ended."""
    refused: list[str] = field(default_factory=list)
    """Rows the tasks refused to measure under foreign load, one line each."""

    def count(self, state: str) -> int:
        return sum(t.state == state for t in self.tasks)

    @property
    def finished(self) -> bool:
        return all(t.state in ("done", "failed") for t in self.tasks)

    def summary(self) -> str:
        return ", ".join(f"{self.count(s)} {s}" for s in STATES)


def _state(index: int, label: str, job: str, folder: Path, queued: tuple[str, str] | None,
           task: dict | None) -> TaskState:
    log = str(slurm.log_path(folder, job))
    node = (task or {}).get("node") or (queued[1] if queued and queued[1] else None)
    status = (task or {}).get("status")
    if status == "done" and not (queued and queued[0] in slurm.RUNNING_STATES):  # done once its job has ended
        return TaskState(index, label, "done", node, job, log)
    if status == "failed":
        return TaskState(index, label, "failed", node, job, log, task.get("error", "failed"))
    if queued and queued[0] in slurm.PENDING_STATES:
        return TaskState(index, label, "pending", node, job, log)
    if queued and queued[0] in slurm.RUNNING_STATES or status == "done":
        return TaskState(index, label, "running", node, job, log)
    ended = queued[0] if queued else "no longer in the queue"
    started = "it started" if task else "it never started"
    return TaskState(index, label, "failed", node, job, log, f"ended ({ended}) before finishing; {started}")


def poll(folder: str | Path, store: Store | None = None) -> Progress:
    """The campaign's tasks now, their finished rows merged into ``store`` (the store the campaign
    was submitted from when None); once every task has ended, the run is closed."""
    folder = Path(folder)
    manifest = campaign.read_manifest(folder)
    store = store or Store(Path(manifest["store"]))
    array = manifest.get("job_id")
    local = manifest.get("scheduler") == local_array.SCHEDULER
    queued = local_array.states(manifest) if local else slurm.queue_states(array) if array else {}
    progress, tasks = Progress(accounting=manifest.get("accounting", "")), {}
    for spec, label in zip(manifest["tasks"], manifest["labels"]):
        index = spec["index"]
        task = tasks[index] = campaign.read_task(folder, index)
        progress.refused += [f"task {index}: {line}" for line in (task or {}).get("refused", [])]
        rows = campaign.rows_of(task)
        if rows:
            progress.added += store.merge(rows)
        job = manifest.get("local_jobs", {}).get(str(index), "") if local else f"{array}_{index}"
        progress.tasks.append(_state(index, label, job, folder, queued.get(index), task))
    if progress.finished and not manifest.get("closed"):
        status = "cancelled" if manifest.get("cancelled") else (
            "failed" if progress.count("failed") else "finished")
        if not local:
            progress.accounting = _cross_check(tasks, store)
        started = datetime.fromisoformat(manifest["submitted_at"])
        store.update_run(manifest["run_id"], status=status, finished_at=_now(),
                         duration_s=(datetime.now() - started).total_seconds())
        campaign.update_manifest(folder, closed=status, accounting=progress.accounting)
    return progress


def _cross_check(tasks: dict[int, dict | None], store: Store) -> str:
    """Check the ended tasks against ``sacct`` and record each check on the task's rows; one line back."""
    from . import sacct

    checks, line = sacct.cross_check(tasks)
    store.annotate({row.row_key: {"sacct_state": c.state, "sacct_elapsed_s": c.elapsed_s,
                                  "sacct_energy_wh": c.energy_wh, "sacct_check": c.text}
                    for i, c in checks.items() for row in campaign.rows_of(tasks[i])})
    return line or ""


def failures(progress: Progress) -> list[str]:
    """One line per failed task: which task, on which node, why, and its log."""
    return [f"task {t.index} ({t.label}, job {t.job_id}) failed on {t.node or 'no node'}: {t.reason}; "
            f"log: {t.log}" for t in progress.tasks if t.state == "failed"]


def cancel(folder: str | Path) -> None:
    """Cancel the campaign's array; ``poll`` then closes its run as ``cancelled``."""
    manifest = campaign.read_manifest(folder)
    campaign.update_manifest(folder, cancelled=True)
    if manifest.get("scheduler") == local_array.SCHEDULER:
        local_array.cancel(manifest)
    else:
        slurm.cancel(manifest["job_id"], folder)


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")
