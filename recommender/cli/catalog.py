"""``frugal catalog``: what the catalog knows, with sources."""

from __future__ import annotations

import click

from ..catalog.schema import DOMAINS
from .options import COUNT, format_option, wide_option


@click.group()
def catalog() -> None:
    """Browse the catalog: models, tasks, hardware profiles and grid zones.

    Models added on this machine (add-from-hub) live in your local catalog, next to the shipped
    one; export them for review with `frugal catalog export`.
    """


@catalog.command("list", epilog="""\b
Examples:
  frugal catalog list
  frugal catalog list --task ner --family encoder
""")
@click.option("--task", help="Only models that can do this task.")
@click.option("--family", help="Only this family: classic-ml, light-dnn, encoder, small-lm, llm, hosted.")
@format_option()
@wide_option
def list_models(task, family, fmt, wide):
    """List the catalog's models, lightest family first."""
    from ..catalog import FAMILIES, load_catalog
    from ..errors import unknown_value
    from ..render import render
    from ..render.i18n import counted, tr
    from ..render.listing import Listing
    from ..render.table_format import WIDE
    from ..units import format_count

    cat = load_catalog()
    if task:
        cat.task(task)
    if family and family not in FAMILIES:
        raise unknown_value("family", family, FAMILIES)
    models = sorted(
        (m for m in cat.models.values() if (not task or task in m.tasks) and (not family or m.family == family)),
        key=lambda m: (FAMILIES.index(m.family), m.params_total or 0, m.id),
    )
    human = fmt in ("table", "markdown")
    rows = [(m.id, m.name, m.family, format_count(m.params_total) if human else m.params_total, m.hosting,
             m.setup, (", " if human else ";").join(m.tasks)) for m in models]
    listing = Listing(("id", "name", "family", "params", "hosting", "setup", "tasks"), rows,
                      footer=(f"{counted(len(rows), 'model', 'en')}. frugal catalog show ID for details and sources.",),
                      wrap=LIST_WRAPPING, give_way=LIST_GIVING_WAY, left_out=tr("en", "rec.left_out"))
    click.echo(render(listing, fmt, width=WIDE if wide else None))


LIST_WRAPPING = ("name", "tasks")
"""In a terminal, only names and the task list wrap (at spaces); an id or a count never splits."""
LIST_GIVING_WAY = ("hosting", "setup", "family", "tasks")
"""In a terminal too narrow for every column of ``catalog list``, these give way, first first; the id,
the name and the parameter count always show."""


@catalog.command("show", epilog="""\b
Examples:
  frugal catalog show biobert
  frugal catalog show gpt-4 --format json
""")
@click.argument("model")
@format_option(("table", "json"))
def show(model, fmt):
    """What is known about MODEL: facts, quality scores and energy figures, with sources."""
    from dataclasses import asdict

    from ..catalog import load_catalog
    from ..render import render
    from ..render.listing import Listing

    from ..units import format_number

    cat = load_catalog()
    m = cat.model(model)
    quality, energy = cat.quality_of(m.id), cat.energy_of(m.id)
    if fmt == "json":
        click.echo(render({"model": asdict(m), "local_source": cat.local.get(m.id),
                           "quality": [asdict(q) for q in quality], "energy": [asdict(e) for e in energy]}, "json"))
        return
    click.echo(render(_facts_listing(m, cat.local.get(m.id)), "table"))
    q_rows = [(q.task, q.domain, q.benchmark, q.metric, f"{q.score:g}", ";".join(q.flags), q.source, q.source_url)
              for q in quality]
    click.echo("\n" + render(Listing(("task", "domain", "benchmark", "metric", "score", "flags", "source", "url"),
                                     q_rows, title=f"Quality ({len(q_rows)} published scores)"), "table"))
    e_rows = [(e.phase, e.task, e.hardware, e.boundary, format_number(e.energy_wh_per_1k, 4), e.method, e.source,
               e.date)
              for e in energy]
    click.echo("\n" + render(Listing(("phase", "task", "hardware", "boundary", "Wh per 1k", "method", "source",
                                      "date"), e_rows,
                                     title=f"Energy ({len(e_rows)} figures; others are estimated)"), "table"))


