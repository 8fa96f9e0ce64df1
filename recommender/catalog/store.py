"""The local measurement store: one SQLite file in the user directory.

Written in WAL mode, one transaction per measurement, so that a killed run loses nothing it had
already recorded and two bench processes can write at once. A file that is not our store (corrupt,
foreign, from a newer frugal) is refused with a clear error, never overwritten.

Its schema version is recorded in the database's ``frugal_schema`` table (``database``); stores
written before that table existed carry it in a ``meta`` table, still read. ``load_catalog()``
reads it on every call: it imports only ``sqlite3`` and the catalog's schema.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Callable

from ..errors import StoreError
from ..paths import database_path
from .database import component_version, foreign_tables, table_names
from .migrations import COMPONENT, SCHEMA_VERSION, migrate
from .migrations import create as create_tables
from .schema import EnergyFigure

LEGACY_SCHEMA = "frugal-measurements"
"""The ``meta`` table's ``schema`` value in stores written by frugal 0.1.0."""
TABLES = {"runs", "measurements"}
BUSY_TIMEOUT_S = 60.0
LOCAL_SOURCE = "measured here"
"""Prefix of the ``source`` of figures read from this store."""


def store_path() -> Path:
    """Where the store lives: the user's frugal database, shared with the local catalog."""
    return database_path()


@dataclass(frozen=True)
class Run:
    """One ``frugal bench`` invocation and what the benchmark itself consumed."""

    id: int | None
    started_at: str
    """ISO date-time, local time."""
    host: str
    suite: str
    cpu: str
    cores: int
    threads: int
    hardware: str
    meter: str
    meter_version: str
    meter_method: str
    country: str
    status: str = "running"
    """``running`` until the run ends, then ``finished``; a campaign ends ``finished``, ``failed`` or
    ``cancelled``. A local run killed mid-way stays ``running`` here; ``run_status`` reads it ``killed``."""
    finished_at: str | None = None
    energy_wh: float | None = None
    """Energy of the whole run: set-up, warm-up, repeats, calibration (Wh)."""
    duration_s: float | None = None
    scheduler: str = "local"
    """``local`` (this process) or ``slurm`` (a job array)."""
    job_id: str | None = None
    """The SLURM array's job id."""
    folder: str | None = None
    """The campaign's submit folder (task results and logs)."""
    pid: int | None = None
    """The process that ran a local run (on ``host``): gone while ``running`` means killed."""
    idle_w: float | None = None
    """Idle baseline: the meter's mean power over a window of no work before the first entry (W)."""


@dataclass(frozen=True)
class Measurement:
    """One measured (model, task, phase) on this machine, with its provenance."""

    run_id: int
    model_id: str
    task: str
    phase: str
    hardware: str
    gpus: int | None
    boundary: str
    batch_size: float | None
    tokens_in: float | None
    tokens_out: float | None
    epochs: float | None
    energy_wh_per_1k: float
    """Wh per 1,000 items (inference) or per 1,000 training items (fit)."""
    energy_wh_per_1k_low: float
    energy_wh_per_1k_high: float
    """Bounds of the 95% confidence interval of the mean over repeats."""
    energy_wh_per_op: float
    """Wh per operation: one fit of ``items_per_op`` training items, or one inference pass."""
    items_per_op: int
    seconds_per_op: float
    items_per_s: float
    repeats: int
    rel_half_width: float
    """Half-width of the 95% interval over the mean (0.05 = ±5%)."""
    stopped_by: str
    """``interval`` (target reached), ``budget`` (time budget hit) or ``max-repeats``."""
    carbon_g_per_kwh: float
    """Grid intensity the meter applied (its emissions over its energy)."""
    data: str
    """What the items were, in words."""
    data_kind: str
    """The catalog's kind of that data: text, tabular or image."""
    weights: str
    cpu: str
    cores: int
    threads: int
    meter: str
    meter_version: str
    meter_method: str
    tracking_mode: str
    country: str
    suite: str
    measured_at: str
    """ISO date-time, local time."""
    notes: str = ""
    scheduler: str = "local"
    """``local`` or ``slurm``."""
    job_id: str | None = None
    """SLURM's id of the array task that measured it (``ARRAYID_INDEX``)."""
    array_index: int | None = None
    node: str | None = None
    """The node (host name) that measured it."""
    allocation: str | None = None
    """``exclusive`` (whole node: a node meter is the job's) or ``shared``; None when local."""
    load_before: float | None = None
    """The machine's 1-minute load average before the windows."""
    foreign_cpus: float | None = None
    """Mean CPUs other processes kept busy during the metered windows (foreign load)."""
    row_key: str | None = None
    """Unique key of a campaign's row (campaign, task, phase): merging it twice stores it once."""
    gpu_energy_wh_per_1k: float | None = None
    """The GPUs' share of ``energy_wh_per_1k`` (NVML); None without a GPU or when a GPU's reading is unknown."""
    gpu_method: str | None = None
    """How the GPU share was measured, or why it is unknown (``gpu.describe``); None: no GPU seen."""
    foreign_windows: int | None = None
    """Windows dropped, and taken again, because other processes loaded the machine during them."""
    sacct_state: str | None = None
    """SLURM accounting's state of the task's job (``sacct``), once the task has ended."""
    sacct_elapsed_s: float | None = None
    sacct_energy_wh: float | None = None
    """The job's ``ConsumedEnergyRaw`` (Wh); None where SLURM's energy accounting is off."""
    sacct_check: str | None = None
    """The cross-check of the row's task against ``sacct``, in words (state, elapsed time, energy)."""
    id: int | None = None

    @property
    def date(self) -> str:
        return self.measured_at[:10]


