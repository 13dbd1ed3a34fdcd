"""Formula errors (``#DIV/0!``, ``#REF!``, …) in a sheet's cells, found in the file itself.

python-calamine reads an error cell as an empty one, so a count the sender's formula broke would pass
for a count left blank. Each format says it its own way: an .xlsx types the cell "e", an .ods marks
it as an error (LibreOffice's calcext), an .xls keeps an error code in the cell's BIFF record. The
file has passed intake: sizes and positions are bounded, DTDs refused.
"""

from __future__ import annotations

import io
import re
import struct

import defusedxml.ElementTree as ET

from ..intake import Content
from ..layout import address

_XLSX_ERROR = re.compile(rb'<(?:\w+:)?c\b(?=[^>]*\bt="e")[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*>'
                         rb'(?:(?!</(?:\w+:)?c>).){0,2000}?<(?:\w+:)?v>([^<]{1,40})</(?:\w+:)?v>', re.S)
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CALCEXT = "{urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0}"
_ODS_CELLS = (f"{_TABLE}table-cell", f"{_TABLE}covered-table-cell")
#: Rows or columns of one repeated error cell that are told one by one: the table is near the top.
_REPEATS_TOLD = 100
#: The error codes of BIFF8 (FORMULA results and BOOLERR cells).
_XLS_ERRORS = {0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!", 0x1D: "#NAME?",
               0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA"}
_FORMULA, _BOOLERR, _BOUNDSHEET, _BOF = 0x0006, 0x0205, 0x0085, 0x0809
_UNNAMED = "#?"  # an error the file does not name


def error_cells(content: Content, kind: str, sheet: str, part: str | None = None) -> dict[str, str]:
    """Address -> error text of every cell of ``sheet`` holding a formula error, read from the
    ``content`` intake judged.

    ``part`` is the package member of the sheet, for an .xlsx.
    """
    if kind in ("xlsx", "xlsm"):
        if part is None:
            return {}
        data = content.members[part]
        return {m.group(1).decode("ascii"): m.group(2).decode("utf-8", "replace").strip() or _UNNAMED
                for m in _XLSX_ERROR.finditer(data)}
    if kind == "ods":
        return _ods_errors(content, sheet)
    if kind == "xls":
        return _xls_errors(content, sheet)
    return {}


def _ods_errors(content: Content, sheet: str) -> dict[str, str]:
    found: dict[str, str] = {}
    inside, row, column, row_repeats = False, 0, 0, 1
    data = content.part("content.xml")
    if data is None:
        return found
    for event, element in ET.iterparse(io.BytesIO(data), events=("start", "end")):
        tag = element.tag
        if tag == f"{_TABLE}table":
            inside = event == "start" and element.get(f"{_TABLE}name") == sheet
            row = 0
        elif not inside:
            if event == "end" and tag == f"{_TABLE}table-row":
                element.clear()
        elif tag == f"{_TABLE}table-row":
            if event == "start":
                column, row_repeats = 0, _repeats(element, "rows")
            else:
                row += row_repeats
                element.clear()
        elif tag in _ODS_CELLS and event == "end":
            repeats = _repeats(element, "columns")
            if element.get(f"{_CALCEXT}value-type") == "error":
                text = "".join(element.itertext()).strip() or _UNNAMED
                for r in range(row, row + min(row_repeats, _REPEATS_TOLD)):
                    for c in range(column, column + min(repeats, _REPEATS_TOLD)):
                        found[address(r, c)] = text
            column += repeats
    return found


def _repeats(element, what: str) -> int:
    try:
        return max(1, int(element.get(f"{_TABLE}number-{what}-repeated", "1")))
    except ValueError:
        return 1


def _xls_errors(content: Content, sheet: str) -> dict[str, str]:
    import olefile

    with olefile.OleFileIO(content.stream()) as ole:
        data = ole.openstream("Workbook").read()
    records = list(_records(data))
    # The sheet's records start at the offset the workbook's sheet list gives for it.
    start = next((struct.unpack_from("<I", body)[0] for _at, kind, body in records
                  if kind == _BOUNDSHEET and _sheet_name(body) == sheet), None)
    found: dict[str, str] = {}
    inside = False
    for at, kind, body in records:
        if kind == _BOF:
            inside = at == start
        elif inside and kind == _FORMULA and len(body) >= 14 and body[6] == 2 and body[12:14] == b"\xff\xff":
            found[_xls_address(body)] = _XLS_ERRORS.get(body[8], _UNNAMED)
        elif inside and kind == _BOOLERR and len(body) >= 8 and body[7] == 1:
            found[_xls_address(body)] = _XLS_ERRORS.get(body[6], _UNNAMED)
    return found


def _records(data: bytes):
    """(offset, type, body) of each BIFF record of a workbook stream."""
    pos = 0
    while pos + 4 <= len(data):
        kind, length = struct.unpack_from("<HH", data, pos)
        yield pos, kind, data[pos + 4:pos + 4 + length]
        pos += 4 + length


def _sheet_name(body: bytes) -> str | None:
    if len(body) < 8:
        return None
    length, wide = body[6], body[7] & 1
    raw = body[8:8 + length * (2 if wide else 1)]
    return raw.decode("utf-16-le" if wide else "latin-1", "replace")


def _xls_address(body: bytes) -> str:
    row, column = struct.unpack_from("<HH", body)
    return address(row, column)
