import shutil
from pathlib import Path

import pytest

from recommender.catalog import TABLES, Catalog, CatalogError, read_table, shipped_catalog_dir
from recommender.errors import InvalidInput

from conftest import FIXTURE_CATALOG


def copy_fixture(tmp_path: Path) -> Path:
    target = tmp_path / "catalog"
    shutil.copytree(FIXTURE_CATALOG, target)
    return target


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_every_shipped_table_loads_and_cross_references_hold():
    catalog = Catalog.load()
    assert set(TABLES) <= {p.name for p in shipped_catalog_dir().iterdir()}
    assert "FR" in catalog.grid
    assert {"local-office", "local-datacenter"} <= set(catalog.datacenters)
    for model in catalog.models.values():
        assert model.hardware in catalog.hardware


def test_shipped_catalog_names_every_system_of_the_guidance():
    catalog = Catalog.load()
    for model_id in ("tfidf-logreg", "random-forest", "gradient-boosting", "kmeans", "pca", "biobert",
                     "pubmedbert", "bert-base", "distilbert", "llama-3.2-1b", "orca-2-7b", "biomistral-7b",
                     "gpt-4", "mistral-large"):
        assert model_id in catalog.models, model_id
    assert catalog.models["biobert"].params_total == 110_000_000
    assert catalog.models["mistral-large"].hosting == "external-sovereign"
    assert catalog.models["gpt-4"].hosting == "external"


def test_every_shipped_number_has_a_source():
    catalog = Catalog.load()
    for q in catalog.quality:
        assert q.source and q.method == "published", q
    for e in catalog.energy:
        assert e.source and e.method in ("measured", "published"), e
    for record in (*catalog.hardware.values(), *catalog.grid.values(), *catalog.datacenters.values()):
        assert record.source, record


def test_a_bad_cell_names_file_row_column_and_expectation(tmp_path):
    directory = copy_fixture(tmp_path)
    replace_in(directory / "models.csv", "biobert,BioBERT v1.1,encoder,encoder,110000000",
               "biobert,BioBERT v1.1,encoder,encoder,110M")
    with pytest.raises(CatalogError) as exc:
        Catalog.load(directory)
    assert str(exc.value) == (f"{directory / 'models.csv'}, row 3, column params_total: "
                              "expected a positive integer of at most 1e15; got '110M'.")


@pytest.mark.parametrize("cell", ["inf", "nan", "1e300", "-1e300"])
def test_a_non_finite_or_absurd_number_is_refused_like_any_bad_cell(tmp_path, cell):
    directory = copy_fixture(tmp_path)
    replace_in(directory / "models.csv", "biobert,BioBERT v1.1,encoder,encoder,110000000",
               f"biobert,BioBERT v1.1,encoder,encoder,{cell}")
    with pytest.raises(CatalogError) as exc:
        Catalog.load(directory)
    assert str(exc.value) == (f"{directory / 'models.csv'}, row 3, column params_total: "
                              f"expected a positive integer of at most 1e15; got '{cell}'.")


def test_a_database_path_that_is_a_folder_is_one_error_line(isolated_user_dir):
    from click.testing import CliRunner

    from recommender.cli import cli

    (isolated_user_dir / "frugal.sqlite3").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["bench", "history"])
    assert (result.exit_code, result.output) == (1, (
        f"Error: {isolated_user_dir / 'frugal.sqlite3'}: it is a folder, not a frugal database "
        "(FRUGAL_HOME sets another place).\n"))


def test_a_bad_choice_lists_the_accepted_values(tmp_path):
    directory = copy_fixture(tmp_path)
    replace_in(directory / "models.csv", ",local,DMIS,", ",on-premises,DMIS,")
    with pytest.raises(CatalogError) as exc:
        Catalog.load(directory)
    assert str(exc.value) == (f"{directory / 'models.csv'}, row 3, column hosting: "
                              "expected one of local, external, external-sovereign; got 'on-premises'.")


def test_a_wrong_header_is_reported(tmp_path):
    directory = copy_fixture(tmp_path)
    replace_in(directory / "grid.csv", "carbon_g_per_kwh", "carbon")
    with pytest.raises(CatalogError) as exc:
        read_table(directory / "grid.csv", TABLES["grid.csv"])
    assert "grid.csv: header must be zone,name,carbon_g_per_kwh," in str(exc.value)


def test_a_dangling_reference_is_reported(tmp_path):
    directory = copy_fixture(tmp_path)
    replace_in(directory / "energy.csv", "tiny-llm,summarization,text,inference,a100", "tiny-llm,summarization,text,inference,a1000")
    with pytest.raises(CatalogError) as exc:
        Catalog.load(directory)
    assert str(exc.value) == "energy.csv, model tiny-llm, column hardware: unknown hardware 'a1000'."


def test_a_short_row_is_reported(tmp_path):
    directory = copy_fixture(tmp_path)
    with open(directory / "grid.csv", "a") as f:
        f.write("DE,Germany,380\n")
    with pytest.raises(CatalogError) as exc:
        Catalog.load(directory)
    assert str(exc.value) == f"{directory / 'grid.csv'}, row 5: expected 10 cells, got 3."


