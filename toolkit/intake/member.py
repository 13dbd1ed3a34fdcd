"""Checks run on one zip member's inflated bytes as they stream past, and the structure parsers
some members are fed to (the workbook's sheet list, an ODS file's tables, sheets without addresses)."""

from __future__ import annotations

import codecs

import defusedxml.ElementTree as SafeET

from .. import texts
from ..layout import column_name
from .limits import CHUNK
from .ods import OdsTables
from .package import Relationships, SheetList, local_name
from .positions import (DIMENSION, OVERLAP, cell_position, far_cell_pattern, furthest, implicit_before,
                        in_cell_tag)
from .refusal import Rejected, check_cells, far, shown
from .totals import Totals
from .xmlbytes import DECLARED_ENCODING, DTD_WORDS, ascii_compatible, looks_like_xml, wide_encoding

#: Pattern matches per file that turn out not to be cell positions (or are <dimension> tags).
#: A real workbook has a handful per part; a flood of look-alikes would cost seconds in Python.
MAX_ODD_MATCHES = 10_000
class MemberCheck:
    """Checks run on one member's inflated bytes as they stream past."""

    def __init__(self, name: str, part: str, totals: Totals):
        self.name, self.part = name, part  # part: ``part_name(name)``
        self.totals = totals
        self.limits = limits = totals.limits
        self.tail = b""
        self.xml: bool | None = None  # decided on the first chunk
        self.decoder: codecs.IncrementalDecoder | None = None
        # Sheet parts can live anywhere the relationships point, so every XML part is searched for
        # positions except the shared strings, which hold only text that may quote anything.
        self.positions = part != "xl/sharedstrings.xml"
        self.far_cells = far_cell_pattern(limits.max_rows, limits.max_columns)
        #: (rows, columns) from A1 to the furthest <c r="..."> seen
        self.box = (0, 0)
        #: whether some <c> or <row> lacks its r attribute (then the part is counted again, by structure)
        self.implicit = False
        self.watch = _watch(part, totals)

    def feed(self, chunk: bytes, last: bool = False) -> None:
        """Check the next chunk; ``last`` when it ends the member (a member read in one call is
        searched whole, with nothing left over for a next window)."""
        if self.xml is None:
            self.xml = looks_like_xml(chunk[:64])
            if self.xml:
                wide = wide_encoding(chunk[:4])
                if wide is not None:
                    # Searched as UTF-8, so one set of patterns covers every encoding.
                    self.decoder = codecs.getincrementaldecoder(wide)("replace")
                else:
                    declared = DECLARED_ENCODING.match(chunk[:300])
                    if declared is not None and not ascii_compatible(declared[1].decode("ascii")):
                        raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["encoding"].format(member=shown(self.name)))
        if not self.xml:
            return
        raw = chunk
        if self.decoder is not None:
            chunk = self.decoder.decode(chunk).encode("utf-8")
        window = self.tail + chunk
        self.tail = b"" if last else window[-OVERLAP:]
        # A plain byte search first (fast in C): no "<!", no DTD.
        if b"<!" in window:
            lowered = window.lower()
            if any(word in lowered for word in DTD_WORDS):
                raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["entities"].format(member=shown(self.name)))
        if self.positions:
            for m in self.far_cells.finditer(window):
                if in_cell_tag(window, m.start()):
                    self._check_ref(m[1])
                else:
                    self._odd_match()
            self._measure(window, len(window) - len(self.tail))
            if b"dimension" in window:
                for m in DIMENSION.finditer(window):
                    self._odd_match()
                    for part in m[1].split(b":"):
                        self._check_ref(part)
        if self.watch is not None:
            # Raw bytes, after the DTD search above: the parser detects the encoding itself.
            self.watch.feed(raw)

    def _measure(self, window: bytes, end: int) -> None:
        """Widen the part's box to the cells of ``window`` (windows overlap: a maximum does not mind)."""
        if not self.implicit:
            # A tag from ``end`` on (the tail) is judged in the next window, which starts with it.
            self.implicit = implicit_before(window, end)
        cell = furthest(window)
        if cell is not None:
            self._widen(*cell)

    def _widen(self, row: int, column: int) -> None:
        if row > self.box[0] or column > self.box[1]:
            self.box = (max(row, self.box[0]), max(column, self.box[1]))
            rows, columns = self.box
            if rows > self.limits.max_rows or columns > self.limits.max_columns:
                raise far(f"{column_name(min(columns, 26**3) - 1)}{min(rows, 10**12)}", self.limits)
            # This part alone is enough to refuse the file (and refusing it early costs nothing).
            check_cells(rows * columns, self.limits)

    def needs_structure(self) -> bool:
        """At the member's end: whether some cell or row lacks its address (the last window's
        tail, left for a next window, is judged here)."""
        if self.positions and self.xml and not self.implicit:
            self.implicit = implicit_before(self.tail, len(self.tail))
        return self.implicit

    def finish(self) -> None:
        """The member has been read to its end (and counted by structure if it needed to be)."""
        if self.watch is not None and self.xml:
            self.watch.close()
            if not self.watch.broken:
                self.totals.parsed.add(self.part)
        if self.positions and self.box != (0, 0):
            rows, columns = self.totals.boxes.get(self.part, (0, 0))
            self.totals.boxes[self.part] = (max(rows, self.box[0]), max(columns, self.box[1]))

    def _odd_match(self) -> None:
        self.totals.odd_matches += 1
        if self.totals.odd_matches > MAX_ODD_MATCHES:
            raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["markup"].format(member=shown(self.name)))

    def _check_ref(self, ref: bytes) -> None:
        position = cell_position(ref)
        if position is None:
            return
        row, column = position
        if row > self.limits.max_rows or column > self.limits.max_columns:
            raise far(ref.decode("ascii", "replace")[:20], self.limits)


