"""The fit is reproducible and the stored factors are the ones a refit gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("sklearn")

from click.testing import CliRunner  # noqa: E402

from recommender.catalog import Catalog, load_catalog  # noqa: E402
from recommender.catalog.tables import FIT_FILE  # noqa: E402
from recommender.cli import cli  # noqa: E402
from recommender.footprint import calibration  # noqa: E402
from recommender.footprint.factors import factors_of, load_factors  # noqa: E402
from recommender.ranges import Range  # noqa: E402

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
    assert document["calibration"]["rows"] == 80
    assert document["calibration"]["sources"] == {
        "ML.ENERGY Leaderboard v2": 16, "ML.ENERGY Leaderboard v1": 6,
        "Luccioni et al. 2024 (Table 3)": 8, "Luccioni et al. 2024 raw logs": 28,
        "Luccioni et al. 2024 raw logs (images)": 8, "frugal bench vision-cpu (this project)": 14,
    }


def test_stored_factors_are_what_estimate_reads(document):
    factors = load_factors(CATALOG / FIT_FILE)
    assert {n: getattr(factors, n) for n in document["factors"]} == document["factors"]


def test_prediction_of_a_calibration_row_at_its_boundary(catalog, fixture_catalog):
    rows = calibration.read_rows(catalog, CATALOG)
    it, acc = (r for r in rows if r.model_id == "dslim/bert-base-NER")
    assert (it.boundary, acc.boundary, it.spec, it.energy_wh_per_1k != acc.energy_wh_per_1k) == \
        ("it", "accelerator", acc.spec, True)  # one setup measured at two boundaries
    # By hand, with the fixture's round factors: the encoder example of test_estimator (1e9 params,
    # 78 tokens, batch 10, fp16 on the fixture A100: roofline 0.001 s + overhead 0.001 s per item)
    # in a node with 7 idle A100s (50 W each) inside the boundary, like the Luccioni rows.
    spec = calibration.Spec(params_total=Range.exact(1e9), params_active=Range.exact(1e9), architecture="encoder",
                            tokens_in=78, tokens_out=0, hardware=fixture_catalog.hardware["a100"],
                            batch_size=Range.exact(10), precision="fp16", gpus=1, idle_gpus=7)
    accelerator_j = 50 * 0.002 + 350 * (0.5 * 0.001 + 0.25 * 0.001) + 7 * 50 * 0.002   # 1.0625 J
    host_j = 100 * (1 + 7) * 0.002                                                    # 1.6 J
    f = factors_of(fixture_catalog)
    at_accelerator = calibration.Row("s", "m", spec, "accelerator", 1.0)
    at_it = calibration.Row("s", "m", spec, "it", 1.0)
    assert calibration.predict_wh_per_1k(at_accelerator, f) == pytest.approx(accelerator_j * 1000 / 3600, rel=1e-12)
    assert calibration.predict_wh_per_1k(at_it, f) == pytest.approx((accelerator_j + host_j) * 1000 / 3600, rel=1e-12)
    assert calibration.predictions_wh_per_1k([at_accelerator, at_it], f).tolist() == pytest.approx(
        [1.0625 / 3.6, 2.6625 / 3.6], rel=1e-12)


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

    factors = factors_of(fixture_catalog)
    measured = EnergyFigure(
        model_id="biobert", task="classification", data_kind="text", phase="inference", hardware="cpu-workstation",
        gpus=None, boundary="it", batch_size=8, tokens_in=300, tokens_out=None, epochs=None, energy_wh_per_1k=2.0,
        energy_wh_per_1k_low=None, energy_wh_per_1k_high=None, method="measured", source="frugal bench, test",
        source_url="", date="2026-11-29", notes="")
    fixture_catalog = fixture_catalog.with_local(figures=[measured, replace(measured, model_id="tfidf-logreg"),
                                replace(measured, hardware="a100"), replace(measured, phase="fine-tune")])
    [check] = calibration.cpu_checks(fixture_catalog, factors)  # transformer inference on a CPU only
    # By hand: BioBERT (110e6 params, 12 layers × 768) in fp32 on the fixture workstation CPU (1 TFLOP/s
    # and 50 GB/s peak, at 0.5 of each; TDP 100 W, idle 20 W, host 25 W), 300 tokens, batch 8
    attention = 4 * 12 * 768 * 300 ** 2
    prefill = max(8 * (2 * 110e6 * 300 + attention) / 5e11, 110e6 * 4 / 2.5e10)   # 1.109 s > 0.0176 s
    roofline = prefill / 8
    overhead = 0.01 * (110e6 / 1e9) ** 0.5 / 8                                     # 1 pass per batch
    t = roofline + overhead
    it_j = 20 * t + 80 * (0.5 * roofline + 0.25 * overhead) + 25 * t
    mid = it_j * 1000 / 3600                                                       # 3.281 Wh per 1,000
    assert mid == pytest.approx(3.280824, rel=1e-6)
    band = 10 ** 0.5
    assert (check.model_id, check.measured_wh_per_1k) == ("biobert", 2.0)
    assert (check.estimated.low, check.estimated.mid, check.estimated.high) == \
        pytest.approx((mid / band, mid, mid * band), rel=1e-12)
    assert check.ratio == pytest.approx(mid / 2.0, rel=1e-12)
    assert check.inside  # 1.04 <= 2.0 <= 10.4


def test_a_refit_is_written_to_the_user_folder_and_read_from_there(isolated_user_dir):
    shipped = (CATALOG / FIT_FILE).read_bytes()
    files = sorted((p, p.stat().st_mtime_ns) for p in CATALOG.rglob("*"))
    result = CliRunner().invoke(cli, ["estimator", "fit"])
    assert result.exit_code == 0, result.output
    written = isolated_user_dir / FIT_FILE
    assert result.output.splitlines()[-1] == f"Wrote {written} (80 rows)."
    assert (CATALOG / FIT_FILE).read_bytes() == shipped  # the package's copy is untouched
    assert sorted((p, p.stat().st_mtime_ns) for p in CATALOG.rglob("*")) == files
    catalog = load_catalog()
    assert catalog.fit_file == written
    assert factors_of(catalog) == load_factors(written)
    assert CliRunner().invoke(cli, ["estimator", "fit", "--check"]).output == \
        f"The stored fit ({written}) is reproduced exactly.\n"


def test_a_fit_in_use_that_differs_from_a_refit_fails_the_check(isolated_user_dir, tmp_path):
    result = CliRunner().invoke(cli, ["estimator", "fit", "--output", str(tmp_path / "elsewhere" / "fit.json")])
    assert result.exit_code == 0 and (tmp_path / "elsewhere" / "fit.json").is_file()
    assert not (isolated_user_dir / FIT_FILE).exists()
    stale = json.loads((CATALOG / FIT_FILE).read_text(encoding="utf-8"))
    stale["factors"]["compute_efficiency"] = 0.5
    isolated_user_dir.mkdir(parents=True)
    (isolated_user_dir / FIT_FILE).write_text(json.dumps(stale), encoding="utf-8")
    assert factors_of(load_catalog()).compute_efficiency == 0.5  # the user's fit is the one in use
    result = CliRunner().invoke(cli, ["estimator", "fit", "--check"])
    assert result.exit_code == 1
    assert result.output == (f"Error: the fit in use ({isolated_user_dir / FIT_FILE}) differs from a refit; run "
                             "'frugal estimator fit' to update it.\n")
