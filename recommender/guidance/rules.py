"""The institute's AI guidance as explicit rules with stable codes (design §5), evaluated in one place.

Each rule names the section of the guidance it comes from and its effect: ``exclude`` (the option is
not recommended; the reason is shown) or ``caveat`` (a note on the option's row); ``NOTES`` are
reminders on every result. Feasibility checks (language, hardware memory) and the quality floor are
rules of the same shape, so that every exclusion has a code and a reason.

A rule's test (``fires``) works on columns of many options at once; its message is written only for
the options shown. ``judge`` evaluates every rule for a set of candidates in order: the rules about
one option, then the quality floor (it needs the best score among the options still allowed), then
frugality first (it needs the lighter options that passed everything else).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Callable

from ..catalog.schema import Hardware, Model
from ..footprint.defaults import BYTES_PER_PARAM, precision_for, weights_bytes
from ..catalog.columns import mask
from .columns import ModelColumns, columns_of

if TYPE_CHECKING:
    from numpy import ndarray

SENSITIVITIES = ("public", "internal", "sensitive")
USES = ("analysis", "writing", "code-generation", "code-access-rights", "code-cryptography",
        "code-sensitive-data")
SENSITIVE_CODE_USES = {"code-access-rights": "access-rights management", "code-cryptography": "cryptography",
                       "code-sensitive-data": "code that processes sensitive data"}
LIGHTER_SHOWN = 3
"""Lighter options named in the frugality-first caveat."""
DEFAULT_TOLERANCE = 5.0
"""Points below the best allowed option still good enough, when the user gives no floor
(``--min-quality``) and no ``--tolerance``: above one model's run-to-run spread on one benchmark
(PubMedBERT fine-tuned scores 90.3–93.5 F1 on the same 200 BC5CDR-chemical items, Chen et al.'s
pilot), below the gaps that separate light and generative options (10–44 points in Chen et al. 2025)."""


@dataclass(frozen=True)
class Situation:
    """The user's situation, as far as the rules need it."""

    data_sensitivity: str = "sensitive"
    use: str = "analysis"
    data_lang: str = "en"
    """Language of the data (ISO 639-1)."""
    hardware: Hardware | None = None
    """Hardware the user will run local options on, when they named one."""
    min_quality: float | None = None
    """Floor on the reference benchmark's score, points (0–100)."""
    tolerance: float | None = None
    """Points below the best allowed option still good enough."""
    lighter_options: tuple[str, ...] = ()
    """Names of lighter (non-generative) options that pass every other rule for this task and are
    good enough on evidence (any lighter one, when no option's quality is known)."""


@dataclass(frozen=True)
class Quality:
    """Known scores of the candidates on the reference benchmark, as the quality floor reads them."""

    benchmark: str | None
    scores: "ndarray"
    """Score per candidate, points; NaN when unknown."""
    best: float | None = None
    """Best known score among the options the other rules allow (set by ``judge``)."""


@dataclass(frozen=True)
class Finding:
    """What one rule says about one option (or about the whole result, for notes)."""

    code: str
    effect: str
    section: str
    message: str


@dataclass(frozen=True)
class Rule:
    code: str
    effect: str
    """``exclude`` or ``caveat``."""
    section: str
    """Where the rule comes from."""
    summary: str
    fires: Callable[[ModelColumns, Situation, Quality | None], "ndarray"]
    """Whether the rule applies, per option (a boolean array)."""
    message: Callable[[Model, Situation, Quality | None, int], str]
    """What it says of one option (the option's model, its row in the quality columns)."""

    def apply(self, model: Model, situation: Situation, quality: Quality | None = None) -> Finding | None:
        """This rule's finding about one model, or None (``quality`` has that model alone as row 0)."""
        if not bool(self.fires(columns_of([model]), situation, quality)[0]):
            return None
        return Finding(self.code, self.effect, self.section, self.message(model, situation, quality, 0))


def _all(c: ModelColumns, value: bool) -> "ndarray":
    import numpy as np

    return np.full(len(c), value, dtype=bool)


def _sensitive_data(m: Model, s: Situation, q: Quality | None, row: int) -> str:
    sovereign = " — sovereign platforms included" if m.hosting == "external-sovereign" else ""
    return (f"sensitive data must never be sent to an external AI platform ({m.provider or m.name})"
            f"{sovereign}, uploaded or typed")


