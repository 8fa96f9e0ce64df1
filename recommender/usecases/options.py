"""One ranked or excluded option, and a sequence of them made on demand."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..catalog.schema import Model
from ..footprint import Footprint
from ..guidance.quality import QualityView
from ..guidance.rules import Finding
from ..ranges import Range
from .modes import Mode, default_mode


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
    """Total energy of the option ranked just above in the same standing, for the explanation."""
    local_source: str | None = None
    """Where the facts of a model from the user's local catalog come from (None: shipped catalog)."""
    mode: Mode | None = None
    """How the model is used (None: its catalog setup's mode)."""
    disclosures: tuple = ()
    """What the hosted platform publishes about its own prompts (``catalog.HostedDisclosure``)."""

    @property
    def used_as(self) -> Mode:
        """The option's mode: ``mode``, or the one its model's catalog setup implies."""
        return self.mode or default_mode(self.model)

    @property
    def key(self) -> tuple[str, str]:
        """(model id, mode label): the same model in two modes is two options."""
        return self.model.id, self.used_as.label

    @property
    def standing(self) -> str:
        """``good-enough`` (a comparable score that meets the floor), ``quality-unknown``, or
        ``short-of-quality`` (a comparable score below the floor: not ranked,
        ``Recommendation.short_of_quality``)."""
        if any(f.code == "below-quality-floor" for f in self.findings):
            return "short-of-quality"
        return "quality-unknown" if self.quality.score is None else "good-enough"

    @property
    def excluded_by(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect == "exclude")

    @property
    def caveats(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect == "caveat")

    @property
    def reasons(self) -> tuple[tuple[str, dict[str, str]], ...]:
        """Why the option is where it is, as (``WHY`` code, values as English-formatted text); empty for
        excluded options. ``why`` says them in English; renderers say them in any language."""
        if self.rank is None:
            return ()
        reasons: list[tuple[str, dict[str, str]]] = []
        total = self.footprint.total_wh
        if total is None:
            reasons.append(("energy-unknown", {}))
        elif self.previous_total_wh is None:
            group = {"good-enough": "least-energy-good", "quality-unknown": "least-energy-unknown"}[self.standing]
            reasons.append((group if self.rank > 1 or self.standing == "good-enough" else "least-energy",
                            {"total": f"{total.mid:.4g}"}))
        else:
            previous = self.previous_total_wh.mid
            ratio = total.mid / previous if previous else math.inf
            reasons.append(("above", {"total": f"{total.mid:.4g}", "ratio": f"{ratio:.3g}"}))
        if self.overlaps:
            reasons.append(("overlaps", {}))
        q = self.quality
        if q.score is None:
            reasons.append(("quality-unknown", {}))
        elif q.gap == 0:
            reasons.append(("quality-best", {"score": f"{q.score.score:g}", "benchmark": q.score.benchmark}))
        elif q.gap > 0:
            reasons.append(("quality-below", {"score": f"{q.score.score:g}", "benchmark": q.score.benchmark,
                                              "gap": f"{q.gap:g}"}))
        return tuple(reasons)

    @property
    def why(self) -> tuple[str, ...]:
        """``reasons`` in English (the JSON's ``why``)."""
        return tuple(WHY[code].format(**values) for code, values in self.reasons)


WHY = {
    "energy-unknown": "energy unknown (no measurement, no published figure, and the estimator does not cover this "
                      "architecture): ranked after every option with a known footprint",
    "least-energy": "least total energy for the volume: {total} Wh (mid)",
    "least-energy-good": "least total energy for the volume among the options good enough on evidence: {total} Wh (mid)",
    "least-energy-unknown": "least total energy for the volume among the options whose quality is unknown: "
                            "{total} Wh (mid)",
    "above": "{total} Wh (mid) for the volume, {ratio}× the option above",
    "overlaps": "its range overlaps the option above: the order between them is uncertain",
    "quality-unknown": "quality unknown on the reference benchmark: ranked after every option good enough on evidence",
    "quality-best": "best known quality: {score} ({benchmark})",
    "quality-below": "quality {score} ({benchmark}), {gap} points below the best",
}
"""The English of each ``Option.reasons`` code (the French is in ``render.i18n.WHY_FR``)."""


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
