"""The cluster's summary workbook: the plan's table summed over the units, and where every number came from.

Sheets, in order: the summary in the plan's layout (formulas over the data sheet), one row per unit,
the status of every unit and file, every finding, the tidy data, a chart, and for small forms one
sheet per unit as received. Everything is derived from the :class:`~toolkit.checks.report.Report` alone,
so the same inbox gives the same workbook content.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from xlsxwriter.utility import quote_sheetname

from .. import texts
from ..catalogue import ERROR, INFO, WARNING
from ..files import atomic_path
from ..formats import clock_vn, date_vn, local
from ..form import COUNT_ROLES, Form
from ..layout import address, column_index, column_name, table_layout
from ..names import unit_stem
from ..checks.report import IGNORED, REJECTED, SUPERSEDED, FileResult, Report, UnitResult
from .template import (Styles, new_workbook, set_columns, set_print, write_document_header,
                       write_signatures, write_table)

#: The summary's table starts lower than the template's: three status lines sit above it.
HEADER_ROW = 10
UNIT_SHEETS_UP_TO = 12
CHART_TOP = 30
CHART_ROWS = 24  # rows of the chart sheet the chart covers
NAMES_IN_LINE = 10
TEXT_LIMIT = 32767  # Excel's cell limit, in UTF-16 code units
SUM_ARGS = 255      # Excel's limit of arguments to one function
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_WILDCARD = re.compile(r"([~*?])")


@dataclass(frozen=True)
class Consolidated:
    """What ``consolidate`` wrote.

    ``path`` holds the new summary: the requested output, or, when that file could not be replaced
    (open in another program), the file kept beside it, also given as ``kept_beside``.
    """

    path: Path
    included: list[str]
    excluded: dict[str, str]
    missing: list[str]
    kept_beside: Path | None = None
    target: Path | None = None
    line: str = ""  # the one-line status, as on the first sheet

    @property
    def notice(self) -> str | None:
        """The message to show when the output could not be replaced, else None."""
        if self.kept_beside is None:
            return None
        return texts.SUMMARY_KEPT_BESIDE.format(target=self.target, path=self.kept_beside)


# --- what goes in ----------------------------------------------------------------------------------

@dataclass
class _Unit:
    """One unit of the form and its part in the summary."""

    result: UnitResult
    file: FileResult | None
    included: bool
    reason: str
    counts: dict[str, int] = field(default_factory=dict)  # findings by severity

    @property
    def code(self) -> str:
        return self.result.code

    @property
    def name(self) -> str:
        return self.result.name

    def value(self, key: str, role: str) -> int | None:
        return (self.file.values.get(key) or {}).get(role) if self.file else None


def _plan(report: Report, include_invalid: bool) -> list[_Unit]:
    rejected = {}
    for f in report.files:
        if f.status == REJECTED and f.unit and f.unit not in rejected:
            rejected[f.unit] = f
    plan = []
    for u in report.units:
        f = u.file
        counts = {sev: sum(i.severity == sev for i in u.issues) for sev in (ERROR, WARNING, INFO)}
        first_error = next((i.message for i in u.issues if i.severity == ERROR), "")
        if f is None:
            included = False
            other = rejected.get(u.code)
            reason = (texts.REASON_MISSING_REJECTED.format(file=other.path, message=_first_message(other))
                      if other else texts.REASON_MISSING)
        elif u.status == ERROR:
            included = include_invalid
            template = texts.REASON_INVALID_INCLUDED if include_invalid else texts.REASON_EXCLUDED
            reason = template.format(count=counts[ERROR], first=first_error)
        elif u.status == WARNING:
            included, reason = True, texts.REASON_WARNING.format(count=counts[WARNING],
                                                                 sheet=texts.SUMMARY_SHEETS["findings"])
        else:
            included, reason = True, texts.REASON_VALID
        plan.append(_Unit(u, f, included, reason, counts))
    return plan


def _first_message(f: FileResult) -> str:
    chosen = [i for i in f.issues if i.severity == ERROR] or f.issues
    return chosen[0].message if chosen else ""


def _names(names: list[str]) -> str:
    if len(names) <= NAMES_IN_LINE:
        return ", ".join(names)
    return ", ".join(names[:NAMES_IN_LINE]) + " " + texts.SUMMARY_MORE_UNITS.format(
        count=len(names) - NAMES_IN_LINE, sheet=texts.SUMMARY_SHEETS["status"])


def _status_line(plan: list[_Unit]) -> str:
    parts = [texts.SUMMARY_INCLUDED.format(included=sum(u.included for u in plan), total=len(plan))]
    missing = [u.name for u in plan if u.file is None]
    excluded = [u.name for u in plan if u.file is not None and not u.included]
    if missing:
        parts.append(texts.SUMMARY_MISSING.format(names=_names(missing)))
    if excluded:
        parts.append(texts.SUMMARY_EXCLUDED.format(names=_names(excluded)))
    return "; ".join(parts)


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return texts.DASH
    time, date = clock_vn(moment)
    return texts.SUMMARY_TIME.format(time=time, date=date)


def _as_of_line(report: Report) -> str:
    if report.as_of is None:
        return texts.SUMMARY_AS_OF_NONE
    time, date = clock_vn(report.as_of)
    return texts.SUMMARY_AS_OF.format(time=time, date=date)


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


# --- the tidy data ------------------------------------------------------------------------------------

def data_columns(form: Form) -> list[str]:
    """The columns of the data sheet (and of :func:`tidy_frame`), in order."""
    return [texts.DATA_UNIT_CODE, texts.DATA_UNIT_NAME, texts.DATA_ROW_KEY, form.columns["label"],
            *(form.columns[role] for role in COUNT_ROLES), form.columns["note"], texts.DATA_SOURCE_FILE,
            texts.DATA_SOURCE_CELLS, texts.DATA_INCLUDED]


#: Zero-based positions in ``data_columns``.
D_KEY, D_CELLS, D_INCLUDED = 2, 9, 10
D_COUNTS = {"total": 4, "collective": 5, "individual": 6}


def _tidy_rows(form: Form, plan: list[_Unit]) -> Iterator[list]:
    for u in plan:
        f = u.file
        if f is None:
            continue
        for row in form.rows:
            counts = [u.value(row.key, role) if row.applies(role) else None for role in COUNT_ROLES]
            note = clean(f.notes.get(row.key) or "").strip() or None
            yield [u.code, u.name, row.key, row.label, *counts, note, clean(f.path),
                   _source_cells(f.sheet, f.cells.get(row.key) or {}), int(u.included)]


def _source_cells(sheet: str | None, cells: dict[str, str]) -> str | None:
    """``'Khen thưởng'!C12:F12``: a reference a person can paste into Excel's Go To box."""
    addresses = [cells[role] for role in (*COUNT_ROLES, "note") if cells.get(role)]
    if not addresses:
        return None
    prefix = quote_sheetname(clean(sheet)) + "!" if sheet else ""
    parsed = [re.fullmatch(r"([A-Z]+)(\d+)", a) for a in addresses]
    if all(parsed) and len({m.group(2) for m in parsed}) == 1:
        cols = [column_index(m.group(1)) for m in parsed]
        if cols == list(range(cols[0], cols[0] + len(cols))):
            return f"{prefix}{addresses[0]}:{addresses[-1]}" if len(addresses) > 1 else prefix + addresses[0]
    return ",".join(prefix + a for a in addresses)


