"""Behaviour the restructuring pinned down: the ranking of ranges and of unknown energy, batch equals
single, the fingerprint of every input, a write seen by the next read, and bugs that still raise."""

from __future__ import annotations

from dataclasses import replace

import pytest
from click.testing import CliRunner

from recommender.catalog import Catalog, load_catalog
from recommender.catalog import local as overlay
from recommender.cli import cli
from recommender.usecases.recommend import Query, recommend


def with_records(c: Catalog, models=(), energy=()) -> Catalog:
    """The fixture catalog with extra models and energy figures."""
    return Catalog(tasks=c.tasks.values(), models=(*c.models.values(), *models), quality=c.quality,
                   energy=(*c.energy, *energy), hardware=c.hardware.values(), grid=c.grid.values(),
                   datacenters=c.datacenters.values(), origin=c.origin)


def ids(options):
    return [o.model.id for o in options]


def test_the_first_option_total_is_its_setup_plus_its_use(fixture_catalog):
    """tfidf-logreg in the fixture: 0.02 Wh per 1,000 items (IT, office PUE 1) × 10,000 items = 0.2 Wh,
    plus a fit of 0.5 Wh per 1,000 training items × 5,000 items = 2.5 Wh: 2.7 Wh."""
    first = recommend(Query(task="classification", domain="biomed", mode="fit"), fixture_catalog).ranked[0]
    assert first.model.id == "tfidf-logreg"
    assert first.footprint.total_wh.as_dict() == pytest.approx({"low": 2.68, "mid": 2.7, "high": 2.72}, rel=1e-12)
    assert first.why[0] == "least total energy for the volume: 2.7 Wh (mid)"


def test_overlapping_ranges_are_flagged_and_explained(fixture_catalog):
    """Two classic models whose totals overlap: 2.0–3.0 + 0.18–0.22 Wh and 1.05 × that."""
    c = fixture_catalog
    fit = next(e for e in c.energy if e.model_id == "tfidf-logreg" and e.phase == "fit")
    use = next(e for e in c.energy if e.model_id == "tfidf-logreg" and e.phase == "inference")
    wide_fit = replace(fit, energy_wh_per_1k_low=0.4, energy_wh_per_1k_high=0.6)
    twin = replace(c.models["tfidf-logreg"], id="tfidf-twin", name="TF-IDF twin")
    scaled = [replace(e, model_id="tfidf-twin", energy_wh_per_1k=e.energy_wh_per_1k * 1.05,
                      energy_wh_per_1k_low=e.energy_wh_per_1k_low * 1.05, energy_wh_per_1k_high=e.energy_wh_per_1k_high * 1.05)
              for e in (wide_fit, use)]
    catalog = with_records(c, [twin], scaled)
    catalog = Catalog(tasks=catalog.tasks.values(), models=catalog.models.values(), quality=catalog.quality,
                      energy=[wide_fit if e is fit else e for e in catalog.energy], hardware=catalog.hardware.values(),
                      grid=catalog.grid.values(), datacenters=catalog.datacenters.values(), origin=catalog.origin)
    ranked = recommend(Query(task="classification", domain="biomed", mode="fit"), catalog).ranked
    assert ids(ranked)[:2] == ["tfidf-logreg", "tfidf-twin"]
    first, second = ranked[:2]
    assert first.footprint.total_wh.as_dict() == pytest.approx({"low": 2.18, "mid": 2.7, "high": 3.22}, rel=1e-12)
    assert second.footprint.total_wh.as_dict() == pytest.approx({"low": 2.289, "mid": 2.835, "high": 3.381}, rel=1e-12)
    assert (first.overlaps, second.overlaps) == (False, True)
    assert second.why == ("2.835 Wh (mid) for the volume, 1.05× the option above",
                          "its range overlaps the option above: the order between them is uncertain",
                          "quality unknown on the reference benchmark: ranked after every option good enough on evidence")


def test_unknown_energy_comes_last_within_its_group(fixture_catalog):
    unmeasured = replace(fixture_catalog.models["tfidf-logreg"], id="unmeasured", name="Unmeasured classic")
    result = recommend(Query(task="classification", domain="biomed"), with_records(fixture_catalog, [unmeasured]))
    # BioBERT, good enough on evidence; then the options of unknown quality, the unknown energy last
    # (Tiny LLM's 70 is 12 points below BioBERT's 82: short of quality, not ranked)
    assert ids(result.ranked) == ["biobert", "tfidf-logreg", "unmeasured"]
    option = result.ranked[2]
    assert option.footprint.total_wh is None
    assert option.why[0] == ("energy unknown (no measurement, no published figure, and the estimator does not "
                             "cover this architecture): ranked after every option with a known footprint")


def test_ranked_options_are_made_once_and_compare_like_tuples(fixture_catalog):
    result = recommend(Query(task="classification", domain="biomed", data_sensitivity="public"), fixture_catalog)
    assert result.ranked[0] is result.ranked[0]
    assert result.shortlist[1] is result.ranked[1]
    assert result.ranked[-1].model.id == "mistral-x" and len(result.ranked[1:3]) == 2
    assert result.excluded == () and list(result.ranked) == list(result.ranked[:])
    with pytest.raises(IndexError):
        result.ranked[len(result.ranked)]


