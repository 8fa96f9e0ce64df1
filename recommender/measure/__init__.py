"""Local measurement: ``frugal bench`` runs benchmark suites under a meter and keeps the results.

- ``suites``: what to measure (TOML files under ``benchmarks/``: models × workloads);
- ``workloads``: builds the data and the model for one entry (scikit-learn, torch: lazy imports);
- ``meter``: CodeCarbon's offline tracker, or the fake meter the tests select with ``FRUGAL_METER=fake``;
- ``runner``: warm-up, repeats until the 95% interval is tight enough, provenance;
- ``export``: measurements as ``catalog/energy.csv`` rows, for review.

Results go to the SQLite store in the user directory (``recommender.catalog.store``), which
``load_catalog()`` reads; nothing here is imported on the ``frugal recommend`` path.
"""
