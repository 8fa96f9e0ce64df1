"""Strings frugal did not write, printed (issue 13): markup, escape sequences, raw HTML, ``javascript:``
links and spreadsheet formulas from a catalog copy, the local catalog and the user's own options reach
every renderer (terminal, Markdown, HTML, CSV, JSON, the plot) harmless, and print as what they are.

The hostile strings come in through the real doors: a catalog copy (``FRUGAL_CATALOG``; a catalog
table refuses control characters, so escape sequences come through the local catalog, which takes
what the Hub sends) and the local catalog (``catalog.local.save``), and the CLI's own options."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.catalog import Catalog
from recommender.catalog import local as overlay
from recommender.cli import cli
from recommender.render import blocks as b
from recommender.render import csv_format, html_format, markdown_format, safe, table_format

FIXTURE = Path(__file__).parent / "fixtures" / "catalog"

MARKUP = "[link=file:///etc/passwd]click[/link] [/bold]"
HTML = "<img src=x onerror=alert(1)>"
MD_LINK = "[x](javascript:alert(1))"
SCRIPT_URL = "javascript:alert(1)"
DOI = "doi:10.1000/xyz"
FORMULA = '=HYPERLINK("http://evil","x")'
TITLE = "\x1b]0;pwned\x07"
CLEAR = "\x1b[2J\x1b[H"
HYPERLINK = "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\"
C1 = "\x9b31m"
BIDI = "\u202e"
EVIL_NAME = f"Evil{TITLE}{CLEAR} {HYPERLINK}{C1}{BIDI} name"
"""A local model's name: what is left once every sequence is removed is ``Evil click name``."""
EVIL_NAME_SHOWN = "Evil click name"
RAW = ("\x1b", "\x07", "\x9b", "\u202e")
"""No output may hold any of these."""


def run(*args: str):
    """The CLI with colours left on, so that click strips nothing itself."""
    return CliRunner().invoke(cli, list(args), color=True)


def _edit(path: Path, key: str, column: str, value: str) -> None:
    rows = list(csv.reader(path.open(newline="", encoding="utf-8")))
    at = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == key:
            row[at] = value
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


@pytest.fixture
def hostile(tmp_path, monkeypatch):
    """A catalog copy whose BioBERT is named with markup and HTML and cites a ``javascript:`` source
    (Tiny LLM a ``doi:`` one), plus a local model ``evil`` named with escape sequences whose notes
    and licence are formulas."""
    directory = tmp_path / "catalog"
    shutil.copytree(FIXTURE, directory)
    _edit(directory / "models.csv", "biobert", "name", f"{MARKUP} {HTML} {MD_LINK}")
    _edit(directory / "quality.csv", "biobert", "source", f"{HTML} paper")
    _edit(directory / "quality.csv", "biobert", "source_url", SCRIPT_URL)
    _edit(directory / "quality.csv", "tiny-llm", "source_url", DOI)
    monkeypatch.setenv("FRUGAL_CATALOG", str(directory))
    base = Catalog.load(directory)
    model = dataclasses.replace(base.models["tfidf-logreg"], id="evil", name=EVIL_NAME, hf_repo="", notes=FORMULA,
                                licence="@SUM(A1)", provider="-2+3")
    overlay.save(overlay.Entry(model, f"huggingface.co/evil{CLEAR}", "2026-01-01"))
    return directory


def _clean(text: str) -> None:
    found = [c for c in RAW if c in text]
    assert not found, f"raw control characters {found!r} in output"


# --- the sanitising edge, one function at a time (hand-written expectations) ------------------------

