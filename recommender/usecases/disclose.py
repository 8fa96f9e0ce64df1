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
from ..footprint.impacts import carbon_g
from .compare import compare
from .recommend import Query, recommend
from .modes import Mode
from .verdict import Verdict


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
    evidence: object = None
    """The model's comparable score on the question's reference benchmark (``catalog.QualityScore``), or None."""
    domain: str = "general"
    """The question's domain, which chose the reference benchmark of ``evidence`` and ``verdict``."""
    mode: Mode | None = None
    """How the model was used (its catalog setup's mode), which its evidence shares."""
    verdict: Verdict | None = None
    """frugal's answer to the same question over the whole catalog (``Recommendation.verdict``)."""
    assumed: tuple[str, ...] = ()
    """What the paragraph states that the user did not give (``ASSUMABLE`` codes, in that order)."""
    setup_carbon_g: object = None
    """CO2e of the one-off fit or fine-tuning (``ranges.Range``, g), None without one or when unknown."""
    measured_on: str | None = None
    """The hardware a catalog measurement was made on, when the energy rests on one (never "measured" for
    this work: frugal disclose is not given the user's own run)."""


def _energy_method(footprint: Footprint) -> str | None:
    if footprint.total_wh is None:
        return None
    methods = {basis.method for basis in (footprint.use_basis, footprint.setup_basis) if basis is not None}
    if "estimated" in methods:
        return "estimated"
    return "published" if "published" in methods else "measured"


ASSUMABLE = ("volume", "tokens", "train_items", "epochs", "hardware", "precision", "batch", "site", "grid")
"""What a disclosure may state without the user having given it, in the paragraph's order."""


def assumed_values(model: Model, query: Query, given: frozenset[str] | None) -> tuple[str, ...]:
    """The ``ASSUMABLE`` codes the paragraph will state for ``model`` that the user did not give:
    ``given`` names the query fields the user set (None: a field equal to its default was not given)."""
    default = Query(task=query.task)

    def missing(name: str) -> bool:
        return getattr(query, name) == getattr(default, name) if given is None else name not in given

    local, trained = not model.is_external, model.setup in ("fit", "fine-tune")
    codes = {
        "volume": missing("volume"),
        "tokens": query.tokens_in is None and (query.tokens_out is None or model.family not in GENERATIVE_FAMILIES),
        "train_items": trained and missing("train_items"),
        "epochs": model.setup == "fine-tune",  # no option sets it: always frugal's default
        "hardware": local and query.hardware is None,
        "precision": local,  # frugal's default for the hardware; no option sets it
        "batch": local and query.batch_size is None,
        "site": local,  # the catalog's local site; no option sets it
        "grid": local and query.grid_intensity is None and missing("grid"),
    }
    return tuple(code for code in ASSUMABLE if codes[code])


def disclose(model_id: str, query: Query, role: str | None = None, catalog: Catalog | None = None,
             given: frozenset[str] | None = None) -> Disclosure:
    """The facts of a disclosure for ``model_id`` used on ``query`` (task, volume, workload); ``given``:
    the query fields the user set (the others are said to be assumed)."""
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
        evidence=c.rows[0].option.quality.score, mode=c.rows[0].option.used_as, domain=query.domain,
        verdict=recommend(query, catalog).verdict, assumed=assumed_values(model, query, given),
        measured_on=_measured_on(fp, catalog),
        setup_carbon_g=None if fp.setup_wh is None or not fp.setup_wh.mid else carbon_g(fp.setup_wh, fp.carbon_g_per_kwh),
    )


def _measured_on(footprint: Footprint, catalog: Catalog) -> str | None:
    """The name of the hardware the use or setup figure was measured on, if one was."""
    for basis in (footprint.use_basis, footprint.setup_basis):
        if basis is not None and basis.method == "measured":
            profile = catalog.hardware.get(basis.hardware)
            return profile.name if profile is not None else basis.hardware
    return None
