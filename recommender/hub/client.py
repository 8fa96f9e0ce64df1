"""Hugging Face Hub client: the only module of frugal that reaches the network.

``fetch_facts`` (``frugal catalog add-from-hub``) and ``search`` (``search-hub``) call
``huggingface_hub``, imported inside them. ``HubSettings.from_env`` reads the environment at call
time: ``HF_ENDPOINT`` (default https://huggingface.co), ``HF_TOKEN`` (read by the client),
``HF_HUB_OFFLINE`` (refuse before any request) and ``HF_HUB_ETAG_TIMEOUT`` (seconds per request,
default 10). A failure of the client calls becomes a one-line ``HubError``; the answers are then
turned into ``Facts`` outside that scope, so that a bug of frugal's raises as a bug.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from ..errors import HubError, InvalidInput
from .mapping import Facts

DEFAULT_ENDPOINT = "https://huggingface.co"
DEFAULT_TIMEOUT_S = 10.0
SEARCH_FIELDS = ["safetensors", "config", "pipeline_tag", "tags", "library_name", "downloads", "cardData",
                 "createdAt"]
"""What ``search`` asks ``list_models`` to expand for each model."""


@dataclass(frozen=True)
class HubSettings:
    """How to reach the Hub, read from the environment when a command runs."""

    endpoint: str
    """Base URL, without a trailing slash."""
    offline: bool
    """``HF_HUB_OFFLINE`` is set: refuse before any request."""
    timeout_s: float
    """Seconds to wait for each answer."""

    @classmethod
    def from_env(cls) -> "HubSettings":
        timeout = os.environ.get("HF_HUB_ETAG_TIMEOUT", "")
        try:
            timeout_s = float(timeout) if timeout else DEFAULT_TIMEOUT_S
        except ValueError:
            raise InvalidInput(f"HF_HUB_ETAG_TIMEOUT must be a number of seconds; got '{timeout}'.") from None
        offline = os.environ.get("HF_HUB_OFFLINE", "").upper() in ("1", "ON", "YES", "TRUE")
        return cls((os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT).rstrip("/"), offline, timeout_s)

    @property
    def hub(self) -> str:
        """The Hub in words, for messages."""
        return f"the Hugging Face Hub at {self.endpoint}"


def _offline(what: str) -> HubError:
    return HubError(f"HF_HUB_OFFLINE is set, so frugal does not reach the Hugging Face Hub. Unset it to {what}.")


def _unreadable(settings: HubSettings, what: str) -> HubError:
    return HubError(f"{settings.hub} sent an answer frugal cannot read when asked to {what} (not the JSON "
                    f"it expects).")


@contextmanager
def _client_calls(settings: HubSettings, what: str, repo_id: str = "") -> Iterator[None]:
    """Run ``huggingface_hub`` calls, and only those, with the settings' timeout; turn the client's
    failures into one-line HubErrors. ``what`` completes "when asked to ..."."""
    if settings.offline:
        raise _offline(what)
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
    try:
        yield
    except errors.OfflineModeIsEnabled:
        raise _offline(what) from None
    except errors.GatedRepoError:
        raise HubError(f"'{repo_id}' is gated on the Hugging Face Hub: accept its conditions on its page, then "
                       f"set HF_TOKEN to a token with access.") from None
    except errors.RepositoryNotFoundError:
        raise HubError(f"no model '{repo_id}' on {settings.hub}. Check the id (owner/name); a private model needs "
                       f"HF_TOKEN.") from None
    except errors.RemoteEntryNotFoundError:
        raise HubError(f"'{repo_id}' has no config.json on the Hub: frugal imports transformer models described "
                       f"by a config.json.") from None
    except errors.HfHubHTTPError as exc:
        status = exc.response.status_code if exc.response is not None else "?"
        raise HubError(f"{settings.hub} answered HTTP {status} when asked to {what}. Try again later.") from None
    except http.TimeoutException:
        raise HubError(f"{settings.hub} did not answer within {settings.timeout_s:g} s. Try again later, or set "
                       f"HF_HUB_ETAG_TIMEOUT to more seconds.") from None
    except (http.TransportError, OSError):
        # OSError: hf_hub_download reports a failed connection without a cached copy as LocalEntryNotFoundError
        raise HubError(f"cannot reach {settings.hub}. Check the network connection, or HF_ENDPOINT.") from None
    except (ValueError, TypeError, KeyError, AttributeError):
        # json.JSONDecodeError is a ValueError; a JSON answer of the wrong shape fails in ModelInfo(**data)
        raise _unreadable(settings, what) from None
    finally:
        if get_session() is session:
            session.timeout = previous_timeout


def _strings(value: Any) -> tuple[str, ...]:
    """A model card's one-or-many field (``language``) as a tuple of strings."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, (list, tuple)):
        return tuple(str(v) for v in value)
    return ()


def _facts(info: Any, config: dict[str, Any]) -> Facts:
    """Facts from a ``huggingface_hub.ModelInfo`` and a config (full config.json or the Hub's summary)."""
    card = info.card_data
    get = card.get if card is not None else (lambda key: None)
    licence = get("license") or ""
    if licence == "other" and get("license_name"):
        licence = get("license_name")
    if not licence:
        licence = next((t.removeprefix("license:") for t in info.tags or () if t.startswith("license:")), "")
    return Facts(
        repo_id=info.id,
        sha=info.sha or "",
        pipeline_tag=info.pipeline_tag or "",
        tags=tuple(info.tags or ()),
        library=info.library_name or "",
        licence=str(licence),
        languages=_strings(get("language")),
        created=info.created_at.strftime("%Y-%m") if info.created_at else "",
        params_total=info.safetensors.total if info.safetensors else None,
        config=config,
        co2_eq_emissions=get("co2_eq_emissions"),
        downloads=info.downloads,
    )


def fetch_facts(repo_id: str, settings: HubSettings | None = None) -> Facts:
    """Read one model's facts: ``HfApi.model_info`` and its config.json (``hf_hub_download``)."""
    settings = settings or HubSettings.from_env()
    if not re.fullmatch(r"[\w.-]+/[\w.-]+", repo_id):
        raise InvalidInput(f"a Hugging Face model id is owner/name, e.g. dmis-lab/biobert-v1.1; got '{repo_id}'.")
    what = f"describe '{repo_id}'"
    with _client_calls(settings, what, repo_id):
        from huggingface_hub import HfApi, hf_hub_download

        info = HfApi(endpoint=settings.endpoint).model_info(repo_id, timeout=settings.timeout_s)
        config_path = hf_hub_download(repo_id, "config.json", revision=info.sha, endpoint=settings.endpoint,
                                      etag_timeout=settings.timeout_s)
        with open(config_path, encoding="utf-8") as handle:
            config = json.load(handle)
    if not isinstance(config, dict):
        raise _unreadable(settings, what)
    return _facts(info, config)


def search(pipeline_tags: tuple[str, ...], pool: int, settings: HubSettings | None = None) -> list[Facts]:
    """The ``pool`` most downloaded models of each pipeline tag (``HfApi.list_models``), without duplicates."""
    settings = settings or HubSettings.from_env()
    with _client_calls(settings, "search the Hub"):
        from huggingface_hub import HfApi

        api = HfApi(endpoint=settings.endpoint)
        answers = [info for tag in pipeline_tags
                   for info in api.list_models(pipeline_tag=tag, sort="downloads", limit=pool, expand=SEARCH_FIELDS)]
    found: dict[str, Facts] = {}
    for info in answers:
        if info.id not in found:
            found[info.id] = _facts(info, info.config if isinstance(info.config, dict) else {})
    return list(found.values())
