"""The summary's list sheets: the status of every unit and file, every finding, the tidy data, the chart."""

from __future__ import annotations

import datetime as dt

from .. import texts
from ..catalogue import ERROR, INFO, WARNING
from ..checks.report import IGNORED, REJECTED, SUPERSEDED, FileResult, Report
from ..formats import date_vn, local
from ..form import Form
from ..inclusion import Inclusion, as_of_line, data_columns, number_columns
from ..layout import clean
from ..rules import RowRule
from .sheets import (FONT, Column, ListStyles, columns, list_layout, print_title, set_landscape, set_widths,
                     text_lines, write_header, write_record)
from .summary_deliverables import deliverables_block

CHART_TOP = 30
CHART_ROWS = 24  # rows of the chart sheet the chart covers
CHART_COLOURS = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47")

# Widths chosen so that each sheet fits one landscape A4 page wide at 8 pt or more.
STATUS_COLUMNS = columns(texts.STATUS_SHEET_COLUMNS, [
    ("number", 4, "td_c"), ("code", 6, "td_wrap"), ("name", 15, "td_wrap"), ("role", 10, "td_wrap"),
    ("status", 10, "td_wrap"), ("file", 20, "td_wrap"), ("sha256", 12, "td_wrap"), ("arrived", 11, "td_time"),
    ("on_time", 7, "td_c"), ("errors", 5, "td_c"), ("warnings", 6, "td_c"), ("infos", 5, "td_c"),
    ("included", 7, "td_c"), ("reason", 24, "td_wrap")])
# Listed under the units, on the same sheet and in its columns' widths.
OTHER_FILES_COLUMNS = columns(texts.OTHER_FILES_COLUMNS, [
    ("number", None, "td_c"), ("file", None, "td_wrap"), ("status", None, "td_wrap"), ("unit", None, "td_wrap"),
    ("sha256", None, "td_wrap"), ("arrived", None, "td_time"), ("reason", None, "td_wrap")])
FINDINGS_COLUMNS = columns(texts.FINDINGS_COLUMNS, [
    ("number", 4, "td_c"), ("unit", 6, "td_wrap"), ("name", 12, "td_wrap"), ("file", 18, "td_wrap"),
    ("sheet", 9, "td_wrap"), ("cell", 5, "td_c"), ("code", 14, "td_wrap"), ("severity", 7, "td_wrap"),
    ("row", 16, "td_wrap"), ("column", 7, "td_wrap"), ("message", 43, "td_wrap")])
WRAPPED = ("label", "note", "source_file")  # the data sheet's columns whose text can be long
DATA_LINE_POINTS = 15  # one line of 11 pt text
DATA_WIDTHS = {"unit_code": 10, "unit_name": 20, "row_key": 26, "label": 40, "measure": 12, "note": 30,
               "source_file": 36, "source_cells": 30, "included": 10}
VALUE_WIDTH = 9  # each value column of the data sheet


# --- 3. "Tình trạng" -----------------------------------------------------------------------------------

def _on_time(f: FileResult | None, deadline: dt.date) -> str:
    arrived = local(f.arrived) if f else None
    if arrived is None:
        return texts.DASH
    return texts.YES if arrived.date() <= deadline else texts.NO


def _other_reason(f: FileResult) -> str:
    if f.status == IGNORED:
        return texts.IGNORED_REASONS.get(f.reason or "", f.reason or "")
    if f.status == SUPERSEDED:
        return "; ".join(found.message for found in f.issues if found.code == "superseded")
    chosen = [found for found in f.issues if found.severity == ERROR] or f.issues
    return "; ".join(found.message for found in chosen)


