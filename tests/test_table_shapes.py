"""Tables of other shapes than the two bundled forms, written in the same language: each case is a
variant of a bundled definition that once gave a wrong finding, a broken formula or a crash."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from support.libreoffice import fill_and_save, recalculate_values
from tests.conftest import DEFAULT_FORM_FILE, INDICATORS_FORM_FILE
from tests.returns import as_cells, at, fill, file_named, indicator_values, run
from toolkit.demo import run_demo
from toolkit.form import FormError, load_form
from toolkit.write.template import generate


def variant(tmp_path: Path, source: Path, *edits: tuple[str, str]) -> Path:
    text = source.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new, 1)
    path = tmp_path / "forms" / source.name
    path.parent.mkdir(exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def template(form, tmp_path: Path, code: str = "58") -> Path:
    [made] = generate(form, tmp_path / "mau", units=[form.unit(code)], workers=1)
    return made.path


COMPUTED_TOTAL = ('{ label = "Tổng số", kind = "count" }', '{ label = "Tổng số", kind = "count", input = false }')


def test_a_computed_total_leaves_out_the_parts_that_do_not_apply(tmp_path):
    form = load_form(variant(tmp_path, DEFAULT_FORM_FILE, COMPUTED_TOTAL))
    ws = openpyxl.load_workbook(template(form, tmp_path))[form.sheet]
    only_individuals = form.rows[0]  # Bà mẹ Việt Nam anh hùng: no Tập thể
    formula = ws[at(form, only_individuals.key, "total")].value
    assert formula == f"=0+{at(form, only_individuals.key, 'individual')}"


@pytest.mark.libreoffice
def test_a_computed_total_is_a_number_after_libreoffice_calculates(libreoffice, tmp_path):
    form = load_form(variant(tmp_path, DEFAULT_FORM_FILE, COMPUTED_TOTAL))
    key = form.rows[0].key
    path = fill_and_save(template(form, tmp_path), tmp_path / "inbox" / "58.xlsx",
                         {form.sheet: {at(form, key, "individual"): 4}})
    assert recalculate_values(path)[form.sheet][at(form, key, "total")] == 4
    result = file_named(run(form, tmp_path / "inbox"), "58.xlsx")
    assert not [i for i in result.issues if i.severity == "error"], result.issues
    assert result.values[key]["total"] == 4


def test_a_table_without_a_number_column_or_grand_total_ends_at_its_last_row(tmp_path):
    form = load_form(variant(tmp_path, INDICATORS_FORM_FILE, ('number = { label = "STT", kind = "stt" }\n', "")))
    inbox = tmp_path / "inbox"
    fill(template(form, tmp_path), inbox / "58.xlsx", as_cells(form, indicator_values()), form=form)
    result = file_named(run(form, inbox), "58.xlsx")
    assert result.status == "accepted" and not result.issues, result.issues


DECIMAL_AWARDS = [('total = { label = "Tổng số", kind = "count" }', 'total = { label = "Tổng số", kind = "decimal" }'),
                  ('collective = { label = "Tập thể", kind = "count" }',
                   'collective = { label = "Tập thể", kind = "decimal" }'),
                  ('individual = { label = "Cá nhân", kind = "count" }',
                   'individual = { label = "Cá nhân", kind = "decimal" }')]


def test_a_large_decimal_total_is_not_off_by_the_last_binary_digit(tmp_path):
    form = load_form(variant(tmp_path, DEFAULT_FORM_FILE, *DECIMAL_AWARDS))
    key = next(r.key for r in form.rows if r.applies("collective") and r.applies("individual"))
    inbox = tmp_path / "inbox"
    fill(template(form, tmp_path), inbox / "58.xlsx", {at(form, key, "collective"): 8824059.94,
                                                         at(form, key, "individual"): 8740830,
                                                         at(form, key, "total"): 17564889.94}, form=form)
    assert not file_named(run(form, inbox), "58.xlsx").issues


def test_a_text_number_is_quoted_with_all_its_digits(indicators_form, indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    cells = as_cells(form, indicator_values()) | {at(form, "von-dang-ky-trong-nuoc", "plan"): "15.452,93"}
    fill(indicators_generated["58"], inbox / "58.xlsx", cells, form=form)
    [found] = file_named(run(form, inbox), "58.xlsx").issues
    assert "đã đọc là 15452,93" in found.message


@pytest.mark.libreoffice
def test_a_computed_result_below_zero_is_the_formulas_not_the_units_error(libreoffice, tmp_path):
    form = load_form(variant(tmp_path, INDICATORS_FORM_FILE, ("vs_last_year = false\nvs_plan = false\n",
                                                               "vs_last_year = false\n")))
    cells = {at(form, key, column): value for (key, column), value in indicator_values().items()}
    inbox = tmp_path / "inbox"
    fill_and_save(template(form, tmp_path), inbox / "58.xlsx", {form.sheet: cells})  # growth -1,25 of 7,5
    result = file_named(run(form, inbox), "58.xlsx")
    assert result.values["tang-truong-grdp"]["vs_plan"] == pytest.approx(-1.25 / 7.5 * 100)
    assert not result.issues, result.issues


@pytest.mark.parametrize("edits, key", [
    ((('{ key = "thue-san-pham", number = "4.4", label = "Thuế sản phẩm trừ trợ cấp sản phẩm" }',
       '{ key = "thue-san-pham", number = "4.4", label = "Thuế sản phẩm trừ trợ cấp sản phẩm", plan = true, actual = false }'),),
     "table.rules[1].rows[3]"),
    ((("vs_last_year = false\nvs_plan = false\n", "plan = false\nvs_last_year = false\n"),), "table.rules[0]"),
    ((('vs_last_year = { label = "So với cùng kỳ (%)"', 'note = { label = "So với cùng kỳ (%)"'),
      ('note = { label = "Ghi chú", kind = "text" }', 'ghi_chu = { label = "Ghi chú", kind = "text" }')),
     "table.columns.note"),
], ids=["group-rule-over-a-row-without-its-column", "computed-column-on-a-row-without-its-operands",
        "a-value-column-keyed-like-the-note"])
def test_a_definition_the_table_cannot_honour_is_refused_naming_the_key(tmp_path, edits, key):
    with pytest.raises(FormError) as caught:
        load_form(variant(tmp_path, INDICATORS_FORM_FILE, *edits))
    assert caught.value.key == key


def test_the_demo_runs_on_a_table_with_no_rule(tmp_path):
    form = load_form(variant(tmp_path, DEFAULT_FORM_FILE, ('[[table.rules]]\ncheck = "total = collective + individual"\n',
                                                           "")))
    done = run_demo(form, tmp_path / "demo")
    assert done.summary.exists() and done.corrected.exists()
