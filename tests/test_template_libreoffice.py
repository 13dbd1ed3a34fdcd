"""Every generated template in a real spreadsheet application (LibreOffice, headless).

Skipped locally when LibreOffice is absent; required in CI.
"""

from __future__ import annotations

import random

import pytest
from python_calamine import CalamineWorkbook

from support.libreoffice import convert, inspect_workbook, require_libreoffice
from toolkit.demo import sample_values
from toolkit.markers import IDENTITY_SHEET
from toolkit.write.template import write_template

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module", autouse=True)
def _libreoffice():
    require_libreoffice(uno=True)


def test_every_template_converts_to_pdf(generated, tmp_path):
    for code, path in generated.items():
        pdf = convert(path, "pdf", tmp_path)
        assert pdf.read_bytes().startswith(b"%PDF"), code


def test_after_recalculation_every_formula_equals_its_cached_value(default_form, generated, tmp_path):
    unit = default_form.units[0]
    filled = write_template(default_form, unit, tmp_path / "filled.xlsx",
                            sample_values=sample_values(default_form, unit, random.Random(7)))
    for source in (filled, generated[default_form.units[1].code]):
        seen = inspect_workbook(source)
        assert seen.formulas[default_form.sheet], "the template has formulas"
        assert seen.formula_mismatches() == []


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods"])
def test_converted_template_keeps_identity_and_labels(default_form, generated, tmp_path, fmt):
    unit = default_form.units[2]
    converted = convert(generated[unit.code], fmt, tmp_path)
    book = CalamineWorkbook.from_path(str(converted))
    assert IDENTITY_SHEET in book.sheet_names
    facts = {row[0]: row[1] for row in book.get_sheet_by_name(IDENTITY_SHEET).to_python() if row[0]}
    assert facts == default_form.identity(unit)
    cells = {str(v) for row in book.get_sheet_by_name(default_form.sheet).to_python() for v in row}
    assert {r.label for r in default_form.rows} <= cells
    assert {s.label for s in default_form.sections} <= cells
    assert default_form.grand_total in cells
