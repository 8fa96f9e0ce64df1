"""The facts behind a publication's "Use of AI systems" paragraph (guidance: transparency), from the
same footprint as ``frugal compare``: the model and its version, its role, where it ran, the
energy and carbon of the work done, and what to cite. The paragraph itself, in English or French,
is written by ``recommender.render.disclosure``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..catalog import GENERATIVE_FAMILIES, Catalog, Model, Task, load_catalog
from ..errors import InvalidInput
from ..footprint import Footprint, Workload
from ..footprint.defaults import LOCAL_BATCH, precision_for
from .compare import compare
from .recommend import Query


@dataclass(frozen=True)
class Disclosure:
    """What a disclosure states about one model used on one task."""

    model: Model
    task: Task
    role: str | None
    """The model's role in the user's words (None: the task's name)."""
    workload: Workload
    footprint: Footprint
    tokens_generated: bool
    """Whether the items carry generated tokens worth stating (a generative model, ``tokens_out`` > 0)."""
    precision: str | None
    """Numeric precision of a local run (None for a hosted platform)."""
    batch_size: int | None
    """Items per batch of a local run (None for a hosted platform)."""
    energy_method: str | None
    """``estimated`` if any figure of the total is estimated, else ``published``, else ``measured``;
    None when the energy is unknown."""
    grid_source: tuple[str, str] | None
    """The grid factor's (name, url) when the paragraph cites it (the user gave no intensity, or
    the model is hosted); None otherwise."""
    catalog_version: str


def _energy_method(footprint: Footprint) -> str | None:
    if footprint.total_wh is None:
        return None
    methods = {basis.method for basis in (footprint.use_basis, footprint.setup_basis) if basis is not None}
    if "estimated" in methods:
        return "estimated"
    return "published" if "published" in methods else "measured"


def disclose(model_id: str, query: Query, role: str | None = None, catalog: Catalog | None = None) -> Disclosure:
    """The facts of a disclosure for ``model_id`` used on ``query`` (task, volume, workload)."""
    catalog = catalog or load_catalog()
    model = catalog.model(model_id)
    task = catalog.task(query.task)
    if task.id not in model.tasks:
        raise InvalidInput(f"{model.id} cannot do task '{task.id}' (its tasks: {', '.join(model.tasks)}).")
    c = compare((model.id,), query, catalog)
    if not c.rows:
        raise InvalidInput(f"{model.id} cannot do task '{task.id}' on {c.recommendation.workload.data_kind} data "
                           f"(its data: {', '.join(model.data_kinds)}).")
    fp, w = c.rows[0].option.footprint, c.recommendation.workload
    cites_grid = fp.total_wh is not None and (not w.grid_intensity or model.is_external)
    zone = catalog.grid[fp.zone]
    return Disclosure(
        model=model, task=task, role=role, workload=w, footprint=fp,
        tokens_generated=bool(w.tokens_out) and model.family in GENERATIVE_FAMILIES,
        precision=None if model.is_external else precision_for(model, fp.hardware),
        batch_size=None if model.is_external else (w.batch_size or LOCAL_BATCH),
        energy_method=_energy_method(fp),
        grid_source=(zone.source, zone.source_url or "") if cites_grid else None,
        catalog_version=c.catalog_version,
    )
