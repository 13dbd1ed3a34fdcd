"""Bad input that must be read fairly or refused in words, never accepted silently or with a traceback.

A real workbook under another kind's extension is read by its content, with a note. A count cell
holding a formula error or a number too large to be a count is an error at that cell. A file whose
name names another unit than its content is a mismatch. ``--json`` to a place that cannot be
written is one Vietnamese line and exit code 2, before the check runs.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import hostile
from tests.returns import at, expected_values, fill, file_named, found, run, valid_counts
from toolkit.form import FormError, load_form

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_FORM_FILE = Path(__file__).resolve().parent.parent / "workbook_templates" / "khen-thuong-6t-2020.toml"
AHLD = "anh-hung-lao-dong"  # Anh hùng Lao động: both Tập thể and Cá nhân apply


# --- a real workbook under another extension ------------------------------------------------------

@pytest.mark.parametrize("name", ["58-ninh-thuan.xls", "58-ninh-thuan.ods", "58-ninh-thuan.xlsb"])
def test_an_xlsx_saved_under_another_extension_is_read_by_its_content_with_a_note(
        default_form, tmp_path, inbox, name):
    values = hostile.counts(default_form, seed=58)
    hostile.valid_return(default_form, default_form.unit("58"), tmp_path / "58.xlsx", values)
    inbox.mkdir()
    shutil.copyfile(tmp_path / "58.xlsx", inbox / name)

    result = file_named(run(default_form, inbox), name)

    assert (result.status, result.kind, result.unit, found(result)) == (
        "accepted", "xlsx", "58", [("extension-mismatch", None)])
    assert result.issues[0].severity == "info"
    assert f"«{Path(name).suffix}»" in result.issues[0].message and "Excel (.xlsx)" in result.issues[0].message
    assert result.values == expected_values(default_form, values)


@pytest.mark.parametrize("source, kind, words", [("template-libreoffice.ods", "ods", "OpenDocument (.ods)"),
                                                 ("template-libreoffice.xls", "xls", "Excel 97-2003 (.xls)")])
def test_an_ods_or_xls_named_xlsx_is_read_by_its_content_with_a_note(default_form, inbox, source, kind, words):
    inbox.mkdir()
    shutil.copyfile(DATA / "intake" / source, inbox / "58-ninh-thuan.xlsx")

    result = file_named(run(default_form, inbox), "58-ninh-thuan.xlsx")

    # LibreOffice's save of the blank template: nothing entered yet, and its name says .xlsx.
    assert (result.status, result.kind, result.unit, found(result)) == (
        "accepted", kind, "58", [("extension-mismatch", None), ("empty-form", None)])
    assert "«.xlsx»" in result.issues[0].message and words in result.issues[0].message


def test_a_file_named_as_its_kind_gets_no_extension_note(default_form, tmp_path, inbox):
    inbox.mkdir()
    hostile.valid_return(default_form, default_form.unit("58"), inbox / "58.xlsx")
    shutil.copyfile(DATA / "intake" / "template-libreoffice.ods", inbox / "77.ods")
    shutil.copyfile(DATA / "intake" / "template-libreoffice.xls", inbox / "74.XLS")

    report = run(default_form, inbox)

    assert all("extension-mismatch" not in [i.code for i in f.issues] for f in report.files)


# --- counts too large to be counts ------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [(1e308, "1e+308"), (2**53 + 2, None), (10_000_001, "10.000.001"),
                                          ("12.345.678", "12.345.678"), ("99999999999999999999", None)])
def test_a_count_too_large_to_be_a_count_is_an_error_at_its_cell(default_form, generated, inbox, value, shown):
    values = valid_counts(default_form, random.Random(3))
    cells = {at(default_form, key, role): v for (key, role), v in values.items()}
    fill(generated["58"], inbox / "58.xlsx", cells | {at(default_form, AHLD, "collective"): value}, form=default_form)

    result = file_named(run(default_form, inbox), "58.xlsx")

    # Reported by itself: the row's sum over it would only add noise.
    assert found(result) == [("count-too-large", at(default_form, AHLD, "collective"))]
    assert result.issues[0].severity == "error"
    assert "tối đa 10.000.000" in result.issues[0].message
    if shown:
        assert shown in result.issues[0].message
    assert result.values[AHLD]["collective"] is None


def test_the_largest_count_is_the_forms_own_when_it_names_one(tmp_path, generated, inbox):
    text = DEFAULT_FORM_FILE.read_text(encoding="utf-8")
    small = tmp_path / "nho.toml"
    small.write_text(text.replace('grand_total = "Tổng cộng"\n', 'grand_total = "Tổng cộng"\nmax_count = 50\n', 1),
                     encoding="utf-8")
    form = load_form(small)
    fill(generated["58"], inbox / "58.xlsx", {at(form, AHLD, "total"): 51, at(form, AHLD, "collective"): 51},
         form=form)

    result = file_named(run(form, inbox), "58.xlsx")

    assert (form.max_count, found(result)) == (50, [("count-too-large", "C13"), ("count-too-large", "D13")])
    assert "tối đa 50" in result.issues[0].message


@pytest.mark.parametrize("line, words", [("max_count = 0", "từ 1 đến"), ("max_count = 9007199254740993", "từ 1 đến"),
                                         ('max_count = "1000"', "số nguyên"), ("max_count = true", "số nguyên"),
                                         ("max_count = 1.5", "số nguyên")])
def test_a_wrong_largest_count_in_a_definition_names_its_key(tmp_path, line, words):
    text = DEFAULT_FORM_FILE.read_text(encoding="utf-8")
    path = tmp_path / "sai.toml"
    path.write_text(text.replace('grand_total = "Tổng cộng"\n', f'grand_total = "Tổng cộng"\n{line}\n', 1),
                    encoding="utf-8")

    with pytest.raises(FormError) as caught:
        load_form(path)

    assert caught.value.key == "table.max_count"
    assert words in str(caught.value)


# --- formula errors in count cells ------------------------------------------------------------------

ERRORS = ["#DIV/0!", "#VALUE!", "#REF!", "#N/A", "#NAME?"]


@pytest.mark.parametrize("error", ERRORS)
def test_a_formula_error_typed_in_a_count_cell_is_an_error_at_its_cell_not_a_blank(
        default_form, generated, inbox, error):
    cell = at(default_form, AHLD, "collective")
    fill(generated["58"], inbox / "58.xlsx", {at(default_form, AHLD, "total"): 3, cell: error,
                                              at(default_form, AHLD, "individual"): 3}, form=default_form)

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert found(result) == [("formula-error", cell)]
    assert result.issues[0].severity == "error"
    assert error in result.issues[0].message
    assert result.values[AHLD] == {"total": 3, "collective": None, "individual": 3}


def test_a_formula_whose_saved_result_is_an_error_is_an_error_at_its_cell(default_form, tmp_path, inbox):
    # As Excel saves =D13/0: the formula, and its result typed as an error.
    src = hostile.valid_return(default_form, default_form.unit("58"), tmp_path / "58.xlsx")
    cell = at(default_form, AHLD, "total")
    sheet = hostile.parts_of(src)[hostile.SHEET].decode("utf-8")
    sheet, n = re.subn(rf'<c r="{cell}"([^>]*?)(?: t="\w+")?(?:/>|>.*?</c>)',
                       rf'<c r="{cell}"\1 t="e"><f>D13/0</f><v>#DIV/0!</v></c>', sheet, count=1)
    assert n == 1
    hostile.changed(src, inbox / "58.xlsx", add={hostile.SHEET: sheet.encode("utf-8")})

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert ("formula-error", cell) in found(result)
    assert "total-mismatch" not in [i.code for i in result.issues]  # the cell is told by itself
    assert result.values[AHLD]["total"] is None


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_formula_errors_saved_by_libreoffice_are_errors_at_their_cells(default_form, inbox, kind):
    inbox.mkdir()
    name = f"formula-errors-libreoffice.{kind}"
    shutil.copyfile(DATA / "bad-input" / name, inbox / name)

    result = file_named(run(default_form, inbox), name)

    assert [(i.code, i.cell, i.message.split(" có lỗi công thức ")[1].split(",")[0]) for i in result.issues] == [
        ("formula-error", "C13", "#DIV/0!"), ("formula-error", "D13", "#VALUE!"), ("formula-error", "C14", "#N/A"),
        ("formula-error", "D14", "#NAME?"), ("formula-error", "C15", "#REF!")]
    assert result.values["huan-chuong-lao-dong"]["total"] is None


# --- a file name naming another unit -----------------------------------------------------------------

@pytest.mark.parametrize("name, named", [
    ("74-binh-duong.xlsx", "Bình Dương"),                        # code and name of another unit
    ("74.xlsx", "Bình Dương"),                                   # its code only
    ("Bao cao thi dua Binh Duong 2020.xlsx", "Bình Dương"),      # its name inside a longer name
    ("bao-cao/77-ba-ria-vung-tau (1).xlsx", "Bà Rịa - Vũng Tàu"),  # in a folder, as a mail client saves a copy
])
def test_a_file_whose_name_names_another_unit_than_its_content_is_a_mismatch_naming_both(
        default_form, inbox, name, named):
    hostile.valid_return(default_form, default_form.unit("75"), inbox / name)  # Đồng Nai's data

    result = file_named(run(default_form, inbox), name)

    assert (result.status, result.unit, found(result)) == ("accepted", "75", [("unit-mismatch", None)])
    assert result.issues[0].severity == "error"
    assert f"«{named}» (tên tệp)" in result.issues[0].message and "«Đồng Nai»" in result.issues[0].message


@pytest.mark.parametrize("name", ["bao cao khen thuong.xlsx", "2020-07-06.xlsx", "75-dong-nai.xlsx",
                                  "Dong Nai gui lai.xlsx", "75-dong-nai-gop-y-binh-duong.xlsx"])
def test_a_file_name_naming_no_other_unit_is_not_a_mismatch(default_form, inbox, name):
    hostile.valid_return(default_form, default_form.unit("75"), inbox / name)

    result = file_named(run(default_form, inbox), name)

    assert (result.status, result.unit, found(result)) == ("accepted", "75", [])


# --- outputs that cannot be written, and Ctrl-C at start-up ------------------------------------------

ROOT = Path(__file__).resolve().parent.parent
AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def thidua_process(*args: str, cwd: Path, code: str = "from toolkit.cli import main; main()"):
    """The command as a user runs it: its own process, its real entry point."""
    env = {**os.environ, "COLUMNS": "250", "PYTHONPATH": str(ROOT)}
    env.pop("THIDUA_FORMS", None)
    return subprocess.run([sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def _a_folder(tmp_path: Path) -> str:
    return str(tmp_path)


def _a_read_only_folder(tmp_path: Path) -> str:
    folder = tmp_path / "chi-doc"
    folder.mkdir()
    folder.chmod(0o500)
    return str(folder / "bao-cao.json")


def _under_a_file(tmp_path: Path) -> str:
    (tmp_path / "tep").write_text("x")
    return str(tmp_path / "tep" / "bao-cao.json")


def _under_proc(tmp_path: Path) -> str:
    return "/proc/bao-cao.json"


@pytest.mark.parametrize("where", [
    _a_folder,
    pytest.param(_a_read_only_folder, marks=pytest.mark.skipif(AS_ROOT, reason="root writes in read-only folders")),
    _under_a_file,
    pytest.param(_under_proc, marks=pytest.mark.skipif(not Path("/proc/self").exists(), reason="no /proc")),
])
def test_json_to_a_place_that_cannot_be_written_is_one_vietnamese_line_and_exit_code_2(
        default_form, tmp_path, where):
    inbox = tmp_path / "inbox"
    hostile.valid_return(default_form, default_form.unit("58"), inbox / "58.xlsx")
    target = where(tmp_path)

    done = thidua_process("check", "--inbox", str(inbox), "--form", str(DEFAULT_FORM_FILE), "--json", target,
                          cwd=tmp_path)

    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [done.stderr.strip()]
    assert done.stderr.startswith(f"Lỗi: không ghi được vào {target} (")
    assert not [p for p in tmp_path.rglob(".*.tmp")]


@pytest.mark.parametrize("args", [["check", "--json"], ["status", "--json"], ["consolidate", "--output"]])
def test_an_output_that_cannot_be_written_stops_the_command_before_the_check_runs(
        default_form, tmp_path, monkeypatch, args):
    from typer.testing import CliRunner

    from toolkit.checks import run as check_run
    from toolkit.cli import app

    def not_now(*_args, **_kwargs):
        raise AssertionError("the check ran although its output cannot be written")

    monkeypatch.setattr(check_run, "check", not_now)
    (tmp_path / "inbox").mkdir()
    (tmp_path / "tep").write_text("x")

    result = CliRunner().invoke(app, [args[0], "--inbox", str(tmp_path / "inbox"), "--form", str(DEFAULT_FORM_FILE),
                                      args[1], str(tmp_path / "tep" / "ra.json")])

    assert result.exit_code == 2, result.output
    assert "một phần của đường dẫn là tệp" in result.output


def test_ctrl_c_while_the_command_line_is_being_read_is_one_line_without_a_traceback(tmp_path):
    # Ctrl-C pressed while Python reads the command line's libraries, the longest part of start-up.
    code = ("import os, signal, sys\n"
            "class CtrlC:\n"
            "    def find_spec(self, name, path=None, target=None):\n"
            "        if name == 'typer':\n"
            "            os.kill(os.getpid(), signal.SIGINT)\n"
            "sys.meta_path.insert(0, CtrlC())\n"
            "from toolkit.cli import main\n"
            "main()\n")

    done = thidua_process("check", cwd=tmp_path, code=code)

    assert done.returncode == 130, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == ["Đã dừng theo yêu cầu; không có tệp nào bị ghi dở."]


def test_ctrl_c_before_a_command_can_catch_it_is_one_line(monkeypatch, capsys):
    from toolkit import cli

    def interrupted():
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "app", interrupted)

    with pytest.raises(SystemExit) as stopped:
        cli.main()

    assert stopped.value.code == 130
    assert capsys.readouterr().err.strip().splitlines() == ["Đã dừng theo yêu cầu; không có tệp nào bị ghi dở."]
