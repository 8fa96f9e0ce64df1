"""A campaign: one suite as tasks, one per (model, workload, hardware) entry, each measured by one
process on one node, writing its rows to a task file in the submit folder.

The folder (on a filesystem the compute nodes share) holds ``campaign.json`` (the plan, written by
the submitter), ``tasks/INDEX.json`` (each task's status and rows, rewritten whole after every
phase) and ``logs/`` (the scheduler's logs). Nothing here talks to a scheduler (``slurm`` does)
or to the store (``collect`` does): a task needs only the folder and the suite file.
"""

from __future__ import annotations

import json
import os
import socket
import uuid
from dataclasses import asdict, dataclass, replace
from datetime import datetime
from pathlib import Path

from ..catalog.store import Measurement
from ..errors import FrugalError, InvalidInput
from ..paths import write_atomic
from .suites import Suite

MANIFEST = "campaign.json"
MANIFEST_VERSION = 1


@dataclass(frozen=True)
class TaskSpec:
    """What one array task measures: entry ``entry_index`` of the suite file, for ``run_id``."""

    folder: str
    campaign: str
    """The campaign's unique id: every row key starts with it."""
    index: int
    """The task's array index (0-based)."""
    suite_path: str
    entry_index: int
    """The entry's index among the suite file's entries."""
    model: str
    """The entry's model id, checked by the task against the file it reads."""
    run_id: int
    hardware: str
    threads: int
    country: str
    tracking_mode: str
    allocation: str
    """``exclusive`` or ``shared``: what the node meter's figure means."""
    settings: dict
    """``MeasureSettings`` fields (target, budget_s, repeat_s, min_repeats, max_repeats)."""


def plan_tasks(suite: Suite, *, folder: Path, run_id: int, common: dict) -> list[TaskSpec]:
    """One task per entry of ``suite`` (each entry is one model on one workload and hardware), in
    suite order; ``common`` holds the TaskSpec fields every task shares (hardware, threads, country,
    tracking_mode, allocation, settings)."""
    from .suites import load_suite

    campaign = uuid.uuid4().hex[:12]
    in_file = load_suite(str(suite.path)).entries  # ``suite`` may be a selection (--model) of the file's entries
    return [TaskSpec(folder=str(folder), campaign=campaign, index=i, suite_path=str(suite.path),
                     entry_index=in_file.index(entry), model=entry.model, run_id=run_id, **common)
            for i, entry in enumerate(suite.entries)]


def write_manifest(folder: Path, suite: Suite, tasks: list[TaskSpec], **info) -> None:
    """The plan, for ``collect`` and ``cancel``: tasks with their labels, plus ``info`` (job id...)."""
    labels = [f"{e.label} ({', '.join(e.phases)})" for e in suite.entries]
    body = {"version": MANIFEST_VERSION, "suite": suite.name, "tasks": [asdict(t) for t in tasks],
            "labels": labels, **info}
    folder.mkdir(parents=True, exist_ok=True)
    write_atomic(folder / MANIFEST, json.dumps(body, indent=1))


def read_manifest(folder: str | Path) -> dict:
    """The campaign written in ``folder``; ``InvalidInput`` when there is none."""
    path = Path(folder) / MANIFEST
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"'{folder}' is not a frugal bench campaign folder (no {MANIFEST}).") from None
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path} is not a readable campaign file ({exc}).") from None


def update_manifest(folder: str | Path, **info) -> None:
    body = read_manifest(folder)
    body.update(info)
    write_atomic(Path(folder) / MANIFEST, json.dumps(body, indent=1))


def task_file(folder: str | Path, index: int) -> Path:
    return Path(folder) / "tasks" / f"{index}.json"


