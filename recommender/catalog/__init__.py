"""The catalog: the shipped tables and the user's local rows as one immutable, cross-checked whole.

``load_catalog()`` is what every command reads: the shipped tables (read once per process) plus,
when they exist, the user's local models (``frugal catalog add-from-hub``) and this machine's
measurements (``frugal bench``), read again on every call so that a write is seen by the next read.
"""

from __future__ import annotations

import os
from functools import cached_property
from operator import attrgetter
from pathlib import Path
from types import MappingProxyType
from typing import Iterable, Mapping

from ..errors import CatalogError, unknown_value
from ..paths import user_dir
from .schema import (ARCHITECTURES, BOUNDARIES, DATA_KINDS, DOMAINS, FAMILIES, GENERATIVE_ARCHITECTURES,
                     GENERATIVE_FAMILIES, HOSTINGS, LIGHT_FAMILIES, METHODS, PHASES, PRECISIONS, QUALITY_FLAGS,
                     SETUPS, TRANSFORMER_ARCHITECTURES, Datacenter, EnergyFigure, GridZone, Hardware, Model,
                     QualityScore, Reference, Task, HostedDisclosure)
from .tables import FIT_FILE, MANIFEST, TABLES, bulk_allocation, read_table, shipped_catalog_dir

__all__ = [
    "ARCHITECTURES", "BOUNDARIES", "DATA_KINDS", "DOMAINS", "FAMILIES", "GENERATIVE_ARCHITECTURES",
    "GENERATIVE_FAMILIES", "HOSTINGS", "LIGHT_FAMILIES", "MANIFEST", "METHODS", "PHASES", "PRECISIONS",
    "QUALITY_FLAGS", "SETUPS", "TABLES", "TRANSFORMER_ARCHITECTURES", "Catalog", "Datacenter", "EnergyFigure",
    "GridZone", "Hardware", "Model", "QualityScore", "Reference", "Task", "bulk_allocation", "load_catalog", "read_table",
    "shipped_catalog_dir",
]


