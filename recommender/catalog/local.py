"""The user's local catalog overlay: models added on this machine (e.g. from the Hugging Face Hub).

Rows live in SQLite at ``user_dir()/frugal.sqlite3``, table ``overlay_models``, one TEXT column per
models.csv column (cells exactly as in the CSV, validated by the same parsers on load) plus
``source`` (where the facts come from) and ``added`` (ISO date). The file is shared with the
measurement store; each records its schema version in ``frugal_schema`` (``database``).
Writes are transactions; reading never creates the file. Only ``sqlite3`` and ``csv`` are imported.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, fields
from pathlib import Path

from ..errors import CatalogError, StoreError
from ..paths import database_path
from ..units import shown
from .database import component_version, record_version, table_names
from .schema import Model, parsers

TABLE = "overlay_models"
COMPONENT = "overlay"
SCHEMA_VERSION = 1
MODEL_COLUMNS = tuple(f.name for f in fields(Model))
"""The models.csv columns, in order."""
COLUMNS = MODEL_COLUMNS + ("source", "added")
LOCK_WAIT_S = 10.0
"""Seconds to wait for another process's write to end before saying the file is in use."""


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


def _from_cells(cells: dict[str, str], where: str, remedy: str) -> Model:
    """The model of one row's cells, parsed as models.csv is; a bad cell is a CatalogError that
    names the row, the column, the cell and ``remedy``."""
    values = {}
    for name, parse in parsers(Model):
        cell = cells.get(name) or ""
        if not isinstance(cell, str):  # SQLite keeps a blob a blob, whatever the column's type
            got = f"{len(cell)} bytes of binary data" if isinstance(cell, bytes) else f"a {type(cell).__name__}"
            raise CatalogError(f"{where}, column {name}: expected text; got {got} ({remedy}).")
        try:
            values[name] = parse(cell)
        except ValueError as exc:  # the parsers refuse non-finite and absurd numbers too
            raise CatalogError(f"{where}, column {name}: expected {exc}; got '{shown(cell)}' ({remedy}).") from None
    return Model(**values)


def _not_frugal(file: Path, why: str) -> StoreError:
    return StoreError(f"{file} {why}. Move it away (frugal then starts a new one) or set FRUGAL_HOME.")


def _schema_version(conn: sqlite3.Connection, file: Path) -> tuple[int | None, bool]:
    """(overlay schema version or None, whether the overlay table exists); raise on a foreign file."""
    try:
        tables = table_names(conn)
        version = component_version(conn, COMPONENT, tables)
    except sqlite3.OperationalError as exc:
        raise _busy_or_read_only(file, exc) from None
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
            return sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, timeout=LOCK_WAIT_S), file
        except sqlite3.Error as exc:
            raise _not_frugal(file, f"cannot be opened ({exc})") from None
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(file, timeout=LOCK_WAIT_S, isolation_level=None)
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot open {file} for writing: {_why_not_writable(file, exc)}.") from None
    return conn, file


def _why_not_writable(file: Path, exc: Exception) -> str:
    """What stands in the way of writing ``file``, in words (SQLite's own message says little)."""
    folder = next((p for p in (file.parent, *file.parent.parents) if p.exists()), None)
    if folder is not None and not folder.is_dir():
        return f"{folder} is a file, not a folder (FRUGAL_HOME sets the folder)"
    if file.is_dir():
        return "it is a folder, not a frugal database (FRUGAL_HOME sets another place)"
    if file.parent.is_dir() and not os.access(file.parent, os.W_OK | os.X_OK):
        return f"the folder {file.parent} is not writable (FRUGAL_HOME sets another)"
    if file.is_file() and not os.access(file, os.W_OK):
        return "the file is read-only (FRUGAL_HOME sets another place)"
    return str(getattr(exc, "strerror", None) or exc)


def _read(columns: str) -> tuple[list[tuple], Path]:
    """The overlay's rows of ``columns`` (SQL), by id, and its file; no rows when there is no overlay."""
    conn, file = _open(write=False)
    if conn is None:
        return [], file
    try:
        _, has_table = _schema_version(conn, file)
        return (conn.execute(f"SELECT {columns} FROM {TABLE} ORDER BY id").fetchall() if has_table else []), file
    except sqlite3.OperationalError as exc:
        raise _busy_or_read_only(file, exc) from None
    except sqlite3.DatabaseError as exc:
        raise _not_frugal(file, f"has a damaged {TABLE} table ({exc})") from None
    finally:
        conn.close()


def entries() -> list[Entry]:
    """Every overlay model, validated like a models.csv row; empty when there is no overlay."""
    rows, file = _read(", ".join(COLUMNS))
    found = []
    for row in rows:
        cells = dict(zip(COLUMNS, row))
        remedy = (f"frugal catalog remove {shown(cells['id'])} to drop it" if isinstance(cells["id"], str)
                  else "a row frugal did not write: delete it with sqlite3")
        model = _from_cells(cells, f"{file}, table {TABLE}, model {shown(cells['id'])}", remedy)
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
    except sqlite3.OperationalError as exc:  # locked by another process, read-only, a full disk: the data is fine
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise _busy_or_read_only(file, exc) from None
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


def ids() -> list[str]:
    """The ids of the overlay's models, read without checking the rows: what ``remove`` needs even
    when a stored row no longer loads."""
    rows, _ = _read("id")
    return [row[0] if isinstance(row[0], str) else shown(row[0]) for row in rows]


def _busy_or_read_only(file: Path, exc: sqlite3.OperationalError) -> StoreError:
    """Why a sound database could not be written, without advice that would lose its contents."""
    text = str(exc)
    if "no such column" in text:
        return StoreError(f"{file}: table {TABLE} was changed outside frugal ({text}); expected the columns of "
                          f"models.csv plus source and added.")
    if "locked" in text or "busy" in text:
        return StoreError(f"{file} is in use by another frugal process (waited {LOCK_WAIT_S:g} s); try again when it "
                          f"ends.")
    if "readonly" in text or "read-only" in text:
        return StoreError(f"cannot write {file}: {_why_not_writable(file, exc)}; nothing was changed.")
    return StoreError(f"cannot write {file} ({text}); nothing was changed.")


def save(entry: Entry) -> None:
    """Add or replace one model (same id) in the overlay, in one transaction. The row is first read
    back as ``entries`` will read it: a row that would not load is refused, and nothing is stored."""
    cells = to_cells(entry.model) | {"source": entry.source, "added": entry.added}
    _from_cells(cells, f"local model {shown(entry.model.id)}", "nothing was stored")
    _write([(f"INSERT OR REPLACE INTO {TABLE} ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
             tuple(cells[c] for c in COLUMNS))])


def remove(model_id: str) -> bool:
    """Remove one model from the overlay; False when it was not there."""
    if not path().is_file():
        return False
    return _write([(f"DELETE FROM {TABLE} WHERE id = ?", (model_id,))]) > 0

