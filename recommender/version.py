"""frugal's version and distribution name, in one place (the package root and every output read them here)."""

__version__ = "0.1.0"
DISTRIBUTION = "frugal-advisor"
"""The name to ``pip install`` (the command stays ``frugal``): ``frugal`` and ``frugalai`` on PyPI are other
projects; ``frugal-advisor`` was free on PyPI on 2026-12-01 (https://pypi.org/pypi/frugal-advisor/json: 404)."""


def install_hint(extra: str) -> str:
    """``pip install 'frugal-advisor[EXTRA]'``: what installs the optional packages of ``extra``."""
    return f"pip install '{DISTRIBUTION}[{extra}]'"
