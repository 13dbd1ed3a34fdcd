"""``thidua check`` on the command line: the Vietnamese table, ``--json``, the exit code, no tracebacks.

The JSON written by ``--json`` is the library's report (``check(...).to_dict()``). The exit code is 0
when no unit is in error and no file was rejected (missing units alone do not fail a run before the
deadline), 1 otherwise, 2 when the inbox or the form cannot be used.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from toolkit import texts
from toolkit.cli import app
from toolkit.form import Unit
from toolkit.checks.run import check
from tests.returns import (encrypted, fill, fill_values, paste_into_new_workbook, snapshot, template_of,
                           text_renamed, truncated, valid_counts, write_junk)

runner = CliRunner()
WIDE = {"COLUMNS": "250"}  # a wide terminal, so that no name in the table is wrapped


@pytest.fixture(autouse=True)
def away_from_the_repository(tmp_path, monkeypatch):
    monkeypatch.delenv("THIDUA_FORMS", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def inbox(tmp_path):
    path = tmp_path / "inbox"
    path.mkdir()
    return path


@pytest.fixture
def counts(default_form):
    return valid_counts(default_form, random.Random(58))


def thidua(*args: str):
    result = runner.invoke(app, list(args), env=WIDE)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def thidua_process(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command as a user runs it: its own process, its real entry point."""
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, **WIDE, "PYTHONPATH": str(root)}
    return subprocess.run([sys.executable, "-c", "from toolkit.cli import main; main()", *args], cwd=cwd,
                          env=env, capture_output=True, text=True, timeout=120)


def mixed_inbox(form, generated, inbox, counts) -> None:
    """Valid, warning, error, rejected, superseded and ignored files, and units that did not send."""
    individual = counts[("anh-hung-lao-dong", "individual")]
    fill_values(generated["58"], inbox / "58.xlsx", counts | {("anh-hung-lao-dong", "total"): individual,
                                                              ("anh-hung-lao-dong", "collective"): "-"}, form=form)
    fill_values(generated["77"], inbox / "77.xlsx", counts | {("anh-hung-lao-dong", "total"): "1.234",
                                                              ("anh-hung-lao-dong", "collective"): 234,
                                                              ("anh-hung-lao-dong", "individual"): 1000}, form=form)
    fill_values(generated["74"], inbox / "74.xlsx", counts | {("anh-hung-lao-dong", "collective"): "hai"}, form=form)
    fill_values(generated["70"], inbox / "old" / "70.xlsx", counts, form=form)
    fill_values(generated["70"], inbox / "70.xlsx", counts, form=form)
    truncated(generated["60"], inbox / "60.xlsx")
    write_junk(inbox)


# --- the human report -----------------------------------------------------------------------------


def test_the_table_names_every_unit_with_its_status_then_findings_then_other_files(
        default_form, generated, inbox, counts):
    mixed_inbox(default_form, generated, inbox, counts)

    result = thidua("check", "--inbox", str(inbox), "--form", str(default_form.path))

    assert result.exit_code == 1  # 74 is in error and 60.xlsx was rejected
    lines = result.stdout.splitlines()

    def line_of(unit: str) -> str:
        return next(line for line in lines if f" {default_form.unit(unit).name} " in line)

    expected = {"58": "hợp lệ", "77": "có cảnh báo", "74": "có lỗi", "70": "hợp lệ", "60": "chưa gửi",
                "75": "chưa gửi", "72": "chưa gửi"}
    for unit, status in expected.items():
        assert f" {status} " in line_of(unit), line_of(unit)
    assert " 58.xlsx " in line_of("58")
    out = result.stdout
    assert texts.CHECK_FINDINGS in out
    assert "C13 text-number: Ô C13 (Anh hùng Lao động / Tổng số)" in out
    assert "D13 not-a-number: Ô D13 (Anh hùng Lao động / Tập thể)" in out
    assert "ghi chú    D13 dash-as-zero: Ô D13 (Anh hùng Lao động / Tập thể) ghi «-», được hiểu là 0." in out
    assert texts.CHECK_OTHER_FILES in out
    assert "bị loại: 60.xlsx" in out and "tải về chưa hết" in out
    assert "bản cũ: old/70.xlsx" in out
    assert "bỏ qua: Thumbs.db (tệp ảnh thu nhỏ của Windows)" in out
    assert "2 hợp lệ, 1 có cảnh báo, 1 có lỗi, 3 chưa gửi; 1 tệp bị loại, 1 bản cũ, 6 tệp bỏ qua." in out


# --- JSON -----------------------------------------------------------------------------------------


