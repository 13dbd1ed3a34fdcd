"""Finding the form's table in a returned sheet by its labels and keys, never by fixed addresses.

A province may insert a blank row, move a row, add a column or paste the table into a new workbook:
rows are matched by the hidden key column when it survived, otherwise by their labels compared
without diacritics, case or spacing. Whatever differs from the form is described in ``changes``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import texts
from ..form import Form
from ..layout import column_name
from ..markers import IDENTITY_SHEET, TOTAL_KEY
from ..names import fold
from .reader import Sheet, Workbook

HEADER_SEARCH_ROWS = 60


@dataclass
class Located:
    sheet: str
    header_row: int
    columns: dict[str, int]
    item_row: dict[str, int]
    section_row: dict[str, int]
    total_row: int | None
    changes: list[str] = field(default_factory=list)


def locate(wb: Workbook, form: Form) -> Located | None:
    """The form's table in the most likely sheet, or None when no sheet has its header."""
    candidates = sorted((s for s in wb.sheets if s.name != IDENTITY_SHEET),
                        key=lambda s: (fold(s.name) != fold(form.sheet), not s.visible))
    for sheet in candidates:
        found = _locate_in(sheet, form)
        if found is not None:
            return found
    return None


def _header_row(grid: list[list[object]], form: Form) -> int | None:
    wanted = {fold(form.columns[key]) for key in form.value_keys}
    for r, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if wanted <= {fold(v) for v in row if v != ""}:
            return r
    return None


def _locate_in(sheet: Sheet, form: Form) -> Located | None:
    grid = sheet.grid
    header = _header_row(grid, form)
    if header is None:
        return None
    changes: list[str] = []
    cells = [fold(v) for v in grid[header]]
    columns = {}
    for key, text in form.columns.items():
        label = fold(text)
        if label in cells:
            columns[key] = cells.index(label)
        else:
            changes.append(texts.LAYOUT_CHANGES["missing-column"].format(label=text))
    first, last = min(columns.values()), max(columns.values())
    for c, value in enumerate(grid[header]):
        if c in columns.values():
            continue
        label = str(value).strip()
        if label:
            changes.append(texts.LAYOUT_CHANGES["extra-column"].format(label=label))
        elif first < c < last:  # a column inserted without a heading still moves the table apart
            changes.append(texts.LAYOUT_CHANGES["extra-blank-column"].format(letter=column_name(c)))
    item_row, section_row, total_row = _match_rows(grid, header, columns, form, changes)
    return Located(sheet.name, header, columns, item_row, section_row, total_row, changes)


def _key_column(grid: list[list[object]], header: int, keys: set[str]) -> dict[str, int]:
    """Rows of the hidden key column, if it survived: the column with the most known keys."""
    best: dict[str, int] = {}
    width = max((len(row) for row in grid), default=0)
    for c in range(width):
        rows = {}
        for r in range(header + 1, len(grid)):
            value = grid[r][c] if c < len(grid[r]) else ""
            if isinstance(value, str) and value in keys and value not in rows:
                rows[value] = r
        if len(rows) > len(best):
            best = rows
    return best


def _match_rows(grid, header, columns, form: Form, changes: list[str]):
    label_col = columns.get(form.key_of_kind("label"))
    keyed = _key_column(grid, header, {r.key for r in form.rows} | {s.key for s in form.sections} | {TOTAL_KEY})

    def label_at(r: int) -> str:
        if label_col is None or label_col >= len(grid[r]):
            return ""
        return str(grid[r][label_col]).strip()

    headed = [s for s in form.sections if not s.inline]  # an inline section is a row of values
    section_of = {fold(s.label): s for s in headed}
    section_of.update({fold(f"{s.number} {s.label}"): s for s in headed})
    total_label = fold(form.grand_total) if form.grand_total is not None else None
    item_row: dict[str, int] = {}
    section_row: dict[str, int] = {}
    total_row = keyed.get(TOTAL_KEY)
    unmatched: list[int] = []
    current = None
    for r in range(header + 1, len(grid)):
        if total_row is not None and r >= total_row:
            break
        text = fold(label_at(r))
        if not text:
            continue
        if text == total_label:
            total_row = r
            break
        if text in section_of:
            current = section_of[text]
            section_row.setdefault(current.key, r)
            continue
        pool = (current.rows if current else ()) + form.rows
        row = next((x for x in pool if fold(x.label) == text and x.key not in item_row), None)
        if row is not None:
            item_row[row.key] = r
        elif r not in keyed.values() and not text.replace(" ", "").isdigit():
            unmatched.append(r)  # the "(1) (2) …" column-number row is not an extra row
    # The key column wins over labels: it is what the template wrote.
    for key, r in keyed.items():
        if key in {x.key for x in form.rows}:
            found = label_at(r)
            label = next(x.label for x in form.rows if x.key == key)
            if fold(found) != fold(label):
                changes.append(texts.LAYOUT_CHANGES["edited-label"].format(label=label, found=found))
                unmatched = [u for u in unmatched if u != r]
            item_row[key] = r
        elif key in {s.key for s in headed}:
            section_row[key] = r
    taken = set(item_row.values()) | set(section_row.values())
    if total_label is None and taken:
        # No total line closes the table: what follows its last row (the signatures) is not in it.
        unmatched = [r for r in unmatched if r < max(taken)]
    for r in unmatched:
        if r not in taken:
            changes.append(texts.LAYOUT_CHANGES["extra-row"].format(label=label_at(r)))
    for row in form.rows:
        if row.key not in item_row:
            changes.append(texts.LAYOUT_CHANGES["missing-row"].format(label=row.label))
    if total_row is None and form.grand_total is not None:
        changes.append(texts.LAYOUT_CHANGES["missing-total"].format(label=form.grand_total))
    return item_row, section_row, total_row
