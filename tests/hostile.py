"""Bad files for ``tests/test_hostile_*.py``: each builder reproduces one thing that a careless sender
or an attacker puts in the inbox, made from a real returned workbook by one change.

A builder writes ``dest`` (from ``src``, a valid return, where it needs one) and returns it; nothing
here knows what the checks answer. ``CASES`` is the hostile inbox: one file per case, named after
what it reproduces, with the code the file must get. ``tests/test_intake.py`` has many more
variants of each case at the level of ``sniff`` (chunk boundaries, encodings, look-alike floods).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import random
import re
import shutil
import struct
import sys
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import olefile
from msoffcrypto.format.ooxml import OOXMLFile

from toolkit.form import Form, Unit
from toolkit.write.template import write_template

# The count columns of the award table (the default form).
COUNT_ROLES = ("total", "collective", "individual")

DATA = Path(__file__).parent / "data"
MB = 2**20
SHEET = "xl/worksheets/sheet1.xml"  # the form's sheet in a generated return


# --- valid returns ------------------------------------------------------------------------------


def counts(form: Form, seed: int) -> dict[tuple[str, str], int]:
    """Counts as a careful province enters them: Tổng số = Tập thể + Cá nhân."""
    rng = random.Random(seed)
    values: dict[tuple[str, str], int] = {}
    for row in form.rows:
        parts = {role: rng.randint(0, 30) for role in COUNT_ROLES[1:] if row.applies(role)}
        values.update({(row.key, role): n for role, n in parts.items()})
        values[(row.key, "total")] = sum(parts.values())
    return values


def valid_return(form: Form, unit: Unit, dest: Path, values: dict | None = None, seed: int = 0,
                 saved: dt.datetime | None = None) -> Path:
    """A return as Excel saves it: the unit's template with numbers typed in and cached totals."""
    values = counts(form, seed) if values is None else values
    return write_template(form, unit, dest, sample_values=values,
                          created=saved or dt.datetime(2020, 7, 6, 8, 0))


# --- zip packages -------------------------------------------------------------------------------


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


