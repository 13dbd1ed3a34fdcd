"""The per-unit template workbook: locked layout, validation, live checks and embedded identity."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter

from .. import texts
from ..files import atomic_path
from ..formats import date_vn
from ..form import COUNT_ROLES, Form, Unit
from ..layout import COLUMN, KEY_COLUMN, NOTE_MAX_LENGTH, TableLayout, address, cell, column_name, summed, table_layout
from ..markers import IDENTITY_SHEET, NAME_PREFIX, TOTAL_KEY, PROPERTY_PREFIX, identity
from ..names import unit_stem
from ..workers import held, pool as worker_pool, state as worker_state

FONT = "Times New Roman"
FLAGGED = "#FF9999"  # the fill of a cell the unit must correct
WIDTHS = {"number": 6, "total": 11, "collective": 11, "individual": 11, "note": 24}
# Below this many units one process is quicker than starting workers.
PARALLEL_FROM = 24
ROW_HEIGHT = 19.5  # points, for 12 pt text with air above and below


def template_name(unit: Unit) -> str:
    return unit_stem(unit.code, unit.name) + ".xlsx"


class Styles:
    """The workbook's formats, created once per workbook."""

    def __init__(self, wb: xlsxwriter.Workbook):
        self.wb = wb
        self._props: dict[int, dict] = {}
        self._flagged: dict[int, object] = {}
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
        """A format in the house style (other writers add their own formats with it)."""
        props = {"font_name": FONT, "font_size": 12, "valign": "vcenter", **props}
        made = self.wb.add_format(props)
        self._props[id(made)] = props
        return made

    def flagged(self, made):
        """``made`` with the red fill of a cell to correct (made once per format)."""
        key = id(made)
        if key not in self._flagged:
            props = {**self._props.get(key, {}), "bg_color": FLAGGED, "pattern": 1}
            props.pop("fg_color", None)
            self._flagged[key] = self.wb.add_format(props)
        return self._flagged[key]


def write_table(ws, form: Form, layout: TableLayout, st: Styles, values=None, inputs: bool = True,
                formulas=None) -> None:
    """The plan's table: headers, sections with subtotal formulas, award rows, grand total.

    ``values`` maps (row key, role) to a number for filled tables; formulas always carry their
    cached results so readers that never recalculate see the right numbers. ``formulas`` maps
    (row key, role) to a formula written in that award cell instead, cached as its value.
    """
    values = values or {}
    formulas = formulas or {}
    for role, col in COLUMN.items():
        ws.write_string(layout.header_row, col, form.columns[role], st.header)
        ws.write_string(layout.header_row + 1, col, texts.COLUMN_NUMBERS[role], st.numbers)
    section_cells: dict[str, list[str]] = {role: [] for role in COUNT_ROLES}
    grand = dict.fromkeys(COUNT_ROLES, 0)
    for section in form.sections:
        top = layout.section_row[section.key]
        first, last = layout.item_row[section.rows[0].key], layout.item_row[section.rows[-1].key]
        ws.write_string(top, COLUMN["number"], section.number, st.section_c)
        ws.write_string(top, COLUMN["label"], section.label, st.section)
        ws.set_row(top, row_height(section.label, label_width(form)))
        ws.write_string(top, KEY_COLUMN, section.key, st.key)
        ws.write_blank(top, COLUMN["note"], None, st.section)
        for role in COUNT_ROLES:
            subtotal = sum(summed(values.get((r.key, role))) for r in section.rows if r.applies(role))
            grand[role] += subtotal
            col = COLUMN[role]
            rng = f"{address(first, col)}:{address(last, col)}"
            ws.write_formula(top, col, f"=SUM({rng})", st.section_n, subtotal)
            section_cells[role].append(cell(top, role))
        for i, item in enumerate(section.rows, start=1):
            row = layout.item_row[item.key]
            ws.write_number(row, COLUMN["number"], i, st.center)
            ws.write_string(row, COLUMN["label"], item.label, st.label)
            ws.set_row(row, row_height(item.label, label_width(form)))
            ws.write_string(row, KEY_COLUMN, item.key, st.key)
            for role in COUNT_ROLES:
                value = values.get((item.key, role))
                if not item.applies(role):
                    ws.write_string(row, COLUMN[role], texts.NOT_APPLICABLE, st.not_applicable)
                elif (item.key, role) in formulas:
                    ws.write_formula(row, COLUMN[role], formulas[(item.key, role)], st.count, summed(value))
                elif value is None:
                    ws.write_blank(row, COLUMN[role], None, st.input if inputs else st.center)
                elif isinstance(value, str):  # sample data typed as text, as some provinces do
                    ws.write_string(row, COLUMN[role], value, st.input if inputs else st.center)
                else:
                    ws.write_number(row, COLUMN[role], value, st.input if inputs else st.count)
            note = values.get((item.key, "note"))
            if note:
                ws.write_string(row, COLUMN["note"], note, st.note)
            else:
                ws.write_blank(row, COLUMN["note"], None, st.note)
    total = layout.total_row
    ws.write_blank(total, COLUMN["number"], None, st.section_c)
    ws.write_string(total, COLUMN["label"], form.grand_total, st.section)
    ws.set_row(total, ROW_HEIGHT)
    ws.write_string(total, KEY_COLUMN, TOTAL_KEY, st.key)
    for role in COUNT_ROLES:
        ws.write_formula(total, COLUMN[role], "=" + "+".join(section_cells[role]), st.section_n, grand[role])
    ws.write_blank(total, COLUMN["note"], None, st.section)


