"""The user's local catalog overlay: models added on this machine (e.g. from the Hugging Face Hub).

Rows live in SQLite at ``user_dir()/frugal.sqlite3``, table ``overlay_models``, one TEXT column per
models.csv column (cells exactly as in the CSV, validated by the same parsers on load) plus
``source`` (where the facts come from) and ``added`` (ISO date). The file is shared with the
measurement store; each records its schema version in ``frugal_schema`` (``database``).
Writes are transactions; reading never creates the file. Only ``sqlite3`` and ``csv`` are imported.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import CatalogError, StoreError
from ..paths import database_path
from .database import component_version, record_version, table_names
from .schema import Model, parsers

TABLE = "overlay_models"
COMPONENT = "overlay"
SCHEMA_VERSION = 1
MODEL_COLUMNS = tuple(f.name for f in fields(Model))
"""The models.csv columns, in order."""
COLUMNS = MODEL_COLUMNS + ("source", "added")


@dataclass(frozen=True)
class Entry:
    """One overlay model with where its facts come from and when it was added."""

    model: Model
    source: str
    """e.g. ``huggingface.co/dmis-lab/biobert-v1.1``."""
    added: str
    """ISO date, e.g. ``2026-01-15``."""


def path() -> Path:
    """The SQLite file holding the overlay (it may not exist yet)."""
    return database_path()


def to_cells(model: Model) -> dict[str, str]:
    """A model as models.csv cells: lists joined with ``;``, unknown as an empty cell."""
    cells = {}
    for name in MODEL_COLUMNS:
        value = getattr(model, name)
        cells[name] = ";".join(value) if isinstance(value, tuple) else "" if value is None else str(value)
    return cells


def _from_cells(cells: dict[str, str], where: str) -> Model:
    values = {}
    for name, parse in parsers(Model):
        cell = cells.get(name) or ""
        try:
            values[name] = parse(cell)
        except ValueError as exc:
            raise CatalogError(f"{where}, column {name}: expected {exc}; got '{cell}'.") from None
    return Model(**values)


def _not_frugal(file: Path, why: str) -> StoreError:
    return StoreError(f"{file} {why}. Move it away (frugal then starts a new one) or set FRUGAL_HOME.")


def _schema_version(conn: sqlite3.Connection, file: Path) -> tuple[int | None, bool]:
    """(overlay schema version or None, whether the overlay table exists); raise on a foreign file."""
    try:
        tables = table_names(conn)
        version = component_version(conn, COMPONENT, tables)
    except sqlite3.DatabaseError as exc:
        raise _not_frugal(file, f"is not a frugal database ({exc})") from None
    if TABLE in tables and version is None:
        raise _not_frugal(file, f"has a table {TABLE} that frugal did not write")
    if version is not None and version != SCHEMA_VERSION:
        raise _not_frugal(file, f"holds a local catalog of schema version {version}; this frugal reads version "
                                f"{SCHEMA_VERSION}")
    return version, TABLE in tables


def _open(write: bool) -> tuple[sqlite3.Connection | None, Path]:
    file = path()
    if not write:
        if not file.is_file():
            return None, file
        try:
            return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True), file
        except sqlite3.Error as exc:
            raise _not_frugal(file, f"cannot be opened ({exc})") from None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(file, timeout=10, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open {file} for writing ({exc}).") from None
    return conn, file


def entries() -> list[Entry]:
    """Every overlay model, validated like a models.csv row; empty when there is no overlay."""
    conn, file = _open(write=False)
    if conn is None:
        return []
    try:
        version, has_table = _schema_version(conn, file)
        if not has_table:
            return []
        rows = conn.execute(f"SELECT {', '.join(COLUMNS)} FROM {TABLE} ORDER BY id").fetchall()
    except sqlite3.DatabaseError as exc:
        raise _not_frugal(file, f"has a damaged {TABLE} table ({exc})") from None
    finally:
        conn.close()
    found = []
    for row in rows:
        cells = dict(zip(COLUMNS, row))
        model = _from_cells(cells, f"{file}, table {TABLE}, model {cells['id']}")
        found.append(Entry(model, cells["source"] or "", cells["added"] or ""))
    return found


def _write(statements: list[tuple[str, tuple]]) -> int:
    """Run ``statements`` in one transaction (creating the schema if needed); rows changed by the last."""
    conn, file = _open(write=True)
    try:
        conn.execute("BEGIN IMMEDIATE")
        version, has_table = _schema_version(conn, file)
        if version is None:
            conn.execute(f"CREATE TABLE {TABLE} ({', '.join(c + ' TEXT NOT NULL' for c in COLUMNS)}, PRIMARY KEY (id))")
            record_version(conn, COMPONENT, SCHEMA_VERSION)
        changed = 0
        for sql, params in statements:
            changed = conn.execute(sql, params).rowcount
        conn.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _not_frugal(file, f"could not be written ({exc})") from None
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        conn.close()
    return changed


def save(entry: Entry) -> None:
    """Add or replace one model (same id) in the overlay, in one transaction."""
    cells = to_cells(entry.model) | {"source": entry.source, "added": entry.added}
    _write([(f"INSERT OR REPLACE INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
             tuple(cells[c] for c in COLUMNS))])


def remove(model_id: str) -> bool:
    """Remove one model from the overlay; False when it was not there."""
    if not path().is_file():
        return False
    return _write([(f"DELETE FROM {TABLE} WHERE id = ?", (model_id,))]) > 0

