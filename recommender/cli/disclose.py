"""``frugal disclose``: the "Use of AI systems" paragraph for a publication."""

from __future__ import annotations

import click

from .options import output_options, query_from, question_options, workload_options


@click.command(epilog="""\b
Examples:
  frugal disclose --model biobert --task ner --volume 2e5
  frugal disclose --model llama-3.2-1b --task summarization --volume 5000 --lang fr
  frugal disclose --model gpt-4 --task summarization --volume 300 --role "drafting plain-language summaries"
""")
@click.option("--model", "model_id", required=True, help="The model used (frugal catalog list).")
@question_options(domain=False, sensitivity=False, use=False, data_lang=False)
@workload_options
@click.option("--role", help="Its role in the work, in the paragraph's language [default: the task's name].")
@output_options(("table", "markdown"))
def disclose(model_id, role, fmt, lang, **question):
    """Draft the "Use of AI systems" paragraph for a publication.

    The institute's guidance asks that every use of AI be disclosed: the model and its version,
    its role, its parameters, where it ran, and (here) the energy and carbon of the work done,
    with citations. Paste the paragraph and its references; check the role and the volume.
    """
    from ..render import render
    from ..usecases.disclose import disclose as run

    # what was done is disclosed whatever the rules say of it: no exclusion for the data's sensitivity
    result = run(model_id, query_from({**question, "data_sensitivity": "public"}), role=role)
    click.echo(render(result, fmt, lang))