@pytest.mark.parametrize("text, expected", [
    ("plain text", "plain text"),
    (MARKUP, MARKUP),  # frugal's consoles never read markup: it prints as typed
    (TITLE + "after", "after"),
    ("a" + CLEAR + "b", "ab"),
    (HYPERLINK, "click"),
    ("x\x1b]8;;http://a\x07link\x1b]8;;\x07y", "xlinky"),
    ("red \x1b[31mtext\x1b[0m", "red text"),
    ("8-bit " + C1 + "x", "8-bit x"),
    ("8-bit OSC \x9d0;t\x9cend", "8-bit OSC end"),
    ("bell\x07 back\x08space\rreturn\x00nul\x7fdel", "bell backspacereturnnuldel"),
    ("right-to-left " + BIDI + "txt.exe", "right-to-left txt.exe"),
    ("lines\nstay\tand tabs", "lines\nstay\tand tabs"),
    ("line\u2028separator", "line separator"),
    ("é, ü, 10\u202f000, emoji 👩\u200d🔬", "é, ü, 10\u202f000, emoji 👩\u200d🔬"),
    ("lone escape at the end\x1b", "lone escape at the end"),
])
def test_plain_removes_every_escape_sequence_and_control_character(text, expected):
    assert safe.plain(text) == expected


@pytest.mark.parametrize("text, expected", [
    (TITLE, "\\x1b]0;pwned\\x07"),
    ("a\nb\tc", "a\\nb\\tc"),
    ("\x9b" + BIDI, "\\x9b\\u202e"),
    ("é [/bold]", "é [/bold]"),
])
def test_visible_shows_control_characters_as_escapes(text, expected):
    assert safe.visible(text) == expected


@pytest.mark.parametrize("text, expected", [
    (HTML, "&lt;img src=x onerror=alert(1)>"),
    ("<script>alert(1)</script>", "&lt;script>alert(1)&lt;/script>"),
    ("<!-- a comment hiding the rest", "&lt;!-- a comment hiding the rest"),
    ("R&D, A > B", "R&D, A > B"),
    (MD_LINK, "[x\\](javascript:alert(1))"),
    ("![img](http://x/a.png)", "!\\[img\\](http://x/a.png)".replace("!\\[", "![")),
    ("[ref][1] and [label]: javascript:x", "[ref\\][1] and [label\\]: javascript:x"),
    ("82 [3] stays", "82 [3] stays"),
    ("<javascript:alert(1)>", "&lt;javascript:alert(1)>"),
    ("a " + TITLE + "b", "a b"),
])
def test_markdown_escapes_html_and_link_syntax(text, expected):
    assert safe.markdown(text) == expected


@pytest.mark.parametrize("url, href", [
    ("https://example.org/a?x=1&y=2", "https://example.org/a?x=1&y=2"),
    ("http://example.org", "http://example.org"),
    ("HTTPS://EXAMPLE.ORG/A", "HTTPS://EXAMPLE.ORG/A"),
    ("doi:10.1000/xyz", "https://doi.org/10.1000/xyz"),
    ("DOI:10.1000/xyz", "https://doi.org/10.1000/xyz"),
    ("javascript:alert(1)", None),
    ("JavaScript:alert(1)", None),
    (" javascript:alert(1)", None),
    ("java\x00script:alert(1)", None),
    ("data:text/html,<script>alert(1)</script>", None),
    ("file:///etc/passwd", None),
    ("vbscript:msgbox", None),
    ("https://x.org/\x1b]0;t\x07", None),
    ('https://x.org/" onmouseover="alert(1)', None),
    ("https://x.org/a b", None),
    ("https:///no-host", None),
    ("//example.org", None),
    ("doi:not-a-doi", None),
    ("example.org", None),
])
def test_only_http_https_and_doi_addresses_become_links(url, href):
    assert safe.link(url) == href


