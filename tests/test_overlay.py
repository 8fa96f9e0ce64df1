"""The user's local catalog overlay: SQLite in the user dir, shared-file friendly, clear errors."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from recommender.catalog import local as overlay
from recommender.catalog import load_catalog
from recommender.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def local_model(fixture_catalog, **changes):
    from dataclasses import replace

    return replace(fixture_catalog.models["biobert"], **({"id": "my-bert", "name": "My BERT", "hf_repo": "me/my-bert"}
                                                         | changes))


def test_saved_models_join_the_load_catalog(fixture_catalog):
    assert not overlay.path().exists()
    assert "my-bert" not in load_catalog().models
    model = local_model(fixture_catalog)
    overlay.save(overlay.Entry(model, "huggingface.co/me/my-bert", "2026-01-15"))
    catalog = load_catalog()
    assert catalog.models["my-bert"] == model
    assert catalog.local == {"my-bert": "huggingface.co/me/my-bert, added 2026-01-15"}
    assert catalog.model("me/my-bert") == model


def test_a_shipped_model_wins_over_a_local_one_with_the_same_id(fixture_catalog):
    overlay.save(overlay.Entry(local_model(fixture_catalog, id="biobert"), "huggingface.co/me/my-bert", "2026-01-15"))
    assert load_catalog().models["biobert"] == fixture_catalog.models["biobert"]
    assert load_catalog().local == {}


def test_a_local_model_naming_an_unknown_task_is_a_clear_error(fixture_catalog):
    overlay.save(overlay.Entry(local_model(fixture_catalog, tasks=("translation",)), "x", "2026-01-15"))
    result = CliRunner().invoke(cli, ["catalog", "list"])
    assert (result.exit_code, result.output) == (1, (
        f"Error: {overlay.path()}, model my-bert: unknown task 'translation' (frugal catalog remove my-bert to drop "
        f"it).\n"))


def test_the_file_is_shared_with_the_measurement_store(fixture_catalog):
    """The measurement store writes the file first, with its own schema row; the local catalog then
    adds its tables and its row beside them, and each still reads its own."""
    from recommender.catalog.store import Run, Store

    run_id = Store().start_run(Run(None, "2026-01-15T10:00:00", "h", "spin", "Test CPU", 2, 1, "cpu-workstation",
                                   "fake", "0", "fake meter", "FRA"))
    assert Store().path == overlay.path()
    overlay.save(overlay.Entry(local_model(fixture_catalog), "x", "2026-01-15"))
    with sqlite3.connect(overlay.path()) as conn:
        assert sorted(conn.execute("SELECT component, version FROM frugal_schema")) == [
            ("measurements", 3), ("overlay", 1)]  # the store is at its schema version 3 (catalog/migrations.py)
    conn.close()
    assert [e.model.id for e in overlay.entries()] == ["my-bert"]
    assert [(r.id, r.suite, r.status) for r in Store().runs()] == [(run_id, "spin", "running")]


def error_of(fixture_catalog) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification"])
    return result.exit_code, result.output


def test_a_corrupt_file_is_a_clear_error(fixture_catalog):
    overlay.path().parent.mkdir(parents=True)
    overlay.path().write_bytes(b"this is not a database at all, just some bytes " * 100)
    assert error_of(fixture_catalog) == (1, (
        f"Error: {overlay.path()} is not a frugal database (file is not a database). Move it away (frugal then "
        f"starts a new one) or set FRUGAL_HOME.\n"))


def test_a_foreign_table_is_not_taken_for_ours(fixture_catalog):
    overlay.path().parent.mkdir(parents=True)
    with sqlite3.connect(overlay.path()) as conn:
        conn.execute("CREATE TABLE overlay_models (name TEXT)")
    assert error_of(fixture_catalog) == (1, (
        f"Error: {overlay.path()} has a table overlay_models that frugal did not write. Move it away (frugal then "
        f"starts a new one) or set FRUGAL_HOME.\n"))


def test_a_newer_schema_is_refused(fixture_catalog):
    overlay.save(overlay.Entry(local_model(fixture_catalog), "x", "2026-01-15"))
    with sqlite3.connect(overlay.path()) as conn:
        conn.execute("UPDATE frugal_schema SET version = 2 WHERE component = 'overlay'")
    assert error_of(fixture_catalog) == (1, (
        f"Error: {overlay.path()} holds a local catalog of schema version 2; this frugal reads version 1. Move it "
        f"away (frugal then starts a new one) or set FRUGAL_HOME.\n"))


def test_recommend_does_not_import_huggingface_hub(fixture_catalog, isolated_user_dir):
    overlay.save(overlay.Entry(local_model(fixture_catalog), "x", "2026-01-15"))
    env = os.environ | {"FRUGAL_HOME": str(isolated_user_dir)}
    code = ("import sys; from recommender.cli import cli; from click.testing import CliRunner; "
            "r = CliRunner().invoke(cli, ['recommend', '--task', 'classification', '--domain', 'biomed', '--all']); "
            "print('My BERT' in r.output, 'huggingface_hub' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "False"]


def test_measurements_and_the_local_catalog_live_in_one_database(fixture_catalog):
    from recommender.measure.meter import FakeMeter
    from recommender.measure.runner import Machine, MeasureSettings, run_suite
    from recommender.catalog.store import Store, store_path
    from recommender.measure.suites import load_suite

    assert store_path() == overlay.path()
    overlay.save(overlay.Entry(local_model(fixture_catalog), "huggingface.co/me/my-bert", "2026-01-15"))
    suite = load_suite(str(Path(__file__).parent / "fixtures" / "suites" / "spin.toml"))
    run_suite(suite, MeasureSettings(hardware="cpu-workstation", threads=1, repeat_s=0), FakeMeter(), Store(),
              Machine(host="h", cpu="Test CPU", cores=2, battery=False))
    # and the other way round: the overlay still reads and writes beside the measurement tables
    overlay.save(overlay.Entry(local_model(fixture_catalog, id="my-other-bert", hf_repo="me/other"), "x", "2026-01-16"))
    assert [e.model.id for e in overlay.entries()] == ["my-bert", "my-other-bert"]
    assert [(m.model_id, m.phase) for m in Store().measurements()] == [("tfidf-logreg", "fit"),
                                                                       ("tfidf-logreg", "inference")]
    catalog = load_catalog()
    assert "my-bert" in catalog.models
    assert any(e.source.startswith("measured here") for e in catalog.energy_of("tfidf-logreg"))
