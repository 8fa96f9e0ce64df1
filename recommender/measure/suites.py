"""Benchmark suites: readable TOML files saying which models run on which workloads.

A suite names its workloads (the data: how many items, how long) and its entries (a catalog
model id, a task, a workload, the phases to measure; a transformer entry also names its
published ``config.json``, relative to the suite file). See ``docs/measurement.md``.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import InvalidInput, unknown_value
from ..units import shown

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DATA_KINDS = ("generated-text", "generated-tagged-text", "generated-documents", "breast-cancer", "synthetic-tokens", "synthetic-images",
              "spin")
"""``generated-text``: random documents of ``tokens_in`` words, two classes; ``breast-cancer``:
scikit-learn's data set (569 rows, 30 features); ``generated-tagged-text``: random sentences of ``tokens_in``
words, each word tagged B-ENT, I-ENT or O (for the CRF tagger); ``generated-documents``: random documents of
``tokens_in`` words in sentences of 20 (for the extractive summarizer); ``synthetic-tokens``: random token ids of the
workload's lengths for a transformer; ``synthetic-images``: random images at the network's published
resolution for a vision network (``measure.vision``); ``spin``: a busy loop of ``item_ms`` per item (tests)."""
CATALOG_DATA_KIND = {"generated-text": "text", "generated-tagged-text": "text", "generated-documents": "text",
                     "breast-cancer": "tabular",
                     "synthetic-tokens": "text",
                     "synthetic-images": "image", "spin": "text"}
"""The catalog's data kind (energy.csv ``data_kind``) of each workload data."""
PHASES = ("fit", "inference")
SKLEARN_MODELS = ("tfidf-logreg", "tfidf-linear-svm", "tfidf-naive-bayes", "logistic-regression",
                  "random-forest", "gradient-boosting", "kmeans", "pca")
TEXT_MODELS = SKLEARN_MODELS[:3]
TAGGERS = ("crf-tagger",)
"""Catalog ids measured on ``generated-tagged-text`` (``recommender.baselines.crf_tagger``)."""
SUMMARIZERS = ("tfidf-centrality",)
"""Catalog ids measured on ``generated-documents`` (``recommender.baselines.extract_summary``)."""


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
        """``transformer``, ``vision``, ``crf``, ``extractive``, ``sklearn`` or ``spin``: what it needs installed."""
        if self.workload.data == "generated-tagged-text":
            return "crf"
        if self.workload.data == "generated-documents":
            return "extractive"
        if self.workload.data in ("spin", "synthetic-images"):
            return "spin" if self.workload.data == "spin" else "vision"
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
        if path.is_dir():
            raise InvalidInput(f"suite file '{name_or_path}' is a folder; expected a .toml file.")
        if not path.is_file():
            raise InvalidInput(f"suite file '{name_or_path}' does not exist.")
        return path
    for d in suite_dirs():
        if (d / f"{name_or_path}.toml").is_file():
            return d / f"{name_or_path}.toml"
    accepted = ", ".join(available_suites()) or "none found in ./benchmarks"
    raise InvalidInput(f"unknown suite '{name_or_path}'. Accepted: {accepted}, or a path to a .toml file.")


SUITE_MAX_BYTES = 1 << 20
"""The largest suite file read (1 MiB); a suite is a page of TOML."""
ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
"""A suite's name, a workload's name and an entry's model and task: letters, digits, ``.``, ``_``, ``-``."""
TEXT_MAX = 1000
"""The longest description."""
SUITE_KEYS = ("name", "description", "workloads", "entries")
ENTRY_KEYS = ("model", "task", "workload", "phases", "config")
WORKLOAD_RANGES: dict[str, tuple[type, float, float]] = {
    "items": (int, 1, 10**7), "train_items": (int, 1, 10**7), "tokens_in": (int, 1, 10**6),
    "tokens_out": (int, 1, 10**5), "batch_size": (int, 1, 10**5), "item_ms": (float, 0.001, 10**4)}
"""(kind, least, most) of each workload number: counts of items and tokens, milliseconds per spin item."""
WORKLOAD_KEYS = ("data", *WORKLOAD_RANGES)


def _kind(value: object) -> str:
    """The TOML kind of ``value`` in words (``a string``, ``a table``...)."""
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    if isinstance(value, list) and not value:
        return "an empty list"
    return {str: "a string", int: "an integer", float: "a number", dict: "a table", list: "a list"}.get(
        type(value), "a date")


