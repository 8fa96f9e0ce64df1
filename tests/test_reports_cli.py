"""frugal compare, report and disclose: pinned numbers and texts on the fixture catalog, errors."""

import csv
import errno
import io
import json
import os
import re
import struct
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
    assert lines[0] == ("Footprint of 5 options for classification on 10,000 text items, in recommend's order (good "
                        "enough on evidence first, then quality unknown, least total energy first in each; then "
                        "excluded):")
    assert lines[2:9] == [
        "| Option | Class | Energy per 1k items | Setup | Use for 10,000 items | Total | CO2e | Water | Quality "
        "| Method | vs most frugal | Rules |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        "| BioBERT v1.1, fine-tuned (biobert) | C | 3.3 Wh (1.0–10) [1] | 147 Wh (47–466) [1] | 33 Wh (10–104) "
        "| 180 Wh (57–570) | 9.0 g | 360 mL | 82 [2] | estimated | 67× |  |",
        "| TF-IDF + logistic regression, fit (tfidf-logreg) | A | 0.020 Wh (0.018–0.022) [3] | 2.5 Wh [3] "
        "| 0.20 Wh (0.18–0.22) | 2.7 Wh | 0.14 g | 5.4 mL | unknown | measured | 1× |  |",
        "| Tiny LLM 1B, zero-shot (tiny-llm) | B | 0.99 Wh (0.31–3.1) [1] | none | 9.9 Wh (3.1–31) | 9.9 Wh (3.1–31) "
        "| 0.49 g | 23 mL | 70 [4] | estimated | 3.7× | excluded: below-quality-floor |",
        "| GPT-X, zero-shot (gpt-x) | E | 163 Wh (22–2,082) [1] | none | 1.6 kWh (0.22–21) | 1.6 kWh (0.22–21) | 653 g "
        "| 5.6 L | 85 [4] | estimated | 605× | excluded: sensitive-data-external-platform |",
        "| Mistral X, zero-shot (mistral-x) | D | 29 Wh (8.3–145) [1] | none | 291 Wh (83–1,454) | 291 Wh (83–1,454) | 15 g "
        "| 626 mL | unknown | estimated | 108× | excluded: sensitive-data-external-platform |",
    ]
    assert "  [3] frugal bench (test)" in lines
    assert "  [2] Paper A https://example.org/a" in lines
    assert lines[-1] == f"frugal 0.1.0, catalog {fixture_catalog.fingerprint}."


def test_compare_csv_and_json_carry_mid_values_and_ranges(fixture_catalog):
    result = run("compare", *MODELS, "--task", "classification", "--domain", "biomed", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    first = rows[1]  # recommend's order: BioBERT (good enough on evidence), then TF-IDF (quality unknown)
    assert rows[0]["id"] == "biobert"
    assert (first["id"], first["energy_class"], first["energy_total_wh"], first["energy_setup_wh"],
            first["energy_use_wh"], first["carbon_g"], first["water_l"], first["ratio_to_most_frugal"]) == \
        ("tfidf-logreg", "A", "2.7", "2.5", "0.2", "0.135", "0.0054", "1.0")
    assert [r["excluded_by"] for r in rows][-2:] == ["sensitive-data-external-platform"] * 2
    data = json.loads(run("compare", *MODELS, "--task", "classification", "--domain", "biomed",
                          "--format", "json").output)
    assert data["catalog_version"] == fixture_catalog.fingerprint
    assert data["rows"][0]["id"] == "biobert"
    assert data["rows"][0]["energy_class"] == "C"
    assert data["rows"][0]["energy_total_wh"] == {"low": 56.99672691, "mid": 180.239476209, "high": 569.967269095}
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
     "Error: Invalid value for '-o' / '--output': 'r.txt' must end in .md, .html or .pdf."),
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
    assert temp_text.startswith("# Which AI system for classification? Justification of the choice\n")
    assert temp_text.endswith(f"- catalog fingerprint {fixture_catalog.fingerprint} (sha256 of the catalog tables, "
                              "the estimator's fit and its calibration data, and your local models and "
                              "measurements)\n")
    assert target.read_text() == "previous report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]