_RUN_COLUMNS = [f.name for f in fields(Run) if f.name != "id"]
_MEASUREMENT_COLUMNS = [f.name for f in fields(Measurement) if f.name != "id"]

SQLITE_HEADER = b"SQLite format 3\x00"


class Store:
    """The measurement store at ``path`` (default: ``store_path()``)."""

    def __init__(self, path: Path | None = None):
        self.path = Path(path) if path else store_path()

    # -- connection and schema

    def _connect(self, create: bool) -> sqlite3.Connection | None:
        """A connection to our store; None when reading a store that has no tables yet (another
        process is creating it). The file is checked before anything is written to it."""
        self._check_file()
        if not create and not self.path.exists():
            return None
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        try:
            conn.row_factory = sqlite3.Row
            if not self._check_schema(conn, create):
                conn.close()
                return None
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
        except BaseException as exc:
            conn.close()
            raise self._error(exc) if isinstance(exc, sqlite3.DatabaseError) else exc from None
        return conn

    def _error(self, exc: sqlite3.DatabaseError) -> StoreError:
        if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
            return StoreError(f"{self.path} stayed locked by another process for {BUSY_TIMEOUT_S:g} s ({exc}).")
        return StoreError(f"{self.path} is not a readable frugal measurement store ({exc}); "
                          "move it away or set FRUGAL_HOME to another directory.")

    def _check_file(self) -> None:
        if self.path.is_dir():
            raise StoreError(f"{self.path}: it is a folder, not a frugal database (FRUGAL_HOME sets another place).")
        if not self.path.exists() or self.path.stat().st_size == 0:
            return
        with open(self.path, "rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER:
            raise StoreError(f"{self.path} is not a frugal measurement store (not an SQLite database); "
                             "move it away or set FRUGAL_HOME to another directory.")

    def _check_schema(self, conn: sqlite3.Connection, create: bool) -> bool:
        """True when the file holds our schema (created first if ``create`` and the file is empty);
        raises ``StoreError`` for anything else."""
        conn.execute("BEGIN IMMEDIATE" if create else "BEGIN")
        try:
            tables = table_names(conn)
            if foreign_tables(tables):
                raise StoreError(f"{self.path} is an SQLite database but not a frugal measurement store; "
                                 "move it away or set FRUGAL_HOME to another directory.")
            if not tables & TABLES:
                if not create:
                    return False
                create_tables(conn, _RUN_COLUMNS, _MEASUREMENT_COLUMNS)
                return True
            version = component_version(conn, COMPONENT, tables)
            if version is None and "meta" in tables:
                meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
                version = int(meta.get("version", "0")) if meta.get("schema") == LEGACY_SCHEMA else None
            if version is None:
                raise StoreError(f"{self.path} is an SQLite database but not a frugal measurement store; "
                                 "move it away or set FRUGAL_HOME to another directory.")
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path} was written by a newer frugal (store version {version}; "
                                 f"this frugal reads version {SCHEMA_VERSION}); upgrade frugal.")
            if version < SCHEMA_VERSION and create:
                migrate(conn)
            return True
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    # -- writing: each call is one transaction

    def start_run(self, run: Run) -> int:
        """Record a new run; returns its id."""
        values = asdict(run)
        with _closing(self, self._connect(create=True)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            cursor = conn.execute(
                f"INSERT INTO runs ({', '.join(_RUN_COLUMNS)}) VALUES ({', '.join('?' * len(_RUN_COLUMNS))})",
                [values[c] for c in _RUN_COLUMNS])
            conn.execute("COMMIT")
            return cursor.lastrowid

    def finish_run(self, run_id: int, finished_at: str, energy_wh: float | None, duration_s: float) -> None:
        with _closing(self, self._connect(create=True)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("UPDATE runs SET status='finished', finished_at=?, energy_wh=?, duration_s=? WHERE id=?",
                         (finished_at, energy_wh, duration_s, run_id))
            conn.execute("COMMIT")

    def add(self, measurement: Measurement) -> int:
        """Record one measurement, committed before returning; returns its id."""
        values = asdict(measurement)
        with _closing(self, self._connect(create=True)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            cursor = conn.execute(
                f"INSERT INTO measurements ({', '.join(_MEASUREMENT_COLUMNS)}) "
                f"VALUES ({', '.join('?' * len(_MEASUREMENT_COLUMNS))})",
                [values[c] for c in _MEASUREMENT_COLUMNS])
            conn.execute("COMMIT")
            return cursor.lastrowid

    def merge(self, measurements: list[Measurement]) -> int:
        """Record a campaign task's rows in one transaction; a row whose ``row_key`` is already
        stored is skipped, so merging the same rows again stores nothing twice. Returns the rows added."""
        with _closing(self, self._connect(create=True)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            before = conn.total_changes
            for m in measurements:
                values = asdict(m)
                conn.execute(f"INSERT OR IGNORE INTO measurements ({', '.join(_MEASUREMENT_COLUMNS)}) "
                             f"VALUES ({', '.join('?' * len(_MEASUREMENT_COLUMNS))})",
                             [values[c] for c in _MEASUREMENT_COLUMNS])
            added = conn.total_changes - before
            conn.execute("COMMIT")
            return added

    def annotate(self, notes: dict[str, dict]) -> None:
        """Set columns of stored campaign rows, by ``row_key`` (e.g. the sacct cross-check), in one transaction."""
        with _closing(self, self._connect(create=True)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            for key, columns in notes.items():  # column names come from frugal's code, never from input
                conn.execute(f"UPDATE measurements SET {', '.join(f'{c}=?' for c in columns)} WHERE row_key=?",
                             [*columns.values(), key])
            conn.execute("COMMIT")

    def update_run(self, run_id: int, **columns) -> None:
        """Set some of a run's columns (a campaign's ``job_id``, its final ``status``...)."""
        unknown = set(columns) - set(_RUN_COLUMNS)
        if unknown:
            raise ValueError(f"not run columns: {sorted(unknown)}")
        with _closing(self, self._connect(create=True)) as conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute(f"UPDATE runs SET {', '.join(f'{c}=?' for c in columns)} WHERE id=?",
                         [*columns.values(), run_id])
            conn.execute("COMMIT")

    # -- reading

    def measurements(self) -> list[Measurement]:
        """Every measurement, oldest first; [] when the store does not exist yet."""
        conn = self._connect(create=False)
        if conn is None:
            return []
        with _closing(self, conn):
            rows = conn.execute("SELECT * FROM measurements ORDER BY id").fetchall()
        return [Measurement(**dict(r)) for r in rows]

    def runs(self) -> list[Run]:
        conn = self._connect(create=False)
        if conn is None:
            return []
        with _closing(self, conn):
            rows = conn.execute("SELECT * FROM runs ORDER BY id").fetchall()
        return [Run(**dict(r)) for r in rows]


def process_alive(pid: int) -> bool:
    """Whether process ``pid`` exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def run_status(run: Run, host: str, alive: Callable[[int], bool] = process_alive) -> str:
    """A run's status as people read it: a local run still ``running`` whose process on this
    ``host`` is gone (``alive(pid)`` false) was killed mid-way: ``killed``."""
    if run.status == "running" and run.scheduler == "local" and run.pid and run.host == host and not alive(run.pid):
        return "killed"
    return run.status


class _closing:
    """Closes the connection, rolls back what was not committed, turns SQLite errors into ours."""

    def __init__(self, store: Store, conn: sqlite3.Connection):
        self.store, self.conn = store, conn

    def __enter__(self) -> sqlite3.Connection:
        return self.conn

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")
        self.conn.close()
        if isinstance(exc, sqlite3.DatabaseError):
            raise self.store._error(exc) from None


def local_source(m: Measurement) -> str:
    """How a local figure is cited: ``measured here (frugal bench, <cpu>, <date>)``."""
    return f"{LOCAL_SOURCE} (frugal bench, {m.cpu}, {m.date})"


def latest(measurements: list[Measurement]) -> list[Measurement]:
    """The newest measurement of each (model, task, phase, hardware, batch, tokens)."""
    newest: dict[tuple, Measurement] = {}
    for m in measurements:
        newest[(m.model_id, m.task, m.phase, m.hardware, m.batch_size, m.tokens_in, m.tokens_out)] = m
    return list(newest.values())


def as_energy_figure(m: Measurement, source: str) -> EnergyFigure:
    """A measurement as a catalog energy figure (method ``measured``), cited as ``source``: the one
    conversion, used for this machine's figures and for ``frugal bench export``."""
    return EnergyFigure(
        model_id=m.model_id, task=m.task, data_kind=m.data_kind, phase=m.phase, hardware=m.hardware, gpus=m.gpus,
        boundary=m.boundary, batch_size=m.batch_size, tokens_in=m.tokens_in, tokens_out=m.tokens_out,
        epochs=m.epochs, energy_wh_per_1k=m.energy_wh_per_1k, energy_wh_per_1k_low=m.energy_wh_per_1k_low,
        energy_wh_per_1k_high=m.energy_wh_per_1k_high, method="measured", source=source, source_url="",
        date=m.date, notes=m.notes,
    )


def measured_figures(path: Path | None = None) -> list[EnergyFigure]:
    """The store's newest measurements as energy figures of this machine (``[]`` without a store)."""
    return [as_energy_figure(m, local_source(m)) for m in latest(Store(path).measurements())]
