"""What happens to an inbox file before any parser: listing the inbox and judging files by content."""

from __future__ import annotations

import hashlib
import os
import random
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from msoffcrypto.format.ooxml import OOXMLFile

from tests.hostile import BILLION_LAUGHS
from tests.work import counted, unzipped_size
from toolkit import intake, texts
from toolkit.catalogue import REJECTING
from toolkit.intake import CHUNK, Limits, Scan, Sniffed, scan, sniff

DATA = Path(__file__).parent / "data" / "intake"
MB = 2**20


# --- building files -----------------------------------------------------------------------------------


def write_template(path: Path) -> Path:
    """A workbook shaped like the real template: protected sheet, validation, formulas, identity."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("Biểu mẫu")
    unlocked = wb.add_format({"locked": False, "border": 1})
    ws.write("A1", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    ws.write_row("A9", ["STT", "Danh hiệu", "Tổng số", "Tập thể", "Cá nhân", "Ghi chú"])
    for row in range(10, 40):
        ws.write(row, 0, row - 9)
        ws.write(row, 1, f"Danh hiệu thi đua số {row - 9}")
        ws.write_formula(row, 2, f"=D{row + 1}+E{row + 1}", None, 0)
        ws.write_blank(row, 3, None, unlocked)
        ws.write_blank(row, 4, None, unlocked)
    ws.data_validation("D11:E40", {"validate": "integer", "criteria": ">=", "value": 0,
                                   "input_title": "Nhập số nguyên không âm"})
    ws.protect()
    hidden = wb.add_worksheet("_thidua")
    hidden.write_row("A1", ["form_id", "khen-thuong-6t-2020"])
    hidden.very_hidden()
    wb.define_name("TD_unit_code", '="58"')
    wb.set_custom_property("thidua.unit_code", "58")
    wb.close()
    return path


def members_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {name: z.read(name) for name in z.namelist()}


def write_zip(path: Path, members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path, "w", method) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def variant(tmp_path: Path, name: str, add: dict[str, bytes] = {}, drop: tuple[str, ...] = (),
            method: int = zipfile.ZIP_DEFLATED) -> Path:
    """A copy of the template with members added, replaced or removed."""
    members = members_of(write_template(tmp_path / f"base-{name}"))
    for member in drop:
        members.pop(member)
    members.update(add)
    return write_zip(tmp_path / name, members, method)


def only(result: Sniffed) -> str:
    (found,) = result.issues
    return found.code


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink()}


SHEET_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
              b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')


def sheet_xml(cells: bytes, dimension: bytes = b"A1:B2", padding: int = 0) -> bytes:
    return (SHEET_HEAD + b'<dimension ref="' + dimension + b'"/><sheetData>' + b" " * padding
            + cells + b"</sheetData></worksheet>")


# --- accepted workbooks -------------------------------------------------------------------------------


def test_limits_have_the_documented_defaults():
    assert Limits() == Limits(max_file_bytes=20 * MB, max_unzipped_bytes=100 * MB, max_ratio=200,
                              max_members=2000, max_rows=100_000, max_columns=1_000,
                              max_shared_strings_bytes=50 * MB, read_timeout=30.0)


def test_template_written_by_xlsxwriter_is_accepted_as_xlsx_without_issues(tmp_path):
    assert sniff(write_template(tmp_path / "58-ninh-thuan.xlsx")) == Sniffed("xlsx", ())


def test_sniffing_a_normal_template_lists_and_inflates_each_part_once(tmp_path):
    # What keeps it to milliseconds: one pass over the directory and over each part, no second
    # reading (by structure) of any of them.
    path = write_template(tmp_path / "58.xlsx")
    with zipfile.ZipFile(path) as z:
        members = len(z.infolist())
    with counted() as work:
        assert sniff(path) == Sniffed("xlsx", ())
    assert work.listed == members
    assert work.total_inflated == unzipped_size(path)


@pytest.mark.parametrize("name, kind", [("template-libreoffice.xlsx", "xlsx"), ("template-libreoffice.xls", "xls"),
                                        ("template-libreoffice.ods", "ods")])
def test_workbooks_saved_by_libreoffice_are_accepted(name, kind):
    assert sniff(DATA / name) == Sniffed(kind, ())


def test_kind_comes_from_content_not_from_the_extension(tmp_path):
    xls_named_xlsx = tmp_path / "58.xlsx"
    xls_named_xlsx.write_bytes((DATA / "template-libreoffice.xls").read_bytes())
    xlsx_named_xls = tmp_path / "58.xls"
    xlsx_named_xls.write_bytes(write_template(tmp_path / "t.xlsx").read_bytes())
    ods_named_xlsx = tmp_path / "58 (1).xlsx"
    ods_named_xlsx.write_bytes((DATA / "template-libreoffice.ods").read_bytes())
    assert sniff(xls_named_xlsx).kind == "xls"
    assert sniff(xlsx_named_xls).kind == "xlsx"
    assert sniff(ods_named_xlsx).kind == "ods"


def test_minimal_ods_with_mimetype_first_is_ods(tmp_path):
    path = tmp_path / "58.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", intake.ODS_MIMETYPE, zipfile.ZIP_STORED)
        z.writestr("content.xml", b'<?xml version="1.0" encoding="UTF-8"?><office:document-content '
                                  b'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>')
        z.writestr("META-INF/manifest.xml", b'<?xml version="1.0"?><manifest/>')
    assert sniff(path) == Sniffed("ods", ())


def test_xlsm_with_vba_project_is_kind_xlsm_with_macro_warning(tmp_path):
    path = variant(tmp_path, "58.xlsm", add={"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + b"\x00" * 500})
    result = sniff(path)
    assert result.kind == "xlsm"
    assert [i.code for i in result.issues] == ["macro-present"]
    assert result.issues[0].file == "58.xlsm"


def test_external_links_are_flagged_naming_the_linked_workbook(tmp_path):
    rels = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            b'relationships/externalLinkPath" Target="file:///C:\\Users\\Tuan\\Desktop\\So%20lieu%202019.xlsx"'
            b' TargetMode="External"/></Relationships>')
    path = variant(tmp_path, "58.xlsx", add={
        "xl/externalLinks/externalLink1.xml": b'<?xml version="1.0"?><externalLink/>',
        "xl/externalLinks/_rels/externalLink1.xml.rels": rels,
    })
    result = sniff(path)
    assert result.kind == "xlsx"
    (found,) = result.issues
    assert found.code == "external-links"
    assert "[So lieu 2019.xlsx]" in found.message


def test_external_links_without_targets_are_still_flagged(tmp_path):
    path = variant(tmp_path, "58.xlsx", add={"xl/externalLinks/externalLink1.xml": b"<externalLink/>"})
    result = sniff(path)
    assert result.kind == "xlsx" and only(result) == "external-links"


def test_issues_name_the_display_name(tmp_path):
    path = tmp_path / "tmp123"
    path.write_text("Đơn vị;Tổng số\n", encoding="utf-8")
    (found,) = sniff(path, display_name="58-ninh-thuan.xlsx").issues
    assert found.file == "58-ninh-thuan.xlsx"


# --- hostile zips -------------------------------------------------------------------------------------


def measured(path: Path, limits: Limits = Limits()):
    """``sniff``'s verdict, the work it did (tests/work.py) and the memory it needed."""
    with counted() as work:
        result = sniff(path, limits)
    tracemalloc.start()
    try:
        sniff(path, limits)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, work, peak


