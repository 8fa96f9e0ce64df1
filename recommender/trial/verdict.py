"""The verdict: which rung to use, and what a heavier option would have to bring to be worth it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..units import format_sig
from .crossval import METRIC_NAMES, RungResult

if TYPE_CHECKING:
    from . import CatalogEstimate, Settings

BOUNDED_METRICS = ("macro_f1", "r2", "silhouette")
"""Main metrics whose perfect score is 1: the verdict says when too little headroom remains."""
CLEARLY_MORE = 1.1
"""The best rung's energy must exceed the choice's by this factor for the verdict to quote the ratio."""


@dataclass(frozen=True)
class Verdict:
    choice: str | None
    """Id of the rung to use; None when no model ran or none beats the dummy baseline."""
    required_gain: float | None
    """Score a heavier option must add to the choice's to be worth its footprint (metric units)."""
    lines: tuple[str, ...]


def _fmt_score(x: float) -> str:
    return f"{x:.3f}"


def _ratio(a: float | None, b: float | None) -> str | None:
    if not a or not b:
        return None
    return f"{format_sig(a / b)}×"


def verdict(rungs: tuple[RungResult, ...], metric: str, settings: Settings,
            catalog: tuple[CatalogEstimate, ...] = ()) -> Verdict:
    """Which rung to use, and what a heavier option would have to bring to be worth it.

    With ``tolerance = settings.tolerance_points / 100`` (metric units): among the models (not the
    baseline) that ran, take the best mean score; every model within ``max(tolerance, the best's
    spread across folds)`` of it is good enough; use the first good-enough model of the ladder,
    which is ordered cheapest first. A heavier option must add more than ``max(tolerance, the
    choice's spread)`` to the choice's score: less is noise.
    """
    name = METRIC_NAMES[metric]
    tolerance = settings.tolerance_points / 100
    models = [r for r in rungs if r.status == "done" and r.id != "dummy"]
    if not models:
        return Verdict(None, None, ("No model ran (budget spent or every model failed): raise --budget or check "
                                    "the data, then run the trial again.",))
    best = max(models, key=lambda r: r.score)
    margin = max(tolerance, best.score_std)
    choice = next(r for r in models if r.score >= best.score - margin)
    gain = max(tolerance, choice.score_std)
    dummy = next((r for r in rungs if r.id == "dummy" and r.status == "done"), None)
    if dummy is not None and best.score - dummy.score <= max(tolerance, dummy.score_std):
        return Verdict(None, None, (
            f"No model beats the baseline ({name} {_fmt_score(dummy.score)}) by more than "
            f"{_fmt_score(max(tolerance, dummy.score_std))}: these columns may not predict the target, "
            f"or there are too few rows. Check the data before trying heavier models.",))
    lines = [_choice_line(choice, best, margin, name)]
    heavier = [r for r in models if r.energy_wh and choice.energy_wh and r.energy_wh > choice.energy_wh
               and r is not choice]
    for r in heavier:
        if r.score - choice.score <= gain:
            lines.append(f"{r.name} used {_ratio(r.energy_wh, choice.energy_wh)} the energy for "
                         f"{r.score - choice.score:+.3f} {name}: not worth it.")
    headroom = (1.0 - choice.score) if metric in BOUNDED_METRICS else None
    if headroom is not None and headroom <= gain:
        lines.append(f"Only {_fmt_score(headroom)} {name} remains to a perfect score: no heavier option can bring "
                     f"a gain beyond the noise ({_fmt_score(gain)}) — stay with {choice.id}.")
    else:
        lines.append(f"A heavier option is worth its footprint only if it reaches more than "
                     f"{_fmt_score(choice.score + gain)} {name} on this data (+{_fmt_score(gain)}: the tolerance or "
                     f"the spread across folds, whichever is larger).")
    for c in catalog:
        ratio = _ratio(c.total_wh, choice.energy_wh)
        if ratio:
            lines.append(f"{c.name} ({c.model_id}) would use about {ratio} the energy of {choice.id} for "
                         f"this data (catalog, {c.method}): try it only if that gain is needed and likely.")
    return Verdict(choice.id, gain, tuple(lines))


def _choice_line(choice: RungResult, best: RungResult, margin: float, name: str) -> str:
    head = f"Use {choice.name} ({choice.id}): {name} {_fmt_score(choice.score)} ± {_fmt_score(choice.score_std)}"
    if choice is best:
        return head + ", the best of the ladder."
    ratio = (f", which used {_ratio(best.energy_wh, choice.energy_wh)} its measured energy"
             if best.energy_wh > choice.energy_wh * CLEARLY_MORE else "")
    return head + f", within {_fmt_score(margin)} of the best ({best.name}, {_fmt_score(best.score)}){ratio}."
