"""Energy estimator for transformer models: FLOPs and bytes moved, per hardware profile.

Physics first (design §4): compute time from FLOPs at a fraction of peak throughput, memory time
from bytes read at a fraction of peak bandwidth, device time = max of the two, energy = power ×
time for the accelerator and the host. Uncertain factors are ranges, so every result is a
``Range`` (low / mid / high). All energies returned here are at the IT boundary split into
accelerator and host; the facility boundary (× PUE) is applied by the caller.

This module is the one place the estimate is made; ``frugal recommend`` and every other command
call ``estimate``. The constants in ``UNCALIBRATED`` are first physical guesses, to be replaced
by the calibrated factors of the estimator issue.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from .catalog import Hardware
from .ranges import Range

BYTES_PER_PARAM = {"fp32": 4.0, "fp16": 2.0, "bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
MEMORY_HEADROOM = 1.2
"""Weights × this must fit in accelerator memory (KV cache, activations, runtime)."""


@dataclass(frozen=True)
class Factors:
    """Free factors of the physical model, each a range (dimensionless fractions)."""

    compute_efficiency: Range
    """Achieved / peak FLOP/s during compute-bound work."""
    memory_efficiency: Range
    """Achieved / peak memory bandwidth during memory-bound work."""
    power_fraction: Range
    """Average accelerator power / TDP while busy."""
    source: str


UNCALIBRATED = Factors(
    compute_efficiency=Range(0.25, 0.4, 0.6),
    memory_efficiency=Range(0.5, 0.7, 0.85),
    power_fraction=Range(0.5, 0.7, 0.9),
    source="frugal estimator v0: physical first guesses (uncalibrated)",
)


@dataclass(frozen=True)
class Spec:
    """What is estimated: a transformer model running a workload on a hardware profile."""

    params_total: Range
    """Total parameters (count)."""
    params_active: Range
    """Parameters active per token (count); equals params_total unless mixture of experts."""
    architecture: str
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


@dataclass(frozen=True)
class Estimate:
    """Energy per 1,000 items at the IT boundary, split by component, with the reasoning."""

    accelerator_wh_per_1k: Range
    host_wh_per_1k: Range
    gpus: int
    seconds_per_1k: Range
    steps: tuple[str, ...] = field(default=())
    factors: Factors = UNCALIBRATED

    @property
    def it_wh_per_1k(self) -> Range:
        return self.accelerator_wh_per_1k + self.host_wh_per_1k


def peak_flops(hardware: Hardware, precision: str) -> float:
    """Peak dense FLOP/s of one device at ``precision``."""
    if precision == "fp32" or hardware.kind == "cpu":
        tflops = hardware.peak_tflops_fp32
    elif precision in ("int8", "fp8", "int4"):
        tflops = hardware.peak_tflops_int8 or hardware.peak_tflops_fp16 or hardware.peak_tflops_fp32
    else:
        tflops = hardware.peak_tflops_fp16 or hardware.peak_tflops_fp32
    return tflops * 1e12


def devices_needed(params_total: float, precision: str, hardware: Hardware) -> int:
    """Fewest devices whose memory holds the weights with headroom (1 for a CPU)."""
    if hardware.kind == "cpu":
        return 1
    weight_bytes = params_total * BYTES_PER_PARAM[precision] * MEMORY_HEADROOM
    return max(1, math.ceil(weight_bytes / (hardware.memory_gb * 1e9)))


def host_watts(hardware: Hardware) -> float:
    """Host (CPU + RAM, rest of system) power per device, W."""
    return hardware.host_w or 0.0


def _seconds_per_item(spec: Spec, gpus: int, compute_eff: float, memory_eff: float,
                      params_total: float, params_active: float, batch: float) -> float:
    flops_rate = peak_flops(spec.hardware, spec.precision) * gpus * compute_eff
    byte_rate = spec.hardware.memory_bandwidth_gbs * 1e9 * gpus * memory_eff
    weight_bytes = params_total * BYTES_PER_PARAM[spec.precision]
    attention = 0.0
    if spec.layers and spec.hidden_size:
        attention = 4.0 * spec.layers * spec.hidden_size * spec.tokens_in ** 2
    if spec.phase == "fine-tune":
        flops = (6.0 * params_active * spec.tokens_in + 3 * attention) * spec.epochs
        return flops / flops_rate
    prefill_batch = max(batch * (2.0 * params_active * spec.tokens_in + attention) / flops_rate,
                        weight_bytes / byte_rate)
    decode_step = max(2.0 * params_active * batch / flops_rate, weight_bytes / byte_rate)
    return (prefill_batch + spec.tokens_out * decode_step) / batch


def _at(r: Range, end: str, larger_is_cheaper: bool) -> float:
    """The value of ``r`` that gives the ``end`` (low / mid / high) of the energy."""
    if end == "mid":
        return r.mid
    cheap, dear = (r.high, r.low) if larger_is_cheaper else (r.low, r.high)
    return cheap if end == "low" else dear


def estimate(spec: Spec, factors: Factors = UNCALIBRATED) -> Estimate:
    """Estimate energy per 1,000 items; low / high combine the favourable / unfavourable ends."""
    hw = spec.hardware
    gpus = spec.gpus or devices_needed(spec.params_total.high, spec.precision, hw)
    seconds, accelerator, host = {}, {}, {}
    for end in ("low", "mid", "high"):
        seconds[end] = 1000 * _seconds_per_item(
            spec, gpus,
            _at(factors.compute_efficiency, end, True), _at(factors.memory_efficiency, end, True),
            _at(spec.params_total, end, False), _at(spec.params_active, end, False),
            _at(spec.batch_size, end, True),
        )
        accelerator_w = hw.tdp_w * _at(factors.power_fraction, end, False) * gpus
        accelerator[end] = seconds[end] * accelerator_w / 3600
        host[end] = seconds[end] * host_watts(hw) * gpus / 3600
    as_range = lambda d: Range(d["low"], d["mid"], d["high"])  # noqa: E731
    s_mid = seconds["mid"]
    steps = (
        f"devices: {gpus} × {hw.name} ({spec.precision}, {BYTES_PER_PARAM[spec.precision]:g} bytes/parameter)",
        f"time per 1,000 items (mid): {s_mid:.4g} s at batch {spec.batch_size.mid:g}, "
        f"{spec.tokens_in:g} tokens in, {spec.tokens_out:g} tokens out",
        f"accelerator: {hw.tdp_w * factors.power_fraction.mid * gpus:.4g} W × {s_mid:.4g} s / 3600 "
        f"= {accelerator['mid']:.4g} Wh per 1,000 items",
        f"host: {host_watts(hw) * gpus:.4g} W × {s_mid:.4g} s / 3600 = {host['mid']:.4g} Wh per 1,000 items",
    )
    return Estimate(as_range(accelerator), as_range(host), gpus, as_range(seconds), steps, factors)


def accelerator_to_it(accelerator_wh: float, hardware: Hardware, factors: Factors = UNCALIBRATED) -> float:
    """Convert an accelerator-only energy to the IT boundary by adding the host's share, Wh.

    The host draws ``host_w`` while the accelerator draws ``tdp_w × power_fraction``.
    """
    busy_w = hardware.tdp_w * factors.power_fraction.mid
    return accelerator_wh * (1 + host_watts(hardware) / busy_w)
