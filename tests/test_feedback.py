"""``thidua feedback``: one thing to send to every unit of the round.

A unit with findings gets its own template back, filled with what it sent, every cell to fix red
with the message as a comment, and a first sheet "Cần sửa" linking to each cell; corrected and sent
back, that workbook is read as the unit's return. Every unit gets a message ready to paste into an
email: what to fix, a confirmation of what was received, or a reminder. The inbox is only read.
"""

from __future__ import annotations

import datetime as dt
import json

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from tests.returns import at, fill, fill_values, run, snapshot, unit_of
from tests.support.libreoffice import fill_and_save, require_libreoffice
from toolkit.cli import app
from toolkit.feedback import write_feedback

AHLD = "anh-hung-lao-dong"
HCLD = "huan-chuong-lao-dong"
ON = dt.date(2020, 7, 8)  # two days before the default form's deadline (10/07/2020)
SAVED = dt.datetime(2020, 7, 6, 2, 0, tzinfo=dt.timezone.utc)  # 09:00 in Vietnam
RED = "FFFF9999"


@pytest.fixture
def round_(default_form, generated, inbox, counts, tmp_path):
    """77 with a wrong total and a negative count, 58 in order, the others missing; then feedback."""
    wrong = {**counts, (AHLD, "total"): counts[(AHLD, "total")] + 3, (HCLD, "collective"): -1}
    fill_values(generated["77"], inbox / "77-ba-ria.xlsx", wrong, form=default_form, saved_at=SAVED)
    fill_values(generated["58"], inbox / "58.xlsx", counts, form=default_form, saved_at=SAVED)
    before = snapshot(inbox)
    report = run(default_form, inbox)
    written = write_feedback(report, tmp_path / "phan-hoi", today=ON)
    assert snapshot(inbox) == before
    return report, written, wrong


def _letter(written, code):
    return next(x for x in written.letters if x.code == code)


def test_every_unit_gets_one_letter_of_the_kind_its_return_calls_for(default_form, round_):
    _report, written, _ = round_
    kinds = {x.code: x.kind for x in written.letters}
    assert kinds == {"58": "confirmation", "77": "corrections", **{c: "reminder" for c in ("74", "70", "60", "75", "72")}}
    assert sorted(p.name for p in written.folder.iterdir()) == sorted(
        [f"{x.message.name}" for x in written.letters] + [x.workbook.name for x in written.letters if x.workbook])
    assert (_letter(written, "77").errors, _letter(written, "77").warnings) == (2, 0)


def test_the_annotated_workbook_marks_each_cell_to_fix_and_lists_it_first(default_form, round_, counts):
    report, written, wrong = round_
    path = _letter(written, "77").workbook
    assert path.name == "77-ba-ria-vung-tau.xlsx"
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames[0] == "Cần sửa"
    ws = wb[default_form.sheet]
    assert ws.protection.sheet
    found = {i.cell: i.message for i in unit_of(report, "77").issues}
    for role, key in (("total", AHLD), ("collective", HCLD)):
        c = ws[at(default_form, key, role)]
        assert c.fill.fgColor.rgb == RED
        assert found[at(default_form, key, role)] in c.comment.text
    assert ws[at(default_form, AHLD, "total")].value == wrong[(AHLD, "total")]
    assert ws[at(default_form, HCLD, "collective")].value is None  # -1 could not be used
    unmarked = ws[at(default_form, HCLD, "total")]
    assert unmarked.fill.fgColor.rgb != RED and unmarked.comment is None
    fixes = wb["Cần sửa"]
    listed = [row for row in fixes.iter_rows(min_row=5, values_only=True) if row[0]]
    assert [(r[1], r[5]) for r in listed] == [(i.cell, i.message) for i in unit_of(report, "77").issues]
    links = [fixes.cell(row=5 + n, column=2).hyperlink.location for n in range(len(listed))]
    assert links == [f"'{default_form.sheet}'!{r[1]}" for r in listed]
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(default_form.sheet).to_python()
    assert [r[2] for r in sheet if r and r[1] == "Anh hùng Lao động"] == [wrong[(AHLD, "total")]]


