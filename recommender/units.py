"""Parsing counts given by users and formatting quantities for people."""

from __future__ import annotations

import math
import re

from .errors import InvalidInput

_SUFFIXES = {"": 1, "k": 1e3, "m": 1e6, "b": 1e9, "g": 1e9, "t": 1e12}
_COUNT = re.compile(r"^\s*([0-9]*\.?[0-9]+(?:[eE][+-]?[0-9]+)?)\s*([kKmMbBgGtT]?)\s*$")


def parse_count(text: str | int | float, what: str) -> int:
    """Parse a positive count: ``1000``, ``1e6``, ``8.03e9``, ``110M``, ``8B``, ``1.5k``.

    Raises InvalidInput naming ``what`` when the value is not a positive number.
    """
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        match = _COUNT.match(str(text))
        if not match:
            raise InvalidInput(
                f"{what} must be a positive number such as 1000, 1e6 or 110M; got '{text}'."
            )
        value = float(match.group(1)) * _SUFFIXES[match.group(2).lower()]
    if not math.isfinite(value) or value <= 0:
        raise InvalidInput(f"{what} must be a positive number; got '{text}'.")
    rounded = round(value)
    if rounded < 1:
        raise InvalidInput(f"{what} must be at least 1; got '{text}'.")
    return int(rounded)


def parse_positive_float(text: str | float, what: str) -> float:
    """Parse a strictly positive real number (e.g. a PUE or a grid intensity)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise InvalidInput(f"{what} must be a positive number; got '{text}'.") from None
    if not math.isfinite(value) or value <= 0:
        raise InvalidInput(f"{what} must be a positive number; got '{text}'.")
    return value


def format_count(n: float | None) -> str:
    """``110000000`` -> ``110M``; ``1.8e12`` -> ``1.8T``; None -> ``?``."""
    if n is None:
        return "?"
    for factor, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k")):
        if abs(n) >= factor:
            return f"{n / factor:.3g}{suffix}"
    return f"{n:.3g}"


def format_sig(x: float | None, digits: int = 2) -> str:
    """A number with ``digits`` significant digits, no scientific notation for people."""
    if x is None:
        return "?"
    if x == 0:
        return "0"
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


def parse_duration_s(text: str | float, what: str) -> float:
    """Parse a positive duration into seconds: ``90``, ``90s``, ``10m``, ``1.5h``."""
    match = _DURATION.match(str(text))
    if not match or float(match.group(1)) <= 0:
        raise InvalidInput(f"{what} must be a positive duration such as 90s, 10m or 1h; got '{text}'.")
    unit = match.group(2).lower() if match.group(2) else None
    return float(match.group(1)) * _DURATION_UNITS[unit]
