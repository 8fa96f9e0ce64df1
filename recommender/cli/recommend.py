"""``frugal recommend``: rank the options for a task."""

from __future__ import annotations

import click

from ..rules import SENSITIVITIES, USES
from .options import format_option, workload_options


@click.command(epilog="""\b
Examples:
  frugal recommend --task classification --domain biomed
  frugal recommend --task ner --domain biomed --data-sensitivity public --show-excluded
  frugal recommend --task summarization --lang fr --volume 1e5 --tolerance 5 --explain
  frugal recommend --task classification --data tabular --format json
""")
@click.option("--task", required=True, help="What to do: classification, ner, summarization... "
              "(frugal catalog tasks).")
@click.option("--data", "data_kind", type=click.Choice(("text", "tabular", "image")),
              help="Kind of data (default: the task's usual kind, said in one line).")
@click.option("--domain", default="general", show_default=True, help="general, biomed or clinical.")
@click.option("--lang", default="en", show_default=True, help="Language of the text (ISO code: en, fr...).")
@click.option("--data-sensitivity", type=click.Choice(SENSITIVITIES),
              help="Sensitivity of the data [default: sensitive, the safe choice].")
@click.option("--use", type=click.Choice(USES), default="analysis", show_default=True,
              help="What the output is for; code-* values are code generation for those applications.")
@workload_options
@click.option("--min-quality", type=float, metavar="X", help="Exclude options scoring below X (0–100).")
@click.option("--tolerance", type=float, metavar="X",
              help="Exclude options more than X points below the best known option.")
@click.option("--all", "show_all", is_flag=True,
              help="Show every ranked option, not only the most frugal of each family and the quality frontier.")
@click.option("--show-excluded", is_flag=True, help="Show the excluded options' rows too.")
@click.option("--explain", is_flag=True, help="Say why each option is where it is, step by step.")
@format_option()
def recommend(task, data_kind, domain, lang, data_sensitivity, use, volume, hardware, grid,
              grid_intensity, tokens_in, tokens_out, train_items, min_quality, tolerance,
              show_all, show_excluded, explain, fmt):
    """Rank the options for a task, least resource-hungry first.

    Each row gives published quality, energy per 1,000 items and for your volume (one-off
    setup and use), carbon and water, with the method (measured / published / estimated) and
    source of each figure, and the guidance rules that exclude options or add caveats.
    """
    from ..ranking import Query, recommend as run
    from ..render import render

    if min_quality is not None and tolerance is not None:
        raise click.UsageError("give --min-quality or --tolerance, not both.")
    result = run(Query(
        task=task, data_kind=data_kind, domain=domain, lang=lang, data_sensitivity=data_sensitivity,
        use=use, volume=volume, hardware=hardware, grid=grid, grid_intensity=grid_intensity,
        min_quality=min_quality, tolerance=tolerance, tokens_in=tokens_in, tokens_out=tokens_out,
        train_items=train_items,
    ))
    click.echo(render(result, fmt, explain=explain, show_excluded=show_excluded, show_all=show_all))
