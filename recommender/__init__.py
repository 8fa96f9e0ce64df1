"""frugal: rank AI options from least to most resource-hungry — the library API.

What a notebook or a script may use is named in ``__all__`` (docs/api.md); everything else is
internal and may change. The ``frugal`` command (``recommender.cli``) is a thin layer over these.
Importing this package is cheap: each name is imported on first use, heavy dependencies only by
what needs them.

    from recommender import Query, load_catalog, recommend, render
    result = recommend(Query(task="classification", domain="biomed"))
    print(render(result, "markdown"))
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .render import render  # bound now: the name is the function, not the subpackage of the same name
from .version import __version__

_API = {
    "load_catalog": "recommender.catalog:load_catalog",
    "Catalog": "recommender.catalog:Catalog",
    "Query": "recommender.usecases.recommend:Query",
    "Recommendation": "recommender.usecases.recommend:Recommendation",
    "Option": "recommender.usecases.options:Option",
    "recommend": "recommender.usecases.recommend:recommend",
    "Comparison": "recommender.usecases.compare:Comparison",
    "compare": "recommender.usecases.compare:compare",
    "EstimateRequest": "recommender.usecases.estimate:EstimateRequest",
    "EstimateResult": "recommender.usecases.estimate:EstimateResult",
    "estimate": "recommender.usecases.estimate:estimate",
    "Disclosure": "recommender.usecases.disclose:Disclosure",
    "disclose": "recommender.usecases.disclose:disclose",
    "plot": "recommender.render.plot:plot_bytes",
    "Workload": "recommender.footprint:Workload",
    "Footprint": "recommender.footprint:Footprint",
    "Range": "recommender.ranges:Range",
    "FrugalError": "recommender.errors:FrugalError",
    "InvalidInput": "recommender.errors:InvalidInput",
}
"""Public name -> ``module:attribute``."""

__all__ = ["__version__", "render", *_API]


def __getattr__(name: str) -> Any:
    try:
        module, attribute = _API[name].split(":")
    except KeyError:
        raise AttributeError(f"module 'recommender' has no attribute '{name}'") from None
    value = getattr(import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
