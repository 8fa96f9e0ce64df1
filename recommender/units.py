"""Parsing counts given by users and formatting quantities for people."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from .errors import InvalidInput

_SUFFIXES = {"": 1, "k": 10**3, "m": 10**6, "b": 10**9, "g": 10**9, "t": 10**12}
_COUNT = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([kKmMbBgGtT]?)\s*$")

COUNT_MAX = 10**15
"""The largest count any option takes (items, tokens, parameters...): beyond it a figure is a typo."""

FLOAT_MAX = 1e6
"""The largest real number any option takes (a PUE, g CO2e per kWh...)."""

DURATION_MAX_S = 30 * 24 * 3600.0
"""The longest duration any option takes: 30 days, in seconds."""


def shown(value: object, limit: int = 40) -> str:
    """A value given by someone else, made safe to quote in one line: control characters escaped,
    at most ``limit`` characters (then ``…`` and the full length)."""
    text = str(value)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode("ascii")
    if len(text) > limit:
        text = f"{text[:limit]}… ({len(text)} characters)"
    return text


def _bound(x: float) -> str:
    """``1e15`` -> ``1e15``, ``1500.0`` -> ``1500``: a range's end as people write it."""
    return re.sub(r"e\+?0*(\d)", r"e\1", f"{x:g}")


def _non_finite(text: object) -> bool:
    try:
        return not math.isfinite(float(str(text)))  # type: ignore[arg-type]
    except ValueError:
        return False


def parse_count(text: str | int | float, what: str, *, high: int = COUNT_MAX) -> int:
    """Parse a whole count from 1 to ``high``: ``1000``, ``1e6``, ``8.03e9``, ``110M``, ``8B``, ``1.5k``.

    Raises InvalidInput naming ``what``, the value and the range when it is anything else
    (``inf``, ``nan``, ``1e300``, ``-5``, ``1.5``).
    """
    out_of_range = InvalidInput(f"{what} must be a whole number from 1 to {_bound(high)}; got '{shown(text)}'.")
    if isinstance(text, bool):
        raise out_of_range
    if isinstance(text, (int, float)):
        if not math.isfinite(text):
            raise out_of_range
        value = Decimal(text)
    else:
        match = _COUNT.match(str(text))
        if not match:
            if _non_finite(text):
                raise out_of_range
            raise InvalidInput(f"{what} must be a positive number such as 1000, 1e6 or 110M; got '{shown(text)}'.")
        value = Decimal(match.group(1)) * _SUFFIXES[match.group(2).lower()]
    if value <= 0:
        raise InvalidInput(f"{what} must be a positive number; got '{shown(text)}'.")
    if value < 1:
        raise InvalidInput(f"{what} must be at least 1; got '{shown(text)}'.")
    if value > high or value != value.to_integral_value():
        raise out_of_range
    return int(value)


def parse_positive_float(text: str | float, what: str, *, high: float = FLOAT_MAX) -> float:
    """Parse a real number above 0 and at most ``high`` (e.g. a PUE or a grid intensity)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InvalidInput(f"{what} must be a positive number; got '{shown(text)}'.") from None
    if math.isfinite(value) and value <= 0:
        raise InvalidInput(f"{what} must be a positive number; got '{shown(text)}'.")
    if not math.isfinite(value) or value > high:
        raise InvalidInput(f"{what} must be a number above 0 and at most {_bound(high)}; got '{shown(text)}'.")
    return value


def format_count(n: float | None) -> str:
    """``110000000`` -> ``110M``; ``1.8e12`` -> ``1.8T``; None -> ``?``."""
    if n is None:
        return "?"
    if abs(n) >= 1e15:
        return _bound(float(f"{n:.3g}"))
    for factor, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= factor:
            return f"{n / factor:.3g}{suffix}"
    return f"{n:.3g}"


SIG_PLAIN_MAX = 1e12
"""The largest magnitude ``format_sig`` writes in plain digits."""


def format_sig(x: float | None, digits: int = 2) -> str:
    """A number with ``digits`` significant digits, no scientific notation for people below
    ``SIG_PLAIN_MAX`` (beyond it ``6.7e25``: a 26-digit figure is not read, it is miscounted)."""
    if x is None:
        return "?"
    if x == 0:
        return "0"
    if abs(x) >= SIG_PLAIN_MAX:
        return _bound(float(f"{x:.{digits - 1}e}"))
    magnitude = math.floor(math.log10(abs(x)))
    decimals = max(0, digits - 1 - magnitude)
    rounded = round(x, decimals)
    if decimals == 0:
        return f"{rounded:,.0f}"
    return f"{rounded:,.{decimals}f}"


_ENERGY_SCALES = ((1e6, "MWh"), (1e3, "kWh"), (1.0, "Wh"))
_CARBON_SCALES = ((1e6, "t"), (1e3, "kg"), (1.0, "g"))
_WATER_SCALES = ((1e3, "m³"), (1.0, "L"), (1e-3, "mL"))


def _scale(value: float, scales: tuple[tuple[float, str], ...]) -> tuple[float, str]:
    for factor, unit in scales:
        if abs(value) >= factor:
            return factor, unit
    return scales[-1]


def format_quantity(value: float | None, scales: tuple[tuple[float, str], ...],
                    low: float | None = None, high: float | None = None) -> str:
    """``value`` in the unit that suits it, with ``(low–high)`` in the same unit when they differ."""
    if value is None:
        return "?"
    factor, unit = _scale(value, scales)
    text = f"{format_sig(value / factor)} {unit}"
    if low is not None and high is not None:
        lo, hi = format_sig(low / factor), format_sig(high / factor)
        if lo != hi:
            text += f" ({lo}–{hi})"
    return text


def format_energy_wh(wh: float | None, low: float | None = None, high: float | None = None) -> str:
    """Energy given in Wh, shown in Wh, kWh or MWh."""
    return format_quantity(wh, _ENERGY_SCALES, low, high)


def format_carbon_g(g: float | None, low: float | None = None, high: float | None = None) -> str:
    """Carbon given in g CO2e, shown in g, kg or t."""
    return format_quantity(g, _CARBON_SCALES, low, high)


def format_water_l(litres: float | None, low: float | None = None, high: float | None = None) -> str:
    """Water given in litres, shown in mL, L or m³."""
    return format_quantity(litres, _WATER_SCALES, low, high)


_DURATION = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(s|sec|m|min|h)?\s*$", re.IGNORECASE)
_DURATION_UNITS = {None: 1, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}


def parse_duration_s(text: str | float, what: str, *, high_s: float = DURATION_MAX_S) -> float:
    """Parse a duration above 0 and at most ``high_s`` into seconds: ``90``, ``90s``, ``10m``, ``1.5h``."""
    match = _DURATION.match(str(text))
    refused = InvalidInput(f"{what} must be a duration above 0 and at most {_bound(high_s / 3600)}h, such as 90s, "
                           f"10m or 1h; got '{shown(text)}'.")
    if not match or float(match.group(1)) <= 0:
        raise refused
    unit = match.group(2).lower() if match.group(2) else None
    seconds = float(match.group(1)) * _DURATION_UNITS[unit]
    if seconds > high_s:
        raise refused
    return seconds