def write_parts(dest: Path, parts, method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A zip of ``parts`` (a mapping, or (name, bytes) pairs, which may repeat a name)."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    items = parts.items() if isinstance(parts, dict) else parts
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Duplicate name": wanted where it happens
        with zipfile.ZipFile(dest, "w", method) as zf:
            for name, data in items:
                zf.writestr(name, data)
    return dest


def changed(src: Path, dest: Path, add: dict[str, bytes] = {}, drop: tuple[str, ...] = ()) -> Path:
    parts = parts_of(src)
    for name in drop:
        del parts[name]
    parts.update(add)
    return write_parts(dest, parts)


def with_sheet_cells(src: Path, dest: Path, rows_xml: bytes) -> Path:
    """``src`` with rows appended to the form's sheet."""
    sheet = parts_of(src)[SHEET]
    return changed(src, dest, add={SHEET: sheet.replace(b"</sheetData>", rows_xml + b"</sheetData>")})


# --- size and shape (unsafe-file) -----------------------------------------------------------------


def zip_bomb(src: Path, dest: Path, size: int = 200 * MB) -> Path:
    """A return plus a "picture" of ``size`` zero bytes: under 1 MB zipped."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts_of(src).items():
            zf.writestr(name, data)
        with zf.open("xl/media/image1.png", "w", force_zip64=True) as out:
            block = bytes(MB)
            for _ in range(size // MB):
                out.write(block)
    return dest


def too_many_members(src: Path, dest: Path, count: int = 2500) -> Path:
    parts = parts_of(src)
    parts.update({f"xl/media/image{i}.png": b"" for i in range(count)})
    return write_parts(dest, parts, zipfile.ZIP_STORED)


def far_cell(src: Path, dest: Path, ref: str = "XFD1048576") -> Path:
    """One cell at Excel's last address: readers allocate every cell up to it."""
    row = re.sub(r"[A-Z]", "", ref)
    return with_sheet_cells(src, dest, f'<row r="{row}"><c r="{ref}"><v>1</v></c></row>'.encode())


def wide_and_long(src: Path, dest: Path) -> Path:
    """A cell at ALL100000: within the row limit and within the column limit, yet a box of 10^8
    cells (about 3 GB in the reader)."""
    return far_cell(src, dest, "ALL100000")


def implicit_positions(src: Path, dest: Path, rows: int = 100_000, columns: int = 1000) -> Path:
    """Rows and cells without addresses, which readers place one after another: a 1000-cell row,
    then 100,000 one-cell rows, about 500 KB zipped and 10^8 cells once read."""
    rng = random.Random(5)
    wide = b"<row>" + b"<c><v>1</v></c>" * columns + b"</row>"
    long = b"".join(b"<row><c><v>%d</v></c></row>" % rng.randrange(1000) for _ in range(rows))
    return with_sheet_cells(src, dest, wide + long)


def sheet_listed_many_times(src: Path, dest: Path, times: int = 30) -> Path:
    """A sheet of 1000 x 1000 cells (allowed on its own) listed ``times`` times in the workbook:
    readers load it once per listing."""
    parts = parts_of(src)
    sheet = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData><row r="1000"><c r="ALL1000"><v>1</v></c></row>'
             b"</sheetData></worksheet>")
    rels = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/worksheet" Target="worksheets/sheet99.xml"/></Relationships>')
    listings = b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rId99"/>' % (i, 100 + i) for i in range(times))
    workbook = parts["xl/workbook.xml"].replace(b"</sheets>", listings + b"</sheets>")
    return changed(src, dest, add={"xl/worksheets/sheet99.xml": sheet, "xl/_rels/workbook.xml.rels": rels,
                                   "xl/workbook.xml": workbook})


