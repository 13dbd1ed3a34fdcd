"""Size and shape limits: every oversized or overreaching file is refused before a parser sees it,
after reading little of it and in a few MB, and the cells a sheet makes readers hold are counted as
they count them.

``tests/test_intake.py`` covers the finer points of each limit at the level of ``sniff`` (bombs that
lie about their size, references split across read chunks, wide encodings, look-alike floods); here
the work each bad file of the hostile inbox costs alone is counted and its memory measured, and the
cell-count limit added for this issue is held against what python-calamine actually allocates.
"""

from __future__ import annotations

import re
import tracemalloc
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from tests.hostile import CASES, DATA, SHEET, changed, hostile_inbox, parts_of, valid_return
from tests.work import counted, unzipped_size
from toolkit.checks.run import examine
from toolkit.cli import app
from toolkit.intake import Limits, sniff

MB = 2**20
REFUSED = [c for c in CASES if c.status == "rejected"]


def inflated_at_most(case, path: Path) -> int:
    """The bytes intake may inflate to refuse ``path``: a return is tens of KB, so a bad file is
    refused within its first MB, except where the limit that refuses it lies further."""
    if case.name == "huge-shared-strings.xlsx":
        return Limits().max_shared_strings_bytes + MB  # read up to the limit, the rest of the return beside it
    if case.name == "cells-without-addresses.xlsx":
        return 2 * unzipped_size(path)  # searched once, then counted again by structure
    return MB


