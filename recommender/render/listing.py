"""A plain listing (columns and rows), rendered by every format like a recommendation."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Listing:
    """Rows of values under named columns; ``footer`` lines follow the table in human formats."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    title: str = ""
    footer: tuple[str, ...] = field(default=())

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]
