"""One ranked or excluded option, and a sequence of them made on demand."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..catalog.schema import LIGHT_FAMILIES, Model
from ..footprint import Footprint
from ..guidance.quality import QualityView
from ..guidance.rules import Finding
from ..ranges import Range


@dataclass(frozen=True)
class Option:
    """One option with its footprint, quality and what the rules say of it."""

    model: Model
    footprint: Footprint
    quality: QualityView
    findings: tuple[Finding, ...]
    rank: int | None = None
    overlaps: bool = False
    """Its energy range overlaps the previous ranked option's: the order between them is uncertain."""
    previous_total_wh: Range | None = None
    """Total energy of the option ranked just above, for the explanation."""
    local_source: str | None = None
    """Where the facts of a model from the user's local catalog come from (None: shipped catalog)."""

    @property
    def excluded_by(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect == "exclude")

    @property
    def caveats(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect == "caveat")

    @property
    def why(self) -> tuple[str, ...]:
        """Why the option is where it is (empty for excluded options)."""
        if self.rank is None:
            return ()
        why = []
        total = self.footprint.total_wh
        if total is None:
            why.append("energy unknown (no measurement, no published figure, and the estimator does not "
                       "cover this architecture): ranked after every option with a known footprint")
        elif self.rank == 1:
            why.append(f"least total energy for the volume: {total.mid:.4g} Wh (mid)")
        elif self.previous_total_wh is not None:
            previous = self.previous_total_wh.mid
            if self.model.family not in LIGHT_FAMILIES and total.mid < previous:
                why.append("generative: shown after the lighter options that fit the task (frugality first)")
            ratio = total.mid / previous if previous else math.inf
            why.append(f"{total.mid:.4g} Wh (mid) for the volume, {ratio:.3g}× the option above")
        if self.overlaps:
            why.append("its range overlaps the option above: the order between them is uncertain")
        q = self.quality
        if q.score is None:
            why.append("quality unknown on the reference benchmark")
        elif q.gap == 0:
            why.append(f"best known quality: {q.score.score:g} ({q.score.benchmark})")
        elif q.gap > 0:
            why.append(f"quality {q.score.score:g} ({q.score.benchmark}), {q.gap:g} points below the best")
        return tuple(why)


class Options(Sequence[Option]):
    """Options in order, each made when first read (ranking 100,000 options makes none)."""

    def __init__(self, make: Callable[[int], Option], length: int, positions: Sequence[int] | None = None):
        self._make = make if hasattr(make, "cache_info") else lru_cache(maxsize=None)(make)
        self._length = length
        self._positions = None if positions is None else tuple(positions)

    def __len__(self) -> int:
        return self._length if self._positions is None else len(self._positions)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return tuple(self[i] for i in range(*index.indices(len(self))))
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._make(index if self._positions is None else self._positions[index])

    def __iter__(self) -> Iterator[Option]:
        return (self[i] for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Options, tuple, list)):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    __hash__ = None

    def __repr__(self) -> str:
        return f"Options({len(self)})"

    def subset(self, positions: Sequence[int]) -> "Options":
        """The options at ``positions`` of this sequence, sharing the options already made."""
        return Options(self._make, self._length, positions)
