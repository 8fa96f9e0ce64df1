"""The user's frugal database: one SQLite file shared by the local catalog and the measurement store.

Each component (``local-models``, ``measurements``) records its schema version in one table,
``frugal_schema(component, version)``; a file whose tables frugal did not write, or of a newer
version, is refused with ``StoreError`` and never overwritten. Only ``sqlite3`` is imported.
"""

from __future__ import annotations

import sqlite3

SCHEMA_TABLE = "frugal_schema"
KNOWN_TABLES = {SCHEMA_TABLE, "overlay_models", "runs", "measurements", "meta"}
"""Every table frugal writes in the file (``meta``: the store's schema table before 0.2)."""
DDL = f"CREATE TABLE IF NOT EXISTS {SCHEMA_TABLE} (component TEXT PRIMARY KEY, version INTEGER NOT NULL)"


def table_names(conn: sqlite3.Connection) -> set[str]:
    """Names of the tables in the database."""
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def component_version(conn: sqlite3.Connection, component: str, tables: set[str]) -> int | None:
    """The schema version ``component`` recorded, or None when it recorded none."""
    if SCHEMA_TABLE not in tables:
        return None
    row = conn.execute(f"SELECT version FROM {SCHEMA_TABLE} WHERE component = ?", (component,)).fetchone()
    return None if row is None else int(row[0])


def record_version(conn: sqlite3.Connection, component: str, version: int) -> None:
    """Record ``component``'s schema version (inside the caller's transaction)."""
    conn.execute(DDL)
    conn.execute(f"INSERT OR REPLACE INTO {SCHEMA_TABLE} (component, version) VALUES (?, ?)", (component, version))


def foreign_tables(tables: set[str]) -> set[str]:
    """Tables frugal did not write: a file holding any is not frugal's."""
    return tables - KNOWN_TABLES
