"""frugal compare, report and disclose: pinned numbers and texts on the fixture catalog, errors."""

import csv
import errno
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.cli import cli

MODELS = ("biobert", "tfidf-logreg", "tiny-llm", "gpt-x", "mistral-x")


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_compare_markdown_pins_the_table(fixture_catalog):
    result = run("compare", *MODELS, "--task", "classification", "--domain", "biomed", "--format", "markdown")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:2] == [("Use BioBERT v1.1, fine-tuned: 82 micro F1 on BENCH/A, 12 points above Tiny LLM 1B, "
                          "zero-shot, for 18× its energy at 10,000 items."), ""]
    lines = lines[2:]
    assert lines[0] == "Footprint of 5 options for classification on 10,000 text items, least total energy first:"
    assert lines[2:9] == [
        "| Option | Class | Energy per 1k items | Setup | Use for 10,000 items | Total | CO2e | Water | Quality "
        "| Method | vs most frugal | Rules |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        "| TF-IDF + logistic regression (tfidf-logreg) | A | 0.020 Wh (0.018–0.022) [1] | 2.5 Wh [1] "
        "| 0.20 Wh (0.18–0.22) | 2.7 Wh | 0.14 g | 5.4 mL | unknown | measured | 1× |  |",
        "| Tiny LLM 1B (tiny-llm) | B | 0.99 Wh (0.31–3.1) [2] | none | 9.9 Wh (3.1–31) | 9.9 Wh (3.1–31) "
        "| 0.49 g | 23 mL | 70 [3] | estimated | 3.7× | excluded: below-quality-floor |",
        "| BioBERT v1.1 (biobert) | C | 3.3 Wh (1.0–10) [2] | 147 Wh (47–466) [2] | 33 Wh (10–104) "
        "| 180 Wh (57–570) | 9.0 g | 360 mL | 82 [4] | estimated | 67× |  |",
        "| Mistral X (mistral-x) | D | 35 Wh (9.2–217) [2] | none | 347 Wh (92–2,167) | 347 Wh (92–2,167) | 17 g "
        "| 748 mL | unknown | estimated | 129× | excluded: sensitive-data-external-platform |",
        "| GPT-X (gpt-x) | E | 243 Wh (30–3,637) [2] | none | 2.4 kWh (0.30–36) | 2.4 kWh (0.30–36) | 973 g "
        "| 8.3 L | 85 [3] | estimated | 901× | excluded: sensitive-data-external-platform |",
    ]
    assert "  [1] frugal bench (test)" in lines
    assert "  [4] Paper A https://example.org/a" in lines
    assert lines[-1] == f"frugal 0.1.0, catalog {fixture_catalog.fingerprint}."


