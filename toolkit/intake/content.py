"""What happens to a file in the inbox before any spreadsheet parser sees it.

``scan`` lists the inbox (skipping junk, pairing lock files with the workbooks they lock) and ``sniff``
judges one file by its content: which kind of spreadsheet it is, or why it must not be parsed at all.
Parsers (calamine, openpyxl) have no bound on decompression or sheet extent, so every size, ratio and
position limit is enforced here by streaming through the file: what a zip declares can get it refused
early, never accepted. That includes the cells a sheet spreads over, counted as readers place them
(addresses left out, repeated rows and cells, a sheet listed twice), since readers hold every cell
from A1 to the furthest one. Nothing here writes to the inbox.
"""

from __future__ import annotations

import codecs
import dataclasses
import functools
import operator
import os
import posixpath
import re
import stat
import struct
import zipfile
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path
from urllib.parse import unquote

import defusedxml.ElementTree as SafeET
import msoffcrypto
import olefile

from .. import texts
from ..catalogue import Issue, issue
from ..formats import number_vn, size_vn
from ..layout import column_index, column_name


#: Below this many inflated bytes a member's compression ratio is not judged: small XML parts
#: (styles, empty sheets) legitimately compress 100-fold and more.
RATIO_FLOOR = 2**20
#: Bytes inflated per read; bounds memory whatever the member claims.
CHUNK = 64 * 1024
#: Bytes kept between chunks so a pattern split across two chunks is still seen. Longer than any
#: match of the patterns below (they are length-bounded for that reason).
OVERLAP = 1024
#: How far back from a cell attribute its tag's "<" is looked for; well inside OVERLAP.
LOOK_BACK = 512
#: Pattern matches per file that turn out not to be cell positions (or are <dimension> tags).
#: A real workbook has a handful per part; a flood of look-alikes would cost seconds in Python.
MAX_ODD_MATCHES = 10_000
#: Members read into memory for classification are capped: they are tiny in real files.
KEEP_LIMIT = 2**20
#: A central directory entry is at least 46 bytes; an Office part's entry is about 100. A directory
#: bigger than this per allowed member may hold far more entries than it declares.
DIRECTORY_BYTES_PER_MEMBER = 512
HEAD_BYTES = 64 * 1024

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


@dataclass(frozen=True)
class Limits:
    """Safety limits for one returned file; every one is far above what a real form reaches.

    A template is ~20 KB zipped and under 200 KB inflated, with a few dozen rows and under 10
    columns; the limits leave room for heavy formatting, pictures and pasted data while keeping a
    hostile file from costing more than a fraction of a second and a few MB to reject.
    """

    #: A template with pictures and a logo stays under 1 MB; 20 MB is a common e-mail attachment cap.
    max_file_bytes: int = 20 * 2**20
    #: Total of all members, counted while actually inflating them; a template is well under 1 MB.
    max_unzipped_bytes: int = 100 * 2**20
    #: Inflated/compressed size of one member, judged only above RATIO_FLOOR inflated bytes. Real
    #: XML compresses 10-50 fold (repetitive sheets up to ~100); a zip bomb is 1000-fold and more.
    max_ratio: int = 200
    #: A workbook has 10-50 parts; thousands only come from a crafted or mistaken archive.
    max_members: int = 2000
    #: Any cell, row or <dimension> position beyond these in a sheet part makes the file unsafe:
    #: a form has ~50 rows and 7 columns, and one far cell makes readers allocate the whole range.
    max_rows: int = 100_000
    max_columns: int = 1_000
    #: Cells in the boxes from A1 to the furthest filled cell of every sheet, all sheets together.
    #: Readers hold a sheet's whole box (calamine ~32 bytes a cell, the checks ~8 more), so one cell
    #: at ALL100000, within both limits above, would cost 4 GB; 2 million cells cost under 100 MB.
    max_cells: int = 2_000_000
    max_shared_strings_bytes: int = 50 * 2**20
    #: Seconds a parser may spend on one file; enforced by the caller, carried here with the rest.
    read_timeout: float = 30.0

    def replace(self, assignments: list[str]) -> "Limits":
        """These limits with ``NAME=VALUE`` assignments applied; ValueError says what is wrong."""
        changes = {}
        for text in assignments:
            name, _, value = text.partition("=")
            name = name.strip()
            kind = type(getattr(Limits, name, None)) if name in self.__dataclass_fields__ else None
            try:
                number = kind(value.strip()) if kind else None
            except ValueError:
                number = None
            if number is None or number <= 0:
                raise ValueError(texts.LIMIT_INVALID.format(
                    text=text, names=", ".join(self.__dataclass_fields__)))
            changes[name] = number
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Scan:
    #: Files to sniff and read, sorted; judged by content later, whatever their names.
    candidates: list[Path]
    #: Everything else found, with the reason in Vietnamese.
    ignored: list[tuple[Path, str]]
    #: Workbook -> the lock/owner file beside it: someone may still be editing the workbook.
    locks: dict[Path, Path]


@dataclass(frozen=True)
class Sniffed:
    #: "xlsx", "xlsm", "xls" or "ods"; None when the file must not be parsed.
    kind: str | None
    #: Rejections (unreadable-file, encrypted-file, unsafe-file) or warnings (macro-present,
    #: external-links).
    issues: tuple[Issue, ...]


# --- scan -----------------------------------------------------------------------------------------

