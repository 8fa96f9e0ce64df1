"""Every default of the footprint methodology, in one place (docs/methodology.md, "Defaults").

What the user does not say is filled in from here, and every output that uses one of these values
says it was assumed. Units are in the names or the docstrings.
"""

from __future__ import annotations

from ..catalog.schema import GENERATIVE_ARCHITECTURES, Datacenter, Hardware, Model
from ..ranges import Range

VOLUME_ITEMS = 10_000
"""Items processed in use when the user gives no ``--volume``."""
DATA_SENSITIVITY = "sensitive"
"""Assumed sensitivity of the data when none is given: the safe choice (no external platform)."""
GRID_ZONE = "FR"
"""Grid zone of local computation: the institute is in France."""
TRAIN_ITEMS = 5000
"""Labelled examples for a one-off fit or fine-tune."""
EPOCHS = 3.0
"""Passes over the training items for a fine-tune."""
LOCAL_BATCH = 16
"""Items per batch assumed for local runs when the user gives none (offline batch processing)."""
HOSTED_BATCH = Range(8, 32, 64)
"""Concurrent requests assumed on a hosted platform's accelerators (unknown: a range)."""
FIGURE_MATCH_FACTOR = 2.0
"""A measured or published figure applies only when its tokens per item and its batch size are
within this factor of the workload's (per-item energy moves several-fold with either)."""
BYTES_PER_PARAM = {"fp32": 4.0, "fp16": 2.0, "bf16": 2.0, "fp8": 1.0, "int8": 1.0, "int4": 0.5}
"""Bytes one weight takes at each precision."""
MEMORY_HEADROOM = 1.2
"""Weights × this must fit in accelerator memory (KV cache, activations, runtime)."""
LOCAL_CPU_SITE = "local-office"
"""Where a local CPU run happens (datacenters.csv id)."""
LOCAL_GPU_SITE = "local-datacenter"
"""Where a local GPU run happens: the institute's machine room (datacenters.csv id)."""
ESTIMATE_ITEMS = 1000
"""Items ``frugal estimate`` totals for when the user gives no ``--items``."""


def precision_for(model: Model | None, hardware: Hardware) -> str:
    """The model's stated precision, else fp32 on a CPU and fp16 on an accelerator."""
    if model is not None and model.precision:
        return model.precision
    return "fp32" if hardware.kind == "cpu" else "fp16"


def local_site_id(hardware: Hardware) -> str:
    """The datacenters.csv id of a local run on ``hardware``: an office (CPU) or the machine room (GPU)."""
    return LOCAL_CPU_SITE if hardware.kind == "cpu" else LOCAL_GPU_SITE


def site_id_for(model: Model, hardware: Hardware) -> str:
    """Hosted options run in their provider's datacenter; local ones at ``local_site_id``."""
    return model.datacenter or local_site_id(hardware)


def batch_for(model: Model, batch_size: int | None) -> Range:
    """Items per batch: the user's, else ``LOCAL_BATCH`` for a local run, else ``HOSTED_BATCH``."""
    if model.is_external:
        return HOSTED_BATCH
    return Range.exact(batch_size or LOCAL_BATCH)


def weights_bytes(params, bytes_per_param):
    """Bytes the weights take in memory, headroom included (floats or numpy arrays): ``params`` ×
    bytes per parameter (``BYTES_PER_PARAM`` of the precision) × ``MEMORY_HEADROOM``."""
    return params * bytes_per_param * MEMORY_HEADROOM


def devices_needed_columns(params_total, bytes_per_param, memory_gb, is_cpu):
    """Fewest devices whose memory holds the weights with headroom, 1 for a CPU (numpy arrays or
    floats of parameters, bytes per parameter, device memory in GB, CPU or not); devices as floats."""
    import numpy as np

    weights = weights_bytes(params_total, bytes_per_param)
    return np.where(is_cpu, 1.0, np.maximum(1.0, np.ceil(weights / (memory_gb * 1e9))))


def devices_needed(params_total: float, precision: str, hardware: Hardware) -> int:
    """``devices_needed_columns`` for one model at ``precision`` on ``hardware``."""
    return int(devices_needed_columns(params_total, BYTES_PER_PARAM[precision], hardware.memory_gb,
                                      hardware.kind == "cpu"))


def is_generative(model: Model) -> bool:
    """Whether the model generates tokens (its items carry ``tokens_out``)."""
    return model.architecture in GENERATIVE_ARCHITECTURES


def site_of(model: Model, hardware: Hardware, datacenters: dict[str, Datacenter]) -> Datacenter:
    """The ``Datacenter`` record of ``site_id_for``."""
    return datacenters[site_id_for(model, hardware)]
