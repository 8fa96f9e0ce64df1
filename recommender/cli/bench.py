"""``frugal bench``: measure this machine with CodeCarbon, keep the results, export them."""

from __future__ import annotations

import click

from ..measure.meter import TRACKING_MODES
from ..measure.runner import CPU_HARDWARE, DEFAULT_THREADS
from .campaign import EXECUTORS, campaign_options, cancel_command, collect_command
from .options import REMOVAL, Bounded, country_option, format_option, notice, wide_option


def _fmt(value: float) -> str:
    """Three significant digits, never an exponent (units.format_number)."""
    from ..units import format_number

    return format_number(value, 3)


class DefaultGroup(click.Group):
    """A group with a default subcommand: when the first argument is an option (or there is none),
    the default one runs, so ``frugal bench --suite x`` is ``frugal bench run --suite x``. The
    group's own ``--help`` and a mistyped subcommand name still go to the group."""

    def __init__(self, *args, default: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.default = default

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if not args or (args[0].startswith("-") and args[0] not in ctx.help_option_names):
            args = [self.default, *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, default="run", epilog="""\b
Examples:
  frugal bench --suite classic-ml --dry-run
  frugal bench run --suite classic-ml --suite encoders-cpu
  frugal bench history
  frugal bench export --output benchmarks/results/2026-11-29-myhost.csv
  frugal bench --suite classic-ml --executor slurm --profile jean-zay --no-wait
  frugal bench collect frugal-bench/classic-ml-20261201T100000-4242
""")
def bench() -> None:
    """Measure models on this machine with CodeCarbon and keep the results.

    `frugal bench --suite NAME ...` runs `frugal bench run` (see `frugal bench run --help`);
    history, export and overhead read and check what was measured.
    """


@bench.command("run", epilog="""\b
Examples:
  frugal bench --suite classic-ml --dry-run
  frugal bench run --suite classic-ml --suite encoders-cpu
  frugal bench --suite encoders-cpu --model distilbert --budget 120
""")
@click.option("--suite", "suites", multiple=True, metavar="NAME|PATH",
              help="Suite to run: a name in ./benchmarks (classic-ml, encoders-cpu...) or a .toml path. Repeatable.")
@click.option("--model", "models", multiple=True, metavar="ID",
              help="Only the suites' entries for this model id (repeatable), e.g. to re-measure one.")
@click.option("--hardware", type=click.Choice(CPU_HARDWARE),
              help="Catalog hardware class of this machine [default: guessed from the CPU name and battery].")
@click.option("--threads", type=Bounded(1, 1024, whole=True), default=DEFAULT_THREADS, show_default=True,
              help="Threads for BLAS/OpenMP and torch, pinned and recorded (more make figures vary from run to run).")
@country_option()
@click.option("--interval", type=Bounded(0, 100, low_open=True), default=5.0, show_default=True,
              help="Stop repeating when the 95% interval half-width is within this % of the mean.")
@click.option("--target", "old_interval", type=Bounded(0, 100, low_open=True), hidden=True)  # old --interval
@click.option("--budget", type=Bounded(0, 30 * 24 * 3600), default=60.0, show_default=True,
              help="Seconds of repeats per entry and phase before stopping anyway.")
@click.option("--repeat-seconds", type=Bounded(0, 3600), default=2.0, show_default=True,
              help="Approximate length of one metered repeat (whole passes over the items).")
@click.option("--min-repeats", type=Bounded(2, 10_000, whole=True), default=3, show_default=True)
@click.option("--max-repeats", type=Bounded(2, 10_000, whole=True), default=30, show_default=True)
@click.option("--tracking-mode", type=click.Choice(TRACKING_MODES), default="process", show_default=True,
              help="CodeCarbon: attribute to this process only, or count the whole machine.")
@click.option("--dry-run", is_flag=True, help="List what would run and its estimated time; measure nothing.")
@click.option("--whole-runs", type=Bounded(1, 100, whole=True), default=1, show_default=True,
              help="local: run the suites this many times; the intervals kept then cover run-to-run spread.")
@click.option("--allow-foreign-load", is_flag=True,
              help="Keep windows taken while other processes load the machine (flagged) instead of retaking them.")
@click.option("--executor", type=click.Choice(EXECUTORS), default="local", show_default=True,
              help="local: measure here, in this process; local-array: the suite's entries as tasks on this machine "
                   "(submitit's local executor); slurm: one job array per suite (both need the slurm extra: frugal-advisor[slurm]).")
@campaign_options
def run_command(*, suites, models, hardware, threads, country, interval, old_interval, budget, repeat_seconds, min_repeats,
                max_repeats, tracking_mode, dry_run, whole_runs, allow_foreign_load, executor, **campaign_given):
    """Run benchmark suites: measure their models on this machine and keep the results.

    Each entry of a suite is warmed up, then metered in repeats until the 95% confidence
    interval of its energy per 1,000 items is within --interval or --budget is spent. Results are
    committed one by one to the local store (FRUGAL_HOME); frugal recommend then shows them as
    'measured here'. Transformer suites need the 'bench' extra (torch, transformers).
    """
    from ..measure.runner import MeasureSettings, detect_machine, guess_hardware
    from ..measure.suites import available_suites, load_suite, only_models

    if not suites:
        raise click.UsageError(f"give --suite NAME (available: {', '.join(available_suites()) or 'none'}).")
    loaded = [load_suite(s) for s in suites]
    if models:
        loaded = only_models(loaded, models)
    machine = detect_machine()
    settings = MeasureSettings(hardware=hardware or guess_hardware(machine), threads=threads,
                               target=_interval(interval, old_interval) / 100, budget_s=budget, repeat_s=repeat_seconds,
                               min_repeats=min_repeats, max_repeats=max(max_repeats, min_repeats),
                               allow_foreign_load=allow_foreign_load)
    click.echo(f"Machine: {machine.cpu}, {machine.cores} logical cores, as {settings.hardware}"
               f"{'' if hardware else ' (guessed; set --hardware)'}; {settings.threads} thread{'' if settings.threads == 1 else 's'}.")
    if dry_run:
        _dry_run(loaded, settings)
        return
    if executor == "local":
        _run(loaded, settings, country, tracking_mode, machine, whole_runs)
        return
    from ..measure.meter import make_meter
    from ..measure.submit import MeterChoice
    from .campaign import submit

    choice = MeterChoice(make_meter(country, tracking_mode), country.upper(), tracking_mode)
    submit(loaded, settings, meter=choice, machine=machine, executor=executor, **campaign_given)


def _dry_run(suites, settings) -> None:
    from ..measure.runner import estimated_seconds
    from ..measure.workloads import missing_packages

    least_total = most_total = 0.0
    for suite in suites:
        click.echo(f"Suite {suite.name} ({suite.path}):")
        for (entry, phase), (least, most) in estimated_seconds(suite, settings).items():
            missing = missing_packages(entry)
            if missing:
                click.echo(f"  {entry.label} {phase}: skipped (needs {' and '.join(missing)})")
                continue
            least_total += least
            most_total += most
            click.echo(f"  {entry.label} {phase} on {entry.workload.name} ({entry.workload.data}): "
                       f"~{least:.0f}–{most:.0f} s")
    click.echo(f"Estimated time: ~{least_total / 60:.1f}–{most_total / 60:.1f} min, plus data and model set-up.")


def _run(suites, settings, country, tracking_mode, machine, whole_runs: int = 1) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from ..measure.meter import make_meter
    from ..measure.runner import run_suites
    from ..catalog.store import Store

    meter = make_meter(country, tracking_mode)
    store = Store()
    total = whole_runs * sum(len(e.phases) for s in suites for e in s.entries)
    with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed}/{task.total}"),
                  TimeElapsedColumn(), console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("starting", total=total)

        def progress(event, entry=None, phase=None, **info):
            if event == "start":
                bar.update(task, description=f"{entry.label} {phase}: set-up and warm-up")
            elif event == "repeat":
                bar.update(task, description=f"{entry.label} {phase}: repeat {info['repeats']} "
                                             f"(±{info['rel']:.1%})")
            elif event == "foreign":
                bar.update(task, description=f"{entry.label} {phase}: window under foreign load "
                                             f"({info['cpus']:.2f} CPUs) dropped, taken again")
            elif event == "done":
                bar.advance(task)
            elif event == "skip":
                bar.advance(task, len(entry.phases))

        done = run_suites(suites, settings, meter, store, machine=machine, whole_runs=whole_runs, progress=progress)
    results, skipped, own_wh, own_s, idle = done.measurements, done.skipped, done.energy_wh, done.duration_s, done.idle_w
    for line in skipped:
        click.echo(line[:1].upper() + line[1:] + ".")
    known = [w for w in idle if w is not None]
    click.echo(f"Idle baseline: {', '.join(f'{_fmt(w)} W' for w in known)} (the meter over one repeat's length of "
               f"no work, before each suite)." if known else "Idle baseline: not measured (repeats under 0.5 s).")
    if results:
        from ..render import render
        from ..render.listing import Listing

        from ..measure.runner import foreign_note

        rows = [(m.model_id, m.task, m.phase, _fmt(m.energy_wh_per_1k),
                 f"{_fmt(m.energy_wh_per_1k_low)}–{_fmt(m.energy_wh_per_1k_high)}", _fmt(m.items_per_s),
                 m.repeats, f"±{m.rel_half_width:.1%}", foreign_note(m.foreign_cpus)) for m in results]
        click.echo(render(Listing(("model", "task", "phase", "wh_per_1k", "interval_95", "items_per_s",
                                   "repeats", "half_width", "foreign_cpus"), rows), "table"))
    from ..render.i18n import counted

    click.echo(f"Recorded {counted(len(results), 'measurement', 'en')} in {store.path} "
               f"({results[0].meter} {results[0].meter_version}: {results[0].meter_method})." if results else
               "Recorded no measurements.")
    if done.second_inside_first:
        inside, rows = done.second_inside_first
        click.echo(f"Whole runs: {whole_runs}; run 2's figure falls inside run 1's 95% interval on {inside} of "
                   f"{rows} rows; the rows above are combined over the runs.")
    click.echo(f"The benchmark itself used {_fmt(own_wh)} Wh over {own_s:.0f} s (set-up, warm-ups and repeats).")


