"""Every command has help with examples, and the README mentions it."""

import re
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


CLI_DOC = (Path(__file__).parent.parent / "docs" / "cli.md").read_text()


def declared_options(hidden: bool = False) -> set[tuple[str, str]]:
    """(long option name, command path) of every option the commands declare (hidden ones or not)."""
    return {(max(p.opts, key=len), " ".join(path)) for path, command in COMMANDS for p in command.params
            if isinstance(p, click.Option) and p.hidden == hidden and p.name != "help"}


def documented_options() -> set[tuple[str, str]]:
    """(option, command) of every row of docs/cli.md's table."""
    rows = [line for line in CLI_DOC.splitlines() if line.startswith("| `-")]
    pairs = set()
    for row in rows:
        cells = row.strip("|").split(" | ")
        options = [o for o in re.findall(r"`([^`]+)`", cells[0]) if o.startswith("--")]
        commands = re.findall(r"`([^`]+)`", cells[-1])
        pairs |= {(o, c) for o in options for c in commands}
    return pairs


def test_the_options_table_has_every_option_of_every_command():
    declared, documented = declared_options(), documented_options()
    assert not declared - documented, f"not in docs/cli.md: {sorted(declared - documented)}"
    assert not documented - declared, f"in docs/cli.md, not in the commands: {sorted(documented - declared)}"


def test_the_only_hidden_options_are_the_old_spellings():
    assert declared_options(hidden=True) == {("--data", c) for c in ("recommend", "compare", "report", "disclose")} | {
        ("--target", "bench run")}
    assert "## Old spellings" in CLI_DOC


def test_the_api_examples_run_and_name_only_the_public_api():
    import ast
    import re

    import recommender

    text = (Path(__file__).parents[1] / "docs" / "api.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) == 2
    first_cells = re.findall(r"^\| (`.*?) \|", text, flags=re.M)
    documented = {name for cell in first_cells for name in re.findall(r"`(\w+)", cell)}
    assert documented == set(recommender.__all__)
    for code in blocks:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, ast.ImportFrom):
                assert node.module == "recommender" and all(a.name in recommender.__all__ for a in node.names)
        exec(compile(code, "docs/api.md", "exec"), {"print": lambda *args, **kwargs: None})
