"""``frugal report``: a self-contained justification document (Markdown or HTML)."""

from __future__ import annotations

import click

from .options import lang_option, quality_options, query_from, question_options, workload_options


@click.command(epilog="""\b
Examples:
  frugal report --task classification --domain biomed -o report.html
  frugal report --task ner --domain biomed --data-sensitivity public --volume 1e6 -o rapport.md --lang fr
""")
@question_options()
@click.option("-o", "--output", required=True, metavar="FILE.md|FILE.html|FILE.pdf",
              help="Where to write the report; its extension picks Markdown (its plot in NAME-plot.svg beside "
                   "it), HTML (one file) or PDF (the HTML printed by Chromium).")
@lang_option()
@workload_options
@quality_options
@click.option("--dossier", is_flag=True, help="Write the frugality dossier (necessity, life cycle, SCI, "
              "break-even, limits, crosswalk to AFNOR 2314, L.1801, SCI for AI, AI Act Annex XI) as Markdown.")
@click.option("--team", metavar="NAME", help="Owning team, for the dossier's register entry.")
@click.option("--status", type=click.Choice(("planned", "pilot", "production", "retired")), default="planned",
              show_default=True, help="Deployment status, for the dossier's register entry.")
def report(output, lang, dossier, team, status, **question):
    """Write a justification report for a task: the question, the ranked options, the excluded
    ones and the rule that excludes each, the footprint table, the energy–quality plot, the
    methodology, every source, the assumptions and the versions.

    The same question as `frugal recommend`, so the numbers agree. The file is readable without
    frugal (HTML: one file, no external resource); it is written whole or not at all.
    """
    from ..render.report import write_report
    from ..usecases.compare import compare

    if not output.lower().endswith((".md", ".html", ".htm", ".pdf")):
        raise click.BadParameter(f"'{output}' must end in .md, .html or .pdf.", param_hint="'-o' / '--output'")
    result = compare((), query_from(question))
    if dossier:  # the frugality dossier (render/dossier.py), Markdown only
        from ..paths import write_atomic
        from ..render.dossier import dossier_text

        if not output.lower().endswith(".md"):
            raise click.BadParameter(f"'{output}': the dossier is written as Markdown (.md).", param_hint="'-o' / '--output'")
        write_atomic(output, dossier_text(result, lang, team=team, status=status))
        click.echo(f"Dossier written to {output}.")
        return
    written = write_report(result, output, lang)
    click.echo(f"Report written to {' and '.join(str(path) for path in written)}.")
