"""The language of a text column, from how often common French and English words occur: aggregates
only (shares of words), never a word or a text of the data."""

from __future__ import annotations

import re
from typing import Any

FRENCH = frozenset(("le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "dans", "pour", "avec", "sur",
                    "au", "aux", "pas", "que", "qui", "ne", "se", "son", "sa", "ses", "il", "elle", "nous", "vous",
                    "ils", "sont", "été", "par", "plus", "cette", "ces", "mais", "en", "ou", "très", "après"))
"""Common French words that are rare in English text (not "a", "on", "as": English ones too)."""
ENGLISH = frozenset(("the", "and", "of", "to", "is", "in", "for", "with", "was", "on", "that", "are", "not",
                     "this", "be", "by", "from", "at", "it", "were", "has", "have", "which", "after", "no"))
"""Common English words that are rare in French text."""
LANGUAGE_NAMES = {"fr": "French", "en": "English"}
MIN_SHARE = 0.05
"""Share of a text's words that must be common words of a language before it is called that language."""
DOMINANCE = 2.0
"""The language called must have this many times the other's common words."""
SAMPLE_ROWS = 2000
"""Rows read to decide (the first ones)."""
_WORD = re.compile(r"[a-zàâäçéèêëîïôöûùüÿœæ]+")


def word_shares(texts: Any) -> tuple[float, float, int]:
    """(French share, English share, words counted) of the common words over the first ``SAMPLE_ROWS``
    texts (a pandas Series of strings or any iterable of them)."""
    french = english = words = 0
    for i, text in enumerate(texts):
        if i >= SAMPLE_ROWS:
            break
        for w in _WORD.findall(str(text).lower()):
            words += 1
            french += w in FRENCH
            english += w in ENGLISH
    if not words:
        return 0.0, 0.0, 0
    return french / words, english / words, words


def text_language(texts: Any) -> str | None:
    """``fr`` or ``en`` when the common words of one dominate (``MIN_SHARE``, ``DOMINANCE``); None when unsure."""
    fr, en, words = word_shares(texts)
    if not words:
        return None
    if fr >= MIN_SHARE and fr >= DOMINANCE * en:
        return "fr"
    if en >= MIN_SHARE and en >= DOMINANCE * fr:
        return "en"
    return None
