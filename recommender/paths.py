"""Where frugal keeps state that must survive (the user data directory), and writing files whole."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import secrets
import sys
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
    """Write ``data`` to ``path`` whole: a reader sees the old file or the new one, never a part.

    The bytes go to an unnamed file in the target's folder (``O_TMPFILE`` where the system has it),
    which gets a name (``.NAME.PID-XXXX.tmp``) only once written and synced, then is renamed over
    ``path``. A symlink planted at ``path`` is replaced, never written through; the file's mode is
    0o666 less the user's umask; a writer killed before the rename leaves at most a named temporary
    file, which the next write to the same target removes. An unwritable path raises ``FrugalError``."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = path.parent
    tmp: Path | None = None
    try:
        _remove_orphans(path)
        fd = _open_unnamed(folder)
        if fd is None:
            tmp, fd = _open_named(path)
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
            if tmp is None:
                tmp = _link_unnamed(handle.fileno(), path)
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise FrugalError(f"cannot write '{path}': {exc.strerror or exc}.") from None
    return path


def _temp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")


def _open_unnamed(folder: Path) -> int | None:
    """An unnamed file in ``folder`` (Linux ``O_TMPFILE``), or None where the system has none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag:
        return None
    try:
        return os.open(folder, flag | os.O_WRONLY, 0o666)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # a file system without O_TMPFILE: fall back to a named temporary file
        raise


def _open_named(path: Path) -> tuple[Path, int]:
    while True:
        tmp = _temp_name(path)
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue


def _link_unnamed(fd: int, path: Path) -> Path:
    """Give the written unnamed file ``fd`` a temporary name next to ``path``."""
    descriptors = os.open("/proc/self/fd", os.O_RDONLY)
    try:
        while True:
            tmp = _temp_name(path)
            try:  # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd/N: what O_TMPFILE files are named with
                os.link(str(fd), tmp, src_dir_fd=descriptors, follow_symlinks=True)
                return tmp
            except FileExistsError:
                continue
    finally:
        os.close(descriptors)


_ORPHAN = re.compile(r"\.(?P<name>.+)\.(?P<pid>[0-9]+)-[0-9a-f]{8}\.tmp")


def _remove_orphans(path: Path) -> None:
    """Remove the temporary files a killed writer left next to ``path`` (their process is gone)."""
    try:
        siblings = os.listdir(path.parent)
    except OSError:
        return  # the write itself will say what is wrong with the folder
    for name in siblings:
        match = _ORPHAN.fullmatch(name)
        if not match or match["name"] != path.name or _alive(int(match["pid"])):
            continue
        with contextlib.suppress(OSError):
            os.unlink(path.parent / name)


def _alive(pid: int) -> bool:
    if pid == os.getpid() or sys.platform == "win32":  # on Windows os.kill would end the process
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True
