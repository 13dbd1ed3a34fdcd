"""What is found about one returned file as a whole: ``FILE_STEPS``, in the order findings are listed.

Each step is one small function: it gets the :class:`Examined` file, uses what the steps before it
left there (the kind, the workbook, the unit), and returns its findings. The table itself is checked
by ``checks.cells.CELL_CHECKS``, run by the ``cells`` step.

A file's status follows from its findings and the catalogue alone (:func:`status_of`): a finding
whose code is in ``REJECTING`` rejects it. The steps that read the file's content each need what
the one before it found, so they stop at the first finding that rejects the file; the others are
about the file on disk and the inbox, and are always taken.

Only the run (``checks.run``) finds the rest, when a worker does not come back with a result:
read-timeout past the time bound, unreadable-file when the worker itself died.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from .. import texts
from ..catalogue import REJECTING, Issue, issue
from ..form import Form
from ..intake import Content, Limits, sniff
from ..periods import other_round
from . import reader
from .cells import Context, check_table
from .identify import header_text, identify
from .locate import Located, locate
from .report import ACCEPTED, IGNORED, REJECTED, SUPERSEDED, FileResult
from .versions import carried, carried_values, made_on, new_rows

#: Exceptions that stop the program rather than tell about a file. Everything else a file provokes
#: is the file's problem, including a Rust panic in python-calamine, which arrives as pyo3's
#: PanicException: a BaseException that ``except Exception`` lets through.
NOT_THE_FILE = (KeyboardInterrupt, SystemExit)


@dataclass
class Examined:
    """One file going through the steps; ``result`` is what the report will say about it."""

    form: Form
    limits: Limits
    path: Path
    result: FileResult
    lock: Path | None = None     # the lock file beside it, if someone may still be editing it
    rounds: frozenset[tuple[str, str]] = frozenset()  # (form id, period) of the other rounds
    newer: str | None = None     # set by the run: the newer accepted file of the same unit
    content: Content | None = None  # what intake read and judged: all the reader parses
    wb: reader.Workbook | None = None

    @property
    def file(self) -> str:
        return self.result.path

    @cached_property
    def version(self) -> Form | None:
        """The earlier version of the form the file was made on, if it was."""
        return made_on(self.form, self.wb)

    @property
    def definition(self) -> Form:
        """The definition the file was made on, by which its table is read."""
        return self.version or self.form

    @cached_property
    def table(self) -> Located | None:
        return locate(self.wb, self.definition)


def content(f: Examined) -> Iterable[Issue]:
    """The bytes, read once: hashed, then judged by content and limits before any parser sees them."""
    sniffed = sniff(f.path, f.limits, display_name=f.file)
    f.result.sha256, f.result.kind, f.content = sniffed.sha256, sniffed.kind, sniffed.content
    letter = _attachment(f.path, sniffed.issues)
    if letter is not None:  # a cover letter beside the return: listed, not held against anyone
        f.result.reason = texts.IGNORED_REASONS["attachment"].format(kind=texts.ATTACHMENT_KINDS[letter])
        return []
    return sniffed.issues


#: Documents sent beside a return (cover letters): the name's extension and the detail that the
#: content, judged alone, is that same kind of document.
ATTACHMENTS = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".odt": "opendocument"}


def _attachment(path: Path, found: tuple[Issue, ...]) -> str | None:
    """The kind of document ``path`` is when both its name and its content say it is one, else None.

    A workbook renamed to .pdf is still read by its content; a PDF renamed to .xlsx is still a
    return sent in the wrong form, and rejected.
    """
    kind = ATTACHMENTS.get(path.suffix.lower())
    if kind is None or len(found) != 1 or found[0].code != "unreadable-file":
        return None
    said = issue("unreadable-file", file=found[0].file, detail=texts.UNREADABLE_DETAILS[kind])
    return kind if said == found[0] else None


def extension(f: Examined) -> Iterable[Issue]:
    """A workbook under another kind's extension is read by its content; the sender is told."""
    if not reader.misnamed(f.path, f.result.kind):
        return []
    return [issue("extension-mismatch", file=f.file, extension=f.path.suffix or texts.NO_EXTENSION,
                  kind=texts.WORKBOOK_KINDS[f.result.kind])]


