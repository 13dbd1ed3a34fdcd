"""The per-unit template, read back cell by cell with readers that share no code with the writer.

openpyxl reads styles, protection, validation, formulas and identity; python-calamine and pandas
read values the way an analyst's tools do (cached results, never recalculated). Most behaviours are
checked on the default form and on the second form of tests/data/forms, so nothing that belongs to
the default form can hide in the code.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import openpyxl
from openpyxl.cell.cell import MergedCell
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook, SheetVisibleEnum

from toolkit import texts
from toolkit.form import Form, load_form
from toolkit.write.template import instructions, generate, write_template

# The count columns of the award table (the default form).
COUNT_ROLES = ("total", "collective", "individual")

HERE = Path(__file__).resolve().parent
DEFAULT_FORM_FILE = HERE.parent / "workbook_templates" / "khen-thuong-6t-2020.toml"

# The plan's column order: the specification, not something read from the code.
COL = {"number": "A", "label": "B", "total": "C", "collective": "D", "individual": "E", "note": "F"}
KEY_COL = "G"
FONT = "Times New Roman"
MM = 25.4


# --- reading helpers -----------------------------------------------------------------------------------

@functools.cache
def book(path: Path) -> openpyxl.Workbook:
    return openpyxl.load_workbook(path)


@functools.cache
def cached_values(path: Path, sheet: str) -> list[list]:
    """The sheet as python-calamine sees it: cached results, no recalculation."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def value_at(path: Path, sheet: str, ref: str):
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", ref).groups()
    rows = cached_values(path, sheet)
    row, col = int(digits) - 1, openpyxl.utils.column_index_from_string(letters) - 1
    return rows[row][col] if row < len(rows) and col < len(rows[row]) else ""


class Table:
    """Where the form's rows are, found from the hidden key column (not from the writer's layout code)."""

    def __init__(self, form: Form, ws):
        keys = {ws[f"{KEY_COL}{r}"].value: r for r in range(1, ws.max_row + 1) if ws[f"{KEY_COL}{r}"].value}
        self.section = {s.key: keys[s.key] for s in form.sections}
        self.item = {r.key: keys[r.key] for r in form.rows}
        self.total = keys["_total"]
        self.keys = keys
        self.header = min(self.section.values()) - 2
        self.form = form

    def inputs(self, roles=COUNT_ROLES) -> set[str]:
        return {f"{COL[role]}{self.item[r.key]}" for r in self.form.rows for role in roles if r.applies(role)}

    def not_applicable(self) -> set[str]:
        return {f"{COL[role]}{self.item[r.key]}" for r in self.form.rows for role in COUNT_ROLES
                if not r.applies(role)}

    def notes(self) -> set[str]:
        return {f"{COL['note']}{self.item[r.key]}" for r in self.form.rows}

    def formulas(self) -> set[str]:
        return {f"{COL[role]}{row}" for role in COUNT_ROLES
                for row in [*self.section.values(), self.total]}


def cells_of(sqref) -> set[str]:
    return {f"{get_column_letter(c)}{r}" for rng in sqref.ranges for r, c in rng.cells}


def find(ws, text: str):
    hits = [c for row in ws.iter_rows() for c in row if c.value == text]
    assert len(hits) == 1, f"{text!r} found {len(hits)} times"
    return hits[0]


def column_width(ws, letter: str) -> float:
    index = openpyxl.utils.column_index_from_string(letter)
    for dim in ws.column_dimensions.values():
        if dim.min and dim.max and dim.min <= index <= dim.max:
            return dim.width
    raise AssertionError(f"column {letter} has no width set")


# --- fixtures ------------------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=["default", "second"])
def case(request) -> tuple[Form, dict[str, Path]]:
    """Each form with its generated templates (unit code → file)."""
    if request.param == "default":
        return request.getfixturevalue("default_form"), request.getfixturevalue("generated")
    return request.getfixturevalue("second_form"), request.getfixturevalue("second_generated")


def each_template(case):
    form, paths = case
    for unit in form.units:
        wb = book(paths[unit.code])
        yield form, unit, paths[unit.code], wb, wb[form.sheet], Table(form, wb[form.sheet])


