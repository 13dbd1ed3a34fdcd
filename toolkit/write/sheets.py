"""The house style both workbooks are written in: formats, the plan's table, the document header,
the signature block, print set-up, and the list sheets' columns.

The template and the summary look alike on screen and on paper because both are written with
these pieces; nothing here knows which of the two it is writing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import xlsxwriter

from .. import texts
from ..formats import date_vn
from ..form import Form
from ..layout import TableLayout, address, clean, summed
from ..markers import TOTAL_KEY

FONT = "Times New Roman"
FLAGGED = "#FF9999"  # the fill of a cell the unit must correct
#: Column widths by what a column holds (the label column fits its longest label).
WIDTHS = {"stt": 6, "unit": 11, "count": 11, "decimal": 12, "percent": 11, "text": 24}
ROW_HEIGHT = 19.5  # points, for 12 pt text with air above and below
A4 = 9  # XlsxWriter's paper code


class Styles:
    """The formats of a document sheet (header, table, signatures), created once per workbook."""

    def __init__(self, wb: xlsxwriter.Workbook):
        self.wb = wb
        self._props: dict[int, dict] = {}
        self._flagged: dict[int, object] = {}
        self._decimals: dict[tuple[int, int], object] = {}
        fmt = self.fmt
        cell_border = {"border": 1}
        self.heading = fmt(bold=True, align="center", font_size=13)
        self.heading_plain = fmt(align="center", font_size=13)
        self.motto = fmt(bold=True, underline=True, align="center", font_size=13)
        self.title = fmt(bold=True, align="center", font_size=14, text_wrap=True)
        self.italic = fmt(italic=True, align="center", font_size=13)
        self.banner = fmt(bold=True, align="center", font_color="#C00000", font_size=13)
        self.header = fmt(bold=True, align="center", text_wrap=True, bg_color="#D9E1F2", **cell_border)
        self.numbers = fmt(italic=True, align="center", font_size=10, **cell_border)
        self.section = fmt(bold=True, text_wrap=True, **cell_border)
        self.section_c = fmt(bold=True, align="center", **cell_border)
        self.section_n = fmt(bold=True, num_format="#,##0", **cell_border)
        self.count = fmt(num_format="#,##0", **cell_border)
        self.label = fmt(text_wrap=True, **cell_border)
        self.center = fmt(align="center", **cell_border)
        self.input = fmt(num_format="#,##0", locked=False, bg_color="#FFFFFF", **cell_border)
        self.note = fmt(text_wrap=True, locked=False, font_size=11, **cell_border)
        self.not_applicable = fmt(align="center", font_color="#7F7F7F", pattern=8,
                                  bg_color="#D9D9D9", fg_color="#BFBFBF", **cell_border)
        self.mismatch = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006", "bold": True})
        self.sign_title = fmt(bold=True, align="center", font_size=13)
        self.sign_hint = fmt(italic=True, align="center", font_size=12)
        self.date_input = fmt(italic=True, align="center", font_size=13, locked=False)
        self.signer = fmt(bold=True, align="center", font_size=13, locked=False)
        self.text = fmt(text_wrap=True, valign="top", font_size=13)
        self.small = fmt(italic=True, font_size=10, font_color="#595959")
        self.key = fmt(font_size=10, font_color="#595959")

    def fmt(self, **props):
        """A format in the house style: the one font, 12 pt unless told, centred vertically."""
        props = {"font_name": FONT, "font_size": 12, "valign": "vcenter", **props}
        made = self.wb.add_format(props)
        self._props[id(made)] = props
        return made

    def places(self, made, places: int):
        """``made`` showing ``places`` decimals (made once per format and number of places)."""
        if not places:
            return made
        key = (id(made), places)
        if key not in self._decimals:
            self._decimals[key] = self.fmt(**{**self._props[id(made)], "num_format": "#,##0." + "0" * places})
        return self._decimals[key]

    def flagged(self, made):
        """``made`` with the red fill of a cell to correct (made once per format)."""
        key = id(made)
        if key not in self._flagged:
            props = {**self._props.get(key, {}), "bg_color": FLAGGED, "pattern": 1}
            props.pop("fg_color", None)
            self._flagged[key] = self.wb.add_format(props)
        return self._flagged[key]


class ListStyles(Styles):
    """The document formats plus those of list sheets and of the lines above a table, mostly 11 pt."""

    def __init__(self, wb: xlsxwriter.Workbook):
        super().__init__(wb)
        fmt, border = self.fmt, {"border": 1}
        grey = {"font_color": "#7F7F7F", "italic": True}
        yes_no = f'"{texts.YES}";"{texts.YES}";"{texts.NO}"'
        self.line = fmt(italic=True, align="center", font_size=12, text_wrap=True)
        self.warning_line = fmt(bold=True, align="center", font_color="#C00000", font_size=12, text_wrap=True)
        self.sheet_title = fmt(bold=True, font_size=14)
        self.sheet_title_wrap = fmt(bold=True, font_size=14, text_wrap=True, valign="top")
        self.plain_wrap = fmt(font_size=11, text_wrap=True, valign="top")
        self.small_wrap = fmt(italic=True, font_size=10, font_color="#595959", text_wrap=True, valign="top")
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
        self.td_d = fmt(font_size=11, num_format="#,##0.00", **border)  # amounts and percents
        self.td_grey_flag = fmt(font_size=11, num_format=yes_no, align="center", **grey, **border)
        self.td_na = fmt(pattern=1, bg_color="#E7E6E6", **border)
        self.td_total = fmt(bold=True, font_size=11, bg_color="#F2F2F2", **border)
        self.td_total_n = fmt(bold=True, font_size=11, num_format="#,##0", bg_color="#F2F2F2", **border)
        self.data_th = fmt(bold=True, bg_color="#D9E1F2", font_size=11, border=1)
        self.data_n = fmt(font_size=11, num_format="0")
        self.data_s = fmt(font_size=11, text_wrap=True, valign="top")


# --- document sheets: the plan's table under the national heading, signed at the foot ----------------

def write_table(ws, form: Form, layout: TableLayout, st: Styles, values=None, inputs: bool = True,
                formulas=None) -> None:
    """The plan's table: headers, sections with subtotal formulas, value rows, grand total.

    ``values`` maps (row key, column key) to a number or text for filled tables; formulas always
    carry their cached results so readers that never recalculate see the right numbers.
    ``formulas`` maps (row key, column key) to a formula written in that cell instead, cached as
    its value; a computed column's cells carry the formula of its rule.
    """
    values = values or {}
    formulas = formulas or {}
    col = layout.column
    numbers = column_numbers(form)
    for key, c in col.items():
        ws.write_string(layout.header_row, c, form.columns[key], st.header)
        ws.write_string(layout.header_row + 1, c, numbers[key], st.numbers)
    label, stt, unit = form.key_of_kind("label"), form.key_of_kind("stt"), form.key_of_kind("unit")
    summed_keys = [k for k in form.value_keys if form.column[k].kind != "percent"]
    computed = {rule.target: rule for rule in form.rules
                if getattr(rule, "target", None) and not form.column[rule.target].input}
    section_cells: dict[str, list[str]] = {key: [] for key in summed_keys}
    grand = dict.fromkeys(summed_keys, 0)
    for section in form.sections:
        if not section.inline:
            top = layout.section_row[section.key]
            if stt:
                ws.write_string(top, col[stt], section.number, st.section_c)
            ws.write_string(top, col[label], section.label, st.section)
            ws.set_row(top, row_height(section.label, label_width(form)))
            ws.write_string(top, layout.key_column, section.key, st.key)
            for key in (*form.text_keys, *([unit] if unit else [])):
                ws.write_blank(top, col[key], None, st.section)
            for key in form.value_keys:
                if not section.subtotal or key not in grand:
                    ws.write_blank(top, col[key], None, st.section)
                    continue
                subtotal = sum(summed(values.get((r.key, key))) for r in section.rows if r.applies(key))
                grand[key] += subtotal
                first, last = layout.item_row[section.rows[0].key], layout.item_row[section.rows[-1].key]
                rng = f"{address(first, col[key])}:{address(last, col[key])}"
                places = max(form.places(r, key) for r in section.rows)
                ws.write_formula(top, col[key], f"=SUM({rng})", st.places(st.section_n, places), subtotal)
                section_cells[key].append(layout.cell(top, key))
        for i, item in enumerate(section.rows, start=1):
            row = layout.item_row[item.key]
            if stt:
                if item.number is None:
                    ws.write_number(row, col[stt], i, st.center)
                else:
                    ws.write_string(row, col[stt], item.number, st.section_c if section.inline else st.center)
            ws.write_string(row, col[label], item.label, st.section if section.inline else st.label)
            if unit:
                ws.write_string(row, col[unit], item.unit, st.center)
            notes = {key: values.get((item.key, key)) for key in form.text_keys}
            # A written Ghi chú (a unit's, sent back for correction) gets the lines it needs.
            ws.set_row(row, max([row_height(item.label, label_width(form))] + [
                row_height(text, WIDTHS["text"]) for text in notes.values() if text]))
            ws.write_string(row, layout.key_column, item.key, st.key)
            for key in form.value_keys:
                value, c = values.get((item.key, key)), col[key]
                places = form.places(item, key)
                if not item.applies(key):
                    ws.write_string(row, c, texts.NOT_APPLICABLE, st.not_applicable)
                elif (item.key, key) in formulas:
                    ws.write_formula(row, c, formulas[(item.key, key)], st.places(st.count, places), summed(value))
                elif key in computed and computed[key].applies(item):
                    rule = computed[key]
                    known = rule.value({k: values.get((item.key, k)) for k in rule.operands})
                    # An operand that does not apply on this row holds "x": a sum leaves it out.
                    ws.write_formula(row, c, "=" + rule.formula(
                        lambda k: layout.cell(row, k) if item.applies(k) else "0"),
                                     st.places(st.count, places), "" if known is None else known)
                elif value is None:
                    ws.write_blank(row, c, None, st.places(st.input if inputs else st.center, places))
                elif isinstance(value, str):  # sample data typed as text, as some provinces do
                    ws.write_string(row, c, value, st.input if inputs else st.center)
                else:
                    ws.write_number(row, c, value, st.places(st.input if inputs else st.count, places))
            for key, text in notes.items():
                if text:
                    ws.write_string(row, col[key], text, st.note)
                else:
                    ws.write_blank(row, col[key], None, st.note)
    total = layout.total_row
    if total is None:
        return
    for key, c in col.items():
        if key == label:
            ws.write_string(total, c, form.grand_total, st.section)
        elif key in section_cells:
            places = max(form.places(r, key) for r in form.rows)
            ws.write_formula(total, c, "=" + "+".join(section_cells[key]), st.places(st.section_n, places), grand[key])
        else:
            ws.write_blank(total, c, None, st.section_c if key == stt else st.section)
    ws.set_row(total, ROW_HEIGHT)
    ws.write_string(total, layout.key_column, TOTAL_KEY, st.key)


def column_numbers(form: Form) -> dict[str, str]:
    """The line under the headers: "(1)", "(2)", …, and a column a rule ties to others as the rule,
    "(3)=(4)+(5)"."""
    numbers = {key: f"({i})" for i, key in enumerate(form.columns, start=1)}
    for rule in form.rules:
        target = getattr(rule, "target", None)
        if target is not None:
            numbers[target] = numbers[target] + "=" + rule.spoken(numbers).replace(" ", "")
    return numbers


def label_width(form: Form) -> int:
    """Wide enough that the longest label (award, section or total) fits on one line at 12 pt."""
    labels = [r.label for r in form.rows] + [s.label for s in form.sections] + [form.grand_total or ""]
    return max(36, min(60, max(map(len, labels)) + 4))


def row_height(text: str, width: int) -> float:
    """Rows taller than the default so a wrapped label stays readable on screen and on paper
    (LibreOffice does not grow rows to fit wrapped text in files it did not write)."""
    return ROW_HEIGHT * max(1, -(-len(text) // (width - 2)))


def set_columns(ws, form: Form) -> None:
    for col, column in enumerate(form.kinds):
        ws.set_column(col, col, label_width(form) if column.kind == "label" else WIDTHS[column.kind])
    ws.set_column(len(form.kinds), len(form.kinds), None, None, {"hidden": True})


LIST_MARGIN = 0.4  # inches, left and right, on landscape list sheets
PAGE_FOOTER = f"&R&\"{FONT}\"&10&P/&N"  # the page number, in the house font


def set_print(ws, layout: TableLayout, last_row: int) -> None:
    ws.set_paper(A4)
    ws.set_portrait()
    # NĐ 30/2020: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm (values in inches).
    ws.set_margins(left=30 / 25.4, right=15 / 25.4, top=20 / 25.4, bottom=20 / 25.4)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.repeat_rows(layout.header_row, layout.header_row + 1)
    ws.print_area(0, 0, last_row, layout.last_column)
    ws.set_footer(PAGE_FOOTER)


def last_column(form: Form) -> int:
    """The table's last column: lines above and below the table span up to it."""
    return len(form.columns) - 1


