"""What a use case assumed because the user did not say it: a stable code, its values, and the
English sentence (the JSON carries the sentence; renderers say it from the code in any language)."""

from __future__ import annotations

from types import MappingProxyType
from typing import Mapping


class Assumption(str):
    """An assumption's English sentence, with its ``code`` and the ``values`` it was written from."""

    code: str
    values: Mapping[str, str]

    def __new__(cls, code: str, text: str, **values: str) -> "Assumption":
        made = super().__new__(cls, text)
        made.code = code
        made.values = MappingProxyType(values)
        return made


def assumed_data_kind(kind: str, kinds: tuple[str, ...]) -> Assumption:
    """The task's usual kind of data, when ``--data-kind`` was not given."""
    listed = "|".join(kinds)
    return Assumption("assumed-data-kind", f"Assumed {kind} data (--data-kind {listed} to change).",
                      kind=kind, kinds=listed)


def assumed_sensitive() -> Assumption:
    """Sensitive data, the safe default, when ``--data-sensitivity`` was not given."""
    return Assumption("assumed-sensitive",
                      "Assumed sensitive data, the safe default (--data-sensitivity public|internal if it is not).")


def compared_task(task: str) -> Assumption:
    """The task most of the named models can do, when ``frugal compare`` got no ``--task``."""
    return Assumption("compared-task",
                      f"Compared on task {task}, the one most of these models can do (--task to change).", task=task)
