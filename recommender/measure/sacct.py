"""SLURM's own accounting of a campaign's jobs (``sacct``), cross-checked against the task files.

``sacct`` reads the accounting database (slurmdbd); where accounting storage is off, the job
completion log (``JobCompType=jobcomp/filetxt``, ``sacct --completion``) still gives each job's state
and elapsed time, without energy. A job's ``ConsumedEnergyRaw`` (J) is there only where an energy
plugin (``AcctGatherEnergyType``) is on; the disagreement with the meter is then recorded.
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime

FIELDS = "JobIDRaw,State,ElapsedRaw,ConsumedEnergyRaw,NodeList"
ELAPSED_SLACK_S = 2
"""Seconds a task's own span (its file's start and end, to the second) may exceed the job's elapsed time."""
ENERGY_OFF = "SLURM's energy accounting is off (sacct reports no ConsumedEnergyRaw): the meter's energy is not cross-checked."


@dataclass(frozen=True)
class Accounted:
    """One job as sacct reports it."""

    job_id: str
    """The raw job id (an array task's own id, not ``ARRAY_INDEX``)."""
    state: str
    elapsed_s: int | None
    energy_j: float | None
    """``ConsumedEnergyRaw``; None when empty or 0 (energy accounting off)."""
    nodes: str


def parse(text: str) -> dict[str, Accounted]:
    """``sacct --parsable2 --noheader --format FIELDS`` output, by raw job id."""
    jobs = {}
    for line in text.splitlines():
        parts = line.split("|")
        if len(parts) != 5 or not parts[0].isdigit():
            continue
        job, state, elapsed, energy, nodes = parts
        joules = float(energy) if energy.strip().replace(".", "", 1).isdigit() and float(energy) > 0 else None
        jobs[job] = Accounted(job, state.split()[0] if state.strip() else "", int(elapsed) if elapsed.isdigit()
                              else None, joules, nodes)
    return jobs


def accounting(job_ids: list[str], run=subprocess.run) -> tuple[dict[str, Accounted], str]:
    """SLURM's records of these raw job ids, and where they came from (``sacct`` or ``sacct --completion``)
    or, with no records, why."""
    if shutil.which("sacct") is None:
        return {}, "sacct is not on PATH"
    ask = ["sacct", "--jobs", ",".join(job_ids), "--noheader", "--parsable2", "--format", FIELDS]
    done = run([*ask, "--allocations"], capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return parse(done.stdout), "sacct"
    if "accounting storage is disabled" not in done.stderr.lower():
        return {}, f"sacct failed: {done.stderr.strip().splitlines()[-1] if done.stderr.strip() else done.returncode}"
    done = run([*ask, "--completion"], capture_output=True, text=True, check=False)
    if done.returncode == 0:
        return parse(done.stdout), "sacct --completion"
    return {}, "SLURM keeps no accounting here (no accounting storage, no job completion log)"


@dataclass(frozen=True)
class Check:
    """A task's cross-check: sacct's state, elapsed time and energy, and the verdict in words."""

    state: str | None
    elapsed_s: float | None
    energy_wh: float | None
    text: str
    agrees: bool


def _span_s(task: dict) -> float | None:
    try:
        return (datetime.fromisoformat(task["ended_at"]) - datetime.fromisoformat(task["started_at"])).total_seconds()
    except (KeyError, TypeError, ValueError):
        return None


def check(task: dict | None, record: Accounted | None, source: str) -> Check:
    """Compare a task's file (status, start and end, the meter's energy over the whole task) with sacct's record."""
    if record is None:
        return Check(None, None, None, f"{source}: no record of the task's job", False)
    status = (task or {}).get("status") or "never started"
    problems = []
    if (status == "done") != (record.state == "COMPLETED"):
        problems.append(f"the task file says {status}")
    span = _span_s(task or {})
    if span is not None and record.elapsed_s is not None and span > record.elapsed_s + ELAPSED_SLACK_S:
        problems.append(f"the task file spans {span:.0f} s")
    words = [f"{source}: {record.state} in {record.elapsed_s} s on {record.nodes}"]
    energy_wh = record.energy_j / 3600 if record.energy_j else None
    metered = (task or {}).get("energy_wh")
    if energy_wh is not None and metered:
        words.append(f"energy {energy_wh:.4g} Wh for the job, the meter {metered:.4g} Wh over the task "
                     f"({energy_wh / metered - 1:+.0%}, a measured uncertainty)")
    verdict = "disagrees: " + ", ".join(problems) if problems else "agrees"
    return Check(record.state, record.elapsed_s, energy_wh, "; ".join(words) + f"; {verdict}", not problems)


def cross_check(tasks: dict[int, dict | None], run=subprocess.run) -> tuple[dict[int, Check], str | None]:
    """Every ended task's check, by array index, and one line to say once (energy accounting off, or
    no accounting at all); tasks are found in sacct by the raw job id their file records."""
    ids = {i: t["raw_job_id"] for i, t in tasks.items() if t and t.get("raw_job_id")}
    if not ids:
        return {}, "No sacct cross-check: the tasks recorded no SLURM job id."
    records, source = accounting(sorted(set(ids.values()), key=int), run)
    if not records:
        return {}, f"No sacct cross-check: {source}."
    checks = {i: check(tasks[i], records.get(job), source) for i, job in ids.items()}
    energy_on = any(c.energy_wh is not None for c in checks.values())
    agree = sum(c.agrees for c in checks.values())
    line = f"{source} agrees with {agree} of {len(checks)} task(s) on state and elapsed time."
    return checks, line if energy_on else f"{line} {ENERGY_OFF}"
