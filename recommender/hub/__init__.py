"""Hugging Face Hub: read a model's facts and map them to a catalog ``Model`` row.

Network access happens only in ``fetch_facts`` and ``search`` (``frugal catalog add-from-hub`` and
``search-hub``); ``huggingface_hub`` is imported inside them. Settings are read from the environment
at call time: ``HF_ENDPOINT`` (default https://huggingface.co), ``HF_TOKEN`` (read by the client),
``HF_HUB_OFFLINE`` (refuse before any request) and ``HF_HUB_ETAG_TIMEOUT`` (seconds per request,
default 10). Every expected failure becomes a one-line ``HubError``.

The mapping (``model_from_facts``) is pure: facts in, ``Model`` out. What is read and where it goes
is listed in docs/hub.md.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from ..catalog import DOMAINS, Catalog, Hardware, Model
from ..errors import HubError, InvalidInput, unknown_value
from ..footprint.physics import BYTES_PER_PARAM, MEMORY_HEADROOM

DEFAULT_ENDPOINT = "https://huggingface.co"
DEFAULT_TIMEOUT_S = 10.0
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

LAYER_KEYS = ("num_hidden_layers", "n_layer", "num_layers", "n_layers", "encoder_layers")
HIDDEN_KEYS = ("hidden_size", "d_model", "n_embd", "dim")
HEAD_KEYS = ("num_attention_heads", "n_head", "num_heads", "n_heads", "encoder_attention_heads")
CONTEXT_KEYS = ("max_position_embeddings", "n_positions", "n_ctx", "max_sequence_length")
FFN_KEYS = ("intermediate_size", "d_ff", "n_inner", "hidden_dim", "ffn_dim", "encoder_ffn_dim")

BIOMED_TAGS = {"biology", "medical", "biomedical", "bio", "chemistry", "genomics"}
DTYPES = {"bfloat16": "bf16", "float16": "fp16"}


@dataclass(frozen=True)
class Settings:
    """How to reach the Hub, read from the environment when a command runs."""

    endpoint: str
    offline: bool
    timeout_s: float
    """Seconds to wait for each answer."""

    @classmethod
    def from_env(cls) -> "Settings":
        timeout = os.environ.get("HF_HUB_ETAG_TIMEOUT", "")
        try:
            timeout_s = float(timeout) if timeout else DEFAULT_TIMEOUT_S
        except ValueError:
            raise InvalidInput(f"HF_HUB_ETAG_TIMEOUT must be a number of seconds; got '{timeout}'.") from None
        offline = os.environ.get("HF_HUB_OFFLINE", "").upper() in ("1", "ON", "YES", "TRUE")
        return cls((os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/"), offline, timeout_s)


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


# -- network

@contextmanager
def _session(settings: Settings, what: str, repo_id: str = "") -> Iterator[None]:
    """Run Hub calls with the settings' timeout; turn the client's failures into one-line HubErrors."""
    if settings.offline:
        raise HubError(f"HF_HUB_OFFLINE is set, so frugal does not reach the Hugging Face Hub. Unset it to {what}.")
    import sys

    try:
        from huggingface_hub import errors, get_session
    except ImportError:
        raise HubError("the Hub commands need the huggingface_hub package: pip install 'frugal[hub]'.") from None
    from huggingface_hub.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the client's retry warnings would scatter over our one-line errors
    session = get_session()
    http = sys.modules[type(session).__module__.split(".")[0]]  # httpx (huggingface_hub 1.x) or httpx2 (2.x)
    previous_timeout = session.timeout
    session.timeout = http.Timeout(settings.timeout_s)
    hub = f"the Hugging Face Hub at {settings.endpoint}"
    try:
        yield
    except errors.OfflineModeIsEnabled:
        raise HubError(f"HF_HUB_OFFLINE is set, so frugal does not reach the Hugging Face Hub. "
                       f"Unset it to {what}.") from None
    except errors.GatedRepoError:
        raise HubError(f"'{repo_id}' is gated on the Hugging Face Hub: accept its conditions on its page, then "
                       f"set HF_TOKEN to a token with access.") from None
    except errors.RepositoryNotFoundError:
        raise HubError(f"no model '{repo_id}' on {hub}. Check the id (owner/name); a private model needs "
                       f"HF_TOKEN.") from None
    except errors.RemoteEntryNotFoundError:
        raise HubError(f"'{repo_id}' has no config.json on the Hub: frugal imports transformer models described "
                       f"by a config.json.") from None
    except errors.HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise HubError(f"{hub} answered HTTP {status} when asked to {what}. Try again later.") from None
    except http.TimeoutException:
        raise HubError(f"{hub} did not answer within {settings.timeout_s:g} s. Try again later, or set "
                       f"HF_HUB_ETAG_TIMEOUT to more seconds.") from None
    except (http.TransportError, OSError):
        # OSError: hf_hub_download reports a failed connection without a cached copy as LocalEntryNotFoundError
        raise HubError(f"cannot reach {hub}. Check the network connection, or HF_ENDPOINT.") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        # json.JSONDecodeError is a ValueError; a JSON answer of the wrong shape fails in ModelInfo(**data)
        raise HubError(f"{hub} sent an answer frugal cannot read when asked to {what} (not the JSON "
                       f"it expects).") from None
    finally:
        if get_session() is session:
            session.timeout = previous_timeout


def _facts(info: Any, config: dict[str, Any]) -> Facts:
    """Facts from a ``huggingface_hub.ModelInfo`` and a config (full config.json or the Hub's summary)."""
    card = info.card_data
    get = (lambda key: card.get(key)) if card is not None else (lambda key: None)  # noqa: E731
    licence = get("license") or ""
    if licence == "other" and get("license_name"):
        licence = get("license_name")
    if not licence:
        licence = next((t.removeprefix("license:") for t in info.tags or () if t.startswith("license:")), "")
    languages = get("language") or ()
    if isinstance(languages, str):
        languages = (languages,)
    return Facts(
        repo_id=info.id,
        sha=info.sha or "",
        pipeline_tag=info.pipeline_tag or "",
        tags=tuple(info.tags or ()),
        library=info.library_name or "",
        licence=str(licence),
        languages=tuple(str(lang) for lang in languages),
        created=info.created_at.strftime("%Y-%m") if info.created_at else "",
        params_total=info.safetensors.total if info.safetensors else None,
        config=config,
        co2_eq_emissions=get("co2_eq_emissions"),
        downloads=info.downloads,
    )


def fetch_facts(repo_id: str, settings: Settings | None = None) -> Facts:
    """Read one model's facts: ``HfApi.model_info`` and its config.json (``hf_hub_download``)."""
    settings = settings or Settings.from_env()
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repo_id):
        raise InvalidInput(f"a Hugging Face model id is owner/name, e.g. dmis-lab/biobert-v1.1; got '{repo_id}'.")
    with _session(settings, f"describe '{repo_id}'", repo_id):
        from huggingface_hub import HfApi, hf_hub_download

        info = HfApi(endpoint=settings.endpoint).model_info(repo_id, timeout=settings.timeout_s)
        config_path = hf_hub_download(repo_id, "config.json", revision=info.sha, endpoint=settings.endpoint,
                                      etag_timeout=settings.timeout_s)
        with open(config_path, encoding="utf-8") as handle:
            config = json.load(handle)
        if not isinstance(config, dict):
            raise ValueError("config.json is not an object")
        return _facts(info, config)


