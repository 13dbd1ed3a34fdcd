"""The report of a check: per file and per unit, with every finding. ``to_dict`` is the JSON form."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from ..catalogue import ERROR, WARNING, Issue, worst
from ..form import Form

ACCEPTED, SUPERSEDED, REJECTED, IGNORED = "accepted", "superseded", "rejected", "ignored"
VALID, MISSING = "valid", "missing"
UNIT_STATUSES = (VALID, WARNING, ERROR, MISSING)


@dataclass(frozen=True)
class Change:
    """One cell whose value differs from the previous submission."""

    row: str  # row key
    role: str
    cell: str | None
    old: int | str | None
    new: int | str | None

    def to_dict(self) -> dict:
        return {"row": self.row, "role": self.role, "cell": self.cell, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Revision:
    """Which submission a file is and what it changed (``checks.revisions`` compares the files)."""

    number: int
    previous: str | None
    changes: tuple[Change, ...] = ()
    fixed: tuple[Issue, ...] = ()
    remaining: tuple[Issue, ...] = ()

    def to_dict(self) -> dict:
        return {"number": self.number, "previous": self.previous, "changes": [c.to_dict() for c in self.changes],
                "fixed": [i.to_dict() for i in self.fixed], "remaining": [i.to_dict() for i in self.remaining]}


@dataclass
class FileResult:
    """One file of the inbox and what became of it."""

    path: str  # relative to the inbox, with "/" separators
    status: str
    sha256: str | None = None
    size: int = 0
    modified: dt.datetime | None = None
    kind: str | None = None
    unit: str | None = None
    issues: list[Issue] = field(default_factory=list)
    reason: str | None = None  # why an ignored file was ignored
    saved_at: dt.datetime | None = None
    sheet: str | None = None
    #: row key -> role -> count (None when blank or unusable)
    values: dict[str, dict[str, int | None]] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    #: row key -> role -> the source cell ("C12")
    cells: dict[str, dict[str, str]] = field(default_factory=dict)
    #: against the unit's previous submission, when there was one (see ``revisions``)
    revision: Revision | None = None
    #: the key of the form's deliverable this file is (a report, a video; see ``toolkit.deliverables``)
    deliverable: str | None = None
    #: a video's length in seconds, when its header tells it
    duration: float | None = None

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]

    @property
    def arrived(self) -> dt.datetime | None:
        """When the unit last saved it: the workbook's own save time, else the file's time."""
        return self.saved_at or self.modified

    def to_dict(self) -> dict:
        out = {"path": self.path, "sha256": self.sha256, "status": self.status, "unit": self.unit,
               "kind": self.kind, "size": self.size, "modified": _iso(self.modified),
               "saved_at": _iso(self.saved_at), "issues": [i.to_dict() for i in self.issues]}
        if self.reason:
            out["reason"] = self.reason
        if self.revision:
            out["revision"] = self.revision.to_dict()
        if self.deliverable:
            out["deliverable"] = self.deliverable
            out["duration"] = self.duration
        if self.status in (ACCEPTED, SUPERSEDED) and self.values:
            out["sheet"] = self.sheet
            out["values"] = self.values
            out["notes"] = self.notes
            out["cells"] = self.cells
        return out


@dataclass
class UnitResult:
    code: str
    name: str
    role: str
    status: str
    file: FileResult | None = None

    @property
    def issues(self) -> list[Issue]:
        return self.file.issues if self.file else []

    def to_dict(self) -> dict:
        return {"code": self.code, "name": self.name, "role": self.role, "status": self.status,
                "file": self.file.path if self.file else None,
                "issues": [i.to_dict() for i in self.issues]}


@dataclass
class Report:
    """What ``check`` found; the library's answer and, as ``to_dict()``, the CLI's ``--json``."""

    form: Form
    inbox: Path
    units: list[UnitResult]
    files: list[FileResult]

    @property
    def as_of(self) -> dt.datetime | None:
        """The newest accepted file's time: the data's date, the same on every run over the same inbox."""
        return max((f.arrived for f in self.files if f.status == ACCEPTED and f.arrived), default=None)

    @property
    def summary(self) -> dict[str, int]:
        counts = {status: 0 for status in UNIT_STATUSES}
        for unit in self.units:
            counts[unit.status] += 1
        for status in (ACCEPTED, SUPERSEDED, REJECTED, IGNORED):
            counts[f"files_{status}"] = sum(f.status == status for f in self.files)
        return counts

    def sent(self, code: str) -> FileResult | None:
        """What the unit ``code`` sent: its accepted file, else its newest rejected one (a unit whose
        only file was rejected counts as missing, but must be told why)."""
        return self._sent.get(code)

    @cached_property
    def _sent(self) -> dict[str, FileResult]:
        # One pass over units and files, not one per unit: callers ask for every unit of the country.
        sent: dict[str, FileResult] = {}
        for f in self.files:
            if f.status == REJECTED and f.unit is not None:
                kept = sent.get(f.unit)
                if kept is None or _recency(f) > _recency(kept):
                    sent[f.unit] = f
        sent.update({u.code: u.file for u in self.units if u.file})
        return sent

    @property
    def ok(self) -> bool:
        """No unit in error and no file rejected (missing units alone are normal before the deadline)."""
        return not any(u.status == ERROR for u in self.units) and not any(f.status == REJECTED for f in self.files)

    def to_dict(self) -> dict:
        return {
            "form": {"id": self.form.id, "version": self.form.version, "period": self.form.period.name,
                     "deadline": self.form.period.deadline.isoformat()},
            "inbox": str(self.inbox),
            "as_of": _iso(self.as_of),
            "summary": self.summary,
            "units": [u.to_dict() for u in self.units],
            "files": [f.to_dict() for f in self.files],
        }


def _recency(f: FileResult) -> tuple:
    return (f.arrived or dt.datetime.min, f.path)


def unit_status(file: FileResult | None) -> str:
    if file is None:
        return MISSING
    severity = worst(file.issues)
    return severity if severity in (ERROR, WARNING) else VALID


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None
