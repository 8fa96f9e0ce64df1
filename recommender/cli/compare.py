"""``frugal compare``: the footprint table of named models for a volume, and its plot."""

from __future__ import annotations

import click

from .options import output_options, query_from, question_options, wide_option, workload_options


@click.command(epilog="""\b
Examples:
  frugal compare biobert distilbert llama-3.2-1b biomistral-7b gpt-4 --volume 1e6
  frugal compare biobert gpt-4 --task ner --domain biomed --format csv
  frugal compare biobert distilbert llama-3.2-1b biomistral-7b gpt-4 --plot footprint.svg --lang fr
""")
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@question_options(task_required=False)
@workload_options
@output_options()
@click.option("--plot", "plot_path", metavar="FILE.png|FILE.svg",
              help="Also draw energy (log scale, low–high bars) against quality, frugal frontier highlighted.")
@click.option("--criteria", type=click.Choice(("co2e", "all")), default="co2e", show_default=True,
              help="all: add GWP, ADPe, PE and water (usage, embodied) and the break-even volumes.")
@wide_option
def compare(models, fmt, lang, plot_path, criteria, wide, **question):
    """Compare the footprint of MODEL... for your volume.

    One row per model that can do the task, least total energy first: energy per 1,000 items,
    one-off setup and use for the volume, total, CO2e, water, published quality, the method of
    each figure (measured / published / estimated), an energy class (A–G, one letter per decade
    of Wh per 1,000 items) and the ratio to the most frugal row. Options a guidance rule
    excludes stay in the table, marked in the Rules column.
    """
    from ..render import render
    from ..usecases.compare import compare as run

    if plot_path and not plot_path.lower().endswith((".png", ".svg")):
        raise click.BadParameter(f"'{plot_path}' must end in .png or .svg.", param_hint="'--plot'")
    question["task"] = question["task"] or ""
    result = run(tuple(models), query_from(question))
    from ..render.table_format import WIDE

    click.echo(render(result, fmt, lang, width=WIDE if wide else None))
    if criteria == "all" and fmt in ("table", "markdown"):  # render/impacts.py
        from ..render.impacts import criteria_block

        click.echo(criteria_block([row.option for row in result.rows], result.query, lang))
    if plot_path:
        from ..render.plot import save_plot

        save_plot(result, plot_path, lang)
        click.echo(f"Plot written to {plot_path}.", err=True)
