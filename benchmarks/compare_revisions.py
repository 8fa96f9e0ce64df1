"""Wall time of ``frugal recommend --task classification --domain biomed`` here and at another
revision, runs alternated so that both see the same machine load. Prints the medians.

    python benchmarks/compare_revisions.py --base a13d27a [--runs 15]
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
COMMAND = ["-m", "recommender", "recommend", "--task", "classification", "--domain", "biomed"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", required=True, help="git revision to compare with")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base), args.base], check=True)
        try:
            times: dict[str, list[float]] = {"here": [], args.base: []}
            trees = {"here": ROOT, args.base: base}
            for _ in range(args.runs + 1):  # the first round warms the caches and is not counted
                for name, tree in trees.items():
                    env = dict(os.environ, PYTHONPATH=str(tree))
                    start = time.perf_counter()
                    subprocess.run([sys.executable, *COMMAND], env=env, cwd=tmp, stdout=subprocess.DEVNULL, check=True)
                    times[name].append(time.perf_counter() - start)
            for name, values in times.items():
                print(f"{name}: median {statistics.median(values[1:]) * 1000:.0f} ms over {args.runs} runs")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base)], check=True)


if __name__ == "__main__":
    main()
