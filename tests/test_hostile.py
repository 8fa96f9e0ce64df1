"""Hostile and broken input (issue 13): one clear ``Error:`` line for every mistake, exact messages."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.errors import FrugalError, InvalidInput
from recommender.paths import write_atomic
from recommender.units import (
    format_count,
    format_energy_wh,
    format_sig,
    parse_count,
    parse_duration_s,
    parse_positive_float,
)


def run(*args):
    return CliRunner().invoke(cli, list(args))


def _without_permission_override():
    """Make a root process obey file permissions: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH
    from its capability bounding set before it runs (CI runs as root)."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def _as_a_user():
    return _without_permission_override if os.geteuid() == 0 else None


# --- 1. Files written --------------------------------------------------------------------------------

def test_a_symlink_planted_at_the_target_is_replaced_not_written_through(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = tmp_path / "out.csv"
    target.symlink_to(victim)
    write_atomic(target, "a,b\n")
    assert victim.read_text() == "precious\n"
    assert not target.is_symlink() and target.read_text() == "a,b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "victim.txt"]


def test_catalog_export_replaces_a_planted_symlink(tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = tmp_path / "models.csv"
    target.symlink_to(victim)
    result = run("catalog", "export", "-o", str(target))
    assert (result.exit_code, result.output) == (0, f"Wrote 0 models to {target}.\n")
    assert victim.read_text() == "precious\n" and not target.is_symlink()


@pytest.mark.parametrize("umask, mode", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664), (0o077, 0o600)])
def test_the_written_file_honours_the_umask(tmp_path, umask, mode):
    previous = os.umask(umask)
    try:
        write_atomic(tmp_path / "out.md", "text\n")
    finally:
        os.umask(previous)
    assert (tmp_path / "out.md").stat().st_mode & 0o777 == mode


def test_without_unnamed_files_the_named_temporary_file_does_the_same(tmp_path, monkeypatch):
    monkeypatch.delattr(os, "O_TMPFILE", raising=False)  # as on macOS or a file system without it
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    target = tmp_path / "out.csv"
    target.symlink_to(victim)
    previous = os.umask(0o027)
    try:
        write_atomic(target, "a,b\n")
    finally:
        os.umask(previous)
    assert victim.read_text() == "precious\n" and target.read_text() == "a,b\n" and not target.is_symlink()
    assert target.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "victim.txt"]


_KILLED_WRITER = textwrap.dedent("""
    import os, sys, time
    from recommender import paths
    real = getattr(os, sys.argv[2])
    def pause(*args):
        print("ready", flush=True)
        time.sleep(60)
    setattr(os, sys.argv[2], pause)
    paths.write_atomic(sys.argv[1], "new content " * 1000)
""")


