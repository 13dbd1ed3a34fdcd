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
    result = runner.invoke(app, ["generate", "--unit", "99", "--out", str(tmp_path / "out")])
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
    key = next(r.key for r in default_form.rows if r.collective and r.individual)
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
