"""Options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable

import click

from ..errors import InvalidInput
from ..render import FORMATS
from ..units import parse_count, parse_duration_s, parse_positive_float


class _Parsed(click.ParamType):
    """A parameter parsed by a ``units`` function; its error names the option once."""

    parse = staticmethod(parse_count)

    def convert(self, value, param, ctx):
        if not isinstance(value, str):
            return value
        what = param.opts[0] if param else "value"
        try:
            return self.parse(value, what)
        except InvalidInput as exc:
            self.fail(str(exc).removeprefix(f"{what} "), param, ctx)


class Count(_Parsed):
    """A positive count: 1000, 1e6, 110M, 8B."""

    name = "N"
    parse = staticmethod(parse_count)


class PositiveFloat(_Parsed):
    """A strictly positive real number."""

    name = "X"
    parse = staticmethod(parse_positive_float)


class Duration(_Parsed):
    """A positive duration, in seconds: 90, 90s, 10m, 1h."""

    name = "DURATION"
    parse = staticmethod(parse_duration_s)


COUNT = Count()
DURATION = Duration()
POSITIVE_FLOAT = PositiveFloat()


def format_option(formats: tuple[str, ...] = FORMATS) -> Callable:
    """``--format``: the output formats, shared by every command that renders a result."""
    return click.option("--format", "fmt", type=click.Choice(formats), default="table", show_default=True,
                        help="Output format; json is stable and documented in docs/json.md.")


def _apply(f: Callable, options: tuple) -> Callable:
    for option in reversed(options):
        f = option(f)
    return f


def question_options(f: Callable) -> Callable:
    """The question asked: task, data, domain, sensitivity, use (shared by recommend and report)."""
    from ..guidance.rules import SENSITIVITIES, USES

    return _apply(f, (
        click.option("--task", required=True, help="What to do: classification, ner, summarization... "
                     "(frugal catalog tasks)."),
        click.option("--data", "data_kind", type=click.Choice(("text", "tabular", "image")),
                     help="Kind of data (default: the task's usual kind, said in one line)."),
        click.option("--domain", default="general", show_default=True, help="general, biomed or clinical."),
        click.option("--data-sensitivity", type=click.Choice(SENSITIVITIES),
                     help="Sensitivity of the data [default: sensitive, the safe choice]."),
        click.option("--use", type=click.Choice(USES), default="analysis", show_default=True,
                     help="What the output is for; code-* values are code generation for those applications."),
    ))


def quality_options(f: Callable) -> Callable:
    """What is good enough: an absolute floor or a tolerance below the best option."""
    return _apply(f, (
        click.option("--min-quality", type=float, metavar="X", help="Exclude options scoring below X (0–100)."),
        click.option("--tolerance", type=float, metavar="X",
                     help="Exclude options more than X points below the best allowed option."),
    ))


def query_from(options: dict):
    """The library's ``Query`` from the parsed question, workload and quality options."""
    from ..usecases.recommend import Query

    if options.get("min_quality") is not None and options.get("tolerance") is not None:
        raise click.UsageError("give --min-quality or --tolerance, not both.")
    return Query(**options)


def workload_options(f: Callable) -> Callable:
    """Options that describe where and how much the user will run."""
    return _apply(f, (
        click.option("--volume", type=COUNT, default="10000", show_default=True,
                     help="Items to process (1e6, 250k...)."),
        click.option("--hardware", metavar="ID", help="Hardware for local options (frugal catalog hardware)."),
        click.option("--grid", metavar="ZONE", default="FR", show_default=True,
                     help="Grid zone of local computation (hosted platforms use their datacenter's)."),
        click.option("--grid-intensity", type=POSITIVE_FLOAT, metavar="G",
                     help="g CO2e per kWh for local computation, overriding --grid's figure."),
        click.option("--tokens-in", type=COUNT, help="Input tokens per item (default: the task's typical length)."),
        click.option("--tokens-out", type=COUNT, help="Generated tokens per item for generative options."),
        click.option("--train-items", type=COUNT, default="5000", show_default=True,
                     help="Labelled items for a one-off fit or fine-tune."),
    ))