def _paid_subscription(m: Model, s: Situation, q: Quality | None, row: int) -> str:
    if m.hosting == "external-sovereign":
        return "a paid subscription needs a derogation, and never with sensitive data"
    return "no paid subscription: paid plans are allowed only on sovereign, GDPR-compliant platforms, by derogation"


def _speaks(c: ModelColumns, s: Situation, q: Quality | None) -> "ndarray":
    return mask(c.languages, lambda langs: not langs or s.data_lang in langs or "multi" in langs)


def _too_big(c: ModelColumns, s: Situation, q: Quality | None) -> "ndarray":
    import numpy as np

    hw = s.hardware
    if hw is None:
        return _all(c, False)
    default = precision_for(None, hw)
    bytes_per_param = np.array([BYTES_PER_PARAM[p or default] for p in c.precision], dtype=float)
    need_gb = weights_bytes(c.params_total, bytes_per_param) / 1e9
    return ~c.external & c.transformer & (np.nan_to_num(need_gb) > hw.memory_gb)


def _too_big_message(m: Model, s: Situation, q: Quality | None, row: int) -> str:
    precision = precision_for(m, s.hardware)
    need_gb = weights_bytes(m.params_total, BYTES_PER_PARAM[precision]) / 1e9
    return f"needs about {need_gb:.0f} GB at {precision}; {s.hardware.name} has {s.hardware.memory_gb:g} GB"


def _below_floor(c: ModelColumns, s: Situation, q: Quality | None) -> "ndarray":
    import numpy as np

    if q is None:
        return _all(c, False)
    with np.errstate(invalid="ignore"):
        below = q.scores < s.min_quality if s.min_quality is not None else _all(c, False)
        if s.tolerance is not None and q.best is not None:
            below = below | (np.round(q.best - q.scores, 6) > s.tolerance)
    return below


def _below_floor_message(m: Model, s: Situation, q: Quality | None, row: int) -> str:
    score = float(q.scores[row])
    if s.min_quality is not None and score < s.min_quality:
        return f"{score:g} on {q.benchmark} is below the floor of {s.min_quality:g}"
    gap = round(q.best - score, 6)
    return f"{score:g} on {q.benchmark} is {gap:g} points below the best ({q.best:g}); tolerance {s.tolerance:g}"


GUIDANCE = "Guidance §1"
OPTION_RULES: tuple[Rule, ...] = (
    Rule("sensitive-data-external-platform", "exclude", f"{GUIDANCE}, sensitive data",
         "Sensitive data never goes to external AI platforms, free or paid, sovereign or not.",
         lambda c, s, q: c.external & (s.data_sensitivity == "sensitive"), _sensitive_data),
    Rule("code-generation-sensitive-application", "exclude", f"{GUIDANCE}, code generation",
         "No external platform for access-rights management, cryptography or code processing sensitive data.",
         lambda c, s, q: c.external & (s.use in SENSITIVE_CODE_USES),
         lambda m, s, q, row: f"code generation for {SENSITIVE_CODE_USES[s.use]} must not use an external platform"),
    Rule("code-generation-expert-review", "caveat", f"{GUIDANCE}, code generation",
         "Code generated on an external platform needs expert review.",
         lambda c, s, q: c.external & (s.use == "code-generation"),
         lambda m, s, q, row: "code generated on an external platform must be reviewed by an expert before use"),
    Rule("api-use-dpia", "caveat", f"{GUIDANCE}, API use",
         "API use of an external platform with non-sensitive data needs a DPIA and a processing contract.",
         lambda c, s, q: c.external & (s.data_sensitivity != "sensitive"),
         lambda m, s, q, row: "API use with non-sensitive data requires a prior DPIA (AIPD) and a processing contract"),
    Rule("paid-subscription-sovereign-only", "caveat", f"{GUIDANCE}, paid subscriptions",
         "Paid subscriptions only on sovereign, GDPR-compliant platforms, by derogation.",
         lambda c, s, q: c.external, _paid_subscription),
    Rule("language-unsupported", "exclude", "Feasibility, language",
         "The option must handle the data's language.",
         lambda c, s, q: ~_speaks(c, s, q),
         lambda m, s, q, row: f"does not handle '{s.data_lang}' text (languages: {', '.join(m.languages)})"),
    Rule("does-not-fit-hardware", "exclude", "Feasibility, hardware",
         "A local option's weights must fit the named hardware's memory.", _too_big, _too_big_message),
)
"""Rules about one option in the user's situation, in the order their findings are listed."""

