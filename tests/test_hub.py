"""Hugging Face Hub import and search, with the real huggingface_hub client against a loopback server
serving recorded answers (tests/fixtures/hub/). Nothing here reaches the internet."""

from __future__ import annotations

import json
import socket
import sys
import time
from datetime import date

import pytest
from click.testing import CliRunner

import hub_server
from recommender.hub import mapping
from recommender.catalog import local as overlay
from recommender.catalog import Model, read_table
from recommender.cli import cli
from recommender.errors import HubError, InvalidInput

TODAY = date.today().isoformat()
BIOMEDBERT = "microsoft/BiomedNLP-BiomedBERT-base-uncased-abstract"


@pytest.fixture
def server(monkeypatch, tmp_path, fixture_catalog):
    """The loopback Hub, reached through HF_ENDPOINT; the client's file cache in tmp_path."""
    import huggingface_hub.constants

    srv = hub_server.start()
    monkeypatch.setenv("HF_ENDPOINT", srv.url)
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "5")
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_CACHE", str(tmp_path / "hf-cache"))
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-token"))
    yield srv
    hub_server.stop(srv)


def run(*args):
    return CliRunner().invoke(cli, list(args))


def local_models() -> dict[str, overlay.Entry]:
    return {e.model.id: e for e in overlay.entries()}


def expected(**fields) -> Model:
    empty = {"params_total_low": None, "params_total_high": None, "params_active": None, "params_active_low": None,
             "params_active_high": None, "datacenter": "", "hosting": "local"}
    return Model(**(empty | fields))


# -- add-from-hub: what is read and how it maps

def test_encoder_with_safetensors_metadata(server):
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"Added 'biomednlp-biomedbert-base-uncased-abstract' to your local catalog ({overlay.path()}). It now "
        f"shows in frugal recommend; frugal catalog export writes it as a models.csv row for review.")
    entry = local_models()["biomednlp-biomedbert-base-uncased-abstract"]
    assert entry.source == f"huggingface.co/{BIOMEDBERT}"
    assert entry.added == TODAY
    assert entry.model == expected(
        id="biomednlp-biomedbert-base-uncased-abstract", name="BiomedNLP-BiomedBERT-base-uncased-abstract",
        family="encoder", architecture="encoder", params_total=109514298, params_method="published",
        params_source="Hugging Face Hub, safetensors metadata",
        params_source_url=f"https://huggingface.co/{BIOMEDBERT}",
        layers=12, hidden_size=768, heads=12, context_tokens=512, tasks=("classification", "ner"),
        data_kinds=("text",), domains=("biomed",), languages=("en",), licence="mit", provider="microsoft",
        hardware="cpu-workstation", precision="fp32", setup="fine-tune", hf_repo=BIOMEDBERT,
        version="d673b8835373", released="2022-03",
        notes=f"Imported from huggingface.co/{BIOMEDBERT} on {TODAY} (pipeline tag fill-mask; library "
              f"transformers). Fill-mask encoder: classification and ner are the tasks it can be fine-tuned for.",
    )


def test_parameters_from_the_config_without_safetensors_metadata(server):
    assert run("catalog", "add-from-hub", "emilyalsentzer/Bio_ClinicalBERT").exit_code == 0
    model = local_models()["bio-clinicalbert"].model
    # 12 layers × (4 × 768² attention + 2 × 768 × 3072 feed-forward) + (28996 + 512) × 768 embeddings
    assert model.params_total == 107_596_800
    assert (model.params_method, model.params_source) == (
        "estimated", "frugal estimate from config.json (no safetensors metadata)")
    assert model.domains == ("clinical",)
    assert "Parameters estimated from config.json: attention, feed-forward and embedding weights." in model.notes


def test_mixture_of_experts_gets_estimated_active_parameters(server):
    assert run("catalog", "add-from-hub", "mistralai/Mixtral-8x7B-Instruct-v0.1", "--task", "summarization").exit_code == 0
    model = local_models()["mixtral-8x7b-instruct-v0.1"].model
    # 46,702,792,704 - 32 layers × 6 idle experts × 3 × 4096 × 14336
    assert (model.params_total, model.params_active) == (46_702_792_704, 12_879_925_248)
    assert (model.architecture, model.family, model.params_method) == ("moe-decoder", "llm", "estimated")
    assert (model.hardware, model.precision, model.setup) == ("h100", "bf16", "zero-shot")
    assert model.languages == ("fr", "it", "de", "es", "en")
    assert "Mixture of experts: active parameters estimated from config.json (8 experts, 2 per token)." in model.notes