SYSTEM_FOLDERS = {"__macosx", "$recycle.bin", "system volume information"}
THUMBNAILS = {"thumbs.db", "ehthumbs.db"}
FOLDER_SETTINGS = {"desktop.ini", ".ds_store"}
TEMPORARY_SUFFIXES = {".tmp"}
DOWNLOAD_SUFFIXES = {".crdownload", ".part", ".partial", ".download"}


def _locked_name(name: str) -> tuple[str, str] | None:
    """For a lock/owner file name: (name of the workbook it locks, reason key); else None."""
    if name.startswith("~$") and len(name) > 2:
        return name[2:], "office_lock"
    if name.startswith(".~lock.") and name.endswith("#") and len(name) > 8:
        return name[len(".~lock."):-1], "libreoffice_lock"
    if name.startswith(".~") and len(name) > 2:  # WPS
        return name[2:], "office_lock"
    return None


def _junk_reason(name: str) -> str | None:
    lower = name.lower()
    suffix = os.path.splitext(lower)[1]
    if lower.startswith("._"):
        return texts.IGNORED_REASONS["mac_metadata"]
    if lower in THUMBNAILS:
        return texts.IGNORED_REASONS["thumbnails"]
    if lower in FOLDER_SETTINGS:
        return texts.IGNORED_REASONS["folder_settings"]
    if lower.startswith("."):
        return texts.IGNORED_REASONS["hidden"]
    if suffix in TEMPORARY_SUFFIXES:
        return texts.IGNORED_REASONS["temporary"]
    if suffix in DOWNLOAD_SUFFIXES:
        return texts.IGNORED_REASONS["partial_download"]
    if suffix == ".lnk":
        return texts.IGNORED_REASONS["shortcut"]
    return None


def _inside(root: str, target: str) -> bool:
    try:
        return os.path.commonpath([root, target]) == root
    except ValueError:  # different drives
        return False


def scan(inbox: Path) -> Scan:
    """List the files of ``inbox`` and its subfolders that should be read, and why the rest are not.

    Symbolic links are followed only to regular files inside the inbox; linked folders are never
    entered (no loops, no escape). Raises OSError when ``inbox`` itself cannot be listed.
    """
    inbox = Path(inbox)
    root_real = os.path.realpath(inbox)
    candidates: list[Path] = []
    ignored: list[tuple[Path, str]] = []
    locks: dict[Path, Path] = {}

    # A list, not recursion: a folder tree of any depth cannot exhaust the stack.
    pending = [inbox]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            if folder == inbox:
                raise
            ignored.append((folder, texts.IGNORED_REASONS["unreadable_folder"]))
            continue
        files: dict[str, Path] = {}
        lock_files: list[tuple[str, Path]] = []
        for entry in entries:
            path = folder / entry.name
            try:
                if entry.is_symlink():
                    target = os.path.realpath(path)
                    if not _inside(root_real, target):
                        ignored.append((path, texts.IGNORED_REASONS["link_outside"]))
                        continue
                    if os.path.isdir(target):
                        ignored.append((path, texts.IGNORED_REASONS["folder_link"]))
                        continue
                    info = os.stat(target)
                else:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name.startswith(".") or entry.name.lower() in SYSTEM_FOLDERS:
                            ignored.append((path, texts.IGNORED_REASONS["hidden_folder"]))
                        else:
                            pending.append(path)
                        continue
                    info = entry.stat(follow_symlinks=False)
            except OSError:
                ignored.append((path, texts.IGNORED_REASONS["special"]))
                continue
            locked = _locked_name(entry.name)
            if locked is not None:
                workbook, reason = locked
                ignored.append((path, texts.IGNORED_REASONS[reason].format(name=workbook)))
                lock_files.append((workbook, path))
                continue
            reason = _junk_reason(entry.name)
            if reason is None and not stat.S_ISREG(info.st_mode):
                reason = texts.IGNORED_REASONS["special"]
            if reason is None and info.st_size == 0:
                reason = texts.IGNORED_REASONS["empty"]
            if reason is not None:
                ignored.append((path, reason))
                continue
            candidates.append(path)
            files[entry.name] = path
        for workbook, lock in lock_files:
            # Exact name first; then as Windows compares names (any case); then Word-style owner
            # files, which replace the first two characters of long names.
            target = files.get(workbook) or next(
                (p for n, p in files.items() if n.lower() == workbook.lower()
                 or (len(n) > 2 and n[2:].lower() == workbook.lower())), None)
            if target is not None:
                locks[target] = lock
    return Scan(sorted(candidates), sorted(ignored), dict(sorted(locks.items())))


# --- sniff ----------------------------------------------------------------------------------------


