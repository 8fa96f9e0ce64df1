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
HOSTED_BATCH = Range(16, 64, 128)
"""Concurrent requests assumed on a hosted platform's accelerators (undisclosed: a range). Mid 64: EcoLogits'
batch size (ecologits/impacts/llm.py ``BATCH_SIZE``, v0.9.1); the ends, a quarter and twice that, are assumed."""
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
GOAL_MEDIAN_ABS_LOG10 = 0.15
"""The estimator's goal on held-out rows (docs/methodology.md, "Validation"): median |log10(estimate /
measured)| at most this (a factor 1.41)."""
GOAL_P90_ABS_LOG10 = 0.4
"""… and its 90th percentile at most this (a factor 2.5)."""
GOAL_SHARE_IN_RANGE = 0.8
"""… and at least this share of measured values inside the estimate's [low, high]."""


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


# -- life cycle (footprint.lifecycle): embodied impacts allocated by the share of the hardware's time

LIFETIME_YEARS = {"gpu": 3.0, "cpu": 4.0, "cpu-server": 4.0, "cpu-laptop": 4.0, "cpu-workstation": 6.0}
"""Years a machine serves, by hardware kind (``gpu``) or profile id. GPU servers 3: EcoLogits'
``HARDWARE_LIFESPAN`` (ecologits/impacts/llm.py at 2d0a1c7, citing Ostrouchov et al. 2020) and
BoaviztAPI's GPU archetype (26,280 h, data/archetypes/components/gpu.csv at 15878f0). CPU server (and
any other CPU) 4:
BoaviztAPI's server archetypes (35,040 h, data/archetypes/server.csv). Laptop 4 and workstation 6:
BoaviztAPI's ``laptop-pro`` (35,040 h) and ``desktop-pro`` (52,560 h) archetypes
(data/archetypes/user_terminal.csv)."""
UTILISATION = {"gpu": 1.0, "cpu": 1.0, "cpu-server": 1.0, "cpu-laptop": 0.3, "cpu-workstation": 0.3}
"""Share of its lifetime a machine is in use (0–1], same keys: BoaviztAPI's ``use_time_ratio`` (1 for
its server and GPU archetypes; 0.3 for ``laptop-pro`` and ``desktop-pro``). Below 1, idle time is
charged to the work done: a workload's share is its time / (lifetime × utilisation)."""
SETUP_RUNS = 1
"""Setup runs counted (the final fine-tune only) when the user gives no ``--setup-runs``; SCI for AI
asks for every run of the hyperparameter search and every failed run."""
SECONDS_PER_YEAR = 365 * 24 * 3600
"""A year of 365 days (EcoLogits' ``3 * 365 * 24 * 60 * 60`` for 3 years)."""


def lifetime_years_for(hardware: Hardware) -> float:
    """``LIFETIME_YEARS`` of a profile: by its id, else by its kind."""
    return LIFETIME_YEARS.get(hardware.id, LIFETIME_YEARS.get(hardware.kind, LIFETIME_YEARS["gpu"]))


def utilisation_for(hardware: Hardware) -> float:
    """``UTILISATION`` of a profile: by its id, else by its kind."""
    return UTILISATION.get(hardware.id, UTILISATION.get(hardware.kind, UTILISATION["gpu"]))
