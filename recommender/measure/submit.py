"""Submitting a suite to SLURM: its run recorded, its tasks planned, one job array sent."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from ..catalog.store import Run, Store
from . import campaign, local_array, slurm
from .runner import Machine, MeasureSettings
from .suites import Suite


@dataclass(frozen=True)
class Submission:
    folder: Path
    job_id: str
    run_id: int
    tasks: int
    specs: tuple = ()
    """The tasks planned (a local array starts them itself)."""


def campaign_folder(base: str | Path, suite: Suite) -> Path:
    """A new folder for one suite's campaign under ``base``: ``SUITE-YYYYMMDDTHHMMSS-PID``."""
    return Path(base).resolve() / f"{suite.name}-{datetime.now():%Y%m%dT%H%M%S}-{os.getpid()}"


@dataclass(frozen=True)
class MeterChoice:
    """The meter every task builds: ``meter`` (its name, version, method) as the submitter made it."""

    meter: object
    country: str
    tracking_mode: str


def submit_suite(suite: Suite, *, folder: Path, store: Store, settings: MeasureSettings, meter: MeterChoice,
                 scheduler: slurm.SlurmSettings, machine: Machine, executor: str = "slurm") -> Submission:
    """Record the run, plan one task per entry, write the folder's plan and submit the array
    (``executor`` slurm); a ``local-array`` campaign is planned only: ``local_array.LocalArray`` runs it."""
    now = datetime.now().isoformat(timespec="seconds")
    m = meter.meter
    run = Run(id=None, started_at=now, host=machine.host, suite=suite.name, cpu=machine.cpu, cores=machine.cores,
              threads=settings.threads, hardware=settings.hardware, meter=m.name, meter_version=m.version,
              meter_method=f"{m.method}, one meter per node", country=meter.country, scheduler=executor,
              folder=str(folder))
    run_id = store.start_run(run)
    common = {"hardware": settings.hardware, "threads": settings.threads, "country": meter.country,
              "tracking_mode": meter.tracking_mode,
              "allocation": "exclusive" if scheduler.exclusive and executor == "slurm" else "shared",
              "settings": {k: v for k, v in asdict(settings).items() if k not in ("hardware", "threads")}}
    tasks = campaign.plan_tasks(suite, folder=folder, run_id=run_id, common=common)
    campaign.write_manifest(folder, suite, tasks, store=str(store.path), run_id=run_id, submitted_at=now,
                            scheduler=executor, job_id=None)
    if executor == local_array.SCHEDULER:
        return Submission(folder=folder, job_id="", run_id=run_id, tasks=len(tasks), specs=tuple(tasks))
    try:
        job_id = slurm.submit_array(campaign.run_task, tasks, folder, scheduler)
    except BaseException:
        store.update_run(run_id, status="failed", finished_at=datetime.now().isoformat(timespec="seconds"))
        campaign.update_manifest(folder, closed="failed")
        raise
    campaign.update_manifest(folder, job_id=job_id)
    store.update_run(run_id, job_id=job_id)
    return Submission(folder=folder, job_id=job_id, run_id=run_id, tasks=len(tasks))