def _kill_writer_at(target, step):
    process = subprocess.Popen([sys.executable, "-c", _KILLED_WRITER, str(target), step],
                               stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline() == "ready\n"
    process.send_signal(signal.SIGKILL)
    process.wait()
    return process.returncode


def _has_unnamed_files(folder) -> bool:
    """Whether the file system of ``folder`` makes O_TMPFILE files (Linux ext4, xfs, tmpfs, btrfs...)."""
    try:
        os.close(os.open(folder, getattr(os, "O_TMPFILE", 0) | os.O_WRONLY, 0o600))
    except (OSError, ValueError):
        return False
    return hasattr(os, "O_TMPFILE")


def test_a_writer_killed_between_write_and_rename_leaves_no_temporary_file(tmp_path):
    if not _has_unnamed_files(tmp_path):  # there, the next write removes the named one (test below)
        pytest.skip("no O_TMPFILE on this file system")
    target = tmp_path / "report.md"
    target.write_text("previous report\n")
    assert _kill_writer_at(target, "fsync") == -signal.SIGKILL  # every byte written, not yet named
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    assert target.read_text() == "previous report\n"


def test_a_temporary_file_left_by_a_writer_killed_at_the_rename_goes_at_the_next_write(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("previous report\n")
    assert _kill_writer_at(target, "replace") == -signal.SIGKILL
    [left] = [p.name for p in tmp_path.iterdir() if p.name != "report.md"]
    assert left.startswith(".report.md.") and left.endswith(".tmp")
    assert target.read_text() == "previous report\n"
    (tmp_path / ".other.md.1-0000abcd.tmp").write_text("not ours\n")  # another target's: kept
    write_atomic(target, "new report\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.md.1-0000abcd.tmp", "report.md"]
    assert target.read_text() == "new report\n"


def _bad_targets(tmp_path):
    (tmp_path / "a-file").write_text("x\n")
    (tmp_path / "a-folder").mkdir()
    return {
        "missing folder": (tmp_path / "missing" / "out.csv", "No such file or directory"),
        "under a file": (tmp_path / "a-file" / "out.csv", "Not a directory"),
        "a folder": (tmp_path / "a-folder", "Is a directory"),
    }


@pytest.mark.parametrize("case", ["missing folder", "under a file", "a folder"])
def test_an_impossible_output_is_one_error_line(tmp_path, case):
    target, reason = _bad_targets(tmp_path)[case]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(FrugalError) as exc:
        write_atomic(target, "text\n")
    assert str(exc.value) == f"cannot write '{target}': {reason}."
    result = run("catalog", "export", "-o", str(target))
    expected = (1, f"Error: cannot write '{target}': {reason}.\n") if case != "a folder" else (
        2, f"Error: Invalid value for '--output' / '-o': File '{target}' is a directory.\n")  # click's own check
    assert (result.exit_code, result.output.replace("Usage: cli catalog export [OPTIONS] [MODEL_IDS]...\n"
                                                    "Try 'cli catalog export -h' for help.\n\n", "")) == expected
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("existing", [False, True])
def test_an_unwritable_folder_is_one_error_line_for_any_user(tmp_path, existing):
    folder = tmp_path / "ro"
    folder.mkdir()
    target = folder / "models.csv"
    if existing:
        target.write_text("old\n")
    folder.chmod(0o555)
    env = dict(os.environ, FRUGAL_HOME=str(tmp_path / "home"))
    command = [sys.executable, "-m", "recommender", "catalog", "export", "-o", str(target)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, preexec_fn=_as_a_user())
    folder.chmod(0o755)
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", f"Error: cannot write '{target}': Permission denied.\n")
    assert [p.name for p in folder.iterdir()] == (["models.csv"] if existing else [])


# --- 2. Numbers that are not finite or not sane ------------------------------------------------------


_COUNT_RANGE = "--volume must be a whole number from 1 to 1e15; got '{}'."


@pytest.mark.parametrize("text, message", [
    ("1e300", _COUNT_RANGE.format("1e300")),
    ("inf", _COUNT_RANGE.format("inf")),
    ("-inf", _COUNT_RANGE.format("-inf")),
    ("Infinity", _COUNT_RANGE.format("Infinity")),
    ("nan", _COUNT_RANGE.format("nan")),
    ("1.5", _COUNT_RANGE.format("1.5")),
    ("1.0001k", _COUNT_RANGE.format("1.0001k")),
    ("1e15k", _COUNT_RANGE.format("1e15k")),
    ("1" + "0" * 400, _COUNT_RANGE.format("1" + "0" * 39 + "… (401 characters)")),
    (float("nan"), _COUNT_RANGE.format("nan")),
    (1e300, _COUNT_RANGE.format("1e+300")),
    (2.5, _COUNT_RANGE.format("2.5")),
    ("-5", "--volume must be a positive number such as 1000, 1e6 or 110M; got '-5'."),
    ("5\x1b]0;pwned\x07", "--volume must be a positive number such as 1000, 1e6 or 110M; got '5\\x1b]0;pwned\\x07'."),
    ("0", "--volume must be a positive number; got '0'."),
    ("1e-400", "--volume must be at least 1; got '1e-400'."),
])
def test_a_count_out_of_its_range_is_refused_with_the_range(text, message):
    with pytest.raises(InvalidInput) as exc:
        parse_count(text, "--volume")
    assert str(exc.value) == message


@pytest.mark.parametrize("text, expected", [("1e15", 10**15), ("1.1k", 1100), ("8.03e9", 8_030_000_000),
                                            ("1.5M", 1_500_000), ("1", 1), (7.0, 7)])
def test_counts_are_exact_up_to_the_range_end(text, expected):
    assert parse_count(text, "--volume") == expected


@pytest.mark.parametrize("text, message", [
    ("1e300", "--pue must be a number above 0 and at most 1e6; got '1e300'."),
    ("inf", "--pue must be a number above 0 and at most 1e6; got 'inf'."),
    ("nan", "--pue must be a number above 0 and at most 1e6; got 'nan'."),
    ("1000001", "--pue must be a number above 0 and at most 1e6; got '1000001'."),
    ("-5", "--pue must be a positive number; got '-5'."),
    ("0", "--pue must be a positive number; got '0'."),
])
def test_a_real_number_out_of_its_range_is_refused_with_the_range(text, message):
    with pytest.raises(InvalidInput) as exc:
        parse_positive_float(text, "--pue")
    assert str(exc.value) == message


@pytest.mark.parametrize("text", ["1e300", "inf", "nan", "-5", "0", "721h", "99999999999999999999h", "soon"])
def test_a_duration_out_of_its_range_is_refused_with_the_range(text):
    with pytest.raises(InvalidInput) as exc:
        parse_duration_s(text, "--budget")
    assert str(exc.value) == f"--budget must be a duration above 0 and at most 720h, such as 90s, 10m or 1h; got '{text}'."
    assert parse_duration_s("720h", "--budget") == 2_592_000.0


def test_huge_figures_are_written_with_an_exponent_not_thirty_digits():
    assert format_sig(6.68566e31) == "6.7e31"
    assert format_sig(999_999_999_999) == "999,999,999,999"
    assert format_energy_wh(6.68566e31) == "6.7e25 MWh"
    assert (format_count(1e15), format_count(1.76e12)) == ("1e15", "1.76T")


_DATA = "a,b,y\n" + "".join(f"{i % 7},{(i * 3) % 11},{'pq'[i % 2]}\n" for i in range(60))
_COMMANDS = {
    "recommend": (["recommend", "--task", "classification", "--format", "json"],
                  ["--volume", "--tokens-in", "--tokens-out", "--train-items", "--grid-intensity", "--min-quality",
                   "--tolerance"]),
    "compare": (["compare", "tfidf-logreg", "--task", "classification", "--format", "json"],
                ["--volume", "--tokens-in", "--tokens-out", "--train-items", "--grid-intensity"]),
    "estimate": (["estimate", "--params", "110M", "--arch", "decoder", "--hardware", "a100", "--tokens-in", "128",
                  "--format", "json"],
                 ["--params", "--active-params", "--tokens-in", "--tokens-out", "--gpus", "--batch-size", "--items",
                  "--pue", "--grid-intensity"]),
    "trial": (["trial", "--data", "{data}", "--target", "y", "--format", "json"],
              ["--cv", "--budget", "--tolerance", "--clusters", "--max-rows"]),
    "bench run": (["bench", "run", "--suite", "{suite}", "--dry-run"],
                  ["--threads", "--target", "--budget", "--repeat-seconds", "--min-repeats", "--max-repeats"]),
}
_NEVER_SANE = ("1e300", "inf", "-inf", "nan", "99999999999999999999")
"""Values no numeric option takes: refused in one line, whatever the option."""
_HOSTILE_NUMBERS = ["1e300", "inf", "-inf", "nan", "-5", "1.5", "0", "1e15", "99999999999999999999"]
def _numeric_cases():
    for command, (_, options) in _COMMANDS.items():
        for option in options:
            for value in _HOSTILE_NUMBERS:
                yield pytest.param(command, option, value, id=f"{command}{option}={value}")


def _strict_json(text):
    import json

    def refuse(constant):
        raise AssertionError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("command, option, value", list(_numeric_cases()))
def test_every_numeric_option_gives_one_error_line_or_a_sane_answer(tmp_path, monkeypatch, command, option, value):
    from bench_helpers import SPIN

    monkeypatch.setenv("FRUGAL_METER", "fake")
    data = tmp_path / "d.csv"
    data.write_text(_DATA)
    base, _ = _COMMANDS[command]
    args = [a.format(data=data, suite=SPIN) for a in base] + [option, value]
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    if result.exit_code != 0 or value in _NEVER_SANE:
        lines = result.output.strip().splitlines()
        assert (result.exit_code, len(lines)) == (2, 1) and lines[0].startswith("Error: "), result.output
        return
    if "json" in args:
        _strict_json(result.stdout)
    else:  # bench run --dry-run: the machine, the suite, an estimated time; nothing not finite
        assert not {"nan", "inf", "infinity"} & set(result.output.lower().split()), result.output


@pytest.mark.parametrize("clusters", [1, 1001, 99999999999999999999])
def test_a_trial_refuses_a_cluster_count_out_of_its_range(clusters):
    from recommender.trial import Settings

    with pytest.raises(InvalidInput) as exc:
        Settings(clusters=clusters)
    assert str(exc.value) == f"--clusters must be from 2 to 1000; got {clusters}."


# --- 3. The Hub: answers of any size or shape, ids that are not ids, a stranger's value stored ---------


BIOMEDBERT = "microsoft/BiomedNLP-BiomedBERT-base-uncased-abstract"
BIOMEDBERT_API = f"/api/models/{BIOMEDBERT}"
BIOMEDBERT_CONFIG = f"/{BIOMEDBERT}/resolve/d673b8835373c6fa116d6d8006b33d48734e305d/config.json"
HUB_FIXTURES = Path(__file__).parent / "fixtures" / "hub"


@pytest.fixture
def hub(monkeypatch, tmp_path, fixture_catalog):
    """The loopback Hub (tests/hub_server.py) through HF_ENDPOINT; the client's cache and the
    temporary folder in tmp_path, to see what is left behind."""
    import tempfile

    import hub_server
    import huggingface_hub.constants

    server = hub_server.start()
    monkeypatch.setenv("HF_ENDPOINT", server.url)
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "5")
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "hf-cache").mkdir()
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-token"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    yield server
    hub_server.stop(server)


