"""``check``: every file of the inbox read, identified and checked, in parallel and time-bounded.

Each file is examined in a worker process, so one file that hangs or exhausts a parser cannot stop
the others: past the time bound its worker is killed and the file is rejected. The inbox is only
ever read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import os
import signal
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from .. import texts
from ..catalogue import issue
from .cells import Context, check_table, identify
from ..form import COUNT_ROLES, Form
from ..intake import Limits, scan, sniff
from .locate import locate
from ..periods import other_round, rounds_beside
from .revisions import revise
from .report import ACCEPTED, IGNORED, REJECTED, SUPERSEDED, FileResult, Report, UnitResult, unit_status

Progress = Callable[[int, int], None]

_form: Form | None = None
_limits: Limits | None = None
_rounds: frozenset[tuple[str, str]] = frozenset()
#: Exceptions that stop the program rather than tell about a file. Everything else a file provokes
#: is the file's problem, including a Rust panic in python-calamine, which arrives as pyo3's
#: PanicException: a BaseException that ``except Exception`` lets through, killing the worker
#: and leaving its file to the time bound.
_NOT_THE_FILE = (KeyboardInterrupt, SystemExit)


def check(form: Form, inbox: Path, *, limits: Limits | None = None, workers: int | None = None,
          progress: Progress | None = None, other_rounds: frozenset[tuple[str, str]] | None = None) -> Report:
    """Check every file under ``inbox`` against ``form`` and return the :class:`Report`.

    A file of one of ``other_rounds`` (form id, period; default: the other definitions beside
    ``form``'s file) is listed as ignored, another round's, rather than rejected.
    """
    limits = limits or Limits()
    rounds = rounds_beside(form) if other_rounds is None else frozenset(other_rounds)
    inbox = Path(inbox)
    found = scan(inbox)
    files = [FileResult(path=_relative(p, inbox), status=IGNORED, reason=reason, size=_size(p))
             for p, reason in found.ignored]
    jobs = [(path, _relative(path, inbox), found.locks.get(path)) for path in found.candidates]
    files += _run(form, limits, rounds, jobs, workers, progress)
    _supersede(files)
    revise(files)
    files.sort(key=lambda f: f.path)
    by_unit = {f.unit: f for f in files if f.status == ACCEPTED}
    units = [UnitResult(u.code, u.name, u.role, unit_status(by_unit.get(u.code)), by_unit.get(u.code))
             for u in form.units]
    return Report(form=form, inbox=inbox, units=units, files=files)


def _relative(path: Path, inbox: Path) -> str:
    """The name shown and reported: bytes that are not UTF-8 (a name from another system's
    archive) as \\xNN, since no output (JSON, workbook, terminal) can carry them."""
    name = path.relative_to(inbox).as_posix()
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = name.encode("utf-8", "surrogateescape")  # undecodable bytes, as os gives them
        except UnicodeEncodeError:
            raw = name.encode("utf-8", "surrogatepass")  # a lone UTF-16 surrogate (Windows)
        name = raw.decode("utf-8", "backslashreplace")
    return name


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _run(form: Form, limits: Limits, rounds: frozenset, jobs: list, workers: int | None,
         progress: Progress | None) -> list[FileResult]:
    """Examine ``jobs`` in worker processes; a job past the time bound is rejected as read-timeout."""
    results: list[FileResult] = []
    workers = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    pending = list(jobs)
    while pending:
        pool = multiprocessing.Pool(workers, initializer=_init, initargs=(form, limits, rounds))
        try:
            submitted = [(job, pool.apply_async(_examine, (job,))) for job in pending]
            pending = []
            for i, (job, future) in enumerate(submitted):
                try:
                    results.append(future.get(timeout=limits.read_timeout))
                except multiprocessing.TimeoutError:
                    results.append(_rejected(job, "read-timeout", seconds=limits.read_timeout))
                    # Killing the pool is the only way to stop the stuck worker; the rest run again.
                    pending = [j for j, _f in submitted[i + 1:]]
                    break
                except Exception as exc:  # the worker itself died (e.g. the file vanished meanwhile)
                    results.append(_rejected(job, "unreadable-file", detail=type(exc).__name__))
                if progress:
                    progress(len(results), len(jobs))
        finally:
            pool.terminate()
            pool.join()
    return results


def _init(form: Form, limits: Limits, rounds: frozenset) -> None:
    # Ctrl-C is the parent's to handle: workers are stopped by the pool, without tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Whatever a file provokes in a reader (a Rust panic prints its message and a backtrace) must
    # not reach the user's terminal: a worker says everything through its results.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    global _form, _limits, _rounds
    _form, _limits, _rounds = form, limits, rounds


def _rejected(job, code: str, **params) -> FileResult:
    path, display, _lock = job
    return FileResult(path=display, status=REJECTED, size=_size(path), issues=[issue(code, file=display, **params)])


def _examine(job: tuple[Path, str, Path | None]) -> FileResult:
    """Everything about one file; never raises for anything the file contains."""
    path, display, lock = job
    stat = path.stat()
    result = FileResult(path=display, status=REJECTED, size=stat.st_size,
                        modified=dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc))
    try:
        if stat.st_size <= _limits.max_file_bytes:  # a huge file is refused unread, not hashed for minutes
            with open(path, "rb") as fh:
                result.sha256 = hashlib.file_digest(fh, "sha256").hexdigest()
        sniffed = sniff(path, _limits, display_name=display)
        result.kind = sniffed.kind
        result.issues += sniffed.issues
        if sniffed.kind is None:
            return result
        _read_and_check(path, result)
    except _NOT_THE_FILE:
        raise
    except BaseException:  # a parser's surprise (a panic too) is the file's problem, not the run's
        result.status = REJECTED
        result.issues.append(issue("unreadable-file", file=display, detail=texts.UNREADABLE_DETAILS["damaged"]))
    if lock is not None:
        result.issues.append(issue("still-open", file=display, lock=lock.name))
    return result


def _read_and_check(path: Path, result: FileResult) -> None:
    from .reader import read_workbook

    form, display = _form, result.path
    try:
        wb = read_workbook(path, result.kind)
    except _NOT_THE_FILE:
        raise
    except BaseException:
        # The reader's own words are English and technical; the sender only needs to know it is damaged.
        result.issues.append(issue("unreadable-file", file=display, detail=texts.UNREADABLE_DETAILS["damaged"]))
        return
    result.saved_at = wb.saved_at
    if reason := other_round(wb.identity, _rounds):
        result.status, result.reason = IGNORED, reason
        return
    table = locate(wb, form)
    header = _header_text(wb, table)
    unit, found = identify(form, wb, display, header)
    result.issues += found
    if unit is None:
        return
    result.unit = unit.code
    if table is None:
        result.issues.append(issue("layout-changed", file=display, detail=_no_table(form)))
        return
    ctx = Context(form, wb, table, display)
    result.issues += check_table(ctx)
    result.status = ACCEPTED
    result.sheet = table.sheet
    result.values = ctx.values
    result.cells = {key: {role: ctx.address(r, role) for role in (*COUNT_ROLES, "note") if role in table.columns}
                    for key, r in table.item_row.items()}
    result.notes = {key: str(ctx.raw(r, "note")).strip() for key, r in table.item_row.items()
                    if str(ctx.raw(r, "note") or "").strip()}


def _header_text(wb, table) -> str:
    sheet = wb.sheet(table.sheet) if table else next((s for s in wb.sheets if s.visible), None)
    if sheet is None:
        return ""
    rows = sheet.grid[: table.header_row if table else 12]
    return "\n".join(str(v).strip() for row in rows for v in row if str(v).strip())


def _no_table(form: Form) -> str:
    return texts.LAYOUT_NO_TABLE.format(columns=", ".join(form.columns[r] for r in ("total", "collective", "individual")))


def _supersede(files: list[FileResult]) -> None:
    """Keep the newest accepted file of each unit; mark the older ones superseded, never summed twice."""
    by_unit: dict[str, list[FileResult]] = defaultdict(list)
    for f in files:
        if f.status == ACCEPTED:
            by_unit[f.unit].append(f)
    for group in by_unit.values():
        group.sort(key=lambda f: (f.saved_at or f.modified, f.modified, f.path))
        newest = group[-1]
        for older in group[:-1]:
            older.status = SUPERSEDED
            older.issues.append(issue("superseded", file=older.path, newer=newest.path))