def tidy_frame(report: Report, include_invalid: bool = False):
    """The rows of the data sheet as a pandas DataFrame (counts as nullable integers)."""
    import pandas as pd

    form = report.form
    columns = data_columns(form)
    rows = list(_tidy_rows(form, _plan(report, include_invalid)))
    by_column = {name: [row[i] for row in rows] for i, name in enumerate(columns)}
    counts = {columns[i] for i in D_COUNTS.values()}
    return pd.DataFrame({name: pd.array(values, dtype="Int64") if name in counts
                         else pd.array(values, dtype="int64") if name == columns[D_INCLUDED]
                         else pd.Series(values, dtype="str")
                         for name, values in by_column.items()})


# --- writing --------------------------------------------------------------------------------------

def consolidate(report: Report, output: Path, include_invalid: bool = False) -> Consolidated:
    """Write the summary workbook of ``report`` to ``output`` (atomically) and say what it holds.

    Units whose file has errors are left out of the totals unless ``include_invalid``.
    """
    output = Path(output)
    plan = _plan(report, include_invalid)
    line = _status_line(plan)
    kept = _write_atomically(output, lambda tmp: _write(tmp, report, plan, include_invalid, line))
    return Consolidated(
        path=kept or output,
        included=[u.code for u in plan if u.included],
        excluded={u.code: u.reason for u in plan if u.file is not None and not u.included},
        missing=[u.code for u in plan if u.file is None],
        kept_beside=kept,
        target=output,
        line=line,
    )