# --- files and sheets ----------------------------------------------------------------------------------

def test_default_form_gives_one_template_per_province_named_code_and_ascii_slug(generated):
    assert sorted(p.name for p in generated.values()) == sorted([
        "58-ninh-thuan.xlsx", "77-ba-ria-vung-tau.xlsx", "74-binh-duong.xlsx", "70-binh-phuoc.xlsx",
        "60-binh-thuan.xlsx", "75-dong-nai.xlsx", "72-tay-ninh.xlsx"])
    assert sorted(p.name for p in next(iter(generated.values())).parent.iterdir()) == \
        sorted(p.name for p in generated.values())


def test_second_form_gives_one_template_per_unit_of_its_csv_list(second_generated):
    assert sorted(p.name for p in second_generated.values()) == sorted([
        "25456-phuong-tan-ninh.xlsx", "25459-phuong-binh-minh.xlsx", "07438-xa-hoa-hoi.xlsx",
        "25501-xa-duc-hoa.xlsx"])


def test_sheets_are_the_data_sheet_the_instructions_and_a_very_hidden_identity_sheet(case):
    for form, _, path, wb, _, _ in each_template(case):
        assert wb.sheetnames == [form.sheet, "Hướng dẫn", "_thidua"]
        assert [ws.sheet_state for ws in wb.worksheets] == ["visible", "visible", "veryHidden"]
        assert wb.active.title == form.sheet
        visibility = [m.visible for m in CalamineWorkbook.from_path(str(path)).sheets_metadata]
        assert visibility == [SheetVisibleEnum.Visible, SheetVisibleEnum.Visible, SheetVisibleEnum.VeryHidden]


def test_every_sheet_is_protected_against_editing_structure(case):
    for _, _, _, wb, _, _ in each_template(case):
        for ws in wb.worksheets:
            assert ws.protection.sheet is True, ws.title
            assert ws.protection.insertRows and ws.protection.deleteRows and ws.protection.formatCells


# --- the table -----------------------------------------------------------------------------------------

def test_table_has_the_forms_headers_sections_and_rows_in_order(case):
    for form, _, _, _, ws, table in each_template(case):
        h = table.header
        assert [ws[f"{COL[r]}{h}"].value for r in COL] == list(form.columns.values())
        assert [ws[f"{COL[r]}{h + 1}"].value for r in COL] == [
            "(1)", "(2)", "(3)=(4)+(5)", "(4)", "(5)", "(6)"]
        expected_order = []
        for section in form.sections:
            expected_order.append(section.key)
            expected_order.extend(r.key for r in section.rows)
        rows = [table.keys[k] for k in expected_order]
        assert rows == list(range(h + 2, h + 2 + len(rows))), "sections and rows follow one another"
        assert table.total == rows[-1] + 1
        for section in form.sections:
            top = table.section[section.key]
            assert (ws[f"A{top}"].value, ws[f"B{top}"].value) == (section.number, section.label)
            assert ws[f"B{top}"].font.b
            for number, item in enumerate(section.rows, start=1):
                assert ws[f"A{table.item[item.key]}"].value == number
                assert ws[f"B{table.item[item.key]}"].value == item.label
        assert ws[f"B{table.total}"].value == form.grand_total and ws[f"B{table.total}"].font.b


def test_hidden_key_column_holds_every_row_key(case):
    for form, _, path, _, ws, table in each_template(case):
        assert ws.column_dimensions[KEY_COL].hidden
        keys = [row[6] for row in cached_values(path, form.sheet) if len(row) > 6 and row[6]]
        assert keys == [k for s in form.sections for k in [s.key, *(r.key for r in s.rows)]] + ["_total"]


def test_only_input_cells_and_the_signing_lines_are_unlocked(case):
    for form, _, _, _, ws, table in each_template(case):
        unlocked = {c.coordinate for row in ws.iter_rows(min_row=1, max_row=ws.max_row + 5, max_col=10)
                    for c in row if not c.protection.locked}
        date_row, names_row = table.total + 2, table.total + 8
        signing = {f"{col}{date_row}" for col in "CDEF"} | {f"{col}{names_row}" for col in "ABCDEF"}
        assert unlocked == table.inputs() | table.notes() | signing
        assert str(ws[f"C{date_row}"].value).startswith("…")