class _Rejected(Exception):
    def __init__(self, code: str, detail: str | None = None):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def _shown(name: str, limit: int = 60) -> str:
    """A member name fit for a message: names inside a hostile file can be anything."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= limit else clean[:limit - 1] + "…"


def sniff(path: Path, limits: Limits = Limits(), display_name: str | None = None) -> Sniffed:
    """Judge ``path`` by its content. Never raises, never writes; issues name ``display_name``."""
    name = display_name if display_name is not None else Path(path).name
    try:
        kind, flags = _sniff(Path(path), limits)
    except _Rejected as rejected:
        extra = {} if rejected.detail is None else {"detail": rejected.detail}
        return Sniffed(None, (issue(rejected.code, file=name, **extra),))
    except Exception:  # whatever a hostile or broken file provokes, it is just unreadable
        return Sniffed(None, (issue("unreadable-file", file=name, detail=texts.UNREADABLE_DETAILS["damaged"]),))
    return Sniffed(kind, tuple(issue(code, file=name, **params) for code, params in flags))


def _sniff(path: Path, limits: Limits) -> tuple[str, list[tuple[str, dict]]]:
    try:
        info = os.stat(path)
    except OSError:
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["cannot_open"]) from None
    if not stat.S_ISREG(info.st_mode):
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["not_a_file"])
    if info.st_size > limits.max_file_bytes:
        raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["too_big"].format(size=size_vn(info.st_size),
                                                                limit=size_vn(limits.max_file_bytes)))
    if info.st_size == 0:
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["empty"])
    try:
        fh = open(path, "rb")
    except OSError:
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["cannot_open"]) from None
    with fh:
        head = fh.read(HEAD_BYTES)
        fh.seek(0)
        if head[:4] in ZIP_MAGICS:
            return _sniff_zip(fh, limits)
        if head[:8] == OLE_MAGIC:
            return _sniff_ole(fh, limits)
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS[_looks_like(head)])


# --- zip containers (xlsx, xlsm, ods) -------------------------------------------------------------

# "<!DOCTYPE" and "<!ENTITY" (searched in UTF-8: wider encodings are transcoded first). Declaring a
# DTD is never legitimate in OOXML or ODF and is how entity-expansion and external-entity attacks start.
_DTD_WORDS = (b"<!doctype", b"<!entity")
_DECLARED_ENCODING = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))
# Cell positions: <c r="B12">, <row r="12">, <dimension ref="A1:G40">. Bounded repetitions keep
# every match shorter than OVERLAP. No closing quote is required: a prefix of a reference is never
# further out than the whole, so an over-long value is caught by its start.
_CELL_ATTRIBUTE = rb"r\s{0,20}=\s{0,20}[\"']"  # a look-behind for the space before it triples the cost
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?(?:c|row)(?=[\s/>])")
_DIMENSION = re.compile(
    rb"<(?:[A-Za-z_][\w.-]{0,30}:)?dimension(?=[\s/>])[^<]{0,400}?\sref\s{0,20}=\s{0,20}[\"']([A-Za-z0-9$:]{1,80})")
_REF = re.compile(rb"\$?([A-Za-z]*)\$?([0-9]*)")


def _looks_like_xml(first: bytes) -> bool:
    """Whether a member may be XML in UTF-8/16/32; binary parts (images, VBA) are skipped by the scans.

    Only whitespace so far counts as XML: a parser accepts whitespace before a DOCTYPE.
    """
    return first.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n")[:1] in (b"<", b"")


def _wide_encoding(head: bytes) -> str | None:
    """UTF-16/32 as an XML parser detects it from the first bytes (XML 1.0, appendix F); else None."""
    for bom, encoding in ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
                          (b"\xfe\xff", "utf-16-be"), (b"\xff\xfe", "utf-16-le")):
        if head.startswith(bom):
            return encoding
    if len(head) < 4:
        return None
    if head[0] == head[1] == head[2] == 0 and head[3]:
        return "utf-32-be"
    if head[0] and head[1] == head[2] == head[3] == 0:
        return "utf-32-le"
    if head[0] == 0 and head[1]:
        return "utf-16-be"
    if head[0] and head[1] == 0:
        return "utf-16-le"
    return None


def _ascii_compatible(encoding: str) -> bool:
    """An encoding in which "<!DOCTYPE" can only be written as its ASCII bytes (not UTF-7, EBCDIC...)."""
    try:
        return _PRINTABLE_ASCII.decode(encoding) == _PRINTABLE_ASCII.decode("ascii")
    except (LookupError, UnicodeError, TypeError):
        return False


@functools.lru_cache(maxsize=8)
def _far_cell_pattern(max_rows: int, max_columns: int) -> re.Pattern:
    """Cell references with at least as many column letters or row digits as the limits' own.

    Only those can lie beyond the limits; skipping the rest keeps a sheet of a million ordinary
    cells from costing a million checks.
    """
    letters = len(column_name(max(max_columns, 1) - 1))
    digits = len(str(max(max_rows, 1)))
    value = rb"(\$?[A-Za-z]{%d,40}\$?[0-9]{0,40}|\$?[A-Za-z]{0,%d}\$?[0-9]{%d,40})" % (letters, letters, digits)
    return re.compile(_CELL_ATTRIBUTE + value)


# How far a sheet's cells reach, which readers allocate in full. Attributes are matched one by one
# (a quoted value cannot pass for an attribute), and only on tags, which text cannot contain.
_ATTRIBUTE = rb"""\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*')"""
_ATTRIBUTES = rb"(?:" + _ATTRIBUTE + rb")*"
_ADDRESS = rb"""\s+r\s*=\s*["']\$?([A-Za-z]{0,40})\$?([0-9]{1,40})["']"""
_TAG = rb"<(?:[A-Za-z_][\w.-]{0,30}:)?"
#: The address of every complete <c r="..."> tag that can hold a value, read in C: (letters, digits).
#: A self-closing <c .../> is a blank (formatted) cell, which readers skip.
_CELL_REFS = re.compile(_TAG + rb"c(?:" + _ATTRIBUTE + rb")*?" + _ADDRESS + _ATTRIBUTES + rb"\s*>")
#: A <c> or <row> tag not seen whole with a plain address: readers place a cell without one after
#: the previous cell, which only a structural count follows. (A tag cut by the end of the window is
#: judged again in the next window, which starts with it.)
_IMPLICIT = re.compile(_TAG + rb"(?:c|row)(?=[\s/>])(?!" + _ATTRIBUTES + _ADDRESS + _ATTRIBUTES + rb"\s*/?>)")
_SECOND = operator.itemgetter(1)
_FIRST = operator.itemgetter(0)


