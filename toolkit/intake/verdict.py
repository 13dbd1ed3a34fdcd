"""The verdict on one inbox file, judged by its content: which kind of spreadsheet it is, or why it
must not be parsed at all, and the content the readers are to parse. Never raises, never writes."""

from __future__ import annotations

import hashlib
import io
import os
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .. import texts
from ..catalogue import Issue, issue
from ..formats import size_vn
from .archive import sniff_zip
from .content import Content
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
    #: SHA-256 of the bytes read, in hex; None when the file was refused unread (too big, unopenable).
    sha256: str | None = field(default=None, compare=False)
    #: What the readers parse, exactly as judged; only for a file that may be parsed.
    content: Content | None = field(default=None, compare=False, repr=False)


def sniff(path: Path, limits: Limits = Limits(), display_name: str | None = None) -> Sniffed:
    """Judge ``path`` by its content, read once. Never raises, never writes; issues name ``display_name``."""
    name = display_name if display_name is not None else Path(path).name
    data = sha256 = None
    try:
        data = _read(Path(path), limits)
        sha256 = hashlib.sha256(data).hexdigest()
        kind, flags, members = _judge(data, limits)
    except Rejected as rejected:
        extra = {} if rejected.detail is None else {"detail": rejected.detail}
        return Sniffed(None, (issue(rejected.code, file=name, **extra),), sha256)
    except Exception:  # whatever a hostile or broken file provokes, it is just unreadable
        return Sniffed(None, (issue("unreadable-file", file=name, detail=texts.UNREADABLE_DETAILS["damaged"]),),
                       sha256)
    return Sniffed(kind, tuple(issue(code, file=name, **params) for code, params in flags), sha256,
                   Content(data, members))


def _read(path: Path, limits: Limits) -> bytes:
    """The file's bytes, read once; a file over the size limit is refused unread."""
    try:
        info = os.stat(path)
    except OSError:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["cannot_open"]) from None
    if not stat.S_ISREG(info.st_mode):
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["not_a_file"])
    if info.st_size > limits.max_file_bytes:
        raise Rejected("unsafe-file", _too_big(info.st_size, limits))
    try:
        with open(path, "rb") as fh:
            # Sized by the file, not the limit: reading allocates what it is asked for.
            data = fh.read(info.st_size + 1)
            if len(data) > info.st_size:  # grown since it was listed: read on, up to the limit
                data += fh.read(limits.max_file_bytes + 1 - len(data))
    except OSError:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["cannot_open"]) from None
    if len(data) > limits.max_file_bytes:  # grown since it was listed
        raise Rejected("unsafe-file", _too_big(len(data), limits))
    return data


def _too_big(size: int, limits: Limits) -> str:
    return texts.UNSAFE_DETAILS["too_big"].format(size=size_vn(size), limit=size_vn(limits.max_file_bytes))


def _judge(data: bytes, limits: Limits) -> tuple[str, list[tuple[str, dict]], Mapping[str, bytes]]:
    """The kind, the flags, and (for a zip package) its members as inflated; raises Rejected."""
    if not data:
        raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["empty"])
    head = data[:HEAD_BYTES]
    if head[:4] in ZIP_MAGICS:
        return sniff_zip(data, limits)
    if head[:8] == OLE_MAGIC:
        return (*sniff_ole(io.BytesIO(data), limits), {})
    raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS[looks_like(head)])
