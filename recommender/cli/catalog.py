"""``frugal catalog``: what the catalog knows, with sources."""

from __future__ import annotations

import click

from .options import format_option


@click.group()
def catalog() -> None:
    """Browse the catalog: models, tasks, hardware profiles and grid zones."""


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
    from ..catalog import FAMILIES, default_catalog
    from ..errors import unknown_value
    from ..render import render
    from ..render.listing import Listing
    from ..units import format_count

    cat = default_catalog()
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

    from ..catalog import default_catalog
    from ..render import render
    from ..render.listing import Listing

    cat = default_catalog()
    m = cat.model(model)
    quality, energy = cat.quality_of(m.id), cat.energy_of(m.id)
    if fmt == "json":
        click.echo(render({"model": asdict(m), "quality": [asdict(q) for q in quality],
                           "energy": [asdict(e) for e in energy]}, "json"))
        return
    facts = Listing(("field", "value"), [(k, ";".join(v) if isinstance(v, tuple) else v)
                                         for k, v in asdict(m).items() if v not in (None, "", ())],
                    title=f"{m.name} ({m.id})")
    click.echo(render(facts, "table"))
    q_rows = [(q.task, q.domain, q.benchmark, q.metric, f"{q.score:g}", ";".join(q.flags), q.source, q.source_url)
              for q in quality]
    click.echo("\n" + render(Listing(("task", "domain", "benchmark", "metric", "score", "flags", "source", "url"),
                                     q_rows, title=f"Quality ({len(q_rows)} published scores)"), "table"))
    e_rows = [(e.phase, e.task, e.hardware, e.boundary, f"{e.energy_wh_per_1k:.4g}", e.method, e.source, e.date)
              for e in energy]
    click.echo("\n" + render(Listing(("phase", "task", "hardware", "boundary", "Wh per 1k", "method", "source",
                                      "date"), e_rows,
                                     title=f"Energy ({len(e_rows)} figures; others are estimated)"), "table"))


@catalog.command("tasks")
@format_option()
def tasks(fmt):
    """List the tasks and their typical text lengths."""
    from ..catalog import default_catalog
    from ..render import render
    from ..render.listing import Listing

    rows = [(t.id, t.name, ";".join(t.data_kinds), t.default_data, t.tokens_in, t.tokens_out)
            for t in default_catalog().tasks.values()]
    click.echo(render(Listing(("id", "name", "data", "default_data", "tokens_in", "tokens_out"), rows), fmt))


@catalog.command("hardware")
@format_option()
def hardware(fmt):
    """List the hardware profiles."""
    from ..catalog import default_catalog
    from ..render import render
    from ..render.listing import Listing

    rows = [(h.id, h.name, h.kind, h.memory_gb, h.peak_tflops_fp16 or h.peak_tflops_fp32, h.memory_bandwidth_gbs,
             h.tdp_w, h.source) for h in default_catalog().hardware.values()]
    click.echo(render(Listing(("id", "name", "kind", "memory_gb", "peak_tflops", "bandwidth_gbs", "tdp_w",
                               "source"), rows), fmt))


@catalog.command("zones")
@format_option()
def zones(fmt):
    """List the grid zones with carbon and water intensity."""
    from ..catalog import default_catalog
    from ..render import render
    from ..render.listing import Listing

    rows = [(g.zone, g.name, g.carbon_g_per_kwh, g.water_l_per_kwh, g.year, g.source)
            for g in default_catalog().grid.values()]
    click.echo(render(Listing(("zone", "name", "carbon_g_per_kwh", "water_l_per_kwh", "year", "source"), rows), fmt))