def label_width(form: Form) -> int:
    """Wide enough that the longest label (award, section or total) fits on one line at 12 pt."""
    labels = [r.label for r in form.rows] + [s.label for s in form.sections] + [form.grand_total]
    return max(36, min(60, max(map(len, labels)) + 4))


def row_height(text: str, width: int) -> float:
    """Rows taller than the default so a wrapped label stays readable on screen and on paper
    (LibreOffice does not grow rows to fit wrapped text in files it did not write)."""
    return ROW_HEIGHT * max(1, -(-len(text) // (width - 2)))


def set_columns(ws, form: Form) -> None:
    for role, col in COLUMN.items():
        ws.set_column(col, col, label_width(form) if role == "label" else WIDTHS[role])
    ws.set_column(KEY_COLUMN, KEY_COLUMN, None, None, {"hidden": True})


def set_print(ws, layout: TableLayout, last_row: int) -> None:
    ws.set_paper(9)  # A4
    ws.set_portrait()
    # NĐ 30/2020: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm (values in inches).
    ws.set_margins(left=30 / 25.4, right=15 / 25.4, top=20 / 25.4, bottom=20 / 25.4)
    ws.fit_to_pages(1, 0)
    ws.center_horizontally()
    ws.repeat_rows(layout.header_row, layout.header_row + 1)
    ws.print_area(0, 0, last_row, len(COLUMN) - 1)
    ws.set_footer(f"&R&\"{FONT}\"&10&P/&N")


def write_document_header(ws, form: Form, st: Styles, left: tuple[str, str], code_line: str | None) -> None:
    ws.merge_range(0, 0, 0, 1, left[0], st.heading_plain)
    ws.merge_range(1, 0, 1, 1, left[1], st.heading)
    ws.merge_range(0, 2, 0, 5, texts.NATIONAL_TITLE, st.heading)
    ws.merge_range(1, 2, 1, 5, texts.NATIONAL_MOTTO, st.motto)
    if code_line:
        ws.merge_range(2, 0, 2, 1, code_line, st.small)
    ws.merge_range(4, 0, 4, 5, form.title, st.title)
    ws.set_row(4, 36)
    ws.merge_range(5, 0, 5, 5, texts.PERIOD_LINE.format(
        start=date_vn(form.period.start), end=date_vn(form.period.end)), st.italic)


def write_signatures(ws, row: int, st: Styles, year: int, date_line: str | None = None) -> int:
    """The place-and-date line and the two signature blocks; returns the row after them."""
    # The place-and-date line and the signers' names are the unit's to type: unlocked.
    ws.merge_range(row, 2, row, 5, date_line or texts.DATE_LINE.format(year=year), st.date_input)
    (left_title, left_hint), (right_title, right_hint) = texts.SIGNATURES
    ws.merge_range(row + 1, 0, row + 1, 1, left_title, st.sign_title)
    ws.merge_range(row + 2, 0, row + 2, 1, left_hint, st.sign_hint)
    ws.merge_range(row + 1, 2, row + 1, 5, right_title, st.sign_title)
    ws.merge_range(row + 2, 2, row + 2, 5, right_hint, st.sign_hint)
    ws.merge_range(row + 6, 0, row + 6, 1, "", st.signer)
    ws.merge_range(row + 6, 2, row + 6, 5, "", st.signer)
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


def write_template(form: Form, unit: Unit, path: Path, sample_values: dict | None = None,
                   created=None) -> Path:
    """Write one unit's template to ``path`` atomically and return ``path``.

    ``sample_values`` pre-fills the table (used to make demonstration returns), and marks the
    workbook as sample data; ``created`` (naive UTC) then stands for when the unit saved it.
    """
    with atomic_path(path, durable=False) as tmp:
        wb = new_workbook(tmp, form, unit.name, created)
        add_template_sheets(wb, Styles(wb), form, unit, sample_values, banner=bool(sample_values)).activate()
        wb.close()
    return path


def add_template_sheets(wb: xlsxwriter.Workbook, st: Styles, form: Form, unit: Unit, values=None, *,
                        banner: bool = False, marked=frozenset()):
    """The template's sheets (data, instructions, identity) added to ``wb``; returns the data sheet.

    ``values`` pre-fills the table; ``marked`` holds (row, column) cells written with a red fill.
    """
    layout = table_layout(form)
    ws = wb.add_worksheet(form.sheet)
    _data_sheet(_Marking(ws, marked, st) if marked else ws, form, unit, layout, st, values, banner)
    _instructions_sheet(wb.add_worksheet(texts.INSTRUCTIONS_SHEET), form, unit, st)
    _identity(wb, form, unit)
    return ws


_CELL_WRITERS = {"write_string", "write_number", "write_blank", "write_formula"}


class _Marking:
    """A worksheet whose marked cells are written in their own format with a red fill."""

    def __init__(self, ws, marked, st: Styles):
        self._ws, self._marked, self._st = ws, marked, st

    def __getattr__(self, name: str):
        method = getattr(self._ws, name)
        if name not in _CELL_WRITERS:
            return method

        def write(row, col, value, cell_format=None, *rest):
            if (row, col) in self._marked:
                cell_format = self._st.flagged(cell_format)
            return method(row, col, value, cell_format, *rest)
        return write


def _data_sheet(ws, form: Form, unit: Unit, layout: TableLayout, st: Styles, values, banner: bool) -> None:
    ws.hide_gridlines(2)
    set_columns(ws, form)
    write_document_header(ws, form, st, (form.heading.format(name=unit.name.upper()), form.subheading),
                          texts.UNIT_CODE_LINE.format(code=unit.code))
    ws.merge_range(6, 0, 6, 5, texts.DEADLINE_LINE.format(
        deadline=date_vn(form.period.deadline), office=form.standing_office), st.italic)
    if banner:
        ws.merge_range(3, 0, 3, 5, texts.SAMPLE_DATA_BANNER, st.banner)
    ws.set_row(layout.header_row, 34)
    write_table(ws, form, layout, st, values)
    _validation(ws, form, layout, st)
    last = write_signatures(ws, layout.footer_row, st, form.period.end.year)
    set_print(ws, layout, last)
    ws.freeze_panes(layout.first_data_row, COLUMN["total"])
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})