def write_document_header(ws, form: Form, st: Styles, left: tuple[str, str], code_line: str | None) -> None:
    last = last_column(form)
    ws.merge_range(0, 0, 0, 1, left[0], st.heading_plain)
    ws.merge_range(1, 0, 1, 1, left[1], st.heading)
    ws.merge_range(0, 2, 0, last, texts.NATIONAL_TITLE, st.heading)
    ws.merge_range(1, 2, 1, last, texts.NATIONAL_MOTTO, st.motto)
    if code_line:
        ws.merge_range(2, 0, 2, 1, code_line, st.small)
    ws.merge_range(4, 0, 4, last, form.title, st.title)
    ws.set_row(4, 36)
    ws.merge_range(5, 0, 5, last, texts.PERIOD_LINE.format(
        start=date_vn(form.period.start), end=date_vn(form.period.end)), st.italic)


def write_signatures(ws, form: Form, row: int, st: Styles, date_line: str | None = None) -> int:
    """The place-and-date line and the two signature blocks; returns the row after them."""
    last = last_column(form)
    # The place-and-date line and the signers' names are the unit's to type: unlocked.
    ws.merge_range(row, 2, row, last, date_line or texts.DATE_LINE.format(year=form.period.deadline.year),
                   st.date_input)
    (left_title, left_hint), (right_title, right_hint) = texts.SIGNATURES
    ws.merge_range(row + 1, 0, row + 1, 1, left_title, st.sign_title)
    ws.merge_range(row + 2, 0, row + 2, 1, left_hint, st.sign_hint)
    ws.merge_range(row + 1, 2, row + 1, last, right_title, st.sign_title)
    ws.merge_range(row + 2, 2, row + 2, last, right_hint, st.sign_hint)
    ws.merge_range(row + 6, 0, row + 6, 1, "", st.signer)
    ws.merge_range(row + 6, 2, row + 6, last, "", st.signer)
    return row + 7


