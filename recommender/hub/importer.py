"""What the Hub commands do: add a Hub model to the user's local catalog, and list Hub candidates
for a task with their estimated energy. ``frugal catalog add-from-hub`` and ``search-hub`` call
these and render the result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..catalog import Catalog, Model, load_catalog
from ..catalog import local as local_catalog
from ..errors import HubError
from .client import HubSettings, check_repo_id, fetch_facts, search
from .mapping import Facts, architecture_of, domain_from, model_from_facts, slug, tasks_pipelines

SEARCH_POOL = 50
"""Models asked of the Hub per pipeline tag at least, before filtering (more when ``limit`` is larger)."""
SEARCH_ITEMS = 1000
"""Items of the workload whose energy ``search_candidates`` estimates (``wh_per_1k``)."""


def _shipped_model(repo_id: str, catalog: Catalog) -> Model | None:
    """The shipped catalog's model of ``repo_id``, if any (a local one does not count)."""
    return next((m for m in catalog.models.values() if m.hf_repo.lower() == repo_id.lower()
                 and m.id not in catalog.local), None)


def _model_id(repo_id: str, catalog: Catalog) -> str:
    """The id a Hub model gets: the one it already has in the local catalog, else its name's slug,
    else owner-name when another model has the slug."""
    existing = next((i for i in catalog.local if catalog.models[i].hf_repo.lower() == repo_id.lower()), None)
    if existing:
        return existing
    candidate, longer = slug(repo_id), slug(repo_id.replace("/", "-"))
    for free in (candidate, longer):
        if free not in catalog.models:
            return free
    raise HubError(f"ids '{candidate}' and '{longer}' are both taken in the catalog; cannot add '{repo_id}'.")


def add_from_hub(repo_id: str, tasks: tuple[str, ...] = (), domain: str | None = None, *,
                 today: str | None = None, settings: HubSettings | None = None) -> local_catalog.Entry:
    """Read ``repo_id`` on the Hub and save it in the user's local catalog; returns the saved entry.

    ``tasks`` and ``domain`` override what the Hub's tags say. Refused before any request: an
    unknown task, and a repo the shipped catalog already has. ``today`` is the ISO date recorded
    (default: today)."""
    check_repo_id(repo_id)
    catalog = load_catalog()
    for task in tasks:
        catalog.task(task)
    shipped = _shipped_model(repo_id, catalog)
    if shipped is not None:
        raise HubError(f"'{repo_id}' is already in the shipped catalog as '{shipped.id}' (frugal catalog show "
                       f"{shipped.id}).")
    model_id = _model_id(repo_id, catalog)
    facts = fetch_facts(repo_id, settings)
    today = today or date.today().isoformat()
    model = model_from_facts(facts, catalog, model_id=model_id, tasks=tasks, domain=domain, today=today)
    entry = local_catalog.Entry(model, f"huggingface.co/{facts.repo_id}", today)
    local_catalog.save(entry)
    return entry


@dataclass(frozen=True)
class Candidate:
    """A Hub model found for a task: its facts, its catalog row if frugal can map it, its energy."""

    facts: Facts
    model: Model | None
    """None when the mapping refuses the model (unknown architecture, no parameter count)."""
    energy_wh_per_1k: float | None
    """Mid estimate per 1,000 typical items of the task on the model's default hardware, facility
    boundary (Wh); None when frugal cannot estimate it."""
    in_catalog: str
    """The catalog id of the same repo, or ""."""

    @property
    def architecture(self) -> str:
        return self.model.architecture if self.model else architecture_of(self.facts.config) or "?"


def _energy_wh_per_1k(model: Model | None, task: str, catalog: Catalog) -> float | None:
    """The mid use energy of ``model`` for ``SEARCH_ITEMS`` typical items of ``task``, Wh per 1,000."""
    from ..footprint import Workload, footprint

    if model is None or not model.is_transformer:
        return None
    typical = catalog.task(task)
    workload = Workload(task=task, data_kind=model.data_kinds[0], items=SEARCH_ITEMS,
                        tokens_in=typical.tokens_in or 0, tokens_out=typical.tokens_out or 0)
    use = footprint(model, workload, catalog).use_wh_per_1k
    return use.mid if use is not None else None


def _lightest_first(facts: Facts) -> tuple:
    """Known parameter counts first, fewest first; then most downloaded; then by repo id."""
    return facts.params_total is None, facts.params_total or 0, -(facts.downloads or 0), facts.repo_id


def search_candidates(task: str, *, domain: str | None = None, limit: int = 10, max_params: int | None = None,
                      settings: HubSettings | None = None) -> list[Candidate]:
    """The Hub's most downloaded models for ``task``, lightest first, at most ``limit``: only those
    of ``domain`` (biomed, clinical; general keeps all) with at most ``max_params`` parameters."""
    catalog = load_catalog()
    catalog.task(task)
    found = search(tasks_pipelines(task), pool=max(SEARCH_POOL, limit), settings=settings)
    by_repo = {m.hf_repo.lower(): m.id for m in catalog.models.values() if m.hf_repo}
    kept = sorted((f for f in found if (domain in (None, "general") or domain_from(f.repo_id, f.tags) == domain)
                   and (not max_params or (f.params_total is not None and f.params_total <= max_params))),
                  key=_lightest_first)[:limit]
    candidates = []
    for facts in kept:
        try:
            model = model_from_facts(facts, catalog, tasks=(task,), domain=domain)
        except HubError:  # a model the mapping refuses is still listed, without a row or an estimate
            model = None
        candidates.append(Candidate(facts, model, _energy_wh_per_1k(model, task, catalog),
                                    by_repo.get(facts.repo_id.lower(), "")))
    return candidates
