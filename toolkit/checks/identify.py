"""Whose file is it: the unit a returned workbook belongs to, from its metadata first, then from
what is visible (the header above the table, the file name)."""

from __future__ import annotations

from .. import texts
from ..catalogue import Issue, issue
from ..form import Form, Unit
from ..markers import IDENTITY_SHEET
from ..names import fold, slug
from .locate import Located
from .reader import Workbook

IDENTITY_PRIORITY = ("sheet", "properties", "names")  # hardest to edit first
HEADER_ROWS = 12  # where the header stands when no table was found to end it


def header_text(wb: Workbook, table: Located | None) -> str:
    """The visible text above the table (or at the top of the first visible sheet), one cell a line."""
    sheet = wb.sheet(table.sheet) if table else next((s for s in wb.sheets if s.visible), None)
    if sheet is None:
        return ""
    rows = sheet.grid[: table.header_row if table else HEADER_ROWS]
    return "\n".join(str(v).strip() for row in rows for v in row if str(v).strip())


def identify(form: Form, wb: Workbook, file: str, header: str) -> tuple[Unit | None, list[Issue]]:
    """The unit a file belongs to, from its metadata first, then its visible header and name.

    ``header`` is the visible text above the table. Returns (None, issues) when the file must be
    rejected (another form, an unknown unit, nothing to go by). The hardest-to-edit source that
    names a form decides which form the file is: a source below it that says otherwise was mangled
    on the way (a program re-encoding a document property) and is only noted.
    """
    found, notes, trusted = [], [], None
    for source in IDENTITY_PRIORITY:
        facts = wb.identity.get(source, {})
        if not facts:
            continue
        if "form_id" in facts and trusted is None:
            trusted = source
            made_on = form.version_named(facts.get("form_version"))  # this version or an earlier one
            if (facts.get("form_id"), facts.get("period")) != (form.id, form.period.name) or made_on is None:
                return None, [issue("unknown-form", file=file, found=_described(facts),
                                    expected=texts.FORM_DESCRIPTION.format(
                                        form_id=form.id, version=form.version, period=form.period.name),
                                    period=form.period.name)]
        elif "form_id" in facts and _described(facts) != _described(wb.identity[trusted]):
            notes.append(issue("identity-source-differs", file=file, source=texts.SOURCE_NAMES[source],
                               trusted=texts.SOURCE_NAMES[trusted]))
        if facts.get("unit_code"):
            found.append((source, facts["unit_code"]))
    shown = wb.sheet(IDENTITY_SHEET)
    if "sheet" in wb.identity and shown is not None and shown.visible:
        notes.append(issue("identity-sheet-shown", file=file, sheet=IDENTITY_SHEET, name=IDENTITY_SHEET))
    headed, named = _units_in_header(form, header), units_in_name(form, file)
    if found:
        source, code = found[0]
        unit = form.units_by_code.get(code)
        if unit is None:
            return None, [issue("unknown-unit", file=file, detail=texts.UNKNOWN_UNIT_CODE.format(code=code))]
        issues = [issue("unit-mismatch", file=file, found=form.units_by_code.get(other, Unit(other, other)).name,
                        source=texts.SOURCE_NAMES[src], expected=unit.name)
                  for src, other in found[1:] if other != code]
        return unit, issues + _visible_mismatches(file, unit, headed, named) + notes
    visible = [("header", unit) for unit in headed] + [("file", unit) for unit in named[:1]]
    if not visible:
        return None, [issue("unknown-unit", file=file, detail=texts.UNKNOWN_UNIT_NOTHING)]
    source, unit = visible[0]
    issues = [issue("identity-recovered", file=file, unit=unit.name, source=texts.SOURCE_NAMES[source])]
    return unit, issues + _visible_mismatches(file, unit, headed, named)


def _visible_mismatches(file: str, unit: Unit, headed: list[Unit], named: list[Unit]) -> list[Issue]:
    """unit-mismatch for each unit the header names other than ``unit``, and for the file name when
    it names units and ``unit`` is none of them (a name holding no unit's name or code says nothing)."""
    others = [("header", other) for other in headed if other != unit]
    if named and unit not in named:
        others.append(("file", named[0]))
    return [issue("unit-mismatch", file=file, found=other.name, source=texts.SOURCE_NAMES[src], expected=unit.name)
            for src, other in others]


def _described(facts: dict[str, str]) -> str:
    """A form as the identity facts name it: id, version and period."""
    return texts.FORM_DESCRIPTION.format(form_id=facts.get("form_id"), version=facts.get("form_version"),
                                         period=facts.get("period"))


def _units_in_header(form: Form, header: str) -> list[Unit]:
    """Every unit the visible header names, by its code line and by its heading line, code first."""
    prefix = fold(texts.UNIT_CODE_LINE.format(code=""))
    found: list[Unit] = []
    for line in header.splitlines():
        if fold(line).startswith(prefix):
            code = line.split(":", 1)[-1].strip()
            if code in form.units_by_code:
                found.append(form.units_by_code[code])
    found += [form.units_by_heading[fold(line)] for line in header.splitlines()
              if fold(line) in form.units_by_heading]
    return list(dict.fromkeys(found))


def units_in_name(form: Form, file: str) -> list[Unit]:
    """The units a file name names: by the code it starts with, then by each unit name it contains,
    longest first ("bao-cao-ba-ria-vung-tau" → Bà Rịa - Vũng Tàu)."""
    words = slug(file.rsplit("/", 1)[-1].rsplit(".", 1)[0]).split("-")
    found = [form.units_by_code[words[0]]] if words[0] in form.units_by_code else []
    # Each run of the name's words looked up, rather than each unit's name searched for: a name has
    # a few words, a form may have thousands of units.
    by_slug = form.units_by_slug
    runs = {"-".join(words[i:j]) for i in range(len(words))
            for j in range(i + 1, min(len(words), i + form.slug_words) + 1)}
    found += sorted((by_slug[run] for run in runs if run in by_slug),
                    key=lambda u: (-len(u.name), form.unit_position[u.code]))
    return list(dict.fromkeys(found))
