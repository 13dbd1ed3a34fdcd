"""Text that a province controls and the summary repeats (Ghi chú, the table's sheet name, the file
name, text typed into a number cell) lands in every output as inert text: never a formula, a link,
a control sequence or broken XML; the summary still opens, and prints, in LibreOffice.
"""

from __future__ import annotations

import dataclasses
import re
import zipfile

import defusedxml.ElementTree as SafeET
import openpyxl
import pytest
from typer.testing import CliRunner

from tests.hostile import counts, valid_return
from tests.support.libreoffice import convert, inspect_workbook, require_libreoffice
from toolkit import texts
from toolkit.cli import app
from toolkit.checks.run import check
from toolkit.layout import TEXT_LIMIT, clean
from toolkit.write.summary import consolidate

# What a spreadsheet would run, follow or mis-store if it were written as anything but a string.
NOTES = {
    "formula": "=1+1",
    "link": '=HYPERLINK("http://x","y")',
    "dde": "=cmd|' /C calc'!A0",
    "plus": "+1",
    "minus": "-1",
    "at": "@SUM(A1)",
    "controls": "".join(chr(i) for i in range(32)) + "hết",
    "right-to-left": "\u202eoc gnođ\u202c khen",
    "longest": "ả" * TEXT_LIMIT,
    "emoji": "🎉" * 20_000,  # 40,000 UTF-16 units: past Excel's 32,767
    "markup": "<f>1+1</f> & ]]> &amp; <hyperlink/>",
    "escapes": "_x0041_ _x001B_",
    "lines": "\tdòng 1\r\ndòng 2\rdòng 3",
}
NOTES_INDEX = {name: i for i, name in enumerate(NOTES)}
SHEET_NAME = '=HYPERLINK("x")+@😀\u202e-1'
FILE_NAME = '=HYPERLINK("http:x","y")+1 @SUM(A1) \u202e😀\x01\x1b[2J.xlsx'
NUMBER_TEXT = "=1+1\x1b[2J"
FRAGMENTS = ("1+1", "HYPERLINK", "cmd|", "@SUM", "SUM(A1)")


@pytest.fixture(scope="module")
def injected(default_form, tmp_path_factory):
    """Unit 58's notes hold every payload, 77's table sits on a sheet so named, 74's file is so
    named, and 60 typed a payload into a number cell."""
    form = default_form
    tmp = tmp_path_factory.mktemp("text")
    inbox = tmp / "inbox"
    assert len(NOTES) <= len(form.rows)
    notes = {(row.key, "note"): text for row, text in zip(form.rows, NOTES.values())}
    valid_return(form, form.units_by_code["58"], inbox / "58.xlsx", counts(form, 58) | notes)
    valid_return(dataclasses.replace(form, sheet=SHEET_NAME), form.units_by_code["77"], inbox / "77.xlsx",
                 counts(form, 77))
    valid_return(form, form.units_by_code["74"], inbox / FILE_NAME, counts(form, 74))
    number = counts(form, 60) | {(form.rows[1].key, "total"): NUMBER_TEXT}
    valid_return(form, form.units_by_code["60"], inbox / "60.xlsx", number)
    report = check(form, inbox, workers=2)
    result = consolidate(report, tmp / "tong-hop.xlsx")
    return form, inbox, report, result.path


def test_every_payload_arrives_and_every_file_is_read(injected):
    form, _inbox, report, _summary = injected
    assert {f.path: f.unit for f in report.files} == {"58.xlsx": "58", "77.xlsx": "77", FILE_NAME: "74",
                                                     "60.xlsx": "60"}
    notes = next(f for f in report.files if f.unit == "58").notes
    for row, (name, text) in zip(form.rows, NOTES.items()):
        if name in ("formula", "link", "dde", "plus", "minus", "at", "markup", "escapes", "longest"):
            assert notes[row.key] == text, name
    assert next(f for f in report.files if f.unit == "77").sheet == SHEET_NAME
    codes = [i.code for i in next(f for f in report.files if f.unit == "60").issues]
    assert codes == ["not-a-number"]


