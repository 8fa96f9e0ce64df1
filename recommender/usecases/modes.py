"""Options as model × mode: a model used fit, fine-tuned, zero-shot, few-shot (k) or
instruction-fine-tuned. Quality attaches to the model and its mode; so does energy.

Every candidate model is an option in its default mode (its catalog ``setup``). A model with a
comparable score on the question's reference in another mode is also an option in that mode: few-shot
with k examples carries the k examples (their input and their answer) in every item's input tokens;
fine-tuning or instruction-fine-tuning an LLM adds the one-off fine-tune setup. A few-shot score
whose k is not stated, and a mode whose energy frugal does not model, stay supporting scores.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Sequence

from ..catalog import GENERATIVE_FAMILIES, Catalog, Model, QualityScore, Reference
from ..footprint import Footprint, FootprintColumns, Workload, footprint_columns
from ..guidance.quality import comparable_scores

if TYPE_CHECKING:
    from numpy import ndarray

DEFAULT_MODE = {"fit": "fit", "fine-tune": "fine-tuned", "zero-shot": "zero-shot", "none": "fit"}
"""The mode of a model used as its catalog ``setup`` says."""
SETUP_OF_MODE = {"fit": "fit", "fine-tuned": "fine-tune", "instruction-fine-tuned": "fine-tune",
                 "zero-shot": "zero-shot", "few-shot": "zero-shot"}
"""The one-off setup a mode needs (prompting needs none)."""


@dataclass(frozen=True)
class Mode:
    """How an option uses its model: the mode and, for few-shot, k (``shots_at_most``: k is an upper
    bound, and energy is counted at it)."""

    mode: str
    shots: int | None = None
    shots_at_most: bool = False

    @property
    def label(self) -> str:
        """``5-shot``, ``≤10-shot``, ``zero-shot``, ``fine-tuned``… (English; ``render`` translates)."""
        if self.mode != "few-shot":
            return self.mode
        return f"{'≤' if self.shots_at_most else ''}{self.shots}-shot"


def default_mode(model: Model) -> Mode:
    return Mode(DEFAULT_MODE[model.setup])


def mode_of(score: QualityScore) -> Mode:
    if score.mode != "few-shot":
        return Mode(score.mode)
    return Mode(score.mode, score.shots, "shots-at-most" in score.flags)


def scores_by_mode(catalog: Catalog, task: str, reference: Reference | None) -> dict[tuple[str, Mode], QualityScore]:
    """Each (model id, mode)'s best comparable score on the reference's benchmark, metric and split."""
    best: dict[tuple[str, Mode], QualityScore] = {}
    for q in comparable_scores(catalog, task, reference):
        if q.mode == "few-shot" and q.shots is None:
            continue
        k = (q.model_id, mode_of(q))
        if k not in best or q.score > best[k].score:
            best[k] = q
    return best


def variants(models: Sequence[Model], scores: dict[tuple[str, Mode], QualityScore],
             position: dict[str, int]) -> list[tuple[int, Mode]]:
    """(candidate position, mode) of every option beyond each model's default mode: the modes the
    reference scores a generative model in, in candidate order then mode order. ``position``: each
    candidate's position by model id."""
    extra = []
    for model_id, mode in scores:
        i = position.get(model_id)
        if i is not None and models[i].family in GENERATIVE_FAMILIES and mode != default_mode(models[i]):
            extra.append((i, mode))
    return sorted(set(extra), key=lambda p: (p[0], p[1].mode, p[1].shots or 0, p[1].shots_at_most))


def model_in_mode(model: Model, mode: Mode) -> Model:
    """``model`` with the setup ``mode`` needs (energy follows the setup)."""
    setup = SETUP_OF_MODE[mode.mode]
    return model if setup == model.setup else replace(model, setup=setup)


def workload_in_mode(workload: Workload, mode: Mode) -> Workload:
    """The workload as a mode runs it: k-shot prompts carry k examples, each an input and its
    answer, in every item's input (tokens_in × (k + 1) + k × tokens_out; an upper-bound k counts at it)."""
    if mode.mode != "few-shot" or not mode.shots:
        return workload
    k = mode.shots
    return replace(workload, tokens_in=workload.tokens_in * (k + 1) + k * workload.tokens_out)


class StackedFootprints:
    """The footprints of the default-mode options (one column block, the fast path) and of the
    other modes (one block per workload), addressed as one sequence of rows."""

    def __init__(self, blocks: Sequence[FootprintColumns]):
        import numpy as np

        self.blocks = tuple(blocks)
        self._block = np.concatenate([np.full(len(b), k, dtype=np.intp) for k, b in enumerate(self.blocks)]) \
            if self.blocks else np.zeros(0, dtype=np.intp)
        self._index = np.concatenate([np.arange(len(b)) for b in self.blocks]) if self.blocks else self._block
        self.total_wh: tuple["ndarray", "ndarray", "ndarray"] = tuple(
            np.concatenate([b.total_wh[e] for b in self.blocks]) for e in range(3))

    def __len__(self) -> int:
        return len(self._block)

    def footprint(self, i: int) -> Footprint:
        return self.blocks[int(self._block[i])].footprint(int(self._index[i]))


def stacked_footprints(base: FootprintColumns, models: Sequence[Model], extra: Sequence[tuple[int, Mode]],
                       workload: Workload, catalog: Catalog) -> tuple[StackedFootprints, list[Model]]:
    """Footprints of the default-mode options (``base``) then of the ``extra`` modes, grouped by
    the workload each mode runs; returns them and the extra options' models, in that order."""
    blocks, extra_models = [base], []
    groups: dict[Workload, list[Model]] = {}
    order = []
    for i, mode in extra:
        w = workload_in_mode(workload, mode)
        groups.setdefault(w, []).append(model_in_mode(models[i], mode))
        order.append(w)
    # footprint blocks in the order the extra options are listed: one block per distinct workload
    for w, group in groups.items():
        blocks.append(footprint_columns(group, w, catalog))
        extra_models.extend(group)
    return StackedFootprints(blocks), extra_models


def grouped_order(extra: Sequence[tuple[int, Mode]], workload: Workload) -> list[int]:
    """Positions in ``extra`` in the order ``stacked_footprints`` lays them out."""
    groups: dict[Workload, list[int]] = {}
    for position, (_, mode) in enumerate(extra):
        groups.setdefault(workload_in_mode(workload, mode), []).append(position)
    return [p for group in groups.values() for p in group]
