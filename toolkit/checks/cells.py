"""The checks of a returned table. Each is one small function that reports, never raises.

``CELL_CHECKS`` lists, in order, everything checked about a located table (what is found about the
file as a whole is ``checks.steps.FILE_STEPS``). A check receives a :class:`Context` and yields
:class:`~toolkit.catalogue.Issue` objects.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from .. import texts
from ..catalogue import Issue, issue
from ..form import Form, Row
from ..formats import number_vn, plain_number
from ..layout import address, column_name, summed
from ..rules import GroupRule, RowRule
from .locate import Located
from .reader import Workbook
from .values import UNREADABLE, Reading, parse_count, parse_decimal

CELL_REFERENCE = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


def read_value(raw: object, form: Form, row: Row, key: str) -> Reading:
    """A value cell of ``row`` in column ``key``, read by what the column holds (a computed cell's
    result may be negative: it is the formula's, not the unit's)."""
    column = form.column[key]
    places, negative = form.places(row, key), form.negative_allowed(row, key) or not column.input
    if places == 0:
        return parse_count(raw, form.max_count, negative)
    return parse_decimal(raw, places, negative, percent=column.kind == "percent")


def differs(found: float, expected: float, tolerance: float = 0.0) -> bool:
    """Whether two numbers differ by more than ``tolerance``, beyond the noise of binary fractions
    (17564889,94 typed is not exactly 8824059,94 + 8740830)."""
    return abs(found - expected) > tolerance + 1e-9 * max(1.0, abs(found), abs(expected))


@dataclass
class Context:
    """One returned table under check."""

    form: Form
    wb: Workbook
    table: Located
    file: str

    @cached_property
    def grid(self) -> list[list[object]]:
        return self.wb.sheet(self.table.sheet).grid

    def raw(self, r: int | None, role: str) -> object:
        c = self.table.columns.get(role)
        if r is None or c is None:
            return None
        row = self.grid[r]
        return row[c] if c < len(row) else None

    def address(self, r: int, role: str) -> str | None:
        c = self.table.columns.get(role)
        return None if c is None else address(r, c)

    @cached_property
    def errors(self) -> dict[str, str]:
        """The formula errors of the table's sheet by address: calamine reads those cells as blank."""
        return self.wb.errors(self.table.sheet)

    def reading(self, r: int, row: Row, key: str) -> Reading:
        """A value cell read by its kind; one holding a formula error is one, though it reads as blank."""
        raw = self.raw(r, key)
        if raw in (None, "") and (error := self.errors.get(self.address(r, key) or "")):
            return Reading(None, "formula-error", error)
        return read_value(raw, self.form, row, key)

    def at(self, code: str, r: int, role: str, row_label: str, **params) -> Issue:
        return issue(code, file=self.file, sheet=self.table.sheet, cell=self.address(r, role),
                     row=row_label, column=self.form.columns[role], **params)

    @cached_property
    def formulas(self) -> dict[str, str] | None:
        """Address -> formula of the table sheet's formula cells; None where the format does not tell."""
        return self.wb.formula_texts(self.table.sheet)

    def own_formula_kept(self, r: int, role: str, operands: tuple[str, ...] | None = None) -> bool:
        """Whether a total cell still computes from its own column (a computed cell: from its
        ``operands``' columns), as the template's formula does (``=5`` is not the template's)."""
        if not self.wb.identity or self.formulas is None:
            return False
        formula = self.formulas.get(self.address(r, role) or "")
        if formula is None:
            return False
        columns = {letters for letters, _row in CELL_REFERENCE.findall(formula)}
        own = {column_name(self.table.columns[k]) for k in (operands or (role,)) if k in self.table.columns}
        return formula == "" or columns == own

    @cached_property
    def readings(self) -> list[tuple[Row, str, int, Reading]]:
        """Every applicable value cell of the rows that were found."""
        return [(row, key, r, self.reading(r, row, key))
                for row in self.form.rows if (r := self.table.item_row.get(row.key)) is not None
                for key in self.form.value_keys if row.applies(key) and key in self.table.columns]

    @cached_property
    def values(self) -> dict[str, dict[str, int | float | None]]:
        out: dict[str, dict] = {row.key: dict.fromkeys(self.form.value_keys) for row in self.form.rows}
        for row, key, _r, reading in self.readings:
            out[row.key][key] = reading.value
        # A computed cell holds what its rule gives from the cells it is computed from: a program
        # that does not calculate saved it blank, a typed-over one is reported (check_computed).
        for key, rule in self.computed().items():
            for row in self.form.rows:
                if row.key in self.table.item_row and rule.applies(row):
                    given = rule.value(out[row.key])
                    out[row.key][key] = given if given is not None else out[row.key][key]
        return out

    @cached_property
    def by_row(self) -> dict[str, dict[str, Reading]]:
        out: dict[str, dict[str, Reading]] = {}
        for row, key, _r, reading in self.readings:
            out.setdefault(row.key, {})[key] = reading
        return out

    def row_rules(self) -> list[RowRule]:
        return [rule for rule in self.form.rules if isinstance(rule, RowRule)]

    def computed(self) -> dict[str, RowRule]:
        """The columns the template computes, by the rule that computes each."""
        return {rule.target: rule for rule in self.row_rules() if not self.form.column[rule.target].input}


