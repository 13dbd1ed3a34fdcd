"""``feedback``: one thing to send to every unit of the round.

A unit whose file has findings gets its own template back with the values it sent, every cell to fix
marked, and a message listing them; a unit whose file is in order gets a confirmation of what was
received; a unit that has sent nothing gets a reminder with its blank template. Nothing is read
from the inbox again: everything comes from the check's :class:`~toolkit.checks.report.Report`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from . import texts
from .catalogue import ERROR, WARNING
from .checks.report import REJECTED, FileResult, Report, UnitResult
from .files import atomic_path
from .form import Form
from .formats import clock_vn, date_vn, days_left, number_vn, today_vn
from .layout import summed
from .names import unit_stem

CORRECTIONS, CONFIRMATION, REMINDER = "corrections", "confirmation", "reminder"
SHA_SHOWN = 12  # hex digits of the file's SHA-256 quoted back, enough to tell two files apart


@dataclass(frozen=True)
class Letter:
    """What was written for one unit."""

    code: str
    name: str
    kind: str
    message: Path
    workbook: Path | None
    file: str | None
    errors: int = 0
    warnings: int = 0

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "kind": self.kind, "message": str(self.message),
                "workbook": str(self.workbook) if self.workbook else None, "file": self.file,
                "errors": self.errors, "warnings": self.warnings}


@dataclass(frozen=True)
class Feedback:
    form_id: str
    folder: Path
    letters: list[Letter]

    def to_dict(self) -> dict:
        return {"form": self.form_id, "folder": str(self.folder), "letters": [x.to_dict() for x in self.letters]}


@dataclass(frozen=True)
class Draft:
    """The letter to one unit, not yet written: its kind, its text and the file it is about."""

    kind: str
    text: str
    sent: FileResult | None
    found: tuple = ()


def draft(report: Report, unit: UnitResult, workbook: str, today: dt.date | None = None) -> Draft:
    """The letter ``write_feedback`` writes for ``unit``, the workbook sent with it named ``workbook``."""
    today = today or today_vn()
    form = report.form
    sent = report.sent(unit.code) or _named_after(report, unit)
    found = [i for i in sent.issues if i.severity in (ERROR, WARNING)] if sent else []
    if sent is None:
        return Draft(REMINDER, _reminder(form, unit, workbook, today), None)
    if found:
        return Draft(CORRECTIONS, _corrections(form, unit, sent, found, workbook, today), sent, tuple(found))
    return Draft(CONFIRMATION, _confirmation(form, unit, sent), sent)


def write_feedback(report: Report, folder: Path, today: dt.date | None = None) -> Feedback:
    """Write a message (and, where it helps, a workbook) for every unit of ``report``'s form."""
    from .write.annotated import write_annotated
    from .write.template import write_template

    today = today or today_vn()
    folder = Path(folder)
    form = report.form
    letters = []
    for unit in report.units:
        stem = unit_stem(unit.code, unit.name)
        workbook: Path | None = folder / f"{stem}.xlsx"
        letter = draft(report, unit, workbook.name, today)
        if letter.kind == REMINDER:
            write_template(form, form.units_by_code[unit.code], workbook)
        elif letter.kind == CORRECTIONS:
            write_annotated(form, form.units_by_code[unit.code], letter.sent, workbook)
        else:
            # An earlier round's marked workbook must not be sent with a confirmation.
            workbook.unlink(missing_ok=True)
            workbook = None
        message = folder / f"{stem}.txt"
        with atomic_path(message) as tmp:
            tmp.write_text(letter.text, encoding="utf-8")
        found, sent = letter.found, letter.sent
        letters.append(Letter(unit.code, unit.name, letter.kind, message, workbook, sent.path if sent else None,
                              sum(i.severity == ERROR for i in found), sum(i.severity == WARNING for i in found)))
    return Feedback(form.id, folder, letters)


def _named_after(report: Report, unit: UnitResult) -> FileResult | None:
    """A rejected file nothing inside could tie to a unit, whose name names ``unit``: that unit sent
    something and must be told why it was refused, not reminded to send."""
    from .checks.identify import units_in_name

    named = [f for f in report.files if f.status == REJECTED and f.unit is None
             and [u.code for u in units_in_name(report.form, f.path)][:1] == [unit.code]]
    return max(named, key=lambda f: (f.arrived or dt.datetime.min.replace(tzinfo=dt.timezone.utc), f.path),
               default=None)


