"""OLE compound files (xls, password-protected xlsx): what they hold, and how far an xls sheet's
cells reach, read from its BIFF records."""

from __future__ import annotations

import struct

import msoffcrypto
import olefile

from .. import texts
from ..layout import column_name
from .limits import Limits
from .refusal import Rejected, check_cells, far

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff_ole(fh, limits: Limits) -> tuple[str, list]:
    try:
        ole = olefile.OleFileIO(fh)
    except Exception:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"]) from None
    try:
        if ole.exists("EncryptionInfo") or ole.exists("Workbook"):
            try:
                fh.seek(0)
                encrypted = msoffcrypto.OfficeFile(fh).is_encrypted()
            except Exception:
                raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"]) from None
            if encrypted:
                raise Rejected("encrypted-file")
            if ole.exists("Workbook"):
                _check_xls_cells(ole, "Workbook", limits)
                return "xls", []
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"])
        if ole.exists("Book"):
            # Excel 5/95: msoffcrypto cannot tell whether it is encrypted; the parser will.
            _check_xls_cells(ole, "Book", limits)
            return "xls", []
        if ole.exists("WordDocument"):
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["doc"])
        if ole.exists("PowerPoint Document"):
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ppt"])
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_other"])
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
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ole_damaged"]) from None
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
            raise far(f"{column_name(columns - 1)}{rows}", limits)
    sheets = [boxes.get(offset, (0, 0)) for offset in listed] if listed else list(boxes.values())
    check_cells(sum(rows * columns for rows, columns in sheets), limits)
