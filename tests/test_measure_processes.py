"""The store under real processes: SIGKILL at any moment loses nothing, two runs at once both record."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recommender.catalog.store import Store

ENTRIES = 12


def _suite(tmp_path: Path, item_ms: float) -> Path:
    path = tmp_path / "slow.toml"
    lines = ['name = "slow"']
    for i in range(ENTRIES):  # one workload each: a suite measures each (model, workload, phase) once
        lines += [f"[workloads.spin-{i}]", 'data = "spin"', "items = 1", f"item_ms = {item_ms}"]
    for i in range(ENTRIES):
        lines += ["[[entries]]", 'model = "tfidf-logreg"', 'task = "classification"', f'workload = "spin-{i}"',
                  'phases = ["fit", "inference"]']
    path.write_text("\n".join(lines) + "\n")
    return path


def _bench(suite: Path, home: Path) -> subprocess.Popen:
    env = {**os.environ, "FRUGAL_HOME": str(home), "FRUGAL_METER": "fake"}
    return subprocess.Popen(
        [sys.executable, "-c", "from recommender.cli import main; main()", "bench", "--suite", str(suite),
         "--hardware", "cpu-workstation", "--threads", "1", "--repeat-seconds", "0"],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _count(path: Path) -> int:
    if not path.exists():
        return 0
    return len(Store(path).measurements())


def _integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


@pytest.mark.parametrize("kill_after", [1, 3, 7])
def test_sigkill_loses_no_earlier_measurement(tmp_path, kill_after):
    home = tmp_path / "home"
    path = home / "frugal.sqlite3"
    process = _bench(_suite(tmp_path, item_ms=20), home)
    seen = 0
    deadline = time.monotonic() + 60
    while seen < kill_after and time.monotonic() < deadline:
        seen = max(seen, _count(path))
        time.sleep(0.005)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL
    assert seen >= kill_after
    assert _integrity(path) == "ok"
    survivors = Store(path).measurements()
    assert len(survivors) >= seen
    assert {(m.model_id, m.energy_wh_per_1k) for m in survivors} == {("tfidf-logreg", 1.0)}
    [run] = Store(path).runs()
    assert (run.status, run.energy_wh) == ("running", None)

    again = _bench(_suite(tmp_path, item_ms=1), home)
    assert again.wait(timeout=120) == 0, again.stderr.read().decode()
    assert len(Store(path).measurements()) == len(survivors) + 2 * ENTRIES
    assert [r.status for r in Store(path).runs()] == ["running", "finished"]


def test_two_runs_at_once_both_record_everything(tmp_path):
    home = tmp_path / "home"
    suite = _suite(tmp_path, item_ms=2)
    processes = [_bench(suite, home) for _ in range(2)]
    for p in processes:
        assert p.wait(timeout=120) == 0, p.stderr.read().decode()
    store = Store(home / "frugal.sqlite3")
    runs = store.runs()
    assert [r.status for r in runs] == ["finished", "finished"]
    measurements = store.measurements()
    assert sorted((m.run_id, m.phase) for m in measurements) == sorted(
        (r.id, phase) for r in runs for _ in range(ENTRIES) for phase in ("fit", "inference"))
    assert _integrity(store.path) == "ok"