def test_the_summary_stores_every_payload_as_a_string(injected):
    form, _inbox, report, summary = injected
    wb = openpyxl.load_workbook(summary)
    data = wb[texts.SUMMARY_SHEETS["data"]]
    header = [c.value for c in data[1]]
    key_col, note_col = header.index(texts.DATA_ROW_KEY), header.index(form.columns["note"])
    unit_col, cells_col = header.index(texts.DATA_UNIT_CODE), header.index(texts.DATA_SOURCE_CELLS)
    read = next(f for f in report.files if f.unit == "58").notes
    rows = {(r[unit_col].value, r[key_col].value): r for r in data.iter_rows(min_row=2)}
    for row, name in zip(form.rows, NOTES):
        cell = rows[("58", row.key)][note_col]
        assert cell.data_type == "s", name
        assert cell.value == clean(read[row.key]).strip(), name
        assert len(cell.value.encode("utf-16-le")) <= 2 * TEXT_LIMIT
        assert not re.search("[\x00-\x08\x0b-\x1f\ud800-\udfff]", cell.value), name
    assert rows[("58", form.rows[NOTES_INDEX["longest"]].key)][note_col].value == NOTES["longest"]
    emoji = rows[("58", form.rows[NOTES_INDEX["emoji"]].key)][note_col].value
    assert set(emoji) == {"🎉"} and len(emoji) == TEXT_LIMIT // 2
    assert rows[("77", form.rows[0].key)][cells_col].value.startswith("'=HYPERLINK(")
    # Wherever a payload shows (file names on the status and findings sheets, the number typed as
    # text in a finding, the sheet name in the source cells), it is a string cell.
    shown = [c for ws in wb.worksheets for r in ws.iter_rows() for c in r
             if isinstance(c.value, str) and any(f in c.value for f in FRAGMENTS)]
    assert {c.parent.title for c in shown} >= {texts.SUMMARY_SHEETS["status"], texts.SUMMARY_SHEETS["findings"],
                                              texts.SUMMARY_SHEETS["data"]}
    formulas = [c for c in shown if c.data_type == "f"]
    assert formulas == [] and all(c.data_type == "s" for c in shown)
    assert clean(FILE_NAME) in {c.value for c in shown}


def test_the_summary_has_no_link_no_formula_of_theirs_and_only_well_formed_xml(injected):
    summary = injected[3]
    with zipfile.ZipFile(summary) as zf:
        names = zf.namelist()
        assert not [n for n in names if "hyperlink" in n.lower() or "externallink" in n.lower()]
        for name in names:
            if name.endswith((".xml", ".rels")):
                data = zf.read(name)
                SafeET.fromstring(data)  # well formed, no DTD
                assert b"<hyperlink" not in data and b"TargetMode=\"External\"" not in data, name
                for formula in re.findall(rb"<f>(.*?)</f>", data):
                    assert not any(f.encode() in formula for f in FRAGMENTS), (name, formula)


def test_the_terminal_shows_control_characters_and_direction_marks_as_escapes(injected):
    inbox = injected[1]
    result = CliRunner().invoke(app, ["check", "--inbox", str(inbox), "-q"])
    assert result.exit_code == 1  # unit 60 has an error
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e]", result.output)
    assert "\\x1b[2J" in result.output and "\\u202e" in result.output


@pytest.mark.libreoffice
def test_libreoffice_opens_the_summary_prints_it_and_sees_text_not_formulas(injected, tmp_path):
    require_libreoffice(uno=True)
    form, _inbox, report, summary = injected
    pdf = convert(summary, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 10_000
    seen = inspect_workbook(summary)
    data = seen.values[texts.SUMMARY_SHEETS["data"]]
    notes = [v for v in data.values() if isinstance(v, str) and v in {clean(n).strip() for n in NOTES.values()}]
    assert {"=1+1", '=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)"} <= set(notes)
    for sheet, formulas in seen.formulas.items():
        assert not [f for f in formulas.values() if any(x in f for x in FRAGMENTS)], sheet
