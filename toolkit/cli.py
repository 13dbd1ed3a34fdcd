"""The ``thidua`` command: parses options, calls one library function, renders the result.

Heavy libraries are imported inside the commands so that ``thidua --help`` starts instantly.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Optional

from . import texts


def _stopped() -> SystemExit:
    """Ctrl-C: said in one line, exit code 130 as shells expect, and never a traceback."""
    sys.stderr.write(texts.CLI_INTERRUPTED + "\n")
    return SystemExit(130)


def _stop_while_starting(_signal, _frame) -> None:
    raise _stopped()


# Reading this module (typer above all) is most of start-up, and no command can catch Ctrl-C yet:
# until its end, Ctrl-C stops the program at once. Not in a thread other than the main one, where
# no Ctrl-C arrives (and handlers cannot be set).
_BEFORE_START = (signal.signal(signal.SIGINT, _stop_while_starting)
                 if threading.current_thread() is threading.main_thread() else None)

import typer  # noqa: E402

from .usage import Command, Group  # noqa: E402

app = typer.Typer(help=texts.CLI_HELP, no_args_is_help=True, add_completion=False,
                  pretty_exceptions_enable=False, rich_markup_mode=None, cls=Group)
_NAMED = texts.CLI_METAVARS

LISTED = 50  # files named one by one after generate; the rest are counted

FormOption = Annotated[Optional[str], typer.Option("--form", help=texts.CLI_OPT_FORM, metavar=_NAMED["form"])]
FormsDirOption = Annotated[Optional[Path], typer.Option("--forms-dir", help=texts.CLI_OPT_FORMS_DIR,
                                                        metavar=_NAMED["folder"])]
InboxOption = Annotated[Path, typer.Option("--inbox", help=texts.CLI_OPT_INBOX, metavar=_NAMED["folder"])]
JsonOption = Annotated[Optional[str], typer.Option("--json", help=texts.CLI_OPT_JSON, metavar=_NAMED["json"])]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help=texts.CLI_OPT_QUIET)]
LimitOption = Annotated[Optional[list[str]], typer.Option("--limit", help=texts.CLI_OPT_LIMIT,
                                                          metavar=_NAMED["limit"])]
WorkersOption = Annotated[Optional[int], typer.Option("--workers", min=1, help=texts.CLI_OPT_WORKERS,
                                                      metavar=_NAMED["count"])]


@app.callback()
def _root() -> None:
    """``thidua`` is a group of commands; this is where options common to all would go."""


def _console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _fail(message: str, code: int = 2) -> typer.Exit:
    _console(stderr=True).print(texts.CLI_ERROR.format(message=message), markup=False)
    return typer.Exit(code)


#: Reasons for a form nobody named among several: said on the first line, so nobody is surprised.
ANNOUNCED = ("marked", "current", "recent", "next")


def _form(choice: str | None, forms_dir: Path | None, option: str = "--form"):
    from .form import FormError, pick_form

    try:
        picked = pick_form(choice, forms_dir, option=option)
    except FormError as exc:
        raise _fail(str(exc)) from None
    if picked.why in ANNOUNCED:
        form = picked.form
        # A plain line: a command writing JSON draws nothing, and loads no terminal library for this.
        typer.echo(texts.FORM_PICKED.format(id=form.id, period=form.period.name, why=texts.FORM_WHY[picked.why]),
                   err=True)
    return picked.form


@app.command(help=texts.CLI_GENERATE_HELP, cls=Command)
def generate(
    form: FormOption = None,
    forms_dir: FormsDirOption = None,
    unit: Annotated[Optional[list[str]], typer.Option("--unit", help=texts.CLI_OPT_UNIT, metavar=_NAMED["unit"])] = None,
    out: Annotated[Optional[Path], typer.Option("--out", help=texts.CLI_OPT_OUT, metavar=_NAMED["folder"])] = None,
    workers: WorkersOption = None,
    quiet: QuietOption = False,
) -> None:
    from .form import FormError
    from .names import templates_dir
    from .write.template import generate as generate_templates

    chosen = _form(form, forms_dir)
    out = out or templates_dir(chosen.id)
    try:
        units = [chosen.unit(code) for code in dict.fromkeys(unit)] if unit else None
    except FormError as exc:
        raise _fail(str(exc)) from None
    with _progress(texts.CLI_PROGRESS_GENERATE, quiet) as progress:
        written = _writing(out, lambda: generate_templates(chosen, out, units, workers, progress))
    console = _console()
    console.print(texts.CLI_GENERATED.format(count=len(written), out=out), markup=False)
    for item in written[:LISTED]:
        console.print(f"  {item.path}  ({item.unit.code} {item.unit.name})", markup=False)
    if len(written) > LISTED:
        console.print(texts.CLI_GENERATED_MORE.format(count=len(written) - LISTED), markup=False)


@dataclass(frozen=True)
class _Reading:
    """The options of every command that checks the inbox, and the check they ask for."""

    inbox: Path
    form: str | None
    forms_dir: Path | None
    json_path: str | None
    workers: int | None
    quiet: bool
    limit: list[str] | None

    def report(self):
        """The check report, with a progress bar on a terminal unless quiet or printing JSON."""
        from .checks.run import check as run_check
        from .intake import Limits

        chosen = _form(self.form, self.forms_dir)
        try:
            limits = Limits().replace(self.limit or [])
        except ValueError as exc:
            raise _fail(str(exc)) from None
        if not self.inbox.is_dir():
            raise _fail(texts.CLI_NO_INBOX.format(inbox=self.inbox))
        if self.json_path not in (None, "-"):
            _can_write(Path(self.json_path), self.inbox)
        with _progress(texts.CLI_PROGRESS, self.quiet or self.json_path == "-") as progress:
            return run_check(chosen, self.inbox, limits=limits, workers=self.workers, progress=progress)

    def answer(self, data: dict) -> bool:
        """Write ``data`` as JSON where asked; True when the terminal view is wanted too."""
        if self.json_path:
            _writing(Path(self.json_path), lambda: _write_json(data, self.json_path))
        return self.json_path != "-"


_READING = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=option)
            for name, option, default in (
                ("inbox", InboxOption, Path("inbox")), ("form", FormOption, None),
                ("forms_dir", FormsDirOption, None), ("json_path", JsonOption, None),
                ("workers", WorkersOption, None), ("quiet", QuietOption, False), ("limit", LimitOption, None))]


def _reads_inbox(help: str):
    """Register ``command(reading, **its own options)`` as a command that also takes every option
    of :class:`_Reading`, handed to it as one ``reading``."""
    def register(command):
        own = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY)
               for p in list(inspect.signature(command, eval_str=True).parameters.values())[1:]]

        @functools.wraps(command)
        def run(**options):
            return command(_Reading(**{p.name: options.pop(p.name) for p in _READING}), **options)

        run.__signature__ = inspect.Signature([*_READING, *own])
        return app.command(help=help, cls=Command)(run)
    return register


def _day(on: str | None):
    """The day given with ``--on``, else today in Vietnam."""
    from .formats import parse_date, today_vn

    try:
        return parse_date(on) if on else today_vn()
    except ValueError as exc:
        raise _fail(str(exc)) from None


@contextlib.contextmanager
def _progress(description: str, silent: bool):
    """A progress callback drawing a bar on standard error, or None when nobody watches a terminal."""
    if silent:  # before rich is imported: a quiet run or JSON on standard output draws nothing
        yield None
        return
    err = _console(stderr=True)
    if not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True) as bar:
        task = bar.add_task(description, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _write_json(data: dict, target: str) -> None:
    import json

    text = json.dumps(data, ensure_ascii=False, indent=2)
    if target == "-":
        typer.echo(text)
    else:
        from .files import atomic_path

        with atomic_path(Path(target)) as tmp:
            tmp.write_text(text + "\n", encoding="utf-8")


AllOption = Annotated[bool, typer.Option("--all", help=texts.CLI_OPT_ALL)]


@_reads_inbox(texts.CLI_CHECK_HELP)
def check(reading: _Reading, every: AllOption = False) -> None:
    report = reading.report()
    if reading.answer(report.to_dict()):
        from .render import render_check

        render_check(report, _console(), every)
    raise typer.Exit(0 if report.ok else 1)


OnOption = Annotated[Optional[str], typer.Option("--on", help=texts.CLI_OPT_ON, metavar=_NAMED["date"])]


@_reads_inbox(texts.CLI_STATUS_HELP)
def status(reading: _Reading, on: OnOption = None, every: AllOption = False) -> None:
    from .formats import days_left

    today = _day(on)
    report = reading.report()
    if reading.answer({**report.to_dict(), "days_to_deadline": days_left(report.form.period.deadline, today)}):
        from .render import render_status

        render_status(report, _console(), today, every)


IncludeInvalidOption = Annotated[bool, typer.Option("--include-invalid", help=texts.CLI_OPT_INCLUDE_INVALID)]
CompareOption = Annotated[Optional[Path], typer.Option("--compare-with", help=texts.CLI_OPT_COMPARE_WITH,
                                                       metavar=_NAMED["file"])]
ReportOutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help=texts.CLI_OPT_REPORT_OUTPUT,
                                                            metavar=_NAMED["file"])]


def _before_reading(reading: _Reading, output: Path | None, suffix: str, wrong_kind: str,
                    previous: Path | None) -> None:
    """Stop now, not after a long check, for an output that cannot be written or does not end in
    ``suffix`` (``wrong_kind`` says so), or a previous summary that is not there."""
    if output is not None:
        _can_write(output, reading.inbox)
        if output.suffix.lower() != suffix:
            raise _fail(wrong_kind.format(path=output))
    if previous is not None and not previous.is_file():
        raise _fail(texts.COMPARE_MISSING.format(path=previous))


def _compared(report, previous: Path | None, include_invalid: bool):
    """Last period beside this one (:func:`toolkit.compare.beside`), or None; a previous summary
    that cannot be used is the user's to fix."""
    from .compare import CompareError, beside

    try:
        return beside(report, previous, include_invalid,
                      skipped=lambda told: _console(stderr=True).print(told, style="bold yellow", markup=False))
    except CompareError as exc:
        raise _fail(str(exc)) from None