def _recorded_info(**changes) -> bytes:
    info = json.loads((HUB_FIXTURES / "api" / f"{BIOMEDBERT.replace('/', '--')}.json").read_text())
    return json.dumps(info | changes).encode()


def _nothing_stored_or_left(tmp_path):
    from recommender.catalog import local as overlay

    assert overlay.ids() == []
    assert list((tmp_path / "hf-cache").rglob("*")) == [] and list((tmp_path / "tmp").iterdir()) == []
    assert run("catalog", "list").exit_code == 0


@pytest.mark.parametrize("total, shown", [("Infinity", "inf"), ("NaN", "nan"), ("-5", "-5"), ("1.5", "1.5"),
                                          ("0", "0"), ("1e300", "1e+300"), ("10000000000000001", "10000000000000001"),
                                          ('"110M"', "110M"), ("true", "True")])
def test_a_poisoned_parameter_count_is_refused_before_it_is_stored(hub, tmp_path, total, shown):
    body = _recorded_info().replace(b'"total": 109514298', b'"total": ' + total.encode())
    hub.poison(BIOMEDBERT_API, body)
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    assert (result.exit_code, result.output) == (1, (
        f"Error: the Hub gives '{BIOMEDBERT}' a parameter count of '{shown}': frugal takes a whole number from 1 "
        f"to 1e15; nothing was stored.\n"))
    _nothing_stored_or_left(tmp_path)


