"""Markdown output: the same cells as the human table, as a GitHub-flavoured Markdown table."""

from __future__ import annotations

from ..usecases.recommend import Recommendation
from .listing import Listing
from .cells import blocks


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", "<br>")


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows]
    return lines


def render(r: Recommendation | Listing, explain: bool = False, show_excluded: bool = False, show_all: bool = False,
           **_: object) -> str:
    if isinstance(r, Listing):
        lines = [r.title, ""] if r.title else []
        lines += table(r.columns, [tuple("" if v is None else str(v) for v in row) for row in r.rows])
        return "\n".join(lines + ([""] + list(r.footer) if r.footer else []))
    lines: list[str] = []
    for block in blocks(r, explain, show_excluded, show_all):
        if block.kind == "table":
            lines += [""] + table(block.headers, list(block.rows)) + [""]
        elif block.kind == "heading":
            lines += ["", block.text, ""]
        elif block.kind == "item":
            lines.append(f"- {block.text}")
        elif block.kind == "code":
            lines += ["```", block.text, "```"]
        else:
            lines.append(block.text)
    return "\n".join(lines).strip("\n")
