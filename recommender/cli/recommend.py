"""``frugal recommend``: rank the options for a task."""

from __future__ import annotations

import click

from .options import format_option, quality_options, query_from, question_options, workload_options


@click.command(epilog="""\b
Examples:
  frugal recommend --task classification --domain biomed
  frugal recommend --task ner --domain biomed --data-sensitivity public --show-excluded
  frugal recommend --task summarization --lang fr --volume 1e5 --tolerance 5 --explain
  frugal recommend --task classification --data tabular --format json
""")
@question_options
@click.option("--lang", default="en", show_default=True, help="Language of the text (ISO code: en, fr...).")
@workload_options
@quality_options
@click.option("--all", "show_all", is_flag=True,
              help="Show every ranked option, not only the most frugal of each family and the quality frontier.")
@click.option("--show-excluded", is_flag=True, help="Show the excluded options' rows too.")
@click.option("--explain", is_flag=True, help="Say why each option is where it is, step by step.")
@format_option()
def recommend(show_all, show_excluded, explain, fmt, **question):
    """Rank the options for a task, least resource-hungry first.

    Each row gives published quality, energy per 1,000 items and for your volume (one-off
    setup and use), carbon and water, with the method (measured / published / estimated) and
    source of each figure, and the guidance rules that exclude options or add caveats.
    """
    from ..usecases.recommend import recommend as run
    from ..render import render

    result = run(query_from(question))
    click.echo(render(result, fmt, explain=explain, show_excluded=show_excluded, show_all=show_all))
