"""``frugal trial``: frugal baselines on your own data, locally, with measured energy."""

from __future__ import annotations

import click

from ..baselines import DEFAULT_CLUSTERS
from ..trial import DEFAULT_MAX_ROWS, DEFAULT_TOLERANCE_POINTS, TASKS
from .options import COUNT, DURATION, Bounded, country_option, format_option, wide_option


@click.command(epilog="""\b
Examples:
  frugal trial --data notes.csv --target label
  frugal trial --data notes.tsv --target label --text-column text --budget 10m
  frugal trial --data cohort.parquet --target outcome --task regression --format markdown
  frugal trial --data cohort.csv --clusters 4
  frugal trial --data notes_fr.csv --target label --sep ';'
""")
@click.option("--data", "path", required=True, metavar="FILE",
              help="CSV, TSV or Parquet file; read here, never sent anywhere.")
@click.option("--target", metavar="COLUMN", help="Column to predict; leave out to group the rows (clustering).")
@click.option("--text-column", metavar="COLUMN", help="Column of free text [default: detected].")
@click.option("--task", type=click.Choice(TASKS),
              help="What to do [default: detected from the target].")
@click.option("--cv", type=Bounded(2, 100, whole=True), default=5, show_default=True, help="Cross-validation folds.")
@click.option("--budget", type=DURATION, help="Stop the ladder after this time (90s, 10m, 1h) and say what was skipped.")
@click.option("--tolerance", type=float, default=DEFAULT_TOLERANCE_POINTS, show_default=True, metavar="POINTS",
              help="Score difference under which options tie, in points from 0 to 100 "
                   "(1 = 0.01 of macro-F1, R² or silhouette).")
@click.option("--clusters", type=click.IntRange(min=2), default=DEFAULT_CLUSTERS, show_default=True,
              help="k for k-means (clustering).")
@click.option("--max-rows", type=COUNT, default=DEFAULT_MAX_ROWS, show_default=True,
              help="Rows read at most; a larger file is sampled (its first rows), and the output says so.")
@click.option("--encoding", default="utf-8", show_default=True, help="Text encoding of a CSV/TSV file.")
@click.option("--sep", metavar="CHAR",
              help="Delimiter of a CSV/TSV file: ';', ',', '|' or 'tab' [default: detected from its first rows].")
@click.option("--compare-with", multiple=True, metavar="MODEL",
              help="Catalog models whose footprint is shown beside the ladder [default: biobert, biomistral-7b; "
                   "French text: camembert-bio, drbert, biomistral-7b].")
@country_option()
@format_option(("table", "json", "markdown", "boamps"))
@wide_option
def trial(path, target, text_column, task, cv, budget, tolerance, clusters, max_rows, encoding, sep, compare_with,
          country, fmt, wide):
    """Try the frugal options on your own data, on this machine.

    Detects the kind of data (free text or tabular) and the task (classification, regression,
    or clustering without --target), then runs a ladder of scikit-learn baselines cheapest
    first: a dummy baseline, TF-IDF + naive Bayes / logistic regression / linear SVM for text;
    logistic regression, random forest, gradient boosting for tables; k-means and PCA without a
    target. Each is cross-validated and each fit and prediction is metered with CodeCarbon.
    Ends with what the catalog predicts for a BERT-class model and an LLM on this data, and a
    verdict.

    The data stays here: nothing is sent anywhere, and no row, cell or text of it appears in
    the output (only counts, scores and column names). Needs the 'trial' extra.
    """
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..measure.meter import make_meter
    from ..render.trial import render
    from ..trial import Settings, run_trial

    settings = Settings(target=target, text_column=text_column, task=task, cv=cv, budget_s=budget,
                        tolerance_points=tolerance, clusters=clusters, max_rows=max_rows, encoding=encoding,
                        compare_with=tuple(compare_with), sep=sep)
    measuring = make_meter(country, extra="trial")
    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as bar:
        task_id = bar.add_task("reading the data", total=None)

        def progress(rung: str, fold: int, folds: int) -> None:
            bar.update(task_id, description=f"{rung}: fold {fold} of {folds}")

        result = run_trial(path, settings, measuring, progress=progress)
    if fmt == "boamps":  # one BoAmps report per rung and stage, one JSON per line (measure/boamps.py)
        import datetime
        import json

        from ..measure.boamps import trial_reports
        from ..measure.runner import detect_machine

        now = datetime.datetime.now().isoformat(timespec="seconds")
        for report in trial_reports(result, country=country, cpu=detect_machine().cpu, published=now):
            click.echo(json.dumps(report, ensure_ascii=False, allow_nan=False))
        return
    from ..render.table_format import WIDE

    click.echo(render(result, fmt, width=WIDE if wide else None))
