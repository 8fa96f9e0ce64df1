"""The wheel ships the catalog: install it in a fresh virtual environment outside the checkout
and run ``frugal recommend`` there (offline: dependencies come from this environment)."""

import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def installed_wheel(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                    "-q", "-w", str(work / "dist"), str(ROOT)], check=True)
    wheel = next((work / "dist").glob("frugal_advisor-*.whl"))
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    target = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                            check=True, capture_output=True, text=True).stdout.strip()
    # Dependencies (click, rich...) are borrowed from this environment, after the wheel's own files.
    Path(target, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "-q", "--target", target,
                    str(wheel)], check=True)
    return env_dir, work


def outside_env(tmp_path) -> dict[str, str]:
    """This environment without the checkout's catalog or path, with its own user directory."""
    env = {k: v for k, v in os.environ.items() if k not in ("FRUGAL_CATALOG", "PYTHONPATH")}
    env["FRUGAL_HOME"] = str(tmp_path / "home")
    return env


def test_installed_wheel_recommends_from_its_own_catalog(installed_wheel, tmp_path):
    env_dir, work = installed_wheel
    env = outside_env(tmp_path)
    located = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c",
         "import recommender, recommender.catalog as c; print(recommender.__file__); print(c.shipped_catalog_dir())"],
        cwd=work, env=env, check=True, capture_output=True, text=True).stdout.splitlines()
    assert located[0].startswith(str(env_dir))
    assert located[1].startswith(str(env_dir)) and located[1].endswith("recommender/_catalog")
    result = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "recommender", "recommend", "--task", "classification",
         "--domain", "biomed"], cwd=work, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "good enough on evidence first, then quality unknown, least total energy first in each:" in result.stdout
    assert any(line.startswith("1 ") for line in result.stdout.splitlines())
    dry_run = subprocess.run(
        [str(env_dir / "bin" / "python"), "-m", "recommender", "bench", "--suite", "classic-ml", "--dry-run"],
        cwd=work, env=env, capture_output=True, text=True)
    assert dry_run.returncode == 0, dry_run.stderr
    assert "tfidf-logreg" in dry_run.stdout
    profile = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c",
         "from recommender.measure.slurm import profile_dirs; print([str(d) for d in profile_dirs()])"],
        cwd=work, env=env, capture_output=True, text=True)
    assert profile.returncode == 0, profile.stderr
    assert str(env_dir) in profile.stdout and "_benchmarks/profiles" in profile.stdout
    assert "Note (transparency-disclosure)" in result.stdout


def test_the_wheel_ships_every_file_of_the_manifest_byte_for_byte(installed_wheel, tmp_path):
    """Every file the catalog manifest names is in the installed package, as in the checkout, and the
    installed catalog's fingerprint is the checkout's (it hashes those files)."""
    from recommender.catalog import MANIFEST, Catalog

    env_dir, work = installed_wheel
    env = outside_env(tmp_path)
    shipped = subprocess.run(
        [str(env_dir / "bin" / "python"), "-c",
         "import recommender.catalog as c; print(c.shipped_catalog_dir()); print(c.load_catalog().fingerprint)"],
        cwd=work, env=env, check=True, capture_output=True, text=True).stdout.splitlines()
    installed = Path(shipped[0])
    for name in MANIFEST:
        assert (installed / name).read_bytes() == (ROOT / "catalog" / name).read_bytes(), name
    assert shipped[1] == Catalog.load(ROOT / "catalog").fingerprint
