"""The catalogue decides: for every code, a real file with that finding goes through ``check``, and the
file is rejected exactly when the code is in ``REJECTING``.

Each case makes the finding the way it arises: a generated template filled and altered as a province
does (``tests/returns.py``), or a hostile file (``tests/hostile.py``). A code added to the catalogue
without a case here fails the test. (That docs/error-codes.md is the generated page is
``tests/test_check_files.py::test_the_error_code_document_is_current``.)
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl.utils import column_index_from_string

from tests import hostile
from tests.conftest import INDICATORS_FORM_FILE
from tests.returns import (as_cells, at, double_encoded_property, fill, fill_values, file_named,
                           identity_sheet_shown, indicator_values, label_at, paste_into_new_workbook, subtotal_at,
                           template_of, truncated, valid_counts)
from toolkit import catalogue, check
from toolkit.form import Form, Unit, load_form
from toolkit.intake import Limits
from toolkit.write.template import generate

# The count columns of the award table (the default form).
COUNT_ROLES = ("total", "collective", "individual")

UTC = dt.timezone.utc


@dataclasses.dataclass(frozen=True)
class Made:
    """What a case put in the inbox: the file to look at, and the limits to check it under."""

    name: str
    limits: Limits = Limits()
    form: Form | None = None  # the form to check against, when not the one the file was made on


Build = Callable[[Form, dict[str, Path], Path, Path], Made]  # (form, templates, work folder, inbox)


def split_row(form: Form):
    """An award row with both Tập thể and Cá nhân: every count check can happen on it."""
    return next(row for row in form.rows if all(row.applies(role) for role in COUNT_ROLES))


def counts(form: Form) -> dict[tuple[str, str], int]:
    import random

    return valid_counts(form, random.Random(9))


def typed(change: Callable[[Form, dict], dict], **options) -> Build:
    """The unit 58's template filled with valid counts, then ``change``d (address -> value)."""
    def build(form, templates, work, inbox):
        cells = as_cells(form, counts(form)) | change(form, counts(form))
        fill(templates["58"], inbox / "58.xlsx", cells, form=form, **options)
        return Made("58.xlsx")
    return build


def in_split_row(role: str, value: object) -> Callable[[Form, dict], dict]:
    return lambda form, values: {at(form, split_row(form).key, role): value}


def hostile_file(make: Callable[[Path, Path], Path], name: str = "75.xlsx") -> Build:
    """One of ``tests/hostile.py``'s files, made from the unit 75's valid return."""
    def build(form, templates, work, inbox):
        src = hostile.valid_return(form, form.units_by_code["75"], work / "75-valid.xlsx", seed=75)
        make(src, inbox / name)
        return Made(name)
    return build


def too_slow(form, templates, work, inbox):
    # A legal file of 190,000 numbers pasted below the table, read under a bound far below its reading time.
    src = hostile.valid_return(form, form.units_by_code["77"], work / "77-valid.xlsx", seed=77)
    rows = "".join(f'<row r="{r}">' + "".join(f'<c r="{chr(65 + c % 26) * (1 + c // 26)}{r}"><v>{r + c}</v></c>'
                                             for c in range(38)) + "</row>" for r in range(100, 5100))
    sheet = hostile.parts_of(src)[hostile.SHEET].replace(b"</sheetData>", rows.encode() + b"</sheetData>")
    hostile.changed(src, inbox / "77.xlsx", add={hostile.SHEET: sheet})
    return Made("77.xlsx", Limits(read_timeout=0.01))


def another_version(form, templates, work, inbox):
    template_of(form, form.units_by_code["58"], inbox / "58.xlsx", counts(form), version=form.version + ".1")
    return Made("58.xlsx")


def last_version(form, templates, work, inbox):
    fill_values(templates["58"], inbox / "58.xlsx", counts(form), form=form)
    return Made("58.xlsx", form=dataclasses.replace(form, version=form.version + ".1", previous=(form,)))


def unit_outside_the_list(form, templates, work, inbox):
    template_of(form, Unit("99", "Long An"), inbox / "99-long-an.xlsx", counts(form))
    return Made("99-long-an.xlsx")


def pasted(name: str) -> Build:
    """Unit 72's filled table pasted into a workbook of its own, saved as ``name``."""
    def build(form, templates, work, inbox):
        filled = template_of(form, form.units_by_code["72"], work / "72.xlsx", counts(form))
        paste_into_new_workbook(filled, inbox / name, form=form)
        return Made(name)
    return build


def property_double_encoded(form, templates, work, inbox):
    filled = fill_values(templates["58"], work / "58.xlsx", counts(form), form=form)
    double_encoded_property(filled, inbox / "58.xlsx", form.period.name)
    return Made("58.xlsx")


def identity_shown(form, templates, work, inbox):
    fill_values(templates["58"], inbox / "58.xlsx", counts(form), form=form, edit_book=identity_sheet_shown)
    return Made("58.xlsx")


def label_edited(form, templates, work, inbox):
    key = form.rows[0].key
    fill(templates["58"], inbox / "58.xlsx", as_cells(form, counts(form)) | {label_at(form, key): "Đã sửa tên"},
         form=form, unprotect=True)
    return Made("58.xlsx")


