"""The measurement store's schema versions and the in-place migrations between them.

Each version lists the columns it added, by table; a store of an older version gets the missing
columns (NULL in old rows) inside the first write transaction, then records the current version.
"""

from __future__ import annotations

import sqlite3

from .database import record_version

COMPONENT = "measurements"
SCHEMA_VERSION = 3
"""Version 2 added where and under what load each row was measured, and ``row_key``; version 3 the
GPU share (NVML), the windows dropped for foreign load and SLURM accounting's cross-check."""
ADDED = {
    2: {"runs": ("scheduler", "job_id", "folder", "pid", "idle_w"),
        "measurements": ("scheduler", "job_id", "array_index", "node", "allocation", "load_before",
                         "foreign_cpus", "row_key")},
    3: {"runs": (),
        "measurements": ("gpu_energy_wh_per_1k", "gpu_method", "foreign_windows", "sacct_state", "sacct_elapsed_s",
                         "sacct_energy_wh", "sacct_check")},
}
"""Columns each schema version added, by table."""
DEFAULTS = {"scheduler": "'local'"}


def create(conn: sqlite3.Connection, run_columns: list[str], measurement_columns: list[str]) -> None:
    """Create the store's tables at ``SCHEMA_VERSION`` (inside the caller's write transaction)."""
    conn.execute(f"CREATE TABLE runs (id INTEGER PRIMARY KEY, {', '.join(run_columns)})")
    conn.execute(f"CREATE TABLE measurements (id INTEGER PRIMARY KEY, {', '.join(measurement_columns)})")
    conn.execute("CREATE INDEX measurements_model ON measurements (model_id, task, phase)")
    conn.execute("CREATE UNIQUE INDEX measurements_row_key ON measurements (row_key)")
    record_version(conn, COMPONENT, SCHEMA_VERSION)


def migrate(conn: sqlite3.Connection) -> None:
    """Bring an older store to ``SCHEMA_VERSION`` (inside the caller's write transaction)."""
    for added in ADDED.values():
        for table, columns in added.items():
            present = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
            for column in columns:
                if column not in present:
                    default = f" DEFAULT {DEFAULTS[column]}" if column in DEFAULTS else ""
                    conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}{default}")
    conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS measurements_row_key ON measurements (row_key)")
    record_version(conn, COMPONENT, SCHEMA_VERSION)
