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
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from ..errors import HubError, InvalidInput
from ..units import COUNT_MAX, shown
from .mapping import Facts

DEFAULT_ENDPOINT = "https://huggingface.co"
DEFAULT_TIMEOUT_S = 10.0
MAX_TIMEOUT_S = 600.0
"""The longest wait for one answer ``HF_HUB_ETAG_TIMEOUT`` may ask for, in seconds."""
MAX_ANSWER_BYTES = 8 * 1024 * 1024
"""The largest answer read from the Hub (8 MiB; a model's info or config.json is a few kB, a search
of 50 models about 1 MB): a larger one is refused before it is read whole."""
REPO_ID_MAX = 96
"""The longest Hugging Face repo id (the Hub's own limit)."""
_REPO_PART = r"(?!.*(?:--|\.\.))[A-Za-z0-9](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?"
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
            raise InvalidInput(f"HF_HUB_ETAG_TIMEOUT must be a number of seconds; got '{shown(timeout)}'.") from None
        if not (0 < timeout_s <= MAX_TIMEOUT_S):  # also refuses nan
            raise InvalidInput(f"HF_HUB_ETAG_TIMEOUT must be a number of seconds above 0 and at most "
                               f"{MAX_TIMEOUT_S:g}; got '{shown(timeout)}'.")
        offline = os.environ.get("HF_HUB_OFFLINE", "").upper() in ("1", "ON", "YES", "TRUE")
        return cls(_endpoint(os.environ.get("HF_ENDPOINT") or DEFAULT_ENDPOINT), offline, timeout_s)

    @property
    def hub(self) -> str:
        """The Hub in words, for messages."""
        return f"the Hugging Face Hub at {self.endpoint}"


