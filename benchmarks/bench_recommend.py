"""Speed of ``frugal recommend`` (goal: ≤ 1.5× ``python -c "import pandas"``) and of ranking a
generated 100,000-model catalog (goal: < 0.5 s and < 500 MB). Prints medians of several runs.

The scale part runs in a fresh process: it loads the generated catalog (not timed), then times
``recommend`` and, alone, ``footprint_columns`` on the same candidates; the peak memory is the
process's maximum resident size (catalog included) and the traced peak of one ``recommend`` call.

    python benchmarks/bench_recommend.py [--runs 9] [--models 100000]
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

COMMAND = ["-m", "recommender", "recommend", "--task", "classification", "--domain", "biomed"]
QUERY = dict(task="classification", domain="biomed", data_sensitivity="public")


def wall_seconds(args: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def timed(function, runs: int) -> list[float]:
    """Seconds of each of ``runs`` calls; the previous result is freed outside the timed region."""
    times = []
    for _ in range(runs):
        gc.collect()
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
        del result
    return times


def scale_worker(directory: str, runs: int) -> dict:
    """In a fresh process: load (untimed), then time recommend and footprint_columns; memory peaks."""
    import resource
    import tracemalloc

    from recommender.catalog import Catalog
    from recommender.footprint import footprint_columns
    from recommender.usecases.recommend import Query, candidates, recommend, workload_of

    start = time.perf_counter()
    catalog = Catalog.load(directory)
    load = time.perf_counter() - start
    query = Query(**QUERY)
    result = recommend(query, catalog)  # warm: lazy imports, first-touch of the records
    workload, _ = workload_of(query, catalog)
    models = candidates(catalog, query, workload)
    ranks = timed(lambda: recommend(query, catalog), runs)
    columns = timed(lambda: footprint_columns(models, workload, catalog), runs)
    tracemalloc.start()
    recommend(query, catalog)
    traced_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {"models": len(catalog.models), "candidates": len(models), "ranked": len(result.ranked),
            "excluded": len(result.excluded), "load_s": load, "recommend_s": ranks, "footprint_columns_s": columns,
            "recommend_traced_peak_mb": traced_peak / 1e6,
            "process_max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def scale(models: int, runs: int) -> dict:
    """Generate a catalog of ``models`` models and measure it in a fresh process."""
    from generate_catalog import generate

    with tempfile.TemporaryDirectory() as tmp:
        directory = generate(models, Path(tmp) / "catalog")
        out = subprocess.run([sys.executable, __file__, "--scale-worker", str(directory), "--runs", str(runs)],
                             check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--models", type=int, default=100_000)
    parser.add_argument("--scale-worker", metavar="DIR", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_worker:
        print(json.dumps(scale_worker(args.scale_worker, args.runs)))
        return

    wall_seconds(COMMAND, 1)  # warm the file cache
    pandas = statistics.median(wall_seconds(["-c", "import pandas"], args.runs))
    recommend = statistics.median(wall_seconds(COMMAND, args.runs))
    print(f"python -c 'import pandas': median {pandas * 1000:.0f} ms over {args.runs} runs")
    print(f"frugal recommend --task classification --domain biomed: median {recommend * 1000:.0f} ms")
    print(f"ratio: {recommend / pandas:.2f}× (goal ≤ 1.5×)")

    runs = max(3, args.runs // 3)
    print(f"ranking a generated {args.models:,}-model catalog ({runs} runs, fresh process):")
    r = scale(args.models, runs)
    print(f"  {r['models']:,} models, {r['candidates']:,} candidates, {r['ranked']:,} ranked, "
          f"{r['excluded']:,} excluded; load + validate {r['load_s']:.2f} s (not timed below)")
    rank = statistics.median(r["recommend_s"])
    print(f"  recommend: median {rank:.3f} s (min {min(r['recommend_s']):.3f}); peak memory: "
          f"{r['recommend_traced_peak_mb']:.0f} MB traced during one recommend, {r['process_max_rss_mb']:.0f} MB "
          f"resident for the process, catalog included (goal < 0.5 s and < 500 MB)")
    print(f"  footprint_columns alone: median {statistics.median(r['footprint_columns_s']):.3f} s "
          f"(min {min(r['footprint_columns_s']):.3f})")


if __name__ == "__main__":
    main()
