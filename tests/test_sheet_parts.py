"""The part of the package a sheet lives in is found one way, by the safety scan and by the reader alike."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xlsxwriter

from toolkit.checks.reader import read_workbook
from toolkit.intake import sniff
from toolkit.intake.package import sheet_members

RELS = "xl/_rels/workbook.xml.rels"


def write_book(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Biểu mẫu")
    ws.write_row("A1", [1, 2])
    ws.write_formula("C1", "=A1+B1", None, 3)
    ws.write_formula("C2", "=C1*2", None, 6)
    wb.close()
    return path


def with_sheet_target(source: Path, target: Path, written: str) -> Path:
    """``source`` with the first sheet's relationship target written as ``written``."""
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == RELS:
                assert b'Target="worksheets/sheet1.xml"' in data
                data = data.replace(b'Target="worksheets/sheet1.xml"', f'Target="{written}"'.encode())
            zout.writestr(info, data)
    return target


@pytest.mark.parametrize("written", [
    "worksheets/sheet1.xml",
    "/xl/worksheets/sheet1.xml",
    "worksheets\\sheet1.xml",
    "worksheets/../worksheets/./sheet1.xml",
    "Worksheets/Sheet1.XML",
])
def test_the_reader_finds_formulas_in_the_part_the_safety_scan_checked(tmp_path, written):
    path = with_sheet_target(write_book(tmp_path / "plain.xlsx"), tmp_path / "book.xlsx", written)

    assert sniff(path).kind == "xlsx"
    assert sniff(path).issues == ()
    assert read_workbook(path, "xlsx").formulas("Biểu mẫu") == {"C1", "C2"}


def test_a_sheet_is_found_under_its_member_name_as_stored(tmp_path):
    path = with_sheet_target(write_book(tmp_path / "plain.xlsx"), tmp_path / "book.xlsx", "Worksheets/Sheet1.XML")

    with zipfile.ZipFile(path) as package:
        found = sheet_members(package)
        assert found == {"Biểu mẫu": "xl/worksheets/sheet1.xml"}
        assert found["Biểu mẫu"] in package.namelist()


def test_a_sheet_whose_relationship_points_nowhere_has_no_part(tmp_path):
    path = with_sheet_target(write_book(tmp_path / "plain.xlsx"), tmp_path / "book.xlsx", "worksheets/missing.xml")

    with zipfile.ZipFile(path) as package:
        assert sheet_members(package) == {}
    assert sniff(path).kind is None
