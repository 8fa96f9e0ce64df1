"""Reading the user's file locally: CSV, TSV or Parquet, only the columns needed, at most ``max_rows``.

Errors raised by pandas or pyarrow are replaced by messages of our own: theirs may quote a cell.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FrugalError, InvalidInput, closest

if TYPE_CHECKING:
    from . import Settings

READERS = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".parquet": None, ".pq": None}
"""Accepted extensions and their usual delimiter (None: Parquet)."""
DELIMITERS = (",", ";", "\t", "|")
"""Delimiters sniffed, in order of preference on a tie (``;`` is the French spreadsheets' default)."""
SNIFF_LINES = 20
"""Rows of a delimited file read to sniff its delimiter."""
SEP_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}
"""Words ``--sep`` takes for a delimiter, besides the character itself."""
SHOWN_COLUMNS = 30
"""Columns listed at most when a column name is not found."""
MAX_COLUMNS = 10_000
"""Columns read at most: beyond, the ladder's forests and boosting would run for hours."""
MAX_CELLS = 20_000_000
"""Cells read at most (rows read × columns read): about 160 MB as numbers."""
MAX_HEADER_CHARS = 4 * 2**20
"""Characters of a CSV/TSV header row read at most (10,000 names of 400 characters)."""
MAX_READ_BYTES = 1024 * 2**20
"""Bytes of a CSV/TSV file read at most (its header and the first ``max_rows`` rows): 1 GiB."""


@dataclass(frozen=True)
class Data:
    """The data as read: a pandas frame kept in memory only, never rendered."""

    name: str
    """File name (not the path: it may name a patient or a project)."""
    frame: Any = field(repr=False)
    truncated: bool
    """True when the file has more rows than ``max_rows``: only its first rows were read."""
    sep: str | None = None
    """The delimiter read with, when it is not the extension's usual one (``;`` in a ``.csv``)."""
    sep_given: bool = False
    """``sep`` came from ``--sep`` (else it was sniffed)."""


def _missing_column(what: str, name: str, columns: tuple[str, ...], sep: str | None = None) -> InvalidInput:
    """The error for a column not in the data: a close match if any, then the columns closest first
    (difflib's ratio), and the delimiter to try when a column name holds one."""
    message = f"no {what} column '{name}' in the data."
    suggestion = closest(name, columns)
    if suggestion:
        message += f" Did you mean '{suggestion}'?"
    ranked = sorted(columns, key=lambda c: -difflib.SequenceMatcher(None, name.lower(), c.lower()).ratio())
    listed = ", ".join(ranked[:SHOWN_COLUMNS])
    more = f" ({SHOWN_COLUMNS} of {len(columns):,})" if len(columns) > SHOWN_COLUMNS else ""
    message += f" Columns, closest first: {listed}{more}."
    inside = next((d for d in DELIMITERS if d != sep and sep is not None and any(d in c for c in columns)), None)
    if inside is not None:
        shown = "tab" if inside == "\t" else inside
        message += f" The header holds '{shown}': try --sep '{shown}'."
    return InvalidInput(message)


def _check_size(name: str, columns: int, *, rows: int, read_bytes: int | None = None, max_rows: int = 0) -> None:
    """Refuse, before reading, data past the stated limits: columns, bytes (``rows`` is then the
    rows within the limit), cells."""
    if columns > MAX_COLUMNS:
        raise InvalidInput(f"'{name}' has {columns:,} columns; frugal trial reads files of at most {MAX_COLUMNS:,} "
                           f"columns: keep the columns that matter.")
    if read_bytes is not None and read_bytes > MAX_READ_BYTES:
        raise InvalidInput(f"the first {max_rows:,} rows of '{name}' are over {MAX_READ_BYTES // 2**20:,} MiB, what "
                           f"frugal trial reads at most: give --max-rows {max(rows, 1):,} or less.")
    if rows * columns > MAX_CELLS:
        raise InvalidInput(f"the first {rows:,} rows of '{name}' hold {rows * columns:,} cells ({columns:,} columns); "
                           f"frugal trial reads at most {MAX_CELLS:,}: give --max-rows {MAX_CELLS // columns:,} or "
                           f"less, or keep fewer columns.")


