"""The verdict on one inbox file, judged by its content: which kind of spreadsheet it is, or why it
must not be parsed at all. Never raises, never writes."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import texts
from ..catalogue import Issue, issue
from ..formats import size_vn
from .archive import sniff_zip
from .limits import Limits
from .lookalike import looks_like
from .ole import OLE_MAGIC, sniff_ole
from .refusal import Rejected

HEAD_BYTES = 64 * 1024
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")


@dataclass(frozen=True)
class Sniffed:
    #: "xlsx", "xlsm", "xls" or "ods"; None when the file must not be parsed.
    kind: str | None
    #: Rejections (unreadable-file, encrypted-file, unsafe-file) or warnings (macro-present,
    #: external-links).
    issues: tuple[Issue, ...]


def sniff(path: Path, limits: Limits = Limits(), display_name: str | None = None) -> Sniffed:
    """Judge ``path`` by its content. Never raises, never writes; issues name ``display_name``."""
    name = display_name if display_name is not None else Path(path).name
    try:
        kind, flags = _sniff(Path(path), limits)
    except Rejected as rejected:
        extra = {} if rejected.detail is None else {"detail": rejected.detail}
        return Sniffed(None, (issue(rejected.code, file=name, **extra),))
    except Exception:  # whatever a hostile or broken file provokes, it is just unreadable
        return Sniffed(None, (issue("unreadable-file", file=name, detail=texts.UNREADABLE_DETAILS["damaged"]),))
    return Sniffed(kind, tuple(issue(code, file=name, **params) for code, params in flags))


def _sniff(path: Path, limits: Limits) -> tuple[str, list[tuple[str, dict]]]:
    try:
        info = os.stat(path)
    except OSError:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["cannot_open"]) from None
    if not stat.S_ISREG(info.st_mode):
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["not_a_file"])
    if info.st_size > limits.max_file_bytes:
        raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["too_big"].format(size=size_vn(info.st_size),
                                                                limit=size_vn(limits.max_file_bytes)))
    if info.st_size == 0:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["empty"])
    try:
        fh = open(path, "rb")
    except OSError:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["cannot_open"]) from None
    with fh:
        head = fh.read(HEAD_BYTES)
        fh.seek(0)
        if head[:4] in ZIP_MAGICS:
            return sniff_zip(fh, limits)
        if head[:8] == OLE_MAGIC:
            return sniff_ole(fh, limits)
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS[looks_like(head)])
