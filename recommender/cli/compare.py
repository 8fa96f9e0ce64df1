"""``frugal compare``: the footprint table of named models for a volume, and its plot."""

from __future__ import annotations

import click

from .options import format_option, workload_options


@click.command(epilog="""\b
Examples:
  frugal compare biobert distilbert llama-3.2-1b biomistral-7b gpt-4 --volume 1e6
  frugal compare biobert gpt-4 --task ner --domain biomed --format csv
  frugal compare biobert distilbert llama-3.2-1b biomistral-7b gpt-4 --plot footprint.svg
""")
@click.argument("models", nargs=-1, required=True, metavar="MODEL...")
@click.option("--task", help="Task to compare on (default: the one most of the models can do).")
@click.option("--data", "data_kind", type=click.Choice(("text", "tabular", "image")),
              help="Kind of data (default: the task's usual kind).")
@click.option("--domain", default="general", show_default=True,
              help="general, biomed or clinical: picks the quality benchmark.")
@click.option("--data-sensitivity", type=click.Choice(("public", "internal", "sensitive")),
              help="Sensitivity of the data, for the rules column [default: sensitive].")
@workload_options
@format_option()
@click.option("--plot", "plot_path", metavar="FILE.png|FILE.svg",
              help="Also draw energy (log scale, low–high bars) against quality, frugal frontier highlighted.")
def compare(models, task, data_kind, domain, data_sensitivity, volume, hardware, grid, grid_intensity,
            tokens_in, tokens_out, train_items, fmt, plot_path):
    """Compare the footprint of MODEL... for your volume.

    One row per model that can do the task, least total energy first: energy per 1,000 items,
    one-off setup and use for the volume, total, CO2e, water, published quality, the method of
    each figure (measured / published / estimated), an energy class (A–G, one letter per decade
    of Wh per 1,000 items) and the ratio to the most frugal row. Options a guidance rule
    excludes stay in the table, marked in the Rules column.
    """
    from ..usecases.compare import compare as run
    from ..usecases.recommend import Query
    from ..render.comparison import render

    if plot_path and not plot_path.lower().endswith((".png", ".svg")):
        raise click.BadParameter(f"'{plot_path}' must end in .png or .svg.", param_hint="'--plot'")
    result = run(tuple(models), Query(
        task=task or "", data_kind=data_kind, domain=domain, data_sensitivity=data_sensitivity,
        volume=volume, hardware=hardware, grid=grid, grid_intensity=grid_intensity, tokens_in=tokens_in,
        tokens_out=tokens_out, train_items=train_items,
    ))
    click.echo(render(result, fmt))
    if plot_path:
        from ..render.plot import save_plot

        save_plot(result, plot_path)
        click.echo(f"Plot written to {plot_path}.", err=True)
