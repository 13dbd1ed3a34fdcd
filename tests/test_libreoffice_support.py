"""Tests for the LibreOffice test helpers in tests/support/libreoffice.py."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from support import libreoffice as lo
from support.libreoffice import (
    LibreOfficeError,
    convert,
    fill_and_save,
    formula_cells,
    inspect_workbook,
    recalculate_values,
    require_libreoffice,
)


@pytest.fixture
def sample_xlsx(tmp_path: Path) -> Path:
    """A small protected workbook with formulas and a very hidden sheet.

    Data!A3 and Data!A4 carry correct cached results, Data!C1 a deliberately
    wrong one (so tests can tell cached from recalculated values).
    """
    path = tmp_path / "sample.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    unlocked = workbook.add_format({"locked": False})

    data = workbook.add_worksheet("Data")
    data.write_number("A1", 1)
    data.write_number("A2", 2)
    data.write_formula("A3", "=A1+A2", None, 3)
    data.write_formula("A4", "=A3*10", None, 30)
    data.write_formula("C1", "=A2*100", None, 7)
    data.write_string("B1", "label")
    data.write_blank("B2", None, unlocked)
    data.protect()

    meta = workbook.add_worksheet("Meta")
    meta.write_string("A1", "form-id")
    meta.write_number("B1", 42)
    meta.very_hidden()

    workbook.set_custom_property("TD_VERSION", "1.0")
    workbook.define_name("TD_FORM", '="abc"')
    workbook.close()
    return path


def calamine_rows(path: Path) -> dict[str, list[list[object]]]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


# --------------------------------------------------------------------------
# Gating (no LibreOffice needed)
# --------------------------------------------------------------------------


def test_require_libreoffice_skips_locally_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lo, "soffice_path", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="not installed"):
        require_libreoffice()


def test_require_libreoffice_fails_on_ci_when_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lo, "soffice_path", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="not installed"):
        require_libreoffice()


def test_require_libreoffice_checks_uno_on_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lo, "soffice_path", lambda: "/usr/bin/soffice")
    monkeypatch.setattr(lo, "uno_python", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    assert require_libreoffice() == "/usr/bin/soffice"
    with pytest.raises(pytest.skip.Exception, match="UNO"):
        require_libreoffice(uno=True)


# --------------------------------------------------------------------------
# convert
# --------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["pdf", "xlsx", "xls", "ods"])
def test_convert(sample_xlsx: Path, tmp_path: Path, fmt: str) -> None:
    require_libreoffice()
    out = convert(sample_xlsx, fmt, tmp_path / "out")
    assert out == tmp_path / "out" / f"sample.{fmt}"
    assert out.is_file() and out.stat().st_size > 0
    if fmt == "pdf":
        assert out.read_bytes().startswith(b"%PDF")
        return
    rows = calamine_rows(out)
    assert list(rows) == ["Data", "Meta"]
    assert rows["Data"][0][:2] == [1.0, "label"]
    assert rows["Data"][2][0] == 3.0
    # The very hidden sheet's content survives every format, but LibreOffice
    # has no "very hidden" state: the sheet comes back merely hidden.
    assert rows["Meta"][0] == ["form-id", 42.0]
    metadata = CalamineWorkbook.from_path(str(out)).sheets_metadata
    assert [m.visible for m in metadata] == [SheetVisibleEnum.Visible, SheetVisibleEnum.Hidden]
    if fmt == "xlsx":
        workbook = openpyxl.load_workbook(out)
        assert workbook["Meta"].sheet_state == "hidden"
        assert workbook["Data"].protection.sheet
        assert workbook.defined_names["TD_FORM"].attr_text == '"abc"'
        assert {p.name: p.value for p in workbook.custom_doc_props.props} == {"TD_VERSION": "1.0"}


@pytest.mark.libreoffice
def test_convert_reports_unloadable_source(tmp_path: Path) -> None:
    require_libreoffice()
    bogus = tmp_path / "bogus.xlsx"
    bogus.write_bytes(b"PK\x03\x04 this is not a zip archive" * 50)
    with pytest.raises(LibreOfficeError, match="failed to convert"):
        convert(bogus, "xls", tmp_path / "out")


def test_convert_rejects_unknown_format(sample_xlsx: Path, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unsupported format"):
        convert(sample_xlsx, "docx", tmp_path)


# --------------------------------------------------------------------------
# inspect / recalculate
# --------------------------------------------------------------------------


@pytest.mark.libreoffice
def test_inspect_workbook(sample_xlsx: Path) -> None:
    require_libreoffice(uno=True)
    result = inspect_workbook(sample_xlsx)

    assert list(result.values) == ["Data", "Meta"]
    assert result.visible == {"Data": True, "Meta": False}
    assert result.defined_names == {"TD_FORM": '"abc"'}
    # LibreOffice also lists docProps/app.xml's AppVersion as a custom property.
    assert result.custom_properties["TD_VERSION"] == "1.0"
    # Cached values as written, not recalculated on load.
    assert result.values["Data"]["A3"] == 3.0
    assert result.values["Data"]["A4"] == 30.0
    assert result.values["Data"]["C1"] == 7.0
    assert result.values["Data"]["B1"] == "label"
    assert result.values["Data"]["B2"] is None
    assert result.values["Meta"] == {"A1": "form-id", "B1": 42.0}

    assert result.recalculated["Data"]["A3"] == 3.0
    assert result.recalculated["Data"]["A4"] == 30.0
    assert result.recalculated["Data"]["C1"] == 200.0
    assert result.formulas == {
        "Data": {"C1": "=A2*100", "A3": "=A1+A2", "A4": "=A3*10"},
        "Meta": {},
    }

    mismatches = result.formula_mismatches()
    assert [(m.sheet, m.address, m.cached, m.recalculated) for m in mismatches] == [
        ("Data", "C1", 7.0, 200.0)
    ]


@pytest.mark.libreoffice
def test_recalculate_values_and_formula_cells(tmp_path: Path) -> None:
    require_libreoffice(uno=True)
    path = tmp_path / "calc.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("Calc")
    sheet.write_number("A1", 4)
    sheet.write_number("A2", 5)
    # No cached values given: XlsxWriter writes 0.
    sheet.write_formula("A3", "=A1+A2")
    sheet.write_formula("B1", "=SUM(A1:A2)/Other!A1")
    sheet.write_formula("B2", "=1/0")
    sheet.write_formula("B3", '=IF(A1>3,"big","small")')
    sheet.write_formula("B4", '=_xlfn.CONCAT("a;b",A1)')
    sheet.write_array_formula("C1", "{=SUM(A1:A2*2)}")
    other = workbook.add_worksheet("Other")
    other.write_number("A1", 3)
    workbook.close()

    values = recalculate_values(path)
    assert values["Calc"]["A3"] == 9.0
    assert values["Calc"]["B1"] == 3.0
    assert values["Calc"]["B2"] == "#DIV/0!"
    assert values["Calc"]["B3"] == "big"
    assert values["Calc"]["B4"] == "a;b4"
    assert values["Calc"]["C1"] == 18.0

    assert formula_cells(path) == {
        "Calc": {
            "A3": "=A1+A2",
            "B1": "=SUM(A1:A2)/Other!A1",
            "B2": "=1/0",
            "B3": '=IF(A1>3,"big","small")',
            "B4": '=_xlfn.CONCAT("a;b",A1)',
            "C1": "{=SUM(A1:A2*2)}",
        },
        "Other": {},
    }


# --------------------------------------------------------------------------
# fill_and_save
# --------------------------------------------------------------------------


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_fill_and_save_writes_locked_cells(sample_xlsx: Path, tmp_path: Path, fmt: str) -> None:
    require_libreoffice(uno=True)
    dest = fill_and_save(
        sample_xlsx,
        tmp_path / f"filled.{fmt}",
        {"Data": {"A1": 10, "B2": "typed by user", "C5": 1.5}, "Meta": {"A2": "x"}},
        fmt,
    )
    rows = calamine_rows(dest)
    assert list(rows) == ["Data", "Meta"]
    data = rows["Data"]
    assert data[0][0] == 10.0  # locked cell of the protected sheet
    assert data[1][1] == "typed by user"
    assert data[4][2] == 1.5
    # Dependent formulas (also indirect ones) are recalculated as in the UI;
    # the others keep their cached values.
    assert data[2][0] == 12.0
    assert data[3][0] == 120.0
    assert data[0][2] == 7.0
    assert rows["Meta"][1][0] == "x"


@pytest.mark.libreoffice
def test_fill_and_save_recalculate(sample_xlsx: Path, tmp_path: Path) -> None:
    require_libreoffice(uno=True)
    dest = fill_and_save(sample_xlsx, tmp_path / "filled.xlsx", {}, recalculate=True)
    assert calamine_rows(dest)["Data"][0][2] == 200.0


@pytest.mark.libreoffice
def test_fill_and_save_unprotect_and_insert_row(sample_xlsx: Path, tmp_path: Path) -> None:
    require_libreoffice(uno=True)
    dest = fill_and_save(
        sample_xlsx,
        tmp_path / "inserted.xlsx",
        {"Data": {"A2": 5}},
        unprotect=True,
        insert_rows=[("Data", 2)],
    )
    workbook = openpyxl.load_workbook(dest)
    sheet = workbook["Data"]
    assert not sheet.protection.sheet
    assert [sheet.cell(row, 1).value for row in range(1, 6)] == [1, 5, 2, "=A1+A3", "=A4*10"]
    assert sheet["C1"].value == "=A3*100"

    values = calamine_rows(dest)["Data"]
    assert values[3][0] == 3.0  # =A1+A3, not affected by the new value in A2


@pytest.mark.libreoffice
def test_fill_and_save_insert_row_into_protected_sheet(sample_xlsx: Path, tmp_path: Path) -> None:
    require_libreoffice(uno=True)
    with pytest.raises(LibreOfficeError, match="protected sheet 'Data'"):
        fill_and_save(sample_xlsx, tmp_path / "x.xlsx", {}, insert_rows=[("Data", 2)])


@pytest.mark.libreoffice
def test_fill_and_save_unknown_sheet(sample_xlsx: Path, tmp_path: Path) -> None:
    require_libreoffice(uno=True)
    with pytest.raises(LibreOfficeError, match="no sheet named 'Nope'"):
        fill_and_save(sample_xlsx, tmp_path / "x.xlsx", {"Nope": {"A1": 1}})


def test_fill_and_save_rejects_unsupported_values(sample_xlsx: Path, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="unsupported value"):
        fill_and_save(sample_xlsx, tmp_path / "x.xlsx", {"Data": {"A1": object()}})
    with pytest.raises(ValueError, match="unsupported format"):
        fill_and_save(sample_xlsx, tmp_path / "x.docx", {})
    with pytest.raises(ValueError, match="A1 address"):
        fill_and_save(sample_xlsx, tmp_path / "x.xlsx", {"Data": {"A1:B2": 1}})
    with pytest.raises(ValueError, match="1-based"):
        fill_and_save(sample_xlsx, tmp_path / "x.xlsx", {}, insert_rows=[("Data", 0)])
