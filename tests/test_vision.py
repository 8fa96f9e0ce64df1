"""Images (issue 14): the vision estimator, ``frugal estimate --arch cnn|unet|vit``, image tasks in
recommend and compare, the vision catalog files and the vision calibration rows.

Hand-computed examples use the fixture catalog's round factors (tests/fixtures/catalog): an A100 at
312 TFLOP/s fp16 and 2,000 GB/s, compute and memory efficiency 0.5, overhead 0.01 s × (N / 1e9)^0.5
per pass, busy power 0.5 and overhead power 0.25 of (400 − 50 W), host 100 W.
"""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

from recommender.cli import cli
from recommender.footprint import physics


def run(args):
    return CliRunner().invoke(cli, args)


# -- physics

def test_forward_flops_take_the_vision_figure_when_given_else_two_params_tokens():
    import numpy as np

    got = physics.forward_flops(np.array([1e8, 1e8]), np.array([10.0, 10.0]), np.array([5.0, 5.0]),
                                np.array([7.8e10, np.nan]))
    assert got.tolist() == [7.8e10, 2 * 1e8 * 10 + 5]
    assert physics.flops_of_multiply_adds(4.09) == pytest.approx(8.18e9, rel=1e-15)


def test_training_is_three_forward_passes_per_image_and_epoch():
    # 2 epochs × 3 × 7.8e10 FLOPs / 1.56e14 FLOP/s = 3e-3 s
    assert physics.training_s(2.0, 1e8, 0.0, 0.0, 1.56e14, flops_per_item=7.8e10) == pytest.approx(3e-3, rel=1e-12)


# -- frugal estimate --arch cnn (fixture factors)

CNN = ["estimate", "--arch", "cnn", "--params", "1e8", "--gflops-per-item", "39", "--hardware", "a100",
       "--batch-size", "10", "--precision", "fp16", "--items", "1000", "--pue", "1", "--format", "json"]


def test_cnn_inference_worked_example(fixture_catalog):
    result = run(CNN)
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    roofline = 10 * 7.8e10 / 1.56e14 / 10           # 5e-4 s per image (compute-bound: weights 2e8 B / 1e12 B/s = 2e-4 s)
    overhead = 0.01 * 0.1 ** 0.5 / 10               # one pass per batch of 10
    time = roofline + overhead
    accelerator_j = 50 * time + 350 * (0.5 * roofline + 0.25 * overhead)
    host_j = 100 * time
    assert data["energy_wh"]["accelerator"]["mid"] == pytest.approx(accelerator_j * 1000 / 3600, rel=1e-12)
    assert data["energy_wh"]["host"]["mid"] == pytest.approx(host_j * 1000 / 3600, rel=1e-12)
    assert data["energy_wh"]["it"]["high"] == pytest.approx((accelerator_j + host_j) / 3.6 * 10 ** 0.5, rel=1e-12)
    assert (data["inputs"]["gflops_per_item"], data["inputs"]["flops_per_item"], data["inputs"]["tokens_in"]) == \
        (39.0, 7.8e10, 0)