def _implicit_before(window: bytes, end: int) -> bool:
    """Whether a <c> or <row> starting before ``end`` lacks its r attribute."""
    return any(m.start() < end for m in _IMPLICIT.finditer(window))


def _position(ref: bytes) -> tuple[int, int] | None:
    """(row, column) of one cell reference such as B12, $B$12, 12 or B; None when not a reference."""
    m = _REF.fullmatch(ref.strip())
    if m is None or not (m[1] or m[2]):
        return None
    letters, digits = m[1].upper(), m[2]
    # Absurdly long parts are reported as "huge" without building a huge integer.
    row = int(digits) if 0 < len(digits) <= 12 else (10**12 if digits else 0)
    column = 0
    for letter in letters[:6]:
        column = column * 26 + letter - 64
    if len(letters) > 6:
        column = 26**6
    return row, column


def _in_cell_tag(window: bytes, at: int) -> bool:
    """Whether the attribute at ``at`` may belong to a <c> or <row> tag (not to text or another tag).

    The nearest "<" before it decides: text never sits directly inside <c> or <row>, and "<" cannot
    appear in an attribute value (">" can, so it proves nothing). When that "<" is further back than
    LOOK_BACK the answer is yes: padding a tag must not hide a position. Nearer the window's start
    than that, the answer is no: either the member starts there (no tag is open) or the window
    starts with the previous one's tail, where this spot was already judged with a full look back.
    """
    if at == 0 or window[at - 1] not in b" \t\r\n":
        return False  # "xmlns:r=", "attr=": another attribute
    start = window.rfind(b"<", max(0, at - LOOK_BACK), at)
    if start < 0:
        return at >= LOOK_BACK
    return _CELL_TAG.match(window, start) is not None


class _MemberCheck:
    """Checks run on one member's inflated bytes as they stream past."""

    def __init__(self, name: str, totals: _Totals, keep: bool):
        self.name = name
        self.part = part = _part_name(name)
        self.totals = totals
        self.limits = limits = totals.limits
        self.keep = keep
        self.kept = bytearray()
        self.tail = b""
        self.xml: bool | None = None  # decided on the first chunk
        self.decoder: codecs.IncrementalDecoder | None = None
        # Sheet parts can live anywhere the relationships point, so every XML part is searched for
        # positions except the shared strings, which hold only text that may quote anything.
        self.positions = part != "xl/sharedstrings.xml"
        self.far_cells = _far_cell_pattern(limits.max_rows, limits.max_columns)
        #: (rows, columns) from A1 to the furthest <c r="..."> seen
        self.box = (0, 0)
        #: whether some <c> or <row> lacks its r attribute (then the part is counted again, by structure)
        self.implicit = False
        watch = _WATCHED.get(part)
        self.watch = _Watch(watch(totals)) if watch else None

    def feed(self, chunk: bytes) -> None:
        if self.keep and len(self.kept) < KEEP_LIMIT:
            self.kept += chunk[:KEEP_LIMIT - len(self.kept)]
        if self.xml is None:
            self.xml = _looks_like_xml(chunk[:64])
            if self.xml:
                wide = _wide_encoding(chunk[:4])
                if wide is not None:
                    # Searched as UTF-8, so one set of patterns covers every encoding.
                    self.decoder = codecs.getincrementaldecoder(wide)("replace")
                else:
                    declared = _DECLARED_ENCODING.match(chunk[:300])
                    if declared is not None and not _ascii_compatible(declared[1].decode("ascii")):
                        raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["encoding"].format(member=_shown(self.name)))
        if not self.xml:
            return
        raw = chunk
        if self.decoder is not None:
            chunk = self.decoder.decode(chunk).encode("utf-8")
        window = self.tail + chunk
        self.tail = window[-OVERLAP:]
        # A plain byte search first (fast in C): no "<!", no DTD.
        if b"<!" in window:
            lowered = window.lower()
            if any(word in lowered for word in _DTD_WORDS):
                raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["entities"].format(member=_shown(self.name)))
        if self.positions:
            for m in self.far_cells.finditer(window):
                if _in_cell_tag(window, m.start()):
                    self._check_ref(m[1])
                else:
                    self._odd_match()
            self._measure(window)
            if b"dimension" in window:
                for m in _DIMENSION.finditer(window):
                    self._odd_match()
                    for part in m[1].split(b":"):
                        self._check_ref(part)
        if self.watch is not None:
            # Raw bytes, after the DTD search above: the parser detects the encoding itself.
            self.watch.feed(raw)

    def _measure(self, window: bytes) -> None:
        """Widen the part's box to the cells of ``window`` (windows overlap: a maximum does not mind)."""
        if not self.implicit:
            # A tag in the last OVERLAP bytes is judged in the next window, which starts with them.
            self.implicit = _implicit_before(window, len(window) - OVERLAP)
        refs = _CELL_REFS.findall(window)
        if not refs:
            return
        # All in C: the largest row number, and the largest column as letters padded to one width.
        row = max(map(int, map(_SECOND, refs)))
        column = 1 + column_index(max(map(bytes.rjust, map(bytes.upper, map(_FIRST, refs)), repeat(40))).strip())
        self._widen(row, column)

    def _widen(self, row: int, column: int) -> None:
        if row > self.box[0] or column > self.box[1]:
            self.box = (max(row, self.box[0]), max(column, self.box[1]))
            rows, columns = self.box
            if rows > self.limits.max_rows or columns > self.limits.max_columns:
                raise _far(f"{column_name(min(columns, 26**3) - 1)}{min(rows, 10**12)}", self.limits)
            # This part alone is enough to refuse the file (and refusing it early costs nothing).
            _check_cells(rows * columns, self.limits)

    def needs_structure(self) -> bool:
        """At the member's end: whether some cell or row lacks its address (the last window's
        tail, left for a next window, is judged here)."""
        if self.positions and self.xml and not self.implicit:
            self.implicit = _implicit_before(self.tail, len(self.tail))
        return self.implicit

    def finish(self) -> None:
        """The member has been read to its end (and counted by structure if it needed to be)."""
        if self.watch is not None and self.xml:
            self.watch.close()
        if self.xml:
            self.totals.xml_parts.add(self.part)
        if self.positions and self.box != (0, 0):
            rows, columns = self.totals.boxes.get(self.part, (0, 0))
            self.totals.boxes[self.part] = (max(rows, self.box[0]), max(columns, self.box[1]))

    def _odd_match(self) -> None:
        self.totals.odd_matches += 1
        if self.totals.odd_matches > MAX_ODD_MATCHES:
            raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["markup"].format(member=_shown(self.name)))

    def _check_ref(self, ref: bytes) -> None:
        position = _position(ref)
        if position is None:
            return
        row, column = position
        if row > self.limits.max_rows or column > self.limits.max_columns:
            raise _far(ref.decode("ascii", "replace")[:20], self.limits)


