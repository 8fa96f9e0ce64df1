"""The catalog's models as numpy columns, for rules and ranking over many candidates at once.

Made once per catalog (a catalog is immutable) and indexed by the candidates of a query, so that
ranking 100,000 options costs array operations, not a Python object per option.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Sequence

from ..catalog.schema import FAMILIES, GENERATIVE_FAMILIES, LIGHT_FAMILIES, Model

if TYPE_CHECKING:
    from numpy import ndarray

    from ..catalog import Catalog


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
    sovereign: "ndarray"
    transformer: "ndarray"
    params_total: "ndarray"
    """Total parameters (count); NaN when unknown."""
    precision: "ndarray"
    """The model's stated precision, '' when none (object array of str)."""
    languages: tuple[tuple[str, ...], ...]

    def __len__(self) -> int:
        return len(self.models)

    def take(self, index: "ndarray") -> "ModelColumns":
        """The rows at ``index`` (an integer array), in that order."""
        return ModelColumns(tuple(self.models[i] for i in index.tolist()),
                            *(getattr(self, name)[index] for name in _ARRAYS),
                            tuple(self.languages[i] for i in index.tolist()))


_ARRAYS = ("family_rank", "light", "generative", "external", "sovereign", "transformer", "params_total",
           "precision")


def columns_of(models: Sequence[Model]) -> ModelColumns:
    """``models`` as columns."""
    import numpy as np

    family = [m.family for m in models]
    hosting = [m.hosting for m in models]
    return ModelColumns(
        models=tuple(models),
        family_rank=np.array([FAMILIES.index(f) for f in family], dtype=np.int64),
        light=np.array([f in LIGHT_FAMILIES for f in family], dtype=bool),
        generative=np.array([f in GENERATIVE_FAMILIES for f in family], dtype=bool),
        external=np.array([h != "local" for h in hosting], dtype=bool),
        sovereign=np.array([h == "external-sovereign" for h in hosting], dtype=bool),
        transformer=np.array([m.is_transformer for m in models], dtype=bool),
        params_total=np.array([m.params_total or np.nan for m in models], dtype=float),
        precision=np.array([m.precision or "" for m in models], dtype=object),
        languages=tuple(m.languages for m in models),
    )


_by_catalog: "weakref.WeakKeyDictionary[Catalog, tuple[dict[str, int], ModelColumns]]" = weakref.WeakKeyDictionary()
"""Columns of every model of a catalog, made on first use (read and written only here)."""


def candidate_columns(catalog: "Catalog", models: Sequence[Model]) -> ModelColumns:
    """Columns of ``models``, taken from the catalog's columns when they are all the catalog's."""
    import numpy as np

    cached = _by_catalog.get(catalog)
    if cached is None:
        every = tuple(catalog.models.values())
        cached = ({m.id: i for i, m in enumerate(every)}, columns_of(every))
        _by_catalog[catalog] = cached
    position, columns = cached
    index = [position.get(m.id, -1) for m in models]
    if -1 in index or any(columns.models[i] is not m for i, m in zip(index, models)):
        return columns_of(models)
    return columns.take(np.array(index, dtype=np.int64))


def first_rows(keys: Sequence[Any]) -> set[int]:
    """Positions of the first occurrence of each distinct key."""
    seen: dict[Any, int] = {}
    for i, key in enumerate(keys):
        seen.setdefault(key, i)
    return set(seen.values())
