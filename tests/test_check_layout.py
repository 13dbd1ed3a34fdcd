"""``thidua check``, the table's shape: rows found by key and label, protection assumed to have failed.

A province may remove the protection and then insert a row, edit a label, delete a row, insert a
column, overwrite a subtotal formula or write into a cell that does not apply. Values must still be
read from the right rows, and every change to the template is reported where it is.
"""

from __future__ import annotations


import pytest

from tests.returns import (as_cells, at, excel_row, expected_values, fill, fill_values, file_named, found,
                           grand_total_at, label_at, moved, paste_into_new_workbook, run, shifted, subtotal_at,
                           template_of, unit_of)

HCLD = "huan-chuong-lao-dong"




# --- rows ---------------------------------------------------------------------------------------


def test_a_blank_row_inserted_in_the_middle_changes_nothing(default_form, generated, inbox, counts):
    row = excel_row(default_form, HCLD)
    fill(generated["74"], inbox / "74.xlsx", shifted(as_cells(default_form, counts), row), form=default_form,
         unprotect=True, edit=lambda ws: ws.insert_rows(row))

    report = run(default_form, inbox)

    result = file_named(report, "74.xlsx")
    assert found(result) == []
    assert result.values == expected_values(default_form, counts)
    assert result.cells[HCLD]["total"] == moved(at(default_form, HCLD, "total"), rows=1) == "C16"
    assert result.cells["anh-hung-lao-dong"]["total"] == "C13"
    assert unit_of(report, "74").status == "valid"


def test_a_row_added_with_its_own_label_is_reported_and_not_counted(default_form, generated, inbox, counts):
    row = excel_row(default_form, HCLD)
    cells = shifted(as_cells(default_form, counts), row) | {f"B{row}": "Huy hiệu Đảng", f"C{row}": 40,
                                                             f"E{row}": 40}
    fill(generated["74"], inbox / "74.xlsx", cells, form=default_form, unprotect=True,
         edit=lambda ws: ws.insert_rows(row))

    result = file_named(run(default_form, inbox), "74.xlsx")

    assert found(result) == [("layout-changed", None)]
    assert "có thêm dòng «Huy hiệu Đảng»" in result.issues[0].message
    assert result.values == expected_values(default_form, counts)


def test_rows_moved_around_are_still_read_by_their_keys(default_form, generated, inbox, counts):
    first, second = excel_row(default_form, "anh-hung-lao-dong"), excel_row(default_form, "huan-chuong-doc-lap")

    def swap(ws):
        for column in "ABCDEFG":
            a, b = ws[f"{column}{first}"], ws[f"{column}{second}"]
            a.value, b.value = b.value, a.value

    other = {first: second, second: first}
    swapped = {f"{a[0]}{other.get(int(a[1:]), int(a[1:]))}": v for a, v in as_cells(default_form, counts).items()}
    fill(generated["74"], inbox / "74.xlsx", swapped, form=default_form, unprotect=True, edit=swap)

    result = file_named(run(default_form, inbox), "74.xlsx")

    assert found(result) == []
    assert result.values == expected_values(default_form, counts)
    assert result.cells["anh-hung-lao-dong"]["total"] == f"C{second}"


def test_an_edited_label_is_a_layout_change_naming_it(default_form, generated, inbox, counts):
    cells = as_cells(default_form, counts) | {label_at(default_form, "anh-hung-lao-dong"): "Anh hùng LĐ"}
    fill(generated["70"], inbox / "70.xlsx", cells, form=default_form, unprotect=True)

    report = run(default_form, inbox)

    result = file_named(report, "70.xlsx")
    assert found(result) == [("layout-changed", None)]
    assert "tên dòng «Anh hùng Lao động» bị sửa thành «Anh hùng LĐ»" in result.issues[0].message
    assert result.values == expected_values(default_form, counts)  # the hidden key still says which row
    assert unit_of(report, "70").status == "error"


@pytest.mark.parametrize(("key", "written"), [
    ("chien-sy-thi-dua-toan-quoc", "Chiến sĩ thi đua toàn quốc"),   # the statutes' spelling
    ("chien-sy-thi-dua-cap-tinh", "chien si  thi dua cap tinh"),    # no marks, case, double space
    (HCLD, "HUÂN CHƯƠNG LAO ĐỘNG CÁC HẠNG"),
    (HCLD, "Huân chương Lao động các hạng."),
])
def test_labels_differing_only_in_marks_case_spacing_or_si_sy_are_the_same_label(
        default_form, tmp_path, inbox, counts, key, written):
    # Pasted into a new workbook, so the hidden keys are gone and only the labels can tell the rows.
    filled = template_of(default_form, default_form.unit("72"), tmp_path / "72.xlsx", counts)
    paste = paste_into_new_workbook(filled, inbox / "72.xlsx", form=default_form)
    fill(paste, paste, {label_at(default_form, key): written}, form=default_form, sheet="Sheet1")

    result = file_named(run(default_form, inbox), "72.xlsx")

    assert found(result) == [("identity-recovered", None)]
    assert result.values == expected_values(default_form, counts)


def test_a_deleted_row_is_a_layout_change_and_the_other_rows_are_read_where_they_moved(
        default_form, generated, inbox, counts):
    row = excel_row(default_form, "anh-hung-lao-dong")
    rest = {k: v for k, v in counts.items() if k[0] != "anh-hung-lao-dong"}
    fill(generated["60"], inbox / "60.xlsx", shifted(as_cells(default_form, rest), row + 1, rows=-1), form=default_form, unprotect=True,
         edit=lambda ws: ws.delete_rows(row))

    report = run(default_form, inbox)

    result = file_named(report, "60.xlsx")
    assert found(result) == [("layout-changed", None)]
    assert "thiếu dòng «Anh hùng Lao động»" in result.issues[0].message
    assert result.values == expected_values(default_form, rest)
    assert result.cells[HCLD]["total"] == moved(at(default_form, HCLD, "total"), rows=-1)
    assert unit_of(report, "60").status == "error"


