"""A unit that corrects its return: the file used is compared with the one it replaces.

The report names which submission the file is ("lần gửi thứ 2"), every cell whose value changed
(old → new) and which of the earlier findings are fixed and which are still there. A file sent twice
with the same content is one submission.
"""

from __future__ import annotations

import datetime as dt
import shutil

from tests.returns import at, fill_values, file_named, run, unit_of

AHLD = "anh-hung-lao-dong"
HCLD = "huan-chuong-lao-dong"
MONDAY = dt.datetime(2020, 7, 6, 2, 0, tzinfo=dt.timezone.utc)


def _send(form, template, inbox, name, values, day):
    return fill_values(template, inbox / name, values, form=form, saved_at=MONDAY + dt.timedelta(days=day))


def test_a_correction_lists_each_changed_cell_and_the_findings_it_fixed(default_form, generated, inbox, counts):
    wrong = {**counts, (AHLD, "total"): counts[(AHLD, "total")] + 3, (HCLD, "collective"): -1}
    _send(default_form, generated["77"], inbox, "77-lan-1.xlsx", wrong, 0)
    fixed = {**wrong, (AHLD, "total"): counts[(AHLD, "total")]}
    _send(default_form, generated["77"], inbox, "77-lan-2.xlsx", fixed, 1)

    report = run(default_form, inbox)

    used = unit_of(report, "77").file
    assert used.path == "77-lan-2.xlsx"
    revision = used.revision
    assert (revision.number, revision.previous) == (2, "77-lan-1.xlsx")
    assert [(c.row, c.role, c.cell, c.old, c.new) for c in revision.changes] == [
        (AHLD, "total", at(default_form, AHLD, "total"), counts[(AHLD, "total")] + 3, counts[(AHLD, "total")])]
    assert [i.code for i in revision.fixed] == ["total-mismatch"]
    assert {i.code for i in revision.remaining} == {"negative-value"}
    assert file_named(report, "77-lan-1.xlsx").revision is None
    assert report.to_dict()["files"][1]["revision"]["changes"][0]["new"] == counts[(AHLD, "total")]


def test_the_same_file_sent_twice_is_one_submission(default_form, generated, inbox, counts):
    first = _send(default_form, generated["77"], inbox, "77.xlsx", counts, 0)
    shutil.copyfile(first, inbox / "77 (1).xlsx")

    report = run(default_form, inbox)

    assert [f.revision for f in report.files] == [None, None]


def test_the_third_distinct_file_is_the_third_submission_and_is_compared_with_the_second(
        default_form, generated, inbox, counts):
    for day in range(3):
        _send(default_form, generated["77"], inbox, f"77-{day}.xlsx", {**counts, (HCLD, "note"): f"lần {day}"}, day)

    revision = unit_of(run(default_form, inbox), "77").file.revision

    assert (revision.number, revision.previous) == (3, "77-1.xlsx")
    assert [(c.role, c.old, c.new) for c in revision.changes] == [("note", "lần 1", "lần 2")]
    assert (revision.fixed, revision.remaining) == ((), ())


def test_a_unit_that_sent_one_file_has_no_revision(default_form, generated, inbox, counts):
    _send(default_form, generated["77"], inbox, "77.xlsx", counts, 0)

    assert unit_of(run(default_form, inbox), "77").file.revision is None


def test_the_terminal_report_shows_the_correction_cell_by_cell(default_form, generated, inbox, counts):
    from typer.testing import CliRunner

    from toolkit.cli import app

    total = counts[(AHLD, "total")]
    _send(default_form, generated["77"], inbox, "77-lan-1.xlsx", {**counts, (AHLD, "total"): total + 3}, 0)
    _send(default_form, generated["77"], inbox, "77-lan-2.xlsx", counts, 1)

    out = CliRunner().invoke(app, ["check", "--inbox", str(inbox), "--form", str(default_form.path)],
                             env={"COLUMNS": "80"}).output

    assert "77-lan-2.xlsx: lần gửi thứ 2, thay tệp «77-lan-1.xlsx»: 1 ô thay đổi, đã sửa 1 lỗi/cảnh báo, còn 0" in out
    assert f"C13 Anh hùng Lao động / Tổng số: {total + 3} → {total}" in out


def test_the_summary_status_says_which_submission_each_unit_is_on(default_form, generated, inbox, counts, tmp_path):
    import openpyxl

    from toolkit import consolidate
    from toolkit.texts import SUMMARY_SHEETS

    total = counts[(AHLD, "total")]
    _send(default_form, generated["77"], inbox, "77-lan-1.xlsx", {**counts, (AHLD, "total"): total + 3}, 0)
    _send(default_form, generated["77"], inbox, "77-lan-2.xlsx", counts, 1)
    _send(default_form, generated["58"], inbox, "58.xlsx", counts, 0)

    path = consolidate(run(default_form, inbox), tmp_path / "tong-hop.xlsx").path

    rows = list(openpyxl.load_workbook(path)[SUMMARY_SHEETS["status"]].iter_rows(values_only=True))
    reasons = {row[1]: row[-1] for row in rows if row and row[1] in ("77", "58")}
    assert reasons["77"].endswith("; lần gửi thứ 2, 1 ô thay đổi")
    assert "lần gửi" not in reasons["58"]
