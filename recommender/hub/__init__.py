"""Models from the Hugging Face Hub: ``frugal catalog add-from-hub`` and ``search-hub``.

- ``client``: the network (``huggingface_hub``, imported only when a command asks the Hub);
- ``mapping``: Hub facts -> catalog ``Model``, pure;
- ``importer``: what the commands do, ``add_from_hub`` and ``search_candidates``.

What is read and how it maps: docs/hub.md.
"""

from .importer import Candidate, add_from_hub, search_candidates

__all__ = ["Candidate", "add_from_hub", "search_candidates"]
