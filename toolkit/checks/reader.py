"""Reading a returned workbook: its cells (python-calamine) and whatever identity survived.

Nothing here judges the content; it gathers facts for the checks. Everything is read from the
:class:`~toolkit.intake.Content` intake judged (the file's bytes, a package's inflated members), never
from the file again. Values come from calamine for all formats; for .xlsx the package parts give
custom properties, defined names, formula cells and the save time (parsed with defusedxml, never
with a parser that expands entities); for .ods, ``odsparts`` gives formula cells and content.xml
unindented where calamine refuses it as saved.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import defusedxml.ElementTree as ET
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from ..formats import TIME_ZONE
from ..intake import Content
from ..markers import IDENTITY_SHEET, NAME_PREFIX, PROPERTY_PREFIX
from . import odsparts
from .errors import error_cells

NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "cp": "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
    "dcterms": "http://purl.org/dc/terms/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
}
#: The extensions that name each kind of workbook; the reader goes by the extension when it is one.
EXTENSIONS = {"xlsx": (".xlsx", ".xlsm"), "xlsm": (".xlsm", ".xlsx"), "xls": (".xls",), "ods": (".ods",)}
FORMULA_CELL = re.compile(rb'<(?:\w+:)?c\b[^>]*?\br="([A-Z]{1,3}[0-9]{1,7})"[^>]*>\s*<(?:\w+:)?f(?=[\s/>])'
                          rb'(?:[^>]*/>|[^>]*>([^<]*)<)')


class Sheet:
    """A sheet's name and visibility; its cells are read from the file only when first asked for."""

    def __init__(self, name: str, visible: bool, load: Callable[[], list[list[object]]]):
        self.name, self.visible, self._load = name, visible, load

    @cached_property
    def grid(self) -> list[list[object]]:
        """Row-major from A1; "" for empty cells."""
        return self._load()


@dataclass
class Workbook:
    """What a returned file holds, format-independently."""

    kind: str
    sheets: list[Sheet]
    #: identity facts by where they were found: "sheet", "properties", "names"
    identity: dict[str, dict[str, str]] = field(default_factory=dict)
    content: Content | None = None
    #: the package part of each sheet (for .xlsx only): where its formulas can be looked up
    sheet_parts: dict[str, str] | None = None
    saved_at: dt.datetime | None = None

    def sheet(self, name: str) -> Sheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    def formulas(self, sheet: str) -> set[str] | None:
        """Addresses of the formula cells of ``sheet``; None where the format does not tell."""
        found = self.formula_texts(sheet)
        return None if found is None else set(found)

    def formula_texts(self, sheet: str) -> dict[str, str] | None:
        """Address -> formula ("" where the file leaves it to another cell, as a shared formula
        does) of each formula cell of ``sheet``; None where the format does not tell."""
        if self.kind == "ods" and self.content is not None and (read := self.sheet(sheet)) is not None:
            grid = read.grid
            return odsparts.formula_cells(self.content, sheet, len(grid), max(map(len, grid), default=0))
        if self.sheet_parts is None or self.content is None:
            return None
        part = self.sheet_parts.get(sheet)
        if part is None:
            return {}
        # A pattern over the raw part: intake has already refused DTDs and absurd sizes, and a full
        # XML parse of every sheet costs more than the rest of the check.
        return {m.group(1).decode("ascii"): html.unescape((m.group(2) or b"").decode("utf-8", "replace"))
                for m in FORMULA_CELL.finditer(self.content.members[part])}

    def errors(self, sheet: str) -> dict[str, str]:
        """Address -> formula error (``#DIV/0!``) of each cell of ``sheet`` holding one; calamine
        reads those cells as blank."""
        if self.content is None:
            return {}
        try:
            return error_cells(self.content, self.kind, sheet, (self.sheet_parts or {}).get(sheet))
        except Exception:  # calamine read the file: a record it tolerates must not reject it here
            return {}


def misnamed(path: Path, kind: str) -> bool:
    """Whether the name of ``path`` says another kind of file than its content (``kind``)."""
    return Path(path).suffix.lower() not in EXTENSIONS.get(kind, ())