def new_workbook(path: Path, form: Form, subject: str, created=None) -> xlsxwriter.Workbook:
    """A workbook in the house settings; ``created`` (naive UTC) fixes the document date for
    writers whose output must not depend on when they ran."""
    # Text is only ever text: nothing a user or a province typed may turn into a formula or a link.
    # in_memory: the parts are assembled in memory, not as a dozen temporary files per workbook.
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False,
                                         "strings_to_numbers": False, "in_memory": True})
    properties = {"title": form.title, "subject": subject, "company": form.standing_office,
                  "comments": f"{form.id} v{form.version}"}
    if created is not None:
        properties["created"] = created
    wb.set_properties(properties)
    return wb


# --- cells -------------------------------------------------------------------------------------------

def put(ws, row: int, col: int, value: object, fmt=None) -> None:
    """One cell; text always as a string (never a formula or a link), numbers as numbers."""
    kind = type(value)
    if kind is int or kind is float:  # most cells: asked first (a bool's type is bool, not int)
        ws.write_number(row, col, value, fmt)
    elif value is None or value == "":
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, bool):
        ws.write_string(row, col, texts.YES if value else texts.NO, fmt)
    elif isinstance(value, (int, float)):
        ws.write_number(row, col, value, fmt)
    elif isinstance(value, dt.datetime):
        ws.write_datetime(row, col, value, fmt)
    else:
        ws.write_string(row, col, clean(value), fmt)


