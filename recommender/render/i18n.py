"""Text for people in English or French: one dict of texts per language (``text_en``, ``text_fr``,
same keys), a few side tables, and the formatting of numbers. No framework.

``tr(lang, key, **values)`` formats one text; ``number(text, lang)`` turns English number
formatting (``1,234.5``) into French (``1 234,5`` with a narrow no-break space).
"""

from __future__ import annotations

import re


from ..errors import unknown_value
from .formats import LANGS
from .text_en import EN
from .text_fr import FR

_TEXT = {"en": EN, "fr": FR}

TASK_NAMES_FR = {
    "classification": "classification",
    "regression": "régression",
    "clustering": "partitionnement (clustering)",
    "dimensionality-reduction": "réduction de dimension",
    "ner": "reconnaissance d'entités nommées",
    "relation-extraction": "extraction de relations",
    "question-answering": "questions-réponses",
    "sentence-similarity": "similarité de phrases",
    "summarization": "résumé automatique",
    "text-generation": "génération de texte",
    "translation": "traduction",
    "segmentation": "segmentation",
    "code-generation": "génération de code",
    "image-classification": "classification d'images",
    "detection": "détection d'objets",
}

TASK_ROLES_FR = {
    "classification": "la classification",
    "regression": "la régression",
    "clustering": "le partitionnement (clustering)",
    "dimensionality-reduction": "la réduction de dimension",
    "ner": "la reconnaissance d'entités nommées",
    "relation-extraction": "l'extraction de relations",
    "question-answering": "les questions-réponses",
    "sentence-similarity": "la similarité de phrases",
    "summarization": "le résumé automatique",
    "text-generation": "la génération de texte",
    "translation": "la traduction",
    "segmentation": "la segmentation",
    "code-generation": "la génération de code",
    "image-classification": "la classification d'images",
    "detection": "la détection d'objets",
}
"""Task names with their article, for "pour …" in the disclosure."""

RULE_SUMMARIES_FR = {
    "sensitive-data-external-platform": "les données sensibles ne doivent jamais être envoyées à une "
                                        "plateforme d'IA externe, gratuite ou payante, souveraine ou non",
    "code-generation-sensitive-application": "pas de plateforme externe pour la gestion des droits d'accès, "
                                             "la cryptographie ou le code qui traite des données sensibles",
    "code-generation-expert-review": "le code généré sur une plateforme externe doit être relu par un expert",
    "api-use-dpia": "l'usage d'une API externe avec des données non sensibles exige une AIPD préalable et un "
                    "contrat de traitement",
    "paid-subscription-sovereign-only": "abonnements payants seulement sur des plateformes souveraines "
                                        "conformes au RGPD, par dérogation",
    "frugality-first": "une option plus légère convient à cette tâche : l'envisager d'abord",
    "language-unsupported": "l'option ne traite pas la langue des données",
    "does-not-fit-hardware": "les poids du modèle ne tiennent pas dans la mémoire du matériel indiqué",
    "below-quality-floor": "qualité connue sous le seuil ou la tolérance demandés",
    "transparency-disclosure": "déclarer tout usage de l'IA dans une section « Utilisation de systèmes "
                               "d'IA » (outil, version, paramètres, rôle) ; étiqueter les données générées "
                               "par l'IA (frugal disclose rédige le paragraphe)",
    "verification": "vérifier les résultats : comparer entre jeux de données et entre algorithmes, et "
                    "documenter les biais",
}

SECTIONS_FR = {
    "Guidance §1": "Charte §1",
    "sensitive data": "données sensibles",
    "code generation": "génération de code",
    "API use": "usage d'API",
    "paid subscriptions": "abonnements payants",
    "frugality first": "sobriété d'abord",
    "transparency": "transparence",
    "verification": "vérification",
    "Feasibility": "Faisabilité",
    "language": "langue",
    "hardware": "matériel",
    "Ranking": "Classement",
    "good enough": "qualité suffisante",
}

