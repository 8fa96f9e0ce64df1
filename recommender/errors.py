"""Expected failures, turned into one ``Error: ...`` line and an exit code at the CLI edge."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class FrugalError(Exception):
    """A failure the user can act on (exit code 1). Bugs raise other exceptions."""

    exit_code = 1


class InvalidInput(FrugalError):
    """A bad value given by the user (exit code 2, like a usage error)."""

    exit_code = 2


class CatalogError(FrugalError):
    """A catalog table that does not follow its schema."""


def closest(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest to ``value`` by spelling, or None when nothing is close."""
    matches = difflib.get_close_matches(value.lower(), [c.lower() for c in choices], n=1, cutoff=0.6)
    if not matches:
        return None
    lowered = {c.lower(): c for c in choices}
    return lowered[matches[0]]


def unknown_value(what: str, value: str, choices: Iterable[str]) -> InvalidInput:
    """An ``InvalidInput`` naming the bad value, a close match if any, and the accepted ones."""
    choices = sorted(choices)
    message = f"unknown {what} '{value}'."
    suggestion = closest(value, choices)
    if suggestion:
        message += f" Did you mean '{suggestion}'?"
    shown = ", ".join(choices) if len(choices) <= 30 else ", ".join(choices[:30]) + ", ..."
    message += f" Accepted: {shown}."
    return InvalidInput(message)


class HubError(FrugalError):
    """The Hugging Face Hub could not be read: offline, unreachable, refused, or an unreadable answer."""


class StoreError(FrugalError):
    """The user's local database (under the user dir) is unreadable or was not written by frugal."""