def status_sheet(ws, report: Report, units: list[Inclusion], st: ListStyles, line: str) -> None:
    form = report.form
    ws.write_string(0, 0, texts.STATUS_SHEET_TITLE, st.sheet_title)
    ws.write_string(1, 0, clean(texts.SUMMARY_STATUS_AND_AS_OF.format(line=line, as_of=as_of_line(report))),
                    st.plain)
    ws.write_string(2, 0, texts.STATUS_DEADLINE_NOTE.format(deadline=date_vn(form.period.deadline)), st.small)
    head = 4
    write_header(ws, head, STATUS_COLUMNS, st.th)
    for i, u in enumerate(units):
        f = u.file
        write_record(ws, head + 1 + i, STATUS_COLUMNS, {
            "number": i + 1, "code": u.code, "name": u.name, "role": texts.ROLES[u.result.role],
            "status": texts.STATUS_LABELS[u.result.status], "file": f.path if f else None,
            "sha256": f.sha256 if f else None, "arrived": local(f.arrived) if f else None,
            "on_time": _on_time(f, form.period.deadline), "errors": u.counts[ERROR] if f else None,
            "warnings": u.counts[WARNING] if f else None, "infos": u.counts[INFO] if f else None,
            "included": u.included, "reason": u.reason}, st)
    last = head + len(units)
    ws.autofilter(head, 0, last, len(STATUS_COLUMNS) - 1)
    ws.freeze_panes(head + 1, 3)
    others = [f for f in report.files if f.status in (SUPERSEDED, REJECTED, IGNORED)]
    r = last + 2
    ws.write_string(r, 0, texts.OTHER_FILES_TITLE, st.sheet_title)
    r += 1
    widths = [col.width for col in STATUS_COLUMNS]  # the other files sit in the units' columns
    write_header(ws, r, OTHER_FILES_COLUMNS, st.th, widths)
    if not others:
        ws.write_string(r + 1, 1, texts.OTHER_FILES_NONE, st.plain)
    for n, f in enumerate(others, start=1):
        write_record(ws, r + n, OTHER_FILES_COLUMNS, {
            "number": n, "file": f.path, "status": texts.STATUS_LABELS[f.status], "unit": f.unit,
            "sha256": f.sha256, "arrived": local(f.arrived), "reason": _other_reason(f)}, st, widths)
    deliverables_block(ws, report, st, r + max(1, len(others)) + 2, widths)
    set_widths(ws, STATUS_COLUMNS)
    set_landscape(ws)
    ws.repeat_rows(head, head)
    print_title(ws, texts.STATUS_SHEET_TITLE)


# --- 4. "Lỗi - cảnh báo" -------------------------------------------------------------------------------

def findings_sheet(ws, report: Report, st: ListStyles) -> None:
    form = report.form
    order = {u.code: i for i, u in enumerate(form.units)}
    files = sorted(report.files, key=lambda f: (order.get(f.unit or "", len(order)), f.path))
    write_header(ws, 0, FINDINGS_COLUMNS, st.th)
    r = 0
    for f in files:
        unit = form.units_by_code.get(f.unit or "")
        for found in f.issues:
            r += 1
            write_record(ws, r, FINDINGS_COLUMNS, {
                "number": r, "unit": f.unit, "name": unit.name if unit else None, "file": found.file or f.path,
                "sheet": found.sheet, "cell": found.cell, "code": found.code,
                "severity": texts.SEVERITY_LABELS[found.severity], "row": found.row, "column": found.column,
                "message": found.message}, st)
    list_layout(ws, r, FINDINGS_COLUMNS)
    print_title(ws, texts.FINDINGS_SHEET_TITLE)


# --- 5. "Dữ liệu" --------------------------------------------------------------------------------------

