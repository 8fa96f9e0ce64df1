"""The option vocabulary of frugal, declared once: one name, one meaning, in every command
(docs/cli.md lists them all).

``--lang`` is the language of the output, ``--data-lang`` the language of the data, ``--data-kind``
the kind of data; ``--data`` is ``frugal trial``'s input file only. The old spellings (``--data
KIND``; ``recommend --lang CODE`` for the data's language) still work until 0.3, with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import click

from ..catalog.schema import DATA_KINDS, DOMAINS
from ..errors import InvalidInput
from ..footprint.defaults import GRID_ZONE, TRAIN_ITEMS, VOLUME_ITEMS
from ..render.formats import FORMATS, LANGS
from ..units import parse_count, parse_duration_s, parse_positive_float, shown

REMOVAL = "0.3"
"""The release in which the old spellings go."""


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


def _bound(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:g}"


class Bounded(click.ParamType):
    """A finite number between ``low`` and ``high`` (inclusive; ``low`` excluded with ``low_open``),
    whole with ``whole``: what click's FloatRange/IntRange miss (nan, inf, absurd sizes)."""

    def __init__(self, low: float, high: float, *, whole: bool = False, low_open: bool = False):
        self.low, self.high, self.whole, self.low_open = low, high, whole, low_open
        self.name = "N" if whole else "X"

    def convert(self, value, param, ctx):
        import math

        if isinstance(value, (int, float)) and not isinstance(value, bool):
            number = value
        else:
            try:
                number = float(str(value).strip())
            except ValueError:
                number = math.nan
        low_ok = number > self.low if self.low_open else number >= self.low
        if not (math.isfinite(number) and low_ok and number <= self.high) or (self.whole and number != int(number)):
            kind = "a whole number" if self.whole else "a number"
            low = f"above {_bound(self.low)}" if self.low_open else f"from {_bound(self.low)}"
            self.fail(f"must be {kind} {low} to {_bound(self.high)}; got '{shown(value)}'.", param, ctx)
        return int(number) if self.whole else float(number)


class LanguageCode(click.ParamType):
    """An ISO 639-1 language code, any case (``FR`` is ``fr``); a language's name is refused with its code."""

    name = "CODE"

    def convert(self, value, param, ctx):
        from ..errors import InvalidInput
        from ..usecases.names import language_code

        try:
            return language_code(value)
        except InvalidInput as exc:
            self.fail(str(exc), param, ctx)


COUNT = Count()
DURATION = Duration()
POSITIVE_FLOAT = PositiveFloat()
LANGUAGE_CODE = LanguageCode()


def notice(text: str) -> None:
    """One line on stderr about an old spelling that still works."""
    click.echo(f"Notice: {text}", err=True)


def _apply(f: Callable, options: tuple) -> Callable:
    for option in reversed(options):
        f = option(f)
    return f


def wide_option(f: Callable) -> Callable:
    """``--wide``: every column of a terminal table, whatever the terminal's width (``table_format.WIDE``)."""
    return click.option("--wide", is_flag=True,
                        help="Keep every column of the table, whatever the terminal's width.")(f)


def format_option(formats: tuple[str, ...] = FORMATS) -> Callable:
    """``--format``: the output formats, shared by every command that renders a result."""
    return click.option("--format", "fmt", type=click.Choice(formats), default="table", show_default=True,
                        help="Output format; json is stable and documented in docs/json.md.")


def lang_option(*, data_lang_fallback: bool = False) -> Callable:
    """``--lang``: the language of the output. With ``data_lang_fallback`` (``frugal recommend``,
    where it meant the data's language until 0.2) any language code is taken, and
    ``resolve_langs`` says what it is read as."""
    if data_lang_fallback:
        return click.option("--lang", default="en", show_default=True, metavar="|".join(LANGS),
                            help="Language of the output (the data's language is --data-lang).")
    return click.option("--lang", type=click.Choice(LANGS), default="en", show_default=True,
                        help="Language of the output.")


def data_lang_option(f: Callable) -> Callable:
    """``--data-lang``: the language of the data (the rules exclude options that do not handle it)."""
    return click.option("--data-lang", type=LANGUAGE_CODE, help="Language of the data, ISO 639-1 [default: en].")(f)


def output_options(formats: tuple[str, ...] = FORMATS, *, data_lang_fallback: bool = False) -> Callable:
    """``--format`` and ``--lang``: how a result is written."""
    return lambda f: _apply(f, (format_option(formats), lang_option(data_lang_fallback=data_lang_fallback)))


def question_options(*, task_required: bool = True, domain: bool = True, sensitivity: bool = True,
                     use: bool = True, data_lang: bool = True) -> Callable:
    """The question asked: task, kind of data, domain, sensitivity, use and language of the data."""
    from ..guidance.rules import SENSITIVITIES, USES

    task_help = ("What to do: classification, ner, summarization... (frugal catalog tasks)." if task_required
                 else "Task, as in frugal catalog tasks [default: the one most of the models can do].")
    options = [
        click.option("--task", required=task_required, help=task_help),
        click.option("--data-kind", type=click.Choice(DATA_KINDS),
                     help="Kind of data [default: the task's usual kind, said in one line]."),
        click.option("--data", "old_data_kind", type=click.Choice(DATA_KINDS), hidden=True,
                     help=f"Old name of --data-kind (until {REMOVAL})."),
    ]
    if domain:
        options.append(click.option("--domain", default="general", show_default=True,
                                    help=f"Domain of the data: {', '.join(DOMAINS)}; picks the quality benchmark."))
    if sensitivity:
        options.append(click.option("--data-sensitivity", type=click.Choice(SENSITIVITIES),
                                    help="Sensitivity of the data [default: sensitive, the safe choice]."))
    if use:
        options.append(click.option("--use", type=click.Choice(USES), default="analysis", show_default=True,
                                    help="What the output is for; code-* values are code generation for those "
                                         "applications."))
    if data_lang:
        options.append(data_lang_option)
    return lambda f: _apply(f, tuple(options))


