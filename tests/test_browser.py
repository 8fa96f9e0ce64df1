"""The HTML report renders in a real headless browser, with its title, tables and plot, and the
browser requests nothing for it but the file itself.

Needs Debian's chromium (``apt-get install -y chromium``); skipped with a reason when absent.
"""

import json
import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from recommender.cli import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--host-resolver-rules=MAP * ~NOTFOUND")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")


class Page(HTMLParser):
    """The rendered page's tags, headings and tables (cell texts)."""

    def __init__(self):
        super().__init__()
        self.tags: set[str] = set()
        self.headings: list[tuple[str, str]] = []
        self.tables: list[list[list[str]]] = []
        self.after_title: list[str] = []
        """The paragraphs between the first heading and the second."""
        self._text: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("h1", "h2", "th", "td") or (tag == "p" and len(self.headings) == 1):
            self._text = []

    def handle_endtag(self, tag):
        if tag in ("h1", "h2"):
            self.headings.append((tag, "".join(self._text)))
            self._text = None
        elif tag == "p" and self._text is not None and len(self.headings) == 1:
            self.after_title.append("".join(self._text))
            self._text = None
        elif tag in ("th", "td"):
            self.tables[-1][-1].append("".join(self._text))
            self._text = None

    def handle_data(self, data):
        if self._text is not None:
            self._text.append(data)


def page_requests(tmp_path, url: str) -> tuple[str, list[str]]:
    """The DOM chromium renders for ``url``, and every URL it requested on the page's behalf (from its
    network log: requests in the file page's isolation context; chromium's own housekeeping is not)."""
    log = tmp_path / "net-log.json"
    dom = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", f"--log-net-log={log}",
                          "--dump-dom", url], capture_output=True, text=True, timeout=120)
    assert dom.returncode == 0, dom.stderr
    events = json.loads(log.read_text())
    types = {number: name for name, number in events["constants"]["logEventTypes"].items()}
    requested = [e["params"]["url"] for e in events["events"]
                 if types[e["type"]] == "URL_REQUEST_START_JOB" and "url" in e.get("params", {})
                 and e["params"].get("network_isolation_key", "").startswith("file://")]
    return dom.stdout, requested


def test_the_network_log_sees_what_a_page_requests(tmp_path):
    page = tmp_path / "control.html"
    page.write_text('<!DOCTYPE html><html><body><img src="http://127.0.0.1:9/pixel.png"></body></html>')
    _, requested = page_requests(tmp_path, page.as_uri())
    assert requested == ["http://127.0.0.1:9/pixel.png"]


TITLE = {"en": "Which AI system for classification? Justification of the choice",
         "fr": "Quel système d'IA pour la classification\u00a0? Justification du choix"}
VERDICT = {"en": "Use BioBERT v1.1, fine-tuned: 82 micro F1 on BENCH/A, 12 points above Tiny LLM 1B, zero-shot, for 18× "
                 "its energy at 10,000 items.",
           "fr": "Utilisez BioBERT v1.1, affiné : 82 en micro F1 sur BENCH/A, 12 points au-dessus de Tiny LLM 1B, sans "
                 "exemple, pour 18× son énergie à 10\u202f000 éléments."}
RANKED = {  # BioBERT (82) is good enough on evidence and ranks first; TF-IDF's quality is unknown; a figure and its
    # unit are joined by a no-break space in a table cell
    "en": (["#", "Option", "Quality", "Total for 10,000 items", "CO2e", "Water", "Class", "Rules"],
           ["1", "BioBERT v1.1, fine-tuned (biobert)", "82 [1]", "180\u00a0Wh (57–570)", "9.0\u00a0g", "360\u00a0mL", "C",
            ""]),
    "fr": (["#", "Option", "Qualité", "Total pour 10\u202f000 éléments", "CO2e", "Eau", "Classe", "Règles"],
           ["1", "BioBERT v1.1, affiné (biobert)", "82 [1]", "180\u00a0Wh (57–570)", "9,0\u00a0g", "360\u00a0mL", "C", ""]),
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_html_report_renders_offline_with_table_and_plot(fixture_catalog, tmp_path, lang):
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--task", "classification", "--domain", "biomed", "--lang", lang,
                                      "-o", str(report)])
    assert result.exit_code == 0, result.output

    dom, requested = page_requests(tmp_path, report.as_uri())
    assert requested == []
    page = Page()
    page.feed(dom)
    assert {"table", "svg", "figure"} <= page.tags
    assert page.headings[0] == ("h1", TITLE[lang])
    assert page.after_title == [VERDICT[lang]]  # the verdict is the first heading's paragraph
    assert [text for tag, text in page.headings].count("Sources") == 1
    header, first = RANKED[lang]
    assert page.tables[0][:2] == [header, first]
    footprint = page.tables[1]
    # every option's row, in recommend's order: BioBERT (good enough) first
    assert len(footprint) == 6 and footprint[1][0] == RANKED[lang][1][1]
    assert ("frugal frontier" if lang == "en" else "frontière de sobriété") in dom
    assert '<a href="https://example.org/a">' in dom  # links to sources are plain links, not fetched


def test_the_reports_first_screen_is_kept_for_ci(fixture_catalog, tmp_path):
    """A screenshot of the report's first screen at 1280 × 800, written to $FRUGAL_ARTIFACTS when set (CI keeps it)."""
    import os
    from pathlib import Path

    report = tmp_path / "report.html"
    assert CliRunner().invoke(cli, ["report", "--task", "classification", "--domain", "biomed", "-o",
                                    str(report)]).exit_code == 0
    shot = Path(os.environ.get("FRUGAL_ARTIFACTS") or tmp_path) / "report-first-screen.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    done = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--hide-scrollbars",
                           "--window-size=1280,800", f"--screenshot={shot}", report.as_uri()],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_pdf_report_is_the_html_report_printed(fixture_catalog, tmp_path):
    target = tmp_path / "report.pdf"
    result = CliRunner().invoke(cli, ["report", "--task", "classification", "--domain", "biomed", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output == f"Report written to {target}.\n"
    data = target.read_bytes()
    assert data[:5] == b"%PDF-" and b"/Type /Page" in data
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]  # no temporary file left beside it
