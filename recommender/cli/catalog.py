"""``frugal catalog``: what the catalog knows, with sources."""

from __future__ import annotations

import click

from .options import COUNT, format_option


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
def list_models(task, family, fmt):
    """List the catalog's models, lightest family first."""
    from ..catalog import FAMILIES, load_catalog
    from ..errors import unknown_value
    from ..render import render
    from ..render.listing import Listing
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
             m.setup, ";".join(m.tasks)) for m in models]
    click.echo(render(Listing(("id", "name", "family", "params", "hosting", "setup", "tasks"), rows,
                              footer=(f"{len(rows)} models. frugal catalog show ID for details and sources.",)),
                      fmt))


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
    e_rows = [(e.phase, e.task, e.hardware, e.boundary, f"{e.energy_wh_per_1k:.4g}", e.method, e.source, e.date)
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
@click.option("--domain", type=click.Choice(("general", "biomed", "clinical")),
              help="Domain it serves; default: from its tags and name.")
def add_from_hub(repo_id, tasks, domain):
    """Read REPO_ID on the Hugging Face Hub and add it to your local catalog.

    Reads the parameter count (safetensors metadata), pipeline tag, licence, languages, library,
    config.json (layers, hidden size, heads, vocabulary, context) and declared training emissions.
    The model then shows in `frugal recommend`. Network: this command only; honours HF_ENDPOINT,
    HF_TOKEN, HF_HUB_OFFLINE and HF_HUB_ETAG_TIMEOUT (seconds).
    """
    from datetime import date

    from .. import hub
    from ..catalog import local as overlay
    from ..catalog import load_catalog
    from ..errors import HubError
    from ..render import render

    cat = load_catalog()
    for task in tasks:
        cat.task(task)
    shipped = next((m for m in cat.models.values() if m.hf_repo.lower() == repo_id.lower() and m.id not in cat.local),
                   None)
    if shipped is not None:
        raise HubError(f"'{repo_id}' is already in the shipped catalog as '{shipped.id}' (frugal catalog show "
                       f"{shipped.id}).")
    model_id = next((i for i in cat.local if cat.models[i].hf_repo.lower() == repo_id.lower()), None) \
        or _free_id(hub.slug(repo_id), repo_id, cat)
    facts = hub.fetch_facts(repo_id)
    today = date.today().isoformat()
    model = hub.model_from_facts(facts, cat, model_id=model_id, tasks=tasks, domain=domain, today=today)
    source = f"huggingface.co/{facts.repo_id}"
    overlay.save(overlay.Entry(model, source, today))
    click.echo(render(_facts_listing(model, f"{source}, read {today}"), "table"))
    click.echo(f"\nAdded '{model.id}' to your local catalog ({overlay.path()}). It now shows in frugal recommend; "
               f"frugal catalog export writes it as a models.csv row for review.")


def _free_id(candidate: str, repo_id: str, cat) -> str:
    """``candidate`` unless another model has it; then owner-name."""
    from ..errors import HubError
    from ..hub import slug

    if candidate not in cat.models:
        return candidate
    longer = slug(repo_id.replace("/", "-"))
    if longer not in cat.models:
        return longer
    raise HubError(f"ids '{candidate}' and '{longer}' are both taken in the catalog; cannot add '{repo_id}'.")


@catalog.command("search-hub", epilog="""\b
Examples:
  frugal catalog search-hub --task ner --domain biomed
  frugal catalog search-hub --task summarization --max-params 1B --limit 5
""")
@click.option("--task", required=True, help="Task to find models for (frugal catalog tasks).")
@click.option("--domain", type=click.Choice(("general", "biomed", "clinical")),
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
    from .. import hub
    from ..catalog import load_catalog
    from ..errors import HubError
    from ..footprint import Workload, footprint
    from ..render import render
    from ..render.listing import Listing
    from ..units import format_count, format_sig

    cat = load_catalog()
    typical = cat.task(task)
    candidates = hub.search(hub.tasks_pipelines(task), pool=max(50, limit))
    by_repo = {m.hf_repo.lower(): m.id for m in cat.models.values() if m.hf_repo}
    rows = []
    for facts in candidates:
        if domain not in (None, "general") and hub.domain_from(facts.repo_id, facts.tags) != domain:
            continue
        if max_params and (facts.params_total is None or facts.params_total > max_params):
            continue
        try:
            model = hub.model_from_facts(facts, cat, tasks=(task,), domain=domain)
        except HubError:
            model = None
        energy = None
        if model is not None and model.is_transformer:
            workload = Workload(task=task, data_kind=model.data_kinds[0], items=1000,
                                tokens_in=typical.tokens_in or 0, tokens_out=typical.tokens_out or 0)
            use = footprint(model, workload, cat).use_wh_per_1k
            energy = use.mid if use is not None else None
        rows.append((facts, model, energy))
    rows.sort(key=lambda r: (r[0].params_total is None, r[0].params_total or 0, -(r[0].downloads or 0),
                             r[0].repo_id))
    rows = rows[:limit]
    human = fmt in ("table", "markdown")
    listing = Listing(
        ("repo", "pipeline", "architecture", "params", "wh_per_1k", "hardware", "downloads", "in_catalog"),
        [(f.repo_id, f.pipeline_tag, m.architecture if m else hub.architecture_of(f.config) or "?",
          format_count(f.params_total) if human else f.params_total,
          (format_sig(e) if e is not None else "?") if human else e, m.hardware if m else "",
          f.downloads, by_repo.get(f.repo_id.lower(), "")) for f, m, e in rows],
        title=f"Hugging Face Hub models for {task}" + (f" ({domain})" if domain else "") + ", lightest first",
        footer=(f"{len(rows)} models. wh_per_1k: frugal's estimate from the parameter count for 1,000 "
                f"{task} items of typical length on the model's default hardware (facility boundary).",
                "frugal catalog add-from-hub REPO adds one to your local catalog."),
    )
    click.echo(render(listing, fmt))


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
    import csv
    import io

    from ..catalog import local as overlay
    from ..errors import unknown_value

    local = {e.model.id: e for e in overlay.entries()}
    for model_id in model_ids:
        if model_id not in local:
            raise unknown_value("local model", model_id, local)
    chosen = [local[i] for i in (model_ids or sorted(local))]
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=overlay.MODEL_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for entry in chosen:
        writer.writerow(overlay.to_cells(entry.model))
    if output:
        with open(output, "w", newline="", encoding="utf-8") as handle:
            handle.write(buffer.getvalue())
        click.echo(f"Wrote {len(chosen)} models to {output}.", err=True)
    else:
        click.echo(buffer.getvalue(), nl=False)


@catalog.command("remove", epilog="""\b
Examples:
  frugal catalog remove biobert-v1.1
""")
@click.argument("model_id")
def remove(model_id):
    """Remove MODEL_ID from your local catalog (models of the shipped catalog stay)."""
    from ..catalog import local as overlay
    from ..errors import unknown_value

    local = [e.model.id for e in overlay.entries()]
    if model_id not in local or not overlay.remove(model_id):
        raise unknown_value("local model", model_id, local)
    click.echo(f"Removed '{model_id}' from your local catalog ({overlay.path()}).")
