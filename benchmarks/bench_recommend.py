"""Speed of ``frugal recommend`` (goal: ≤ 1.5× ``python -c "import pandas"``) and of ranking a
generated 100,000-model catalog (goal: under 1 s). Prints medians of several runs.

    python benchmarks/bench_recommend.py [--runs 9] [--models 100000]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

COMMAND = ["-m", "recommender", "recommend", "--task", "classification", "--domain", "biomed"]


def wall_seconds(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def scale(models: int, runs: int) -> tuple[float, float]:
    """Median seconds to load and to rank a catalog of ``models`` models."""
    from generate_catalog import generate

    from recommender.catalog import Catalog
    from recommender.usecases.recommend import Query, recommend

    with tempfile.TemporaryDirectory() as tmp:
        directory = generate(models, Path(tmp) / "catalog")
        loads, ranks = [], []
        catalog = result = None
        for _ in range(runs):
            catalog = result = None  # free the previous run's objects outside the timed region
            gc.collect()
            start = time.perf_counter()
            catalog = Catalog.load(directory)
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            result = recommend(Query(task="classification", domain="biomed", data_sensitivity="public"), catalog)
            ranks.append(time.perf_counter() - start)
        print(f"  {len(catalog.models):,} models, {len(result.ranked):,} ranked, {len(result.excluded):,} excluded")
    return statistics.median(loads), statistics.median(ranks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--models", type=int, default=100_000)
    args = parser.parse_args()

    wall_seconds(COMMAND, 1)  # warm the file cache
    pandas = statistics.median(wall_seconds(["-c", "import pandas"], args.runs))
    recommend = statistics.median(wall_seconds(COMMAND, args.runs))
    print(f"python -c 'import pandas': median {pandas * 1000:.0f} ms over {args.runs} runs")
    print(f"frugal recommend --task classification --domain biomed: median {recommend * 1000:.0f} ms")
    print(f"ratio: {recommend / pandas:.2f}× (goal ≤ 1.5×)")

    print(f"ranking a generated {args.models:,}-model catalog ({max(3, args.runs // 3)} runs):")
    load, rank = scale(args.models, max(3, args.runs // 3))
    print(f"  load + validate: median {load:.2f} s; rank: median {rank:.2f} s (goal < 1 s)")


if __name__ == "__main__":
    main()
