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
from ..form import COUNT_ROLES, Form, Row
from ..formats import number_vn
from ..layout import address, column_name, summed
from .locate import Located
from .reader import Workbook

CELL_REFERENCE = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")
DASHES = {"-", "x", "–", "—", "−"}
THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
INTEGER = re.compile(r"-?\d+")
DECIMAL = re.compile(r"-?\d+([.,]\d+)")
UNREADABLE = {"not-a-number", "not-integer", "negative-value", "count-too-large", "formula-error"}


@dataclass(frozen=True)
class Count:
    """A count cell read the way a person meant it: ``value`` is None when blank or unusable."""

    value: int | None
    code: str | None = None  # the finding, if any
    shown: str = ""          # the cell as typed, for messages


def parse_count(raw: object, maximum: int) -> Count:
    """``raw`` read as a count of at most ``maximum`` (the form's ``max_count``)."""
    count = _parse_count(raw)
    if count.value is not None and count.value > maximum:
        return Count(None, "count-too-large", raw if isinstance(raw, str) else number_vn(raw))
    return count


def _parse_count(raw: object) -> Count:
    if raw is None or raw == "":
        return Count(None)
    if isinstance(raw, bool):
        return Count(None, "not-a-number", str(raw))
    if isinstance(raw, (int, float)):
        shown = f"{raw:g}".replace(".", ",")
        if raw != raw or raw in (float("inf"), float("-inf")):
            return Count(None, "not-a-number", shown)
        if not float(raw).is_integer():
            return Count(None, "not-integer", shown)
        if raw < 0:
            return Count(None, "negative-value", shown)
        return Count(int(raw))
    if not isinstance(raw, str):
        return Count(None, "not-a-number", str(raw))
    text = raw.replace("\u00a0", " ").strip()
    if not text:
        return Count(None)
    if text.lower() in DASHES:
        return Count(0, "dash-as-zero", text)
    compact = text.replace(" ", "")
    if THOUSANDS.fullmatch(compact) or INTEGER.fullmatch(compact):
        number = int(compact.replace(".", ""))
        return Count(None, "negative-value", text) if number < 0 else Count(number, "text-number", text)
    if DECIMAL.fullmatch(compact):
        return Count(None, "not-integer", text)
    return Count(None, "not-a-number", text)


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

    def count(self, r: int, role: str) -> Count:
        """A count cell read as a count; one holding a formula error is one, though it reads as blank."""
        raw = self.raw(r, role)
        if raw in (None, "") and (error := self.errors.get(self.address(r, role) or "")):
            return Count(None, "formula-error", error)
        return parse_count(raw, self.form.max_count)

    def at(self, code: str, r: int, role: str, row_label: str, **params) -> Issue:
        return issue(code, file=self.file, sheet=self.table.sheet, cell=self.address(r, role),
                     row=row_label, column=self.form.columns[role], **params)

    @cached_property
    def formulas(self) -> dict[str, str] | None:
        """Address -> formula of the table sheet's formula cells; None where the format does not tell."""
        return self.wb.formula_texts(self.table.sheet)

    def own_formula_kept(self, r: int, role: str) -> bool:
        """Whether a total cell still computes from its own column, as the template's formula does
        (a formula replaced by a constant, ``=5``, is not the template's)."""
        if not self.wb.identity or self.formulas is None:
            return False
        formula = self.formulas.get(self.address(r, role) or "")
        if formula is None:
            return False
        columns = {letters for letters, _row in CELL_REFERENCE.findall(formula)}
        return formula == "" or columns == {column_name(self.table.columns[role])}

    @cached_property
    def counts(self) -> list[tuple[Row, str, int, Count]]:
        """Every applicable count cell of the award rows that were found."""
        return [(row, role, r, self.count(r, role))
                for row in self.form.rows if (r := self.table.item_row.get(row.key)) is not None
                for role in COUNT_ROLES if row.applies(role) and role in self.table.columns]

    @cached_property
    def values(self) -> dict[str, dict[str, int | None]]:
        out: dict[str, dict[str, int | None]] = {row.key: dict.fromkeys(COUNT_ROLES) for row in self.form.rows}
        for row, role, _r, count in self.counts:
            out[row.key][role] = count.value
        return out


# --- the table -----------------------------------------------------------------------------------

def check_layout(ctx: Context) -> Iterable[Issue]:
    if ctx.table.changes:
        yield issue("layout-changed", file=ctx.file, sheet=ctx.table.sheet, detail="; ".join(ctx.table.changes))


def check_counts(ctx: Context) -> Iterable[Issue]:
    for row, role, r, count in ctx.counts:
        if count.code == "text-number":
            yield ctx.at(count.code, r, role, row.label, value=count.shown, number=count.value)
        elif count.code == "count-too-large":
            yield ctx.at(count.code, r, role, row.label, value=count.shown, maximum=number_vn(ctx.form.max_count))
        elif count.code:
            yield ctx.at(count.code, r, role, row.label, value=count.shown)