class Watch:
    """One part fed to a defused XML parser (no DTD, no entities) chunk by chunk.

    The byte scans above cannot tell which sheets a workbook lists or how far an ODS table repeats
    its cells; these need the XML's structure. A part the parser cannot read is marked broken, and
    the caller decides whether that matters (a reader more lenient than expat could see things
    the count missed).
    """

    def __init__(self, target, totals: Totals, part: str):
        self.totals, self.part = totals, part
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
        except Rejected:
            raise
        except Exception:
            self.broken = True
            self.totals.broken.add(self.part)


def _watch(part: str, totals: Totals) -> Watch | None:
    """The structure parser ``part`` is fed to, its findings kept in ``totals``; None for other parts."""
    if part == SheetList.part:
        totals.sheets = target = SheetList()
    elif part == Relationships.part:
        totals.relationships = target = Relationships()
    elif part == OdsTables.part:
        target = OdsTables(totals)
    else:
        return None
    return Watch(target, totals, part)


class SheetCells:
    """A sheet part whose rows or cells do not all say where they are: counted as readers place them.

    A <row> without r follows the previous row, a <c> without r the previous cell; a cell counts
    once a value, a formula or text is inside it (a blank, formatted cell does not).
    """

    def __init__(self, check: MemberCheck):
        self.check = check
        self.row = self.column = 0
        self.pending: tuple[int, int] | None = None

    def start(self, tag: str, attrib: dict) -> None:
        name = local_name(tag)
        if name == "row":
            self.pending = None
            position = cell_position(attrib.get("r", "").encode("ascii", "replace"))
            self.row = position[0] if position and position[0] else self.row + 1
            self.column = 0
        elif name == "c":
            self.pending = None
            position = cell_position(attrib.get("r", "").encode("ascii", "replace")) or (0, 0)
            self.column = position[1] or self.column + 1
            self.pending = (position[0] or self.row, self.column)
        elif self.pending is not None and name in ("v", "f", "is"):
            self.check._widen(*self.pending)
            self.pending = None

    def close(self) -> None:
        pass


def count_by_structure(data: bytes, check: MemberCheck) -> None:
    """Parse a member's inflated bytes (known to be within the limits) with a defused parser."""
    parser = SafeET.XMLParser(target=SheetCells(check), forbid_dtd=True)
    try:
        for start in range(0, len(data), CHUNK):
            parser.feed(data[start:start + CHUNK])
        parser.close()
    except Rejected:
        raise
    except Exception:
        check.totals.broken.add(check.part)
