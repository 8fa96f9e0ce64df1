"""Renderers: one module per output format, each exposing ``render(result) -> str``.

Formats are declared once here and shared by every command's ``--format`` option.
"""

from __future__ import annotations

from importlib import import_module

FORMATS = ("table", "json", "csv", "markdown")


def render(result: object, fmt: str, **options: object) -> str:
    """Render a result (e.g. a ``Recommendation``) in ``fmt``."""
    module = import_module(f"{__name__}.{'table_format' if fmt == 'table' else fmt + '_format'}")
    return module.render(result, **options)