def workbook(f: Examined) -> Iterable[Issue]:
    try:
        f.wb = reader.read_workbook(f.content, f.result.kind)
    except NOT_THE_FILE:
        raise
    except BaseException:
        # The reader's own words are English and technical; the sender only needs to know it is damaged.
        return [_damaged(f)]
    f.result.saved_at = f.wb.saved_at
    return []


def another_round(f: Examined) -> Iterable[Issue]:
    """A file of another round is not this round's to judge: set aside with the reason, no finding."""
    f.result.reason = other_round(f.wb.identity, f.rounds)
    return []


def identity(f: Examined) -> Iterable[Issue]:
    unit, found = identify(f.form, f.wb, f.file, header_text(f.wb, f.table))
    f.result.unit = unit.code if unit else None
    return found


def table(f: Examined) -> Iterable[Issue]:
    if f.table is None:
        columns = ", ".join(f.definition.columns[key] for key in f.definition.value_keys)
        return [issue("table-not-found", file=f.file, columns=columns)]
    if f.version is None:
        return []
    unread = [f"«{row.label}»" for row in new_rows(f.form, f.version)]
    return [issue("old-template-version", file=f.file, found=f.version.version, current=f.form.version,
                  rows=texts.OLD_VERSION_NEW_ROWS.format(rows=", ".join(unread)) if unread else "")]


def cells(f: Examined) -> Iterable[Issue]:
    ctx = Context(f.definition, f.wb, f.table, f.file)
    found = check_table(ctx)
    result, rows = f.result, f.table.item_row
    result.sheet = f.table.sheet
    result.values = ctx.values
    shown = (*f.definition.value_keys, *f.definition.text_keys)
    result.cells = {key: {c: ctx.address(r, c) for c in shown if c in f.table.columns} for key, r in rows.items()}
    note = next(iter(f.definition.text_keys), None)
    result.notes = {key: text for key, r in rows.items() if note and (text := str(ctx.raw(r, note) or "").strip())}
    if f.version is not None:  # what the earlier version's rows hold, on the current rows
        result.values = carried_values(f.form, f.version, result.values)
        result.cells = carried(f.form, f.version, result.cells)
        result.notes = carried(f.form, f.version, result.notes)
    return found


def still_open(f: Examined) -> Iterable[Issue]:
    return [issue("still-open", file=f.file, lock=f.lock.name)] if f.lock is not None else []


def superseded(f: Examined) -> Iterable[Issue]:
    return [issue("superseded", file=f.file, newer=f.newer)] if f.newer is not None else []


#: Everything found about a file as a whole, in the order findings are listed.
FILE_STEPS = (content, extension, workbook, another_round, identity, table, cells, still_open, superseded)
#: The steps that read the content: none is taken once a finding rejects the file or it is set aside.
READING = frozenset({content, extension, workbook, another_round, identity, table, cells})
#: The steps that compare a file with the others of the inbox: taken once every file is examined.
ACROSS_FILES = frozenset({superseded})


def take(f: Examined, *, across_files: bool = False) -> None:
    """Take the steps of ``f`` (those of one file, or those across files), then set its status.

    Whatever a step provokes in a parser (a panic too) is the file's problem, not the run's: the
    file is unreadable.
    """
    for step in FILE_STEPS:
        if (step in ACROSS_FILES) != across_files or (step in READING and settled(f.result)):
            continue
        try:
            f.result.issues += step(f)
        except NOT_THE_FILE:
            raise
        except BaseException:
            f.result.issues.append(_damaged(f))
    f.result.status = status_of(f.result)


def _damaged(f: Examined) -> Issue:
    return issue("unreadable-file", file=f.file, detail=texts.UNREADABLE_DETAILS["damaged"])


def rejected(issues: Iterable[Issue]) -> bool:
    return any(i.code in REJECTING for i in issues)


def settled(result: FileResult) -> bool:
    """Nothing more to read: a finding rejects the file, or it was set aside as another round's."""
    return rejected(result.issues) or result.reason is not None


def status_of(result: FileResult) -> str:
    """A file's status from its findings: rejected by a rejecting code, else ignored when set aside
    (another round's), else superseded or accepted."""
    if rejected(result.issues):
        return REJECTED
    if result.reason is not None:
        return IGNORED
    return SUPERSEDED if any(i.code == "superseded" for i in result.issues) else ACCEPTED
