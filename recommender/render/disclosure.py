"""The "Use of AI systems" paragraph (``frugal disclose``) in English or French, from a
``Disclosure``'s facts, with its numbered references."""

from __future__ import annotations

from ..units import format_carbon_g, format_count, format_energy_wh, format_water_l
from ..version import __version__
from . import blocks as b
from .cells import SourceList
from .i18n import benchmark_name, count, domain, hardware_name, model_name, number, site_name, task_role, tr

FR_SUFFIXES = {"k": "k", "M": "M", "B": "Md", "T": "T"}
"""French unit words of ``format_count``'s suffixes (``Md`` = milliard)."""


FR_WORDS = {"M": ("million", "millions"), "B": ("milliard", "milliards")}
"""French number words of ``format_count``'s suffixes, singular and plural (thousands are written out in
figures, and trillions as thousands of milliards)."""


def _parameters(n: int, lang: str, noun: bool = True) -> str:
    """``110M`` in English; in French in words: ``110 millions``, ``1,23 milliard``, ``100 000`` (a count
    under a million written out), followed when ``noun`` by "de" where French needs it before "paramètres"
    ("110 millions de paramètres", "100 000 paramètres")."""
    text = format_count(n)
    if lang != "fr" or text[-1] not in FR_SUFFIXES:
        return number(text, lang)
    if text[-1] == "k":
        return count(n, lang)
    figure, suffix = text[:-1], text[-1]
    value = float(figure)
    if suffix == "T":  # French readers say "1 760 milliards" rather than "1,76 billion"
        value *= 1000
        figure, suffix = f"{value:,.0f}", "B"
    one, many = FR_WORDS[suffix]
    words = f"{number(figure, lang)}\u00a0{one if value < 2 else many}"
    return f"{words} de" if noun else words


def _refs(numbers: list[int]) -> str:
    return "[" + ", ".join(str(n) for n in sorted(set(numbers))) + "]"


def _model(d, sources: SourceList, lang: str) -> str:
    m = d.model
    details = []
    if m.version:
        details.append(tr(lang, "d.version", version=m.version))
    if m.params_total:
        count = _parameters(m.params_total, lang)
        if m.params_method == "estimated":
            low, high = m.params_total_low, m.params_total_high
            spread = low is not None and high is not None and low != high
            key = "d.params_range" if spread else "d.params_estimated"
            details.append(tr(lang, key, count=count, low=_parameters(low or 0, lang, noun=False),
                              high=_parameters(high or 0, lang, noun=False)))
        else:
            details.append(tr(lang, "d.params", count=count))
    if m.hf_repo:
        details.append(m.hf_repo)
    name = model_name(m, lang)
    described = tr(lang, "d.model", name=name, details=tr(lang, "sep").join(details)) if details else name
    if m.params_source and not m.params_source.lower().startswith("assumption"):  # only a citable source
        described += f" [{sources.ref(m.params_source, m.params_source_url)}]"
    return described


FILE_PATH = r"\s*\([^()]*\b[\w-]+/[\w./-]+\.(?:csv|json|toml|md)\)"
"""A parenthesised path to one of frugal's own files in a source's name: not citable, left out of a disclosure."""


