"""The terminal format: blocks written with rich, for a terminal ``width`` columns wide."""

from __future__ import annotations

import io
import re
import shutil
import sys

from ..units import join_units
from . import safe
from .blocks import Block, listing_blocks


GAP = 2
"""Spaces between two columns (rich's padding without a box)."""
WIDE = 1000
"""The width of ``--wide``: every column, whatever the terminal."""


def _wraps(block: Block, column: int) -> bool:
    return block.wrap is None or column in block.wrap


def _widest(texts, wraps: bool) -> int:
    """The longest line of ``texts``, or their longest word when they wrap."""
    pieces = [piece for text in texts for line in text.split("\n") for piece in (line.split() if wraps else [line])]
    return max((len(piece) for piece in pieces), default=0)


def _least_width(block: Block, column: int) -> int:
    """The fewest characters the column needs: its cells' longest line, or their longest word if the
    column wraps; its header's longest word (a header wraps at spaces in every column)."""
    return max(_widest([row[column] for row in block.rows], _wraps(block, column)),
               _widest([block.headers[column]], True))


def _natural_width(block: Block, column: int) -> int:
    return _widest([block.headers[column], *(row[column] for row in block.rows)], False)


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


def _widths(block: Block, shown: list[int], width: int) -> dict[int, int]:
    """Each shown column's width: its natural width; while the table is wider than ``width``, the widest
    column whose header is wider than its cells narrows by one (the header wraps at spaces: headers take
    an extra line before names do), then the widest column whose cells wrap, down to its least width.
    A column whose cells wrap is then cut to its longest wrapped line, and the room this frees goes back,
    the cheapest first, to the columns where it saves a line."""
    import textwrap

    widths = {c: max(_natural_width(block, c), _least_width(block, c)) for c in shown}
    cells = {c: max(_widest([row[c] for row in block.rows], False), _widest([block.headers[c]], True))
             for c in shown}
    least = {c: _least_width(block, c) for c in shown}
    excess = sum(widths.values()) + GAP * (len(shown) - 1) - width
    for floor in (cells, least):
        while excess > 0:
            narrowing = [c for c in shown if widths[c] > max(floor[c], least[c])]
            if not narrowing:
                break
            widest = max(narrowing, key=lambda c: (widths[c], -c))
            widths[widest] -= 1
            excess -= 1

    def wrapped(c: int, at: int) -> list[str]:
        texts = [block.headers[c], *(row[c] for row in block.rows)]
        return [piece for text in texts for line in text.split("\n")
                for piece in textwrap.wrap(line, at, break_long_words=False, break_on_hyphens=False) or [""]]

    squeezed = [c for c in shown if _wraps(block, c) and widths[c] < _natural_width(block, c)]
    for c in squeezed:  # cut to the longest wrapped line
        widths[c] = max([least[c], *(len(piece) for piece in wrapped(c, widths[c]))])
    spare = width - sum(widths.values()) - GAP * (len(shown) - 1)
    while spare > 0:  # give what was cut back where it saves lines, the cheapest first
        offers = [(k, c) for c in squeezed
                  for k in [next((k for k in range(1, spare + 1)
                                  if len(wrapped(c, widths[c] + k)) < len(wrapped(c, widths[c]))), None)]
                  if k is not None]
        if not offers:
            break
        k, c = min(offers)
        widths[c] = max(len(piece) for piece in wrapped(c, widths[c] + k))
        spare = width - sum(widths.values()) - GAP * (len(shown) - 1)
    return widths


def _header(block: Block, column: int, width: int) -> str:
    """The column's header, wrapped at spaces to the column's ``width`` when wider (a long header does not
    widen a column of numbers)."""
    import textwrap

    text = block.headers[column]
    if len(text) <= width:
        return text
    return "\n".join(textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)) or text


def _table(block: Block, width: int):
    from rich.table import Table

    table = Table(box=None, pad_edge=False, header_style="bold")
    shown = fitting_columns(block, width)
    widths = _widths(block, shown, width)
    for column in shown:
        table.add_column(_header(block, column, widths[column]), overflow="fold", no_wrap=not _wraps(block, column),
                         min_width=_least_width(block, column), width=widths[column])
    for row in block.rows:
        table.add_row(*(row[column] for column in shown))
    left_out = [block.headers[column] for column in range(len(block.headers)) if column not in shown]
    return table, left_out


_GLUE = "\ue000"
"""A private-use character standing for a space that must not break while prose is wrapped."""
_SIGN_BEFORE_NUMBER = re.compile(r"(\S) ([≤≥<>±]) (?=[\d−-])")
"""``D ≤ 100``, ``0.83 ± 0.05``: a comparison or a spread stays on one line with what it joins."""


def prose(text: str, width: int, indent: str = "", hanging: str = "") -> str:
    """``text`` wrapped at word boundaries to ``width`` columns (a number, an id or a URL is never
    split), each of its lines a paragraph; ``indent`` opens it and ``hanging`` starts the lines after."""
    import textwrap

    glued = _SIGN_BEFORE_NUMBER.sub(lambda m: m.group(1) + _GLUE + m.group(2) + _GLUE,
                                    join_units(text, _GLUE))
    return "\n".join(textwrap.fill(part, width, initial_indent=indent, subsequent_indent=hanging or indent,
                                   break_long_words=False, break_on_hyphens=False) or indent.rstrip()
                     for part in glued.split("\n")).replace(_GLUE, " ")


def _glued(block: Block) -> Block:
    """``block`` with the spaces that must not break in a cell glued: a number and its unit
    (``0.022 mWh``), a spread and its sign (``± 0.015``); ``write`` turns the glue back into spaces."""
    from dataclasses import replace

    def glue(cell: str) -> str:
        return join_units(cell, _GLUE).replace("± ", "±" + _GLUE)
    return replace(block, rows=tuple(tuple(glue(cell) for cell in row) for row in block.rows))


def terminal() -> tuple[int, bool]:
    """(columns, whether standard output is a terminal): this terminal's width, or 160 when piped."""
    interactive = sys.stdout.isatty()
    return (shutil.get_terminal_size((160, 24)).columns if interactive else 160), interactive


def write(blocks: list[Block], width: int | None = None, wrap: bool | None = None) -> str:
    """The blocks as terminal text (default width: this terminal's, or 160 when piped). Prose wraps at
    word boundaries when ``wrap`` (default: when writing to a terminal); piped, each paragraph stays one
    line, for files and other tools."""
    from rich.console import Console

    columns, interactive = terminal()
    width = columns if width is None else width
    wrap = interactive if wrap is None else wrap

    def said(text: str, indent: str = "", hanging: str = "") -> str:
        return prose(text, width, indent, hanging) if wrap else indent + text
    out = io.StringIO()
    console = Console(file=out, width=width, highlight=False, soft_wrap=True, color_system=None, markup=False,
                      emoji=False)
    for block in (safe.block(b, safe.plain) for b in blocks):  # markup is off: only controls go
        if block.kind == "table":
            table, left_out = _table(_glued(block), width)
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
        else:  # a line: one that opens with spaces keeps them, and its wrapped lines go two further in
            indent = block.text[:len(block.text) - len(block.text.lstrip(" "))]
            console.print(said(block.text[len(indent):], indent, indent + "  ") if indent else said(block.text))
    return out.getvalue().strip("\n").replace(_GLUE, " ")


def render(listing, width: int | None = None) -> str:
    """A ``Listing`` in the terminal format (as ``render/trial.py`` writes its tables)."""
    return write(listing_blocks(listing), width)