@catalog.command("tasks", epilog="""\b
Examples:
  frugal catalog tasks
  frugal catalog tasks --format json
""")
@format_option()
def tasks(fmt):
    """List the tasks and their typical text lengths."""
    from ..catalog import load_catalog
    from ..render import render
    from ..render.listing import Listing

    rows = [(t.id, t.name, ";".join(t.data_kinds), t.default_data, t.tokens_in, t.tokens_out)
            for t in load_catalog().tasks.values()]
    click.echo(render(Listing(("id", "name", "data", "default_data", "tokens_in", "tokens_out"), rows), fmt))


@catalog.command("hardware", epilog="""\b
Examples:
  frugal catalog hardware
  frugal recommend --task ner --hardware cpu-workstation
""")
@format_option()
def hardware(fmt):
    """List the hardware profiles."""
    from ..catalog import load_catalog
    from ..render import render
    from ..render.listing import Listing

    rows = [(h.id, h.name, h.kind, h.memory_gb, h.peak_tflops_fp16 or h.peak_tflops_fp32, h.memory_bandwidth_gbs,
             h.tdp_w, h.source) for h in load_catalog().hardware.values()]
    click.echo(render(Listing(("id", "name", "kind", "memory_gb", "peak_tflops", "bandwidth_gbs", "tdp_w",
                               "source"), rows), fmt))


@catalog.command("zones", epilog="""\b
Examples:
  frugal catalog zones
  frugal recommend --task classification --grid DE
""")
@format_option()
def zones(fmt):
    """List the grid zones with carbon and water intensity."""
    from ..catalog import load_catalog
    from ..render import render
    from ..render.listing import Listing

    rows = [(g.zone, g.name, g.carbon_g_per_kwh, g.water_l_per_kwh, g.year, g.source)
            for g in load_catalog().grid.values()]
    click.echo(render(Listing(("zone", "name", "carbon_g_per_kwh", "water_l_per_kwh", "year", "source"), rows), fmt))


def _facts_listing(m, local_source: str | None):
    """A model's non-empty fields as a two-column listing; a local model says where it comes from."""
    from dataclasses import asdict

    from ..render.listing import Listing

    rows = [(k, ";".join(v) if isinstance(v, tuple) else v) for k, v in asdict(m).items() if v not in (None, "", ())]
    footer = (f"From your local catalog (not reviewed for the shipped one); source: {local_source}.",) \
        if local_source else ()
    return Listing(("field", "value"), rows, title=f"{m.name} ({m.id})", footer=footer)


@catalog.command("add-from-hub", epilog="""\b
Examples:
  frugal catalog add-from-hub dmis-lab/biobert-v1.1 --task classification --task ner
  frugal catalog add-from-hub HuggingFaceTB/SmolLM2-360M-Instruct --domain general
""")
@click.argument("repo_id")
@click.option("--task", "tasks", multiple=True, help="Task the model serves (repeatable); default: from its "
              "pipeline tag.")
@click.option("--domain", type=click.Choice(DOMAINS),
              help="Domain it serves; default: from its tags and name.")
def add_from_hub(repo_id, tasks, domain):
    """Read REPO_ID on the Hugging Face Hub and add it to your local catalog.

    Reads the parameter count (safetensors metadata), pipeline tag, licence, languages, library,
    config.json (layers, hidden size, heads, vocabulary, context) and declared training emissions.
    The model then shows in `frugal recommend`. Network: this command only; honours HF_ENDPOINT,
    HF_TOKEN, HF_HUB_OFFLINE and HF_HUB_ETAG_TIMEOUT (seconds).
    """
    from ..catalog import local as overlay
    from ..hub import add_from_hub as add
    from ..render import render

    entry = add(repo_id, tasks, domain)
    click.echo(render(_facts_listing(entry.model, f"{entry.source}, read {entry.added}"), "table"))
    click.echo(f"\nAdded '{entry.model.id}' to your local catalog ({overlay.path()}). It now shows in frugal "
               f"recommend; frugal catalog export writes it as a models.csv row for review.")


@catalog.command("search-hub", epilog="""\b
Examples:
  frugal catalog search-hub --task ner --domain biomed
  frugal catalog search-hub --task summarization --max-params 1B --limit 5
""")
@click.option("--task", required=True, help="Task to find models for (frugal catalog tasks).")
@click.option("--domain", type=click.Choice(DOMAINS),
              help="Only models whose tags or name say biomed or clinical.")
