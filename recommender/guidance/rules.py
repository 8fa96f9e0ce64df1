"""The institute's AI guidance as explicit rules with stable codes (design §5).

Each rule names the section of the guidance it comes from and its effect: ``exclude`` (the
option is not recommended; the reason is shown), ``caveat`` (a note on the option's row) or
``note`` (a reminder on every result). Feasibility checks (language, hardware memory, quality
floor) are rules of the same shape so that every exclusion has a code and a reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..catalog import Hardware, Model
from ..footprint.physics import BYTES_PER_PARAM, MEMORY_HEADROOM

SENSITIVITIES = ("public", "internal", "sensitive")
USES = ("analysis", "writing", "code-generation", "code-access-rights", "code-cryptography",
        "code-sensitive-data")
SENSITIVE_CODE_USES = ("code-access-rights", "code-cryptography", "code-sensitive-data")
LIGHT_FAMILIES = ("classic-ml", "light-dnn", "encoder")
GENERATIVE_FAMILIES = ("small-lm", "llm", "hosted")


@dataclass(frozen=True)
class Situation:
    """The user's situation, as far as the rules need it."""

    data_sensitivity: str = "sensitive"
    use: str = "analysis"
    lang: str = "en"
    hardware: Hardware | None = None
    """Hardware the user will run local options on, when they named one."""
    lighter_options: tuple[str, ...] = ()
    """Names of lighter (non-generative) options that pass every exclusion for this task."""


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
    """``exclude``, ``caveat`` or ``note``."""
    section: str
    """Where the rule comes from."""
    summary: str
    check: Callable[[Model, Situation], str | None]
    """Returns the message when the rule applies to the option, else None."""

    def apply(self, model: Model, situation: Situation) -> Finding | None:
        message = self.check(model, situation)
        return None if message is None else Finding(self.code, self.effect, self.section, message)


def _sensitive_data(model: Model, s: Situation) -> str | None:
    if s.data_sensitivity == "sensitive" and model.is_external:
        sovereign = " — sovereign platforms included" if model.hosting == "external-sovereign" else ""
        return (f"sensitive data must never be sent to an external AI platform ({model.provider or model.name})"
                f"{sovereign}, uploaded or typed")
    return None


def _sensitive_code(model: Model, s: Situation) -> str | None:
    if s.use in SENSITIVE_CODE_USES and model.is_external:
        what = {"code-access-rights": "access-rights management", "code-cryptography": "cryptography",
                "code-sensitive-data": "code that processes sensitive data"}[s.use]
        return f"code generation for {what} must not use an external platform"
    return None


def _expert_review(model: Model, s: Situation) -> str | None:
    if s.use == "code-generation" and model.is_external:
        return "code generated on an external platform must be reviewed by an expert before use"
    return None


def _dpia(model: Model, s: Situation) -> str | None:
    if model.is_external and s.data_sensitivity != "sensitive":
        return "API use with non-sensitive data requires a prior DPIA (AIPD) and a processing contract"
    return None


def _paid_subscription(model: Model, s: Situation) -> str | None:
    if model.hosting == "external":
        return ("no paid subscription: paid plans are allowed only on sovereign, GDPR-compliant "
                "platforms, by derogation")
    if model.hosting == "external-sovereign":
        return "a paid subscription needs a derogation, and never with sensitive data"
    return None


def _frugality_first(model: Model, s: Situation) -> str | None:
    if model.family in GENERATIVE_FAMILIES and s.lighter_options:
        shown = ", ".join(s.lighter_options[:3])
        return f"a lighter option fits this task: consider {shown} first"
    return None


def _language(model: Model, s: Situation) -> str | None:
    if not model.speaks(s.lang):
        return f"does not handle '{s.lang}' text (languages: {', '.join(model.languages)})"
    return None


def _fits_hardware(model: Model, s: Situation) -> str | None:
    hw = s.hardware
    if hw is None or model.is_external or not model.params_total or not model.is_transformer:
        return None
    precision = model.precision or ("fp32" if hw.kind == "cpu" else "fp16")
    need_gb = model.params_total * BYTES_PER_PARAM[precision] * MEMORY_HEADROOM / 1e9
    if need_gb > hw.memory_gb:
        return f"needs about {need_gb:.0f} GB at {precision}; {hw.name} has {hw.memory_gb:g} GB"
    return None


GUIDANCE = "Guidance §1"
RULES: tuple[Rule, ...] = (
    Rule("sensitive-data-external-platform", "exclude", f"{GUIDANCE}, sensitive data",
         "Sensitive data never goes to external AI platforms, free or paid, sovereign or not.",
         _sensitive_data),
    Rule("code-generation-sensitive-application", "exclude", f"{GUIDANCE}, code generation",
         "No external platform for access-rights management, cryptography or code processing sensitive data.",
         _sensitive_code),
    Rule("code-generation-expert-review", "caveat", f"{GUIDANCE}, code generation",
         "Code generated on an external platform needs expert review.", _expert_review),
    Rule("api-use-dpia", "caveat", f"{GUIDANCE}, API use",
         "API use of an external platform with non-sensitive data needs a DPIA and a processing contract.",
         _dpia),
    Rule("paid-subscription-sovereign-only", "caveat", f"{GUIDANCE}, paid subscriptions",
         "Paid subscriptions only on sovereign, GDPR-compliant platforms, by derogation.", _paid_subscription),
    Rule("frugality-first", "caveat", f"{GUIDANCE}, frugality first",
         "Classic ML, light networks and encoders before generative AI where they fit the task.",
         _frugality_first),
    Rule("language-unsupported", "exclude", "Feasibility, language",
         "The option must handle the data's language.", _language),
    Rule("does-not-fit-hardware", "exclude", "Feasibility, hardware",
         "A local option's weights must fit the named hardware's memory.", _fits_hardware),
)

QUALITY_FLOOR = Rule("below-quality-floor", "exclude", "Ranking, good enough",
                     "Known quality below the user's floor or tolerance.", lambda m, s: None)

NOTES: tuple[Finding, ...] = (
    Finding("transparency-disclosure", "note", f"{GUIDANCE}, transparency",
            "Disclose every use of AI in a 'Use of AI systems' section (tool, version, parameters, "
            "role); label AI-generated data. `frugal disclose` drafts the paragraph."),
    Finding("verification", "note", f"{GUIDANCE}, verification",
            "Verify results: compare across data sets and across algorithms, and document biases."),
)


def evaluate(model: Model, situation: Situation) -> tuple[Finding, ...]:
    """Every rule's finding about ``model`` in ``situation``, exclusions first."""
    findings = [f for rule in RULES if (f := rule.apply(model, situation)) is not None]
    return tuple(sorted(findings, key=lambda f: f.effect != "exclude"))


def rule(code: str) -> Rule:
    """The rule with this stable code."""
    for r in RULES + (QUALITY_FLOOR,):
        if r.code == code:
            return r
    raise KeyError(code)