QUALITY_FLOOR = Rule(
    "below-quality-floor", "exclude", "Ranking, good enough",
    "Known quality below the user's floor (--min-quality) or more than --tolerance points below the best "
    "allowed option.", _below_floor, _below_floor_message)
FRUGALITY_FIRST = Rule(
    "frugality-first", "caveat", f"{GUIDANCE}, frugality first",
    "Classic ML, light networks and encoders before generative AI where they fit the task.",
    lambda c, s, q: c.generative & bool(s.lighter_options),
    lambda m, s, q, row: f"a lighter option fits this task: consider {', '.join(s.lighter_options[:LIGHTER_SHOWN])} first")

RULES: tuple[Rule, ...] = (QUALITY_FLOOR, *OPTION_RULES, FRUGALITY_FIRST)
"""Every rule, in the order an option's findings are listed (exclusions before caveats)."""

NOTES: tuple[Finding, ...] = (
    Finding("transparency-disclosure", "note", f"{GUIDANCE}, transparency",
            "Disclose every use of AI in a 'Use of AI systems' section (tool, version, parameters, "
            "role); label AI-generated data. `frugal disclose` drafts the paragraph."),
    Finding("verification", "note", f"{GUIDANCE}, verification",
            "Verify results: compare across data sets and across algorithms, and document biases."),
)


@dataclass(frozen=True)
class Judgement:
    """What every rule says of each candidate: which rules fire (a boolean array per rule)."""

    columns: ModelColumns
    situation: Situation
    """The user's situation, with the lighter options that passed (for frugality first)."""
    quality: Quality | None
    """The candidates' scores, with the best among the allowed options."""
    fired: tuple["ndarray", ...]
    """One boolean array per rule of ``RULES``."""

    @property
    def excluded(self) -> "ndarray":
        """Candidates some exclusion rule applies to."""
        import numpy as np

        out = np.zeros(len(self.columns), dtype=bool)
        for rule, fired in zip(RULES, self.fired):
            if rule.effect == "exclude":
                out |= fired
        return out

    def findings(self, row: int) -> tuple[Finding, ...]:
        """The findings about candidate ``row``: exclusions first, then caveats, each in rule order."""
        model = self.columns.models[row]
        out = [Finding(rule.code, rule.effect, rule.section, rule.message(model, self.situation, self.quality, row))
               for rule, fired in zip(RULES, self.fired) if fired[row]]
        return tuple(sorted(out, key=lambda f: f.effect != "exclude"))


def judge(columns: ModelColumns, situation: Situation, quality: Quality | None = None,
          total_wh: "ndarray | None" = None) -> Judgement:
    """Evaluate every rule for the candidates in ``columns``; ``total_wh``: each candidate's total
    energy for the volume (mid, Wh; NaN unknown), so that frugality first spares a generative option
    using no more than the least of the lighter options it would name."""
    import numpy as np

    option = [rule.fires(columns, situation, quality) for rule in OPTION_RULES]
    allowed = ~np.logical_or.reduce(
        [f for rule, f in zip(OPTION_RULES, option) if rule.effect == "exclude"] or [np.zeros(len(columns), bool)])
    if quality is not None:
        known = quality.scores[allowed & ~np.isnan(quality.scores)]
        quality = replace(quality, best=float(known.max()) if known.size else None)
    floor = QUALITY_FLOOR.fires(columns, situation, quality)
    passing = allowed & ~floor
    known = np.zeros(len(columns), bool) if quality is None else ~np.isnan(quality.scores)
    good = passing & columns.light & (known if (passing & known).any() else True)
    lighter = tuple(dict.fromkeys(columns.models[i].name for i in np.flatnonzero(good).tolist()))[:LIGHTER_SHOWN]
    situation = replace(situation, lighter_options=lighter)
    frugality = FRUGALITY_FIRST.fires(columns, situation, quality) & passing
    if total_wh is not None and good.any():
        lightest = total_wh[good & ~np.isnan(total_wh)]
        if lightest.size:  # not the most frugal: the lighter options named must use less energy
            frugality &= ~(total_wh <= lightest.min())
    return Judgement(columns, situation, quality, (floor, *option, frugality))


def evaluate(model: Model, situation: Situation) -> tuple[Finding, ...]:
    """Every rule's finding about one ``model`` in ``situation``, exclusions first (no quality known)."""
    return judge(columns_of([model]), situation).findings(0)


def rule(code: str) -> Rule:
    """The rule with this stable code."""
    for r in RULES:
        if r.code == code:
            return r
    raise KeyError(code)
