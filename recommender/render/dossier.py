"""The frugality dossier (``frugal report --dossier``): what a consultant files, as Markdown, in
English or French. Sections: register entry, necessity demonstration rung by rung (AFNOR Spec 2314),
pre-hoc estimate beside local measurements (BP23, BP31), life-cycle table, SCI for AI, break-even,
uncertainty and limits, crosswalk to the standards. Every figure is ``footprint.lifecycle``'s or the
recommendation's; claims say only what was measured or estimated."""

from __future__ import annotations

import datetime
import hashlib

from ..footprint.lifecycle import CRITERIA, FUNCTIONAL_UNIT
from ..version import __version__
from .i18n import benchmark_name, check_lang, count, number, tr
from .impacts import break_even_lines, lifecycle_options, option_lifecycle
from .impacts import markdown_table as _table

RUNGS = (("classic-ml", ("classic-ml", "light-dnn")), ("encoder", ("encoder",)), ("small-lm", ("small-lm",)),
         ("llm", ("llm", "hosted")))
"""The ladder after the non-AI rung: (rung, model families in it)."""
SECTIONS = ("register", "necessity", "prehoc", "lifecycle", "sci", "break_even", "limits", "crosswalk", "claims")
"""The dossier's sections, in order (each a ``dossier.h.<name>`` heading)."""
CROSSWALK = (("necessity", "afnor_necessity", "l1801_compare", "", ""),
             ("prehoc", "afnor_bp23_bp31", "", "", ""),
             ("lifecycle", "afnor_lca", "l1801_lca", "sci_embodied", "annex_xi_energy"),
             ("sci", "", "l1801_fu", "sci_score", ""),
             ("break_even", "afnor_bp31", "", "sci_runs", ""),
             ("limits", "afnor_limits", "l1801_limits", "sci_assumptions", "annex_xi_known"),
             ("register", "afnor_register", "", "", ""),
             ("claims", "afnor_claims", "", "sci_offsets", ""))
"""Section -> the clause keys (``dossier.x.<key>``) it answers: AFNOR Spec 2314, ITU-T L.1801, SCI for AI, AI Act Annex XI."""


def _g(v) -> str:
    return "—" if v is None else f"{v:.3g}"


def _range(r, lang: str) -> str:
    return tr(lang, "unknown") if r is None else number(f"{_g(r.mid)} [{_g(r.low)}–{_g(r.high)}]", lang)


def rung_of(option) -> str | None:
    return next((rung for rung, families in RUNGS if option.model.family in families), None)


def representatives(r) -> dict[str, object]:
    """Per rung, its most frugal ranked option (ranked: good-enough first), else its best short-of-quality one."""
    out: dict[str, object] = {}
    for o in list(r.ranked) + list(r.short_of_quality):
        rung = rung_of(o)
        if rung and rung not in out and o.footprint.use_wh_per_1k is not None:
            out[rung] = o
    return out


def register_id(r) -> str:
    """A stable id of the use: task, domain and a short hash of the question."""
    q = r.query
    digest = hashlib.sha256(repr((q.task, q.domain, q.data_kind, q.data_lang, q.volume)).encode()).hexdigest()[:8]
    return f"frugal-{q.task}-{q.domain}-{digest}"