SVG_TEXT = re.compile(r'<text [^>]*x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]+)</text>')
SVG_WORDS = re.compile(r"<text [^>]*>([^<]+)</text>")
"""Every text of a plot, placed by x/y or by a transform."""
SVG_FRONTIER = re.compile(r'<path d="([^"]+)"[^>]*clip-path="[^"]+"[^>]*stroke: #d95f02')


def test_compare_plot_writes_png_and_svg(fixture_catalog, tmp_path):
    for name in ("plot.png", "plot.svg"):
        result = run("compare", *MODELS, "--task", "classification", "--domain", "biomed",
                     "--plot", str(tmp_path / name))
        assert result.exit_code == 0, result.output
        assert result.stderr == f"Plot written to {tmp_path / name}.\n"
    png = (tmp_path / "plot.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1600, 960)  # sized for a slide
    svg = (tmp_path / "plot.svg").read_text()
    texts = [(label, float(x), float(y)) for x, y, label in SVG_TEXT.findall(svg)]
    words = SVG_WORDS.findall(svg)
    assert "Which AI system for classification? Energy for 10,000 items against quality" in words
    # numbered least total energy first: 2.7 Wh tfidf-logreg < 9.9 tiny-llm < 180 biobert < 291 mistral-x
    # < 1.6 kWh gpt-x; the key names each number's option and mode
    assert [w for w in words if re.match(r"\d\. ", w)] == [
        "1. TF-IDF + logistic regression, fit", "2. Tiny LLM 1B, zero-shot", "3. BioBERT v1.1, fine-tuned",
        "4. Mistral X, zero-shot", "5. GPT-X, zero-shot"]
    numbers = {label: (x, y) for label, x, y in texts if label in {"1", "2", "3", "4", "5"}}
    assert sorted(numbers) == ["1", "2", "3", "4", "5"]
    # the frontier joins tiny-llm (70), biobert (82) and gpt-x (85): energy grows rightwards, quality upwards
    # (SVG y grows downwards), and quality is linear: 12 points span 4 times 3 points
    [frontier] = SVG_FRONTIER.findall(svg)
    (x2, y2), (x3, y3), (x5, y5) = [tuple(map(float, step.split())) for step in re.split(r"[ML]", frontier)
                                    if step.strip()]
    assert x2 < x3 < x5 and y2 > y3 > y5
    assert y2 - y3 == pytest.approx(4 * (y3 - y5))
    # each number sits near its point, and no two numbers overlap (a digit is 0.62 × 7 pt wide, 7.7 pt high)
    for label, (px, py) in (("2", (x2, y2)), ("3", (x3, y3)), ("5", (x5, y5))):
        x, y = numbers[label]
        assert abs(x - px) <= 50 and abs(y - py) <= 50
    boxes = [(x, y - 7.7, x + 4.34 * len(label), y) for label, (x, y) in numbers.items()]
    assert not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                   for i, a in enumerate(boxes) for b in boxes[i + 1:])
    assert "?" in words  # tfidf-logreg and mistral-x have no score on BENCH/A: the "?" strip
    assert words[words.index("Quality on BENCH/A (0–100)") - 1] == "?"
    assert words[-5:] == ["frugal frontier", "allowed", "excluded by a rule", "quality unknown on this benchmark (?)",
                          "quality unknown, excluded by a rule"]  # the legend, after the key


def test_with_fewer_than_three_scores_the_plot_is_the_energy_ladder(fixture_catalog, tmp_path):
    # only BioBERT has a score on BENCH/A among these two: one option per bar, least energy at the top
    result = run("compare", "biobert", "tfidf-logreg", "--task", "classification", "--domain", "biomed",
                 "--plot", str(tmp_path / "ladder.svg"))
    assert result.exit_code == 0, result.output
    words = SVG_WORDS.findall((tmp_path / "ladder.svg").read_text())
    assert "Energy ladder: fewer than three options have a score on BENCH/A" in words
    assert [w for w in words if re.match(r"\d\. ", w)] == ["1. TF-IDF + logistic regression, fit",
                                                            "2. BioBERT v1.1, fine-tuned"]


