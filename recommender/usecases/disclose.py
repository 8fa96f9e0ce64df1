"""A ready-to-paste paragraph for a publication's "Use of AI systems" section (guidance:
transparency), from the same footprint as ``frugal compare``: model and version, its role,
parameters, where it ran, the energy and carbon of the work done, and the citations.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..version import __version__
from ..catalog import Catalog, load_catalog
from .compare import compare
from ..errors import InvalidInput
from ..footprint import LOCAL_BATCH
from ..render.i18n import check_lang, number, task_role, tr
from .recommend import Query
from ..render.sources import SourceList
from ..units import format_carbon_g, format_count, format_energy_wh, format_water_l


@dataclass(frozen=True)
class Disclosure:
    """The paragraph and its numbered references, in one language."""

    lang: str
    heading: str
    paragraph: str
    references: tuple[tuple[str, str], ...]

    def text(self) -> str:
        """Heading, paragraph and references as plain text."""
        refs = [f"[{n}] {name}{' ' + url if url else ''}" for n, (name, url) in enumerate(self.references, 1)]
        title = f"{tr(self.lang, 'd.references')}{tr(self.lang, 'colon')}"
        return "\n".join([self.heading, "", self.paragraph, "", title, *refs])


FR_SUFFIXES = {"k": "k", "M": "M", "B": "Md", "T": "T"}


def _count(n: int, lang: str) -> str:
    """``110M`` in English, ``110 M`` in French (``Md`` for billions)."""
    text = format_count(n)
    if lang != "fr" or text[-1] not in FR_SUFFIXES:
        return number(text, lang)
    return f"{number(text[:-1], lang)}\u00a0{FR_SUFFIXES[text[-1]]}"


def _refs(numbers: list[int]) -> str:
    return "[" + ", ".join(str(n) for n in sorted(set(numbers))) + "]"


def disclose(model_id: str, query: Query, lang: str = "en", role: str | None = None,
             catalog: Catalog | None = None) -> Disclosure:
    """The "Use of AI systems" paragraph for ``model_id`` used on ``query`` (task, volume, workload)."""
    check_lang(lang)
    catalog = catalog or load_catalog()
    model = catalog.model(model_id)
    task = catalog.task(query.task)
    if task.id not in model.tasks:
        raise InvalidInput(f"{model.id} cannot do task '{task.id}' (its tasks: {', '.join(model.tasks)}).")
    c = compare((model.id,), query, catalog)
    if not c.rows:
        raise InvalidInput(f"{model.id} cannot do task '{task.id}' on {c.recommendation.workload.data_kind} data "
                           f"(its data: {', '.join(model.data_kinds)}).")
    o = c.rows[0].option
    fp, w = o.footprint, c.recommendation.workload
    sources = SourceList()

    details = []
    if model.version:
        details.append(f"version {model.version}")
    if model.params_total:
        details.append(tr(lang, "d.params", count=_count(model.params_total, lang)))
    if model.hf_repo:
        details.append(model.hf_repo)
    described = tr(lang, "d.model", name=model.name, details=tr(lang, "sep").join(details)) if details else model.name
    if model.params_source:
        described += f" [{sources.ref(model.params_source, model.params_source_url)}]"

    n = lambda value: number(f"{value:,}", lang)  # noqa: E731
    generative = w.tokens_out and model.family in ("small-lm", "llm", "hosted")
    sentences = [
        tr(lang, "d.used", model=described, role=role or task_role(task.id, task.name, lang),
           volume=n(w.items), kind=tr(lang, f"kind.{w.data_kind}"))
        + (tr(lang, "d.tokens_gen", tokens_in=n(w.tokens_in), tokens_out=n(w.tokens_out)) if generative
           else tr(lang, "d.tokens", tokens_in=n(w.tokens_in)) if w.data_kind == "text" and w.tokens_in else "")
        + tr(lang, f"d.{model.setup}", train_items=n(w.train_items), epochs=number(f"{w.epochs:g}", lang)) + ".",
    ]
    intensity = number(f"{fp.carbon_g_per_kwh:g}", lang)
    if model.is_external:
        sentences.append(tr(lang, "d.external", provider=model.provider or model.name, site=fp.site.name,
                            zone=fp.zone, intensity=intensity))
    else:
        precision = model.precision or ("fp32" if fp.hardware.kind == "cpu" else "fp16")
        sentences.append(tr(lang, "d.local", hardware=fp.hardware.name, precision=precision,
                            batch=n(w.batch_size or LOCAL_BATCH), site=fp.site.name, zone=fp.zone,
                            intensity=intensity))

    total = fp.total_wh
    if total is None:
        sentences.append(tr(lang, "d.energy_unknown"))
    else:
        bases = [b for b in (fp.use_basis, fp.setup_basis) if b is not None]
        refs = [sources.ref(b.source, b.source_url) for b in bases]
        if not w.grid_intensity or model.is_external:
            zone = catalog.grid[fp.zone]
            refs.append(sources.ref(zone.source, zone.source_url))
        methods = {b.method for b in bases}
        kind = "estimated" if "estimated" in methods else "published" if "published" in methods else "measured"
        setup = ""
        if fp.setup_basis is not None and fp.setup_wh is not None and fp.setup_wh.mid > 0:
            setup = tr(lang, "d.energy_setup", setup=number(format_energy_wh(fp.setup_wh.mid), lang),
                       phase=tr(lang, f"d.phase.{model.setup}"))
        water = "" if fp.water_l is None else tr(lang, "d.water", water=number(format_water_l(fp.water_l.mid), lang))
        sentences.append(tr(
            lang, "d.energy", method=tr(lang, f"d.method.{kind}"),
            total=number(format_energy_wh(total.mid, total.low, total.high), lang),
            pue=number(f"{fp.site.pue:g}", lang), setup=setup,
            carbon=number(format_carbon_g(fp.carbon_g.mid), lang), water=water, refs=_refs(refs)))
    frugal_ref = sources.ref(tr(lang, "frugal.citation", version=__version__))
    sentences.append(tr(lang, "d.tool", version=__version__, catalog=c.catalog_version, ref=f"[{frugal_ref}]"))
    return Disclosure(lang, tr(lang, "d.heading"), " ".join(sentences), tuple(sources.entries))
