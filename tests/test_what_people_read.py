"""What a person sees of the outputs: files colleagues can open, commands that refuse plainly."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.returns import fill_values
from toolkit.cli import app
from toolkit.feedback import write_feedback
from toolkit.write.summary import consolidate
from toolkit.write.template import generate
from tests.returns import run

runner = CliRunner()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o002, 0o664)])
def test_every_output_follows_the_umask_not_private_0600(default_form, tmp_path, counts, umask, mask, expected):
    umask(mask)
    templates = generate(default_form, tmp_path / "templates", workers=1)
    inbox = tmp_path / "inbox"
    fill_values(templates[0].path, inbox / templates[0].path.name, counts, form=default_form)
    report = run(default_form, inbox)
    summary = consolidate(report, tmp_path / "summary.xlsx").path
    written = write_feedback(report, tmp_path / "feedback", dt.date(2020, 7, 1))
    json_path = tmp_path / "report.json"
    result = runner.invoke(app, ["check", "-q", "--inbox", str(inbox), "--json", str(json_path)])
    assert result.exit_code in (0, 1), result.output
    outputs = [t.path for t in templates] + [summary, json_path] + sorted((tmp_path / "feedback").iterdir())
    assert written and len(outputs) > len(templates) + 2
    assert {p.name: oct(_mode(p)) for p in outputs} == {p.name: oct(expected) for p in outputs}


# --- messages blame the right thing ----------------------------------------------------------------

def test_an_unknown_unit_option_is_the_users_choice_not_a_fault_of_the_form_definition(tmp_path):
    result = runner.invoke(app, ["generate", "--form", "khen-thuong-6t-2020", "--unit", "99", "--out",
                                 str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: tùy chọn «--unit»: ")
    assert "Định nghĩa biểu mẫu" not in result.output and ".toml" not in result.output
    assert "«99»" in result.output


def test_an_unknown_form_option_is_the_users_choice_not_a_fault_of_the_form_definition():
    result = runner.invoke(app, ["check", "--form", "khong-co-bieu-mau-nay"])
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: tùy chọn «--form»: ")
    assert "Định nghĩa biểu mẫu" not in result.output
    assert "«khong-co-bieu-mau-nay»" in result.output and "khen-thuong-6t-2020" in result.output


def test_a_form_file_that_is_not_there_is_the_users_choice_not_a_fault_of_a_definition(tmp_path):
    result = runner.invoke(app, ["check", "--form", str(tmp_path / "khong-co.toml")])
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: tùy chọn «--form»: không có tệp định nghĩa biểu mẫu")
    assert "Định nghĩa biểu mẫu" not in result.output


def test_a_toml_syntax_error_names_its_line_and_column(default_form_file, tmp_path):
    lines = default_form_file.read_text(encoding="utf-8").splitlines()
    number = next(i for i, line in enumerate(lines) if line.startswith("deadline")) + 1
    lines[number - 1] = "deadline 2020-07-10"
    broken = tmp_path / "broken.toml"
    broken.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", "--form", str(broken)])
    assert result.exit_code == 2
    assert f"dòng {number}, cột 10" in result.output, result.output
    assert "(at line" not in result.output


# --- blank or 0 --------------------------------------------------------------------------------------

def test_a_blank_tong_so_is_reported_as_blank_not_as_zero(default_form, generated, tmp_path):
    from tests.returns import at, fill, file_named

    inbox = tmp_path / "inbox"
    key = next(r.key for r in default_form.rows if r.applies("collective") and r.applies("individual"))
    fill(generated["58"], inbox / "58.xlsx", {at(default_form, key, "collective"): 2,
                                               at(default_form, key, "individual"): 3}, form=default_form)
    mismatch = next(i for i in file_named(run(default_form, inbox), "58.xlsx").issues if i.code == "total-mismatch")
    assert "để trống" in mismatch.message and "là 0" not in mismatch.message


def test_the_instructions_sheet_and_the_empty_form_message_give_the_same_advice(default_form, generated, tmp_path):
    import openpyxl

    from tests.returns import fill, file_named
    from toolkit import texts

    inbox = tmp_path / "inbox"
    fill(generated["58"], inbox / "58.xlsx", {}, form=default_form)
    empty = next(i for i in file_named(run(default_form, inbox), "58.xlsx").issues if i.code == "empty-form")
    sheet = openpyxl.load_workbook(generated["58"])[texts.INSTRUCTIONS_SHEET]
    instructions = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    advice = "để trống hoặc ghi 0"
    assert advice in empty.message and advice in instructions
    assert texts.NOTHING_TO_REPORT in empty.message and texts.NOTHING_TO_REPORT in instructions


# --- --include-invalid ------------------------------------------------------------------------------

def _broken_values(form, values):
    """``values`` with the errors a province makes: a wrong Tổng số, a word, a negative, a fraction."""
    both = [r for r in form.rows if r.applies("collective") and r.applies("individual")]
    broken = dict(values)
    broken[(both[0].key, "total")] = int(values[(both[0].key, "total")]) + 7
    broken[(both[1].key, "collective")] = "mười"
    broken[(both[2].key, "individual")] = -3
    broken[(both[3].key, "collective")] = 2.5
    return broken


def test_with_include_invalid_tong_cong_equals_the_sum_of_the_rows_shown(default_form, tmp_path):
    import random

    import openpyxl
    from python_calamine import CalamineWorkbook

    from tests.test_summary import sample
    from toolkit import texts
    from toolkit.layout import table_layout
    from toolkit.write.template import template_name, write_template

    form, rng = default_form, random.Random(10)
    inbox = tmp_path / "inbox"
    for n, unit in enumerate(form.units[:3]):
        values = sample(form, rng)
        write_template(form, unit, inbox / template_name(unit), sample_values=_broken_values(form, values) if n else values)
    result = runner.invoke(app, ["consolidate", "-q", "--inbox", str(inbox), "--include-invalid",
                                 "-o", str(tmp_path / "tong-hop.xlsx")])
    assert result.exit_code == 1, result.output
    assert "3/7 đơn vị, trong đó 2 đơn vị có lỗi" in result.output
    book = CalamineWorkbook.from_path(str(tmp_path / "tong-hop.xlsx"))
    summary = book.get_sheet_by_name(texts.SUMMARY_SHEETS["summary"]).to_python()
    keys = openpyxl.load_workbook(tmp_path / "tong-hop.xlsx")[texts.SUMMARY_SHEETS["summary"]]
    kinds = {keys.cell(r, 7).value: r - 1 for r in range(1, keys.max_row + 1)}
    items = [kinds[row.key] for row in form.rows]
    for role in ("total", "collective", "individual"):
        c = table_layout(form).column[role]
        shown = sum(summary[r][c] for r in items if isinstance(summary[r][c], (int, float)))
        assert summary[kinds["_total"]][c] == shown
    by_unit = book.get_sheet_by_name(texts.SUMMARY_SHEETS["by_unit"]).to_python()
    head = next(i for i, row in enumerate(by_unit) if row[0] == "STT")
    rows = by_unit[head + 2:head + 2 + len(form.units)]
    total = by_unit[head + 2 + len(form.units)]
    for c in range(6, len(total)):
        if isinstance(total[c], (int, float)):
            assert total[c] == sum(r[c] for r in rows if isinstance(r[c], (int, float))), c


# --- consolidate and the inbox --------------------------------------------------------------------

def test_consolidate_on_an_empty_inbox_says_there_is_nothing_to_consolidate(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = tmp_path / "tong-hop.xlsx"
    result = runner.invoke(app, ["consolidate", "-q", "--inbox", str(inbox), "-o", str(target)])
    assert result.exit_code == 1
    assert "Lỗi: không có gì để tổng hợp" in result.output


@pytest.mark.parametrize("name", ["tong-hop.csv", "tong-hop.xls", "tong-hop", "tong-hop.ods"])
def test_consolidate_refuses_an_output_that_is_not_xlsx(tmp_path, name):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    result = runner.invoke(app, ["consolidate", "-q", "--inbox", str(inbox), "-o", str(tmp_path / name)])
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: ") and ".xlsx" in result.output
    assert not (tmp_path / name).exists()


def test_dotfiles_such_as_gitkeep_are_ignored_silently(default_form, generated, tmp_path):
    import shutil

    inbox = tmp_path / "inbox"
    (inbox / ".git").mkdir(parents=True)
    (inbox / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (inbox / ".gitkeep").write_text("")
    (inbox / ".directory").write_text("[Desktop Entry]\nIcon=folder\n")
    shutil.copy(generated["58"], inbox / "58.xlsx")
    report = run(default_form, inbox)
    assert [f.path for f in report.files] == ["58.xlsx"]
    result = runner.invoke(app, ["check", "--inbox", str(inbox)])
    assert ".gitkeep" not in result.output and ".directory" not in result.output and ".git" not in result.output


def test_a_cover_letter_beside_a_return_is_listed_as_an_attachment_not_rejected(default_form, generated, tmp_path):
    import shutil
    import zipfile

    from tests.returns import file_named
    from toolkit import texts

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(generated["58"], inbox / "58-ninh-thuan.xlsx")
    (inbox / "cong-van.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
    with zipfile.ZipFile(inbox / "Cong van gui kem.docx", "w") as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        z.writestr("word/document.xml", '<?xml version="1.0"?><w:document xmlns:w="x"/>')
    (inbox / "58.xlsx").write_bytes(b"%PDF-1.4\n%%EOF\n")  # a return sent as PDF: still told to send again
    report = run(default_form, inbox)
    for name, kind in (("cong-van.pdf", "PDF"), ("Cong van gui kem.docx", "Word")):
        letter = file_named(report, name)
        assert (letter.status, letter.issues) == ("ignored", [])
        assert letter.reason == texts.IGNORED_REASONS["attachment"].format(kind=kind)
    assert file_named(report, "58.xlsx").status == "rejected"
    unit = next(u for u in report.units if u.code == "58")
    assert unit.file.path == "58-ninh-thuan.xlsx" and [i.code for i in unit.issues] == ["empty-form"]
    out = runner.invoke(app, ["check", "--inbox", str(inbox)]).output
    assert "cong-van.pdf" in out and "gửi kèm" in out


# --- the template ---------------------------------------------------------------------------------

def test_the_template_opens_with_the_first_input_cell_selected(default_form, generated):
    import openpyxl

    from tests.returns import at

    ws = openpyxl.load_workbook(generated["58"])[default_form.sheet]
    first = at(default_form, default_form.rows[0].key, "total")
    assert ws.sheet_view.selection[-1].activeCell == first
    assert ws.sheet_view.selection[-1].sqref == first


def test_the_place_in_the_date_line_is_filled_in_when_the_form_knows_it(default_form_file, generated, tmp_path):
    import openpyxl

    from toolkit.form import load_form

    def date_line(path, form):
        ws = openpyxl.load_workbook(path)[form.sheet]
        return next(c.value for row in ws.iter_rows() for c in row
                    if isinstance(c.value, str) and "ngày" in c.value and "tháng" in c.value)

    text = default_form_file.read_text(encoding="utf-8").replace("[units]\n", '[units]\nplace = "{name}"\n', 1)
    (tmp_path / "forms").mkdir()
    (tmp_path / "forms" / default_form_file.name).write_text(text, encoding="utf-8")
    form = load_form(tmp_path / "forms" / default_form_file.name)
    for item in generate(form, tmp_path / "out", workers=1):
        assert date_line(item.path, form) == f"{item.unit.name}, ngày …… tháng …… năm {form.period.deadline.year}"
    default = load_form(default_form_file)
    assert date_line(generated["75"], default).startswith("…"), "a place the form does not know is the unit's to type"


def test_a_long_ghi_chu_can_grow_its_row_under_protection(default_form, generated, tmp_path):
    import openpyxl

    from tests.returns import excel_row
    from toolkit.layout import column_name, table_layout
    from toolkit.write.template import write_template

    ws = openpyxl.load_workbook(generated["58"])[default_form.sheet]
    assert ws.protection.sheet and not ws.protection.formatRows, "rows may be resized under protection"
    assert ws.protection.insertRows and ws.protection.deleteRows
    key = default_form.rows[0].key
    note = "Đã trình Thủ tướng Chính phủ, chờ quyết định; số liệu sẽ bổ sung khi có quyết định khen thưởng."
    unit = default_form.units[0]
    path = write_template(default_form, unit, tmp_path / "58.xlsx", {(key, "note"): note, (key, "total"): 1,
                                                                     (key, "individual"): 1})
    ws = openpyxl.load_workbook(path)[default_form.sheet]
    row = excel_row(default_form, key)
    assert ws[f"{column_name(table_layout(default_form).column['note'])}{row}"].value == note
    lines = -(-len(note) // 22)
    assert ws.row_dimensions[row].height >= 19.5 * lines


# --- the command line speaks Vietnamese --------------------------------------------------------------

ENGLISH = ("Usage", "Options", "Commands", "Arguments", "Show this message", "[default", "[required]",
           "<str>", "<path>", "<int", "<list[str]>", "x>=", "No such", "Input should", "Invalid value",
           "Missing", "Try '", "Error", "Got unexpected", "Did you mean", "Possible options")
COMMANDS = [[], ["generate"], ["check"], ["status"], ["consolidate"], ["feedback"], ["demo"], ["form"],
            ["form", "new"], ["form", "list"]]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "thidua")
def test_help_of_every_command_is_in_vietnamese(command):
    result = runner.invoke(app, [*command, "--help"], prog_name="thidua")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Cách dùng: thidua")
    assert "Tùy chọn:" in result.output and "Xem hướng dẫn này rồi thoát." in result.output
    assert [w for w in ENGLISH if w in result.output] == []


@pytest.mark.parametrize("args, said", [
    (["generate", "--bogus"], "không có tùy chọn --bogus."),
    (["check", "--workers", "0"], "giá trị của --workers không hợp lệ: phải lớn hơn hoặc bằng 1."),
    (["check", "--workers", "nhieu"], "giá trị của --workers không hợp lệ: phải là một số nguyên."),
    (["status", "--on"], "tùy chọn --on cần một giá trị đi kèm."),
    (["form", "new", "khen-thuong-2021"], "thiếu --from."),
    (["demo", "a", "b"], "thừa tham số: b."),
    (["chek"], "không có lệnh «chek». Có thể bạn định gõ: «check»."),
], ids=["unknown-option", "below-minimum", "not-a-number", "value-missing", "required-missing", "extra-argument",
        "unknown-command"])
def test_usage_errors_are_told_in_vietnamese_with_exit_code_2(args, said):
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert f"Lỗi: {said}" in result.output
    assert [w for w in ENGLISH if w in result.output] == []


def test_every_date_option_takes_a_date_as_vietnamese_write_it(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    iso = runner.invoke(app, ["status", "--inbox", str(inbox), "--on", "2020-07-05"])
    vietnamese = runner.invoke(app, ["status", "--inbox", str(inbox), "--on", "05/07/2020"])
    assert iso.exit_code == vietnamese.exit_code == 0 and iso.output == vietnamese.output
    assert "Còn 5 ngày đến hạn gửi (10/07/2020)" in vietnamese.output
    feedback = runner.invoke(app, ["feedback", "-q", "--inbox", str(inbox), "--on", "5/7/2020",
                                   "--out", str(tmp_path / "phan-hoi")])
    assert feedback.exit_code == 0, feedback.output
    wrong = runner.invoke(app, ["status", "--inbox", str(inbox), "--on", "31/02/2020"])
    assert wrong.exit_code == 2 and wrong.output.startswith("Lỗi: ngày «31/02/2020» không hợp lệ")


def test_consolidate_with_nothing_to_add_up_keeps_the_summary_already_there(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    target = tmp_path / "tong-hop.xlsx"
    target.write_bytes(b"last round's summary")
    result = runner.invoke(app, ["consolidate", "-q", "--inbox", str(inbox), "-o", str(target)])
    assert result.exit_code == 1
    assert target.read_bytes() == b"last round's summary"


@pytest.mark.parametrize("option", [["feedback", "--out", "{inbox}/phan-hoi"], ["check", "--json", "{inbox}/bao-cao.json"],
                                    ["consolidate", "-o", "{inbox}/tong-hop.xlsx"]])
def test_nothing_is_written_into_the_inbox(tmp_path, option):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    before = sorted(inbox.rglob("*"))
    args = [a.format(inbox=inbox) for a in option]
    result = runner.invoke(app, [args[0], "-q", "--inbox", str(inbox), *args[1:]])
    assert result.exit_code == 2
    assert "thư mục nhận" in result.output and "Traceback" not in result.output
    assert sorted(inbox.rglob("*")) == before
