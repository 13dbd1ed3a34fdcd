"""What python-calamine does not do for an .ods file: read an indented content.xml, tell where the
formula cells are.

Gnumeric and SheetJS indent content.xml; calamine refuses any text between a row's cells, though
the file is valid and LibreOffice opens it with the same numbers. And a program that does not
recalculate (SheetJS) leaves a formula's saved result stale: knowing that a total cell still holds
a formula lets the checks compute it from the cells instead.
"""

from __future__ import annotations

import io
import re
import zipfile

import defusedxml.ElementTree as ET

from ..intake import Content
from ..intake.package import part_name
from ..layout import address

_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")
#: Indentation before a table element's tag or a paragraph's start. Both only ever stand in
#: element-only content (a table, a row, a cell; never inside a paragraph's text), where whitespace
#: means nothing.
_INDENT = re.compile(rb">\s+(?=</?table:|<text:[ph][\s>])")


def without_indentation(content: Content) -> bytes:
    """The .ods package ``content`` with its content.xml unindented around table elements.

    Intake has bounded the package's inflated size and refused DTDs, so it is rebuilt in memory,
    from the members as intake inflated them.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(content.stream()) as zf, zipfile.ZipFile(out, "w") as rebuilt:
        for info in zf.infolist():
            if info.is_dir():
                continue
            data = content.members[part_name(info.filename)]
            if info.filename == "content.xml":
                data = _INDENT.sub(b">", data)
            rebuilt.writestr(info, data)
    return out.getvalue()


def formula_cells(content: Content, sheet: str, rows: int, columns: int) -> dict[str, str]:
    """Address -> formula of the formula cells of ``sheet`` within its first ``rows`` x ``columns`` cells.

    Repeated rows and cells are expanded only within that box (the sheet as read), so a repeat
    count cannot make this expand without bound. Intake has refused DTDs before this parse.
    """
    found: dict[str, str] = {}
    depth = 0  # of tables: one nested in a cell has positions of its own, which are not wanted
    reading = False
    row = column = repeated = 0
    data = content.part("content.xml")
    if data is None:
        return found
    for event, element in ET.iterparse(io.BytesIO(data), events=("start", "end")):
        tag = element.tag
        if tag == _TABLE + "table":
            depth += 1 if event == "start" else -1
            if depth == 1 and event == "start":
                reading, row = element.get(_TABLE + "name") == sheet, 0
            elif depth == 0 and reading:
                break
        elif depth != 1 or not reading:
            continue
        elif tag == _TABLE + "table-row":
            if event == "start":
                column, repeated = 0, _repeats(element, "number-rows-repeated")
            else:
                row += repeated
                element.clear()  # a sheet's rows are not kept in memory once counted
        elif tag in _CELLS and event == "start":
            repeats = _repeats(element, "number-columns-repeated")
            if (formula := element.get(_TABLE + "formula")) is not None:
                found.update((address(r, c), formula) for r in range(row, min(row + repeated, rows))
                             for c in range(column, min(column + repeats, columns)))
            column += repeats
    return found


def _repeats(element, attribute: str) -> int:
    value = (element.get(_TABLE + attribute) or "1").strip()
    return int(value) if value.isdigit() and len(value) <= 12 else 1