def _validation(ws, form: Form, layout: TableLayout, st: Styles) -> None:
    inputs = {role: [cell(layout.item_row[r.key], role) for r in form.rows if r.applies(role)]
              for role in COUNT_ROLES}
    every = [c for cells in inputs.values() for c in cells]
    ws.data_validation(every[0], {
        "validate": "integer", "criteria": ">=", "value": 0, "multi_range": " ".join(every),
        "input_title": texts.VALIDATION_COUNT_TITLE, "input_message": texts.VALIDATION_COUNT_PROMPT,
        "error_title": texts.VALIDATION_COUNT_ERROR_TITLE, "error_message": texts.VALIDATION_COUNT_ERROR,
    })
    first, last = layout.item_row[form.rows[0].key], layout.item_row[form.rows[-1].key]
    note_col = column_name(COLUMN["note"])
    notes = [f"{note_col}{layout.item_row[r.key] + 1}" for r in form.rows]
    ws.data_validation(notes[0], {
        "validate": "length", "criteria": "<=", "value": NOTE_MAX_LENGTH, "multi_range": " ".join(notes),
        "input_title": texts.VALIDATION_NOTE_TITLE,
        "input_message": texts.VALIDATION_NOTE_PROMPT.format(limit=NOTE_MAX_LENGTH),
        "error_title": texts.VALIDATION_NOTE_TITLE,
        "error_message": texts.VALIDATION_NOTE_ERROR.format(limit=NOTE_MAX_LENGTH),
    })
    # Live check while typing: Tổng số turns red when it differs from Tập thể + Cá nhân.
    c, d, e = (column_name(COLUMN[r]) for r in COUNT_ROLES)
    top = first + 1
    ws.conditional_format(first, COLUMN["total"], last, COLUMN["total"], {
        "type": "formula", "format": st.mismatch,
        "criteria": f"=AND(COUNT(${c}{top}:${e}{top})>0,N(${c}{top})<>N(${d}{top})+N(${e}{top}))",
    })
    ws.write_comment(cell(layout.header_row, "total"), texts.TOTAL_MISMATCH_COMMENT.format(**form.columns),
                     {"font_name": FONT, "x_scale": 2})


