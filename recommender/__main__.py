"""``python -m recommender`` runs the ``frugal`` command."""

from .cli import main

main()
