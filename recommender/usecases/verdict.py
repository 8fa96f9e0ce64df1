"""The verdict that opens every answer: the option to use and its evidence, in one sentence.

The facts are chosen here (which option, which comparison, which scores); ``render.verdict`` writes
the sentence in English or French. Cases, in order:

- ``none``: no option passes the rules;
- ``unknown``: no option is good enough on evidence (quality unknown for all, or every known score
  below the floor): the least-energy option, and ``frugal trial``;
- ``light``: the first option is light (classic ML, light network, encoder): its score against the
  best comparable generative option, and its energy against that option's;
- ``generative``: the first option is generative: no light option is good enough; the best light
  option's score says by how much;
- ``generative_light_too``: the first option is generative and a light option is good enough too
  (a tolerance wide enough to admit both): frugality first, the light one is named.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog.schema import LIGHT_FAMILIES
from .options import Option


@dataclass(frozen=True)
class Evidence:
    """One comparable score the verdict rests on."""

    option_id: str
    mode: str
    """The mode's label: ``fine-tuned``, ``5-shot``…"""
    benchmark: str
    metric: str
    score: float
    source: str


@dataclass(frozen=True)
class Verdict:
    """Which option to use and the facts its sentence states."""

    case: str
    """``none``, ``unknown``, ``light``, ``generative`` or ``generative_light_too`` (module docstring)."""
    option: Option | None
    """The option to use (the first ranked one)."""
    other: Option | None = None
    """The option it is compared with: the best comparable generative option (``light``), the best
    comparable light option (``generative``)."""
    floor: float | None = None
    """``--min-quality``, when no option reaches it."""
    benchmark: str | None = None

    @property
    def evidence(self) -> tuple[Evidence, ...]:
        return tuple(Evidence(o.model.id, o.used_as.label, q.benchmark, q.metric, q.score, q.source)
                     for o in (self.option, self.other) if o is not None and (q := o.quality.score) is not None)

    @property
    def energy_ratio(self) -> float | None:
        """The option's total energy for the volume / the other's (mid); None when either is unknown."""
        if self.option is None or self.other is None:
            return None
        mine, theirs = self.option.footprint.total_wh, self.other.footprint.total_wh
        if mine is None or theirs is None or not theirs.mid:
            return None
        return mine.mid / theirs.mid


def verdict(first: Option | None, best_generative: Option | None, best_light: Option | None, *,
            benchmark: str | None = None, floor: float | None = None) -> Verdict:
    """The verdict from the first ranked option and the best comparable generative and light options
    (ranked or short of quality, excluded by no other rule)."""
    if first is None:
        return Verdict("none", None, benchmark=benchmark)
    if first.standing != "good-enough":
        return Verdict("unknown", first, floor=floor, benchmark=benchmark)
    if first.model.family in LIGHT_FAMILIES:
        return Verdict("light", first, best_generative, benchmark=benchmark)
    if best_light is not None and best_light.standing == "good-enough":
        return Verdict("generative_light_too", first, best_light, benchmark=benchmark)
    return Verdict("generative", first, best_light, benchmark=benchmark)
