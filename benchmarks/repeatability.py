"""How well figures repeat on this machine: the same small suite measured N times with the real
meter (CodeCarbon, offline, as ``frugal bench`` runs it), each run with a fresh store; prints each
row's median over the runs, its spread (largest over smallest figure) and how often run k's figure
falls inside run 1's 95% interval, with the machine's load around each run.

    python benchmarks/repeatability.py --runs 3 [--model tfidf-logreg --model kmeans ...] [--suite classic-ml]

Runs ``frugal bench`` as a subprocess with FRUGAL_METER unset; windows taken under foreign load are
dropped and taken again unless --allow-foreign-load is given (rows refused for it are counted).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MODELS = ("tfidf-logreg", "logistic-regression", "kmeans", "pca")
"""The default subset of classic-ml: the rows the issue found to vary most (k-means, PCA, the
logistic-regression fit) and a TF-IDF one."""


def run_once(args, home: Path) -> tuple[list, float, float, str]:
    """One ``frugal bench`` run in ``home``: its rows, the load average before and after, its output's refusals."""
    sys.path.insert(0, str(ROOT))
    from recommender.catalog.store import Store
    from recommender.paths import DATABASE_NAME

    command = [sys.executable, "-m", "recommender", "bench", "--suite", args.suite, "--threads", str(args.threads),
               "--hardware", args.hardware, "--repeat-seconds", str(args.repeat_seconds), "--budget", str(args.budget),
               "--interval", str(args.interval)]
    for model in args.models or MODELS:
        command += ["--model", model]
    if args.allow_foreign_load:
        command.append("--allow-foreign-load")
    env = {k: v for k, v in os.environ.items() if k != "FRUGAL_METER"}
    env.update(FRUGAL_HOME=str(home), PYTHONPATH=str(ROOT))
    before = os.getloadavg()[0]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True)
    after = os.getloadavg()[0]
    if done.returncode != 0:
        raise SystemExit(f"frugal bench failed:\n{done.stdout}\n{done.stderr}")
    refused = [line for line in done.stdout.splitlines() if line.startswith("Refused ")]
    return Store(home / DATABASE_NAME).measurements(), before, after, refused


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--suite", default="classic-ml")
    parser.add_argument("--model", dest="models", action="append", help=f"repeatable [default: {', '.join(MODELS)}]")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--hardware", default="cpu-workstation")
    parser.add_argument("--repeat-seconds", type=float, default=1.0)
    parser.add_argument("--budget", type=float, default=15.0)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--allow-foreign-load", action="store_true")
    args = parser.parse_args()
    runs, started = [], time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for k in range(args.runs):
            rows, before, after, refused = run_once(args, Path(tmp) / f"run-{k + 1}")
            runs.append({(m.model_id, m.phase): m for m in rows})
            print(f"run {k + 1}: {len(rows)} rows, load average {before:.2f} before and {after:.2f} after, "
                  f"{len(refused)} row(s) refused for foreign load, "
                  f"{sum(m.foreign_windows or 0 for m in rows)} window(s) under foreign load "
                  f"{'kept' if args.allow_foreign_load else 'dropped and taken again'}", flush=True)
    keys = [key for key in runs[0] if all(key in run for run in runs)]
    if not keys:
        raise SystemExit("No row was measured in every run: the others were refused for foreign load (the machine "
                         "is not quiet). Run again on a quiet machine, or with --allow-foreign-load (rows flagged).")
    print(f"\n{'model':22} {'phase':10} {'median Wh/1k':>13} {'spread max/min':>15} {'inside run 1':>13}")
    spreads, inside = [], [0] * len(runs)
    for key in keys:
        values = [run[key].energy_wh_per_1k for run in runs]
        first = runs[0][key]
        hits = [first.energy_wh_per_1k_low <= run[key].energy_wh_per_1k <= first.energy_wh_per_1k_high for run in runs]
        inside = [n + h for n, h in zip(inside, hits)]
        spreads.append(max(values) / min(values))
        print(f"{key[0]:22} {key[1]:10} {statistics.median(values):13.4g} {spreads[-1]:15.3f} "
              f"{sum(hits[1:])}/{len(runs) - 1:>11}")
    print(f"\n{len(keys)} rows in all {args.runs} runs ({time.perf_counter() - started:.0f} s). Spread max/min per "
          f"row: median x{statistics.median(spreads):.3f}, worst x{max(spreads):.3f}.")
    for k in range(1, len(runs)):
        print(f"Run {k + 1}'s figure falls inside run 1's 95% interval on {inside[k]} of {len(keys)} rows.")


if __name__ == "__main__":
    main()