def dossier_text(c, lang: str = "en", *, team: str | None = None, status: str = "planned",
                 today: datetime.date | None = None) -> str:
    """The dossier of a ``Comparison`` as Markdown in ``lang``."""
    lang = check_lang(lang)
    r = c.recommendation
    opts = lifecycle_options(r.query)
    reps = representatives(r)
    cycles = {rung: option_lifecycle(o.footprint, opts, c.catalog) for rung, o in reps.items()}
    chosen = r.ranked[0] if len(r.ranked) else None
    out = [f"# {tr(lang, 'dossier.title')}", "",
           tr(lang, "dossier.meta", date=(today or datetime.date.today()).isoformat(), version=__version__,
              catalog=c.catalog_version), "", tr(lang, "dossier.intro"), ""]

    def h(name: str) -> None:
        out.extend([f"## {tr(lang, f'dossier.h.{name}')}", ""])

    h("register")
    models = ", ".join(o.model.id for o in reps.values())
    out += _table([tr(lang, "dossier.reg.field"), tr(lang, "dossier.reg.value")], [
        ["id", register_id(r)], [tr(lang, "dossier.reg.team"), team or tr(lang, "dossier.reg.team_none")],
        [tr(lang, "dossier.reg.status"), status], [tr(lang, "dossier.reg.task"), f"{r.query.task} ({r.query.domain})"],
        [tr(lang, "dossier.reg.models"), models or tr(lang, "none")],
        [tr(lang, "dossier.reg.chosen"), chosen.model.id if chosen else tr(lang, "none")],
        [tr(lang, "dossier.reg.volume"), count(r.workload.items, lang)]]) + [""]

    h("necessity")
    out += [tr(lang, "dossier.nec.intro"), ""]
    rows = [[tr(lang, "dossier.rung.rules"), "—", tr(lang, "dossier.nec.rules_quality"), "—", "—",
             tr(lang, "dossier.status.excluded")]]
    for rung, _ in RUNGS:
        o, lc = reps.get(rung), cycles.get(rung)
        if o is None:
            rows.append([tr(lang, f"dossier.rung.{rung}"), "—", tr(lang, "dossier.nec.no_option"), "—", "—", "—"])
            continue
        q = o.quality.score
        quality = tr(lang, "unknown") if q is None else \
            f"{number(f'{q.score:g}', lang)} ({benchmark_name(q.benchmark, lang)}, {q.metric}; {q.method})"
        rows.append([tr(lang, f"dossier.rung.{rung}"), f"{o.model.id} ({o.used_as.mode})", quality,
                     _range(o.footprint.use_wh_per_1k, lang),
                     _range(None if lc is None else lc.sci_consumer_g_per_1k, lang),
                     tr(lang, f"dossier.standing.{o.standing}")])
    out += _table([tr(lang, "dossier.nec.rung"), tr(lang, "dossier.nec.option"), tr(lang, "dossier.nec.quality"),
                   tr(lang, "dossier.nec.wh"), tr(lang, "dossier.nec.g"), tr(lang, "dossier.nec.standing")], rows) + [""]
    out += [_why(chosen, reps, lang), ""]

    h("prehoc")
    out += _prehoc(c, reps, lang) + [""]

    h("lifecycle")
    if chosen is not None:
        lc = option_lifecycle(chosen.footprint, opts, c.catalog)
        out += [tr(lang, "dossier.lc.intro", option=chosen.model.id, volume=count(r.workload.items, lang)), ""]
        out += _lifecycle_rows(chosen, lc, lang) + [""]
        if lc is not None:
            a = lc.allocation
            out += [tr(lang, "dossier.lc.allocation", years=number(f"{a.lifetime_years:g}", lang),
                       utilisation=number(f"{a.utilisation:g}", lang), runs=a.setup_runs), ""]

    h("sci")
    out += [tr(lang, "dossier.sci.unit", unit=FUNCTIONAL_UNIT), ""]
    out += _table([tr(lang, "dossier.nec.option"), tr(lang, "dossier.sci.consumer"), tr(lang, "dossier.sci.provider")],
                  [[o.model.id, _range(None if cycles[k] is None else cycles[k].sci_consumer_g_per_1k, lang),
                    _range(None if cycles[k] is None else cycles[k].sci_provider_g, lang)]
                   for k, o in reps.items()]) + [""]

    h("break_even")
    out += break_even_lines(reps, cycles, lang) + [""]
    h("limits")
    out += [tr(lang, "dossier.limits"), ""]
    h("crosswalk")
    head = [tr(lang, "dossier.cw.section"), "AFNOR Spec 2314", "ITU-T L.1801", "SCI for AI", tr(lang, "dossier.cw.annex")]
    out += _table(head, [[tr(lang, f"dossier.h.{s}")] + [tr(lang, f"dossier.x.{k}") if k else "—" for k in keys]
                         for s, *keys in CROSSWALK]) + [""]
    h("claims")
    out += [tr(lang, "dossier.claims"), ""]
    return "\n".join(out)