def _filled_not_applicable(ctx: Context, row: Row, r: int) -> Iterator[tuple[str, object, Count]]:
    """(role, cell, reading) of each cell of the row that does not apply yet holds something."""
    for role in COUNT_ROLES:
        if row.applies(role):
            continue
        raw = ctx.raw(r, role)
        count = parse_count(raw, ctx.form.max_count)
        if raw not in (None, "") and count.code != "dash-as-zero" and count.value != 0:
            yield role, raw, count


def check_not_applicable(ctx: Context) -> Iterable[Issue]:
    for row in ctx.form.rows:
        r = ctx.table.item_row.get(row.key)
        if r is None:
            continue
        for role, raw, count in _filled_not_applicable(ctx, row, r):
            yield ctx.at("not-applicable-filled", r, role, row.label,
                         value=count.value if count.value is not None else f"«{raw}»")


def check_row_totals(ctx: Context) -> Iterable[Issue]:
    for row in ctx.form.rows:
        r = ctx.table.item_row.get(row.key)
        if r is None:
            continue
        counts = {role: ctx.count(r, role) for role in COUNT_ROLES if row.applies(role)}
        if any(c.code in UNREADABLE for c in counts.values()) or any(_filled_not_applicable(ctx, row, r)):
            # The cell is reported by itself; a sum over it, or without it, would only add noise.
            continue
        total = counts.pop("total").value
        if total is None and all(c.value is None for c in counts.values()):
            continue
        parts = sum(c.value or 0 for c in counts.values())
        if (total or 0) != parts:
            said = texts.TOTAL_BLANK if total is None else texts.TOTAL_IS.format(value=total)
            yield ctx.at("total-mismatch", r, "total", row.label, total=said, parts=parts,
                         collective=ctx.form.columns["collective"], individual=ctx.form.columns["individual"])


def _expected_totals(ctx: Context) -> dict[tuple[int, str], int]:
    """What each subtotal and the grand total cell should hold, by (grid row, role)."""
    values = ctx.values
    expected: dict[tuple[int, str], int] = {}
    for role in COUNT_ROLES:
        grand = 0
        for section in ctx.form.sections:
            subtotal = sum(values[row.key][role] or 0 for row in section.rows if row.applies(role))
            grand += subtotal
            if section.key in ctx.table.section_row:
                expected[(ctx.table.section_row[section.key], role)] = subtotal
        if ctx.table.total_row is not None:
            expected[(ctx.table.total_row, role)] = grand
    return expected


def _own_formula(ctx: Context, r: int, role: str) -> float:
    """What the template's formula in a total cell computes from the cells as they are in the file.

    A total that agrees with it but not with the detail rows was thrown off by another cell, which
    is reported by itself: a count typed as text (SUM skips it), a number in a cell that does not
    apply (SUM adds it), or an overwritten subtotal feeding the grand total.
    """
    def section_sum(section) -> float:
        return sum(summed(ctx.raw(ctx.table.item_row.get(row.key), role)) for row in section.rows)

    if r == ctx.table.total_row:
        total = 0.0
        for section in ctx.form.sections:
            raw = ctx.raw(ctx.table.section_row.get(section.key), role)
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
    for (r, role), expected in _expected_totals(ctx).items():
        raw = ctx.raw(r, role)
        if raw in (None, ""):
            continue  # saved by a program that does not calculate: nothing to compare
        if ctx.own_formula_kept(r, role):
            # Its result is computed from the cells, which are checked themselves; the result saved
            # with it may be stale (ExcelJS and SheetJS write files without recalculating).
            continue
        found = parse_count(raw, ctx.form.max_count).value
        if found != expected and summed(raw) != _own_formula(ctx, r, role):
            yield ctx.at("subtotal-mismatch", r, role, _label_of_row(ctx, r), found=_shown(raw), expected=expected)


def check_formulas(ctx: Context) -> Iterable[Issue]:
    formulas = ctx.formulas
    if formulas is None:
        return  # formats whose formulas calamine cannot show: the cached values were checked above
    if not ctx.wb.identity:
        return  # not the template (the table was pasted into another workbook): it never had them
    for (r, role) in _expected_totals(ctx):
        address = ctx.address(r, role)
        if address and address not in formulas:
            yield ctx.at("formula-altered", r, role, _label_of_row(ctx, r))


def check_empty(ctx: Context) -> Iterable[Issue]:
    if all(count.value is None and count.code is None for *_ignored, count in ctx.counts):
        yield issue("empty-form", file=ctx.file, sheet=ctx.table.sheet)


#: Everything checked about a located table, in the order findings are listed.
CELL_CHECKS = (check_layout, check_counts, check_not_applicable, check_row_totals, check_subtotals,
               check_formulas, check_empty)


def check_table(ctx: Context) -> list[Issue]:
    return [found for check in CELL_CHECKS for found in check(ctx)]