def _citable(references: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    import re

    return tuple((re.sub(FILE_PATH, "", name), url) for name, url in references)


def _marks(d, lang: str) -> dict[str, str]:
    """``a_<code>``: the "(assumed)" mark after each value the user did not give, empty after the others."""
    from ..usecases.disclose import ASSUMABLE

    mark, inner = tr(lang, "d.assumed_mark"), tr(lang, "d.assumed_inner")
    return {**{f"a_{code}": mark if code in d.assumed else "" for code in ASSUMABLE},
            **{f"i_{code}": inner if code in d.assumed else "" for code in ASSUMABLE}}


def _use(d, sources: SourceList, lang: str) -> str:
    """What the model was used for, on how many items, and its setup."""
    w, m, marks = d.workload, d.model, _marks(d, lang)
    text = tr(lang, "d.used", model=_model(d, sources, lang), role=d.role or task_role(d.task.id, d.task.name, lang),
              volume=count(w.items, lang), kind=tr(lang, f"kind.{w.data_kind}"), **marks)
    if d.tokens_generated:
        text += tr(lang, "d.tokens_gen", tokens_in=count(w.tokens_in, lang), tokens_out=count(w.tokens_out, lang),
                   **marks)
    elif w.data_kind == "text" and w.tokens_in:
        text += tr(lang, "d.tokens", tokens_in=count(w.tokens_in, lang), **marks)
    return text + tr(lang, f"d.{m.setup}", train_items=count(w.train_items, lang),
                     epochs=number(f"{w.epochs:g}", lang), **marks) + "."


def assumed_lines(d, lang: str = "en") -> list[str]:
    """One line per value the paragraph states that the user did not give, with the option that sets it."""
    w, fp = d.workload, d.footprint
    tokens = count(w.tokens_in, lang) + (f" + {count(w.tokens_out, lang)}" if d.tokens_generated else "")
    values = {"volume": count(w.items, lang), "tokens": tokens, "train_items": count(w.train_items, lang),
              "epochs": number(f"{w.epochs:g}", lang), "hardware": hardware_name(fp.hardware, lang),
              "precision": d.precision, "batch": count(d.batch_size or 0, lang), "site": site_name(fp.site, lang),
              "grid": fp.zone}
    return [tr(lang, f"d.assumed.{code}", value=values[code]) for code in d.assumed]


def _where(d, lang: str) -> str:
    fp, m = d.footprint, d.model
    intensity = number(f"{fp.carbon_g_per_kwh:g}", lang)
    if m.is_external:
        return tr(lang, "d.external", provider=m.provider or m.name, site=site_name(fp.site, lang), zone=fp.zone,
                  intensity=intensity)
    return tr(lang, "d.local", hardware=hardware_name(fp.hardware, lang), precision=d.precision,
              batch=count(d.batch_size, lang), site=site_name(fp.site, lang), zone=fp.zone, intensity=intensity,
              **_marks(d, lang))


def _energy(d, sources: SourceList, lang: str) -> str:
    fp = d.footprint
    total = fp.total_wh
    if total is None:
        return tr(lang, "d.energy_unknown")
    refs = [sources.ref(basis.source, basis.source_url) for basis in (fp.use_basis, fp.setup_basis)
            if basis is not None]
    if d.grid_source is not None:
        refs.append(sources.ref(*d.grid_source))
    setup = ""
    if fp.setup_basis is not None and fp.setup_wh is not None and fp.setup_wh.mid > 0:
        setup = tr(lang, "d.energy_setup", setup=number(format_energy_wh(fp.setup_wh.mid), lang),
                   phase=tr(lang, f"d.phase.{d.model.setup}"))
    water = "" if fp.water_l is None else tr(lang, "d.water", water=number(format_water_l(fp.water_l.mid), lang))
    measured_on = "" if d.measured_on is None else tr(lang, "d.measured_on", hardware=d.measured_on)
    return tr(lang, "d.energy", method=tr(lang, f"d.method.{d.energy_method}"), measured_on=measured_on,
              total=number(format_energy_wh(total.mid, total.low, total.high), lang),
              pue=number(f"{fp.site.pue:g}", lang), setup=setup,
              carbon=number(format_carbon_g(fp.carbon_g.mid), lang), water=water, refs=_refs(refs))


def _quality(d, sources: SourceList, lang: str) -> list[str]:
    """The model's published score on the question's reference benchmark, and whether frugal's answer
    to the same question names it (a statement about the tool's output, not about the author's choice)."""
    from .cells import mode_text

    q = d.evidence
    if q is None:
        return []
    text = tr(lang, "d.quality", score=number(f"{q.score:g}", lang), metric=q.metric,
              benchmark=benchmark_name(q.benchmark, lang), mode=mode_text(d.mode, lang), ref=sources.ref(q.source, q.source_url))
    return [text]


def paragraph(d, lang: str = "en") -> tuple[str, tuple[tuple[str, str], ...]]:
    """The paragraph and its references, (name, url) numbered from 1 in the order cited."""
    sources = SourceList()
    sentences = [_use(d, sources, lang), *_quality(d, sources, lang), _where(d, lang), _energy(d, sources, lang)]
    frugal_ref = sources.ref(tr(lang, "frugal.citation", version=__version__))
    sentences.append(tr(lang, "d.tool", version=__version__, catalog=d.catalog_version, ref=f"[{frugal_ref}]"))
    return " ".join(sentences), _citable(sources.entries)


def blocks(d, lang: str = "en") -> list[b.Block]:
    """Heading, paragraph, and the references."""
    from .verdict import sentence

    text, references = paragraph(d, lang)
    answer = [] if d.verdict is None else [
        b.line(tr(lang, "d.verdict", task=task_role(d.task.id, d.task.name, lang), domain=domain(d.domain, lang),
                  sentence=sentence(d.verdict, d.workload.items, lang)))]
    assumed = assumed_lines(d, lang)
    return [*answer, b.heading(tr(lang, "d.heading"), 2), b.paragraph(text),
            b.heading(f"{tr(lang, 'd.references')}{tr(lang, 'colon')}"), b.sources(references),
            *([b.heading(tr(lang, "d.assumed")), b.items(assumed)] if assumed else [])]


def _two_significant(value: float) -> str:
    """``value`` to two significant figures in plain decimals (0.000057, 1.2, 3400), never e-notation."""
    import math

    if value == 0:
        return "0"
    decimals = 1 - math.floor(math.log10(abs(value)))
    return f"{round(value, decimals):.{max(decimals, 0)}f}"


def model_card(d) -> str:
    """The Hugging Face Hub's ``co2_eq_emissions`` metadata block (YAML, docs: huggingface.co/docs/hub/
    model-cards-co2) for the fit or fine-tuning the disclosure describes: grams CO2e (mid), how it was
    obtained, where and on what; assumed values say so. Raises ``InvalidInput`` when there is no training."""
    import json

    from ..errors import InvalidInput
    from ..units import format_energy_wh

    if d.setup_carbon_g is None:
        raise InvalidInput(f"{d.model.id} is used {d.model.setup}: there is no training or fine-tuning whose emissions "
                           "a model card reports (--format table or markdown for the use).")
    fp, assumed = d.footprint, set(d.assumed)

    def said(value: str, code: str) -> str:
        return value + (" (assumed)" if code in assumed else "")

    setup, carbon = fp.setup_wh, d.setup_carbon_g
    source = (f"frugal {__version__} (catalog {d.catalog_version}): {d.energy_method} "
              f"{format_energy_wh(setup.mid, setup.low, setup.high)} at the facility boundary (PUE {fp.site.pue:g}), "
              f"not measured for this work")
    hardware = ", ".join((said(fp.hardware.name, "hardware"), said(str(d.precision), "precision"),
                          said(f"batches of {d.batch_size}", "batch")))
    location = f"{said(fp.site.name, 'site')}, {said(f'{fp.zone} electricity grid', 'grid')}"
    lines = [
        "co2_eq_emissions:",
        f"  emissions: {float(f'{carbon.mid:.2g}'):g}  # g CO2e, mid of {carbon.low:.2g}–{carbon.high:.2g} ({d.energy_method})",
        f"  source: {json.dumps(source, ensure_ascii=False)}",
        f"  training_type: {json.dumps('fine-tuning' if d.model.setup == 'fine-tune' else 'training')}",
        f"  geographical_location: {json.dumps(location, ensure_ascii=False)}",
        f"  hardware_used: {json.dumps(hardware, ensure_ascii=False)}",
        f"# {'fine-tuning' if d.model.setup == 'fine-tune' else 'training'} energy: "
        f"{_two_significant(setup.mid / 1e6)} MWh ({d.energy_method}), on {count(d.workload.train_items, 'en')} "
        f"labelled items" + (" (assumed)" if "train_items" in assumed else ""),
    ]
    from .safe import json_text

    return json_text("\n".join(lines))  # catalog names are JSON strings: C1 controls escaped too


def render(d, fmt: str, lang: str = "en") -> str:
    """A ``Disclosure`` as plain text to paste (``table``), as Markdown, or as a model-card block."""
    if fmt == "model-card":
        return model_card(d)
    if fmt == "markdown":
        from .markdown_format import write

        return write(blocks(d, lang))
    if fmt != "table":
        raise ValueError(f"a disclosure renders as table, markdown or model-card, not {fmt}")
    from .table_format import write

    return write(blocks(d, lang))