def test_json_on_standard_output_is_the_librarys_report(default_form, generated, inbox, counts, tmp_path):
    mixed_inbox(default_form, generated, inbox, counts)

    done = thidua_process("check", "--inbox", str(inbox), "--form", str(default_form.path), "--json", "-",
                          cwd=tmp_path)

    assert done.returncode == 1, done.stderr
    printed = json.loads(done.stdout)  # nothing but the JSON on standard output
    assert printed == check(default_form, inbox).to_dict()
    assert printed["form"]["id"] == "khen-thuong-6t-2020" and printed["form"]["version"] == "1"
    assert [u["status"] for u in printed["units"]] == ["valid", "warning", "error", "valid", "missing", "missing",
                                                      "missing"]
    assert {f["path"]: f["status"] for f in printed["files"]}["60.xlsx"] == "rejected"
    issue = next(u for u in printed["units"] if u["code"] == "74")["issues"][0]
    assert issue == {"code": "not-a-number", "severity": "error", "message": issue["message"], "file": "74.xlsx",
                     "sheet": "Khen thưởng", "cell": "D13", "row": "Anh hùng Lao động", "column": "Tập thể"}
    assert "Traceback" not in done.stderr


def test_json_to_a_file_is_the_same_report_and_the_table_is_still_printed(default_form, generated, inbox, counts,
                                                                          tmp_path):
    fill_values(generated["58"], inbox / "58.xlsx", counts, form=default_form)
    target = tmp_path / "out" / "ket-qua.json"
    target.parent.mkdir()

    result = thidua("check", "--inbox", str(inbox), "--form", str(default_form.path), "--json", str(target))

    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8")) == check(default_form, inbox).to_dict()
    assert "Ninh Thuận" in result.stdout and "hợp lệ" in result.stdout
    assert sorted(p.name for p in target.parent.iterdir()) == ["ket-qua.json"]  # no temporary file left


# --- exit codes -----------------------------------------------------------------------------------


def test_exit_code_is_0_when_units_are_only_valid_missing_or_warned(default_form, generated, inbox, counts):
    fill_values(generated["58"], inbox / "58.xlsx", counts, form=default_form)
    fill(generated["77"], inbox / "77.xlsx", {}, form=default_form)  # sent empty: a warning
    write_junk(inbox)

    assert thidua("check", "--inbox", str(inbox), "--form", str(default_form.path)).exit_code == 0


def test_exit_code_is_0_for_an_empty_inbox(default_form, inbox):
    result = thidua("check", "--inbox", str(inbox), "--form", str(default_form.path))

    assert result.exit_code == 0
    assert "0 hợp lệ, 0 có cảnh báo, 0 có lỗi, 7 chưa gửi" in result.stdout


def test_exit_code_is_1_when_a_file_is_rejected(default_form, generated, inbox, counts):
    fill_values(generated["58"], inbox / "58.xlsx", counts, form=default_form)
    encrypted(generated["77"], inbox / "77.xlsx")

    result = thidua("check", "--inbox", str(inbox), "--form", str(default_form.path))

    assert result.exit_code == 1
    assert "gỡ mật khẩu mở tệp" in result.stdout


def test_exit_code_is_1_when_a_unit_is_in_error(default_form, generated, inbox, counts):
    fill_values(generated["58"], inbox / "58.xlsx", counts | {("anh-hung-lao-dong", "total"): -1}, form=default_form)

    assert thidua("check", "--inbox", str(inbox), "--form", str(default_form.path)).exit_code == 1


def test_exit_code_is_2_for_a_missing_inbox(default_form, tmp_path):
    result = thidua("check", "--inbox", str(tmp_path / "khong-co"), "--form", str(default_form.path))

    assert result.exit_code == 2
    assert "không tìm thấy thư mục nhận" in result.stderr


@pytest.mark.parametrize("choice", ["khong-co-bieu-mau", "khong-co.toml"])
def test_exit_code_is_2_for_a_bad_form(inbox, choice):
    result = thidua("check", "--inbox", str(inbox), "--form", choice)

    assert result.exit_code == 2
    assert result.stderr.startswith("Lỗi: ")


def test_the_form_is_found_by_its_id_and_a_second_forms_files_are_rejected(
        default_form, second_form, second_generated, inbox, monkeypatch):
    monkeypatch.setenv("THIDUA_FORMS", str(Path(second_form.path).parent))
    shutil.copy(next(iter(second_generated.values())), inbox / "xa.xlsx")

    ok = thidua("check", "--inbox", str(inbox), "--form", second_form.id)
    other = thidua("check", "--inbox", str(inbox), "--form", str(default_form.path))

    assert ok.exit_code == 0 and "Phường Tân Ninh" in ok.stdout
    assert other.exit_code == 1
    assert "bị loại: xa.xlsx" in other.stdout and "«khen-thuong-cap-xa-2025 v3 (năm 2025)»" in other.stdout


# --- nothing a file holds makes the command fail -----------------------------------------------------


