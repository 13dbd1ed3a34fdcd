"""Worker processes: the parent only hands out jobs and collects results, so its CPU is left to them.

The standard pool's worker handler wakes, checks every worker and waits again each time a result
sits unread in the pipe, many times per result while the cores are busy; this pool's handler wakes
only when a worker exits or the pool changes. The work is counted, never timed.
"""

from __future__ import annotations

import threading
from multiprocessing.pool import Pool

from tests.hostile import valid_return
from toolkit.checks.run import check


def test_collecting_results_does_not_wake_the_worker_handler_once_per_file(default_form, tmp_path, monkeypatch):
    inbox = tmp_path / "inbox"
    units = list(default_form.units)
    for i in range(40):
        unit = units[i % len(units)]
        valid_return(default_form, unit, inbox / f"{unit.code}-{i:02d}.xlsx", seed=i)
    woken = []
    maintain = Pool._maintain_pool

    def counted(*args):
        woken.append(threading.current_thread().name)
        return maintain(*args)

    monkeypatch.setattr(Pool, "_maintain_pool", staticmethod(counted))

    report = check(default_form, inbox, workers=2)

    assert len(report.files) == 40 and all(f.status != "rejected" for f in report.files)
    # Once as the pool starts, then only for its changes (the last result, stopping): not per file.
    assert 1 <= len(woken) <= 5, len(woken)