class Catalog:
    """All catalog tables, cross-checked, with lookups by id. Immutable once made: a catalog with
    the user's local rows is a new one (``with_local``)."""

    def __init__(
        self,
        *,
        tasks: Iterable[Task],
        models: Iterable[Model],
        quality: Iterable[QualityScore],
        references: Iterable[Reference] = (),
        energy: Iterable[EnergyFigure],
        hardware: Iterable[Hardware],
        grid: Iterable[GridZone],
        datacenters: Iterable[Datacenter],
        hosted_disclosures: Iterable[HostedDisclosure] = (),
        origin: str = "",
        local: Mapping[str, str] | None = None,
        measured_here: Iterable[EnergyFigure] = (),
        fit_file: Path | None = None,
    ):
        self.tasks = MappingProxyType({t.id: t for t in tasks})
        self.models = MappingProxyType({m.id: m for m in models})
        self.model_fields: MappingProxyType[str, tuple] = MappingProxyType(_transposed(self.models.values()))
        """Every models.csv column as a tuple, in ``models`` order (for work on many models at once)."""
        self.quality = tuple(quality)
        self.references = MappingProxyType({(r.task, r.domain, r.data_lang): r for r in references})
        """The reference benchmark of each question, by (task, domain, data language)."""
        self.energy = tuple(energy)
        self.hardware = MappingProxyType({h.id: h for h in hardware})
        self.grid = MappingProxyType({g.zone: g for g in grid})
        self.datacenters = MappingProxyType({d.id: d for d in datacenters})
        self.hosted_disclosures: tuple[HostedDisclosure, ...] = tuple(hosted_disclosures)
        """What hosted platforms publish about their own prompts (shown beside the estimate)."""
        self.origin = origin
        """The directory the shipped tables were read from."""
        self.fit_file = fit_file or Path(origin) / FIT_FILE
        """The estimator's fitted factors in use: the user's own fit (``frugal estimator fit``) when
        ``load_catalog`` found one, else the catalog directory's."""
        self.local: Mapping[str, str] = MappingProxyType(dict(local or {}))
        """Models from the user's local catalog: id -> where their facts come from."""
        self.measured_here: tuple[EnergyFigure, ...] = tuple(measured_here)
        """Figures measured on this machine by ``frugal bench`` (also in ``energy``)."""
        self._measured_here_ids = frozenset(map(id, self.measured_here))
        self._check_references()
        self._frozen = True

    def __setattr__(self, name: str, value: object) -> None:
        if getattr(self, "_frozen", False):
            raise AttributeError(f"a Catalog cannot be changed (tried to set {name}): make a new one")
        super().__setattr__(name, value)

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "Catalog":
        """Load and validate every table of a catalog directory (default: the shipped one)."""
        directory = Path(directory) if directory else shipped_catalog_dir()
        with bulk_allocation():
            tables = {name: read_table(directory / name, rt) for name, rt in TABLES.items()}
        return cls(**{name.removesuffix(".csv"): records for name, records in tables.items()}, origin=str(directory))

    def _check_references(self) -> None:
        def need(ok: bool, where: str, what: str, value: str) -> None:
            if not ok:
                raise CatalogError(f"{where}: unknown {what} '{value}'.")

        for m in self.models.values():
            for t in m.tasks:
                need(t in self.tasks, f"models.csv, model {m.id}, column tasks", "task", t)
            need(m.hardware in self.hardware, f"models.csv, model {m.id}, column hardware", "hardware", m.hardware)
            if m.datacenter:
                need(m.datacenter in self.datacenters, f"models.csv, model {m.id}, column datacenter",
                     "datacenter", m.datacenter)
            elif m.is_external:
                raise CatalogError(f"models.csv, model {m.id}, column datacenter: expected a datacenter "
                                   f"for a {m.hosting} model; got ''.")
        for q in self.quality:
            need(q.model_id in self.models, "quality.csv, column model_id", "model", q.model_id)
            need(q.task in self.tasks, f"quality.csv, model {q.model_id}, column task", "task", q.task)
        for r in self.references.values():
            need(r.task in self.tasks, "references.csv, column task", "task", r.task)
        for e in self.energy:
            need(e.model_id in self.models, "energy.csv, column model_id", "model", e.model_id)
            need(e.task in self.tasks, f"energy.csv, model {e.model_id}, column task", "task", e.task)
            need(e.hardware in self.hardware, f"energy.csv, model {e.model_id}, column hardware",
                 "hardware", e.hardware)
        for h in self.hosted_disclosures:
            need(h.model_id in self.models, "hosted_disclosures.csv, column model_id", "model", h.model_id)
        for d in self.datacenters.values():
            need(d.zone in self.grid, f"datacenters.csv, datacenter {d.id}, column zone", "zone", d.zone)

    def with_local(self, models: Iterable[tuple[Model, str]] = (), figures: Iterable[EnergyFigure] = (),
                   where: str = "", fit_file: Path | None = None) -> "Catalog":
        """A new catalog: this one plus the user's own models (model, source), this machine's
        measurements and the user's own estimator fit. A shipped model with the same id or Hugging
        Face repo wins; a figure of a model or hardware the catalog does not know is left out.
        ``where`` names the store in errors."""
        shipped_repos = {m.hf_repo.lower() for m in self.models.values() if m.hf_repo}
        added: dict[str, Model] = {}
        local = dict(self.local)
        for model, source in models:
            if model.id in self.models or (model.hf_repo and model.hf_repo.lower() in shipped_repos):
                continue
            for value, what, known in [(t, "task", self.tasks) for t in model.tasks] + \
                    [(model.hardware, "hardware", self.hardware)]:
                if value not in known:
                    raise CatalogError(f"{where}, model {model.id}: unknown {what} '{value}' (frugal catalog "
                                       f"remove {model.id} to drop it).")
            added[model.id] = model
            local[model.id] = source
        known_models = {**self.models, **added}
        here = tuple(e for e in figures if e.model_id in known_models and e.hardware in self.hardware)
        return Catalog(tasks=self.tasks.values(), models=known_models.values(), quality=self.quality,
                       references=self.references.values(),
                       energy=(*self.energy, *here), hardware=self.hardware.values(), grid=self.grid.values(),
                       datacenters=self.datacenters.values(), hosted_disclosures=self.hosted_disclosures,
                       origin=self.origin, local=local,
                       measured_here=(*self.measured_here, *here), fit_file=fit_file or self.fit_file)

    def is_measured_here(self, figure: EnergyFigure) -> bool:
        """Whether ``figure`` was measured on this machine (``frugal bench``)."""
        return id(figure) in self._measured_here_ids

    @cached_property
    def fingerprint(self) -> str:
        """A short fingerprint of every input that changes a number (``catalog.fingerprint``)."""
        from .fingerprint import fingerprint

        return fingerprint(self)

    # -- lookups that raise InvalidInput with suggestions

    def task(self, task_id: str) -> Task:
        try:
            return self.tasks[task_id]
        except KeyError:
            raise unknown_value("task", task_id, self.tasks) from None

    def model(self, model_id: str) -> Model:
        model = self.models.get(model_id) or self._models_by_alias.get(model_id.lower())
        if model is None:
            raise unknown_value("model", model_id, self.models)
        return model

    @cached_property
    def _models_by_alias(self) -> dict[str, Model]:
        aliases = {}
        for m in self.models.values():
            aliases[m.name.lower()] = m
            if m.hf_repo:
                aliases[m.hf_repo.lower()] = m
        return aliases

    def hardware_profile(self, hardware_id: str) -> Hardware:
        try:
            return self.hardware[hardware_id]
        except KeyError:
            raise unknown_value("hardware", hardware_id, self.hardware) from None

    def zone(self, zone: str) -> GridZone:
        found = self.grid.get(zone) or self.grid.get(zone.upper())
        if found is None:
            raise unknown_value("grid zone", zone, self.grid)
        return found

    def quality_of(self, model_id: str) -> list[QualityScore]:
        return self._quality_by_model.get(model_id, [])

    @cached_property
    def _quality_by_model(self) -> dict[str, list[QualityScore]]:
        by_model: dict[str, list[QualityScore]] = {}
        for q in self.quality:
            by_model.setdefault(q.model_id, []).append(q)
        return by_model

    def energy_of(self, model_id: str) -> list[EnergyFigure]:
        return self._energy_by_model.get(model_id, [])

    @cached_property
    def _energy_by_model(self) -> dict[str, list[EnergyFigure]]:
        by_model: dict[str, list[EnergyFigure]] = {}
        for e in self.energy:
            by_model.setdefault(e.model_id, []).append(e)
        return by_model


