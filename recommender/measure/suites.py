"""Benchmark suites: readable TOML files saying which models run on which workloads.

A suite names its workloads (the data: how many items, how long) and its entries (a catalog
model id, a task, a workload, the phases to measure; a transformer entry also names its
published ``config.json``, relative to the suite file). See ``docs/measurement.md``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InvalidInput, unknown_value

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_KINDS = ("generated-text", "breast-cancer", "synthetic-tokens", "spin")
"""``generated-text``: random documents of ``tokens_in`` words, two classes; ``breast-cancer``:
scikit-learn's data set (569 rows, 30 features); ``synthetic-tokens``: random token ids of the
workload's lengths for a transformer; ``spin``: a busy loop of ``item_ms`` per item (tests)."""
CATALOG_DATA_KIND = {"generated-text": "text", "breast-cancer": "tabular", "synthetic-tokens": "text",
                     "spin": "text"}
"""The catalog's data kind (energy.csv ``data_kind``) of each workload data."""
PHASES = ("fit", "inference")
SKLEARN_MODELS = ("tfidf-logreg", "tfidf-linear-svm", "tfidf-naive-bayes", "logistic-regression",
                  "random-forest", "gradient-boosting", "kmeans", "pca")
TEXT_MODELS = SKLEARN_MODELS[:3]


@dataclass(frozen=True)
class Workload:
    """The data one entry runs on."""

    name: str
    data: str
    items: int
    """Items per inference pass."""
    train_items: int | None = None
    """Items per fit (fit phase); None = the data set's size."""
    tokens_in: int | None = None
    tokens_out: int | None = None
    batch_size: int | None = None
    item_ms: float | None = None


@dataclass(frozen=True)
class Entry:
    """One model on one workload, for some phases."""

    model: str
    task: str
    workload: Workload
    phases: tuple[str, ...]
    config: Path | None = None
    """Published ``config.json`` of a transformer (random weights are built from it)."""

    @property
    def kind(self) -> str:
        """``transformer``, ``sklearn`` or ``spin``: what it needs installed."""
        if self.workload.data == "spin":
            return "spin"
        return "transformer" if self.config else "sklearn"

    @property
    def label(self) -> str:
        return f"{self.model} {self.task}"


@dataclass(frozen=True)
class Suite:
    name: str
    description: str
    path: Path
    entries: tuple[Entry, ...]


def suite_dirs() -> list[Path]:
    """Where ``--suite NAME`` is looked up: ``./benchmarks``, then the suites shipped in the wheel,
    then the source checkout's."""
    package = Path(__file__).resolve().parents[1]
    dirs = [Path.cwd() / "benchmarks", package / "_benchmarks", package.parent / "benchmarks"]
    return list(dict.fromkeys(d for d in dirs if d.is_dir()))


def available_suites() -> list[str]:
    return sorted({p.stem for d in suite_dirs() for p in d.glob("*.toml")})


def find_suite(name_or_path: str) -> Path:
    """A suite file from a path, or a name in ``suite_dirs()``."""
    path = Path(name_or_path)
    if path.suffix == ".toml" or path.exists():
        if not path.is_file():
            raise InvalidInput(f"suite file '{name_or_path}' does not exist.")
        return path
    for d in suite_dirs():
        if (d / f"{name_or_path}.toml").is_file():
            return d / f"{name_or_path}.toml"
    accepted = ", ".join(available_suites()) or "none found in ./benchmarks"
    raise InvalidInput(f"unknown suite '{name_or_path}'. Accepted: {accepted}, or a path to a .toml file.")


def load_suite(name_or_path: str) -> Suite:
    """Read and check a suite file; every mistake names the file and the entry."""
    path = find_suite(name_or_path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path}: not valid TOML ({exc}).") from None

    def fail(where: str, message: str) -> InvalidInput:
        return InvalidInput(f"{path}, {where}: {message}")

    workloads = {}
    for name, w in raw.get("workloads", {}).items():
        data = w.get("data")
        if data not in DATA_KINDS:
            raise fail(f"workload {name}", f"data must be one of {', '.join(DATA_KINDS)}; got '{data}'.")
        items = w.get("items")
        if not isinstance(items, int) or items < 1:
            raise fail(f"workload {name}", f"items must be a positive integer; got '{items}'.")
        known = {"data", "items", "train_items", "tokens_in", "tokens_out", "batch_size", "item_ms"}
        unknown = sorted(set(w) - known)
        if unknown:
            raise fail(f"workload {name}", f"unknown key '{unknown[0]}'. Accepted: {', '.join(sorted(known))}.")
        workloads[name] = Workload(name=name, **w)

    entries = []
    for i, e in enumerate(raw.get("entries", []), start=1):
        where = f"entry {i} ({e.get('model', '?')})"
        for key in ("model", "task", "workload"):
            if not e.get(key):
                raise fail(where, f"'{key}' is required.")
        if e["workload"] not in workloads:
            raise fail(where, f"unknown workload '{e['workload']}'. Accepted: {', '.join(sorted(workloads))}.")
        phases = tuple(e.get("phases", ["inference"]))
        for phase in phases:
            if phase not in PHASES:
                raise fail(where, f"unknown phase '{phase}'. Accepted: {', '.join(PHASES)}.")
        config = None
        if e.get("config"):
            config = (path.parent / e["config"]).resolve()
            if not config.is_file():
                raise fail(where, f"config file '{e['config']}' does not exist (relative to the suite file).")
        workload = workloads[e["workload"]]
        entry = Entry(model=e["model"], task=e["task"], workload=workload, phases=phases, config=config)
        if entry.kind == "sklearn" and entry.model not in SKLEARN_MODELS:
            raise fail(where, f"no scikit-learn pipeline for '{entry.model}' (give a transformer 'config'). "
                              f"Accepted: {', '.join(SKLEARN_MODELS)}.")
        if entry.kind == "sklearn" and (entry.model in TEXT_MODELS) != (workload.data == "generated-text"):
            raise fail(where, f"'{entry.model}' cannot run on '{workload.data}' data.")
        if entry.kind == "transformer" and workload.data != "synthetic-tokens":
            raise fail(where, "a transformer entry needs a 'synthetic-tokens' workload.")
        if entry.kind == "transformer" and phases != ("inference",):
            raise fail(where, "transformers are measured in inference only (fine-tuning is still to come).")
        entries.append(entry)
    if not entries:
        raise fail("entries", "a suite needs at least one [[entries]] table.")
    return Suite(name=raw.get("name", path.stem), description=raw.get("description", ""), path=path,
                 entries=tuple(entries))


def only_models(suites: list[Suite], models: tuple[str, ...]) -> list[Suite]:
    """The suites restricted to their entries for ``models`` (catalog ids); suites left empty are
    dropped. An id no suite has is an ``InvalidInput``."""
    known = {e.model for s in suites for e in s.entries}
    for model in models:
        if model not in known:
            raise unknown_value("model in these suites", model, known)
    kept = [replace(s, entries=tuple(e for e in s.entries if e.model in models)) for s in suites]
    return [s for s in kept if s.entries]


def entry_for(suite: Suite, model: str, phase: str) -> Entry:
    """The first entry of ``suite`` for catalog id ``model`` with ``phase``; else ``InvalidInput``."""
    for entry in suite.entries:
        if entry.model == model and phase in entry.phases:
            return entry
    raise unknown_value(f"model with a {phase} phase in suite {suite.name}", model,
                        {e.model for e in suite.entries if phase in e.phases})
