"""What the data is (free text or a table) and which task to run, from aggregates and column names only.

Class labels are data too: classes are kept by their counts only.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..errors import InvalidInput
from .language import LANGUAGE_NAMES, text_language
from .read import Data

if TYPE_CHECKING:
    from . import Settings

TASKS = ("classification", "regression", "clustering")
TOKENS_PER_WORD = 1.3
"""Subword tokens per whitespace-separated word (the catalog's assumption for English text)."""
TEXT_MIN_WORDS = 5.0
"""A string column whose values average at least this many words is free text."""
MAX_CATEGORIES = 50
"""A string column with more distinct values than this, or than half the rows, is ignored as an
identifier or free text in tabular mode."""
MAX_CLASS_GUESS = 20
"""An integer target with at most this many distinct values is taken as classes."""


@dataclass(frozen=True)
class Detection:
    """What the trial found out about the data: aggregates and column names only."""

    file: str
    rows_read: int
    rows_used: int
    rows_dropped: int
    """Rows without a target value, left out."""
    truncated: bool
    kind: str
    """``text`` or ``tabular``."""
    task: str
    target: str | None
    text_column: str | None
    feature_columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    class_counts: tuple[int, ...] = ()
    """Rows per class, largest first (labels are data: never kept)."""
    mean_words: float | None = None
    """Mean words per item of the text column."""
    tokens_per_item: int | None = None
    """Estimated subword tokens per item (``mean_words × TOKENS_PER_WORD``)."""
    clusters: int | None = None
    separator: str | None = None
    """The delimiter read with, when not the extension's usual one (``Data.sep``)."""
    separator_given: bool = False
    language: str | None = None
    """``fr`` or ``en`` for free text whose common words say so (``language.text_language``); None otherwise."""

    def lines(self) -> tuple[str, ...]:
        """What was detected, in plain words."""
        read = f"{self.file}: {self.rows_read:,} rows read"
        if self.separator:
            shown = "tab" if self.separator == "\t" else f"'{self.separator}'"
            read += f" (columns separated by {shown}, {'as --sep says' if self.separator_given else 'detected; --sep to change'})"
        if self.truncated:
            read += f" (a sample: the file's first {self.rows_read:,} rows; --max-rows to change)"
        if self.rows_dropped:
            read += f"; {self.rows_dropped:,} without a value of '{self.target}' left out"
        lines = [read + ".", self._features_line()]
        if self.task == "classification":
            sizes = ", ".join(f"{c:,}" for c in self.class_counts)
            lines.append(f"Task: classification of '{self.target}', {len(self.class_counts)} classes "
                         f"(rows per class: {sizes}).")
        elif self.task == "regression":
            lines.append(f"Task: regression of '{self.target}' (numeric).")
        else:
            lines.append(f"Task: clustering into {self.clusters} groups (no target; --clusters to change).")
        return tuple(lines)

    def _features_line(self) -> str:
        ignored = ", ".join(self.ignored_columns)
        if self.kind == "text":
            others = f"; other columns ignored: {ignored}" if ignored else ""
            language = f"; in {LANGUAGE_NAMES[self.language]} (from its common words)" \
                if self.language and self.language != "en" else ""
            return (f"Free text in column '{self.text_column}': {self.mean_words:.1f} words per item on average "
                    f"(~{self.tokens_per_item} tokens){language}{others}.")
        others = f"; ignored (identifiers or free text): {ignored}" if ignored else ""
        return f"Tabular data: {len(self.feature_columns)} feature columns{others}."


def _is_numeric(series) -> bool:
    import pandas as pd

    return pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)


def _is_bool(series) -> bool:
    import pandas as pd

    return pd.api.types.is_bool_dtype(series)


def _mean_words(series) -> float:
    values = series.dropna().astype(str)
    if len(values) == 0:
        return 0.0
    return float(values.str.split().str.len().mean())


def _check_task(task: str | None, target: str | None) -> None:
    if task is not None and task not in TASKS:
        raise InvalidInput(f"unknown task '{task}'. Accepted: {', '.join(TASKS)}.")
    if task == "clustering" and target:
        raise InvalidInput("--task clustering takes no --target (it groups rows without labels).")
    if task in ("classification", "regression") and not target:
        raise InvalidInput(f"--task {task} needs --target COLUMN (the column to predict).")


