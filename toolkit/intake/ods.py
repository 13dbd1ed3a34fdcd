"""content.xml of an ODS file, parsed as it streams: how far each table's cells with content reach."""

from __future__ import annotations

from ..layout import column_name
from .refusal import check_cells, far
from .totals import Totals

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


def _repeat(value: str | None) -> int:
    if value is None:
        return 1
    value = value.strip()
    if not value.isdigit():
        return 1
    return int(value) if len(value) <= 12 else 10**12


class _OdsTable:
    """Where the parser is in one table, and how far its cells with content reach."""

    def __init__(self):
        self.next_row = 0
        self.rows = self.columns = 0  # the box from A1 to the furthest cell with content
        self.row: tuple[int, int] | None = None  # (first row, repeats) of the open row
        self.column = 0
        self.cell: list | None = None  # [first column, repeats, has content] of the open cell


class OdsTables:
    """content.xml of an ODS file: each table's box from A1 to its furthest cell with content.

    Rows and cells may say "repeated N times"; readers expand repeats that hold content, so a file
    of a few bytes can stand for billions of cells. Repeated empty rows and cells (LibreOffice ends
    every table with a million of them) only move the position on.
    """

    part = "content.xml"

    def __init__(self, totals: Totals):
        self.totals = totals
        self.limits = totals.limits
        totals.ods_cells = 0
        self.tables: list[_OdsTable] = []  # nested tables each keep their own position

    def start(self, tag: str, attrib: dict) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell[2] = True  # anything inside a cell (a paragraph of text) is content
        if tag == _TABLE + "table":
            self.tables.append(_OdsTable())
        elif table is None:
            return
        elif tag == _TABLE + "table-row":
            table.row = (table.next_row, _repeat(attrib.get(_TABLE + "number-rows-repeated")))
            table.column = 0
        elif tag in _ODS_CELLS and table.row is not None:
            table.cell = [table.column, _repeat(attrib.get(_TABLE + "number-columns-repeated")),
                          _OFFICE + "value-type" in attrib]

    def end(self, tag: str) -> None:
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == _TABLE + "table":
            self.tables.pop()
            self.totals.ods_cells += table.rows * table.columns
        elif tag in _ODS_CELLS and table.cell is not None:
            first, repeats, content = table.cell
            table.cell = None
            table.column = first + repeats
            if content and table.row is not None:
                table.rows = max(table.rows, table.row[0] + table.row[1])
                table.columns = max(table.columns, table.column)
                if table.rows > self.limits.max_rows or table.columns > self.limits.max_columns:
                    column = column_name(min(table.columns, 26**3) - 1)
                    raise far(f"{column}{min(table.rows, 10**12)}", self.limits)
                check_cells(self.totals.ods_cells + table.rows * table.columns, self.limits)
        elif tag == _TABLE + "table-row" and table.row is not None:
            table.next_row = table.row[0] + table.row[1]
            table.row = None

    def close(self) -> None:
        pass
