"""Candidates' model attributes as numpy columns, for rules and ranking over many options at once.

Ranking 100,000 options then costs array operations on the catalog's columns
(``Catalog.model_fields``), not a Python object per option.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

from ..catalog.columns import code_array, fields_of, floats
from ..catalog.schema import (FAMILIES, GENERATIVE_FAMILIES, HOSTINGS, LIGHT_FAMILIES, TRANSFORMER_ARCHITECTURES,
                              Model)

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
    hosting_rank: "ndarray"
    """Index of the hosting in ``HOSTINGS``."""
    transformer: "ndarray"
    params_total: "ndarray"
    """Total parameters (count); NaN when unknown."""
    precision: tuple[str | None, ...]
    """The model's stated precision (None when none)."""
    languages: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.models)


NAMES = ("family", "hosting", "architecture", "params_total", "precision", "languages")
"""The models.csv columns the rules read."""


def columns_from(fields: Mapping[str, Sequence], models: Sequence[Model]) -> ModelColumns:
    """Columns of ``models`` from ``fields``, their models.csv columns in the same order
    (``catalog.columns.fields_at`` of a catalog's ``model_fields``, or ``fields_of`` the records)."""
    import numpy as np

    rank = code_array(fields["family"], FAMILIES)
    hosting = code_array(fields["hosting"], HOSTINGS)
    return ModelColumns(
        models=tuple(models),
        family_rank=rank,
        light=np.isin(rank, [FAMILIES.index(f) for f in LIGHT_FAMILIES]),
        generative=np.isin(rank, [FAMILIES.index(f) for f in GENERATIVE_FAMILIES]),
        external=hosting != HOSTINGS.index("local"),
        hosting_rank=hosting,
        transformer=code_array(fields["architecture"], TRANSFORMER_ARCHITECTURES) >= 0,
        params_total=floats(np.array(fields["params_total"], dtype=object)),
        precision=tuple(fields["precision"]),
        languages=tuple(fields["languages"]),
    )


def columns_of(models: Sequence[Model]) -> ModelColumns:
    """``models`` as columns."""
    return columns_from(fields_of(models, NAMES), models)


def stacked(first: ModelColumns, second: ModelColumns) -> ModelColumns:
    """The rows of ``first`` then those of ``second``."""
    import numpy as np

    def join(a, b):
        return np.concatenate([a, b]) if isinstance(a, np.ndarray) else tuple(a) + tuple(b)

    return ModelColumns(**{name: join(getattr(first, name), getattr(second, name))
                           for name in ModelColumns.__dataclass_fields__})
