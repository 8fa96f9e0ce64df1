"""Strings frugal did not write (model names, licences, sources, notes, Hub answers, the user's own
options) made harmless where each format writes them: the one sanitising edge of every renderer.

The data is never changed; each writer passes what it prints through one of these:

- ``plain``: escape sequences (CSI, OSC hyperlinks and window titles, DCS...) and control characters
  removed, newlines and tabs kept (the terminal, CSV); ``visible`` shows them as escapes instead
  (error lines). Rich markup needs no escaping: the console that writes results never interprets it
  (``table_format``: ``markup=False``), and the progress bars only show ids a suite file was checked for;
- ``markdown``: ``plain``, then ``<`` escaped and ``](`` / ``]:`` / ``][`` defused, so a catalog
  string cannot become raw HTML, an image or a link;
- ``link``: the address a source may link to: ``http``, ``https`` and ``doi`` only, else None
  (the address is then printed as text);
- ``csv_cell``: ``plain``, and a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
  return prefixed with ``'`` so that no spreadsheet reads it as a formula (a plain number stays);
- ``json_text``: the C1 controls, DEL and bidirectional overrides that JSON leaves raw written as
  ``\\uXXXX`` escapes (the decoded data is unchanged);
- ``plot_text``: ``plain`` on one line, ``$`` escaped (matplotlib reads ``$...$`` as mathematics).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from urllib.parse import urlsplit

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"                      # CSI: colours, cursor moves, clear screen
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC (title, hyperlink), DCS, SOS, PM, APC, to BEL or ST
    r"|\x1b[ -/]*[0-~]?"                             # any other escape (charset, keypad...)
    r"|\x9b[0-?]*[ -/]*[@-~]"                        # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # 8-bit OSC, DCS, SOS, PM, APC
)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""C0 controls but tab and newline, DEL, C1 controls, and the marks and overrides that reorder text."""
_SEPARATOR = re.compile("[\u2028\u2029]")
_JSON_RAW = re.compile("[\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""What ``json.dumps(..., ensure_ascii=False)`` leaves unescaped and a terminal may act on."""
_MARKDOWN_LINK = re.compile(r"\](?=[(:\[])")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
LINK_SCHEMES = ("http", "https", "doi")
"""The only addresses a report links to; any other (``javascript:``, ``file:``, ``data:``) is text."""
DOI_RESOLVER = "https://doi.org/"


def plain(text: object) -> str:
    """``text`` without escape sequences or control characters (newlines and tabs kept)."""
    text = str(text)
    if text.isprintable():
        return text
    return _CONTROL.sub("", _SEPARATOR.sub(" ", _ESCAPE_SEQUENCE.sub("", text)))


def visible(text: object) -> str:
    """``text`` on one line with every control character shown as its escape (``\\x1b``): what an
    error line quotes, so that the user sees what was typed and the terminal acts on none of it."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


def markdown(text: object) -> str:
    """``plain`` made inert in Markdown: ``<`` written ``&lt;`` (no tag, comment or autolink can
    open; ``>`` and ``&`` alone are harmless and stay as written), no link syntax."""
    return _MARKDOWN_LINK.sub(r"\\]", plain(text).replace("<", "&lt;"))


def markdown_fence(lines) -> str:
    """A code fence longer than any run of backticks in ``lines``, so none of them can close it."""
    longest = max((len(run) for text in lines for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def link(url: str) -> str | None:
    """The address ``url`` may link to (a ``doi:`` through its resolver), or None when it is not an
    ``http``, ``https`` or ``doi`` address (it is then shown as text)."""
    url = url.strip()
    if not url or not url.isprintable() or any(c in url for c in " <>\"'`\\"):
        return None
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in LINK_SCHEMES:
        return None
    if scheme == "doi":
        doi = url[len("doi:"):].lstrip("/")
        return DOI_RESOLVER + doi if doi.startswith("10.") else None
    return url if parts.netloc else None


def csv_cell(value: object) -> object:
    """A CSV cell: a number or None as it is, text ``plain`` and never a formula."""
    if not isinstance(value, str):
        return value
    text = plain(value)
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def json_text(dumped: str) -> str:
    """JSON text from ``json.dumps`` with the characters it leaves raw escaped (same data decoded)."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def plot_text(text: object) -> str:
    """A label for matplotlib: ``plain`` on one line, ``$`` escaped."""
    return plain(text).replace("\n", " ").replace("\t", " ").replace("$", r"\$")


def block(b, clean: Callable[[str], str], code: Callable[[str], str] | None = None):
    """The ``Block`` ``b`` with every text it holds passed through ``clean`` (its code lines through
    ``code``, default ``clean``); source addresses and the inline SVG are left for the writer."""
    code = code or clean
    return replace(
        b, text=clean(b.text), lines=tuple(map(code if b.kind == "code" else clean, b.lines)),
        headers=tuple(map(clean, b.headers)), rows=tuple(tuple(map(clean, row)) for row in b.rows),
        sources=tuple((clean(name), url) for name, url in b.sources))
