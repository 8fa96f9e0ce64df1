"""The justification report as one self-contained HTML file: inline CSS, inline SVG plot, no
script and no external resource (links to sources are plain ``<a href>``)."""

from __future__ import annotations

from html import escape

from .report import Block

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
"""


def _text(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def render(blocks: list[Block], lang: str = "en") -> str:
    title = next((b[1] for b in blocks if b[0] == "h1"), "frugal report")
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
    ]
    for block in blocks:
        kind = block[0]
        if kind in ("h1", "h2", "p"):
            out.append(f"<{kind}>{_text(block[1])}</{kind}>")
        elif kind == "ul":
            out.append("<ul>" + "".join(f"<li>{_text(item)}</li>" for item in block[1]) + "</ul>")
        elif kind == "table":
            head = "".join(f"<th>{_text(h)}</th>" for h in block[1])
            body = "".join("<tr>" + "".join(f"<td>{_text(c)}</td>" for c in row) + "</tr>" for row in block[2])
            out.append(f'<table class="footprint"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>')
        elif kind == "plot":
            svg, caption = block[1], block[2]
            if svg:
                out.append(f'<figure id="plot">{svg}<figcaption>{_text(caption)}</figcaption></figure>')
            else:
                out.append(f"<p>{_text(caption)}</p>")
        elif kind == "sources":
            items = []
            for name, url in block[1]:
                link = f' <a href="{escape(url)}">{escape(url)}</a>' if url else ""
                items.append(f"<li>{escape(name)}{link}</li>")
            out.append('<ol class="sources">' + "".join(items) + "</ol>")
        elif kind == "pre":
            out.append("<pre>" + escape("\n".join(block[1])) + "</pre>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"
