"""The files of the inbox that are deliverables (the form's ``[[deliverables]]``: a written
report, a video) rather than returns: listed and matched to units, never read as workbooks.

A video is set aside by its extension before any workbook reader sees it, and only its header is
read, for its duration. A document goes on being judged by its content as a cover letter is (a
workbook renamed to .pdf is still read), unless it is too big to be a return: then it is set aside
unread. Files are matched to units as returns named by their file are: by the file name, then by
the folders it sits in, then by the unit whose returns share its folder.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path, PurePosixPath

from .. import texts
from ..catalogue import issue
from ..form import Form, Unit
from ..form_extras import Deliverable
from ..formats import duration_vn
from ..intake import Limits
from .identify import units_in_name
from .report import ACCEPTED, IGNORED, REJECTED, FileResult


def of_path(form: Form, path: str | Path) -> Deliverable | None:
    """The deliverable a file is by its extension, if any."""
    suffix = PurePosixPath(str(path)).suffix.lower()
    return next((d for d in form.deliverables if suffix in d.extensions), None)


def set_aside(form: Form, paths: list[Path], limits: Limits) -> tuple[list[Path], list[Path]]:
    """(the files to examine as returns, the files to list as deliverables without opening them):
    every video, and a document too big to be a return."""
    examine, aside = [], []
    for path in paths:
        d = of_path(form, path)
        if d is not None and (d.kind == "video" or _size(path) > limits.max_file_bytes):
            aside.append(path)
        else:
            examine.append(path)
    return examine, aside


def listed(form: Form, path: Path, display: str) -> FileResult:
    """A set-aside file as the report lists it: its size and time, a video's duration, and a
    warning when the video is longer than the form allows."""
    d = of_path(form, path)
    try:
        info = path.stat()
        size, modified = info.st_size, dt.datetime.fromtimestamp(info.st_mtime, dt.timezone.utc)
    except OSError:
        size, modified = 0, None
    f = FileResult(path=display, status=IGNORED, size=size, modified=modified, kind=d.kind, deliverable=d.key)
    if d.kind == "video":
        f.duration = video_duration(path)
        if d.max_minutes is not None and f.duration is not None and f.duration > 60 * d.max_minutes:
            f.issues.append(issue("video-too-long", file=display, label=d.label, duration=duration_vn(f.duration),
                                  limit=d.max_minutes))
    return f


def video_duration(path: Path) -> float | None:
    """Seconds, from the container's header (MP4/MOV, WMV/ASF); None when it cannot be told."""
    # Imported here: most inboxes hold no video.
    from mutagen import File
    from mutagen.asf import ASF
    from mutagen.mp4 import MP4

    try:
        media = File(str(path), options=[MP4, ASF])
        length = media.info.length if media is not None else None
    except Exception:  # a damaged or unknown header: the duration is simply not known
        return None
    return float(length) if length and length > 0 else None


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def match(form: Form, files: list[FileResult]) -> None:
    """Mark each deliverable among ``files`` with its deliverable and unit, and say so as the
    reason it is not a return. A document judged a cover letter and named for no unit stays a
    cover letter."""
    if not form.deliverables:
        return
    letters = {texts.IGNORED_REASONS["attachment"].format(kind=kind) for kind in texts.ATTACHMENT_KINDS.values()}
    beside: dict[str, set[str]] = {}  # folder -> the units whose accepted returns are in it
    for f in files:
        if f.status == ACCEPTED and f.unit and "/" in f.path:
            beside.setdefault(f.path.rsplit("/", 1)[0], set()).add(f.unit)
    for f in files:
        d = of_path(form, f.path)
        letter = f.status == IGNORED and f.kind is None and not f.issues and f.reason in letters
        # A document no reader could open (cut short, not what its name says) is still what the
        # unit sent as that deliverable, never a workbook to send again.
        damaged = d is not None and d.kind == "document" and f.status == REJECTED \
            and {i.code for i in f.issues} == {"unreadable-file"}
        if d is None or not (f.deliverable or damaged or (letter and d.kind == "document")):
            continue
        unit = _unit_of(form, f.path, beside)
        if unit is None and letter:
            continue
        if damaged:
            f.status, f.issues, f.revision = IGNORED, [], None
        f.deliverable, f.kind = d.key, d.kind
        f.unit = unit.code if unit else None
        f.reason = (texts.IGNORED_REASONS["deliverable"].format(label=d.label, unit=unit.name) if unit
                    else texts.IGNORED_REASONS["deliverable_unknown"].format(label=d.label))


def _unit_of(form: Form, path: str, beside: dict[str, set[str]]) -> Unit | None:
    parts = path.split("/")
    for part in (parts[-1], *(f"{folder}.folder" for folder in reversed(parts[:-1]))):
        named = units_in_name(form, part)
        if len(named) == 1:
            return named[0]
        if named:  # a file naming two units is neither's until someone looks
            return None
    folder = path.rsplit("/", 1)[0] if "/" in path else None
    units = beside.get(folder, set()) if folder else set()
    return form.units_by_code[next(iter(units))] if len(units) == 1 else None


