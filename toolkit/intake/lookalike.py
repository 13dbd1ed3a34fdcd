"""What a file that is neither a zip nor an OLE container looks like, told from its first bytes."""

from __future__ import annotations

import re


def looks_like(head: bytes) -> str:
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
