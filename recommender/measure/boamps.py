"""BoAmps reports of stored measurements: one JSON per measurement (Boavizta's open format, v1.1.0,
https://github.com/Boavizta/BoAmps, ``model/report_schema.json``; tests/data/boamps holds the schemas).

Each report carries the measurement normalised to 1,000 items: ``task.nbRequest`` 1000 for inference
(or ``dataset.dataQuantity`` 1000 training items for a fit or fine-tune), ``measures[0].powerConsumption``
that energy in kWh (the meter's boundary), ``measurementDuration`` the seconds those items took;
``infrastructure`` the CPU (and GPUs) of this machine; ``environment`` the meter's country and the grid
intensity it applied. ``task.measuredAccuracy`` is left out: a bench run measures no accuracy.
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..catalog import Catalog
    from ..catalog.store import Measurement

FORMAT_VERSION = "1.1.0"
SPECIFICATION_URI = "https://github.com/Boavizta/BoAmps/tree/main/model"
NAMESPACE = uuid.UUID("5b1f1c62-6a8e-4a5b-9d49-2f8f3c6c2b16")
"""Namespace of the reports' ids: the same measurement always gets the same ``reportId`` (uuid5)."""
STAGES = {"inference": "inference", "fit": "training", "fine-tune": "finetuning"}
"""frugal's phase -> BoAmps' ``taskStage``."""


def _datetime(iso: str) -> str:
    """An ISO date-time as BoAmps' ``YYYY-MM-DD HH:MM:SS``."""
    return iso.replace("T", " ")[:19]


def report_id(m: Measurement) -> str:
    """A stable uuid of a measurement (run, model, task, phase, time)."""
    return str(uuid.uuid5(NAMESPACE, f"{m.run_id}|{m.model_id}|{m.task}|{m.phase}|{m.measured_at}"))


def boamps_report(m: Measurement, catalog: Catalog | None = None, *, published: str | None = None) -> dict[str, Any]:
    """The BoAmps report of one measurement; ``published``: the report's date-time (default: the
    measurement's), ``catalog``: where the model's parameter count comes from (when known)."""
    from ..version import __version__

    model = catalog.models.get(m.model_id) if catalog is not None else None
    inference = m.phase == "inference"
    seconds_per_1k = m.seconds_per_op * 1000 / m.items_per_op if m.items_per_op else None
    algorithm: dict[str, Any] = {"algorithmName": m.model_id, "framework": "frugal bench"}
    if model is not None:
        algorithm["algorithmType"] = model.family
        if model.params_total:
            algorithm["parametersNumber"] = model.params_total / 1e9
    if m.epochs and not inference:
        algorithm["epochsNumber"] = m.epochs
    measure: dict[str, Any] = {
        "measurementMethod": m.meter, "version": m.meter_version, "cpuTrackingMode": m.tracking_mode,
        "powerConsumption": m.energy_wh_per_1k / 1000, "measurementDateTime": _datetime(m.measured_at)}
    if m.gpu_method:
        measure["gpuTrackingMode"] = m.gpu_method
    if seconds_per_1k is not None:
        measure["measurementDuration"] = seconds_per_1k
    components = [{"componentName": m.cpu, "componentType": "cpu", "nbComponent": 1}]
    if m.gpus:
        components.append({"componentName": m.hardware, "componentType": "gpu", "nbComponent": m.gpus})
    task: dict[str, Any] = {
        "taskStage": STAGES.get(m.phase, "other"), "taskFamily": f"{m.task} ({m.data_kind})",
        "algorithms": [algorithm],
        "dataset": [{"dataUsage": "input", "dataType": m.data_kind if m.data_kind in ("text", "tabular", "image")
                     else "other", "dataQuantity": 1000, "source": "other", "owner": m.data}],
        "taskDescription": (f"{m.phase} of {m.model_id} on {m.data}; energy per 1,000 items at the {m.boundary} "
                            f"boundary, mean of {m.repeats} repeats (95% interval {m.energy_wh_per_1k_low:g}–"
                            f"{m.energy_wh_per_1k_high:g} Wh per 1,000 items)")}
    if inference:
        task["nbRequest"] = 1000
    return {
        "header": {"formatVersion": FORMAT_VERSION, "formatVersionSpecificationUri": SPECIFICATION_URI,
                   "reportId": report_id(m), "reportDatetime": _datetime(published or m.measured_at),
                   "reportStatus": "final", "publisher": {"name": f"frugal {__version__}", "confidentialityLevel": "public"}},
        "task": task,
        "measures": [measure],
        "infrastructure": {"infraType": "onPremise", "components": components},
        "environment": {"country": m.country, "powerSourceCarbonIntensity": m.carbon_g_per_kwh},
    }