def _compared_line(comparison, written: str = "summary") -> None:
    if comparison is not None:
        where = texts.CLI_COMPARED_IN[written].format(sheet=texts.COMPARE_SHEET)
        _console().print(texts.CLI_COMPARED.format(previous=comparison.previous, count=len(comparison.flags),
                                                   where=where), markup=False)


@_reads_inbox(texts.CLI_CONSOLIDATE_HELP)
def consolidate(
    reading: _Reading,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=texts.CLI_OPT_OUTPUT,
                                                   metavar=_NAMED["file"])] = None,
    include_invalid: IncludeInvalidOption = False,
    compare_with: CompareOption = None,
) -> None:
    from .names import summary_path
    from .write.summary import consolidate as write_summary

    _before_reading(reading, output, ".xlsx", texts.CLI_OUTPUT_NOT_XLSX, compare_with)
    report = reading.report()
    if not any(u.file for u in report.units):
        # Nothing to add up (an empty or mistyped inbox): last round's summary is not replaced.
        reading.answer(report.to_dict())
        raise _fail(texts.CLI_NOTHING_TO_CONSOLIDATE.format(inbox=reading.inbox), 1)
    target = output or summary_path(report.form.id)
    comparison = _compared(report, compare_with, include_invalid)
    result = _writing(target, lambda: write_summary(report, target, include_invalid=include_invalid,
                                                    comparison=comparison))
    if reading.answer(report.to_dict()):
        console = _console()
        console.print(texts.CLI_CONSOLIDATED.format(path=result.path), markup=False)
        console.print(result.line, markup=False)
        _compared_line(comparison)
        if result.notice:
            _console(stderr=True).print(result.notice, style="bold yellow", markup=False)
    raise typer.Exit(0 if report.ok else 1)