def _far(ref: str, limits: Limits) -> _Rejected:
    return _Rejected("unsafe-file", texts.UNSAFE_DETAILS["extent"].format(
        ref=ref, rows=number_vn(limits.max_rows), columns=number_vn(limits.max_columns)))


def _check_cells(cells: int, limits: Limits) -> None:
    if cells > limits.max_cells:
        shown = number_vn(cells) if cells < 10**15 else "> " + number_vn(10**15)
        raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["cells"].format(
            cells=shown, limit=number_vn(limits.max_cells)))


# --- parts parsed as they stream: the workbook's sheet list, and an ODS file's tables -------------


class _Watch:
    """One part fed to a defused XML parser (no DTD, no entities) chunk by chunk.

    The byte scans above cannot tell which sheets a workbook lists or how far an ODS table repeats
    its cells; these need the XML's structure. A part the parser cannot read is marked broken, and
    the caller decides whether that matters (a reader more lenient than expat could see things
    the count missed).
    """

    def __init__(self, target):
        self.target = target
        self.parser = SafeET.XMLParser(target=target, forbid_dtd=True)
        self.broken = False

    def feed(self, data: bytes) -> None:
        self._parse(self.parser.feed, data)

    def close(self) -> None:
        self._parse(self.parser.close)

    def _parse(self, step, *data: bytes) -> None:
        if self.broken:
            return
        try:
            step(*data)
        except _Rejected:
            raise
        except Exception:
            self.broken = True
            self.target.totals.broken.add(self.target.part)


def _local(name: str) -> str:
    return name.rpartition("}")[2]


class _SheetList:
    """xl/workbook.xml: the relationship id of every sheet the workbook lists, repeats included."""

    part = "xl/workbook.xml"

    def __init__(self, totals: _Totals):
        self.totals = totals
        totals.sheets = []

    def start(self, tag: str, attrib: dict) -> None:
        if _local(tag) == "sheet":
            self.totals.sheets.append(next((v for k, v in attrib.items() if k.startswith("{")
                                            and _local(k) == "id"), None))

    def close(self) -> None:
        pass


class _Relationships:
    """xl/_rels/workbook.xml.rels: where each relationship id points."""

    part = "xl/_rels/workbook.xml.rels"

    def __init__(self, totals: _Totals):
        self.totals = totals
        totals.targets = {}

    def start(self, tag: str, attrib: dict) -> None:
        if _local(tag) == "Relationship" and "Id" in attrib:
            self.totals.targets[attrib["Id"]] = attrib.get("Target", "")

    def close(self) -> None:
        pass


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_ODS_CELLS = (_TABLE + "table-cell", _TABLE + "covered-table-cell")


def _repeat(value: str | None) -> int:
    if value is None:
        return 1
    value = value.strip()
    if not value.isdigit():
        return 1
    return int(value) if len(value) <= 12 else 10**12


class _OdsTable:
    """Where the parser is in one table, and how far its cells with content reach."""

    def __init__(self):
        self.next_row = 0
        self.rows = self.columns = 0  # the box from A1 to the furthest cell with content
        self.row: tuple[int, int] | None = None  # (first row, repeats) of the open row
        self.column = 0
        self.cell: list | None = None  # [first column, repeats, has content] of the open cell


