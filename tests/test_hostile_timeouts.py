"""A file that takes too long to read never stalls the run: past ``Limits.read_timeout`` its worker
is stopped, the file is rejected as read-timeout, and every other file is read as usual.

The slow files are real, legal workbooks (a sheet of a million cells, within every limit, takes
seconds to read); the time bound is set below that instead of making anything hang artificially.
What the run must not do is wait for them: the workers' jobs are counted as they finish, and no
read of a slow file may have run to its end.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner
from xlsxwriter.utility import xl_col_to_name

from support.processes import live_processes
from tests.hostile import SHEET, changed, parts_of, valid_return
from tests.work import finished_jobs
from toolkit.cli import app
from toolkit.checks.run import check
from toolkit.intake import Limits, sniff

TIMEOUT = 0.5


def big_but_legal(form, unit, dest: Path, tmp: Path) -> Path:
    """The unit's return with 26,000 rows x 38 columns of numbers pasted below its table."""
    src = valid_return(form, unit, tmp / f"{unit.code}-src.xlsx", seed=int(unit.code))
    letters = [xl_col_to_name(i) for i in range(38)]
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>{(r * 7 + i) % 997}</v></c>'
                                             for i, c in enumerate(letters)) + "</row>"
                   for r in range(100, 26_100))
    sheet = parts_of(src)[SHEET].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    return changed(src, dest, add={SHEET: sheet})


@pytest.fixture(scope="module")
def slow_inbox(default_form, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("slow")
    inbox = tmp / "inbox"
    form = default_form
    for name, code in (("a-58.xlsx", "58"), ("c-74.xlsx", "74"), ("e-75.xlsx", "75")):
        valid_return(form, form.units_by_code[code], inbox / name, seed=int(code))
    slow = big_but_legal(form, form.units_by_code["77"], inbox / "b-77-big.xlsx", tmp)
    shutil.copyfile(slow, inbox / "d-77-big-again.xlsx")
    return inbox


def live_children() -> list[int]:
    return [pid for pid, ppid, _pgid in live_processes() if ppid == os.getpid()]


def test_slow_files_are_stopped_at_the_time_bound_and_the_rest_is_read(default_form, slow_inbox, tmp_path):
    before = live_children()
    with finished_jobs(tmp_path / "finished.txt") as finished:
        report = check(default_form, slow_inbox, limits=Limits(read_timeout=TIMEOUT), workers=2)
        done = finished()
    statuses = {f.path: (f.status, [i.code for i in f.issues]) for f in report.files}
    assert statuses == {
        "a-58.xlsx": ("accepted", []),
        "b-77-big.xlsx": ("rejected", ["read-timeout"]),
        "c-74.xlsx": ("accepted", []),
        "d-77-big-again.xlsx": ("rejected", ["read-timeout"]),
        "e-75.xlsx": ("accepted", []),
    }
    slow = next(f for f in report.files if f.path == "b-77-big.xlsx")
    assert f"{TIMEOUT}" in slow.issues[0].message and slow.unit is None
    # Two time bounds and two fresh worker pools, not two full reads: no slow read was waited for
    # to its end, and every other file was read through.
    assert done["b-77-big.xlsx"] == done["d-77-big-again.xlsx"] == 0, done
    assert all(done[name] >= 1 for name in ("a-58.xlsx", "c-74.xlsx", "e-75.xlsx")), done
    assert live_children() == before  # the stuck workers were stopped, not left running


def test_with_the_default_bound_the_same_files_are_read_in_full(default_form, slow_inbox):
    # Legal files, only slow: the default bound (30 s) lets them through.
    assert sniff(slow_inbox / "b-77-big.xlsx").kind == "xlsx"
    report = check(default_form, slow_inbox, workers=2)
    assert sorted(f.status for f in report.files if "big" in f.path) == ["accepted", "superseded"]


def test_the_bound_is_set_from_the_command_line(slow_inbox):
    result = CliRunner().invoke(app, ["check", "--inbox", str(slow_inbox), "--limit", f"read_timeout={TIMEOUT}",
                                      "-q"])
    assert result.exit_code == 1
    assert result.output.count(f"Đọc tệp quá {TIMEOUT} giây") == 2
