"""Turning reports into what a person reads in a terminal (rich tables, Vietnamese)."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import texts
from .formats import date_vn, days_left, number_vn, time_vn
from .catalogue import ERROR, INFO, WARNING
from .checks.report import ACCEPTED, MISSING, VALID, Report, UnitResult
from .checks.revisions import describe, describe_change
from .deliverables import received
from .form import Choice

if TYPE_CHECKING:  # the type only: check and status never write feedback
    from .feedback import Feedback

#: Up to this many units the tables show every unit; beyond, the units that need attention.
EVERY_UNIT_UP_TO = 60

STYLE = {"valid": "green", "warning": "yellow", "error": "bold red", "info": "cyan", "missing": "dim",
         "rejected": "red", "superseded": "dim", "ignored": "dim",
         "corrections": "bold red", "confirmation": "green", "reminder": "yellow"}


# Characters that act on a terminal instead of showing: control codes (cursor moves, screen
# clearing, window titles, a new line that fakes a report line) and direction overrides.
_ACTING = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _plain(text: str) -> str:
    """Text that came from a file or a file name, with acting characters shown as escapes."""
    return _ACTING.sub(lambda m: m[0].encode("unicode_escape").decode("ascii"), text)


def _count(issues, severity: str) -> str:
    n = sum(i.severity == severity for i in issues)
    return str(n) if n else ""


def _units_shown(report: Report, every: bool) -> tuple[list[UnitResult], list[UnitResult]]:
    """(units in the table, missing units named on one line after it). A small form shows every
    unit; a large one (every commune of the country) only those that need attention: the units with
    findings in the table, the missing ones listed, the rest counted in the closing line."""
    if every or len(report.units) <= EVERY_UNIT_UP_TO:
        return report.units, []
    attention = [u for u in report.units if u.status != VALID]
    return [u for u in attention if u.status != MISSING or report.sent(u.code)], \
        [u for u in attention if u.status == MISSING and not report.sent(u.code)]


def _missing_line(console: Console, missing: list[UnitResult], shown: int, count: int) -> None:
    console.print(texts.CHECK_ATTENTION_ONLY.format(shown=shown, count=count), markup=False)
    if missing:
        names = ", ".join(f"{u.code} {u.name}" for u in missing)
        console.print(Text(texts.CHECK_MISSING_UNITS.format(count=len(missing), names=_plain(names))))


def render_check(report: Report, console: Console, every: bool = False) -> None:
    """The check's findings; ``every`` unit in the table even for a large form."""
    form = report.form
    table = Table(title=texts.CHECK_TITLE.format(title=form.title, form_id=form.id, version=form.version),
                  title_justify="left")
    for column in texts.CHECK_COLUMNS:
        table.add_column(column, overflow="fold")  # a file name shown whole, broken across lines
    units, missing = _units_shown(report, every)
    for unit in units:
        label = texts.STATUS_LABELS[unit.status]
        # A unit whose only file was rejected counts as missing; say which file, so nobody waits for it.
        shown = report.sent(unit.code)
        file = _plain(shown.path) if shown else ""
        if shown and not unit.file:
            file = texts.CHECK_REJECTED_FILE.format(path=file)
        table.add_row(unit.code, unit.name, texts.ROLES[unit.role], f"[{STYLE[unit.status]}]{label}[/]",
                      Text(file), _count(unit.issues, ERROR), _count(unit.issues, WARNING),
                      _count(unit.issues, INFO))
    console.print(table)
    if len(units) < len(report.units):
        _missing_line(console, missing, len(units) + len(missing), len(report.units))
    with_issues = [f for f in report.files if f.issues and f.status == ACCEPTED]
    if with_issues:
        console.print(f"\n[bold]{texts.CHECK_FINDINGS}[/]")
        for f in with_issues:
            _file_issues(console, f)
    revised = [f for f in report.files if f.revision and f.status == ACCEPTED]
    if revised:
        console.print(f"\n[bold]{texts.CHECK_REVISIONS}[/]")
        for f in revised:
            console.print(f"{_plain(f.path)}: {_plain(describe(f.revision))}", markup=False)
            for change in f.revision.changes:
                console.print(f"    {_plain(describe_change(report.form, change))}", markup=False)
    others = [f for f in report.files if f.status != ACCEPTED]
    if others:
        console.print(f"\n[bold]{texts.CHECK_OTHER_FILES}[/]")
        for f in others:
            label = texts.STATUS_LABELS[f.status]
            console.print(f"[{STYLE[f.status]}]{label}[/]: ", end="")
            console.print(_plain(f.path + (f" ({f.reason})" if f.reason else "")), markup=False)
            for found in f.issues:
                console.print(f"    {_plain(found.message)}", markup=False)
    console.print("\n" + texts.CHECK_SUMMARY.format(**report.summary), markup=False)