def test_labels_are_placed_so_that_none_overlaps():
    from recommender.render.plot import place_labels

    # four points on top of each other and one apart: each number gets its own place
    points = [(100.0, 100.0)] * 4 + [(400.0, 100.0)]
    offsets = place_labels(points, ["1", "2", "3", "4", "5"], dpi=72)
    assert offsets[:4] == [(4, 4), (4, -11), (-11, 4), (-11, -11)] and offsets[4] == (4, 4)


def test_report_markdown_has_every_part(fixture_catalog, tmp_path):
    target = tmp_path / "report.md"
    result = run("report", "--task", "classification", "--domain", "biomed", "-o", str(target))
    assert result.exit_code == 0, result.output
    plot = tmp_path / "report-plot.svg"
    assert result.output == f"Report written to {target} and {plot}.\n"
    text = target.read_text()
    headings = [line for line in text.splitlines() if line.startswith("#")]
    # the body a director reads, then the appendix
    assert headings == [
        "# Which AI system for classification? Justification of the choice", "## The question asked",
        "## Recommended options: good enough on evidence first, then quality unknown; least energy first in each",
        "## Excluded options and the rule that excludes each", "## Energy against quality", "# Appendix",
        "## Footprint table", "## Each excluded option, and why", "## Caveats and reminders", "## Methodology",
        "## Assumptions", "## How each figure was obtained (frugal's calculation steps)", "## Sources", "## Versions"]
    # the verdict is the first paragraph, under the title
    assert text.split("\n\n")[1] == ("Use BioBERT v1.1, fine-tuned: 82 micro F1 on BENCH/A, 12 points above Tiny LLM "
                                      "1B, zero-shot, for 18× its energy at 10,000 items.")
    assert "- Data sensitivity: sensitive (assumed, the safe default: --data-sensitivity to set it)" in text
    assert ("| 1 | BioBERT v1.1, fine-tuned (biobert) | 82 [1] | 180 Wh (57–570) | 9.0 g | 360 mL | C |  |" in text)
    assert "| 2 | TF-IDF + logistic regression, fit (tfidf-logreg) | unknown | 2.7 Wh | 0.14 g | 5.4 mL | A |  |" in text
    assert ("|  | Tiny LLM 1B, zero-shot (tiny-llm) | 70 [2] | 9.9 Wh (3.1–31) | 0.49 g | 23 mL | B | excluded: "
            "below-quality-floor |") in text
    assert "- sensitive-data-external-platform (Guidance §1, sensitive data): GPT-X, Mistral X" in text
    assert ("For 10,000 items, BioBERT v1.1, fine-tuned uses 180 Wh (57–570) at the facility boundary, about 9.0 g "
            "CO2e and 360 mL of water.") in text
    # Markdown renderers strip data: images: the plot is a file beside the report
    assert "](report-plot.svg)" in text and "data:image" not in text
    assert plot.read_text().lstrip().startswith(("<?xml", "<svg"))
    # BioBERT (82) is good enough on evidence; TF-IDF's quality on BENCH/A is unknown; Tiny LLM's 70 is
    # 12 points below 82, beyond the default tolerance of 5: listed with the exclusions, with its score
    assert ("- Tiny LLM 1B, zero-shot (tiny-llm): rule below-quality-floor (Ranking, good enough): 70 on BENCH/A is 12 points "
            "below the best (82); tolerance 5.") in text
    assert ("- Good enough: no floor given: at most 5 points below the best allowed option (the default "
            "tolerance); unknown quality ranked after, marked") in text
    assert ("- GPT-X, zero-shot (gpt-x): rule sensitive-data-external-platform (Guidance §1, sensitive data): sensitive data "
            "must never be sent to an external AI platform (OpenAI), uploaded or typed.") in text
    assert "1. Paper A <https://example.org/a>" in text
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
    assert "<h1>Quel système d&#x27;IA pour la classification\u00a0? Justification du choix</h1>" in html
    assert ("<li>Sensibilité des données\u00a0: sensibles (supposée, le choix prudent par défaut\u00a0: "
            "--data-sensitivity pour la préciser)</li>") in html
    assert "<td>180\u00a0Wh (57–570)</td>" in html and "<td>0,14\u00a0g</td>" in html
    assert "exclue : sensitive-data-external-platform" in html