@_reads_inbox(texts.CLI_REPORT_HELP)
def report(reading: _Reading, output: ReportOutputOption = None, compare_with: CompareOption = None,
           include_invalid: IncludeInvalidOption = False) -> None:
    from .names import report_path
    from .write.report import write_report

    _before_reading(reading, output, ".docx", texts.CLI_OUTPUT_NOT_DOCX, compare_with)
    checked = reading.report()
    comparison = _compared(checked, compare_with, include_invalid)
    target = output or report_path(checked.form.id)
    drafted = _writing(target, lambda: write_report(checked, target, include_invalid, comparison))
    if reading.answer(checked.to_dict()):
        _console().print(texts.CLI_REPORTED.format(path=drafted), markup=False)
        _compared_line(comparison, "report")
        if drafted != target:
            _console(stderr=True).print(texts.SUMMARY_KEPT_BESIDE.format(target=target, path=drafted),
                                        style="bold yellow", markup=False)


@_reads_inbox(texts.CLI_FEEDBACK_HELP)
def feedback(
    reading: _Reading,
    out: Annotated[Optional[Path], typer.Option("--out", help=texts.CLI_OPT_FEEDBACK_OUT,
                                                metavar=_NAMED["folder"])] = None,
    on: OnOption = None,
) -> None:
    from .feedback import write_feedback
    from .names import feedback_dir

    today = _day(on)
    if out is not None:
        _outside_inbox(out, reading.inbox)
    report = reading.report()
    target = out or feedback_dir(report.form.id)
    written = _writing(target, lambda: write_feedback(report, target, today))
    if reading.answer(written.to_dict()):
        from .render import render_feedback

        render_feedback(written, _console())


def _writing(target: Path, write):
    """``write()``, with a failure to write told in the user's words."""
    from .files import cannot_write

    try:
        return write()
    except OSError as exc:
        raise _fail(cannot_write(exc, target)) from None


def _can_write(target: Path, inbox: Path) -> None:
    """Stop now, not after a long check, when the file ``target`` cannot be written or lies in the inbox."""
    from .files import check_writable

    _outside_inbox(target, inbox)
    _writing(target, lambda: check_writable(target))