def test_total_is_always_an_input_and_collective_individual_only_where_the_award_applies(default_form, generated):
    ws = book(generated["58"])[default_form.sheet]
    table = Table(default_form, ws)
    mother = table.item["ba-me-viet-nam-anh-hung"]
    flag = table.item["co-thi-dua-chinh-phu"]
    assert not ws[f"C{mother}"].protection.locked and ws[f"D{mother}"].protection.locked
    assert not ws[f"E{mother}"].protection.locked
    assert not ws[f"D{flag}"].protection.locked and ws[f"E{flag}"].protection.locked
    assert len(table.inputs(["total"])) == 13
    assert len(table.inputs(["collective"])) == 9 and len(table.inputs(["individual"])) == 10


def test_not_applicable_cells_are_marked_x_shaded_and_locked(case):
    for _, _, _, _, ws, table in each_template(case):
        input_fill = ws[sorted(table.inputs())[0]].fill
        assert table.not_applicable()
        for ref in table.not_applicable():
            c = ws[ref]
            assert c.value == "x" and c.protection.locked
            assert c.fill.patternType not in (None, "none") and c.fill != input_fill
        for ref in table.inputs():
            assert ws[ref].value is None


def test_count_inputs_accept_only_whole_numbers_from_zero(case):
    for _, _, _, _, ws, table in each_template(case):
        whole = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"]
        assert len(whole) == 1
        dv = whole[0]
        assert (dv.operator, dv.formula1) == ("greaterThanOrEqual", "0")
        assert cells_of(dv.sqref) == table.inputs()
        assert dv.showErrorMessage and dv.showInputMessage and dv.errorStyle in (None, "stop")
        assert dv.allow_blank


def test_note_cells_have_a_length_limit(case):
    for _, _, _, _, ws, table in each_template(case):
        [dv] = [dv for dv in ws.data_validations.dataValidation if dv.type == "textLength"]
        assert dv.operator == "lessThanOrEqual" and int(dv.formula1) > 0
        assert cells_of(dv.sqref) == table.notes()
        assert dv.formula1 in dv.error and dv.showErrorMessage


def test_validation_messages_are_vietnamese_and_within_excel_limits(case):
    for _, _, _, _, ws, _ in each_template(case):
        assert len(ws.data_validations.dataValidation) == 2
        for dv in ws.data_validations.dataValidation:
            for title in (dv.promptTitle, dv.errorTitle):
                assert title and len(title) <= 32
            for message in (dv.prompt, dv.error):
                assert message and len(message) <= 224
            assert any(ch in dv.prompt + dv.error for ch in "ốờạệửầ"), "written in Vietnamese"
        [whole] = [dv for dv in ws.data_validations.dataValidation if dv.type == "whole"]
        assert whole.prompt == texts.VALIDATION_COUNT_PROMPT and whole.error == texts.VALIDATION_COUNT_ERROR


def test_total_column_shows_a_mismatch_with_collective_plus_individual(case):
    for form, _, _, _, ws, table in each_template(case):
        rules = [(cells_of(cf.sqref), rule) for cf in ws.conditional_formatting for rule in cf.rules]
        covered = set().union(*(cells for cells, _ in rules))
        assert table.inputs(["total"]) <= covered
        assert {ref[0] for ref in covered} == {COL["total"]}
        for cells, rule in rules:
            first = min(int(ref[1:]) for ref in cells)
            assert rule.type == "expression"
            formula = rule.formula[0]
            for role in COUNT_ROLES:
                assert f"${COL[role]}{first}" in formula
            assert rule.dxf.fill is not None or rule.dxf.font is not None
        comment = ws[f"{COL['total']}{table.header}"].comment
        assert comment is not None
        assert form.columns["collective"] in comment.text and form.columns["individual"] in comment.text