def test_the_fingerprint_covers_the_fit_the_local_models_and_the_measurements(fixture_catalog, isolated_user_dir):
    base = load_catalog().fingerprint
    assert load_catalog().fingerprint == base and len(base) == 12
    isolated_user_dir.mkdir(parents=True)
    fit = isolated_user_dir / "estimator_fit.json"
    fit.write_bytes((fixture_catalog.fit_file).read_bytes().replace(b"{", b"{ ", 1))
    refit = load_catalog()
    assert refit.fit_file == fit and refit.fingerprint != base
    fit.unlink()
    assert load_catalog().fingerprint == base
    model = replace(fixture_catalog.models["biobert"], id="my-bert", name="My BERT", hf_repo="me/my-bert")
    overlay.save(overlay.Entry(model, "huggingface.co/me/my-bert", "2026-01-15"))
    with_model = load_catalog()
    assert "my-bert" in with_model.models and with_model.fingerprint not in (base, refit.fingerprint)
    figure = replace(fixture_catalog.energy[0], source="measured here (test)")
    assert fixture_catalog.with_local(figures=[figure]).fingerprint != fixture_catalog.fingerprint


def test_a_write_to_the_local_catalog_is_seen_by_the_next_read(fixture_catalog):
    assert "my-bert" not in load_catalog().models
    model = replace(fixture_catalog.models["biobert"], id="my-bert", name="My BERT", hf_repo="me/my-bert")
    overlay.save(overlay.Entry(model, "huggingface.co/me/my-bert", "2026-01-15"))
    assert load_catalog().local == {"my-bert": "huggingface.co/me/my-bert, added 2026-01-15"}
    assert overlay.remove("my-bert")
    assert "my-bert" not in load_catalog().models


def test_a_loaded_catalog_cannot_be_changed(fixture_catalog):
    with pytest.raises(TypeError):
        fixture_catalog.models["x"] = fixture_catalog.models["biobert"]
    with pytest.raises(AttributeError):
        fixture_catalog.energy.append(fixture_catalog.energy[0])
    with pytest.raises(AttributeError) as refused:
        fixture_catalog.energy = ()
    assert str(refused.value) == "a Catalog cannot be changed (tried to set energy): make a new one"


def test_an_expected_failure_is_one_error_line_and_a_bug_is_a_traceback(monkeypatch, fixture_catalog):
    from recommender.errors import FrugalError
    from recommender.usecases import recommend as use_case

    runner = CliRunner()

    def fails(*args, **kwargs):
        raise FrugalError("the catalog is on holiday.")

    monkeypatch.setattr(use_case, "recommend", fails)
    result = runner.invoke(cli, ["recommend", "--task", "classification"])
    assert (result.exit_code, result.output) == (1, "Error: the catalog is on holiday.\n")

    def bug(*args, **kwargs):
        raise KeyError("a bug in frugal")

    monkeypatch.setattr(use_case, "recommend", bug)
    result = runner.invoke(cli, ["recommend", "--task", "classification"])
    assert isinstance(result.exception, KeyError) and "Error:" not in result.output


def test_the_public_api_names_what_a_script_uses_and_imports_cheaply():
    import subprocess
    import sys

    code = ("import sys, recommender; before = set(sys.modules); "
            "import recommender.render.cells; from recommender import render, recommend, Query; "
            "print(sorted(recommender.__all__)); print(callable(render) and render.__module__); "
            "print(sorted(m for m in before if m.startswith(('numpy', 'recommender.usecases', 'recommender.catalog'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.splitlines()
    assert out == [
        "['Catalog', 'Comparison', 'Disclosure', 'EstimateRequest', 'EstimateResult', 'Footprint', 'FrugalError', "
        "'InvalidInput', 'Option', 'Query', 'Range', 'Recommendation', 'Workload', '__version__', 'compare', "
        "'disclose', 'estimate', 'load_catalog', 'plot', 'recommend', 'render']",
        "recommender.render",
        "[]",
    ]


def test_a_model_excluded_in_several_modes_is_named_with_each_mode():
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed"])
    line = next(x for x in result.output.splitlines() if x.startswith("  below-quality-floor"))
    assert line == ("  below-quality-floor (Ranking, good enough): GPT-3.5 Turbo (OpenAI) (zero-shot), "
                    "GPT-3.5 Turbo (OpenAI) (1-shot), GPT-3.5 Turbo (OpenAI) (5-shot), GPT-4 (OpenAI) (zero-shot), "
                    "GPT-4 (OpenAI) (1-shot), GPT-4 (OpenAI) (5-shot)")


@pytest.mark.parametrize("args", [[], ["catalog"], ["estimator"]])
def test_a_bare_group_prints_its_help_and_exits_0(args):
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "recommender", *args], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"Usage: frugal {' '.join(args)}{' ' if args else ''}[OPTIONS] COMMAND [ARGS]...")
