"""The "Use of AI systems" paragraph (``frugal disclose``) in English or French, from a
``Disclosure``'s facts, with its numbered references."""

from __future__ import annotations

from ..units import format_carbon_g, format_count, format_energy_wh, format_water_l
from ..version import __version__
from . import blocks as b
from .cells import SourceList
from .i18n import count, number, task_role, tr

FR_SUFFIXES = {"k": "k", "M": "M", "B": "Md", "T": "T"}
"""French unit words of ``format_count``'s suffixes (``Md`` = milliard)."""


def _parameters(n: int, lang: str) -> str:
    """``110M`` in English, ``110 M`` in French (``Md`` for billions)."""
    text = format_count(n)
    if lang != "fr" or text[-1] not in FR_SUFFIXES:
        return number(text, lang)
    return f"{number(text[:-1], lang)}\u00a0{FR_SUFFIXES[text[-1]]}"


def _refs(numbers: list[int]) -> str:
    return "[" + ", ".join(str(n) for n in sorted(set(numbers))) + "]"


def _model(d, sources: SourceList, lang: str) -> str:
    m = d.model
    details = []
    if m.version:
        details.append(tr(lang, "d.version", version=m.version))
    if m.params_total:
        details.append(tr(lang, "d.params", count=_parameters(m.params_total, lang)))
    if m.hf_repo:
        details.append(m.hf_repo)
    described = tr(lang, "d.model", name=m.name, details=tr(lang, "sep").join(details)) if details else m.name
    if m.params_source:
        described += f" [{sources.ref(m.params_source, m.params_source_url)}]"
    return described


def _use(d, sources: SourceList, lang: str) -> str:
    """What the model was used for, on how many items, and its setup."""
    w, m = d.workload, d.model
    text = tr(lang, "d.used", model=_model(d, sources, lang), role=d.role or task_role(d.task.id, d.task.name, lang),
              volume=count(w.items, lang), kind=tr(lang, f"kind.{w.data_kind}"))
    if d.tokens_generated:
        text += tr(lang, "d.tokens_gen", tokens_in=count(w.tokens_in, lang), tokens_out=count(w.tokens_out, lang))
    elif w.data_kind == "text" and w.tokens_in:
        text += tr(lang, "d.tokens", tokens_in=count(w.tokens_in, lang))
    return text + tr(lang, f"d.{m.setup}", train_items=count(w.train_items, lang),
                     epochs=number(f"{w.epochs:g}", lang)) + "."


def _where(d, lang: str) -> str:
    fp, m = d.footprint, d.model
    intensity = number(f"{fp.carbon_g_per_kwh:g}", lang)
    if m.is_external:
        return tr(lang, "d.external", provider=m.provider or m.name, site=fp.site.name, zone=fp.zone,
                  intensity=intensity)
    return tr(lang, "d.local", hardware=fp.hardware.name, precision=d.precision, batch=count(d.batch_size, lang),
              site=fp.site.name, zone=fp.zone, intensity=intensity)


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
    return tr(lang, "d.energy", method=tr(lang, f"d.method.{d.energy_method}"),
              total=number(format_energy_wh(total.mid, total.low, total.high), lang),
              pue=number(f"{fp.site.pue:g}", lang), setup=setup,
              carbon=number(format_carbon_g(fp.carbon_g.mid), lang), water=water, refs=_refs(refs))


def paragraph(d, lang: str = "en") -> tuple[str, tuple[tuple[str, str], ...]]:
    """The paragraph and its references, (name, url) numbered from 1 in the order cited."""
    sources = SourceList()
    sentences = [_use(d, sources, lang), _where(d, lang), _energy(d, sources, lang)]
    frugal_ref = sources.ref(tr(lang, "frugal.citation", version=__version__))
    sentences.append(tr(lang, "d.tool", version=__version__, catalog=d.catalog_version, ref=f"[{frugal_ref}]"))
    return " ".join(sentences), tuple(sources.entries)


def blocks(d, lang: str = "en") -> list[b.Block]:
    """Heading, paragraph, and the references."""
    text, references = paragraph(d, lang)
    return [b.heading(tr(lang, "d.heading"), 2), b.paragraph(text),
            b.heading(f"{tr(lang, 'd.references')}{tr(lang, 'colon')}"), b.sources(references)]


def render(d, fmt: str, lang: str = "en") -> str:
    """A ``Disclosure`` as plain text to paste (``table``) or as Markdown."""
    if fmt == "markdown":
        from .markdown_format import write

        return write(blocks(d, lang))
    if fmt != "table":
        raise ValueError(f"a disclosure renders as table or markdown, not {fmt}")
    from .table_format import write

    return write(blocks(d, lang))
