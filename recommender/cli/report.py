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
@click.option("-o", "--output", required=True, metavar="FILE.md|FILE.html",
              help="Where to write the report; its extension picks Markdown or HTML.")
@lang_option()
@workload_options
@quality_options
def report(output, lang, **question):
    """Write a justification report for a task: the question, the ranked options, the excluded
    ones and the rule that excludes each, the footprint table, the energy–quality plot, the
    methodology, every source, the assumptions and the versions.

    The same question as `frugal recommend`, so the numbers agree. The file is readable without
    frugal (HTML: one file, no external resource); it is written whole or not at all.
    """
    from ..render.report import write_report
    from ..usecases.compare import compare

    if not output.lower().endswith((".md", ".html", ".htm")):
        raise click.BadParameter(f"'{output}' must end in .md or .html.", param_hint="'-o' / '--output'")
    result = compare((), query_from(question))
    write_report(result, output, lang)
    click.echo(f"Report written to {output}.")