def merged(ws, row: int, first: int, last: int, text: str, fmt, height: float | None = None) -> None:
    """A line of text across columns ``first`` to ``last``, ``height`` points tall if given."""
    ws.merge_range(row, first, row, last, "", fmt)
    ws.write_string(row, first, clean(text), fmt)
    if height:
        ws.set_row(row, height)


def line_height(text: str, width: int = 100) -> float:
    """The height of a wrapped line of about ``width`` characters a line."""
    return 17.0 * max(1, -(-len(text) // width))


# --- list sheets: a header row over one record per row ------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column of a list sheet: the record key it shows, its heading, its width (None: the
    sheet's other list sets it) and the name of the :class:`ListStyles` format of its cells."""

    key: str
    label: str
    width: float | None
    style: str = "td_wrap"


def columns(labels: Sequence[str], specs: Sequence[tuple[str, float | None, str]]) -> list[Column]:
    """Columns from their headings (kept in ``texts``) and their (key, width, style), in order."""
    return [Column(key, label, width, style) for label, (key, width, style) in zip(labels, specs, strict=True)]


def write_header(ws, row: int, cols: Sequence[Column], fmt, widths: Sequence[float | None] | None = None) -> None:
    """The headings, in a row as tall as the longest wrapped heading needs."""
    lines = 1
    for c, col in enumerate(cols):
        ws.write_string(row, c, col.label, fmt)
        width = col.width if widths is None else widths[c]
        if width:
            lines = max(lines, text_lines(col.label, width))
    if lines > 1:
        ws.set_row(row, LIST_LINE * lines + 2)


#: Points per line of 11 pt list text; wrapped records get this per line they need.
LIST_LINE = 15.0


def write_record(ws, row: int, cols: Sequence[Column], record: dict[str, object], st: ListStyles,
                 widths: Sequence[float | None] | None = None) -> None:
    """One record, each value under its column's heading in its column's format; a record whose
    wrapped text needs more than one line gets the row height for it, since LibreOffice does not
    grow rows of files it did not write and the text would spill into the next row. ``widths``: the
    columns' widths when the record's own columns leave them to the sheet (None)."""
    lines = 1
    for c, col in enumerate(cols):
        value = record[col.key]
        put(ws, row, c, value, getattr(st, col.style))
        width = col.width if widths is None else widths[c]
        if col.style == "td_wrap" and width and isinstance(value, str):
            lines = max(lines, text_lines(value, width))
    if lines > 1:
        ws.set_row(row, LIST_LINE * lines + 2)


@lru_cache(maxsize=8192)  # a list's labels, names and paths repeat on row after row
def text_lines(text: str, width: float) -> int:
    """Lines a wrapped ``text`` takes in a column ``width`` characters wide (words are not split,
    so a line holds a little less than the width)."""
    per_line = max(1, int(width * 1.1))
    return sum(max(1, -(-len(part) // per_line)) for part in text.split("\n"))


def print_title(ws, title: str) -> None:
    """The sheet's title at the top of every printed page, for sheets whose first row is their table."""
    ws.set_header(f'&C&"{FONT},Bold"&12' + title.replace("&", "&&"))


def set_widths(ws, cols: Sequence[Column]) -> None:
    for c, col in enumerate(cols):
        ws.set_column(c, c, col.width)


def set_landscape(ws, one_page_wide: bool = True) -> None:
    """Landscape A4 with narrow side margins and numbered pages, by default scaled to one page
    wide (as many pages down as it takes)."""
    ws.set_paper(A4)
    ws.set_landscape()
    ws.set_margins(left=LIST_MARGIN, right=LIST_MARGIN, top=0.75, bottom=0.6)
    ws.set_footer(PAGE_FOOTER)
    if one_page_wide:
        ws.fit_to_pages(1, 0)


def list_layout(ws, last_row: int, cols: Sequence[Column], pages_wide: int = 1) -> None:
    """A list with its header in row 1: filter, frozen header, widths, header repeated on paper; a
    list too wide for one readable page is printed ``pages_wide`` pages across."""
    ws.autofilter(0, 0, max(last_row, 1), len(cols) - 1)
    ws.freeze_panes(1, 0)
    set_widths(ws, cols)
    set_landscape(ws, one_page_wide=False)
    ws.fit_to_pages(pages_wide, 0)
    ws.repeat_rows(0, 0)
