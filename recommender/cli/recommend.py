"""``frugal recommend``: rank the options for a task."""

from __future__ import annotations

import click

from ..catalog.schema import MODES
from .options import output_options, quality_options, query_from, question_options, resolve_langs, workload_options


@click.command(epilog="""\b
Examples:
  frugal recommend --task classification --domain biomed
  frugal recommend --task ner --domain biomed --data-sensitivity public --show-excluded
  frugal recommend --task summarization --data-lang fr --volume 1e5 --tolerance 5 --explain
  frugal recommend --task classification --data-kind tabular --format json
  frugal recommend --task classification --domain biomed --lang fr
  frugal recommend --task ner --domain biomed --data-sensitivity public --mode few-shot
""")
@question_options()
@workload_options
@quality_options
@click.option("--mode", type=click.Choice(MODES), help="Only options used in this mode (e.g. fine-tuned, few-shot).")
@click.option("--all", "show_all", is_flag=True,
              help="Show every ranked option, not only the most frugal of each family and the quality frontier.")
@click.option("--show-excluded", is_flag=True, help="Show the excluded options' rows too.")
@click.option("--explain", is_flag=True, help="Say why each option is where it is, step by step.")
@click.option("--wide", is_flag=True, help="Keep every column of the table, whatever the terminal's width.")
@click.option("--criteria", type=click.Choice(("co2e", "all")), default="co2e", show_default=True,
              help="all: add a table of GWP, ADPe, PE and water, usage and embodied, for the volume.")
@output_options(data_lang_fallback=True)
def recommend(show_all, show_excluded, explain, wide, criteria, fmt, lang, data_lang, **question):
    """Rank the options for a task, least resource-hungry first.

    Each row gives published quality, energy per 1,000 items and for your volume (one-off
    setup and use), carbon and water, with the method (measured / published / estimated) and
    source of each figure, and the guidance rules that exclude options or add caveats.
    """
    from ..render import render
    from ..usecases.recommend import recommend as run

    lang, data_lang = resolve_langs(lang, data_lang)
    result = run(query_from(question, data_lang=data_lang))
    from ..render.table_format import WIDE

    click.echo(render(result, fmt, lang, explain=explain, show_excluded=show_excluded, show_all=show_all,
                      width=WIDE if wide else None))
    if criteria == "all" and fmt in ("table", "markdown"):
        from ..render.impacts import criteria_block

        click.echo(criteria_block(result.shortlist or result.ranked, result.query, lang))
