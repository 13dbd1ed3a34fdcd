"""Returned workbooks built the way provinces make them, and what the check tests need around them.

A province opens the template it was sent, types (or pastes) its numbers, sometimes removes the
protection to "fix" a locked cell, inserts a row, pastes the table into a workbook of its own,
renames the file, sends it twice. Each function here reproduces one of those habits on a generated
template; nothing here knows what the checks are expected to answer.

Cells are addressed through the template's layout (``toolkit.layout``), so a test can say "the Tổng
số cell of Anh hùng Lao động" rather than a bare address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import random
import re
import zipfile
from collections.abc import Callable, Mapping
from pathlib import Path

import openpyxl
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.form import Form, Unit
from toolkit.checks.run import check
from toolkit.layout import table_layout
from toolkit.markers import IDENTITY_SHEET
from toolkit.checks.report import FileResult, Report, UnitResult
from toolkit.write.template import write_template

# The count columns of the award table (the default form).
COUNT_ROLES = ("total", "collective", "individual")

Values = Mapping[tuple[str, str], object]  # (row key, role) -> what the province typed

# --- where things are in a template -------------------------------------------------------------


def at(form: Form, key: str, role: str) -> str:
    """The A1 address of an award row's cell: ``at(form, "anh-hung-lao-dong", "total")`` → ``"C13"``."""
    layout = table_layout(form)
    return layout.cell(layout.item_row[key], role)


def subtotal_at(form: Form, section_key: str, role: str) -> str:
    layout = table_layout(form)
    return layout.cell(layout.section_row[section_key], role)


def grand_total_at(form: Form, role: str) -> str:
    layout = table_layout(form)
    return layout.cell(layout.total_row, role)


def label_at(form: Form, key: str) -> str:
    layout = table_layout(form)
    return layout.cell(layout.item_row[key], "label")


def excel_row(form: Form, key: str) -> int:
    """The 1-based row number of an award row in the template."""
    return table_layout(form).item_row[key] + 1


def moved(address: str, rows: int = 0, columns: int = 0) -> str:
    """``address`` after rows inserted above it or columns inserted before it."""
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", address).groups()
    column = openpyxl.utils.column_index_from_string(letters) + columns
    return f"{get_column_letter(column)}{int(digits) + rows}"


def shifted(cells: Mapping[str, object], below: int, rows: int = 1) -> dict[str, object]:
    """``cells`` (address -> value) at their addresses after ``rows`` rows were inserted above row
    ``below`` (1-based), or deleted there when ``rows`` is negative."""
    return {(moved(a, rows) if int(re.sub(r"[A-Z]", "", a)) >= below else a): v for a, v in cells.items()}


def input_cells(form: Form) -> list[tuple[str, str]]:
    """Every (row key, role) a province is meant to fill."""
    return [(row.key, role) for row in form.rows for role in COUNT_ROLES if row.applies(role)]


def valid_counts(form: Form, rng: random.Random, high: int = 40) -> dict[tuple[str, str], int]:
    """Random counts as a careful province enters them: Tổng số = Tập thể + Cá nhân, N/A cells left."""
    values: dict[tuple[str, str], int] = {}
    for row in form.rows:
        parts = {role: rng.randint(0, high) for role in COUNT_ROLES[1:] if row.applies(role)}
        values.update({(row.key, role): n for role, n in parts.items()})
        values[(row.key, "total")] = sum(parts.values())
    return values


def indicator_values(n: int = 0) -> dict[tuple[str, str], object]:
    """A province's economic targets as its office types them (the ``n``-th province, so that each
    differs): amounts with decimals, a negative growth, shares of the economy adding up to 100,
    "So với kế hoạch năm" left to the template's formula, product taxes not reported."""
    k = 1 + n / 10
    shares = {"nong-lam-thuy-san": round(30.5 - n, 2), "cong-nghiep-xay-dung": 25.25, "dich-vu": round(44.25 + n, 2)}
    return {
        ("tang-truong-grdp", "plan"): 7.5, ("tang-truong-grdp", "actual"): round(-1.25 + n, 2),
        ("kim-ngach-xuat-khau", "plan"): 3200 * k, ("kim-ngach-xuat-khau", "actual"): round(1550.25 * k, 2),
        ("kim-ngach-xuat-khau", "vs_last_year"): 96.4,
        ("thu-ngan-sach", "plan"): 5400, ("thu-ngan-sach", "actual"): round(2650.5 * k, 2),
        ("thu-ngan-sach", "vs_last_year"): 101.3,
        **{(key, "actual"): share for key, share in shares.items()},
        ("so-du-an-trong-nuoc", "plan"): 40, ("so-du-an-trong-nuoc", "actual"): 18 + n,
        ("so-du-an-trong-nuoc", "vs_last_year"): 90,
        ("von-dang-ky-trong-nuoc", "plan"): 12000, ("von-dang-ky-trong-nuoc", "actual"): round(5230.75 * k, 2),
        ("so-du-an-fdi", "plan"): 10, ("so-du-an-fdi", "actual"): 4 + n,
        ("von-dang-ky-fdi", "plan"): 500, ("von-dang-ky-fdi", "actual"): round(215.5 * k, 2),
        ("von-dang-ky-fdi", "vs_last_year"): 70.5,
    }