SENSITIVITY_FR = {"public": "publiques", "internal": "internes", "sensitive": "sensibles"}
DOMAIN_FR = {"general": "général", "biomed": "biomédical", "clinical": "clinique"}


def check_lang(lang: str) -> str:
    """``lang`` if frugal writes in it; else ``InvalidInput`` naming the accepted ones."""
    if lang not in _TEXT:
        raise unknown_value("output language", lang, LANGS)
    return lang


_BEFORE_PUNCTUATION = re.compile(r" ([:;!?])(?=\s|$)")


def french_typography(text: str) -> str:
    """French spacing: a no-break space before « : », a narrow no-break space before « ; ! ? », and no-break
    spaces inside « guillemets » (Imprimerie nationale, Lexique des règles typographiques)."""
    text = _BEFORE_PUNCTUATION.sub(lambda m: ("\u00a0" if m.group(1) == ":" else "\u202f") + m.group(1), text)
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def tr(lang: str, key: str, **values: object) -> str:
    """The ``key`` text in ``lang``, formatted with ``values`` (French with its typography)."""
    text = _TEXT[check_lang(lang)][key]
    if isinstance(text, str):
        text = text.format(**values) if values else text
        return french_typography(text) if lang == "fr" else text
    return type(text)(french_typography(t) for t in text) if lang == "fr" else text


def number(text: str, lang: str) -> str:
    """English-formatted number text (``1,234.5 kWh``) in ``lang``'s convention."""
    if lang != "fr":
        return text
    return text.replace(",", "\u202f").replace(".", ",")


def count(n: int | float, lang: str) -> str:
    """A count with thousands separators: ``10,000`` / ``10 000``."""
    return number(f"{n:,}", lang)


def counted(n: int, noun: str, lang: str) -> str:
    """``n`` and ``noun`` agreeing in number: ``1 measurement``, ``2 measurements``; in French the
    singular up to 1 (``0 mesure``, ``1 mesure``, ``2 mesures``). ``noun`` names the ``n.NOUN.one`` and
    ``n.NOUN.other`` texts."""
    one = n == 1 if lang == "en" else abs(n) < 2
    return tr(lang, f"n.{noun}.{'one' if one else 'other'}", n=count(n, lang))


def task_name(task_id: str, english_name: str, lang: str) -> str:
    """A task's name for running text (lower case)."""
    if lang == "fr":
        return TASK_NAMES_FR.get(task_id, english_name.lower())
    return english_name[:1].lower() + english_name[1:] if not english_name[1:2].isupper() else english_name


def task_role(task_id: str, english_name: str, lang: str) -> str:
    """A task as the role of a model in running text: ``classification`` / ``la classification``."""
    if lang == "fr" and task_id in TASK_ROLES_FR:
        return TASK_ROLES_FR[task_id]
    return task_name(task_id, english_name, lang)


def section(text: str, lang: str) -> str:
    """A rule's guidance section (``Guidance §1, sensitive data``) in ``lang``."""
    if lang != "fr":
        return text
    return ", ".join(SECTIONS_FR.get(part.strip(), part.strip()) for part in text.split(","))


def rule_text(code: str, message: str, lang: str) -> str:
    """What a rule says: its specific message in English, its summary in French."""
    return french_typography(RULE_SUMMARIES_FR.get(code, message)) if lang == "fr" else message


USES_FR = {"analysis": "analyse", "writing": "rédaction", "code-generation": "génération de code",
           "code-access-rights": "code de gestion des droits d'accès", "code-cryptography": "code cryptographique",
           "code-sensitive-data": "code traitant des données sensibles"}
"""The guidance's uses (``guidance.rules.USES``) in French."""

