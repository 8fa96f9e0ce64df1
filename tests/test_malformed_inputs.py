"""Malformed catalogs and suites (issue 13): wrong types, wrong shapes, binary files, repeated ids —
one ``Error:`` line naming the file, the row (or entry), the field and what is expected; exit 1 for a
catalog (frugal's own data is broken), 2 for a suite file (what the user gave).

The catalog cases run on a copy of the fixture catalog named by ``FRUGAL_CATALOG``, the local catalog's
on its SQLite file, the suites' on files given to ``frugal bench --suite``."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.catalog import Catalog, CatalogError, read_table
from recommender.catalog import local as overlay
from recommender.catalog.schema import Model, Task
from recommender.cli import cli

FIXTURE = Path(__file__).parent / "fixtures" / "catalog"
ROOT = Path(__file__).resolve().parents[1]
MODEL_HEADER = FIXTURE.joinpath("models.csv").read_text(encoding="utf-8").splitlines()[0]
TASK_HEADER = "id,name,data_kinds,default_data,tokens_in,tokens_out,source,source_url,notes"


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


@pytest.fixture
def copy(tmp_path, monkeypatch):
    """A copy of the fixture catalog that ``frugal`` reads (``FRUGAL_CATALOG``)."""
    directory = tmp_path / "catalog"
    shutil.copytree(FIXTURE, directory)
    monkeypatch.setenv("FRUGAL_CATALOG", str(directory))
    return directory


def _text(directory: Path, table: str) -> str:
    return (directory / table).read_text(encoding="utf-8")


def _replace(directory: Path, table: str, old: str, new: str) -> None:
    text = _text(directory, table)
    assert old in text
    (directory / table).write_text(text.replace(old, new, 1), encoding="utf-8")


def _append_row(directory: Path, table: str, row: int) -> None:
    """Append a copy of data row ``row`` (1 = the first under the header)."""
    lines = _text(directory, table).splitlines()
    (directory / table).write_text("\n".join([*lines, lines[row]]) + "\n", encoding="utf-8")


# Each case: (what is done to the copy, table, expected message after "Error: {path}").
CATALOG_CASES = {
    "binary file": (lambda d: (d / "models.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "models.csv",
                    ", row 1: expected UTF-8 text; got byte 0x89 (a binary file, or another encoding such as "
                    "latin-1)."),
    "latin-1 text": (lambda d: (d / "models.csv").write_bytes(
        _text(d, "models.csv").replace("BioBERT v1.1", "Bio\u00e9BERT").encode("latin-1")), "models.csv",
        ", row 3: expected UTF-8 text; got byte 0xe9 (a binary file, or another encoding such as latin-1)."),
    "NUL byte": (lambda d: _replace(d, "models.csv", "BioBERT v1.1", "Bio\x00BERT"), "models.csv",
                 ", row 3, column name: expected text without control characters; got 'Bio\\x00BERT'."),
    "escape sequence": (lambda d: _replace(d, "models.csv", "BioBERT v1.1", "Bio\x1b]0;t\x07"), "models.csv",
                        ", row 3, column name: expected text without control characters; got 'Bio\\x1b]0;t\\x07'."),
    "newline in a quoted cell": (lambda d: _replace(d, "models.csv", "BioBERT v1.1", '"Bio\nBERT"'), "models.csv",
                                 ", row 3, column name: expected text without control characters; got 'Bio\\nBERT'."),
    "cell over the limit": (lambda d: _replace(d, "models.csv", "BioBERT v1.1", "B" * 10_001), "models.csv",
                            ", row 3, column name: expected at most 10,000 characters; got 10,001."),
    "cell over csv's own limit": (lambda d: _replace(d, "models.csv", "BioBERT v1.1", "B" * 200_000), "models.csv",
                                  ", row 3: expected at most 10,000 characters per cell; got a longer cell."),
    "stray quote": (lambda d: _replace(d, "models.csv", "BioBERT v1.1", '"Bio"BERT'), "models.csv",
                    ", row 3: expected CSV (comma-separated cells, a quote inside a quoted cell doubled); got ',' "
                    "expected after '\"'."),
    "quote never closed": (lambda d: (d / "tasks.csv").write_text(_text(d, "tasks.csv") + '"ner,\n', "utf-8"),
                           "tasks.csv", ", row 5: expected CSV (comma-separated cells, a quote inside a quoted cell "
                           "doubled); got unexpected end of data."),
    "empty file": (lambda d: (d / "tasks.csv").write_text("", "utf-8"), "tasks.csv",
                   f": the file is empty; expected the header {TASK_HEADER}."),
    "columns swapped": (lambda d: _replace(d, "tasks.csv", "id,name,", "name,id,"), "tasks.csv",
                        f": header must be {TASK_HEADER}; got name,id,{TASK_HEADER[len('id,name,'):]}."),
    "a cell missing": (lambda d: _replace(d, "tasks.csv", "ner,Named-entity recognition,", "ner,"), "tasks.csv",
                       ", row 3: expected 9 cells, got 8."),
    "text for a count": (lambda d: _replace(d, "models.csv", "110000000", "many"), "models.csv",
                         ", row 3, column params_total: expected a positive integer of at most 1e15; got 'many'."),
    "a word outside the vocabulary": (lambda d: _replace(d, "models.csv", "encoder,encoder", "robot,encoder"),
                                      "models.csv", ", row 3, column family: expected one of classic-ml, light-dnn, "
                                      "encoder, small-lm, llm, hosted; got 'robot'."),
    "text for a score": (lambda d: _replace(d, "quality.csv", "micro F1,82,", "micro F1,high,"), "quality.csv",
                         ", row 2, column score: expected a number of at most 1e15; got 'high'."),
    "repeated model id": (lambda d: _append_row(d, "models.csv", 2), "models.csv",
                          ", row 7, column id: 'biobert' is already on row 3; expected each id once."),
    "repeated task id": (lambda d: _append_row(d, "tasks.csv", 1), "tasks.csv",
                         ", row 5, column id: 'classification' is already on row 2; expected each id once."),
    "repeated hardware id": (lambda d: _append_row(d, "hardware.csv", 1), "hardware.csv",
                             ", row 5, column id: 'cpu-workstation' is already on row 2; expected each id once."),
    "repeated grid zone": (lambda d: _append_row(d, "grid.csv", 1), "grid.csv",
                           ", row 5, column zone: 'FR' is already on row 2; expected each zone once."),
    "repeated datacenter": (lambda d: _append_row(d, "datacenters.csv", 1), "datacenters.csv",
                            ", row 6, column id: 'local-office' is already on row 2; expected each id once."),
    "repeated reference": (lambda d: _append_row(d, "references.csv", 1), "references.csv",
                           ", row 3, columns task, domain, data_lang: 'classification,biomed,en' is already on row 2; "
                           "expected each (task, domain, data_lang) once."),
    "repeated quality row": (lambda d: _append_row(d, "quality.csv", 1), "quality.csv",
                             ", row 6: repeats row 2 cell for cell; expected each row once."),
}


@pytest.mark.parametrize("case", list(CATALOG_CASES))
def test_a_malformed_catalog_table_is_one_line_naming_file_row_and_field(copy, case):
    damage, table, message = CATALOG_CASES[case]
    damage(copy)
    result = run("catalog", "list")
    assert (result.exit_code, result.output) == (1, f"Error: {copy / table}{message}\n")


def test_a_table_that_is_a_folder_or_missing_is_one_line(copy):
    (copy / "models.csv").unlink()
    assert run("catalog", "list").output == f"Error: catalog table {copy / 'models.csv'} is missing.\n"
    (copy / "models.csv").mkdir()
    result = run("catalog", "list")
    assert (result.exit_code, result.output) == (
        1, f"Error: catalog table {copy / 'models.csv'} cannot be read: it is a folder.\n")


def _without_permission_override():
    """Make a root process obey file permissions (CI runs as root): drop CAP_DAC_OVERRIDE and
    CAP_DAC_READ_SEARCH from its capability bounding set."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unreadable_table_is_one_line_for_any_user(copy, isolated_user_dir):
    (copy / "models.csv").chmod(0)
    env = {**os.environ, "FRUGAL_CATALOG": str(copy), "FRUGAL_HOME": str(isolated_user_dir)}
    done = subprocess.run([sys.executable, "-m", "recommender", "catalog", "list"], capture_output=True, text=True,
                          env=env, cwd=ROOT, preexec_fn=_without_permission_override if os.geteuid() == 0 else None,
                          timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (
        1, "", f"Error: catalog table {copy / 'models.csv'} cannot be read: Permission denied.\n")


def test_a_spreadsheets_byte_order_mark_is_read_as_nothing(copy):
    (copy / "tasks.csv").write_bytes(b"\xef\xbb\xbf" + (copy / "tasks.csv").read_bytes())
    assert Catalog.load(copy).tasks.keys() == Catalog.load(FIXTURE).tasks.keys()


def test_read_table_names_the_file_row_and_column(tmp_path):
    """The function that parses one table, on a file of its own (as the shipped catalog is read)."""
    path = tmp_path / "tasks.csv"
    path.write_text(f"{TASK_HEADER}\nner,NER,text,text,300,5,s,,\nner,NER again,text,text,-4,5,s,,\n", "utf-8")
    with pytest.raises(CatalogError) as error:
        read_table(path, Task)
    assert str(error.value) == f"{path}, row 3, column tokens_in: expected a positive integer of at most 1e15; got '-4'."
    path.write_text(f"{TASK_HEADER}\nner,NER,text,text,300,5,s,,\nner,NER again,text,text,300,5,s,,\n", "utf-8")
    with pytest.raises(CatalogError) as error:
        read_table(path, Task)
    assert str(error.value) == f"{path}, row 3, column id: 'ner' is already on row 2; expected each id once."


def test_the_shipped_catalog_passes_every_new_check():
    catalog = Catalog.load(ROOT / "catalog")
    assert len(catalog.models) == len(read_table(ROOT / "catalog" / "models.csv", Model)) > 50


# --- the local catalog (SQLite) -------------------------------------------------------------------

@pytest.fixture
def stored(fixture_catalog):
    """One model in the local catalog, and a connection to change its row behind frugal's back."""
    import dataclasses

    model = dataclasses.replace(fixture_catalog.models["biobert"], id="mine", name="Mine", hf_repo="x/mine")
    overlay.save(overlay.Entry(model, "huggingface.co/x/mine", "2026-01-01"))
    return overlay.path()


def _change(file: Path, sql: str, *params) -> None:
    conn = sqlite3.connect(file)
    conn.execute(sql, params)
    conn.commit()
    conn.close()


def test_a_binary_cell_in_the_local_catalog_is_one_line_and_removal_works(stored):
    _change(stored, "UPDATE overlay_models SET name = ? WHERE id = 'mine'", b"\x89PNG\x00")
    result = run("catalog", "list")
    assert (result.exit_code, result.output) == (1, (
        f"Error: {stored}, table overlay_models, model mine, column name: expected text; got 5 bytes of binary data "
        f"(frugal catalog remove mine to drop it).\n"))
    assert run("catalog", "remove", "mine").output == f"Removed 'mine' from your local catalog ({stored}).\n"
    assert run("catalog", "list").exit_code == 0


def test_a_binary_id_in_the_local_catalog_is_named_without_a_traceback(stored):
    _change(stored, "UPDATE overlay_models SET id = ? WHERE id = 'mine'", b"\xff\xfe")
    listed = run("catalog", "list")
    assert (listed.exit_code, listed.output) == (1, (
        f"Error: {stored}, table overlay_models, model b'\\xff\\xfe', column id: expected text; got 2 bytes of binary "
        f"data (a row frugal did not write: delete it with sqlite3).\n"))
    removed = run("catalog", "remove", "mine")
    assert (removed.exit_code, removed.output) == (2, "Error: unknown local model 'mine'. Accepted: b'\\xff\\xfe'.\n")


def test_a_local_catalog_table_missing_a_column_is_one_line_that_keeps_the_file(stored):
    _change(stored, "ALTER TABLE overlay_models DROP COLUMN notes")
    result = run("catalog", "list")
    assert (result.exit_code, result.output) == (1, (
        f"Error: {stored}: table overlay_models was changed outside frugal (no such column: notes); expected the "
        f"columns of models.csv plus source and added.\n"))
    assert "Move it away" not in result.output and stored.is_file()


# --- suite files ----------------------------------------------------------------------------------

GOOD = ('[workloads.w]\ndata = "spin"\nitems = 4\nitem_ms = 1\n\n[[entries]]\nmodel = "tfidf-logreg"\n'
        'task = "classification"\nworkload = "w"\nphases = ["fit", "inference"]\n')
TOKENS = GOOD.replace('data = "spin"', 'data = "synthetic-tokens"').replace('phases = ["fit", "inference"]', "{config}")
ID_RULE = "must be an id (letters, digits, '.', '_' and '-')"
ITEMS = "items must be a whole number from 1 to 10,000,000"
ITEM_MS = "item_ms must be a number from 0.001 to 10,000"

SUITE_CASES = [
    ("not TOML", "name = \n", ": not valid TOML (Invalid value (at line 1, column 8))."),
    ("a key suites do not have", "entry = 1\n" + GOOD,
     ": unknown key 'entry'. Accepted: name, description, workloads, entries."),
    ("a number for the name", "name = 5\n" + GOOD, ", name: expected a string; got an integer."),
    ("a path for the name", 'name = "../x"\n' + GOOD,
     ", name: a suite name is letters, digits, '.', '_' and '-' (at most 100); got '../x'."),
    ("an escape sequence in the description", 'description = "a\\u001b]0;t\\u0007"\n' + GOOD,
     ", description: expected one line of at most 1000 printable characters; got 'a\\x1b]0;t\\x07'."),
    ("workloads as a string", 'workloads = "x"\n', ", workloads: expected tables such as [workloads.NAME]; got a string."),
    ("a workload as a number", "workloads.w = 5\n", ", workload w: expected a table ([workloads.w]); got an integer."),
    ("a workload name with a space", '[workloads."a b"]\ndata = "spin"\nitems = 1\n',
     ", workload a b: expected a name of letters, digits, '.', '_' and '-' (at most 100)."),
    ("no data", GOOD.replace('data = "spin"\n', ""), ", workload w: 'data' is required."),
    ("unknown data", GOOD.replace('data = "spin"', 'data = "images"'),
     ", workload w: data must be one of generated-text, generated-tagged-text, generated-documents, breast-cancer, "
     "synthetic-tokens, synthetic-images, spin; got 'images'."),
    ("no items", GOOD.replace("items = 4\n", ""), ", workload w: 'items' is required."),
    ("zero items", GOOD.replace("items = 4", "items = 0"), f", workload w: {ITEMS}; got 0."),
    ("negative items", GOOD.replace("items = 4", "items = -3"), f", workload w: {ITEMS}; got -3."),
    ("fractional items", GOOD.replace("items = 4", "items = 1.5"), f", workload w: {ITEMS}; got 1.5."),
    ("items as true", GOOD.replace("items = 4", "items = true"), f", workload w: {ITEMS}; got true."),
    ("items in quotes", GOOD.replace("items = 4", 'items = "4"'),
     f", workload w: {ITEMS}; got the text '4' (a number is written without quotes)."),
    ("too many items", GOOD.replace("items = 4", "items = 100000000"), f", workload w: {ITEMS}; got 100000000."),
    ("huge items", GOOD.replace("items = 4", "items = 1e300"), f", workload w: {ITEMS}; got 1e+300."),
    ("nan milliseconds", GOOD.replace("item_ms = 1", "item_ms = nan"), f", workload w: {ITEM_MS}; got nan."),
    ("infinite milliseconds", GOOD.replace("item_ms = 1", "item_ms = inf"), f", workload w: {ITEM_MS}; got inf."),
    ("a date for milliseconds", GOOD.replace("item_ms = 1", "item_ms = 2024-01-01"),
     f", workload w: {ITEM_MS}; got a date."),
    ("a list for milliseconds", GOOD.replace("item_ms = 1", "item_ms = [1]"), f", workload w: {ITEM_MS}; got a list."),
    ("a key workloads do not have", GOOD.replace("item_ms = 1", "item_ms = 1\nitem_s = 1"),
     ", workload w: unknown key 'item_s'. Accepted: batch_size, data, item_ms, items, tokens_in, tokens_out, "
     "train_items."),
    ("entries as a string", 'entries = "x"\n' + GOOD.split("\n\n")[0] + "\n",
     ", entries: expected [[entries]] tables; got a string."),
    ("an entry as a number", "entries = [1]\n" + GOOD.split("\n\n")[0] + "\n",
     ", entry 1: expected a table ([[entries]]); got an integer."),
    ("no entries", GOOD.split("\n\n")[0] + "\n", ", entries: a suite needs at least one [[entries]] table."),
    ("no model", GOOD.replace('model = "tfidf-logreg"\n', ""), ", entry 1 (?): 'model' is required."),
    ("a number for the model", GOOD.replace('model = "tfidf-logreg"', "model = 5"), f", entry 1 (?): model {ID_RULE}; got 5."),
    ("markup for the model", GOOD.replace('model = "tfidf-logreg"', 'model = "[/bold]"'),
     f", entry 1 ([/bold]): model {ID_RULE}; got '[/bold]'."),
    ("an escape sequence in the task", GOOD.replace('task = "classification"', 'task = "c\\u001b[2J"'),
     f", entry 1 (tfidf-logreg): task {ID_RULE}; got 'c\\x1b[2J'."),
    ("a key entries do not have", GOOD + 'phase = "fit"\n',
     ", entry 1 (tfidf-logreg): unknown key 'phase'. Accepted: config, model, phases, task, workload."),
    ("an unknown workload", GOOD.replace('workload = "w"', 'workload = "v"'),
     ", entry 1 (tfidf-logreg): unknown workload 'v'. Accepted: w."),
    ("phases as a string", GOOD.replace('phases = ["fit", "inference"]', 'phases = "fit"'),
     ', entry 1 (tfidf-logreg): phases must be a list such as ["fit", "inference"]; got \'fit\'.'),
    ("no phase", GOOD.replace('phases = ["fit", "inference"]', "phases = []"),
     ', entry 1 (tfidf-logreg): phases must be a list such as ["fit", "inference"]; got an empty list.'),
    ("a phase twice", GOOD.replace('phases = ["fit", "inference"]', 'phases = ["fit", "fit"]'),
     ", entry 1 (tfidf-logreg): phases must name each phase once; got fit, fit."),
    ("a number for a phase", GOOD.replace('phases = ["fit", "inference"]', "phases = [1]"),
     ", entry 1 (tfidf-logreg): unknown phase 1. Accepted: fit, inference."),
    ("a repeated entry", GOOD + '\n[[entries]]\nmodel = "tfidf-logreg"\ntask = "classification"\nworkload = "w"\n',
     ", entry 2 (tfidf-logreg): repeats entry 1 (same model, task, workload and phase 'inference'); expected each "
     "measurement once."),
    ("a number for the config", TOKENS.format(config="config = 5"),
     ", entry 1 (tfidf-logreg): config must be the path of a config.json (relative to the suite file); got 5."),
    ("a missing config", TOKENS.format(config='config = "nope.json"'),
     ", entry 1 (tfidf-logreg): config file 'nope.json' does not exist (relative to the suite file)."),
    ("a binary config", TOKENS.format(config='config = "binary.json"'),
     ", entry 1 (tfidf-logreg): config file 'binary.json' is not a readable JSON config.json."),
    ("a config that is a list", TOKENS.format(config='config = "list.json"'),
     ", entry 1 (tfidf-logreg): config file 'list.json': expected a JSON object with a 'model_type' string."),
    ("more tokens than the model takes", TOKENS.replace("items = 4", "items = 4\ntokens_in = 600").format(
        config='config = "small.json"'),
     ", entry 1 (tfidf-logreg): workload w has 600 tokens per item; the model of 'small.json' takes at most 512 "
     "(max_position_embeddings)."),
]


@pytest.mark.parametrize("case, text, message", SUITE_CASES, ids=[case for case, _, _ in SUITE_CASES])
def test_a_malformed_suite_is_one_usage_error_naming_file_entry_and_key(tmp_path, case, text, message):
    (tmp_path / "binary.json").write_bytes(b"\x89PNG\x00")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    (tmp_path / "small.json").write_text(json.dumps({"model_type": "bert", "max_position_embeddings": 512}), "utf-8")
    suite = tmp_path / "suite.toml"
    suite.write_text(text, encoding="utf-8")
    result = run("bench", "--suite", str(suite))
    assert (result.exit_code, result.output) == (2, f"Error: {suite}{message}\n")


@pytest.mark.parametrize("case", ["binary", "over 1 MiB", "a folder"])
def test_a_suite_file_that_is_not_text_is_one_usage_error(tmp_path, case):
    suite = tmp_path / "suite.toml"
    if case == "binary":
        suite.write_bytes(b"\x89PNG\r\n\x1a\n\x00")
        expected = f"{suite}, line 1: expected UTF-8 TOML text; got byte 0x89 (a binary file, or another encoding)."
    elif case == "over 1 MiB":
        suite.write_text("# " + "x" * (1 << 20), encoding="utf-8")
        expected = f"{suite}: a suite file is at most 1 MiB of TOML; this one is larger."
    else:
        suite.mkdir()
        expected = f"suite file '{suite}' is a folder; expected a .toml file."
    result = run("bench", "--suite", str(suite))
    assert (result.exit_code, result.output) == (2, f"Error: {expected}\n")


def test_every_shipped_and_fixture_suite_still_loads():
    from recommender.measure.suites import available_suites, load_suite

    names = [*available_suites(), *map(str, sorted((Path(__file__).parent / "fixtures" / "suites").glob("*.toml")))]
    assert all(load_suite(name).entries for name in names)