def test_an_answer_about_another_model_is_refused(hub, tmp_path):
    hub.poison(BIOMEDBERT_API, _recorded_info(id="evil/other-model"))
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    assert (result.exit_code, result.output) == (1, (
        f"Error: the Hugging Face Hub at {hub.url} answered about 'evil/other-model' when asked to describe "
        f"'{BIOMEDBERT}'; nothing was stored. If the model was renamed, add it by its new id.\n"))
    _nothing_stored_or_left(tmp_path)


def test_a_commit_that_is_not_a_hash_is_refused(hub, tmp_path):
    hub.poison(BIOMEDBERT_API, _recorded_info(sha="../../../etc"))
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    assert (result.exit_code, result.output) == (1, (
        f"Error: the Hugging Face Hub at {hub.url} gave '{BIOMEDBERT}' a commit '../../../etc' that is not a "
        f"commit hash (40 hexadecimal digits); nothing was stored.\n"))
    _nothing_stored_or_left(tmp_path)


_TOO_LARGE = ("Error: the Hugging Face Hub at {url} sent an answer larger than 8 MiB (or compressed) when asked to "
              "{what}; frugal reads at most 8 MiB and stored nothing.\n")


@pytest.mark.parametrize("path", [BIOMEDBERT_API, BIOMEDBERT_CONFIG])
@pytest.mark.parametrize("streamed", [False, True], ids=["with-length", "without-length"])
def test_an_answer_over_the_size_cap_is_refused_and_leaves_nothing(hub, tmp_path, path, streamed):
    padding = b" " * (20 * 2**20)  # 20 MiB of valid JSON whitespace
    body = _recorded_info()[:-1] + padding + b"}" if path == BIOMEDBERT_API else b"{" + padding + b"}"
    hub.poison(path, body, streamed=streamed)
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    assert (result.exit_code, result.output) == (1, _TOO_LARGE.format(url=hub.url, what=f"describe '{BIOMEDBERT}'"))
    _nothing_stored_or_left(tmp_path)


