"""``frugal report``: a self-contained justification document (Markdown or HTML)."""

from __future__ import annotations

import click

from ..rules import SENSITIVITIES, USES
from .options import workload_options


@click.command(epilog="""\b
Examples:
  frugal report --task classification --domain biomed -o report.html
  frugal report --task ner --domain biomed --data-sensitivity public --volume 1e6 -o rapport.md --lang fr
""")
@click.option("--task", required=True, help="What to do (frugal catalog tasks).")
@click.option("-o", "--output", required=True, metavar="FILE.md|FILE.html",
              help="Where to write the report; its extension picks Markdown or HTML.")
@click.option("--lang", type=click.Choice(("en", "fr")), default="en", show_default=True,
              help="Language of the report.")
@click.option("--data", "data_kind", type=click.Choice(("text", "tabular", "image")),
              help="Kind of data (default: the task's usual kind).")
@click.option("--domain", default="general", show_default=True, help="general, biomed or clinical.")
@click.option("--data-lang", default="en", show_default=True, help="Language of the text data (ISO code).")
@click.option("--data-sensitivity", type=click.Choice(SENSITIVITIES),
              help="Sensitivity of the data [default: sensitive, the safe choice].")
@click.option("--use", type=click.Choice(USES), default="analysis", show_default=True,
              help="What the output is for.")
@workload_options
@click.option("--min-quality", type=float, metavar="X", help="Exclude options scoring below X (0–100).")
@click.option("--tolerance", type=float, metavar="X",
              help="Exclude options more than X points below the best known option.")
def report(task, output, lang, data_kind, domain, data_lang, data_sensitivity, use, volume, hardware, grid,
           grid_intensity, tokens_in, tokens_out, train_items, min_quality, tolerance):
    """Write a justification report for a task: the question, the ranked options, the excluded
    ones and the rule that excludes each, the footprint table, the energy–quality plot, the
    methodology, every source, the assumptions and the versions.

    The same question as `frugal recommend`, so the numbers agree. The file is readable without
    frugal (HTML: one file, no external resource); it is written whole or not at all.
    """
    from ..compare import compare
    from ..ranking import Query
    from ..reporting import write_report

    if not output.lower().endswith((".md", ".html", ".htm")):
        raise click.BadParameter(f"'{output}' must end in .md or .html.", param_hint="'-o' / '--output'")
    if min_quality is not None and tolerance is not None:
        raise click.UsageError("give --min-quality or --tolerance, not both.")
    result = compare((), Query(
        task=task, data_kind=data_kind, domain=domain, lang=data_lang, data_sensitivity=data_sensitivity,
        use=use, volume=volume, hardware=hardware, grid=grid, grid_intensity=grid_intensity,
        min_quality=min_quality, tolerance=tolerance, tokens_in=tokens_in, tokens_out=tokens_out,
        train_items=train_items,
    ))
    write_report(result, output, lang)
    click.echo(f"Report written to {output}.")
