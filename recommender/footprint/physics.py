"""Energy estimator for transformer and vision models: FLOPs, bytes moved and per-pass overhead.

Physics first, calibrated second (design §4, docs/methodology.md "The estimator"):

- each forward pass reads the weights once (``N × bytes/param`` bytes) and computes
  ``2 × active params × tokens`` FLOPs; its roofline time is the larger of compute time and
  memory time at fitted fractions of peak (``compute_efficiency``, ``memory_efficiency``);
- each pass also costs a fixed overhead ``overhead_s_per_pass × (active params / 1e9) ^
  overhead_exponent`` (kernel launches, framework), which dominates at batch 1;
- a vision network (CNN, U-Net, ViT: ``flops_per_item`` given) computes its published forward FLOPs
  per image, 2 × the multiply-adds of torchvision's tables, instead of ``2 × params × tokens``;
  training is 3 × forward FLOPs × images × epochs, as for transformers;
- prefill is one pass over all input tokens of a batch; decoding is one pass per generated token,
  shared by the batch — which is how batch size moves per-item energy;
- the accelerator draws idle power all along, plus ``busy_power_fraction`` of (TDP − idle) during
  roofline time and ``overhead_power_fraction`` of it during overhead time; the host draws
  ``host_power_factor × host_w`` per accelerator.

One pure function per quantity, with its unit in its name; each works on floats and numpy arrays
alike. ``derive`` chains them once over many rows (numpy, imported only there) and returns every
intermediate (``Intermediates``): ``footprint.estimator`` (one spec at a time), the footprints of
many options (``footprint.footprint_columns``), the calibration and the explanation
(``footprint.explain``) all read from it. The free factors (``footprint.factors``) are fitted on
published measurements (``footprint.calibration``). Every quantity has three ends, low / mid /
high: the favourable / unfavourable ends of uncertain inputs with the fit's error band.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from ..catalog import Hardware
from .defaults import devices_needed_columns
from .factors import Factors

J_PER_WH = 3600.0
ENDS = ("low", "mid", "high")
"""The three ends of every result, in the order of the first axis of per-end arrays."""
MID = 1
"""Index of the mid end."""


# -- one pure function per quantity (floats or numpy arrays)

def peak_flop_s(hardware: Hardware, precision: str) -> float:
    """Peak dense FLOP/s of one device at ``precision``."""
    if precision == "fp32" or hardware.kind == "cpu":
        tflops = hardware.peak_tflops_fp32
    elif precision in ("int8", "fp8", "int4"):
        tflops = hardware.peak_tflops_int8 or hardware.peak_tflops_fp16 or hardware.peak_tflops_fp32
    else:
        tflops = hardware.peak_tflops_fp16 or hardware.peak_tflops_fp32
    return tflops * 1e12


def pass_fraction(architecture: str) -> float:
    """Share of the parameters one pass goes through: an encoder-decoder runs its encoder on the
    input and its decoder per generated token, each about half the model."""
    return 0.5 if architecture == "encoder-decoder" else 1.0


def compute_rate_flop_s(peak_flop_s, devices, compute_efficiency):
    """Achieved FLOP/s: peak FLOP/s of one device × devices × compute efficiency."""
    return peak_flop_s * devices * compute_efficiency


def memory_rate_b_s(memory_bandwidth_gb_s, devices, memory_efficiency):
    """Achieved memory bandwidth, B/s: GB/s of one device × 1e9 × devices × memory efficiency."""
    return memory_bandwidth_gb_s * 1e9 * devices * memory_efficiency


def attention_flops(layers, hidden_size, tokens_in):
    """Attention FLOPs of one pass over ``tokens_in`` tokens: 4 × layers × hidden size × tokens²
    (0 when layers or hidden size is unknown, given as 0)."""
    return 4.0 * layers * hidden_size * tokens_in ** 2


def weight_bytes(params, bytes_per_param):
    """Bytes of weights one pass reads: parameters × bytes per parameter."""
    return params * bytes_per_param


def weights_read_s(weight_bytes, memory_rate_b_s):
    """Seconds to read the weights once (one pass): bytes / achieved B/s."""
    return weight_bytes / memory_rate_b_s


def flops_of_multiply_adds(gmacs_per_item):
    """Forward FLOPs per item from billions of multiply-adds (torchvision's "GFLOPS"): 2 × 1e9 × G."""
    return 2e9 * gmacs_per_item


def forward_flops(params_active, tokens_in, attention_flops, flops_per_item):
    """FLOPs of one item's forward pass: ``flops_per_item`` when known (vision), else
    2 × active params × tokens + attention (transformers)."""
    import numpy as np

    return np.where(np.isnan(flops_per_item), 2.0 * params_active * tokens_in + attention_flops, flops_per_item)


def prefill_s(batch, params_active, tokens_in, attention_flops, compute_rate_flop_s, weights_read_s, *,
              flops_per_item=float("nan")):
    """Seconds of the prefill pass of one batch (a vision network's one pass): max(compute time,
    weights read time)."""
    import numpy as np

    work = forward_flops(params_active, tokens_in, attention_flops, flops_per_item)
    return np.maximum(batch * work / compute_rate_flop_s, weights_read_s)


def decode_step_s(batch, params_active, compute_rate_flop_s, weights_read_s):
    """Seconds of one decoding step of one batch (one token per item): max(compute, weights read)."""
    import numpy as np

    return np.maximum(2.0 * params_active * batch / compute_rate_flop_s, weights_read_s)


def inference_roofline_s(prefill_s, decode_step_s, tokens_out, batch):
    """Roofline seconds per item of inference: (prefill + tokens out × decode step) / batch."""
    return (prefill_s + tokens_out * decode_step_s) / batch


def training_s(epochs, params_active, tokens_in, attention_flops, compute_rate_flop_s, *,
               flops_per_item=float("nan")):
    """Roofline seconds per item of fine-tuning or training: epochs × 3 × forward FLOPs (6 × active
    params × tokens + 3 × attention for a transformer) / achieved FLOP/s (forward and backward)."""
    return epochs * 3.0 * forward_flops(params_active, tokens_in, attention_flops, flops_per_item) / compute_rate_flop_s


def roofline_s(inference_roofline_s, training_s, fine_tune):
    """Roofline seconds per item of the row's phase: training when fine-tuning, else inference."""
    import numpy as np

    return np.where(fine_tune, training_s, inference_roofline_s)


def pass_overhead_s(params_active, overhead_s_per_pass, overhead_exponent):
    """Fixed seconds per forward pass: τ × (active params / 1e9)^β."""
    return overhead_s_per_pass * (params_active / 1e9) ** overhead_exponent


def passes_per_batch(tokens_out, epochs, fine_tune):
    """Forward passes per batch: 1 prefill + 1 per generated token; 3 per epoch when fine-tuning."""
    import numpy as np

    return np.where(fine_tune, 3 * epochs, 1 + tokens_out)


def overhead_s(passes, pass_overhead_s, batch):
    """Overhead seconds per item: passes × overhead per pass / batch."""
    return passes * pass_overhead_s / batch


def idle_power_w(idle_w, tdp_w, idle_power_fraction):
    """Idle power of one device, W: the profile's ``idle_w``, else (NaN) the fitted fraction of TDP."""
    import numpy as np

    return np.where(np.isnan(idle_w), idle_power_fraction * tdp_w, idle_w)


def host_power_w(host_w, host_power_factor):
    """Host (CPU + RAM, rest of system) power per device, W: the fitted factor × the profile's ``host_w``."""
    return host_power_factor * host_w


def accelerator_j(time_s, roofline_s, overhead_s, *, devices, idle_devices, idle_w, tdp_w,
                  busy_power_fraction, overhead_power_fraction):
    """Accelerator energy per item, J: idle power all along, plus the busy and overhead shares of
    (TDP − idle) during roofline and overhead time, for each device used; idle devices inside the
    measured boundary draw idle power."""
    used = devices * (idle_w * time_s + (tdp_w - idle_w) * (busy_power_fraction * roofline_s
                                                            + overhead_power_fraction * overhead_s))
    return used + idle_devices * idle_w * time_s


def host_j(time_s, host_power_w, devices, idle_devices):
    """Host energy per item, J: host power per device × (devices + idle devices) × seconds."""
    return host_power_w * (devices + idle_devices) * time_s


def wh_per_1k(joules_per_item, band):
    """Wh per 1,000 items from J per item, × the error band's factor for the end."""
    return 1000 * joules_per_item / J_PER_WH * band


# -- the one vector computation

Array = Any
"""A numpy array (or a float, for one row)."""


@dataclass(frozen=True)
class Inputs:
    """The estimator's inputs for n rows. Per-end arrays have shape (3, n), one row per end
    (``ENDS``): the favourable (low) end takes the fewest parameters and the largest batch. The
    others have shape (n,). Units in the names; counts are floats."""

    params_total: Array
    """Total parameters, per end."""
    params_active: Array
    """Parameters active per token, per end."""
    batch: Array
    """Items per batch, per end."""
    pass_fraction: Array
    """Share of the parameters one pass goes through (``pass_fraction``)."""
    tokens_in: Array
    tokens_out: Array
    """Generated tokens per item (0 for encoders and fine-tuning)."""
    fine_tune: Array
    """True: training (forward + backward), else inference."""
    epochs: Array
    layers: Array
    """0 when unknown (no attention term)."""
    hidden_size: Array
    bytes_per_param: Array
    peak_flop_s: Array
    """Of one device at the row's precision."""
    memory_bandwidth_gb_s: Array
    memory_gb: Array
    is_cpu: Array
    devices: Array
    """Devices used; NaN = the fewest whose memory holds the weights."""
    tdp_w: Array
    idle_w: Array
    """Profile's idle power per device; NaN = the fitted fraction of TDP."""
    host_w: Array
    """Profile's host power per device (0 when unknown)."""
    idle_devices: Array
    flops_per_item: Array = None
    """Forward FLOPs per item of a vision network (2 × multiply-adds); NaN (or None for all) = a
    transformer's 2 × params × tokens."""


@dataclass(frozen=True)
class Intermediates:
    """Every named quantity of the estimate of n rows (shapes as in ``Inputs``); per item unless
    the name says per batch or per pass. ``at(end, i)`` gives one row's values as floats."""

    inputs: Inputs
    factors: Factors = field(repr=False)
    devices: Array
    idle_w: Array
    """Idle power per device, W."""
    host_w: Array
    """Host power per device, W."""
    params_total_per_pass: Array
    params_active_per_pass: Array
    compute_rate_flop_s: Array
    memory_rate_b_s: Array
    weight_bytes: Array
    """Bytes of weights read per pass."""
    attention_flops: Array
    forward_flops: Array
    """FLOPs of one item's forward pass (``forward_flops``)."""
    weights_read_s: Array
    prefill_s: Array
    """Per batch."""
    decode_step_s: Array
    """Per batch."""
    training_s: Array
    roofline_s: Array
    pass_overhead_s: Array
    passes: Array
    """Per batch."""
    overhead_s: Array
    time_s: Array
    """Roofline + overhead seconds."""
    accelerator_j: Array
    host_j: Array
    band: Array
    """Error band factor per end: 10^−band, 1, 10^band (shape (3, 1))."""
    accelerator_wh_per_1k: Array
    host_wh_per_1k: Array
    it_wh_per_1k: Array
    seconds_per_1k: Array

    def at(self, end: int, i: int) -> Intermediates:
        """Row ``i`` at end ``end`` (``ENDS`` index), every value a Python float or bool."""
        import numpy as np

        rows = len(self.inputs.tokens_in)

        def pick(value):
            a = np.asarray(value)
            if a.ndim == 2:
                return np.broadcast_to(a, (3, rows))[end, i].item()
            return a[i].item() if a.ndim == 1 else a.item()

        inputs = Inputs(**{f.name: pick(getattr(self.inputs, f.name)) for f in fields(Inputs)
                           if getattr(self.inputs, f.name) is not None})
        return Intermediates(inputs=inputs, factors=self.factors, **{
            f.name: pick(getattr(self, f.name)) for f in fields(self) if f.name not in ("inputs", "factors")})


def derive(inputs: Inputs, factors: Factors) -> Intermediates:
    """Run every formula once over all rows and ends; returns every intermediate."""
    import numpy as np

    f, x = factors, inputs
    devices = np.where(np.isnan(x.devices),
                       devices_needed_columns(x.params_total[-1], x.bytes_per_param, x.memory_gb, x.is_cpu),
                       x.devices)
    n_total, n_active = x.params_total * x.pass_fraction, x.params_active * x.pass_fraction
    compute_rate = compute_rate_flop_s(x.peak_flop_s, devices, f.compute_efficiency)
    memory_rate = memory_rate_b_s(x.memory_bandwidth_gb_s, devices, f.memory_efficiency)
    weights = weight_bytes(n_total, x.bytes_per_param)
    attention = attention_flops(x.layers, x.hidden_size, x.tokens_in)
    vision = np.full(np.shape(x.tokens_in), np.nan) if x.flops_per_item is None else x.flops_per_item
    forward = forward_flops(n_active, x.tokens_in, attention, vision)
    weights_s = weights_read_s(weights, memory_rate)
    prefill = prefill_s(x.batch, n_active, x.tokens_in, attention, compute_rate, weights_s, flops_per_item=vision)
    decode = decode_step_s(x.batch, n_active, compute_rate, weights_s)
    train = training_s(x.epochs, n_active, x.tokens_in, attention, compute_rate, flops_per_item=vision)
    roofline = roofline_s(inference_roofline_s(prefill, decode, x.tokens_out, x.batch), train, x.fine_tune)
    per_pass = pass_overhead_s(n_active, f.overhead_s_per_pass, f.overhead_exponent)
    passes = passes_per_batch(x.tokens_out, x.epochs, x.fine_tune)
    overhead = overhead_s(passes, per_pass, x.batch)
    time = roofline + overhead
    idle = idle_power_w(x.idle_w, x.tdp_w, f.idle_power_fraction)
    host_w = host_power_w(x.host_w, f.host_power_factor)
    acc = accelerator_j(time, roofline, overhead, devices=devices, idle_devices=x.idle_devices, idle_w=idle,
                        tdp_w=x.tdp_w, busy_power_fraction=f.busy_power_fraction,
                        overhead_power_fraction=f.overhead_power_fraction)
    host = host_j(time, host_w, devices, x.idle_devices)
    band = np.array([[10 ** -f.band_log10], [1.0], [10 ** f.band_log10]])
    acc_wh, host_wh = wh_per_1k(acc, band), wh_per_1k(host, band)
    return Intermediates(
        inputs=x, factors=f, devices=devices, idle_w=idle, host_w=host_w, params_total_per_pass=n_total,
        params_active_per_pass=n_active, compute_rate_flop_s=compute_rate, memory_rate_b_s=memory_rate,
        weight_bytes=weights, attention_flops=attention, forward_flops=forward, weights_read_s=weights_s, prefill_s=prefill,
        decode_step_s=decode, training_s=train, roofline_s=roofline, pass_overhead_s=per_pass, passes=passes,
        overhead_s=overhead, time_s=time, accelerator_j=acc, host_j=host, band=band,
        accelerator_wh_per_1k=acc_wh, host_wh_per_1k=host_wh, it_wh_per_1k=acc_wh + host_wh,
        seconds_per_1k=1000 * time * band,
    )


def idle_watts(hardware: Hardware, factors: Factors) -> float:
    """Idle power of one device, W (``idle_power_w`` of a profile)."""
    idle = float("nan") if hardware.idle_w is None else hardware.idle_w
    return float(idle_power_w(idle, hardware.tdp_w, factors.idle_power_fraction))


def host_watts(hardware: Hardware, factors: Factors) -> float:
    """Host power per device, W (``host_power_w`` of a profile)."""
    return host_power_w(hardware.host_w or 0.0, factors.host_power_factor)


def accelerator_to_it(accelerator_wh: float, hardware: Hardware, factors: Factors) -> float:
    """Convert an accelerator-only energy to the IT boundary by adding the host's share, Wh.

    The host draws ``host_power_factor × host_w`` while a busy accelerator draws
    ``idle + busy_power_fraction × (TDP − idle)``.
    """
    idle = idle_watts(hardware, factors)
    busy_w = idle + factors.busy_power_fraction * (hardware.tdp_w - idle)
    return accelerator_wh * (1 + host_watts(hardware, factors) / busy_w)
