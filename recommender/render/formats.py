"""The output choices every command shares: formats (``--format``) and languages (``--lang``)."""

from __future__ import annotations

FORMATS = ("table", "json", "csv", "markdown")
"""The ``--format`` choices shared by every command that renders a result."""
MODEL_CARD = "model-card"
"""``frugal disclose --format model-card``: the Hugging Face Hub's ``co2_eq_emissions`` metadata block."""
LANGS = ("en", "fr")
"""The languages of the output (``--lang``)."""