def data_sheet(ws, form: Form, rows: list[dict[str, object]], st: ListStyles) -> None:
    cols = [Column(key, label, DATA_WIDTHS.get(key, VALUE_WIDTH)) for key, label in data_columns(form).items()]
    write_header(ws, 0, cols, st.data_th)
    numbers = number_columns(form)
    decimals = {key: max(form.places(row, key) for row in form.rows) for key in form.value_keys}
    # Each column's writer and format chosen once, not for each of the (many) cells.
    writers = [(c, col.key, ws.write_number if col.key in numbers else ws.write_string,
                st.places(st.data_n, decimals.get(col.key, 0)) if col.key in numbers else st.data_s,
                col.key not in numbers) for c, col in enumerate(cols)]
    wrapped = [(key, DATA_WIDTHS[key]) for key in WRAPPED]
    for r, record in enumerate(rows, start=1):
        for c, key, write, fmt, text in writers:
            value = record[key]
            if value is None:
                continue  # empty means empty: pandas reads NaN, pivots skip it
            write(r, c, clean(value) if text else value, fmt)
        # A long note wraps; LibreOffice does not grow rows of files it did not write.
        lines = 1
        for key, width in wrapped:
            value = record.get(key)
            if value:
                lines = max(lines, text_lines(str(value), width))
        if lines > 1:
            ws.set_row(r, DATA_LINE_POINTS * lines)
    # Eleven columns do not fit one readable page: two pages across.
    list_layout(ws, len(rows), cols, pages_wide=2)
    print_title(ws, texts.DATA_SHEET_TITLE)


# --- 6. "Biểu đồ" --------------------------------------------------------------------------------------

def stacked_rule(form: Form) -> RowRule | None:
    """The rule the chart draws: a total of counts and the parts it adds up (stacked), on a table
    with a grand total; None when the form has no such rule (its units are compared side by side)."""
    if form.grand_total is None:
        return None
    return next((rule for rule in form.rules if isinstance(rule, RowRule) and rule.additive
                 and all(form.column[k].kind == "count" for k in (rule.target, *rule.operands))), None)


def chart_sheet(wb, ws, form: Form, units: list[Inclusion], st: ListStyles, rule: RowRule) -> None:
    name = texts.SUMMARY_SHEETS["chart"]
    included = [u for u in units if u.included]

    def total(u: Inclusion, key: str) -> int:
        return sum(u.value(row.key, key) or 0 for row in form.rows if row.applies(key))

    order = sorted(range(len(included)), key=lambda i: (-total(included[i], rule.target), i))
    shown = [included[i] for i in order[:CHART_TOP]]
    parts = f" {texts.AND} ".join(form.columns[k] for k in rule.operands)
    title = (texts.CHART_TITLE_TOP.format(shown=len(shown), count=len(included), parts=parts)
             if len(included) > CHART_TOP else texts.CHART_TITLE.format(parts=parts))
    ws.write_string(0, 0, clean(title), st.sheet_title)
    ws.write_string(1, 0, texts.CHART_NOTE.format(sheet=texts.SUMMARY_SHEETS["by_unit"],
                                                  grand_total=form.grand_total), st.small)
    # The chart first (what goes on the conference slide), its numbers under it.
    head = 3 if not shown else 3 + CHART_ROWS
    cols = [Column("name", texts.CHART_UNIT, 24, "td"),
            *(Column(key, form.columns[key], 11, "td_n") for key in (*rule.operands, rule.target))]
    write_header(ws, head, cols, st.th)
    for i, u in enumerate(shown, start=1):
        write_record(ws, head + i, cols, {"name": u.name, **{col.key: total(u, col.key) for col in cols[1:]}}, st)
    set_widths(ws, cols)
    set_landscape(ws)
    if not shown:
        ws.write_string(head + 1, 0, texts.CHART_EMPTY, st.plain)
        return
    first, last = head + 1, head + len(shown)
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    font = {"name": FONT}
    for c, color in zip(range(1, len(rule.operands) + 1), CHART_COLOURS):
        chart.add_series({
            "name": [name, head, c],
            "categories": [name, first, 0, last, 0],
            "values": [name, first, c, last, c],
            "fill": {"color": color},
            "gap": 60,
        })
    chart.set_title({"name": clean(title), "name_font": {**font, "size": 13, "bold": True}})
    chart.set_x_axis({"num_font": {**font, "rotation": -45 if len(shown) > 8 else 0}})
    chart.set_y_axis({"num_font": font, "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_legend({"position": "bottom", "font": font})
    chart.set_size({"width": min(1400, max(640, 40 * len(shown) + 240)), "height": 20 * (CHART_ROWS - 1)})
    ws.insert_chart(3, 0, chart)
