"""``thidua check`` on returns filled in LibreOffice Calc, as many provinces do, through its UNO API.

Filled and saved as .xlsx, .xls or .ods, a template comes back valid with the same numbers, its
identity read from the hidden sheet (LibreOffice keeps it hidden, though no longer very hidden, and
only .xlsx keeps the document properties). LibreOffice writes into locked cells when asked, and
recalculates the formulas that depend on what it wrote: the findings must name the cell the
province changed, not every total downstream of it.

Every scenario is made once for the module, all LibreOffice runs side by side, then one check.
"""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from toolkit.checks.reader import read_workbook
from tests.returns import (as_cells, at, excel_row, expected_values, file_named, found, moved, run, shifted,
                           subtotal_at, unit_of, valid_counts)
from tests.support.libreoffice import fill_and_save, require_libreoffice

pytestmark = pytest.mark.libreoffice

HCLD = "huan-chuong-lao-dong"


@dataclass
class Scenario:
    unit: str
    name: str
    cells: dict[str, object]
    options: dict = field(default_factory=dict)


@pytest.fixture(scope="module")
def counts(default_form):
    return valid_counts(default_form, random.Random(1975))


@pytest.fixture(scope="module")
def returned(default_form, generated, counts, tmp_path_factory):
    """The inbox of LibreOffice-made returns and the report of checking it."""
    require_libreoffice(uno=True)
    form = default_form
    cells = as_cells(form, counts)
    row = excel_row(form, HCLD)
    scenarios = [
        Scenario("58", "58-ninh-thuan.xlsx", cells),
        Scenario("77", "77-ba-ria-vung-tau.xls", cells),
        Scenario("74", "74-binh-duong.ods", cells),
        # Protection removed; a subtotal overwritten with a number, a number put where it does not apply.
        Scenario("70", "70-binh-phuoc.xlsx", cells | {subtotal_at(form, "cap-tinh", "total"): 7, "D12": 4},
                 {"unprotect": True}),
        # A blank row inserted above Huân chương Lao động, then the numbers typed where they now are.
        Scenario("60", "60-binh-thuan.xlsx", shifted(cells, row),
                 {"unprotect": True, "insert_rows": [(form.sheet, row)]}),
        # A count typed as text, the Vietnamese way: Calc's SUM skips it, as Excel's does.
        Scenario("75", "75-dong-nai.ods", cells | {at(form, HCLD, "total"): "1.234", at(form, HCLD, "collective"): 234,
                                                   at(form, HCLD, "individual"): 1000}),
    ]
    inbox = tmp_path_factory.mktemp("libreoffice") / "inbox"
    inbox.mkdir()

    def make(s: Scenario) -> Path:
        return fill_and_save(generated[s.unit], inbox / s.name, {form.sheet: s.cells}, **s.options)

    with ThreadPoolExecutor(max_workers=3) as pool:
        list(pool.map(make, scenarios))
    return inbox, run(form, inbox)


@pytest.mark.parametrize(("name", "kind"), [("58-ninh-thuan.xlsx", "xlsx"), ("77-ba-ria-vung-tau.xls", "xls"),
                                            ("74-binh-duong.ods", "ods")])
def test_filled_in_libreoffice_and_saved_in_any_format_comes_back_valid_with_the_same_numbers(
        default_form, returned, counts, name, kind):
    inbox, report = returned

    result = file_named(report, name)

    assert (result.status, result.kind, result.unit, found(result)) == ("accepted", kind, name[:2], [])
    assert result.values == expected_values(default_form, counts)
    assert unit_of(report, name[:2]).status == "valid"
    assert result.saved_at is not None  # the workbook's own save time, for choosing among duplicates


@pytest.mark.parametrize(("name", "sources"), [("58-ninh-thuan.xlsx", {"sheet", "properties", "names"}),
                                               ("77-ba-ria-vung-tau.xls", {"sheet"}),
                                               ("74-binh-duong.ods", {"sheet"})])
def test_libreoffice_keeps_the_hidden_identity_sheet_in_every_format(returned, name, sources):
    inbox, _report = returned

    wb = read_workbook(inbox / name, name.rsplit(".", 1)[1])

    assert set(wb.identity) == sources
    assert wb.identity["sheet"]["unit_code"] == name[:2]
    assert not next(s for s in wb.sheets if s.name == "_thidua").visible


def test_locked_cells_written_in_libreoffice_are_reported_where_they_were_written(returned):
    _inbox, report = returned

    result = file_named(report, "70-binh-phuoc.xlsx")

    # Calc recalculated Tổng cộng from the overwritten subtotal and the I subtotal including D12:
    # those follow their formulas and are not reported again.
    assert found(result) == [("not-applicable-filled", "D12"), ("subtotal-mismatch", "C21"),
                             ("formula-altered", "C21")]
    assert "ghi 7 nhưng" in result.issues[1].message
    assert unit_of(report, "70").status == "error"


def test_a_row_inserted_in_libreoffice_shifts_nothing(default_form, returned, counts):
    _inbox, report = returned

    result = file_named(report, "60-binh-thuan.xlsx")

    assert found(result) == []
    assert result.values == expected_values(default_form, counts)
    assert result.cells[HCLD]["total"] == moved(at(default_form, HCLD, "total"), 1)


def test_a_number_typed_as_text_in_libreoffice_is_one_warning_at_its_cell(default_form, returned, counts):
    _inbox, report = returned

    result = file_named(report, "75-dong-nai.ods")

    # The subtotals Calc computed without it are not reported: the text-number warning says why.
    assert found(result) == [("text-number", at(default_form, HCLD, "total"))]
    assert unit_of(report, "75").status == "warning"