SITES_FR = {
    "Office or lab machine (laptop / workstation)": "poste de bureau ou de laboratoire (portable, station de travail)",
    "Institute machine room / regional data centre": "salle machines de l'institut / centre de données régional",
    "Microsoft Azure, United States (OpenAI)": "Microsoft Azure, États-Unis (OpenAI)",
    "Google Cloud, United States (Gemini)": "Google Cloud, États-Unis (Gemini)",
    "Amazon Web Services, United States (Anthropic, Perplexity)": "Amazon Web Services, États-Unis (Anthropic, "
                                                                  "Perplexity)",
    "DeepSeek platform, China": "plateforme DeepSeek, Chine",
    "Mistral AI hosted offer (Microsoft Azure, Sweden)": "offre hébergée de Mistral AI (Microsoft Azure, Suède)",
}
"""The shipped sites' names (catalog/datacenters.csv) in French; any other keeps its catalog name."""

HARDWARE_FR = {
    "Laptop CPU (Intel Core i7-1165G7, 4 cores)": "processeur d'ordinateur portable (Intel Core i7-1165G7, 4 cœurs)",
    "Workstation CPU (AMD Ryzen 7 7700, 8 cores)": "processeur de station de travail (AMD Ryzen 7 7700, 8 cœurs)",
    "2-socket server CPU (2 x AMD EPYC 7742, 128 cores)": "serveur bi-processeur (2 × AMD EPYC 7742, 128 cœurs)",
}
"""The shipped CPU profiles' names (catalog/hardware.csv) in French; a GPU keeps its product name."""


MODEL_NAMES_FR = {  # by id: the shipped classic models (a local model with the same id keeps its own name below)
    "tfidf-logreg": "TF-IDF + régression logistique",
    "tfidf-linear-svm": "TF-IDF + SVM linéaire",
    "tfidf-naive-bayes": "TF-IDF + bayésien naïf multinomial",
    "logistic-regression": "Régression logistique (données tabulaires)",
    "random-forest": "Forêt aléatoire",
    "gradient-boosting": "Gradient boosting par histogrammes",
    "kmeans": "Partitionnement en k-moyennes",
    "pca": "Analyse en composantes principales",
    "crf-tagger": "Étiqueteur CRF (caractéristiques manuelles)",
    "tfidf-centrality": "Résumé extractif (centralité TF-IDF)",
}
"""The shipped classic models, named by their method, in French (other names are proper names)."""


def model_name(model, lang: str) -> str:
    """A model's name in ``lang`` (``catalog.Model``): a classic method's in words, others as the catalog has it."""
    if lang != "fr" or model.id not in MODEL_NAMES_FR or model.family != "classic-ml":
        return model.name
    return MODEL_NAMES_FR[model.id]


WHY_FR = {
    "energy-unknown": "énergie inconnue (ni mesure, ni chiffre publié, et l'estimateur ne couvre pas cette "
                      "architecture) : classée après toutes les options dont l'empreinte est connue",
    "least-energy": "la moins d'énergie totale pour le volume : {total} Wh (valeur centrale)",
    "least-energy-good": "la moins d'énergie totale pour le volume parmi les options dont la qualité suffit d'après "
                         "les scores publiés : {total} Wh (valeur centrale)",
    "least-energy-unknown": "la moins d'énergie totale pour le volume parmi les options de qualité inconnue : "
                            "{total} Wh (valeur centrale)",
    "above": "{total} Wh (valeur centrale) pour le volume, {ratio}× l'option au-dessus",
    "overlaps": "sa plage chevauche celle de l'option au-dessus : l'ordre entre les deux est incertain",
    "quality-unknown": "qualité inconnue sur le jeu de référence : classée après toutes les options dont la qualité "
                       "suffit",
    "quality-best": "meilleure qualité connue : {score} ({benchmark})",
    "quality-below": "qualité {score} ({benchmark}), {gap} points sous la meilleure",
}
"""``usecases.options.WHY`` in French."""


def reasons(option, lang: str) -> list[str]:
    """Why ``option`` is where it is, in ``lang`` (``Option.reasons``)."""
    if lang != "fr":
        return list(option.why)
    return [french_typography(WHY_FR[code].format(**{k: number(v, lang) for k, v in values.items()}))
            for code, values in option.reasons]


def use_name(use: str, lang: str) -> str:
    return USES_FR.get(use, use) if lang == "fr" else use


