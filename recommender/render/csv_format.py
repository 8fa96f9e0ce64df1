"""CSV output: one row per option, columns in ``rows.FLAT_COLUMNS``."""

from __future__ import annotations

import csv
import io

from .listing import Listing
from .rows import FLAT_COLUMNS, flat_rows


def render(result: object, **_: object) -> str:
    out = io.StringIO()
    columns, rows = (result.columns, result.records()) if isinstance(result, Listing) else (FLAT_COLUMNS, flat_rows(result))
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return out.getvalue().rstrip("\n")
