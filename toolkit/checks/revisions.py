"""What a unit's correction changed: the file used against the one it replaces.

A unit that sends several files is on its n-th submission (files with the same content count once:
a file sent twice is one submission). For the file used, every count or note that differs from the
previous submission is listed (old → new), and the previous submission's findings are split into
fixed and still there. A finding is the same finding when its code, row and column are the same:
cell addresses may move between two files, the row and column they name do not.
"""

from __future__ import annotations

import datetime as dt

from .. import texts
from ..catalogue import ERROR, WARNING, Issue
from ..form import Form
from ..formats import number_vn
from .report import ACCEPTED, REJECTED, SUPERSEDED, Change, FileResult, Revision

NOTE = "note"


def revise(files: list[FileResult]) -> None:
    """Give each unit's file in use (accepted, else its newest rejected one) its :class:`Revision`
    when the unit sent more than one distinct file."""
    by_unit: dict[str, list[FileResult]] = {}
    for f in files:
        if f.unit and f.status in (ACCEPTED, SUPERSEDED, REJECTED):
            by_unit.setdefault(f.unit, []).append(f)
    for group in by_unit.values():
        group.sort(key=_when)
        used = next((f for f in reversed(group) if f.status == ACCEPTED), group[-1])
        earlier = [f for f in group[: group.index(used)] if f.sha256 != used.sha256]
        distinct = {f.sha256 or f.path for f in earlier}
        if earlier:
            used.revision = compare(earlier[-1], used, len(distinct) + 1)


def compare(previous: FileResult, used: FileResult, number: int) -> Revision:
    changes = [] if not previous.values else _changes(previous, used)
    keys = {_key(i) for i in _findings(used)}
    before = _findings(previous)
    return Revision(number, previous.path, tuple(changes), tuple(i for i in before if _key(i) not in keys),
                    tuple(i for i in before if _key(i) in keys))


def _changes(previous: FileResult, used: FileResult) -> list[Change]:
    out = []
    for key in dict.fromkeys([*used.values, *previous.values]):
        old_row, new_row = previous.values.get(key, {}), used.values.get(key, {})
        for role in dict.fromkeys([*new_row, *old_row]):
            if old_row.get(role) != new_row.get(role):
                out.append(Change(key, role, used.cells.get(key, {}).get(role), old_row.get(role), new_row.get(role)))
        old_note, new_note = previous.notes.get(key), used.notes.get(key)
        if old_note != new_note:
            out.append(Change(key, NOTE, used.cells.get(key, {}).get(NOTE), old_note, new_note))
    return out


def _findings(f: FileResult) -> list[Issue]:
    return [i for i in f.issues if i.severity in (ERROR, WARNING)]


def _key(i: Issue) -> tuple:
    return (i.code, i.row, i.column)


def _when(f: FileResult) -> tuple:
    moment = f.arrived or dt.datetime.min.replace(tzinfo=dt.timezone.utc)
    return (moment, f.modified or moment, f.path)


def describe(revision: Revision, short: bool = False) -> str:
    """The revision in one Vietnamese phrase ("lần gửi thứ 2, thay tệp «…»: 1 ô thay đổi, …")."""
    template = texts.REVISION_SHORT if short else texts.REVISION
    return template.format(number=revision.number, previous=revision.previous, changed=len(revision.changes),
                           fixed=len(revision.fixed), remaining=len(revision.remaining))


def describe_change(form: Form, change: Change) -> str:
    """``C13 Anh hùng Lao động / Tổng số: 8 → 5``."""
    label = next((r.label for r in form.rows if r.key == change.row), change.row)
    column = form.columns.get(change.role) or form.columns.get(next(iter(form.text_keys), ""), change.role)
    return texts.REVISION_CHANGE.format(cell=change.cell or "", row=label, column=column,
                                        old=_shown(change.old), new=_shown(change.new))


def _shown(value: int | str | None) -> str:
    if value is None or value == "":
        return texts.REVISION_BLANK
    return number_vn(value) if isinstance(value, (int, float)) else f"«{value}»"
