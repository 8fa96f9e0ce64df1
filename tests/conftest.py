"""Shared fixtures: every test runs with its own user directory and no network."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

FIXTURE_CATALOG = Path(__file__).parent / "fixtures" / "catalog"


@pytest.fixture(autouse=True)
def isolated_user_dir(tmp_path, monkeypatch):
    """FRUGAL_HOME points at a fresh directory; the shipped catalog is used unless a test says."""
    home = tmp_path / "frugal-home"
    monkeypatch.setenv("FRUGAL_HOME", str(home))
    monkeypatch.delenv("FRUGAL_CATALOG", raising=False)
    return home


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any attempt to reach a non-loopback address fails the test."""
    real_connect = socket.socket.connect

    def guarded(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("localhost", "::1")) \
                and self.family in (socket.AF_INET, socket.AF_INET6):
            raise AssertionError(f"test tried to reach the network: {address}")
        return real_connect(self, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded)


@pytest.fixture
def fixture_catalog(monkeypatch):
    """The small catalog under tests/fixtures/catalog, with hand-checkable numbers."""
    from recommender.catalog import Catalog

    monkeypatch.setenv("FRUGAL_CATALOG", str(FIXTURE_CATALOG))
    return Catalog.load(FIXTURE_CATALOG)


@pytest.fixture
def full_disk(monkeypatch):
    """Call it to make every later ``os.replace`` fail as on a full disk (the atomic writer's last step)."""
    import os

    def replace(source, destination):
        raise OSError(28, "No space left on device")

    return lambda: monkeypatch.setattr(os, "replace", replace)


@pytest.fixture
def fixed_machine(monkeypatch):
    """``frugal bench`` sees the machine ``bench_helpers.MACHINE``."""
    from bench_helpers import MACHINE

    from recommender.measure import runner

    monkeypatch.setattr(runner, "detect_machine", lambda: MACHINE)
    return MACHINE