def test_no_traceback_for_an_inbox_of_every_bad_file_at_once(default_form, generated, second_generated, inbox,
                                                            counts, tmp_path):
    form = default_form
    bad_cells = {"D12": 3, "C13": "1.234", "D13": "hai", "E13": -2, "C14": 2.5, "D14": "x", "C15": 9, "D15": 1,
                 "E15": 1, "C21": 1, "A1": "UBND TỈNH BÌNH DƯƠNG", "B20": "Chiến sĩ thi đua"}
    fill(generated["70"], inbox / "70.xlsx", bad_cells, form=form, unprotect=True, edit=lambda ws: ws.insert_cols(4))
    fill(generated["77"], inbox / "77.xlsx", bad_cells, form=form, unprotect=True, edit=lambda ws: ws.delete_rows(13))
    fill(generated["74"], inbox / "74.xlsx", {"C9": None}, form=form, unprotect=True)      # no table
    paste_into_new_workbook(template_of(form, form.unit("72"), tmp_path / "72.xlsx", counts), inbox / "x.xlsx",
                            form=form, from_row=9)                                          # nobody's
    template_of(form, Unit("99", "Long An"), inbox / "99.xlsx")                            # unknown unit
    shutil.copy(next(iter(second_generated.values())), inbox / "xa.xlsx")                   # another form
    truncated(generated["60"], inbox / "60.xlsx")
    text_renamed(inbox / "75.xlsx")
    encrypted(generated["58"], inbox / "58.xlsx")
    (inbox / "rong.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600))      # a broken .xls
    (inbox / "bao-cao.ods").write_bytes(b"PK\x03\x04" + bytes(100))                          # a broken .ods
    (inbox / "anh.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    write_junk(inbox)
    os.symlink("/etc/passwd", inbox / "lien-ket.xlsx")
    before = snapshot(inbox)

    human = thidua_process("check", "--inbox", str(inbox), "--form", str(form.path), cwd=tmp_path)
    machine = thidua_process("check", "--inbox", str(inbox), "--form", str(form.path), "--json", "-", cwd=tmp_path)

    for done in (human, machine):
        assert done.returncode == 1
        assert "Traceback" not in done.stdout + done.stderr
    report = json.loads(machine.stdout)
    statuses = {f["path"]: f["status"] for f in report["files"]}
    assert {path for path, status in statuses.items() if status == "accepted"} == {"70.xlsx", "77.xlsx"}
    assert {path for path, status in statuses.items() if status == "rejected"} == {
        "74.xlsx", "x.xlsx", "99.xlsx", "xa.xlsx", "60.xlsx", "75.xlsx", "58.xlsx", "rong.xls", "bao-cao.ods",
        "anh.xlsx"}
    assert snapshot(inbox) == before


def test_a_large_form_shows_the_units_that_need_attention_and_counts_the_rest(default_form, tmp_path):
    import io

    from rich.console import Console

    from tests.hostile import counts as sample_counts, many_units_form, valid_return
    from toolkit.render import EVERY_UNIT_UP_TO, render_check, render_status

    form = many_units_form(default_form, EVERY_UNIT_UP_TO + 20)
    inbox = tmp_path / "inbox"
    valid_return(form, form.units[0], inbox / "001.xlsx")
    wrong = sample_counts(form, 2)
    key = form.rows[0].key
    wrong[(key, "total")] = int(wrong.get((key, "total")) or 0) + 1
    valid_return(form, form.units[1], inbox / "002.xlsx", values=wrong)
    report = check(form, inbox, workers=1)
    assert [u.status for u in report.units[:2]] == ["valid", "error"]

    def shown(render, *args, every=False) -> str:
        out = io.StringIO()
        render(report, Console(file=out, width=250), *args, every=every)
        return out.getvalue()

    today = default_form.period.deadline
    for render, args in ((render_check, ()), (render_status, (today,))):
        brief = shown(render, *args)
        rows = {line.split("│")[1].strip() for line in brief.splitlines() if line.count("│") > 2}
        assert "002" in rows and "001" not in rows and "003" not in rows  # the valid one only counted
        missing = len(form.units) - 2
        assert texts.CHECK_MISSING_UNITS.format(count=missing, names="").split(":")[0] in brief
        words = " ".join(brief.split())  # the list of missing units wraps where the terminal ends
        assert "003 Đơn vị thứ 3," in words and f"{len(form.units):03d} Đơn vị thứ {len(form.units)}." in words
        every = shown(render, *args, every=True)
        rows = {line.split("│")[1].strip() for line in every.splitlines() if line.count("│") > 2}
        assert {"001", "002", "003"} <= rows and "Chưa gửi (" not in every


def test_a_small_form_shows_every_unit(default_form, generated, inbox, counts):
    fill_values(generated["60"], inbox / "60.xlsx", counts, form=default_form)
    result = thidua("check", "--inbox", str(inbox), "--form", str(default_form.path))
    for unit in default_form.units:
        assert unit.name in result.stdout
    assert "--all" not in result.stdout