# --- the table -----------------------------------------------------------------------------------

def check_layout(ctx: Context) -> Iterable[Issue]:
    if ctx.table.changes:
        yield issue("layout-changed", file=ctx.file, sheet=ctx.table.sheet, detail="; ".join(ctx.table.changes))


def check_values(ctx: Context) -> Iterable[Issue]:
    for row, key, r, reading in ctx.readings:
        if reading.code == "text-number":
            yield ctx.at(reading.code, r, key, row.label, value=reading.shown, number=plain_number(reading.value))
        elif reading.code == "count-too-large":
            yield ctx.at(reading.code, r, key, row.label, value=reading.shown, maximum=number_vn(ctx.form.max_count))
        elif reading.code == "too-many-decimals":
            if ctx.form.column[key].input:  # a computed cell's result has the decimals it has
                yield ctx.at(reading.code, r, key, row.label, value=reading.shown, places=ctx.form.places(row, key))
        elif reading.code in ("not-a-number", "not-integer"):
            expected = texts.EXPECTED_NUMBER["count" if ctx.form.places(row, key) == 0 else "decimal"]
            yield ctx.at(reading.code, r, key, row.label, value=reading.shown, expected=expected)
        elif reading.code:
            yield ctx.at(reading.code, r, key, row.label, value=reading.shown)


def _filled_not_applicable(ctx: Context, row: Row, r: int) -> Iterator[tuple[str, object, Reading]]:
    """(column, cell, reading) of each cell of the row that does not apply yet holds something."""
    for key in ctx.form.value_keys:
        if row.applies(key) or key not in ctx.table.columns:
            continue
        raw = ctx.raw(r, key)
        reading = parse_count(raw, ctx.form.max_count)
        if raw not in (None, "") and reading.code != "dash-as-zero" and reading.value != 0:
            yield key, raw, reading


def check_not_applicable(ctx: Context) -> Iterable[Issue]:
    for row in ctx.form.rows:
        r = ctx.table.item_row.get(row.key)
        if r is None:
            continue
        for key, raw, reading in _filled_not_applicable(ctx, row, r):
            yield ctx.at("not-applicable-filled", r, key, row.label,
                         value=plain_number(raw) if isinstance(raw, (int, float)) and not isinstance(raw, bool)
                         else reading.value if reading.value is not None else f"«{raw}»")


