"""The human table (rich): ranked options, then exclusions, caveats, sources and reminders."""

from __future__ import annotations

import io
import shutil
import sys

from ..ranking import Recommendation
from .listing import Listing
from .cells import METHOD_LEGEND, cells_of, describe_query, excluded_lines, explain_lines, headers


def _options_table(r: Recommendation):
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for h in headers(r):
        table.add_column(h, overflow="fold", no_wrap=h != "Option")
    return table


def render(r: Recommendation | Listing, explain: bool = False, show_excluded: bool = False,
           width: int | None = None) -> str:
    """Render for a terminal ``width`` columns wide (default: this terminal's, or 160 when piped)."""
    from rich.console import Console
    from rich.table import Table

    if width is None:
        width = shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else 160
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, soft_wrap=True, color_system=None)
    if isinstance(r, Listing):
        if r.title:
            console.print(r.title)
        listing = Table(box=None, pad_edge=False, header_style="bold")
        for column in r.columns:
            listing.add_column(column, overflow="fold")
        for row in r.rows:
            listing.add_row(*("" if v is None else str(v) for v in row))
        console.print(listing)
        for line in r.footer:
            console.print(line)
        return out.getvalue().rstrip("\n")
    for line in r.assumptions:
        console.print(line)
    console.print(f"Options for {describe_query(r)}, least resource-hungry first:")
    table = _options_table(r)
    cells = cells_of(r.ranked)
    for row in cells.rows:
        table.add_row(*row)
    if not r.ranked:
        console.print("No option passes the rules for this question.")
    else:
        console.print(table)
    if r.benchmark:
        console.print(f"Quality: score on {r.benchmark} (0–100), points relative to the best option that passes the rules in brackets.")
    else:
        console.print("Quality: no published score for this task and domain in the catalog (unknown).")
    if r.excluded:
        if show_excluded:
            console.print(f"\nExcluded ({len(r.excluded)}):")
            excluded = _options_table(r)
            cells_of(r.excluded, cells)
            for row in cells.rows[len(r.ranked):]:
                excluded.add_row(*row)
            console.print(excluded)
        else:
            console.print(f"\nExcluded ({len(r.excluded)}; --show-excluded for their rows):")
            for line in excluded_lines(r):
                console.print(f"  {line}")
    if cells.caveats:
        console.print("\nRules:")
        for code, text in cells.caveats.items():
            console.print(f"  {code}: {text}")
    console.print("\nSources:")
    for n, (name, url) in enumerate(cells.sources.entries, start=1):
        console.print(f"  [{n}] {name}{' ' + url if url else ''}")
    for o in (*r.ranked, *r.excluded):
        if o.local_source:
            console.print(f"  {o.model.id}: your local catalog, not reviewed; source {o.local_source}")
    console.print(f"\n{METHOD_LEGEND}")
    for note in r.notes:
        console.print(f"Note ({note.code}): {note.message}")
    if explain:
        console.print("\nWhy this order:")
        for line in explain_lines(r):
            console.print(line)
    return out.getvalue().rstrip("\n")