def test_the_annotated_workbook_corrected_and_sent_back_is_the_units_valid_return(
        default_form, round_, counts, tmp_path):
    _report, written, _ = round_
    inbox = tmp_path / "second-inbox"
    fill(_letter(written, "77").workbook, inbox / "77-da-sua.xlsx", {
        at(default_form, AHLD, "total"): counts[(AHLD, "total")],
        at(default_form, HCLD, "collective"): counts[(HCLD, "collective")]}, form=default_form)

    unit = unit_of(run(default_form, inbox), "77")

    assert (unit.status, unit.file.path, unit.issues) == ("valid", "77-da-sua.xlsx", [])


def test_the_corrections_letter_names_the_file_each_finding_and_the_days_left(default_form, round_):
    report, written, _ = round_
    text = _letter(written, "77").message.read_text(encoding="utf-8")
    assert text.startswith("Kính gửi: Sở Nội vụ tỉnh Bà Rịa - Vũng Tàu.\n")
    assert "Đã nhận tệp «77-ba-ria.xlsx» của đơn vị, lưu lúc 09:00 ngày 06/07/2020." in text
    assert "2 lỗi, 0 cảnh báo" in text
    for n, found in enumerate(unit_of(report, "77").issues, start=1):
        assert f"{n}. Lỗi: {found.message}" in text
    assert "«77-ba-ria-vung-tau.xlsx»" in text
    assert "Hạn gửi: ngày 10/07/2020 (còn 2 ngày)." in text
    assert text.rstrip().endswith("Trân trọng./.")


def test_the_confirmation_quotes_the_file_its_fingerprint_and_the_totals_received(default_form, round_, counts):
    report, written, _ = round_
    text = _letter(written, "58").message.read_text(encoding="utf-8")
    sha = unit_of(report, "58").file.sha256
    totals = {role: sum(v for (_k, r), v in counts.items() if r == role) for role in ("total", "collective", "individual")}
    assert "Đã nhận tệp «58.xlsx» của đơn vị, lưu lúc 09:00 ngày 06/07/2020." in text
    assert f"bắt đầu bằng {sha[:12]}" in text
    shown = ", ".join(f"{label} " + f"{totals[role]:,}".replace(",", ".")
                      for label, role in (("Tổng số", "total"), ("Tập thể", "collective"), ("Cá nhân", "individual")))
    assert f"Số liệu «Tổng cộng» đã nhận: {shown}." in text
    assert _letter(written, "58").workbook is None


def test_the_reminder_names_the_blank_template_sent_with_it_and_the_deadline(default_form, round_, tmp_path):
    _report, written, _ = round_
    letter = _letter(written, "72")
    text = letter.message.read_text(encoding="utf-8")
    assert "Đến ngày 08/07/2020, Cơ quan Thường trực chưa nhận được báo cáo của đơn vị." in text
    assert "«72-tay-ninh.xlsx»" in text and "Hạn gửi: ngày 10/07/2020 (còn 2 ngày)." in text
    blank = openpyxl.load_workbook(letter.workbook)
    assert blank.sheetnames[0] == default_form.sheet and "Cần sửa" not in blank.sheetnames
    late = write_feedback(_report, tmp_path / "late", today=dt.date(2020, 7, 13))
    assert "đã quá 3 ngày" in _letter(late, "72").message.read_text(encoding="utf-8")