def check_rules(ctx: Context) -> Iterable[Issue]:
    """Each row rule on the rows it applies to; a computed column is checked like a subtotal."""
    computed = ctx.computed()
    for rule in ctx.row_rules():
        if rule.target in computed:
            continue  # see check_computed
        for row in ctx.form.rows:
            r = ctx.table.item_row.get(row.key)
            if r is None or not rule.applies(row):
                continue
            readings = ctx.by_row.get(row.key, {})
            used = [readings[k] for k in (rule.target, *rule.operands) if k in readings]
            if any(x.code in UNREADABLE for x in used) or any(_filled_not_applicable(ctx, row, r)):
                # The cell is reported by itself; a sum over it, or without it, would only add noise.
                continue
            values = {k: x.value for k, x in readings.items()}
            expected = rule.value({k: values.get(k) for k in rule.operands if row.applies(k)})
            total = values.get(rule.target)
            if (total is None and expected is None) or (expected is None and not rule.additive):
                continue
            if differs(total or 0, expected or 0, rule.tolerance):
                said = texts.TOTAL_BLANK if total is None else texts.TOTAL_IS.format(value=plain_number(total))
                yield ctx.at("total-mismatch", r, rule.target, row.label, total=said,
                             parts=plain_number(expected or 0), operands=rule.spoken(ctx.form.columns))


def check_computed(ctx: Context) -> Iterable[Issue]:
    """A computed cell saved with a result other than its rule's (typed over, or a stale copy)."""
    for key, rule in ctx.computed().items():
        for row in ctx.form.rows:
            r = ctx.table.item_row.get(row.key)
            if r is None or not rule.applies(row) or key not in ctx.table.columns:
                continue
            raw = ctx.raw(r, key)
            if raw in (None, "") or ctx.own_formula_kept(r, key, rule.operands):
                continue
            expected = rule.value(ctx.values[row.key])
            found = ctx.by_row.get(row.key, {}).get(key)
            if expected is None or found is None or found.value is None:
                continue
            if differs(found.value, expected, rule.tolerance):
                yield ctx.at("computed-mismatch", r, key, row.label, found=_shown(raw),
                             expected=number_vn(round(expected, ctx.form.places(row, key))),
                             rule=rule.spoken(ctx.form.columns))


def check_groups(ctx: Context) -> Iterable[Issue]:
    """Rows that must add up to a total (shares of 100 %)."""
    for rule in ctx.form.rules:
        if not isinstance(rule, GroupRule) or rule.column not in ctx.table.columns:
            continue
        found = [(row, ctx.table.item_row.get(row.key)) for row in ctx.form.rows if row.key in rule.rows]
        readings = [ctx.by_row.get(row.key, {}).get(rule.column) for row, _r in found]
        if any(x is None or x.code in UNREADABLE for x in readings) or all(x.value is None for x in readings):
            continue
        total = sum(x.value or 0 for x in readings)
        if differs(total, rule.total, rule.tolerance):
            row, r = found[0]
            yield ctx.at("rows-total-mismatch", r, rule.column, row.label, found=number_vn(round(total, 6)),
                         expected=number_vn(rule.total), tolerance=number_vn(rule.tolerance),
                         rows=", ".join(f"«{row.label}»" for row, _r in found))


def _summed_keys(form: Form) -> list[str]:
    """The value columns that sections and the grand total add up (percents are never added)."""
    return [k for k in form.value_keys if form.column[k].kind != "percent"]


def _expected_totals(ctx: Context) -> dict[tuple[int, str], int | float]:
    """What each subtotal and the grand total cell should hold, by (grid row, column)."""
    values = ctx.values
    expected: dict[tuple[int, str], int | float] = {}
    for key in _summed_keys(ctx.form):
        grand = 0
        for section in ctx.form.sections:
            if not section.subtotal:
                continue
            subtotal = sum(values[row.key][key] or 0 for row in section.rows if row.applies(key))
            grand += subtotal
            if section.key in ctx.table.section_row:
                expected[(ctx.table.section_row[section.key], key)] = subtotal
        if ctx.table.total_row is not None and ctx.form.grand_total is not None:
            expected[(ctx.table.total_row, key)] = grand
    return expected


