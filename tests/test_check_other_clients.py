"""``thidua check`` on returns saved by clients none of us wrote: Gnumeric, SheetJS and ExcelJS.

A province's return may pass through Gnumeric (``ssconvert``), a web portal's Excel export (SheetJS,
npm ``xlsx``) or a Node.js back end (ExcelJS). Each such file must be recognised, read with exactly
the numbers typed, and reported fairly: what the client did to the file on the way (a document
property re-encoded, the identity sheet shown, formulas saved without recalculated results,
indented XML) is at most a note, never the province's fault.

Each client's returns are made once for the module, then checked once. A missing client skips its
tests locally and fails them on CI (``tests/support/gating.py``).
"""

from __future__ import annotations

import random
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl.utils import column_index_from_string

from tests.returns import (as_cells, at, expected_values, file_named, found, run, subtotal_at, unit_of,
                           valid_counts)
from tests.support.gnumeric import require_gnumeric, resave
from tests.support.jsclients import exceljs_fill, require_js, sheetjs_fill
from toolkit.checks.reader import read_workbook

DATA = Path(__file__).resolve().parent / "data"
HCLD = "huan-chuong-lao-dong"


@pytest.fixture(scope="module")
def counts(default_form):
    return valid_counts(default_form, random.Random(1986))


def _inbox(tmp_path_factory, name: str) -> Path:
    inbox = tmp_path_factory.mktemp(name) / "inbox"
    inbox.mkdir()
    return inbox


@pytest.fixture(scope="module")
def sheetjs(default_form, generated, counts, tmp_path_factory):
    require_js("xlsx")
    form, inbox = default_form, _inbox(tmp_path_factory, "sheetjs")
    cells = {form.sheet: as_cells(form, counts)}
    sheetjs_fill(generated["58"], inbox / "58-ninh-thuan.xlsx", cells)
    sheetjs_fill(generated["77"], inbox / "77-ba-ria-vung-tau.ods", cells)
    return inbox, run(form, inbox)


@pytest.fixture(scope="module")
def exceljs(default_form, generated, counts, tmp_path_factory):
    require_js("exceljs")
    form, inbox = default_form, _inbox(tmp_path_factory, "exceljs")
    cells = as_cells(form, counts)
    exceljs_fill(generated["74"], inbox / "74-binh-duong.xlsx", {form.sheet: cells})
    # A Tổng số one more than its parts, and a subtotal typed over: only those cells are the province's doing.
    wrong = cells | {at(form, HCLD, "total"): counts[(HCLD, "total")] + 1,
                     subtotal_at(form, "cap-tinh", "total"): 7}
    exceljs_fill(generated["72"], inbox / "72-tay-ninh.xlsx", {form.sheet: wrong})
    return inbox, run(form, inbox)


@pytest.fixture(scope="module")
def gnumeric(default_form, generated, counts, tmp_path_factory):
    require_gnumeric()
    form, inbox = default_form, _inbox(tmp_path_factory, "gnumeric")
    cells = {form.sheet: as_cells(form, counts)}
    for unit, name in (("70", "70-binh-phuoc.xlsx"), ("60", "60-binh-thuan.xls"), ("75", "75-dong-nai.ods")):
        resave(generated[unit], inbox / name, cells)
    return inbox, run(form, inbox)


@pytest.mark.parametrize(("client", "name", "kind", "notes"), [
    # SheetJS writes the Vietnamese custom properties double-encoded; the hidden sheet and names are intact.
    ("sheetjs", "58-ninh-thuan.xlsx", "xlsx", [("identity-source-differs", None)]),
    # SheetJS's .ods writer knows no hidden sheets.
    ("sheetjs", "77-ba-ria-vung-tau.ods", "ods", [("identity-sheet-shown", None)]),
    ("exceljs", "74-binh-duong.xlsx", "xlsx", []),
    ("gnumeric", "70-binh-phuoc.xlsx", "xlsx", [("identity-sheet-shown", None)]),
    ("gnumeric", "60-binh-thuan.xls", "xls", []),
    ("gnumeric", "75-dong-nai.ods", "ods", []),
])
def test_a_template_filled_by_another_client_comes_back_valid_with_the_same_numbers(
        request, default_form, counts, client, name, kind, notes):
    _inbox, report = request.getfixturevalue(client)

    result = file_named(report, name)

    assert (result.status, result.kind, result.unit, found(result)) == ("accepted", kind, name[:2], notes)
    assert all(i.severity == "info" for i in result.issues)
    assert result.values == expected_values(default_form, counts)
    assert unit_of(report, name[:2]).status == "valid"


