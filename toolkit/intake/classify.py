"""Which kind of spreadsheet a zip package is, told from its member names and a few small members."""

from __future__ import annotations

import re
import zipfile
from urllib.parse import unquote

import defusedxml.ElementTree as SafeET

from .. import texts
from .package import is_link_rels
from .refusal import Rejected

ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_ODF_ENCRYPTED = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?encryption-data[\s/>]")


def classify(names: dict[str, zipfile.ZipInfo], kept: dict[str, bytes]) -> tuple[str, list]:
    flags: list[tuple[str, dict]] = []
    if "mimetype" in names:
        mimetype = kept.get("mimetype", b"").strip()
        if mimetype == ODS_MIMETYPE:
            # A password to open encrypts the parts and says so, part by part, in the manifest.
            if _ODF_ENCRYPTED.search(kept.get("meta-inf/manifest.xml", b"")):
                raise Rejected("encrypted-file")
            if "content.xml" not in names:
                raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["ods_incomplete"])
            if any(n.startswith(("basic/", "scripts/")) for n in names):
                flags.append(("macro-present", {}))
            return "ods", flags
        if mimetype.startswith(b"application/vnd.oasis.opendocument."):
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["opendocument"])
    if "[content_types].xml" in names:
        if "xl/workbook.xml" in names:
            kind = "xlsx"
            if "xl/vbaproject.bin" in names or any(n.startswith("xl/macrosheets/") for n in names):
                kind = "xlsm"
                flags.append(("macro-present", {}))
            links = sorted(n for n in names if n.startswith("xl/externallinks/") and not is_link_rels(n)
                           and not n.endswith("/"))
            if links:
                flags.append(("external-links", {"detail": _link_detail(links, kept)}))
            return kind, flags
        if "xl/workbook.bin" in names:
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["xlsb"])
        if "word/document.xml" in names:
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["docx"])
        if "ppt/presentation.xml" in names:
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["pptx"])
        if any(n.startswith("xl/") for n in names):
            raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["xlsx_incomplete"])
    raise Rejected("unreadable-file", texts.UNREADABLE_DETAILS["zip_other"])


def _link_detail(links: list[str], kept: dict[str, bytes], shown: int = 5) -> str:
    """The linked workbooks' file names, as Excel shows them in formulas: [Book2.xlsx]."""
    targets: list[str] = []
    for part, data in sorted(kept.items()):
        if not is_link_rels(part):
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
