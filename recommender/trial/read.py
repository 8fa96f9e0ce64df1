"""Reading the user's file locally: CSV, TSV or Parquet, only the columns needed, at most ``max_rows``.

Errors raised by pandas or pyarrow are replaced by messages of our own: theirs may quote a cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import FrugalError, InvalidInput, closest

if TYPE_CHECKING:
    from . import Settings

READERS = {".csv": ",", ".tsv": "\t", ".tab": "\t", ".parquet": None, ".pq": None}
"""Accepted extensions and their delimiter (None: Parquet)."""
SHOWN_COLUMNS = 30
"""Columns listed at most when a column name is not found."""


@dataclass(frozen=True)
class Data:
    """The data as read: a pandas frame kept in memory only, never rendered."""

    name: str
    """File name (not the path: it may name a patient or a project)."""
    frame: Any = field(repr=False)
    truncated: bool
    """True when the file has more rows than ``max_rows``: only its first rows were read."""


def _missing_column(what: str, name: str, columns: tuple[str, ...]) -> InvalidInput:
    message = f"no {what} column '{name}' in the data."
    suggestion = closest(name, columns)
    if suggestion:
        message += f" Did you mean '{suggestion}'?"
    shown = ", ".join(columns[:SHOWN_COLUMNS]) + (", ..." if len(columns) > SHOWN_COLUMNS else "")
    return InvalidInput(message + f" Columns: {shown}.")


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
    if READERS[suffix] is None:
        columns, read = _parquet(path)
    else:
        columns, read = _delimited(path, READERS[suffix], settings.encoding)
    for what, name in (("target", settings.target), ("text", settings.text_column)):
        if name is not None and name not in columns:
            raise _missing_column(what, name, columns)
    wanted = None
    if settings.text_column:
        wanted = [c for c in (settings.text_column, settings.target) if c]
    frame = read(wanted, settings.max_rows + 1)
    truncated = len(frame) > settings.max_rows
    if truncated:
        frame = frame.iloc[:settings.max_rows]
    if len(frame) == 0:
        raise InvalidInput(f"'{path.name}' has no data rows.")
    return Data(path.name, frame, truncated)


def _delimited(path: Path, sep: str, encoding: str):
    import pandas as pd

    kind = "TSV" if sep == "\t" else "CSV"

    def read(usecols, nrows):
        try:
            return pd.read_csv(path, sep=sep, encoding=encoding, usecols=usecols, nrows=nrows)
        except UnicodeDecodeError:
            raise InvalidInput(f"'{path.name}' is not readable as {encoding} text; give its encoding with "
                               f"--encoding (e.g. latin-1, cp1252).") from None
        except LookupError:
            raise InvalidInput(f"unknown encoding '{encoding}'; e.g. utf-8, latin-1, cp1252.") from None
        except pd.errors.EmptyDataError:
            raise InvalidInput(f"'{path.name}' is empty: no header row.") from None
        except (pd.errors.ParserError, ValueError):  # their messages may quote a cell
            raise InvalidInput(f"'{path.name}' is not a well-formed {kind} file (rows do not split into the "
                               f"header's columns).") from None

    header = read(None, 0)
    return tuple(str(c) for c in header.columns), read


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

    return columns, read
