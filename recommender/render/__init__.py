"""Everything people and scripts read, from one model: a result becomes named cells (``cells``) and
blocks (``blocks``), or plain records, and one writer per format turns them into text
(``table_format`` rich, ``markdown_format``, ``html_format``, ``json_format``, ``csv_format``).

``render(result, fmt, lang)`` is the one entry: it finds the renderer of the result's type in
``RENDERERS`` and calls its ``render(result, fmt, lang, **options)``. Nothing is imported until a
result of that type is rendered, so ``frugal recommend`` starts fast.
"""

from __future__ import annotations

from importlib import import_module

from .formats import FORMATS, LANGS

__all__ = ["FORMATS", "LANGS", "RENDERERS", "render"]

RENDERERS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("recommender.usecases.recommend", ("Recommendation",), "recommender.render.recommendation:render"),
    ("recommender.usecases.compare", ("Comparison",), "recommender.render.comparison:render"),
    ("recommender.usecases.disclose", ("Disclosure",), "recommender.render.disclosure:render"),
    ("recommender.render.listing", ("Listing",), "recommender.render.listing:render"),
    ("builtins", ("dict", "list"), "recommender.render.json_format:render_data"),
    ("recommender.trial", ("TrialResult",), "recommender.render:_render_trial"),
    ("recommender.usecases.estimate", ("EstimateResult",), "recommender.render:_render_estimate"),
)
"""(module the result type is defined in, or its package; type names; ``module:function`` that
renders it). A function is called as ``function(result, fmt, lang, **options)``."""


def _renderer(result: object):
    for cls in type(result).__mro__:
        for module, names, target in RENDERERS:
            if cls.__name__ in names and (cls.__module__ == module or cls.__module__.startswith(module + ".")):
                path, name = target.split(":")
                return getattr(import_module(path), name)
    raise TypeError(f"no renderer for {type(result).__module__}.{type(result).__qualname__}")


def render(result: object, fmt: str, lang: str = "en", **options: object) -> str:
    """``result`` (a ``Recommendation``, ``Comparison``, ``Disclosure``, ``Listing``, trial or
    estimate result, or plain JSON data) as ``fmt`` text in ``lang``. ``options`` are the result
    type's own (``explain``, ``show_excluded``, ``show_all``, ``width``...)."""
    from .i18n import check_lang

    return _renderer(result)(result, fmt, check_lang(lang), **options)


def _english_only(lang: str, what: str) -> None:
    if lang != "en":
        from ..errors import InvalidInput

        raise InvalidInput(f"{what} is written in English only; got --lang '{lang}'.")


def _render_trial(result, fmt: str, lang: str, width: int | None = None) -> str:
    """``frugal trial``'s result (``render/trial.py``)."""
    from .trial import render as render_trial

    _english_only(lang, "a trial's result")
    return render_trial(result, fmt, width=width)


def _render_estimate(result, fmt: str, lang: str, explain: bool = False, width: int | None = None) -> str:
    """``frugal estimate``'s result (``render/estimate.py``)."""
    from .estimate import render_estimate

    _english_only(lang, "an estimate")
    return render_estimate(result, fmt, explain, width)
