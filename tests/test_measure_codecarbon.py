"""A real CodeCarbon measurement of a small workload: units and consistency, never absolute joules."""

from __future__ import annotations

import json
import time
from contextlib import contextmanager
from importlib import resources
from pathlib import Path

import pytest
from click.testing import CliRunner

pytest.importorskip("codecarbon")

from recommender.cli import cli  # noqa: E402
from recommender.errors import InvalidInput  # noqa: E402
from recommender.measure.meter import CodeCarbonMeter  # noqa: E402
from recommender.measure.runner import Machine, MeasureSettings, run_suite  # noqa: E402
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


class RecordingMeter(CodeCarbonMeter):
    """The real meter, keeping every window's reading in the order the windows close."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.readings = []

    @contextmanager
    def window(self):
        with super().window() as w:
            yield w
        self.readings.append(w.reading)


def test_run_suite_with_codecarbon_is_consistent(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=0.3, budget_s=0, min_repeats=2)
    machine = Machine("h", "Test CPU", 1, False)
    meter = RecordingMeter("FRA")
    outcome = run_suite(load_suite(str(SPIN)), settings, meter, Store(tmp_path / "m.sqlite"), machine)
    for m in outcome.measurements:
        assert 0 < m.energy_wh_per_1k_low <= m.energy_wh_per_1k <= m.energy_wh_per_1k_high
        assert m.energy_wh_per_op == pytest.approx(m.energy_wh_per_1k * m.items_per_op / 1000)
        assert m.carbon_g_per_kwh == pytest.approx(_intensity("FRA"), rel=1e-6)
        assert m.items_per_s == pytest.approx(m.items_per_op / m.seconds_per_op)
        assert m.meter == "codecarbon" and m.meter_version
    # windows close in this order: the discarded first reading, the idle baseline (one repeat long),
    # every repeat, then the whole run
    discarded, idle, *repeats, whole = meter.readings
    assert idle.duration_s >= 0.3 and outcome.idle_w is None  # 0.3 s: under the 0.5 s it takes to report
    assert len(repeats) == sum(m.repeats for m in outcome.measurements) == 4
    assert outcome.energy_wh == whole.energy_wh
    # the whole run includes every repeat (and the warm-ups), so it used more than the repeats together
    assert whole.duration_s > sum(r.duration_s for r in repeats)
    assert whole.energy_wh > sum(r.energy_wh for r in repeats)


def test_an_unknown_country_is_refused_before_anything_is_measured():
    """CodeCarbon itself would log the miss and use the world average as this country's intensity."""
    with pytest.raises(InvalidInput) as refused:
        CodeCarbonMeter("FRANCE")
    assert str(refused.value) == ("unknown country 'FRANCE' for CodeCarbon's grid data. Did you mean 'FRA'? Give an "
                                  "ISO 3166 alpha-3 code, e.g. FRA, DEU or USA.")
    assert CodeCarbonMeter("deu").country == "DEU"
    result = CliRunner().invoke(cli, ["bench", "--suite", str(SPIN), "--country", "XXX"],
                                env={"FRUGAL_METER": "codecarbon"})
    assert (result.exit_code, result.output.splitlines()[-1]) == (2, (
        "Error: unknown country 'XXX' for CodeCarbon's grid data. Give an ISO 3166 alpha-3 code, e.g. FRA, DEU or "
        "USA."))
    assert not Store().path.exists()


def test_any_other_codecarbon_failure_raises_as_it_is(monkeypatch):
    import codecarbon

    def broken_tracker(**options):
        raise RuntimeError("no power source")

    monkeypatch.setattr(codecarbon, "OfflineEmissionsTracker", broken_tracker)
    meter = CodeCarbonMeter("FRA")
    with pytest.raises(RuntimeError, match="^no power source$"):
        with meter.window():
            pass
