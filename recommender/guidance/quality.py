"""Published quality for a question: one reference benchmark to compare options on, like with like.

The reference of a question (task, domain, data language) is the row of ``catalog/references.csv``;
when the table has none, the benchmark that scores the most candidates (the fallback rule, said so in
``Reference.reason``). Scores are compared only on the reference's benchmark, metric and split
(``QualityScore.comparison_key``), and never when flagged ``not-comparable``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from ..catalog import Catalog, Model, QualityScore, Reference

RELATED_DOMAINS = {"general": ("general",), "biomed": ("biomed", "clinical"), "clinical": ("clinical", "biomed")}
"""Scores on these domains speak to a query on the key domain, first one best."""

FALLBACK_SOURCE = "frugal's fallback rule (most-scored benchmark)"
"""``Reference.source`` of a reference chosen by the fallback rule, not read from references.csv."""


@dataclass(frozen=True)
class QualityView:
    """An option's quality on the reference benchmark (None = unknown), and its other scores."""

    score: QualityScore | None
    best: float | None
    """Best known score on the reference benchmark among the options compared."""
    others: tuple[QualityScore, ...] = ()
    """Supporting scores: other benchmarks, metrics, splits or modes (never compared)."""

    @property
    def gap(self) -> float | None:
        """Points below the best option (0 for the best); None when unknown."""
        if self.score is None or self.best is None:
            return None
        return round(self.best - self.score.score, 6)


def relevant_scores(catalog: Catalog, model: Model, task: str, domain: str) -> list[QualityScore]:
    domains = RELATED_DOMAINS[domain]
    return [q for q in catalog.quality_of(model.id) if q.task == task and q.domain in domains]


def is_fallback(reference: Reference) -> bool:
    """Whether ``reference`` was chosen by the fallback rule (no row in references.csv)."""
    return reference.source == FALLBACK_SOURCE


def reference_benchmark(catalog: Catalog, model_ids: Collection[str], task: str, domain: str,
                        data_lang: str = "en") -> Reference:
    """The question's reference: its row in ``catalog.references`` when there is one; else the
    benchmark, metric and split that score the most of the models ``model_ids`` (a set or a mapping)
    on this task, closest domain first, ties broken by name. ``benchmark`` is empty when none serves."""
    found = catalog.references.get((task, domain, data_lang.lower()))
    if found is not None:
        return found
    scored = [q for q in catalog.quality if q.task == task and q.model_id in model_ids and q.comparable]
    for wanted in (*RELATED_DOMAINS[domain], "general"):
        counts = Counter(key for _, key in {(q.model_id, q.comparison_key) for q in scored if q.domain == wanted})
        if counts:
            benchmark, metric, split = min(counts, key=lambda k: (-counts[k], k))
            return Reference(task, domain, data_lang, benchmark, metric, split,
                             "no reference for this question in catalog/references.csv: the benchmark, metric and "
                             "split that score the most options", FALLBACK_SOURCE)
    return Reference(task, domain, data_lang, "", "", None,
                     "no reference for this question in catalog/references.csv, and no option has a score",
                     FALLBACK_SOURCE)


def comparable_scores(catalog: Catalog, task: str, reference: Reference | None) -> Iterator[QualityScore]:
    """The comparable scores for ``task`` on the reference's benchmark, metric and split (none when
    the question has no reference benchmark)."""
    if reference is None or not reference.benchmark:
        return
    key = reference.comparison_key
    yield from (q for q in catalog.quality if q.task == task and q.comparison_key == key and q.comparable)


def best_scores(catalog: Catalog, task: str, reference: Reference | None) -> dict[str, QualityScore]:
    """Each model's best ``comparable_scores``, by model id (models without one are absent)."""
    best: dict[str, QualityScore] = {}
    for q in comparable_scores(catalog, task, reference):
        if q.model_id not in best or q.score > best[q.model_id].score:
            best[q.model_id] = q
    return best
