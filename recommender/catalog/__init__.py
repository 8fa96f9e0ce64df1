"""The catalog: curated facts as typed records, validated once at load.

Tables and columns are documented in ``docs/catalog.md``; column names equal field names. A row
that breaks the schema raises ``CatalogError`` naming the file, row, column and what was expected.
"""

from __future__ import annotations

import csv
import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field, fields
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any, Callable

from ..errors import CatalogError, unknown_value

FAMILIES = ("classic-ml", "light-dnn", "encoder", "small-lm", "llm", "hosted")
ARCHITECTURES = (
    "linear", "svm", "naive-bayes", "tree-ensemble", "boosting", "clustering", "decomposition",
    "cnn", "unet", "encoder", "decoder", "encoder-decoder", "moe-decoder",
)
TRANSFORMER_ARCHITECTURES = ("encoder", "decoder", "encoder-decoder", "moe-decoder")
DATA_KINDS = ("text", "tabular", "image")
DOMAINS = ("general", "biomed", "clinical")
HOSTINGS = ("local", "external", "external-sovereign")
SETUPS = ("fit", "fine-tune", "zero-shot", "none")
PRECISIONS = ("fp32", "fp16", "bf16", "fp8", "int8", "int4")
PHASES = ("inference", "fit", "fine-tune")
BOUNDARIES = ("accelerator", "it", "facility")
METHODS = ("measured", "published", "estimated")
QUALITY_FLAGS = ("secondary", "unchecked", "variant-unclear")


# -- column parsers: each takes the cell text and returns the value or raises ValueError(expected)

def _text(required: bool = False) -> Callable[[str], Any]:
    def parse(cell: str) -> str:
        if required and not cell:
            raise ValueError("a non-empty value")
        return cell
    return parse


def _number(kind: type, required: bool = False, positive: bool = True) -> Callable[[str], Any]:
    expected = ("a positive " if positive else "a ") + ("integer" if kind is int else "number")

    def parse(cell: str) -> Any:
        if not cell:
            if required:
                raise ValueError(expected)
            return None
        try:
            value = float(cell)
        except ValueError:
            raise ValueError(expected) from None
        if kind is int:
            if value != int(value):
                raise ValueError(expected)
            value = int(value)
        if positive and value <= 0:
            raise ValueError(expected)
        return value
    return parse


def _choice(choices: tuple[str, ...], required: bool = True) -> Callable[[str], Any]:
    def parse(cell: str) -> str | None:
        if not cell and not required:
            return None
        if cell not in choices:
            raise ValueError("one of " + ", ".join(choices))
        return cell
    return parse


def _items(choices: tuple[str, ...] | None = None, required: bool = False) -> Callable[[str], Any]:
    def parse(cell: str) -> tuple[str, ...]:
        values = tuple(v for v in cell.split(";") if v) if cell else ()
        if required and not values:
            raise ValueError("a ';'-separated list" + (f" of {', '.join(choices)}" if choices else ""))
        if choices:
            for v in values:
                if v not in choices:
                    raise ValueError("a ';'-separated list of " + ", ".join(choices))
        return values
    return parse


def col(parse: Callable[[str], Any]) -> Any:
    """A dataclass field read from the CSV column of the same name with ``parse``."""
    return field(metadata={"parse": parse})


# -- records

@dataclass(frozen=True)
class Task:
    """Something a user can ask for, with typical text lengths for its items."""

    id: str = col(_text(True))
    name: str = col(_text(True))
    data_kinds: tuple[str, ...] = col(_items(DATA_KINDS, True))
    default_data: str = col(_choice(DATA_KINDS))
    tokens_in: int | None = col(_number(int))
    """Typical input tokens per item."""
    tokens_out: int | None = col(_number(int))
    """Typical generated tokens per item when a generative model answers."""
    source: str = col(_text())
    source_url: str = col(_text())
    notes: str = col(_text())


@dataclass(frozen=True)
class Model:
    """One option: a model or a hosted platform."""

    id: str = col(_text(True))
    name: str = col(_text(True))
    family: str = col(_choice(FAMILIES))
    architecture: str = col(_choice(ARCHITECTURES))
    params_total: int | None = col(_number(int))
    params_total_low: int | None = col(_number(int))
    params_total_high: int | None = col(_number(int))
    params_active: int | None = col(_number(int))
    params_active_low: int | None = col(_number(int))
    params_active_high: int | None = col(_number(int))
    params_method: str | None = col(_choice(METHODS, required=False))
    params_source: str = col(_text())
    params_source_url: str = col(_text())
    layers: int | None = col(_number(int))
    hidden_size: int | None = col(_number(int))
    heads: int | None = col(_number(int))
    context_tokens: int | None = col(_number(int))
    tasks: tuple[str, ...] = col(_items(required=True))
    data_kinds: tuple[str, ...] = col(_items(DATA_KINDS, True))
    domains: tuple[str, ...] = col(_items(DOMAINS, True))
    languages: tuple[str, ...] = col(_items())
    licence: str = col(_text())
    hosting: str = col(_choice(HOSTINGS))
    provider: str = col(_text())
    datacenter: str = col(_text())
    hardware: str = col(_text(True))
    precision: str | None = col(_choice(PRECISIONS, required=False))
    setup: str = col(_choice(SETUPS))
    hf_repo: str = col(_text())
    version: str = col(_text())
    released: str = col(_text())
    notes: str = col(_text())

    @property
    def is_external(self) -> bool:
        return self.hosting != "local"

    @property
    def is_transformer(self) -> bool:
        return self.architecture in TRANSFORMER_ARCHITECTURES

    def speaks(self, lang: str) -> bool:
        return not self.languages or lang in self.languages or "multi" in self.languages


