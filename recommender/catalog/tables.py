"""Reading the shipped catalog: one manifest of shipped files, CSV tables into validated records."""

from __future__ import annotations

import csv
import gc
import os
import re
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CatalogError
from ..units import shown
from .schema import (Datacenter, EnergyFigure, GridZone, Hardware, HostedDisclosure, Model, QualityScore,
                     Reference, Task, parsers)

TABLES: dict[str, type] = {
    "tasks.csv": Task,
    "models.csv": Model,
    "quality.csv": QualityScore,
    "references.csv": Reference,
    "energy.csv": EnergyFigure,
    "hardware.csv": Hardware,
    "grid.csv": GridZone,
    "datacenters.csv": Datacenter,
    "hosted_disclosures.csv": HostedDisclosure,
}


FIT_FILE = "estimator_fit.json"
"""The estimator's fitted factors (``frugal estimator fit``)."""
CALIBRATION_FILE = "calibration/energy_calibration.csv"
"""The published measurements the estimator is fitted on."""
VISION_FILES = ("vision.csv", "calibration/vision_calibration.csv")
"""Image models' multiply-adds and the image calibration rows (read by ``footprint.vision``)."""
MANIFEST: tuple[str, ...] = (*TABLES, FIT_FILE, CALIBRATION_FILE, *VISION_FILES, "embodied.csv", "grid_impacts.csv")
"""Every file of a catalog directory, relative to it: what the wheel ships and the fingerprint hashes."""


@contextmanager
def bulk_allocation():
    """Pause the cyclic garbage collector while many small acyclic objects are made (loading a
    large catalog, ranking it): its repeated full scans otherwise cost more than the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


KEYS: dict[str, tuple[str, ...]] = {
    "tasks.csv": ("id",), "models.csv": ("id",), "references.csv": ("task", "domain", "data_lang"),
    "hardware.csv": ("id",), "grid.csv": ("zone",), "datacenters.csv": ("id",),
}
"""The columns that identify a row of each table looked up by key: a second row with the same
key is refused (it would otherwise replace the first)."""
CELL_MAX_CHARS = 10_000
"""The longest catalog cell (the shipped ones stay under 1,000 characters)."""
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Characters no catalog cell holds: control characters (NUL, tab, newline, escape...) and the
overrides that reorder text."""


def _cell_problem(cell: str) -> str | None:
    """What is wrong with a cell whatever its column, or None."""
    if len(cell) > CELL_MAX_CHARS:
        return f"expected at most {CELL_MAX_CHARS:,} characters; got {len(cell):,}"
    if _CONTROL.search(cell):
        return f"expected text without control characters; got '{shown(cell)}'"
    return None


def _undecodable(path: Path) -> CatalogError:
    """The row and byte where a table stops being UTF-8 text."""
    data = path.read_bytes()
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return CatalogError(f"{path}, row {line}: expected UTF-8 text; got byte 0x{data[exc.start]:02x} (a binary "
                            f"file, or another encoding such as latin-1).")
    return CatalogError(f"{path}: expected UTF-8 text.")  # pragma: no cover - decoding failed a moment ago


def read_table(path: Path, record_type: type) -> list[Any]:
    """Read one CSV table into records, validating every cell. Equal cells of a column share one
    parsed value (each distinct cell is parsed once), so work on many records compares objects.
    Every mistake (a folder or an unreadable file, binary or non-UTF-8 text, bad CSV quoting, a
    wrong header or cell count, a bad or oversized cell, a repeated key) is one ``CatalogError``
    naming the file, the row, the column and what is expected."""
    try:
        handle = open(path, newline="", encoding="utf-8-sig")
    except FileNotFoundError:
        raise CatalogError(f"catalog table {path} is missing.") from None
    except OSError as exc:
        why = "it is a folder" if path.is_dir() else exc.strerror or str(exc)
        raise CatalogError(f"catalog table {path} cannot be read: {why}.") from None
    with handle:
        reader = csv.reader(handle, strict=True)
        try:
            return _records(path, reader, record_type)
        except UnicodeDecodeError:
            raise _undecodable(path) from None
        except csv.Error as exc:
            if "field limit" in str(exc):
                raise CatalogError(f"{path}, row {reader.line_num}: expected at most {CELL_MAX_CHARS:,} characters "
                                   f"per cell; got a longer cell.") from None
            raise CatalogError(f"{path}, row {reader.line_num}: expected CSV (comma-separated cells, a quote inside "
                               f"a quoted cell doubled); got {exc}.") from None


def _records(path: Path, reader, record_type: type) -> list[Any]:
    columns = parsers(record_type)
    parsed: list[dict[str, Any]] = [{} for _ in columns]
    expected_columns = [name for name, _ in columns]
    header = next(reader, None)
    if header is None:
        raise CatalogError(f"{path}: the file is empty; expected the header {','.join(expected_columns)}.")
    if header != expected_columns:
        raise CatalogError(
            f"{path}: header must be {','.join(expected_columns)}; got {shown(','.join(header), 400)}."
        )
    key_columns = KEYS.get(path.name, ())
    key_at = [expected_columns.index(c) for c in key_columns]
    first_row: dict[tuple[str, ...], int] = {}
    columns_said = f"column {key_columns[0]}" if len(key_columns) == 1 else f"columns {', '.join(key_columns)}"
    each = key_columns[0] if len(key_columns) == 1 else f"({', '.join(key_columns)})"
    records = []
    for line, row in enumerate(reader, start=2):
        if not row:
            continue
        if len(row) != len(columns):
            raise CatalogError(f"{path}, row {line}: expected {len(columns)} cells, got {len(row)}.")
        values = {}
        for (name, parse), cell, seen in zip(columns, row, parsed):
            if cell in seen:
                values[name] = seen[cell]
                continue
            problem = _cell_problem(cell)
            if problem:
                raise CatalogError(f"{path}, row {line}, column {name}: {problem}.")
            try:
                values[name] = seen[cell] = parse(cell.strip())
            except ValueError as exc:
                raise CatalogError(
                    f"{path}, row {line}, column {name}: expected {exc}; got '{shown(cell)}'."
                ) from None
        key = tuple(row[i].strip() for i in key_at) if key_at else tuple(cell.strip() for cell in row)
        first = first_row.setdefault(key, line)
        if first != line:
            if not key_at:
                raise CatalogError(f"{path}, row {line}: repeats row {first} cell for cell; expected each row once.")
            raise CatalogError(f"{path}, row {line}, {columns_said}: '{shown(','.join(key))}' is already on row "
                               f"{first}; expected each {each} once.")
        records.append(record_type(**values))
    return records


def shipped_catalog_dir() -> Path:
    """The catalog shipped with the package (the wheel's copy, else the source checkout's)."""
    override = os.environ.get("FRUGAL_CATALOG")
    if override:
        return Path(override)
    packaged = Path(str(resources.files("recommender"))) / "_catalog"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "catalog"