def quality_options(f: Callable) -> Callable:
    """What is good enough: an absolute floor or a tolerance below the best option, in points 0–100."""
    return _apply(f, (
        click.option("--min-quality", type=float, metavar="X",
                     help="Exclude options scoring below X points (0–100) on the reference benchmark."),
        click.option("--tolerance", type=float, metavar="X",
                     help="Exclude options more than X points (0–100) below the best allowed option."),
    ))


def workload_options(f: Callable) -> Callable:
    """Options that describe where and how much the user will run."""
    return _apply(f, (
        click.option("--volume", type=COUNT, default=str(VOLUME_ITEMS), show_default=True,
                     help="Items to process (1e6, 250k...)."),
        click.option("--hardware", metavar="ID", help="Hardware for local options (frugal catalog hardware)."),
        click.option("--grid", metavar="ZONE", default=GRID_ZONE, show_default=True,
                     help="Grid zone of local computation (hosted platforms use their datacenter's)."),
        click.option("--grid-intensity", type=POSITIVE_FLOAT, metavar="G",
                     help="g CO2e per kWh for local computation, overriding --grid's figure."),
        click.option("--tokens-in", type=COUNT, help="Input tokens per item [default: the task's typical length]."),
        click.option("--tokens-out", type=COUNT, help="Generated tokens per item for generative options."),
        click.option("--train-items", type=COUNT, default=str(TRAIN_ITEMS), show_default=True,
                     help="Labelled items for a one-off fit or fine-tune."),
        click.option("--lifetime-years", type=Bounded(0, 30, low_open=True), metavar="YEARS",
                     help="Years the hardware serves, for embodied impacts [default: per hardware, cited]."),
        click.option("--utilisation", type=Bounded(0, 1, low_open=True), metavar="X",
                     help="Share of its lifetime the hardware is in use, above 0 to 1 [default: per hardware]."),
        click.option("--setup-runs", type=Bounded(1, 10_000, whole=True), metavar="N",
                     help="Setup runs to count: hyperparameter search and failed runs included [default: 1]."),
    ))


def resolve_langs(lang: str, data_lang: str | None) -> tuple[str, str]:
    """``frugal recommend``'s (output language, data language) from ``--lang`` and ``--data-lang``:
    ``--lang`` that is not an output language is the data's, as before 0.2; ``--lang en|fr``
    alone also sets the data's language, as before. Each old use says so on stderr."""
    given = click.get_current_context().get_parameter_source("lang") != click.core.ParameterSource.DEFAULT
    if lang not in LANGS:
        if not re.fullmatch(r"[a-z]{2}", lang):
            raise click.BadParameter(f"'{lang}' is not one of {', '.join(map(repr, LANGS))}.", param_hint="'--lang'")
        if data_lang is not None and data_lang != lang:
            raise click.UsageError(f"--lang {lang} is not an output language ({', '.join(LANGS)}); give the data's "
                                   f"language as --data-lang only.")
        notice(f"--lang is now the language of the output ({', '.join(LANGS)}); read --lang {lang} as "
               f"--data-lang {lang} (it will be an error in {REMOVAL}).")
        return "en", lang
    if given and data_lang is None:
        notice(f"--lang now sets the language of the output; it also sets the data's language (--data-lang) "
               f"until {REMOVAL}. Give --data-lang to set that alone.")
        return lang, lang
    return lang, data_lang or "en"


def query_from(options: dict, data_lang: str | None = None):
    """The library's ``Query`` from the parsed question, workload and quality options (``data_lang``
    given when the command resolved it itself); ``--data`` is read as ``--data-kind``, with a notice."""
    from ..usecases.recommend import Query

    options = dict(options)
    old = options.pop("old_data_kind", None)
    if old is not None:
        if options.get("data_kind") not in (None, old):
            raise click.UsageError("give --data-kind only (--data is its old name).")
        notice(f"--data is now --data-kind (--data will be removed in {REMOVAL}).")
        options["data_kind"] = old
    given_lang = options.pop("data_lang", None)
    if options.get("min_quality") is not None and options.get("tolerance") is not None:
        raise click.UsageError("give --min-quality or --tolerance, not both.")
    return Query(data_lang=data_lang or given_lang or "en", **options)


def country_option() -> Callable:
    """``--country``: the grid country the meter (CodeCarbon) is told, for ``bench`` and ``trial``."""
    from ..measure.meter import COUNTRY

    return click.option("--country", default=COUNTRY, show_default=True,
                        help="ISO 3166 alpha-3 country of the grid (CodeCarbon).")