def _instructions_sheet(ws, form: Form, unit: Unit, st: Styles) -> None:
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 1, texts.INSTRUCTIONS_TITLE, st.title)
    words = {"unit": unit.name, "code": unit.code, "period": form.period.name,
             "start": date_vn(form.period.start), "end": date_vn(form.period.end), "sheet": form.sheet,
             "grand_total": form.grand_total, "deadline": date_vn(form.period.deadline),
             "office": form.standing_office, "sections": ", ".join(s.number for s in form.sections),
             **form.columns}
    for i, line in enumerate(texts.INSTRUCTIONS, start=1):
        text = line.format(**words)
        ws.write_number(i + 1, 0, i, st.text)
        ws.write_string(i + 1, 1, text, st.text)
        # Not every program grows a row to fit wrapped text (LibreOffice does not on load): give
        # each paragraph the height of its lines, at about 95 characters of 13 pt per line.
        ws.set_row(i + 1, 18 * -(-len(text) // 95))
    ws.write_string(len(texts.INSTRUCTIONS) + 3, 1, texts.INSTRUCTIONS_FOOTER.format(
        form_id=form.id, version=form.version, fingerprint=form.fingerprint), st.small)
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("")


def _identity(wb: xlsxwriter.Workbook, form: Form, unit: Unit) -> None:
    """Identity in three places, so that at least one survives whatever the province's program does."""
    facts = identity(form, unit)
    hidden = wb.add_worksheet(IDENTITY_SHEET)
    for i, (key, value) in enumerate(facts.items()):
        hidden.write_string(i, 0, key)
        hidden.write_string(i, 1, value)
        wb.set_custom_property(PROPERTY_PREFIX + key, value)
        wb.define_name(NAME_PREFIX + key.upper(), '="{}"'.format(value.replace('"', '""')))
    hidden.protect("")
    hidden.very_hidden()


@dataclass(frozen=True)
class Generated:
    unit: Unit
    path: Path


def generate(form: Form, out_dir: Path, units: list[Unit] | None = None, workers: int | None = None,
             progress: Callable[[int, int], None] | None = None) -> list[Generated]:
    """Write one template per unit (all units of the form by default) into ``out_dir``.

    Large forms are written by one process per core; ``progress(done, total)`` follows along.
    """
    units = list(form.units if units is None else units)
    jobs = [(unit, out_dir / template_name(unit)) for unit in units]
    workers = workers or min(os.cpu_count() or 1, 8)
    with contextlib.ExitStack() as stack:
        if workers > 1 and len(jobs) >= PARALLEL_FROM:
            pool = stack.enter_context(worker_pool(workers, form))
            written = pool.imap(_write_job, jobs, chunksize=max(1, min(32, len(jobs) // (workers * 8))))
        else:
            stack.enter_context(held(form))
            written = map(_write_job, jobs)
        paths = []
        for path in written:
            paths.append(path)
            if progress:
                progress(len(paths), len(jobs))
    return [Generated(unit, path) for unit, path in zip(units, paths)]


def _write_job(job: tuple[Unit, Path]) -> Path:
    return write_template(worker_state(), *job)
