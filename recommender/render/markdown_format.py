"""The Markdown format (GitHub-flavoured): blocks as Markdown, one blank line between blocks
(consecutive lines excepted)."""

from __future__ import annotations

import base64

from . import safe
from .blocks import Block, listing_blocks


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", "<br>")


def table(headers: tuple[str, ...], rows) -> list[str]:
    """A Markdown table's lines; newlines inside a cell become ``<br>``."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows]
    return lines


def _address(url: str) -> str:
    """`` <url>`` (a link) for an http, https or doi address, else the address as text."""
    if not url:
        return ""
    href = safe.link(url)
    return f" <{href}>" if href else f" {safe.markdown(url)}"


def _lines(block: Block) -> list[str]:
    if block.kind == "heading":
        return [f"{'#' * block.level} {block.text}" if block.level else block.text]
    if block.kind == "items":
        return [f"- {text}" for text in block.lines]
    if block.kind == "table":
        return table(block.headers, block.rows)
    if block.kind == "code":
        fence = safe.markdown_fence(block.lines)
        return [fence, *block.lines, fence]
    if block.kind == "plot":
        if not block.svg:
            return [f"*{block.text}*"]
        if block.src:
            return [f"![{block.text}]({block.src})", "", f"*{block.text}*"]
        data = base64.b64encode(block.svg.encode("utf-8")).decode("ascii")
        return [f"![{block.text}](data:image/svg+xml;base64,{data})", "", f"*{block.text}*"]
    if block.kind == "sources":
        return [f"{n}. {name}{_address(url)}" for n, (name, url) in enumerate(block.sources, 1)]
    return [block.text]


def write(blocks: list[Block]) -> str:
    """The blocks as Markdown (no trailing newline); an empty list of items writes nothing."""
    out: list[str] = []
    previous = None
    for block in (safe.block(b, safe.markdown, code=safe.plain) for b in blocks):
        if block.kind == "items" and not block.lines:
            continue
        if previous is not None and not (previous == "line" and block.kind == "line"):
            out.append("")
        out += _lines(block)
        previous = block.kind
    return "\n".join(out).strip("\n")


def render(listing) -> str:
    """A ``Listing`` as Markdown (as ``render/trial.py`` writes its tables)."""
    return write(listing_blocks(listing))
