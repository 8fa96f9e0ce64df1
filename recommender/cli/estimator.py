"""``frugal estimator``: refit the estimator's factors and validate it on the calibration data."""

from __future__ import annotations

from pathlib import Path

import click

from ..catalog.tables import FIT_FILE
from .options import format_option


@click.group()
def estimator() -> None:
    """Calibrate (fit) and validate the energy estimator. Needs the 'estimator' extra (scikit-learn)."""


def _catalog_dir():
    from ..catalog import load_catalog

    cat = load_catalog()
    return cat, Path(cat.origin)


@estimator.command("fit", epilog="""\b
Examples:
  frugal estimator fit --check
  frugal estimator fit
  frugal estimator fit --output my_fit.json
""")
@click.option("--check", is_flag=True, help="Only compare a refit with the fit in use; exit 1 if the factors differ.")
@click.option("--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), metavar="PATH",
              help="Where to write the fit [default: estimator_fit.json in frugal's user folder, which frugal "
                   "then reads instead of the catalog's].")
def fit(check, output):
    """Fit the free factors on the catalog's calibration/energy_calibration.csv and
    calibration/vision_calibration.csv (one fit) and store them (deterministic: a refit reproduces
    the shipped factors exactly)."""
    from ..errors import FrugalError
    from ..footprint.calibration import fit_document, write_fit
    from ..footprint.factors import Factors, fit_file_of, load_factors
    from ..paths import user_dir

    cat, directory = _catalog_dir()
    document = fit_document(cat, directory)
    if check:
        in_use = fit_file_of(cat)
        stored = load_factors(in_use)
        if {name: getattr(stored, name) for name in Factors.names()} != document["factors"]:
            raise FrugalError(f"the fit in use ({in_use}) differs from a refit; run 'frugal estimator fit' to "
                              "update it.")
        click.echo(f"The stored fit ({in_use}) is reproduced exactly.")
        return
    for name, value in document["factors"].items():
        click.echo(f"{name:26} {value:g}")
    path = write_fit(document, output or user_dir() / FIT_FILE)
    click.echo(f"Wrote {path} ({document['calibration']['rows']} rows).")


@estimator.command("validate", epilog="""\b
Examples:
  frugal estimator validate
  frugal estimator validate --format json
""")
@format_option(("table", "json"))
def validate(fmt):
    """Leave-one-source-out errors of the estimator and of a params-linear baseline.

    For each source, fit on the others and estimate the held-out rows: median and 90th percentile
    of |log10(estimate / measured)|, share of measured values inside [low, high] and the median
    high / low ratio.
    """
    from dataclasses import asdict

    from ..footprint.calibration import all_rows, cpu_checks, validate as run_validation
    from ..footprint.factors import factors_of
    from ..footprint.goal import goal_checks, goal_text, goal_verdict
    from ..render import render
    from ..render.listing import Listing

    cat, directory = _catalog_dir()
    results = run_validation(all_rows(cat, directory))
    checks = cpu_checks(cat, factors_of(cat))
    overall = next(s for s in results["estimator"] if s.name == "overall")
    if fmt == "json":
        data = {model: [asdict(s) for s in scores] for model, scores in results.items()}
        data["goal"] = {"text": goal_text(), "met": all(m for _, m in goal_checks(overall)),
                        "parts": [{"check": words, "met": m} for words, m in goal_checks(overall)],
                        "verdict": goal_verdict(overall)}
        data["cpu_measurements"] = [{**asdict(c), "estimated": asdict(c.estimated), "ratio": c.ratio,
                                     "inside": c.inside} for c in checks]
        click.echo(render(data, "json"))
        return
    rows = [(model, s.name, s.rows, f"{s.median_abs_log10:.3f}", f"{s.p90_abs_log10:.3f}",
             f"{100 * s.share_in_range:.0f}%", f"{s.median_high_low_ratio:.3g}")
            for model, scores in results.items() for s in scores]
    click.echo(render(Listing(("model", "held-out source", "rows", "median |log10 err|", "p90 |log10 err|",
                               "in range", "median high/low"), rows,
                              title="Leave-one-source-out validation on the calibration data",
                              footer=(f"Goal: {goal_text()}. baseline = energy ∝ "
                                      "active params × tokens (images: ∝ multiply-adds). 'image rows': the image "
                                      "sources' held-out rows together (vision_calibration.csv).",)), "table"))
    if checks:
        cpu_rows = [(c.model_id, c.task, c.hardware, f"{c.measured_wh_per_1k:.3g}",
                     f"{c.estimated.mid:.3g} ({c.estimated.low:.3g}–{c.estimated.high:.3g})", f"{c.ratio:.2g}×",
                     "yes" if c.inside else "no", c.source) for c in checks]
        inside = sum(c.inside for c in checks)
        click.echo("\n" + render(Listing(
            ("model", "task", "hardware", "measured Wh/1k", "estimated Wh/1k (IT)", "estimate / measured",
             "in range", "measured by"), cpu_rows,
            title="CPU measurements (not in the calibration data: the fit has GPU rows only)",
            footer=(f"{inside} of {len(checks)} inside the estimator's range. CPU profiles use factors fitted on "
                    "GPUs; a measured figure always wins over the estimate for its hardware class.",)), "table"))
    click.echo("\n" + goal_verdict(overall))
