"""Hub facts -> catalog ``Model``: pure functions, no network, no ``huggingface_hub``.

``model_from_facts`` maps what the Hub says about a repository (``Facts``) to a catalog row;
config.json gives the architecture and, without safetensors metadata, the parameter count. What
is read and where it goes is listed in docs/hub.md. A fact the mapping cannot use is a one-line
``HubError``; anything else that goes wrong here is a frugal bug and raises as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..catalog import DOMAINS, GENERATIVE_ARCHITECTURES, Catalog, Hardware, Model
from ..errors import HubError, InvalidInput, unknown_value
from ..footprint.defaults import devices_needed
from ..units import COUNT_MAX, format_count, shown

SMALL_LM_MAX_PARAMS = 4_000_000_000
"""Generative models below this many parameters are ``small-lm``, others ``llm``."""

PIPELINE_TASKS: dict[str, tuple[tuple[str, ...], str]] = {
    "text-classification": (("classification",), "text"),
    "token-classification": (("ner",), "text"),
    "question-answering": (("question-answering",), "text"),
    "summarization": (("summarization",), "text"),
    "text-generation": (("text-generation",), "text"),
    "translation": (("translation",), "text"),
    "sentence-similarity": (("sentence-similarity",), "text"),
    "feature-extraction": (("sentence-similarity",), "text"),
    "image-classification": (("classification",), "image"),
    "image-segmentation": (("segmentation",), "image"),
    "fill-mask": (("classification", "ner"), "text"),
}
"""Hub pipeline tag -> (frugal task ids, data kind)."""

ENCODER_TYPES = {
    "bert", "roberta", "distilbert", "albert", "electra", "deberta", "deberta-v2", "xlm-roberta", "camembert",
    "flaubert", "mpnet", "modernbert", "longformer", "big_bird", "convbert", "ernie", "nomic_bert", "xlnet",
    "vit", "deit", "beit", "swin", "dinov2", "segformer",
}
DECODER_TYPES = {
    "llama", "mistral", "gpt2", "gpt_neo", "gpt_neox", "gptj", "qwen2", "qwen3", "phi", "phi3", "gemma", "gemma2",
    "gemma3_text", "falcon", "olmo", "olmo2", "biogpt", "opt", "bloom", "stablelm", "granite", "smollm3",
}
ENCODER_DECODER_TYPES = {"t5", "mt5", "umt5", "longt5", "bart", "mbart", "pegasus", "marian", "led", "m2m_100"}
CNN_TYPES = {"resnet", "convnext", "convnextv2", "efficientnet", "mobilenet_v2", "regnet"}
GATED_MLP_TYPES = {"llama", "mistral", "mixtral", "qwen2", "qwen2_moe", "qwen3", "qwen3_moe", "gemma", "gemma2",
                   "gemma3_text", "phi3", "olmo", "olmo2", "granite", "smollm3"}
"""Decoders whose MLP has three matrices (gate, up, down)."""
EXPERT_KEYS = ("num_local_experts", "num_experts", "n_routed_experts")
ROUTED_KEYS = ("num_experts_per_tok", "moe_topk")
DEFAULT_ROUTED = 2
"""Experts routed to per token when config.json does not say."""

LAYER_KEYS = ("num_hidden_layers", "n_layer", "num_layers", "n_layers", "encoder_layers")
HIDDEN_KEYS = ("hidden_size", "d_model", "n_embd", "dim")
HEAD_KEYS = ("num_attention_heads", "n_head", "num_heads", "n_heads", "encoder_attention_heads")
CONTEXT_KEYS = ("max_position_embeddings", "n_positions", "n_ctx", "max_sequence_length")
FFN_KEYS = ("intermediate_size", "d_ff", "n_inner", "hidden_dim", "ffn_dim", "encoder_ffn_dim")

BIOMED_TAGS = {"biology", "medical", "biomedical", "bio", "chemistry", "genomics"}
DTYPES = {"bfloat16": "bf16", "float16": "fp16"}
ZERO_SHOT_PIPELINES = ("summarization", "translation")
"""Pipelines whose models are used as they are, without a fine-tune."""


@dataclass(frozen=True)
class Facts:
    """What the Hub says about one model repository."""

    repo_id: str
    sha: str = ""
    pipeline_tag: str = ""
    tags: tuple[str, ...] = ()
    library: str = ""
    licence: str = ""
    languages: tuple[str, ...] = ()
    created: str = ""
    """Year-month, e.g. ``2024-09``."""
    params_total: int | None = None
    """Parameter count from the safetensors metadata."""
    config: dict[str, Any] = field(default_factory=dict)
    """config.json (add-from-hub) or the Hub's short config summary (search)."""
    co2_eq_emissions: Any = None
    """Declared training emissions from the model card: grams CO2e, or a dict with ``emissions``
    (grams) and ``source``, ``training_type``, ``geographical_location``, ``hardware_used``."""
    downloads: int | None = None