def test_a_mangled_property_is_named_in_the_note_and_the_hidden_sheet_decides(sheetjs):
    inbox, report = sheetjs

    wb = read_workbook(inbox / "58-ninh-thuan.xlsx", "xlsx")
    note = file_named(report, "58-ninh-thuan.xlsx").issues[0]

    assert wb.identity["sheet"]["period"] != wb.identity["properties"]["period"]  # the client's doing
    assert "thuộc tính tệp" in note.message and "trang nhận dạng ẩn" in note.message


@pytest.mark.parametrize(("client", "name"), [("sheetjs", "58-ninh-thuan.xlsx"), ("sheetjs", "77-ba-ria-vung-tau.ods"),
                                              ("exceljs", "74-binh-duong.xlsx")])
def test_subtotals_saved_without_recalculation_are_computed_from_the_cells(request, default_form, client, name):
    inbox, report = request.getfixturevalue(client)

    wb = read_workbook(inbox / name, name.rsplit(".", 1)[1])
    grid = wb.sheet(default_form.sheet).grid
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", subtotal_at(default_form, "cap-nha-nuoc", "total")).groups()

    assert grid[int(digits) - 1][column_index_from_string(letters) - 1] == 0  # the result the template was saved with
    assert not [i for i in file_named(report, name).issues if i.code == "subtotal-mismatch"]


def test_a_client_that_does_not_recalculate_is_blamed_only_for_the_cells_the_province_changed(default_form, exceljs):
    _inbox, report = exceljs

    result = file_named(report, "72-tay-ninh.xlsx")

    subtotal = subtotal_at(default_form, "cap-tinh", "total")
    assert found(result) == [("total-mismatch", at(default_form, HCLD, "total")), ("subtotal-mismatch", subtotal),
                             ("formula-altered", subtotal)]
    assert unit_of(report, "72").status == "error"


def test_an_ods_indented_as_gnumeric_and_sheetjs_write_it_reads_as_the_same_numbers(default_form, tmp_path):
    # Made here from LibreOffice's own .ods, so that this does not need either client.
    src = DATA / "intake" / "template-libreoffice.ods"
    indented = tmp_path / "inbox" / "58-ninh-thuan.ods"
    indented.parent.mkdir()
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(indented, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "content.xml":
                data = re.sub(rb"(?=<(?:/?table:|text:p))", b"\n    ", data)
            zout.writestr(info, data)

    original = read_workbook(src, "ods").sheet(default_form.sheet).grid
    result = file_named(run(default_form, indented.parent), "58-ninh-thuan.ods")

    assert read_workbook(indented, "ods").sheet(default_form.sheet).grid == original
    assert (result.status, result.unit, found(result)) == ("accepted", "58", [("empty-form", None)])


def test_a_subtotal_whose_formula_was_replaced_by_a_constant_is_still_reported(default_form, generated, tmp_path):
    from tests import hostile

    # The section's SUM replaced by =5, saved with its result 5, as a spreadsheet program saves it.
    subtotal = subtotal_at(default_form, "cap-nha-nuoc", "total")
    src = hostile.valid_return(default_form, default_form.units_by_code["58"], tmp_path / "58-valid.xlsx", seed=58)
    sheet = hostile.parts_of(src)[hostile.SHEET]
    cell = re.compile(rb'(<c r="' + subtotal.encode() + rb'"[^>]*>)<f>[^<]*</f><v>[^<]*</v>')
    assert cell.search(sheet), "the template's subtotal formula"
    hostile.changed(src, tmp_path / "inbox" / "58.xlsx", add={hostile.SHEET: cell.sub(rb"\1<f>5</f><v>5</v>", sheet)})

    result = file_named(run(default_form, tmp_path / "inbox"), "58.xlsx")

    assert ("subtotal-mismatch", subtotal) in found(result)
