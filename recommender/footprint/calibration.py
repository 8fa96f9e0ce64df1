"""Calibration of the estimator's free factors, and its validation (``frugal estimator fit|validate``).

The data is ``catalog/calibration/energy_calibration.csv``: published measurements copied from
the project's reference set (ML.ENERGY leaderboards v1 and v2, Luccioni et al. 2024), each row
with its source, boundary and the assumptions made; and, in the same fit, the image rows of
``catalog/calibration/vision_calibration.csv`` (``footprint.vision``: Luccioni et al.'s image
classification GPU share, frugal's own ``vision-cpu`` bench measurements). The fit minimises squared log10 errors
(scipy's bounded ``least_squares``) plus a weak pull of each factor towards its physical first
guess; validation holds out one source at a time with scikit-learn's ``LeaveOneGroupOut``. Every
prediction goes through ``physics.derive``, like every estimate. Heavy imports stay inside the
functions: ``frugal estimate`` reads the stored factors without them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from ..catalog import Catalog, Hardware, shipped_catalog_dir
from ..catalog.tables import CALIBRATION_FILE as DATA_FILE
from ..errors import CatalogError, FrugalError
from ..paths import write_atomic
from ..ranges import Range
from .estimator import Spec, estimate, inputs_of
from .factors import Factors
from .physics import J_PER_WH, MID, Inputs, derive

PRIORS = {
    "compute_efficiency": 0.4, "memory_efficiency": 0.6, "overhead_s_per_pass": 0.01,
    "overhead_exponent": 0.3, "busy_power_fraction": 0.6, "overhead_power_fraction": 0.2,
    "idle_power_fraction": 0.15, "host_power_factor": 1.0,
}
"""Physical first guesses: the fit starts there and is pulled back towards them (weakly)."""
BOUNDS = {
    "compute_efficiency": (0.02, 1.0), "memory_efficiency": (0.02, 1.0), "overhead_s_per_pass": (1e-5, 1.0),
    "overhead_exponent": (0.05, 1.5), "busy_power_fraction": (0.02, 1.0), "overhead_power_fraction": (0.001, 1.0),
    "idle_power_fraction": (0.02, 0.5), "host_power_factor": (0.05, 5.0),
}
PRIOR_SD_LOG10 = 0.5
"""Spread of the pull towards the first guesses, in decades: weak next to the data's ~0.1."""
BAND_QUANTILE = 0.9
"""The error band's half-width is this quantile of the fit's |log10 error| on its training rows."""
DIGITS = 4
"""Significant digits of the stored factors (so that a refit reproduces them exactly)."""


@dataclass(frozen=True)
class Row:
    """One calibration measurement: the setup (as an estimator Spec) and the measured energy."""

    source: str
    model_id: str
    spec: Spec
    boundary: str
    """``accelerator`` (GPU only) or ``it`` (GPU + CPU + RAM)."""
    energy_wh_per_1k: float


def read_rows(catalog: Catalog, directory: Path | None = None) -> list[Row]:
    """The calibration rows, with their hardware taken from the catalog's profiles."""
    path = (directory or Path(catalog.origin or shipped_catalog_dir())) / DATA_FILE
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        for line, r in enumerate(csv.DictReader(handle), start=2):
            try:
                hw = catalog.hardware[r["hardware"]]
                spec = Spec(
                    params_total=Range.exact(float(r["params_total"])),
                    params_active=Range.exact(float(r["params_active"])),
                    architecture=r["architecture"], tokens_in=float(r["tokens_in"]),
                    tokens_out=float(r["tokens_out"]), hardware=hw,
                    batch_size=Range.exact(float(r["batch_size"])), precision=r["precision"],
                    gpus=int(r["gpus"]), idle_gpus=int(r["idle_gpus"]),
                )
                rows.append(Row(r["source"], r["model_id"], spec, r["boundary"], float(r["energy_wh_per_1k"])))
            except (KeyError, ValueError) as exc:
                raise CatalogError(f"{path}, row {line}: {exc}") from None
    return rows


def all_rows(catalog: Catalog, directory: Path | None = None) -> list[Row]:
    """The text calibration rows then the image rows (``footprint.vision.read_vision_rows``): one fit."""
    from .vision import read_vision_rows

    return read_rows(catalog, directory) + [Row(*fields) for fields in read_vision_rows(catalog, directory)]


@dataclass(frozen=True)
class Prepared:
    """Calibration rows made ready to predict many times (a fit evaluates thousands of factor sets)."""

    inputs: Inputs
    with_host: list[bool]
    """Whether each row's boundary includes the host (``it``)."""
    measured_wh_per_1k: list[float]


def prepare(rows: list[Row]) -> Prepared:
    return Prepared(inputs_of([r.spec for r in rows]), [r.boundary == "it" for r in rows],
                    [r.energy_wh_per_1k for r in rows])


