"""The HTML report renders in a real headless browser, with its table and plot, and fetches nothing.

Needs Debian's chromium (``apt-get install -y chromium``); skipped with a reason when absent.
"""

import shutil
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner

from recommender.cli import cli

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install -y chromium)")


class Resources(HTMLParser):
    """Every attribute that makes a browser fetch something (src, href of non-links, srcset...)."""

    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if value is None:
                continue
            if name in ("src", "srcset", "data", "poster", "background") or \
                    (name in ("href", "xlink:href") and tag != "a"):
                self.fetched.append(value)


def browser(tmp_path, *args):
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args],
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_html_report_renders_offline_with_table_and_plot(fixture_catalog, tmp_path, lang):
    report = tmp_path / "report.html"
    result = CliRunner().invoke(cli, ["report", "--task", "classification", "--domain", "biomed", "--lang", lang,
                                      "-o", str(report)])
    assert result.exit_code == 0, result.output

    dom = browser(tmp_path, "--dump-dom", report.as_uri())
    assert dom.returncode == 0, dom.stderr
    parser = Resources()
    parser.feed(dom.stdout)
    assert {"table", "svg", "figure"} <= parser.tags
    assert 'class="footprint"' in dom.stdout
    assert "BioBERT v1.1 (biobert)" in dom.stdout
    assert ("frugal frontier" if lang == "en" else "frontière de sobriété") in dom.stdout
    external = [v for v in parser.fetched if v.lower().startswith(("http:", "https:", "//"))]
    assert external == []
    assert '<a href="https://example.org/a">' in dom.stdout  # links to sources are plain links

    shot = tmp_path / "shot.png"
    browser(tmp_path, f"--screenshot={shot}", "--window-size=1200,3000", report.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 20_000  # a rendered page, not a blank one