def search(pipeline_tags: tuple[str, ...], pool: int, settings: Settings | None = None) -> list[Facts]:
    """The ``pool`` most downloaded models of each pipeline tag (``HfApi.list_models``), without duplicates."""
    settings = settings or Settings.from_env()
    found: dict[str, Facts] = {}
    with _session(settings, "search the Hub"):
        from huggingface_hub import HfApi

        api = HfApi(endpoint=settings.endpoint)
        for tag in pipeline_tags:
            for info in api.list_models(pipeline_tag=tag, sort="downloads", limit=pool,
                                        expand=["safetensors", "config", "pipeline_tag", "tags", "library_name",
                                                "downloads", "cardData", "createdAt"]):
                found.setdefault(info.id, _facts(info, info.config or {}))
    return list(found.values())


# -- mapping: Hub facts -> catalog row

def _config_int(config: dict[str, Any], keys: tuple[str, ...]) -> int | None:
    for key in keys:
        value = config.get(key)
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
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
    routed = _config_int(config, ("num_experts_per_tok", "moe_topk")) or 2
    return params_total - layers * _mlp_params(config, hidden) * (experts - routed)


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


def _gpu_for(params_total: int, precision: str, hardware: dict[str, Hardware]) -> str:
    """The smallest-memory GPU profile that holds the weights (lowest power on a tie), else the largest."""
    gpus = sorted((h for h in hardware.values() if h.kind == "gpu"), key=lambda h: (h.memory_gb, h.tdp_w))
    if not gpus:
        raise HubError("the catalog has no GPU hardware profile for a generative model.")
    need_gb = params_total * BYTES_PER_PARAM[precision] * MEMORY_HEADROOM / 1e9
    return next((h.id for h in gpus if h.memory_gb >= need_gb), gpus[-1].id)


def _emissions_note(declared: Any) -> str:
    grams = lambda g: f"{g:,.0f}" if g >= 100 else f"{g:.3g}"  # noqa: E731
    if isinstance(declared, (int, float)) and not isinstance(declared, bool):
        return f"Declared training emissions: {grams(declared)} g CO2e (model card; source not stated)."
    if isinstance(declared, dict) and isinstance(declared.get("emissions"), (int, float)):
        details = [f"source: {declared.get('source') or 'not stated'}"]
        details += [f"{key.replace('_', ' ')}: {declared[key]}" for key in
                    ("training_type", "geographical_location", "hardware_used") if declared.get(key)]
        return f"Declared training emissions: {grams(declared['emissions'])} g CO2e ({'; '.join(details)})."
    return ""


