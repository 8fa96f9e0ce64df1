"""SLURM through submitit: a site profile, the sbatch settings, one job array per suite, the queue.

submitit (the ``slurm`` extra, imported on use) writes the sbatch script, submits the array and
cancels it. The queue is read with one ``squeue`` call per poll for the whole array (never one per
task, so a campaign does not flood the controller); submitit's own watcher needs ``sacct``, which
needs SLURM's accounting database, often absent on small clusters.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ..errors import FrugalError, InvalidInput

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

PENDING_STATES = ("PENDING", "CONFIGURING", "REQUEUED", "RESIZING", "SUSPENDED")
RUNNING_STATES = ("RUNNING", "COMPLETING", "STAGE_OUT", "SIGNALING")


@dataclass(frozen=True)
class SlurmSettings:
    """What sbatch is told for every task of the array. ``time_min``: minutes."""

    partition: str | None = None
    account: str | None = None
    qos: str | None = None
    time_min: int = 60
    gpus_per_task: int | None = None
    cpus_per_task: int | None = None
    exclusive: bool = False
    array_parallelism: int = 16
    options: dict = field(default_factory=dict)
    """Further sbatch options, ``{"hint": "nomultithread"}`` for ``--hint=nomultithread``."""


PROFILE_KEYS = {"partition", "account", "qos", "time", "gpus_per_task", "cpus_per_task", "exclusive",
                "array_parallelism", "options"}


def parse_time(text: str | int) -> int:
    """SLURM time limits in minutes: ``90``, ``MM:SS``, ``HH:MM:SS``, ``D-HH[:MM[:SS]]`` (seconds round up)."""
    value = str(text).strip()
    match = re.fullmatch(r"(?:(\d+)-)?(\d+)(?::(\d+))?(?::(\d+))?", value)
    if not match or (match.group(1) is None and match.group(3) is None and match.group(4) is not None):
        raise InvalidInput(f"time limit '{text}' is not a SLURM time. Accepted: MINUTES, MM:SS, HH:MM:SS, "
                           f"D-HH:MM:SS (e.g. 30 or 01:00:00).")
    days, first, second, third = (int(g) if g else 0 for g in match.groups())
    if match.group(1) is not None:  # D-HH[:MM[:SS]]
        seconds = ((days * 24 + first) * 60 + second) * 60 + third
    elif match.group(4) is not None:  # HH:MM:SS
        seconds = (first * 60 + second) * 60 + third
    elif match.group(3) is not None:  # MM:SS
        seconds = first * 60 + second
    else:
        seconds = first * 60
    if seconds <= 0:
        raise InvalidInput(f"time limit '{text}' must be more than zero.")
    return math.ceil(seconds / 60)


def parse_option(text: str) -> tuple[str, str]:
    """``KEY=VALUE`` of ``--slurm-option`` (``KEY`` as sbatch spells it, without ``--``)."""
    key, sep, value = text.partition("=")
    key = key.strip().lstrip("-")
    if not sep or not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", key):
        raise InvalidInput(f"--slurm-option '{text}' is not KEY=VALUE (e.g. hint=nomultithread, mem=16G).")
    return key.replace("-", "_"), value.strip()


def profile_dirs() -> list[Path]:
    from .suites import suite_dirs

    return [d / "profiles" for d in suite_dirs() if (d / "profiles").is_dir()]


def _values(raw: dict, where: str) -> dict:
    """The ``SlurmSettings`` fields a profile's ``[slurm]`` table (or ``[tool.frugal.slurm]``) sets."""
    if not isinstance(raw, dict):
        raise InvalidInput(f"{where}: the SLURM settings must be a table. Accepted keys: {', '.join(sorted(PROFILE_KEYS))}.")
    unknown = sorted(set(raw) - PROFILE_KEYS)
    if unknown:
        raise InvalidInput(f"{where}: unknown key '{unknown[0]}'. Accepted: {', '.join(sorted(PROFILE_KEYS))}.")
    values = {k: v for k, v in raw.items() if k not in ("time", "options")}
    if "time" in raw:
        values["time_min"] = parse_time(raw["time"])
    if "options" in raw:
        values["options"] = {k.replace("-", "_"): str(v) for k, v in raw["options"].items()}
    return values


def _toml(path: Path, shown: str) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InvalidInput(f"profile file '{shown}' does not exist.") from None
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path}: not valid TOML ({exc}).") from None


def profile_values(name_or_path: str) -> tuple[dict, Path]:
    """What a site profile sets: the ``[slurm]`` table of a TOML file, by path or by name in
    ``benchmarks/profiles`` (e.g. ``jean-zay``); and the file read."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        found = [d / f"{name_or_path}.toml" for d in profile_dirs() if (d / f"{name_or_path}.toml").is_file()]
        known = sorted({p.stem for d in profile_dirs() for p in d.glob("*.toml")})
        if not found:
            raise InvalidInput(f"unknown profile '{name_or_path}'. Accepted: {', '.join(known) or 'none'}, "
                               f"or a path to a .toml file.")
        path = found[0]
    return _values(_toml(path, name_or_path).get("slurm", {}), f"{path} [slurm]"), path


def load_profile(name_or_path: str) -> SlurmSettings:
    """A site profile's settings over the defaults."""
    return SlurmSettings(**profile_values(name_or_path)[0])


