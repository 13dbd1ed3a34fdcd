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
from ..formats import date_vn, number_vn
from ..form import Form, Unit
from ..layout import NOTE_MAX_LENGTH, TableLayout, address, table_layout
from ..rules import GroupRule, RowRule
from ..markers import IDENTITY_SHEET, NAME_PREFIX, PROPERTY_PREFIX
from ..names import unit_stem
from ..workers import held, pool as worker_pool, state as worker_state
from .sheets import (A4, FONT, Styles, last_column, new_workbook, set_columns, set_print, write_document_header,
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
    ws.merge_range(6, 0, 6, last_column(form), texts.DEADLINE_LINE.format(
        deadline=date_vn(form.period.deadline), office=form.standing_office), st.italic)
    if banner:
        ws.merge_range(3, 0, 3, last_column(form), texts.SAMPLE_DATA_BANNER, st.banner)
    ws.set_row(layout.header_row, 34)
    write_table(ws, form, layout, st, values)
    _validation(ws, form, layout, st)
    _live_checks(ws, form, layout, st)
    last = write_signatures(ws, form, layout.footer_row, st, _date_line(form, unit))
    set_print(ws, layout, last)
    first_value = layout.column[form.value_keys[0]]
    ws.freeze_panes(layout.first_data_row, first_value)
    start = next((layout.cell(layout.item_row[r.key], k) for r in form.rows for k in form.value_keys
                  if r.applies(k) and form.column[k].input), None)
    ws.set_selection(start or address(layout.first_data_row, first_value))  # opens where typing starts
    # Rows may be resized under protection: a Ghi chú longer than its row is then never cut.
    ws.protect("", {"select_locked_cells": True, "select_unlocked_cells": True, "format_rows": True})


def _date_line(form: Form, unit: Unit) -> str | None:
    """The place-and-date line with the unit's place filled in when the form says where its units
    are (``units.place``); None leaves the place for the unit to type."""
    if form.unit_place is None:
        return None
    return texts.SUMMARY_DATE_LINE.format(place=form.unit_place.format(name=unit.name), year=form.period.deadline.year)


def _validation(ws, form: Form, layout: TableLayout, st: Styles) -> None:
    groups: dict[tuple[str, int, bool], list[str]] = {}
    for key in form.value_keys:
        for row in form.rows:
            column = form.column[key]
            if row.applies(key) and column.input:
                kind = "count" if column.kind == "count" or form.places(row, key) == 0 else "decimal"
                what = (kind, form.places(row, key), form.negative_allowed(row, key))
                groups.setdefault(what, []).append(layout.cell(layout.item_row[row.key], key))
    for (kind, places, negative), cells in groups.items():
        title, prompt, error_title, error = texts.VALIDATION[kind + ("-negative" if negative else "")]
        bound = {"criteria": ">=", "value": 0} if not negative else {"criteria": "between",
                                                                     "minimum": -1e15, "maximum": 1e15}
        ws.data_validation(cells[0], {
            "validate": "integer" if kind == "count" else "decimal", **bound, "multi_range": " ".join(cells),
            "input_title": title, "input_message": prompt.format(places=places),
            "error_title": error_title, "error_message": error,
        })
    for key in form.text_keys:
        notes = [layout.cell(layout.item_row[r.key], key) for r in form.rows]
        ws.data_validation(notes[0], {
            "validate": "length", "criteria": "<=", "value": NOTE_MAX_LENGTH, "multi_range": " ".join(notes),
            "input_title": texts.VALIDATION_NOTE_TITLE,
            "input_message": texts.VALIDATION_NOTE_PROMPT.format(limit=NOTE_MAX_LENGTH),
            "error_title": texts.VALIDATION_NOTE_TITLE,
            "error_message": texts.VALIDATION_NOTE_ERROR.format(limit=NOTE_MAX_LENGTH),
        })


def _live_checks(ws, form: Form, layout: TableLayout, st: Styles) -> None:
    """Each rule checked while typing: the cell turns red when the numbers disagree."""
    labels = form.columns
    for rule in form.rules:
        if isinstance(rule, GroupRule):
            cells = [layout.cell(layout.item_row[k], rule.column) for k in rule.rows]
            absolute = ",".join(_absolute(c) for c in cells)
            criteria = (f"=AND(COUNT({absolute})>0,ABS(SUM({absolute})-{rule.total:g})>{rule.tolerance:g})")
            for c in cells:
                ws.conditional_format(c, {"type": "formula", "format": st.mismatch, "criteria": criteria})
            continue
        rows = [r for r in form.rows if rule.applies(r)]
        if not rows:
            continue
        spoken = rule.spoken(labels)
        header = layout.cell(layout.header_row, rule.target)
        if not form.column[rule.target].input:
            ws.write_comment(header, texts.COMPUTED_COMMENT.format(column=labels[rule.target], rule=spoken),
                             {"font_name": FONT, "x_scale": 2})
            continue
        # The rows it applies to, as runs of consecutive rows: a subtotal line between two runs sums
        # what the rule does not say anything of.
        lines = sorted(layout.item_row[r.key] for r in rows)
        runs = [[lines[0], lines[0]]]
        for line in lines[1:]:
            if line == runs[-1][1] + 1:
                runs[-1][1] = line
            else:
                runs.append([line, line])
        cells = [layout.cell(a, rule.target) + (f":{layout.cell(b, rule.target)}" if b > a else "") for a, b in runs]
        ws.conditional_format(cells[0], {"type": "formula", "format": st.mismatch, "multi_range": " ".join(cells),
                                         "criteria": _criteria(rule, layout, lines[0] + 1)})
        ws.write_comment(header, texts.RULE_COMMENT.format(column=labels[rule.target], rule=spoken),
                         {"font_name": FONT, "x_scale": 2})


def _absolute(cell: str) -> str:
    letters = cell.rstrip("0123456789")
    return f"${letters}${cell[len(letters):]}"


def _criteria(rule: RowRule, layout: TableLayout, row: int) -> str:
    """The live check of a row rule, written for the first row (the cell's row is relative):
    ``=AND(COUNT($C11:$E11)>0,N($C11)<>N($D11)+N($E11))``."""
    def ref(key: str) -> str:
        return f"${layout.cell(row - 1, key).rstrip('0123456789')}{row}"

    columns = sorted(layout.column[k] for k in (rule.target, *rule.operands))
    keys = sorted((rule.target, *rule.operands), key=layout.column.__getitem__)
    contiguous = columns == list(range(columns[0], columns[-1] + 1))
    counted = f"{ref(keys[0])}:{ref(keys[-1])}" if contiguous else ",".join(ref(k) for k in keys)
    if rule.additive:
        expected = rule.formula(lambda k: f"N({ref(k)})")
        if rule.tolerance:
            return f"=AND(COUNT({counted})>0,ABS(N({ref(rule.target)})-({expected}))>{rule.tolerance:g})"
        return f"=AND(COUNT({counted})>0,N({ref(rule.target)})<>{expected})"
    expected = rule.formula(ref)
    return (f"=IFERROR(AND(COUNT({counted})={len(keys)},"
            f"ABS({ref(rule.target)}-{expected})>{rule.tolerance:g}),FALSE)")


def instructions(form: Form, unit: Unit) -> list[str]:
    """The instructions sheet's paragraphs for ``unit``: those that speak of what the form has."""
    said = texts.INSTRUCTIONS
    labels = form.columns
    inputs = [labels[k] for k in form.columns if (k in form.value_keys and form.column[k].input)
              or k in form.text_keys]
    kinds = {form.column[k].kind for k in form.value_keys if form.column[k].input}
    lines = [said["unit"].format(unit=unit.name, code=unit.code),
             said["period"].format(period=form.period.name, start=date_vn(form.period.start),
                                   end=date_vn(form.period.end)),
             said["inputs"].format(sheet=form.sheet, inputs=_listed(inputs))]
    if "count" in kinds:
        lines.append(said["count"])
    if kinds - {"count"}:
        places = max(form.column[k].places for k in form.value_keys)
        lines.append(said["decimal"].format(places=places))
    negative = [r.label for r in form.rows if any(form.negative_allowed(r, k) for k in form.value_keys)]
    if negative:
        lines.append(said["negative"].format(rows=_listed([f"«{label}»" for label in negative])))
    for rule in form.rules:
        if isinstance(rule, GroupRule):
            rows = [r.label for r in form.rows if r.key in rule.rows]
            lines.append(said["group"].format(rows=_listed([f"«{label}»" for label in rows]),
                                              column=labels[rule.column], total=number_vn(rule.total),
                                              tolerance=number_vn(rule.tolerance)))
        else:
            which = "rule" if form.column[rule.target].input else "computed"
            lines.append(said[which].format(column=labels[rule.target], rule=rule.spoken(labels)))
    skipped = next(((r, k) for r in form.rows for k in form.value_keys if not r.applies(k)), None)
    if skipped:
        lines.append(said["not-applicable"].format(column=labels[skipped[1]], row=skipped[0].label))
    subtotalled = [s.number for s in form.sections if s.subtotal]
    if subtotalled and form.grand_total is not None:
        lines.append(said["subtotals"].format(sections=", ".join(subtotalled), grand_total=form.grand_total))
    elif subtotalled:
        lines.append(said["subtotals-only"].format(sections=", ".join(subtotalled)))
    lines += [said["layout"], said["file"],
              said["deadline"].format(deadline=date_vn(form.period.deadline), office=form.standing_office),
              said["checked"]]
    return lines


def _listed(items: list[str]) -> str:
    """«a, b và c»."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {texts.AND} " + items[-1]


def _instructions_sheet(ws, form: Form, unit: Unit, st: Styles) -> None:
    ws.hide_gridlines(2)
    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 100)
    ws.write_string(0, 1, texts.INSTRUCTIONS_TITLE, st.title)
    lines = instructions(form, unit)
    for i, text in enumerate(lines, start=1):
        ws.write_number(i + 1, 0, i, st.text)
        ws.write_string(i + 1, 1, text, st.text)
        # Not every program grows a row to fit wrapped text (LibreOffice does not on load): give
        # each paragraph the height of its lines, at about 95 characters of 13 pt per line.
        ws.set_row(i + 1, 18 * -(-len(text) // 95))
    ws.write_string(len(lines) + 3, 1, texts.INSTRUCTIONS_FOOTER.format(
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
