"""Form definitions: the TOML files in ``workbook_templates/`` turned into immutable objects.

Everything that changes from one period or cluster to the next (awards, labels, units, dates) lives
in the definition; the rest of the toolkit only knows the roles of the columns.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import texts
from .form_extras import Deliverable, Thresholds, read_extras
from .formats import number_vn, today_vn
from .markers import IDENTITY_SHEET
from .names import fold, slug
from .rules import GroupRule, RowRule
from .table import KEY, TABLE_SCHEMA, Column, Row, Section, read_table

ROLES = tuple(texts.ROLES)
#: The largest count a form accepts unless it says otherwise (``table.max_count``), and the largest
#: it may say: beyond 2^53 a spreadsheet's numbers are no longer whole.
MAX_COUNT, MAX_COUNT_LIMIT = 10_000_000, 2**53


class FormError(Exception):
    """A form definition (or the choice of one) is wrong; the message says where and what to do."""

    def __init__(self, file: Path | str, key: str, problem: str):
        self.file, self.key, self.problem = str(file), key, problem
        told = texts.FORM_ERROR if key else texts.FORM_FILE_ERROR  # a fault of the whole file names no key
        super().__init__(told.format(file=file, key=key, problem=problem))


class ChoiceError(FormError):
    """The user asked for what the forms do not have (an unknown ``--form`` or ``--unit``): their
    choice is wrong, not a definition, so the message names the option and no definition file."""

    def __init__(self, key: str, option: str, problem: str):
        self.file, self.key, self.problem, self.option = "", key, problem, option
        Exception.__init__(self, texts.CHOICE_ERROR.format(option=option, problem=problem))


@dataclass(frozen=True)
class Unit:
    code: str
    name: str
    role: str = "thanh-vien"


@dataclass(frozen=True)
class Period:
    name: str
    start: dt.date
    end: dt.date
    deadline: dt.date


@dataclass(frozen=True)
class Form:
    id: str
    version: str
    title: str
    sheet: str
    period: Period
    cluster: str
    standing_office: str
    place: str
    #: Each column's header label by key, in the table's order.
    columns: dict[str, str]
    sections: tuple[Section, ...]
    #: The label of the grand total line; None: the table has none.
    grand_total: str | None
    units: tuple[Unit, ...]
    heading: str
    subheading: str
    #: How a letter to a unit is addressed ("Kính gửi: …"), filled with the unit's name.
    recipient: str = "{name}"
    #: Where a unit is, for its template's place-and-date line, filled with the unit's name
    #: (``units.place``, e.g. "{name}"); None: the unit types it.
    unit_place: str | None = None
    path: Path | None = field(default=None, compare=False)
    #: The earlier versions of this form (``previous_versions``), whose returns are still read.
    previous: tuple[Form, ...] = field(default=(), compare=False, repr=False)
    #: Marked ``default = true`` in its [form] table: the one commands use when none is named.
    default: bool = False
    #: The largest number a count cell may hold (``table.max_count``).
    max_count: int = MAX_COUNT
    #: What each column holds, in the table's order (``columns`` has their labels).
    kinds: tuple[Column, ...] = ()
    rules: tuple[RowRule | GroupRule, ...] = ()
    #: The value columns the summary shows per unit side by side (``table.side_by_side``).
    side_by_side: tuple[str, ...] = ()

    @cached_property
    def column(self) -> dict[str, Column]:
        return {c.key: c for c in self.kinds}

    @cached_property
    def value_keys(self) -> tuple[str, ...]:
        """The columns holding numbers (counts, decimals, percents), in the table's order."""
        return tuple(c.key for c in self.kinds if c.is_value)

    @cached_property
    def text_keys(self) -> tuple[str, ...]:
        """The free-text columns (such as Ghi chú)."""
        return tuple(c.key for c in self.kinds if c.kind == "text")

    def key_of_kind(self, kind: str) -> str | None:
        """The column of a kind a table has at most one of (``stt``, ``label``, ``unit``)."""
        return next((c.key for c in self.kinds if c.kind == kind), None)

    def places(self, row: Row, key: str) -> int:
        """Decimals a value may have in ``row``'s cell of column ``key`` (a row's own ``places`` is
        for its amounts: a percent keeps the column's)."""
        column = self.column[key]
        return column.places if row.places is None or column.kind == "percent" else min(row.places, column.places)

    def negative_allowed(self, row: Row, key: str) -> bool:
        return row.negative or self.column[key].negative
    #: What each unit sends besides the table (``[[deliverables]]``).
    deliverables: tuple[Deliverable, ...] = ()
    #: When a change against last period is unusual (``[compare]``).
    thresholds: Thresholds = Thresholds()

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        return tuple(row for section in self.sections for row in section.rows)

    @cached_property
    def units_by_code(self) -> dict[str, Unit]:
        return {unit.code: unit for unit in self.units}

    @cached_property
    def units_by_heading(self) -> dict[str, Unit]:
        """Each unit by the heading its template shows, folded: how a header names its unit."""
        return {fold(self.heading.format(name=u.name.upper())): u for u in self.units}

    @cached_property
    def units_by_slug(self) -> dict[str, Unit]:
        return {slug(u.name): u for u in self.units}

    @cached_property
    def unit_position(self) -> dict[str, int]:
        """Each unit's place in the form, by code: the order units are listed and tried in."""
        return {u.code: i for i, u in enumerate(self.units)}

    @cached_property
    def slug_words(self) -> int:
        """The most words a unit's name has: how long a run of a file name's words can name one."""
        return max((name.count("-") + 1 for name in self.units_by_slug), default=0)

    @cached_property
    def fingerprint(self) -> str:
        """A short hash of the locked layout: labels and structure, not units or dates."""
        layout = {
            "columns": self.columns,
            "grand_total": self.grand_total,
            "sections": [
                [s.key, s.number, s.label, [[r.key, r.label, *self._applying(r)] for r in s.rows]]
                for s in self.sections
            ],
        }
        # Added to the layout only where a form uses them, so that a table of counts keeps the
        # fingerprint it had before columns had kinds.
        shape = [[c.key, c.kind, c.places, c.input, c.negative] for c in self.kinds]
        if any(c.kind not in ("stt", "label", "count", "text") for c in self.kinds) or self.grand_total is None \
                or any(s.inline or not s.subtotal for s in self.sections):
            layout["shape"] = shape
            layout["rows"] = [[r.key, r.unit, r.number, r.places, r.negative] for r in self.rows]
            layout["parts"] = [[s.key, s.subtotal, s.inline] for s in self.sections]
        blob = json.dumps(layout, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def _applying(self, row: Row) -> list[bool]:
        """Whether each value column but the first applies: the first (a row's total) always did."""
        return [row.applies(k) for k in self.value_keys[1:]]

    def identity(self, unit: Unit) -> dict[str, str]:
        """What a template of ``unit`` says about itself, in every place that carries identity."""
        return {"form_id": self.id, "form_version": self.version, "unit_code": unit.code,
                "period": self.period.name, "fingerprint": self.fingerprint}

    def version_named(self, version: str | None) -> Form | None:
        """This form or the earlier version of it called ``version``; None for any other."""
        return next((f for f in (self, *self.previous) if f.version == version), None)

    def unit(self, code: str) -> Unit:
        try:
            return self.units_by_code[code]
        except KeyError:
            raise ChoiceError("units", "--unit", texts.UNKNOWN_UNIT_OPTION.format(
                code=code, form=self.id, codes=", ".join(self.units_by_code))) from None


# --- reading a definition -------------------------------------------------------------------------

_STR, _BOOL, _INT, _DATE, _LIST, _TABLE = str, bool, int, dt.date, list, dict
_UNIT_CODE = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,39}")


