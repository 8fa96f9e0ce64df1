"""Where frugal keeps state that must survive: the user data directory."""

from __future__ import annotations

import os
import sys
from pathlib import Path


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
