"""Flat, stable rows of a recommendation, shared by the JSON, CSV and Markdown renderers."""

from __future__ import annotations

from typing import Any

from ..version import __version__
from ..footprint import Basis
from ..ranges import Range
from ..usecases.recommend import Option, Recommendation


def _range(r: Range | None) -> dict[str, float] | None:
    return None if r is None else {k: round(v, 9) for k, v in r.as_dict().items()}


def _basis(b: Basis | None) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"method": b.method, "source": b.source, "source_url": b.source_url, "hardware": b.hardware,
            "date": b.date, "steps": list(b.steps)}


def option_dict(o: Option) -> dict[str, Any]:
    """One option as a JSON-ready dict (documented in docs/json.md)."""
    fp, q = o.footprint, o.quality
    return {
        "rank": o.rank,
        "id": o.model.id,
        "name": o.model.name,
        "family": o.model.family,
        "hosting": o.model.hosting,
        "params_total": o.model.params_total,
        "setup": o.model.setup,
        "hardware": fp.hardware.id,
        "site": fp.site.id,
        "pue": fp.site.pue,
        "zone": fp.zone,
        "carbon_g_per_kwh": fp.carbon_g_per_kwh,
        "quality": None if q.score is None else {
            "score": q.score.score, "benchmark": q.score.benchmark, "metric": q.score.metric,
            "domain": q.score.domain, "gap_to_best": q.gap, "method": q.score.method,
            "source": q.score.source, "source_url": q.score.source_url, "flags": list(q.score.flags),
        },
        "energy_use_wh_per_1k": _range(fp.use_wh_per_1k),
        "energy_use_basis": _basis(fp.use_basis),
        "energy_use_wh": _range(fp.use_wh),
        "energy_setup_wh": _range(fp.setup_wh),
        "energy_setup_basis": _basis(fp.setup_basis),
        "energy_total_wh": _range(fp.total_wh),
        "carbon_g": _range(fp.carbon_g),
        "water_l": _range(fp.water_l),
        "overlaps_previous": o.overlaps,
        "findings": [{"code": f.code, "effect": f.effect, "section": f.section, "message": f.message}
                     for f in o.findings],
        "why": list(o.why),
        "local_source": o.local_source,
    }


def recommendation_dict(r: Recommendation) -> dict[str, Any]:
    """The whole recommendation as a JSON-ready dict (documented in docs/json.md)."""
    w = r.workload
    shortlist = set(id(o) for o in r.shortlist)
    return {
        "frugal_version": __version__,
        "query": {
            "task": r.query.task, "data": w.data_kind, "domain": r.query.domain, "lang": r.query.lang,
            "data_sensitivity": r.data_sensitivity, "use": r.query.use, "volume": w.items,
            "hardware": r.query.hardware, "grid": w.grid, "grid_intensity": w.grid_intensity,
            "min_quality": r.query.min_quality, "tolerance": r.query.tolerance,
        },
        "workload": {"tokens_in": w.tokens_in, "tokens_out": w.tokens_out, "train_items": w.train_items,
                     "epochs": w.epochs, "batch_size": w.batch_size},
        "assumptions": list(r.assumptions),
        "reference_benchmark": r.benchmark,
        "options": [{**option_dict(o), "shortlisted": id(o) in shortlist} for o in r.ranked],
        "excluded": [option_dict(o) for o in r.excluded],
        "notes": [{"code": n.code, "section": n.section, "message": n.message} for n in r.notes],
    }


FLAT_COLUMNS = (
    "rank", "id", "name", "family", "hosting", "quality", "benchmark", "energy_method",
    "energy_use_wh_per_1k", "energy_setup_wh", "energy_total_wh", "energy_total_wh_low",
    "energy_total_wh_high", "carbon_g", "water_l", "excluded_by", "caveats",
)


def flat_rows(r: Recommendation) -> list[dict[str, Any]]:
    """One flat row per option, ranked then excluded (mid values; ranges in JSON)."""
    rows = []
    for o in (*r.ranked, *r.excluded):
        fp, q = o.footprint, o.quality
        mid = lambda x: None if x is None else round(x.mid, 9)  # noqa: E731
        rows.append({
            "rank": o.rank, "id": o.model.id, "name": o.model.name, "family": o.model.family,
            "hosting": o.model.hosting,
            "quality": None if q.score is None else q.score.score,
            "benchmark": None if q.score is None else q.score.benchmark,
            "energy_method": fp.use_basis.method if fp.use_basis else None,
            "energy_use_wh_per_1k": mid(fp.use_wh_per_1k), "energy_setup_wh": mid(fp.setup_wh),
            "energy_total_wh": mid(fp.total_wh),
            "energy_total_wh_low": None if fp.total_wh is None else round(fp.total_wh.low, 9),
            "energy_total_wh_high": None if fp.total_wh is None else round(fp.total_wh.high, 9),
            "carbon_g": mid(fp.carbon_g), "water_l": mid(fp.water_l),
            "excluded_by": ";".join(f.code for f in o.excluded_by),
            "caveats": ";".join(f.code for f in o.caveats),
        })
    return rows
