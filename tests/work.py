"""The work a step does, counted where it happens, so tests bound the work instead of the time.

A loaded machine changes how long a step takes, never how much it reads: a test that asserts
"refused after inflating 1 MB of a 300 MB bomb" fails only when the code changes. Counting wraps
the libraries the toolkit calls (zipfile, the workbook reader, the worker pool), not the toolkit's
own internals. Where a test is only about not hanging, :func:`within` gives it a time-out so
generous that only a hang reaches it.
"""

from __future__ import annotations

import contextlib
import threading
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import Pool
from pathlib import Path

import pytest

from toolkit.checks import reader

#: Long enough that only a hang reaches it, on any machine, however loaded.
HANG = 120


@dataclass
class Work:
    #: member name -> bytes zipfile inflated and handed over for it
    inflated: Counter = field(default_factory=Counter)
    #: zip directory entries zipfile built (one per member listed)
    listed: int = 0
    #: workbooks the reader opened
    books: int = 0
    #: cells the reader loaded (each sheet as its box from A1, as python-calamine hands it over)
    cells: int = 0

    @property
    def total_inflated(self) -> int:
        return sum(self.inflated.values())


@contextlib.contextmanager
def counted() -> Iterator[Work]:
    """Count the work done inside the block (in this process)."""
    work = Work()
    read, info_init, read_workbook = zipfile.ZipExtFile.read, zipfile.ZipInfo.__init__, reader.read_workbook

    def counting_read(self, n=-1):
        data = read(self, n)
        work.inflated[self.name] += len(data)
        return data

    def counting_info_init(self, *args, **kwargs):
        work.listed += 1
        info_init(self, *args, **kwargs)

    def counting_read_workbook(*args, **kwargs):
        work.books += 1
        return read_workbook(*args, **kwargs)

    class CountingSheet(reader.Sheet):
        def __init__(self, name, visible, load):
            def counting_load():
                grid = load()
                work.cells += len(grid) * max((len(row) for row in grid), default=0)
                return grid
            super().__init__(name, visible, counting_load)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(zipfile.ZipExtFile, "read", counting_read)
        mp.setattr(zipfile.ZipInfo, "__init__", counting_info_init)
        mp.setattr(reader, "read_workbook", counting_read_workbook)
        mp.setattr(reader, "Sheet", CountingSheet)
        yield work


def unzipped_size(path: Path) -> int:
    """What the members of a zip package declare they inflate to, together."""
    with zipfile.ZipFile(path) as zf:
        return sum(info.file_size for info in zf.infolist())


@contextlib.contextmanager
def finished_jobs(log: Path) -> Iterator[Callable[[], Counter]]:
    """Count, by the name of the file they report on, the jobs worker processes run to their end
    inside the block (a job stopped half way is not counted). Workers are forked, so each one
    appends to ``log``; the block gets a function that reads the counts so far."""
    log.write_text("", encoding="utf-8")
    apply_async = Pool.apply_async

    def logged_apply_async(self, func, args=(), kwds={}, callback=None, error_callback=None):
        return apply_async(self, _run_and_log, (str(log), func, args, kwds), {}, callback, error_callback)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(Pool, "apply_async", logged_apply_async)
        yield lambda: Counter(log.read_text(encoding="utf-8").splitlines())


def _run_and_log(log: str, func, args, kwds):
    result = func(*args, **kwds)
    with open(log, "a", encoding="utf-8") as fh:  # one short line per write: appends do not mix
        fh.write(f"{result.path}\n")
    return result


def within(seconds: float, func: Callable, *args, **kwargs):
    """``func(*args, **kwargs)``, failing the test if it has not returned after ``seconds``."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = func(*args, **kwargs)
        except BaseException as exc:  # handed to the test below
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        pytest.fail(f"{getattr(func, '__name__', func)} still running after {seconds} s: it hangs")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
