"""The summary's list of what each unit sent besides the table (the form's deliverables), written
under the other files on the sheet "Tình trạng": one row per unit, each deliverable in a field of
its own (received or not, file, size, a video's duration), then the findings on those files."""

from __future__ import annotations

from .. import texts
from ..checks.report import Report
from ..deliverables import received
from .sheets import LIST_LINE, ListStyles, merged, put, text_lines

FIRST_FIELD = 3  # STT, then the unit's name over two columns


def _fields(count: int, columns: int) -> list[tuple[int, int]]:
    """``count`` fields (first column, last column) sharing the columns from FIRST_FIELD on."""
    share, extra = divmod(columns - FIRST_FIELD, count)
    out, first = [], FIRST_FIELD
    for i in range(count):
        last = first + share + (1 if i < extra else 0) - 1
        out.append((first, last))
        first = last + 1
    return out


def deliverables_block(ws, report: Report, st: ListStyles, row: int, widths: list[float | None]) -> int:
    """Each unit's deliverables from ``row`` on, in the sheet's columns (their ``widths``); returns
    the row after the block. A unit's name, never its code, stands in the second column: the units'
    own table above is read by its codes there."""
    form = report.form
    if not form.deliverables:
        return row
    spans = [(0, 0), (1, FIRST_FIELD - 1), *_fields(len(form.deliverables) + 1, len(widths))]
    heads = [texts.DELIVERABLES_COLUMNS["number"], texts.DELIVERABLES_COLUMNS["name"],
             *(d.label for d in form.deliverables), texts.DELIVERABLES_COLUMNS["note"]]
    ws.write_string(row, 0, texts.DELIVERABLES_TITLE, st.sheet_title)
    _line(ws, row + 1, spans, heads, st.th, widths)
    got = received(report)
    for n, unit in enumerate(form.units, start=1):
        items = got[unit.code]
        notes = [found.message for item in items for f in item.files for found in f.issues]
        _line(ws, row + 1 + n, spans, [n, unit.name, *(item.line for item in items), "; ".join(notes)],
              st.td_wrap, widths)
    return row + 2 + len(form.units)


def _line(ws, row: int, spans: list[tuple[int, int]], values: list[object], fmt, widths) -> None:
    lines = 1
    for (first, last), value in zip(spans, values):
        if first == last:  # a single cell cannot be merged
            put(ws, row, first, value, fmt)
        else:
            merged(ws, row, first, last, str(value), fmt)
        width = sum(w or 0 for w in widths[first:last + 1])
        lines = max(lines, text_lines(str(value), width) if width else 1)
    if lines > 1:
        ws.set_row(row, LIST_LINE * lines + 2)
