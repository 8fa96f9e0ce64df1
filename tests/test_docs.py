"""Every command has help with examples, and the README mentions it."""

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from recommender.cli import cli

README = (Path(__file__).parent.parent / "README.md").read_text()


def all_commands(group: click.Group, prefix=()):
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        yield prefix + (name,), command
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


COMMANDS = list(all_commands(cli))


@pytest.mark.parametrize("path, command", COMMANDS, ids=[" ".join(p) for p, _ in COMMANDS])
def test_every_command_has_help(path, command):
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0
    assert command.help, f"frugal {' '.join(path)} has no help text"
    if not isinstance(command, click.Group):
        assert "Examples:" in result.output, f"frugal {' '.join(path)} --help has no examples"


@pytest.mark.parametrize("path", [p for p, c in COMMANDS if len(p) == 1], ids=lambda p: p[0])
def test_every_top_level_command_is_in_the_readme(path):
    assert f"frugal {path[0]}" in README


def test_main_help_has_examples():
    result = CliRunner().invoke(cli, ["--help"])
    assert "frugal recommend --task classification --domain biomed" in result.output
