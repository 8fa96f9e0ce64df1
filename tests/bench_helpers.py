"""What the frugal bench tests share: the fixture suites, a fixed machine, the CLI with the fake meter
(the ``fixed_machine`` fixture is in conftest.py)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from recommender.cli import cli
from recommender.measure.runner import Machine

SUITES = Path(__file__).parent / "fixtures" / "suites"
SPIN = str(SUITES / "spin.toml")
MACHINE = Machine(host="testhost", cpu="Test CPU 9000", cores=8, battery=False)
TODAY = date.today().isoformat()


def invoke(*args, env=None):
    """Run ``frugal ARGS`` with the fake meter (``FRUGAL_METER=fake``) unless ``env`` says otherwise."""
    return CliRunner().invoke(cli, list(args), env={"FRUGAL_METER": "fake", **(env or {})})
