"""The justification report as Markdown; the plot is embedded as a base64 SVG data URI."""

from __future__ import annotations

import base64

from .markdown_format import table
from .report import Block


def render(blocks: list[Block]) -> str:
    lines: list[str] = []
    for block in blocks:
        kind = block[0]
        if kind == "h1":
            lines += [f"# {block[1]}", ""]
        elif kind == "h2":
            lines += [f"## {block[1]}", ""]
        elif kind == "p":
            lines += [block[1], ""]
        elif kind == "ul":
            lines += [f"- {item}" for item in block[1]] + [""]
        elif kind == "table":
            lines += table(block[1], [tuple(c.replace("\n", " ") for c in row) for row in block[2]]) + [""]
        elif kind == "plot":
            svg, caption = block[1], block[2]
            if svg:
                data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
                lines += [f"![{caption}](data:image/svg+xml;base64,{data})", ""]
            lines += [f"*{caption}*", ""]
        elif kind == "sources":
            lines += [f"{n}. {name}{' <' + url + '>' if url else ''}" for n, (name, url) in
                      enumerate(block[1], start=1)] + [""]
        elif kind == "pre":
            lines += ["```", *block[1], "```", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