def write_zeros_member(path: Path, name: str, size: int) -> Path:
    """A valid workbook plus one member of ``size`` zero bytes, written in chunks."""
    members = members_of(write_template(path.with_suffix(".base.xlsx")))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for member, data in members.items():
            z.writestr(member, data)
        with z.open(name, "w", force_zip64=True) as out:
            block = bytes(MB)
            for _ in range(size // MB):
                out.write(block)
    return path


@pytest.fixture(scope="module")
def zip_bomb(tmp_path_factory) -> Path:
    return write_zeros_member(tmp_path_factory.mktemp("bomb") / "58.xlsx", "xl/media/image1.png", 300 * MB)


def test_zip_bomb_is_rejected_quickly_with_little_memory(zip_bomb):
    assert zip_bomb.stat().st_size < 1 * MB
    result, work, peak = measured(zip_bomb)
    assert only(result) == "unsafe-file"
    assert work.total_inflated <= MB  # of the 300 MB it holds
    assert peak < 20 * MB


def test_highly_compressed_member_is_stopped_while_inflating(tmp_path):
    # 60 MB of zeros stays under the total limit: only the streamed ratio check can stop it.
    path = write_zeros_member(tmp_path / "58.xlsx", "xl/worksheets/sheet9.xml", 60 * MB)
    result, work, peak = measured(path)
    assert only(result) == "unsafe-file"
    assert "nén bất thường" in result.issues[0].message
    with zipfile.ZipFile(path) as z:
        member = z.getinfo("xl/worksheets/sheet9.xml")
    # Stopped one read past the allowed ratio, long before the member's end.
    assert work.inflated[member.filename] <= Limits().max_ratio * member.compress_size + CHUNK
    assert work.inflated[member.filename] < member.file_size / 4
    assert peak < 20 * MB


def test_small_highly_compressible_parts_are_fine(tmp_path):
    # Under RATIO_FLOOR a 1000-fold ratio is normal (styles, empty sheets).
    path = variant(tmp_path, "58.xlsx", add={"xl/media/blank.bin": bytes(900 * 1024)})
    assert sniff(path) == Sniffed("xlsx", ())


def test_total_inflated_size_limit(tmp_path):
    path = variant(tmp_path, "58.xlsx", add={"xl/media/photo.bin": os.urandom(300 * 1024)})
    result = sniff(path, Limits(max_unzipped_bytes=200 * 1024))
    assert only(result) == "unsafe-file"
    assert "200 KB" in result.issues[0].message


def test_too_many_members_is_unsafe(tmp_path):
    path = write_zip(tmp_path / "58.xlsx", {f"xl/media/{i}.txt": b"" for i in range(2001)})
    result, work, _ = measured(path)
    assert only(result) == "unsafe-file"
    assert work.listed <= Limits().max_members and not work.inflated  # refused before any member is read
    assert only(sniff(write_template(tmp_path / "t.xlsx"), Limits(max_members=5))) == "unsafe-file"


def test_directory_hiding_more_members_than_it_declares_is_unsafe(tmp_path):
    path = write_zip(tmp_path / "58.xlsx", {str(i): b"" for i in range(25_000)}, zipfile.ZIP_STORED)
    data = bytearray(path.read_bytes())
    end = data.rindex(b"PK\x05\x06")
    data[end + 8:end + 12] = struct.pack("<HH", 1, 1)  # "one member"
    path.write_bytes(bytes(data))
    result, work, peak = measured(path)
    assert only(result) == "unsafe-file"
    assert work.listed <= Limits().max_members  # the hidden directory is never listed in full
    assert peak < 20 * MB


def test_member_declaring_a_false_small_size_cannot_smuggle_a_bomb(tmp_path):
    path = tmp_path / "58.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", b"<Types/>")
        z.writestr("xl/workbook.xml", b"<workbook/>")
        with z.open("xl/worksheets/sheet1.xml", "w") as out:
            for _ in range(300):
                out.write(bytes(MB))
    data = bytearray(path.read_bytes())
    entry = data.rindex(b"PK\x01\x02")  # the last central directory entry: the sheet
    assert data[entry + 46:entry + 46 + 24] == b"xl/worksheets/sheet1.xml"
    data[entry + 24:entry + 28] = struct.pack("<I", 1024)  # central directory: 1 KB uncompressed
    path.write_bytes(bytes(data))
    result, work, peak = measured(path)
    assert only(result) in ("unsafe-file", "unreadable-file")
    assert work.total_inflated <= MB  # of the 300 MB it hides
    assert peak < 20 * MB