def _got(value: object) -> str:
    """``'text'`` for a string, ``5`` for a number, ``true`` for a boolean, its kind otherwise."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f"'{shown(value)}'"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return shown(value)
    return _kind(value)


def _read(path: Path) -> dict:
    """The TOML document of a suite file; a folder, an unreadable, binary or oversized file, or bad
    TOML is one ``InvalidInput``."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(SUITE_MAX_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(f"suite file '{path}' cannot be read: {exc.strerror or exc}.") from None
    if len(data) > SUITE_MAX_BYTES:
        raise InvalidInput(f"{path}: a suite file is at most {SUITE_MAX_BYTES >> 20} MiB of TOML; this one is larger.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InvalidInput(f"{path}, line {line}: expected UTF-8 TOML text; got byte 0x{data[exc.start]:02x} "
                           f"(a binary file, or another encoding).") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"{path}: not valid TOML ({exc}).") from None


def _number(value: object, key: str, fail) -> int | float:
    """A workload number checked against ``WORKLOAD_RANGES``."""
    kind, least, most = WORKLOAD_RANGES[key]
    what = "a whole number" if kind is int else "a number"
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and (kind is float or isinstance(value, int))
    if not ok or not least <= value <= most:
        got = f"the text {_got(value)} (a number is written without quotes)" if isinstance(value, str) else _got(value)
        low, high = (f"{int(least):,}", f"{int(most):,}") if kind is int else (f"{least:,g}", f"{most:,g}")
        raise fail(f"{key} must be {what} from {low} to {high}; got {got}.")
    return value


def _workload(name: str, w: object, fail) -> Workload:
    def here(message: str) -> InvalidInput:
        return fail(f"workload {shown(name)}", message)

    if not ID.fullmatch(name):
        raise here("expected a name of letters, digits, '.', '_' and '-' (at most 100).")
    if not isinstance(w, dict):
        raise here(f"expected a table ([workloads.{name}]); got {_kind(w)}.")
    unknown = sorted(set(w) - set(WORKLOAD_KEYS))
    if unknown:
        raise here(f"unknown key '{shown(unknown[0])}'. Accepted: {', '.join(sorted(WORKLOAD_KEYS))}.")
    data = w.get("data")
    if data is None:
        raise here("'data' is required.")
    if data not in DATA_KINDS:
        raise here(f"data must be one of {', '.join(DATA_KINDS)}; got {_got(data)}.")
    if "items" not in w:
        raise here("'items' is required.")
    numbers = {key: _number(value, key, here) for key, value in w.items() if key in WORKLOAD_RANGES}
    return Workload(name=name, data=data, **numbers)


def _text(raw: dict, key: str, default: str, fail) -> str:
    value = raw.get(key, default)
    if not isinstance(value, str):
        raise fail(key, f"expected a string; got {_kind(value)}.")
    if key == "name" and not ID.fullmatch(value):
        raise fail(key, f"a suite name is letters, digits, '.', '_' and '-' (at most 100); got '{shown(value)}'.")
    if not value.isprintable() or len(value) > TEXT_MAX:
        raise fail(key, f"expected one line of at most {TEXT_MAX} printable characters; got '{shown(value)}'.")
    return value


def _config(path: Path, value: object, workload: Workload, fail) -> Path:
    """The transformer's ``config.json`` next to the suite: a JSON object with a ``model_type``
    whose context holds the workload's tokens."""
    if not isinstance(value, str) or not value:
        raise fail(f"config must be the path of a config.json (relative to the suite file); got {_got(value)}.")
    config = (path.parent / value).resolve()
    if not config.is_file():
        raise fail(f"config file '{shown(value)}' does not exist (relative to the suite file).")
    try:
        raw = json.loads(config.read_bytes()[:SUITE_MAX_BYTES * 8].decode("utf-8"))
    except (OSError, ValueError):  # unreadable, binary, not JSON
        raise fail(f"config file '{shown(value)}' is not a readable JSON config.json.") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("model_type"), str):
        raise fail(f"config file '{shown(value)}': expected a JSON object with a 'model_type' string.")
    context = raw.get("max_position_embeddings")
    tokens = (workload.tokens_in or 128) + (workload.tokens_out or 0)
    if isinstance(context, int) and not isinstance(context, bool) and tokens > context:
        raise fail(f"workload {workload.name} has {tokens} tokens per item; the model of '{shown(value)}' takes at "
                   f"most {context} (max_position_embeddings).")
    return config


