"""How intake reads a package's members: one that says it fits in one read is read in one call and
searched whole, a larger one in chunks; whichever way, what lies at the end of a member, around the
size where one way gives way to the other, or behind a size the member lies about, is still seen.
And the sheet list the scan parsed is the one the reader uses, so it is parsed once.

``tests/test_intake.py`` has the patterns split across chunk boundaries of large members.
"""

from __future__ import annotations

import struct
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.test_intake import SHEET_HEAD, members_of, only, variant, write_template, write_zip
from toolkit.checks.reader import read_workbook
from toolkit.intake import CHUNK, Content, Limits, Sniffed, content, sniff
from toolkit.intake.package import sheet_members

SHEET = "xl/worksheets/sheet1.xml"
TAIL = b"</sheetData></worksheet>"


def reads_of(path: Path, limits: Limits = Limits()) -> tuple[Sniffed, Counter]:
    """The verdict on ``path``, and how many reads zipfile was asked for, member by member."""
    calls: Counter = Counter()
    read = zipfile.ZipExtFile.read

    def counting_read(self, n=-1):
        calls[self.name] += 1
        return read(self, n)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(zipfile.ZipExtFile, "read", counting_read)
        return sniff(path, limits), calls


def sheet_of_size(size: int, end: bytes) -> bytes:
    """A sheet of exactly ``size`` bytes whose rows end with ``end``, right before its closing tags."""
    head = SHEET_HEAD + b"<sheetData>"
    padding = size - len(head) - len(end) - len(TAIL)
    assert padding >= 0
    return head + b" " * padding + end + TAIL


# Each is found only where it lies: the last bytes of the member.
FAR_CELL = b'<row r="1"><c r="XFD1048576"><v>1</v></c></row>'
# A cell without its address after the last column allowed: only the count by structure finds it.
UNADDRESSED = b'<row r="1"><c r="ALL1"><v>1</v></c><c><v>1</v></c></row>'


def test_each_member_of_a_normal_workbook_is_read_in_one_call(tmp_path):
    path = write_template(tmp_path / "58.xlsx")
    result, calls = reads_of(path)
    assert result == Sniffed("xlsx", ())
    with zipfile.ZipFile(path) as z:
        assert all(info.file_size < CHUNK for info in z.infolist())
        assert calls == Counter({info.filename: 1 for info in z.infolist()})


@pytest.mark.parametrize("size, reads", [(3 * CHUNK + 5, 4), (2 * CHUNK, 3), (CHUNK, 2), (CHUNK - 1, 1)])
def test_a_member_over_one_read_is_read_in_chunks(tmp_path, size, reads):
    # A chunk shorter than asked for is the end; a member of whole chunks takes one empty read more.
    path = variant(tmp_path, "58.xlsx", add={SHEET: sheet_of_size(size, b"")})
    result, calls = reads_of(path)
    assert result == Sniffed("xlsx", ())
    assert calls[SHEET] == reads


@pytest.mark.parametrize("size", [len(SHEET_HEAD) + 200, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK + 500, 2 * CHUNK + 7])
@pytest.mark.parametrize("end", [FAR_CELL, UNADDRESSED], ids=["far-cell", "cell-without-address"])
def test_what_ends_a_member_is_seen_whichever_way_it_is_read(tmp_path, size, end):
    path = variant(tmp_path, "58.xlsx", add={SHEET: sheet_of_size(size, end)}, method=zipfile.ZIP_STORED)
    assert only(sniff(path)) == "unsafe-file"


@pytest.mark.parametrize("size", [300, CHUNK - 1, CHUNK, CHUNK + 1])
def test_a_doctype_at_the_end_of_a_member_is_seen_whichever_way_it_is_read(tmp_path, size):
    end = b"<!DOCTYPE x>"
    xml = b"<?xml version='1.0'?><workbook/>" + b" " * (size - 32 - len(end)) + end
    assert len(xml) == size
    path = variant(tmp_path, "58.xlsx", add={"xl/workbook.xml": xml}, method=zipfile.ZIP_STORED)
    assert only(sniff(path)) == "unsafe-file"