def _outside_inbox(target: Path, inbox: Path) -> None:
    """The inbox is only ever read: what is written there would be read back as a return."""
    where, inbox = target.resolve(), inbox.resolve()
    if where == inbox or inbox in where.parents:
        raise _fail(texts.CLI_OUTPUT_IN_INBOX.format(path=target, inbox=inbox))


@app.command(help=texts.DEMO_HELP, cls=Command)
def demo(
    folder: Annotated[Path, typer.Argument(help=texts.DEMO_DIR_HELP, metavar=_NAMED["folder"])] = Path("demo"),
    form: FormOption = None,
    forms_dir: FormsDirOption = None,
) -> None:
    from .demo import run_demo

    if folder.resolve() in (Path("inbox").resolve(), Path("outbox").resolve()):
        raise _fail(texts.DEMO_REFUSED.format(path=folder))
    run = run_demo(_form(form, forms_dir), folder)
    from .demo import demo_lines

    console = _console()
    for line in demo_lines(run):
        console.print(line, markup=False)
    console.print(texts.DEMO_OPEN_FIRST.format(summary_path=run.summary, draft=run.draft), style="bold", markup=False)


_SERVE = texts.CLI_SERVE_OPTS


@app.command(help=texts.CLI_SERVE_HELP, cls=Command)
def serve(
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help=_SERVE["port"], metavar=_NAMED["count"])] = 8000,
    host: Annotated[str, typer.Option("--host", help=_SERVE["host"], metavar=_NAMED["host"])] = "127.0.0.1",
    open_browser: Annotated[bool, typer.Option("--open", help=_SERVE["open"])] = False,
    password: Annotated[Optional[str], typer.Option("--password", help=_SERVE["password"], metavar=_NAMED["password"],
                                                    envvar="THIDUA_SERVE_PASSWORD", show_envvar=False)] = None,
    forms_dir: FormsDirOption = None,
) -> None:
    from .web import ServeError, serve as serve_page

    console = _console()
    try:
        serve_page(Path.cwd(), forms_dir, host, port, password, open_browser,
                   say=lambda line: console.print(line, markup=False))
    except ServeError as exc:
        raise _fail(str(exc)) from None


form_app = typer.Typer(help=texts.CLI_FORM_HELP, no_args_is_help=True, add_completion=False,
                       pretty_exceptions_enable=False, rich_markup_mode=None, cls=Group)
app.add_typer(form_app, name="form")
_NEW = texts.CLI_FORM_NEW_OPTS


def _date_option(name: str):
    return Annotated[str, typer.Option(f"--{name}", help=_NEW["date"].format(what=_NEW[name]), metavar=_NAMED["date"])]


@form_app.command("new", help=texts.CLI_FORM_NEW_HELP, cls=Command)
def form_new(
    new_id: Annotated[str, typer.Argument(metavar="MÃ_MỚI", help=_NEW["new_id"])],
    old: Annotated[str, typer.Option("--from", help=_NEW["old"], metavar=_NAMED["form"])],
    period: Annotated[str, typer.Option("--period", help=_NEW["period"], metavar=_NAMED["period"])],
    start: _date_option("start"),
    end: _date_option("end"),
    deadline: _date_option("deadline"),
    forms_dir: FormsDirOption = None,
) -> None:
    from .form import FormError, forms_dir as default_forms_dir
    from .formats import parse_date
    from .periods import new_form

    try:
        dates = [parse_date(text) for text in (start, end, deadline)]
    except ValueError as exc:
        raise _fail(str(exc)) from None
    source = _form(old, forms_dir, option="--from")
    try:
        made = _writing(Path(new_id), lambda: new_form(source, new_id, period, *dates, forms_dir or default_forms_dir()))
    except FormError as exc:
        raise _fail(str(exc)) from None
    console = _console()
    console.print(texts.FORM_NEW_WRITTEN.format(path=made.form.path, old=source.id), markup=False)
    for change in made.changes:
        console.print(texts.FORM_NEW_CHANGE.format(key=change.key, old=change.old, new=change.new), markup=False)


@form_app.command("list", help=texts.CLI_FORM_LIST_HELP, cls=Command)
def form_list(forms_dir: FormsDirOption = None) -> None:
    from .form import FormError, pick_form
    from .render import render_forms

    try:
        picked = pick_form(None, forms_dir)
    except FormError as exc:
        raise _fail(str(exc)) from None
    render_forms(picked, _console())


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:  # before typer is ready to catch it
        raise _stopped() from None
    except SystemExit as exc:
        if exc.code == 130:  # typer's way of reporting Ctrl-C: say what happened, in one line
            _console(stderr=True).print(texts.CLI_INTERRUPTED, markup=False)
        raise

if _BEFORE_START is not None:  # from here on, typer turns Ctrl-C into exit code 130
    signal.signal(signal.SIGINT, _BEFORE_START)

if __name__ == "__main__":
    main()
