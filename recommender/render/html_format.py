"""The HTML format: blocks as one self-contained page (inline CSS, inline SVG, no script and no
external resource; links to sources are plain ``<a href>``)."""

from __future__ import annotations

from html import escape

from ..units import join_units
from . import safe
from .blocks import Block, title_of

STYLE = """
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem;
       color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2rem; border-bottom: 1px solid #ddd; }
table { border-collapse: collapse; font-size: 0.85rem; margin: 0.5rem 0; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.45rem; text-align: left; vertical-align: top; }
th { background: #f2f5f2; }
figure { margin: 1rem 0; } figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #555; }
pre { background: #f7f7f7; padding: 0.6rem; overflow-x: auto; font-size: 0.8rem; }
@media print {
  @page { size: A4; margin: 15mm 12mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 9.5pt; line-height: 1.35; }
  h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.2rem; }
  h1:not(:first-of-type) { break-before: page; }
  h1, h2, h3 { break-after: avoid; } tr, li, figure { break-inside: avoid; }
  table { font-size: 8pt; } pre { white-space: pre-wrap; font-size: 7.5pt; }
  a { color: inherit; text-decoration: none; }
}
"""

HEADING_TAGS = {1: "h1", 2: "h2", 0: "h3"}


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def _cell(text: str) -> str:
    """A table cell: a figure stays on one line with its unit."""
    return _text(join_units(text, "\u00a0"))


def _element(block: Block) -> str:
    if block.kind == "heading":
        tag = HEADING_TAGS[block.level]
        return f"<{tag}>{_text(block.text)}</{tag}>"
    if block.kind in ("paragraph", "line"):
        return f"<p>{_text(block.text)}</p>"
    if block.kind == "items":
        return "<ul>" + "".join(f"<li>{_text(item)}</li>" for item in block.lines) + "</ul>"
    if block.kind == "table":
        head = "".join(f"<th>{_text(h)}</th>" for h in block.headers)
        body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        return f'<table class="footprint"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    if block.kind == "plot":
        if block.svg:
            return f'<figure id="plot">{block.svg}<figcaption>{_text(block.text)}</figcaption></figure>'
        return f"<p>{_text(block.text)}</p>"
    if block.kind == "sources":
        entries = []
        for name, url in block.sources:
            href = safe.link(url)
            link = f' <a href="{escape(href)}">{escape(url)}</a>' if href else f" {_text(safe.plain(url))}" if url else ""
            entries.append(f"<li>{escape(name)}{link}</li>")
        return '<ol class="sources">' + "".join(entries) + "</ol>"
    return "<pre>" + escape("\n".join(block.lines)) + "</pre>"


def write(blocks: list[Block], lang: str = "en") -> str:
    """The blocks as an HTML page in ``lang``, ending with a newline."""
    blocks = [safe.block(block, safe.plain) for block in blocks]
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title_of(blocks, 'frugal report'))}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    out += [_element(block) for block in blocks if not (block.kind == "items" and not block.lines)]
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
