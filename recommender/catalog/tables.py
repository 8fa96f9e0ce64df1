"""Reading the shipped catalog: one manifest of shipped files, CSV tables into validated records."""

from __future__ import annotations

import csv
import gc
import os
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import CatalogError
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
MANIFEST: tuple[str, ...] = (*TABLES, FIT_FILE, CALIBRATION_FILE)
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


def read_table(path: Path, record_type: type) -> list[Any]:
    """Read one CSV table into records, validating every cell. Equal cells of a column share one
    parsed value (each distinct cell is parsed once), so work on many records compares objects."""
    columns = parsers(record_type)
    parsed: list[dict[str, Any]] = [{} for _ in columns]
    expected_columns = [name for name, _ in columns]
    try:
        handle = open(path, newline="", encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"catalog table {path} is missing.") from None
    with handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != expected_columns:
            raise CatalogError(
                f"{path}: header must be {','.join(expected_columns)}; got {','.join(header or [])}."
            )
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
                try:
                    values[name] = seen[cell] = parse(cell.strip())
                except ValueError as exc:
                    raise CatalogError(
                        f"{path}, row {line}, column {name}: expected {exc}; got '{cell}'."
                    ) from None
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


