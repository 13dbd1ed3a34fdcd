"""The summary's sheets in the plan's own table: the summary itself, one row per unit, one sheet per unit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from xlsxwriter.utility import quote_sheetname

from .. import texts
from ..catalogue import ERROR
from ..formats import clock_vn
from ..form import Form, Row
from ..inclusion import Inclusion, as_of_line, data_columns, names_line
from ..layout import address, clean, column_name, table_layout
from ..names import unit_stem
from ..checks.report import Report
from .sheets import (ListStyles, columns, last_column, line_height, merged, put, set_columns, set_landscape,
                     set_print, set_widths, text_lines, write_document_header, write_record, write_signatures,
                     write_table)

#: The summary's table starts lower than the template's: three status lines sit above it.
HEADER_ROW = 10
SUM_ARGS = 255  # Excel's limit of arguments to one function
SHEET_NAME_LIMIT = 31
GROUP_WIDTH = 7      # each count column of "Theo đơn vị": up to 9.999 at 11 pt
KEPT_COLUMNS = 3     # STT, Mã, Đơn vị: frozen on screen, repeated on every printed page
BY_UNIT_SCALE = 80   # per cent: 11 pt text prints at about 9 pt
_WILDCARD = re.compile(r"([~*?])")

BY_UNIT_COLUMNS = columns(texts.BY_UNIT_COLUMNS, [
    ("number", 5, "td_c"), ("code", 7, "td"), ("name", 22, "td"), ("role", 11, "td"), ("status", 11, "td"),
    ("included", 8, "td_flag")])
# A unit left out of the totals is shown in grey.
_GREY = {"td_c": "td_grey", "td": "td_grey", "td_flag": "td_grey_flag"}
BY_UNIT_GREY = [dataclasses.replace(col, style=_GREY[col.style]) for col in BY_UNIT_COLUMNS]


# --- 1. "Tổng hợp" -------------------------------------------------------------------------------------

def _criterion(key: str) -> str:
    """A SUMIFS criterion matching exactly ``key`` (wildcards and comparison signs neutralised)."""
    text = _WILDCARD.sub(r"~\1", key)
    if text[:1] in "=<>":
        text = "=" + text
    return '"' + text.replace('"', '""') + '"'


def summed_across(form: Form, row: Row, key: str) -> bool:
    """Whether the cluster's figure of a cell is the sum of the units' (a count or an amount of an
    additive row), not a rate or a share that no sum means anything for."""
    column = form.column[key]
    return row.applies(key) and row.aggregate == "sum" and column.input and column.kind != "percent"


def _summary_formulas(form: Form, data_last: int) -> dict[tuple[str, str], str]:
    """Each summed cell: SUMIFS over the data sheet's column of its key, by row key, included only."""
    sheet = quote_sheetname(texts.SUMMARY_SHEETS["data"])
    position = {key: i for i, key in enumerate(data_columns(form))}

    def column(key: str) -> str:
        letter = column_name(position[key])
        return f"{sheet}!${letter}$2:${letter}${data_last}"

    keys, flags = column("row_key"), column("included")
    # SUMIFS compares text without case: keys that differ only in case need an exact comparison.
    exact = len({r.key.casefold() for r in form.rows}) < len(form.rows)
    formulas = {}
    for row in form.rows:
        for key in form.value_keys:
            if not summed_across(form, row, key):
                continue
            values = column(key)
            if exact:
                literal = '"' + row.key.replace('"', '""') + '"'
                formulas[(row.key, key)] = f"=SUMPRODUCT(EXACT({keys},{literal})*({flags}=1),{values})"
            else:
                formulas[(row.key, key)] = f"=SUMIFS({values},{keys},{_criterion(row.key)},{flags},1)"
    return formulas


