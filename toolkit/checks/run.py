"""``check``: every file of the inbox read, identified and checked, in parallel and time-bounded.

Each file is examined in a worker process, so one file that hangs or exhausts a parser cannot stop
the others: past the time bound its worker is killed and the file is rejected. The inbox is only
ever read.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from ..catalogue import issue
from ..form import Form
from ..intake import Limits, scan
from ..periods import rounds_beside
from ..workers import pool as worker_pool, state as worker_state
from .deliverables import listed, match, set_aside
from .revisions import revise
from .report import ACCEPTED, IGNORED, REJECTED, FileResult, Report, UnitResult, unit_status
from .steps import Examined, status_of, take

Progress = Callable[[int, int], None]
Job = tuple[Path, str, Path | None]  # the file, its name as reported, the lock file beside it


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
             for p, reason in found.ignored if p not in found.silent]
    candidates, aside = set_aside(form, found.candidates, limits)
    jobs = [(path, _relative(path, inbox), found.locks.get(path)) for path in candidates]
    examined = [Examined(form, limits, job[0], result, job[2], rounds)
                for job, result in zip(jobs, _run((form, limits, rounds), jobs, workers, progress))]
    _across_files(examined)
    files += [f.result for f in examined] + [listed(form, path, _relative(path, inbox)) for path in aside]
    revise(files)
    match(form, files)
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


def _run(given: tuple[Form, Limits, frozenset], jobs: list[Job], workers: int | None,
         progress: Progress | None) -> list[FileResult]:
    """Examine ``jobs`` in worker processes holding ``given`` (what :func:`examine` needs besides
    the job), in order; a job past the time bound is read-timeout."""
    limits = given[1]
    results: list[FileResult] = []
    count = max(1, min(workers or os.cpu_count() or 1, len(jobs)))
    pending = list(jobs)
    while pending:
        with worker_pool(count, given, quiet=True) as pool:
            submitted = [(job, pool.apply_async(_in_worker, (job,))) for job in pending]
            pending = []
            for i, (job, future) in enumerate(submitted):
                try:
                    results.append(future.get(timeout=limits.read_timeout))
                except multiprocessing.TimeoutError:
                    results.append(_stopped(job, "read-timeout", seconds=limits.read_timeout))
                    # Stopping the pool is the only way to stop the stuck worker; the rest run again.
                    pending = [j for j, _f in submitted[i + 1:]]
                    break
                except Exception as exc:  # the worker itself died (e.g. the file vanished meanwhile)
                    results.append(_stopped(job, "unreadable-file", detail=type(exc).__name__))
                if progress:
                    progress(len(results), len(jobs))
    return results


def _in_worker(job: Job) -> FileResult:
    form, limits, rounds = worker_state()
    return examine(form, limits, job, rounds)


def examine(form: Form, limits: Limits, job: Job, rounds: frozenset = frozenset()) -> FileResult:
    """Everything about one file on its own (``steps.FILE_STEPS``); never raises for what the file holds."""
    path, display, lock = job
    stat = path.stat()
    result = FileResult(path=display, status=ACCEPTED, size=stat.st_size,
                        modified=dt.datetime.fromtimestamp(stat.st_mtime, dt.timezone.utc))
    take(Examined(form, limits, path, result, lock, rounds))
    return result


def _stopped(job: Job, code: str, **params) -> FileResult:
    """A file whose worker did not finish: the one finding says why."""
    path, display, _lock = job
    issues = [issue(code, file=display, **params)]
    result = FileResult(path=display, status=REJECTED, size=_size(path), issues=issues)
    result.status = status_of(result)
    return result


def _across_files(examined: list[Examined]) -> None:
    """Compare each file with the others: the newest accepted file of a unit is the one used."""
    by_unit: dict[str, list[Examined]] = defaultdict(list)
    for f in examined:
        if f.result.status == ACCEPTED:
            by_unit[f.result.unit].append(f)
    for group in by_unit.values():
        group.sort(key=lambda f: (f.result.arrived, f.result.modified, f.result.path))
        for older in group[:-1]:
            older.newer = group[-1].result.path
    for f in examined:
        take(f, across_files=True)