def test_a_search_answer_over_the_size_cap_is_refused(hub):
    hub.poison("/api/models", b"[" + b" " * (9 * 2**20) + b"]", streamed=True)
    result = run("catalog", "search-hub", "--task", "ner")
    assert (result.exit_code, result.output) == (1, _TOO_LARGE.format(url=hub.url, what="search the Hub"))


@pytest.mark.parametrize("path", [BIOMEDBERT_API, BIOMEDBERT_CONFIG])
def test_json_nested_too_deep_is_an_unreadable_answer(hub, tmp_path, path):
    hub.poison(path, b"[" * 200_000 + b"]" * 200_000)
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    assert (result.exit_code, result.output) == (1, (
        f"Error: the Hugging Face Hub at {hub.url} sent an answer frugal cannot read when asked to describe "
        f"'{BIOMEDBERT}' (not the JSON it expects).\n"))
    _nothing_stored_or_left(tmp_path)


_NOT_AN_ID = ("Error: a Hugging Face model id is owner/name (letters, digits, '-', '_' and '.'; at most 96 characters), "
              "e.g. dmis-lab/biobert-v1.1; got '{}'.\n")


@pytest.mark.parametrize("repo_id, shown", [
    ("../..", "../.."), ("é/ü", "é/ü"), ("a" * 150 + "/" + "b" * 149, "a" * 40 + "… (300 characters)"), ("", ""),
    ("owner", "owner"), ("a/b/c", "a/b/c"), ("-a/b", "-a/b"), ("a--b/c", "a--b/c"), ("a/b.", "a/b."),
    ("own er/name", "own er/name"), ("a/\x1b[2Jb", "a/\\x1b[2Jb"),
])
def test_an_id_that_is_not_a_hub_id_is_a_usage_error_before_any_request(hub, repo_id, shown):
    result = run("catalog", "add-from-hub", "--", repo_id)  # "--": "-a/b" is not an option
    assert (result.exit_code, result.output) == (2, _NOT_AN_ID.format(shown))
    assert hub.requests == []


@pytest.mark.parametrize("value, message", [
    ("inf", "above 0 and at most 600; got 'inf'"), ("nan", "above 0 and at most 600; got 'nan'"),
    ("-5", "above 0 and at most 600; got '-5'"), ("0", "above 0 and at most 600; got '0'"),
    ("1e300", "above 0 and at most 600; got '1e300'"), ("ten", "got 'ten'"),
])
def test_a_bad_etag_timeout_is_a_usage_error_before_any_request(hub, monkeypatch, value, message):
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", value)
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    text = "HF_HUB_ETAG_TIMEOUT must be a number of seconds" + ("; " if value == "ten" else " ")
    assert (result.exit_code, result.output) == (2, f"Error: {text}{message}.\n")
    assert hub.requests == []


