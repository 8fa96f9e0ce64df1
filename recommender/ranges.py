"""Uncertain quantities as ``low / mid / high`` triples."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    """An uncertain non-negative quantity: ``low <= mid <= high``, same unit for all three."""

    low: float
    mid: float
    high: float

    @classmethod
    def exact(cls, value: float) -> "Range":
        return cls(value, value, value)

    @property
    def is_exact(self) -> bool:
        return self.low == self.high

    def __add__(self, other: "Range") -> "Range":
        return Range(self.low + other.low, self.mid + other.mid, self.high + other.high)

    def __mul__(self, factor: float) -> "Range":
        return Range(self.low * factor, self.mid * factor, self.high * factor)

    __rmul__ = __mul__

    def __truediv__(self, divisor: float) -> "Range":
        return Range(self.low / divisor, self.mid / divisor, self.high / divisor)

    def times(self, other: "Range") -> "Range":
        """Product of two independent non-negative ranges (low×low, mid×mid, high×high)."""
        return Range(self.low * other.low, self.mid * other.mid, self.high * other.high)

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "mid": self.mid, "high": self.high}
