"""Issue 12, "honest labels and small truths": CPU figures say how they were metered and are scaled
between CPU profiles; estimate warns when the weights do not fit; estimator validate ends with a
verdict; compare orders rows as recommend does and spares the most frugal row the frugality caveat."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from recommender.catalog import load_catalog
from recommender.cli import cli
from recommender.footprint import Workload, footprint
from recommender.footprint.calibration import Scores
from recommender.footprint.cpu_scaling import cpu_energy_factor, machine_of
from recommender.footprint.goal import goal_verdict
from recommender.render.cells import basis_label, option_cells
from recommender.usecases.compare import compare
from recommender.usecases.recommend import Query, recommend

NBSP = "\u00a0"
# The shipped tfidf-logreg inference figure: 0.001198 Wh per 1,000 items, IT boundary, measured by frugal bench
# with CodeCarbon's load-based CPU estimate on "AMD EPYC (2 logical cores)", stored under cpu-server
# (2 x EPYC 7742: 450 W, 9.216 TFLOP/s). Local CPU runs are at local-office, PUE 1: facility = IT.
TFIDF_WH_PER_1K = 0.001198
# Watts per peak FP32 TFLOP/s, by hand from catalog/hardware.csv:
#   cpu-laptop      28 W / 0.358 TFLOP/s = 78.2123
#   cpu-workstation 65 W / 0.973 TFLOP/s = 66.8037
#   cpu-server     450 W / 9.216 TFLOP/s = 48.8281
LAPTOP_OVER_SERVER = 1.601788  # 78.2123 / 48.8281
WORKSTATION_OVER_SERVER = 1.368140  # 66.8037 / 48.8281


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


def workload(hardware: str | None) -> Workload:
    return Workload(task="classification", data_kind="text", items=10_000, tokens_in=300, tokens_out=0,
                    hardware=hardware)


def test_cpu_energy_factor_is_the_ratio_of_watts_per_peak_flops(catalog):
    hw = catalog.hardware
    assert cpu_energy_factor(hw["cpu-server"], hw["cpu-laptop"]) == pytest.approx(LAPTOP_OVER_SERVER, rel=1e-6)
    assert cpu_energy_factor(hw["cpu-server"], hw["cpu-workstation"]) == pytest.approx(WORKSTATION_OVER_SERVER,
                                                                                       rel=1e-6)
    assert cpu_energy_factor(hw["cpu-laptop"], hw["cpu-server"]) == pytest.approx(1 / LAPTOP_OVER_SERVER, rel=1e-6)
    assert cpu_energy_factor(hw["cpu-server"], hw["cpu-server"]) == 1.0
    with pytest.raises(ValueError):
        cpu_energy_factor(hw["cpu-server"], hw["a100"])


@pytest.mark.parametrize("hardware, wh_per_1k", [
    ("cpu-laptop", 0.0019189),  # 0.001198 × 1.601788 × PUE 1
    ("cpu-workstation", 0.0016390),  # 0.001198 × 1.368140
    ("cpu-server", 0.001198),  # its own profile: unchanged
])
def test_a_cpu_figure_is_scaled_to_the_cpu_it_is_used_on(catalog, hardware, wh_per_1k):
    fp = footprint(catalog.models["tfidf-logreg"], workload(hardware), catalog)
    assert fp.use_wh_per_1k.mid == pytest.approx(wh_per_1k, rel=1e-4)
    assert fp.use_basis.method == "measured" and fp.use_basis.hardware == "cpu-server"


def test_laptop_and_server_never_get_the_same_cpu_figure(catalog):
    laptop = footprint(catalog.models["biobert"], workload("cpu-laptop"), catalog).use_wh_per_1k.mid
    server = footprint(catalog.models["biobert"], workload("cpu-server"), catalog).use_wh_per_1k.mid
    assert server == pytest.approx(1.099, rel=1e-9)  # the shipped figure, measured on 2 Xeon vCPUs
    assert laptop / server == pytest.approx(LAPTOP_OVER_SERVER, rel=1e-6)


def test_the_scaling_is_a_step_with_its_numbers(catalog):
    steps = footprint(catalog.models["tfidf-logreg"], workload("cpu-laptop"), catalog).use_basis.steps
    assert steps[1] == ("cpu-server → cpu-laptop: × 1.602 = (28 W / 0.358 TFLOP/s) / (450 W / 9.216 TFLOP/s), the "
                        "profiles' watts per peak FP32 TFLOP/s; 0.001198 × 1.602 = 0.001919 Wh per 1,000 items on "
                        "cpu-laptop")


def test_labels_say_load_based_and_scaled_in_english_and_french(catalog):
    laptop = footprint(catalog.models["tfidf-logreg"], workload("cpu-laptop"), catalog).use_basis
    server = footprint(catalog.models["tfidf-logreg"], workload("cpu-server"), catalog).use_basis
    assert basis_label(laptop) == ("measured on AMD EPYC (2 logical cores), CPU power estimated from load; "
                                   "scaled to cpu-laptop (× 1.6)")
    assert basis_label(laptop, "fr") == (f"mesurée sur AMD EPYC (2 cœurs logiques), puissance CPU estimée d'après "
                                         f"la charge{NBSP}; ramenée à cpu-laptop (× 1,6)")
    assert basis_label(server) == "measured on AMD EPYC (2 logical cores), CPU power estimated from load"
    biobert = footprint(catalog.models["biobert"], workload("cpu-server"), catalog).use_basis
    assert basis_label(biobert) == ("measured on Intel(R) Xeon(R) Processor (2 logical cores), CPU power estimated "
                                    "from load")


def test_the_recommend_cells_carry_the_label_to_the_source(catalog):
    r = recommend(Query(task="classification", domain="biomed", hardware="cpu-laptop"), catalog)
    tfidf = next(o for o in r.ranked if o.model.id == "tfidf-linear-svm")
    cells = option_cells(tfidf)
    assert cells.per_1k.text == "0.0017 Wh scaled"  # 0.001049 × 1.601788 = 0.00168
    assert cells.per_1k.source == ("frugal bench, AMD EPYC, 2 logical cores: CPU power estimated from load; "
                                   "scaled to cpu-laptop (× 1.6)", "")
    assert cells.method == ("measured on AMD EPYC (2 logical cores), CPU power estimated from load; scaled to "
                            "cpu-laptop (× 1.6)")


def test_a_gpu_figure_has_no_cpu_label(catalog):
    fp = footprint(catalog.models["bert-base"], Workload(task="classification", data_kind="text", items=1000,
                                                          tokens_in=50, tokens_out=0, batch_size=1), catalog)
    assert fp.use_basis.provenance is None and basis_label(fp.use_basis) in ("published", "estimated")


def test_the_machine_is_read_from_the_notes_or_the_source(catalog):
    figure = next(e for e in catalog.energy if e.model_id == "biobert" and e.hardware == "cpu-server")
    assert machine_of(figure) == ("Intel(R) Xeon(R) Processor", 2)


# -- estimate


def estimate(*args: str):
    return CliRunner().invoke(cli, ["estimate", *args], catch_exceptions=False)


def test_estimate_warns_when_the_weights_do_not_fit():
    result = estimate("--params", "70B", "--arch", "decoder", "--tokens-in", "300", "--hardware", "cpu-laptop")
    assert result.exit_code == 0
    # 70e9 params × 4 bytes (fp32 on a CPU) × 1.2 headroom = 336 GB > 16 GB
    assert result.output.splitlines()[0] == (
        "Warning: the weights need about 336 GB at fp32 (70B params × 4 bytes × 1.2 headroom); Laptop CPU (Intel "
        "Core i7-1165G7, 4 cores) has 16 GB: the model does not fit, and recommend excludes such an option "
        "(does-not-fit-hardware). The figures below assume it ran.")
    gpu = estimate("--params", "70B", "--arch", "decoder", "--tokens-in", "300", "--hardware", "a100", "--gpus", "2")
    # 70e9 × 2 bytes (fp16) × 1.2 = 168 GB > 2 × 80 GB
    assert gpu.output.splitlines()[0] == (
        "Warning: the weights need about 168 GB at fp16 (70B params × 2 bytes × 1.2 headroom); NVIDIA A100 SXM4 80GB "
        "has 160 GB (2 × 80 GB): the model does not fit, and recommend excludes such an option "
        "(does-not-fit-hardware). The figures below assume it ran.")


def test_estimate_does_not_warn_when_they_fit_and_names_each_boundary():
    result = estimate("--params", "8B", "--arch", "decoder", "--tokens-in", "300", "--hardware", "a100")
    assert not result.output.startswith("Warning")  # 8e9 × 2 × 1.2 = 19.2 GB ≤ 80 GB
    labels = [line.split("  ")[0] for line in result.output.splitlines() if line.startswith("energy, ")]
    assert labels == ["energy, accelerator (GPUs)", "energy, host (CPU + RAM)", "energy, IT (accelerator + host)",
                      "energy, facility (IT × PUE)"]
    cpu = estimate("--params", "110M", "--arch", "encoder", "--tokens-in", "256", "--hardware", "cpu-laptop")
    labels = [line.split("  ")[0] for line in cpu.output.splitlines() if line.startswith("energy, ")]
    assert labels == ["energy, CPU", "energy, host (RAM)", "energy, IT (CPU + RAM)", "energy, facility (IT × PUE)"]


def test_estimate_json_carries_the_warning():
    import json

    data = json.loads(estimate("--params", "70B", "--arch", "decoder", "--tokens-in", "300", "--hardware",
                               "cpu-laptop", "--format", "json").output)
    assert len(data["warnings"]) == 1 and data["warnings"][0].startswith("Warning: the weights need about 336 GB")


# -- estimator validate


def test_the_verdict_says_which_part_of_the_goal_is_missed():
    assert goal_verdict(Scores("overall", 80, 0.211, 0.466, 0.85, 6.56)) == (
        "Verdict: goal not met (1 of 3 parts met) on 80 held-out rows: median 0.211 > 0.15 (missed), "
        "p90 0.466 > 0.4 (missed), 85% in range ≥ 80% (met).")
    assert goal_verdict(Scores("overall", 10, 0.15, 0.4, 0.8, 3.0)) == (
        "Verdict: goal met on 10 held-out rows: median 0.150 ≤ 0.15 (met), p90 0.400 ≤ 0.4 (met), "
        "80% in range ≥ 80% (met).")


def test_validate_ends_with_the_verdict():
    pytest.importorskip("sklearn")
    output = CliRunner().invoke(cli, ["estimator", "validate"], catch_exceptions=False).output
    last = output.rstrip("\n").splitlines()[-1]
    overall = next(line for line in output.splitlines() if line.startswith("estimator") and " overall " in line)
    median, p90, share = re.search(r"overall\s+\d+\s+([\d.]+)\s+([\d.]+)\s+(\d+)%", overall).groups()
    assert last.startswith("Verdict: goal ")
    assert f"median {median} {'≤' if float(median) <= 0.15 else '>'} 0.15" in last
    assert f"p90 {p90} {'≤' if float(p90) <= 0.4 else '>'} 0.4" in last
    assert f"{share}% in range {'≥' if int(share) >= 80 else '<'} 80%" in last


# -- compare


def test_compare_orders_rows_as_recommend_and_spares_the_most_frugal_row(catalog):
    models = ("biobert", "llama-3.2-1b", "qwen2.5-0.5b")
    query = Query(task="classification", domain="biomed")
    c = compare(models, query, catalog)
    named = recommend(Query(task="classification", domain="biomed", models=models), catalog)
    assert [r.model.id for r in c.rows] == [o.model.id for o in named.ranked]
    assert [r.model.id for r in c.rows][0] == "biobert"  # scored on HoC: good enough on evidence, ranked first
    least = min(c.rows, key=lambda r: r.option.footprint.total_wh.mid)
    assert least.model.id == "qwen2.5-0.5b" and round(least.ratio, 9) == 1
    assert "frugality-first" not in [f.code for f in least.option.caveats]