class _OdsTables:
    """content.xml of an ODS file: each table's box from A1 to its furthest cell with content.

    Rows and cells may say "repeated N times"; readers expand repeats that hold content, so a file
    of a few bytes can stand for billions of cells. Repeated empty rows and cells (LibreOffice ends
    every table with a million of them) only move the position on.
    """

    part = "content.xml"

    def __init__(self, totals: _Totals):
        self.totals = totals
        self.limits = totals.limits
        totals.ods_cells = 0
        self.tables: list[_OdsTable] = []  # nested tables each keep their own position

    def start(self, tag: str, attrib: dict) -> None:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            table.cell[2] = True  # anything inside a cell (a paragraph of text) is content
        if tag == _TABLE + "table":
            self.tables.append(_OdsTable())
        elif table is None:
            return
        elif tag == _TABLE + "table-row":
            table.row = (table.next_row, _repeat(attrib.get(_TABLE + "number-rows-repeated")))
            table.column = 0
        elif tag in _ODS_CELLS and table.row is not None:
            table.cell = [table.column, _repeat(attrib.get(_TABLE + "number-columns-repeated")),
                          _OFFICE + "value-type" in attrib]

    def end(self, tag: str) -> None:
        if not self.tables:
            return
        table = self.tables[-1]
        if tag == _TABLE + "table":
            self.tables.pop()
            self.totals.ods_cells += table.rows * table.columns
        elif tag in _ODS_CELLS and table.cell is not None:
            first, repeats, content = table.cell
            table.cell = None
            table.column = first + repeats
            if content and table.row is not None:
                table.rows = max(table.rows, table.row[0] + table.row[1])
                table.columns = max(table.columns, table.column)
                if table.rows > self.limits.max_rows or table.columns > self.limits.max_columns:
                    column = column_name(min(table.columns, 26**3) - 1)
                    raise _far(f"{column}{min(table.rows, 10**12)}", self.limits)
                _check_cells(self.totals.ods_cells + table.rows * table.columns, self.limits)
        elif tag == _TABLE + "table-row" and table.row is not None:
            table.next_row = table.row[0] + table.row[1]
            table.row = None

    def close(self) -> None:
        pass


_WATCHED = {target.part: target for target in (_SheetList, _Relationships, _OdsTables)}


def _sheet_part(target: str | None) -> str | None:
    """The part a workbook relationship points to, resolved as readers do (relative to xl/)."""
    if not target:
        return None
    target = target.replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return _part_name(posixpath.normpath(path))


def _workbook_cells(totals: _Totals, names: dict) -> int:
    """Cells readers hold for every sheet the workbook lists; a part listed twice is read twice.

    A sheet the workbook lists but the package lacks (a part lost in a broken save) makes the
    file unreadable here rather than in the reader, which would only say so in English.
    """
    if totals.sheets is None:
        return sum(rows * columns for rows, columns in totals.boxes.values())
    targets = totals.targets or {}
    parts = [_sheet_part(targets.get(rid or "")) for rid in totals.sheets]
    if any(part not in names for part in parts):
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["xlsx_incomplete"])
    if any(part in totals.broken for part in parts):
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["damaged"])
    return sum(rows * columns for rows, columns in (totals.boxes.get(part, (0, 0)) for part in parts))


class _SheetCells:
    """A sheet part whose rows or cells do not all say where they are: counted as readers place them.

    A <row> without r follows the previous row, a <c> without r the previous cell; a cell counts
    once a value, a formula or text is inside it (a blank, formatted cell does not).
    """

    def __init__(self, check: _MemberCheck):
        self.check = check
        self.row = self.column = 0
        self.pending: tuple[int, int] | None = None

    def start(self, tag: str, attrib: dict) -> None:
        name = _local(tag)
        if name == "row":
            self.pending = None
            position = _position(attrib.get("r", "").encode("ascii", "replace"))
            self.row = position[0] if position and position[0] else self.row + 1
            self.column = 0
        elif name == "c":
            self.pending = None
            position = _position(attrib.get("r", "").encode("ascii", "replace")) or (0, 0)
            self.column = position[1] or self.column + 1
            self.pending = (position[0] or self.row, self.column)
        elif self.pending is not None and name in ("v", "f", "is"):
            self.check._widen(*self.pending)
            self.pending = None

    def close(self) -> None:
        pass


def _count_by_structure(archive: zipfile.ZipFile, member: zipfile.ZipInfo, check: _MemberCheck) -> None:
    """Read ``member`` again (its sizes are known to be within the limits) through a defused parser."""
    parser = SafeET.XMLParser(target=_SheetCells(check), forbid_dtd=True)
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                parser.feed(chunk)
            parser.close()
    except _Rejected:
        raise
    except Exception:
        check.totals.broken.add(check.part)


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


