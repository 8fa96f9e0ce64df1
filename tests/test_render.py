"""One rendering model: a registry by result type, named cells, one block list per document, one
writer per format."""

from importlib import import_module

import pytest

from recommender.render import blocks as b
from recommender.render import render
from recommender.render.cells import Cell, SourceList, option_cells
from recommender.render.listing import Listing
from recommender.usecases.compare import compare
from recommender.usecases.recommend import Query, recommend

ALL = ("biobert", "tfidf-logreg", "tiny-llm", "gpt-x", "mistral-x")
LISTING = Listing(("id", "wh"), [("a|b", 1.5), ("c", None)], title="Two rows", footer=("A footer.",))


def test_a_listing_in_every_format():
    assert render(LISTING, "json") == ('[\n  {\n    "id": "a|b",\n    "wh": 1.5\n  },\n  {\n    "id": "c",\n'
                                       '    "wh": null\n  }\n]')
    assert render(LISTING, "csv") == "id,wh\na|b,1.5\nc,"
    assert render(LISTING, "markdown") == "Two rows\n\n| id | wh |\n|---|---|\n| a\\|b | 1.5 |\n| c |  |\n\nA footer."
    assert render(LISTING, "table", width=40).splitlines() == ["Two rows", "id   wh ", "a|b  1.5", "c       ",
                                                               "A footer."]


def test_plain_data_renders_as_json_only():
    assert render({"k": [1, "é"]}, "json") == '{\n  "k": [\n    1,\n    "é"\n  ]\n}'
    with pytest.raises(ValueError, match="plain data renders as json, not table"):
        render({"k": 1}, "table")


def test_a_type_without_a_renderer_is_a_bug():
    with pytest.raises(TypeError, match=r"^no renderer for builtins\.int$"):
        render(3, "table")


def test_the_trial_and_estimate_results_are_wired_by_type():
    rendering = import_module("recommender.render")
    trial = type("TrialResult", (), {"__module__": "recommender.trial.result"})()
    estimate = type("EstimateResult", (), {"__module__": "recommender.usecases.estimate"})()
    assert rendering._renderer(trial) is rendering._render_trial
    assert rendering._renderer(estimate) is rendering._render_estimate
    with pytest.raises(TypeError):  # the same name elsewhere is not the estimate's
        rendering._renderer(type("EstimateResult", (), {"__module__": "recommender.elsewhere"})())


def test_an_unknown_output_language_is_refused():
    from recommender.errors import InvalidInput

    with pytest.raises(InvalidInput, match=r"^unknown output language 'de'\. Accepted: en, fr\.$"):
        render(LISTING, "table", "de")


def test_cells_are_addressed_by_name_in_either_language(fixture_catalog):
    c = compare(ALL, Query(task="classification", domain="biomed"), fixture_catalog)
    row = next(r for r in c.rows if r.model.id == "biobert")
    en = option_cells(row.option, "en", energy_class=row.energy_class, ratio=row.ratio, in_comparison=True)
    fr = option_cells(row.option, "fr", energy_class=row.energy_class, ratio=row.ratio, in_comparison=True)
    assert (en.name, en.id, en.energy_class, en.ratio, en.method) == (
        "BioBERT v1.1", "biobert", "C", "67×", "estimated")
    assert (en.per_1k.text, en.per_1k_range.text, en.setup_range.text, en.total) == (
        "3.3 Wh estimated", "3.3 Wh (1.0–10)", "147 Wh (47–466)", "180 Wh (57–570)")
    assert (fr.per_1k.text, fr.co2e, fr.water, fr.method) == ("3,3 Wh estimée", "9,0 g", "360 mL", "estimée")
    assert en.score == Cell("82", ("Paper A", "https://example.org/a"))
    assert en.option() == "BioBERT v1.1, fine-tuned (biobert)"
    assert en.option(stacked=True) == "BioBERT v1.1, fine-tuned\n(biobert)"
    gpt = next(r for r in c.rows if r.model.id == "gpt-x")
    excluded = option_cells(gpt.option, "fr", in_comparison=True)
    assert excluded.rules() == "exclue\u00a0: sensitive-data-external-platform"
    assert excluded.rules(stacked=True) == "exclue\u00a0:\nsensitive-data-external-platform"
    assert (excluded.setup.text, excluded.rank) == ("aucune", "")


