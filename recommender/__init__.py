"""frugal: rank AI options from least to most resource-hungry.

The library API lives in the submodules; the ``frugal`` command (``recommender.cli``) is a thin
layer over it. Importing this package is cheap: heavy dependencies are imported by the commands
that need them.
"""

from .version import __version__

__all__ = ["__version__"]