def test_small_decoder_with_declared_training_emissions(server):
    assert run("catalog", "add-from-hub", "HuggingFaceTB/SmolLM2-360M-Instruct", "--task", "summarization",
               "--domain", "biomed").exit_code == 0
    model = local_models()["smollm2-360m-instruct"].model
    assert (model.family, model.architecture, model.hardware, model.precision, model.setup) == (
        "small-lm", "decoder", "a100", "bf16", "zero-shot")
    assert (model.tasks, model.domains, model.licence) == (("summarization",), ("biomed",), "apache-2.0")
    assert model.notes.endswith("Declared training emissions: 1,200,000 g CO2e (source: CodeCarbon; training type: "
                                "pre-training; geographical location: Virginia, USA; hardware used: 64 H100).")


def test_added_model_shows_in_recommend_and_show_with_its_source(server):
    assert run("catalog", "add-from-hub", BIOMEDBERT).exit_code == 0
    result = run("recommend", "--task", "classification", "--domain", "biomed", "--format", "json")
    options = {o["id"]: o for o in json.loads(result.output)["options"]}
    added = options["biomednlp-biomedbert-base-uncased-abstract"]
    assert added["local_source"] == f"huggingface.co/{BIOMEDBERT}, added {TODAY}"
    assert added["energy_use_basis"]["method"] == "estimated"
    assert added["params_total"] == 109514298
    assert options["biobert"]["local_source"] is None
    table = run("recommend", "--task", "classification", "--domain", "biomed").output
    assert (f"  biomednlp-biomedbert-base-uncased-abstract: your local catalog, not reviewed; source "
            f"huggingface.co/{BIOMEDBERT}, added {TODAY}") in table
    shown = run("catalog", "show", "biomednlp-biomedbert-base-uncased-abstract").output
    assert (f"From your local catalog (not reviewed for the shipped one); source: huggingface.co/{BIOMEDBERT}, "
            f"added {TODAY}.") in shown
    assert "biomednlp-biomedbert-base-uncased-abstract" in run("catalog", "list", "--family", "encoder").output


def test_adding_again_replaces_the_row(server):
    assert run("catalog", "add-from-hub", BIOMEDBERT).exit_code == 0
    assert run("catalog", "add-from-hub", BIOMEDBERT, "--task", "ner").exit_code == 0
    assert [(i, e.model.tasks) for i, e in local_models().items()] == [
        ("biomednlp-biomedbert-base-uncased-abstract", ("ner",))]


def test_gated_model_needs_a_token(server, monkeypatch):
    result = run("catalog", "add-from-hub", "meta-llama/Llama-3.2-1B", "--task", "summarization")
    assert (result.exit_code, result.output) == (1, (
        "Error: 'meta-llama/Llama-3.2-1B' is gated on the Hugging Face Hub: accept its conditions on its page, "
        "then set HF_TOKEN to a token with access.\n"))
    assert not overlay.path().exists()
    monkeypatch.setenv("HF_TOKEN", hub_server.TOKEN)
    assert run("catalog", "add-from-hub", "meta-llama/Llama-3.2-1B", "--task", "summarization").exit_code == 0
    assert local_models()["llama-3.2-1b"].model.params_total == 1235814400
    config_requests = [headers for method, path, headers in server.requests if path.endswith("config.json")]
    assert config_requests[-1]["authorization"] == f"Bearer {hub_server.TOKEN}"


# -- add-from-hub: failures, each one line, exit 1, nothing written