@dataclass(frozen=True)
class QualityScore:
    """A published quality score, 0–100, higher is better."""

    model_id: str = col(_text(True))
    task: str = col(_text(True))
    domain: str = col(_choice(DOMAINS))
    benchmark: str = col(_text(True))
    metric: str = col(_text(True))
    score: float = col(_number(float, required=True, positive=False))
    method: str = col(_choice(METHODS))
    source: str = col(_text(True))
    source_url: str = col(_text())
    flags: tuple[str, ...] = col(_items(QUALITY_FLAGS))
    notes: str = col(_text())


@dataclass(frozen=True)
class EnergyFigure:
    """A measured or published energy figure, in Wh per 1,000 items, at a stated boundary."""

    model_id: str = col(_text(True))
    task: str = col(_text(True))
    data_kind: str = col(_choice(DATA_KINDS))
    """Kind of data the figure was obtained on: text, tabular or image."""
    phase: str = col(_choice(PHASES))
    hardware: str = col(_text(True))
    gpus: int | None = col(_number(int))
    boundary: str = col(_choice(BOUNDARIES))
    batch_size: float | None = col(_number(float))
    tokens_in: float | None = col(_number(float))
    tokens_out: float | None = col(_number(float))
    epochs: float | None = col(_number(float))
    energy_wh_per_1k: float = col(_number(float, required=True))
    """Wh per 1,000 items (inference) or per 1,000 training items over all epochs (fit, fine-tune)."""
    energy_wh_per_1k_low: float | None = col(_number(float))
    energy_wh_per_1k_high: float | None = col(_number(float))
    method: str = col(_choice(("measured", "published")))
    source: str = col(_text(True))
    source_url: str = col(_text())
    date: str = col(_text())
    notes: str = col(_text())


@dataclass(frozen=True)
class Hardware:
    """A hardware profile (one accelerator, or one CPU machine)."""

    id: str = col(_text(True))
    name: str = col(_text(True))
    kind: str = col(_choice(("cpu", "gpu")))
    memory_gb: float = col(_number(float, required=True))
    peak_tflops_fp32: float = col(_number(float, required=True))
    peak_tflops_fp16: float | None = col(_number(float))
    peak_tflops_int8: float | None = col(_number(float))
    memory_bandwidth_gbs: float = col(_number(float, required=True))
    tdp_w: float = col(_number(float, required=True))
    idle_w: float | None = col(_number(float))
    host_w: float | None = col(_number(float))
    """Host (CPU + RAM) power attributed to one accelerator, W."""
    source: str = col(_text(True))
    source_url: str = col(_text())
    notes: str = col(_text())


@dataclass(frozen=True)
class GridZone:
    """Carbon and off-site water intensity of a zone's electricity."""

    zone: str = col(_text(True))
    name: str = col(_text(True))
    carbon_g_per_kwh: float = col(_number(float, required=True))
    water_l_per_kwh: float | None = col(_number(float, positive=False))
    year: str = col(_text())
    source: str = col(_text(True))
    source_url: str = col(_text())
    water_source: str = col(_text())
    water_source_url: str = col(_text())
    notes: str = col(_text())


@dataclass(frozen=True)
class Datacenter:
    """Where computation happens: its grid zone, PUE and on-site water use."""

    id: str = col(_text(True))
    name: str = col(_text(True))
    provider: str = col(_text())
    zone: str = col(_text(True))
    pue: float = col(_number(float, required=True))
    wue_l_per_kwh: float | None = col(_number(float, positive=False))
    source: str = col(_text(True))
    source_url: str = col(_text())
    notes: str = col(_text())


TABLES: dict[str, type] = {
    "tasks.csv": Task,
    "models.csv": Model,
    "quality.csv": QualityScore,
    "energy.csv": EnergyFigure,
    "hardware.csv": Hardware,
    "grid.csv": GridZone,
    "datacenters.csv": Datacenter,
}


def _parsers(record_type: type) -> list[tuple[str, Callable[[str], Any]]]:
    return [(f.name, f.metadata["parse"]) for f in fields(record_type)]