@bench.command("history", epilog="""\b
Examples:
  frugal bench history
  frugal bench history --runs
  frugal bench history --format json
""")
@click.option("--runs", is_flag=True, help="List the runs (with the benchmark's own energy) instead.")
@format_option()
@wide_option
def history(runs, fmt, wide):
    """List the measurements kept on this machine, oldest first."""
    from ..catalog.store import Store
    from ..render import render
    from ..render.listing import Listing

    from ..render.i18n import tr
    from ..render.table_format import WIDE

    store = Store()
    human = fmt in ("table", "markdown")
    if runs:
        import socket

        from ..catalog.store import run_status

        rows = [(r.id, r.started_at, r.suite, run_status(r, socket.gethostname()), r.cpu, r.hardware,
                 r.threads, (_fmt(r.energy_wh) if human else r.energy_wh) if r.energy_wh is not None else None,
                 round(r.duration_s) if human and r.duration_s else r.duration_s, r.scheduler, r.job_id)
                for r in store.runs()]
        click.echo(render(Listing(("id", "started", "suite", "status", "cpu", "hardware", "threads",
                                   "own_energy_wh", "duration_s", "scheduler", "job_id"), rows, wrap=(),
                                  give_way=RUNS_GIVING_WAY, left_out=tr("en", "rec.left_out")), fmt,
                          width=WIDE if wide else None))
        return
    from ..render.bench import history_listing  # the listing and its columns: render/bench.py

    click.echo(render(history_listing(store.measurements(), human, store.path), fmt, width=WIDE if wide else None))