def _endpoint(value: str) -> str:
    """``HF_ENDPOINT`` without its trailing slash, when it is an http(s) address with a host."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 -- raises ValueError when out of range
        valid = parts.scheme in ("http", "https") and bool(parts.hostname) and value.isprintable() \
            and " " not in value
    except ValueError:  # an unclosed IPv6 bracket, a port out of range
        valid = False
    if not valid:
        raise InvalidInput(f"HF_ENDPOINT must be an http:// or https:// address, e.g. {DEFAULT_ENDPOINT}; got "
                           f"'{shown(value)}'.")
    return value.rstrip("/")


def _offline(what: str) -> HubError:
    return HubError(f"HF_HUB_OFFLINE is set, so frugal does not reach the Hugging Face Hub. Unset it to {what}.")


def check_repo_id(repo_id: str) -> str:
    """``repo_id`` when it is a Hugging Face model id (``owner/name``: ASCII letters, digits, ``-``,
    ``_``, ``.``; at most 96 characters), else InvalidInput, before any look-up."""
    if len(repo_id) > REPO_ID_MAX or not re.fullmatch(f"{_REPO_PART}/{_REPO_PART}", repo_id, re.ASCII):
        raise InvalidInput(f"a Hugging Face model id is owner/name (letters, digits, '-', '_' and '.'; at most "
                           f"{REPO_ID_MAX} characters), e.g. dmis-lab/biobert-v1.1; got '{shown(repo_id)}'.")
    return repo_id


class _AnswerTooLarge(Exception):
    """An answer over ``MAX_ANSWER_BYTES``, or compressed although frugal asked for none."""


def _answer_cap(http: Any) -> Any:
    """A response hook of ``http`` (httpx or httpx2) that refuses an answer over ``MAX_ANSWER_BYTES``
    by its length, and stops reading one that grows past it without saying its length."""

    class CappedStream(http.SyncByteStream):
        def __init__(self, stream: Any) -> None:
            self._stream, self._read = stream, 0

        def __iter__(self) -> Iterator[bytes]:
            for chunk in self._stream:
                self._read += len(chunk)
                if self._read > MAX_ANSWER_BYTES:
                    raise _AnswerTooLarge
                yield chunk

        def close(self) -> None:
            self._stream.close()

    def cap(response: Any) -> None:
        length = response.headers.get("Content-Length", "")
        if (length.isdigit() and int(length) > MAX_ANSWER_BYTES) \
                or response.headers.get("Content-Encoding", "identity").lower() != "identity":
            raise _AnswerTooLarge
        response.stream = CappedStream(response.stream)

    return cap


def _ask_identity(request: Any) -> None:
    request.headers["Accept-Encoding"] = "identity"  # a compressed answer could inflate past any cap


@contextmanager
def _client_import() -> Iterator[None]:
    """Import ``huggingface_hub`` without the timeouts it reads from the environment at import
    (``int()`` of them: ``1.5`` would crash it); frugal passes its own timeout to every call."""
    hidden = {name: os.environ.pop(name) for name in ("HF_HUB_ETAG_TIMEOUT", "HF_HUB_DOWNLOAD_TIMEOUT")
              if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(hidden)


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
        with _client_import():
            from huggingface_hub import errors, get_session
    except ImportError:
        from ..version import install_hint

        raise HubError(f"the Hub commands need the huggingface_hub package: {install_hint('hub')}.") from None
    from huggingface_hub.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # the client's retry warnings would scatter over our one-line errors
    session = get_session()
    http = sys.modules[type(session).__module__.split(".")[0]]  # httpx (huggingface_hub 1.x) or httpx2 (2.x)
    previous_timeout, previous_hooks = session.timeout, session.event_hooks
    session.timeout = http.Timeout(settings.timeout_s)
    session.event_hooks = {"request": [*previous_hooks["request"], _ask_identity],
                           "response": [*previous_hooks["response"], _answer_cap(http)]}
    try:
        yield
    except _AnswerTooLarge:
        raise HubError(f"{settings.hub} sent an answer larger than {MAX_ANSWER_BYTES // 2**20} MiB (or compressed) "
                       f"when asked to {what}; frugal reads at most {MAX_ANSWER_BYTES // 2**20} MiB and stored "
                       f"nothing.") from None
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
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        # json.JSONDecodeError is a ValueError; a JSON answer of the wrong shape fails in ModelInfo(**data);
        # JSON nested thousands deep exhausts the parser's recursion
        raise _unreadable(settings, what) from None
    finally:
        if get_session() is session:
            session.timeout, session.event_hooks = previous_timeout, previous_hooks


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
    check_repo_id(repo_id)
    settings = settings or HubSettings.from_env()
    what = f"describe '{repo_id}'"
    with _client_calls(settings, what, repo_id), tempfile.TemporaryDirectory(prefix="frugal-hub-") as cache:
        from huggingface_hub import HfApi, hf_hub_download

        info = HfApi(endpoint=settings.endpoint).model_info(repo_id, timeout=settings.timeout_s)
        _check_answer(info, repo_id, settings)
        # a throw-away cache: nothing of the Hub's is left on disk, whole or partial
        config_path = hf_hub_download(repo_id, "config.json", revision=info.sha, endpoint=settings.endpoint,
                                      etag_timeout=settings.timeout_s, cache_dir=cache)
        with open(config_path, encoding="utf-8") as handle:
            config = json.load(handle)
    if not isinstance(config, dict):
        raise _unreadable(settings, what)
    return _facts(info, config)


def _check_answer(info: Any, repo_id: str, settings: HubSettings) -> None:
    """The Hub's answer describes ``repo_id`` at a commit named by a hash; else a HubError."""
    answered = info.id if isinstance(info.id, str) else ""
    if answered.lower() != repo_id.lower():
        raise HubError(f"{settings.hub} answered about '{shown(answered)}' when asked to describe '{repo_id}'; "
                       f"nothing was stored. If the model was renamed, add it by its new id.")
    if not (isinstance(info.sha, str) and re.fullmatch(r"[0-9a-f]{40}", info.sha)):
        raise HubError(f"{settings.hub} gave '{repo_id}' a commit '{shown(info.sha)}' that is not a commit hash "
                       f"(40 hexadecimal digits); nothing was stored.")


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
        if isinstance(info.id, str) and info.id not in found:
            facts = _facts(info, info.config if isinstance(info.config, dict) else {})
            # a listing shows an unusable count as unknown; add-from-hub refuses it (mapping._check_count)
            found[info.id] = replace(facts, params_total=_sane_count(facts.params_total, low=1),
                                     downloads=_sane_count(facts.downloads, low=0))
    return list(found.values())


def _sane_count(value: Any, low: int) -> int | None:
    """``value`` when it is a whole number from ``low`` to ``COUNT_MAX``, else None."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= COUNT_MAX:
        return None
    return value
