"""Energy estimator for transformer models: FLOPs, bytes moved and per-pass overhead.

Physics first, calibrated second (design §4, docs/methodology.md "The estimator"):

- each forward pass reads the weights once (``N × bytes/param`` bytes) and computes
  ``2 × active params × tokens`` FLOPs; its roofline time is the larger of compute time and
  memory time at fitted fractions of peak (``compute_efficiency``, ``memory_efficiency``);
- each pass also costs a fixed overhead ``overhead_s_per_pass × (active params / 1e9) ^
  overhead_exponent`` (kernel launches, framework), which dominates at batch 1;
- prefill is one pass over all input tokens of a batch; decoding is one pass per generated token,
  shared by the batch — which is how batch size moves per-item energy;
- the accelerator draws idle power all along, plus ``busy_power_fraction`` of (TDP − idle) during
  roofline time and ``overhead_power_fraction`` of it during overhead time; the host draws
  ``host_power_factor × host_w`` per accelerator.

The free factors are fitted on published measurements (``recommender.footprint.calibration``) and read
from ``catalog/estimator_fit.json`` at run time, without scikit-learn. Results are ``Range``s:
low / high combine the unfavourable ends of uncertain inputs with the fit's error band.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path

from ..catalog import Hardware, shipped_catalog_dir
from ..errors import CatalogError
from ..ranges import Range

BYTES_PER_PARAM = {"fp32": 4.0, "fp16": 2.0, "bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
MEMORY_HEADROOM = 1.2
"""Weights × this must fit in accelerator memory (KV cache, activations, runtime)."""
FIT_FILE = "estimator_fit.json"
"""The fitted factors, in the catalog directory."""
J_PER_WH = 3600.0


@dataclass(frozen=True)
class Factors:
    """Free factors of the physical model (dimensionless unless the name says), and where they come from."""

    compute_efficiency: float
    """Achieved / peak FLOP/s during compute-bound work."""
    memory_efficiency: float
    """Achieved / peak memory bandwidth during memory-bound work."""
    overhead_s_per_pass: float
    """Fixed time per forward pass of a 1e9-active-parameter model, s."""
    overhead_exponent: float
    """How the per-pass overhead grows with active parameters (power law)."""
    busy_power_fraction: float
    """Accelerator power above idle during roofline time, as a fraction of (TDP − idle)."""
    overhead_power_fraction: float
    """Accelerator power above idle during overhead time, as a fraction of (TDP − idle)."""
    idle_power_fraction: float
    """Idle accelerator power / TDP, used when the profile has no ``idle_w``."""
    host_power_factor: float
    """Host power / the profile's ``host_w``."""
    band_log10: float
    """Half-width of the error band: low = mid / 10^band, high = mid × 10^band."""
    source: str = ""
    """Which fit, on which data, when (shown in outputs)."""

    @classmethod
    def names(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls) if f.name != "source")


def load_factors(directory: Path | str | None = None) -> Factors:
    """Read the fitted factors from ``estimator_fit.json`` in a catalog directory (default: the
    shipped one); read once per directory."""
    return _load_factors(str(directory) if directory else str(shipped_catalog_dir()))


@lru_cache(maxsize=8)
def _load_factors(directory: str) -> Factors:
    path = Path(directory) / FIT_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        values = {name: float(data["factors"][name]) for name in Factors.names()}
    except FileNotFoundError:
        raise CatalogError(f"estimator fit {path} is missing; run 'frugal estimator fit'.") from None
    except (KeyError, TypeError, ValueError) as exc:
        raise CatalogError(f"{path}: expected a 'factors' object with {', '.join(Factors.names())}; "
                           f"problem with {exc}.") from None
    cal = data.get("calibration", {})
    source = (f"frugal estimator, calibrated {cal.get('fitted', '?')} on {cal.get('rows', '?')} published "
              f"measurements ({cal.get('data', '?')})")
    return Factors(**values, source=source)


@dataclass(frozen=True)
class Spec:
    """What is estimated: a transformer model running a workload on a hardware profile."""

    params_total: Range
    """Total parameters (count)."""
    params_active: Range
    """Parameters active per token (count); equals params_total unless mixture of experts."""
    architecture: str
    """``encoder``, ``decoder``, ``moe-decoder`` or ``encoder-decoder``."""
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


