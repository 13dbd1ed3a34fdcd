"""Returns made on an earlier version of the form: read by the rows that version had.

A unit may still fill last version's template. Such a file is read with that version's definition
(its own labels, sections and subtotals, so nothing it does right is reported as wrong), and what it
holds is then carried over to the current version's rows: by row key, or by label where a row's
key changed. Rows the earlier version did not have are not filled; rows it had and the current
version dropped are not carried.
"""

from __future__ import annotations

from ..form import Form, Row
from ..names import fold
from .reader import Workbook


def made_on(form: Form, wb: Workbook) -> Form | None:
    """The earlier version of ``form`` that ``wb``'s identity names, or None (the current one, or
    another form, which identification deals with)."""
    for facts in wb.identity.values():
        if facts.get("form_id") == form.id and facts.get("form_version") not in (None, form.version):
            return form.version_named(facts["form_version"])
    return None


def counterparts(form: Form, old: Form) -> dict[str, str]:
    """Each current row key -> the key of the same row in ``old``."""
    keys = {r.key for r in old.rows}
    labels = {fold(r.label): r.key for r in old.rows}
    pairs = {}
    for row in form.rows:
        match = row.key if row.key in keys else labels.get(fold(row.label))
        if match is not None:
            pairs[row.key] = match
    return pairs


def new_rows(form: Form, old: Form) -> list[Row]:
    """The current rows ``old`` did not have."""
    pairs = counterparts(form, old)
    return [row for row in form.rows if row.key not in pairs]


def carried(form: Form, old: Form, by_old_key: dict[str, dict]) -> dict[str, dict]:
    """What was read per row of ``old`` (values, cells or notes), keyed by the current rows."""
    return {key: by_old_key[match] for key, match in counterparts(form, old).items() if match in by_old_key}


def carried_values(form: Form, old: Form, values: dict[str, dict]) -> dict[str, dict]:
    """The counts of ``old``'s rows on the current rows; a row ``old`` did not have is not filled."""
    out = {row.key: dict.fromkeys(form.value_keys) for row in form.rows}
    out.update(carried(form, old, values))
    return out
