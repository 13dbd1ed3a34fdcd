"""``thidua check``, whose file is it: identity from the template's metadata, else from what is visible.

The template carries its identity in three places (a very hidden sheet, custom document properties,
defined names); whichever survived is used. When none did (the table was pasted into a new
workbook) the unit is recovered from the visible header or the file name, with a warning. When the
sources disagree, that is an error, and the visible header is not trusted over the metadata.
Another form or period, or a unit outside the form's list, rejects the file.
"""

from __future__ import annotations

import dataclasses

import pytest
from openpyxl.packaging.custom import CustomPropertyList

from toolkit.form import Unit
from toolkit.checks.identify import units_in_name
from toolkit.checks.reader import read_workbook
from tests.returns import (double_encoded_property, expected_values, fill, fill_values, file_named, found,
                           identity_sheet_shown, messages, paste_into_new_workbook, run, template_of, unit_of)




@pytest.mark.parametrize("header", [
    {"A1": "UBND TỈNH BÌNH DƯƠNG", "A3": "Mã đơn vị: 74"},   # the whole visible header replaced
    {"A1": "UBND TỈNH BÌNH DƯƠNG"},                            # only the agency line
    {"A3": "Mã đơn vị: 74"},                                    # only the code line
])
def test_another_units_header_in_a_units_template_is_a_mismatch_and_the_metadata_is_used(
        default_form, generated, inbox, counts, header):
    # Bình Dương's header typed over Bình Phước's template (protection removed to do it).
    filled = fill_values(generated["70"], inbox / "70-binh-phuoc.xlsx", counts, form=default_form, unprotect=True)
    fill(filled, filled, header, form=default_form, unprotect=True)

    report = run(default_form, inbox)

    result = file_named(report, "70-binh-phuoc.xlsx")
    assert (result.status, result.unit, found(result)) == ("accepted", "70", [("unit-mismatch", None)])
    assert result.issues[0].severity == "error"
    assert "«Bình Dương» (tiêu đề biểu mẫu)" in result.issues[0].message
    assert "«Bình Phước»" in result.issues[0].message
    assert result.values == expected_values(default_form, counts)
    assert (unit_of(report, "70").status, unit_of(report, "74").status) == ("error", "missing")
    assert not report.ok


def test_a_renamed_file_is_still_its_units(default_form, generated, inbox, counts):
    # The metadata decides whose file it is; a name pointing at another unit is told (issue 10).
    fill_values(generated["58"], inbox / "74-binh-duong.xlsx", counts, form=default_form)

    result = file_named(run(default_form, inbox), "74-binh-duong.xlsx")

    assert (result.unit, found(result)) == ("58", [("unit-mismatch", None)])


def test_a_table_pasted_into_a_new_workbook_is_recovered_from_its_header(default_form, tmp_path, inbox, counts):
    filled = template_of(default_form, default_form.unit("72"), tmp_path / "72.xlsx", counts)
    paste_into_new_workbook(filled, inbox / "bao cao khen thuong.xlsx", form=default_form)

    report = run(default_form, inbox)

    result = file_named(report, "bao cao khen thuong.xlsx")
    assert (result.status, result.unit, found(result)) == ("accepted", "72", [("identity-recovered", None)])
    assert "«Tây Ninh» theo tiêu đề biểu mẫu" in result.issues[0].message
    # Its subtotals are pasted values now: checked as numbers, never reported as overwritten formulas.
    assert result.values == expected_values(default_form, counts)
    assert unit_of(report, "72").status == "warning"


@pytest.mark.parametrize("name", ["75-dong-nai.xlsx", "Bao cao thi dua - Dong Nai.xlsx", "75.xlsx"])
def test_a_pasted_table_without_its_header_is_recovered_from_the_file_name(
        default_form, tmp_path, inbox, counts, name):
    filled = template_of(default_form, default_form.unit("75"), tmp_path / "75.xlsx", counts)
    paste_into_new_workbook(filled, inbox / name, form=default_form, from_row=9)  # the table only, at A1

    result = file_named(run(default_form, inbox), name)

    assert (result.status, result.unit, found(result)) == ("accepted", "75", [("identity-recovered", None)])
    assert "«Đồng Nai» theo tên tệp" in result.issues[0].message
    assert result.values == expected_values(default_form, counts)
    assert result.cells["anh-hung-lao-dong"]["total"] == "C5"  # read where it is, not where it was


def test_a_pasted_table_whose_header_and_file_name_disagree_is_a_mismatch(default_form, tmp_path, inbox, counts):
    filled = template_of(default_form, default_form.unit("72"), tmp_path / "72.xlsx", counts)
    paste_into_new_workbook(filled, inbox / "75-dong-nai.xlsx", form=default_form)

    result = file_named(run(default_form, inbox), "75-dong-nai.xlsx")

    assert (result.unit, found(result)) == ("72", [("identity-recovered", None), ("unit-mismatch", None)])
    assert "«Đồng Nai» (tên tệp)" in result.issues[1].message


def test_a_pasted_table_with_nothing_to_say_whose_it_is_is_rejected(default_form, tmp_path, inbox, counts):
    filled = template_of(default_form, default_form.unit("75"), tmp_path / "75.xlsx", counts)
    paste_into_new_workbook(filled, inbox / "bao cao.xlsx", form=default_form, from_row=9)

    report = run(default_form, inbox)

    result = file_named(report, "bao cao.xlsx")
    assert (result.status, result.unit, found(result)) == ("rejected", None, [("unknown-unit", None)])
    assert "tiêu đề và tên tệp cũng không cho biết là đơn vị nào" in result.issues[0].message
    assert not report.ok