PROJECT_FILE = "pyproject.toml"
PROJECT_TABLE = "tool.frugal.slurm"


def project_values(start: Path | None = None) -> tuple[dict, Path | None]:
    """What the ``[tool.frugal.slurm]`` table of the nearest ``pyproject.toml`` (in ``start``, default
    the current folder, or a folder above it) sets; ``({}, None)`` when no such file has the table."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        path = candidate / PROJECT_FILE
        if path.is_file():
            table = _toml(path, str(path)).get("tool", {}).get("frugal", {})
            if "slurm" in table:
                return _values(table["slurm"], f"{path} [{PROJECT_TABLE}]"), path
            return {}, None  # the project's own file, without the table: stop here
    return {}, None


def with_overrides(base: SlurmSettings, **given) -> SlurmSettings:
    """``base`` with the options given on the command line (None: not given); options are added to base's."""
    names = {f.name for f in fields(SlurmSettings)}
    chosen = {k: v for k, v in given.items() if k in names and k != "options" and v is not None}
    return replace(base, **chosen, options={**base.options, **given.get("options", {})})


def slurm_settings(*, profile, array_parallelism, partition, account, qos, time_limit, gpus_per_task,
                   cpus_per_task, exclusive, slurm_options, start: Path | None = None) -> tuple[SlurmSettings, list[str]]:
    """The settings of a campaign and where they came from, lowest first. Precedence: the command
    line over ``--profile`` over the project's ``[tool.frugal.slurm]`` over the defaults; sbatch
    options (``options``) are merged key by key in the same order."""
    sources = ["defaults"]
    table, project = project_values(start)
    base = with_overrides(SlurmSettings(), **table)
    if project:
        sources.append(f"[{PROJECT_TABLE}] of {project}")
    if profile:
        values, path = profile_values(profile)
        base = with_overrides(base, **values)
        sources.append(f"profile {path}")
    given = dict(array_parallelism=array_parallelism, partition=partition, account=account, qos=qos,
                 time_min=parse_time(time_limit) if time_limit else None, gpus_per_task=gpus_per_task,
                 cpus_per_task=cpus_per_task, exclusive=exclusive, options=dict(map(parse_option, slurm_options)))
    if any(v for k, v in given.items() if v is not None and (k != "options" or v)):
        sources.append("command line")
    return with_overrides(base, **given), sources


def _submitit():
    try:
        import submitit
    except ImportError:
        from ..version import install_hint

        raise FrugalError(f"--executor slurm needs submitit: {install_hint('slurm')}.") from None
    return submitit


def submit_array(function, specs: list, folder: Path, settings: SlurmSettings) -> str:
    """Submit ``function(spec)`` for each spec as one job array; returns the array's job id."""
    submitit = _submitit()
    missing = [c for c in ("sbatch", "srun", "squeue") if shutil.which(c) is None]
    if missing:
        raise FrugalError(f"--executor slurm needs SLURM's commands on PATH (no {', '.join(missing)} here); "
                          "run it on a SLURM login node.")
    executor = submitit.SlurmExecutor(folder=folder / "logs", max_num_timeout=0)
    values = {"job_name": "frugal-bench", "time": settings.time_min, "nodes": 1, "ntasks_per_node": 1,
              "array_parallelism": settings.array_parallelism, "partition": settings.partition,
              "account": settings.account, "qos": settings.qos, "gpus_per_task": settings.gpus_per_task,
              "cpus_per_task": settings.cpus_per_task, "exclusive": True if settings.exclusive else None,
              "additional_parameters": dict(settings.options) or None}
    executor.update_parameters(**{k: v for k, v in values.items() if v is not None})
    try:
        jobs = executor.map_array(function, specs)
    except submitit.core.utils.FailedJobError as exc:
        raise FrugalError(f"sbatch refused the array: {str(exc).strip().splitlines()[-1]}") from None
    return jobs[0].job_id.split("_")[0]


def log_path(folder: str | Path, job_id: str) -> Path:
    """The stderr log submitit writes for array task ``job_id`` (``ARRAY_INDEX``)."""
    return Path(folder) / "logs" / f"{job_id}_0_log.err"


def queue_states(array_job_id: str) -> dict[int, tuple[str, str]]:
    """The array's tasks SLURM still lists, by index: (state, node list), from one squeue call."""
    done = subprocess.run(["squeue", "--noheader", "--array", "--jobs", array_job_id, "--states", "all",
                           "--format", "%i|%T|%N"], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        if "Invalid job id" in done.stderr:
            return {}
        raise FrugalError(f"squeue failed: {done.stderr.strip() or done.returncode}")
    states = {}
    for line in done.stdout.splitlines():
        job, state, nodes = line.split("|")
        prefix, _, index = job.partition("_")
        if prefix == array_job_id and index.isdigit():
            states[int(index)] = (state, nodes)
    return states


def cancel(array_job_id: str, folder: str | Path) -> None:
    """Cancel every task of the array (through submitit's ``scancel``)."""
    submitit = _submitit()
    submitit.SlurmJob(folder=Path(folder) / "logs", job_id=array_job_id).cancel(check=True)