def slug(repo_id: str) -> str:
    """A command-line id from a repo id's name: ``dmis-lab/BioBERT_v1.1`` -> ``biobert-v1.1``."""
    return re.sub(r"[^a-z0-9.]+", "-", repo_id.split("/")[-1].lower()).strip("-")


def model_from_facts(facts: Facts, catalog: Catalog, *, model_id: str | None = None,
                     tasks: tuple[str, ...] = (), domain: str | None = None, today: str = "") -> Model:
    """The catalog row for ``facts`` (``hosting`` local). ``tasks`` and ``domain`` override the ones read
    from the pipeline tag and the tags; tasks unknown to the catalog are left out."""
    repo = facts.repo_id
    config = facts.config
    architecture = architecture_of(config)
    if architecture is None:
        raise HubError(f"cannot tell the architecture of '{repo}' from its config.json (model_type "
                       f"'{config.get('model_type') or ''}'): frugal imports encoder, decoder, encoder-decoder "
                       f"and mixture-of-experts transformers.")
    for task in tasks:
        catalog.task(task)
    if domain is not None and domain not in DOMAINS:
        raise unknown_value("domain", domain, DOMAINS)
    mapped, data_kind = PIPELINE_TASKS.get(facts.pipeline_tag, ((), "text"))
    model_tasks = tasks or tuple(t for t in mapped if t in catalog.tasks)
    if not model_tasks:
        raise HubError(f"cannot tell which frugal task '{repo}' serves (pipeline tag "
                       f"'{facts.pipeline_tag or 'none'}'). Give --task (frugal catalog tasks).")

    notes = [f"Imported from huggingface.co/{repo}" + (f" on {today}" if today else "")
             + f" (pipeline tag {facts.pipeline_tag or 'none'}; library {facts.library or 'not stated'})."]
    params_total, method = facts.params_total, "published"
    source = "Hugging Face Hub, safetensors metadata"
    if params_total is None:
        params_total, method = params_from_config(config, architecture), "estimated"
        source = "frugal estimate from config.json (no safetensors metadata)"
        notes.append("Parameters estimated from config.json: attention, feed-forward and embedding weights.")
    if params_total is None:
        raise HubError(f"cannot tell the parameter count of '{repo}': no safetensors metadata, and its config.json "
                       f"lacks the sizes (hidden size, layers, heads, vocabulary).")
    params_active = None
    if architecture == "moe-decoder":
        params_active, method = active_params(config, params_total), "estimated"
        notes.append(f"Mixture of experts: active parameters estimated from config.json "
                     f"({_experts(config)} experts, {_config_int(config, ('num_experts_per_tok',)) or 2} per token).")
    if facts.pipeline_tag == "fill-mask":
        notes.append("Fill-mask encoder: classification and ner are the tasks it can be fine-tuned for.")

    generative = architecture in ("decoder", "encoder-decoder", "moe-decoder")
    instruct = "conversational" in facts.tags or re.search(r"instruct|chat|-it\b", repo.lower()) is not None
    if not generative:
        family = "encoder" if architecture == "encoder" else "light-dnn"
        precision, hardware, setup = "fp32", "cpu-workstation", "fine-tune"
    else:
        family = "small-lm" if params_total < SMALL_LM_MAX_PARAMS else "llm"
        precision = DTYPES.get(str(config.get("torch_dtype") or config.get("dtype")), "fp16")
        hardware = _gpu_for(params_total, precision, catalog.hardware)
        setup = "zero-shot" if instruct or facts.pipeline_tag in ("summarization", "translation") else "fine-tune"
    emissions = _emissions_note(facts.co2_eq_emissions)
    if emissions:
        notes.append(emissions)
    return Model(
        id=model_id or slug(repo), name=repo.split("/")[-1], family=family, architecture=architecture,
        params_total=params_total, params_total_low=None, params_total_high=None,
        params_active=params_active, params_active_low=None, params_active_high=None,
        params_method=method, params_source=source, params_source_url=f"https://huggingface.co/{repo}",
        layers=_config_int(config, LAYER_KEYS), hidden_size=_config_int(config, HIDDEN_KEYS),
        heads=_config_int(config, HEAD_KEYS), context_tokens=_config_int(config, CONTEXT_KEYS),
        tasks=model_tasks, data_kinds=(data_kind,), domains=(domain or domain_from(repo, facts.tags),),
        languages=_languages(facts.languages), licence=facts.licence, hosting="local", provider=repo.split("/")[0],
        datacenter="", hardware=hardware, precision=precision, setup=setup, hf_repo=repo,
        version=facts.sha[:12], released=facts.created, notes=" ".join(notes),
    )


def tasks_pipelines(task: str) -> tuple[str, ...]:
    """Pipeline tags whose models can serve ``task``."""
    tags = tuple(tag for tag, (tasks, _) in PIPELINE_TASKS.items() if task in tasks)
    if not tags:
        served = sorted({t for tasks, _ in PIPELINE_TASKS.values() for t in tasks})
        raise InvalidInput(f"no Hugging Face pipeline tag serves task '{task}'. Accepted: {', '.join(served)}.")
    return tags
