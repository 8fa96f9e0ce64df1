"""The human table (rich): ranked options, then exclusions, caveats, sources and reminders."""

from __future__ import annotations

import io
import shutil
import sys

from ..usecases.recommend import Recommendation
from .listing import Listing
from .cells import blocks


def _options_table(headers: tuple[str, ...]):
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for h in headers:
        table.add_column(h, overflow="fold", no_wrap=h != "Option")
    return table


def render(r: Recommendation | Listing, explain: bool = False, show_excluded: bool = False,
           show_all: bool = False, width: int | None = None) -> str:
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
    for block in blocks(r, explain, show_excluded, show_all):
        if block.kind == "table":
            table = _options_table(block.headers)
            for row in block.rows:
                table.add_row(*row)
            console.print(table)
        elif block.kind == "heading":
            console.print(f"\n{block.text}")
        elif block.kind == "item":
            console.print(f"  {block.text}")
        else:
            console.print(block.text)
    return out.getvalue().rstrip("\n")