class _Reader:
    """Walks the TOML document, checking keys and types, remembering where it is for messages."""

    def __init__(self, path: Path):
        self.path = path

    def fail(self, key: str, problem: str) -> FormError:
        return FormError(self.path, key, problem)

    def table(self, data: object, where: str, schema: dict[str, tuple[type, bool]]) -> dict:
        if not isinstance(data, dict):
            raise self.fail(where, texts.FORM_NOT_A_TABLE)
        for key in data:
            if key not in schema:
                raise self.fail(_join(where, key), texts.FORM_UNKNOWN_KEY.format(
                    allowed=", ".join(schema)))
        for key, (kind, required) in schema.items():
            if key not in data:
                if required:
                    raise self.fail(_join(where, key), texts.FORM_MISSING_KEY)
                continue
            value = data[key]
            ok = isinstance(value, kind) and not (kind is dt.date and isinstance(value, dt.datetime)) \
                and not (kind is int and isinstance(value, bool))
            if not ok or (kind is str and not value.strip()):
                raise self.fail(_join(where, key), texts.FORM_BAD_TYPE[kind.__name__])
        return data


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def load_form(path: Path | str, earlier: bool = True) -> Form:
    """Read and validate one form definition file; raises :class:`FormError` with file and key.

    ``earlier``: also read the definitions of its previous versions (not theirs in turn).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise FormError(path, "", texts.FORM_UNREADABLE.format(error=exc.strerror or exc)) from None
    except UnicodeDecodeError as exc:
        raise FormError(path, "", texts.FORM_NOT_UTF8.format(error=exc.reason)) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, text, exc) from None
    r = _Reader(path)
    r.table(doc, "", {"form": (_TABLE, True), "period": (_TABLE, True), "sender": (_TABLE, True),
                      "table": (_TABLE, True), "units": (_TABLE, True),
                      "deliverables": (_LIST, False), "compare": (_TABLE, False)})
    form = r.table(doc["form"], "form", {"id": (_STR, True), "version": (_STR, True),
                                          "title": (_STR, True), "sheet": (_STR, True),
                                          "default": (_BOOL, False), "previous_versions": (_LIST, False)})
    sheet = form["sheet"]
    if len(sheet) > 31 or any(c in sheet for c in "[]:*?/\\") or sheet[0] == "'" or sheet[-1] == "'":
        raise r.fail("form.sheet", texts.FORM_BAD_SHEET_NAME)
    if sheet.casefold() in (texts.INSTRUCTIONS_SHEET.casefold(), IDENTITY_SHEET.casefold()):
        raise r.fail("form.sheet", texts.FORM_SHEET_NAME_TAKEN.format(sheet=sheet))
    period = r.table(doc["period"], "period", {"name": (_STR, True), "start": (_DATE, True),
                                                "end": (_DATE, True), "deadline": (_DATE, True)})
    if not period["start"] <= period["end"]:
        raise r.fail("period.end", texts.FORM_PERIOD_ORDER)
    if period["deadline"] < period["end"]:
        raise r.fail("period.deadline", texts.FORM_DEADLINE_ORDER)
    sender = r.table(doc["sender"], "sender", {"cluster": (_STR, True), "standing_office": (_STR, True),
                                                "place": (_STR, True)})
    table = r.table(doc["table"], "table", TABLE_SCHEMA)
    if not 1 <= table.get("max_count", MAX_COUNT) <= MAX_COUNT_LIMIT:
        raise r.fail("table.max_count", texts.FORM_MAX_COUNT.format(limit=number_vn(MAX_COUNT_LIMIT)))
    shape = read_table(r, table)
    units_doc = r.table(doc["units"], "units", {"heading": (_STR, True), "subheading": (_STR, True),
                                                 "recipient": (_STR, False), "place": (_STR, False),
                                                 "list": (_LIST, False), "file": (_STR, False)})
    for key in ("heading", "recipient", "place"):  # templates filled with each unit's name
        try:
            units_doc.get(key, "").format(name="")
        except (KeyError, IndexError, AttributeError, ValueError):
            raise r.fail(f"units.{key}", texts.FORM_BAD_HEADING) from None
    if ("list" in units_doc) == ("file" in units_doc):
        raise r.fail("units", texts.FORM_UNITS_SOURCE)
    if "file" in units_doc:
        units = _read_unit_file(r, path.parent / units_doc["file"])
    else:
        units = _check_units(r, [
            r.table(u, f"units.list[{i}]", {"code": (_STR, True), "name": (_STR, True), "role": (_STR, False)})
            for i, u in enumerate(units_doc["list"])], "units.list")
    return Form(
        id=form["id"], version=form["version"], title=form["title"], sheet=form["sheet"],
        period=Period(**period), cluster=sender["cluster"], standing_office=sender["standing_office"],
        place=sender["place"], columns=shape.labels, sections=shape.sections, grand_total=shape.grand_total,
        kinds=shape.columns, rules=shape.rules, side_by_side=shape.side_by_side,
        units=units, heading=units_doc["heading"], subheading=units_doc["subheading"],
        recipient=units_doc.get("recipient", "{name}"), unit_place=units_doc.get("place"), path=path,
        default=form.get("default", False), max_count=table.get("max_count", MAX_COUNT),
        previous=_previous_versions(r, path, form) if earlier else (), **read_extras(r, doc),
    )


def _previous_versions(r: _Reader, path: Path, form: dict) -> tuple[Form, ...]:
    """The earlier versions of this form, each read from its own definition file, so that a return
    made on one of them can still be read by its rows."""
    found = []
    for i, name in enumerate(form.get("previous_versions", [])):
        where = f"form.previous_versions[{i}]"
        if not isinstance(name, str):
            raise r.fail(where, texts.FORM_PREVIOUS_NOT_A_FILE)
        old = load_form(path.parent / name, earlier=False)
        if old.id != form["id"] or old.version == form["version"] or old.version in {f.version for f in found}:
            raise r.fail(where, texts.FORM_PREVIOUS_MISMATCH.format(file=name, id=old.id, version=old.version))
        found.append(old)
    return tuple(found)


_TOML_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_TOML_KEY = re.compile(r"\s*([A-Za-z0-9_.-]+)\s*=")
_TOML_TABLE = re.compile(r"\s*\[\[?\s*([A-Za-z0-9_.-]+)\s*\]")


def _toml_error(path: Path, text: str, exc: tomllib.TOMLDecodeError) -> FormError:
    """A syntax error, naming the line and, where it can be told, the dotted key written on it."""
    at = _TOML_AT.search(str(exc))
    lines = text.splitlines()
    if not at or not 0 < int(at.group(1)) <= len(lines):
        # "at end of document": something opened and never closed; the end is where it shows.
        detail = str(exc).replace(" (at end of document)", "")
        return FormError(path, "", texts.FORM_BAD_TOML.format(line=len(lines), error=detail))
    number = int(at.group(1))
    table = next((m.group(1) for line in reversed(lines[:number - 1]) if (m := _TOML_TABLE.match(line))), "")
    key = _TOML_KEY.match(lines[number - 1])
    return FormError(path, _join(table, key.group(1)) if key else table,
                     texts.FORM_BAD_TOML_LINE.format(line=number, column=at.group(2),
                                                     error=_TOML_AT.sub("", str(exc))))


def _check_units(r: _Reader, raw: list[dict], where: str) -> tuple[Unit, ...]:
    if not raw:
        raise r.fail(where, texts.FORM_EMPTY_LIST)
    seen: set[str] = set()
    units = []
    for i, u in enumerate(raw):
        code, name = str(u["code"]).strip(), str(u["name"]).strip()
        role = str(u.get("role") or "thanh-vien").strip()
        if not code or not name:
            raise r.fail(f"{where}[{i}]", texts.FORM_UNIT_INCOMPLETE)
        if role not in ROLES:
            raise r.fail(f"{where}[{i}].role", texts.FORM_BAD_ROLE.format(role=role, roles=", ".join(ROLES)))
        if not _UNIT_CODE.fullmatch(code):  # it becomes part of a file name
            raise r.fail(f"{where}[{i}].code", texts.FORM_BAD_UNIT_CODE.format(code=code))
        if code in seen:
            raise r.fail(f"{where}[{i}].code", texts.FORM_DUPLICATE_UNIT.format(code=code))
        seen.add(code)
        units.append(Unit(code=code, name=name, role=role))
    return tuple(units)


def _read_unit_file(r: _Reader, path: Path) -> tuple[Unit, ...]:
    """A unit list from CSV (UTF-8, header code,name[,role]) or the first sheet of an XLSX."""
    where = f"units.file ({path.name})"
    if not path.is_file():
        raise r.fail("units.file", texts.FORM_UNIT_FILE_MISSING.format(path=path))
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = [[c.strip() for c in line] for line in csv.reader(fh) if any(c.strip() for c in line)]
    elif path.suffix.lower() == ".xlsx":
        from python_calamine import CalamineWorkbook

        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = [[_cell_text(c) for c in line] for line in sheet.to_python(skip_empty_area=True)
                if any(_cell_text(c) for c in line)]
    else:
        raise r.fail("units.file", texts.FORM_UNIT_FILE_KIND)
    if not rows:
        raise r.fail(where, texts.FORM_EMPTY_LIST)
    header = [h.lower() for h in rows[0]]
    if "code" not in header or "name" not in header:
        raise r.fail(where, texts.FORM_UNIT_FILE_HEADER)
    idx = {h: header.index(h) for h in ("code", "name", "role") if h in header}
    raw = [{k: (line[i] if i < len(line) else "") for k, i in idx.items()} for line in rows[1:]]
    return _check_units(r, raw, where)


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


# --- finding definitions --------------------------------------------------------------------------

def forms_dir() -> Path:
    """Where form definitions live: $THIDUA_FORMS, else ./workbook_templates, else the repository's."""
    if env := os.environ.get("THIDUA_FORMS"):
        return Path(env)
    here = Path.cwd() / "workbook_templates"
    return here if here.is_dir() else Path(__file__).resolve().parent.parent / "workbook_templates"


