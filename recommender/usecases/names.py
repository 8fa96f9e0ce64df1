"""Names people type: task aliases (Hugging Face pipeline tags, common spellings) and ISO 639-1
data-language codes, both case-insensitive, with suggestions that go through the same aliases."""

from __future__ import annotations

import difflib
from collections.abc import Collection

from ..errors import InvalidInput

TASK_ALIASES = {
    "text-classification": "classification",
    "sentiment-analysis": "classification",
    "zero-shot-classification": "classification",
    "tabular-classification": "classification",
    "tabular-regression": "regression",
    "token-classification": "ner",
    "named-entity-recognition": "ner",
    "image-segmentation": "segmentation",
    "semantic-segmentation": "segmentation",
    "instance-segmentation": "segmentation",
    "object-detection": "detection",
    "summarisation": "summarization",
    "relation-classification": "relation-extraction",
    "semantic-similarity": "sentence-similarity",
    "qa": "question-answering",
    "text2text-generation": "text-generation",
}
"""Other names of catalog tasks: Hugging Face pipeline tags and common spellings (keys lower case).
``image-classification`` is a task of its own (image data), not an alias of ``classification``."""

ISO_639_1 = frozenset("""
aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz
ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io
is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr
ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si
sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh
yi yo za zh zu""".split())
"""The ISO 639-1 two-letter language codes."""

LANGUAGE_NAMES = {
    "english": "en", "anglais": "en", "french": "fr", "français": "fr", "francais": "fr", "german": "de",
    "allemand": "de", "deutsch": "de", "spanish": "es", "espagnol": "es", "español": "es", "italian": "it",
    "italien": "it", "dutch": "nl", "portuguese": "pt", "polish": "pl", "romanian": "ro", "chinese": "zh",
    "japanese": "ja", "arabic": "ar", "russian": "ru",
}
"""Language names people type instead of the code, for the suggestion only."""


def _key(value: str) -> str:
    return value.strip().lower().replace("_", "-").replace(" ", "-")


def task_id(value: str, tasks: Collection[str]) -> str:
    """The catalog task ``value`` names (its id or an alias, any case); an unknown one raises
    ``InvalidInput`` with the closest task, found through the ids and the aliases."""
    key = _key(value)
    if key in tasks:
        return key
    if TASK_ALIASES.get(key) in tasks:
        return TASK_ALIASES[key]
    names = {t: t for t in tasks} | {a: t for a, t in TASK_ALIASES.items() if t in tasks}
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.6)
    message = f"unknown task '{value}'."
    if close:
        message += f" Did you mean '{names[close[0]]}'?"
    raise InvalidInput(message + f" Accepted: {', '.join(sorted(tasks))}.")


def language_code(value: str) -> str:
    """``value`` as a lower-case ISO 639-1 code (``FR`` is ``fr``); anything else raises ``InvalidInput``
    naming the code it most likely means (``french`` → ``fr``)."""
    code = value.strip().lower()
    if code in ISO_639_1:
        return code
    suggestion = LANGUAGE_NAMES.get(code)
    if suggestion is None:
        close = difflib.get_close_matches(code, list(LANGUAGE_NAMES), n=1, cutoff=0.75)
        suggestion = LANGUAGE_NAMES[close[0]] if close else None
    message = f"unknown data language '{value}'."
    if suggestion:
        message += f" Did you mean '{suggestion}'?"
    raise InvalidInput(message + " Accepted: an ISO 639-1 code (en, fr, de...).")
