"""frugal trial on French spreadsheets: the delimiter is sniffed (``;``) or given (``--sep``), French text is
compared with the catalog's French-capable options, a missing column lists the closest names first."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.errors import InvalidInput
from recommender.trial import Settings, catalog_estimates, detect, read_data
from recommender.trial import compare_with_for
from recommender.trial.language import text_language, word_shares
from recommender.trial.read import parse_sep

pd = pytest.importorskip("pandas")
pytest.importorskip("sklearn")

FRENCH = ["Le patient présente une douleur thoracique, sans fièvre, depuis deux jours",
          "Antécédents de diabète, traitement par metformine, pas de complication",
          "La patiente se plaint de céphalées avec des nausées depuis hier",
          "Bilan normal, pas de signe infectieux, retour au domicile avec un suivi"]


@pytest.fixture(autouse=True)
def fake_meter(monkeypatch):
    monkeypatch.setenv("FRUGAL_METER", "fake")


@pytest.fixture
def french_csv(tmp_path):
    """A French spreadsheet export: ``;`` between cells, commas inside the notes, no quotes."""
    path = tmp_path / "notes_fr.csv"
    lines = ["note;label"] + [f"{FRENCH[i % 4]}, visite {i};{'cardio' if i % 4 in (0, 2) else 'autre'}"
                              for i in range(40)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_semicolon_csv_is_sniffed(french_csv):
    data = read_data(french_csv, Settings(target="label"))
    assert list(data.frame.columns) == ["note", "label"] and len(data.frame) == 40
    assert (data.sep, data.sep_given) == (";", False)
    d, _, _ = detect(data, Settings(target="label"))
    assert d.lines()[0] == "notes_fr.csv: 40 rows read (columns separated by ';', detected; --sep to change)."


def test_a_comma_csv_reads_as_before(tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text('text,label\n"a note; with a semicolon",x\nanother note,y\n', encoding="utf-8")
    data = read_data(path, Settings(target="label"))
    assert list(data.frame.columns) == ["text", "label"] and data.sep is None


def test_sep_overrides_the_sniffing_and_says_what_to_try(french_csv):
    given = read_data(french_csv, Settings(target="label", sep=";"))
    assert (given.sep, given.sep_given) == (";", True)
    with pytest.raises(InvalidInput) as error:
        read_data(french_csv, Settings(target="label", sep=","))
    assert str(error.value) == ("no target column 'label' in the data. Did you mean 'note;label'? Columns, closest "
                                "first: note;label. The header holds ';': try --sep ';'.")


@pytest.mark.parametrize("text, sep", [(";", ";"), ("tab", "\t"), ("\\t", "\t"), ("semicolon", ";"), ("|", "|"),
                                       (None, None)])
def test_sep_words(text, sep):
    assert parse_sep(text) == sep


@pytest.mark.parametrize("text", ["xx", "a", "", '"'])
def test_a_bad_sep_is_refused(text):
    with pytest.raises(InvalidInput) as error:
        parse_sep(text)
    assert str(error.value) == f"--sep must be one character such as ';', ',' or '|', or 'tab'; got '{text}'."


def test_sep_on_parquet_is_refused(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "t.parquet"
    pd.DataFrame({"a": [1, 2]}).to_parquet(path)
    with pytest.raises(InvalidInput, match=r"^--sep applies to CSV and TSV files; 't.parquet' is Parquet\.$"):
        read_data(path, Settings(sep=";"))


def test_a_missing_target_lists_the_closest_columns_first(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("note;patient_id;label_final;libelle\nx;1;a;b\n", encoding="utf-8")
    # difflib ratios to 'label' (2 × matches / total length): libelle 2×4/12 = 0.667 ("l", "bel"), label_final
    # 2×5/16 = 0.625, patient_id 2×2/15 = 0.267 ("a", "e"), note 2×1/9 = 0.222 ("e")
    with pytest.raises(InvalidInput) as error:
        read_data(path, Settings(target="label"))
    assert str(error.value) == ("no target column 'label' in the data. Did you mean 'libelle'? Columns, closest "
                                "first: libelle, label_final, patient_id, note.")


def test_the_language_of_a_text_from_its_common_words():
    # "le", "est", "dans", "la": 4 French common words of 6; none English
    assert word_shares(["Le patient est dans la chambre"]) == (4 / 6, 0.0, 6)
    assert text_language(["Le patient est dans la chambre"]) == "fr"
    # "the", "is", "in", "the": 4 of 6 English
    assert text_language(["The patient is in the ward"]) == "en"
    assert text_language(["Metformine 500 mg"]) is None and text_language([]) is None


def test_french_text_is_compared_with_french_capable_options(french_csv):
    settings = Settings(target="label")
    d, _, _ = detect(read_data(french_csv, settings), settings)
    assert d.language == "fr"
    assert d.lines()[1].endswith("; in French (from its common words).")
    assert compare_with_for(d, settings) == ("camembert-bio", "drbert", "biomistral-7b")
    assert compare_with_for(d, Settings(target="label", compare_with=("biobert",))) == ("biobert",)
    estimates, note = catalog_estimates(d, settings)
    assert [e.model_id for e in estimates] == ["camembert-bio", "drbert", "biomistral-7b"]
    assert note == "Compared with options that handle French text (--compare-with to choose)."


def test_english_text_keeps_the_english_defaults(tmp_path):
    path = tmp_path / "en.csv"
    rows = [("the patient improved after the treatment and is at home", "good"),
            ("the condition worsened in the night and the patient was readmitted", "bad")] * 10
    pd.DataFrame(rows, columns=["text", "label"]).to_csv(path, index=False)
    settings = Settings(target="label")
    d, _, _ = detect(read_data(path, settings), settings)
    assert d.language == "en" and compare_with_for(d, settings) == ("biobert", "biomistral-7b")
    assert "French" not in " ".join(d.lines())


def test_the_trial_command_on_a_french_spreadsheet(french_csv):
    result = CliRunner().invoke(cli, ["trial", "--data", str(french_csv), "--target", "label", "--cv", "2"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "notes_fr.csv: 40 rows read (columns separated by ';', detected; --sep to change)."
    assert "Compared with options that handle French text (--compare-with to choose)." in lines
    assert any(line.startswith("CamemBERT-bio (base)") for line in lines)
    assert any(line.startswith("DrBERT-7GB") for line in lines)
    assert not any("BioBERT" in line for line in lines)
    bad = CliRunner().invoke(cli, ["trial", "--data", str(french_csv), "--target", "label", "--sep", "xx"])
    assert bad.exit_code == 2
    assert bad.output == "Error: --sep must be one character such as ';', ',' or '|', or 'tab'; got 'xx'.\n"