def as_cells(form: Form, values: Values) -> dict[str, object]:
    """(row key, role) -> value turned into template address -> value."""
    return {at(form, key, role): value for (key, role), value in values.items()}


def expected_values(form: Form, values: Values) -> dict[str, dict[str, int | None]]:
    """What ``FileResult.values`` holds for a table whose cells hold the whole numbers ``values``."""
    out: dict[str, dict[str, int | None]] = {row.key: dict.fromkeys(COUNT_ROLES) for row in form.rows}
    for (key, role), value in values.items():
        out[key][role] = value
    return out


# --- filling ------------------------------------------------------------------------------------


def fill(template: Path, dest: Path, cells: Mapping[str, object] = {}, *, form: Form, sheet: str | None = None,
         unprotect: bool = False, edit: Callable[[Worksheet], None] | None = None,
         edit_book: Callable[[Workbook], None] | None = None, saved_at: dt.datetime | None = None) -> Path:
    """Open ``template`` with openpyxl, type ``cells`` (A1 address -> value) into the form's sheet, save.

    ``unprotect`` removes the sheet protection first (it takes no password); ``edit`` then gets the
    sheet for structural changes (insert or delete rows, edit labels) before ``cells`` are typed, so
    addresses refer to the changed layout; ``edit_book`` gets the workbook. Like any program that
    does not calculate, openpyxl saves formula cells without cached results. ``saved_at`` sets the
    save time the workbook records about itself, as Excel does on every save.
    """
    wb = openpyxl.load_workbook(template)
    ws = wb[sheet or form.sheet]
    if unprotect:
        ws.protection.sheet = False
    if edit is not None:
        edit(ws)
    if edit_book is not None:
        edit_book(wb)
    for address, value in cells.items():
        ws[address] = value
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    if saved_at is not None:
        set_saved_at(dest, saved_at)
    return dest


def fill_values(template: Path, dest: Path, values: Values, *, form: Form, **options) -> Path:
    """``fill`` with (row key, role) -> value."""
    return fill(template, dest, as_cells(form, values), form=form, **options)