# --- columns --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("heading", "said"), [
    (None, "có thêm cột D không có tiêu đề"),
    ("Trong đó: nữ", "có thêm cột «Trong đó: nữ»"),
])
def test_an_inserted_column_is_a_layout_change_and_values_are_read_beside_it(
        default_form, generated, inbox, counts, heading, said):
    cells = {moved(a, columns=1) if a[0] in "DE" else a: v for a, v in as_cells(default_form, counts).items()}
    if heading:
        cells["D9"] = heading
    fill(generated["75"], inbox / "75.xlsx", cells, form=default_form, unprotect=True,
         edit=lambda ws: ws.insert_cols(4))

    result = file_named(run(default_form, inbox), "75.xlsx")

    assert found(result) == [("layout-changed", None)]
    assert said in result.issues[0].message
    assert result.values == expected_values(default_form, counts)
    assert result.cells["anh-hung-lao-dong"] == {"total": "C13", "collective": "E13", "individual": "F13",
                                                 "note": "G13"}


def test_a_deleted_column_is_a_layout_change(default_form, generated, inbox):
    fill(generated["75"], inbox / "75.xlsx", {"C13": 2, "D13": 2}, form=default_form, unprotect=True,
         edit=lambda ws: ws.delete_cols(6))

    result = file_named(run(default_form, inbox), "75.xlsx")

    assert found(result) == [("layout-changed", None)]
    assert "thiếu cột «Ghi chú»" in result.issues[0].message
    assert result.values["anh-hung-lao-dong"] == {"total": 2, "collective": 2, "individual": None}


@pytest.mark.parametrize("edit", [
    lambda ws: ws.delete_cols(5),                    # Cá nhân deleted
    lambda ws: ws.cell(9, 3, "Số lượng"),            # Tổng số renamed
])
def test_a_table_missing_a_count_column_cannot_be_read_and_is_rejected(default_form, generated, inbox, edit):
    fill(generated["75"], inbox / "75.xlsx", {"C13": 2, "D13": 2}, form=default_form, unprotect=True, edit=edit)

    report = run(default_form, inbox)

    result = file_named(report, "75.xlsx")
    assert (result.status, result.unit, found(result)) == ("rejected", "75", [("table-not-found", None)])
    assert "không tìm thấy bảng số liệu (dòng tiêu đề có «Tổng số, Tập thể, Cá nhân»)" in result.issues[0].message
    assert unit_of(report, "75").status == "missing"
    assert not report.ok


# --- locked cells written after the protection was removed -----------------------------------------


def test_a_subtotal_overwritten_with_a_wrong_number_is_reported_at_that_cell(default_form, generated, inbox, counts):
    cell = subtotal_at(default_form, "cap-tinh", "total")
    fill(generated["77"], inbox / "77.xlsx", as_cells(default_form, counts) | {cell: 999}, form=default_form,
         unprotect=True)

    report = run(default_form, inbox)

    result = file_named(report, "77.xlsx")
    assert cell == "C21"
    assert found(result) == [("subtotal-mismatch", "C21"), ("formula-altered", "C21")]
    expected = sum(counts[(row.key, "total")] for row in default_form.sections[1].rows)
    assert f"ghi 999 nhưng cộng các dòng chi tiết được {expected}" in result.issues[0].message
    assert (result.issues[0].row, result.issues[0].column) == ("Khen thưởng cấp tỉnh", "Tổng số")
    assert result.values == expected_values(default_form, counts)  # the detail rows are what counts
    assert unit_of(report, "77").status == "warning"


def test_a_subtotal_overwritten_with_the_right_number_is_still_an_overwritten_formula(
        default_form, generated, inbox, counts):
    right = sum(counts[(row.key, "individual")] for row in default_form.sections[0].rows
                if row.applies("individual"))
    fill(generated["77"], inbox / "77.xlsx", as_cells(default_form, counts) | {"E11": right}, form=default_form,
         unprotect=True)

    assert found(file_named(run(default_form, inbox), "77.xlsx")) == [("formula-altered", "E11")]


def test_the_grand_total_overwritten_is_reported(default_form, generated, inbox, counts):
    cell = grand_total_at(default_form, "collective")
    fill(generated["77"], inbox / "77.xlsx", as_cells(default_form, counts) | {cell: 0}, form=default_form,
         unprotect=True)

    assert found(file_named(run(default_form, inbox), "77.xlsx")) == [("subtotal-mismatch", "D26"),
                                                                     ("formula-altered", "D26")]


def test_a_value_written_into_a_locked_not_applicable_cell_is_reported(default_form, generated, inbox, counts):
    fill(generated["77"], inbox / "77.xlsx", as_cells(default_form, counts) | {"D12": 2}, form=default_form,
         unprotect=True)

    report = run(default_form, inbox)

    assert found(file_named(report, "77.xlsx")) == [("not-applicable-filled", "D12")]
    assert unit_of(report, "77").status == "error"


def test_the_protection_removed_and_nothing_else_changed_is_fine(default_form, generated, inbox, counts):
    fill_values(generated["77"], inbox / "77.xlsx", counts, form=default_form, unprotect=True)

    assert found(file_named(run(default_form, inbox), "77.xlsx")) == []