# -- config.json

def _config_int(config: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    for key in keys:
        value = config.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and 0 < value <= COUNT_MAX:  # beyond: not a size
            return value
    return None


def _experts(config: dict[str, Any]) -> int | None:
    experts = _config_int(config, EXPERT_KEYS)
    return experts if experts and experts > 1 else None


def architecture_of(config: dict[str, Any]) -> str | None:
    """frugal architecture from config.json's ``model_type`` and ``architectures``; None if unknown."""
    model_type = str(config.get("model_type") or "")
    classes = [str(a) for a in config.get("architectures") or ()]
    if _experts(config):
        return "moe-decoder"
    if config.get("is_encoder_decoder") or model_type in ENCODER_DECODER_TYPES:
        return "encoder-decoder"
    if model_type in DECODER_TYPES or any(a.endswith(("ForCausalLM", "LMHeadModel")) for a in classes):
        return "decoder"
    if model_type in ENCODER_TYPES or any(a.endswith(("ForMaskedLM", "ForSequenceClassification",
                                                       "ForTokenClassification", "ForQuestionAnswering"))
                                          for a in classes):
        return "encoder"
    if model_type in CNN_TYPES:
        return "cnn"
    return None


def _mlp_params(config: dict[str, Any], hidden: int) -> int:
    """Parameters of one feed-forward block (one expert), weights only."""
    ffn = _config_int(config, ("moe_intermediate_size",) if _experts(config) else ()) \
        or _config_int(config, FFN_KEYS) or 4 * hidden
    gated = config.get("model_type") in GATED_MLP_TYPES or config.get("hidden_act") == "silu"
    return (3 if gated else 2) * hidden * ffn


def params_from_config(config: dict[str, Any], architecture: str) -> int | None:
    """Total parameters estimated from config.json (weights of attention, feed-forward and embedding
    matrices; biases and norms left out); None when the config lacks the sizes."""
    hidden, layers = _config_int(config, HIDDEN_KEYS), _config_int(config, LAYER_KEYS)
    heads, vocab = _config_int(config, HEAD_KEYS), _config_int(config, ("vocab_size",))
    if not (hidden and layers and heads and vocab):
        return None
    head_dim = _config_int(config, ("head_dim",)) or hidden // heads
    kv_heads = _config_int(config, ("num_key_value_heads",)) or heads
    attention = 2 * hidden * heads * head_dim + 2 * hidden * kv_heads * head_dim
    mlp = _mlp_params(config, hidden) * (_experts(config) or 1)
    embeddings = vocab * hidden
    if architecture == "encoder":
        embeddings += (_config_int(config, CONTEXT_KEYS) or 0) * hidden  # learned absolute positions
    if config.get("tie_word_embeddings") is False:
        embeddings += vocab * hidden
    total = layers * (attention + mlp) + embeddings
    if architecture == "encoder-decoder":
        decoder_layers = _config_int(config, ("num_decoder_layers", "decoder_layers")) or layers
        total += decoder_layers * (2 * attention + mlp)  # self- and cross-attention
    return total


def active_params(config: dict[str, Any], params_total: int) -> int | None:
    """Parameters active per token of a mixture of experts: the total less the experts not routed to."""
    experts, hidden, layers = _experts(config), _config_int(config, HIDDEN_KEYS), _config_int(config, LAYER_KEYS)
    if not (experts and hidden and layers):
        return None
    routed = _config_int(config, ROUTED_KEYS) or DEFAULT_ROUTED
    return params_total - layers * _mlp_params(config, hidden) * (experts - routed)


# -- tags, names, model card

def domain_from(repo_id: str, tags: tuple[str, ...]) -> str:
    """``clinical`` or ``biomed`` when the tags or the repo name say so, else ``general``."""
    lowered = {t.lower() for t in tags}
    name = repo_id.lower()
    if "clinical" in lowered or "clinical" in name:
        return "clinical"
    if lowered & BIOMED_TAGS or re.search(r"bio|pubmed|medic|\bmed", name):
        return "biomed"
    return "general"


def _languages(codes: tuple[str, ...]) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(c.lower() for c in codes))
    if "multilingual" in codes or len(codes) >= 10:
        return ("multi",)
    return tuple(c for c in codes if re.fullmatch(r"[a-z]{2,3}", c))