NBSP, NNBSP = "\u00a0", "\u202f"


def test_disclose_english(fixture_catalog):
    result = run("disclose", "--model", "biobert", "--task", "classification", "--volume", "10000")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "frugal's answer for classification, domain general (not part of the paragraph): No option is known to be good enough: none has a published score on a shared benchmark. TF-IDF + logistic regression, fit uses the least energy; try the options on your data (frugal trial) before choosing.\n\n"
        "Use of AI systems\n\n"
        "We used BioBERT v1.1 (version v1.1; 110M parameters; dmis-lab/biobert-v1.1) [1] for classification: "
        "10,000 text items, about 300 input tokens each (assumed), after fine-tuning it on 5,000 labelled items "
        "(assumed) (3 epochs, assumed). It ran locally on Workstation CPU (assumed) at fp32 (assumed) in batches of "
        "16 items (assumed) (site: Office (assumed); FR electricity grid (assumed), 50 g CO2e/kWh). The energy used for this work is estimated at 180 Wh (57–570) at the facility boundary "
        "(PUE 1), of which 147 Wh for the fine-tuning, i.e. about 9.0 g CO2e and 360 mL of water [1, 2]. "
        f"Footprint computed with frugal 0.1.0 (catalog {fixture_catalog.fingerprint}) [3].\n\n"
        "References:\n"
        "[1] test\n"
        "[2] frugal estimator, calibrated test on 0 published measurements (round test factors)\n"
        "[3] frugal 0.1.0: ranking AI options by resource use under the institute's AI guidance\n\n"
        "Assumed, not given (set it, or correct the paragraph before publishing it):\n"
        "  tokens per item: 300 (--tokens-in, --tokens-out)\n"
        "  labelled items: 5,000 (--train-items)\n"
        "  epochs: 3 (frugal's default; no option sets it)\n"
        "  hardware: Workstation CPU (--hardware)\n"
        "  precision: fp32 (frugal's default for this hardware; no option sets it)\n"
        "  batch size: 16 items (--batch-size)\n"
        "  site: Office (the catalog's local site; no option sets it)\n"
        "  electricity grid: FR (--grid, --grid-intensity)\n"
    )


def test_disclose_french(fixture_catalog):
    result = run("disclose", "--model", "biobert", "--task", "classification", "--volume", "10000", "--lang", "fr")
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Réponse de frugal pour la classification, domaine général (hors paragraphe)\u00a0: Aucune option n'a de qualité suffisante établie : aucune n'a de score publié sur un jeu de référence commun. TF-IDF + régression logistique, entraîné consomme le moins d'énergie ; essayez les options sur vos données (frugal trial) avant de choisir.\n\n"
        "Utilisation de systèmes d'IA\n\n"
        f"Nous avons utilisé BioBERT v1.1 (version v1.1 ; 110{NBSP}millions de paramètres ; dmis-lab/biobert-v1.1) [1] "
        f"pour la classification : 10{NNBSP}000 éléments de type texte, d'environ 300 jetons en entrée chacun "
        f"(valeur supposée), après un ajustement fin sur 5{NNBSP}000 éléments annotés (valeur supposée) (3 époques, "
        "valeur supposée). Il a été exécuté localement sur Workstation CPU (valeur supposée) en fp32 (valeur "
        f"supposée), par lots de 16 éléments (valeur supposée) (site{NBSP}: Office (valeur supposée) ; réseau "
        "électrique FR (valeur supposée), 50 g CO2e/kWh). "
        "L'énergie consommée pour ce travail est estimée à 180 Wh (57–570) au périmètre de l'installation "
        "(PUE 1), dont 147 Wh pour l'ajustement fin, soit environ 9,0 g CO2e et 360 mL d'eau [1, 2]. "
        f"Empreinte calculée avec frugal 0.1.0 (catalogue {fixture_catalog.fingerprint}) [3].\n\n"
        "Références :\n"
        "[1] test\n"
        "[2] frugal estimator, calibrated test on 0 published measurements (round test factors)\n"
        "[3] frugal 0.1.0 : classement des options d'IA selon leur consommation de ressources, d'après la "
        "charte IA de l'institut\n\n"
        f"Valeurs supposées, non données (précisez-les, ou corrigez le paragraphe avant de le publier){NBSP}:\n"
        f"  jetons par élément{NBSP}: 300 (--tokens-in, --tokens-out)\n"
        f"  éléments annotés{NBSP}: 5{NNBSP}000 (--train-items)\n"
        f"  époques{NBSP}: 3 (valeur par défaut de frugal ; aucune option ne la fixe)\n"
        f"  matériel{NBSP}: Workstation CPU (--hardware)\n"
        f"  précision{NBSP}: fp32 (valeur par défaut de frugal pour ce matériel ; aucune option ne la fixe)\n"
        f"  taille de lot{NBSP}: 16 éléments (--batch-size)\n"
        f"  site{NBSP}: Office (le site local du catalogue ; aucune option ne le fixe)\n"
        f"  réseau électrique{NBSP}: FR (--grid, --grid-intensity)\n"
    )