# --- formulas and cached values --------------------------------------------------------------------------

def test_section_subtotals_and_grand_total_are_formulas(case):
    for form, _, _, _, ws, table in each_template(case):
        for role in COUNT_ROLES:
            c = COL[role]
            for section in form.sections:
                first, last = table.item[section.rows[0].key], table.item[section.rows[-1].key]
                assert ws[f"{c}{table.section[section.key]}"].value == f"=SUM({c}{first}:{c}{last})"
            grand = ws[f"{c}{table.total}"].value
            assert sorted(grand.lstrip("=").split("+")) == sorted(f"{c}{table.section[s.key]}" for s in form.sections)
        for ref in table.formulas():
            assert ws[ref].protection.locked


def test_a_blank_template_caches_zero_for_every_formula(case):
    for form, _, path, _, _, table in each_template(case):
        frame = pd.read_excel(path, sheet_name=form.sheet, header=None, engine="calamine")
        values_only = openpyxl.load_workbook(path, data_only=True)[form.sheet]
        for ref in table.formulas():
            assert value_at(path, form.sheet, ref) == 0
            col, row = openpyxl.utils.column_index_from_string(ref[0]) - 1, int(ref[1:]) - 1
            assert frame.iat[row, col] == 0
            assert values_only[ref].value == 0


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sample") / "mau.xlsx"


def _sample_values(form: Form):
    cells = [(r.key, role) for r in form.rows for role in COUNT_ROLES if r.applies(role)]
    return st.fixed_dictionaries({}, optional={c: st.integers(0, 10**6) for c in cells})


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_cached_results_equal_the_sums_of_the_values_written(default_form, sample_file, data):
    values = data.draw(_sample_values(default_form))
    write_template(default_form, default_form.units[0], sample_file, sample_values=values)
    ws = openpyxl.load_workbook(sample_file)[default_form.sheet]
    table = Table(default_form, ws)
    for role in COUNT_ROLES:
        c = COL[role]
        grand = 0
        for section in default_form.sections:
            expected = sum(values.get((r.key, role), 0) for r in section.rows)
            assert value_at_fresh(sample_file, default_form.sheet, f"{c}{table.section[section.key]}") == expected
            grand += expected
        assert value_at_fresh(sample_file, default_form.sheet, f"{c}{table.total}") == grand
        for r in default_form.rows:
            if (r.key, role) in values:
                assert value_at_fresh(sample_file, default_form.sheet, f"{c}{table.item[r.key]}") == \
                    values[(r.key, role)]


def value_at_fresh(path: Path, sheet: str, ref: str):
    cached_values.cache_clear()
    return value_at(path, sheet, ref)


def test_sample_values_are_marked_as_sample_data_and_blank_templates_are_not(default_form, generated, tmp_path):
    path = write_template(default_form, default_form.units[0], tmp_path / "mau.xlsx",
                          sample_values={("anh-hung-lao-dong", "total"): 3})
    texts_in = {c.value for row in book(path)[default_form.sheet].iter_rows() for c in row}
    assert texts.SAMPLE_DATA_BANNER in texts_in
    blank = {c.value for row in book(generated["58"])[default_form.sheet].iter_rows() for c in row}
    assert texts.SAMPLE_DATA_BANNER not in blank


# --- identity --------------------------------------------------------------------------------------------

def expected_identity(form: Form, code: str) -> dict[str, str]:
    return {"form_id": form.id, "form_version": form.version, "unit_code": code,
            "period": form.period.name, "fingerprint": form.fingerprint}


def test_identity_is_in_the_custom_document_properties(case):
    for form, unit, _, wb, _, _ in each_template(case):
        props = {p.name: p.value for p in wb.custom_doc_props.props}
        assert props == {f"thidua.{k}": v for k, v in expected_identity(form, unit.code).items()}


def test_identity_is_in_defined_names(case):
    for form, unit, _, wb, _, _ in each_template(case):
        names = {name: d.attr_text for name, d in wb.defined_names.items() if name.startswith("TD_")}
        assert names == {f"TD_{k.upper()}": f'"{v}"' for k, v in expected_identity(form, unit.code).items()}


