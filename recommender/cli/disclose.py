"""``frugal disclose``: the "Use of AI systems" paragraph for a publication."""

from __future__ import annotations

import click

from .options import COUNT, POSITIVE_FLOAT


@click.command(epilog="""\b
Examples:
  frugal disclose --model biobert --task ner --volume 2e5
  frugal disclose --model llama-3.2-1b --task summarization --volume 5000 --lang fr
  frugal disclose --model gpt-4 --task summarization --volume 300 --role "drafting plain-language summaries"
""")
@click.option("--model", "model_id", required=True, help="The model used (frugal catalog list).")
@click.option("--task", required=True, help="What it was used for (frugal catalog tasks).")
@click.option("--volume", type=COUNT, default="10000", show_default=True, help="Items processed (1e6, 250k...).")
@click.option("--lang", type=click.Choice(("en", "fr")), default="en", show_default=True,
              help="Language of the paragraph.")
@click.option("--role", help="Its role in the work, in the paragraph's language (default: the task's name).")
@click.option("--data", "data_kind", type=click.Choice(("text", "tabular", "image")),
              help="Kind of data (default: the task's usual kind).")
@click.option("--hardware", metavar="ID", help="Hardware it ran on, for a local model (frugal catalog hardware).")
@click.option("--grid", metavar="ZONE", default="FR", show_default=True, help="Grid zone of local computation.")
@click.option("--grid-intensity", type=POSITIVE_FLOAT, metavar="G", help="g CO2e per kWh, overriding --grid.")
@click.option("--tokens-in", type=COUNT, help="Input tokens per item (default: the task's typical length).")
@click.option("--tokens-out", type=COUNT, help="Generated tokens per item.")
@click.option("--train-items", type=COUNT, default="5000", show_default=True,
              help="Labelled items used to fit or fine-tune it.")
def disclose(model_id, task, volume, lang, role, data_kind, hardware, grid, grid_intensity, tokens_in,
             tokens_out, train_items):
    """Draft the "Use of AI systems" paragraph for a publication.

    The institute's guidance asks that every use of AI be disclosed: the model and its version,
    its role, its parameters, where it ran, and (here) the energy and carbon of the work done,
    with citations. Paste the paragraph and its references; check the role and the volume.
    """
    from ..usecases.disclose import disclose as run
    from ..usecases.recommend import Query

    result = run(model_id, Query(
        task=task, data_kind=data_kind, volume=volume, hardware=hardware, grid=grid,
        grid_intensity=grid_intensity, tokens_in=tokens_in, tokens_out=tokens_out, train_items=train_items,
        data_sensitivity="public",
    ), lang=lang, role=role)
    click.echo(result.text())
