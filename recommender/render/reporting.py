"""Build and write a justification report (``frugal report``) from a comparison."""

from __future__ import annotations

import datetime

from ..usecases.compare import Comparison
from ..errors import FrugalError
from ..paths import write_atomic
from .i18n import check_lang, tr


def report_text(c: Comparison, fmt: str, lang: str = "en", today: datetime.date | None = None) -> str:
    """The report as ``md`` or ``html`` text; the plot is inline when matplotlib is installed."""
    from . import report, report_html, report_markdown
    from .plot import inline_svg

    check_lang(lang)
    try:
        svg, note = inline_svg(c, lang), None
    except FrugalError:
        svg, note = None, tr(lang, "report.plot_no_matplotlib")
    blocks = report.build(c, lang, svg, note, today)
    return report_html.render(blocks, lang) if fmt == "html" else report_markdown.render(blocks)


def write_report(c: Comparison, path: str, lang: str = "en", today: datetime.date | None = None) -> None:
    """Write the report to ``path`` (``.md``, ``.html`` or ``.htm``) whole or not at all."""
    suffix = str(path).lower().rsplit(".", 1)[-1]
    if suffix not in ("md", "html", "htm"):
        raise FrugalError(f"a report is written as .md or .html; got '{path}'.")
    write_atomic(path, report_text(c, "md" if suffix == "md" else "html", lang, today))