@dataclass(frozen=True)
class Estimate:
    """Energy per 1,000 items at the IT boundary, split by component, with the reasoning."""

    accelerator_wh_per_1k: Range
    host_wh_per_1k: Range
    gpus: int
    seconds_per_1k: Range
    spec: Spec
    factors: Factors

    @property
    def it_wh_per_1k(self) -> Range:
        return self.accelerator_wh_per_1k + self.host_wh_per_1k

    @property
    def steps(self) -> tuple[str, ...]:
        """Every step of the mid estimate as a formula with the numbers substituted (made on demand)."""
        s = self.spec
        times = item_times(s, self.factors, self.gpus, s.params_total.mid, s.params_active.mid, s.batch_size.mid)
        return explain_steps(s, self.factors, self.gpus, times, self.accelerator_wh_per_1k.mid,
                             self.host_wh_per_1k.mid)


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


def idle_watts(hardware: Hardware, factors: Factors) -> float:
    """Idle power of one device, W: the profile's ``idle_w``, else the fitted fraction of TDP."""
    return hardware.idle_w if hardware.idle_w is not None else factors.idle_power_fraction * hardware.tdp_w


def host_watts(hardware: Hardware, factors: Factors | None = None) -> float:
    """Host (CPU + RAM, rest of system) power per device, W."""
    factors = factors or load_factors()
    return factors.host_power_factor * (hardware.host_w or 0.0)


@dataclass(frozen=True)
class Times:
    """Seconds per item: roofline (compute or memory bound) and fixed per-pass overhead."""

    roofline_s: float
    overhead_s: float
    passes: float
    """Forward passes per batch."""
    prefill_s: float
    """Roofline time of the prefill pass, per batch."""
    decode_step_s: float
    """Roofline time of one decoding step, per batch."""
    pass_overhead_s: float

    @property
    def total_s(self) -> float:
        return self.roofline_s + self.overhead_s


def _pass_params(spec: Spec, params: float) -> float:
    """Parameters one pass goes through: an encoder-decoder runs its encoder on the input and its
    decoder per generated token, each about half the model."""
    return params / 2 if spec.architecture == "encoder-decoder" else params


class _Scalar:
    """Float versions of the two numpy functions the kernel uses, for one estimate at a time."""

    maximum = staticmethod(max)

    @staticmethod
    def where(condition, if_true, if_false):
        return if_true if condition else if_false


def _kernel(xp, factors: Factors, n_total, n_active, batch, tokens_in, tokens_out, flops_rate, byte_rate,
            bytes_per_param, attention, fine_tune, epochs):
    """The roofline-and-overhead formulas, on floats (``xp=_Scalar``) or numpy arrays (``xp=numpy``).

    Returns seconds per item (roofline, overhead), passes per batch, and per-batch prefill, decode
    step and per-pass overhead seconds. ``n_total`` and ``n_active`` are per pass (``_pass_params``).
    """
    weight_s = n_total * bytes_per_param / byte_rate
    pass_overhead = factors.overhead_s_per_pass * (n_active / 1e9) ** factors.overhead_exponent
    train_s = epochs * (6.0 * n_active * tokens_in + 3 * attention) / flops_rate
    prefill = xp.maximum(batch * (2.0 * n_active * tokens_in + attention) / flops_rate, weight_s)
    decode = xp.maximum(2.0 * n_active * batch / flops_rate, weight_s)
    passes = xp.where(fine_tune, 3 * epochs, 1 + tokens_out)
    roofline = xp.where(fine_tune, train_s, (prefill + tokens_out * decode) / batch)
    return (roofline, passes * pass_overhead / batch, passes, xp.where(fine_tune, train_s * batch, prefill),
            xp.where(fine_tune, 0.0, decode), pass_overhead)


def _inputs(spec: Spec, factors: Factors, gpus: int) -> tuple:
    """Per-spec constants of the kernel: (flops_rate, byte_rate, bytes_per_param, attention,
    fine_tune, epochs, tokens_out, pass_fraction)."""
    attention = 4.0 * spec.layers * spec.hidden_size * spec.tokens_in ** 2 if spec.layers and spec.hidden_size else 0.0
    fine_tune = spec.phase == "fine-tune"
    return (peak_flops(spec.hardware, spec.precision) * gpus * factors.compute_efficiency,
            spec.hardware.memory_bandwidth_gbs * 1e9 * gpus * factors.memory_efficiency,
            BYTES_PER_PARAM[spec.precision], attention, fine_tune, spec.epochs,
            0.0 if fine_tune else spec.tokens_out, _pass_params(spec, 1.0))


