"""A plain listing (columns and rows), rendered by every format: what the catalog, bench and
estimator commands show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Listing:
    """Rows of values under named columns; ``footer`` lines follow the table in human formats.

    In a terminal (``table_format``): only the ``wrap`` columns wrap, at spaces (None: every column);
    a terminal too narrow for every column leaves out the ``give_way`` ones, first first, and then
    prints ``left_out`` (``{width}``, ``{columns}`` filled in), e.g. ``i18n.left_out(lang)``."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    title: str = ""
    footer: tuple[str, ...] = field(default=())
    wrap: tuple[str, ...] | None = None
    give_way: tuple[str, ...] = ()
    left_out: str = ""

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]


def render(listing: Listing, fmt: str, lang: str = "en", width: int | None = None) -> str:
    """``listing`` as ``fmt``: json = one object per row, csv = the columns, else a table."""
    if fmt == "json":
        from .json_format import write

        return write(listing.records())
    if fmt == "csv":
        from .csv_format import write

        return write(listing.columns, listing.records())
    from .blocks import listing_blocks

    if fmt == "markdown":
        from .markdown_format import write

        return write(listing_blocks(listing))
    if fmt != "table":
        raise ValueError(f"a listing renders as table, markdown, json or csv, not {fmt}")
    from .table_format import write

    return write(listing_blocks(listing), width)
