"""Which units count in the summary and why, and the tidy data: one row per unit and award row.

Derived from the :class:`~toolkit.checks.report.Report` alone: the summary workbook and
:func:`tidy_frame` both start here, so the totals, the data sheet and the frame cannot disagree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from xlsxwriter.utility import quote_sheetname

from . import texts
from .catalogue import ERROR, INFO, WARNING
from .checks.report import FileResult, Report, UnitResult
from .checks.revisions import describe
from .formats import clock_vn
from .form import Form
from .layout import clean, column_index
from .markers import TOTAL_KEY

NAMES_IN_LINE = 10


@dataclass
class Inclusion:
    """One unit of the form and its part in the summary: counted or not, and the reason."""

    result: UnitResult
    file: FileResult | None
    included: bool
    reason: str
    counts: dict[str, int] = field(default_factory=dict)  # findings by severity

    @property
    def code(self) -> str:
        return self.result.code

    @property
    def name(self) -> str:
        return self.result.name

    def value(self, key: str, role: str) -> int | None:
        return (self.file.values.get(key) or {}).get(role) if self.file else None


def plan(report: Report, include_invalid: bool) -> list[Inclusion]:
    """Every unit of the form, in the form's order: a unit with errors counts only if ``include_invalid``."""
    units = []
    for u in report.units:
        f = u.file
        counts = {sev: sum(i.severity == sev for i in u.issues) for sev in (ERROR, WARNING, INFO)}
        first_error = next((i.message for i in u.issues if i.severity == ERROR), "")
        if f is None:
            included = False
            other = report.sent(u.code)
            reason = (texts.REASON_MISSING_REJECTED.format(file=other.path, message=_first_message(other))
                      if other else texts.REASON_MISSING)
        elif u.status == ERROR:
            included = include_invalid
            template = texts.REASON_INVALID_INCLUDED if include_invalid else texts.REASON_EXCLUDED
            reason = template.format(count=counts[ERROR], first=first_error)
        elif u.status == WARNING:
            included, reason = True, texts.REASON_WARNING.format(count=counts[WARNING],
                                                                 sheet=texts.SUMMARY_SHEETS["findings"])
        else:
            included, reason = True, texts.REASON_VALID
        if f is not None and f.revision is not None:
            reason = f"{reason}; {describe(f.revision, short=True)}"
        units.append(Inclusion(u, f, included, reason, counts))
    return units


def _first_message(f: FileResult) -> str:
    chosen = [i for i in f.issues if i.severity == ERROR] or f.issues
    return chosen[0].message if chosen else ""


def names_line(names: list[str]) -> str:
    """Unit names for a sentence: the first few, then how many more and where to see them."""
    if len(names) <= NAMES_IN_LINE:
        return ", ".join(names)
    return ", ".join(names[:NAMES_IN_LINE]) + " " + texts.SUMMARY_MORE_UNITS.format(
        count=len(names) - NAMES_IN_LINE, sheet=texts.SUMMARY_SHEETS["status"])


def status_line(units: list[Inclusion]) -> str:
    """How many units are counted, and which sent nothing or were left out."""
    parts = [texts.SUMMARY_INCLUDED.format(included=sum(u.included for u in units), total=len(units))]
    invalid = sum(u.included and u.result.status == ERROR for u in units)
    if invalid:  # only with --include-invalid: say how much of the total is unchecked data
        parts[0] += texts.SUMMARY_INCLUDED_INVALID.format(count=invalid)
    missing = [u.name for u in units if u.file is None]
    excluded = [u.name for u in units if u.file is not None and not u.included]
    if missing:
        parts.append(texts.SUMMARY_MISSING.format(names=names_line(missing)))
    if excluded:
        parts.append(texts.SUMMARY_EXCLUDED.format(names=names_line(excluded)))
    return "; ".join(parts)


def as_of_line(report: Report) -> str:
    """Up to which moment the inbox was read."""
    if report.as_of is None:
        return texts.SUMMARY_AS_OF_NONE
    time, date = clock_vn(report.as_of)
    return texts.SUMMARY_AS_OF.format(time=time, date=date)


# --- the tidy data ------------------------------------------------------------------------------------

_ADDRESS = re.compile(r"([A-Z]+)(\d+)")


def number_columns(form: Form) -> tuple[str, ...]:
    """Keys of the tidy data's columns that hold numbers (the values and the 0/1 flag)."""
    return (*form.value_keys, "included")


def data_columns(form: Form) -> dict[str, str]:
    """The columns of the data sheet (and of :func:`tidy_frame`), in order: key → heading."""
    unit, note = form.key_of_kind("unit"), next(iter(form.text_keys), None)
    return {"unit_code": texts.DATA_UNIT_CODE, "unit_name": texts.DATA_UNIT_NAME, "row_key": texts.DATA_ROW_KEY,
            "label": form.columns[form.key_of_kind("label")],
            **({"measure": form.columns[unit]} if unit else {}),
            **{key: form.columns[key] for key in form.value_keys},
            **({"note": form.columns[note]} if note else {}), "source_file": texts.DATA_SOURCE_FILE,
            "source_cells": texts.DATA_SOURCE_CELLS, "included": texts.DATA_INCLUDED}


