"""Rendering of a ``frugal trial`` result: table, markdown or json.

Only what the ``TrialResult`` holds is shown: aggregates and column names, never the data.
"""

from __future__ import annotations

from dataclasses import asdict

from ..trial import METRIC_NAMES, TrialResult
from ..units import format_energy_wh, format_sig
from . import safe
from .i18n import tr
from .listing import Listing

FORMATS = ("table", "json", "markdown")


def _score(mean: float | None, std: float | None) -> str:
    if mean is None:
        return ""
    return f"{mean:.3f} ± {std:.3f}"


def _energy(wh: float | None) -> str:
    return "" if wh is None else format_energy_wh(wh)


def _seconds(s: float | None) -> str:
    """``0.037 s``, ``12 s``; under a millisecond in ms (``0.45 ms``), never an exponent."""
    if s is None:
        return ""
    return f"{format_sig(s * 1000)} ms" if 0 < s < 0.001 else f"{format_sig(s)} s"


def ladder_listing(r: TrialResult) -> Listing:
    """One row per rung, in ladder order (cheapest first)."""
    columns = ["#", "option", METRIC_NAMES[r.metric]]
    if r.secondary_metric:
        columns.append(METRIC_NAMES[r.secondary_metric])
    columns += ["fit", "fit time", "predict /1k", "fit + predict all", "frontier", "note"]
    rows = []
    for n, g in enumerate(r.rungs, start=1):
        row = [n, g.id, _score(g.score, g.score_std) if g.status == "done" else g.status]
        if r.secondary_metric:
            row.append(_score(g.secondary, g.secondary_std))
        row += [_energy(g.fit_wh), _seconds(g.fit_s), _energy(g.predict_wh_per_1k), _energy(g.energy_wh),
                "yes" if g.frontier else "", ("← use this" if r.verdict.choice == g.id else "")
                + ("; " if r.verdict.choice == g.id and g.note else "") + g.note]
        rows.append(tuple(row))
    second = METRIC_NAMES[r.secondary_metric] if r.secondary_metric else None
    give_way = tuple(second if c == SECOND_METRIC else c for c in LADDER_GIVING_WAY if c != SECOND_METRIC or second)
    return Listing(tuple(columns), rows, give_way=give_way, left_out=tr("en", "rec.left_out"))


SECOND_METRIC = "<the second metric>"
LADDER_GIVING_WAY = ("frontier", "fit time", "predict /1k", "fit", SECOND_METRIC, "note")
"""In a terminal too narrow for the whole ladder, these columns give way, first first; the rank, the
option, its score and its energy for fitting and predicting all the rows always show."""
CATALOG_GIVING_WAY = ("family", "method", "setup", "setup energy", "per 1k items")
"""The same for the catalog's prediction: the name, the id and the total for this data always show."""


def catalog_listing(r: TrialResult) -> Listing:
    rows = [(c.name, c.model_id, c.family, c.setup, _energy(c.setup_wh), _energy(c.use_wh_per_1k),
             _energy(c.total_wh), c.method) for c in r.catalog]
    return Listing(("option", "id", "family", "setup", "setup energy", "per 1k items", "total for this data",
                    "method"), rows, wrap=("option",), give_way=CATALOG_GIVING_WAY, left_out=tr("en", "rec.left_out"))


def header_lines(r: TrialResult) -> list[str]:
    metric = METRIC_NAMES[r.metric] + (f" and {METRIC_NAMES[r.secondary_metric]}" if r.secondary_metric else "")
    return [
        *r.detection.lines(),
        f"Quality: {metric}, {r.cv}-fold cross-validation (mean ± standard deviation across folds; "
        f"fixed seeds, one thread).",
        f"Energy: {r.meter} ({r.meter_method}), this process on this machine; 'fit' is one fit on "
        f"{(r.cv - 1)}/{r.cv} of the rows, 'fit + predict all' adds predicting all {r.detection.rows_used:,} rows.",
    ]


RESOLUTION_S = 1.0
"""Windows shorter than this are near the meter's resolution (tracker start-up, load sampling)."""


def resolution_line(r: TrialResult) -> str | None:
    if not any(g.fit_s is not None and g.fit_s < RESOLUTION_S for g in r.rungs):
        return None
    return (f"Fits under {RESOLUTION_S:g} s are near the meter's resolution: read their energy as an order of "
            f"magnitude, not a ranking (the ladder's order is the a-priori cost order).")


def skipped_line(r: TrialResult) -> str | None:
    if not r.skipped:
        return None
    return f"Budget of {r.budget_s:g} s spent: skipped {', '.join(r.skipped)}."


def catalog_title(r: TrialResult) -> str:
    d = r.detection
    return (f"What the catalog predicts for {d.rows_used:,} items of ~{d.tokens_per_item} tokens "
            f"(fine-tune on them, or zero-shot; facility boundary, mid values):")


def render(r: TrialResult, fmt: str, width: int | None = None) -> str:
    if fmt == "json":
        from .json_format import write

        return write(as_dict(r))
    if fmt == "markdown":
        return _markdown(r)
    return _table(r, width)


def as_dict(r: TrialResult) -> dict:
    """The stable JSON form (docs/trial.md)."""
    data = asdict(r)
    data["detection"]["lines"] = list(r.detection.lines())
    return data


def _table(r: TrialResult, width: int | None) -> str:
    """The terminal text: prose lines wrap at word boundaries in a terminal; the tables give way."""
    from . import blocks as b
    from .blocks import listing_blocks
    from .table_format import write

    out = [*(b.line(text) for text in header_lines(r)), b.line(""), *listing_blocks(ladder_listing(r))]
    out += [b.line(text) for text in (skipped_line(r), resolution_line(r)) if text]
    out.append(b.line(""))
    if r.catalog:
        out += [b.line(catalog_title(r)), *listing_blocks(catalog_listing(r))]
    if r.catalog_note:
        out.append(b.line(r.catalog_note))
    out += [b.line(""), b.line("Verdict:"), b.items(r.verdict.lines)]
    return write(out, width)  # column names are the user's: write keeps them plain


def _markdown(r: TrialResult) -> str:
    from .markdown_format import render as markdown

    md = safe.markdown  # column names are the user's; the tables are escaped by their writer
    parts = ["\n".join(f"- {md(line)}" for line in header_lines(r)), "", markdown(ladder_listing(r))]
    notes = [md(line) for line in (skipped_line(r), resolution_line(r)) if line]
    if notes:
        parts += [""] + notes
    if r.catalog:
        parts += ["", md(catalog_title(r)), "", markdown(catalog_listing(r))]
    if r.catalog_note:
        parts += ["", md(r.catalog_note)]
    parts += ["", "**Verdict**", ""] + [f"- {md(line)}" for line in r.verdict.lines]
    return "\n".join(parts)
