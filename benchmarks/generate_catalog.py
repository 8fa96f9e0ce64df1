"""Write a large synthetic catalog for scale tests: the shipped catalog, with models.csv grown to
N models by cloning the shipped ones with varied parameter counts (no quality or energy rows
for the clones, so most of them go through the estimator).

    python benchmarks/generate_catalog.py 100000 /tmp/catalog-100k
"""

from __future__ import annotations

import csv
import random
import shutil
import sys
from pathlib import Path

from recommender.catalog import shipped_catalog_dir


def generate(n_models: int, target: Path, seed: int = 0) -> Path:
    """Copy the shipped catalog to ``target`` and grow models.csv to ``n_models`` rows."""
    source = shipped_catalog_dir()
    shutil.copytree(source, target, dirs_exist_ok=True)
    with open(source / "models.csv", newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        columns, originals = reader.fieldnames, list(reader)
    rng = random.Random(seed)
    params_columns = ("params_total", "params_total_low", "params_total_high",
                      "params_active", "params_active_low", "params_active_high")
    with open(target / "models.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=columns)
        writer.writeheader()
        writer.writerows(originals)
        for i in range(n_models - len(originals)):
            row = dict(rng.choice(originals))
            row["id"] = f"{row['id']}-clone-{i}"
            row["name"] = f"{row['name']} clone {i}"
            scale = rng.uniform(0.5, 2.0)
            for column in params_columns:
                if row[column]:
                    row[column] = str(max(1, int(int(row[column]) * scale)))
            writer.writerow(row)
    return target


if __name__ == "__main__":
    count = int(float(sys.argv[1])) if len(sys.argv) > 1 else 100_000
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/frugal-catalog-100k")
    print(generate(count, out))