def read_workbook(source: Content | Path, kind: str) -> Workbook:
    """Read ``source`` (judged by intake as ``kind``; a path is read unchecked, for a file the
    caller trusts); calamine errors propagate to the caller."""
    content = source if isinstance(source, Content) else Content.unchecked(source)
    book = _open(content, kind)

    def loader(name: str) -> Callable[[], list[list[object]]]:
        return lambda: book.get_sheet_by_name(name).to_python(skip_empty_area=False)

    sheets = [Sheet(meta.name, meta.visible == SheetVisibleEnum.Visible, loader(meta.name))
              for meta in book.sheets_metadata]
    wb = Workbook(kind=kind, sheets=sheets, content=content)
    hidden = wb.sheet(IDENTITY_SHEET)
    if hidden is not None:
        facts = {str(row[0]).strip(): _text(row[1]) for row in hidden.grid if len(row) >= 2 and row[0] != ""}
        if facts:
            wb.identity["sheet"] = facts
    if kind in ("xlsx", "xlsm"):
        _read_ooxml_parts(content, wb)
    elif kind == "ods":
        wb.saved_at = _ods_saved_at(content)
    elif kind == "xls":
        wb.saved_at = _ole_saved_at(content)
    return wb


def _open(content: Content, kind: str) -> CalamineWorkbook:
    try:
        return CalamineWorkbook.from_filelike(content.stream())
    except CalamineError:
        if kind != "ods":
            raise
        # Indented content.xml (Gnumeric, SheetJS), which calamine refuses: read it unindented.
        return CalamineWorkbook.from_filelike(io.BytesIO(odsparts.without_indentation(content)))


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _read_ooxml_parts(content: Content, wb: Workbook) -> None:
    def xml(part: str):
        data = content.part(part)
        return ET.fromstring(data) if data is not None else None

    custom = xml("docProps/custom.xml")
    if custom is not None:
        props = {}
        for prop in custom.findall("cp:property", NS):
            key = prop.get("name", "")
            if key.startswith(PROPERTY_PREFIX) and len(prop):
                props[key[len(PROPERTY_PREFIX):]] = (prop[0].text or "").strip()
        if props:
            wb.identity["properties"] = props
    core = xml("docProps/core.xml")
    if core is not None:
        modified = core.find("dcterms:modified", NS)
        wb.saved_at = _parse_time(modified.text if modified is not None else None)
    workbook = xml("xl/workbook.xml")
    if workbook is None:
        return
    defined = {}
    for name in workbook.iterfind("m:definedNames/m:definedName", NS):
        key = name.get("name", "")
        if key.startswith(NAME_PREFIX):
            defined[key[len(NAME_PREFIX):].lower()] = _name_constant(name.text or "")
    if defined:
        wb.identity["names"] = defined
    # Found as the safety scan found them, so the part read is the part that was checked.
    wb.sheet_parts = content.sheet_parts()


def _name_constant(text: str) -> str:
    # A string constant is stored as ="value" (LibreOffice may drop the "=").
    text = text.strip().lstrip("=")
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1].replace('""', '"')
    return text.strip()


def _parse_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    # OpenDocument writes the sender's local time without a zone: Vietnam has one time zone.
    return value if value.tzinfo else value.replace(tzinfo=TIME_ZONE)


def _ods_saved_at(content: Content) -> dt.datetime | None:
    data = content.part("meta.xml")
    if data is None:
        return None
    try:
        meta = ET.fromstring(data)
    except ET.ParseError:
        return None
    date = meta.find(".//dc:date", NS)
    return _parse_time(date.text if date is not None else None)


def _ole_saved_at(content: Content) -> dt.datetime | None:
    import olefile

    try:
        with olefile.OleFileIO(content.stream()) as ole:
            saved = ole.get_metadata().last_saved_time
    except Exception:  # metadata is a nicety; a file without it is still read
        return None
    return saved.replace(tzinfo=dt.timezone.utc) if saved else None