def _own_formula(ctx: Context, r: int, key: str) -> float:
    """What the template's formula in a total cell computes from the cells as they are in the file.

    A total that agrees with it but not with the detail rows was thrown off by another cell, which
    is reported by itself: a count typed as text (SUM skips it), a number in a cell that does not
    apply (SUM adds it), or an overwritten subtotal feeding the grand total.
    """
    def section_sum(section) -> float:
        return sum(summed(ctx.raw(ctx.table.item_row.get(row.key), key)) for row in section.rows)

    if r == ctx.table.total_row:
        total = 0.0
        for section in ctx.form.sections:
            raw = ctx.raw(ctx.table.section_row.get(section.key), key)
            # A subtotal saved without its result (by a program that does not calculate) is what
            # the spreadsheet would calculate on opening.
            total += section_sum(section) if raw in (None, "") else summed(raw)
        return total
    section = next(s for s in ctx.form.sections if ctx.table.section_row.get(s.key) == r)
    return section_sum(section)


def _label_of_row(ctx: Context, r: int) -> str:
    if r == ctx.table.total_row:
        return ctx.form.grand_total
    return next(s.label for s in ctx.form.sections if ctx.table.section_row.get(s.key) == r)


def _shown(raw: object) -> str:
    """A cell's content for a message: numbers the Vietnamese way (7, 2,5), text in quotes."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        return number_vn(raw)
    return f"«{raw}»" if isinstance(raw, str) else str(raw)


def check_subtotals(ctx: Context) -> Iterable[Issue]:
    for (r, key), expected in _expected_totals(ctx).items():
        raw = ctx.raw(r, key)
        if raw in (None, ""):
            continue  # saved by a program that does not calculate: nothing to compare
        if ctx.own_formula_kept(r, key):
            # Its result is computed from the cells, which are checked themselves; the result saved
            # with it may be stale (ExcelJS and SheetJS write files without recalculating).
            continue
        found = read_value(raw, ctx.form, _any_row(ctx.form, key), key).value
        if (found is None or differs(found, expected)) and differs(summed(raw), _own_formula(ctx, r, key)):
            yield ctx.at("subtotal-mismatch", r, key, _label_of_row(ctx, r), found=_shown(raw),
                         expected=plain_number(expected))


def _any_row(form: Form, key: str) -> Row:
    return next(row for row in form.rows if row.applies(key))


def check_formulas(ctx: Context) -> Iterable[Issue]:
    formulas = ctx.formulas
    if formulas is None:
        return  # formats whose formulas calamine cannot show: the cached values were checked above
    if not ctx.wb.identity:
        return  # not the template (the table was pasted into another workbook): it never had them
    cells = [(r, key, _label_of_row(ctx, r)) for (r, key) in _expected_totals(ctx)]
    for key, rule in ctx.computed().items():
        cells += [(r, key, row.label) for row in ctx.form.rows
                  if rule.applies(row) and (r := ctx.table.item_row.get(row.key)) is not None]
    for r, key, label in cells:
        address = ctx.address(r, key)
        if address and address not in formulas:
            yield ctx.at("formula-altered", r, key, label)


def check_empty(ctx: Context) -> Iterable[Issue]:
    inputs = [x for row, key, _r, x in ctx.readings if ctx.form.column[key].input]
    if all(x.value is None and x.code is None for x in inputs):
        yield issue("empty-form", file=ctx.file, sheet=ctx.table.sheet)


#: Everything checked about a located table, in the order findings are listed.
CELL_CHECKS = (check_layout, check_values, check_not_applicable, check_rules, check_computed, check_groups,
               check_subtotals, check_formulas, check_empty)


def check_table(ctx: Context) -> list[Issue]:
    return [found for check in CELL_CHECKS for found in check(ctx)]