def huge_shared_strings(src: Path, dest: Path, size: int = 51 * MB) -> Path:
    """A shared-strings part past 50 MB that compresses only 5-fold (no ratio alarm), 10 MB zipped."""
    rng = random.Random(3)
    block = b"".join(b"<si><t>B\xe1\xba\xb1ng khen %d</t></si>" % rng.randrange(10**9) for _ in range(40_000))
    head = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats'
            b'.org/spreadsheetml/2006/main">')
    parts = parts_of(src)
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, data in parts.items():
            if name != "xl/sharedStrings.xml":
                zf.writestr(name, data)
        with zf.open("xl/sharedStrings.xml", "w", force_zip64=True) as out:
            out.write(head)
            for _ in range(size // len(block) + 1):
                out.write(block)
            out.write(b"</sst>")
    return dest


def ods_repeated_cells(dest: Path) -> Path:
    """An ODS file (saved by LibreOffice) with one filled cell repeated over 1000 columns and
    100,000 rows: a few bytes that readers expand to 10^8 cells."""
    src = DATA / "intake" / "template-libreoffice.ods"
    with zipfile.ZipFile(src) as zf:
        infos = [(info, zf.read(info)) for info in zf.infolist()]
    bomb = (b'<table:table-row table:number-rows-repeated="100000"><table:table-cell office:value-type="float" '
            b'office:value="1" table:number-columns-repeated="1000"><text:p>1</text:p></table:table-cell>'
            b"</table:table-row>")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w") as zf:
        for info, data in infos:  # the mimetype stays first and stored
            if info.filename == "content.xml":
                at = data.index(b"<table:table-row")
                data = data[:at] + bomb + data[at:]
            zf.writestr(info, data)
    return dest


def xls_far_cell(dest: Path) -> Path:
    """A legacy .xls (saved by LibreOffice) whose first text cell was moved to IV65536, the last
    cell of the format: 16.7 million cells in the reader."""
    shutil.copyfile(DATA / "intake" / "template-libreoffice.xls", dest)
    with olefile.OleFileIO(str(dest), write_mode=True) as ole:
        data = bytearray(ole.openstream("Workbook").read())
        pos, bofs = 0, 0
        while pos + 4 <= len(data):
            kind, length = struct.unpack_from("<HH", data, pos)
            bofs += kind == 0x0809
            if kind == 0x00FD and bofs == 2:  # a LABELSST record of the first worksheet
                struct.pack_into("<HH", data, pos + 4, 0xFFFF, 0xFF)
                break
            pos += 4 + length
        else:
            raise AssertionError("no text cell in the first worksheet")
        ole.write_stream("Workbook", bytes(data))
    return dest


def duplicate_member(src: Path, dest: Path) -> Path:
    """Two copies of the form's sheet under one name: readers disagree on which one counts."""
    parts = list(parts_of(src).items())
    decoy = dict(parts)[SHEET].replace(b"<v>", b"<v>9")
    return write_parts(dest, parts + [(SHEET, decoy)])


def oversized(dest: Path, size: int = 25 * MB) -> Path:
    """An attachment past 20 MB (sparse: it costs no disk)."""
    with open(dest, "wb") as fh:
        fh.write(b"PK\x03\x04")
        fh.truncate(size)
    return dest


# --- XML that expands or reaches out (unsafe-file) -----------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets>&lol9;</sheets></workbook>
"""


def billion_laughs(src: Path, dest: Path, part: str = "xl/workbook.xml") -> Path:
    return changed(src, dest, add={part: BILLION_LAUGHS})


def external_entity(src: Path, dest: Path, part: str = "docProps/custom.xml") -> Path:
    custom = parts_of(src)[part]
    xxe = custom.replace(b"?>", b'?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
    xxe = xxe.replace(b"<vt:lpwstr>", b"<vt:lpwstr>&x;", 1)
    assert xxe != custom
    return changed(src, dest, add={part: xxe})


# --- broken files (unreadable-file) ---------------------------------------------------------------


def truncated(src: Path, dest: Path) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: len(data) // 2])
    return dest


def missing_sheet_part(src: Path, dest: Path) -> Path:
    """The workbook lists the form's sheet but the part is gone (a save that failed half way)."""
    return changed(src, dest, drop=(SHEET,))


def text_renamed(dest: Path) -> Path:
    dest.write_text("STT,Danh hiệu,Tổng số\n1,Anh hùng Lao động,3\n", encoding="utf-8")
    return dest


def html_saved_as_xls(dest: Path) -> Path:
    """What "Save as web page" or a web system's "export to Excel" gives, named .xls."""
    dest.write_text('<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:'
                    'office:excel"><head><meta charset="utf-8"></head><body><table><tr><td>Tổng số</td>'
                    "<td>12</td></tr></table></body></html>", encoding="utf-8")
    return dest


def zero_bytes(dest: Path) -> Path:
    dest.write_bytes(b"")
    return dest


def part_cut(part: str) -> Callable[[Path, Path], Path]:
    """A return whose ``part`` ends half way (a write that failed, a disk that filled up)."""
    def build(src: Path, dest: Path) -> Path:
        data = parts_of(src)[part]
        return changed(src, dest, add={part: data[: len(data) // 2]})
    return build


def ods_changed(dest: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """The ODS file LibreOffice saved, each part passed through ``change`` (None drops it)."""
    with zipfile.ZipFile(DATA / "intake" / "template-libreoffice.ods") as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info))
            if data is not None:
                zout.writestr(info, data)
    return dest


def xls_with_zeroed_sectors(dest: Path) -> Path:
    """A legacy .xls with a stretch of its sectors zeroed (a bad disk block, a broken copy)."""
    data = bytearray((DATA / "intake" / "template-libreoffice.xls").read_bytes())
    data[2048:6144] = bytes(4096)
    dest.write_bytes(bytes(data))
    return dest


def cut_end(src: Path, dest: Path, lost: int) -> Path:
    """A download that lost its last ``lost`` bytes."""
    dest.write_bytes(src.read_bytes()[:-lost])
    return dest


def damaged_legacy(name: str) -> Callable[[Path, Path], Path]:
    return lambda src, dest: truncated(DATA / "intake" / name, dest)



# --- protected, scripted, linked ------------------------------------------------------------------


def encrypted_xlsx(src: Path, dest: Path, password: str = "matkhau") -> Path:
    with open(src, "rb") as fh, open(dest, "wb") as out:
        OOXMLFile(fh).encrypt(password, out)
    return dest


def encrypted_xls(dest: Path) -> Path:
    """A .xls with a password to open (saved by LibreOffice; no library here writes one)."""
    return Path(shutil.copyfile(DATA / "intake" / "password-matkhau.xls", dest))


def encrypted_ods(dest: Path) -> Path:
    """An .ods with a password to open (committed: only LibreOffice writes one)."""
    return Path(shutil.copyfile(DATA / "hostile" / "password-matkhau.ods", dest))


def with_macros(src: Path, dest: Path) -> Path:
    """A return saved as .xlsm with a VBA project (never run: its bytes are not even a real one)."""
    return changed(src, dest, add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000)})


LINK_RELS = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
             b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
             b'officeDocument/2006/relationships/externalLinkPath" Target="file:///C:/Users/A/So%20lieu%202019.xlsx"'
             b' TargetMode="External"/></Relationships>')