def test_disclose_hosted_model_with_a_role(fixture_catalog):
    result = run("disclose", "--model", "gpt-x", "--task", "summarization", "--volume", "300",
                 "--role", "drafting plain-language summaries")
    assert result.exit_code == 0, result.output
    paragraph = result.output.splitlines()[4]
    assert paragraph.startswith(
        "We used GPT-X (1T parameters, estimated: 500B–2T) [1] for drafting plain-language summaries: 300 text "
        "items, about 1,000 input tokens and 150 generated tokens each (assumed), without training (zero-shot prompting). It ran on the "
        "OpenAI platform (site: Azure US; US electricity grid, 400 g CO2e/kWh). The energy used for this work is "
        "estimated at 711 Wh (78–12,887) at the facility boundary (PUE 1.2), i.e. about 284 g CO2e and 2.4 L of "
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
    assert lines[:2] == [("Utilisez BioBERT v1.1, affiné : 82 en micro F1 sur BENCH/A, 12 points au-dessus de Tiny "
                          f"LLM 1B, sans exemple, pour 18× son énergie à 10{NNBSP}000 éléments."), ""]
    lines = lines[2:]
    assert lines[0] == (f"Empreinte de 5 options pour classification sur 10{NNBSP}000 éléments de type texte, dans "
                        "l'ordre de recommend (d'abord celles dont la qualité suffit d'après les scores publiés, puis "
                        "celles de qualité inconnue, la moins d'énergie totale d'abord dans chaque groupe ; puis les "
                        "exclues) :")
    assert lines[2:6] == [
        f"| Option | Classe | Énergie pour 1{NNBSP}000 éléments | Mise en place | Usage pour 10{NNBSP}000 éléments "
        "| Total | CO2e | Eau | Qualité | Méthode | vs plus sobre | Règles |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
        "| BioBERT v1.1, affiné (biobert) | C | 3,3 Wh (1,0–10) [1] | 147 Wh (47–466) [1] | 33 Wh (10–104) "
        "| 180 Wh (57–570) | 9,0 g | 360 mL | 82 [2] | estimée | 67× |  |",
        "| TF-IDF + régression logistique, entraîné (tfidf-logreg) | A | 0,020 Wh (0,018–0,022) [3] | 2,5 Wh [3] "
        "| 0,20 Wh (0,18–0,22) | 2,7 Wh | 0,14 g | 5,4 mL | inconnue | mesurée | 1× |  |",
    ]
    assert lines[7] == (f"| GPT-X, sans exemple (gpt-x) | E | 163 Wh (22–2{NNBSP}082) [1] | aucune | 1,6 kWh (0,22–21) | "
                        "1,6 kWh (0,22–21) | 653 g | 5,6 L | 85 [4] | estimée | 605× | exclue : "
                        "sensitive-data-external-platform |")
    assert lines[10:13] == [
        "Données de type texte supposées (--data-kind text|tabular|image pour changer).",
        "Données supposées sensibles, le choix prudent par défaut (--data-sensitivity public|internal sinon).",
        "Qualité : score (0–100) sur BENCH/A.",
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
        "frugal's answer for classification, domain general (not part of the paragraph): No option is known to be good "
        "enough: none has a published score on a shared benchmark. TF-IDF + logistic regression, fit uses the least "
        "energy; try the options on your data (frugal trial) before choosing.\n\n"
        "## Use of AI systems\n\n"
        "We used TF-IDF + logistic regression (about 100k parameters, estimated) [1] for classification: 10,000 text "
        "items, about 300 input tokens each (assumed), after training it on 5,000 labelled items (assumed). It ran "
        "locally on Workstation CPU (assumed) at fp32 (assumed) in batches of 16 items (assumed) (site: Office "
        "(assumed); FR electricity grid (assumed), 50 g CO2e/kWh). The energy used for this work is estimated at "
        "2.7 Wh (from a measurement on Workstation CPU) at the facility boundary (PUE 1), of which 2.5 Wh for the "
        "training, i.e. about 0.14 g "
        "CO2e and 5.4 mL of water [1, 2]. "  # [1] is both the parameter count's and the FR grid's source, "test"
        f"Footprint computed with frugal 0.1.0 (catalog {fixture_catalog.fingerprint}) [3].\n\n"
        "References:\n\n"
        "1. test\n"
        "2. frugal bench (test)\n"
        "3. frugal 0.1.0: ranking AI options by resource use under the institute's AI guidance\n\n"
        "Assumed, not given (set it, or correct the paragraph before publishing it):\n\n"
        "- tokens per item: 300 (--tokens-in, --tokens-out)\n"
        "- labelled items: 5,000 (--train-items)\n"
        "- hardware: Workstation CPU (--hardware)\n"
        "- precision: fp32 (frugal's default for this hardware; no option sets it)\n"
        "- batch size: 16 items (--batch-size)\n"
        "- site: Office (the catalog's local site; no option sets it)\n"
        "- electricity grid: FR (--grid, --grid-intensity)\n"
    )


def test_disclose_states_the_published_score_on_the_reference_and_frugals_answer(fixture_catalog):
    # BENCH/A is the fixture's reference for classification in biomed; BioBERT scores 82 there (quality.csv)
    result = run("disclose", "--model", "biobert", "--task", "classification", "--domain", "biomed")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == ("frugal's answer for classification, domain biomed (not part of the paragraph): Use BioBERT "
                        "v1.1, fine-tuned: 82 micro F1 on BENCH/A, within 3 points of GPT-X, zero-shot, for 1/9 of its "
                        "energy at 10,000 items.")
    assert "after fine-tuning it on 5,000 labelled items (assumed) (3 epochs, assumed). Its published score on BENCH/A, fine-tuned, is " \
           "82 micro F1 [2]. It ran locally" in lines[4]
    assert "[2] Paper A https://example.org/a" in lines
    french = run("disclose", "--model", "biobert", "--task", "classification", "--domain", "biomed", "--lang", "fr")
    assert "Son score publié sur BENCH/A, affiné, est de 82 (micro F1) [2]." in french.output


def test_compare_of_one_excluded_scored_model_has_no_gap_to_show(fixture_catalog):
    # sensitive data (the default) excludes GPT-X: no allowed option to measure its 85 against
    result = run("compare", "gpt-x", "--task", "classification", "--domain", "biomed", "--format", "markdown")
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if line.startswith("| GPT-X"))
    assert "| 85 [2] |" in row


