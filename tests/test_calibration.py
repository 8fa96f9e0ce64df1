"""The fit is reproducible and the stored factors are the ones a refit gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from recommender.footprint import calibration  # noqa: E402
from recommender.catalog import Catalog  # noqa: E402
from recommender.footprint.physics import FIT_FILE, load_factors  # noqa: E402

CATALOG = Path(__file__).parent.parent / "catalog"


@pytest.fixture(scope="module")
def catalog():
    return Catalog.load(CATALOG)


@pytest.fixture(scope="module")
def document(catalog):
    return calibration.fit_document(catalog, CATALOG)


def test_refit_reproduces_the_stored_factors_exactly(document):
    stored = json.loads((CATALOG / FIT_FILE).read_text(encoding="utf-8"))
    assert document["factors"] == stored["factors"]
    assert document["calibration"]["data_sha256"] == stored["calibration"]["data_sha256"]


def test_fit_uses_every_calibration_row_of_each_source(document):
    assert document["calibration"]["rows"] == 58
    assert document["calibration"]["sources"] == {
        "ML.ENERGY Leaderboard v2": 16, "ML.ENERGY Leaderboard v1": 6,
        "Luccioni et al. 2024 (Table 3)": 8, "Luccioni et al. 2024 raw logs": 28,
    }


def test_stored_factors_are_what_estimate_reads(document):
    factors = load_factors(CATALOG)
    assert {n: getattr(factors, n) for n in document["factors"]} == document["factors"]


def test_prediction_of_a_calibration_row_at_its_boundary(catalog):
    rows = calibration.read_rows(catalog, CATALOG)
    it, acc = (r for r in rows if r.model_id == "dslim/bert-base-NER")
    assert (it.boundary, acc.boundary) == ("it", "accelerator")
    f = load_factors(CATALOG)
    # the same setup: IT = accelerator + host, so the IT prediction is the larger
    assert calibration.predict_wh_per_1k(it, f) > calibration.predict_wh_per_1k(acc, f)


def test_params_linear_baseline_is_a_log_space_mean():
    class Spec:
        def __init__(self, n, t):
            self.params_active = type("R", (), {"mid": n})()
            self.tokens_in, self.tokens_out = t, 0

    # 0.1 and 10 Wh per 1,000 items = 0.36 and 36 J per item, for 1e9 params × 100 tokens = 1e11
    rows = [calibration.Row("s", "m", Spec(1e9, 100), "it", 0.1),
            calibration.Row("s", "m", Spec(1e9, 100), "it", 10.0)]
    log_k, band = calibration.baseline_fit(rows)
    # energies per item 0.36 J and 36 J for 1e11 parameter-tokens: log10 k = mean(-11.44, -9.44)
    assert log_k == pytest.approx(0.5563025007672873 - 11, rel=1e-12)
    assert band == pytest.approx(1.0, rel=1e-12)


def test_cpu_measurements_are_compared_with_the_estimator(fixture_catalog):
    from dataclasses import replace

    from recommender.catalog import EnergyFigure
    from recommender.ranges import Range

    factors = load_factors(fixture_catalog.origin)
    measured = EnergyFigure(
        model_id="biobert", task="classification", data_kind="text", phase="inference", hardware="cpu-workstation",
        gpus=None, boundary="it", batch_size=8, tokens_in=300, tokens_out=None, epochs=None, energy_wh_per_1k=2.0,
        energy_wh_per_1k_low=None, energy_wh_per_1k_high=None, method="measured", source="frugal bench, test",
        source_url="", date="2026-11-29", notes="")
    fixture_catalog = fixture_catalog.with_local(figures=[measured, replace(measured, model_id="tfidf-logreg"),
                                replace(measured, hardware="a100"), replace(measured, phase="fine-tune")])
    [check] = calibration.cpu_checks(fixture_catalog, factors)  # transformer inference on a CPU only
    spec = calibration.Spec(params_total=Range.exact(110e6), params_active=Range.exact(110e6),
                            architecture="encoder", tokens_in=300, tokens_out=0,
                            hardware=fixture_catalog.hardware["cpu-workstation"], batch_size=Range.exact(8),
                            precision="fp32", layers=12, hidden_size=768)
    expected = calibration.estimate(spec, factors).it_wh_per_1k
    assert (check.model_id, check.measured_wh_per_1k, check.estimated) == ("biobert", 2.0, expected)
    assert check.ratio == expected.mid / 2.0
    assert check.inside == (expected.low <= 2.0 <= expected.high)