def test_lookups_accept_names_and_hub_ids_and_suggest(fixture_catalog):
    assert fixture_catalog.model("dmis-lab/biobert-v1.1").id == "biobert"
    assert fixture_catalog.model("BioBERT v1.1").id == "biobert"
    with pytest.raises(InvalidInput) as exc:
        fixture_catalog.model("biobrt")
    assert str(exc.value).startswith("unknown model 'biobrt'. Did you mean 'biobert'? Accepted: ")
    assert fixture_catalog.zone("fr").zone == "FR"


def _score(catalog, model_id, benchmark, **match):
    found = [q for q in catalog.quality if q.model_id == model_id and q.benchmark == benchmark
             and all(getattr(q, k) == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


def test_the_corrections_of_catalog_corrections_csv_are_applied_with_their_source():
    catalog = Catalog.load()
    assert _score(catalog, "scibert", "BLURB/BC5-disease").score == 84.54
    assert _score(catalog, "bioclinicalbert", "DDI2013", split="test").score == 78.2
    assert _score(catalog, "bluebert", "BIOSSES").score == 85.38
    afrimed = _score(catalog, "openbiollm-70b", "AfriMed-QA expert MCQ")
    assert afrimed.score == 58.62 and "afrimed-qa-v2_Llama3-OpenBioLLM-70B_mcq" in afrimed.notes
    assert _score(catalog, "pubmedbert", "BC5CDR-chemical", split="test").flags == ()
    assert _score(catalog, "llama-3-70b", "AfriMed-QA expert MCQ").flags == ()
    assert catalog.models["bluebert"].licence == "cc0-1.0"
    assert catalog.models["biomistral-7b"].speaks("fr")
    assert catalog.models["gpt-4"].params_active == 220_000_000_000
    b200 = catalog.hardware["b200"]
    assert (b200.peak_tflops_fp32, b200.memory_bandwidth_gbs) == (75, 7700)
    assert "glennklockwood" not in b200.source_url


def test_misattributed_scores_are_removed_or_never_compared():
    catalog = Catalog.load()
    assert not [q for q in catalog.quality if q.model_id == "gradient-boosting" and "word2vec" in q.notes]
    assert not [q for q in catalog.quality if q.model_id == "gpt-4" and q.score == 86.1 and q.task == "question-answering"]
    eight_bit = [q for q in catalog.quality if "BnB.8" in q.source_url]
    assert len(eight_bit) == 3 and all(not q.comparable for q in eight_bit)
    assert not _score(catalog, "bioclinicalbert", "antibiotic indication free-text -> 11 infection sources "
                      "(Oxford, internal test)").comparable


def test_a_score_carries_its_mode_shots_split_and_exact_metric():
    catalog = Catalog.load()
    five_shot = _score(catalog, "gpt-4", "NCBI-disease", mode="few-shot", shots=5, split="test", score=63.89)
    assert (five_shot.score, five_shot.metric) == (63.89, "entity-level F1")
    assert _score(catalog, "gpt-4", "NCBI-disease", mode="zero-shot", split="test").score == 58.27
    assert _score(catalog, "llama-2-13b", "ChemProt", mode="instruction-fine-tuned", metric="micro F1").score == 80.06
    assert _score(catalog, "llama-2-13b", "ChemProt", mode="instruction-fine-tuned", metric="macro F1").score == 46.12
    assert _score(catalog, "gpt-4", "MedQA (4-option)", mode="few-shot", shots=5, split="test",
                  metric="accuracy", score=81.4).flags == ("secondary",)
    assert _score(catalog, "gpt-4", "MedQA (5-option)", mode="zero-shot", metric="accuracy").score == 71.56
    pilot = _score(catalog, "gpt-4", "NCBI-disease", split="test-200", mode="few-shot", shots=1)
    assert pilot.comparison_key == ("NCBI-disease", "entity-level F1", "test-200")


def test_a_bad_mode_lists_the_accepted_modes(tmp_path):
    directory = copy_fixture(tmp_path)
    replace_in(directory / "quality.csv", "micro F1,82,fine-tuned,", "micro F1,82,finetuned,")
    with pytest.raises(CatalogError) as exc:
        Catalog.load(directory)
    assert str(exc.value) == (f"{directory / 'quality.csv'}, row 2, column mode: expected one of fit, fine-tuned, "
                              "zero-shot, few-shot, instruction-fine-tuned, linear-probe, box-prompted; got 'finetuned'.")


def test_every_shipped_question_has_one_reference_with_its_reason():
    catalog = Catalog.load()
    assert len(catalog.references) == 19  # 11 text questions (French clinical NER too), 8 image ones (issue 14)
    ner = catalog.references[("ner", "biomed", "en")]
    assert ner.comparison_key == ("NCBI-disease", "entity-level F1", "test")
    assert catalog.references[("question-answering", "biomed", "en")].benchmark == "MedQA (4-option)"
    french = catalog.references[("ner", "biomed", "fr")]
    assert french.comparison_key == ("QUAERO EMEA (100 training sentences)", "exact micro F1", "test")
    assert catalog.references[("ner", "clinical", "fr")].benchmark == "E3C-fr (100 training sentences)"
    for reference in catalog.references.values():
        assert reference.reason and reference.source, reference


def test_a_reference_to_an_unknown_task_is_reported(tmp_path):
    directory = copy_fixture(tmp_path)
    replace_in(directory / "references.csv", "classification,biomed,en", "classifcation,biomed,en")
    with pytest.raises(CatalogError) as exc:
        Catalog.load(directory)
    assert str(exc.value) == "references.csv, column task: unknown task 'classifcation'."
