"""What each unit sent besides the table (the form's ``[[deliverables]]``: a written report, a
video), unit by unit, as status, the summary and the draft report show it. The files were found and
matched to units by the check (``checks.deliverables``)."""

from __future__ import annotations

from dataclasses import dataclass

from . import texts
from .checks.report import FileResult, Report
from .form_extras import Deliverable
from .formats import duration_vn, size_vn


@dataclass(frozen=True)
class Received:
    """One deliverable of one unit: the files received for it (none: not received)."""

    deliverable: Deliverable
    files: tuple[FileResult, ...]

    @property
    def line(self) -> str:
        """As a status column shows it: «chưa nhận», or each file with its size (and duration)."""
        if not self.files:
            return texts.NOT_DELIVERED
        return "; ".join(described(f) for f in self.files)


def described(f: FileResult) -> str:
    """A received file: its name, size and, for a video, its duration when it could be read."""
    duration = duration_text(f)
    if duration is None:
        return texts.DELIVERED_FILE.format(file=f.name, size=size_vn(f.size))
    return texts.DELIVERED_FILE_TIMED.format(file=f.name, size=size_vn(f.size), duration=duration)


def duration_text(f: FileResult) -> str | None:
    """A video's duration as read, or that it could not be read; None for a file that is no video."""
    if f.kind != "video":
        return None
    return duration_vn(f.duration) if f.duration is not None else texts.DURATION_UNKNOWN


def received(report: Report) -> dict[str, list[Received]]:
    """Unit code → each deliverable of the form with the files received for it, in the form's order."""
    form = report.form
    got: dict[tuple[str, str], list[FileResult]] = {}
    for f in report.files:
        if f.deliverable and f.unit:
            got.setdefault((f.unit, f.deliverable), []).append(f)
    return {u.code: [Received(d, tuple(got.get((u.code, d.key), ()))) for d in form.deliverables]
            for u in form.units}
