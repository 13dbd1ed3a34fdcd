"""Where cells are, read from the raw bytes of a sheet part: the patterns, and what they match.

Readers hold every cell from A1 to the furthest one, so a position is what costs memory. Patterns
run in C over windows of inflated bytes: a whole member when it was read in one call, else each
chunk with the previous window's last OVERLAP bytes before it.
"""

from __future__ import annotations

import functools
import operator
import re
from itertools import repeat

from ..layout import column_index, column_name

#: Bytes kept between chunks so a pattern split across two chunks is still seen. Longer than any
#: match of the patterns below (they are length-bounded for that reason).
OVERLAP = 1024
#: How far back from a cell attribute its tag's "<" is looked for; well inside OVERLAP.
LOOK_BACK = 512

# Cell positions: <c r="B12">, <row r="12">, <dimension ref="A1:G40">. Bounded repetitions keep
# every match shorter than OVERLAP. No closing quote is required: a prefix of a reference is never
# further out than the whole, so an over-long value is caught by its start.
_CELL_ATTRIBUTE = rb"r\s{0,20}=\s{0,20}[\"']"  # a look-behind for the space before it triples the cost
_CELL_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?(?:c|row)(?=[\s/>])")
DIMENSION = re.compile(
    rb"<(?:[A-Za-z_][\w.-]{0,30}+:)?+dimension(?=[\s/>])[^<]{0,400}?\sref\s{0,20}=\s{0,20}[\"']([A-Za-z0-9$:]{1,80})")
_REF = re.compile(rb"\$?([A-Za-z]*)\$?([0-9]*)")


@functools.lru_cache(maxsize=8)
def far_cell_pattern(max_rows: int, max_columns: int) -> re.Pattern:
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
_ADDRESS = rb"""\s+r\s*=\s*["']\$?([A-Za-z]{0,40})\$?([0-9]{1,40})["']"""
# Possessive (never given back) wherever what follows cannot start inside what was taken: a prefix
# before its ":", the attributes after the address before "/>" or ">". Matches are the same, found
# without retrying every shorter split, which at every tag is most of the cost.
_TAG = rb"<(?:[A-Za-z_][\w.-]{0,30}+:)?+"
_BEFORE = rb"(?:" + _ATTRIBUTE + rb")*?"  # the first r="..." is the address readers take
_AFTER = rb"(?:" + _ATTRIBUTE + rb")*+\s*+"
#: The address of every complete <c r="..."> tag that can hold a value, read in C: (letters, digits).
#: A self-closing <c .../> is a blank (formatted) cell, which readers skip.
_CELL_REFS = re.compile(_TAG + rb"c" + _BEFORE + _ADDRESS + _AFTER + rb">")
#: A <c> or <row> tag not seen whole with a plain address: readers place a cell without one after
#: the previous cell, which only a structural count follows. (A tag cut by the end of the window is
#: judged again in the next window, which starts with it.)
_IMPLICIT = re.compile(_TAG + rb"(?:c|row)(?=[\s/>])(?!" + _BEFORE + _ADDRESS + _AFTER + rb"/?>)")
_SECOND = operator.itemgetter(1)
_FIRST = operator.itemgetter(0)


def implicit_before(window: bytes, end: int) -> bool:
    """Whether a <c> or <row> starting before ``end`` lacks its r attribute."""
    first = _IMPLICIT.search(window)  # the leftmost match: the only one that can start before ``end``
    return first is not None and first.start() < end


def cell_position(ref: bytes) -> tuple[int, int] | None:
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


def in_cell_tag(window: bytes, at: int) -> bool:
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


def furthest(window: bytes) -> tuple[int, int] | None:
    """(rows, columns) of the box from A1 to the furthest complete <c r="..."> of ``window``."""
    refs = _CELL_REFS.findall(window)
    if not refs:
        return None
    # All in C: the largest row number, and the largest column as letters padded to one width.
    row = max(map(int, map(_SECOND, refs)))
    column = 1 + column_index(max(map(bytes.rjust, map(bytes.upper, map(_FIRST, refs)), repeat(40))).strip())
    return row, column