def cluster_sums(form: Form, units: list[Inclusion]) -> dict[tuple[str, str], float]:
    """(row key, column key) → the sum over the included units, for each cell :func:`summed_across`."""
    given = [u.file.values for u in units if u.included and u.file is not None]
    return {(row.key, key): sum((values.get(row.key) or {}).get(key) or 0 for values in given)
            for row in form.rows for key in form.value_keys if summed_across(form, row, key)}


def summary_sheet(ws, report: Report, units: list[Inclusion], sums: dict[tuple[str, str], float], data_rows: int,
                  st: ListStyles, include_invalid: bool, line: str) -> None:
    """The plan's table summed over the included units (their :func:`cluster_sums`), as formulas over
    the ``data_rows`` of the data sheet."""
    form = report.form
    layout = table_layout(form, HEADER_ROW)
    ws.hide_gridlines(2)
    set_columns(ws, form)
    write_document_header(ws, form, st, (form.cluster.upper(), form.standing_office.upper()), None)
    last_col = last_column(form)
    merged(ws, 6, 0, last_col, texts.SUMMARY_SENTENCE.format(line=line), st.line, line_height(line))
    merged(ws, 7, 0, last_col, as_of_line(report), st.line)
    invalid = [u.name for u in units if u.included and u.result.status == ERROR]
    if include_invalid and invalid:
        text = texts.SUMMARY_INVALID_INCLUDED.format(names=names_line(invalid))
        merged(ws, 8, 0, last_col, text, st.warning_line, line_height(text, 90))
    ws.set_row(layout.header_row, 34)
    write_table(ws, form, layout, st, sums, inputs=False,
                formulas=_summary_formulas(form, max(2, data_rows + 1)))
    labels = data_columns(form)
    note = texts.SUMMARY_TRACE_NOTE.format(sheet=texts.SUMMARY_SHEETS["data"], flag=labels["included"],
                                           cell=labels["source_cells"])
    merged(ws, layout.last_row + 1, 0, last_col, note, st.small, line_height(note, 120))
    date_line = texts.SUMMARY_DATE_LINE.format(place=form.place, year=form.period.deadline.year)
    last = write_signatures(ws, form, layout.footer_row + 1, st, date_line)
    set_print(ws, layout, last)


# --- 2. "Theo đơn vị" ----------------------------------------------------------------------------------

def _sum_of(cells: list[str]) -> str:
    if len(cells) <= SUM_ARGS:
        return "SUM(" + ",".join(cells) + ")"
    return "SUM(" + ",".join(_sum_of(cells[i:i + SUM_ARGS]) for i in range(0, len(cells), SUM_ARGS)) + ")"


