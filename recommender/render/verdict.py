"""The verdict's sentence (``usecases.verdict``) in English or French, and its JSON record."""

from __future__ import annotations

from typing import Any

from .cells import mode_text
from .i18n import benchmark_name, count, model_name, number, tr


def _points(value: float, lang: str) -> str:
    return number(f"{abs(value):.3g}", lang)


def _ratio(ratio: float, lang: str) -> str:
    """``1/400`` when below 1 (two significant digits), ``3.2×`` otherwise."""
    if ratio < 1:
        return "1/" + number(f"{float(f'{1 / ratio:.2g}'):,.0f}", lang)
    return number(f"{ratio:.2g}×", lang)


def _of(metric: str, lang: str) -> str:
    """The metric after a score: ``micro F1`` in English, ``en micro F1`` in French ("82,32 en micro F1")."""
    return f"en {metric}" if lang == "fr" else metric


def _named(o, lang: str) -> str:
    return f"{model_name(o.model, lang)}, {mode_text(o.used_as, lang)}"


def sentence(v, volume: int, lang: str = "en") -> str:
    """The one sentence that opens an answer."""
    if v.case == "none":
        return tr(lang, "verdict.none")
    first = v.option
    if v.case == "unknown":
        key = "verdict.unknown_floor" if v.floor is not None else "verdict.unknown"
        return tr(lang, key, option=_named(first, lang), floor=number(f"{v.floor or 0:g}", lang),
                  benchmark=benchmark_name(v.benchmark, lang, tr(lang, "verdict.no_benchmark")))
    q = first.quality.score
    facts = dict(option=_named(first, lang), score=number(f"{q.score:g}", lang), de_metric=_of(q.metric, lang),
                 benchmark=benchmark_name(q.benchmark, lang), volume=count(volume, lang))
    other = v.other
    if other is None:
        return tr(lang, f"verdict.{v.case}_alone", **facts)
    gap = q.score - other.quality.score.score
    facts.update(other=_named(other, lang), other_score=number(f"{other.quality.score.score:g}", lang),
                 gap=_points(gap, lang))
    if v.case in ("generative", "generative_light_too"):
        return tr(lang, f"verdict.{v.case}", **facts)
    side = "above" if gap > 0 else ("below" if gap < 0 else "level")
    text = tr(lang, f"verdict.light_{side}", **facts)
    ratio = v.energy_ratio
    if ratio is None:
        return text + tr(lang, "verdict.end")
    key = "verdict.energy_less" if ratio < 1 else "verdict.energy_more"
    return text + tr(lang, key, ratio=_ratio(ratio, lang), volume=count(volume, lang))


def verdict_record(v, volume: int) -> dict[str, Any] | None:
    """``verdict`` of the JSON (docs/json.md): the option, its mode, the English sentence, the evidence."""
    if v is None:
        return None
    return {
        "option_id": None if v.option is None else v.option.model.id,
        "mode": None if v.option is None else v.option.used_as.label,
        "sentence": sentence(v, volume, "en"),
        "evidence": [{"option_id": e.option_id, "mode": e.mode, "benchmark": e.benchmark, "metric": e.metric,
                      "score": e.score, "source": e.source} for e in v.evidence],
    }