RUNS_GIVING_WAY = ("job_id", "scheduler", "cpu", "threads", "duration_s", "started")
"""``history --runs`` in a terminal too narrow for every column: these give way, first first."""

bench.add_command(collect_command)
bench.add_command(cancel_command)


@bench.command("export", epilog="""\b
Examples:
  frugal bench export
  frugal bench export --output benchmarks/results/2026-11-29-myhost.csv
""")
@click.option("--output", "-o", type=click.Path(), help="Write to this file [default: stdout]; a folder with --format boamps.")
@click.option("--all", "everything", is_flag=True, help="Every measurement, not only the newest of each kind.")
@click.option("--format", "fmt", type=click.Choice(("csv", "boamps")), default="csv", show_default=True,
              help="boamps: one BoAmps JSON report per measurement, in the --output folder.")
def export(output, everything, fmt):
    """Write the measurements as catalog rows (catalog/energy.csv columns) for review."""
    from ..catalog.store import Store, latest
    from ..errors import FrugalError
    from ..measure.export import to_csv, write_csv

    measurements = Store().measurements()
    if not measurements:
        raise FrugalError("no measurements to export yet; run 'frugal bench --suite NAME' first.")
    chosen = measurements if everything else latest(measurements)
    if fmt == "boamps":  # measure/boamps.py
        from ..catalog import load_catalog
        from ..measure.boamps import write_reports

        if not output:
            raise click.UsageError("--format boamps writes one file per measurement: give --output FOLDER.")
        written = write_reports(chosen, output, load_catalog())
        click.echo(f"Wrote {len(written)} BoAmps reports to {output}.", err=True)
        return
    if output and __import__("os").path.isdir(output):
        raise click.UsageError(f"--output '{output}' is a folder; give a file for --format csv.")
    if output:
        write_csv(output, chosen)
        click.echo(f"Wrote {len(chosen)} rows to {output}.", err=True)
    else:
        click.echo(to_csv(chosen), nl=False)


