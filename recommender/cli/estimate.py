"""``frugal estimate``: energy, carbon and water of any model spec, with the formula shown."""

from __future__ import annotations

import click

from ..catalog.schema import PRECISIONS
from ..footprint.defaults import ESTIMATE_ITEMS, GRID_ZONE, LOCAL_BATCH
from ..usecases.estimate import ARCHITECTURES
from .options import COUNT, POSITIVE_FLOAT, format_option, wide_option


@click.command(epilog="""\b
Examples:
  frugal estimate --params 8B --arch decoder --tokens-in 500 --tokens-out 200 --hardware a100
  frugal estimate --params 110M --arch encoder --tokens-in 256 --hardware cpu-laptop --items 1e5 --explain
  frugal estimate --params 47B --active-params 13B --arch decoder --tokens-in 1000 --tokens-out 300 \\
      --hardware h100 --batch-size 64 --format json
  frugal estimate --arch cnn --params 25.56M --gflops-per-item 4.09 --resolution 224 --hardware h100 \\
      --batch-size 1 --items 1000 --format json
  frugal estimate --arch unet --params 31.03M --gflops-per-item 54.6 --hardware cpu-workstation --phase fit \\
      --epochs 50 --items 2000 --explain
""")
@click.option("--params", type=COUNT, required=True, help="Total parameters (8.03e9, 8B, 110M).")
@click.option("--active-params", type=COUNT,
              help="Parameters active per token (mixture of experts); default --params.")
@click.option("--arch", type=click.Choice(ARCHITECTURES), required=True, help="Architecture of the model.")
@click.option("--task", metavar="T", help="Task id (frugal catalog tasks); gives the default --tokens-out.")
@click.option("--tokens-in", type=COUNT, help="Input tokens per item (transformers; not for cnn, unet, vit).")
@click.option("--gflops-per-item", type=POSITIVE_FLOAT, metavar="G",
              help="cnn, unet, vit: forward cost per image in billions of multiply-adds, torchvision's 'GFLOPS' "
                   "convention (ResNet-50 at 224 px = 4.09); FLOPs = 2 × G. Halve Ultralytics' GFLOPs (2 × MACs).")
@click.option("--resolution", type=COUNT, metavar="PX",
              help="cnn, unet, vit: image side in pixels (shown); a ViT without --gflops-per-item gets "
                   "params × ((PX / 16)² + 1) multiply-adds.")
@click.option("--phase", type=click.Choice(("inference", "fit")), default="inference", show_default=True,
              help="cnn, unet, vit: inference, or training (fit: 3 × forward FLOPs × --epochs per image).")
@click.option("--epochs", type=POSITIVE_FLOAT, default=1.0, show_default=True,
              help="Passes over the --items when --phase fit.")
@click.option("--tokens-out", type=COUNT,
              help="Generated tokens per item (not for encoders); default the task's, else 0.")
@click.option("--hardware", required=True, metavar="ID", help="Hardware profile (frugal catalog hardware).")
@click.option("--gpus", type=COUNT, help="Accelerators used; default the fewest that hold the weights.")
@click.option("--batch-size", type=COUNT, help=f"Items processed together [default: {LOCAL_BATCH}].")
@click.option("--precision", type=click.Choice(PRECISIONS),
              help="Weights' precision [default: fp32 on CPU, fp16 on GPU].")
@click.option("--items", type=COUNT, default=ESTIMATE_ITEMS, show_default=True,
              help="Items to process (1e6, 250k...).")
@click.option("--pue", type=POSITIVE_FLOAT,
              help="Power usage effectiveness [default: the local site's, from the catalog].")
@click.option("--grid", metavar="ZONE", help=f"Grid zone for carbon and water [default: {GRID_ZONE}].")
@click.option("--grid-intensity", type=POSITIVE_FLOAT, metavar="G",
              help="g CO2e per kWh, replacing --grid's carbon figure (water stays --grid's).")
@click.option("--explain", is_flag=True, help="Print every step as a formula with the numbers substituted.")
@format_option(("table", "json"))
@wide_option
def estimate(params, active_params, arch, task, tokens_in, gflops_per_item, resolution, phase, epochs, tokens_out,
             hardware, gpus, batch_size, precision, items, pue, grid, grid_intensity, explain, fmt, wide):
    """Estimate the energy, carbon and water of running a transformer or a vision network (cnn,
    unet, vit) on a workload.

    Energy is given at four boundaries (accelerator, host, IT, facility) as low / mid / high for
    all --items; carbon and water at the facility boundary. The factors are calibrated on
    published measurements: frugal estimator validate shows how well.
    """
    from ..catalog import load_catalog
    from ..render import render
    from ..usecases.estimate import EstimateRequest, estimate as run_estimate

    request = EstimateRequest(params=params, active_params=active_params, architecture=arch, task=task,
                              tokens_in=tokens_in, tokens_out=tokens_out, hardware=hardware, gpus=gpus,
                              batch_size=batch_size, precision=precision, items=items, pue=pue, grid=grid,
                              grid_intensity=grid_intensity, gflops_per_item=gflops_per_item,
                              resolution=resolution, phase=phase, epochs=epochs)
    from ..render.table_format import WIDE

    click.echo(render(run_estimate(request, load_catalog()), fmt, explain=explain, width=WIDE if wide else None))