def _entry(path: Path, i: int, e: object, workloads: dict[str, Workload], fail) -> Entry:
    if not isinstance(e, dict):
        raise fail(f"entry {i}", f"expected a table ([[entries]]); got {_kind(e)}.")
    model = e.get("model", "?")
    where = f"entry {i} ({shown(model) if isinstance(model, str) else '?'})"

    def here(message: str) -> InvalidInput:
        return fail(where, message)

    unknown = sorted(set(e) - set(ENTRY_KEYS))
    if unknown:
        raise here(f"unknown key '{shown(unknown[0])}'. Accepted: {', '.join(sorted(ENTRY_KEYS))}.")
    for key in ("model", "task", "workload"):
        if not e.get(key):
            raise here(f"'{key}' is required.")
        if not isinstance(e[key], str) or not ID.fullmatch(e[key]):
            raise here(f"{key} must be an id (letters, digits, '.', '_' and '-'); got {_got(e[key])}.")
    if e["workload"] not in workloads:
        raise here(f"unknown workload '{e['workload']}'. Accepted: {', '.join(sorted(workloads))}.")
    phases = e.get("phases", ["inference"])
    if not isinstance(phases, list) or not phases:
        raise here(f"phases must be a list such as [\"fit\", \"inference\"]; got {_got(phases)}.")
    for phase in phases:
        if phase not in PHASES:
            raise here(f"unknown phase {_got(phase)}. Accepted: {', '.join(PHASES)}.")
    if len(set(phases)) < len(phases):
        raise here(f"phases must name each phase once; got {', '.join(phases)}.")
    workload = workloads[e["workload"]]
    config = _config(path, e["config"], workload, here) if "config" in e else None
    entry = Entry(model=e["model"], task=e["task"], workload=workload, phases=tuple(phases), config=config)
    if entry.kind == "extractive" and (entry.model not in SUMMARIZERS or entry.phases != ("inference",)):
        raise here(f"the extractive summarizer is measured in inference only (it is not trained); accepted models: "
                   f"{', '.join(SUMMARIZERS)}.")
    if entry.kind == "crf" and entry.model not in TAGGERS:
        raise here(f"no tagger for '{entry.model}' on 'generated-tagged-text' data. Accepted: {', '.join(TAGGERS)}.")
    if entry.kind == "sklearn" and entry.model not in SKLEARN_MODELS:
        raise here(f"no scikit-learn pipeline for '{entry.model}' (give a transformer 'config'). "
                   f"Accepted: {', '.join(SKLEARN_MODELS)}.")
    if entry.kind == "sklearn" and (entry.model in TEXT_MODELS) != (workload.data == "generated-text"):
        raise here(f"'{entry.model}' cannot run on '{workload.data}' data.")
    if entry.kind == "transformer" and workload.data != "synthetic-tokens":
        raise here("a transformer entry needs a 'synthetic-tokens' workload.")
    if entry.kind == "transformer" and entry.phases != ("inference",):
        raise here("transformers are measured in inference only (fine-tuning is still to come).")
    return entry


def load_suite(name_or_path: str) -> Suite:
    """Read and check a suite file; every mistake is one ``InvalidInput`` naming the file, the
    workload or entry, the key and what is accepted."""
    path = find_suite(name_or_path)
    raw = _read(path)

    def fail(where: str, message: str) -> InvalidInput:
        return InvalidInput(f"{path}, {where}: {message}")

    unknown = sorted(set(raw) - set(SUITE_KEYS))
    if unknown:
        raise InvalidInput(f"{path}: unknown key '{shown(unknown[0])}'. Accepted: {', '.join(SUITE_KEYS)}.")
    name, description = _text(raw, "name", path.stem, fail), _text(raw, "description", "", fail)
    tables = raw.get("workloads", {})
    if not isinstance(tables, dict):
        raise fail("workloads", f"expected tables such as [workloads.NAME]; got {_kind(tables)}.")
    workloads = {w: _workload(w, value, fail) for w, value in tables.items()}
    listed = raw.get("entries", [])
    if not isinstance(listed, list):
        raise fail("entries", f"expected [[entries]] tables; got {_kind(listed)}.")
    entries: list[Entry] = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for i, e in enumerate(listed, start=1):
        entry = _entry(path, i, e, workloads, fail)
        for phase in entry.phases:
            first = seen.setdefault((entry.model, entry.task, entry.workload.name, phase), i)
            if first != i:
                raise fail(f"entry {i} ({entry.model})", f"repeats entry {first} (same model, task, workload and "
                                                        f"phase '{phase}'); expected each measurement once.")
        entries.append(entry)
    if not entries:
        raise fail("entries", "a suite needs at least one [[entries]] table.")
    return Suite(name=name, description=description, path=path, entries=tuple(entries))


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
