"""The summary's list of what each unit sent besides the table (the form's deliverables), written
under the other files on the sheet "Tình trạng"."""

from __future__ import annotations

from .. import texts
from ..checks.report import Report
from ..deliverables import duration_text, received
from ..formats import size_vn
from .sheets import ListStyles, columns, write_header, write_record

DELIVERABLES_COLUMNS = columns(list(texts.DELIVERABLES_COLUMNS.values()), [
    (key, None, "td_c" if key == "number" else "td_wrap") for key in texts.DELIVERABLES_COLUMNS])


def deliverables_block(ws, report: Report, st: ListStyles, row: int, widths: list[float | None]) -> int:
    """Each unit's deliverables from ``row`` on, in the sheet's columns ``widths``: received or
    not, file, size, a video's duration, and its findings; returns the row after the block."""
    form = report.form
    if not form.deliverables:
        return row
    ws.write_string(row, 0, texts.DELIVERABLES_TITLE, st.sheet_title)
    write_header(ws, row + 1, DELIVERABLES_COLUMNS, st.th, widths)
    r, n = row + 2, 0
    got = received(report)
    # Deliverable by deliverable, each listing the units: read by its second column, as the units'
    # own table above it is by their codes, the block holds no unit's code there.
    for i in range(len(form.deliverables)):
        for unit in form.units:
            item = got[unit.code][i]
            for f in item.files or (None,):
                n += 1
                write_record(ws, r, DELIVERABLES_COLUMNS, {
                    "number": n, "code": unit.code, "name": unit.name, "deliverable": item.deliverable.label,
                    "status": texts.DELIVERED if f else texts.NOT_DELIVERED, "file": f.path if f else None,
                    "size": size_vn(f.size) if f else None, "duration": duration_text(f) if f else None,
                    "note": "; ".join(found.message for found in f.issues) if f else None}, st, widths)
                r += 1
    return r
