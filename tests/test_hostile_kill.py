"""Killing ``thidua consolidate`` at any moment loses nothing: the summary is always the previous one
or the complete new one, never a partial file; what a killed run leaves behind is a hidden temporary
file that nothing mistakes for a summary, and a later run clears it once it is stale.

The command runs as a process of its own over an inbox of 200 returns; one run is timed first, then
SIGKILL goes to the command and its workers at five moments: twice while the files are being
checked, as soon as the new summary's temporary file appears, half way through writing it, and
just before the end.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest

from support.processes import live_processes
from tests.hostile import counts, form_file, many_units_form, valid_return
from tests.work import HANG
from toolkit import texts
from toolkit.files import STALE_AFTER, atomic_path, remove_stale
from toolkit.form import load_form
from toolkit.intake import scan

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FORM = REPO / "workbook_templates" / "khen-thuong-6t-2020.toml"
UNITS = 200
TEMPORARY = re.compile(r"\.tong-hop\.[a-z0-9_]{8}\.xlsx\.tmp(\.keep)?")


@pytest.fixture(scope="module")
def round_of_200(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("kill")
    units = list(many_units_form(load_form(DEFAULT_FORM), UNITS).units)
    form_path = form_file(DEFAULT_FORM, tmp / "form.toml", units)
    form = load_form(form_path)
    inbox = tmp / "inbox"
    for i, unit in enumerate(form.units[:-1]):
        valid_return(form, unit, inbox / f"{unit.code}.xlsx", counts(form, i))
    return tmp, form, form_path, inbox


def start(form_path: Path, inbox: Path, target: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "toolkit.cli", "consolidate", "--inbox", str(inbox), "--form",
                             str(form_path), "--output", str(target), "-q", "--workers", "2"], cwd=REPO,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)


def temporary_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if TEMPORARY.fullmatch(p.name))


def kill(proc: subprocess.Popen) -> None:
    """SIGKILL to the command and its worker processes (its own process group), as a power cut or
    the task manager would stop them."""
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=HANG)
    for _poll in range(100 * HANG):  # killed processes go at once; only one that never goes is waited out
        if not group_alive(proc.pid):
            return
        time.sleep(0.01)
    pytest.fail("worker processes outlived the kill")


def group_alive(group: int) -> bool:
    """Whether a process of ``group`` still runs (zombies awaiting their reaper do not count)."""
    return any(pgid == group for _pid, _ppid, pgid in live_processes())


def summary_units(path: Path) -> int:
    """How many units a complete summary says it consolidated (it must open to say anything)."""
    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames == list(texts.SUMMARY_SHEETS.values())
    rows = list(wb[texts.SUMMARY_SHEETS["by_unit"]].iter_rows(values_only=True))
    assert rows[-1][0] == texts.BY_UNIT_TOTAL  # the last row is written last
    return sum(1 for row in rows if row and isinstance(row[0], int))


def test_a_summary_killed_at_any_moment_is_the_previous_one_or_the_complete_new_one(round_of_200):
    tmp, form, form_path, inbox = round_of_200
    out = tmp / "out"
    target = out / "tong-hop.xlsx"
    first = start(form_path, inbox, target)
    assert first.wait(timeout=120) == 0, first.stderr.read()
    previous = target.read_bytes()
    assert summary_units(target) == UNITS
    # One more return arrives: the new summary differs from the previous one.
    last = form.units[-1]
    valid_return(form, last, inbox / f"{last.code}.xlsx", counts(form, UNITS))

    # Time a whole run: when the temporary file appears and when the run ends.
    began = time.monotonic()
    proc = start(form_path, inbox, out / "timed.xlsx")
    appeared = None
    while proc.poll() is None:
        if appeared is None and any(p.name.startswith(".timed.") for p in out.iterdir()):
            appeared = time.monotonic() - began
        time.sleep(0.001)
    ended = time.monotonic() - began
    assert proc.returncode == 0 and appeared is not None, proc.stderr.read()
    (out / "timed.xlsx").unlink()

    writing = ended - appeared
    moments = [("checking, early", 0.3 * appeared), ("checking, late", 0.8 * appeared),
               ("temporary file just created", None), ("half way through writing", appeared + 0.5 * writing),
               ("just before the end", appeared + 0.9 * writing)]
    outcomes = []
    for label, at in moments:
        # The temporary file may live for a few milliseconds only: a run that ended before it was
        # seen is run again (a few times), so that this moment is the one the kill comes at.
        for _attempt in range(1 if at is not None else 8):
            began = time.monotonic()
            proc = start(form_path, inbox, target)
            if at is None:
                while not temporary_files(out) and proc.poll() is None:
                    time.sleep(0.0005)
            else:
                time.sleep(max(0.0, at - (time.monotonic() - began)))
            mid_write = bool(temporary_files(out))
            kill(proc)
            if mid_write or at is not None:
                break
            target.write_bytes(previous)  # a run that ended: start the next try from the previous summary
        data = target.read_bytes()
        outcome = "previous" if data == previous else f"new ({summary_units(target)} units)"
        assert outcome in ("previous", f"new ({UNITS} units)"), label
        assert openpyxl.load_workbook(target, read_only=True).sheetnames  # always a workbook
        outcomes.append((label, round(time.monotonic() - began, 3), mid_write, outcome))
        if outcome != "previous":
            target.write_bytes(previous)  # start the next kill from the previous summary again
    print(f"\nrun timed: temporary file after {appeared:.2f} s, end after {ended:.2f} s")
    for outcome in outcomes:
        print("killed:", outcome)
    assert outcomes[2][2], "the kill as the temporary file appeared came mid-write"
    assert outcomes[2][3] == "previous"

    # What the kills left: hidden temporary files only, which a scan of the folder ignores.
    leftovers = [p for p in out.iterdir() if p != target]
    assert all(TEMPORARY.fullmatch(p.name) for p in leftovers)
    found = scan(out)
    assert found.candidates == [target] and {p for p, _reason in found.ignored} == set(leftovers)

    # A later run leaves young ones alone (a run may still be writing them) and clears stale ones.
    assert leftovers, "no kill landed while the summary was being written"
    young, *old = leftovers
    stale = time.time() - STALE_AFTER - 60
    for path in old:
        os.utime(path, (stale, stale))
    again = start(form_path, inbox, target)
    assert again.wait(timeout=120) == 0, again.stderr.read()
    assert summary_units(target) == UNITS
    assert [p for p in out.iterdir() if p != target] == [young]


def test_only_our_stale_temporary_files_for_that_target_are_removed(tmp_path):
    target = tmp_path / "tong-hop.xlsx"
    stale = time.time() - STALE_AFTER - 60
    names = {
        ".tong-hop.ab_12xyz.xlsx.tmp": True,
        ".tong-hop.ab_12xyz.xlsx.tmp.keep": True,
        ".tong-hop.fresh123.xlsx.tmp": False,  # young: a run may be writing it
        ".tong-hop-2019.ab_12xyz.xlsx.tmp": False,  # another target's
        ".tong-hop.ab_12xyz.xlsx": False,  # not ours
        "tong-hop.ab_12xyz.xlsx.tmp": False,
    }
    for name in names:
        (tmp_path / name).write_bytes(b"x")
        if name != ".tong-hop.fresh123.xlsx.tmp":
            os.utime(tmp_path / name, (stale, stale))
    (tmp_path / ".tong-hop.dir12345.xlsx.tmp").mkdir()  # a folder is never removed
    os.utime(tmp_path / ".tong-hop.dir12345.xlsx.tmp", (stale, stale))
    removed = remove_stale(target)
    assert sorted(p.name for p in removed) == sorted(n for n, gone in names.items() if gone)
    with atomic_path(target) as tmp:
        assert TEMPORARY.fullmatch(tmp.name)
        tmp.write_bytes(b"new")
    assert target.read_bytes() == b"new"
