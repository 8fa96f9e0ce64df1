"""Life-cycle impacts of options as records (JSON ``impacts``, docs/json.md) and as a text table
(``--criteria all``). The arithmetic is ``footprint.lifecycle``'s; this only lays it out."""

from __future__ import annotations

from typing import Any

from ..footprint.lifecycle import (
    CRITERIA,
    FUNCTIONAL_UNIT,
    Lifecycle,
    break_even_items,
    lifecycle,
    total_gwp_parts,
)
from ..ranges import Range

EMBODIED_WATER = "excluded: water of manufacture is not modelled (no data; EcoLogits and Boavizta leave it out too)"
"""Why ``impacts.water_l.embodied`` is null."""
PROVIDER_UNIT = "one setup (fit or fine-tune) of the workload's training items, every counted run included"


def lifecycle_options(query) -> dict[str, Any]:
    """``lifecycle``'s keyword options from a ``Query`` (None when absent: the defaults)."""
    return {name: getattr(query, name, None) for name in ("lifetime_years", "utilisation", "setup_runs")}


def markdown_table(head: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table (cells' ``|`` escaped)."""
    esc = [[c.replace("|", "\\|") for c in r] for r in [head] + rows]
    return ["| " + " | ".join(esc[0]) + " |", "|" + "---|" * len(head)] + ["| " + " | ".join(r) + " |" for r in esc[1:]]


def _r(r: Range | None) -> dict[str, float] | None:
    return None if r is None else {k: round(v, 12) for k, v in r.as_dict().items()}


def option_lifecycle(fp, options: dict[str, Any], catalog=None) -> Lifecycle | None:
    """The ``Lifecycle`` of a footprint, or None when its use energy is unknown."""
    if fp is None or fp.use_wh_per_1k is None:
        return None
    from ..catalog import load_catalog

    return lifecycle(fp, catalog or load_catalog(), **options)


def impacts_record(fp, options: dict[str, Any], catalog=None) -> dict[str, Any] | None:
    """``impacts`` of one option (docs/json.md): each criterion's usage and embodied ranges per 1,000
    items, for the setup and for the volume, with their method and sources; the allocation; SCI."""
    lc = option_lifecycle(fp, options, catalog)
    if lc is None:
        return None
    use_method = fp.use_basis.method if fp.use_basis else None
    out: dict[str, Any] = {"functional_unit": FUNCTIONAL_UNIT, "allocation": {
        "lifetime_years": lc.allocation.lifetime_years, "utilisation": lc.allocation.utilisation,
        "setup_runs": lc.allocation.setup_runs, "device_s_per_1k": _r(lc.use_device_s_per_1k),
        "setup_device_s": _r(lc.setup_device_s), "time_method": lc.time_method}}
    for name in CRITERIA:
        s = lc.criteria[name]
        usage_source = _usage_source(name, fp, lc)
        embodied = {"per_1k": _r(s.embodied_per_1k), "setup": _r(s.embodied_setup), "volume": _r(s.embodied_volume),
                    "method": "estimated" if s.embodied_per_1k is not None else None,
                    "sources": [] if name == "water_l" else [
                        {"hardware": e.hardware, "part": e.part, "criterion": e.criterion, "value": e.value,
                         "devices_per_host": e.devices_per_host, "method": e.method, "source": e.source,
                         "source_url": e.source_url} for e in lc.embodied_sources
                        if e.criterion == {"gwp_g": "gwp_kg"}.get(name, name)],
                    "excluded": EMBODIED_WATER if name == "water_l" else (
                        None if s.embodied_per_1k is not None else
                        f"unknown: no complete manufacturing figure for hardware '{fp.hardware.id}'")}
        out[name] = {"usage": {"per_1k": _r(s.usage_per_1k), "setup": _r(s.usage_setup), "volume": _r(s.usage_volume),
                               "method": use_method if s.usage_per_1k is not None else None,
                               "source": usage_source},
                     "embodied": embodied}
    out["sci"] = {"consumer_g_per_1k": _r(lc.sci_consumer_g_per_1k), "provider_g": _r(lc.sci_provider_g),
                  "functional_unit": FUNCTIONAL_UNIT, "provider_unit": PROVIDER_UNIT}
    return out


def _usage_source(name: str, fp, lc: Lifecycle) -> str | None:
    """Where the usage factor of a criterion comes from."""
    if name == "gwp_g":
        return f"grid zone {fp.zone}: {fp.carbon_g_per_kwh:g} g CO2e/kWh (catalog/grid.csv or --grid-intensity)"
    if name == "water_l":
        return f"site {fp.site.id} WUE and grid zone {fp.zone} water (catalog/datacenters.csv, grid.csv)"
    if lc.grid is None:
        return None
    return f"{lc.grid.source} ({lc.grid.source_url})"


def criteria_rows(options, query, lang: str) -> list[list[str]]:
    """One row per option for ``--criteria all``: id, then each criterion's usage and embodied for the volume."""
    from .i18n import tr

    rows = []
    opts = lifecycle_options(query)
    for o in options:
        lc = option_lifecycle(o.footprint, opts)
        cells = [o.model.id]
        for name in CRITERIA:
            s = None if lc is None else lc.criteria[name]
            for part in ("usage_volume", "embodied_volume"):
                v = None if s is None else getattr(s, part)
                cells.append(tr(lang, "unknown") if v is None else f"{v.mid:.3g}")
        rows.append(cells)
    return rows


def criteria_table(options, query, lang: str) -> str:
    """``--criteria all``: a plain-text table of the four criteria, usage and embodied for the volume."""
    from .i18n import tr

    head = [tr(lang, "lc.col.option")] + [tr(lang, f"lc.col.{n}.{p}") for n in CRITERIA for p in ("usage", "embodied")]
    rows = [head] + criteria_rows(options, query, lang)
    widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
    lines = [tr(lang, "lc.table_title", volume=f"{query.volume:,}")]
    for j, r in enumerate(rows):
        lines.append("  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))))
        if j == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(tr(lang, "lc.table_note"))
    return "\n".join(lines)


def criteria_block(options, query, lang: str) -> str:
    """``--criteria all``: the criteria table, then the break-even of each option with a setup
    against each zero-setup one (``break_even_lines``)."""
    options = list(options)
    opts = lifecycle_options(query)
    keyed = {f"{o.model.id} ({o.used_as.mode})": o for o in options}
    cycles = {k: option_lifecycle(o.footprint, opts) for k, o in keyed.items()}
    return criteria_table(options, query, lang) + "\n\n" + "\n".join(break_even_lines(keyed, cycles, lang))


def break_even_lines(reps: dict, cycles: dict, lang: str) -> list[str]:
    """The break-even table of every option with a setup against every zero-setup one (GWP, usage + embodied)."""
    from .i18n import count, tr

    rows = []
    for k, o in reps.items():
        lc = cycles[k]
        if lc is None or not (o.footprint.setup_wh and o.footprint.setup_wh.mid):
            continue
        setup, per_1k = total_gwp_parts(lc)
        for k2, o2 in reps.items():
            lc2 = cycles[k2]
            if lc2 is None or (o2.footprint.setup_wh and o2.footprint.setup_wh.mid) or setup is None or per_1k is None:
                continue
            other = total_gwp_parts(lc2)[1]
            if other is None:
                continue
            be = break_even_items(setup, per_1k, other)
            cells = [tr(lang, "dossier.be.never") if v is None else count(round(v), lang) for v in (be.mid, be.low, be.high)]
            rows.append([o.model.id, o2.model.id, f"{cells[0]} [{cells[1]}–{cells[2]}]"])
    if not rows:
        return [tr(lang, "dossier.be.none")]
    return [tr(lang, "dossier.be.intro"), ""] + markdown_table(
        [tr(lang, "dossier.be.with_setup"), tr(lang, "dossier.be.zero_setup"), tr(lang, "dossier.be.items")], rows)
