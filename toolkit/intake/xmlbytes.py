"""What the first bytes of a package member say before any XML parser reads it: whether it may be
XML, in which encoding, and the words that start a DTD."""

from __future__ import annotations

import re

# "<!DOCTYPE" and "<!ENTITY" (searched in UTF-8: wider encodings are transcoded first). Declaring a
# DTD is never legitimate in OOXML or ODF and is how entity-expansion and external-entity attacks start.
DTD_WORDS = (b"<!doctype", b"<!entity")
DECLARED_ENCODING = re.compile(
    rb"(?:\xef\xbb\xbf)?\s*<\?xml[^>]{0,200}?encoding\s*=\s*[\"']([A-Za-z0-9._:-]{1,40})[\"']")
_PRINTABLE_ASCII = bytes(range(0x20, 0x7F))


def looks_like_xml(first: bytes) -> bool:
    """Whether a member may be XML in UTF-8/16/32; binary parts (images, VBA) are skipped by the scans.

    Only whitespace so far counts as XML: a parser accepts whitespace before a DOCTYPE.
    """
    return first.lstrip(b"\xef\xbb\xbf\xfe\xff\x00 \t\r\n")[:1] in (b"<", b"")


def wide_encoding(head: bytes) -> str | None:
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


def ascii_compatible(encoding: str) -> bool:
    """An encoding in which "<!DOCTYPE" can only be written as its ASCII bytes (not UTF-7, EBCDIC...)."""
    try:
        return _PRINTABLE_ASCII.decode(encoding) == _PRINTABLE_ASCII.decode("ascii")
    except (LookupError, UnicodeError, TypeError):
        return False