def _opening(form: Form, unit: UnitResult, reminder: bool = False) -> list[str]:
    said = texts.LETTER_FROM_REMINDER if reminder else texts.LETTER_FROM
    return [texts.LETTER_TO.format(recipient=form.recipient.format(name=unit.name)), "",
            said.format(office=form.standing_office, cluster=form.cluster, title=form.title), ""]


def _received(file: FileResult) -> str:
    if file.arrived is None:
        return texts.LETTER_RECEIVED_UNDATED.format(file=file.name)
    hour, day = clock_vn(file.arrived)
    return texts.LETTER_RECEIVED.format(file=file.name, hour=hour, day=day)


def _deadline(form: Form, today: dt.date) -> str:
    days = days_left(form.period.deadline, today)
    key = "before" if days > 0 else "today" if days == 0 else "after"
    return texts.LETTER_DEADLINE[key].format(deadline=date_vn(form.period.deadline), days=abs(days))


def _corrections(form: Form, unit: UnitResult, file: FileResult, found: list, workbook: str,
                 today: dt.date) -> str:
    errors = sum(i.severity == ERROR for i in found)
    lines = [*_opening(form, unit), _received(file) + " " + texts.LETTER_FINDINGS.format(
        errors=errors, warnings=len(found) - errors), ""]
    lines += [texts.LETTER_ITEM.format(n=n, severity=texts.SEVERITY_LABELS[i.severity].capitalize(),
                                       message=i.message) for n, i in enumerate(found, start=1)]
    lines += _progress(file)
    if file.status == REJECTED:  # nothing in it could be used: the template is to be filled again
        lines += ["", texts.LETTER_REFILL.format(workbook=workbook, office=form.standing_office),
                  _deadline(form, today)]
    elif errors:
        lines += ["", texts.LETTER_FIX.format(workbook=workbook, office=form.standing_office), _deadline(form, today)]
    else:  # warnings only: counted already, the unit need not send again
        lines += ["", texts.LETTER_NOTED.format(workbook=workbook)]
    lines += ["", texts.LETTER_CLOSING]
    return "\n".join(lines) + "\n"


def _confirmation(form: Form, unit: UnitResult, file: FileResult) -> str:
    sha = (file.sha256 or "")[:SHA_SHOWN]
    if form.grand_total is None:  # nothing adds up across rows: say how many rows came filled
        filled = sum(any(v is not None for v in file.values.get(r.key, {}).values()) for r in form.rows)
        confirmed = texts.LETTER_CONFIRMED_ROWS.format(sha=sha, filled=filled, rows=len(form.rows))
    else:
        keys = [k for k in form.value_keys if form.column[k].kind != "percent"]
        totals = {k: sum(summed(file.values.get(r.key, {}).get(k)) for r in form.rows if r.applies(k)) for k in keys}
        shown = ", ".join(f"{form.columns[k]} {number_vn(n)}" for k, n in totals.items())
        confirmed = texts.LETTER_CONFIRMED.format(sha=sha, grand_total=form.grand_total, totals=shown)
    lines = [*_opening(form, unit), _received(file), confirmed, *_progress(file), "", texts.LETTER_CLOSING]
    return "\n".join(lines) + "\n"


def _progress(file: FileResult) -> list[str]:
    """What the unit fixed since its previous submission, when this file is a correction."""
    revision = file.revision
    if revision is None:
        return []
    return ["", texts.LETTER_REVISION.format(number=revision.number, previous=Path(revision.previous).name,
                                             changed=len(revision.changes), fixed=len(revision.fixed),
                                             remaining=len(revision.remaining))]


def _reminder(form: Form, unit: UnitResult, workbook: str, today: dt.date) -> str:
    lines = [*_opening(form, unit, reminder=True), texts.LETTER_NOT_RECEIVED.format(today=date_vn(today)),
             texts.LETTER_SEND.format(workbook=workbook, office=form.standing_office), _deadline(form, today),
             "", texts.LETTER_CLOSING]
    return "\n".join(lines) + "\n"