def _sniff_zip(fh, limits: Limits) -> tuple[str, list[tuple[str, dict]]]:
    too_many = texts.UNSAFE_DETAILS["too_many_members"].format(limit=limits.max_members)
    try:
        if _directory_too_big(fh, limits):
            raise _Rejected("unsafe-file", too_many)
        archive = zipfile.ZipFile(fh)
    except _Rejected:
        raise
    except Exception:
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_damaged"]) from None
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_members:
            raise _Rejected("unsafe-file", too_many)
        unzipped = texts.UNSAFE_DETAILS["unzipped_too_big"].format(limit=size_vn(limits.max_unzipped_bytes))
        # Declared sizes first: a bomb that admits its size is refused without inflating anything.
        if sum(m.file_size for m in members) > limits.max_unzipped_bytes:
            raise _Rejected("unsafe-file", unzipped)
        for m in members:
            if m.flag_bits & 0x1:
                raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_password"])
            # Other methods (bzip2, lzma) inflate without a bound per read, and Office never uses them.
            if m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_method"])
        names = {_part_name(m.filename): m for m in members}
        if len(names) < len(members):
            # Never written by Office; readers disagree on which copy counts, so what was checked
            # might not be what is read.
            seen: set[str] = set()
            twice = next(m.filename for m in members if _part_name(m.filename) in seen
                         or seen.add(_part_name(m.filename)))
            raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["duplicate"].format(member=_shown(twice)))
        keep = {n for n in names if n in ("mimetype", "meta-inf/manifest.xml") or _is_link_rels(n)}
        totals = _Totals(limits, unzipped)
        kept: dict[str, bytes] = {}
        try:
            for member in members:
                _inflate(archive, member, totals, keep, kept)
        except _Rejected:
            raise
        except Exception:  # CRC error, truncated data, bad local header
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_damaged"]) from None
    kind, flags = _classify(names, kept)
    # The parts readers go by must parse: a reader more lenient than expat might find cells there
    # that were never counted.
    needed = "content.xml" if kind == "ods" else "xl/workbook.xml"
    if needed in totals.broken:
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["damaged"])
    _check_cells((totals.ods_cells or 0) if kind == "ods" else _workbook_cells(totals, names), limits)
    return kind, flags


def _part_name(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def _is_link_rels(name: str) -> bool:
    return name.startswith("xl/externallinks/_rels/") and name.endswith(".rels")


@dataclass
class _Totals:
    """What the limits count across all members of one archive."""

    limits: Limits
    unzipped_detail: str
    inflated: int = 0
    odd_matches: int = 0
    #: part -> (rows, columns) of the box from A1 to its furthest cell
    boxes: dict[str, tuple[int, int]] = field(default_factory=dict)
    xml_parts: set[str] = field(default_factory=set)
    #: parts the structure parsers could not read
    broken: set[str] = field(default_factory=set)
    sheets: list[str | None] | None = None  # relationship ids, from xl/workbook.xml
    targets: dict[str, str] | None = None  # relationship id -> target
    ods_cells: int | None = None


def _inflate(archive: zipfile.ZipFile, member: zipfile.ZipInfo, totals: _Totals, keep: set[str],
             kept: dict[str, bytes]) -> None:
    if member.is_dir():
        return
    limits = totals.limits
    part = _part_name(member.filename)
    check = _MemberCheck(member.filename, totals, part in keep)
    shared_strings = part == "xl/sharedstrings.xml"
    ratio_cap = limits.max_ratio * max(member.compress_size, 1)
    seen = 0
    with archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            seen += len(chunk)
            totals.inflated += len(chunk)
            if totals.inflated > limits.max_unzipped_bytes:
                raise _Rejected("unsafe-file", totals.unzipped_detail)
            if seen > RATIO_FLOOR and seen > ratio_cap:
                raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["ratio"].format(member=_shown(member.filename),
                                                                      limit=limits.max_ratio))
            if shared_strings and seen > limits.max_shared_strings_bytes:
                raise _Rejected("unsafe-file", texts.UNSAFE_DETAILS["shared_strings"].format(
                    limit=size_vn(limits.max_shared_strings_bytes)))
            check.feed(chunk)
    if check.needs_structure():
        _count_by_structure(archive, member, check)
    check.finish()
    if check.keep:
        kept[part] = bytes(check.kept)


_ODF_ENCRYPTED = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?encryption-data[\s/>]")


def _classify(names: dict[str, zipfile.ZipInfo], kept: dict[str, bytes]) -> tuple[str, list]:
    flags: list[tuple[str, dict]] = []
    if "mimetype" in names:
        mimetype = kept.get("mimetype", b"").strip()
        if mimetype == ODS_MIMETYPE:
            # A password to open encrypts the parts and says so, part by part, in the manifest.
            if _ODF_ENCRYPTED.search(kept.get("meta-inf/manifest.xml", b"")):
                raise _Rejected("encrypted-file")
            if "content.xml" not in names:
                raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ods_incomplete"])
            if any(n.startswith(("basic/", "scripts/")) for n in names):
                flags.append(("macro-present", {}))
            return "ods", flags
        if mimetype.startswith(b"application/vnd.oasis.opendocument."):
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["opendocument"])
    if "[content_types].xml" in names:
        if "xl/workbook.xml" in names:
            kind = "xlsx"
            if "xl/vbaproject.bin" in names or any(n.startswith("xl/macrosheets/") for n in names):
                kind = "xlsm"
                flags.append(("macro-present", {}))
            links = sorted(n for n in names if n.startswith("xl/externallinks/") and not _is_link_rels(n)
                           and not n.endswith("/"))
            if links:
                flags.append(("external-links", {"detail": _link_detail(links, kept)}))
            return kind, flags
        if "xl/workbook.bin" in names:
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["xlsb"])
        if "word/document.xml" in names:
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["docx"])
        if "ppt/presentation.xml" in names:
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["pptx"])
        if any(n.startswith("xl/") for n in names):
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["xlsx_incomplete"])
    raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_other"])


