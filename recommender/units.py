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


def format_number(x: float | None, digits: int = 4) -> str:
    """``format_sig`` without trailing zeros: ``1.5``, ``44.18``, ``1,000,000`` (a figure people gave,
    such as a PUE or a grid intensity, as they would write it, never ``1e+06``)."""
    text = format_sig(x, digits)
    if "." in text and "e" not in text:
        text = text.rstrip("0").rstrip(".")
    return text


_EXPONENT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)e([+-]?)(\d+)(?![\w.])( Wh\b)?")
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _readable(match: re.Match) -> str:
    mantissa, sign, power = match.group(1), match.group(2), int(match.group(3))
    value = float(f"{mantissa}e{sign}{power}")
    if match.group(4):  # an energy: in the unit that fits
        return format_energy_wh(value)
    if 1e-3 <= value < SIG_PLAIN_MAX:
        return format_number(value, len(mantissa.replace(".", "").lstrip("0")) or 1)
    exponent = f"{'-' if sign == '-' else ''}{power}".translate(_SUPERSCRIPT)
    return f"{mantissa}×10{exponent}"


def readable_numbers(text: str) -> str:
    """``text`` with each number in e-notation written for people: ``1.1e+08`` -> ``110,000,000``,
    ``1e+06`` -> ``1,000,000``, ``1.513e+14`` -> ``1.513×10¹⁴``, ``3.3e-07`` -> ``3.3×10⁻⁷`` (one word,
    never split); an energy in the unit that fits: ``2.102e+04 Wh`` -> ``21 kWh``."""
    return _EXPONENT.sub(_readable, text)


_ENERGY_SCALES = ((1e6, "MWh", 1e6), (1e3, "kWh", 1e3), (1.0, "Wh", 1e-3), (1e-3, "mWh", 1e-5), (1e-6, "µWh", 0.0))
_CARBON_SCALES = ((1e6, "t", 1e6), (1e3, "kg", 1e3), (1.0, "g", 1e-3), (1e-3, "mg", 1e-5), (1e-6, "µg", 0.0))
_WATER_SCALES = ((1e3, "m³", 1e3), (1.0, "L", 1.0), (1e-3, "mL", 1e-5), (1e-6, "µL", 0.0))
"""(factor, unit, from): a quantity is shown in the first unit it reaches ``from`` (in the given unit).
Energy and carbon stay in Wh and g down to 0.001 (0.0010 Wh, not 1.0 mWh), then go to the unit below
from 1% of it (0.43 mWh), then the smallest (0.33 µWh): never more than two zeros after the point,
never an exponent for a figure people read (0.00000033 Wh is 0.33 µWh)."""


def _scale(value: float, scales: tuple[tuple[float, str, float], ...]) -> tuple[float, str]:
    """The (factor, unit) ``value`` is shown in; zero in the scale's unit of factor 1 (``0 Wh``)."""
    if value == 0:
        return next((factor, unit) for factor, unit, _ in scales if factor == 1)
    for factor, unit, start in scales:
        if abs(value) >= start:
            return factor, unit
    return scales[-1][:2]


def format_quantity(value: float | None, scales: tuple[tuple[float, str, float], ...],
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
    """Energy given in Wh, shown in µWh, mWh, Wh, kWh or MWh (``_scale``)."""
    return format_quantity(wh, _ENERGY_SCALES, low, high)


def format_carbon_g(g: float | None, low: float | None = None, high: float | None = None) -> str:
    """Carbon given in g CO2e, shown in µg, mg, g, kg or t (``_scale``)."""
    return format_quantity(g, _CARBON_SCALES, low, high)


def format_water_l(litres: float | None, low: float | None = None, high: float | None = None) -> str:
    """Water given in litres, shown in µL, mL, L or m³ (``_scale``)."""
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


UNIT_AFTER_NUMBER = re.compile(r"(\d) (?=(?:[µmkMGT]?Wh|g|kg|t|[µm]?L|m³|W|J|[µm]?s|[kMGT]?B|GB/s|TFLOP/s|px|%|"
                               r"g/kWh|L/kWh|g CO2e)(?![\w/]))")
"""The space between a number and the unit after it (``0.22 GB``, ``58 Wh``)."""


def join_units(text: str, joiner: str) -> str:
    """``text`` with ``joiner`` (a no-break space, a placeholder) between each number and its unit, so that
    no line break separates them."""
    return UNIT_AFTER_NUMBER.sub(lambda m: m.group(1) + joiner, text)