def item_times(spec: Spec, factors: Factors, gpus: int, params_total: float, params_active: float,
               batch: float) -> Times:
    """Roofline and overhead seconds per item (see the module docstring)."""
    flops_rate, byte_rate, q, attention, fine_tune, epochs, tokens_out, fraction = _inputs(spec, factors, gpus)
    return Times(*_kernel(_Scalar, factors, params_total * fraction, params_active * fraction, batch,
                          spec.tokens_in, tokens_out, flops_rate, byte_rate, q, attention, fine_tune, epochs))


def _energy_j(factors: Factors, total_s, roofline_s, overhead_s, tdp_w, idle_w, host_w, gpus, idle_gpus):
    """(accelerator, host) energy per item, J, on floats or numpy arrays."""
    accelerator = gpus * (idle_w * total_s + (tdp_w - idle_w) * (factors.busy_power_fraction * roofline_s
                                                                 + factors.overhead_power_fraction * overhead_s))
    accelerator = accelerator + idle_gpus * idle_w * total_s
    return accelerator, host_w * (gpus + idle_gpus) * total_s


def energy_j_per_item(times: Times, hardware: Hardware, factors: Factors, gpus: int,
                      idle_gpus: int = 0) -> tuple[float, float]:
    """(accelerator, host) energy per item, J."""
    return _energy_j(factors, times.total_s, times.roofline_s, times.overhead_s, hardware.tdp_w,
                     idle_watts(hardware, factors), host_watts(hardware, factors), gpus, idle_gpus)


ENDS = ("low", "mid", "high")


def estimate(spec: Spec, factors: Factors | None = None) -> Estimate:
    """Estimate energy per 1,000 items; low / high combine the favourable / unfavourable ends of the
    inputs with the fit's error band (× 10^∓band)."""
    return estimate_many([spec], factors)[0]


def estimate_many(specs: list[Spec], factors: Factors | None = None) -> list[Estimate]:
    """``estimate`` for many specs at once, with numpy (what ranking a large catalog needs)."""
    import numpy as np

    factors = factors or load_factors()
    if not specs:
        return []
    gpus = [s.gpus or devices_needed(s.params_total.high, s.precision, s.hardware) for s in specs]
    inputs = np.array([_inputs(s, factors, g) for s, g in zip(specs, gpus)], dtype=float).T
    flops_rate, byte_rate, q, attention, fine_tune, epochs, tokens_out, fraction = inputs
    tokens_in = np.array([s.tokens_in for s in specs], dtype=float)
    power = np.array([(s.hardware.tdp_w, idle_watts(s.hardware, factors), host_watts(s.hardware, factors),
                       s.idle_gpus) for s in specs], dtype=float).T
    gpu_count = np.array(gpus, dtype=float)
    band = {"low": 10 ** -factors.band_log10, "mid": 1.0, "high": 10 ** factors.band_log10}
    columns = {}
    # the favourable end (low energy) takes the fewest parameters and the largest batch
    ranges = np.array([(s.params_total.low, s.params_total.mid, s.params_total.high, s.params_active.low,
                        s.params_active.mid, s.params_active.high, s.batch_size.high, s.batch_size.mid,
                        s.batch_size.low) for s in specs], dtype=float).T
    for i, end in enumerate(ENDS):
        n_total, n_active, batch = ranges[i], ranges[3 + i], ranges[6 + i]
        roofline, overhead, *_ = _kernel(np, factors, n_total * fraction, n_active * fraction, batch, tokens_in,
                                         tokens_out, flops_rate, byte_rate, q, attention, fine_tune.astype(bool),
                                         epochs)
        total = roofline + overhead
        accelerator, host = _energy_j(factors, total, roofline, overhead, power[0], power[1], power[2],
                                      gpu_count, power[3])
        columns[end] = ((1000 * total * band[end]).tolist(), (1000 * accelerator / J_PER_WH * band[end]).tolist(),
                        (1000 * host / J_PER_WH * band[end]).tolist())
    low, mid, high = columns["low"], columns["mid"], columns["high"]
    return [
        Estimate(Range(low[1][i], mid[1][i], high[1][i]), Range(low[2][i], mid[2][i], high[2][i]), gpus[i],
                 Range(low[0][i], mid[0][i], high[0][i]), spec, factors)
        for i, spec in enumerate(specs)
    ]


def _g(x: float) -> str:
    return f"{x:.4g}"