def _link_detail(links: list[str], kept: dict[str, bytes], shown: int = 5) -> str:
    """The linked workbooks' file names, as Excel shows them in formulas: [Book2.xlsx]."""
    targets: list[str] = []
    for part, data in sorted(kept.items()):
        if not _is_link_rels(part):
            continue
        try:
            root = SafeET.fromstring(data)
        except Exception:
            continue
        for element in root.iter():
            target = element.get("Target") if str(element.tag).endswith("Relationship") else None
            if target:
                base = re.split(r"[\\/]", unquote(target).rstrip("/\\"))[-1] or target
                label = f"[{base}]"
                if label not in targets:
                    targets.append(label)
    if not targets:
        return texts.LINKS_UNKNOWN.format(count=len(links))
    text = ", ".join(targets[:shown])
    if len(targets) > shown:
        text += " " + texts.LINKS_MORE.format(count=len(targets) - shown)
    return text


# --- OLE compound files (xls, password-protected xlsx) -------------------------------------------


def _sniff_ole(fh, limits: Limits) -> tuple[str, list]:
    try:
        ole = olefile.OleFileIO(fh)
    except Exception:
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"]) from None
    try:
        if ole.exists("EncryptionInfo") or ole.exists("Workbook"):
            try:
                fh.seek(0)
                encrypted = msoffcrypto.OfficeFile(fh).is_encrypted()
            except Exception:
                raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"]) from None
            if encrypted:
                raise _Rejected("encrypted-file")
            if ole.exists("Workbook"):
                _check_xls_cells(ole, "Workbook", limits)
                return "xls", []
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"])
        if ole.exists("Book"):
            # Excel 5/95: msoffcrypto cannot tell whether it is encrypted; the parser will.
            _check_xls_cells(ole, "Book", limits)
            return "xls", []
        if ole.exists("WordDocument"):
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["doc"])
        if ole.exists("PowerPoint Document"):
            raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ppt"])
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_other"])
    finally:
        ole.close()


#: BIFF records that give a cell a value (readers skip blanks): FORMULA, NUMBER, LABEL, BOOLERR,
#: RK, LABELSST, RSTRING. MULRK holds a run of values in one row, its last column at the end.
_XLS_CELLS = frozenset({0x0006, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6})
_XLS_MULRK = 0x00BD
_XLS_BOFS = frozenset({0x0809, 0x0409, 0x0209, 0x0009})
_XLS_BOUNDSHEET = 0x0085


def _check_xls_cells(ole, stream: str, limits: Limits) -> None:
    """Each sheet's box from A1 to its furthest value, from the BIFF records of ``stream``.

    A sheet is found through the offset the workbook's sheet list gives for it, so an offset listed
    twice is read (and counted) twice. The stream is at most the file's size.
    """
    try:
        data = ole.openstream(stream).read()
    except Exception:
        raise _Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"]) from None
    boxes: dict[int, list[int]] = {}  # offset of a sheet's BOF record -> [rows, columns]
    listed: list[int] = []
    box = [0, 0]
    unpack = struct.unpack_from
    pos, end = 0, len(data)
    while pos + 4 <= end:
        kind, length = unpack("<HH", data, pos)
        body, pos = pos + 4, pos + 4 + length
        if kind in _XLS_CELLS or kind == _XLS_MULRK:
            if length < 4 or pos > end:
                continue
            row, column = unpack("<HH", data, body)
            if kind == _XLS_MULRK and length >= 6:
                column = max(column, unpack("<H", data, pos - 2)[0])
            if row >= box[0]:
                box[0] = row + 1
            if column >= box[1]:
                box[1] = column + 1
        elif kind in _XLS_BOFS:
            box = boxes.setdefault(body - 4, [0, 0])
        elif kind == _XLS_BOUNDSHEET and length >= 4 and pos <= end:
            listed.append(unpack("<I", data, body)[0])
    for rows, columns in boxes.values():
        if rows > limits.max_rows or columns > limits.max_columns:
            raise _far(f"{column_name(columns - 1)}{rows}", limits)
    sheets = [boxes.get(offset, (0, 0)) for offset in listed] if listed else list(boxes.values())
    _check_cells(sum(rows * columns for rows, columns in sheets), limits)


# --- everything else --------------------------------------------------------------------------------


def _looks_like(head: bytes) -> str:
    """The UNREADABLE key describing a file that is neither a zip nor an OLE container."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM")):
        return "image"
    if head.startswith((b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c", b"\x1f\x8b")):
        return "archive"
    text = _as_text(head)
    if text is None:
        return "unknown"
    lower = text.lstrip("\ufeff \t\r\n").lower()
    if lower.startswith("mime-version:") or "content-type: multipart/related" in lower[:2000]:
        return "mhtml"
    if lower.startswith(("<!doctype html", "<html")) or re.search(r"<(html|table|body)[\s>]", lower[:4000]):
        return "html"
    if lower.startswith("<?xml") or lower.startswith("<"):
        if "urn:schemas-microsoft-com:office:spreadsheet" in lower:
            return "xml2003"
        return "xml"
    return "text"


def _as_text(head: bytes) -> str | None:
    """``head`` decoded when it reads as text (UTF-8/16 or a legacy one-byte code page), else None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    if b"\x00" in head:
        return None
    text = head.decode("utf-8", "replace")
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f")
    return text if controls <= len(text) // 100 else None
