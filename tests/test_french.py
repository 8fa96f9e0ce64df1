"""Every French output of a fixed scenario is French: no English text of frugal's own (a template of
render/text_en.py that the French dict says differently) appears in it. Catalog facts (model names that
are proper names, sources, notes) and the library's calculation steps (English, said so) are not UI text."""

import re

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.render.text_en import EN
from recommender.render.text_fr import FR


def english_fragments() -> set[str]:
    """The literal pieces of every English template that French writes differently, of 3 words or more."""
    pieces = set()
    for key, english in EN.items():
        if FR.get(key) == english:
            continue
        for text in english if isinstance(english, (list, tuple)) else [english]:
            for piece in re.split(r"\{[^}]*\}", text):
                piece = piece.strip(" .,:;()–-")
                if len(piece.split()) >= 3:
                    pieces.add(piece)
    return pieces


SCENARIO = ("--task", "classification", "--domain", "biomed", "--lang", "fr", "--data-lang", "en")


def outputs(tmp_path) -> dict[str, str]:
    runner = CliRunner()
    report = tmp_path / "rapport.md"
    done = {
        "recommend": runner.invoke(cli, ["recommend", *SCENARIO, "--all", "--show-excluded", "--explain"]),
        "recommend json": runner.invoke(cli, ["recommend", *SCENARIO]),
        "compare": runner.invoke(cli, ["compare", "biobert", "tfidf-logreg", "tiny-llm", "gpt-x", *SCENARIO,
                                       "--format", "markdown"]),
        "disclose": runner.invoke(cli, ["disclose", "--model", "biobert", "--task", "classification", "--domain",
                                        "biomed", "--lang", "fr"]),
        "disclose hosted": runner.invoke(cli, ["disclose", "--model", "gpt-x", "--task", "summarization",
                                               "--lang", "fr", "--format", "markdown"]),
        "report": runner.invoke(cli, ["report", *SCENARIO, "-o", str(report)]),
    }
    for name, result in done.items():
        assert result.exit_code == 0, (name, result.output)
    texts = {name: result.output for name, result in done.items() if name != "report"}
    body = report.read_text()
    # the calculation steps are the library's, in English, and the heading says so
    texts["report"] = body.split("## Comment chaque chiffre a été obtenu")[0]
    return texts


def test_no_english_ui_text_in_any_french_output(fixture_catalog, tmp_path):
    fragments = english_fragments()
    assert len(fragments) > 100  # the oracle itself covers the dictionary
    found = {name: sorted(f for f in fragments if f in text) for name, text in outputs(tmp_path).items()}
    assert found == {name: [] for name in found}


@pytest.mark.parametrize("english, french", [
    ("Use: analysis", "Usage : analyse"), ("110M parameters", "110 millions de paramètres"),
])
def test_known_english_leftovers_are_gone(fixture_catalog, tmp_path, english, french):
    texts = outputs(tmp_path)
    assert not any(english in text for text in texts.values())
