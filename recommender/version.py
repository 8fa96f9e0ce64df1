"""frugal's version, in one place (the package root and every output read it from here)."""

__version__ = "0.1.0"
