"""The ``thidua`` command: parses options, calls one library function, renders the result.

Heavy libraries are imported inside the commands so that ``thidua --help`` starts instantly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import texts

app = typer.Typer(help=texts.CLI_HELP, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None)

FormOption = Annotated[Optional[str], typer.Option("--form", help=texts.CLI_OPT_FORM)]
FormsDirOption = Annotated[Optional[Path], typer.Option("--forms-dir", help=texts.CLI_OPT_FORMS_DIR)]


@app.callback()
def _root() -> None:
    """Keeps ``thidua`` a group of commands even while it has only one."""


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    _console(stderr=True).print(texts.CLI_ERROR.format(message=message), markup=False)
    return typer.Exit(code)


def _form(choice: str | None, forms_dir: Path | None):
    from .form import FormError, find_form

    try:
        return find_form(choice, forms_dir)
    except FormError as exc:
        raise _fail(str(exc)) from None


@app.command(help=texts.CLI_GENERATE_HELP)
def generate(
    form: FormOption = None,
    forms_dir: FormsDirOption = None,
    unit: Annotated[Optional[list[str]], typer.Option("--unit", help=texts.CLI_OPT_UNIT)] = None,
    out: Annotated[Path, typer.Option("--out", help=texts.CLI_OPT_OUT)] = Path("outbox/templates"),
    workers: Annotated[Optional[int], typer.Option("--workers", min=1, help=texts.CLI_OPT_WORKERS)] = None,
) -> None:
    from .form import FormError
    from .template import generate as generate_templates

    chosen = _form(form, forms_dir)
    try:
        units = [chosen.unit(code) for code in unit] if unit else None
    except FormError as exc:
        raise _fail(str(exc)) from None
    written = generate_templates(chosen, out, units, workers)
    console = _console()
    console.print(texts.CLI_GENERATED.format(count=len(written), out=out), markup=False)
    for item in written:
        console.print(f"  {item.path}  ({item.unit.code} {item.unit.name})", markup=False)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        _console(stderr=True).print(texts.CLI_INTERRUPTED, markup=False)
        raise SystemExit(130) from None
