"""Zip packages (xlsx, xlsm, ods): every member inflated in bounded chunks and checked as it
streams, so what a zip declares can get it refused early, never accepted. The inflated members are
kept: they are what the readers parse."""

from __future__ import annotations

import io
import zipfile

from .. import texts
from ..formats import size_vn
from .classify import classify
from .content import KEEP_LIMIT, Members
from .limits import CHUNK, Limits
from .member import MemberCheck, count_by_structure
from .package import Relationships, SheetList, listed_members, part_name, sheet_parts
from .refusal import Rejected, check_cells, shown
from .totals import Totals

#: Below this many inflated bytes a member's compression ratio is not judged: small XML parts
#: (styles, empty sheets) legitimately compress 100-fold and more.
RATIO_FLOOR = 2**20
#: A central directory entry is at least 46 bytes; an Office part's entry is about 100. A directory
#: bigger than this per allowed member may hold far more entries than it declares.
DIRECTORY_BYTES_PER_MEMBER = 512


def _workbook_cells(totals: Totals, names: dict) -> int:
    """Cells readers hold for every sheet the workbook lists; a part listed twice is read twice.

    A sheet the workbook lists but the package lacks (a part lost in a broken save) makes the
    file unreadable here rather than in the reader, which would only say so in English.
    """
    if totals.sheets is None:
        return sum(rows * columns for rows, columns in totals.boxes.values())
    parts = [part for _name, part in sheet_parts(totals.sheets, totals.relationships)]
    if any(part not in names for part in parts):
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["xlsx_incomplete"])
    if any(part in totals.broken for part in parts):
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["damaged"])
    return sum(rows * columns for rows, columns in (totals.boxes.get(part, (0, 0)) for part in parts))


def _sheets_found(totals: Totals, parts: dict[str, str]) -> dict[str, str] | None:
    """Where each sheet is, from the parts the scan parsed whole (the reader needs no second parse)."""
    if totals.sheets is None or SheetList.part not in totals.parsed:
        return None
    if Relationships.part in parts and Relationships.part not in totals.parsed:
        return None
    return listed_members(totals.sheets, totals.relationships, parts)


def _directory_too_big(fh, limits: Limits) -> bool:
    """Read only the end-of-directory record: a huge directory costs seconds and 100s of MB to list.

    zipfile has no public way to read this record; if its helper ever goes, ZipFile's own listing
    (still counted below) is the fallback.
    """
    end_record = getattr(zipfile, "_EndRecData", None)
    if end_record is None:
        return False
    record = end_record(fh)
    fh.seek(0)
    if not record:
        return False  # not a readable zip: ZipFile says so below
    entries, directory_bytes = record[zipfile._ECD_ENTRIES_TOTAL], record[zipfile._ECD_SIZE]
    return (entries > limits.max_members
            or directory_bytes > limits.max_members * DIRECTORY_BYTES_PER_MEMBER)


def sniff_zip(data: bytes, limits: Limits) -> tuple[str, list[tuple[str, dict]], Members]:
    """The kind of package, its flags, and its members as inflated (by ``part_name``)."""
    fh = io.BytesIO(data)
    too_many = texts.UNSAFE_DETAILS["too_many_members"].format(limit=limits.max_members)
    try:
        if _directory_too_big(fh, limits):
            raise Rejected("unsafe-file", too_many)
        archive = zipfile.ZipFile(fh)
    except Rejected:
        raise
    except Exception:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_damaged"]) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise Rejected("unsafe-file", too_many)
        unzipped = texts.UNSAFE_DETAILS["unzipped_too_big"].format(limit=size_vn(limits.max_unzipped_bytes))
        # Declared sizes first: a bomb that admits its size is refused without inflating anything.
        if sum(m.file_size for m in members) > limits.max_unzipped_bytes:
            raise Rejected("unsafe-file", unzipped)
        for m in members:
            if m.flag_bits & 0x1:
                raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_password"])
            # Other methods (bzip2, lzma) inflate without a bound per read, and Office never uses them.
            if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_method"])
        names = {part_name(m.filename): m for m in members}
        if len(names) < len(members):
            # Never written by Office; readers disagree on which copy counts, so what was checked
            # might not be what is read.
            seen: set[str] = set()
            twice = next(m.filename for m in members if part_name(m.filename) in seen
                         or seen.add(part_name(m.filename)))
            raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["duplicate"].format(member=shown(twice)))
        totals = Totals(limits, unzipped)
        kept: dict[str, bytes] = {}
        try:
            for part, member in names.items():  # in the archive's order: no name is there twice
                if member.is_dir():
                    continue
                data_kept = inflate(archive, member, part, totals)
                if data_kept is not None:
                    kept[part] = data_kept
        except Rejected:
            raise
        except Exception:  # CRC error, truncated data, bad local header
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_damaged"]) from None
    stored = {part: m.filename for part, m in names.items() if not m.is_dir()}
    inflated = Members(data, stored, kept, _sheets_found(totals, stored))
    kind, flags = classify(names, inflated)
    # The parts readers go by must parse: a reader more lenient than expat might find cells there
    # that were never counted.
    needed = "content.xml" if kind == "ods" else "xl/workbook.xml"
    if needed in totals.broken:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["damaged"])
    check_cells((totals.ods_cells or 0) if kind == "ods" else _workbook_cells(totals, names), limits)
    return kind, flags, inflated


def inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, part: str, totals: Totals) -> bytes | None:
    """``member`` (stored as ``part``) inflated in bounded reads, each checked as it streams past and
    refused on the way as soon as a limit is passed; its bytes, unless larger than ``KEEP_LIMIT``."""
    limits = totals.limits
    check = MemberCheck(member.filename, part, totals)
    shared_strings = part == "xl/sharedstrings.xml"
    ratio_cap = limits.max_ratio * max(member.compress_size, 1)
    seen = 0
    chunks: list[bytes] | None = []
    # A member that says it fits in one read is read in one call and searched whole. The read is
    # bounded by what it says: one that turns out longer goes on in chunks like any other.
    size = member.file_size + 1 if member.file_size < CHUNK else CHUNK
    with archive.open(member) as stream:
        while True:
            chunk = stream.read(size)
            last = len(chunk) < size  # a short read is the member's end
            if chunks is not None:
                chunks.append(chunk)
                if seen + len(chunk) > KEEP_LIMIT:
                    chunks = None
            seen += len(chunk)
            totals.inflated += len(chunk)
            if totals.inflated > limits.max_unzipped_bytes:
                raise Rejected("unsafe-file", totals.unzipped_detail)
            if seen > RATIO_FLOOR and seen > ratio_cap:
                raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["ratio"].format(member=shown(member.filename),
                                                                      limit=limits.max_ratio))
            if shared_strings and seen > limits.max_shared_strings_bytes:
                raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["shared_strings"].format(
                    limit=size_vn(limits.max_shared_strings_bytes)))
            if chunk:
                check.feed(chunk, last)
            if last:
                break
            size = CHUNK
    data = b"".join(chunks) if chunks is not None else None
    if check.needs_structure():
        count_by_structure(data if data is not None else archive.read(member), check)
    check.finish()
    return data
