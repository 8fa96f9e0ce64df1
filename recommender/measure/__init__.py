"""Local measurement: ``frugal bench`` runs benchmark suites under a meter and keeps the results.

- ``suites``: what to measure (TOML files under ``benchmarks/``: models × workloads);
- ``workloads``: builds the data and the model for one entry (scikit-learn, torch: lazy imports);
- ``meter``: CodeCarbon's offline tracker, or a fake meter for tests;
- ``runner``: warm-up, repeats until the 95% interval is tight enough, provenance;
- ``store``: the SQLite store in the user directory, read by ``load_catalog()``.

Only ``store`` is imported on the ``frugal recommend`` path; it needs nothing beyond sqlite3.
"""
