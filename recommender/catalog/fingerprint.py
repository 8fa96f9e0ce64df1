"""The catalog fingerprint: one short hash of every input that changes a number frugal prints.

It covers every file of the catalog's manifest (the tables, the estimator's fit in use — the user's own
when there is one —, its calibration data) and the user's local rows (local models and this machine's measurements), so that a
disclosure's fingerprint identifies the numbers it states.
"""

from __future__ import annotations

import hashlib
from dataclasses import astuple
from pathlib import Path
from typing import TYPE_CHECKING

from .tables import FIT_FILE, MANIFEST

if TYPE_CHECKING:
    from . import Catalog

LENGTH = 12
"""Hex digits shown."""


def fingerprint(catalog: "Catalog") -> str:
    """sha256 over the manifest files of ``catalog.origin`` and its local rows, e.g. ``3f2a9c1d04be``."""
    digest = hashlib.sha256()
    for name in MANIFEST:
        path = catalog.fit_file if name == FIT_FILE else Path(catalog.origin) / name
        digest.update(name.encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    for model_id in sorted(catalog.local):
        digest.update(repr((astuple(catalog.models[model_id]), catalog.local[model_id])).encode())
    for figure in catalog.measured_here:
        digest.update(repr(astuple(figure)).encode())
    return digest.hexdigest()[:LENGTH]
