"""The estimator's free factors: what they mean, and reading them from a fit file.

A fit file (``estimator_fit.json``, written by ``frugal estimator fit``) holds the factors and how
they were fitted. The one in use is the user's own fit when there is one, else the catalog
directory's (``fit_file_of``); it is read again whenever it changes on disk.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog.tables import FIT_FILE, shipped_catalog_dir
from ..errors import CatalogError

if TYPE_CHECKING:
    from ..catalog import Catalog


@dataclass(frozen=True)
class Factors:
    """Free factors of the physical model (dimensionless unless the name says), and where they come from."""

    compute_efficiency: float
    """Achieved / peak FLOP/s during compute-bound work."""
    memory_efficiency: float
    """Achieved / peak memory bandwidth during memory-bound work."""
    overhead_s_per_pass: float
    """Fixed time per forward pass of a 1e9-active-parameter model, s."""
    overhead_exponent: float
    """How the per-pass overhead grows with active parameters (power law)."""
    busy_power_fraction: float
    """Accelerator power above idle during roofline time, as a fraction of (TDP − idle)."""
    overhead_power_fraction: float
    """Accelerator power above idle during overhead time, as a fraction of (TDP − idle)."""
    idle_power_fraction: float
    """Idle accelerator power / TDP, used when the profile has no ``idle_w``."""
    host_power_factor: float
    """Host power / the profile's ``host_w``."""
    band_log10: float
    """Half-width of the error band: low = mid / 10^band, high = mid × 10^band."""
    source: str = ""
    """Which fit, on which data, when (shown in outputs)."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls) if f.name != "source")


_factors_read: dict[str, tuple[tuple[int, int], Factors]] = {}
"""Fits already read: path -> ((mtime_ns, size), factors); a changed file is read again."""


def load_factors(fit_file: Path | str | None = None) -> Factors:
    """The fitted factors in ``fit_file`` (default: the shipped catalog's ``estimator_fit.json``),
    read again whenever the file's modification time or size changes (a refit is seen at once)."""
    path = Path(fit_file) if fit_file else shipped_catalog_dir() / FIT_FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise CatalogError(f"estimator fit {path} is missing; run 'frugal estimator fit'.") from None
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _factors_read.get(str(path))
    if known is None or known[0] != stamp:
        known = _factors_read[str(path)] = (stamp, _read_factors(path))
    return known[1]


def _read_factors(path: Path) -> Factors:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        values = {name: float(data["factors"][name]) for name in Factors.names()}
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogError(f"{path}: expected a 'factors' object with {', '.join(Factors.names())}; "
                           f"problem with {exc}.") from None
    cal = data.get("calibration", {})
    source = (f"frugal estimator, calibrated {cal.get('fitted', '?')} on {cal.get('rows', '?')} published "
              f"measurements ({cal.get('data', '?')})")
    if cal.get("vision_data"):  # the image rows include frugal's own bench measurements
        source = (f"frugal estimator, calibrated {cal.get('fitted', '?')} on {cal.get('rows', '?')} measurements, "
                  f"published and frugal's own ({cal.get('data', '?')}, {cal['vision_data']})")
    return Factors(**values, source=source)


def fit_file_of(catalog: Catalog) -> Path:
    """The fit a catalog uses: ``catalog.fit_file`` (the user's own fit when ``load_catalog`` found
    one), else its directory's ``estimator_fit.json``; the shipped one for a catalog made in memory."""
    path = getattr(catalog, "fit_file", None) or Path(catalog.origin) / FIT_FILE
    if not catalog.origin and not Path(path).is_absolute():
        return shipped_catalog_dir() / FIT_FILE
    return Path(path)


def factors_of(catalog: Catalog) -> Factors:
    """The estimator's fitted factors in use with ``catalog``."""
    return load_factors(fit_file_of(catalog))