def by_unit_sheet(ws, form: Form, units: list[Inclusion], sums: dict[tuple[str, str], float], st: ListStyles,
                  line: str, as_of: str) -> None:
    """One row per unit: its columns, then (with a grand total) the unit's totals, and each row's
    values; under them the cluster's totals (``sums``: :func:`cluster_sums`)."""
    fixed = BY_UNIT_COLUMNS
    keys = form.value_keys
    width = len(keys)
    flag_col = next(c for c, col in enumerate(fixed) if col.key == "included")
    group_top, sub, first = 4, 5, 6
    grand = form.grand_total is not None
    grand_col = {key: len(fixed) + i for i, key in enumerate(keys)} if grand else {}
    value_col = {(row.key, key): len(fixed) + width * (n + grand) + i
                 for n, row in enumerate(form.rows) for i, key in enumerate(keys)}
    last_col = len(fixed) + width * (len(form.rows) + grand) - 1
    subtitle = clean(texts.BY_UNIT_SUBTITLE.format(title=form.title, period=form.period.name))
    status = clean(texts.SUMMARY_STATUS_AND_AS_OF.format(line=line, as_of=as_of))
    for c, col in enumerate(fixed):
        ws.merge_range(group_top, c, sub, c, "", st.th)
        ws.write_string(group_top, c, col.label, st.th)
    groups = ([(form.grand_total, grand_col)] if grand else []) + [
        (row.label, {key: value_col[(row.key, key)] for key in keys}) for row in form.rows]
    for label, cols in groups:
        if width > 1:
            ws.merge_range(group_top, cols[keys[0]], group_top, cols[keys[-1]], "", st.th)
        ws.write_string(group_top, cols[keys[0]], label, st.th)
        for key, c in cols.items():
            ws.write_string(sub, c, form.columns[key], st.th)
    ws.set_row(group_top, 48)
    # What each grand total sums: only the row number changes from unit to unit, so each total's
    # formula is made once with a place for it.
    summed_keys = {key: [row.key for row in form.rows if summed_across(form, row, key)] for key in grand_col}
    grand_cells = [(c, key, summed_keys[key], "=" + _sum_of([f"{column_name(value_col[(k, key)])}{{row}}"
                                                             for k in summed_keys[key]]))
                   for key, c in grand_col.items()]
    # Each value cell's column and format (counted, left out; None: the row does not apply),
    # by the form's row, worked out once for all the units.
    value_cells = [(row.key, [(value_col[(row.key, key)], key,
                               (st.places(st.td_n, form.places(row, key)), st.places(st.td_grey_n, form.places(row, key)))
                               if row.applies(key) else None) for key in keys]) for row in form.rows]
    for i, u in enumerate(units):
        r = first + i
        grey = not u.included
        num = st.td_grey_n if grey else st.td_n
        write_record(ws, r, BY_UNIT_GREY if grey else fixed, {
            "number": i + 1, "code": u.code, "name": u.name, "role": texts.ROLES[u.result.role],
            "status": texts.STATUS_LABELS[u.result.status], "included": int(u.included)}, st)
        values = u.file.values if u.file else {}
        for row_key, cells in value_cells:
            given = values.get(row_key) or {}
            for c, key, formats in cells:
                if formats is None:
                    ws.write_blank(r, c, None, st.td_na)
                else:
                    put(ws, r, c, given.get(key), formats[grey])
        for c, key, rows, formula in grand_cells:
            if u.file is None or not rows:
                ws.write_blank(r, c, None, num)
                continue
            total = sum((values.get(k) or {}).get(key) or 0 for k in rows)
            ws.write_formula(r, c, formula.format(row=r + 1), num, total)
    last = first + len(units) - 1
    total_row = last + 1
    ws.merge_range(total_row, 0, total_row, flag_col, "", st.td_total)
    ws.write_string(total_row, 0, texts.BY_UNIT_TOTAL, st.td_total)
    flags = f"${column_name(flag_col)}${first + 1}:${column_name(flag_col)}${last + 1}"
    included = [u.file.values for u in units if u.included and u.file is not None]
    summed = [(c, key, None) for key, c in grand_col.items()] + [
        (value_col[(row.key, key)], key, row) for row in form.rows for key in keys]
    for c, key, row in summed:
        if row is not None and not row.applies(key):
            ws.write_blank(total_row, c, None, st.td_na)
            continue
        rows = [row] if row is not None else [x for x in form.rows if summed_across(form, x, key)]
        if not rows or not all(summed_across(form, x, key) for x in rows):
            ws.write_blank(total_row, c, None, st.td_total)  # a rate or a share: no cluster sum
            continue
        # A grand total adds unit by unit, as the column of the units' totals above it does.
        value = sums[(row.key, key)] if row is not None else sum(
            (values.get(x.key) or {}).get(key) or 0 for values in included for x in rows)
        rng = f"{address(first, c)}:{address(last, c)}"
        places = max(form.places(x, key) for x in rows)
        ws.write_formula(total_row, c, f"=SUMIFS({rng},{flags},1)", st.places(st.td_total_n, places), value)
    set_widths(ws, fixed)
    ws.set_column(len(fixed), last_col, GROUP_WIDTH)
    ws.freeze_panes(first, KEPT_COLUMNS)
    ws.autofilter(sub, 0, last, last_col)
    # Too wide for one readable page: pages of whole groups, each repeating who the row is.
    set_landscape(ws, one_page_wide=False)
    ws.set_print_scale(BY_UNIT_SCALE)
    breaks = page_groups([col.width for col in fixed], len(groups), width)
    ws.set_v_pagebreaks(breaks)
    ws.repeat_rows(group_top, sub)
    ws.repeat_columns(0, KEPT_COLUMNS - 1)
    # The lines above the table print on every page, in the kept columns: wrapped there, never cut.
    kept = sum(col.width for col in fixed[:KEPT_COLUMNS])
    for row, (text, fmt, size) in enumerate(((texts.BY_UNIT_TITLE, st.sheet_title_wrap, 14),
                                             (subtitle, st.plain_wrap, 11), (status, st.small_wrap, 10))):
        merged(ws, row, 0, KEPT_COLUMNS - 1, text, fmt, (size + 4) * text_lines(text, kept * 11 / size))