@pytest.mark.parametrize("value", ["1.5", "0.5"])
def test_a_fractional_etag_timeout_works_in_a_fresh_process(hub, tmp_path, value):
    """huggingface_hub reads HF_HUB_ETAG_TIMEOUT with int() when imported: frugal hides it then."""
    env = dict(os.environ, HF_HUB_ETAG_TIMEOUT=value, HF_HUB_CACHE=str(tmp_path / "hf-cache"),
               HF_TOKEN_PATH=str(tmp_path / "no-token"))
    command = [sys.executable, "-m", "recommender", "catalog", "add-from-hub", BIOMEDBERT, "--task", "ner"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert result.stdout.splitlines()[-1].startswith("Added 'biomednlp-biomedbert-base-uncased-abstract' to your")


def _plant_rows(values):
    """Rows an older frugal stored without checking them, as SQLite holds them."""
    import dataclasses
    import sqlite3

    from recommender.catalog import load_catalog
    from recommender.catalog import local as overlay

    model = load_catalog().models["tfidf-logreg"]
    overlay.save(overlay.Entry(dataclasses.replace(model, id="good", hf_repo="x/good"), "huggingface.co/x/good",
                               "2026-01-01"))
    with sqlite3.connect(overlay.path()) as conn:
        for i, value in enumerate(values):
            conn.execute(f"INSERT INTO {overlay.TABLE} SELECT 'bad{i}', {', '.join(overlay.COLUMNS[1:])} "
                         f"FROM {overlay.TABLE} WHERE id = 'good'")
            conn.execute(f"UPDATE {overlay.TABLE} SET params_total = ?, hf_repo = ? WHERE id = ?",
                         (value, f"x/bad{i}", f"bad{i}"))
    return overlay.path()


@pytest.mark.parametrize("value, expected", [(v, "a positive integer of at most 1e15")
                                             for v in ("Infinity", "inf", "NaN", "-5", "1.5", "1e300")])
def test_a_bad_stored_row_names_the_command_that_removes_it_and_removal_works(fixture_catalog, value, expected):
    from recommender.catalog import local as overlay

    file = _plant_rows([value])
    for command in (["catalog", "list"], ["recommend", "--task", "classification"], ["catalog", "export"]):
        result = run(*command)
        assert (result.exit_code, result.output) == (1, (
            f"Error: {file}, table overlay_models, model bad0, column params_total: expected {expected}; got "
            f"'{value}' (frugal catalog remove bad0 to drop it).\n")), command
    result = run("catalog", "remove", "bad0")
    assert (result.exit_code, result.output) == (0, f"Removed 'bad0' from your local catalog ({file}).\n")
    assert overlay.ids() == ["good"] and run("catalog", "list").exit_code == 0


def test_removal_of_an_unknown_id_still_lists_the_stored_ones_when_a_row_is_bad(fixture_catalog):
    _plant_rows(["nan"])
    result = run("catalog", "remove", "bad")
    assert (result.exit_code, result.output) == (2, (
        "Error: unknown local model 'bad'. Did you mean 'bad0'? Accepted: bad0, good.\n"))


@pytest.mark.parametrize("value", [float("inf"), float("nan"), -5, 1.5])
def test_the_local_catalog_refuses_to_store_a_row_it_could_not_read_back(fixture_catalog, value):
    import dataclasses

    from recommender.catalog import CatalogError, load_catalog
    from recommender.catalog import local as overlay

    model = dataclasses.replace(load_catalog().models["tfidf-logreg"], id="poisoned", params_total=value)
    with pytest.raises(CatalogError) as exc:
        overlay.save(overlay.Entry(model, "huggingface.co/x/poisoned", "2026-01-01"))
    expected = "a positive integer of at most 1e15"
    assert str(exc.value) == (f"local model poisoned, column params_total: expected {expected}; got '{value}' "
                              f"(nothing was stored).")
    assert not overlay.path().exists()


# --- 4. Trial limits ------------------------------------------------------------------------------

def _trial(*args):
    return CliRunner().invoke(cli, ["trial", *map(str, args)])


def _wide_csv(path, columns, rows):
    with open(path, "w") as handle:
        handle.write(",".join(f"c{i}" for i in range(columns)) + ",y\n")
        for r in range(rows):
            handle.write(",".join("1" for _ in range(columns)) + f",{r % 2}\n")
    return path


def test_a_file_of_200000_columns_is_refused_in_one_line_before_any_work(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("FRUGAL_METER", "fake")
    path = _wide_csv(tmp_path / "wide.csv", 200_000, 12)
    started = time.monotonic()
    for args in (["--target", "y"], ["--target", "yy"], ["--text-column", "c1", "--target", "y"], []):
        result = _trial("--data", path, *args)
        assert (result.exit_code, result.output) == (2, (
            "Error: 'wide.csv' has 200,001 columns; frugal trial reads files of at most 10,000 columns: keep the "
            "columns that matter.\n")), args
    assert time.monotonic() - started < 10  # pandas alone takes ~20 s to read this header


def test_a_parquet_file_of_too_many_columns_is_refused_from_its_schema(tmp_path, monkeypatch):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    path = tmp_path / "wide.parquet"
    pq.write_table(pa.table({f"c{i}": [1, 2] for i in range(10_001)}), path)
    result = _trial("--data", path, "--target", "c0")
    assert (result.exit_code, result.output) == (2, (
        "Error: 'wide.parquet' has 10,001 columns; frugal trial reads files of at most 10,000 columns: keep the "
        "columns that matter.\n"))


def test_more_cells_than_the_limit_are_refused_with_the_max_rows_that_fits(tmp_path, monkeypatch):
    from recommender.trial import read

    monkeypatch.setattr(read, "MAX_CELLS", 1_000)  # the rule, not the size: 1,000 cells instead of 20 million
    path = _wide_csv(tmp_path / "cells.csv", 99, 50)  # 100 columns
    result = _trial("--data", path, "--target", "y")
    assert (result.exit_code, result.output) == (2, (
        "Error: the first 50 rows of 'cells.csv' hold 5,000 cells (100 columns); frugal trial reads at most 1,000: "
        "give --max-rows 10 or less, or keep fewer columns.\n"))
    assert _trial("--data", path, "--target", "y", "--max-rows", "10").exit_code == 0


def test_more_bytes_than_the_limit_are_refused(tmp_path, monkeypatch):
    from recommender.trial import read

    monkeypatch.setattr(read, "MAX_READ_BYTES", 2**20)  # 1 MiB instead of 1 GiB: the same rule
    path = tmp_path / "long.csv"
    rows = [f"{'word ' * 400},{i % 2}\n" for i in range(1_000)]  # 2,003 bytes each, two classes
    path.write_text("text,label\n" + "".join(rows))  # ~2 MB
    fitting = (2**20 - len("text,label\n")) // len(rows[0])  # 523 rows end within the first MiB
    monkeypatch.setenv("FRUGAL_METER", "fake")
    result = _trial("--data", path, "--target", "label")
    assert (result.exit_code, result.output) == (2, (
        "Error: the first 100,000 rows of 'long.csv' are over 1 MiB, what frugal trial reads at most: give "
        f"--max-rows {fitting} or less.\n"))
    assert _trial("--data", path, "--target", "label", "--max-rows", fitting).exit_code == 0
    assert _trial("--data", path, "--target", "label", "--max-rows", fitting + 1).exit_code == 2


@pytest.mark.parametrize("rows, max_rows, expected", [(10, 5, (5, None)), (10, 100, (10, None)), (0, 10, (0, None))])
def test_the_row_count_before_reading_is_exact_for_plain_files(tmp_path, rows, max_rows, expected):
    from recommender.trial.read import _extent

    text = "a,b\n" + "".join(f"{i},{i}\n" for i in range(rows))
    path = tmp_path / "rows.csv"
    path.write_text(text)
    counted, size = _extent(path, max_rows)
    assert counted == expected[0]
    kept = text.splitlines(keepends=True)[:max_rows + 1]
    assert size == len("".join(kept))
    path.write_text(text.rstrip("\n"))  # no line end after the last row: still counted
    assert _extent(path, max_rows)[0] == expected[0]


def test_an_unreadable_data_file_is_one_error_line_for_any_user(tmp_path):
    path = tmp_path / "secret.csv"
    path.write_text("text,label\nwords,yes\n")
    path.chmod(0o000)
    env = dict(os.environ, FRUGAL_HOME=str(tmp_path / "home"), FRUGAL_METER="fake")
    command = [sys.executable, "-m", "recommender", "trial", "--data", str(path), "--target", "label"]
    result = subprocess.run(command, capture_output=True, text=True, env=env, preexec_fn=_as_a_user())
    path.chmod(0o644)
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "", f"Error: cannot read data file '{path}': Permission denied.\n")


def test_a_missing_target_lists_the_closest_columns_first(tmp_path):
    names = [f"feature_{i:03d}" for i in range(60)] + ["outcome_label", "outcome_date", "label_v2"]
    path = tmp_path / "many.csv"
    path.write_text(",".join(names) + "\n" + ",".join("1" for _ in names) + "\n")
    result = _trial("--data", path, "--target", "outcome_lable")
    assert result.exit_code == 2
    assert result.output.startswith(
        "Error: no target column 'outcome_lable' in the data. Did you mean 'outcome_label'? Columns, closest first: "
        "outcome_label, outcome_date, label_v2, ")
    assert result.output.endswith(" (30 of 63).\n") and result.output.count("\n") == 1


# --- the local catalog's file: a folder that is a file, a database that is a folder, read-only, locked

def _save_a_model(fixture_catalog):
    import dataclasses

    from recommender.catalog import local as overlay

    model = dataclasses.replace(fixture_catalog.models["tfidf-logreg"], id="mine", hf_repo="x/mine")
    overlay.save(overlay.Entry(model, "huggingface.co/x/mine", "2026-01-01"))


@pytest.mark.parametrize("case", ["home is a file", "database is a folder"])
def test_an_impossible_database_place_is_one_error_line(fixture_catalog, isolated_user_dir, case):
    from recommender.catalog import local as overlay
    from recommender.errors import StoreError

    isolated_user_dir.parent.mkdir(parents=True, exist_ok=True)
    if case == "home is a file":
        isolated_user_dir.write_text("not a folder\n")
        why = f"{isolated_user_dir} is a file, not a folder (FRUGAL_HOME sets the folder)"
    else:
        (isolated_user_dir / "frugal.sqlite3").mkdir(parents=True)
        why = "it is a folder, not a frugal database (FRUGAL_HOME sets another place)"
    with pytest.raises(StoreError) as exc:
        _save_a_model(fixture_catalog)
    assert str(exc.value) == f"cannot open {overlay.path()} for writing: {why}."
    result = run("catalog", "remove", "mine")
    assert (result.exit_code, result.output) == (2, "Error: unknown local model 'mine': your local catalog is empty.\n")


_SAVE = ("import dataclasses\nfrom recommender.catalog import load_catalog, local\n"
         "m = dataclasses.replace(load_catalog().models['tfidf-logreg'], id='other', hf_repo='x/other')\n"
         "local.save(local.Entry(m, 's', '2026-01-01'))\n")


@pytest.mark.parametrize("read_only", ["folder", "file"])
def test_a_read_only_database_is_never_answered_with_move_it_away(fixture_catalog, isolated_user_dir, read_only):
    from recommender.catalog import local as overlay

    _save_a_model(fixture_catalog)
    file = overlay.path()
    (file if read_only == "file" else isolated_user_dir).chmod(0o444 if read_only == "file" else 0o555)
    try:
        results = [subprocess.run([sys.executable, *args], capture_output=True, text=True, preexec_fn=_as_a_user())
                   for args in (["-m", "recommender", "catalog", "remove", "mine"], ["-c", _SAVE],
                                ["-m", "recommender", "catalog", "list"])]
    finally:
        (file if read_only == "file" else isolated_user_dir).chmod(0o644 if read_only == "file" else 0o755)
    why = "the file is read-only (FRUGAL_HOME sets another place)" if read_only == "file" else \
        f"the folder {isolated_user_dir} is not writable (FRUGAL_HOME sets another)"
    removing, saving, listing = results
    assert (removing.returncode, removing.stderr) == (1, f"Error: cannot write {file}: {why}; nothing was changed.\n")
    assert saving.stderr.splitlines()[-1] == (
        f"recommender.errors.StoreError: cannot write {file}: {why}; nothing was changed.")
    assert listing.returncode == 0 and "mine" in listing.stdout  # readers still read it
    assert [e.model.id for e in overlay.entries()] == ["mine"]


def test_a_locked_database_says_another_process_holds_it(fixture_catalog, monkeypatch):
    import sqlite3

    from recommender.catalog import local as overlay

    _save_a_model(fixture_catalog)
    monkeypatch.setattr(overlay, "LOCK_WAIT_S", 0.2)
    holder = sqlite3.connect(overlay.path(), isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        for command in (["catalog", "remove", "mine"], ["catalog", "list"]):
            result = run(*command)
            assert (result.exit_code, result.output) == (1, (
                f"Error: {overlay.path()} is in use by another frugal process (waited 0.2 s); try again when it "
                f"ends.\n")), command
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run("catalog", "remove", "mine").exit_code == 0


def test_a_poisoned_search_answer_lists_unusable_counts_as_unknown(hub):
    answer = json.loads((HUB_FIXTURES / "search" / "text-classification.json").read_text())
    answer[0]["safetensors"]["total"] = float("inf")  # json.dumps writes Infinity, as a hostile Hub may
    answer[1]["downloads"] = "many"
    answer.append(answer[0] | {"id": 7})  # an id that is not a string: left out
    hub.poison("/api/models", json.dumps(answer).encode())
    result = run("catalog", "search-hub", "--task", "classification", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = {r["repo"]: (r["params"], r["architecture"]) for r in _strict_json(result.stdout)}
    assert rows == {"distilbert/distilbert-base-uncased-finetuned-sst-2-english": (None, "encoder"),
                    "google-bert/bert-base-uncased": (110106428, "encoder")}


@pytest.mark.parametrize("endpoint", ["not a url", "ftp://x", "http://[", "http://127.0.0.1:99999",
                                      "javascript:alert(1)", "http://a b", "https://"])
def test_an_endpoint_that_is_not_an_http_address_is_a_usage_error_before_any_request(hub, monkeypatch, endpoint):
    monkeypatch.setenv("HF_ENDPOINT", endpoint)
    for command in (["catalog", "add-from-hub", BIOMEDBERT], ["catalog", "search-hub", "--task", "ner"]):
        result = run(*command)
        assert (result.exit_code, result.output) == (2, (
            f"Error: HF_ENDPOINT must be an http:// or https:// address, e.g. https://huggingface.co; got "
            f"'{endpoint}'.\n")), command
    assert hub.requests == []
