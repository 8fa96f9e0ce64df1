"""English and French say the same things: the same keys, the same placeholders, every text the
renderers ask for, and a French word for every rule, section and task the library can name."""

import re
import string
from pathlib import Path

import pytest

from recommender.usecases import assumptions

from recommender.errors import InvalidInput
from recommender.render import i18n
from recommender.render.text_en import EN
from recommender.render.text_fr import FR

RENDER = Path(i18n.__file__).parent


def placeholders(text) -> list[str]:
    parts = text if isinstance(text, tuple) else (text,)
    return sorted(name for part in parts for _, name, _, _ in string.Formatter().parse(part) if name)


def test_english_and_french_have_the_same_keys():
    assert sorted(EN) == sorted(FR)


@pytest.mark.parametrize("key", sorted(EN))
def test_each_text_has_the_same_placeholders_and_shape_in_both_languages(key):
    assert placeholders(EN[key]) == placeholders(FR[key])
    assert type(EN[key]) is type(FR[key])
    if isinstance(EN[key], tuple):
        assert len(EN[key]) == len(FR[key])


def test_every_key_the_renderers_use_exists():
    used = set()
    for module in RENDER.glob("*.py"):
        used |= set(re.findall(r"""\btr\(\s*(?:self\.)?lang,\s*["']([\w.-]+)["']""", module.read_text()))
    assert used and not used - set(EN), sorted(used - set(EN))


def test_every_rule_and_reminder_has_a_french_summary_and_section():
    from recommender.guidance import rules

    for finding in (*rules.RULES, *rules.NOTES):
        assert finding.code in i18n.RULE_SUMMARIES_FR, finding.code
        parts = [part.strip() for part in finding.section.split(",")]
        assert all(part in i18n.SECTIONS_FR for part in parts), finding.section


def test_every_shipped_task_has_a_french_name_and_role():
    from recommender.catalog import load_catalog

    tasks = set(load_catalog().tasks)
    assert tasks <= set(i18n.TASK_NAMES_FR) and tasks <= set(i18n.TASK_ROLES_FR)


def test_french_numbers_use_a_narrow_no_break_space_and_a_comma():
    assert i18n.number("1,234.5 kWh", "fr") == "1\u202f234,5 kWh"
    assert i18n.number("1,234.5 kWh", "en") == "1,234.5 kWh"
    assert i18n.count(10_000, "fr") == "10\u202f000"


@pytest.mark.parametrize("library, en, fr", [
    (assumptions.assumed_data_kind("text", ("text", "tabular", "image")),
     "Assumed text data (--data-kind text|tabular|image to change).",
     "Données de type texte supposées (--data-kind text|tabular|image pour changer)."),
    (assumptions.assumed_data_kind("tabular", ("text", "tabular")),
     "Assumed tabular data (--data-kind text|tabular to change).",
     "Données de type tabulaire supposées (--data-kind text|tabular pour changer)."),
    (assumptions.assumed_sensitive(),
     "Assumed sensitive data, the safe default (--data-sensitivity public|internal if it is not).",
     "Données supposées sensibles, le choix prudent par défaut (--data-sensitivity public|internal sinon)."),
    (assumptions.compared_task("ner"),
     "Compared on task ner, the one most of these models can do (--task to change).",
     "Comparaison sur la tâche ner, celle que la plupart de ces modèles savent faire (--task pour changer)."),
    ("Something the library says that has no code.",
     "Something the library says that has no code.",
     "Something the library says that has no code."),
])
def test_the_library_assumptions_are_said_in_the_output_language(library, en, fr):
    assert i18n.assumption(library, "en") == en
    assert i18n.assumption(library, "fr") == fr
    assert str(library) == en  # the library's own sentence (the JSON's) is the English text


def test_an_unknown_output_language_is_refused_with_the_accepted_ones():
    with pytest.raises(InvalidInput, match=r"^unknown output language 'de'\. Accepted: en, fr\.$"):
        i18n.tr("de", "none")


def test_one_example_is_singular_in_french():
    from recommender.render.cells import mode_text
    from recommender.usecases.modes import Mode

    assert [mode_text(Mode("few-shot", k), "fr") for k in (1, 5)] == ["1 exemple", "5 exemples"]
    assert [mode_text(Mode("few-shot", k), "en") for k in (1, 5)] == ["1-shot", "5-shot"]


def test_every_french_benchmark_name_names_a_shipped_benchmark():
    from recommender.catalog import Catalog
    from recommender.render.i18n import BENCHMARK_NAMES_FR, benchmark_name

    shipped = {q.benchmark for q in Catalog.load().quality}
    assert set(BENCHMARK_NAMES_FR) <= shipped
    assert benchmark_name("MedQA (4-option)", "fr") == "MedQA (4 options)"
    assert benchmark_name("MedQA (4-option)", "en") == "MedQA (4-option)"
    assert benchmark_name("NCBI-disease", "fr") == "NCBI-disease"  # a proper name stays as written