def count_column_deleted(form, templates, work, inbox):
    column = column_index_from_string(at(form, form.rows[0].key, "collective").rstrip("0123456789"))
    fill(templates["58"], inbox / "58.xlsx", {}, form=form, unprotect=True, edit=lambda ws: ws.delete_cols(column))
    return Made("58.xlsx")


def sent_twice(form, templates, work, inbox):
    fill_values(templates["58"], inbox / "58-cu.xlsx", counts(form), form=form,
                saved_at=dt.datetime(2020, 7, 6, 8, 0, tzinfo=UTC))
    fill_values(templates["58"], inbox / "58-moi.xlsx", counts(form), form=form,
                saved_at=dt.datetime(2020, 7, 8, 8, 0, tzinfo=UTC))
    return Made("58-cu.xlsx")


def beside_its_lock(form, templates, work, inbox):
    fill_values(templates["58"], inbox / "58.xlsx", counts(form), form=form)
    (inbox / ".~lock.58.xlsx#").write_bytes(b"A,user,host,06.07.2020 09:12,file:///C:/Users/user;")
    return Made("58.xlsx")


def left_empty(form, templates, work, inbox):
    shutil.copyfile(templates["58"], inbox / "58.xlsx")
    return Made("58.xlsx")


def not_applicable(form: Form, values: dict) -> dict:
    row, role = next((row, role) for row in form.rows for role in COUNT_ROLES if not row.applies(role))
    return {at(form, row.key, role): 2}


def total_off_by_one(form: Form, values: dict) -> dict:
    key = split_row(form).key
    return {at(form, key, "total"): values[(key, "total")] + 1}


def subtotal_overwritten(form: Form, values: dict) -> dict:
    return {subtotal_at(form, form.sections[0].key, "total"): 999}


def indicators(change: Callable[[Form], dict]) -> Build:
    """The unit 58's return of the economic targets' form, with ``change`` (address -> value)."""
    def build(form, templates, work, inbox):
        other = load_form(INDICATORS_FORM_FILE)
        [made] = generate(other, work, units=[other.unit("58")], workers=1)
        fill(made.path, inbox / "58.xlsx", as_cells(other, indicator_values()) | change(other), form=other)
        return Made("58.xlsx", form=other)
    return build


CASES: dict[str, Build] = {
    "unreadable-file": hostile_file(truncated),
    "encrypted-file": hostile_file(hostile.encrypted_xlsx),
    "unsafe-file": hostile_file(hostile.far_cell),
    "read-timeout": too_slow,
    "extension-mismatch": hostile_file(shutil.copyfile, "75.xls"),
    "unknown-form": another_version,
    "old-template-version": last_version,
    "unknown-unit": unit_outside_the_list,
    "unit-mismatch": pasted("75-dong-nai.xlsx"),
    "identity-recovered": pasted("bao cao khen thuong.xlsx"),
    "identity-source-differs": property_double_encoded,
    "identity-sheet-shown": identity_shown,
    "layout-changed": label_edited,
    "table-not-found": count_column_deleted,
    "superseded": sent_twice,
    "macro-present": hostile_file(hostile.with_macros, "75.xlsm"),
    "external-links": hostile_file(hostile.with_external_links),
    "not-a-number": typed(in_split_row("collective", "nhiều")),
    "not-integer": typed(in_split_row("collective", 2.5)),
    "negative-value": typed(in_split_row("collective", -3)),
    "count-too-large": typed(in_split_row("collective", 1e308)),
    "formula-error": typed(in_split_row("collective", "#DIV/0!")),
    "text-number": typed(in_split_row("collective", "12")),
    "dash-as-zero": typed(in_split_row("collective", "-")),
    "not-applicable-filled": typed(not_applicable, unprotect=True),
    "total-mismatch": typed(total_off_by_one),
    "computed-mismatch": indicators(lambda f: {at(f, "kim-ngach-xuat-khau", "vs_plan"): 60}),
    "rows-total-mismatch": indicators(lambda f: {at(f, "dich-vu", "actual"): 40}),
    "too-many-decimals": indicators(lambda f: {at(f, "kim-ngach-xuat-khau", "actual"): 1550.257}),
    "subtotal-mismatch": typed(subtotal_overwritten, unprotect=True),
    "formula-altered": typed(subtotal_overwritten, unprotect=True),
    "empty-form": left_empty,
    "still-open": beside_its_lock,
}


@pytest.mark.parametrize("code", list(catalogue.SEVERITY))
def test_a_file_with_the_finding_is_rejected_exactly_when_the_catalogue_says_so(
        default_form, generated, tmp_path, code):
    inbox, work = tmp_path / "inbox", tmp_path / "work"
    inbox.mkdir()
    work.mkdir()
    made = CASES[code](default_form, generated, work, inbox)

    result = file_named(check(made.form or default_form, inbox, limits=made.limits, workers=2), made.name)

    assert code in [i.code for i in result.issues]
    assert (result.status == "rejected") == (code in catalogue.REJECTING), (result.status, result.issues)


def test_every_case_is_a_code_of_the_catalogue():
    assert set(CASES) == set(catalogue.SEVERITY)