def explain_steps(spec: Spec, f: Factors, gpus: int, t: Times, acc_wh: float, host_wh: float) -> tuple[str, ...]:
    """Every step of the mid estimate as a formula with the numbers substituted."""
    hw = spec.hardware
    q = BYTES_PER_PARAM[spec.precision]
    n_total, n_active = _pass_params(spec, spec.params_total.mid), _pass_params(spec, spec.params_active.mid)
    half = " (encoder-decoder: half the parameters per pass)" if spec.architecture == "encoder-decoder" else ""
    b = spec.batch_size.mid
    flops_rate = peak_flops(hw, spec.precision) * gpus * f.compute_efficiency
    byte_rate = hw.memory_bandwidth_gbs * 1e9 * gpus * f.memory_efficiency
    idle = idle_watts(hw, f)
    host_w = host_watts(hw, f)
    steps = [
        f"devices: {gpus} × {hw.name} ({spec.precision}, {q:g} bytes/parameter; weights {_g(n_total * q / 1e9)} GB"
        f"{half})",
        f"compute rate = {_g(peak_flops(hw, spec.precision) / 1e12)} TFLOP/s × {gpus} × compute efficiency "
        f"{_g(f.compute_efficiency)} = {_g(flops_rate / 1e12)} TFLOP/s",
        f"memory rate = {_g(hw.memory_bandwidth_gbs)} GB/s × {gpus} × memory efficiency {_g(f.memory_efficiency)} "
        f"= {_g(byte_rate / 1e9)} GB/s",
    ]
    if spec.phase == "fine-tune":
        steps.append(f"training time per item = {_g(spec.epochs)} epochs × 6 × {_g(n_active)} params × "
                     f"{_g(spec.tokens_in)} tokens / {_g(flops_rate)} FLOP/s = {_g(t.roofline_s)} s")
    else:
        steps += [
            f"prefill per batch = max({_g(b)} × 2 × {_g(n_active)} params × {_g(spec.tokens_in)} tokens / "
            f"{_g(flops_rate)} FLOP/s, {_g(n_total * q)} bytes / {_g(byte_rate)} B/s) = {_g(t.prefill_s)} s",
            f"decode step per batch = max({_g(b)} × 2 × {_g(n_active)} / {_g(flops_rate)}, "
            f"{_g(n_total * q)} / {_g(byte_rate)}) = {_g(t.decode_step_s)} s",
            f"roofline time per item = ({_g(t.prefill_s)} + {_g(spec.tokens_out)} tokens out × "
            f"{_g(t.decode_step_s)}) s / batch {_g(b)} = {_g(t.roofline_s)} s",
        ]
    steps += [
        f"overhead per pass = {_g(f.overhead_s_per_pass)} s × ({_g(n_active)} / 1e9)^{_g(f.overhead_exponent)} "
        f"= {_g(t.pass_overhead_s)} s",
        f"overhead time per item = {_g(t.passes)} passes × {_g(t.pass_overhead_s)} s / batch {_g(b)} "
        f"= {_g(t.overhead_s)} s",
        f"idle power = {'idle_w' if hw.idle_w is not None else f'{_g(f.idle_power_fraction)} × TDP {_g(hw.tdp_w)} W'}"
        f" = {_g(idle)} W per device",
        f"accelerator per item = {gpus} × ({_g(idle)} W × {_g(t.total_s)} s + ({_g(hw.tdp_w)} − {_g(idle)}) W × "
        f"({_g(f.busy_power_fraction)} × {_g(t.roofline_s)} s + {_g(f.overhead_power_fraction)} × "
        f"{_g(t.overhead_s)} s)) = {_g(acc_wh * J_PER_WH / 1000)} J",
        f"host per item = {_g(f.host_power_factor)} × {_g(hw.host_w or 0.0)} W × {gpus} × {_g(t.total_s)} s "
        f"= {_g(host_w * gpus * t.total_s)} J",
        f"per 1,000 items: accelerator {_g(acc_wh)} Wh, host {_g(host_wh)} Wh, IT {_g(acc_wh + host_wh)} Wh "
        f"(J × 1000 / 3600)",
        f"range: low = mid / 10^{_g(f.band_log10)}, high = mid × 10^{_g(f.band_log10)} (fit error band), "
        f"with the favourable / unfavourable ends of uncertain inputs",
    ]
    return tuple(steps)


def accelerator_to_it(accelerator_wh: float, hardware: Hardware, factors: Factors | None = None) -> float:
    """Convert an accelerator-only energy to the IT boundary by adding the host's share, Wh.

    The host draws ``host_power_factor × host_w`` while a busy accelerator draws
    ``idle + busy_power_fraction × (TDP − idle)``.
    """
    factors = factors or load_factors()
    idle = idle_watts(hardware, factors)
    busy_w = idle + factors.busy_power_fraction * (hardware.tdp_w - idle)
    return accelerator_wh * (1 + host_watts(hardware, factors) / busy_w)
