"""What each page shows, taken from the library's reports: plain values the templates lay out.

Words come from ``texts``; templates only place them, and escape everything they are given.
"""

from __future__ import annotations

import datetime as dt
from .. import texts
from ..catalogue import ERROR, INFO, WARNING
from ..checks.report import ACCEPTED, REJECTED, FileResult, Report, UnitResult, unit_status
from ..checks.revisions import describe, describe_change
from ..feedback import CONFIRMATION, draft
from ..form import Choice, Form
from ..formats import date_vn, days_left, size_vn, time_vn
from ..names import feedback_dir, unit_stem
from .site import Site


def _count(issues, severity: str) -> int:
    return sum(i.severity == severity for i in issues)


def deadline_line(form: Form, today: dt.date) -> str:
    days = days_left(form.period.deadline, today)
    key = "before" if days > 0 else "today" if days == 0 else "after"
    return texts.STATUS_DEADLINE[key].format(days=abs(days), deadline=date_vn(form.period.deadline))


def form_header(picked: Choice, today: dt.date) -> dict:
    """The form, its period and deadline, and the other forms (periods) to switch to."""
    form = picked.form
    return {"id": form.id, "title": form.title, "version": form.version, "period": form.period.name,
            "start": date_vn(form.period.start), "end": date_vn(form.period.end),
            "deadline": date_vn(form.period.deadline), "days": deadline_line(form, today),
            "choices": [{"id": f.id, "label": texts.WEB["form_choice"].format(id=f.id, period=f.period.name),
                         "current": f.id == form.id} for f in picked.forms or (form,)]}


def round_rows(report: Report) -> list[dict]:
    """One row per unit: its status in colour and word, the file used (or refused), when it was saved."""
    rows = []
    for unit in report.units:
        shown = report.sent(unit.code)
        issues = shown.issues if shown else []
        rows.append({"code": unit.code, "name": unit.name, "role": texts.ROLES[unit.role], "status": unit.status,
                     "label": texts.STATUS_LABELS[unit.status], "file": shown.path if shown else "",
                     "refused": bool(shown and not unit.file), "saved": time_vn(shown.arrived) if shown else "",
                     "errors": _count(issues, ERROR), "warnings": _count(issues, WARNING)})
    return rows


def counts(report: Report) -> list[dict]:
    summary = report.summary
    return [{"status": key, "label": texts.STATUS_LABELS[key], "count": summary[key]}
            for key in ("valid", "warning", "error", "missing")]


def finding(found) -> dict:
    return {"severity": found.severity, "label": texts.SEVERITY_LABELS[found.severity], "cell": found.cell or "",
            "where": " / ".join(x for x in (found.row, found.column) if x), "code": found.code,
            "message": found.message}


def file_row(f: FileResult) -> dict:
    return {"path": f.path, "status": f.status, "label": texts.STATUS_LABELS[f.status], "size": size_vn(f.size),
            "saved": time_vn(f.arrived), "reasons": [i.message for i in f.issues if f.status != ACCEPTED]}


def unit_page(site: Site, report: Report, unit: UnitResult, today: dt.date) -> dict:
    """A unit: its files, the findings of the one used, what changed since last time, the letter."""
    form = report.form
    stem = unit_stem(unit.code, unit.name)
    workbook = feedback_dir(form.id, site.outbox) / f"{stem}.xlsx"
    letter = draft(report, unit, workbook.name, today)
    sent = letter.sent  # the file the letter is about: also a refused one only its name ties to the unit
    revision = sent.revision if sent else None
    files = [f for f in report.files if f.unit == unit.code or (f is sent)]
    download = None
    if letter.kind != CONFIRMATION and workbook.is_file():
        stale = bool(sent and sent.modified and sent.modified.timestamp() > workbook.stat().st_mtime)
        download = {"link": site.link(workbook), "name": workbook.name, "stale": stale}
    return {"code": unit.code, "name": unit.name, "role": texts.ROLES[unit.role], "status": unit.status,
            "label": texts.STATUS_LABELS[unit.status], "sent": sent.path if sent else None,
            "refused": bool(sent and sent.status == REJECTED),
            "files": [file_row(f) for f in files],
            "findings": [finding(i) for i in (sent.issues if sent else [])],
            "infos": _count(sent.issues, INFO) if sent else 0,
            "revision": describe(revision) if revision else None,
            "changes": [describe_change(form, c) for c in revision.changes] if revision else [],
            "letter": {"kind": letter.kind, "label": texts.FEEDBACK_KINDS[letter.kind], "text": letter.text},
            "workbook": download}


def received_rows(received, report: Report) -> list[dict]:
    """Each attachment just received: the name it was saved under and what the check made of it."""
    by_path = {f.path: f for f in report.files}
    names = {u.code: u.name for u in report.units}
    rows = []
    for item in received:
        f = by_path.get(item.saved) if item.saved else None
        # A file in use is told as its unit's status (valid, warnings, errors); the others as files.
        status = (unit_status(f) if f.status == ACCEPTED else f.status) if f else REJECTED
        rows.append({"given": item.given, "saved": item.saved, "refused": item.refused, "status": status,
                     "label": texts.STATUS_LABELS[status] if f else texts.WEB["not_saved"],
                     "unit": f.unit if f and f.unit else "", "unit_name": names.get(f.unit, "") if f else "",
                     "errors": _count(f.issues, ERROR) if f else 0, "warnings": _count(f.issues, WARNING) if f else 0,
                     "messages": [i.message for i in f.issues if i.severity != INFO] if f else []})
    return rows
