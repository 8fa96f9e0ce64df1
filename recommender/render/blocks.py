"""The one block model of everything frugal writes for people: a result's renderer builds a list of
``Block``s once, and each human format (rich table, Markdown, HTML) writes the same list."""

from __future__ import annotations

from dataclasses import dataclass

KINDS = ("heading", "paragraph", "line", "items", "table", "code", "plot", "sources")


@dataclass(frozen=True)
class Block:
    """One piece of a document. ``kind`` is one of ``KINDS``:

    - ``heading``: ``text``, of ``level`` 1 (a title), 2 (a section) or 0 (a run-in heading, a
      label set apart from what follows: "Sources:");
    - ``paragraph``: ``text``, set apart by blank lines; ``line``: ``text``, one line among others;
    - ``items``: a list of ``lines``; ``code``: preformatted ``lines``;
    - ``table``: ``headers`` and ``rows`` of cells; ``wrap`` = the columns whose cells may wrap
      in a terminal (None: every column); ``give_way`` = the columns a terminal too narrow for
      the whole table leaves out, first first (the others always show), and ``text`` then says
      which, with ``{width}`` and ``{columns}`` filled in;
    - ``plot``: an inline ``svg`` (None when there is none), its caption ``text``, and the ``src`` file a
      format that cannot inline it links instead (Markdown renderers strip ``data:`` images);
    - ``sources``: numbered ``sources``, (name, url) pairs, url possibly empty.
    """

    kind: str
    text: str = ""
    level: int = 0
    lines: tuple[str, ...] = ()
    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    wrap: tuple[int, ...] | None = None
    give_way: tuple[int, ...] = ()
    svg: str | None = None
    src: str | None = None
    """A plot's file, beside the document, when the format links it rather than inlining it (Markdown)."""
    sources: tuple[tuple[str, str], ...] = ()

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown block kind {self.kind!r}")


def heading(text: str, level: int = 0) -> Block:
    return Block("heading", text, level=level)


def paragraph(text: str) -> Block:
    return Block("paragraph", text)


def line(text: str) -> Block:
    return Block("line", text)


def items(lines) -> Block:
    return Block("items", lines=tuple(lines))


def table(headers, rows, wrap: tuple[int, ...] | None = None, give_way: tuple[int, ...] = (),
          left_out: str = "") -> Block:
    return Block("table", headers=tuple(headers), rows=tuple(tuple(row) for row in rows), wrap=wrap,
                 give_way=give_way, text=left_out)


def code(lines) -> Block:
    return Block("code", lines=tuple(lines))


def plot(svg: str | None, caption: str, src: str | None = None) -> Block:
    return Block("plot", caption, svg=svg, src=src)


def sources(entries) -> Block:
    return Block("sources", sources=tuple(entries))


def listing_blocks(listing) -> list[Block]:
    """A ``Listing``'s title, table (its ``wrap`` and ``give_way`` columns by index) and footer lines
    (None shown as an empty cell)."""
    out = [line(listing.title)] if listing.title else []
    wrap = listing.wrap
    out.append(table(listing.columns, [tuple("" if v is None else str(v) for v in row) for row in listing.rows],
                     wrap=None if wrap is None else tuple(listing.columns.index(c) for c in wrap),
                     give_way=tuple(listing.columns.index(c) for c in listing.give_way),
                     left_out=listing.left_out))
    return out + [line(text) for text in listing.footer]


def title_of(blocks: list[Block], default: str) -> str:
    """The text of the first level-1 heading (a document's title), else ``default``."""
    return next((b.text for b in blocks if b.kind == "heading" and b.level == 1), default)