def declaring(path: Path, name: str, size: int) -> Path:
    """``path`` rewritten so that member ``name`` declares it inflates to ``size`` bytes, in its
    local header and in the central directory alike (its data and checksum untouched)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo(name)
    struct.pack_into("<I", data, info.header_offset + 22, size)
    entry = data.index(b"PK\x01\x02")
    while data[entry + 46:entry + 46 + len(name)] != name.encode():
        entry = data.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", data, entry + 24, size)
    out = path.with_name("lying-" + path.name)
    out.write_bytes(bytes(data))
    with zipfile.ZipFile(out) as z:
        assert z.getinfo(name).file_size == size
    return out


@pytest.mark.parametrize("method", [zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED])
def test_a_member_that_says_it_is_smaller_than_it_is_is_refused(tmp_path, method):
    # Read in one call as small, it turns out longer: never taken for its first bytes.
    sheet = sheet_of_size(CHUNK // 2, FAR_CELL)
    path = declaring(variant(tmp_path, "58.xlsx", add={SHEET: sheet}, method=method), SHEET, 100)
    assert sniff(path).kind is None


@pytest.mark.parametrize("declared", [CHUNK - 1, 10 * CHUNK])
@pytest.mark.parametrize("end", [FAR_CELL, UNADDRESSED], ids=["far-cell", "cell-without-address"])
def test_a_member_that_says_it_is_larger_than_it_is_is_still_searched_to_its_end(tmp_path, declared, end):
    sheet = sheet_of_size(2000, end)
    path = declaring(variant(tmp_path, "58.xlsx", add={SHEET: sheet}), SHEET, declared)
    assert only(sniff(path)) == "unsafe-file"


def test_a_member_that_says_it_is_larger_than_it_is_is_read_as_it_is(tmp_path):
    sheet = sheet_of_size(2000, b'<row r="1"><c r="B2"><v>1</v></c></row>')
    path = declaring(variant(tmp_path, "58.xlsx", add={SHEET: sheet}), SHEET, CHUNK - 1)
    result = sniff(path)
    assert result.kind == "xlsx"
    assert result.content.part(SHEET) == sheet


# --- the sheet list, parsed once -----------------------------------------------------------------------


def test_the_reader_takes_the_sheet_list_the_scan_parsed(tmp_path, monkeypatch):
    path = write_template(tmp_path / "58.xlsx")
    checked = sniff(path).content
    assert checked.members.sheets == sheet_members(Content.unchecked(path).members)

    def parsed_again(members):
        raise AssertionError("the sheet list was parsed again")

    monkeypatch.setattr(content, "sheet_members", parsed_again)
    assert read_workbook(checked, "xlsx").sheet_parts == {"Biểu mẫu": SHEET, "_thidua": "xl/worksheets/sheet2.xml"}


def test_a_file_read_unchecked_has_its_sheet_list_parsed_by_the_reader(tmp_path):
    path = write_template(tmp_path / "58.xlsx")
    assert Content.unchecked(path).members.sheets is None
    assert read_workbook(path, "xlsx").sheet_parts == {"Biểu mẫu": SHEET, "_thidua": "xl/worksheets/sheet2.xml"}


def test_relationships_the_scan_could_not_parse_to_their_end_are_left_to_the_reader(tmp_path):
    # Every target is there but the part stops short: the scan counts its sheets, yet hands on
    # nothing it did not read whole; the reader parses the part itself and fails as it always did.
    members = members_of(write_template(tmp_path / "base.xlsx"))
    rels = "xl/_rels/workbook.xml.rels"
    members[rels] = members[rels].replace(b"</Relationships>", b"")
    result = sniff(write_zip(tmp_path / "58.xlsx", members))
    assert result == Sniffed("xlsx", ())
    assert result.content.members.sheets is None