def _grams(value: float) -> str:
    return f"{value:,.0f}" if value >= 100 else f"{value:.3g}"


def _emissions_note(declared: Any) -> str:
    """The model card's declared training emissions as a sentence for ``notes``; "" when none."""
    if isinstance(declared, (int, float)) and not isinstance(declared, bool):
        return f"Declared training emissions: {_grams(declared)} g CO2e (model card; source not stated)."
    if isinstance(declared, dict) and isinstance(declared.get("emissions"), (int, float)):
        details = [f"source: {declared.get('source') or 'not stated'}"]
        details += [f"{key.replace('_', ' ')}: {declared[key]}" for key in
                    ("training_type", "geographical_location", "hardware_used") if declared.get(key)]
        return f"Declared training emissions: {_grams(declared['emissions'])} g CO2e ({'; '.join(details)})."
    return ""


def slug(repo_id: str) -> str:
    """A command-line id from a repo id's name: ``dmis-lab/BioBERT_v1.1`` -> ``biobert-v1.1``."""
    return re.sub(r"[^a-z0-9.]+", "-", repo_id.split("/")[-1].lower()).strip("-")


def tasks_pipelines(task: str) -> tuple[str, ...]:
    """Pipeline tags whose models can serve ``task``."""
    tags = tuple(tag for tag, (tasks, _) in PIPELINE_TASKS.items() if task in tasks)
    if not tags:
        served = sorted({t for tasks, _ in PIPELINE_TASKS.values() for t in tasks})
        raise InvalidInput(f"no Hugging Face pipeline tag serves task '{task}'. Accepted: {', '.join(served)}.")
    return tags


# -- facts -> Model

@dataclass(frozen=True)
class _Parameters:
    total: int
    active: int | None
    method: str
    source: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class _Deployment:
    family: str
    precision: str
    hardware: str
    setup: str


def _gpu_for(params_total: int, precision: str, hardware: dict[str, Hardware]) -> str:
    """The smallest-memory GPU profile that holds the weights alone (lowest power on a tie), else the largest."""
    gpus = sorted((h for h in hardware.values() if h.kind == "gpu"), key=lambda h: (h.memory_gb, h.tdp_w))
    if not gpus:
        raise HubError("the catalog has no GPU hardware profile for a generative model.")
    return next((h.id for h in gpus if devices_needed(params_total, precision, h) == 1), gpus[-1].id)


def _tasks(facts: Facts, tasks: tuple[str, ...], catalog: Catalog) -> tuple[tuple[str, ...], str]:
    """(frugal tasks, data kind): ``tasks`` if given, else those of the pipeline tag the catalog has."""
    mapped, data_kind = PIPELINE_TASKS.get(facts.pipeline_tag, ((), "text"))
    model_tasks = tasks or tuple(t for t in mapped if t in catalog.tasks)
    if not model_tasks:
        raise HubError(f"cannot tell which frugal task '{facts.repo_id}' serves (pipeline tag "
                       f"'{facts.pipeline_tag or 'none'}'). Give --task (frugal catalog tasks).")
    return model_tasks, data_kind


def _parameters(facts: Facts, architecture: str) -> _Parameters:
    """The parameter count: safetensors metadata, else estimated from config.json; active ones of a MoE."""
    config, notes = facts.config, []
    total, method, source = facts.params_total, "published", "Hugging Face Hub, safetensors metadata"
    if total is None:
        total, method = params_from_config(config, architecture), "estimated"
        source = "frugal estimate from config.json (no safetensors metadata)"
        notes.append("Parameters estimated from config.json: attention, feed-forward and embedding weights.")
    if total is None:
        raise HubError(f"cannot tell the parameter count of '{facts.repo_id}': no safetensors metadata, and its "
                       f"config.json lacks the sizes (hidden size, layers, heads, vocabulary).")
    _check_count(facts.repo_id, "a parameter count", total)
    active = None
    if architecture == "moe-decoder":
        active, method = active_params(config, total), "estimated"
        if active is not None:
            _check_count(facts.repo_id, "an active parameter count", active, high=total)
        notes.append(f"Mixture of experts: active parameters estimated from config.json ({_experts(config)} "
                     f"experts, {_config_int(config, ROUTED_KEYS) or DEFAULT_ROUTED} per token).")
    return _Parameters(total, active, method, source, tuple(notes))


