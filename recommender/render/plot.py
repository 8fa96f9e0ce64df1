"""Energy against quality: total energy for the volume (log scale, low–high as error bars) on x,
quality on the reference benchmark on y, the frugal (Pareto) frontier highlighted.

matplotlib is imported here only, with the Agg backend, when a plot is asked for
(``pip install 'frugal[plot]'``).
"""

from __future__ import annotations

import io
import re

from ..errors import FrugalError
from ..usecases.compare import Comparison, frugal_frontier, plotted_rows
from .i18n import count, tr


LABEL_OFFSET_PT = (5, 5)
"""Each point's label (its option's id) sits this many points right of and above the point."""


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        raise FrugalError("plots need matplotlib: pip install 'frugal[plot]'.") from None
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "frugal"
    matplotlib.rcParams["svg.fonttype"] = "none"
    import matplotlib.pyplot as plt

    return plt


def _errorbar(ax, rows, ys, **style) -> None:
    totals = [row.option.footprint.total_wh for row in rows]
    ax.errorbar([t.mid for t in totals], ys, xerr=[[t.mid - t.low for t in totals], [t.high - t.mid for t in totals]],
                capsize=3, **style)


def plot_bytes(c: Comparison, fmt: str = "png", lang: str = "en") -> bytes | None:
    """The plot as PNG or SVG bytes; None when no option has a known energy. Options of unknown
    quality sit on a strip below the others, never at a guessed score."""
    rows = plotted_rows(c)
    unknown = [row for row in c.rows if row.option.footprint.total_wh is not None and row.option.quality.score is None]
    if not rows and not unknown:
        return None
    plt = _pyplot()
    frontier = frugal_frontier(rows)
    r = c.recommendation
    fig, ax = plt.subplots(figsize=(7.5, 4.8), dpi=110)
    for allowed in (True, False):
        group = [row for row in rows if bool(row.option.excluded_by) != allowed]
        if group:
            _errorbar(ax, group, [row.option.quality.score.score for row in group], fmt="o",
                      color="#1b7837" if allowed else "#999999", mfc="#1b7837" if allowed else "white",
                      label=tr(lang, "plot.allowed" if allowed else "plot.excluded"))
    scores = [row.option.quality.score.score for row in rows]
    strip = min(scores) - max(2.0, 0.15 * (max(scores) - min(scores))) if scores else 0.0
    for allowed in (True, False):
        group = [row for row in unknown if bool(row.option.excluded_by) != allowed]
        if group:
            _errorbar(ax, group, [strip] * len(group), fmt="s", color="#7570b3" if allowed else "#999999",
                      mfc="white", label=tr(lang, "plot.unknown" if allowed else "plot.unknown_excluded"))
    if frontier:
        ax.plot([row.option.footprint.total_wh.mid for row in frontier],
                [row.option.quality.score.score for row in frontier],
                "-", color="#d95f02", linewidth=2, alpha=0.8, label=tr(lang, "plot.frontier"), zorder=0)
    from .comparison import row_cells

    labels = {id(row): cells.id for row, cells in zip(c.rows, row_cells(c, lang))}
    for row, y in [(row, row.option.quality.score.score) for row in rows] + [(row, strip) for row in unknown]:
        ax.annotate(labels[id(row)], (row.option.footprint.total_wh.mid, y), textcoords="offset points",
                    xytext=LABEL_OFFSET_PT, fontsize=8)
    if unknown:
        ax.axhline(strip, color="#7570b3", linestyle=":", linewidth=0.8)
        ticks = [t for t in ax.get_yticks() if scores and strip + 1 < t <= max(scores) + 1]
        ax.set_yticks([*ticks, strip], [*(f"{t:g}" for t in ticks), "?"])
    ax.set_xscale("log")
    ax.set_xlabel(tr(lang, "plot.x", volume=count(r.workload.items, lang)))
    ax.set_ylabel(tr(lang, "plot.y", benchmark=r.benchmark or "—"))
    ax.grid(True, which="both", alpha=0.25)
    ax.legend(loc="best", fontsize=8)
    fig.tight_layout()
    out = io.BytesIO()
    fig.savefig(out, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    plt.close(fig)
    return out.getvalue()


def inline_svg(c: Comparison, lang: str = "en") -> str | None:
    """The plot as an ``<svg>`` element to put inside HTML (no XML prolog, doctype or metadata)."""
    data = plot_bytes(c, "svg", lang)
    if data is None:
        return None
    svg = data.decode("utf-8")
    svg = svg[svg.index("<svg"):]
    return re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)


def save_plot(c: Comparison, path: str, lang: str = "en") -> None:
    """Write the plot to ``path`` (``.png`` or ``.svg``), atomically."""
    from ..paths import write_atomic

    fmt = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    data = plot_bytes(c, fmt, lang)
    if data is None:
        raise FrugalError(f"nothing to plot: {tr(lang, 'report.plot_no_points')}")
    write_atomic(path, data)
