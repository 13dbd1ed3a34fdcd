"""Worker processes that each hold the same state, set once when the worker starts.

What every job needs (the form, the limits) goes to each worker once instead of with every job: sent
with each, a form of thousands of units would cost more to pickle than the jobs cost to do. A job
function reads it with :func:`state`; work done in the calling process holds it with :func:`held`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
from collections.abc import Iterator
from multiprocessing.pool import Pool

_state: object = None


class _Pool(Pool):
    """A pool whose worker handler wakes only when a worker exits or the pool changes.

    The standard pool's handler also wakes whenever a result waits in the pipe, and keeps spinning
    until the result thread has read it: with every core busy examining files, that spin cost the
    parent about 0.4 ms of CPU per file, taken from the workers. Worker exits are still seen by
    their own sentinels, and the pool's changes (closing, terminating, the cache emptying) by the
    change notifier.
    """

    def _get_sentinels(self):
        return [self._change_notifier._reader]


@contextlib.contextmanager
def pool(count: int, state: object, *, quiet: bool = False) -> Iterator[Pool]:
    """``count`` worker processes holding ``state``; stopped (and reaped) on leaving the block.

    ``quiet`` sends the workers' stderr nowhere: for jobs whose libraries may print about the input
    (a Rust panic prints its message and a backtrace), where the results say everything.
    """
    workers = _Pool(count, initializer=_start, initargs=(state, quiet), context=multiprocessing.get_context())
    try:
        yield workers
    finally:
        workers.terminate()
        workers.join()


@contextlib.contextmanager
def held(state: object) -> Iterator[None]:
    """``state`` held by this process for the jobs run in it, as a worker would hold it."""
    global _state
    saved, _state = _state, state
    try:
        yield
    finally:
        _state = saved


def state() -> object:
    """What the pool (or :func:`held`) gave this process."""
    return _state


def _start(given: object, quiet: bool) -> None:
    # Ctrl-C is the parent's to handle: workers are stopped by the pool, without tracebacks.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if quiet:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 2)
        os.close(devnull)
    global _state
    _state = given
