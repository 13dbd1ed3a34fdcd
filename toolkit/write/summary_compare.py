"""The summary's sheet "So sánh kỳ trước": last period beside this one, the cluster's rows first,
then each unit's, with previous, current and change for every value column, and why a change is
unusual where it is."""

from __future__ import annotations

from .. import texts
from ..compare import Comparison
from ..form import Form
from .sheets import Column, ListStyles, print_title, set_landscape, set_widths, write_header, write_record

#: The first row of the table (zero-based): the title and two lines stand above it.
TABLE_ROW = 4
FIXED_WIDTHS = {"number": 5, "code": 6, "name": 16, "label": 34}
NUMBER_WIDTH, WHY_WIDTH = 9, 26


def compare_columns(form: Form) -> list[Column]:
    """The sheet's columns: STT, Mã, Đơn vị, the row, then per value column previous / current /
    change, and why the change is unusual."""
    fixed = {**texts.COMPARE_COLUMNS_FIXED, "label": form.columns[form.key_of_kind("label")]}
    cols = [Column(key, label, FIXED_WIDTHS[key], "td_c" if key == "number" else "td_wrap")
            for key, label in fixed.items()]
    for key in form.value_keys:
        style = "td_n" if form.column[key].kind == "count" else "td_d"  # decimals shown as the form has them
        cols += [Column(f"{key}.{part}", heading.format(column=form.columns[key]), NUMBER_WIDTH, style)
                 for part, heading in texts.COMPARE_COLUMNS_ROLE.items()]
    return cols + [Column("why", texts.COMPARE_COLUMN_WHY, WHY_WIDTH, "td_wrap")]


def comparison_sheet(ws, form: Form, period: str, comparison: Comparison, st: ListStyles) -> None:
    rule = form.thresholds
    ws.write_string(0, 0, texts.COMPARE_SHEET_TITLE, st.sheet_title)
    ws.write_string(1, 0, texts.COMPARE_SHEET_LINE.format(period=period, previous=comparison.previous), st.plain)
    ws.write_string(2, 0, texts.COMPARE_SHEET_RULE.format(
        column=form.columns[comparison.judged], ratio=rule.ratio, difference=rule.difference,
        zero=texts.COMPARE_SHEET_RULE_ZERO if rule.from_zero else ""), st.small)
    cols = compare_columns(form)
    write_header(ws, TABLE_ROW, cols, st.th)
    for n, line in enumerate(comparison.lines, start=1):
        record: dict[str, object] = {"number": n, "code": line.code, "name": line.name, "label": line.label,
                                     "why": line.why}
        for key in form.value_keys:
            record |= {f"{key}.previous": line.previous.get(key), f"{key}.current": line.current.get(key),
                       f"{key}.change": line.change(key)}
        write_record(ws, TABLE_ROW + n, cols, record, st)
    ws.autofilter(TABLE_ROW, 0, TABLE_ROW + max(1, len(comparison.lines)), len(cols) - 1)
    ws.freeze_panes(TABLE_ROW + 1, 4)
    set_widths(ws, cols)
    set_landscape(ws)
    ws.repeat_rows(TABLE_ROW, TABLE_ROW)
    print_title(ws, texts.COMPARE_SHEET_TITLE)