@pytest.mark.parametrize("kept", ["sheet", "properties", "names"])
def test_identity_is_taken_from_whichever_place_survived(default_form, generated, inbox, counts, kept):
    def strip(wb):
        if kept != "sheet":
            del wb["_thidua"]
        if kept != "properties":
            wb.custom_doc_props = CustomPropertyList()
        if kept != "names":
            for name in [n for n in wb.defined_names if n.startswith("TD_")]:
                del wb.defined_names[name]

    path = fill_values(generated["60"], inbox / "bao-cao.xlsx", counts, form=default_form, edit_book=strip)
    assert set(read_workbook(path, "xlsx").identity) == {kept}

    result = file_named(run(default_form, inbox), "bao-cao.xlsx")

    assert (result.status, result.unit, found(result)) == ("accepted", "60", [])


def test_a_unit_code_outside_the_forms_list_is_rejected(default_form, tmp_path, inbox, counts):
    # A template made for a province of another cluster: same form, same period, unknown unit.
    template_of(default_form, Unit("99", "Long An"), inbox / "99-long-an.xlsx", counts)

    report = run(default_form, inbox)

    result = file_named(report, "99-long-an.xlsx")
    assert (result.status, result.unit, found(result)) == ("rejected", None, [("unknown-unit", None)])
    assert "mã «99» không có trong danh sách" in result.issues[0].message
    assert all(u.status == "missing" for u in report.units)
    assert not report.ok


def test_a_template_of_another_form_is_rejected(default_form, second_form, second_generated, inbox):
    code = second_form.units[0].code
    fill(second_generated[code], inbox / "58-ninh-thuan.xlsx", {"C13": 1, "D13": 1}, form=second_form)

    report = run(default_form, inbox)

    result = file_named(report, "58-ninh-thuan.xlsx")
    assert (result.status, result.unit, found(result)) == ("rejected", None, [("unknown-form", None)])
    assert "«khen-thuong-cap-xa-2025 v3 (năm 2025)»" in result.issues[0].message
    assert unit_of(report, "58").status == "missing"


def test_last_periods_template_is_rejected(default_form, inbox, counts):
    last_period = dataclasses.replace(default_form.period, name="06 tháng đầu năm 2019")
    template_of(default_form, default_form.unit("60"), inbox / "60-binh-thuan.xlsx", counts, period=last_period)

    report = run(default_form, inbox)

    result = file_named(report, "60-binh-thuan.xlsx")
    assert (result.status, found(result)) == ("rejected", [("unknown-form", None)])
    assert "06 tháng đầu năm 2019" in messages(result)
    assert "kỳ 06 tháng đầu năm 2020" in messages(result)


def test_an_edited_hidden_identity_naming_another_period_is_rejected(default_form, generated, inbox, counts):
    def edit(wb):
        sheet = wb["_thidua"]
        row = next(r for r in sheet.iter_rows() if r[0].value == "period")
        row[1].value = "năm 2019"

    fill_values(generated["60"], inbox / "60.xlsx", counts, form=default_form, edit_book=edit)

    assert found(file_named(run(default_form, inbox), "60.xlsx")) == [("unknown-form", None)]


def test_another_periods_template_is_told_apart_by_its_period_not_by_the_same_form_id(default_form, inbox, counts):
    last_period = dataclasses.replace(default_form.period, name="06 tháng đầu năm 2019")
    template_of(default_form, default_form.unit("60"), inbox / "60-binh-thuan.xlsx", counts, period=last_period)

    message = file_named(run(default_form, inbox), "60-binh-thuan.xlsx").issues[0].message

    assert f"không phải «{default_form.id}»" not in message
    assert f"«{default_form.id} v{default_form.version} (06 tháng đầu năm 2019)»" in message
    assert f"«{default_form.id} v{default_form.version} ({default_form.period.name})»" in message


def test_a_document_property_mangled_on_the_way_is_a_note_when_the_hidden_sheet_is_intact(
        default_form, generated, tmp_path, inbox, counts):
    filled = fill_values(generated["58"], tmp_path / "58.xlsx", counts, form=default_form)
    double_encoded_property(filled, inbox / "58-ninh-thuan.xlsx", default_form.period.name)

    report = run(default_form, inbox)

    result = file_named(report, "58-ninh-thuan.xlsx")
    assert (result.status, result.unit, found(result)) == ("accepted", "58", [("identity-source-differs", None)])
    assert result.issues[0].severity == "info"
    assert unit_of(report, "58").status == "valid"


def test_a_hidden_identity_sheet_made_visible_is_accepted_with_a_note(default_form, generated, inbox, counts):
    fill_values(generated["58"], inbox / "58.xlsx", counts, form=default_form, edit_book=identity_sheet_shown)

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert (result.status, result.unit, found(result)) == ("accepted", "58", [("identity-sheet-shown", None)])
    assert result.issues[0].severity == "info"


class _Lookups(dict):
    """A unit-by-name table that counts the names looked up in it and cannot be walked."""

    looked_up = 0

    def __contains__(self, name):
        self.looked_up += 1
        return super().__contains__(name)

    def items(self):
        raise AssertionError("every unit's name searched for")


def test_naming_a_unit_by_file_name_looks_up_the_names_words_not_every_unit(default_form):
    units = tuple(Unit(str(10000 + i), f"Xã Số {i}") for i in range(5000))
    form = dataclasses.replace(default_form, units=units)
    lookups = _Lookups(form.units_by_slug)
    form.__dict__["units_by_slug"] = lookups

    named = units_in_name(form, "bao-cao-xa-so-4321-dot-1.xlsx")

    assert [u.code for u in named] == ["14321"]
    # Runs of up to three words (the longest name) of a seven-word name: 7 + 6 + 5 lookups.
    assert lookups.looked_up == 18
