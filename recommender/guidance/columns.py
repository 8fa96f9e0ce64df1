"""Candidates' model attributes as numpy columns, for rules and ranking over many options at once.

Ranking 100,000 options then costs array operations, not a Python object per option.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from ..catalog.schema import FAMILIES, GENERATIVE_FAMILIES, LIGHT_FAMILIES, TRANSFORMER_ARCHITECTURES, Model

if TYPE_CHECKING:
    from numpy import ndarray


@dataclass(frozen=True)
class ModelColumns:
    """Attributes of ``models`` as arrays, row i ↔ models[i]."""

    models: tuple[Model, ...]
    family_rank: "ndarray"
    """Index of the family in ``FAMILIES`` (lighter first)."""
    light: "ndarray"
    """Classic ML, light networks and encoders (the guidance's first choices)."""
    generative: "ndarray"
    """Small LMs, LLMs and hosted platforms."""
    external: "ndarray"
    """Runs on an external platform (sovereign or not)."""
    transformer: "ndarray"
    params_total: "ndarray"
    """Total parameters (count); NaN when unknown."""
    precision: tuple[str, ...]
    """The model's stated precision, '' when none."""
    languages: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.models)


_FAMILY_RANK = {f: i for i, f in enumerate(FAMILIES)}


def columns_of(models: Sequence[Model]) -> ModelColumns:
    """``models`` as columns."""
    import numpy as np

    rank = np.array([_FAMILY_RANK[m.family] for m in models], dtype=np.int64)
    light = np.array([_FAMILY_RANK[f] for f in LIGHT_FAMILIES])
    generative = np.array([_FAMILY_RANK[f] for f in GENERATIVE_FAMILIES])
    return ModelColumns(
        models=tuple(models),
        family_rank=rank,
        light=np.isin(rank, light),
        generative=np.isin(rank, generative),
        external=np.array([m.hosting != "local" for m in models], dtype=bool),
        transformer=np.array([m.architecture in TRANSFORMER_ARCHITECTURES for m in models], dtype=bool),
        params_total=np.array([m.params_total or np.nan for m in models], dtype=float),
        precision=tuple(m.precision or "" for m in models),
        languages=tuple(m.languages for m in models),
    )