def set_saved_at(path: Path, when: dt.datetime) -> None:
    """Rewrite the save time a workbook records about itself, in the form its format uses.

    .xlsx: ``dcterms:modified`` in UTC. .ods: ``dc:date``, which LibreOffice writes as the sender's
    local time without a zone (``when`` must then be naive).
    """
    if path.suffix == ".ods":
        member, pattern, stamp = "meta.xml", rb"(<dc:date>)[^<]*(</dc:date>)", when.isoformat()
    else:
        member, pattern = "docProps/core.xml", rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)"
        stamp = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path) as zf:
        members = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w") as zf:
        for info, data in members:  # each part keeps its own compression (an ODF mimetype is stored)
            if info.filename == member:
                data, n = re.subn(pattern, rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
                assert n == 1, f"no save time in {member} of {path.name}"
            zf.writestr(info, data)


def paste_into_new_workbook(src: Path, dest: Path, *, form: Form, from_row: int = 1, title: str = "Sheet1") -> Path:
    """What a province does when it copies the visible table into a workbook of its own.

    Rows ``from_row`` (1-based) and below of the form's sheet are pasted as values at A1 of a new
    workbook. Only what is visible travels: the values shown (cached results of formulas), not hidden
    columns, hidden sheets, document properties or defined names.
    """
    source = openpyxl.load_workbook(src, data_only=True)[form.sheet]
    hidden = {letter for letter, dim in source.column_dimensions.items() if dim.hidden}
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in source.iter_rows(min_row=from_row):
        for c in row:
            if c.value is not None and get_column_letter(c.column) not in hidden:
                ws.cell(c.row - from_row + 1, c.column, c.value)
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest


def template_of(form: Form, unit: Unit, path: Path, values: Values | None = None, **changes) -> Path:
    """The template for ``unit`` of ``form`` with some of the form's fields replaced (``period=...``):
    another period's or another cluster's template, as a province may still have it."""
    return write_template(dataclasses.replace(form, **changes) if changes else form, unit, path, values)


def double_encoded_property(src: Path, dest: Path, text: str) -> Path:
    """``src`` with ``text`` in its document properties read as Latin-1 and written again as UTF-8,
    as SheetJS does to Vietnamese custom properties; the hidden sheet and the names keep it intact."""
    with zipfile.ZipFile(src) as zf:
        custom = zf.read("docProps/custom.xml")
    wrong = text.encode("utf-8").decode("latin-1").encode("utf-8")
    assert text.encode("utf-8") in custom, f"«{text}» is not among the properties of {src.name}"
    return with_members(src, dest, {"docProps/custom.xml": custom.replace(text.encode("utf-8"), wrong)})


def identity_sheet_shown(wb: Workbook) -> None:
    """For ``fill(edit_book=...)``: the hidden identity sheet made visible, as Gnumeric's .xlsx does."""
    wb[IDENTITY_SHEET].sheet_state = "visible"


# --- files that are not good returns ------------------------------------------------------------

JUNK = {
    "~$58-ninh-thuan.xlsx": b"\x0bNguyen Van A" + bytes(150),  # Excel's owner file
    ".~lock.70-binh-phuoc.xlsx#": b"A,user,host,06.07.2020 09:12,file:///C:/Users/user/AppData;",
    "._58-ninh-thuan.xlsx": b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X        ",
    "Thumbs.db": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
    "desktop.ini": b"[.ShellClassInfo]\r\nIconResource=C:\\Windows\\system32\\imageres.dll,-3\r\n",
    "72-tay-ninh (1).xlsx": b"",  # an attachment saved as an empty file
}


def write_junk(folder: Path) -> list[str]:
    """What mail clients and operating systems leave beside attachments; returns the names."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, data in JUNK.items():
        (folder / name).write_bytes(data)
    return sorted(JUNK)


def truncated(src: Path, dest: Path) -> Path:
    """An attachment whose download stopped half way."""
    data = src.read_bytes()
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data[: len(data) // 2])
    return dest


def text_renamed(dest: Path) -> Path:
    """A CSV export saved under an .xlsx name."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text("STT,Danh hiệu,Tổng số\n1,Anh hùng Lao động,3\n", encoding="utf-8")
    return dest


def encrypted(src: Path, dest: Path, password: str = "matkhau") -> Path:
    """``src`` with a password to open, as Excel writes it (File > Info > Protect Workbook)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with open(src, "rb") as fh, open(dest, "wb") as out:
        OOXMLFile(fh).encrypt(password, out)
    return dest


def with_members(src: Path, dest: Path, members: Mapping[str, bytes]) -> Path:
    """A copy of the .xlsx package ``src`` with parts added or replaced (a macro project, a link)."""
    with zipfile.ZipFile(src) as zf:
        parts = {info.filename: zf.read(info) for info in zf.infolist()}
    parts.update(members)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return dest


# --- looking at results -------------------------------------------------------------------------


def run(form: Form, inbox: Path) -> Report:
    return check(form, inbox, workers=2)


def found(result: FileResult | UnitResult | None) -> list[tuple[str, str | None]]:
    """(code, cell) of every finding, in report order."""
    assert result is not None
    return [(i.code, i.cell) for i in result.issues]


def file_named(report: Report, path: str) -> FileResult:
    return next(f for f in report.files if f.path == path)


def unit_of(report: Report, code: str) -> UnitResult:
    return next(u for u in report.units if u.code == code)


def messages(result: FileResult | UnitResult) -> str:
    return "\n".join(i.message for i in result.issues)


def snapshot(folder: Path) -> dict[str, tuple[str, int, int, int]]:
    """Every entry under ``folder``: content hash, size, mode and modification time in ns."""
    out = {}
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(root) / name
            info = path.lstat()
            digest = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "folder"
            out[path.relative_to(folder).as_posix()] = (digest, info.st_size, info.st_mode, info.st_mtime_ns)
    return out