def error_of(*args) -> tuple[int, str]:
    result = run(*args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert not overlay.path().exists()
    return result.exit_code, result.output


def test_unknown_repo(server):
    assert error_of("catalog", "add-from-hub", "nobody/no-such-model") == (1, (
        f"Error: no model 'nobody/no-such-model' on the Hugging Face Hub at {server.url}. Check the id "
        f"(owner/name); a private model needs HF_TOKEN.\n"))


def test_slow_server_times_out(server, monkeypatch):
    monkeypatch.setenv("HF_HUB_ETAG_TIMEOUT", "0.3")
    started = time.monotonic()
    assert error_of("catalog", "add-from-hub", "slow/model") == (1, (
        f"Error: the Hugging Face Hub at {server.url} did not answer within 0.3 s. Try again later, or set "
        f"HF_HUB_ETAG_TIMEOUT to more seconds.\n"))
    assert time.monotonic() - started < 5


def test_malformed_json(server):
    assert error_of("catalog", "add-from-hub", "broken/model") == (1, (
        f"Error: the Hugging Face Hub at {server.url} sent an answer frugal cannot read when asked to describe "
        f"'broken/model' (not the JSON it expects).\n"))


def test_offline_mode_refuses_before_any_request(server, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert error_of("catalog", "add-from-hub", BIOMEDBERT) == (1, (
        f"Error: HF_HUB_OFFLINE is set, so frugal does not reach the Hugging Face Hub. Unset it to describe "
        f"'{BIOMEDBERT}'.\n"))
    assert error_of("catalog", "search-hub", "--task", "ner") == (1, (
        "Error: HF_HUB_OFFLINE is set, so frugal does not reach the Hugging Face Hub. Unset it to search the "
        "Hub.\n"))
    assert server.requests == []


def test_unreachable_hub(server, monkeypatch):
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    assert error_of("catalog", "add-from-hub", BIOMEDBERT) == (1, (
        f"Error: cannot reach the Hugging Face Hub at http://127.0.0.1:{port}. Check the network connection, "
        f"or HF_ENDPOINT.\n"))


def test_without_huggingface_hub_installed(server, monkeypatch):
    monkeypatch.setitem(sys.modules, "huggingface_hub", None)
    assert error_of("catalog", "search-hub", "--task", "ner") == (1, (
        "Error: the Hub commands need the huggingface_hub package: pip install 'frugal-advisor[hub]'.\n"))


def test_pipeline_tag_without_a_catalog_task_needs_task(server):
    # the fixture catalog has no text-generation task
    assert error_of("catalog", "add-from-hub", "HuggingFaceTB/SmolLM2-360M-Instruct") == (1, (
        "Error: cannot tell which frugal task 'HuggingFaceTB/SmolLM2-360M-Instruct' serves (pipeline tag "
        "'text-generation'). Give --task (frugal catalog tasks).\n"))


def test_bad_arguments_are_usage_errors_without_network(server):
    assert error_of("catalog", "add-from-hub", "not-a-repo-id") == (2, (
        "Error: a Hugging Face model id is owner/name (letters, digits, '-', '_' and '.'; at most 96 characters), "
        "e.g. dmis-lab/biobert-v1.1; got 'not-a-repo-id'.\n"))
    assert error_of("catalog", "add-from-hub", BIOMEDBERT, "--task", "sumarization") == (2, (
        "Error: unknown task 'sumarization'. Did you mean 'summarization'? Accepted: classification, ner, "
        "summarization.\n"))
    assert error_of("catalog", "add-from-hub", "dmis-lab/biobert-v1.1") == (1, (
        "Error: 'dmis-lab/biobert-v1.1' is already in the shipped catalog as 'biobert' (frugal catalog show "
        "biobert).\n"))
    assert server.requests == []


# -- search-hub

def test_search_lists_candidates_lightest_first(server):
    result = run("catalog", "search-hub", "--task", "classification", "--format", "json")
    assert result.exit_code == 0, result.output
    rows = [(r["repo"], r["pipeline"], r["architecture"], r["params"], r["hardware"], r["in_catalog"])
            for r in json.loads(result.output)]
    assert rows == [
        ("distilbert/distilbert-base-uncased-finetuned-sst-2-english", "text-classification", "encoder", 66955010,
         "cpu-workstation", ""),
        ("google/vit-base-patch16-224", "image-classification", "encoder", 86567656, "cpu-workstation", ""),
        (BIOMEDBERT, "fill-mask", "encoder", 109514298, "cpu-workstation", ""),
        ("google-bert/bert-base-uncased", "text-classification", "encoder", 110106428, "cpu-workstation", ""),
        ("FacebookAI/xlm-roberta-large", "fill-mask", "encoder", 560142482, "cpu-workstation", ""),
        ("emilyalsentzer/Bio_ClinicalBERT", "fill-mask", "encoder", None, "", ""),
    ]
    # Worked by hand for an encoder of N parameters on the fixture's cpu-workstation (1 TFLOP/s fp32 and
    # 50 GB/s, both × efficiency 0.5; idle 20 W, TDP 100 W, host 25 W × 1.0), batch 16, 300 tokens in,
    # one pass, PUE 1 (local-office):
    #   roofline r = 2 N × 300 / 5e11 = 1.2e-9 N s per item (compute-bound: 16 × 2N × 300 / 5e11 > 4N / 2.5e10)
    #   overhead o = 0.01 s × (N / 1e9)^0.5 / 16 per item
    #   accelerator 20 (r + o) + 80 (0.5 r + 0.25 o) J, host 25 (r + o) J: IT = 85 r + 65 o J per item
    #   Wh per 1,000 items = IT × 1000 / 3600; e.g. N = 66,955,010: (6.829411 + 0.010512) / 3.6 = 1.899979
    energy = [r["wh_per_1k"] for r in json.loads(result.output)]
    assert energy == [pytest.approx(e, rel=1e-9) for e in (1.899978613717665, 2.456070487408297,
                                                            3.106639556869345, 3.1234266557677066,
                                                            15.879149443753628)] + [None]
    tags = sorted(path.split("pipeline_tag=")[1].split("&")[0] for _, path, _ in server.requests)
    assert tags == ["fill-mask", "image-classification", "text-classification"]


def test_search_filters_domain_size_and_limit(server):
    assert run("catalog", "add-from-hub", BIOMEDBERT).exit_code == 0
    biomed = json.loads(run("catalog", "search-hub", "--task", "ner", "--domain", "biomed", "--format", "json").output)
    assert [(r["repo"], r["in_catalog"]) for r in biomed] == [
        (BIOMEDBERT, "biomednlp-biomedbert-base-uncased-abstract")]
    small = json.loads(run("catalog", "search-hub", "--task", "classification", "--max-params", "100M",
                           "--limit", "1", "--format", "json").output)
    assert [r["repo"] for r in small] == ["distilbert/distilbert-base-uncased-finetuned-sst-2-english"]


def test_search_malformed_answer(server):
    result = run("catalog", "search-hub", "--task", "summarization")
    assert (result.exit_code, result.output) == (1, (
        f"Error: the Hugging Face Hub at {server.url} sent an answer frugal cannot read when asked to search the "
        f"Hub (not the JSON it expects).\n"))


def test_search_table_shows_readable_counts_and_estimates(server):
    result = run("catalog", "search-hub", "--task", "classification", "--max-params", "100M")
    assert result.exit_code == 0, result.output
    assert [line.rstrip() for line in result.output.splitlines()] == [
        "Hugging Face Hub models for classification, lightest first",
        "repo                                                        pipeline              architecture  params  "
        "wh_per_1k  hardware         downloads  in_catalog",
        "distilbert/distilbert-base-uncased-finetuned-sst-2-english  text-classification   encoder       67M     "
        "1.9        cpu-workstation  4000000",
        "google/vit-base-patch16-224                                 image-classification  encoder       86.6M   "
        "2.5        cpu-workstation  3000000",
        "2 models. wh_per_1k: frugal's estimate from the parameter count for 1,000 classification items of typical "
        "length on the model's default hardware (facility boundary).",
        "frugal catalog add-from-hub REPO adds one to your local catalog.",
    ]


# -- frugal's own bugs raise: only the client's calls become "the Hub sent an answer frugal cannot read"

@pytest.mark.parametrize("args", [("catalog", "add-from-hub", BIOMEDBERT), ("catalog", "search-hub", "--task", "ner")],
                         ids=["add-from-hub", "search-hub"])
def test_a_bug_reading_the_answer_is_a_traceback_not_an_error_line(server, monkeypatch, args):
    from recommender.hub import client

    def broken(value):
        raise KeyError("a bug in frugal")

    monkeypatch.setattr(client, "_strings", broken)  # used on every answer, after the client's calls
    result = run(*args)
    assert isinstance(result.exception, KeyError) and "Error:" not in result.output
    assert not overlay.path().exists()


def test_a_bug_in_the_mapping_is_a_traceback_not_an_error_line(server, monkeypatch):
    def broken(config, keys):
        raise AttributeError("a bug in frugal")

    monkeypatch.setattr(mapping, "_config_int", broken)
    result = run("catalog", "add-from-hub", BIOMEDBERT)
    assert isinstance(result.exception, AttributeError) and "Error:" not in result.output
    assert not overlay.path().exists()


# -- export and remove

def test_export_writes_models_csv_rows_that_load_back(server, tmp_path):
    assert run("catalog", "add-from-hub", BIOMEDBERT).exit_code == 0
    assert run("catalog", "add-from-hub", "emilyalsentzer/Bio_ClinicalBERT").exit_code == 0
    out = tmp_path / "models.csv"
    result = run("catalog", "export", "--output", str(out))
    assert result.output == f"Wrote 2 models to {out}.\n"
    shipped_header = (hub_server.FIXTURES.parent / "catalog" / "models.csv").read_text().splitlines()[0]
    assert out.read_text().splitlines()[0] == shipped_header
    assert read_table(out, Model) == [e.model for e in overlay.entries()]
    one = run("catalog", "export", "bio-clinicalbert").output.splitlines()
    assert len(one) == 2 and one[1].startswith("bio-clinicalbert,Bio_ClinicalBERT,encoder,encoder,107596800,")
    assert run("catalog", "export", "biobert").output.startswith("Error: unknown local model 'biobert'.")


def test_a_failed_export_keeps_the_previous_file_whole(server, tmp_path, full_disk):

    assert run("catalog", "add-from-hub", BIOMEDBERT).exit_code == 0
    out = tmp_path / "reviewed" / "models.csv"
    out.parent.mkdir()
    out.write_text("previous rows\n")
    full_disk()
    result = run("catalog", "export", "--output", str(out))
    assert (result.exit_code, result.output) == (1, f"Error: cannot write '{out}': No space left on device.\n")
    assert [(f.name, f.read_text()) for f in out.parent.iterdir()] == [("models.csv", "previous rows\n")]


def test_remove_from_the_local_catalog(server):
    assert run("catalog", "add-from-hub", BIOMEDBERT).exit_code == 0
    result = run("catalog", "remove", "biomednlp-biomedbert-base-uncased-abstract")
    assert result.output == (f"Removed 'biomednlp-biomedbert-base-uncased-abstract' from your local catalog "
                             f"({overlay.path()}).\n")
    assert local_models() == {}
    assert run("catalog", "remove", "biobert").exit_code == 2


# -- mapping, without the network

@pytest.mark.parametrize("config, architecture", [
    ({"model_type": "t5", "architectures": ["T5ForConditionalGeneration"]}, "encoder-decoder"),
    ({"model_type": "bart", "is_encoder_decoder": True}, "encoder-decoder"),
    ({"model_type": "gpt2", "architectures": ["GPT2ForSequenceClassification"]}, "decoder"),
    ({"model_type": "custom", "architectures": ["CustomForCausalLM"]}, "decoder"),
    ({"model_type": "qwen2_moe", "num_experts": 60}, "moe-decoder"),
    ({"model_type": "deberta-v2"}, "encoder"),
    ({"model_type": "resnet"}, "cnn"),
    ({"model_type": "mamba"}, None),
])
def test_architecture_from_config(config, architecture):
    assert mapping.architecture_of(config) == architecture


def test_domain_from_tags_and_name():
    assert mapping.domain_from("someone/model", ("biology",)) == "biomed"
    assert mapping.domain_from("someone/PubMedBERT", ()) == "biomed"
    assert mapping.domain_from("someone/model", ("clinical",)) == "clinical"
    assert mapping.domain_from("someone/model", ("en",)) == "general"


def test_task_without_a_pipeline_tag():
    with pytest.raises(InvalidInput, match=r"^no Hugging Face pipeline tag serves task 'regression'\. Accepted: "
                                           r"classification, ner, question-answering, segmentation, "
                                           r"sentence-similarity, summarization, text-generation, translation\.$"):
        mapping.tasks_pipelines("regression")


def test_unknown_architecture_is_refused(fixture_catalog):
    facts = mapping.Facts("someone/mamba-130m", pipeline_tag="text-generation", params_total=130_000_000,
                      config={"model_type": "mamba"})
    with pytest.raises(HubError, match=r"^cannot tell the architecture of 'someone/mamba-130m' from its config\.json "
                                       r"\(model_type 'mamba'\): frugal imports encoder, decoder"):
        mapping.model_from_facts(facts, fixture_catalog, tasks=("summarization",))