def with_external_links(src: Path, dest: Path) -> Path:
    return changed(src, dest, add={"xl/externalLinks/externalLink1.xml": b'<?xml version="1.0"?><externalLink/>',
                                   "xl/externalLinks/_rels/externalLink1.xml.rels": LINK_RELS})


# --- the hostile inbox ----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Case:
    name: str  # the file's name in the inbox: what it reproduces
    build: Callable[[Path, Path], Path]  # (a valid return, dest) -> dest
    status: str  # accepted, rejected or ignored
    codes: tuple[str, ...]  # the codes of the file's findings
    unit: str | None = None  # whose valid return it is made from (accepted cases need their own unit)


CASES = (
    Case("zip-bomb.xlsx", zip_bomb, "rejected", ("unsafe-file",)),
    Case("too-many-members.xlsx", too_many_members, "rejected", ("unsafe-file",)),
    Case("cell-at-XFD1048576.xlsx", far_cell, "rejected", ("unsafe-file",)),
    Case("cell-at-ALL100000.xlsx", wide_and_long, "rejected", ("unsafe-file",)),
    Case("cells-without-addresses.xlsx", implicit_positions, "rejected", ("unsafe-file",)),
    Case("sheet-listed-30-times.xlsx", sheet_listed_many_times, "rejected", ("unsafe-file",)),
    Case("ods-cell-repeated-10^8-times.ods", lambda src, dest: ods_repeated_cells(dest), "rejected",
         ("unsafe-file",)),
    Case("xls-cell-at-IV65536.xls", lambda src, dest: xls_far_cell(dest), "rejected", ("unsafe-file",)),
    Case("huge-shared-strings.xlsx", huge_shared_strings, "rejected", ("unsafe-file",)),
    Case("two-parts-one-name.xlsx", duplicate_member, "rejected", ("unsafe-file",)),
    Case("over-20-MB.xlsx", lambda src, dest: oversized(dest), "rejected", ("unsafe-file",)),
    Case("billion-laughs.xlsx", billion_laughs, "rejected", ("unsafe-file",)),
    Case("external-entity.xlsx", external_entity, "rejected", ("unsafe-file",)),
    Case("truncated.xlsx", truncated, "rejected", ("unreadable-file",)),
    Case("missing-sheet-part.xlsx", missing_sheet_part, "rejected", ("unreadable-file",)),
    Case("xls-that-makes-the-reader-panic.xls", lambda src, dest: cut_end(
        DATA / "intake" / "template-libreoffice.xls", dest, 5), "rejected", ("unreadable-file",)),
    Case("text-renamed.xlsx", lambda src, dest: text_renamed(dest), "rejected", ("unreadable-file",)),
    Case("html-saved-as.xls", lambda src, dest: html_saved_as_xls(dest), "rejected", ("unreadable-file",)),
    Case("export.csv", lambda src, dest: text_renamed(dest), "rejected", ("unreadable-file",)),
    # Issue 3: an empty file is junk, listed as ignored with its reason (sniff alone says
    # unreadable-file, tests/test_intake.py).
    Case("zero-byte.xlsx", lambda src, dest: zero_bytes(dest), "ignored", ()),
    Case("password-to-open.xlsx", encrypted_xlsx, "rejected", ("encrypted-file",)),
    Case("password-to-open.xls", lambda src, dest: encrypted_xls(dest), "rejected", ("encrypted-file",)),
    Case("password-to-open.ods", lambda src, dest: encrypted_ods(dest), "rejected", ("encrypted-file",)),
    Case("60-with-macros.xlsm", with_macros, "accepted", ("macro-present",), unit="60"),
    Case("70-linked-to-another-file.xlsx", with_external_links, "accepted", ("external-links",), unit="70"),
)
#: The one good file of the hostile inbox.
VALID_UNIT, VALID_NAME = "58", "58-ninh-thuan.xlsx"