def detect(data: Data, settings: Settings) -> tuple[Detection, Any, Any]:
    """What the data is and which task to run; returns the detection, features X and target y."""
    frame = data.frame
    target = settings.target
    task = settings.task
    _check_task(task, target)
    rows_read = len(frame)
    dropped = 0
    y = None
    if target:
        keep = frame[target].notna()
        dropped = int((~keep).sum())
        frame = frame[keep]
        if len(frame) == 0:
            raise InvalidInput(f"column '{target}' has no values: nothing to learn from.")
        y = frame[target]
        if task is None:
            task = _guess_task(y)
        if task == "regression" and not _is_numeric(y):
            raise InvalidInput(f"target '{target}' is not numeric: regression needs numbers "
                               f"(--task classification to predict its values as classes).")
    else:
        task = "clustering"
    features = frame.drop(columns=[target]) if target else frame
    if features.shape[1] == 0:
        raise InvalidInput("no feature column: the data holds only the target column.")

    common = dict(file=data.name, rows_read=rows_read, rows_used=len(frame), rows_dropped=dropped,
                  truncated=data.truncated, task=task, target=target, separator=data.sep,
                  separator_given=data.sep_given,
                  clusters=settings.clusters if task == "clustering" else None)
    text_column = settings.text_column if settings.text_column is not None else _text_column(features)
    if text_column is not None:
        words = _mean_words(features[text_column])
        X = features[text_column].fillna("").astype(str)
        detection = Detection(kind="text", text_column=text_column, feature_columns=(text_column,),
                              ignored_columns=tuple(c for c in features.columns if c != text_column),
                              mean_words=words, tokens_per_item=max(1, round(words * TOKENS_PER_WORD)),
                              language=text_language(X), **common)
    else:
        used, ignored = _tabular_columns(features)
        X = features[used]
        detection = Detection(kind="tabular", text_column=None, feature_columns=tuple(map(str, used)),
                              ignored_columns=tuple(map(str, ignored)), **common)
    if task == "classification":
        counts = tuple(int(n) for n in y.value_counts().sort_values(ascending=False))
        detection = replace(detection, class_counts=counts)
    _check_folds(detection, settings)
    return detection, X, y


def _text_column(features) -> str | None:
    """The string column with the most words per value, if it averages at least ``TEXT_MIN_WORDS``."""
    candidates = {c: _mean_words(features[c]) for c in features.columns
                  if not _is_numeric(features[c]) and not _is_bool(features[c])}
    text_like = {c: w for c, w in candidates.items() if w >= TEXT_MIN_WORDS}
    if not text_like:
        return None
    return max(text_like, key=lambda c: (text_like[c], c))


def _tabular_columns(features) -> tuple[list, list]:
    """(used, ignored): numbers, booleans and categories are used; identifiers and free text are not."""
    used, ignored = [], []
    for c in features.columns:
        series = features[c]
        if _is_numeric(series) or _is_bool(series):
            used.append(c)
        elif series.nunique() <= min(MAX_CATEGORIES, len(series) / 2):
            used.append(c)
        else:
            ignored.append(c)
    if not used:
        raise InvalidInput(f"no usable feature column: {', '.join(map(str, ignored))} look like identifiers "
                           f"or free text (--text-column to treat one as text).")
    return used, ignored


def _guess_task(y) -> str:
    if not _is_numeric(y):
        return "classification"
    values = y.astype(float)
    integral = bool(((values % 1) == 0).all())
    return "classification" if integral and y.nunique() <= MAX_CLASS_GUESS else "regression"


def _check_folds(d: Detection, settings: Settings) -> None:
    cv = settings.cv
    if cv < 2:
        raise InvalidInput(f"--cv must be at least 2 folds; got {cv}.")
    if d.task == "classification":
        if len(d.class_counts) < 2:
            raise InvalidInput(f"target '{d.target}' has a single class: classification needs at least two "
                               f"(leave out --target to group the rows instead).")
        smallest = d.class_counts[-1]
        if smallest < cv:
            advice = f"use --cv {smallest} or fewer, or add rows" if smallest >= 2 else "add rows to it"
            raise InvalidInput(f"too few rows for {cv}-fold cross-validation: the smallest class of "
                               f"'{d.target}' has {smallest} row{'s' if smallest > 1 else ''}; {advice}.")
    elif d.rows_used < 2 * cv:
        raise InvalidInput(f"too few rows for {cv}-fold cross-validation: {d.rows_used} rows, at least "
                           f"{2 * cv} needed; use a smaller --cv or add rows.")
    if d.task == "clustering":
        per_fold = d.rows_used - math.ceil(d.rows_used / cv)
        if per_fold < settings.clusters:
            raise InvalidInput(f"too few rows ({d.rows_used}) for {settings.clusters} clusters with {cv} folds.")
