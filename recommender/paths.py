"""Where frugal keeps state that must survive (the user data directory), and writing files whole."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from .errors import FrugalError


def user_dir() -> Path:
    """``$FRUGAL_HOME`` if set, else the platform's user data directory for frugal (not created)."""
    override = os.environ.get("FRUGAL_HOME")
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME", Path.home() / ".local" / "share"))
    return base / "frugal"


DATABASE_NAME = "frugal.sqlite3"
"""One SQLite file in the user directory holds the local measurements (``recommender.catalog.store``)
and the local catalog (``recommender.catalog.local``), each in its own tables."""


def database_path() -> Path:
    """The user's frugal database (it may not exist yet)."""
    return user_dir() / DATABASE_NAME


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file in the same folder, then ``os.replace``:
    a reader never sees a half-written file. An unwritable path raises ``FrugalError``."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp and os.path.exists(tmp):
            os.unlink(tmp)
        raise FrugalError(f"cannot write '{path}': {exc.strerror or exc}.") from None
    return path