@pytest.mark.parametrize("value, cell", [
    (FORMULA, "'" + FORMULA),
    ("+1+1", "'+1+1"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("\r=1", "'=1"),  # the carriage return goes with the other controls, the formula is neutralised
    ("=1" + TITLE, "'=1"),
    ("-5", "-5"),
    ("-1.5e-3", "-1.5e-3"),
    ("+3", "+3"),
    ("a = b", "a = b"),
    ("", ""),
    (-2.5, -2.5),
    (-7, -7),
    (None, None),
])
def test_csv_cells_are_never_formulas_and_numbers_stay_numbers(value, cell):
    assert safe.csv_cell(value) == cell


def test_the_csv_writer_neutralises_text_and_keeps_frugals_numbers():
    text = csv_format.write(("name", "delta", "note"), [{"name": "=1+2", "delta": -2.5, "note": "-4"},
                                                        {"name": "@x", "delta": -10, "note": "-4+1"}])
    assert text == "name,delta,note\n'=1+2,-2.5,-4\n'@x,-10,'-4+1"
    assert list(csv.reader(io.StringIO(text)))[1] == ["'=1+2", "-2.5", "-4"]


@pytest.mark.parametrize("value, escaped", [
    ("\x9b31m", "\\u009b31m"), ("\x7f", "\\u007f"), ("a\u202eb", "a\\u202eb"), ("x\u2028y", "x\\u2028y"),
    ("\x1b]0;t\x07", "\\u001b]0;t\\u0007"),
])
def test_json_escapes_what_a_terminal_acts_on_and_keeps_the_data(value, escaped):
    from recommender.render.json_format import write

    text = write({"name": value})
    assert text == '{\n  "name": "' + escaped + '"\n}'
    assert json.loads(text) == {"name": value}


def test_plot_labels_are_one_line_and_never_mathematics():
    assert safe.plot_text("a$\\frac{1}{0}$\nb" + TITLE) == "a\\$\\frac{1}{0}\\$ b"


def test_a_markdown_code_fence_outlasts_any_backticks_in_it():
    blocks = [b.code(["``` not the end", "<b>kept as code</b>"])]
    assert markdown_format.write(blocks) == "````\n``` not the end\n<b>kept as code</b>\n````"


# --- every writer, the same blocks ----------------------------------------------------------------

BLOCKS = [
    b.heading(f"Title {HTML}", 1), b.paragraph(f"Para {MARKUP} {TITLE}x"), b.line(f"Line {MD_LINK}"),
    b.items([f"Item {CLEAR}{HTML}"]), b.table(("h", f"h{TITLE}"), [(f"{MARKUP}", f"{HTML}\nsecond")]),
    b.sources([(f"Src {HTML}", SCRIPT_URL), ("Doi", DOI), ("Web", "https://example.org/a?x=1&y=2")]),
]


def test_the_terminal_writer_prints_markup_as_typed_and_no_escape_sequence():
    text = table_format.write(BLOCKS, width=120)
    _clean(text)
    assert [line.rstrip() for line in text.splitlines()] == [
        f"Title {HTML}", "", f"Para {MARKUP} x", f"Line {MD_LINK}", f"  Item {HTML}",
        "h" + " " * 46 + "h",
        f"{MARKUP}  {HTML}", " " * 47 + "second",
        f"[1] Src {HTML} {SCRIPT_URL}", f"[2] Doi {DOI}", "[3] Web https://example.org/a?x=1&y=2"]


def test_the_markdown_writer_escapes_html_and_links_only_safe_addresses():
    text = markdown_format.write(BLOCKS)
    _clean(text)
    assert text.splitlines() == [
        "# Title &lt;img src=x onerror=alert(1)>", "", f"Para {MARKUP} x", "", "Line [x\\](javascript:alert(1))",
        "", "- Item &lt;img src=x onerror=alert(1)>", "", "| h | h |", "|---|---|",
        f"| {MARKUP.replace('|', '')} | &lt;img src=x onerror=alert(1)><br>second |", "",
        "1. Src &lt;img src=x onerror=alert(1)> javascript:alert(1)", "2. Doi <https://doi.org/10.1000/xyz>",
        "3. Web <https://example.org/a?x=1&y=2>"]


def test_the_html_writer_escapes_text_and_links_only_safe_addresses():
    text = html_format.write(BLOCKS)
    _clean(text)
    assert "<title>Title &lt;img src=x onerror=alert(1)&gt;</title>" in text
    assert "<td>&lt;img src=x onerror=alert(1)&gt;<br>second</td>" in text
    assert "<thead><tr><th>h</th><th>h</th></tr></thead>" in text
    assert ('<ol class="sources"><li>Src &lt;img src=x onerror=alert(1)&gt; javascript:alert(1)</li>'
            '<li>Doi <a href="https://doi.org/10.1000/xyz">doi:10.1000/xyz</a></li>'
            '<li>Web <a href="https://example.org/a?x=1&amp;y=2">https://example.org/a?x=1&amp;y=2</a></li></ol>') in text
    assert "<img" not in text and "javascript:alert(1)\"" not in text and 'href="javascript' not in text


# --- through the commands: a catalog copy and the local catalog ------------------------------------

def test_recommend_in_a_terminal(hostile):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--all")
    assert result.exit_code == 0, result.output
    _clean(result.output)
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Use {MARKUP} {HTML} {MD_LINK}, fine-tuned: 82 micro F1 on BENCH/A")
    assert any(f"  {EVIL_NAME_SHOWN}, fit  " in line for line in lines)
    assert f"  [1] {HTML} paper {SCRIPT_URL}" in lines
    assert "  evil: your local catalog, not reviewed; source huggingface.co/evil, added 2026-01-01" in lines


@pytest.mark.parametrize("fmt", ["table", "markdown"])
def test_compare_names_the_local_model_without_its_sequences(hostile, fmt):
    result = run("compare", "evil", "biobert", "--task", "classification", "--domain", "biomed", "--format", fmt)
    assert result.exit_code == 0, result.output
    _clean(result.output)
    if fmt == "table":
        assert EVIL_NAME_SHOWN in result.output and f"{MARKUP} {HTML} {MD_LINK}" in result.output
    else:
        assert f"| {EVIL_NAME_SHOWN}" in result.output
        assert f"| {MARKUP} &lt;img src=x onerror=alert(1)> [x\\](javascript:alert(1))" in result.output
        assert "<img" not in result.output


def test_recommend_markdown_carries_no_raw_html_and_no_live_script_link(hostile):
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--all", "--format", "markdown")
    assert result.exit_code == 0, result.output
    _clean(result.output)
    assert "<img" not in result.output and "<javascript" not in result.output
    assert not re.search(r"(?<!\\)\]\(javascript", result.output)
    assert "- [1] &lt;img src=x onerror=alert(1)> paper javascript:alert(1)" in result.output.splitlines()


@pytest.mark.parametrize("suffix", ["md", "html"])
def test_the_report_links_only_http_https_and_doi(hostile, tmp_path, suffix):
    out = tmp_path / f"report.{suffix}"
    result = run("report", "--task", "classification", "--domain", "biomed", "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    _clean(text)
    if suffix == "md":  # a code block shows its text as text: only what is outside one counts
        outside = "".join(re.split(r"^````*$", text, flags=re.M)[::2])
        assert "<img" not in outside and "<script" not in outside and "<img" in text
        assert not re.search(r"(?<!\\)\]\(javascript", outside)
        assert re.search(r"^\d\. &lt;img src=x onerror=alert\(1\)> paper javascript:alert\(1\)$", text, re.M)
        assert "<https://doi.org/10.1000/xyz>" in text and "<javascript:" not in text
    else:
        assert "<li>&lt;img src=x onerror=alert(1)&gt; paper javascript:alert(1)</li>" in text
        assert '<a href="https://doi.org/10.1000/xyz">doi:10.1000/xyz</a>' in text
        assert 'href="javascript:' not in text and "<img" not in text and "<script" not in text


def _paragraph(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith("We used"))


def test_disclose_a_local_model_with_a_hostile_version_and_source(hostile):
    base = Catalog.load(hostile)
    model = dataclasses.replace(base.models["biobert"], id="evil-bert", name=f"Evil BERT{TITLE}", hf_repo="x/evil",
                                version="<script>alert(1)</script>", params_source=MARKUP,
                                params_source_url=SCRIPT_URL)
    overlay.save(overlay.Entry(model, "hub", "2026-01-01"))
    args = ("disclose", "--model", "evil-bert", "--task", "classification")
    table, markdown = run(*args), run(*args, "--format", "markdown")
    assert (table.exit_code, markdown.exit_code) == (0, 0), table.output + markdown.output
    _clean(table.output + markdown.output)
    assert _paragraph(table.output).startswith(
        "We used Evil BERT (version <script>alert(1)</script>; 110M parameters; x/evil) [1] for classification")
    assert f"[1] {MARKUP} {SCRIPT_URL}" in table.output.splitlines()
    assert _paragraph(markdown.output).startswith(
        "We used Evil BERT (version &lt;script>alert(1)&lt;/script>; 110M parameters; x/evil) [1]")
    assert f"1. {MARKUP} {SCRIPT_URL}" in markdown.output.splitlines()


def test_catalog_show_and_list_print_the_local_model_harmlessly(hostile):
    show = run("catalog", "show", "evil")
    assert show.exit_code == 0, show.output
    _clean(show.output)
    lines = [line.rstrip() for line in show.output.splitlines()]
    assert lines[0] == f"{EVIL_NAME_SHOWN} (evil)"
    assert f"notes          {FORMULA}" in lines and "licence        @SUM(A1)" in lines
    listed = run("catalog", "list", "--format", "markdown")
    assert f"| evil | {EVIL_NAME_SHOWN} | classic-ml |" in listed.output
    assert "| biobert | [link=file:///etc/passwd]click[/link] [/bold] &lt;img src=x onerror=alert(1)> " \
           "[x\\](javascript:alert(1)) | encoder |" in listed.output


@pytest.mark.parametrize("args", [
    ("recommend", "--task", "classification", "--domain", "biomed", "--format", "csv"),
    ("compare", "evil", "biobert", "--task", "classification", "--format", "csv"),
    ("catalog", "list", "--format", "csv"),
])
def test_csv_outputs_hold_no_formula_and_no_control_character(hostile, args):
    result = run(*args)
    assert result.exit_code == 0, result.output
    _clean(result.output)
    rows = list(csv.DictReader(io.StringIO(result.output)))
    names = {row["id"]: row["name"] for row in rows}
    assert names["evil"] == EVIL_NAME_SHOWN
    assert names["biobert"] == f"{MARKUP} {HTML} {MD_LINK}"
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")) or re.fullmatch(r"-[0-9.e+-]+", value), value


def test_catalog_export_neutralises_the_formulas_a_stranger_stored(hostile):
    result = run("catalog", "export")
    assert result.exit_code == 0, result.output
    (row,) = list(csv.DictReader(io.StringIO(result.output)))
    assert (row["name"], row["notes"], row["licence"], row["provider"]) == (
        EVIL_NAME_SHOWN, "'" + FORMULA, "'@SUM(A1)", "'-2+3")
    assert row["params_total"] == "100000"


def test_json_keeps_every_string_exactly_and_escapes_the_controls(hostile):
    result = run("compare", "evil", "biobert", "--task", "classification", "--domain", "biomed", "--format", "json")
    assert result.exit_code == 0, result.output
    _clean(result.output)
    rows = {row["id"]: row for row in json.loads(result.output)["rows"]}
    assert rows["evil"]["name"] == EVIL_NAME
    assert rows["biobert"]["name"] == f"{MARKUP} {HTML} {MD_LINK}"
    assert rows["biobert"]["quality"]["source_url"] == SCRIPT_URL


def test_the_plot_draws_a_name_that_looks_like_mathematics_as_text(hostile, tmp_path):
    pytest.importorskip("matplotlib")
    base = Catalog.load(hostile)
    name = "Math $\\nosuchcommand{$"  # read as mathematics, matplotlib could not draw it
    model = dataclasses.replace(base.models["biobert"], id="math", name=name + TITLE, hf_repo="x/math")
    overlay.save(overlay.Entry(model, "hub", "2026-01-01"))
    out = tmp_path / "plot.svg"
    result = run("compare", "math", "biobert", "--task", "classification", "--domain", "biomed", "--plot", str(out))
    assert result.exit_code == 0, result.output
    svg = out.read_text(encoding="utf-8")
    _clean(svg)
    assert re.search(">[^<]*" + re.escape(name) + "[^<]*</text>", svg)


# --- the user's own options, echoed -----------------------------------------------------------------

TASKS = "classification, ner, summarization"
"""The fixture catalog's tasks."""


@pytest.mark.parametrize("args, message", [
    (("recommend", "--task", "classification", "--lang", "[/bold]"),
     "Error: Invalid value for '--lang': '[/bold]' is not one of 'en', 'fr'."),
    (("recommend", "--task", "classification", "--lang", TITLE),
     "Error: Invalid value for '--lang': '\\x1b]0;pwned\\x07' is not one of 'en', 'fr'."),
    (("recommend", "--task", TITLE + "x"), f"Error: unknown task '\\x1b]0;pwned\\x07x'. Accepted: {TASKS}."),
    (("recommend", "--task", MARKUP), f"Error: unknown task '{MARKUP}'. Accepted: {TASKS}."),
    (("recommend", "--task", HTML), f"Error: unknown task '{HTML}'. Accepted: {TASKS}."),
    (("recommend", "--task", "a\nb" + BIDI), f"Error: unknown task 'a\\nb\\u202e'. Accepted: {TASKS}."),
    (("recommend", "--task", "classification", "--data-lang", "[/bold]"),
     "Error: Invalid value for '--data-lang': unknown data language '[/bold]'. Accepted: an ISO 639-1 code "
     "(en, fr, de...)."),
    (("compare", CLEAR + "gpt"), None),
])
def test_an_option_echoed_in_an_error_is_shown_as_typed_and_harmless(fixture_catalog, args, message):
    result = run(*args)
    assert result.exit_code == 2
    _clean(result.output)
    if message is None:
        assert result.output.startswith("Error: unknown model '\\x1b[2J\\x1b[Hgpt'.")
    else:
        assert result.output == message + "\n"


@pytest.mark.parametrize("role, table_text, markdown_text", [
    (MARKUP, MARKUP, "[link=file:///etc/passwd]click[/link] [/bold\\]"),  # no "]:" a definition could start
    (HTML, HTML, "&lt;img src=x onerror=alert(1)>"),
    (f"sorting{TITLE} notes", "sorting notes", "sorting notes"),
    (MD_LINK, MD_LINK, "[x\\](javascript:alert(1))"),
])
def test_the_disclosure_role_option_is_printed_as_text(fixture_catalog, role, table_text, markdown_text):
    args = ("disclose", "--model", "biobert", "--task", "classification", "--role", role)
    table, markdown = run(*args), run(*args, "--format", "markdown")
    assert (table.exit_code, markdown.exit_code) == (0, 0), table.output
    _clean(table.output + markdown.output)
    assert f"[1] for {table_text}: 10,000 text items" in table.output
    assert f"[1] for {markdown_text}: 10,000 text items" in markdown.output


# --- the trial: the user's column names -----------------------------------------------------------

def test_trial_prints_hostile_column_names_harmlessly(tmp_path, monkeypatch):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("sklearn")
    monkeypatch.setenv("FRUGAL_METER", "fake")
    path = tmp_path / "cohort.csv"
    odd = f"id{TITLE}<b>"
    pd.DataFrame({odd: [f"P{i:03d}" for i in range(60)], "age": range(20, 80),
                  "site": ["a", "b", "c"] * 20}).to_csv(path, index=False)
    outputs = {}
    for fmt in ("table", "markdown", "json"):
        result = run("trial", "--data", str(path), "--clusters", "2", "--format", fmt)
        assert result.exit_code == 0, result.output
        _clean(result.output)
        outputs[fmt] = result.output
    assert "ignored (identifiers or free text): id<b>." in outputs["table"]
    assert "ignored (identifiers or free text): id&lt;b>." in outputs["markdown"]
    assert json.loads(outputs["json"])["detection"]["ignored_columns"] == [odd]
