"""``thidua check``, the rules per cell and per row: what a province types into the count cells.

A count is a whole number ≥ 0. A number typed as text is read, with a warning; "-" or "x" means 0,
with a note; a decimal, a negative or other text is an error; so is a value where the column does
not apply. Tổng số = Tập thể + Cá nhân on every row. A form with nothing entered gets a warning.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.returns import (at, expected_values, fill, fill_values, file_named, found, input_cells, messages, run,
                           unit_of, valid_counts)

AHLD = "anh-hung-lao-dong"          # Anh hùng Lao động: row 13, both columns apply
HCLD = "huan-chuong-lao-dong"       # Huân chương Lao động các hạng: row 15
BA_ME = "ba-me-viet-nam-anh-hung"   # Bà mẹ Việt Nam anh hùng: Tập thể does not apply
CO_CP = "co-thi-dua-chinh-phu"      # Cờ thi đua Chính phủ: Cá nhân does not apply




def test_template_filled_with_openpyxl_comes_back_valid_with_its_numbers(default_form, generated, inbox, counts):
    fill_values(generated["58"], inbox / "58-ninh-thuan.xlsx", counts, form=default_form)

    report = run(default_form, inbox)

    result = file_named(report, "58-ninh-thuan.xlsx")
    assert (result.status, result.unit, result.kind, found(result)) == ("accepted", "58", "xlsx", [])
    assert result.values == expected_values(default_form, counts)
    assert result.cells[AHLD] == {"total": "C13", "collective": "D13", "individual": "E13", "note": "F13"}
    assert unit_of(report, "58").status == "valid"
    assert {u.code: u.status for u in report.units if u.code != "58"} == dict.fromkeys(
        ["77", "74", "70", "60", "75", "72"], "missing")
    assert report.ok


def test_the_addresses_these_tests_name_are_the_templates(default_form):
    # The default form's table header is on row 9, Section I on row 11.
    assert (at(default_form, BA_ME, "collective"), at(default_form, AHLD, "total"),
            at(default_form, HCLD, "individual"), at(default_form, CO_CP, "individual")) == ("D12", "C13", "E15", "E18")


@pytest.mark.parametrize(("typed", "number"), [
    ("12", 12),
    (" 12 ", 12),
    ("12\u00a0", 12),            # a non-breaking space pasted from a web page
    ("1.234", 1234),             # "." groups thousands in Vietnamese
    ("1.234.567", 1234567),
    ("0", 0),
])
def test_a_number_typed_as_text_is_read_with_a_warning(default_form, generated, inbox, typed, number):
    fill(generated["58"], inbox / "58.xlsx", {"C15": typed, "D15": 0, "E15": number}, form=default_form)

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert found(result) == [("text-number", "C15")]
    assert result.issues[0].severity == "warning"
    assert (result.issues[0].row, result.issues[0].column) == ("Huân chương Lao động các hạng", "Tổng số")
    assert f"đã đọc là {number}" in result.issues[0].message
    assert result.values[HCLD] == {"total": number, "collective": 0, "individual": number}
    assert result.status == "accepted"


@pytest.mark.parametrize("typed", ["-", "x", "X", " - ", "–"])
def test_a_dash_or_x_in_a_count_cell_is_zero_with_a_note(default_form, generated, inbox, typed):
    fill(generated["58"], inbox / "58.xlsx", {"C15": 4, "D15": typed, "E15": 4}, form=default_form)

    report = run(default_form, inbox)

    result = file_named(report, "58.xlsx")
    assert found(result) == [("dash-as-zero", "D15")]
    assert result.issues[0].severity == "info"
    assert result.values[HCLD] == {"total": 4, "collective": 0, "individual": 4}
    assert unit_of(report, "58").status == "valid"


@pytest.mark.parametrize(("typed", "shown"), [("2,5", "2,5"), (2.5, "2,5"), ("0,5", "0,5"), (1e-3, "0,001")])
def test_a_decimal_is_not_a_count(default_form, generated, inbox, typed, shown):
    fill(generated["58"], inbox / "58.xlsx", {"C15": 3, "D15": 1, "E15": typed}, form=default_form)

    report = run(default_form, inbox)

    result = file_named(report, "58.xlsx")
    assert found(result) == [("not-integer", "E15")]
    assert f"ghi {shown}," in result.issues[0].message
    assert result.values[HCLD] == {"total": 3, "collective": 1, "individual": None}
    assert unit_of(report, "58").status == "error"


@pytest.mark.parametrize("typed", [-3, "-3", -1.0])
def test_a_negative_count_is_an_error(default_form, generated, inbox, typed):
    fill(generated["58"], inbox / "58.xlsx", {"C13": typed, "D13": 0, "E13": 0}, form=default_form)

    report = run(default_form, inbox)

    assert found(file_named(report, "58.xlsx")) == [("negative-value", "C13")]
    assert unit_of(report, "58").status == "error"


@pytest.mark.parametrize("typed", ["hai", "12 người", "N/A", "?", "không có", "1/2"])
def test_other_text_in_a_count_cell_is_not_a_number(default_form, generated, inbox, typed):
    fill(generated["58"], inbox / "58.xlsx", {"C13": 5, "D13": typed, "E13": 5}, form=default_form)

    report = run(default_form, inbox)

    result = file_named(report, "58.xlsx")
    # Only the cell itself: a row sum over an unreadable cell would only repeat the problem.
    assert found(result) == [("not-a-number", "D13")]
    assert (result.issues[0].row, result.issues[0].column) == ("Anh hùng Lao động", "Tập thể")
    assert f"«{typed}»" in result.issues[0].message
    assert unit_of(report, "58").status == "error"


@pytest.mark.parametrize(("cell", "key", "column"), [("D12", BA_ME, "Tập thể"), ("E18", CO_CP, "Cá nhân")])
def test_a_value_in_a_cell_that_does_not_apply_is_an_error(default_form, generated, inbox, cell, key, column):
    fill(generated["58"], inbox / "58.xlsx", {at(default_form, key, "total"): 3, cell: 3}, form=default_form)

    report = run(default_form, inbox)

    result = file_named(report, "58.xlsx")
    assert found(result) == [("not-applicable-filled", cell)]
    assert result.issues[0].column == column
    assert unit_of(report, "58").status == "error"
    # Reported, not counted: the province is asked to move it to the right column.
    assert result.values[key] == {"total": 3, "collective": None, "individual": None}


@pytest.mark.parametrize("left", ["x", None, "-", 0])
def test_a_not_applicable_cell_left_marked_cleared_or_zero_is_fine(default_form, generated, inbox, left):
    fill(generated["58"], inbox / "58.xlsx", {"C12": 2, "D12": left, "E12": 2}, form=default_form)

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert found(result) == []
    assert result.values[BA_ME] == {"total": 2, "collective": None, "individual": 2}


@pytest.mark.parametrize(("total", "collective", "individual", "said"), [
    (10, 4, 5, ("là 10", "= 9")),
    (None, 2, 3, ("để trống", "= 5")),  # Tổng số forgotten: said blank, not 0
    (7, None, None, ("là 7", "= 0")),   # only Tổng số given
    ("12", 4, 5, ("là 12", "= 9")),     # typed as text and wrong: both said
])
def test_tong_so_must_equal_tap_the_plus_ca_nhan(default_form, generated, inbox, total, collective, individual, said):
    fill(generated["58"], inbox / "58.xlsx", {"C13": total, "D13": collective, "E13": individual}, form=default_form)

    report = run(default_form, inbox)

    result = file_named(report, "58.xlsx")
    expected = [("total-mismatch", "C13")]
    if isinstance(total, str):
        expected = [("text-number", "C13")] + expected
    assert found(result) == expected
    mismatch = result.issues[-1]
    assert (mismatch.row, mismatch.column, mismatch.severity) == ("Anh hùng Lao động", "Tổng số", "error")
    assert all(words in mismatch.message for words in said)
    assert unit_of(report, "58").status == "error"


def test_a_form_with_nothing_entered_gets_a_warning(default_form, generated, inbox):
    fill(generated["58"], inbox / "58.xlsx", {}, form=default_form)
    fill(generated["77"], inbox / "77.xlsx", {"C13": 0, "D13": 0, "E13": 0}, form=default_form)

    report = run(default_form, inbox)

    assert found(file_named(report, "58.xlsx")) == [("empty-form", None)]
    assert unit_of(report, "58").status == "warning"
    assert "chưa có số liệu" in messages(unit_of(report, "58"))
    # A province that had no awards and said so with zeros sent a filled form.
    assert found(file_named(report, "77.xlsx")) == []
    assert unit_of(report, "77").status == "valid"
    assert report.ok


def test_the_template_as_generated_is_empty(default_form, generated, inbox):
    inbox.mkdir()
    (inbox / "58.xlsx").write_bytes(generated["58"].read_bytes())

    assert found(file_named(run(default_form, inbox), "58.xlsx")) == [("empty-form", None)]


def test_a_table_with_many_problems_lists_each_at_its_cell(default_form, generated, inbox):
    fill(generated["58"], inbox / "58.xlsx", {
        "C12": 1, "D12": 1,                # Bà mẹ Việt Nam anh hùng / Tập thể does not apply
        "C13": "1.234", "E13": 1234,       # text, read as 1234
        "C14": 3, "D14": "x", "E14": 3,    # x = 0
        "C15": 10, "D15": 2.5, "E15": 7,   # decimal
        "C19": 9, "D19": 4, "E19": 4,      # 9 ≠ 8
        "C25": "hai",                      # not a number
    }, form=default_form)

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert found(result) == [
        ("text-number", "C13"), ("dash-as-zero", "D14"), ("not-integer", "D15"), ("not-a-number", "C25"),
        ("not-applicable-filled", "D12"), ("total-mismatch", "C19"),
    ]


# --- property: random valid tables, then one random corruption ------------------------------------

CORRUPTIONS = ("text", "negative", "decimal", "wrong-total")
EXPECTED_CODE = {"text": "not-a-number", "negative": "negative-value", "decimal": "not-integer",
                 "wrong-total": "total-mismatch"}
WORDS = st.text(alphabet="abcdeghiklmnopqrstuvyđăâêôơưáàảãạéèóòúùíìýỳ ", min_size=1, max_size=12).filter(
    lambda s: s.strip() != "")


@st.composite
def counts_and_corruption(draw, form):
    counts = {}
    for row in form.rows:
        parts = {role: draw(st.integers(0, 5000)) for role in ("collective", "individual") if row.applies(role)}
        counts.update({(row.key, role): n for role, n in parts.items()})
        counts[(row.key, "total")] = sum(parts.values())
    kind = draw(st.sampled_from(CORRUPTIONS))
    if kind == "wrong-total":
        key = draw(st.sampled_from([row.key for row in form.rows]))
        target = (key, "total")
        bad = counts[target] + draw(st.integers(1, 100))
    else:
        target = draw(st.sampled_from(input_cells(form)))
        bad = draw({
            "text": WORDS,
            "negative": st.integers(-5000, -1) | st.integers(-5000, -1).map(str),
            "decimal": st.floats(0.01, 5000).filter(lambda x: not x.is_integer())
            | st.tuples(st.integers(0, 99), st.integers(1, 9)).map(lambda t: f"{t[0]},{t[1]}"),
        }[kind])
    return counts, kind, target, bad


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_random_valid_tables_come_back_valid_and_one_corrupted_cell_is_found_where_it_is(
        default_form, generated, tmp_path_factory, data):
    counts, kind, target, bad = data.draw(counts_and_corruption(default_form))
    inbox = tmp_path_factory.mktemp("inbox")
    fill_values(generated["58"], inbox / "58.xlsx", counts, form=default_form)
    fill_values(generated["77"], inbox / "77.xlsx", {**counts, target: bad}, form=default_form)

    report = run(default_form, inbox)

    good = file_named(report, "58.xlsx")
    assert (unit_of(report, "58").status, found(good)) == ("valid", [])
    assert good.values == expected_values(default_form, counts)
    corrupted = file_named(report, "77.xlsx")
    assert found(corrupted) == [(EXPECTED_CODE[kind], at(default_form, *target))]
    assert unit_of(report, "77").status == "error"
    key, role = target
    assert corrupted.values[key][role] == (bad if kind == "wrong-total" else None)
    others = {k: v for k, v in corrupted.values.items() if k != key}
    assert others == {k: v for k, v in good.values.items() if k != key}


def test_the_rules_hold_for_any_form(second_form, second_generated, inbox):
    # Another form: other labels, three sections, unit codes from a CSV file.
    counts = valid_counts(second_form, random.Random(2025))
    unit = second_form.units[2].code
    wrong = counts | {("giay-khen-chu-tich-xa", "total"): "1.000", ("giay-khen-chu-tich-xa", "collective"): 999,
                      ("giay-khen-chu-tich-xa", "individual"): 2}
    fill_values(second_generated[unit], inbox / "a.xlsx", counts, form=second_form)
    fill_values(second_generated[second_form.units[0].code], inbox / "b.xlsx", wrong, form=second_form)

    report = run(second_form, inbox)

    assert (unit_of(report, unit).status, found(file_named(report, "a.xlsx"))) == ("valid", [])
    assert file_named(report, "a.xlsx").values == expected_values(second_form, counts)
    cell = at(second_form, "giay-khen-chu-tich-xa", "total")
    assert found(file_named(report, "b.xlsx")) == [("text-number", cell), ("total-mismatch", cell)]
    assert file_named(report, "b.xlsx").issues[1].row == "Giấy khen của Chủ tịch UBND cấp xã"
    assert file_named(report, "b.xlsx").issues[1].column == "Tổng"
    assert "Dòng «Giấy khen của Chủ tịch UBND cấp xã»: Tổng ô" in file_named(report, "b.xlsx").issues[1].message
    assert "Số tập thể + Số cá nhân = 1001" in file_named(report, "b.xlsx").issues[1].message