def test_cnn_training_worked_example(fixture_catalog):
    result = run(CNN + ["--phase", "fit", "--epochs", "2"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    roofline = 2 * 3 * 7.8e10 / 1.56e14              # 3e-3 s per image
    overhead = 3 * 2 * 0.01 * 0.1 ** 0.5 / 10         # 3 passes per batch and epoch
    time = roofline + overhead
    accelerator_j = 50 * time + 350 * (0.5 * roofline + 0.25 * overhead)
    assert data["energy_wh"]["accelerator"]["mid"] == pytest.approx(accelerator_j * 1000 / 3600, rel=1e-12)
    assert data["inputs"]["epochs"] == 2.0


def test_cnn_explain_shows_the_multiply_add_convention(fixture_catalog):
    result = run([a for a in CNN if a not in ("--format", "json")] + ["--explain"])
    assert result.exit_code == 0, result.output
    assert ("forward FLOPs per image = 2 × 39 G multiply-adds (torchvision's convention) = 78,000,000,000 FLOPs"
            in result.output)  # no exponent for people (units.readable_numbers)
    assert ("one pass per batch = max(10 × 78,000,000,000 FLOPs / 1.56×10¹⁴ FLOP/s, 200,000,000 bytes / 1×10¹² B/s) "
            "= 0.005 s" in result.output)
    assert "39 G multiply-adds per image, batch 10" in result.output


def test_vit_without_multiply_adds_uses_patches_of_its_resolution(fixture_catalog):
    result = run(["estimate", "--arch", "vit", "--params", "1e8", "--resolution", "224", "--hardware", "a100",
                  "--format", "json"])
    assert result.exit_code == 0, result.output
    # (224 / 16)² + 1 = 197 tokens × 1e8 parameters = 19.7 G multiply-adds
    assert json.loads(result.output)["inputs"]["gflops_per_item"] == pytest.approx(19.7, rel=1e-12)


@pytest.mark.parametrize("args, message", [
    (["--arch", "cnn", "--params", "25M"], "Error: --arch cnn needs --gflops-per-item (multiply-adds per image, "
     "billions, as torchvision's tables give them: ResNet-50 = 4.09)."),
    (["--arch", "unet", "--params", "31M", "--gflops-per-item", "54.6", "--tokens-in", "10"],
     "Error: --tokens-in, --tokens-out and --active-params do not apply to --arch unet (a vision network is costed "
     "by --gflops-per-item)."),
    (["--arch", "encoder", "--params", "110M", "--tokens-in", "10", "--gflops-per-item", "4"],
     "Error: --gflops-per-item, --resolution and --phase fit apply to --arch cnn, unet or vit; got --arch encoder."),
    (["--arch", "encoder", "--params", "110M"], "Error: --arch encoder needs --tokens-in (input tokens per item)."),
])
def test_estimate_refuses_mixed_options_in_one_line(fixture_catalog, args, message):
    result = run(["estimate", *args, "--hardware", "a100"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1] == message


def test_help_says_the_multiply_add_convention():
    result = run(["estimate", "--help"])
    assert "torchvision's 'GFLOPS' convention (ResNet-50 at 224 px = 4.09)" in " ".join(result.output.split())


def test_the_issue_command_returns_a_range_on_the_shipped_catalog():
    result = run(["estimate", "--arch", "cnn", "--params", "25.56M", "--gflops-per-item", "4.09", "--hardware",
                  "h100", "--batch-size", "1", "--items", "1000", "--format", "json"])
    assert result.exit_code == 0, result.output
    it = json.loads(result.output)["energy_wh"]["it"]
    assert it["low"] < it["mid"] < it["high"]


# -- names and the catalog

def test_image_task_names():
    from recommender.catalog import load_catalog
    from recommender.usecases.names import task_id

    tasks = load_catalog().tasks
    assert [task_id(n, tasks) for n in ("image-segmentation", "Image_Classification", "object-detection")] == \
        ["segmentation", "image-classification", "detection"]


def test_vision_facts_halve_ultralytics_and_keep_torchvision():
    from recommender.catalog import load_catalog
    from recommender.footprint.vision import gflops_range, vision_facts

    facts = vision_facts(load_catalog())
    assert facts["resnet-50"].gflops_per_item == 4.09
    assert facts["yolov8n"].gflops_per_item == 8.7 / 2
    r = gflops_range(facts["nnunet"])
    assert (r.low, r.mid, r.high) == (130.0, 257.0, 510.0)
    assert set(facts) <= set(load_catalog().models)


def test_image_models_carry_their_published_counts():
    from recommender.catalog import load_catalog

    m = load_catalog().models
    assert [m[i].params_total for i in ("unet", "resnet-50", "vit-b-16", "medsam")] == \
        [31031685, 25557032, 86567656, 93729252]
    assert "image-classification" in m["gpt-4o"].tasks and "image" in m["gpt-4o"].data_kinds


# -- recommend and compare

def _recommend(task, **kw):
    from recommender.usecases.recommend import Query, recommend

    return recommend(Query(task=task, domain="biomed", **kw))


def test_biomedical_segmentation_ranks_a_unet_first_with_its_dice():
    r = _recommend("image-segmentation", data_sensitivity="public")
    first = r.ranked[0]
    assert first.model.architecture == "unet" and first.quality.score.metric == "Dice"
    assert first.quality.score.method == "published"
    assert r.reference.benchmark == "ACDC (nnU-Net Revisited)"
    assert sum(o.footprint.total_wh is not None for o in r.ranked) >= 3


def test_image_classification_ranks_a_cnn_first_and_shows_hosted_options_with_energy():
    r = _recommend("image-classification", data_sensitivity="public")
    assert r.ranked[0].model.architecture == "cnn" and r.ranked[0].quality.score is not None
    hosted = [o for o in r.ranked if o.model.is_external]
    assert {"gpt-4o", "gpt-4v"} <= {o.model.id for o in hosted}
    assert all(o.footprint.total_wh is not None for o in hosted)
    gpt4v = next(o for o in hosted if o.model.id == "gpt-4v")
    assert gpt4v.quality.score is None and gpt4v.quality.others  # supporting scores, another benchmark


def test_sensitive_images_never_go_to_an_external_platform():
    r = _recommend("image-classification", data_sensitivity="sensitive")
    assert not any(o.model.is_external for o in r.ranked)
    excluded = {o.model.id: [f.code for f in o.excluded_by] for o in r.excluded}
    assert "sensitive-data-external-platform" in excluded["gpt-4o"]


def test_compare_infers_image_data_from_the_models():
    result = run(["compare", "resnet-18", "resnet-50", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert "image-classification on 10,000 image items" in run(["compare", "resnet-18", "resnet-50"]).output


# -- the vision bench suite and its architectures

def test_the_vision_suite_loads():
    from recommender.measure.suites import load_suite

    suite = load_suite("benchmarks/vision-cpu.toml")
    assert [e.model for e in suite.entries] == ["mobilenet-v2", "efficientnet-b0", "resnet-18", "resnet-50",
                                                "vit-s-16", "vit-b-16", "unet"]
    assert {e.kind for e in suite.entries} == {"vision"} and {e.phases for e in suite.entries} == {("inference", "fit")}


PUBLISHED = {"resnet-18": 11_689_512, "resnet-50": 25_557_032, "mobilenet-v2": 3_504_872,
             "efficientnet-b0": 5_288_548, "unet": 31_031_685, "vit-s-16": 22_050_664, "vit-b-16": 86_567_656}
"""torchvision's model docs; the zhixuhao/unet Keras summary; timm/DeiT-S (22.05M)."""


@pytest.mark.parametrize("model_id", sorted(PUBLISHED))
def test_architectures_have_the_published_parameter_count_to_the_unit(model_id):
    pytest.importorskip("torch")
    from recommender.measure.vision import build_network, parameter_count

    assert parameter_count(build_network(model_id).module) == PUBLISHED[model_id]


@pytest.mark.parametrize("model_id, gmacs", [("resnet-50", 4.09), ("resnet-18", 1.81), ("vit-b-16", 17.56),
                                             ("mobilenet-v2", 0.30), ("efficientnet-b0", 0.39)])
def test_multiply_adds_match_torchvision_tables(model_id, gmacs):
    pytest.importorskip("torch")
    from recommender.measure.vision import build_network, multiply_adds

    assert round(multiply_adds(build_network(model_id)) / 1e9, 2) == gmacs


def test_a_vision_workload_runs_one_batch_and_says_random_weights():
    pytest.importorskip("torch")
    from recommender.measure.suites import load_suite
    from recommender.measure.workloads import build

    entry = load_suite("benchmarks/vision-cpu.toml").entries[0]
    for phase in ("inference", "fit"):
        op = build(entry, phase, threads=1)
        op.run()
        assert (op.items, op.batch_size) == (4, 4)
        assert "weights random" in op.data and op.weights.startswith("random")
    assert op.epochs == 1


# -- calibration

def test_vision_calibration_rows_use_the_gpu_share_of_the_node():
    from recommender.catalog import load_catalog
    from recommender.footprint.calibration import Row
    from recommender.footprint.vision import read_vision_rows

    rows = [Row(*fields) for fields in read_vision_rows(load_catalog())]
    php = [r for r in rows if r.source == "Luccioni et al. 2024 raw logs (images)"]
    assert len(php) == 8
    assert {(r.boundary, r.spec.gpus, r.spec.idle_gpus, r.spec.batch_size.mid) for r in php} == \
        {("accelerator", 1, 7, 1.0)}
    assert min(r.energy_wh_per_1k for r in php) == 2.732
    assert all(not math.isnan(r.spec.gflops_per_item.mid) for r in rows)


def test_a_measured_one_epoch_training_figure_is_scaled_to_the_workloads_epochs():
    from recommender.catalog import load_catalog
    from recommender.footprint import Workload, footprint

    catalog = load_catalog()
    [fit] = [e for e in catalog.energy_of("resnet-18") if e.phase == "fit" and e.hardware == "cpu-server"]
    assert (fit.method, fit.epochs, fit.boundary) == ("measured", 1.0, "it")
    w = Workload(task="image-classification", data_kind="image", items=1000, tokens_in=0, tokens_out=0,
                 train_items=5000, epochs=3.0, hardware="cpu-server")
    f = footprint(catalog.models["resnet-18"], w, catalog)
    pue = catalog.datacenters["local-office"].pue
    assert f.setup_wh.mid == pytest.approx(fit.energy_wh_per_1k * 3 / 1 * 5000 / 1000 * pue, rel=1e-12)
    assert f.setup_basis.method == "measured"
    assert f.setup_basis.steps[-1].startswith("× 3 / 1 epochs (the workload's training over the figure's)")
