"""How the command line explains itself, in Vietnamese: help pages and the messages of usage errors.

The command-line framework (typer, and the click inside it) writes its own words in English and
offers no translation hook for most of them, so its help formatter, context and commands are
subclassed here: headings and fixed phrases are put in the user's words, and each kind of usage
error is told again from what it carries (the option, the value, the problem).
"""

from __future__ import annotations

import re

from typer.core import TyperCommand, TyperGroup

try:  # typer 0.2x carries its own copy of click
    from typer import _click as click
except ImportError:  # pragma: no cover - older typer, with click beside it
    import click

from . import texts

errors = click.exceptions

#: The framework's own problems with a value, as patterns over its English: pydantic's words (typer
#: 0.29 and later) or click's (earlier typer).
_PROBLEMS = {
    "at_least": re.compile(r"(?:Input should be greater than or equal to |.* is not in the range x>=)"
                           r"(?P<limit>-?\d+(?:\.\d+)?)"),
    "integer": re.compile(r"Input should be a valid integer|.* is not a valid int(?:eger)?\b"),
    "number": re.compile(r"Input should be a valid number|.* is not a valid float\b"),
}
#: Usage errors click raises with only an English sentence, as patterns over it.
_SENTENCES = {
    "needs_value": re.compile(r"Option '(?P<name>[^']+)' requires (?:an argument|\d+ arguments)\."),
    "takes_no_value": re.compile(r"Option '(?P<name>[^']+)' does not take a value\."),
    "no_command": re.compile(r"No such command '(?P<name>[^']*)'\.(?: Did you mean (?P<close>.+)\?)?"),
    "missing_command": re.compile(r"Missing command\."),
    "extra": re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.*)\)"),
}


_TYPE = re.compile(r" <[^<>]+>")  # the framework's name of a value's type: <path>, <list[str]>


def phrase(text: str) -> str:
    """``text`` with the framework's fixed phrases (help option, defaults, ranges) in Vietnamese."""
    for english, vietnamese in texts.CLI_FRAMEWORK_WORDS.items():
        text = text.replace(english, vietnamese)
    return text


class Formatter(click.HelpFormatter):
    """The help page's layout, with its headings and phrases in Vietnamese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, phrase(args), texts.CLI_USAGE)

    def write_heading(self, heading: str) -> None:
        super().write_heading(texts.CLI_HEADINGS.get(heading, heading))

    def write_dl(self, rows, *args, **kwargs) -> None:
        # Every value is named in Vietnamese (texts.CLI_METAVARS): the framework's type beside it goes.
        super().write_dl([(_TYPE.sub("", term), phrase(help)) for term, help in rows], *args, **kwargs)


class Context(click.Context):
    formatter_class = Formatter


class UsageInVietnamese(errors.UsageError):
    """A usage error, shown as click shows one (usage, where to find help, the error), in Vietnamese."""

    def show(self, file=None) -> None:
        if self.ctx is not None:
            click.echo(self.ctx.get_usage(), file=file, err=file is None)
            if self.ctx.command.get_help_option(self.ctx) is not None:
                click.echo(texts.CLI_TRY_HELP.format(command=self.ctx.command_path) + "\n", file=file,
                           err=file is None)
        click.echo(texts.CLI_ERROR.format(message=self.message), file=file, err=file is None)


def _hint(exc: errors.BadParameter) -> str:
    if exc.param_hint is not None:
        hints = [exc.param_hint] if isinstance(exc.param_hint, str) else list(exc.param_hint)
    elif exc.param is not None:
        hints = exc.param.opts if exc.param.param_type_name == "option" else [exc.param.human_readable_name]
    else:
        return ""
    return " / ".join(h.strip("'\"") for h in hints)


def told(exc: errors.UsageError) -> str:
    """The Vietnamese message of a usage error; English only where nothing is known about it."""
    words = texts.CLI_USAGE_ERRORS
    if isinstance(exc, errors.NoSuchOption):
        said = words["no_option"].format(name=exc.option_name)
        if exc.possibilities:
            said += " " + words["close_options"].format(names=", ".join(sorted(exc.possibilities)))
        return said
    if isinstance(exc, errors.MissingParameter):
        return words["missing"].format(name=_hint(exc))
    if isinstance(exc, errors.BadParameter):
        problem = next((texts.CLI_VALUE_PROBLEMS[key].format(**m.groupdict())
                        for key, pattern in _PROBLEMS.items() if (m := pattern.match(exc.message))), None)
        return words["bad_value"].format(name=_hint(exc), problem=problem or exc.message)
    for key, pattern in _SENTENCES.items():
        m = pattern.fullmatch(exc.message.strip())
        if m:
            said = words[key].format(**{k: v or "" for k, v in m.groupdict().items()})
            if m.groupdict().get("close"):
                names = ", ".join(f"«{name.strip()}»" for name in m.group("close").replace("'", "").split(","))
                said += " " + words["close_commands"].format(names=names)
            return said
    return exc.message


def _in_vietnamese(make):
    """Run ``make()`` (parsing the command line), telling any usage error in Vietnamese."""
    try:
        return make()
    except UsageInVietnamese:
        raise
    except errors.UsageError as exc:
        raise UsageInVietnamese(told(exc), exc.ctx) from None


class Command(TyperCommand):
    context_class = Context

    def make_context(self, info_name, args, parent=None, **extra):
        return _in_vietnamese(lambda: super(Command, self).make_context(info_name, args, parent, **extra))


class Group(TyperGroup):
    context_class = Context

    def make_context(self, info_name, args, parent=None, **extra):
        return _in_vietnamese(lambda: super(Group, self).make_context(info_name, args, parent, **extra))

    def resolve_command(self, ctx, args):
        return _in_vietnamese(lambda: super(Group, self).resolve_command(ctx, args))