def page_groups(fixed: list[float], groups: int, width: int = 3, width_pt: float = 784.0) -> list[int]:
    """The first column of every printed page but the first, so that each page holds whole groups
    of ``width`` value columns after the kept columns (the first page: after all ``fixed`` ones).

    ``width_pt`` is the printable width of landscape A4 between the list margins. A column
    ``w`` characters wide takes about 7.6 w points on LibreOffice's pages (Excel's are narrower,
    so there the pages only fill less).
    """
    usable = width_pt * 100 / BY_UNIT_SCALE * 0.95  # a margin for how programs round widths

    def points(width: float) -> float:
        return 7.6 * width + 2

    group = width * points(GROUP_WIDTH)
    used, col, breaks = sum(map(points, fixed)), len(fixed), []
    for _ in range(groups):
        if used + group > usable:
            breaks.append(col)
            used = sum(map(points, fixed[:KEPT_COLUMNS]))
        used += group
        col += width
    return breaks


# --- 7. one sheet per unit ----------------------------------------------------------------------------

def unit_sheet_name(u: Inclusion, taken: set[str]) -> str:
    """The unit's file stem, cut to Excel's limit and made unique (case ignored) among ``taken``."""
    base = unit_stem(u.code, u.name)[:SHEET_NAME_LIMIT]
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        suffix = f"~{n}"
        name = base[: SHEET_NAME_LIMIT - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return texts.DASH
    time, date = clock_vn(moment)
    return texts.SUMMARY_TIME.format(time=time, date=date)


def unit_sheet(ws, form: Form, u: Inclusion, st: ListStyles) -> None:
    """The unit's table as received, with the file it came from and whether it counts."""
    f = u.file
    layout = table_layout(form, HEADER_ROW)
    ws.hide_gridlines(2)
    set_columns(ws, form)
    write_document_header(ws, form, st, (form.heading.format(name=u.name.upper()), form.subheading),
                          texts.UNIT_CODE_LINE.format(code=u.code))
    line = texts.UNIT_SHEET_FILE.format(file=f.path, saved=_when(f.arrived),
                                        status=texts.STATUS_LABELS[u.result.status])
    merged(ws, 6, 0, last_column(form), line, st.line, line_height(line))
    if not u.included or u.result.status == ERROR:
        template = texts.UNIT_SHEET_INVALID_INCLUDED if u.included else texts.UNIT_SHEET_EXCLUDED
        text = template.format(reason=u.reason)
        merged(ws, 7, 0, last_column(form), text, st.warning_line, line_height(text, 90))
    values: dict[tuple[str, str], object] = {}
    note_key = next(iter(form.text_keys), None)
    for row in form.rows:
        for key in form.value_keys:
            if row.applies(key) and u.value(row.key, key) is not None:
                values[(row.key, key)] = u.value(row.key, key)
        note = clean(f.notes.get(row.key) or "").strip()
        if note and note_key:
            values[(row.key, note_key)] = note
    ws.set_row(layout.header_row, 34)
    write_table(ws, form, layout, st, values, inputs=False)
    set_print(ws, layout, layout.last_row)