def test_identity_is_in_the_hidden_sheet_as_key_value_rows(case):
    for form, unit, path, wb, _, _ in each_template(case):
        rows = cached_values(path, "_thidua")
        assert {k: v for k, v in rows} == expected_identity(form, unit.code)
        assert [[c.value for c in row] for row in wb["_thidua"].iter_rows()] == [list(r) for r in rows]


def test_default_form_identity_names_the_form_the_period_and_the_province(default_form, generated):
    props = {p.name: p.value for p in book(generated["77"]).custom_doc_props.props}
    assert props["thidua.form_id"] == "khen-thuong-6t-2020"
    assert props["thidua.form_version"] == "1"
    assert props["thidua.unit_code"] == "77"
    assert props["thidua.period"] == "06 tháng đầu năm 2020"
    assert re.fullmatch(r"[0-9a-f]{16}", props["thidua.fingerprint"])


def test_templates_of_one_form_differ_only_in_who_they_are_for(case):
    form, paths = case
    tables = {code: [row[:7] for row in cached_values(path, form.sheet)[8:]] for code, path in paths.items()}
    assert len({repr(t) for t in tables.values()}) == 1
    assert len({book(p).custom_doc_props["thidua.fingerprint"].value for p in paths.values()}) == 1


# --- the printed page ------------------------------------------------------------------------------------

def test_prints_on_a4_one_page_wide_with_nd30_margins_and_repeated_headers(case):
    for form, _, _, _, ws, table in each_template(case):
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert int(ws.page_setup.fitToWidth or 1) == 1  # absent means 1
        assert int(ws.page_setup.fitToHeight) == 0  # as many pages tall as needed
        assert 30 <= ws.page_margins.left * MM <= 35
        assert 15 <= ws.page_margins.right * MM <= 20
        assert 20 <= ws.page_margins.top * MM <= 25
        assert 20 <= ws.page_margins.bottom * MM <= 25
        assert ws.print_title_rows.replace("$", "") == f"{table.header}:{table.header + 1}"
        area = re.fullmatch(r"'?(.+?)'?!\$A\$1:\$F\$(\d+)", ws.print_area)
        assert area and area.group(1) == form.sheet
        assert int(area.group(2)) >= find(ws, texts.SIGNATURES[1][1]).row


def test_frozen_panes_keep_the_headers_and_labels_in_view(case):
    for _, _, _, _, ws, table in each_template(case):
        assert ws.freeze_panes == f"{COL['total']}{table.header + 2}"


def test_every_used_cell_is_times_new_roman(case):
    for form, _, _, wb, _, _ in each_template(case):
        for ws in (wb[form.sheet], wb["Hướng dẫn"]):
            for row in ws.iter_rows():
                for c in row:
                    # A merged range shows its first cell's format; openpyxl gives the others none.
                    if (c.value is not None or c.has_style) and not isinstance(c, MergedCell):
                        assert c.font.name == FONT, (ws.title, c.coordinate, c.font.name)


def test_counts_and_totals_show_thousands_separators(case):
    for _, _, _, _, ws, table in each_template(case):
        for ref in table.inputs() | table.formulas():
            assert ws[ref].number_format == "#,##0", ref


def test_label_column_is_wide_enough_for_the_longest_label(case):
    for form, _, _, _, ws, _ in each_template(case):
        labels = [r.label for r in form.rows] + [s.label for s in form.sections] + [form.grand_total]
        assert column_width(ws, COL["label"]) >= max(map(len, labels))
        assert ws.column_dimensions[COL["label"]].width >= 30


# --- the document around the table ----------------------------------------------------------------------