@contextmanager
def bulk_allocation():
    """Pause the cyclic garbage collector while many small acyclic objects are made (loading a
    large catalog, ranking it): its repeated full scans otherwise cost more than the work itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_table(path: Path, record_type: type) -> list[Any]:
    """Read one CSV table into records, validating every cell."""
    parsers = _parsers(record_type)
    expected_columns = [name for name, _ in parsers]
    try:
        handle = open(path, newline="", encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(f"catalog table {path} is missing.") from None
    with handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header != expected_columns:
            raise CatalogError(
                f"{path}: header must be {','.join(expected_columns)}; got {','.join(header or [])}."
            )
        records = []
        for line, row in enumerate(reader, start=2):
            if not row:
                continue
            if len(row) != len(parsers):
                raise CatalogError(f"{path}, row {line}: expected {len(parsers)} cells, got {len(row)}.")
            values = {}
            for (name, parse), cell in zip(parsers, row):
                try:
                    values[name] = parse(cell.strip())
                except ValueError as exc:
                    raise CatalogError(
                        f"{path}, row {line}, column {name}: expected {exc}; got '{cell}'."
                    ) from None
            records.append(record_type(**values))
    return records


def shipped_catalog_dir() -> Path:
    """The catalog shipped with the package (the wheel's copy, else the source checkout's)."""
    override = os.environ.get("FRUGAL_CATALOG")
    if override:
        return Path(override)
    packaged = Path(str(resources.files("recommender"))) / "_catalog"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "catalog"


class Catalog:
    """All catalog tables, cross-checked, with lookups by id."""

    def __init__(
        self,
        tasks: list[Task],
        models: list[Model],
        quality: list[QualityScore],
        energy: list[EnergyFigure],
        hardware: list[Hardware],
        grid: list[GridZone],
        datacenters: list[Datacenter],
        origin: str = "",
    ):
        self.tasks = {t.id: t for t in tasks}
        self.models = {m.id: m for m in models}
        self.quality = quality
        self.energy = energy
        self.hardware = {h.id: h for h in hardware}
        self.grid = {g.zone: g for g in grid}
        self.datacenters = {d.id: d for d in datacenters}
        self.origin = origin
        self.local: dict[str, str] = {}
        """Models added from the user's local overlay: id -> where their facts come from."""
        self._check_references()

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "Catalog":
        """Load and validate every table of a catalog directory (default: the shipped one)."""
        directory = Path(directory) if directory else shipped_catalog_dir()
        with bulk_allocation():
            tables = {name: read_table(directory / name, rt) for name, rt in TABLES.items()}
        return cls(
            tables["tasks.csv"], tables["models.csv"], tables["quality.csv"],
            tables["energy.csv"], tables["hardware.csv"], tables["grid.csv"],
            tables["datacenters.csv"], origin=str(directory),
        )

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
        for e in self.energy:
            need(e.model_id in self.models, "energy.csv, column model_id", "model", e.model_id)
            need(e.task in self.tasks, f"energy.csv, model {e.model_id}, column task", "task", e.task)
            need(e.hardware in self.hardware, f"energy.csv, model {e.model_id}, column hardware",
                 "hardware", e.hardware)
        for d in self.datacenters.values():
            need(d.zone in self.grid, f"datacenters.csv, datacenter {d.id}, column zone", "zone", d.zone)

    def add_local_models(self, models: list[tuple[Model, str]], where: str) -> None:
        """Add the user's own models (model, source) after load; a shipped model with the same id or
        Hugging Face repo wins. ``where`` names the store in error messages."""
        shipped_repos = {m.hf_repo.lower() for m in self.models.values() if m.hf_repo}
        for model, source in models:
            if model.id in self.models or (model.hf_repo and model.hf_repo.lower() in shipped_repos):
                continue
            for value, what, known in [(t, "task", self.tasks) for t in model.tasks] + \
                    [(model.hardware, "hardware", self.hardware)]:
                if value not in known:
                    raise CatalogError(f"{where}, model {model.id}: unknown {what} '{value}' (frugal catalog "
                                       f"remove {model.id} to drop it).")
            self.models[model.id] = model
            self.local[model.id] = source
        self.__dict__.pop("_models_by_alias", None)

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

    def add_energy(self, figures: list[EnergyFigure]) -> None:
        """Add figures (e.g. local measurements) after load."""
        for e in figures:
            if e.model_id in self.models and e.hardware in self.hardware:
                self.energy.append(e)
        self.__dict__.pop("_energy_by_model", None)


_cache: dict[tuple[str, str, str], Catalog] = {}


def default_catalog() -> Catalog:
    """The shipped catalog plus, when they exist, the user's local models (``frugal catalog
    add-from-hub``) and this machine's measurements (``frugal bench``); loaded once per process."""
    from . import local as overlay  # sqlite3 only; the files are opened only when they exist
    from .store import local_figures, store_path

    key = (str(shipped_catalog_dir()), str(overlay.path()), str(store_path()))
    if key not in _cache:
        catalog = Catalog.load(key[0])
        local = overlay.entries()
        if local:
            catalog.add_local_models([(e.model, f"{e.source}, added {e.added}") for e in local], key[1])
        if store_path().exists():
            catalog.add_energy(local_figures())
        _cache[key] = catalog
    return _cache[key]
