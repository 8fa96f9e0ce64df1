"""Hosted platforms' own per-prompt disclosures, shown beside the estimate (catalog/hosted_disclosures.csv)."""

import json

from click.testing import CliRunner

from recommender.catalog import Catalog
from recommender.cli import cli


def test_the_shipped_disclosures_are_the_published_figures():
    figures = {(d.model_id, d.quantity, d.boundary[:13]): d.value for d in Catalog.load().hosted_disclosures}
    assert figures[("gemini", "energy_wh", "comprehensive")] == 0.24  # Elsworth et al. 2025 (Google)
    assert figures[("gemini", "energy_wh", "narrower: act")] == 0.10
    assert figures[("gpt-4o", "energy_wh", "not stated")] == 0.34  # OpenAI, June 2025
    assert figures[("mistral-large", "carbon_g", "life cycle: t")] == 1.14  # Mistral AI LCA, July 2025
    assert figures[("mistral-large", "water_ml", "life cycle")] == 45


def test_the_row_carries_the_disclosure_and_how_it_compares(fixture_catalog):
    result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed",
                                      "--data-sensitivity", "public", "--format", "json"])
    gpt = next(o for o in json.loads(result.stdout)["options"] if o["id"] == "gpt-x")
    [figure] = gpt["hosted_disclosures"]
    assert {k: figure[k] for k in ("quantity", "value", "per", "source")} == {
        "quantity": "energy_wh", "value": 0.3, "per": "average query", "source": "Provider X blog"}
    assert round(figure["estimate_wh_per_item"], 4) == 0.1632  # 163.2 Wh per 1,000 items (test_footprint works it by hand)
    assert figure["compared"].startswith("published by the platform per prompt, token counts not disclosed")


def test_the_table_lists_it_under_the_options(fixture_catalog):
    for lang, line in (("en", "  GPT-X: 0.3 Wh per average query (not stated) — Provider X blog, 2025-06; frugal's "
                              "estimate for this workload: 0.16 Wh per item (use, facility boundary, mid)"),
                       ("fr", "  GPT-X : 0,3 Wh par average query (not stated) — Provider X blog, 2025-06 ; "
                              "estimation de frugal pour cette charge : 0,16 Wh par élément (usage, périmètre de "
                              "l'installation, centrale)")):
        result = CliRunner().invoke(cli, ["recommend", "--task", "classification", "--domain", "biomed",
                                          "--data-sensitivity", "public", "--data-lang", "en", "--lang", lang])
        assert line in result.stdout.splitlines()