def test_disclose_says_nothing_is_assumed_that_was_given(fixture_catalog):
    result = run("disclose", "--model", "biobert", "--task", "classification", "--volume", "2e3", "--tokens-in", "300",
                 "--train-items", "5000", "--hardware", "cpu-workstation", "--batch-size", "16", "--grid", "FR")
    assert result.exit_code == 0, result.output
    paragraph = result.output.splitlines()[4]
    # epochs, precision and site have no option: they stay marked, and only they
    assert paragraph.count("assumed") == 3
    assert "(3 epochs, assumed)" in paragraph and "at fp32 (assumed)" in paragraph and "Office (assumed)" in paragraph
    assert result.output.splitlines()[-3:] == [
        "  epochs: 3 (frugal's default; no option sets it)",
        "  precision: fp32 (frugal's default for this hardware; no option sets it)",
        "  site: Office (the catalog's local site; no option sets it)"]


def test_disclose_cites_no_internal_file_path():
    from recommender.render.disclosure import _citable

    assert _citable([("frugal estimator, calibrated 2026-11-29 on 58 published measurements "
                      "(calibration/energy_calibration.csv)", "")]) == (
        ("frugal estimator, calibrated 2026-11-29 on 58 published measurements", ""),)
    kept = ("Gu et al. 2021 (PubMedBERT/BLURB), ACM HEALTH 3(1), Table 6", "https://arxiv.org/abs/2007.15779")
    assert _citable([kept]) == (kept,)


