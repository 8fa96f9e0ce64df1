"""Energy against quality: total energy for the volume (log scale, low–high as error bars) on x,
quality on the reference benchmark on y, the frugal (Pareto) frontier highlighted.

matplotlib is imported here only, with the Agg backend, when a plot is asked for
(``pip install 'frugal[plot]'``).
"""

from __future__ import annotations

import io
import re

from ..compare import Comparison, frugal_frontier, plotted_rows
from ..errors import FrugalError
from ..i18n import number, tr

PLOT_FORMATS = ("png", "svg")


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


def plot_bytes(c: Comparison, fmt: str = "png", lang: str = "en") -> bytes | None:
    """The plot as PNG or SVG bytes; None when no option has both a known energy and quality."""
    rows = plotted_rows(c)
    if not rows:
        return None
    plt = _pyplot()
    frontier = frugal_frontier(rows)
    r = c.recommendation
    fig, ax = plt.subplots(figsize=(7.5, 4.8), dpi=110)
    for allowed in (True, False):
        group = [row for row in rows if bool(row.option.excluded_by) != allowed]
        if not group:
            continue
        xs = [row.option.footprint.total_wh.mid for row in group]
        lows = [row.option.footprint.total_wh.mid - row.option.footprint.total_wh.low for row in group]
        highs = [row.option.footprint.total_wh.high - row.option.footprint.total_wh.mid for row in group]
        ys = [row.option.quality.score.score for row in group]
        ax.errorbar(xs, ys, xerr=[lows, highs], fmt="o", capsize=3, color="#1b7837" if allowed else "#999999",
                    mfc="#1b7837" if allowed else "white",
                    label=tr(lang, "plot.allowed" if allowed else "plot.excluded"))
    ax.plot([row.option.footprint.total_wh.mid for row in frontier],
            [row.option.quality.score.score for row in frontier],
            "-", color="#d95f02", linewidth=2, alpha=0.8, label=tr(lang, "plot.frontier"), zorder=0)
    for row in rows:
        ax.annotate(row.model.id, (row.option.footprint.total_wh.mid, row.option.quality.score.score),
                    textcoords="offset points", xytext=(5, 5), fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel(tr(lang, "plot.x", volume=number(f"{r.workload.items:,}", lang)))
    ax.set_ylabel(tr(lang, "plot.y", benchmark=r.benchmark))
    ax.grid(True, which="both", alpha=0.25)
    ax.legend(loc="lower right", fontsize=8)
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
    from ..files import write_atomic

    fmt = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    data = plot_bytes(c, fmt, lang)
    if data is None:
        raise FrugalError(f"nothing to plot: {tr(lang, 'report.plot_no_points')}")
    write_atomic(path, data)
