"""The estimator's stated goal on held-out rows, and whether a validation meets it
(``frugal estimator validate``; docs/methodology.md, "Validation")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .defaults import GOAL_MEDIAN_ABS_LOG10, GOAL_P90_ABS_LOG10, GOAL_SHARE_IN_RANGE

if TYPE_CHECKING:
    from .calibration import Scores


def goal_text() -> str:
    """``median ≤ 0.15, p90 ≤ 0.4, ≥ 80% in range``."""
    return (f"median ≤ {GOAL_MEDIAN_ABS_LOG10:g}, p90 ≤ {GOAL_P90_ABS_LOG10:g}, "
            f"≥ {100 * GOAL_SHARE_IN_RANGE:.0f}% in range")


def goal_checks(s: Scores) -> tuple[tuple[str, bool], ...]:
    """Each part of the goal for ``s`` (the estimator's overall held-out scores): (words, met)."""
    median, p90, share = s.median_abs_log10, s.p90_abs_log10, s.share_in_range
    return (
        (f"median {median:.3f} {'≤' if median <= GOAL_MEDIAN_ABS_LOG10 else '>'} {GOAL_MEDIAN_ABS_LOG10:g}",
         median <= GOAL_MEDIAN_ABS_LOG10),
        (f"p90 {p90:.3f} {'≤' if p90 <= GOAL_P90_ABS_LOG10 else '>'} {GOAL_P90_ABS_LOG10:g}", p90 <= GOAL_P90_ABS_LOG10),
        (f"{100 * share:.0f}% in range {'≥' if share >= GOAL_SHARE_IN_RANGE else '<'} "
         f"{100 * GOAL_SHARE_IN_RANGE:.0f}%", share >= GOAL_SHARE_IN_RANGE),
    )


def goal_verdict(s: Scores) -> str:
    """One line: whether the overall held-out scores ``s`` meet the goal, part by part."""
    checks = goal_checks(s)
    parts = ", ".join(f"{words} ({'met' if met else 'missed'})" for words, met in checks)
    met = sum(m for _, m in checks)
    head = "goal met" if met == len(checks) else f"goal not met ({met} of {len(checks)} parts met)"
    return f"Verdict: {head} on {s.rows} held-out rows: {parts}."