def test_disclose_model_card_is_the_hubs_co2_block(fixture_catalog):
    from huggingface_hub import ModelCard

    result = run("disclose", "--model", "biobert", "--task", "classification", "--format", "model-card", "--grid", "FR",
                 "--hardware", "cpu-workstation")
    assert result.exit_code == 0, result.output
    # the fine-tuning's 147 Wh (47–466, the disclosure above) × 50 g CO2e/kWh (the fixture's FR grid) = 7.4 g
    card = ModelCard(f"---\n{result.output}---\n")  # the Hub's own parser reads the block
    assert card.data.co2_eq_emissions == {
        "emissions": 7.4,
        "source": f"frugal 0.1.0 (catalog {fixture_catalog.fingerprint}): estimated 147 Wh (47–466) at the facility "
                  "boundary (PUE 1), not measured for this work",
        "training_type": "fine-tuning",
        "geographical_location": "Office (assumed), FR electricity grid",
        "hardware_used": "Workstation CPU, fp32 (assumed), batches of 16 (assumed)",
    }
    assert result.output.splitlines()[1] == "  emissions: 7.4  # g CO2e, mid of 2.3–23 (estimated)"
    assert result.output.splitlines()[-1] == ("# fine-tuning energy: 0.00015 MWh (estimated), on 5,000 labelled items "
                                              "(assumed)")


def test_disclose_model_card_of_an_option_without_training_is_one_error_line(fixture_catalog):
    result = run("disclose", "--model", "gpt-x", "--task", "classification", "--format", "model-card")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: gpt-x is used zero-shot: there is no training or fine-tuning whose emissions a model card reports "
        "(--format table or markdown for the use)."]


@pytest.mark.parametrize("value, text", [(5.7449e-05, "0.000057"), (1.234, "1.2"), (3456, "3500"), (0.1, "0.10"),
                                         (0, "0")])
def test_two_significant_figures_never_use_e_notation(value, text):
    from recommender.render.disclosure import _two_significant

    assert _two_significant(value) == text


def test_a_pdf_report_without_chromium_is_one_error_line(fixture_catalog, tmp_path, monkeypatch):
    import shutil as shutil_module

    monkeypatch.setattr(shutil_module, "which", lambda name: None)
    target = tmp_path / "report.pdf"
    result = run("report", "--task", "classification", "--domain", "biomed", "-o", str(target))
    assert result.exit_code == 1
    assert result.output == ("Error: a PDF report needs Chromium (apt-get install chromium); write .html and print it "
                             "from a browser instead.\n")
    assert not target.exists()


def test_disclose_answers_for_the_datas_language():
    # shipped catalog: French biomedical NER is judged on QUAERO EMEA (Naguib et al. 2024), English on NCBI-disease
    french_data = run("disclose", "--model", "camembert-bio", "--task", "ner", "--domain", "biomed", "--data-lang", "fr")
    assert french_data.exit_code == 0, french_data.output
    assert french_data.output.splitlines()[0].startswith(
        "frugal's answer for named-entity recognition, domain biomed (not part of the paragraph): Use CamemBERT-bio "
        "(base), fine-tuned: 63.6 exact micro F1 on QUAERO EMEA (100 training sentences), 40 points above "
        "BioMistral-7B, ≤10-shot, for 1/")
    assert "Its published score on QUAERO EMEA (100 training sentences), fine-tuned, is 63.6 exact micro F1 [2]." \
        in french_data.output
    english_data = run("disclose", "--model", "camembert-bio", "--task", "ner", "--domain", "biomed")
    assert "on NCBI-disease" in english_data.output.splitlines()[0]
    assert "Its published score" not in english_data.output