@click.option("--limit", type=COUNT, default="10", show_default=True, help="Models to show.")
@click.option("--max-params", type=COUNT, help="Only models with at most this many parameters (110M, 1B...).")
@format_option()
def search_hub(task, domain, limit, max_params, fmt):
    """Find Hugging Face Hub models for a task, lightest first, with estimated energy.

    Lists the most downloaded models of the task's pipeline tags with their parameter count and,
    where the estimator can, energy per 1,000 items (the task's typical item, the model's default
    hardware, facility boundary) -- so you can spot a frugal model the catalog lacks.
    Network: this command only; honours HF_ENDPOINT, HF_TOKEN, HF_HUB_OFFLINE, HF_HUB_ETAG_TIMEOUT.
    """
    from ..hub import search_candidates
    from ..render import render

    candidates = search_candidates(task, domain=domain, limit=limit, max_params=max_params)
    click.echo(render(_candidates_listing(candidates, task, domain, human=fmt in ("table", "markdown")), fmt))


def _candidates_listing(candidates, task: str, domain: str | None, human: bool):
    """Hub candidates as a listing: numbers formatted for people when ``human``, raw otherwise."""
    from ..render.listing import Listing
    from ..units import format_count, format_sig

    rows = []
    for c in candidates:
        f, m, energy = c.facts, c.model, c.energy_wh_per_1k
        if human:
            params, energy = format_count(f.params_total), format_sig(energy) if energy is not None else "?"
        else:
            params = f.params_total
        rows.append((f.repo_id, f.pipeline_tag, c.architecture, params, energy, m.hardware if m else "",
                     f.downloads, c.in_catalog))
    return Listing(
        ("repo", "pipeline", "architecture", "params", "wh_per_1k", "hardware", "downloads", "in_catalog"), rows,
        title=f"Hugging Face Hub models for {task}" + (f" ({domain})" if domain else "") + ", lightest first",
        footer=(f"{len(rows)} models. wh_per_1k: frugal's estimate from the parameter count for 1,000 "
                f"{task} items of typical length on the model's default hardware (facility boundary).",
                "frugal catalog add-from-hub REPO adds one to your local catalog."),
    )


@catalog.command("export", epilog="""\b
Examples:
  frugal catalog export > new-models.csv
  frugal catalog export biobert-v1.1 --output reviewed.csv
""")
@click.argument("model_ids", nargs=-1)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True),
              help="File to write (default: standard output).")
def export(model_ids, output):
    """Write your local catalog's models as models.csv rows, for review into the shipped catalog.

    The columns are exactly those of catalog/models.csv; give MODEL_IDS to export only those.
    """
    from ..catalog import local as overlay
    from ..errors import unknown_value
    from ..paths import write_atomic
    from ..render.csv_format import write as csv_text

    local = {e.model.id: e for e in overlay.entries()}
    for model_id in model_ids:
        if model_id not in local:
            raise unknown_value("local model", model_id, local)
    chosen = [local[i] for i in (model_ids or sorted(local))]
    text = csv_text(overlay.MODEL_COLUMNS, [overlay.to_cells(entry.model) for entry in chosen]) + "\n"
    if output:
        write_atomic(output, text)
        click.echo(f"Wrote {len(chosen)} models to {output}.", err=True)
    else:
        click.echo(text, nl=False)


@catalog.command("remove", epilog="""\b
Examples:
  frugal catalog remove biobert-v1.1
""")
@click.argument("model_id")
def remove(model_id):
    """Remove MODEL_ID from your local catalog (models of the shipped catalog stay)."""
    from ..catalog import local as overlay
    from ..errors import unknown_value

    from ..errors import InvalidInput

    local = overlay.ids()  # not entries(): a row that no longer loads must still be removable
    if not local:
        raise InvalidInput(f"unknown local model '{model_id}': your local catalog is empty.")
    if model_id not in local or not overlay.remove(model_id):
        raise unknown_value("local model", model_id, local)
    click.echo(f"Removed '{model_id}' from your local catalog ({overlay.path()}).")
