"""JSON output: stable keys, documented in docs/json.md."""

from __future__ import annotations

import json

from .listing import Listing
from .rows import recommendation_dict


def render(result: object, **_: object) -> str:
    if isinstance(result, Listing):
        data = result.records()
    elif isinstance(result, (dict, list)):
        data = result
    else:
        data = recommendation_dict(result)
    return json.dumps(data, indent=2, ensure_ascii=False)
