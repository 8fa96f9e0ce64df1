"""``frugal report``: a self-contained justification document (Markdown or HTML)."""

from __future__ import annotations

import click

from .options import quality_options, query_from, question_options, workload_options


@click.command(epilog="""\b
Examples:
  frugal report --task classification --domain biomed -o report.html
  frugal report --task ner --domain biomed --data-sensitivity public --volume 1e6 -o rapport.md --lang fr
""")
@question_options
@click.option("-o", "--output", required=True, metavar="FILE.md|FILE.html",
              help="Where to write the report; its extension picks Markdown or HTML.")
@click.option("--lang", "report_lang", type=click.Choice(("en", "fr")), default="en", show_default=True,
              help="Language of the report.")
@click.option("--data-lang", "lang", default="en", show_default=True, help="Language of the text data (ISO code).")
@workload_options
@quality_options
def report(output, report_lang, **question):
    """Write a justification report for a task: the question, the ranked options, the excluded
    ones and the rule that excludes each, the footprint table, the energy–quality plot, the
    methodology, every source, the assumptions and the versions.

    The same question as `frugal recommend`, so the numbers agree. The file is readable without
    frugal (HTML: one file, no external resource); it is written whole or not at all.
    """
    from ..usecases.compare import compare
    from ..render.reporting import write_report

    if not output.lower().endswith((".md", ".html", ".htm")):
        raise click.BadParameter(f"'{output}' must end in .md or .html.", param_hint="'-o' / '--output'")
    result = compare((), query_from(question))
    write_report(result, output, report_lang)
    click.echo(f"Report written to {output}.")
