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
                              "expected a positive integer; got '110M'.")


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
