"""Catalog cells as numpy arrays (numpy imported on use): what work on many models at once needs."""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Mapping, Sequence

if TYPE_CHECKING:
    from numpy import ndarray


def floats(values: "ndarray") -> "ndarray":
    """An object array of numbers and None as floats, None as NaN."""
    import numpy as np

    values = values.copy()
    values[np.equal(values, None)] = np.nan
    return values.astype(float)


def take(column: Sequence, rows: Sequence[int]) -> tuple:
    """The cells of ``column`` at ``rows``, in that order."""
    if len(rows) == 1:
        return (column[rows[0]],)
    return itemgetter(*rows)(column) if rows else ()


def fields_at(fields: Mapping[str, Sequence], names: Sequence[str], rows: Sequence[int]) -> dict[str, tuple]:
    """Columns ``names`` of ``fields`` (e.g. ``Catalog.model_fields``) at ``rows``."""
    return {name: take(fields[name], rows) for name in names}


def fields_of(records: Sequence, names: Sequence[str]) -> dict[str, tuple]:
    """Columns ``names`` of ``records`` (each record read once)."""
    if not records:
        return {name: () for name in names}
    return dict(zip(names, zip(*map(attrgetter(*names), records)))) if len(names) > 1 else \
        {names[0]: tuple(map(attrgetter(names[0]), records))}


def code_array(values: Sequence, vocabulary: Sequence[str]) -> "ndarray":
    """The index of each value in ``vocabulary`` (-1 when absent)."""
    import numpy as np

    table = {word: position for position, word in enumerate(vocabulary)}
    return np.fromiter(map(table.get, values, repeat(-1)), dtype=np.int64, count=len(values))


def mask(values: Sequence, test) -> "ndarray":
    """``test(value)`` for each value, as a boolean array; ``test`` runs once per distinct object
    (a catalog's equal cells are one object: ``tables.read_table``)."""
    import numpy as np

    distinct = dict(zip(map(id, values), values))
    verdict = {key: bool(test(value)) for key, value in distinct.items()}
    return np.fromiter(map(verdict.__getitem__, map(id, values)), dtype=bool, count=len(values))