def _write_atomically(output: Path, write: Callable[[Path], None]) -> Path | None:
    """Write through ``atomic_path``; if only the final replacement is refused (the old summary is
    open in Excel on Windows), keep the new file beside it and return that path."""
    spare: Path | None = None
    try:
        with atomic_path(output) as tmp:
            write(tmp)
            spare = tmp.with_name(tmp.name + ".keep")
            try:
                os.link(tmp, spare)
            except OSError:
                shutil.copyfile(tmp, spare)
    except PermissionError:
        if spare is None or not spare.exists():
            raise
        beside = _beside_name(output)
        os.rename(spare, beside)
        return beside
    except BaseException:
        if spare is not None:
            spare.unlink(missing_ok=True)
        raise
    spare.unlink(missing_ok=True)
    return None


def _beside_name(output: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # a file name only, never content
    for n in range(1, 1000):
        name = texts.SUMMARY_BESIDE_NAME.format(stem=output.stem, stamp=stamp if n == 1 else f"{stamp}-{n}",
                                                suffix=output.suffix)
        if not (output.parent / name).exists():
            return output.parent / name
    raise FileExistsError(output)


class _Styles(Styles):
    """The template's formats plus those of the summary's lists."""

    def __init__(self, wb):
        super().__init__(wb)
        fmt, border = self.fmt, {"border": 1}
        grey = {"font_color": "#7F7F7F", "italic": True}
        yes_no = f'"{texts.YES}";"{texts.YES}";"{texts.NO}"'
        self.line = fmt(italic=True, align="center", font_size=12, text_wrap=True)
        self.warning_line = fmt(bold=True, align="center", font_color="#C00000", font_size=12, text_wrap=True)
        self.sheet_title = fmt(bold=True, font_size=14)
        self.plain = fmt(font_size=11)
        self.th = fmt(bold=True, align="center", text_wrap=True, bg_color="#D9E1F2", font_size=11, **border)
        self.td = fmt(font_size=11, **border)
        self.td_wrap = fmt(font_size=11, text_wrap=True, valign="top", **border)
        self.td_c = fmt(font_size=11, align="center", **border)
        self.td_n = fmt(font_size=11, num_format="#,##0", **border)
        self.td_time = fmt(font_size=11, num_format="dd/mm/yyyy hh:mm", align="center", **border)
        self.td_flag = fmt(font_size=11, num_format=yes_no, align="center", **border)
        self.td_grey = fmt(font_size=11, **grey, **border)
        self.td_grey_n = fmt(font_size=11, num_format="#,##0", **grey, **border)
        self.td_grey_flag = fmt(font_size=11, num_format=yes_no, align="center", **grey, **border)
        self.td_na = fmt(pattern=1, bg_color="#E7E6E6", **border)
        self.td_total = fmt(bold=True, font_size=11, bg_color="#F2F2F2", **border)
        self.td_total_n = fmt(bold=True, font_size=11, num_format="#,##0", bg_color="#F2F2F2", **border)
        self.data_th = fmt(bold=True, bg_color="#D9E1F2", font_size=11, border=1)
        self.data_n = fmt(font_size=11, num_format="0")


def _put(ws, row: int, col: int, value: object, fmt=None) -> None:
    """One cell; text always as a string (never a formula or a link), numbers as numbers."""
    if value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, texts.YES if value else texts.NO, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, clean(value), fmt)


def _merged(ws, row: int, first: int, last: int, text: str, fmt, height: float | None = None) -> None:
    ws.merge_range(row, first, row, last, "", fmt)
    ws.write_string(row, first, clean(text), fmt)
    if height:
        ws.set_row(row, height)


