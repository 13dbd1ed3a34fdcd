"""One inbox holding a valid return and every kind of bad file, through the whole pipeline.

``thidua check`` and ``thidua consolidate`` (the command, in a process of its own) must give each
bad file its code, read the valid return and the merely flagged ones as usual, finish quickly in
little memory, print no traceback and leave the inbox byte for byte as it was. The bad files are
built by ``tests/hostile.py``, one per case; ``test_hostile_limits.py`` counts the work each one
costs alone.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests.hostile import CASES, VALID_NAME, VALID_UNIT, counts, hostile_inbox, snapshot, valid_return
from toolkit import texts
from toolkit.checks.run import check

REPO = Path(__file__).resolve().parent.parent
MB = 2**20


# Runs the command and reports its resources. A process measured from the test process itself would
# count the test process's memory too (a child's peak includes what it had before exec).
MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
code = subprocess.call([sys.executable, "-m", "toolkit.cli", *sys.argv[2:]])
seconds = time.perf_counter() - start
with open(sys.argv[1], "w") as fh:
    fh.write(f"{code} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024} {seconds}")
"""


class Run:
    """``thidua ARGS`` run to its end, with its exit code, output, wall time and peak memory (the
    largest resident size of the command or any of its worker processes)."""

    def __init__(self, args: list[str], tmp: Path, timeout: float = 120):
        out, err, measured = tmp / "stdout.txt", tmp / "stderr.txt", tmp / "measured.txt"
        with open(out, "wb") as stdout, open(err, "wb") as stderr:
            proc = subprocess.Popen([sys.executable, "-c", MEASURE, str(measured), *args], cwd=REPO,
                                    stdout=stdout, stderr=stderr, start_new_session=True)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                raise
        code, rss, seconds = measured.read_text().split()
        self.code, self.max_rss, self.seconds = int(code), int(rss), float(seconds)
        self.stdout = out.read_text(encoding="utf-8", errors="replace")
        self.stderr = err.read_text(encoding="utf-8", errors="replace")


@pytest.fixture(scope="module")
def hostile(default_form, tmp_path_factory):
    """The inbox, its snapshot, the check report, and a consolidate run of the command."""
    tmp = tmp_path_factory.mktemp("hostile")
    inbox = tmp / "inbox"
    hostile_inbox(default_form, inbox, tmp / "work")
    before = snapshot(inbox)
    report = check(default_form, inbox, workers=2)
    run = Run(["consolidate", "--form", "khen-thuong-6t-2020", "--inbox", str(inbox), "--output", str(tmp / "out" / "tong-hop.xlsx"), "-q"], tmp)
    return inbox, before, report, run, tmp / "out" / "tong-hop.xlsx"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_each_bad_file_gets_its_code_and_nothing_else(hostile, case):
    _inbox, _before, report, _run, _summary = hostile
    result = next(f for f in report.files if f.path == case.name)
    assert (result.status, tuple(i.code for i in result.issues)) == (case.status, case.codes)
    if case.status == "accepted":  # flagged, read all the same, nothing run or followed
        assert result.unit == case.unit
        assert result.values and any(v for row in result.values.values() for v in row.values())
    elif case.status == "rejected":
        assert result.unit is None and not result.values
        assert all(i.message and "Traceback" not in i.message for i in result.issues)
    else:
        assert result.reason == texts.IGNORED_REASONS["empty"]


def test_encrypted_files_ask_for_the_file_without_its_password(hostile):
    report = hostile[2]
    for name in ("password-to-open.xlsx", "password-to-open.xls"):
        (found,) = next(f for f in report.files if f.path == name).issues
        assert "gỡ mật khẩu mở tệp" in found.message


def test_the_valid_return_is_valid_and_consolidated_with_the_flagged_ones(default_form, hostile):
    _inbox, _before, report, run, summary = hostile
    assert next(u for u in report.units if u.code == VALID_UNIT).status == "valid"
    assert {u.code: u.status for u in report.units if u.file} == {VALID_UNIT: "valid", "60": "warning",
                                                                 "70": "warning"}
    assert run.code == 1  # files were rejected: the exit code says so
    assert "Traceback" not in run.stderr + run.stdout
    assert run.stderr.strip() == ""
    data = pd.read_excel(summary, sheet_name=texts.SUMMARY_SHEETS["data"], engine="openpyxl",
                         dtype={texts.DATA_UNIT_CODE: str})
    included = data[data[texts.DATA_INCLUDED] == 1]
    assert set(included[texts.DATA_UNIT_CODE]) == {VALID_UNIT, "60", "70"}
    total = default_form.columns["total"]
    for code in (VALID_UNIT, "60", "70"):
        expected = sum(v for (key, role), v in counts(default_form, int(code)).items() if role == "total")
        assert included.loc[included[texts.DATA_UNIT_CODE] == code, total].sum() == expected
    # Every bad file is listed with its reason on the status sheet.
    status = openpyxl.load_workbook(summary, read_only=True)[texts.SUMMARY_SHEETS["status"]]
    listed = {row[1] for row in status.iter_rows(values_only=True) if row and len(row) > 1}
    assert {c.name for c in CASES if c.status != "accepted"} <= listed


def test_the_inbox_is_byte_identical_after_check_and_consolidate(hostile):
    inbox, before, *_ = hostile
    assert snapshot(inbox) == before


def test_the_whole_run_is_quick_and_small_next_to_a_run_over_the_valid_file_alone(default_form, hostile,
                                                                                  tmp_path):
    run = hostile[3]
    alone = tmp_path / "inbox"
    valid_return(default_form, default_form.units_by_code[VALID_UNIT], alone / VALID_NAME, seed=58)
    baseline = Run(["consolidate", "--inbox", str(alone), "--output", str(tmp_path / "t.xlsx"), "-q"], tmp_path)
    assert baseline.code == 0, baseline.stderr
    # 200 MB of zeros, 51 MB of strings, 10^8-cell sheets (3 GB in the reader): none of it may reach
    # memory or the clock. The most any one file costs is the ~50 MB python-calamine takes on the
    # damaged .xls before it gives up.
    assert run.max_rss < baseline.max_rss + 64 * MB, (run.max_rss / MB, baseline.max_rss / MB)
    assert run.max_rss < 400 * MB
    # The clock: no file needed the time bound, neither in the check nor in the command's summary
    # (each file's own work is bounded in test_hostile_limits.py; a run that hangs is stopped by Run).
    report, summary = hostile[2], hostile[4]
    assert not [f.path for f in report.files if any(i.code == "read-timeout" for i in f.issues)]
    timed_out = texts.ISSUES["read-timeout"][2].split("{")[0]  # "the file took over N seconds to read"
    cells = [str(c) for ws in openpyxl.load_workbook(summary, read_only=True).worksheets
             for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert cells and not [c for c in cells if timed_out in c]
    print(f"\nhostile inbox: {run.seconds:.2f} s, max RSS {run.max_rss / MB:.0f} MB; "
          f"valid file alone: {baseline.seconds:.2f} s, {baseline.max_rss / MB:.0f} MB")
