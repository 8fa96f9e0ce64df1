import csv
import io
import json

import pytest
from click.testing import CliRunner

from recommender.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(args))


VERDICT = ("Use BioBERT v1.1, fine-tuned: 82 micro F1 on BENCH/A, 12 points above Tiny LLM 1B, zero-shot, for 18× "
           "its energy at 10,000 items.")
"""82 − 70 = 12 points; 180.24 Wh / 9.868 Wh = 18.3 (tests/test_ranking.py)."""
VERDICT_FR = ("Utilisez BioBERT v1.1, affiné : 82 en micro F1 sur BENCH/A, 12 points au-dessus de Tiny LLM 1B, "
              "sans exemple, pour 18× son énergie à 10\u202f000 éléments.")


def test_recommend_table_lists_ranked_excluded_sources_and_notes(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == VERDICT  # the verdict opens the answer
    lines = lines[1:]
    assert lines[0] == "Assumed text data (--data-kind text|tabular|image to change)."
    assert lines[1] == "Assumed sensitive data, the safe default (--data-sensitivity public|internal if it is not)."
    assert lines[2] == ("Options for task classification, text data, domain biomed, language en, sensitive data, "
                        "use analysis, 10,000 items, grid FR (local runs): good enough on evidence first, then "
                        "quality unknown, least total energy first in each:")
    assert lines[3].split() == ["#", "Option", "Quality", "Energy", "per", "1k", "items", "Setup", "Total", "for",
                                "10,000", "items", "CO2e", "Water", "Notes"]
    # BioBERT (82, the best allowed) is good enough on evidence; TF-IDF's quality on BENCH/A is unknown
    assert lines[4].split() == ["1", "BioBERT", "v1.1,", "fine-tuned", "82", "(best)", "[1]", "3.3", "Wh", "estimated",
                                "[2]", "147", "Wh", "estimated", "[2]", "180", "Wh", "(57–570)", "9.0", "g", "360", "mL"]
    assert lines[6].split() == ["2", "TF-IDF", "+", "logistic", "regression,", "fit", "75*", "[3]", "0.020", "Wh",
                                "measured", "[4]", "2.5", "Wh", "measured", "[4]", "2.7", "Wh", "0.14", "g", "5.4", "mL"]
    # Tiny LLM, the best small LM and known to fall short, is shown unnumbered below the ranked rows
    assert lines[8].split() == ["Tiny", "LLM", "1B,", "zero-shot", "70", "(−12)", "[5]", "0.99", "Wh", "estimated",
                                "[2]", "none", "9.9", "Wh", "(3.1–31)", "0.49", "g", "23", "mL", "below-quality-floor"]
    assert lines[10] == ("Rows without a number (1): the best of each family known to fall short of quality, shown "
                         "for comparison, not ranked.")
    assert lines[12:15] == ["", "Short of quality (1; not ranked):",
                            "  Tiny LLM 1B, zero-shot: 70 on BENCH/A, 12 points below the best (82); tolerance 5"]
    assert "  sensitive-data-external-platform (Guidance §1, sensitive data): GPT-X, Mistral X" in lines
    assert "  [1] Paper A https://example.org/a" in lines
    assert "  [3] Paper C https://example.org/c" in lines
    assert "  [4] frugal bench (test)" in lines
    assert lines[-1] == ("Note (verification): Verify results: compare across data sets and across algorithms, "
                         "and document biases.")


def test_recommend_explain_shows_every_step(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--explain")
    assert result.exit_code == 0
    tail = result.output.split("Why this order:\n", 1)[1].splitlines()
    tail = tail[tail.index("2. TF-IDF + logistic regression"):]
    assert tail[:6] == [
        "2. TF-IDF + logistic regression",
        "   - least total energy for the volume among the options whose quality is unknown: 2.7 Wh (mid)",
        "   - quality unknown on the reference benchmark: ranked after every option good enough on evidence",
        "   - use energy, measured:",
        "       measured figure: 0.02 Wh per 1,000 items at the it boundary on cpu-workstation (frugal bench (test))",
        "       IT → facility: × PUE 1 (Office) = 0.02 Wh per 1,000 items",
    ]


def test_recommend_json_is_stable(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--format", "json",
                 "--volume", "1e6", "--data-sensitivity", "internal")
    data = json.loads(result.output)
    assert list(data) == ["frugal_version", "verdict", "query", "workload", "assumptions", "reference_benchmark",
                          "options", "excluded", "short_of_quality", "notes"]
    # internal data admits GPT-X (85): BioBERT (82) and GPT-X are good enough; then TF-IDF, quality unknown
    assert [o["id"] for o in data["options"]] == ["biobert", "gpt-x", "tfidf-logreg", "mistral-x"]
    first = data["options"][2]
    assert first["id"] == "tfidf-logreg" and first["rank"] == 3
    assert (first["mode"], first["shots"], first["standing"]) == ("fit", None, "quality-unknown")
    assert [(o["id"], o["standing"]) for o in data["short_of_quality"]] == [("tiny-llm", "short-of-quality")]
    assert first["energy_use_wh"] == {"low": 18.0, "mid": 20.0, "high": 22.0}
    assert first["energy_setup_wh"] == {"low": 2.5, "mid": 2.5, "high": 2.5}
    assert first["carbon_g"] == {"low": 1.0250, "mid": 1.125, "high": 1.225}
    assert data["query"]["volume"] == 1_000_000 and data["query"]["data_sensitivity"] == "internal"
    gpt = next(o for o in data["options"] if o["id"] == "gpt-x")
    assert [f["code"] for f in gpt["findings"]] == ["api-use-dpia", "paid-subscription-sovereign-only",
                                                   "frugality-first"]


def test_recommend_csv_has_one_row_per_option(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == ["biobert", "tfidf-logreg", "tiny-llm", "gpt-x", "mistral-x"]
    assert rows[1]["energy_total_wh"] == "2.7" and rows[1]["carbon_g"] == "0.135"
    assert rows[2]["excluded_by"] == "below-quality-floor"
    assert {r["excluded_by"] for r in rows[3:]} == {"sensitive-data-external-platform"}


def test_recommend_markdown_is_a_table(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--format", "markdown")
    lines = result.output.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| # |"))
    assert lines[header] == ("| # | Option | Quality | Energy per 1k items | Setup | Total for 10,000 items | CO2e | "
                             "Water | Notes |")
    assert lines[header + 3] == ("| 2 | TF-IDF + logistic regression, fit<br>tfidf-logreg | 75* [3] | 0.020 Wh measured [4] | "
                                 "2.5 Wh measured [4] | 2.7 Wh | 0.14 g | 5.4 mL |  |")


@pytest.mark.parametrize("args, message", [
    (["--task", "clasification"], "Error: unknown task 'clasification'. Did you mean 'classification'? "
                                  "Accepted: classification, ner, summarization."),
    (["--task", "ner", "--domain", "biomd"], "Error: unknown domain 'biomd'. Did you mean 'biomed'? "
                                             "Accepted: biomed, clinical, general."),
    (["--task", "ner", "--hardware", "a10"], "Error: unknown hardware 'a10'. Did you mean 'a100'? "
                                            "Accepted: a100, cpu-workstation, h100."),
    (["--task", "ner", "--grid", "FRA"], "Error: unknown grid zone 'FRA'. Did you mean 'FR'? Accepted: FR, US, WORLD."),
    (["--task", "ner", "--volume", "-5"], "Error: Invalid value for '--volume': must be a positive number such as "
                                         "1000, 1e6 or 110M; got '-5'."),
    (["--task", "ner", "--volume", "lots"], "Error: Invalid value for '--volume': must be a positive number such as "
                                           "1000, 1e6 or 110M; got 'lots'."),
    (["--task", "ner", "--min-quality", "50", "--tolerance", "2"], "Error: give --min-quality or --tolerance, not both."),
    (["--task", "ner", "--data", "audio"], "Error: Invalid value for '--data': 'audio' is not one of 'text', "
                                          "'tabular', 'image'."),
    (["--task", "ner", "--data-kind", "audio"], "Error: Invalid value for '--data-kind': 'audio' is not one of "
                                               "'text', 'tabular', 'image'."),
    (["--task", "ner", "--data", "text", "--data-kind", "image"], "Error: give --data-kind only (--data is its old "
                                                                 "name)."),
    (["--task", "ner", "--tolerance", "150"], "Error: --tolerance must be between 0 and 100 points; got '150'."),
    (["--task", "ner", "--data-lang", "english"], "Error: Invalid value for '--data-lang': unknown data language "
                                                  "'english'. Did you mean 'en'? Accepted: an ISO 639-1 code (en, fr, de...)."),
    (["--task", "ner", "--lang", "french"], "Error: Invalid value for '--lang': 'french' is not one of 'en', 'fr'."),
    (["--task", "ner", "--lang", "de", "--data-lang", "es"], "Error: --lang de is not an output language (en, fr); "
                                                            "give the data's language as --data-lang only."),
    (["--task", "ner", "--format", "html"], "Error: Invalid value for '--format': 'html' is not one of 'table', "
                                           "'json', 'csv', 'markdown'."),
    ([], "Error: Missing option '--task'."),
])
def test_bad_input_gets_one_error_line_and_exit_2(fixture_catalog, args, message):
    result = run("recommend", *args)
    assert result.exit_code == 2
    assert result.output.strip() == message


def test_catalog_show_and_list(fixture_catalog):
    shown = run("catalog", "show", "biobert")
    assert shown.exit_code == 0
    assert "BioBERT v1.1 (biobert)" in shown.output and "BENCH/A" in shown.output
    listed = run("catalog", "list", "--family", "encoder", "--format", "csv")
    assert listed.output.splitlines() == ["id,name,family,params,hosting,setup,tasks",
                                          "biobert,BioBERT v1.1,encoder,110000000,local,fine-tune,classification;ner"]
    bad = run("catalog", "list", "--family", "encoders")
    assert bad.exit_code == 2
    assert bad.output.strip() == ("Error: unknown family 'encoders'. Did you mean 'encoder'? Accepted: classic-ml, "
                                  "encoder, hosted, light-dnn, llm, small-lm.")
    missing = run("catalog", "show", "gpt5")
    assert missing.exit_code == 2 and missing.output.startswith("Error: unknown model 'gpt5'.")


def test_a_broken_catalog_is_a_failure_not_a_traceback(tmp_path, monkeypatch):
    (tmp_path / "tasks.csv").write_text("id\n")
    monkeypatch.setenv("FRUGAL_CATALOG", str(tmp_path))
    result = run("recommend", "--task", "ner")
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {tmp_path / 'tasks.csv'}: header must be id,name,data_kinds,")


def test_old_data_spelling_still_works_with_a_notice(fixture_catalog):
    old = run("recommend", "--task", "classification", "--data", "text")
    new = run("recommend", "--task", "classification", "--data-kind", "text")
    assert old.exit_code == 0 and new.exit_code == 0
    assert old.stdout == new.stdout
    assert old.stderr == "Notice: --data is now --data-kind (--data will be removed in 0.3).\n"
    assert new.stderr == ""


def test_lang_that_is_not_an_output_language_is_the_data_language_with_a_notice(fixture_catalog):
    old = run("recommend", "--task", "classification", "--domain", "biomed", "--lang", "de")
    new = run("recommend", "--task", "classification", "--domain", "biomed", "--data-lang", "de")
    assert old.exit_code == 0 and new.exit_code == 0
    assert old.stderr == ("Notice: --lang is now the language of the output (en, fr); read --lang de as "
                          "--data-lang de (it will be an error in 0.3).\n")
    assert new.stderr == ""
    assert old.stdout == new.stdout
    # BioBERT's catalog row says it handles English only
    assert "  language-unsupported (Feasibility, language): BioBERT v1.1" in new.stdout.splitlines()


def test_lang_fr_alone_sets_the_output_and_the_data_language_with_a_notice(fixture_catalog):
    alone = run("recommend", "--task", "classification", "--domain", "biomed", "--lang", "fr")
    both = run("recommend", "--task", "classification", "--domain", "biomed", "--lang", "fr", "--data-lang", "fr")
    assert alone.stderr == ("Notice: --lang now sets the language of the output; it also sets the data's language "
                            "(--data-lang) until 0.3. Give --data-lang to set that alone.\n")
    assert both.stderr == ""
    assert alone.stdout == both.stdout
    assert "  language-unsupported (Faisabilité, langue) : BioBERT v1.1" in alone.stdout.splitlines()
    english_data = run("recommend", "--task", "classification", "--domain", "biomed", "--lang", "fr",
                       "--data-lang", "en")
    assert english_data.stderr == ""
    assert "language-unsupported" not in english_data.stdout


def words(line: str) -> list[str]:
    """A table line's words; a French number's narrow no-break space does not split it."""
    return line.replace("\u202f", "~").split()


def test_recommend_in_french(fixture_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--lang", "fr", "--data-lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == VERDICT_FR
    lines = lines[1:]
    assert lines[:3] == [
        "Données de type texte supposées (--data-kind text|tabular|image pour changer).",
        "Données supposées sensibles, le choix prudent par défaut (--data-sensitivity public|internal sinon).",
        "Options pour tâche classification, données texte, domaine biomédical, langue des données en, données "
        "sensibles, usage analyse, 10\u202f000 éléments, réseau FR (calculs locaux) : d'abord celles dont la "
        "qualité suffit d'après les scores publiés, puis celles de qualité inconnue ; la moins d'énergie totale "
        "d'abord dans chaque groupe :",
    ]
    # at 160 columns the two longest headers wrap at spaces (headers take an extra line before names do)
    assert words(lines[3]) == ["Énergie", "pour", "1~000", "Total", "pour"]
    assert words(lines[4]) == ["#", "Option", "Qualité", "éléments", "Mise", "en", "place", "10~000", "éléments",
                               "CO2e", "Eau", "Notes"]
    ranked = [words(line) for line in lines[5:11] if line[:1] != " "]
    assert ranked == [
        ["1", "BioBERT", "v1.1,", "affiné", "82", "(meilleure)", "[1]", "3,3", "Wh", "estimée", "[2]", "147", "Wh",
         "estimée", "[2]", "180", "Wh", "(57–570)", "9,0", "g", "360", "mL"],
        ["2", "TF-IDF", "+", "régression", "logistique,", "entraîné", "75*", "[3]", "0,020", "Wh", "mesurée", "[4]",
         "2,5", "Wh", "mesurée", "[4]", "2,7", "Wh", "0,14", "g", "5,4", "mL"],
    ]
    assert lines[9].startswith("   Tiny LLM 1B, sans ")  # known to fall short: unnumbered, for comparison
    assert lines[11] == ("Lignes sans numéro (1) : la meilleure de chaque famille dont la qualité est connue pour "
                         "être insuffisante, affichée pour comparaison, non classée.")
    assert lines[12] == ("Qualité : score sur BENCH/A (0–100), entre parenthèses l'écart en points à la meilleure "
                         "option conforme aux règles ; * = sur un autre jeu de référence, non comparable (frugal "
                         "catalog show ID).")
    assert lines[13:19] == ["", "Qualité insuffisante (1 ; non classées) :",
                            "  Tiny LLM 1B, sans exemple : 70 sur BENCH/A, 12 points sous la meilleure (82) ; "
                            "tolérance 5",
                            "", "Exclues (2 ; --show-excluded pour leurs lignes) :",
                            "  sensitive-data-external-platform (Charte §1, données sensibles) : GPT-X, Mistral X"]
    assert lines[lines.index("Sources :") + 1] == "  [1] Paper A https://example.org/a"
    assert lines[-1] == ("Note (verification) : vérifier les résultats : comparer entre jeux de données et entre "
                         "algorithmes, et documenter les biais")


def test_show_excluded_gives_the_excluded_rows(fixture_catalog):
    summary = run("recommend", "--task", "classification", "--domain", "biomed").stdout.splitlines()
    assert "Excluded (2; --show-excluded for their rows):" in summary
    lines = run("recommend", "--task", "classification", "--domain", "biomed", "--show-excluded").stdout.splitlines()
    heading = lines.index("Excluded (2):")
    assert lines[heading - 1] == ""
    assert [line.split() for line in lines[heading + 1:heading + 6]] == [
        ["#", "Option", "Quality", "Energy", "per", "1k", "items", "Setup", "Total", "for", "10,000", "items", "CO2e",
         "Water", "Notes"],
        ["GPT-X,", "zero-shot", "85", "(+3)", "[5]", "163", "Wh", "estimated", "[2]", "none", "1.6", "kWh", "(0.22–21)",
         "653", "g", "5.6", "L", "sensitive-data-external-platform"],
        ["gpt-x", "paid-subscription-sovereign-only"],
        ["Mistral", "X,", "zero-shot", "unknown", "29", "Wh", "estimated", "[2]", "none", "291", "Wh", "(83–1,454)", "15",
         "g", "626", "mL", "sensitive-data-external-platform"],
        ["mistral-x", "paid-subscription-sovereign-only"],
    ]
    assert "Excluded (2; --show-excluded for their rows):" not in lines
    assert lines[lines.index("Sources:") + 5] == "  [5] Paper B https://example.org/b"


@pytest.fixture
def shortlist_catalog(tmp_path, monkeypatch):
    """The fixture catalog plus a second classic-ml model, TF-IDF + linear SVM, measured at 0.05 Wh
    per 1,000 items (exactly) with the same fit as TF-IDF + logistic regression: for 10,000 items
    0.05 × 10 + 0.5 × 5,000 / 1,000 = 3.0 Wh, after tfidf-logreg's 2.7 Wh. It shares its family and
    hosting with tfidf-logreg and has no quality score, so the shortlist leaves it out."""
    import shutil

    from conftest import FIXTURE_CATALOG

    folder = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, folder)
    models = (folder / "models.csv").read_text().splitlines()
    tfidf = next(line for line in models if line.startswith("tfidf-logreg,"))
    svm = tfidf.replace("tfidf-logreg,TF-IDF + logistic regression,", "tfidf-svm,TF-IDF + linear SVM,", 1)
    (folder / "models.csv").write_text("\n".join([*models, svm]) + "\n")
    energy = (folder / "energy.csv").read_text().splitlines()
    rows = [line.replace("tfidf-logreg,", "tfidf-svm,", 1) for line in energy if line.startswith("tfidf-logreg,")]
    rows[0] = rows[0].replace(",0.02,0.018,0.022,", ",0.05,,,")
    (folder / "energy.csv").write_text("\n".join([*energy, *rows]) + "\n")
    monkeypatch.setenv("FRUGAL_CATALOG", str(folder))
    return folder


SHOWING = ("Showing 3 of 4 ranked options: the most frugal of each family with a score on the reference benchmark or "
           "with no evidence at all, and those no cheaper option matches in quality (--all for every option).")


def test_the_table_shows_the_shortlist_and_says_so(shortlist_catalog):
    # within 20 points of BioBERT's 82, Tiny LLM's 70 is good enough: Tiny LLM (9.9 Wh) and BioBERT (180 Wh),
    # then the two TF-IDF models of unknown quality (2.7 and 3.0 Wh): the SVM is the second classic option
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--tolerance", "20")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == ("Use Tiny LLM 1B, zero-shot: 70 micro F1 on BENCH/A, the least energy of the options good "
                        "enough on evidence; BioBERT v1.1, fine-tuned (82, 12 points apart) is good enough too and "
                        "lighter: frugality first, consider it.")
    lines = lines[1:]
    assert [line.split()[0] for line in lines[4:10:2]] == ["1", "2", "3"]
    assert [line.split()[0] for line in lines[5:11:2]] == ["tiny-llm", "biobert", "tfidf-logreg"]
    assert lines[10] == SHOWING


def test_all_shows_every_ranked_option(shortlist_catalog):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--all", "--tolerance", "20")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()[1:]  # after the verdict
    assert [line.split()[0] for line in lines[4:12:2]] == ["1", "2", "3", "4"]
    assert lines[10].split() == ["4", "TF-IDF", "+", "linear", "SVM,", "fit", "unknown", "0.050", "Wh", "measured",
                                 "[5]", "2.5", "Wh", "measured", "[5]", "3.0", "Wh", "0.15", "g", "6.0", "mL"]
    assert lines[11].split() == ["tfidf-svm"]
    assert SHOWING not in lines
    assert lines[12].startswith("Quality: score on BENCH/A (0–100)")
    data = json.loads(run("recommend", "--task", "classification", "--domain", "biomed", "--format", "json",
                          "--tolerance", "20").stdout)
    assert [(o["id"], o["shortlisted"]) for o in data["options"]] == [
        ("tiny-llm", True), ("biobert", True), ("tfidf-logreg", True), ("tfidf-svm", False)]
