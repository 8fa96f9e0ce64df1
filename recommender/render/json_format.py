"""The JSON format: stable keys, documented in docs/json.md (``tests/test_json_doc.py`` checks the
document against what is emitted)."""

from __future__ import annotations

import json
from typing import Any

from ..ranges import Range
from ..version import __version__
from .safe import json_text


def write(data: Any) -> str:
    """``data`` as indented JSON (UTF-8 text, not escaped but for what a terminal acts on: ``safe.json_text``)."""
    return json_text(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


def render_data(data: Any, fmt: str, lang: str = "en", **_: object) -> str:
    """Plain data (dicts, lists) renders as JSON only."""
    if fmt != "json":
        raise ValueError(f"plain data renders as json, not {fmt}")
    return write(data)


def _range(r: Range | None) -> dict[str, float] | None:
    return None if r is None else {k: round(v, 9) for k, v in r.as_dict().items()}


def _basis(b) -> dict[str, Any] | None:
    if b is None:
        return None
    return {"method": b.method, "source": b.source, "source_url": b.source_url, "hardware": b.hardware,
            "date": b.date, "steps": list(b.steps)}


def option_record(o, lifecycle: dict[str, Any] | None = None) -> dict[str, Any]:
    """One ``Option`` (docs/json.md, "An option"); ``lifecycle``: ``impacts.lifecycle_options`` of the query."""
    from .impacts import impacts_record

    fp, q = o.footprint, o.quality
    return {
        "rank": o.rank,
        "id": o.model.id,
        "name": o.model.name,
        "family": o.model.family,
        "hosting": o.model.hosting,
        "params_total": o.model.params_total,
        "setup": o.model.setup,
        "mode": o.used_as.mode,
        "shots": o.used_as.shots,
        "shots_at_most": o.used_as.shots_at_most,
        "standing": o.standing,
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
        "hosted_disclosures": [disclosure_record(d, o) for d in o.disclosures],
        "impacts": impacts_record(fp, lifecycle or {}),
    }


COMPARED = ("published by the platform per prompt, token counts not disclosed: it bounds frugal's estimate "
            "(energy_use_wh_per_1k / 1000 per item) rather than replaces it")
"""How a hosted platform's own figure is compared with the estimate (docs/json.md)."""


def disclosure_record(d, o) -> dict[str, Any]:
    """One figure a hosted platform publishes about its prompts (docs/json.md, ``hosted_disclosures``)."""
    use = o.footprint.use_wh_per_1k
    return {"quantity": d.quantity, "value": d.value, "per": d.per, "boundary": d.boundary, "date": d.date,
            "source": d.source, "source_url": d.source_url,
            "estimate_wh_per_item": None if use is None or d.quantity != "energy_wh" else use.mid / 1000,
            "compared": COMPARED}


def query_record(r) -> dict[str, Any]:
    """The question of a ``Recommendation``, with the workload's data kind and grid filled in."""
    q, w = r.query, r.workload
    return {
        "task": q.task, "data": w.data_kind, "domain": q.domain, "lang": q.data_lang,
        "data_sensitivity": r.data_sensitivity, "use": q.use, "volume": w.items, "hardware": q.hardware,
        "grid": w.grid, "grid_intensity": w.grid_intensity, "min_quality": q.min_quality,
        "tolerance": q.tolerance, "data_kind": w.data_kind, "data_lang": q.data_lang, "mode": q.mode,
    }


def workload_record(r) -> dict[str, Any]:
    w = r.workload
    return {"tokens_in": w.tokens_in, "tokens_out": w.tokens_out, "train_items": w.train_items,
            "epochs": w.epochs, "batch_size": w.batch_size}


def recommendation_record(r) -> dict[str, Any]:
    """A ``Recommendation`` (docs/json.md, ``frugal recommend``)."""
    from .impacts import lifecycle_options
    from .verdict import verdict_record

    lc = lifecycle_options(r.query)
    shortlisted = {o.rank for o in r.shortlist}
    compared = {o.key for o in r.compared}
    return {
        "frugal_version": __version__,
        "verdict": verdict_record(r.verdict, r.workload.items),
        "query": query_record(r),
        "workload": workload_record(r),
        "assumptions": list(r.assumptions),
        "reference_benchmark": r.benchmark,
        "options": [{**option_record(o, lc), "shortlisted": o.rank in shortlisted} for o in r.ranked],
        "excluded": [option_record(o, lc) for o in r.excluded],
        "short_of_quality": [{**option_record(o, lc), "shortlisted": o.key in compared} for o in r.short_of_quality],
        "notes": [{"code": n.code, "section": n.section, "message": n.message} for n in r.notes],
    }


def comparison_record(c) -> dict[str, Any]:
    """A ``Comparison`` (docs/json.md, ``frugal compare``): each row is a ``recommend`` option plus
    its energy class and ratio."""
    from ..usecases.compare import ENERGY_CLASSES
    from .i18n import unable_text
    from .impacts import lifecycle_options

    from .verdict import verdict_record

    r = c.recommendation
    return {
        "frugal_version": __version__,
        "verdict": verdict_record(r.verdict, r.workload.items),
        "catalog_version": c.catalog_version,
        "query": query_record(r),
        "workload": workload_record(r),
        "assumptions": list(c.assumptions),
        "reference_benchmark": r.benchmark,
        "energy_classes_wh_per_1k": {letter: (None if upper == float("inf") else upper)
                                     for letter, upper in ENERGY_CLASSES},
        "rows": [{**option_record(row.option, lifecycle_options(r.query)), "energy_class": row.energy_class,
                  "ratio_to_most_frugal": None if row.ratio is None else round(row.ratio, 9)} for row in c.rows],
        "left_out": [{"id": m.id, "reason": unable_text(m, r.workload.task, r.workload.data_kind)} for m in c.unable],
    }
