"""Where things stand in a template: the table's geometry.

Shared by the template writer, the reader (to know what a returned file should look like) and the
summary writer (whose first sheet repeats the form's table), with the one way to name a cell and
what text a cell can hold: the check path needs cell names without importing a workbook writer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .form import Form

HEADER_ROW = 8  # zero-based: rows 1-7 carry the document header, row 8 blank
NOTE_MAX_LENGTH = 500
TEXT_LIMIT = 32767  # Excel's cell limit, in UTF-16 code units
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class TableLayout:
    """Zero-based rows and columns of the table: headers, section rows (carrying subtotals), value
    rows, the grand total (None when the form has none)."""

    header_row: int
    section_row: dict[str, int]
    item_row: dict[str, int]
    total_row: int | None
    #: Zero-based column of each of the form's columns, in its order.
    column: dict[str, int]
    #: The last row of the table.
    last_row: int

    @property
    def first_data_row(self) -> int:
        return self.header_row + 2  # the header, then the column-number row

    @property
    def footer_row(self) -> int:
        return self.last_row + 2

    @property
    def key_column(self) -> int:
        """A hidden column after the table holding each row's stable key, so a row is still
        recognised when its label was edited or rows were moved."""
        return len(self.column)

    @property
    def last_column(self) -> int:
        return len(self.column) - 1

    def cell(self, row: int, key: str) -> str:
        """``cell(9, "total")`` → ``"C10"`` in the award table."""
        return address(row, self.column[key])


def table_layout(form: Form, header_row: int = HEADER_ROW) -> TableLayout:
    row = header_row + 2
    section_row: dict[str, int] = {}
    item_row: dict[str, int] = {}
    for section in form.sections:
        if not section.inline:
            section_row[section.key] = row
            row += 1
        for item in section.rows:
            item_row[item.key] = row
            row += 1
    total = row if form.grand_total is not None else None
    return TableLayout(header_row, section_row, item_row, total, {key: i for i, key in enumerate(form.columns)},
                       row if total is not None else row - 1)


def summed(raw: object) -> float:
    """A cell as a spreadsheet's SUM sees it: numbers count, text, booleans and blanks do not."""
    return float(raw) if isinstance(raw, (int, float)) and not isinstance(raw, bool) else 0.0


def column_name(col: int) -> str:
    """Zero-based column to letters: ``0`` → ``"A"``, ``26`` → ``"AA"``."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_index(letters: str | bytes) -> int:
    """Letters to a zero-based column, case ignored: ``"AA"`` → ``26``; ``""`` → ``-1``."""
    n = 0
    for ch in letters.upper() if isinstance(letters, str) else letters.upper().decode("ascii"):
        n = n * 26 + ord(ch) - 64
    return n - 1


def address(row: int, col: int) -> str:
    """Zero-based row and column to an A1 name: ``(9, 2)`` → ``"C10"``."""
    return f"{column_name(col)}{row + 1}"



def clean(value: object) -> str:
    """Text safe to store in a cell: no characters XML forbids, at most Excel's cell length."""
    return _clean(value if isinstance(value, str) else str(value))


@lru_cache(maxsize=8192)  # names, labels and paths repeat once per award row
def _clean(text: str) -> str:
    text = _ILLEGAL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) <= TEXT_LIMIT // 2 or len(text.encode("utf-16-le")) <= 2 * TEXT_LIMIT:
        return text
    # Cut at Excel's limit without splitting a character that takes two UTF-16 units.
    return text.encode("utf-16-le")[: 2 * TEXT_LIMIT].decode("utf-16-le", errors="ignore")
