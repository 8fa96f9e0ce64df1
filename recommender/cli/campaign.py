"""``frugal bench`` campaigns: the SLURM and local-array executors' options, submitting, following
(progress, merge), ``collect`` and ``cancel``."""

from __future__ import annotations

import click

from .options import Bounded

EXECUTORS = ("local", "local-array", "slurm")
"""local: in this process; local-array: the campaign's tasks on this machine through submitit's local
executor; slurm: one job array per suite through submitit."""


def campaign_options(command):
    """The options of ``--executor local-array|slurm``, applied to ``bench run``."""
    options = [
        click.option("--folder", type=click.Path(file_okay=False), default="frugal-bench", show_default=True,
                     help="slurm, local-array: where each suite's campaign folder (plan, task results, logs) is "
                          "made; for slurm on a filesystem the compute nodes share."),
        click.option("--profile", metavar="NAME|PATH",
                     help="slurm: a site's defaults, e.g. jean-zay (benchmarks/profiles); over the project's "
                          "[tool.frugal.slurm], under the options given."),
        click.option("--array-parallelism", type=Bounded(1, 10_000, whole=True),
                     help="slurm: tasks running at once [default: 16]; local-array: [default: 1]."),
        click.option("--partition", help="slurm: the partition (sbatch --partition)."),
        click.option("--account", help="slurm: the account charged (sbatch --account)."),
        click.option("--qos", help="slurm: the quality of service (sbatch --qos)."),
        click.option("--time", "time_limit", metavar="TIME",
                     help="slurm, local-array: time limit of each task: MINUTES or HH:MM:SS [default: 60]."),
        click.option("--gpus-per-task", type=Bounded(0, 64, whole=True), help="slurm: GPUs per task."),
        click.option("--cpus-per-task", type=Bounded(1, 1024, whole=True), help="slurm: CPUs per task."),
        click.option("--exclusive/--shared", default=None,
                     help="slurm: whole nodes (node meters equal the job's energy) or shared ones [default: "
                          "shared, or the profile's]."),
        click.option("--slurm-option", "slurm_options", multiple=True, metavar="KEY=VALUE",
                     help="slurm: any other sbatch option, e.g. hint=nomultithread. Repeatable."),
        click.option("--no-wait", is_flag=True,
                     help="slurm: submit and return; 'frugal bench collect FOLDER' merges later."),
        click.option("--poll-seconds", type=Bounded(0.1, 3600), default=10.0, show_default=True,
                     help="slurm, local-array: seconds between two looks at the queue (one squeue call each)."),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def submit(loaded, settings, *, meter, machine, executor, folder, no_wait, poll_seconds, **slurm_given) -> None:
    """Submit each suite as a campaign (``executor`` slurm or local-array), then follow them unless ``no_wait``."""
    from ..catalog.store import Store
    from ..measure.slurm import slurm_settings
    from ..measure.submit import campaign_folder, submit_suite

    if executor == "local-array" and no_wait:
        raise click.UsageError("--no-wait needs --executor slurm: a local array's tasks are started by this "
                               "process, one as another ends.")
    scheduler, sources = slurm_settings(**slurm_given)
    if executor == "slurm" and len(sources) > 1:
        click.echo(f"SLURM settings: {', then '.join(sources)}.")
    submitted, launchers = [], {}
    for suite in loaded:
        sub = submit_suite(suite, folder=campaign_folder(folder, suite), store=Store(), settings=settings,
                           meter=meter, scheduler=scheduler, machine=machine, executor=executor)
        if executor == "slurm":
            click.echo(f"Submitted {suite.name} as SLURM array {sub.job_id} ({sub.tasks} tasks) in {sub.folder}.")
        else:
            from ..measure.local_array import LocalArray

            launchers[sub.folder] = LocalArray(sub.folder, sub.specs, time_min=scheduler.time_min,
                                               parallelism=slurm_given["array_parallelism"] or 1)
            click.echo(f"Running {suite.name} as a local array ({sub.tasks} tasks, at most "
                       f"{launchers[sub.folder].parallelism} at once) in {sub.folder}.")
        submitted.append(sub.folder)
    if no_wait:
        click.echo("Follow and merge with: frugal bench collect " + " ".join(map(str, submitted)))
        return
    follow(submitted, poll_seconds, launchers=launchers)


def follow(folders, poll_seconds: float, wait: bool = True, launchers: dict | None = None) -> None:
    """Show the campaigns' progress (merging finished tasks as they end) until every task has ended;
    ``launchers`` (local arrays) start their next tasks on each look."""
    import time

    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..errors import FrugalError
    from ..measure.campaign import read_manifest
    from ..measure.collect import failures, poll

    for folder in folders:
        read_manifest(folder)  # a wrong folder is refused before the progress bar starts
    states, added, launchers = {}, dict.fromkeys(folders, 0), launchers or {}
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("submitted", total=None)
        while True:
            for launcher in launchers.values():
                launcher.tick()
            states = {f: poll(f) for f in folders}
            for f, progress in states.items():
                added[f] += progress.added
            everything = [t for p in states.values() for t in p.tasks]
            ended = sum(t.state in ("done", "failed") for t in everything)
            counts = {s: sum(t.state == s for t in everything) for s in ("pending", "running", "done", "failed")}
            bar.update(task, total=len(everything), completed=ended,
                       description=", ".join(f"{n} {s}" for s, n in counts.items()))
            if ended == len(everything) or not wait:
                break
            time.sleep(poll_seconds)
    lines = []
    for f, progress in states.items():
        click.echo(f"{f}: {progress.summary()}; {added[f]} new rows stored.")
        for line in progress.refused:
            click.echo(f"{f}: {line}.")
        if progress.accounting:
            click.echo(f"{f}: {progress.accounting}")
        lines += failures(progress)
    for line in lines:
        click.echo(line, err=True)
    if lines:
        raise FrugalError(f"{len(lines)} task(s) failed; the other tasks' rows are stored.")


@click.command("collect", epilog="""\b
Examples:
  frugal bench collect frugal-bench/classic-ml-20261201T100000-4242
  frugal bench collect frugal-bench/classic-ml-20261201T100000-4242 --no-wait
""")
@click.argument("folders", nargs=-1, required=True, type=click.Path(file_okay=False))
@click.option("--no-wait", is_flag=True, help="Merge what has finished and show the progress once; do not wait.")
@click.option("--poll-seconds", type=Bounded(0.1, 3600), default=10.0, show_default=True,
              help="Seconds between two looks at the queue (one squeue call each).")
def collect_command(folders, no_wait, poll_seconds):
    """Follow SLURM campaigns and merge their task results into the store (safe to run again)."""
    follow(list(folders), poll_seconds, wait=not no_wait)


@click.command("cancel", epilog="""\b
Examples:
  frugal bench cancel frugal-bench/classic-ml-20261201T100000-4242
""")
@click.argument("folder", type=click.Path(file_okay=False))
def cancel_command(folder):
    """Cancel a campaign's tasks; what they had measured is merged, the run marked cancelled."""
    from ..measure.collect import cancel

    cancel(folder)
    click.echo(f"Cancelled the array of {folder}.")
    follow([folder], 1.0)
