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
from ..layout import COLUMN, NOTE_MAX_LENGTH, TableLayout, cell, column_name, table_layout
from ..markers import IDENTITY_SHEET, NAME_PREFIX, PROPERTY_PREFIX
from ..names import unit_stem
from ..workers import held, pool as worker_pool, state as worker_state
from .sheets import (A4, FONT, Styles, new_workbook, set_columns, set_print, write_document_header,
                     write_signatures, write_table)

# Below this many units one process is quicker than starting workers.
PARALLEL_FROM = 24


def template_name(unit: Unit) -> str:
    return unit_stem(unit.code, unit.name) + ".xlsx"


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
    last = write_signatures(ws, layout.footer_row, st, form.period.deadline.year, _date_line(form, unit))
    set_print(ws, layout, last)
    ws.freeze_panes(layout.first_data_row, COLUMN["total"])
    first = form.rows[0]
    ws.set_selection(cell(layout.item_row[first.key], "total"))  # opens where typing starts
    # Rows may be resized under protection: a Ghi chú longer than its row is then never cut.
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True})


def _date_line(form: Form, unit: Unit) -> str | None:
    """The place-and-date line with the unit's place filled in when the form says where its units
    are (``units.place``); None leaves the place for the unit to type."""
    if form.unit_place is None:
        return None
    return texts.SUMMARY_DATE_LINE.format(place=form.unit_place.format(name=unit.name), year=form.period.deadline.year)


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
    ws.set_paper(A4)
    ws.fit_to_pages(1, 0)
    ws.protect("")


def _identity(wb: xlsxwriter.Workbook, form: Form, unit: Unit) -> None:
    """Identity in three places, so that at least one survives whatever the province's program does."""
    facts = form.identity(unit)
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
