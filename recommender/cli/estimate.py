"""``frugal estimate``: energy, carbon and water of any model spec, with the formula shown."""

from __future__ import annotations

import click

from .options import format_option


@click.command(epilog="""\b
Examples:
  frugal estimate --params 8B --arch decoder --tokens-in 500 --tokens-out 200 --hardware a100
  frugal estimate --params 110M --arch encoder --tokens-in 256 --hardware cpu-laptop --items 1e5 --explain
  frugal estimate --params 47B --active-params 13B --arch decoder --tokens-in 1000 --tokens-out 300 \\
      --hardware h100 --batch-size 64 --format json
""")
@click.option("--params", required=True, metavar="N", help="Total parameters (8.03e9, 8B, 110M).")
@click.option("--active-params", metavar="N", help="Parameters active per token (mixture of experts); default --params.")
@click.option("--arch", required=True, metavar="ARCH", help="encoder, decoder or encoder-decoder.")
@click.option("--task", metavar="T", help="Task id (frugal catalog tasks); gives the default --tokens-out.")
@click.option("--tokens-in", required=True, metavar="N", help="Input tokens per item.")
@click.option("--tokens-out", metavar="N", help="Generated tokens per item (not for encoders); default the task's, else 0.")
@click.option("--hardware", required=True, metavar="ID", help="Hardware profile (frugal catalog hardware).")
@click.option("--gpus", metavar="N", help="Accelerators used; default the fewest that hold the weights.")
@click.option("--batch-size", metavar="N", help="Items processed together [default: 16].")
@click.option("--precision", metavar="P", help="fp32, fp16, bf16, fp8, int8 or int4 [default: fp32 on CPU, fp16 on GPU].")
@click.option("--items", default="1000", show_default=True, metavar="N", help="Items to process (1e6, 250k...).")
@click.option("--pue", metavar="X", help="Power usage effectiveness [default: the local site's, from the catalog].")
@click.option("--grid", metavar="ZONE", help="Grid zone for carbon and water [default: FR].")
@click.option("--grid-intensity", metavar="G", help="g CO2e per kWh, instead of --grid.")
@click.option("--explain", is_flag=True, help="Print every step as a formula with the numbers substituted.")
@format_option(("table", "json"))
def estimate(params, active_params, arch, task, tokens_in, tokens_out, hardware, gpus, batch_size, precision,
             items, pue, grid, grid_intensity, explain, fmt):
    """Estimate the energy, carbon and water of running a transformer model on a workload.

    Energy is given at four boundaries (accelerator, host, IT, facility) as low / mid / high for
    all --items; carbon and water at the facility boundary. The factors are calibrated on
    published measurements: frugal estimator validate shows how well.
    """
    from ..catalog import load_catalog
    from ..usecases.estimate import Request, run
    from ..render import render
    from ..render.listing import Listing
    from ..units import format_carbon_g, format_count, format_energy_wh, format_water_l

    result = run(Request(params=params, active_params=active_params, architecture=arch, task=task,
                         tokens_in=tokens_in, tokens_out=tokens_out, hardware=hardware, gpus=gpus,
                         batch_size=batch_size, precision=precision, items=items, pue=pue, grid=grid,
                         grid_intensity=grid_intensity), load_catalog())
    if fmt == "json":
        data = result.as_dict()
        if not explain:
            del data["steps"]
        click.echo(render(data, "json"))
        return
    i = result.inputs
    rows = [(f"energy, {name}", format_energy_wh(r.mid), format_energy_wh(r.low), format_energy_wh(r.high))
            for name, r in result.energy_wh.items()]
    rows.append(("carbon (facility)", format_carbon_g(result.carbon_g.mid), format_carbon_g(result.carbon_g.low),
                 format_carbon_g(result.carbon_g.high)))
    w = result.water_l
    rows.append(("water (facility)",) + ((format_water_l(w.mid), format_water_l(w.low), format_water_l(w.high))
                                         if w else ("?", "?", "?")))
    title = (f"{i['items']:g} items: {format_count(i['params'])} params ({i['arch']}, {i['precision']}), "
             f"{i['tokens_in']} tokens in, {i['tokens_out']} out, batch {i['batch_size']}, "
             f"{i['gpus']} × {i['hardware']}, PUE {i['pue']:g}, {i['grid_intensity_g_per_kwh']:g} g CO2e/kWh")
    footer = ("Estimated (not measured): " + result.calibration["source"] + ".",)
    if explain:
        footer += tuple(f"  {n}. {s}" for n, s in enumerate(result.steps, start=1))
    click.echo(render(Listing(("quantity", "mid", "low", "high"), rows, title=title, footer=footer), "table"))