@bench.command("overhead", epilog="""\b
Examples:
  frugal bench overhead --suite classic-ml --model random-forest --phase fit
""")
@click.option("--suite", required=True, metavar="NAME|PATH", help="Suite holding the entry.")
@click.option("--model", required=True, help="Model id of the entry.")
@click.option("--phase", type=click.Choice(("fit", "inference")), default="inference", show_default=True)
@click.option("--windows", type=Bounded(1, 1000, whole=True), default=5, show_default=True,
              help="Tracked and untracked windows each, alternated.")
@click.option("--threads", type=Bounded(1, 1024, whole=True), default=DEFAULT_THREADS, show_default=True,
              help="Threads, pinned.")
@click.option("--repeat-seconds", type=Bounded(0, 3600), default=2.0, show_default=True)
@country_option()
def overhead_command(*, suite, model, phase, windows, threads, repeat_seconds, country):
    """Measure the meter's own cost: the same work with and without CodeCarbon running."""
    from ..measure.meter import make_meter
    from ..measure.overhead import overhead
    from ..measure.runner import MeasureSettings
    from ..measure.suites import entry_for, load_suite

    entry = entry_for(load_suite(suite), model, phase)
    settings = MeasureSettings(hardware="", threads=threads, repeat_s=repeat_seconds)
    result = overhead(entry, phase, settings, make_meter(country), windows)
    click.echo(f"{entry.label} {phase}, {windows} windows each:")
    click.echo(f"  untracked: {result.untracked_s:.3f} s wall, {result.untracked_cpu_s:.3f} s CPU per window")
    click.echo(f"  tracked:   {result.tracked_s:.3f} s wall, {result.tracked_cpu_s:.3f} s CPU per window")
    click.echo(f"  overhead:  {result.wall_fraction:+.1%} wall time, {result.cpu_fraction:+.1%} CPU time")


def _interval(interval: float, old: float | None) -> float:
    """``--interval``, or its old name ``--target`` with a notice (until 0.3)."""
    if old is None:
        return interval
    notice(f"--target is now --interval in frugal bench (--target will be removed in {REMOVAL}).")
    return old