def _why(chosen, reps, lang: str) -> str:
    if chosen is None:
        return tr(lang, "dossier.why.none")
    rung = rung_of(chosen)
    lower = [k for k, _ in RUNGS[:[k for k, _ in RUNGS].index(rung)]] if rung else []
    short = [reps[k].model.id for k in lower if k in reps and reps[k].standing == "short-of-quality"]
    missing = [tr(lang, f"dossier.rung.{k}") for k in lower if k not in reps]
    text = tr(lang, "dossier.why.chosen", option=chosen.model.id, rung=tr(lang, f"dossier.rung.{rung}"))
    if short:
        text += " " + tr(lang, "dossier.why.short", options=", ".join(short))
    if missing:
        text += " " + tr(lang, "dossier.why.missing", rungs=", ".join(missing))
    if not lower:
        text += " " + tr(lang, "dossier.why.lowest")
    return text


def _prehoc(c, reps, lang: str) -> list[str]:
    """Each rung's figure from the shipped catalog (before any local run) beside the one with this
    machine's measurements, when a ``bench`` or ``trial`` run measured it."""
    from ..catalog import load_catalog
    from ..footprint import footprint

    base = load_catalog(local=False)
    rows = []
    for o in reps.values():
        basis = o.footprint.use_basis
        if basis is None or basis.method != "measured" or o.model.id not in base.models:
            continue
        pre = footprint(base.models[o.model.id], c.recommendation.workload, base)
        if pre.use_basis is not None and (pre.use_basis.source, pre.use_wh_per_1k) == (basis.source, o.footprint.use_wh_per_1k):
            continue  # the shipped figure itself: no local run
        rows.append([o.model.id, _range(pre.use_wh_per_1k, lang) + f" ({pre.use_basis.method if pre.use_basis else '—'})",
                     _range(o.footprint.use_wh_per_1k, lang) + f" ({basis.source}, {basis.date})"])
    if not rows:
        return [tr(lang, "dossier.prehoc.none")]
    return [tr(lang, "dossier.prehoc.intro"), ""] + _table(
        [tr(lang, "dossier.nec.option"), tr(lang, "dossier.prehoc.before"), tr(lang, "dossier.prehoc.measured")], rows)


def _status(method: str | None, lang: str) -> str:
    return tr(lang, f"dossier.status.{method}" if method else "dossier.status.excluded")


def _lifecycle_rows(o, lc, lang: str) -> list[str]:
    if lc is None:
        return [tr(lang, "dossier.lc.unknown")]
    head = [tr(lang, "dossier.lc.phase")] + [tr(lang, f"lc.unit.{n}") for n in CRITERIA] + [tr(lang, "dossier.lc.status")]
    fp, crit = o.footprint, lc.criteria
    has_setup = bool(fp.setup_wh and fp.setup_wh.mid)
    use_m = fp.use_basis.method if fp.use_basis else None
    setup_m = (fp.setup_basis.method if fp.setup_basis else None) if has_setup else "none"

    def use(r):
        return None if r is None else r * (fp.items / 1000)

    def total(n):
        s = crit[n]
        return s.usage_volume if n == "water_l" else (
            None if s.usage_volume is None or s.embodied_volume is None else s.usage_volume + s.embodied_volume)
    embodied_status = tr(lang, "dossier.lc.embodied_status")
    rows = [[tr(lang, "dossier.lc.embodied_setup")] + [_range(crit[n].embodied_setup, lang) for n in CRITERIA]
            + [embodied_status if has_setup else _status("none", lang)],
            [tr(lang, "dossier.lc.embodied_use")] + [_range(use(crit[n].embodied_per_1k), lang) for n in CRITERIA]
            + [embodied_status],
            [tr(lang, "dossier.lc.setup")] + [_range(crit[n].usage_setup, lang) for n in CRITERIA] + [_status(setup_m, lang)],
            [tr(lang, "dossier.lc.use")] + [_range(use(crit[n].usage_per_1k), lang) for n in CRITERIA] + [_status(use_m, lang)],
            [tr(lang, "dossier.lc.eol")] + ["—"] * len(CRITERIA) + [_status(None, lang)],
            [tr(lang, "dossier.lc.total")] + [_range(total(n), lang) for n in CRITERIA] + [tr(lang, "dossier.lc.total_note")]]
    return _table(head, rows)