def test_sources_are_numbered_in_the_order_a_view_cites_them(fixture_catalog):
    r = recommend(Query(task="classification", domain="biomed", tolerance=20), fixture_catalog)
    tiny = option_cells(r.ranked[0])  # good enough within 20 points, and the least energy of those
    assert tiny.rank == "1" and tiny.quality.text == "70 (−12)"
    sources = SourceList()
    assert [tiny.per_1k.cited(sources), tiny.quality.cited(sources), Cell("x").cited(sources)] == [
        "0.99 Wh estimated [1]", "70 (−12) [2]", "x"]
    assert sources.entries[1] == ("Paper B", "https://example.org/b")


def test_markdown_sets_blocks_apart_by_one_blank_line_and_lines_by_none():
    doc = [b.heading("Title", 1), b.line("one"), b.line("two"), b.heading("Label:"), b.items([]),
           b.table(("a",), [("x\ny",)]), b.code(["$ run"]), b.sources([("Paper", "https://e.org"), ("Tool", "")]),
           b.plot(None, "No plot.")]
    from recommender.render.markdown_format import write

    assert write(doc) == ("# Title\n\none\ntwo\n\nLabel:\n\n| a |\n|---|\n| x<br>y |\n\n```\n$ run\n```\n\n"
                          "1. Paper <https://e.org>\n2. Tool\n\n*No plot.*")


def test_html_escapes_text_and_links_sources_without_fetching_them():
    from recommender.render.html_format import write

    page = write([b.heading("A <b> & 'c'", 1), b.paragraph("x\ny"), b.sources([("S", "https://e.org/?a=1&b=2")])],
                 "fr")
    assert '<html lang="fr">' in page and "<title>A &lt;b&gt; &amp; &#x27;c&#x27;</title>" in page
    assert "<h1>A &lt;b&gt; &amp; &#x27;c&#x27;</h1>\n<p>x<br>y</p>\n" in page
    link = "https://e.org/?a=1&amp;b=2"
    assert f'<ol class="sources"><li>S <a href="{link}">{link}</a></li></ol>' in page
    assert "<script" not in page and "src=" not in page and page.endswith("</html>\n")


def test_a_block_of_an_unknown_kind_is_a_bug():
    with pytest.raises(ValueError, match="unknown block kind 'picture'"):
        b.Block("picture")


@pytest.mark.parametrize("width, left_out", [
    (80, "Energy per 1k items, Setup, CO2e, Water, Notes"),
    (100, "Setup, CO2e, Water, Notes"),
])
def test_a_narrow_terminal_keeps_every_shortlisted_option_identifiable(width, left_out):
    """The README's first command at 80 and 100 columns: each shortlisted option's id stands whole on a
    line, no line of the table is wider than the terminal, and the columns left out are named."""
    from recommender import Query, recommend, render

    result = recommend(Query(task="classification", domain="biomed"))
    lines = render(result, "table", width=width).splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("#  "))
    end = next(i for i, line in enumerate(lines) if line.startswith("(Not shown"))
    table = lines[start:end]
    assert all(len(line) <= width for line in table)
    words = {word for line in table for word in line.split()}
    assert all(option.model.id in words for option in result.shortlist)
    assert lines[end] == (f"(Not shown at {width} columns: {left_out}; --wide, a wider terminal or --format "
                          "markdown shows every column.)")


def test_wide_keeps_every_column():
    from click.testing import CliRunner

    from recommender.cli import cli

    wide = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed", "--wide"])
    header = next(line for line in wide.output.splitlines() if line.startswith("#  "))
    assert header.split() == ["#", "Option", "Quality", "Energy", "per", "1k", "items", "Setup", "Total", "for",
                              "10,000", "items", "CO2e", "Water", "Notes"]
    assert "(Not shown" not in wide.output


def test_prose_wraps_at_word_boundaries_in_a_terminal_and_never_splits_a_number_or_an_id():
    from recommender.render import blocks as b
    from recommender.render.table_format import write

    text = "Use llama-3.2-1b-instruct, zero-shot: 1,234,567 Wh at 10,000 items, see https://example.org/a/long/path."
    out = write([b.paragraph(text), b.items([text])], width=30, wrap=True)
    assert out.splitlines() == [
        "Use llama-3.2-1b-instruct,",
        "zero-shot: 1,234,567 Wh at",
        "10,000 items, see",
        "https://example.org/a/long/path.",
        "  Use llama-3.2-1b-instruct,",
        "    zero-shot: 1,234,567 Wh at",
        "    10,000 items, see",
        "    https://example.org/a/long/path.",
    ]
    # piped (wrap off), each paragraph stays one line for files and other tools
    assert write([b.paragraph(text)], width=30, wrap=False) == text