def _transposed(models: Iterable[Model]) -> dict[str, tuple]:
    names = tuple(Model.__dataclass_fields__)
    rows = list(map(attrgetter(*names), models))
    return dict(zip(names, zip(*rows))) if rows else {name: () for name in names}


_shipped: dict[tuple, Catalog] = {}
"""Shipped tables already read in this process, keyed by directory and its files' sizes and mtimes
(a changed file is read again). Only ``load_catalog`` reads or writes it."""


def _files_key(directory: Path) -> tuple:
    key = []
    for name in MANIFEST:
        try:
            stat = os.stat(directory / name)
        except OSError:
            key.append((name, None))
        else:
            key.append((name, stat.st_mtime_ns, stat.st_size))
    return (str(directory), *key)


def load_catalog(directory: Path | str | None = None, local: bool = True) -> Catalog:
    """The catalog every command reads: the shipped tables of ``directory`` (default: the shipped
    catalog, or ``$FRUGAL_CATALOG``) plus, with ``local``, the user's local models and this
    machine's measurements, read from the user's database on every call."""
    from . import local as local_models
    from .store import measured_figures

    directory = Path(directory) if directory else shipped_catalog_dir()
    key = _files_key(directory)
    base = _shipped.get(key)
    if base is None:
        base = _shipped[key] = Catalog.load(directory)
    if not local:
        return base
    entries = local_models.entries()
    figures = measured_figures()
    user_fit = user_dir() / FIT_FILE
    if not entries and not figures and not user_fit.is_file():
        return base
    return base.with_local([(e.model, f"{e.source}, added {e.added}") for e in entries], figures,
                           str(local_models.path()), user_fit if user_fit.is_file() else None)


