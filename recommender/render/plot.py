"""Energy against quality: total energy for the volume (log scale, low–high as error bars) on x,
quality on the reference benchmark on y, the frugal (Pareto) frontier drawn; with fewer than
``SCATTER_MIN`` scored options, the energy ladder instead (options on y, energy on x). Points are
numbered, the numbers placed so that no two labels overlap, and a key names each number's option.

Sized for a slide (``FIGSIZE_IN`` × ``DPI``: 1600 px wide). matplotlib is imported here only, with
the Agg backend, when a plot is asked for (``version.install_hint("plot")``).
"""

from __future__ import annotations

import io
import re

from ..errors import FrugalError
from ..usecases.compare import Comparison, frugal_frontier
from .i18n import benchmark_name, count, tr
from .safe import plot_text

FIGSIZE_IN = (10.0, 6.0)
DPI = 160
"""10 in × 160 dpi = 1600 px wide: readable on a slide."""
SCATTER_MIN = 3
"""The fewest options with a known score for the energy–quality scatter; below it, the energy ladder."""
LABEL_PT = 7.0
"""Font size of the point numbers; a number's box is taken as 0.62 × this per digit by 1.1 × this high."""
KEY_LINES = 24
"""Options the key lists in one column; more go in two narrower ones."""
RINGS = ((4, 4), (4, -11), (-11, 4), (-11, -11), (6, -3), (-3, 6), (-15, -3), (-3, -15))
"""Offsets (points) tried in turn for a number, then the same at 2× and 3×, until it overlaps nothing."""


def _pyplot():
    try:
        import matplotlib
    except ImportError:
        from ..version import install_hint

        raise FrugalError(f"plots need matplotlib: {install_hint('plot')}.") from None
    matplotlib.use("Agg")
    matplotlib.rcParams["svg.hashsalt"] = "frugal"
    matplotlib.rcParams["svg.fonttype"] = "none"
    import matplotlib.pyplot as plt

    return plt


def plotted(c: Comparison) -> list:
    """The rows a plot shows, least total energy first: every row with a known energy when the user named
    the models; for a whole question, those with a known score and the shortlisted ones of unknown quality."""
    known = [row for row in c.rows if row.option.footprint.total_wh is not None]
    if not c.query.models:
        r = c.recommendation
        shown = {o.key for o in (*r.shortlist, *r.compared)}
        known = [row for row in known if row.option.quality.score is not None or row.option.key in shown]
    return sorted(known, key=lambda row: row.option.footprint.total_wh.mid)


def _boxes_overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(points_px: list[tuple[float, float]], texts: list[str], dpi: float) -> list[tuple[float, float]]:
    """An offset (points) for each label, the first of ``RINGS`` (then at 2× and 3×) at which its box
    overlaps neither an earlier label nor any point's marker (a box of 6 pt around it)."""
    scale = dpi / 72
    markers = [(x - 3 * scale, y - 3 * scale, x + 3 * scale, y + 3 * scale) for x, y in points_px]
    placed, offsets = [], []
    for (x, y), text in zip(points_px, texts):
        width, height = 0.62 * LABEL_PT * len(text) * scale, 1.1 * LABEL_PT * scale
        candidates = [(dx * k, dy * k) for k in (1, 2, 3) for dx, dy in RINGS]
        for dx, dy in candidates:
            box = (x + dx * scale, y + dy * scale, x + dx * scale + width, y + dy * scale + height)
            if not any(_boxes_overlap(box, other) for other in (*placed, *markers)):
                break
        placed.append(box)
        offsets.append((dx, dy))
    return offsets


def _errorbar(ax, rows, ys, **style) -> None:
    totals = [row.option.footprint.total_wh for row in rows]
    ax.errorbar([t.mid for t in totals], ys, xerr=[[t.mid - t.low for t in totals], [t.high - t.mid for t in totals]],
                capsize=3, **style)


def _names(rows, lang: str) -> list[str]:
    from .cells import mode_text

    return [plot_text(f"{row.model.name}, {mode_text(row.option.used_as, lang)}") for row in rows]


def _title(c: Comparison, lang: str) -> str:
    from .i18n import task_name, task_role

    w = c.recommendation.workload
    named = task_role if lang == "fr" else task_name
    return plot_text(tr(lang, "plot.title", task=named(w.task, c.catalog.tasks[w.task].name, lang),
                        volume=count(w.items, lang)))