@pytest.fixture(scope="module")
def built(default_form, tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("limits")
    return hostile_inbox(default_form, tmp / "inbox", tmp / "work")


@pytest.mark.parametrize("case", REFUSED, ids=[c.name for c in REFUSED])
def test_each_bad_file_is_refused_with_little_work_and_memory(default_form, built, case):
    # The whole examination of one file as a worker does it (hash, sniff, and the reader where the
    # file gets that far), its work counted; the memory intake needs to refuse it, traced.
    path = built[case.name]
    with counted() as work:
        result = examine(default_form, Limits(), (path, case.name, None))
    tracemalloc.start()
    try:
        sniff(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert (result.status, tuple(i.code for i in result.issues)) == ("rejected", case.codes)
    assert work.total_inflated <= inflated_at_most(case, path), work.inflated.most_common(3)
    assert work.cells == 0  # no cell of a refused file reaches the reader's memory
    assert peak < 20 * MB, peak
    print(f"\n{case.name}: {path.stat().st_size / 1024:,.0f} KB, refused after inflating "
          f"{work.total_inflated / 1024:,.0f} KB, sniff peak {peak / MB:.2f} MB traced: {result.issues[0].message}")


# --- the cells readers hold -------------------------------------------------------------------------


def calamine_cells(path: Path) -> int:
    """Cells python-calamine hands over for every sheet, as the checks read them (from A1)."""
    book = CalamineWorkbook.from_path(str(path))
    total = 0
    for name in book.sheet_names:
        grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        total += len(grid) * max((len(row) for row in grid), default=0)
    return total


def admits(path: Path, cells: int) -> bool:
    """Whether intake lets ``path`` through with ``max_cells=cells`` (other limits out of the way)."""
    return sniff(path, Limits(max_cells=max(cells, 1), max_rows=10**7, max_columns=10**5)).kind is not None


def counts_at_least(path: Path, cells: int) -> bool:
    return cells <= 1 or not admits(path, cells - 1)


def counts_exactly(path: Path, cells: int) -> bool:
    return admits(path, cells) and counts_at_least(path, cells)


def test_the_area_limit_is_documented_and_changeable():
    assert Limits().max_cells == 2_000_000
    assert Limits().replace(["max_cells=5000000"]).max_cells == 5_000_000
    result = CliRunner().invoke(app, ["check", "--inbox", "/nonexistent", "--limit", "max_cells=0"])
    assert result.exit_code == 2 and "max_cells" in result.output


@pytest.mark.parametrize("source", ["template-libreoffice.xlsx", "template-libreoffice.ods",
                                    "template-libreoffice.xls"])
def test_files_saved_by_libreoffice_are_counted_as_calamine_reads_them(source):
    path = DATA / "intake" / source
    held = calamine_cells(path)
    assert held > 0 and counts_at_least(path, held)
    assert admits(path, 2 * held)  # blank formatted cells may add a little, never much


def test_a_generated_return_is_counted_as_calamine_reads_it(default_form, tmp_path):
    path = valid_return(default_form, default_form.units[0], tmp_path / "58.xlsx")
    held = calamine_cells(path)
    assert held > 0 and counts_at_least(path, held) and admits(path, 2 * held)


def test_large_but_legal_sheets_are_let_through(tmp_path):
    # 1000 x 1000 from one far cell, and 200,000 real cells: both within 2 million.
    wb = xlsxwriter.Workbook(tmp_path / "big.xlsx", {"constant_memory": True})
    far, filled = wb.add_worksheet("far"), wb.add_worksheet("filled")
    far.write(0, 0, 1)
    far.write(999, 999, 1)
    for r in range(20_000):
        filled.write_row(r, 0, range(10))
    wb.close()
    with counted() as work:
        assert sniff(tmp_path / "big.xlsx").kind == "xlsx"
    assert work.total_inflated == unzipped_size(tmp_path / "big.xlsx")  # each part read once, none twice
    assert calamine_cells(tmp_path / "big.xlsx") == 1_000_000 + 200_000
    assert counts_exactly(tmp_path / "big.xlsx", 1_200_000)


# Sheets whose rows and cells may leave out their addresses (readers then place each after the
# previous one): intake must never count fewer cells than calamine holds, and exactly as many when
# every cell holds a value.
cell = st.tuples(st.one_of(st.none(), st.integers(1, 40)), st.booleans())  # (column or implicit, has value)
row = st.tuples(st.one_of(st.none(), st.integers(1, 60)), st.lists(cell, max_size=6))


def sheet_rows_xml(rows) -> bytes:
    out = []
    previous = 0
    for number, cells in rows:
        if number is not None:
            number = max(number, previous + 1)  # readers want rows in order
        previous = number if number is not None else previous + 1
        parts, column = [], 0
        for col, value in cells:
            if col is not None:
                col = max(col, column + 1)
            column = col if col is not None else column + 1
            address = f' r="{xlsxwriter.utility.xl_col_to_name(col - 1)}{previous}"' if col is not None else ""
            parts.append(f"<c{address}><v>{column}</v></c>" if value else f"<c{address}/>")
        head = f'<row r="{number}">' if number is not None else "<row>"
        out.append(head + "".join(parts) + "</row>")
    return "".join(out).encode()


@pytest.fixture(scope="module")
def plain_sheet(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("shapes") / "plain.xlsx"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet("S")
    wb.close()
    return path


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(row, min_size=1, max_size=8))
def test_cells_without_addresses_are_counted_as_calamine_places_them(plain_sheet, tmp_path, rows):
    sheet = parts_of(plain_sheet)[SHEET]
    sheet = re.sub(rb"<sheetData\s*/>|<sheetData>.*</sheetData>",
                   b"<sheetData>" + sheet_rows_xml(rows) + b"</sheetData>", sheet, flags=re.S)
    path = changed(plain_sheet, tmp_path / "shape.xlsx", add={SHEET: sheet})
    held = calamine_cells(path)
    assert counts_at_least(path, held)
    if all(value for _number, cells in rows for _col, value in cells):
        assert counts_exactly(path, held)


ods_cell = st.tuples(st.integers(1, 30), st.booleans())  # (columns repeated, has content)
ods_row = st.tuples(st.integers(1, 50), st.lists(ods_cell, max_size=4))  # (rows repeated, cells)


@pytest.fixture(scope="module")
def ods_parts() -> list:
    with zipfile.ZipFile(DATA / "intake" / "template-libreoffice.ods") as zf:
        return [(info, zf.read(info)) for info in zf.infolist()]


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(rows=st.lists(ods_row, min_size=1, max_size=6))
def test_repeated_ods_rows_and_cells_are_counted_as_calamine_expands_them(ods_parts, tmp_path, rows):
    table = "".join(
        f'<table:table-row table:number-rows-repeated="{repeats}">' + "".join(
            f'<table:table-cell office:value-type="float" office:value="1" '
            f'table:number-columns-repeated="{n}"><text:p>1</text:p></table:table-cell>' if content
            else f'<table:table-cell table:number-columns-repeated="{n}"/>' for n, content in cells)
        + "</table:table-row>" for repeats, cells in rows).encode()
    path = tmp_path / "shape.ods"
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in ods_parts:
            if info.filename == "content.xml":  # the shape replaces the first table's rows
                start = data.index(b"<table:table-row")
                end = data.index(b"</table:table>")
                data = data[:start] + table + data[end:]
            zf.writestr(info, data)
    assert counts_exactly(path, calamine_cells(path))
