"""A real CodeCarbon measurement of a small workload: units and consistency, never absolute joules."""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

import pytest

pytest.importorskip("codecarbon")

from recommender.measure.meter import CodeCarbonMeter  # noqa: E402
from recommender.measure.runner import Machine, Settings, run_suite  # noqa: E402
from recommender.catalog.store import Store  # noqa: E402
from recommender.measure.suites import load_suite  # noqa: E402

SPIN = Path(__file__).parent / "fixtures" / "suites" / "spin.toml"


def _intensity(country: str) -> float:
    """CodeCarbon's own carbon intensity for a country, g CO2e per kWh."""
    data = resources.files("codecarbon") / "data" / "private_infra" / "global_energy_mix.json"
    return json.loads(data.read_text())[country]["carbon_intensity"]


def test_a_window_reads_energy_in_kwh_at_the_zone_intensity(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    meter = CodeCarbonMeter("FRA")
    with meter.window() as w:
        end = time.perf_counter() + 0.5
        while time.perf_counter() < end:
            pass
    r = w.reading
    assert r.energy_kwh > 0
    assert r.duration_s >= 0.5
    assert r.emissions_kg * 1000 / r.energy_kwh == pytest.approx(_intensity("FRA"), rel=1e-6)
    assert meter.method.startswith(("RAM:", "CPU:", "GPU:"))
    assert list(tmp_path.iterdir()) == []  # CodeCarbon wrote no file


def test_run_suite_with_codecarbon_is_consistent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = Settings(hardware="cpu-workstation", threads=1, repeat_s=0.3, budget_s=0, min_repeats=2)
    machine = Machine("h", "Test CPU", 1, False)
    outcome = run_suite(load_suite(str(SPIN)), settings, CodeCarbonMeter("FRA"), Store(tmp_path / "m.sqlite"),
                        machine)
    for m in outcome.measurements:
        assert 0 < m.energy_wh_per_1k_low <= m.energy_wh_per_1k <= m.energy_wh_per_1k_high
        assert m.energy_wh_per_op == pytest.approx(m.energy_wh_per_1k * m.items_per_op / 1000)
        assert m.carbon_g_per_kwh == pytest.approx(_intensity("FRA"), rel=1e-6)
        assert m.items_per_s == pytest.approx(m.items_per_op / m.seconds_per_op)
        assert m.meter == "codecarbon" and m.meter_version
    # the whole run includes every repeat, so it used more than the repeats together
    repeats_wh = sum(m.energy_wh_per_op * m.repeats for m in outcome.measurements)
    assert outcome.energy_wh > repeats_wh * 0.5
