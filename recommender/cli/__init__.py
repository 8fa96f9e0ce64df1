"""The ``frugal`` command: a thin layer over the library.

Commands live in one module per command group and are imported only when used, so that
``frugal recommend`` starts fast. Expected failures (``FrugalError``) become one ``Error: ...``
line and their exit code here, at the edge; bugs still raise.
"""

from __future__ import annotations

import sys
from importlib import import_module

import click

from ..version import __version__
from ..errors import FrugalError

COMMANDS = {
    "recommend": "recommender.cli.recommend:recommend",
    "catalog": "recommender.cli.catalog:catalog",
    "compare": "recommender.cli.compare:compare",
    "report": "recommender.cli.report:report",
    "disclose": "recommender.cli.disclose:disclose",
    "estimate": "recommender.cli.estimate:estimate",
    "estimator": "recommender.cli.estimator:estimator",
    "bench": "recommender.cli.bench:bench",
    "trial": "recommender.cli.trial:trial",
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def __init__(self, *args, lazy: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.lazy = lazy

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy:
            module, attr = self.lazy[name].split(":")
            return getattr(import_module(module), attr)
        return super().get_command(ctx, name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Run the command; a user's mistake or an expected failure prints one ``Error: ...`` line."""
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.exceptions.NoArgsIsHelpError as exc:  # bare ``frugal`` or ``frugal catalog``: the help
            click.echo(exc.ctx.get_help() if exc.ctx else exc.format_message())
            sys.exit(0)
        except click.ClickException as exc:  # usage errors included
            click.echo(f"Error: {_visible(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("Aborted.", err=True)
            sys.exit(1)
        except FrugalError as exc:
            click.echo(f"Error: {_visible(exc)}", err=True)
            sys.exit(exc.exit_code)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)


@click.group(
    cls=LazyGroup, lazy=COMMANDS,
    epilog="""\b
Examples:
  frugal recommend --task classification --domain biomed
  frugal recommend --task summarization --data-sensitivity public --volume 1e5 --explain
  frugal catalog list --family encoder
  frugal catalog show biobert
  frugal estimate --params 8B --arch decoder --tokens-in 500 --tokens-out 200 --hardware a100 --explain
  frugal bench --suite classic-ml
""",
)
@click.version_option(__version__, prog_name="frugal")
def cli() -> None:
    """Which AI system should we use, and what will it cost the planet?

    frugal ranks AI options for a task from least to most resource-hungry, with energy,
    carbon and water for your volume, published quality, and the institute's guidance rules.
    Offline: every command works from the shipped catalog unless its purpose is the network.
    """


def main() -> None:
    cli(prog_name="frugal")


def _visible(message: object) -> str:
    """An error message with its control characters shown as escapes (``render.safe``, imported only
    when an error is printed: it is not on the start-up path)."""
    from ..render.safe import visible

    return visible(message)
