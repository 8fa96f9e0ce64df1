"""Markdown output: the same cells as the human table, as a GitHub-flavoured Markdown table."""

from __future__ import annotations

from ..ranking import Recommendation
from .listing import Listing
from .cells import METHOD_LEGEND, cells_of, describe_query, excluded_lines, explain_lines, headers


def _escape(cell: str) -> str:
    return cell.replace("|", "\\|").replace("\n", "<br>")


def table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(_escape(c) for c in row) + " |" for row in rows]
    return lines


def render(r: Recommendation | Listing, explain: bool = False, show_excluded: bool = False, **_: object) -> str:
    if isinstance(r, Listing):
        lines = [r.title, ""] if r.title else []
        lines += table(r.columns, [tuple("" if v is None else str(v) for v in row) for row in r.rows])
        return "\n".join(lines + ([""] + list(r.footer) if r.footer else []))
    lines = [f"Options for {describe_query(r)}, least resource-hungry first.", ""]
    lines += [f"- {a}" for a in r.assumptions]
    if r.assumptions:
        lines.append("")
    cells = cells_of(r.ranked)
    lines += table(headers(r), cells.rows)
    if r.excluded:
        lines += ["", f"Excluded ({len(r.excluded)}):", ""]
        if show_excluded:
            cells_of(r.excluded, cells)
            lines += table(headers(r), cells.rows[len(r.ranked):])
        else:
            lines += [f"- {line}" for line in excluded_lines(r)]
    if cells.caveats:
        lines += ["", "Rules:", ""] + [f"- `{c}`: {t}" for c, t in cells.caveats.items()]
    lines += ["", "Sources:", ""]
    lines += [f"{n}. {name}{' <' + url + '>' if url else ''}" for n, (name, url) in
              enumerate(cells.sources.entries, start=1)]
    lines += ["", METHOD_LEGEND, ""] + [f"- {n.message}" for n in r.notes]
    if explain:
        lines += ["", "Why this order:", "", "```"] + explain_lines(r) + ["```"]
    return "\n".join(lines)
