"""File names as they arrive: diacritics composed (NFC, Windows) or decomposed (NFD, macOS), spaces,
names past 200 characters, names that differ only in spelling, case or punctuation, and names that
are not UTF-8 at all. Each file is read, attributed to the right unit and reported under its own
name, byte for byte; the summary's per-unit sheets keep unique names of at most 31 characters.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import unicodedata

import openpyxl
import pytest
from typer.testing import CliRunner

from tests.hostile import counts, valid_return
from tests.returns import paste_into_new_workbook, set_saved_at
from toolkit import texts
from toolkit.cli import app
from toolkit.form import Unit
from toolkit.checks.run import check
from toolkit.layout import table_layout
from toolkit.write.summary import consolidate

UTC = dt.timezone.utc


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# Over 200 characters, within the 255 bytes a file name may take on Linux (Windows counts 255
# UTF-16 units, macOS 255 of NFD's): mostly plain letters, as long names from mail systems are.
LONG = "70 - Bình Phước - " + "bao cao ket qua khen thuong 6 thang dau nam 2020, " * 4
#: name -> (unit, saved at (hour of 6 July)); the table is pasted below its header, so only the
#: file's name can say whose it is.
FILES = {
    nfc("Bình Dương.xlsx"): ("74", 8),
    nfd("Bình Dương.xlsx"): ("74", 9),
    nfd("Đồng Nai - báo cáo.xlsx"): ("75", 8),
    "  Tây Ninh   (gửi lại lần 2) .xlsx": ("72", 8),
    (LONG.strip() + ".xlsx"): ("70", 8),
    nfc("Bà Rịa - Vũng Tàu.xlsx"): ("77", 8),
    "ba ria vung tau.xlsx": ("77", 9),
    "BA-RIA-VUNG-TAU.XLSX": ("77", 10),
    nfc("Bà Rịa – Vũng Tàu (1).xlsx"): ("77", 11),
    nfd("Bà_Rịa_Vũng_Tàu.xlsx"): ("77", 12),
}


@pytest.fixture(scope="module")
def named(default_form, tmp_path_factory):
    form = default_form
    tmp = tmp_path_factory.mktemp("names")
    inbox = tmp / "inbox"
    inbox.mkdir()
    from_row = table_layout(form).header_row + 1  # 1-based: the column headings, nothing above
    for name, (code, hour) in FILES.items():
        filled = valid_return(form, form.units_by_code[code], tmp / "filled" / f"{code}-{hour}.xlsx",
                              seed=int(code) + hour)
        paste_into_new_workbook(filled, inbox / name, form=form, from_row=from_row)
        set_saved_at(inbox / name, dt.datetime(2020, 7, 6, hour, 0, tzinfo=UTC))
    assert len(LONG.strip() + ".xlsx") > 200 and len(os.listdir(inbox)) == len(FILES)
    report = check(form, inbox, workers=2)
    return form, inbox, report, consolidate(report, tmp / "tong-hop.xlsx").path


def test_each_file_is_attributed_by_its_name_and_reported_under_it_exactly(named):
    _form, inbox, report, _summary = named
    assert sorted(f.path for f in report.files) == sorted(os.listdir(inbox)) == sorted(FILES)
    for name, (code, hour) in FILES.items():
        result = next(f for f in report.files if f.path == name)
        assert result.unit == code, name
        assert ("identity-recovered", None) in [(i.code, i.cell) for i in result.issues]
    newest = {code: max(h for c, h in FILES.values() if c == code) for code, _h in FILES.values()}
    used = {f.unit: f.path for f in report.files if f.status == "accepted"}
    assert used == {code: next(n for n, (c, h) in FILES.items() if c == code and h == newest[code])
                    for code in newest}
    superseded = [f for f in report.files if f.status == "superseded"]
    assert len(superseded) == len(FILES) - len(newest)
    for f in superseded:  # the message names the newer file by its own name
        assert f"({used[f.unit]})" in next(i.message for i in f.issues if i.code == "superseded")


def test_nfc_and_nfd_spellings_stay_two_distinct_files(named):
    report = named[2]
    composed, decomposed = nfc("Bình Dương.xlsx"), nfd("Bình Dương.xlsx")
    assert composed != decomposed
    assert {f.path for f in report.files if f.unit == "74"} == {composed, decomposed}
    assert next(f for f in report.files if f.path == decomposed).status == "accepted"  # saved later


def test_the_summary_and_the_json_report_carry_each_name_exactly(named, tmp_path):
    _form, inbox, report, summary = named
    wb = openpyxl.load_workbook(summary, read_only=True)
    on_sheets = {c for ws in (wb[texts.SUMMARY_SHEETS["status"]], wb[texts.SUMMARY_SHEETS["findings"]])
                 for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert set(FILES) <= on_sheets
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["check", "--inbox", str(inbox), "--json", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert {f["path"] for f in json.loads(out.read_text(encoding="utf-8"))["files"]} == set(FILES)


def test_a_name_that_is_not_utf8_is_read_and_shown_with_its_bytes_escaped(default_form, tmp_path):
    # A zip made on a Windows PC in a legacy code page, unpacked here: the name's bytes are not UTF-8.
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    raw = os.fsencode(inbox) + b"/74 B\xecnh D\xfd\xf5ng.xlsx"
    valid_return(default_form, default_form.units_by_code["74"], tmp_path / "74.xlsx", seed=74)
    with open(raw, "wb") as fh:
        fh.write((tmp_path / "74.xlsx").read_bytes())
    report = check(default_form, inbox, workers=1)
    (result,) = report.files
    assert (result.path, result.status, result.unit) == ("74 B\\xecnh D\\xfd\\xf5ng.xlsx", "accepted", "74")
    out = tmp_path / "report.json"
    done = CliRunner().invoke(app, ["consolidate", "--inbox", str(inbox), "--output", str(tmp_path / "t.xlsx"),
                                    "--json", str(out), "-q"])
    assert done.exit_code == 0, done.output
    assert json.loads(out.read_text(encoding="utf-8"))["files"][0]["path"] == result.path


# --- the summary's sheet per unit -------------------------------------------------------------------

CODES = [
    "DNB.2020.tinh-thanh-pho-truc-thuoc-TW-01",  # 40 characters, alike for the first 31
    "DNB.2020.tinh-thanh-pho-truc-thuoc-TW-02",
    "DNB.2020.tinh-thanh-pho-truc-thuoc-TW-03",
    "X1", "x1",  # alike but for case, as Excel compares sheet names
    "74", "74a", "74-a",
    "T", "t.", "Tong-hop", "Theo-don-vi",
]
NAMES = ["Bình Dương", "Binh Duong", "BÌNH DƯƠNG", "Bình  Dương", "Bình-Dương", nfd("Bình Dương"),
         "Đồng Nai", "Dong Nai", "Tổng hợp", "Theo đơn vị", "Dữ liệu", "x" * 60]


def test_per_unit_sheet_names_stay_unique_and_within_31_characters(default_form, tmp_path):
    units = tuple(Unit(code, name, "thanh-vien") for code, name in zip(CODES, NAMES))
    form = dataclasses.replace(default_form, units=units)
    for i, unit in enumerate(units):
        valid_return(form, unit, tmp_path / "inbox" / f"{i:02d}.xlsx", counts(form, i))
    report = check(form, tmp_path / "inbox", workers=2)
    assert sorted(f.unit for f in report.files) == sorted(CODES)
    wb = openpyxl.load_workbook(consolidate(report, tmp_path / "tong-hop.xlsx").path)
    fixed = list(texts.SUMMARY_SHEETS.values())
    per_unit = wb.sheetnames[len(fixed):]
    assert wb.sheetnames[:len(fixed)] == fixed and len(per_unit) == len(units)
    assert len({n.casefold() for n in wb.sheetnames}) == len(wb.sheetnames)
    assert all(len(n) <= 31 for n in per_unit)
    for name, unit in zip(per_unit, units):  # in the form's order, each showing its own unit
        shown = {c.value for row in wb[name].iter_rows(max_row=8) for c in row if isinstance(c.value, str)}
        assert texts.UNIT_CODE_LINE.format(code=unit.code) in shown, (name, unit.code)