def test_the_command_writes_the_letters_and_its_json_is_the_librarys(default_form, round_, inbox, tmp_path):
    out = tmp_path / "cli"
    args = ["feedback", "--inbox", str(inbox), "--form", str(default_form.path), "--out", str(out), "--on", "2020-07-08"]
    result = CliRunner().invoke(app, [*args, "--json", "-"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    _report, written, _ = round_
    assert [(x["code"], x["kind"]) for x in data["letters"]] == [(x.code, x.kind) for x in written.letters]
    shown = CliRunner().invoke(app, args, env={"COLUMNS": "80"}).output
    assert "Đề nghị sửa" in shown and "Nhắc gửi" in shown and "Xác nhận đã nhận" in shown
    assert max(len(line) for line in shown.splitlines()[:-1]) <= 80


@pytest.mark.libreoffice
def test_the_annotated_workbook_keeps_its_marks_in_libreoffice_and_comes_back_as_the_return(
        default_form, round_, counts, tmp_path):
    require_libreoffice(uno=True)
    _report, written, _ = round_
    inbox = tmp_path / "lo-inbox"
    saved = fill_and_save(_letter(written, "77").workbook, inbox / "77-sua-bang-libreoffice.xlsx", {
        default_form.sheet: {at(default_form, AHLD, "total"): counts[(AHLD, "total")],
                             at(default_form, HCLD, "collective"): counts[(HCLD, "collective")]}})

    ws = openpyxl.load_workbook(saved)[default_form.sheet]
    kept = ws[at(default_form, AHLD, "total")]
    assert kept.fill.fgColor.rgb == RED and "Anh hùng Lao động" in kept.comment.text
    unit = unit_of(run(default_form, inbox), "77")
    assert (unit.status, unit.issues) == ("valid", [])


def test_the_letter_after_a_correction_says_what_was_fixed_and_what_remains(
        default_form, generated, round_, counts, tmp_path):
    report, _written, wrong = round_
    fill_values(generated["77"], report.inbox / "77-lan-2.xlsx", {**wrong, (AHLD, "total"): counts[(AHLD, "total")]},
                form=default_form, saved_at=SAVED + dt.timedelta(days=1))
    again = write_feedback(run(default_form, report.inbox), tmp_path / "again", today=ON)

    text = _letter(again, "77").message.read_text(encoding="utf-8")
    assert ("Đây là lần gửi thứ 2 (thay tệp «77-ba-ria.xlsx»): 1 ô thay đổi; đơn vị đã sửa 1 điểm của lần gửi "
            "trước, còn 1 điểm chưa sửa.") in text


def test_a_unit_whose_file_was_rejected_is_asked_to_fill_the_template_again(default_form, generated, tmp_path):
    inbox = tmp_path / "inbox"
    fill(generated["58"], inbox / "58.xlsx", {}, form=default_form, unprotect=True, edit=lambda ws: ws.delete_cols(4))
    written = write_feedback(run(default_form, inbox), tmp_path / "phan-hoi", today=ON)

    letter = _letter(written, "58")
    text = letter.message.read_text(encoding="utf-8")
    assert letter.kind == "corrections" and "không tìm thấy bảng số liệu" in text
    assert "Đề nghị đơn vị điền lại số liệu vào biểu mẫu «58-ninh-thuan.xlsx»" in text and "tô đỏ" not in text
    listed = list(openpyxl.load_workbook(letter.workbook)["Cần sửa"].iter_rows(min_row=5, values_only=True))
    assert "không tìm thấy bảng số liệu" in listed[0][5]


def test_a_unit_with_warnings_only_is_told_it_need_not_send_again(default_form, generated, tmp_path, counts):
    inbox = tmp_path / "inbox"
    typed = {k: (str(v) if k == (AHLD, "total") else v) for k, v in counts.items()}
    fill_values(generated["60"], inbox / "60.xlsx", typed, form=default_form, saved_at=SAVED)
    text = _letter(write_feedback(run(default_form, inbox), tmp_path / "phan-hoi", today=ON), "60").message.read_text(
        encoding="utf-8")
    assert "0 lỗi, 1 cảnh báo" in text and "đơn vị không cần gửi lại" in text
    assert "Hạn gửi" not in text and "gửi ngay" not in text


def test_a_confirmation_leaves_no_marked_workbook_of_an_earlier_round_beside_it(default_form, generated, round_,
                                                                                 counts, tmp_path):
    report, written, _ = round_
    assert _letter(written, "77").workbook.exists()
    fill_values(generated["77"], report.inbox / "77-da-sua.xlsx", counts, form=default_form,
                saved_at=SAVED + dt.timedelta(days=1))
    again = write_feedback(run(default_form, report.inbox), written.folder, today=ON)
    assert _letter(again, "77").kind == "confirmation"
    assert not (written.folder / "77-ba-ria-vung-tau.xlsx").exists()


def test_a_unit_whose_only_file_is_broken_is_told_why_it_was_refused(default_form, generated, tmp_path):
    from tests.returns import truncated

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    truncated(generated["74"], inbox / "74-binh-duong.xlsx")
    letter = _letter(write_feedback(run(default_form, inbox), tmp_path / "phan-hoi", today=ON), "74")
    text = letter.message.read_text(encoding="utf-8")
    assert letter.kind == "corrections" and "«74-binh-duong.xlsx»" in text
    assert "Đề nghị đơn vị điền lại số liệu" in text and "chưa nhận được" not in text


def test_a_reminder_does_not_speak_of_a_check(round_):
    _report, written, _ = round_
    text = _letter(written, "72").message.read_text(encoding="utf-8")
    assert "nhắc đơn vị gửi biểu mẫu" in text and "kết quả kiểm tra" not in text