def predictions_wh_per_1k(rows: list[Row] | Prepared, factors: Factors):
    """The estimator's mid values for calibration rows at each row's measurement boundary, Wh per
    1,000 items (a numpy array): the same ``physics.derive`` as every estimate."""
    import numpy as np

    prepared = rows if isinstance(rows, Prepared) else prepare(rows)
    values = derive(prepared.inputs, factors)
    return values.accelerator_wh_per_1k[MID] + np.where(prepared.with_host, values.host_wh_per_1k[MID], 0.0)


def predict_wh_per_1k(row: Row, factors: Factors) -> float:
    """The estimator's mid value for one calibration row, at the row's measurement boundary."""
    return float(predictions_wh_per_1k([row], factors)[0])


def _round(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")


def _factors(values: dict[str, float], band: float = 0.0, source: str = "") -> Factors:
    return Factors(**{k: _round(v) for k, v in values.items()}, band_log10=_round(band), source=source)


def log_errors(rows: list[Row] | Prepared, factors: Factors) -> list[float]:
    """log10(estimate / measured) per row."""
    import numpy as np

    prepared = rows if isinstance(rows, Prepared) else prepare(rows)
    return np.log10(predictions_wh_per_1k(prepared, factors) / np.array(prepared.measured_wh_per_1k)).tolist()


def fit_factors(rows: list[Row]) -> Factors:
    """Least squares on log10 errors over log10 factors, with the weak pull towards ``PRIORS``; the
    band is the ``BAND_QUANTILE`` of the training rows' |log10 error|. Deterministic."""
    import numpy as np
    from scipy.optimize import least_squares

    names = list(PRIORS)
    prepared = prepare(rows)
    x0 = np.log10([PRIORS[n] for n in names])
    lower = np.log10([BOUNDS[n][0] for n in names])
    upper = np.log10([BOUNDS[n][1] for n in names])

    def raw_residuals(x):  # unrounded factors: rounding would make the objective flat
        f = Factors(**dict(zip(names, 10 ** x)), band_log10=0.0)
        return np.concatenate([log_errors(prepared, f), (x - x0) / PRIOR_SD_LOG10])

    result = least_squares(raw_residuals, x0, bounds=(lower, upper), method="trf", x_scale=1.0,
                           xtol=1e-12, ftol=1e-12, gtol=1e-12, max_nfev=20000)
    fitted = _factors(dict(zip(names, 10 ** result.x)))
    errors = np.abs(log_errors(prepared, fitted))
    return replace(fitted, band_log10=_round(float(np.quantile(errors, BAND_QUANTILE))))


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fit_document(catalog: Catalog, directory: Path | None = None) -> dict:
    """The fit as stored in ``estimator_fit.json``: factors, then which data, how and when."""
    import numpy as np

    from .vision import VISION_CALIBRATION_FILE

    directory = directory or Path(catalog.origin or shipped_catalog_dir())
    rows = all_rows(catalog, directory)
    factors = fit_factors(rows)
    errors = np.abs(log_errors(rows, factors))
    sources: dict[str, int] = {}
    for r in rows:
        sources[r.source] = sources.get(r.source, 0) + 1
    return {
        "factors": {name: getattr(factors, name) for name in Factors.names()},
        "calibration": {
            "data": DATA_FILE,
            "data_sha256": sha256_of(directory / DATA_FILE),
            **({"vision_data": VISION_CALIBRATION_FILE,
                "vision_data_sha256": sha256_of(directory / VISION_CALIBRATION_FILE)}
               if (directory / VISION_CALIBRATION_FILE).is_file() else {}),
            "rows": len(rows),
            "sources": sources,
            "hardware": {hw: _hardware_summary(catalog.hardware[hw])
                         for hw in sorted({r.spec.hardware.id for r in rows})},
            "method": "scipy.optimize.least_squares on log10(estimate/measured) over log10 factors, "
                      f"weak prior (sd {PRIOR_SD_LOG10} decade) towards the first guesses, bounded; band = "
                      f"{BAND_QUANTILE:g} quantile of |log10 error|; factors rounded to {DIGITS} significant digits",
            "priors": PRIORS,
            "in_sample_median_abs_log10_error": _round(float(np.median(errors))),
            "in_sample_p90_abs_log10_error": _round(float(np.quantile(errors, 0.9))),
            "fitted": date.today().isoformat(),
        },
    }


def _hardware_summary(hw: Hardware) -> str:
    return (f"{hw.name}: {hw.peak_tflops_fp32:g}/{hw.peak_tflops_fp16 or 0:g} TFLOPS fp32/fp16, "
            f"{hw.memory_bandwidth_gbs:g} GB/s, TDP {hw.tdp_w:g} W, host {hw.host_w or 0:g} W")


def write_fit(document: dict, path: Path) -> Path:
    """Write a fit document to ``path`` (its folder made if needed), whole or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FrugalError(f"cannot create the folder '{path.parent}': {exc.strerror or exc}.") from None
    return write_atomic(path, json.dumps(document, indent=2) + "\n")


# -- validation

@dataclass(frozen=True)
class Scores:
    """Held-out errors of one group of rows (one source, or all)."""

    name: str
    rows: int
    median_abs_log10: float
    p90_abs_log10: float
    share_in_range: float
    """Share of measured values inside [low, high]."""
    median_high_low_ratio: float


def _scores(name: str, errors: list[float], bands: list[float]) -> Scores:
    import numpy as np

    e = np.abs(np.array(errors))
    b = np.array(bands)
    return Scores(name, len(e), float(np.median(e)), float(np.quantile(e, 0.9)), float(np.mean(e <= b)),
                  float(np.median(10 ** (2 * b))))


def baseline_fit(rows: list[Row]) -> tuple[float, float]:
    """The params-linear baseline: energy per item = k × active params × (tokens in + out).

    Returns (log10 k in J per parameter-token, band): k by least squares in log10 space."""
    import numpy as np

    logs = [_baseline_log_ratio(r) for r in rows]
    log_k = float(np.mean(logs))
    band = float(np.quantile(np.abs(np.array(logs) - log_k), BAND_QUANTILE))
    return log_k, band


def _baseline_log_ratio(row: Row) -> float:
    """log10 of J per parameter-token; an image row counts its multiply-adds (a transformer's
    parameter-tokens are its multiply-adds too)."""
    if getattr(row.spec, "gflops_per_item", None) is not None:
        param_tokens = row.spec.gflops_per_item.mid * 1e9 * (3 * row.spec.epochs if row.spec.phase == "fine-tune" else 1)
    else:
        param_tokens = row.spec.params_active.mid * (row.spec.tokens_in + row.spec.tokens_out)
    joules_per_item = row.energy_wh_per_1k * J_PER_WH / 1000
    return math.log10(joules_per_item / param_tokens)


def validate(rows: list[Row]) -> dict[str, list[Scores]]:
    """Leave-one-source-out: fit on the other sources, score the held-out one; for the estimator
    and for the params-linear baseline. Returns per-source scores, ``overall``, then the image
    sources' held-out rows together (``image rows``) when there are any."""
    from sklearn.model_selection import LeaveOneGroupOut

    groups = [r.source for r in rows]
    image_sources = sorted({r.source for r in rows if r.spec.gflops_per_item is not None})
    results: dict[str, dict[str, tuple[list[float], list[float]]]] = {"estimator": {}, "baseline": {}}
    for train_idx, test_idx in LeaveOneGroupOut().split(rows, groups=groups):
        train = [rows[i] for i in train_idx]
        test = [rows[i] for i in test_idx]
        source = test[0].source
        factors = fit_factors(train)
        results["estimator"][source] = (log_errors(test, factors), [factors.band_log10] * len(test))
        log_k, band = baseline_fit(train)
        results["baseline"][source] = ([_baseline_log_ratio(r) - log_k for r in test], [band] * len(test))
    out = {}
    for model, per_source in results.items():
        scores = [_scores(s, e, b) for s, (e, b) in sorted(per_source.items())]
        all_e = [x for e, _ in per_source.values() for x in e]
        all_b = [x for _, b in per_source.values() for x in b]
        out[model] = scores + [_scores("overall", all_e, all_b)]
        if image_sources:
            e = [x for s in image_sources for x in per_source[s][0]]
            b = [x for s in image_sources for x in per_source[s][1]]
            out[model].append(_scores("image rows", e, b))
    return out


@dataclass(frozen=True)
class CpuCheck:
    """The estimator against one CPU measurement that the fit never saw."""

    model_id: str
    task: str
    hardware: str
    source: str
    measured_wh_per_1k: float
    estimated: Range
    """IT boundary, Wh per 1,000 items, at the measurement's tokens and batch size."""

    @property
    def ratio(self) -> float:
        return self.estimated.mid / self.measured_wh_per_1k

    @property
    def inside(self) -> bool:
        return self.estimated.low <= self.measured_wh_per_1k <= self.estimated.high


def cpu_checks(catalog: Catalog, factors: Factors) -> list[CpuCheck]:
    """Estimator vs every measured transformer inference on a CPU profile (``frugal bench`` rows,
    shipped or made here): the calibration data has GPU rows only, so this is how the CPU profiles
    fare."""
    checks = []
    for e in catalog.energy:
        model = catalog.models[e.model_id]
        hardware = catalog.hardware[e.hardware]
        if e.method != "measured" or hardware.kind != "cpu" or e.phase != "inference" or not model.is_transformer:
            continue
        params = Range.exact(float(model.params_total))
        active = Range.exact(float(model.params_active or model.params_total))
        spec = Spec(params_total=params, params_active=active, architecture=model.architecture,
                    tokens_in=e.tokens_in or 0.0, tokens_out=e.tokens_out or 0.0, hardware=hardware,
                    batch_size=Range.exact(e.batch_size or 1.0), precision="fp32", layers=model.layers,
                    hidden_size=model.hidden_size)
        result = estimate(spec, factors)
        checks.append(CpuCheck(e.model_id, e.task, e.hardware, e.source, e.energy_wh_per_1k, result.it_wh_per_1k))
    return checks
