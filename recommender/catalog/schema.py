"""The catalog's schema: vocabularies and the typed records of every table, validated at load.

Tables and columns are documented in ``docs/catalog.md``; column names equal field names. Each
field carries the parser of its CSV cell (``col``), which raises ``ValueError(expected)``.
"""

from __future__ import annotations

import math

from dataclasses import dataclass, field, fields
from typing import Any, Callable

FAMILIES = ("classic-ml", "light-dnn", "encoder", "small-lm", "llm", "hosted")
ARCHITECTURES = (
    "linear", "svm", "naive-bayes", "tree-ensemble", "boosting", "clustering", "decomposition",
    "cnn", "unet", "vit", "recurrent", "encoder", "decoder", "encoder-decoder", "moe-decoder",
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
QUALITY_FLAGS = ("secondary", "unchecked", "variant-unclear", "not-comparable", "shots-at-most")
"""``not-comparable``: kept for the record (misattributed variant, no primary table), never compared;
``shots-at-most``: ``shots`` is an upper bound (the source chose k up to it, per run, and does not say which)."""
MODES = ("fit", "fine-tuned", "zero-shot", "few-shot", "instruction-fine-tuned", "linear-probe", "box-prompted")
"""How a model is used: trained from scratch on the user's labels (classic ML, light networks; for images
"trained from scratch"), fine-tuned on them (an encoder, an ImageNet-initialised CNN), prompted with no
example, prompted with k examples in every item's input, instruction-fine-tuned on the task's training set
(an LLM), a linear head trained on a frozen backbone's features (DINOv2), or a promptable segmenter given
one box per object (SAM, MedSAM)."""
SPLITS = ("test", "test-200", "dev", "dev-50", "cv-5")
"""Which items a score was measured on: the full test set, a 200-item subset of it, the development set,
the mean of a 5-fold cross-validation on the training set (nnU-Net's tables)."""
VISION_ARCHITECTURES = ("cnn", "unet", "vit")
"""Architectures the vision estimator covers: forward FLOPs per image from ``vision.csv``."""
LIGHT_FAMILIES = ("classic-ml", "light-dnn", "encoder")
"""Families the guidance puts first: classic ML, light networks, encoders."""
GENERATIVE_FAMILIES = ("small-lm", "llm", "hosted")
GENERATIVE_ARCHITECTURES = ("decoder", "moe-decoder", "encoder-decoder")
"""Architectures that generate tokens."""


# -- column parsers: each takes the cell text and returns the value or raises ValueError(expected)

def _text(required: bool = False) -> Callable[[str], Any]:
    def parse(cell: str) -> str:
        if required and not cell:
            raise ValueError("a non-empty value")
        return cell
    return parse


CELL_MAX = 1e15
"""The largest number a catalog cell may hold (parameter counts stay far below; a larger one is a mistake)."""


def _number(kind: type, required: bool = False, positive: bool = True) -> Callable[[str], Any]:
    expected = ("a positive " if positive else "a ") + ("integer" if kind is int else "number") + \
        " of at most 1e15"

    def parse(cell: str) -> Any:
        if not cell:
            if required:
                raise ValueError(expected)
            return None
        try:
            value = float(cell)
        except ValueError:
            raise ValueError(expected) from None
        if not math.isfinite(value) or abs(value) > CELL_MAX:
            raise ValueError(expected)
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
    mode: str = col(_choice(MODES))
    """How the model was used for this score (``MODES``)."""
    shots: int | None = col(_number(int))
    """Examples in every prompt, for ``few-shot`` (empty: not stated or not few-shot)."""
    split: str = col(_choice(SPLITS))
    """Items scored (``SPLITS``); a score is compared only with scores on the same benchmark, metric and split."""
    method: str = col(_choice(METHODS))
    source: str = col(_text(True))
    source_url: str = col(_text())
    flags: tuple[str, ...] = col(_items(QUALITY_FLAGS))
    notes: str = col(_text())

    @property
    def comparable(self) -> bool:
        """Whether the score may be compared at all (not flagged ``not-comparable``)."""
        return "not-comparable" not in self.flags

    @property
    def comparison_key(self) -> tuple[str, str, str]:
        """Benchmark, metric and split: only scores with equal keys are compared."""
        return (self.benchmark, self.metric, self.split)


@dataclass(frozen=True)
class Reference:
    """The one benchmark options are compared on for a question (task, domain, data language).

    An empty ``benchmark`` says that no benchmark serves: quality is unknown for every option."""

    task: str = col(_text(True))
    domain: str = col(_choice(DOMAINS))
    data_lang: str = col(_text(True))
    """ISO 639-1 code of the data's language."""
    benchmark: str = col(_text())
    metric: str = col(_text())
    split: str | None = col(_choice(SPLITS, required=False))
    reason: str = col(_text(True))
    """Why this benchmark (or none) was chosen."""
    source: str = col(_text(True))

    @property
    def comparison_key(self) -> tuple[str, str, str | None]:
        """Benchmark, metric and split: the scores this reference compares (``QualityScore.comparison_key``)."""
        return (self.benchmark, self.metric, self.split)


@dataclass(frozen=True)
class VisionFacts:
    """Compute facts of an image model (``catalog/vision.csv``): forward cost per image at a resolution.

    ``gflops_per_item`` follows torchvision's convention: multiply-adds (GMACs; ResNet-50 = 4.09);
    forward FLOPs = 2 × 1e9 × gflops_per_item. Ultralytics' figures (2 × MACs) are halved on entry."""

    model_id: str = col(_text(True))
    gflops_per_item: float = col(_number(float, required=True))
    """Multiply-adds per image (or per 3-D patch), billions, torchvision's convention."""
    gflops_per_item_low: float | None = col(_number(float))
    gflops_per_item_high: float | None = col(_number(float))
    resolution: str = col(_text(True))
    """Input size the figure holds for (``224x224``, ``128x128x128 patch``)."""
    method: str = col(_choice(METHODS))
    source: str = col(_text(True))
    source_url: str = col(_text())
    notes: str = col(_text())


DISCLOSED_QUANTITIES = ("energy_wh", "carbon_g", "water_ml", "adpe_mg_sb")
"""What a hosted platform discloses per prompt: Wh, g CO2e, mL of water, mg Sb eq (abiotic depletion)."""


@dataclass(frozen=True)
class HostedDisclosure:
    """A figure a hosted platform publishes about its own prompts, shown beside frugal's estimate."""

    model_id: str = col(_text(True))
    quantity: str = col(_choice(DISCLOSED_QUANTITIES))
    value: float = col(_number(float, required=True))
    """In the quantity's unit, per ``per``."""
    per: str = col(_text(True))
    """What one value covers, as the provider says it (``median Gemini Apps text prompt``)."""
    boundary: str = col(_text(True))
    date: str = col(_text())
    source: str = col(_text(True))
    source_url: str = col(_text())
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


EMBODIED_PARTS = ("accelerator", "host", "device")
"""What an embodied figure covers: one accelerator card, the server that hosts ``devices_per_host`` of
them (without its cards), or a whole machine (a CPU server, a workstation, a laptop)."""
EMBODIED_CRITERIA = ("gwp_kg", "adpe_kg_sbeq", "pe_mj")
"""Manufacturing impacts: kg CO2e, kg Sb eq (abiotic depletion, elements), MJ (primary energy)."""


@dataclass(frozen=True)
class EmbodiedImpact:
    """One manufacturing impact of one part of a hardware profile (``catalog/embodied.csv``)."""

    hardware: str = col(_text(True))
    part: str = col(_choice(EMBODIED_PARTS))
    criterion: str = col(_choice(EMBODIED_CRITERIA))
    value: float = col(_number(float, required=True))
    low: float | None = col(_number(float))
    high: float | None = col(_number(float))
    devices_per_host: int | None = col(_number(int))
    """Accelerators a ``host`` server holds (its share is devices used / this)."""
    method: str = col(_choice(METHODS))
    source: str = col(_text(True))
    source_url: str = col(_text())
    notes: str = col(_text())


@dataclass(frozen=True)
class GridImpacts:
    """Abiotic depletion and primary energy of a zone's electricity (``catalog/grid_impacts.csv``)."""

    zone: str = col(_text(True))
    adpe_kg_sbeq_per_kwh: float = col(_number(float, required=True))
    pe_mj_per_kwh: float = col(_number(float, required=True))
    source: str = col(_text(True))
    source_url: str = col(_text())
    notes: str = col(_text())


def parsers(record_type: type) -> list[tuple[str, Callable[[str], Any]]]:
    """(column, parser) of every field of a record type, in column order."""
    return [(f.name, f.metadata["parse"]) for f in fields(record_type)]
