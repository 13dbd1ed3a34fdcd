"""Bad input that must be read fairly or refused in words, never accepted silently or with a traceback.

A real workbook under another kind's extension is read by its content, with a note. A count cell
holding a formula error or a number too large to be a count is an error at that cell. A file whose
name names another unit than its content is a mismatch. ``--json`` to a place that cannot be
written is one Vietnamese line and exit code 2, before the check runs.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from tests import hostile
from tests.returns import at, expected_values, fill, file_named, found, run, valid_counts
from toolkit.form import FormError, load_form

DATA = Path(__file__).resolve().parent / "data"
DEFAULT_FORM_FILE = Path(__file__).resolve().parent.parent / "workbook_templates" / "khen-thuong-6t-2020.toml"
AHLD = "anh-hung-lao-dong"  # Anh hùng Lao động: both Tập thể and Cá nhân apply


# --- a real workbook under another extension ------------------------------------------------------

@pytest.mark.parametrize("name", ["58-ninh-thuan.xls", "58-ninh-thuan.ods", "58-ninh-thuan.xlsb"])
def test_an_xlsx_saved_under_another_extension_is_read_by_its_content_with_a_note(
        default_form, tmp_path, inbox, name):
    values = hostile.counts(default_form, seed=58)
    hostile.valid_return(default_form, default_form.unit("58"), tmp_path / "58.xlsx", values)
    inbox.mkdir()
    shutil.copyfile(tmp_path / "58.xlsx", inbox / name)

    result = file_named(run(default_form, inbox), name)

    assert (result.status, result.kind, result.unit, found(result)) == (
        "accepted", "xlsx", "58", [("extension-mismatch", None)])
    assert result.issues[0].severity == "info"
    assert f"«{Path(name).suffix}»" in result.issues[0].message and "Excel (.xlsx)" in result.issues[0].message
    assert result.values == expected_values(default_form, values)


@pytest.mark.parametrize("source, kind, words", [("template-libreoffice.ods", "ods", "OpenDocument (.ods)"),
                                                 ("template-libreoffice.xls", "xls", "Excel 97-2003 (.xls)")])
def test_an_ods_or_xls_named_xlsx_is_read_by_its_content_with_a_note(default_form, inbox, source, kind, words):
    inbox.mkdir()
    shutil.copyfile(DATA / "intake" / source, inbox / "58-ninh-thuan.xlsx")

    result = file_named(run(default_form, inbox), "58-ninh-thuan.xlsx")

    # LibreOffice's save of the blank template: nothing entered yet, and its name says .xlsx.
    assert (result.status, result.kind, result.unit, found(result)) == (
        "accepted", kind, "58", [("extension-mismatch", None), ("empty-form", None)])
    assert "«.xlsx»" in result.issues[0].message and words in result.issues[0].message


def test_a_file_named_as_its_kind_gets_no_extension_note(default_form, tmp_path, inbox):
    inbox.mkdir()
    hostile.valid_return(default_form, default_form.unit("58"), inbox / "58.xlsx")
    shutil.copyfile(DATA / "intake" / "template-libreoffice.ods", inbox / "77.ods")
    shutil.copyfile(DATA / "intake" / "template-libreoffice.xls", inbox / "74.XLS")

    report = run(default_form, inbox)

    assert all("extension-mismatch" not in [i.code for i in f.issues] for f in report.files)


# --- counts too large to be counts ------------------------------------------------------------------

@pytest.mark.parametrize("value, shown", [(1e308, "1e+308"), (2**53 + 2, None), (10_000_001, "10.000.001"),
                                          ("12.345.678", "12.345.678"), ("99999999999999999999", None)])
def test_a_count_too_large_to_be_a_count_is_an_error_at_its_cell(default_form, generated, inbox, value, shown):
    values = valid_counts(default_form, random.Random(3))
    cells = {at(default_form, key, role): v for (key, role), v in values.items()}
    fill(generated["58"], inbox / "58.xlsx", cells | {at(default_form, AHLD, "collective"): value}, form=default_form)

    result = file_named(run(default_form, inbox), "58.xlsx")

    # Reported by itself: the row's sum over it would only add noise.
    assert found(result) == [("count-too-large", at(default_form, AHLD, "collective"))]
    assert result.issues[0].severity == "error"
    assert "tối đa 10.000.000" in result.issues[0].message
    if shown:
        assert shown in result.issues[0].message
    assert result.values[AHLD]["collective"] is None


def test_the_largest_count_is_the_forms_own_when_it_names_one(tmp_path, generated, inbox):
    text = DEFAULT_FORM_FILE.read_text(encoding="utf-8")
    small = tmp_path / "nho.toml"
    small.write_text(text.replace('grand_total = "Tổng cộng"\n', 'grand_total = "Tổng cộng"\nmax_count = 50\n', 1),
                     encoding="utf-8")
    form = load_form(small)
    fill(generated["58"], inbox / "58.xlsx", {at(form, AHLD, "total"): 51, at(form, AHLD, "collective"): 51},
         form=form)

    result = file_named(run(form, inbox), "58.xlsx")

    assert (form.max_count, found(result)) == (50, [("count-too-large", "C13"), ("count-too-large", "D13")])
    assert "tối đa 50" in result.issues[0].message


@pytest.mark.parametrize("line, words", [("max_count = 0", "từ 1 đến"), ("max_count = 9007199254740993", "từ 1 đến"),
                                         ('max_count = "1000"', "số nguyên"), ("max_count = true", "số nguyên"),
                                         ("max_count = 1.5", "số nguyên")])
def test_a_wrong_largest_count_in_a_definition_names_its_key(tmp_path, line, words):
    text = DEFAULT_FORM_FILE.read_text(encoding="utf-8")
    path = tmp_path / "sai.toml"
    path.write_text(text.replace('grand_total = "Tổng cộng"\n', f'grand_total = "Tổng cộng"\n{line}\n', 1),
                    encoding="utf-8")

    with pytest.raises(FormError) as caught:
        load_form(path)

    assert caught.value.key == "table.max_count"
    assert words in str(caught.value)


# --- formula errors in count cells ------------------------------------------------------------------

ERRORS = ["#DIV/0!", "#VALUE!", "#REF!", "#N/A", "#NAME?"]


@pytest.mark.parametrize("error", ERRORS)
def test_a_formula_error_typed_in_a_count_cell_is_an_error_at_its_cell_not_a_blank(
        default_form, generated, inbox, error):
    cell = at(default_form, AHLD, "collective")
    fill(generated["58"], inbox / "58.xlsx", {at(default_form, AHLD, "total"): 3, cell: error,
                                              at(default_form, AHLD, "individual"): 3}, form=default_form)

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert found(result) == [("formula-error", cell)]
    assert result.issues[0].severity == "error"
    assert error in result.issues[0].message
    assert result.values[AHLD] == {"total": 3, "collective": None, "individual": 3}


def test_a_formula_whose_saved_result_is_an_error_is_an_error_at_its_cell(default_form, tmp_path, inbox):
    # As Excel saves =D13/0: the formula, and its result typed as an error.
    src = hostile.valid_return(default_form, default_form.unit("58"), tmp_path / "58.xlsx")
    cell = at(default_form, AHLD, "total")
    sheet = hostile.parts_of(src)[hostile.SHEET].decode("utf-8")
    sheet, n = re.subn(rf'<c r="{cell}"([^>]*?)(?: t="\w+")?(?:/>|>.*?</c>)',
                       rf'<c r="{cell}"\1 t="e"><f>D13/0</f><v>#DIV/0!</v></c>', sheet, count=1)
    assert n == 1
    hostile.changed(src, inbox / "58.xlsx", add={hostile.SHEET: sheet.encode("utf-8")})

    result = file_named(run(default_form, inbox), "58.xlsx")

    assert ("formula-error", cell) in found(result)
    assert "total-mismatch" not in [i.code for i in result.issues]  # the cell is told by itself
    assert result.values[AHLD]["total"] is None


@pytest.mark.parametrize("kind", ["xls", "ods"])
def test_formula_errors_saved_by_libreoffice_are_errors_at_their_cells(default_form, inbox, kind):
    inbox.mkdir()
    name = f"formula-errors-libreoffice.{kind}"
    shutil.copyfile(DATA / "bad-input" / name, inbox / name)

    result = file_named(run(default_form, inbox), name)

    assert [(i.code, i.cell, i.message.split(" có lỗi công thức ")[1].split(",")[0]) for i in result.issues] == [
        ("formula-error", "C13", "#DIV/0!"), ("formula-error", "D13", "#VALUE!"), ("formula-error", "C14", "#N/A"),
        ("formula-error", "D14", "#NAME?"), ("formula-error", "C15", "#REF!")]
    assert result.values["huan-chuong-lao-dong"]["total"] is None