@dataclass(frozen=True)
class Choice:
    """The form a command uses and why: ``why`` is a key of ``texts.FORM_WHY``."""

    form: Form
    why: str
    #: Every definition of the folder looked in (empty when the form was given as a file).
    forms: tuple[Form, ...] = ()


def load_forms(directory: Path | None = None) -> tuple[Form, ...]:
    """Every definition in ``directory`` (default :func:`forms_dir`), by file name."""
    return tuple(load_form(p) for p in sorted((directory or forms_dir()).glob("*.toml")))


def pick_form(choice: str | Path | None = None, directory: Path | None = None,
              today: dt.date | None = None, option: str = "--form") -> Choice:
    """The form named by ``choice`` (an id or a .toml path); with none named, the only one in
    ``directory``, else the one marked default, else the one whose round is on ``today`` (from the
    period's start to its deadline, Vietnam time), else the most recent one."""
    if choice is not None and str(choice).endswith(".toml"):
        if not Path(choice).exists():
            raise ChoiceError(option, option, texts.FORM_FILE_MISSING.format(path=choice))
        return Choice(load_form(choice), "given")
    directory = directory or forms_dir()
    if choice is not None:
        # A form named by its id is used even when another file of the folder is broken; if the
        # named one is not found, a broken file may be it, so its fault is told.
        forms, broken = [], []
        for path in sorted(directory.glob("*.toml")):
            try:
                forms.append(load_form(path))
            except FormError as exc:
                broken.append(exc)
        for form in forms:
            if form.id == choice:
                return Choice(form, "given", tuple(forms))
        if broken:
            raise broken[0]
        raise ChoiceError(option, option, texts.FORM_UNKNOWN_ID.format(
            id=choice, folder=directory, ids=", ".join(f.id for f in forms) or "-"))
    forms = load_forms(directory)
    if not forms:
        raise FormError(directory, "", texts.FORM_NONE_FOUND)
    if len(forms) == 1:
        return Choice(forms[0], "only", forms)
    marked = [f for f in forms if f.default]
    if len(marked) > 1:
        raise FormError(directory, "form.default", texts.FORM_TWO_DEFAULTS.format(
            ids=", ".join(f.id for f in marked)))
    if marked:
        return Choice(marked[0], "marked", forms)
    today = today or today_vn()
    started = [f for f in forms if f.period.start <= today]
    current = [f for f in started if today <= f.period.deadline]
    if started:  # the latest round begun, preferring one still open; none begun yet: the first to come
        return Choice(max(current or started, key=_start), "current" if current else "recent", forms)
    return Choice(min(forms, key=_start), "next", forms)


def _start(form: Form) -> tuple:
    return form.period.start, form.period.end, form.id


def find_form(choice: str | Path | None = None, directory: Path | None = None) -> Form:
    """The form named by ``choice`` (an id or a .toml path), else the default one of ``directory``
    (see :func:`pick_form`)."""
    return pick_form(choice, directory).form