def write_reports(measurements: list[Measurement], folder: str | Path, catalog: Catalog | None = None) -> list[Path]:
    """One ``<reportId>.json`` per measurement in ``folder`` (made if missing), each written whole."""
    import json

    from ..paths import write_atomic

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for m in measurements:
        data = boamps_report(m, catalog)
        written.append(write_atomic(folder / f"{data['header']['reportId']}.json",
                                    json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"))
    return written


def trial_reports(result, *, country: str, cpu: str, published: str) -> list[dict[str, Any]]:
    """BoAmps reports of a ``frugal trial``: per rung that ran, one for its fit (``training``) and
    one for predicting 1,000 items (``inference``), each with ``task.measuredAccuracy`` when the
    trial measured accuracy (classification: the cross-validated accuracy, a fraction)."""
    from ..version import __version__

    d = result.detection
    accuracy_at = ("metric" if result.metric == "accuracy" else "secondary" if result.secondary_metric == "accuracy"
                   else None)
    reports = []
    for rung in result.rungs:
        if rung.status != "done":
            continue
        accuracy = None if accuracy_at is None else (rung.score if accuracy_at == "metric" else rung.secondary)
        for stage, kwh, seconds, requests in (("training", rung.fit_wh, rung.fit_s, None),
                                              ("inference", rung.predict_wh_per_1k, rung.predict_s_per_1k, 1000)):
            if kwh is None:
                continue
            measure: dict[str, Any] = {"measurementMethod": result.meter, "cpuTrackingMode": result.meter_method,
                                       "powerConsumption": kwh / 1000}
            if seconds is not None:
                measure["measurementDuration"] = seconds
            task: dict[str, Any] = {
                "taskStage": stage, "taskFamily": f"{d.task} ({d.kind})",
                "algorithms": [{"algorithmName": rung.id, "framework": "scikit-learn"}],
                "dataset": [{"dataUsage": "input", "dataType": d.kind, "dataQuantity": d.rows_used, "source": "private"}],
                "taskDescription": (f"frugal trial rung {rung.name}: {result.cv}-fold cross-validation, {result.metric} "
                                    f"{rung.score:.4g}; " + ("one fit, mean over folds" if stage == "training"
                                                            else "predicting 1,000 items"))}
            if requests:
                task["nbRequest"] = requests
            if accuracy is not None and 0 <= accuracy <= 1:
                task["measuredAccuracy"] = accuracy
            key = f"trial|{d.file}|{rung.id}|{stage}|{published}"
            reports.append({
                "header": {"formatVersion": FORMAT_VERSION, "formatVersionSpecificationUri": SPECIFICATION_URI,
                           "reportId": str(uuid.uuid5(NAMESPACE, key)), "reportDatetime": _datetime(published),
                           "reportStatus": "final",
                           "publisher": {"name": f"frugal {__version__}", "confidentialityLevel": "internal"}},
                "task": task, "measures": [measure],
                "infrastructure": {"infraType": "onPremise",
                                   "components": [{"componentName": cpu, "componentType": "cpu", "nbComponent": 1}]},
                "environment": {"country": country}})
    return reports