def _line_height(text: str, width: int = 100) -> float:
    return 17.0 * max(1, -(-len(text) // width))


def _write(path: Path, report: Report, plan: list[_Unit], include_invalid: bool, line: str) -> None:
    form = report.form
    created = report.as_of or dt.datetime.combine(form.period.deadline, dt.time())
    if created.tzinfo is not None:
        created = created.astimezone(dt.timezone.utc).replace(tzinfo=None)
    wb = new_workbook(path, form, texts.SUMMARY_SUBJECT, created=created)
    st = _Styles(wb)
    names = texts.SUMMARY_SHEETS
    sheets = {key: wb.add_worksheet(name) for key, name in names.items()}
    data_rows = list(_tidy_rows(form, plan))
    _summary_sheet(sheets["summary"], report, plan, data_rows, st, include_invalid, line)
    _by_unit_sheet(sheets["by_unit"], form, plan, st, line, _as_of_line(report))
    _status_sheet(sheets["status"], report, plan, st, line)
    _findings_sheet(sheets["findings"], report, st)
    _data_sheet(sheets["data"], form, data_rows, st)
    _chart_sheet(wb, sheets["chart"], form, plan, st)
    if len(form.units) <= UNIT_SHEETS_UP_TO:
        taken = {name.casefold() for name in names.values()}
        for u in plan:
            if u.file is not None:
                _unit_sheet(wb.add_worksheet(_unit_sheet_name(u, taken)), form, u, st)
    sheets["summary"].activate()
    wb.close()


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

    def column(i: int) -> str:
        letter = column_name(i)
        return f"{sheet}!${letter}$2:${letter}${data_last}"

    keys, flags = column(D_KEY), column(D_INCLUDED)
    # SUMIFS compares text without case: keys that differ only in case need an exact comparison.
    exact = len({r.key.casefold() for r in form.rows}) < len(form.rows)
    formulas = {}
    for row in form.rows:
        for role in COUNT_ROLES:
            if not row.applies(role):
                continue
            values = column(D_COUNTS[role])
            if exact:
                literal = '"' + row.key.replace('"', '""') + '"'
                formulas[(row.key, role)] = f"=SUMPRODUCT(EXACT({keys},{literal})*({flags}=1),{values})"
            else:
                formulas[(row.key, role)] = f"=SUMIFS({values},{keys},{_criterion(row.key)},{flags},1)"
    return formulas


def _summary_sheet(ws, report: Report, plan: list[_Unit], data_rows: list[list], st: _Styles,
                   include_invalid: bool, line: str) -> None:
    form = report.form
    layout = table_layout(form, HEADER_ROW)
    ws.hide_gridlines(2)
    set_columns(ws, form)
    write_document_header(ws, form, st, (form.cluster.upper(), form.standing_office.upper()), None)
    _merged(ws, 6, 0, 5, texts.SUMMARY_SENTENCE.format(line=line), st.line, _line_height(line))
    _merged(ws, 7, 0, 5, _as_of_line(report), st.line)
    invalid = [u.name for u in plan if u.included and u.result.status == ERROR]
    if include_invalid and invalid:
        text = texts.SUMMARY_INVALID_INCLUDED.format(names=_names(invalid))
        _merged(ws, 8, 0, 5, text, st.warning_line, _line_height(text, 90))
    ws.set_row(layout.header_row, 34)
    sums = {(row.key, role): sum(u.value(row.key, role) or 0 for u in plan if u.included)
            for row in form.rows for role in COUNT_ROLES if row.applies(role)}
    write_table(ws, form, layout, st, sums, inputs=False,
                formulas=_summary_formulas(form, max(2, len(data_rows) + 1)))
    columns = data_columns(form)
    note = texts.SUMMARY_TRACE_NOTE.format(sheet=texts.SUMMARY_SHEETS["data"], flag=columns[D_INCLUDED],
                                           cell=columns[D_CELLS])
    _merged(ws, layout.total_row + 1, 0, 5, note, st.small, _line_height(note, 120))
    date_line = texts.SUMMARY_DATE_LINE.format(place=form.place, year=form.period.end.year)
    last = write_signatures(ws, layout.footer_row + 1, st, form.period.end.year, date_line)
    set_print(ws, layout, last)


# --- 2. "Theo đơn vị" ----------------------------------------------------------------------------------

def _sum_of(cells: list[str]) -> str:
    if len(cells) <= SUM_ARGS:
        return "SUM(" + ",".join(cells) + ")"
    return "SUM(" + ",".join(_sum_of(cells[i:i + SUM_ARGS]) for i in range(0, len(cells), SUM_ARGS)) + ")"


def _by_unit_sheet(ws, form: Form, plan: list[_Unit], st: _Styles, line: str, as_of: str) -> None:
    fixed = texts.BY_UNIT_COLUMNS
    flag_col = len(fixed) - 1
    group_top, sub, first = 4, 5, 6
    grand_col = {role: len(fixed) + i for i, role in enumerate(COUNT_ROLES)}
    award_col = {(row.key, role): len(fixed) + 3 * (1 + n) + i
                 for n, row in enumerate(form.rows) for i, role in enumerate(COUNT_ROLES)}
    last_col = len(fixed) + 3 * (1 + len(form.rows)) - 1
    ws.write_string(0, 0, texts.BY_UNIT_TITLE, st.sheet_title)
    ws.write_string(1, 0, clean(texts.BY_UNIT_SUBTITLE.format(title=form.title, period=form.period.name)), st.plain)
    ws.write_string(2, 0, clean(texts.SUMMARY_STATUS_AND_AS_OF.format(line=line, as_of=as_of)), st.small)
    for c, label in enumerate(fixed):
        ws.merge_range(group_top, c, sub, c, "", st.th)
        ws.write_string(group_top, c, label, st.th)
    groups = [(form.grand_total, grand_col)] + [
        (row.label, {role: award_col[(row.key, role)] for role in COUNT_ROLES}) for row in form.rows]
    for label, cols in groups:
        ws.merge_range(group_top, cols["total"], group_top, cols["individual"], "", st.th)
        ws.write_string(group_top, cols["total"], label, st.th)
        for role, c in cols.items():
            ws.write_string(sub, c, form.columns[role], st.th)
    ws.set_row(group_top, 48)
    for i, u in enumerate(plan):
        r = first + i
        grey = not u.included
        text, num = (st.td_grey, st.td_grey_n) if grey else (st.td, st.td_n)
        ws.write_number(r, 0, i + 1, st.td_grey if grey else st.td_c)
        _put(ws, r, 1, u.code, text)
        _put(ws, r, 2, u.name, text)
        _put(ws, r, 3, texts.ROLES[u.result.role], text)
        _put(ws, r, 4, texts.STATUS_LABELS[u.result.status], text)
        ws.write_number(r, flag_col, int(u.included), st.td_grey_flag if grey else st.td_flag)
        for row in form.rows:
            for role in COUNT_ROLES:
                c = award_col[(row.key, role)]
                if not row.applies(role):
                    ws.write_blank(r, c, None, st.td_na)
                else:
                    _put(ws, r, c, u.value(row.key, role), num)
        for role, c in grand_col.items():
            if u.file is None:
                ws.write_blank(r, c, None, num)
                continue
            cells = [address(r, award_col[(row.key, role)]) for row in form.rows if row.applies(role)]
            total = sum(u.value(row.key, role) or 0 for row in form.rows if row.applies(role))
            ws.write_formula(r, c, "=" + _sum_of(cells), num, total)
    last = first + len(plan) - 1
    total_row = last + 1
    ws.merge_range(total_row, 0, total_row, flag_col, "", st.td_total)
    ws.write_string(total_row, 0, texts.BY_UNIT_TOTAL, st.td_total)
    flags = f"${column_name(flag_col)}${first + 1}:${column_name(flag_col)}${last + 1}"
    included = [u for u in plan if u.included]
    columns = [(c, role, None) for role, c in grand_col.items()] + [
        (award_col[(row.key, role)], role, row) for row in form.rows for role in COUNT_ROLES]
    for c, role, row in columns:
        if row is not None and not row.applies(role):
            ws.write_blank(total_row, c, None, st.td_na)
            continue
        rows = [row] if row is not None else [r for r in form.rows if r.applies(role)]
        value = sum(u.value(r.key, role) or 0 for u in included for r in rows)
        rng = f"{address(first, c)}:{address(last, c)}"
        ws.write_formula(total_row, c, f"=SUMIFS({rng},{flags},1)", st.td_total_n, value)
    widths = (5, 8, 24, 12, 13, 10)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.set_column(len(fixed), last_col, 10)
    ws.freeze_panes(first, 3)
    ws.autofilter(sub, 0, last, last_col)
    ws.set_paper(9)
    ws.set_landscape()
    ws.repeat_rows(group_top, sub)
    ws.repeat_columns(0, 2)
    ws.set_footer("&R&10&P/&N")


# --- 3. "Tình trạng" -----------------------------------------------------------------------------------

def _on_time(f: FileResult | None, deadline: dt.date) -> str:
    arrived = local(f.arrived) if f else None
    if arrived is None:
        return texts.DASH
    return texts.YES if arrived.date() <= deadline else texts.NO


def _status_sheet(ws, report: Report, plan: list[_Unit], st: _Styles, line: str) -> None:
    form = report.form
    ws.write_string(0, 0, texts.STATUS_SHEET_TITLE, st.sheet_title)
    ws.write_string(1, 0, clean(texts.SUMMARY_STATUS_AND_AS_OF.format(line=line, as_of=_as_of_line(report))),
                    st.plain)
    ws.write_string(2, 0, texts.STATUS_DEADLINE_NOTE.format(deadline=date_vn(form.period.deadline)), st.small)
    head = 4
    for c, label in enumerate(texts.STATUS_SHEET_COLUMNS):
        ws.write_string(head, c, label, st.th)
    for i, u in enumerate(plan):
        r, f = head + 1 + i, u.file
        cells = [i + 1, u.code, u.name, texts.ROLES[u.result.role], texts.STATUS_LABELS[u.result.status],
                 f.path if f else None, f.sha256 if f else None, local(f.arrived) if f else None,
                 _on_time(f, form.period.deadline), u.counts[ERROR] if f else None,
                 u.counts[WARNING] if f else None, u.counts[INFO] if f else None, u.included, u.reason]
        for c, value in enumerate(cells):
            fmt = st.td_time if c == 7 else st.td_c if c in (0, 8, 9, 10, 11, 12) else st.td_wrap
            _put(ws, r, c, value, fmt)
    last = head + len(plan)
    ws.autofilter(head, 0, last, len(texts.STATUS_SHEET_COLUMNS) - 1)
    ws.freeze_panes(head + 1, 3)
    others = [f for f in report.files if f.status in (SUPERSEDED, REJECTED, IGNORED)]
    r = last + 2
    ws.write_string(r, 0, texts.OTHER_FILES_TITLE, st.sheet_title)
    r += 1
    for c, label in enumerate(texts.OTHER_FILES_COLUMNS):
        ws.write_string(r, c, label, st.th)
    if not others:
        ws.write_string(r + 1, 1, texts.OTHER_FILES_NONE, st.plain)
    for n, f in enumerate(others, start=1):
        if f.status == IGNORED:
            reason = texts.IGNORED_REASONS.get(f.reason or "", f.reason or "")
        elif f.status == SUPERSEDED:
            reason = "; ".join(found.message for found in f.issues if found.code == "superseded")
        else:
            chosen = [found for found in f.issues if found.severity == ERROR] or f.issues
            reason = "; ".join(found.message for found in chosen)
        cells = [n, f.path, texts.STATUS_LABELS[f.status], f.unit, f.sha256, local(f.arrived), reason]
        for c, value in enumerate(cells):
            _put(ws, r + n, c, value, st.td_time if c == 5 else st.td_c if c == 0 else st.td_wrap)
    for c, width in enumerate((5, 8, 22, 12, 13, 34, 20, 16, 10, 8, 10, 9, 10, 60)):
        ws.set_column(c, c, width)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(head, head)


# --- 4. "Lỗi - cảnh báo" -------------------------------------------------------------------------------

def _findings_sheet(ws, report: Report, st: _Styles) -> None:
    form = report.form
    order = {u.code: i for i, u in enumerate(form.units)}
    files = sorted(report.files, key=lambda f: (order.get(f.unit or "", len(order)), f.path))
    for c, label in enumerate(texts.FINDINGS_COLUMNS):
        ws.write_string(0, c, label, st.th)
    r = 0
    for f in files:
        unit = form.units_by_code.get(f.unit or "")
        for found in f.issues:
            r += 1
            cells = [r, f.unit, unit.name if unit else None, found.file or f.path, found.sheet, found.cell,
                     found.code, texts.SEVERITY_LABELS[found.severity], found.row, found.column, found.message]
            for c, value in enumerate(cells):
                _put(ws, r, c, value, st.td_c if c in (0, 5) else st.td_wrap)
    _list_layout(ws, r, (6, 9, 18, 30, 14, 7, 20, 10, 28, 10, 70))


# --- 5. "Dữ liệu" --------------------------------------------------------------------------------------

def _data_sheet(ws, form: Form, rows: list[list], st: _Styles) -> None:
    columns = data_columns(form)
    for c, label in enumerate(columns):
        ws.write_string(0, c, label, st.data_th)
    counts = set(D_COUNTS.values()) | {D_INCLUDED}
    for r, values in enumerate(rows, start=1):
        for c, value in enumerate(values):
            if value is None:
                continue  # empty means empty: pandas reads NaN, pivots skip it
            if c in counts:
                ws.write_number(r, c, value, st.data_n)
            else:
                ws.write_string(r, c, clean(value))
    _list_layout(ws, len(rows), (10, 20, 26, 40, 9, 9, 9, 30, 36, 24, 10))


def _list_layout(ws, last_row: int, widths: tuple[int, ...]) -> None:
    """A list with a header row: filter, frozen header, landscape A4 one page wide, header repeated."""
    ws.autofilter(0, 0, max(last_row, 1), len(widths) - 1)
    ws.freeze_panes(1, 0)
    for c, width in enumerate(widths):
        ws.set_column(c, c, width)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, 0)


# --- 6. "Biểu đồ" --------------------------------------------------------------------------------------

def _chart_sheet(wb, ws, form: Form, plan: list[_Unit], st: _Styles) -> None:
    name = texts.SUMMARY_SHEETS["chart"]
    included = [u for u in plan if u.included]

    def total(u: _Unit, role: str) -> int:
        return sum(u.value(row.key, role) or 0 for row in form.rows if row.applies(role))

    order = sorted(range(len(included)), key=lambda i: (-total(included[i], "total"), i))
    shown = [included[i] for i in order[:CHART_TOP]]
    words = {"collective": form.columns["collective"], "individual": form.columns["individual"]}
    title = (texts.CHART_TITLE_TOP.format(shown=len(shown), count=len(included), **words)
             if len(included) > CHART_TOP else texts.CHART_TITLE.format(**words))
    ws.write_string(0, 0, clean(title), st.sheet_title)
    ws.write_string(1, 0, texts.CHART_NOTE.format(sheet=texts.SUMMARY_SHEETS["by_unit"],
                                                  grand_total=form.grand_total), st.small)
    # The chart first (what goes on the conference slide), its numbers under it.
    head = 3 if not shown else 3 + CHART_ROWS
    labels = [texts.CHART_UNIT, form.columns["collective"], form.columns["individual"], form.columns["total"]]
    for c, label in enumerate(labels):
        ws.write_string(head, c, label, st.th)
    for i, u in enumerate(shown, start=1):
        _put(ws, head + i, 0, u.name, st.td)
        for c, role in enumerate(("collective", "individual", "total"), start=1):
            ws.write_number(head + i, c, total(u, role), st.td_n)
    ws.set_column(0, 0, 24)
    ws.set_column(1, 3, 11)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if not shown:
        ws.write_string(head + 1, 0, texts.CHART_EMPTY, st.plain)
        return
    first, last = head + 1, head + len(shown)
    chart = wb.add_chart({"type": "column", "subtype": "stacked"})
    font = {"name": "Times New Roman"}
    for c, color in ((1, "#4472C4"), (2, "#ED7D31")):
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


# --- 7. one sheet per unit ----------------------------------------------------------------------------

def _unit_sheet_name(u: _Unit, taken: set[str]) -> str:
    base = unit_stem(u.code, u.name)[:31]
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        suffix = f"~{n}"
        name = base[: 31 - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _unit_sheet(ws, form: Form, u: _Unit, st: _Styles) -> None:
    f = u.file
    layout = table_layout(form, HEADER_ROW)
    ws.hide_gridlines(2)
    set_columns(ws, form)
    write_document_header(ws, form, st, (form.heading.format(name=u.name.upper()), form.subheading),
                          texts.UNIT_CODE_LINE.format(code=u.code))
    line = texts.UNIT_SHEET_FILE.format(file=f.path, saved=_when(f.arrived),
                                        status=texts.STATUS_LABELS[u.result.status])
    _merged(ws, 6, 0, 5, line, st.line, _line_height(line))
    if not u.included or u.result.status == ERROR:
        template = texts.UNIT_SHEET_INVALID_INCLUDED if u.included else texts.UNIT_SHEET_EXCLUDED
        text = template.format(reason=u.reason)
        _merged(ws, 7, 0, 5, text, st.warning_line, _line_height(text, 90))
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