def read_task(folder: str | Path, index: int) -> dict | None:
    """A task's file (status, node, job_id, rows, error), or None while it has not started."""
    try:
        return json.loads(task_file(folder, index).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None


def rows_of(task: dict | None) -> list[Measurement]:
    return [Measurement(**row) for row in (task or {}).get("rows", [])]


@dataclass(frozen=True)
class Placement:
    """Where a task runs, from the scheduler's environment."""

    job_id: str | None
    array_index: int | None
    node: str
    local_rank: int
    scheduler: str = "local"
    """``slurm``, ``local-array`` (submitit's local executor) or ``local``."""


def placement(env: dict | None = None) -> Placement:
    """This process's place: SLURM's array job and task ids, node name and local rank; under
    submitit's local executor, its job id (the task's controlling process); else none (rank 0)."""
    env = os.environ if env is None else env
    array_job, array_task = env.get("SLURM_ARRAY_JOB_ID"), env.get("SLURM_ARRAY_TASK_ID")
    job_id = f"{array_job}_{array_task}" if array_job and array_task else env.get("SLURM_JOB_ID")
    local = None if job_id else env.get("SUBMITIT_LOCAL_JOB_ID")
    rank = env.get("SLURM_LOCALID") or env.get("SUBMITIT_LOCAL_LOCALID") or "0"
    return Placement(job_id=job_id or local, array_index=int(array_task) if array_task else None,
                     node=env.get("SLURMD_NODENAME") or socket.gethostname(), local_rank=int(rank),
                     scheduler="slurm" if job_id else "local-array" if local else "local")


def elected_meter(where: Placement) -> bool:
    """One meter per node: only the node's local rank 0 measures; any other rank of the same job on
    that node stays idle, so a node meter is never counted twice."""
    return where.local_rank == 0


def run_task(spec: TaskSpec) -> int:
    """Measure the task's entry, each phase, on this node; the task file is rewritten whole after
    each phase so a task killed later keeps what it had measured. Returns the rows written (0 for a
    rank that is not the node's elected meter)."""
    from .meter import make_meter
    from .runner import MeasureSettings, detect_machine
    from .suites import load_suite
    from . import workloads

    where = placement()
    if not elected_meter(where):
        return 0
    suite = load_suite(spec.suite_path)
    entry = suite.entries[spec.entry_index] if spec.entry_index < len(suite.entries) else None
    if entry is None or entry.model != spec.model:
        raise FrugalError(f"{spec.suite_path} changed since it was submitted: entry {spec.entry_index + 1} is no "
                          f"longer {spec.model}.")
    state = {"status": "running", "node": where.node, "job_id": where.job_id, "pid": os.getpid(),
             "raw_job_id": os.environ.get("SLURM_JOB_ID"), "started_at": _now(), "rows": []}
    _write_task(spec, state)
    try:
        meter = make_meter(spec.country, spec.tracking_mode)
        settings = MeasureSettings(hardware=spec.hardware, threads=spec.threads, **spec.settings)
        machine = replace(detect_machine(), host=where.node)
        restore = workloads.set_threads(spec.threads)
        try:
            with meter.window() as whole:  # the whole task, for the cross-check with SLURM's energy accounting
                _measure_phases(spec, entry, (suite.name, settings, meter, machine, where), state)
            state["energy_wh"] = whole.reading.energy_wh
        finally:
            restore()
    except BaseException as exc:
        state.update(status="failed", error=f"{type(exc).__name__}: {exc}", ended_at=_now())
        _write_task(spec, state)
        raise
    state.update(status="done", ended_at=_now())
    _write_task(spec, state)
    return len(state["rows"])


def _measure_phases(spec: TaskSpec, entry, how: tuple, state: dict) -> None:
    """Measure each phase of ``entry``; the task file is rewritten after each (``how``: suite name,
    settings, meter, machine, placement)."""
    from .load import ForeignLoadRefused
    from .runner import measure

    suite, settings, meter, machine, where = how
    for phase in entry.phases:
        try:
            m = measure(entry, phase, settings, meter, machine=machine, suite=suite, run_id=spec.run_id)
        except ForeignLoadRefused as refused:
            state.setdefault("refused", []).append(str(refused))
            _write_task(spec, state)
            continue
        m = replace(m, scheduler=where.scheduler, job_id=where.job_id, array_index=spec.index, node=where.node,
                    allocation=spec.allocation, row_key=f"{spec.campaign}/{spec.index}/{phase}",
                    notes=f"{m.notes}; {spec.allocation} allocation on {where.node}, job {where.job_id}")
        state["rows"].append(asdict(m))
        _write_task(spec, state)


def _write_task(spec: TaskSpec, state: dict) -> None:
    path = task_file(spec.folder, spec.index)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(state))


def _now() -> str:
    return datetime.now().isoformat(timespec="seconds")