def _unreadable(path: Path, exc: OSError) -> FrugalError:
    return FrugalError(f"cannot read data file '{path}': {exc.strerror or exc}.")


def _extent(path: Path, max_rows: int) -> tuple[int, int]:
    """(data rows, bytes) of a delimited file's header and first ``max_rows`` rows, by counting line
    ends (an upper bound when cells hold line breaks), reading at most ``MAX_READ_BYTES`` + 1 MiB.
    Past ``MAX_READ_BYTES``: (the rows that end within it, a size over it)."""
    lines = size = 0
    last = b""
    with open(path, "rb") as handle:
        while chunk := handle.read(2**20):
            ends = chunk.count(b"\n")
            if lines + ends > max_rows:  # the header's and max_rows rows' line ends are all in
                cut = -1
                for _ in range(max_rows + 1 - lines):
                    cut = chunk.index(b"\n", cut + 1)
                return max_rows, size + cut + 1
            if size + len(chunk) > MAX_READ_BYTES:  # too large: the rows that end within the limit
                return max(lines + chunk[:MAX_READ_BYTES - size].count(b"\n") - 1, 0), size + len(chunk)
            lines, size, last = lines + ends, size + len(chunk), chunk
    unterminated = 1 if last and not last.endswith(b"\n") else 0
    return max(lines - 1 + unterminated, 0), size


def read_data(path: str | Path, settings: Settings) -> Data:
    """Read the file locally: only the columns needed and at most ``max_rows`` rows."""
    path = Path(path)
    if not path.exists():
        raise InvalidInput(f"data file '{path}' does not exist.")
    if not path.is_file():
        raise InvalidInput(f"data file '{path}' is not a file.")
    suffix = path.suffix.lower()
    if suffix not in READERS:
        raise InvalidInput(f"'{path.name}' is not a CSV, TSV or Parquet file; accepted extensions: "
                           f"{', '.join(READERS)}.")
    given = parse_sep(settings.sep)
    if given is not None and READERS[suffix] is None:
        raise InvalidInput(f"--sep applies to CSV and TSV files; '{path.name}' is Parquet.")
    sep = READERS[suffix]
    try:
        if sep is None:
            columns, read, rows = _parquet(path)
            read_bytes = None
        else:
            sep = given or sniff_delimiter(path, settings.encoding, sep)
            columns, read = _delimited(path, sep, settings.encoding)
            rows, read_bytes = _extent(path, settings.max_rows)
    except OSError as exc:  # permission denied, a read error of the disk
        raise _unreadable(path, exc) from None
    wanted = None
    if settings.text_column:
        wanted = [c for c in (settings.text_column, settings.target) if c]
    _check_size(path.name, len(columns), rows=min(rows, settings.max_rows), read_bytes=read_bytes,
                max_rows=settings.max_rows)
    for what, name in (("target", settings.target), ("text", settings.text_column)):
        if name is not None and name not in columns:
            raise _missing_column(what, name, columns, sep)
    try:
        frame = read(wanted, settings.max_rows + 1)
    except OSError as exc:
        raise _unreadable(path, exc) from None
    truncated = len(frame) > settings.max_rows
    if truncated:
        frame = frame.iloc[:settings.max_rows]
    if len(frame) == 0:
        raise InvalidInput(f"'{path.name}' has no data rows.")
    unusual = sep if sep is not None and sep != READERS[suffix] else None
    return Data(path.name, frame, truncated, unusual, unusual is not None and given is not None)


def parse_sep(text: str | None) -> str | None:
    """``--sep``: one character, or ``tab`` (``\\t``), ``comma``, ``semicolon``, ``pipe``; None = sniff."""
    if text is None:
        return None
    sep = SEP_NAMES.get(text.lower(), text)
    if len(sep) != 1 or sep in "\"\r\n" or sep.isalnum():
        raise InvalidInput(f"--sep must be one character such as ';', ',' or '|', or 'tab'; got '{text}'.")
    return sep


