"""The estimator for one model spec at a time: a ``Spec`` (model, workload, hardware) in, an
``Estimate`` (accelerator and host energy per 1,000 items as ranges, with its steps) out.

Many specs are estimated in one ``physics.derive``; one spec is the same computation on one row.
Used by ``frugal estimate``, the calibration and the CPU checks (``frugal estimator validate``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog import Hardware
from ..ranges import Range
from .defaults import BYTES_PER_PARAM
from .factors import Factors
from .physics import MID, Array, Inputs, Intermediates, derive, flops_of_multiply_adds, pass_fraction, peak_flop_s


@dataclass(frozen=True)
class Spec:
    """What is estimated: a transformer or a vision network running a workload on a hardware profile."""

    params_total: Range
    """Total parameters (count)."""
    params_active: Range
    """Parameters active per token (count); equals params_total unless mixture of experts."""
    architecture: str
    """``encoder``, ``decoder``, ``moe-decoder``, ``encoder-decoder``; or ``cnn``, ``unet``, ``vit``."""
    tokens_in: float
    """Input tokens per item."""
    tokens_out: float
    """Generated tokens per item (0 for encoders)."""
    hardware: Hardware
    batch_size: Range
    """Items processed together."""
    precision: str = "fp16"
    gpus: int | None = None
    """Accelerators used; None picks the fewest whose memory holds the weights."""
    phase: str = "inference"
    """``inference`` or ``fine-tune`` (training: forward + backward)."""
    epochs: float = 1.0
    layers: int | None = None
    hidden_size: int | None = None
    idle_gpus: int = 0
    """Idle accelerators inside the measured boundary (calibration rows of a shared node; 0 otherwise)."""
    gflops_per_item: Range | None = None
    """A vision network's forward cost per image, billions of multiply-adds (torchvision's "GFLOPS"
    convention; FLOPs = 2 × this); None for a transformer (2 × params × tokens)."""
    resolution: str = ""
    """The input size ``gflops_per_item`` holds for (shown, not computed with)."""


def inputs_of(specs: list[Spec]) -> Inputs:
    """The estimator's inputs for ``specs``, as arrays."""
    import numpy as np

    def ends(r: Range, favourable_low: bool = True) -> tuple[float, float, float]:
        return (r.low, r.mid, r.high) if favourable_low else (r.high, r.mid, r.low)

    def column(values) -> Array:
        return np.array(list(values), dtype=float)

    hw = [s.hardware for s in specs]
    nan = (np.nan, np.nan, np.nan)
    vision = column(flops_of_multiply_adds(np.array(ends(s.gflops_per_item))) if s.gflops_per_item else nan
                    for s in specs).T
    fine_tune = np.array([s.phase == "fine-tune" for s in specs], dtype=bool)
    return Inputs(
        params_total=column(ends(s.params_total) for s in specs).T,
        params_active=column(ends(s.params_active) for s in specs).T,
        batch=column(ends(s.batch_size, favourable_low=False) for s in specs).T,
        pass_fraction=column(pass_fraction(s.architecture) for s in specs),
        tokens_in=column(s.tokens_in for s in specs),
        tokens_out=np.where(fine_tune, 0.0, column(s.tokens_out for s in specs)),
        fine_tune=fine_tune, epochs=column(s.epochs for s in specs),
        layers=column((s.layers or 0) if s.hidden_size else 0 for s in specs),
        hidden_size=column((s.hidden_size or 0) if s.layers else 0 for s in specs),
        bytes_per_param=column(BYTES_PER_PARAM[s.precision] for s in specs),
        peak_flop_s=column(peak_flop_s(s.hardware, s.precision) for s in specs),
        memory_bandwidth_gb_s=column(h.memory_bandwidth_gbs for h in hw), memory_gb=column(h.memory_gb for h in hw),
        is_cpu=np.array([h.kind == "cpu" for h in hw], dtype=bool),
        devices=column(s.gpus or np.nan for s in specs), tdp_w=column(h.tdp_w for h in hw),
        idle_w=column(np.nan if h.idle_w is None else h.idle_w for h in hw),
        host_w=column(h.host_w or 0.0 for h in hw), idle_devices=column(s.idle_gpus for s in specs),
        flops_per_item=vision,
    )


@dataclass(frozen=True)
class Estimate:
    """Energy per 1,000 items at the IT boundary, split by component, with the reasoning."""

    accelerator_wh_per_1k: Range
    host_wh_per_1k: Range
    gpus: int
    seconds_per_1k: Range
    spec: Spec
    factors: Factors
    intermediates: Intermediates = field(repr=False, compare=False)
    row: int = field(default=0, repr=False, compare=False)
    """This estimate's row in ``intermediates``."""

    @property
    def it_wh_per_1k(self) -> Range:
        return self.accelerator_wh_per_1k + self.host_wh_per_1k

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step of the mid estimate as a formula with its numbers (rendered on demand)."""
        from .explain import estimator_steps

        s = self.spec
        return estimator_steps(self.intermediates.at(MID, self.row), hardware=s.hardware, precision=s.precision,
                               architecture=s.architecture)


def estimate(spec: Spec, factors: Factors) -> Estimate:
    """Estimate energy per 1,000 items; low / high combine the favourable / unfavourable ends of the
    inputs with the fit's error band (× 10^∓band)."""
    return estimate_many([spec], factors)[0]


def estimate_many(specs: list[Spec], factors: Factors) -> list[Estimate]:
    """``estimate`` for many specs at once: one ``derive`` over all of them."""
    if not specs:
        return []
    values = derive(inputs_of(specs), factors)
    acc, host, seconds = (values.accelerator_wh_per_1k.tolist(), values.host_wh_per_1k.tolist(),
                          values.seconds_per_1k.tolist())
    gpus = values.devices.tolist()
    return [Estimate(Range(acc[0][i], acc[1][i], acc[2][i]), Range(host[0][i], host[1][i], host[2][i]),
                     int(gpus[i]), Range(seconds[0][i], seconds[1][i], seconds[2][i]), spec, factors, values, i)
            for i, spec in enumerate(specs)]