def _check_count(repo_id: str, what: str, value: Any, high: int = COUNT_MAX) -> None:
    """A count read from the Hub is a whole number from 1 to ``high``, else nothing is stored."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= high:
        raise HubError(f"the Hub gives '{repo_id}' {what} of '{shown(value)}': frugal takes a whole number from 1 "
                       f"to {format_count(high)}; nothing was stored.")


def _deployment(facts: Facts, architecture: str, params_total: int, catalog: Catalog) -> _Deployment:
    """Family, precision, hardware and setup: encoders and CNNs fine-tuned on a CPU in fp32;
    generative models on the smallest GPU that holds them, zero-shot when instruct or chat."""
    if architecture not in GENERATIVE_ARCHITECTURES:
        return _Deployment("encoder" if architecture == "encoder" else "light-dnn", "fp32", "cpu-workstation",
                           "fine-tune")
    config = facts.config
    precision = DTYPES.get(str(config.get("torch_dtype") or config.get("dtype")), "fp16")
    instruct = "conversational" in facts.tags or re.search(r"instruct|chat|-it\b", facts.repo_id.lower()) is not None
    zero_shot = instruct or facts.pipeline_tag in ZERO_SHOT_PIPELINES
    return _Deployment("small-lm" if params_total < SMALL_LM_MAX_PARAMS else "llm", precision,
                       _gpu_for(params_total, precision, catalog.hardware), "zero-shot" if zero_shot else "fine-tune")


def model_from_facts(facts: Facts, catalog: Catalog, *, model_id: str | None = None,
                     tasks: tuple[str, ...] = (), domain: str | None = None, today: str = "") -> Model:
    """The catalog row for ``facts`` (``hosting`` local). ``tasks`` and ``domain`` override the ones read
    from the pipeline tag and the tags. A given task the catalog lacks is refused; the pipeline
    tag's tasks the catalog lacks are left out."""
    repo, config = facts.repo_id, facts.config
    architecture = architecture_of(config)
    if architecture is None:
        raise HubError(f"cannot tell the architecture of '{repo}' from its config.json (model_type "
                       f"'{config.get('model_type') or ''}'): frugal imports encoder, decoder, encoder-decoder "
                       f"and mixture-of-experts transformers.")
    for task in tasks:
        catalog.task(task)
    if domain is not None and domain not in DOMAINS:
        raise unknown_value("domain", domain, DOMAINS)
    model_tasks, data_kind = _tasks(facts, tasks, catalog)
    params = _parameters(facts, architecture)
    deployment = _deployment(facts, architecture, params.total, catalog)
    notes = [f"Imported from huggingface.co/{repo}" + (f" on {today}" if today else "")
             + f" (pipeline tag {facts.pipeline_tag or 'none'}; library {facts.library or 'not stated'}).",
             *params.notes]
    if facts.pipeline_tag == "fill-mask":
        notes.append("Fill-mask encoder: classification and ner are the tasks it can be fine-tuned for.")
    emissions = _emissions_note(facts.co2_eq_emissions)
    if emissions:
        notes.append(emissions)
    return Model(
        id=model_id or slug(repo), name=repo.split("/")[-1], family=deployment.family, architecture=architecture,
        params_total=params.total, params_total_low=None, params_total_high=None,
        params_active=params.active, params_active_low=None, params_active_high=None,
        params_method=params.method, params_source=params.source, params_source_url=f"https://huggingface.co/{repo}",
        layers=_config_int(config, LAYER_KEYS), hidden_size=_config_int(config, HIDDEN_KEYS),
        heads=_config_int(config, HEAD_KEYS), context_tokens=_config_int(config, CONTEXT_KEYS),
        tasks=model_tasks, data_kinds=(data_kind,), domains=(domain or domain_from(repo, facts.tags),),
        languages=_languages(facts.languages), licence=facts.licence, hosting="local", provider=repo.split("/")[0],
        datacenter="", hardware=deployment.hardware, precision=deployment.precision, setup=deployment.setup,
        hf_repo=repo, version=facts.sha[:12], released=facts.created, notes=" ".join(notes),
    )