def test_header_has_agency_national_title_motto_title_period_and_deadline(case):
    for form, unit, _, _, ws, table in each_template(case):
        agency = find(ws, form.heading.format(name=unit.name.upper()))
        office = find(ws, form.subheading)
        national = find(ws, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        motto = find(ws, "Độc lập - Tự do - Hạnh phúc")
        title = find(ws, form.title)
        assert unit.name.upper() in agency.value and office.font.b
        assert national.value.isupper() and national.font.b
        assert motto.font.b and motto.font.u == "single"
        assert title.font.b
        period = [c for row in ws.iter_rows(max_row=table.header) for c in row
                  if isinstance(c.value, str) and form.period.start.strftime("%d/%m/%Y") in c.value]
        assert len(period) == 1 and form.period.end.strftime("%d/%m/%Y") in period[0].value
        deadline = [c for row in ws.iter_rows(max_row=table.header) for c in row
                    if isinstance(c.value, str) and form.period.deadline.strftime("%d/%m/%Y") in c.value]
        assert len(deadline) == 1 and form.standing_office in deadline[0].value
        assert agency.row < office.row < title.row < period[0].row < deadline[0].row < table.header
        assert national.row < motto.row < title.row


def test_footer_has_place_and_date_line_and_two_signature_blocks(case):
    for form, _, _, _, ws, table in each_template(case):
        (left_title, left_hint), (right_title, right_hint) = texts.SIGNATURES
        date_line = [c for row in ws.iter_rows(min_row=table.total + 1) for c in row
                     if isinstance(c.value, str) and "ngày" in c.value and "tháng" in c.value and "năm" in c.value]
        assert len(date_line) == 1 and date_line[0].font.i
        blocks = [find(ws, t) for t in (left_title, left_hint, right_title, right_hint)]
        assert blocks[0].value == "NGƯỜI LẬP BIỂU" and blocks[2].value == "THỦ TRƯỞNG ĐƠN VỊ"
        assert "(Ký" in blocks[1].value and "đóng dấu" in blocks[3].value
        assert blocks[0].font.b and blocks[2].font.b
        assert table.total < date_line[0].row < blocks[0].row == blocks[2].row < blocks[1].row == blocks[3].row
        assert blocks[0].column < blocks[2].column


def test_instructions_tell_the_unit_what_to_fill_the_deadline_and_where_to_send(case):
    for form, unit, path, _, _, _ in each_template(case):
        text = "\n".join(str(v) for row in cached_values(path, "Hướng dẫn") for v in row if v != "")
        for words in [unit.name, unit.code, form.period.name, form.sheet, form.grand_total,
                      form.period.deadline.strftime("%d/%m/%Y"), form.standing_office, form.fingerprint,
                      *(form.columns[r] for r in ("total", "collective", "individual", "note"))]:
            assert words in text, words
        assert "{" not in text and "}" not in text


def test_instruction_paragraphs_get_rows_tall_enough_for_wrapped_text(case):
    for form, unit, _, wb, _, _ in each_template(case):
        ws = wb["Hướng dẫn"]
        paragraphs = [r for r in range(1, ws.max_row + 1) if isinstance(ws[f"A{r}"].value, int)]
        assert len(paragraphs) == len(instructions(form, unit))
        for r in paragraphs:
            lines_at_least = -(-len(ws[f"B{r}"].value) // 130)  # more than fits on one printed line
            assert ws.row_dimensions[r].height >= 17 * lines_at_least
            assert ws[f"B{r}"].alignment.wrap_text


# --- the second form: nothing of the default form is built in -----------------------------------------

def test_second_form_templates_carry_none_of_the_default_forms_words(default_form, second_generated):
    whole_words = {*default_form.columns.values(), default_form.grand_total, default_form.sheet,
                   *(s.label for s in default_form.sections)}
    phrases = {default_form.title, default_form.period.name, default_form.standing_office, default_form.id,
               *(r.label for r in default_form.rows), *(u.name for u in default_form.units),
               default_form.heading.format(name="").strip()}
    for path in second_generated.values():
        workbook = CalamineWorkbook.from_path(str(path))
        assert "Khen thưởng" not in workbook.sheet_names
        for sheet in workbook.sheet_names:
            for row in workbook.get_sheet_by_name(sheet).to_python():
                for value in row:
                    if isinstance(value, str) and value:
                        assert value not in whole_words, (path.name, sheet, value)
                        assert not [p for p in phrases if p in value], (path.name, sheet, value)


def test_second_form_templates_have_its_own_heading_sections_and_units(second_form, second_generated):
    ws = book(second_generated["07438"])[second_form.sheet]
    assert find(ws, "UBND XÃ HÒA HỘI").font.b is not True
    assert find(ws, "VĂN PHÒNG HĐND VÀ UBND").font.b
    table = Table(second_form, ws)
    assert [ws[f"A{table.section[s.key]}"].value for s in second_form.sections] == ["A", "B", "C"]
    assert ws[f"C{table.total}"].value.count("+") == 2


def test_generating_many_units_uses_worker_processes_and_writes_each_its_own_file(second_form_file, tmp_path):
    text = second_form_file.read_text(encoding="utf-8").replace("xa-phuong-2025.csv", "nhieu-xa.csv")
    (tmp_path / "nhieu-xa.csv").write_text(
        "code,name\n" + "".join(f"{26000 + i},Xã Số {i}\n" for i in range(30)), encoding="utf-8")
    (tmp_path / "form.toml").write_text(text, encoding="utf-8")
    form = load_form(tmp_path / "form.toml")
    written = generate(form, tmp_path / "out", workers=2)
    assert [g.path.name for g in written] == [f"{26000 + i}-xa-so-{i}.xlsx" for i in range(30)]
    for g in written[::7]:
        assert CalamineWorkbook.from_path(str(g.path)).get_sheet_by_name("_thidua").to_python()[2] == \
            ["unit_code", g.unit.code]


# --- text stays text --------------------------------------------------------------------------------------

def test_labels_that_look_like_formulas_or_links_are_written_as_text(tmp_path):
    text = DEFAULT_FORM_FILE.read_text(encoding="utf-8")
    text = text.replace('label = "Anh hùng Lao động"', 'label = "=1+1"').replace(
        'label = "Bằng khen UBND tỉnh"', 'label = "https://thiduakhenthuong.vn"')
    (tmp_path / "form.toml").write_text(text, encoding="utf-8")
    form = load_form(tmp_path / "form.toml")
    path = write_template(form, form.units[0], tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)[form.sheet]
    table = Table(form, ws)
    formula_cell = ws[f"B{table.item['anh-hung-lao-dong']}"]
    link_cell = ws[f"B{table.item['bang-khen-ubnd-tinh']}"]
    assert formula_cell.data_type == "s" and formula_cell.value == "=1+1"
    assert link_cell.data_type == "s" and link_cell.hyperlink is None
    assert value_at_fresh(path, form.sheet, formula_cell.coordinate) == "=1+1"


# --- writing is atomic ----------------------------------------------------------------------------------

def _broken_close(self):
    """A close that dies half way: some bytes reach the file, then the disk is full."""
    with open(self.filename, "wb") as fh:
        fh.write(b"PK\x03\x04 half a workbook")
    raise OSError(28, "No space left on device")


def test_an_interrupted_write_leaves_no_file_and_no_temporary_file(default_form, tmp_path, monkeypatch):
    monkeypatch.setattr(xlsxwriter.Workbook, "close", _broken_close)
    target = tmp_path / "58-ninh-thuan.xlsx"
    with pytest.raises(OSError):
        write_template(default_form, default_form.unit("58"), target)
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_write_leaves_an_existing_template_untouched(default_form, tmp_path, monkeypatch):
    target = write_template(default_form, default_form.unit("58"), tmp_path / "58-ninh-thuan.xlsx")
    before = target.read_bytes()
    monkeypatch.setattr(xlsxwriter.Workbook, "close", _broken_close)
    with pytest.raises(OSError):
        write_template(default_form, default_form.unit("58"), target)
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert openpyxl.load_workbook(target).sheetnames[0] == default_form.sheet


def test_a_keyboard_interrupt_while_writing_leaves_no_temporary_file(default_form, tmp_path, monkeypatch):
    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(xlsxwriter.Workbook, "close", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_template(default_form, default_form.unit("58"), tmp_path / "58-ninh-thuan.xlsx")
    assert list(tmp_path.iterdir()) == []
