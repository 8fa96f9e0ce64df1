"""``frugal report --dossier``: the frugality dossier's sections, in English and French."""

import re

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.render import text_en, text_fr
from recommender.render.dossier import SECTIONS

ARGS = ["report", "--task", "classification", "--domain", "biomed", "--volume", "1e6", "--dossier"]


def written(tmp_path, *extra):
    out = tmp_path / "dossier.md"
    result = CliRunner().invoke(cli, [*ARGS, "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    assert result.output == f"Dossier written to {out}.\n"
    return out.read_text()


@pytest.mark.parametrize("lang, table", [("en", text_en.EN), ("fr", text_fr.FR)])
def test_every_section_is_there_in_order(fixture_catalog, tmp_path, lang, table):
    text = written(tmp_path, "--lang", lang, "--team", "Biostat", "--status", "pilot")
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings == [table[f"dossier.h.{s}"] for s in SECTIONS]
    assert "| Biostat |" in text and "| pilot |" in text
    for rung in ("rules", "classic-ml", "encoder", "small-lm", "llm"):
        assert f"| {table[f'dossier.rung.{rung}']} |" in text
    for standard in ("AFNOR Spec 2314", "ITU-T L.1801", "SCI for AI"):
        assert standard in text


def test_the_french_twin_is_complete():
    en = {k for k in text_en.EN if k.startswith(("dossier.", "lc."))}
    fr = {k for k in text_fr.FR if k.startswith(("dossier.", "lc."))}
    assert en == fr and len(en) > 80
    assert all(text_fr.FR[k] != text_en.EN[k] or k.startswith(("lc.unit.", "lc.col.")) or text_en.EN[k] in ("Option", "Section", "Phase") for k in en)


def test_the_dossier_claims_only_what_was_measured_or_estimated(fixture_catalog, tmp_path):
    text = written(tmp_path)
    assert "carbon neutral" not in text.replace("no claim of carbon neutrality", "")
    assert "offset" not in text.replace("nets no offset", "").replace("Offsets do not reduce", "").replace(
        "offsets do not reduce the score", "")
    assert text_en.EN["dossier.claims"] in text


def test_the_dossier_gives_sci_and_break_even(fixture_catalog, tmp_path):
    text = written(tmp_path, "--setup-runs", "4")
    sci = text.split(f"## {text_en.EN['dossier.h.sci']}")[1].split("## ")[0]
    assert "| biobert |" in sci
    be = text.split(f"## {text_en.EN['dossier.h.break_even']}")[1].split("## ")[0]
    assert re.search(r"\| biobert \| (tiny-llm|gpt-x|mistral-x) \|", be) or text_en.EN["dossier.be.none"] in be
    assert "setup counted 4 time(s)" in text


def test_the_dossier_is_markdown_only(fixture_catalog, tmp_path):
    result = CliRunner().invoke(cli, [*ARGS, "-o", str(tmp_path / "d.html")])
    assert result.exit_code == 2
    assert "the dossier is written as Markdown (.md)" in result.output