def test_billion_laughs_in_workbook_part_is_unsafe(tmp_path):
    result = sniff(variant(tmp_path, "58.xlsx", add={"xl/workbook.xml": BILLION_LAUGHS}))
    assert only(result) == "unsafe-file"
    assert "xl/workbook.xml" in result.issues[0].message


def test_external_entity_in_any_part_is_unsafe(tmp_path):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b"<Relationships>&x;</Relationships>")
    assert only(sniff(variant(tmp_path, "58.xlsx", add={"_rels/.rels": xxe}))) == "unsafe-file"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-be"])
def test_doctype_hidden_in_a_wide_encoding_is_unsafe(tmp_path, encoding):
    doc = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY a "b">]><workbook/>'
    path = variant(tmp_path, "58.xlsx", add={"xl/workbook.xml": doc.encode(encoding)})
    assert only(sniff(path)) == "unsafe-file"


def test_doctype_after_leading_whitespace_is_unsafe(tmp_path):
    doc = b" " * 5000 + b'<!DOCTYPE x [<!ENTITY a "b">]><workbook/>'
    assert only(sniff(variant(tmp_path, "58.xlsx", add={"xl/workbook.xml": doc}))) == "unsafe-file"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_far_cell_hidden_in_a_wide_encoding_is_unsafe(tmp_path, encoding):
    xml = sheet_xml(b'<row r="1"><c r="XFD1048576"><v>1</v></c></row>').decode().replace("UTF-8", "UTF-16")
    path = variant(tmp_path, "58.xlsx", add={"xl/worksheets/sheet1.xml": xml.encode(encoding)})
    assert only(sniff(path)) == "unsafe-file"