def site_name(site, lang: str) -> str:
    """A site's name in ``lang`` (``catalog.Datacenter``)."""
    return SITES_FR.get(site.name, site.name) if lang == "fr" else site.name


def hardware_name(hardware, lang: str) -> str:
    """A hardware profile's name in ``lang``; in French a GPU reads "GPU NVIDIA A100 …"."""
    if lang != "fr":
        return hardware.name
    if hardware.name in HARDWARE_FR:
        return HARDWARE_FR[hardware.name]
    return f"GPU {hardware.name}" if hardware.name.startswith("NVIDIA") else hardware.name


def method(name: str | None, lang: str) -> str:
    """``measured`` / ``published`` / ``estimated`` in ``lang``; ``unknown`` for None."""
    return tr(lang, "unknown") if name is None else tr(lang, f"method.{name}")


BENCHMARK_NAMES_FR = {
    "QUAERO EMEA (100 training sentences)": "QUAERO EMEA (100 phrases d'entraînement)",
    "QUAERO MEDLINE (100 training sentences)": "QUAERO MEDLINE (100 phrases d'entraînement)",
    "E3C-fr (100 training sentences)": "E3C-fr (100 phrases d'entraînement)",
    "QUAERO EMEA (full training set)": "QUAERO EMEA (tout le jeu d'entraînement)",
    "QUAERO MEDLINE (full training set)": "QUAERO MEDLINE (tout le jeu d'entraînement)",
    "E3C-fr (full training set)": "E3C-fr (tout le jeu d'entraînement)",
    "ClinicRealm in-hospital mortality from notes (MIMIC-IV)":
        "ClinicRealm, mortalité hospitalière d'après les notes (MIMIC-IV)",
    "ClinicRealm 30-day readmission from notes (MIMIC-IV)":
        "ClinicRealm, réadmission à 30 jours d'après les notes (MIMIC-IV)",
    "procedural vs non-procedural clinical text classification":
        "textes cliniques procéduraux ou non (classification)",
    "MTSamples clinical NER (i2b2-2010)": "MTSamples, REN clinique (i2b2-2010)",
    "PubMed summarization": "PubMed (résumé d'articles)",
    "MedQA (4-option)": "MedQA (4 options)",
    "MedQA (5-option)": "MedQA (5 options)",
}
"""The shipped reference benchmarks whose names hold English words, in French (by catalog name;
other names, and a local catalog's, are shown as written)."""


def benchmark_name(name: str | None, lang: str, missing: str = "") -> str:
    """A benchmark's catalog name as ``lang``'s reader reads it; ``missing`` when there is none."""
    if not name:
        return missing
    return BENCHMARK_NAMES_FR.get(name, name) if lang == "fr" else name


def domain(name: str, lang: str) -> str:
    return DOMAIN_FR.get(name, name) if lang == "fr" else name


def sensitivity(name: str, lang: str) -> str:
    return SENSITIVITY_FR.get(name, name) if lang == "fr" else name


ASSUMPTIONS = {"assumed-data-kind": "a.assumed_kind", "assumed-sensitive": "a.assumed_sensitive",
               "compared-task": "a.compared_task"}
"""The text key of each assumption code (``usecases.assumptions``)."""


def assumption(text: str, lang: str) -> str:
    """A library assumption in ``lang`` (one without a known code stays as the library says it)."""
    key = ASSUMPTIONS.get(getattr(text, "code", ""))
    if key is None:
        return text
    values = dict(text.values)
    if "kind" in values:
        values["kind"] = tr(lang, f"kind.{values['kind']}")
    return tr(lang, key, **values)


def unable_text(model, task: str, data_kind: str, lang: str = "en") -> str:
    """Why a named ``Model`` is left out of a comparison."""
    return tr(lang, "cmp.unable", name=model.name, id=model.id, task=task, kind=tr(lang, f"kind.{data_kind}"),
              tasks=", ".join(model.tasks), kinds=", ".join(model.data_kinds))