def test_compare_csv_and_json_carry_mid_values_and_ranges(fixture_catalog):
    result = run("compare", *MODELS, "--task", "classification", "--domain", "biomed", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    first = rows[0]
    assert (first["id"], first["energy_class"], first["energy_total_wh"], first["energy_setup_wh"],
            first["energy_use_wh"], first["carbon_g"], first["water_l"], first["ratio_to_most_frugal"]) == \
        ("tfidf-logreg", "A", "2.7", "2.5", "0.2", "0.135", "0.0054", "1.0")
    assert [r["excluded_by"] for r in rows][-2:] == ["sensitive-data-external-platform"] * 2
    data = json.loads(run("compare", *MODELS, "--task", "classification", "--domain", "biomed",
                          "--format", "json").output)
    assert data["catalog_version"] == fixture_catalog.fingerprint
    assert data["rows"][2]["id"] == "biobert"
    assert data["rows"][2]["energy_class"] == "C"
    assert data["rows"][2]["energy_total_wh"] == {"low": 56.99672691, "mid": 180.239476209, "high": 569.967269095}
    assert data["energy_classes_wh_per_1k"]["G"] is None


def test_compare_leaves_out_a_model_that_cannot_do_the_task(fixture_catalog):
    result = run("compare", "biobert", "mistral-x", "--task", "ner", "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert ("Mistral X (mistral-x) cannot do ner on text data (its tasks: classification, summarization; "
            "data: text): left out.") in result.output.splitlines()
    assert "| Mistral X" not in result.output


@pytest.mark.parametrize("args, code, message", [
    (("compare", "biobret"), 2, "Error: unknown model 'biobret'. Did you mean 'biobert'? Accepted: biobert, "
                                "gpt-x, mistral-x, tfidf-logreg, tiny-llm."),
    (("compare", "mistral-x", "--task", "ner"), 2, "Error: none of mistral-x can do task 'ner' on text data."),
    (("compare", "biobert", "--plot", "out.pdf"), 2, "Error: Invalid value for '--plot': 'out.pdf' must end in "
                                                     ".png or .svg."),
    (("report", "--task", "classification", "-o", "r.txt"), 2,
     "Error: Invalid value for '-o' / '--output': 'r.txt' must end in .md or .html."),
    (("report", "--task", "classification", "-o", "r.md", "--lang", "de"), 2,
     "Error: Invalid value for '--lang': 'de' is not one of 'en', 'fr'."),
    (("disclose", "--model", "biobert", "--task", "summarization"), 2,
     "Error: biobert cannot do task 'summarization' (its tasks: classification, ner)."),
    (("disclose", "--model", "biobert", "--task", "ner", "--lang", "es"), 2,
     "Error: Invalid value for '--lang': 'es' is not one of 'en', 'fr'."),
])
def test_bad_input_is_one_error_line(fixture_catalog, tmp_path, monkeypatch, args, code, message):
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == code
    assert result.output.strip() == message
    assert list(tmp_path.iterdir()) == []


def test_unwritable_report_path_fails_and_leaves_nothing(fixture_catalog, tmp_path):
    target = tmp_path / "missing-dir" / "report.html"
    result = run("report", "--task", "classification", "-o", str(target))
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: cannot write '{target}': No such file or directory."


def _without_permission_override():
    """Make a root process obey file permissions, as any user does: drop CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH from its capability bounding set before it runs (CI runs as root)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_a_read_only_folder_gets_no_report_and_no_temp_file(fixture_catalog, tmp_path):
    readonly = tmp_path / "ro"
    readonly.mkdir()
    readonly.chmod(0o555)
    target = readonly / "r.md"
    command = [sys.executable, "-m", "recommender", "report", "--task", "classification", "-o", str(target)]
    result = subprocess.run(command, capture_output=True, text=True,
                            preexec_fn=_without_permission_override if os.geteuid() == 0 else None)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == f"Error: cannot write '{target}': Permission denied.\n"
    assert list(readonly.iterdir()) == []


def test_a_failed_report_keeps_the_previous_file_whole(fixture_catalog, tmp_path, monkeypatch):
    target = tmp_path / "report.md"
    target.write_text("previous report\n")
    written = []
    real_replace = os.replace

    def broken_replace(src, dst):
        written.append((Path(src).name, Path(src).read_text(), Path(dst)))
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(os, "replace", broken_replace)
    result = run("report", "--task", "classification", "--domain", "biomed", "-o", str(target))
    monkeypatch.setattr(os, "replace", real_replace)
    assert result.exit_code == 1
    assert result.output == f"Error: cannot write '{target}': Input/output error.\n"
    [(temp_name, temp_text, destination)] = written  # the whole report was written, then the move failed
    assert temp_name.startswith(".report.md.") and temp_name.endswith(".tmp") and destination == target
    assert temp_text.startswith("# Justification of the choice of an AI system: classification\n")
    assert temp_text.endswith(f"- catalog fingerprint {fixture_catalog.fingerprint} (sha256 of the catalog tables, "
                              "the estimator's fit and its calibration data, and your local models and "
                              "measurements)\n")
    assert target.read_text() == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


SVG_TEXT = re.compile(r'<text [^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]+)</text>')
SVG_FRONTIER = re.compile(r'<path d="([^"]+)"[^>]*clip-path="[^"]+"[^>]*stroke: #d95f02')


def test_compare_plot_writes_png_and_svg(fixture_catalog, tmp_path):
    for name in ("plot.png", "plot.svg"):
        result = run("compare", *MODELS, "--task", "classification", "--domain", "biomed",
                     "--plot", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert result.stderr == f"Plot written to {tmp_path / name}.\n"
    assert (tmp_path / "plot.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    svg = (tmp_path / "plot.svg").read_text()
    texts = [(label, float(x), float(y)) for x, y, label in SVG_TEXT.findall(svg)]
    labels = {label: (x, y) for label, x, y in texts if label in MODELS}
    assert sorted(labels) == sorted(MODELS)
    # x: total energy on a log scale, least first (2.7 Wh tfidf-logreg < 9.9 tiny-llm < 180 biobert < 347
    # mistral-x < 2,432 gpt-x); y grows downwards in SVG: quality 85 gpt-x > 82 biobert > 70 tiny-llm
    assert sorted(labels, key=lambda m: labels[m][0]) == ["tfidf-logreg", "tiny-llm", "biobert", "mistral-x", "gpt-x"]
    assert labels["gpt-x"][1] < labels["biobert"][1] < labels["tiny-llm"][1]
    # quality is linear on y: 12 points from tiny-llm to biobert span 4 times the 3 points from biobert to gpt-x
    y = {m: labels[m][1] for m in labels}
    assert y["tiny-llm"] - y["biobert"] == pytest.approx(4 * (y["biobert"] - y["gpt-x"]))
    # tfidf-logreg and mistral-x have no score on BENCH/A: both on the "?" strip below every scored option
    assert labels["tfidf-logreg"][1] == labels["mistral-x"][1] > labels["tiny-llm"][1]
    # the frontier joins tiny-llm, biobert and gpt-x in that order, through the points each label is set 5 pt from
    [frontier] = SVG_FRONTIER.findall(svg)
    vertices = [tuple(map(float, step.split())) for step in re.split(r"[ML]", frontier) if step.strip()]
    assert vertices == [pytest.approx((labels[m][0] - 5, labels[m][1] + 5)) for m in ("tiny-llm", "biobert", "gpt-x")]
    words = [label for label, _, _ in texts]
    assert words[0] == "Energy for 10,000 items (Wh, facility; log scale)"
    assert words[words.index("?") + 1] == "Quality on BENCH/A (0–100)"
    assert words[words.index("mistral-x") + 1:] == [  # the legend
        "frugal frontier", "allowed", "excluded by a rule", "quality unknown on this benchmark (?)",
        "quality unknown, excluded by a rule"]


def test_report_markdown_has_every_part(fixture_catalog, tmp_path):
    target = tmp_path / "report.md"
    result = run("report", "--task", "classification", "--domain", "biomed", "-o", str(target))
    assert result.exit_code == 0, result.output
    assert result.output == f"Report written to {target}.\n"
    text = target.read_text()
    for heading in ("# Justification of the choice of an AI system: classification", "## The question asked",
                    "## Recommended options: good enough on evidence first, then quality unknown; least energy first "
                    "in each",
                    "## Excluded options and the rule that excludes each", "## Footprint table",
                    "## Energy against quality", "## Methodology", "## Assumptions", "## Sources", "## Versions"):
        assert f"\n{heading}\n" in f"\n{text}"
    assert "- Data sensitivity: sensitive" in text
    # BioBERT (82) is good enough on evidence; TF-IDF's quality on BENCH/A is unknown; Tiny LLM's 70 is
    # 12 points below 82, beyond the default tolerance of 5: listed with the exclusions, with its score
    assert ("| 1 | BioBERT v1.1 (biobert) | C | 180 Wh (57–570) | 9.0 g | 360 mL | 82 [4] | 67× |  |"
            in text)
    assert "| 2 | TF-IDF + logistic regression (tfidf-logreg) | A | 2.7 Wh | 0.14 g | 5.4 mL | unknown | 1× |  |" in text
    assert ("- Tiny LLM 1B (tiny-llm): rule below-quality-floor (Ranking, good enough): 70 on BENCH/A is 12 points "
            "below the best (82); tolerance 5.") in text
    assert ("- Good enough: no floor given: at most 5 points below the best allowed option (the default "
            "tolerance); unknown quality ranked after, marked") in text
    assert ("- GPT-X (gpt-x): rule sensitive-data-external-platform (Guidance §1, sensitive data): sensitive data "
            "must never be sent to an external AI platform (OpenAI), uploaded or typed.") in text
    assert "![Total energy for the volume" in text and "data:image/svg+xml;base64," in text
    assert "4. Paper A <https://example.org/a>" in text
    assert (f"- catalog fingerprint {fixture_catalog.fingerprint} (sha256 of the catalog tables, the estimator's fit "
            "and its calibration data, and your local models and measurements)") in text
    assert ("Ranking, the guidance's sentence (the least resource-hungry system that solves the problem): among "
            "the options that can do the task and pass every exclusion rule, those good enough on evidence — a "
            "comparable score (same benchmark, metric and split as the question's reference) at or above "
            "--min-quality, or within --tolerance points of the best allowed option (5 by default) — come first, "
            "least mid total facility energy for the volume first; then the options whose quality is unknown, "
            "least energy first; ties go to higher known quality, then to the name. Options known to fall short "
            "are listed with their score, not ranked. Options whose energy is unknown come last in their group. "
            "An option is a model used in a mode (fit, fine-tuned, zero-shot, k-shot, instruction-fine-tuned): a "
            "k-shot prompt carries k examples in every item's input, fine-tuning has a setup cost. Frugality "
            "first is a caveat on a generative option when a lighter good-enough option exists. '≈' marks an "
            "option whose range overlaps the one above.") in text.splitlines()


def test_report_in_french(fixture_catalog, tmp_path):
    target = tmp_path / "rapport.html"
    result = run("report", "--task", "classification", "--domain", "biomed", "--lang", "fr", "-o", str(target))
    assert result.exit_code == 0, result.output
    html = target.read_text()
    assert '<html lang="fr">' in html
    assert "<h1>Justification du choix d&#x27;un système d&#x27;IA : classification</h1>" in html
    assert "<li>Sensibilité des données : sensibles</li>" in html
    assert "<td>180 Wh (57–570)</td>" in html and "<td>0,14 g</td>" in html
    assert "exclue : sensitive-data-external-platform" in html


NBSP, NNBSP = "\u00a0", "\u202f"


def test_disclose_english(fixture_catalog):
    result = run("disclose", "--model", "biobert", "--task", "classification", "--volume", "10000")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Use of AI systems\n\n"
        "We used BioBERT v1.1 (version v1.1; 110M parameters; dmis-lab/biobert-v1.1) [1] for classification: "
        "10,000 text items, about 300 input tokens each, after fine-tuning it on 5,000 labelled items (3 epochs). "
        "It ran locally on Workstation CPU at fp32 in batches of 16 items (site: Office; FR electricity grid, "
        "50 g CO2e/kWh). The energy used for this work is estimated at 180 Wh (57–570) at the facility boundary "
        "(PUE 1), of which 147 Wh for the fine-tuning, i.e. about 9.0 g CO2e and 360 mL of water [1, 2]. "
        f"Footprint computed with frugal 0.1.0 (catalog {fixture_catalog.fingerprint}) [3].\n\n"
        "References:\n"
        "[1] test\n"
        "[2] frugal estimator, calibrated test on 0 published measurements (round test factors)\n"
        "[3] frugal 0.1.0: ranking AI options by resource use under the institute's AI guidance\n"
    )


def test_disclose_french(fixture_catalog):
    result = run("disclose", "--model", "biobert", "--task", "classification", "--volume", "10000", "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Utilisation de systèmes d'IA\n\n"
        f"Nous avons utilisé BioBERT v1.1 (version v1.1 ; 110{NBSP}M de paramètres ; dmis-lab/biobert-v1.1) [1] "
        f"pour la classification : 10{NNBSP}000 éléments de type texte, d'environ 300 jetons en entrée chacun, "
        f"après un ajustement fin sur 5{NNBSP}000 éléments annotés (3 passes). Il a été exécuté localement sur "
        "Workstation CPU en fp32, par lots de 16 éléments (site : Office ; réseau électrique FR, 50 g CO2e/kWh). "
        "L'énergie consommée pour ce travail est estimée à 180 Wh (57–570) au périmètre de l'installation "
        "(PUE 1), dont 147 Wh pour l'ajustement fin, soit environ 9,0 g CO2e et 360 mL d'eau [1, 2]. "
        f"Empreinte calculée avec frugal 0.1.0 (catalogue {fixture_catalog.fingerprint}) [3].\n\n"
        "Références :\n"
        "[1] test\n"
        "[2] frugal estimator, calibrated test on 0 published measurements (round test factors)\n"
        "[3] frugal 0.1.0 : classement des options d'IA selon leur consommation de ressources, d'après la "
        "charte IA de l'institut\n"
    )


def test_disclose_hosted_model_with_a_role(fixture_catalog):
    result = run("disclose", "--model", "gpt-x", "--task", "summarization", "--volume", "300",
                 "--role", "drafting plain-language summaries")
    assert result.exit_code == 0, result.output
    paragraph = result.output.splitlines()[2]
    assert paragraph.startswith(
        "We used GPT-X (1T parameters) [1] for drafting plain-language summaries: 300 text items, about 1,000 "
        "input tokens and 150 generated tokens each, without training (zero-shot prompting). It ran on the "
        "OpenAI platform (site: Azure US; US electricity grid, 400 g CO2e/kWh). The energy used for this work is "
        "estimated at 1.3 kWh (0.14–25) at the facility boundary (PUE 1.2), i.e. about 536 g CO2e and 4.6 L of "
        "water [1, 2].")


def test_recommend_start_up_imports_nothing_new():
    code = ("import sys, recommender.cli.recommend; "
            "print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'rich', 'recommender.usecases', "
            "'recommender.render.i18n', 'recommender.render.text_', 'recommender.render.cells', "
            "'recommender.render.comparison', 'recommender.render.report', 'recommender.render.plot'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_compare_in_french_pins_the_table(fixture_catalog):
    result = run("compare", *MODELS, "--task", "classification", "--domain", "biomed", "--format", "markdown",
                 "--lang", "fr")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[:2] == [("Utilisez BioBERT v1.1, affiné : 82 de micro F1 sur BENCH/A, 12 points au-dessus de Tiny "
                          f"LLM 1B, sans exemple, pour 18× son énergie à 10{NNBSP}000 éléments."), ""]
    lines = lines[2:]
    assert lines[0] == (f"Empreinte de 5 options pour classification sur 10{NNBSP}000 éléments de type texte, de "
                        "la plus faible énergie totale à la plus forte :")
    assert lines[2:5] == [
        f"| Option | Classe | Énergie pour 1{NNBSP}000 éléments | Mise en place | Usage pour 10{NNBSP}000 éléments "
        "| Total | CO2e | Eau | Qualité | Méthode | vs plus sobre | Règles |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        "| TF-IDF + logistic regression (tfidf-logreg) | A | 0,020 Wh (0,018–0,022) [1] | 2,5 Wh [1] "
        "| 0,20 Wh (0,18–0,22) | 2,7 Wh | 0,14 g | 5,4 mL | inconnue | mesurée | 1× |  |",
    ]
    assert lines[8] == (f"| GPT-X (gpt-x) | E | 243 Wh (30–3{NNBSP}637) [2] | aucune | 2,4 kWh (0,30–36) | "
                        "2,4 kWh (0,30–36) | 973 g | 8,3 L | 85 [3] | estimée | 901× | exclue : "
                        "sensitive-data-external-platform |")
    assert lines[10:13] == [
        "Données de type texte supposées (--data-kind text|tabular|image pour changer).",
        "Données supposées sensibles, le choix prudent par défaut (--data-sensitivity public|internal sinon).",
        "Qualité : score (0–100) sur BENCH/A.",
    ]
    assert lines[-1] == f"frugal 0.1.0, catalogue {fixture_catalog.fingerprint}."


def test_compare_reads_the_old_data_spelling_with_a_notice(fixture_catalog):
    old = run("compare", "biobert", "tiny-llm", "--task", "ner", "--data", "text")
    new = run("compare", "biobert", "tiny-llm", "--task", "ner", "--data-kind", "text")
    assert old.exit_code == 0 and old.stdout == new.stdout
    assert old.stderr == "Notice: --data is now --data-kind (--data will be removed in 0.3).\n"


def test_disclose_as_markdown(fixture_catalog):
    result = run("disclose", "--model", "tfidf-logreg", "--task", "classification", "--volume", "10000",
                 "--format", "markdown")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "## Use of AI systems\n\n"
        "We used TF-IDF + logistic regression (100k parameters) [1] for classification: 10,000 text items, about "
        "300 input tokens each, after training it on 5,000 labelled items. It ran locally on Workstation CPU at fp32 "
        "in batches of 16 items (site: Office; FR electricity grid, 50 g CO2e/kWh). The energy used for this work is "
        "measured at 2.7 Wh at the facility boundary (PUE 1), of which 2.5 Wh for the training, i.e. about 0.14 g "
        "CO2e and 5.4 mL of water [1, 2]. "  # [1] is both the parameter count's and the FR grid's source, "test"
        f"Footprint computed with frugal 0.1.0 (catalog {fixture_catalog.fingerprint}) [3].\n\n"
        "References:\n\n"
        "1. test\n"
        "2. frugal bench (test)\n"
        "3. frugal 0.1.0: ranking AI options by resource use under the institute's AI guidance\n"
    )