def test_sheet_in_utf16_within_limits_is_fine(tmp_path):
    xml = sheet_xml(b'<row r="1"><c r="B2"><v>1</v></c></row>').decode().replace("UTF-8", "UTF-16")
    path = variant(tmp_path, "58.xlsx", add={"xl/worksheets/sheet1.xml": xml.encode("utf-16")})
    assert sniff(path) == Sniffed("xlsx", ())


def test_xml_in_an_encoding_that_hides_markup_is_unsafe(tmp_path):
    doc = b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE x+AD4-<workbook/>'
    assert only(sniff(variant(tmp_path, "58.xlsx", add={"xl/workbook.xml": doc}))) == "unsafe-file"


@pytest.mark.parametrize("cells, dimension", [
    (b'<row r="1"><c r="XFD1048576"><v>1</v></c></row>', b"A1:B2"),
    (b'<row r="1"><c r="A1"><v>1</v></c></row>', b"A1:XFD1048576"),
    (b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>', b"A1:A1"),
    (b"<row r='1'><c s='1' r='ALM1'><v>1</v></c></row>", b"A1"),
    (b'<row r="1"><c r="A99999999999999999999"><v>1</v></c></row>', b"A1"),
    (b'<row r="1"><c s="1" x=">" r="XFD1"><v>1</v></c></row>', b"A1"),
    (b'<row r="1"><c ' + b'x="0" ' * 200 + b'r="XFD1"><v>1</v></c></row>', b"A1"),
    (b'<x:row r="1"><x:c\n\tr = "ALM1"/></x:row>', b"A1"),
])
def test_cells_at_absurd_positions_are_unsafe(tmp_path, cells, dimension):
    path = variant(tmp_path, "58.xlsx", add={"xl/worksheets/sheet1.xml": sheet_xml(cells, dimension)})
    result = sniff(path)
    assert only(result) == "unsafe-file"
    assert "vượt giới hạn" in result.issues[0].message


def test_far_cell_in_a_sheet_stored_outside_the_usual_folder_is_unsafe(tmp_path):
    xml = sheet_xml(b'<row r="1"><c r="XFD1048576"><v>1</v></c></row>')
    assert only(sniff(variant(tmp_path, "58.xlsx", add={"data/s.xml": xml}))) == "unsafe-file"


def test_cells_at_the_row_limit_and_at_the_column_limit_are_fine(tmp_path):
    # Each limit in a sheet of its own: both in one sheet make a box of 10^8 cells, which readers
    # would hold in memory (tests/test_hostile_limits.py).
    wide = b'<row r="1"><c r="ALL1"><v>1</v></c></row>'
    long = b'<row r="100000"><c r="A100000"><v>1</v></c></row>'
    path = variant(tmp_path, "58.xlsx", add={"xl/worksheets/sheet1.xml": sheet_xml(wide, b"A1:ALL1"),
                                              "xl/worksheets/sheet2.xml": sheet_xml(long, b"A1:A100000")})
    assert sniff(path) == Sniffed("xlsx", ())


def test_cell_reference_like_text_in_a_string_is_not_a_position(tmp_path):
    cells = (b'<row r="1" spans="1:8"><c r="A1" t="inlineStr"><is><t>x r="XFD1048576" y</t></is></c>'
             b'<c r="B1" t="inlineStr"><is><r><t xml:space="preserve"> r="ALM1"</t></r></is></c></row>')
    path = variant(tmp_path, "58.xlsx", add={"xl/worksheets/sheet1.xml": sheet_xml(cells)})
    assert sniff(path) == Sniffed("xlsx", ())


@pytest.mark.parametrize("back", [1, 5, 9, 17, 40])
def test_far_cell_split_across_read_chunks_is_still_found(tmp_path, back):
    cells = b'<row r="1"><c r="XFD1048576"><v>1</v></c></row>'
    before = len(SHEET_HEAD) + len(b'<dimension ref="A1:B2"/><sheetData>')
    xml = sheet_xml(cells, padding=CHUNK - back - before)
    assert xml.index(b"<row") == CHUNK - back
    path = variant(tmp_path, "58.xlsx", add={"xl/worksheets/sheet1.xml": xml}, method=zipfile.ZIP_STORED)
    assert only(sniff(path)) == "unsafe-file"


@pytest.mark.parametrize("back", [1, 4, 8])
def test_doctype_split_across_read_chunks_is_still_found(tmp_path, back):
    xml = b"<?xml version='1.0'?>" + b" " * (CHUNK - back - 21) + b"<!DOCTYPE x><workbook/>"
    assert xml.index(b"<!DOCTYPE") == CHUNK - back
    path = variant(tmp_path, "58.xlsx", add={"xl/workbook.xml": xml}, method=zipfile.ZIP_STORED)
    assert only(sniff(path)) == "unsafe-file"


def test_part_flooded_with_cell_look_alikes_is_rejected_quickly(tmp_path):
    # Not compressible enough for the ratio check, and no single match is out of bounds.
    rng = random.Random(1)
    flood = b"".join(b'<x r="%s"/>' % bytes(rng.choices(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", k=3))
                     for _ in range(400_000))
    path = variant(tmp_path, "58.xlsx", add={"xl/worksheets/sheet2.xml": sheet_xml(flood)})
    result, work, peak = measured(path)
    assert only(result) == "unsafe-file"
    flooded = "xl/worksheets/sheet2.xml"
    assert work.inflated[flooded] < len(sheet_xml(flood)) / 10  # stopped within its first tenth
    assert peak < 20 * MB


def test_look_alikes_spread_over_many_parts_are_counted_together(tmp_path):
    parts = {f"xl/worksheets/sheet{i}.xml": sheet_xml(b'<x r="ABC"/>' * 2_000) for i in range(2, 12)}
    assert only(sniff(variant(tmp_path, "58.xlsx", add=parts))) == "unsafe-file"


def test_oversized_shared_strings_are_unsafe(tmp_path):
    strings = (b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               + b"<si><t>" + os.urandom(200 * 1024).hex().encode() + b"</t></si></sst>")
    path = variant(tmp_path, "58.xlsx", add={"xl/sharedStrings.xml": strings})
    assert sniff(path).kind == "xlsx"
    result = sniff(path, Limits(max_shared_strings_bytes=100 * 1024))
    assert only(result) == "unsafe-file"


def test_file_over_size_limit_is_unsafe_before_opening(tmp_path):
    path = write_template(tmp_path / "58.xlsx")
    result = sniff(path, Limits(max_file_bytes=1024))
    assert only(result) == "unsafe-file"
    assert "vượt giới hạn 1 KB" in result.issues[0].message
    big = tmp_path / "big.xlsx"
    with open(big, "wb") as fh:
        fh.truncate(35 * MB)  # sparse: costs no disk
    assert "tệp lớn 35 MB, vượt giới hạn 20 MB" in sniff(big).issues[0].message


# --- unreadable files ---------------------------------------------------------------------------------


def test_truncated_zip_is_unreadable(tmp_path):
    data = write_template(tmp_path / "full.xlsx").read_bytes()
    path = tmp_path / "58.xlsx"
    path.write_bytes(data[: len(data) // 2])
    result = sniff(path)
    assert only(result) == "unreadable-file"
    assert "tải về chưa hết" in result.issues[0].message


def test_zip_with_corrupted_member_data_is_unreadable(tmp_path):
    data = bytearray(variant(tmp_path, "ok.xlsx", add={"xl/media/a.bin": b"A" * 5000},
                             method=zipfile.ZIP_STORED).read_bytes())
    at = data.index(b"A" * 5000)
    data[at + 100] = ord("B")  # breaks the CRC
    path = tmp_path / "58.xlsx"
    path.write_bytes(bytes(data))
    assert only(sniff(path)) == "unreadable-file"


def test_zip_without_workbook_part_is_unreadable(tmp_path):
    path = variant(tmp_path, "58.xlsx", drop=("xl/workbook.xml",))
    assert only(sniff(path)) == "unreadable-file"


def test_docx_like_zip_is_unreadable_as_word_document(tmp_path):
    path = write_zip(tmp_path / "58.xlsx", {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
        "word/document.xml": b'<?xml version="1.0"?><w:document xmlns:w="x"/>',
    })
    result = sniff(path)
    assert only(result) == "unreadable-file"
    assert "Word" in result.issues[0].message


def test_plain_zip_of_files_is_unreadable(tmp_path):
    path = tmp_path / "bao-cao.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("58-ninh-thuan.xlsx", write_template(tmp_path / "inner.xlsx").read_bytes())
    result = sniff(path)
    assert only(result) == "unreadable-file"
    assert "zip" in result.issues[0].message


def test_zip_compressed_with_unusual_method_is_unreadable(tmp_path):
    path = variant(tmp_path, "58.xlsx", method=zipfile.ZIP_BZIP2)
    assert only(sniff(path)) == "unreadable-file"


@pytest.mark.parametrize("content, words", [
    ("Đây không phải bảng tính\n".encode("utf-8"), "văn bản"),
    ("Mã;Đơn vị;Tổng số\n58;Ninh Thuận;12\n".encode("utf-8"), "văn bản/CSV"),
    ("Mã,Tên,So\r\n58,Ninh Thuân,12\r\n".encode("cp1252"), "văn bản/CSV"),  # a legacy code page
    ('<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><table><tr><td>58</td></tr></table>'
     "</body></html>".encode(), "trang web HTML"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html><head></head></html>", "trang web HTML"),
    (b'<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?><Workbook '
     b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>', "XML 2003"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "ảnh"),
    (b"Rar!\x1a\x07\x01\x00" + bytes(100), "RAR"),
    (bytes(range(256)) * 4, "không nhận ra"),
])
def test_files_that_are_not_spreadsheets_say_what_they_look_like(tmp_path, content, words):
    path = tmp_path / "58.xls"
    path.write_bytes(content)
    result = sniff(path)
    assert only(result) == "unreadable-file"
    assert words in result.issues[0].message


def test_zero_byte_file_is_ignored_by_scan_and_unreadable_by_sniff(tmp_path):
    path = tmp_path / "58.xlsx"
    path.touch()
    found = scan(tmp_path)
    assert found.candidates == [] and found.ignored == [(path, texts.IGNORED_REASONS["empty"])]
    result = sniff(path)
    assert only(result) == "unreadable-file"
    assert "0 byte" in result.issues[0].message


def test_folder_or_missing_path_is_unreadable(tmp_path):
    assert only(sniff(tmp_path)) == "unreadable-file"
    assert only(sniff(tmp_path / "gone.xlsx")) == "unreadable-file"


# --- OLE files ----------------------------------------------------------------------------------------


def test_xlsx_with_password_to_open_is_encrypted(tmp_path):
    plain = write_template(tmp_path / "plain.xlsx")
    path = tmp_path / "58.xlsx"
    with open(plain, "rb") as src, open(path, "wb") as out:
        OOXMLFile(src).encrypt("matkhau", out)
    assert path.read_bytes()[:8] == intake.OLE_MAGIC
    result = sniff(path)
    assert result.kind is None and only(result) == "encrypted-file"


def test_xls_with_password_to_open_is_encrypted():
    result = sniff(DATA / "password-matkhau.xls")
    assert result.kind is None and only(result) == "encrypted-file"


def test_ole_file_without_workbook_stream_is_unreadable(tmp_path):
    # No tool here writes a .doc: rename the Workbook stream of a real .xls instead.
    data = (DATA / "template-libreoffice.xls").read_bytes()
    name = "Workbook".encode("utf-16-le")
    assert data.count(name) == 1
    path = tmp_path / "58.xls"
    path.write_bytes(data.replace(name, "Xorkbook".encode("utf-16-le")))
    result = sniff(path)
    assert only(result) == "unreadable-file"
    assert "không phải bảng tính" in result.issues[0].message


def test_damaged_ole_file_is_unreadable(tmp_path):
    data = (DATA / "template-libreoffice.xls").read_bytes()
    for cut, name in ((600, "cut.xls"), (len(data) // 2, "half.xls")):
        path = tmp_path / name
        path.write_bytes(data[:cut])
        assert only(sniff(path)) == "unreadable-file"
    garbage = tmp_path / "garbage.xls"
    garbage.write_bytes(intake.OLE_MAGIC + os.urandom(4096))
    assert only(sniff(garbage)) == "unreadable-file"


# --- never raises -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def template_bytes(tmp_path_factory) -> bytes:
    return write_template(tmp_path_factory.mktemp("t") / "t.xlsx").read_bytes()


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(prefix=st.sampled_from([b"", b"PK\x03\x04", intake.OLE_MAGIC, b"<html>", b"\xff\xfe"]),
       body=st.binary(max_size=2000))
def test_sniff_never_raises_on_arbitrary_bytes(tmp_path, prefix, body):
    path = tmp_path / "x.xlsx"
    path.write_bytes(prefix + body)
    result = sniff(path)
    assert result.kind in (None, "xlsx", "xlsm", "xls", "ods")
    assert (result.kind is None) == any(i.code in REJECTING for i in result.issues)


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_sniff_never_raises_on_damaged_templates(tmp_path, template_bytes, data):
    blob = bytearray(template_bytes)
    for _ in range(data.draw(st.integers(1, 8))):
        at = data.draw(st.integers(0, len(blob) - 1))
        blob[at] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(1, len(blob)))
    path = tmp_path / "x.xlsx"
    path.write_bytes(bytes(blob[:cut]))
    result = sniff(path)
    assert (result.kind is None) == any(i.code in REJECTING for i in result.issues)


# --- scan ---------------------------------------------------------------------------------------------


def test_scan_ignores_junk_with_reasons_and_pairs_locks(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    workbook = write_template(inbox / "58-ninh-thuan.xlsx")
    other = write_template(inbox / "77-ba-ria-vung-tau.xlsx")
    junk = {
        "~$58-ninh-thuan.xlsx": b"\x06owner",
        ".~lock.77-ba-ria-vung-tau.xlsx#": b"user,host,2020-07-10;",
        "._58-ninh-thuan.xlsx": b"\x00\x05\x16\x07",
        "Thumbs.db": b"\xd0\xcf",
        "desktop.ini": b"[.ShellClassInfo]",
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        ".hidden.xlsx": b"PK",
        "empty.xlsx": b"",
        "~$old-file.xlsx": b"\x06owner",  # its workbook is gone: ignored, no lock
    }
    for name, data in junk.items():
        (inbox / name).write_bytes(data)
    for folder in (".git", "__MACOSX"):
        (inbox / folder).mkdir()
        (inbox / folder / "x.xlsx").write_bytes(b"PK")

    found = scan(inbox)
    assert isinstance(found, Scan)
    assert found.candidates == [workbook, other]
    reasons = dict(found.ignored)
    assert set(reasons) == {inbox / name for name in junk} | {inbox / ".git", inbox / "__MACOSX"}
    assert all(isinstance(r, str) and r for r in reasons.values())
    assert "58-ninh-thuan.xlsx" in reasons[inbox / "~$58-ninh-thuan.xlsx"]
    assert reasons[inbox / "empty.xlsx"] == texts.IGNORED_REASONS["empty"]
    assert found.locks == {workbook: inbox / "~$58-ninh-thuan.xlsx",
                           other: inbox / ".~lock.77-ba-ria-vung-tau.xlsx#"}


def test_word_style_owner_file_is_paired_with_its_workbook(tmp_path):
    workbook = write_template(tmp_path / "58-ninh-thuan.xlsx")
    (tmp_path / "~$-ninh-thuan.xlsx").write_bytes(b"\x06owner")
    assert scan(tmp_path).locks == {workbook: tmp_path / "~$-ninh-thuan.xlsx"}


def test_owner_file_pairs_whatever_the_case_of_the_name(tmp_path):
    workbook = write_template(tmp_path / "58-Ninh-Thuan.xlsx")
    (tmp_path / "~$58-ninh-thuan.XLSX").write_bytes(b"\x06owner")
    assert scan(tmp_path).locks == {workbook: tmp_path / "~$58-ninh-thuan.XLSX"}


def test_scan_descends_into_dated_subfolders(tmp_path):
    deep = tmp_path / "2020-07-08" / "Ninh Thuan"
    deep.mkdir(parents=True)
    top = write_template(tmp_path / "77.xlsx")
    nested = write_template(deep / "58.xlsx")
    (deep / "~$58.xlsx").write_bytes(b"\x06owner")
    renamed = deep / "bao cao.pdf"  # judged by sniff, not by its name
    renamed.write_bytes(b"%PDF-1.4\n")
    found = scan(tmp_path)
    assert found.candidates == sorted([top, nested, renamed])
    assert found.locks == {nested: deep / "~$58.xlsx"}


def test_scan_never_follows_symlinks_out_of_the_inbox(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    secret = write_template(outside / "secret.xlsx")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    real = write_template(inbox / "58.xlsx")
    (inbox / "escape.xlsx").symlink_to(secret)
    (inbox / "escape-dir").symlink_to(outside, target_is_directory=True)
    (inbox / "loop").symlink_to(inbox, target_is_directory=True)
    (inbox / "copy.xlsx").symlink_to(real)
    found = scan(inbox)
    assert found.candidates == [inbox / "58.xlsx", inbox / "copy.xlsx"]
    assert {p.name for p, _ in found.ignored} == {"escape.xlsx", "escape-dir", "loop"}


def test_scan_and_sniff_leave_the_inbox_byte_identical(tmp_path):
    write_template(tmp_path / "58.xlsx")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "77.xls").write_bytes((DATA / "template-libreoffice.xls").read_bytes())
    (tmp_path / "sub" / "bad.xlsx").write_bytes(b"<html></html>")
    (tmp_path / "~$58.xlsx").write_bytes(b"\x06owner")
    before = digest(tmp_path)
    times = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    found = scan(tmp_path)
    for path in found.candidates:
        sniff(path)
    assert digest(tmp_path) == before
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == times
    assert sorted(tmp_path.rglob("*")) == sorted(times)
