"""``frugal disclose``: the "Use of AI systems" paragraph for a publication."""

from __future__ import annotations

import click

from ..footprint.defaults import LOCAL_BATCH
from ..render.formats import MODEL_CARD
from .options import COUNT, output_options, query_from, question_options, workload_options


@click.command(epilog="""\b
Examples:
  frugal disclose --model biobert --task ner --volume 2e5
  frugal disclose --model llama-3.2-1b --task summarization --volume 5000 --lang fr
  frugal disclose --model gpt-4 --task summarization --volume 300 --role "drafting plain-language summaries"
""")
@click.option("--model", "model_id", required=True, help="The model used (frugal catalog list).")
@question_options(sensitivity=False, use=False)
@workload_options
@click.option("--batch-size", type=COUNT, help=f"Items processed together in a local run [default: {LOCAL_BATCH}].")
@click.option("--role", help="Its role in the work, in the paragraph's language [default: the task's name].")
@output_options(("table", "markdown", MODEL_CARD))
def disclose(model_id, batch_size, role, fmt, lang, **question):
    """Draft the "Use of AI systems" paragraph for a publication.

    The institute's guidance asks that every use of AI be disclosed: the model and its version,
    its role, its parameters, where it ran, and (here) the energy and carbon of the work done,
    with citations. Paste the paragraph and its references; check the role and the volume.
    """
    from ..render import render
    from ..usecases.disclose import disclose as run

    from click.core import ParameterSource

    context = click.get_current_context()
    given = frozenset(name for name in question if context.get_parameter_source(name) is not ParameterSource.DEFAULT)
    # what was done is disclosed whatever the rules say of it: no exclusion for the data's sensitivity
    if batch_size is not None:
        given |= {"batch_size"}
    query = query_from({**question, "data_sensitivity": "public", "batch_size": batch_size})
    result = run(model_id, query, role=role, given=given)
    click.echo(render(result, fmt, lang))
