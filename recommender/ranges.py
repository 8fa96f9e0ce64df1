"""Uncertain quantities as ``low / mid / high`` triples."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Range:
    """An uncertain non-negative quantity: ``low <= mid <= high``, same unit for all three."""

    low: float
    mid: float
    high: float

    def __post_init__(self) -> None:
        if not self.low <= self.mid <= self.high:
            raise ValueError(f"a range needs low <= mid <= high; got {self.low!r}, {self.mid!r}, {self.high!r}")

    @classmethod
    def exact(cls, value: float) -> "Range":
        return cls(value, value, value)

    def __add__(self, other: "Range") -> "Range":
        return Range(self.low + other.low, self.mid + other.mid, self.high + other.high)

    def __mul__(self, factor: float) -> "Range":
        return Range(self.low * factor, self.mid * factor, self.high * factor)

    __rmul__ = __mul__

    def __truediv__(self, divisor: float) -> "Range":
        return Range(self.low / divisor, self.mid / divisor, self.high / divisor)

    def as_dict(self) -> dict[str, float]:
        return {"low": self.low, "mid": self.mid, "high": self.high}