def _file_issues(console: Console, f) -> None:
    console.print(Text(_plain(f.path), style="bold"))
    for found in f.issues:
        where = f"{found.cell:>5}" if found.cell else "     "
        console.print(f"  [{STYLE[found.severity]}]{texts.SEVERITY_LABELS[found.severity]:<8}[/] {where} ",
                      end="")
        console.print(f"{found.code}: {_plain(found.message)}", markup=False)


def render_status(report: Report, console: Console, today: dt.date, every: bool = False) -> None:
    """Who has sent what; ``every`` unit in the table even for a large form."""
    table = Table(title=report.form.title, title_justify="left")
    for column in (*texts.STATUS_COLUMNS, *(d.label for d in report.form.deliverables)):
        table.add_column(column, overflow="fold")
    units, missing = _units_shown(report, every)
    got = received(report)
    for unit in units:
        f = unit.file
        table.add_row(unit.code, unit.name, texts.YES if f else texts.NO,
                      f"[{STYLE[unit.status]}]{texts.STATUS_LABELS[unit.status]}[/]",
                      Text(_plain(f.path) if f else ""), time_vn(f.arrived) if f else "",
                      *(Text(_plain(item.line), style="" if item.files else "dim") for item in got[unit.code]))
    console.print(table)
    if len(units) < len(report.units):
        _missing_line(console, missing, len(units) + len(missing), len(report.units))
    days = days_left(report.form.period.deadline, today)
    key = "before" if days > 0 else "today" if days == 0 else "after"
    console.print(texts.STATUS_DEADLINE[key].format(days=abs(days),
                                                    deadline=date_vn(report.form.period.deadline)))


def render_forms(picked: Choice, console: Console) -> None:
    """Every form of the folder, the one commands use when none is named marked with why."""
    table = Table()
    for column in texts.FORM_LIST_COLUMNS:
        table.add_column(column, no_wrap=column != texts.FORM_LIST_COLUMNS[1])
    for form in picked.forms:
        period = texts.FORM_LIST_PERIOD.format(name=form.period.name, start=date_vn(form.period.start),
                                               end=date_vn(form.period.end))
        table.add_row(Text(form.id), Text(period), date_vn(form.period.deadline), number_vn(len(form.units)),
                      texts.YES if form is picked.form else "")
    console.print(table)
    console.print(texts.FORM_LIST_DEFAULT.format(id=picked.form.id, why=texts.FORM_WHY[picked.why]), markup=False)


def render_feedback(feedback: Feedback, console: Console) -> None:
    table = Table(title=texts.FEEDBACK_TITLE, title_justify="left")
    for column in texts.FEEDBACK_COLUMNS:
        table.add_column(column)
    for letter in feedback.letters:
        files = texts.FEEDBACK_FILES[letter.workbook is not None]
        table.add_row(letter.code, letter.name, f"[{STYLE[letter.kind]}]{texts.FEEDBACK_KINDS[letter.kind]}[/]",
                      str(letter.errors or ""), str(letter.warnings or ""), files)
    console.print(table)
    console.print(texts.FEEDBACK_DONE.format(count=len(feedback.letters), folder=feedback.folder), markup=False)
