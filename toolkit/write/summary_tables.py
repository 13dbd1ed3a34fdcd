"""The summary's sheets in the plan's own table: the summary itself, one row per unit, one sheet per unit."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from xlsxwriter.utility import quote_sheetname

from .. import texts
from ..catalogue import ERROR
from ..formats import clock_vn
from ..form import COUNT_ROLES, Form
from ..inclusion import Inclusion, as_of_line, data_columns, names_line
from ..layout import address, clean, column_name, table_layout
from ..names import unit_stem
from ..checks.report import Report
from .sheets import (ListStyles, columns, line_height, merged, put, set_columns, set_landscape, set_print,
                     set_widths, text_lines, write_document_header, write_record, write_signatures, write_table)

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


def _summary_formulas(form: Form, data_last: int) -> dict[tuple[str, str], str]:
    """Each award cell: SUMIFS over the data sheet's column of its role, by row key, included only."""
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
        for role in COUNT_ROLES:
            if not row.applies(role):
                continue
            values = column(role)
            if exact:
                literal = '"' + row.key.replace('"', '""') + '"'
                formulas[(row.key, role)] = f"=SUMPRODUCT(EXACT({keys},{literal})*({flags}=1),{values})"
            else:
                formulas[(row.key, role)] = f"=SUMIFS({values},{keys},{_criterion(row.key)},{flags},1)"
    return formulas


def summary_sheet(ws, report: Report, units: list[Inclusion], data_rows: int, st: ListStyles,
                  include_invalid: bool, line: str) -> None:
    """The plan's table summed over the included units, as formulas over the ``data_rows`` of the data sheet."""
    form = report.form
    layout = table_layout(form, HEADER_ROW)
    ws.hide_gridlines(2)
    set_columns(ws, form)
    write_document_header(ws, form, st, (form.cluster.upper(), form.standing_office.upper()), None)
    merged(ws, 6, 0, 5, texts.SUMMARY_SENTENCE.format(line=line), st.line, line_height(line))
    merged(ws, 7, 0, 5, as_of_line(report), st.line)
    invalid = [u.name for u in units if u.included and u.result.status == ERROR]
    if include_invalid and invalid:
        text = texts.SUMMARY_INVALID_INCLUDED.format(names=names_line(invalid))
        merged(ws, 8, 0, 5, text, st.warning_line, line_height(text, 90))
    ws.set_row(layout.header_row, 34)
    sums = {(row.key, role): sum(u.value(row.key, role) or 0 for u in units if u.included)
            for row in form.rows for role in COUNT_ROLES if row.applies(role)}
    write_table(ws, form, layout, st, sums, inputs=False,
                formulas=_summary_formulas(form, max(2, data_rows + 1)))
    labels = data_columns(form)
    note = texts.SUMMARY_TRACE_NOTE.format(sheet=texts.SUMMARY_SHEETS["data"], flag=labels["included"],
                                           cell=labels["source_cells"])
    merged(ws, layout.total_row + 1, 0, 5, note, st.small, line_height(note, 120))
    date_line = texts.SUMMARY_DATE_LINE.format(place=form.place, year=form.period.deadline.year)
    last = write_signatures(ws, layout.footer_row + 1, st, form.period.deadline.year, date_line)
    set_print(ws, layout, last)


# --- 2. "Theo đơn vị" ----------------------------------------------------------------------------------

def _sum_of(cells: list[str]) -> str:
    if len(cells) <= SUM_ARGS:
        return "SUM(" + ",".join(cells) + ")"
    return "SUM(" + ",".join(_sum_of(cells[i:i + SUM_ARGS]) for i in range(0, len(cells), SUM_ARGS)) + ")"