def sniff_delimiter(path: Path, encoding: str, default: str) -> str:
    """The delimiter of a CSV/TSV file among ``DELIMITERS``: the one that splits the header into the most
    fields (at least 2) with every one of the first ``SNIFF_LINES`` rows split alike; ``default`` when none
    does (one column, or an undecodable file: reading it then says why)."""
    import csv
    import io

    try:
        with open(path, encoding=encoding, newline="") as handle:
            sample = handle.read(MAX_HEADER_CHARS)
    except (UnicodeDecodeError, LookupError):
        return default
    complete = sample if len(sample) < MAX_HEADER_CHARS else sample[:sample.rfind("\n") + 1]
    best, best_key = default, (0, 0, 0)
    for i, sep in enumerate(sorted(DELIMITERS, key=lambda d: d != default)):
        try:
            widths = [len(row) for _, row in zip(range(SNIFF_LINES), csv.reader(io.StringIO(complete), delimiter=sep))
                      if row]
        except csv.Error:
            continue
        if not widths or widths[0] < 2 or any(w != widths[0] for w in widths):
            continue
        key = (1, widths[0], -i)
        if key > best_key:
            best, best_key = sep, key
    return best


def _delimited(path: Path, sep: str, encoding: str):
    import pandas as pd

    kind = "TSV" if sep == "\t" else "CSV"
    malformed = InvalidInput(f"'{path.name}' is not a well-formed {kind} file (rows do not split into the "
                             f"header's columns).")

    def read(usecols, nrows):
        try:
            return pd.read_csv(path, sep=sep, encoding=encoding, usecols=usecols, nrows=nrows)
        except UnicodeDecodeError:
            raise _not_text(path, encoding) from None
        except LookupError:
            raise InvalidInput(f"unknown encoding '{encoding}'; e.g. utf-8, latin-1, cp1252.") from None
        except pd.errors.EmptyDataError:
            raise InvalidInput(f"'{path.name}' is empty: no header row.") from None
        except (pd.errors.ParserError, ValueError):  # their messages may quote a cell
            raise malformed from None

    # before pandas reads the header: it takes ~20 s on 200,000 columns
    _check_size(path.name, _header_width(path, sep, encoding, malformed), rows=0)
    header = read(None, 0)
    return tuple(str(c) for c in header.columns), read


def _not_text(path: Path, encoding: str) -> InvalidInput:
    return InvalidInput(f"'{path.name}' is not readable as {encoding} text; give its encoding with --encoding "
                        f"(e.g. latin-1, cp1252).")


def _header_width(path: Path, sep: str, encoding: str, malformed: InvalidInput) -> int:
    """Fields of the header row, read with the csv module (its first ``MAX_HEADER_CHARS`` characters at most)."""
    import csv

    try:
        with open(path, encoding=encoding, newline="") as handle:
            line = handle.readline(MAX_HEADER_CHARS + 1)
    except UnicodeDecodeError:
        raise _not_text(path, encoding) from None
    except LookupError:
        raise InvalidInput(f"unknown encoding '{encoding}'; e.g. utf-8, latin-1, cp1252.") from None
    if len(line) > MAX_HEADER_CHARS:
        raise InvalidInput(f"the header row of '{path.name}' is over {MAX_HEADER_CHARS:,} characters; frugal trial "
                           f"reads files of at most {MAX_COLUMNS:,} columns: keep the columns that matter.")
    try:
        return len(next(csv.reader([line], delimiter=sep), []))
    except csv.Error:
        raise malformed from None


def _parquet(path: Path):
    try:
        import pyarrow
        import pyarrow.parquet as pq
    except ImportError:
        raise FrugalError("reading Parquet needs pyarrow: pip install pyarrow (or save the data as CSV).") from None
    try:
        source = pq.ParquetFile(path)
    except (pyarrow.ArrowException, OSError, ValueError):  # pyarrow's messages name bytes of the file
        raise InvalidInput(f"'{path.name}' is not a readable Parquet file.") from None
    columns = tuple(source.schema_arrow.names)
    rows = source.metadata.num_rows

    def read(usecols, nrows):
        import pandas as pd
        import pyarrow as pa

        batches, rows = [], 0
        for batch in source.iter_batches(batch_size=min(nrows, 65_536) or 1, columns=usecols):
            batches.append(batch)
            rows += batch.num_rows
            if rows >= nrows:
                break
        if not batches:
            return pd.DataFrame(columns=list(usecols or columns))
        return pa.Table.from_batches(batches).to_pandas().iloc[:nrows]

    return columns, read, rows