def _scatter(fig, ax, c: Comparison, rows, lang: str) -> None:
    r = c.recommendation
    scored = [row for row in rows if row.option.quality.score is not None]
    unknown = [row for row in rows if row.option.quality.score is None]
    scores = [row.option.quality.score.score for row in scored]
    strip = min(scores) - max(2.0, 0.15 * (max(scores) - min(scores)))
    y_of = {id(row): (row.option.quality.score.score if row.option.quality.score else strip) for row in rows}
    for group, marker, known in ((scored, "o", True), (unknown, "s", False)):
        for allowed in (True, False):
            members = [row for row in group if bool(row.option.excluded_by) != allowed]
            if not members:
                continue
            colour = ("#1b7837" if known else "#7570b3") if allowed else "#999999"
            label = ("plot.allowed" if allowed else "plot.excluded") if known else \
                ("plot.unknown" if allowed else "plot.unknown_excluded")
            _errorbar(ax, members, [y_of[id(row)] for row in members], fmt=marker, color=colour,
                      mfc=colour if known and allowed else "white", label=tr(lang, label))
    frontier = frugal_frontier(scored)
    if len(frontier) > 1:  # a frontier of one point is no line: neither drawn nor in the legend
        ax.plot([row.option.footprint.total_wh.mid for row in frontier],
                [row.option.quality.score.score for row in frontier],
                "-", color="#d95f02", linewidth=2, alpha=0.8, label=tr(lang, "plot.frontier"), zorder=0)
    if unknown:
        ax.axhline(strip, color="#7570b3", linestyle=":", linewidth=0.8)
    ax.set_xscale("log")
    ax.set_xlabel(tr(lang, "plot.x", volume=count(r.workload.items, lang)))
    ax.set_ylabel(plot_text(tr(lang, "plot.y", benchmark=benchmark_name(r.benchmark, lang, "—"))))
    ax.grid(True, which="both", alpha=0.25)
    fig.legend(loc="lower left", bbox_to_anchor=(0.69, 0.06), fontsize=8, frameon=False)
    fig.canvas.draw()  # fixes the limits the ticks and the label placement read
    if unknown:
        ticks = [t for t in ax.get_yticks() if strip + 1 < t <= max(scores) + 1]
        ax.set_yticks([*ticks, strip], [*(f"{t:g}" for t in ticks), "?"])
    numbers = [str(n) for n in range(1, len(rows) + 1)]
    points = [(row.option.footprint.total_wh.mid, y_of[id(row)]) for row in rows]
    pixels = [tuple(ax.transData.transform(point)) for point in points]
    for text, point, offset in zip(numbers, points, place_labels(pixels, numbers, fig.dpi)):
        ax.annotate(text, point, textcoords="offset points", xytext=offset, fontsize=LABEL_PT)


def _ladder(ax, c: Comparison, rows, names: list[str], lang: str) -> None:
    """One bar per option, least energy at the top, low–high as error bars; its score in its name."""
    r = c.recommendation
    ys = list(range(len(rows)))[::-1]
    totals = [row.option.footprint.total_wh for row in rows]
    colours = ["#999999" if row.option.excluded_by else "#1b7837" for row in rows]
    ax.barh(ys, [t.mid for t in totals], color=colours, alpha=0.85,
            xerr=[[t.mid - t.low for t in totals], [t.high - t.mid for t in totals]], capsize=3)
    ax.set_yticks(ys, [f"{n}. {name}" for n, name in enumerate(names, start=1)], fontsize=8)
    ax.set_xscale("log")
    ax.set_xlabel(tr(lang, "plot.x", volume=count(r.workload.items, lang)))
    ax.grid(True, axis="x", which="both", alpha=0.25)


def plot_bytes(c: Comparison, fmt: str = "png", lang: str = "en") -> bytes | None:
    """The plot as PNG or SVG bytes; None when no option has a known energy. Options of unknown
    quality sit on a "?" strip below the others, never at a guessed score."""
    rows = plotted(c)
    if not rows:
        return None
    plt = _pyplot()
    names = _names(rows, lang)
    scatter = sum(row.option.quality.score is not None for row in rows) >= SCATTER_MIN
    fig = plt.figure(figsize=FIGSIZE_IN, dpi=DPI)
    fig.suptitle(_title(c, lang), fontsize=12)
    if scatter:
        ax = fig.add_axes((0.07, 0.1, 0.6, 0.8))
        _scatter(fig, ax, c, rows, lang)
        half = -(-len(names) // 2) if len(names) > KEY_LINES else len(names)
        numbered = [f"{n}. {name}" for n, name in enumerate(names, start=1)]
        for column, (x, part) in enumerate(((0.69, numbered[:half]), (0.845, numbered[half:]))):
            if part:
                fig.text(x, 0.9, "\n".join(part), fontsize=7 if column == 0 and half == len(names) else 5.5,
                         va="top", ha="left")
    else:
        ax = fig.add_axes((0.38, 0.1, 0.58, 0.8))
        _ladder(ax, c, rows, names, lang)
        ax.set_title(plot_text(tr(lang, "plot.ladder", benchmark=benchmark_name(c.recommendation.benchmark, lang, "—"))),
                     fontsize=9)
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
