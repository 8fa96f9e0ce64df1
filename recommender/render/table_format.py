"""The terminal format: blocks written with rich, for a terminal ``width`` columns wide."""

from __future__ import annotations

import io
import shutil
import sys

from . import safe
from .blocks import Block, listing_blocks


GAP = 2
"""Spaces between two columns (rich's padding without a box)."""
WIDE = 1000
"""The width of ``--wide``: every column, whatever the terminal."""


def _least_width(block: Block, column: int) -> int:
    """The fewest characters the column needs: its longest line, or its longest word if it wraps."""
    wraps = block.wrap is None or column in block.wrap
    cells = [block.headers[column], *(row[column] for row in block.rows)]
    pieces = [piece for cell in cells for line in cell.split("\n") for piece in (line.split() if wraps else [line])]
    return max((len(piece) for piece in pieces), default=0)


def fitting_columns(block: Block, width: int) -> list[int]:
    """The columns shown at ``width``: all of them, or without the ``give_way`` ones, first first,
    until the rest fits (a number or an id is never split across lines)."""
    shown = list(range(len(block.headers)))
    least = {column: _least_width(block, column) for column in shown}
    for column in block.give_way:
        if sum(least[c] for c in shown) + GAP * (len(shown) - 1) <= width:
            break
        shown.remove(column)
    return shown


def _table(block: Block, width: int):
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    shown = fitting_columns(block, width)
    for column in shown:
        wraps = block.wrap is None or column in block.wrap
        table.add_column(block.headers[column], overflow="fold", no_wrap=not wraps,
                         min_width=_least_width(block, column))
    for row in block.rows:
        table.add_row(*(row[column] for column in shown))
    left_out = [block.headers[column] for column in range(len(block.headers)) if column not in shown]
    return table, left_out


def prose(text: str, width: int, indent: str = "", hanging: str = "") -> str:
    """``text`` wrapped at word boundaries to ``width`` columns (a number, an id or a URL is never
    split), each of its lines a paragraph; ``indent`` opens it and ``hanging`` starts the lines after."""
    import textwrap

    return "\n".join(textwrap.fill(part, width, initial_indent=indent, subsequent_indent=hanging or indent,
                                   break_long_words=False, break_on_hyphens=False) or indent.rstrip()
                     for part in text.split("\n"))


def write(blocks: list[Block], width: int | None = None, wrap: bool | None = None) -> str:
    """The blocks as terminal text (default width: this terminal's, or 160 when piped). Prose wraps at
    word boundaries when ``wrap`` (default: when writing to a terminal); piped, each paragraph stays one
    line, for files and other tools."""
    from rich.console import Console

    interactive = sys.stdout.isatty()
    if width is None:
        width = shutil.get_terminal_size((160, 24)).columns if interactive else 160
    wrap = interactive if wrap is None else wrap

    def said(text: str, indent: str = "", hanging: str = "") -> str:
        return prose(text, width, indent, hanging) if wrap else indent + text
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, soft_wrap=True, color_system=None, markup=False,
                      emoji=False)
    for block in (safe.block(b, safe.plain) for b in blocks):  # markup is off: only controls go
        if block.kind == "table":
            table, left_out = _table(block, width)
            console.print(table)
            if left_out and block.text:
                console.print(said(block.text.format(width=width, columns=", ".join(left_out))))
        elif block.kind in ("heading", "paragraph"):
            console.print("\n" + said(block.text))
        elif block.kind == "items":
            for text in block.lines:
                console.print(said(text, "  ", "    "))
        elif block.kind == "code":
            console.print("\n".join(block.lines))
        elif block.kind == "sources":
            for n, (name, url) in enumerate(block.sources, start=1):
                console.print(f"[{n}] {name}{' ' + safe.plain(url) if url else ''}")
        elif block.kind == "plot":
            console.print(said(block.text))
        else:
            console.print(said(block.text))
    return out.getvalue().strip("\n")


def render(listing, width: int | None = None) -> str:
    """A ``Listing`` in the terminal format (as ``render/trial.py`` writes its tables)."""
    return write(listing_blocks(listing), width)
