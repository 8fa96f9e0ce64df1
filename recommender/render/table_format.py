"""The terminal format: blocks written with rich, for a terminal ``width`` columns wide."""

from __future__ import annotations

import io
import shutil
import sys

from .blocks import Block, listing_blocks


def _table(block: Block):
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    for column, header in enumerate(block.headers):
        table.add_column(header, overflow="fold", no_wrap=block.wrap is not None and column not in block.wrap)
    for row in block.rows:
        table.add_row(*row)
    return table


def write(blocks: list[Block], width: int | None = None) -> str:
    """The blocks as terminal text (default width: this terminal's, or 160 when piped)."""
    from rich.console import Console

    if width is None:
        width = shutil.get_terminal_size((160, 24)).columns if sys.stdout.isatty() else 160
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, soft_wrap=True, color_system=None, markup=False,
                      emoji=False)
    for block in blocks:
        if block.kind == "table":
            console.print(_table(block))
        elif block.kind in ("heading", "paragraph"):
            console.print(f"\n{block.text}")
        elif block.kind == "items":
            for text in block.lines:
                console.print(f"  {text}")
        elif block.kind == "code":
            console.print("\n".join(block.lines))
        elif block.kind == "sources":
            for n, (name, url) in enumerate(block.sources, start=1):
                console.print(f"[{n}] {name}{' ' + url if url else ''}")
        elif block.kind == "plot":
            console.print(block.text)
        else:
            console.print(block.text)
    return out.getvalue().strip("\n")


def render(listing, width: int | None = None) -> str:
    """A ``Listing`` in the terminal format (as ``render/trial.py`` writes its tables)."""
    return write(listing_blocks(listing), width)
