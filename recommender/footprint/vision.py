"""The vision side of the estimator's data: image models' forward cost (``catalog/vision.csv``) and
the image calibration rows (``catalog/calibration/vision_calibration.csv``).

``vision.csv`` gives each image model's forward multiply-adds per image at a stated resolution, in
torchvision's convention (ResNet-50 = 4.09 G; Ultralytics' figures, 2 × multiply-adds, are halved on
entry). The estimator computes 2 × that many FLOPs per image (``physics.flops_of_multiply_adds``).
Both files are read when first needed and again when they change on disk; a catalog directory
without them (an older or a test catalog) has no vision facts and no image calibration rows.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from ..catalog import shipped_catalog_dir
from ..catalog.schema import VISION_ARCHITECTURES, VisionFacts
from ..catalog.tables import VISION_FILES, read_table
from ..errors import CatalogError
from ..ranges import Range

if TYPE_CHECKING:
    from ..catalog import Catalog
    from .estimator import Spec

VISION_FILE, VISION_CALIBRATION_FILE = VISION_FILES
_read: dict[str, tuple[tuple[int, int], dict[str, VisionFacts]]] = {}


def catalog_dir(catalog: Catalog) -> Path:
    return Path(catalog.origin or shipped_catalog_dir())


def vision_facts(catalog: Catalog) -> dict[str, VisionFacts]:
    """Each image model's ``VisionFacts`` by model id (empty when the catalog has no vision.csv)."""
    path = catalog_dir(catalog) / VISION_FILE
    try:
        stat = path.stat()
    except FileNotFoundError:
        return {}
    stamp = (stat.st_mtime_ns, stat.st_size)
    known = _read.get(str(path))
    if known is None or known[0] != stamp:
        known = _read[str(path)] = (stamp, {v.model_id: v for v in read_table(path, VisionFacts)})
    return known[1]


def gflops_range(facts: VisionFacts) -> Range:
    """Multiply-adds per image as a range (low / high default to the value)."""
    return Range(facts.gflops_per_item_low or facts.gflops_per_item, facts.gflops_per_item,
                 facts.gflops_per_item_high or facts.gflops_per_item)


def is_vision(architecture: str) -> bool:
    return architecture in VISION_ARCHITECTURES


CALIBRATION_COLUMNS = ("source", "model_id", "params_total", "architecture", "gflops_per_item", "resolution",
                       "hardware", "gpus", "idle_gpus", "boundary", "batch_size", "precision", "phase", "epochs",
                       "energy_wh_per_1k", "source_url", "notes")


def read_vision_rows(catalog: Catalog, directory: Path | None = None) -> list[tuple[str, str, Spec, str, float]]:
    """The image calibration rows (published GPU rows, this project's CPU measurements) as (source,
    model id, spec, boundary, Wh per 1,000 items), the fields of ``calibration.Row``; none when the
    file is absent."""
    from .estimator import Spec

    path = (directory or catalog_dir(catalog)) / VISION_CALIBRATION_FILE
    if not path.is_file():
        return []
    rows = []
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != CALIBRATION_COLUMNS:
            raise CatalogError(f"{path}: header must be {','.join(CALIBRATION_COLUMNS)}.")
        for line, r in enumerate(reader, start=2):
            try:
                params = Range.exact(float(r["params_total"]))
                spec = Spec(params_total=params, params_active=params, architecture=r["architecture"], tokens_in=0.0,
                            tokens_out=0.0, hardware=catalog.hardware[r["hardware"]],
                            batch_size=Range.exact(float(r["batch_size"])), precision=r["precision"],
                            gpus=int(r["gpus"]), idle_gpus=int(r["idle_gpus"]),
                            phase="fine-tune" if r["phase"] in ("fit", "fine-tune") else "inference",
                            epochs=float(r["epochs"] or 1), gflops_per_item=Range.exact(float(r["gflops_per_item"])),
                            resolution=r["resolution"])
                rows.append((r["source"], r["model_id"], spec, r["boundary"], float(r["energy_wh_per_1k"])))
            except (KeyError, ValueError) as exc:
                raise CatalogError(f"{path}, row {line}: {exc}") from None
    return rows