def by_unit_sheet(ws, form: Form, units: list[Inclusion], st: ListStyles, line: str, as_of: str) -> None:
    """One row per unit: its columns, then the grand total's three counts and each award row's."""
    fixed = BY_UNIT_COLUMNS
    flag_col = next(c for c, col in enumerate(fixed) if col.key == "included")
    group_top, sub, first = 4, 5, 6
    grand_col = {role: len(fixed) + i for i, role in enumerate(COUNT_ROLES)}
    award_col = {(row.key, role): len(fixed) + 3 * (1 + n) + i
                 for n, row in enumerate(form.rows) for i, role in enumerate(COUNT_ROLES)}
    last_col = len(fixed) + 3 * (1 + len(form.rows)) - 1
    subtitle = clean(texts.BY_UNIT_SUBTITLE.format(title=form.title, period=form.period.name))
    status = clean(texts.SUMMARY_STATUS_AND_AS_OF.format(line=line, as_of=as_of))
    for c, col in enumerate(fixed):
        ws.merge_range(group_top, c, sub, c, "", st.th)
        ws.write_string(group_top, c, col.label, st.th)
    groups = [(form.grand_total, grand_col)] + [
        (row.label, {role: award_col[(row.key, role)] for role in COUNT_ROLES}) for row in form.rows]
    for label, cols in groups:
        ws.merge_range(group_top, cols["total"], group_top, cols["individual"], "", st.th)
        ws.write_string(group_top, cols["total"], label, st.th)
        for role, c in cols.items():
            ws.write_string(sub, c, form.columns[role], st.th)
    ws.set_row(group_top, 48)
    # The cells each grand total sums, as column letters: only the row number changes from unit to unit.
    summed_columns = {role: [column_name(award_col[(row.key, role)]) for row in form.rows if row.applies(role)]
                      for role in COUNT_ROLES}
    # Each award cell's column and whether it applies, worked out once for all the units.
    award_cells = [(award_col[(row.key, role)], row.key, role, row.applies(role))
                   for row in form.rows for role in COUNT_ROLES]
    summed_keys = {role: [row.key for row in form.rows if row.applies(role)] for role in COUNT_ROLES}
    for i, u in enumerate(units):
        r = first + i
        grey = not u.included
        num = st.td_grey_n if grey else st.td_n
        write_record(ws, r, BY_UNIT_GREY if grey else fixed, {
            "number": i + 1, "code": u.code, "name": u.name, "role": texts.ROLES[u.result.role],
            "status": texts.STATUS_LABELS[u.result.status], "included": int(u.included)}, st)
        values = u.file.values if u.file else {}
        for c, key, role, applies in award_cells:
            if not applies:
                ws.write_blank(r, c, None, st.td_na)
            else:
                put(ws, r, c, (values.get(key) or {}).get(role), num)
        for role, c in grand_col.items():
            if u.file is None:
                ws.write_blank(r, c, None, num)
                continue
            cells = [f"{letters}{r + 1}" for letters in summed_columns[role]]
            total = sum((values.get(key) or {}).get(role) or 0 for key in summed_keys[role])
            ws.write_formula(r, c, "=" + _sum_of(cells), num, total)
    last = first + len(units) - 1
    total_row = last + 1
    ws.merge_range(total_row, 0, total_row, flag_col, "", st.td_total)
    ws.write_string(total_row, 0, texts.BY_UNIT_TOTAL, st.td_total)
    flags = f"${column_name(flag_col)}${first + 1}:${column_name(flag_col)}${last + 1}"
    included = [u for u in units if u.included]
    summed = [(c, role, None) for role, c in grand_col.items()] + [
        (award_col[(row.key, role)], role, row) for row in form.rows for role in COUNT_ROLES]
    for c, role, row in summed:
        if row is not None and not row.applies(role):
            ws.write_blank(total_row, c, None, st.td_na)
            continue
        rows = [row] if row is not None else [r for r in form.rows if r.applies(role)]
        value = sum(u.value(r.key, role) or 0 for u in included for r in rows)
        rng = f"{address(first, c)}:{address(last, c)}"
        ws.write_formula(total_row, c, f"=SUMIFS({rng},{flags},1)", st.td_total_n, value)
    set_widths(ws, fixed)
    ws.set_column(len(fixed), last_col, GROUP_WIDTH)
    ws.freeze_panes(first, KEPT_COLUMNS)
    ws.autofilter(sub, 0, last, last_col)
    # Too wide for one readable page: pages of whole award groups, each repeating who the row is.
    set_landscape(ws, one_page_wide=False)
    ws.set_print_scale(BY_UNIT_SCALE)
    breaks = page_groups([col.width for col in fixed], len(groups))
    ws.set_v_pagebreaks(breaks)
    ws.repeat_rows(group_top, sub)
    ws.repeat_columns(0, KEPT_COLUMNS - 1)
    # The lines above the table print on every page, in the kept columns: wrapped there, never cut.
    kept = sum(col.width for col in fixed[:KEPT_COLUMNS])
    for row, (text, fmt, size) in enumerate(((texts.BY_UNIT_TITLE, st.sheet_title_wrap, 14),
                                             (subtitle, st.plain_wrap, 11), (status, st.small_wrap, 10))):
        merged(ws, row, 0, KEPT_COLUMNS - 1, text, fmt, (size + 4) * text_lines(text, kept * 11 / size))


def page_groups(fixed: list[float], groups: int, width_pt: float = 784.0) -> list[int]:
    """The first column of every printed page but the first, so that each page holds whole groups
    of three count columns after the kept columns (the first page: after all ``fixed`` ones).

    ``width_pt`` is the printable width of landscape A4 between the list margins. A column
    ``w`` characters wide takes about 7.6 w points on LibreOffice's pages (Excel's are narrower,
    so there the pages only fill less).
    """
    usable = width_pt * 100 / BY_UNIT_SCALE * 0.95  # a margin for how programs round widths

    def points(width: float) -> float:
        return 7.6 * width + 2

    group = 3 * points(GROUP_WIDTH)
    used, col, breaks = sum(map(points, fixed)), len(fixed), []
    for _ in range(groups):
        if used + group > usable:
            breaks.append(col)
            used = sum(map(points, fixed[:KEPT_COLUMNS]))
        used += group
        col += 3
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
    merged(ws, 6, 0, 5, line, st.line, line_height(line))
    if not u.included or u.result.status == ERROR:
        template = texts.UNIT_SHEET_INVALID_INCLUDED if u.included else texts.UNIT_SHEET_EXCLUDED
        text = template.format(reason=u.reason)
        merged(ws, 7, 0, 5, text, st.warning_line, line_height(text, 90))
    values: dict[tuple[str, str], object] = {}
    for row in form.rows:
        for role in COUNT_ROLES:
            if row.applies(role) and u.value(row.key, role) is not None:
                values[(row.key, role)] = u.value(row.key, role)
        note = clean(f.notes.get(row.key) or "").strip()
        if note:
            values[(row.key, "note")] = note
    ws.set_row(layout.header_row, 34)
    write_table(ws, form, layout, st, values, inputs=False)
    set_print(ws, layout, layout.total_row)
