"""``thidua generate``: which files it writes, what it prints, and how it refuses bad options."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from toolkit.cli import app

HERE = Path(__file__).resolve().parent
SECOND_FORM_FILE = HERE / "data" / "forms" / "khen-thuong-cap-xa-2025.toml"

DEFAULT_TEMPLATES = [
    "58-ninh-thuan.xlsx", "77-ba-ria-vung-tau.xlsx", "74-binh-duong.xlsx", "70-binh-phuoc.xlsx",
    "60-binh-thuan.xlsx", "75-dong-nai.xlsx", "72-tay-ninh.xlsx",
]

runner = CliRunner()


@pytest.fixture(autouse=True)
def away_from_the_repository(tmp_path, monkeypatch):
    """Run from an empty folder, as from anywhere on a user's machine: the shipped form is still found."""
    monkeypatch.delenv("THIDUA_FORMS", raising=False)
    monkeypatch.chdir(tmp_path)


def generate(*args: str):
    result = runner.invoke(app, ["generate", *args])
    assert "Traceback" not in result.output
    return result


def test_generate_writes_the_seven_province_templates_and_prints_them(tmp_path):
    out = tmp_path / "templates"
    result = generate("--form", "khen-thuong-6t-2020", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(DEFAULT_TEMPLATES)
    lines = result.output.splitlines()
    assert lines[0] == f"Đã tạo 7 biểu mẫu trong {out}:"
    assert [line.split()[0] for line in lines[1:]] == [str(out / name) for name in DEFAULT_TEMPLATES]
    assert "(77 Bà Rịa - Vũng Tàu)" in lines[2]


def test_generated_files_are_workbooks_of_the_units_they_are_named_after(tmp_path):
    generate("--out", str(tmp_path))
    for name in DEFAULT_TEMPLATES:
        wb = openpyxl.load_workbook(tmp_path / name, read_only=True)
        assert wb.custom_doc_props["thidua.unit_code"].value == name.split("-")[0]


def test_generate_writes_into_the_forms_own_outbox_folder_by_default(tmp_path):
    result = generate()
    assert result.exit_code == 0, result.output
    folder = tmp_path / "outbox" / "khen-thuong-6t-2020" / "bieu-mau"
    assert sorted(p.name for p in folder.iterdir()) == sorted(DEFAULT_TEMPLATES)


def test_unit_option_chooses_the_units_in_the_order_given(tmp_path):
    result = generate("--form", "khen-thuong-6t-2020", "--unit", "58", "--unit", "74", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["58-ninh-thuan.xlsx", "74-binh-duong.xlsx"]
    assert result.output.splitlines()[0] == f"Đã tạo 2 biểu mẫu trong {tmp_path / 'out'}:"
    assert "(58 Ninh Thuận)" in result.output.splitlines()[1]
    assert "(74 Bình Dương)" in result.output.splitlines()[2]


def test_an_unknown_unit_code_is_refused_with_exit_code_2_naming_the_code(tmp_path):
    result = generate("--form", "khen-thuong-6t-2020", "--unit", "58", "--unit", "99", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: ")
    assert "«99»" in result.output and "không có đơn vị" in result.output
    assert "58, 77, 74, 70, 60, 75, 72" in result.output  # the codes there are
    assert not (tmp_path / "out").exists(), "nothing is written when one code is wrong"


def test_an_unknown_form_is_refused_with_exit_code_2_listing_the_forms(tmp_path):
    result = generate("--form", "nope", "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert result.output.startswith("Lỗi: ")
    assert "«nope»" in result.output and "khen-thuong-6t-2020" in result.output
    assert "«--form»" in result.output
    assert not (tmp_path / "out").exists()


def test_form_option_takes_the_path_of_another_definition(tmp_path):
    result = generate("--form", str(SECOND_FORM_FILE), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([
        "25456-phuong-tan-ninh.xlsx", "25459-phuong-binh-minh.xlsx", "07438-xa-hoa-hoi.xlsx",
        "25501-xa-duc-hoa.xlsx"])
    assert "Đã tạo 4 biểu mẫu" in result.output
    assert "(07438 Xã Hòa Hội)" in result.output


def test_form_option_takes_an_id_from_the_forms_folder(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(SECOND_FORM_FILE, folder)
    shutil.copy(SECOND_FORM_FILE.with_name("xa-phuong-2025.csv"), folder)
    shutil.copy(HERE.parent / "workbook_templates" / "khen-thuong-6t-2020.toml", folder)
    result = generate("--forms-dir", str(folder), "--form", "khen-thuong-cap-xa-2025", "--unit", "07438",
                      "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["07438-xa-hoa-hoi.xlsx"]


def test_generating_again_replaces_the_templates(tmp_path):
    out = tmp_path / "out"
    generate("--unit", "58", "--out", str(out))
    (out / "58-ninh-thuan.xlsx").write_bytes(b"stale")
    result = generate("--unit", "58", "--out", str(out))
    assert result.exit_code == 0
    assert openpyxl.load_workbook(out / "58-ninh-thuan.xlsx").sheetnames[0] == "Khen thưởng"
    assert [p.name for p in out.iterdir()] == ["58-ninh-thuan.xlsx"]


def test_generate_has_vietnamese_help_for_each_option():
    result = runner.invoke(app, ["generate", "--help"])
    assert result.exit_code == 0
    for option in ("--form", "--forms-dir", "--unit", "--out", "--workers"):
        assert option in result.output
    assert "Tạo biểu mẫu Excel" in result.output