def tidy_rows(form: Form, units: list[Inclusion]) -> Iterator[dict[str, object]]:
    """One record per unit that sent a file and row of the table, keyed as :func:`data_columns`."""
    # What does not change from row to row (or unit to unit) is worked out once: at national size
    # these records are millions of cells.
    keys = form.value_keys
    measure, note = form.key_of_kind("unit") is not None, bool(form.text_keys)
    applies = [(row, [key for key in keys if row.applies(key)]) for row in form.rows]
    shown = (*keys, *form.text_keys)
    for u in units:
        f = u.file
        if f is None:
            continue
        code, name, source, included = u.code, u.name, clean(f.path), int(u.included)
        prefix = quote_sheetname(clean(f.sheet)) + "!" if f.sheet else ""
        for row, applying in applies:
            values = f.values.get(row.key) or {}
            record = {"unit_code": code, "unit_name": name, "row_key": row.key, "label": row.label}
            if measure:
                record["measure"] = row.unit or None
            record.update(dict.fromkeys(keys))
            for key in applying:
                record[key] = values.get(key)
            if note:
                record["note"] = clean(f.notes.get(row.key) or "").strip() or None
            record["source_file"] = source
            record["source_cells"] = _source_cells(prefix, f.cells.get(row.key) or {}, shown)
            record["included"] = included
            yield record


def _source_cells(prefix: str, cells: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """``'Khen thưởng'!C12:F12``: a reference a person can paste into Excel's Go To box; ``prefix``
    is the sheet's part of it (``'Khen thưởng'!``, or empty without a sheet)."""
    addresses = tuple(cells[key] for key in keys if cells.get(key))
    return _reference(prefix, addresses) if addresses else None


@lru_cache(maxsize=4096)  # files made from one template hold a row's values in the same cells
def _reference(prefix: str, addresses: tuple[str, ...]) -> str:
    parsed = [_ADDRESS.fullmatch(a) for a in addresses]
    if all(parsed) and len({m.group(2) for m in parsed}) == 1:
        cols = [column_index(m.group(1)) for m in parsed]
        if cols == list(range(cols[0], cols[0] + len(cols))):
            return f"{prefix}{addresses[0]}:{addresses[-1]}" if len(addresses) > 1 else prefix + addresses[0]
    return ",".join(prefix + a for a in addresses)


def tidy_frame(report: Report, include_invalid: bool = False):
    """The rows of the data sheet as a pandas DataFrame (counts as nullable integers, other
    values as nullable decimals)."""
    import pandas as pd

    form = report.form
    rows = list(tidy_rows(form, plan(report, include_invalid)))

    def column(key: str):
        values = [row[key] for row in rows]
        if key in form.value_keys:
            return pd.array(values, dtype="Int64" if form.column[key].kind == "count" else "Float64")
        if key == "included":
            return pd.array(values, dtype="int64")
        return pd.Series(values, dtype="str")

    return pd.DataFrame({label: column(key) for key, label in data_columns(form).items()})


def totals(form: Form, units: list[Inclusion]) -> dict[tuple[str, str], float | None]:
    """The numbers of the summary's table, as its cells hold them: see :func:`table_cells`, over the
    included units."""
    return table_cells(form, lambda row, key: sum(u.value(row, key) or 0 for u in units if u.included))


def table_cells(form: Form, summed: Callable[[str, str], float | None]) -> dict[tuple[str, str], float | None]:
    """(row key, column key) → the summary's cell, from ``summed(row key, column key)``, the value
    of a row's column across units (None: not known): where the summary sums a column (one a unit
    fills, not a percentage, on a row summed across units), that sum; where a rule computes a
    column, the rule's value over those sums; (section key, column key) for each subtotal and
    (``TOTAL_KEY``, column key) for the grand total, over the columns that are not percentages."""
    cells: dict[tuple[str, str], float | None] = {}
    for row in form.rows:
        for key in form.value_keys:
            column = form.column[key]
            if row.applies(key) and row.aggregate == "sum" and column.input and column.kind != "percent":
                cells[(row.key, key)] = summed(row.key, key)
    sums = dict(cells)
    for rule in form.rules:
        target = getattr(rule, "target", None)
        if target is None or form.column[target].input:
            continue
        for row in form.rows:
            if rule.applies(row):
                cells[(row.key, target)] = rule.value({k: sums.get((row.key, k)) for k in rule.operands})
    added = [key for key in form.value_keys if form.column[key].kind != "percent"]
    grand: dict[str, float] = dict.fromkeys(added, 0)
    for section in form.sections:
        if section.inline or not section.subtotal:
            continue
        for key in added:
            cells[(section.key, key)] = sum(sums.get((r.key, key)) or 0 for r in section.rows if r.applies(key))
            grand[key] += cells[(section.key, key)]
    if form.grand_total is not None:
        cells.update({(TOTAL_KEY, key): total for key, total in grand.items()})
    return cells
