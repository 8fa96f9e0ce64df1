"""Published quality for a task and domain: one reference benchmark to compare options on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass

from ..catalog import Catalog, Model, QualityScore

RELATED_DOMAINS = {"general": ("general",), "biomed": ("biomed", "clinical"), "clinical": ("clinical", "biomed")}
"""Scores on these domains speak to a query on the key domain, first one best."""


@dataclass(frozen=True)
class QualityView:
    """An option's quality on the reference benchmark (None = unknown), and its other scores."""

    score: QualityScore | None
    best: float | None
    """Best known score on the reference benchmark among the options compared."""
    others: tuple[QualityScore, ...] = ()

    @property
    def gap(self) -> float | None:
        """Points below the best option (0 for the best); None when unknown."""
        if self.score is None or self.best is None:
            return None
        return round(self.best - self.score.score, 6)


def relevant_scores(catalog: Catalog, model: Model, task: str, domain: str) -> list[QualityScore]:
    domains = RELATED_DOMAINS[domain]
    return [q for q in catalog.quality_of(model.id) if q.task == task and q.domain in domains]


def reference_benchmark(catalog: Catalog, model_ids: Collection[str], task: str, domain: str) -> str | None:
    """The benchmark that scores the most of the models ``model_ids`` (a set or a mapping) on this
    task, closest domain first; ties broken by name. None when no option has a score."""
    scored = [q for q in catalog.quality if q.task == task and q.model_id in model_ids]
    for wanted in (*RELATED_DOMAINS[domain], "general"):
        counts = Counter(b for _, b in {(q.model_id, q.benchmark) for q in scored if q.domain == wanted})
        if counts:
            return min(counts, key=lambda b: (-counts[b], b))
    return None


def best_scores(catalog: Catalog, task: str, benchmark: str | None) -> dict[str, QualityScore]:
    """Each model's best score on ``benchmark`` for ``task``, by model id (models without one are absent)."""
    best: dict[str, QualityScore] = {}
    for q in catalog.quality:
        if q.task == task and q.benchmark == benchmark and (q.model_id not in best or q.score > best[q.model_id].score):
            best[q.model_id] = q
    return best
