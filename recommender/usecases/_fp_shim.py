"""TEMPORARY adapter until footprint.footprint_columns lands."""
from __future__ import annotations
from dataclasses import dataclass
import numpy as np
from ..footprint import Footprint, footprints


@dataclass(frozen=True)
class FootprintColumns:
    models: tuple
    items: list
    use_wh_per_1k: tuple
    setup_wh: tuple
    total_wh: tuple

    def footprint(self, i: int) -> Footprint:
        return self.items[i]


def footprint_columns(models, workload, catalog):
    fps = footprints(list(models), workload, catalog)
    def cols(get):
        out = []
        for end in ("low", "mid", "high"):
            out.append(np.array([np.nan if get(f) is None else getattr(get(f), end) for f in fps], dtype=float))
        return tuple(out)
    return FootprintColumns(tuple(models), fps, cols(lambda f: f.use_wh_per_1k), cols(lambda f: f.setup_wh),
                            cols(lambda f: f.total_wh))
