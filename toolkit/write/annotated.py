"""The workbook sent back to a unit whose file has findings: its own template, what it sent, what to fix.

It is the unit's template of the current version (locked, validated, identity embedded), written
anew with the values the unit sent; every cell with a finding is filled red and carries the
finding's message as a comment, and a first sheet lists the findings with a link to each cell. The
unit's own file is never re-saved (a re-save through a library drops what the library does not
know), so corrected and sent back, this workbook is read like any return.
"""

from __future__ import annotations

from pathlib import Path

from .. import texts
from ..catalogue import ERROR, WARNING, Issue
from ..checks.report import FileResult
from ..files import atomic_path
from ..form import Form, Unit
from ..layout import address, table_layout
from ..names import fold
from .sheets import FONT, Styles, new_workbook, text_lines
from .template import add_template_sheets

COMMENT = {"font_name": FONT, "x_scale": 3, "y_scale": 2}
WIDTHS = (5, 8, 34, 12, 10, 70)
LINE_POINTS = 16  # one line of 12 pt text


def write_annotated(form: Form, unit: Unit, file: FileResult, path: Path) -> Path:
    """Write the annotated workbook for ``file`` (a return of ``unit``) to ``path`` atomically."""
    findings = [i for i in file.issues if i.severity in (ERROR, WARNING)]
    where = {id(i): _cell_of(form, i) for i in findings}
    marked = {c for c in where.values() if c}
    values = {(key, role): n for key, roles in file.values.items() for role, n in roles.items() if n is not None}
    if form.text_keys:
        values.update({(key, form.text_keys[0]): note for key, note in file.notes.items()})
    with atomic_path(path, durable=False) as tmp:
        wb = new_workbook(tmp, form, unit.name)
        st = Styles(wb)
        fixes = wb.add_worksheet(texts.FIXES["sheet"])
        ws = add_template_sheets(wb, st, form, unit, values, marked=marked)
        comments: dict[tuple[int, int], list[str]] = {}
        for i in findings:
            if where[id(i)]:
                comments.setdefault(where[id(i)], []).append(i.message)
        for (row, col), said in comments.items():
            ws.write_comment(row, col, "\n\n".join(said), COMMENT)
        _fixes_sheet(fixes, st, form, file, findings, where)
        fixes.activate()
        wb.close()
    return path


def _cell_of(form: Form, found: Issue) -> tuple[int, int] | None:
    """Where a finding stands in the current template: by the row and column it names, since the
    unit's file may have had its rows moved."""
    if not found.row:
        return None
    layout = table_layout(form)
    rows = {fold(r.label): layout.item_row[r.key] for r in form.rows}
    rows.update({fold(s.label): layout.section_row[s.key] for s in form.sections if not s.inline})
    if form.grand_total is not None:
        rows[fold(form.grand_total)] = layout.total_row
    row = rows.get(fold(found.row))
    if row is None:
        return None
    keys = {label: key for key, label in form.columns.items()}
    return row, layout.column[keys.get(found.column, form.key_of_kind("label"))]


def _fixes_sheet(ws, st: Styles, form: Form, file: FileResult, findings: list[Issue], where: dict) -> None:
    ws.hide_gridlines(2)
    for col, width in enumerate(WIDTHS):
        ws.set_column(col, col, width)
    ws.merge_range(0, 0, 0, len(WIDTHS) - 1, texts.FIXES["title"].format(file=file.name), st.title)
    ws.merge_range(1, 0, 1, len(WIDTHS) - 1, texts.FIXES["hint"].format(sheet=form.sheet), st.italic)
    for col, heading in enumerate(texts.FIXES["columns"]):
        ws.write_string(3, col, heading, st.header)
    link = st.fmt(font_color="blue", underline=1, align="center", border=1)
    for n, found in enumerate(findings, start=1):
        row = 3 + n
        ws.write_number(row, 0, n, st.center)
        spot = where[id(found)]
        if spot:
            shown = address(*spot)
            ws.write_url(row, 1, f"internal:'{form.sheet}'!{shown}", link, shown, texts.FIXES["link_tip"])
        else:
            ws.write_blank(row, 1, None, st.center)
        ws.write_string(row, 2, found.row or "", st.label)
        ws.write_string(row, 3, found.column or "", st.label)
        ws.write_string(row, 4, texts.SEVERITY_LABELS[found.severity], st.center)
        ws.write_string(row, 5, found.message, st.label)
        # LibreOffice does not grow rows of files it did not write: room for the wrapped message.
        lines = max(text_lines(found.message, WIDTHS[5]), text_lines(found.row or "", WIDTHS[2]))
        ws.set_row(row, LINE_POINTS * lines + 4)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(3)
    ws.protect("")