#: Broken files of every kind the toolkit reads: each is unreadable-file, in the catalogue's words.
CORRUPT = (
    Case("xlsx-truncated.xlsx", truncated, "rejected", ("unreadable-file",)),
    Case("xlsx-sheet-part-missing.xlsx", missing_sheet_part, "rejected", ("unreadable-file",)),
    Case("xlsx-sheet-part-cut.xlsx", part_cut(SHEET), "rejected", ("unreadable-file",)),
    Case("xlsx-workbook-part-cut.xlsx", part_cut("xl/workbook.xml"), "rejected", ("unreadable-file",)),
    Case("xlsx-shared-strings-cut.xlsx", part_cut("xl/sharedStrings.xml"), "rejected", ("unreadable-file",)),
    Case("xlsx-styles-cut.xlsx", part_cut("xl/styles.xml"), "rejected", ("unreadable-file",)),
    Case("xlsx-sheet-list-missing.xlsx", lambda src, dest: changed(src, dest, drop=("xl/_rels/workbook.xml.rels",)),
         "rejected", ("unreadable-file",)),
    Case("xls-truncated.xls", damaged_legacy("template-libreoffice.xls"), "rejected", ("unreadable-file",)),
    # Found by fuzzing: python-calamine panics on it (a BaseException), which once killed the worker,
    # printed a Rust backtrace and left the file to the 30-second time bound.
    Case("xls-last-5-bytes-lost.xls", lambda src, dest: cut_end(DATA / "intake" / "template-libreoffice.xls",
                                                                dest, 5), "rejected", ("unreadable-file",)),
    Case("xls-zeroed-sectors.xls", lambda src, dest: xls_with_zeroed_sectors(dest), "rejected",
         ("unreadable-file",)),
    Case("ods-truncated.ods", damaged_legacy("template-libreoffice.ods"), "rejected", ("unreadable-file",)),
    Case("ods-content-cut.ods", lambda src, dest: ods_changed(
        dest, lambda name, data: data[: len(data) // 2] if name == "content.xml" else data), "rejected",
        ("unreadable-file",)),
    Case("ods-content-missing.ods", lambda src, dest: ods_changed(
        dest, lambda name, data: None if name == "content.xml" else data), "rejected", ("unreadable-file",)),
    Case("text-renamed.xlsx", lambda src, dest: text_renamed(dest), "rejected", ("unreadable-file",)),
    Case("html-saved-as.xls", lambda src, dest: html_saved_as_xls(dest), "rejected", ("unreadable-file",)),
    Case("export.csv", lambda src, dest: text_renamed(dest), "rejected", ("unreadable-file",)),
)


def hostile_inbox(form: Form, inbox: Path, work: Path, cases=CASES) -> dict[str, Path]:
    """The valid return of unit 58 and one file per case; returns name -> path."""
    inbox.mkdir(parents=True, exist_ok=True)
    work.mkdir(parents=True, exist_ok=True)
    files = {VALID_NAME: valid_return(form, form.units_by_code[VALID_UNIT], inbox / VALID_NAME, seed=58)}
    base = valid_return(form, form.units_by_code["75"], work / "75.xlsx", seed=75)
    for case in cases:
        src = base
        if case.unit is not None:
            src = valid_return(form, form.units_by_code[case.unit], work / f"{case.unit}.xlsx", seed=int(case.unit))
        files[case.name] = case.build(src, inbox / case.name)
    return files


def snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """Every file under ``folder``: content, mode, modification time (ns). Sparse files by size."""
    out = {}
    for path in sorted(folder.rglob("*")):
        info = path.lstat()
        content = path.read_bytes() if info.st_size < 64 * MB else str(info.st_size).encode()
        out[path.relative_to(folder).as_posix()] = (content, info.st_mode, info.st_mtime_ns)
    return out


def many_units_form(base: Form, count: int) -> Form:
    units = tuple(Unit(code=f"{i:03d}", name=f"Đơn vị thứ {i}", role="thanh-vien") for i in range(1, count + 1))
    return dataclasses.replace(base, units=units)


def form_file(form_toml: Path, dest: Path, units: list[Unit]) -> Path:
    """A copy of a form definition with its unit list replaced (for commands run as a subprocess)."""
    text = form_toml.read_text(encoding="utf-8")
    listing = "list = [\n" + "".join(
        f'  {{ code = "{u.code}", name = "{u.name}", role = "{u.role}" }},\n' for u in units) + "]\n"
    text, n = re.subn(r"(?ms)^list = \[.*?^\]\n", lambda m: listing, text)
    assert n == 1
    dest.write_text(text, encoding="utf-8")
    return dest


# --- an oracle for fuzzing --------------------------------------------------------------------------


def strict_examine(form: Form, path: Path, limits=None) -> str:
    """What one file goes through in ``check``, without the safety net that turns any exception
    into "unreadable": the toolkit's own code may only refuse a file, and only the reader (python-
    calamine, which loads a sheet's cells on first use) may fail on a damaged one. Anything else
    raised here is a bug that ``check`` would hide. Returns "refused", "unreadable" or the status.
    """
    from python_calamine import CalamineError

    from toolkit.checks import steps
    from toolkit.intake import verdict as intake
    from toolkit.intake import Limits
    from toolkit.checks.report import REJECTED, FileResult

    limits = limits or Limits()
    try:
        data = intake._read(Path(path), limits)
        kind, _flags, members = intake._judge(data, limits)
    except intake.Rejected:
        return "refused"
    result = FileResult(path=Path(path).name, status=REJECTED, kind=kind)
    examined = steps.Examined(form, limits, Path(path), result, content=intake.Content(data, members))
    try:
        with _quiet_stderr():  # a worker's stderr goes nowhere; so does a panic's message here
            for step in steps.FILE_STEPS:  # the steps that read the file, after the sniff above
                if step in steps.READING and step is not steps.content and not steps.settled(result):
                    result.issues += step(examined)
        return steps.status_of(result)
    except CalamineError:
        return "unreadable"
    except BaseException as exc:
        if type(exc).__name__ == "PanicException":  # a Rust panic in calamine: also the reader's
            return "unreadable"
        raise


@contextlib.contextmanager
def _quiet_stderr():
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
