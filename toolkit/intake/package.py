"""Addressing parts inside an OOXML package: member names as readers compare them, and which part
holds each sheet (xl/workbook.xml lists the sheets, its relationships say where each one is).

The safety scan and the reader both find sheets here, so the part that was checked is the part
that is read.
"""

from __future__ import annotations

import posixpath
from collections.abc import Container, Mapping

import defusedxml.ElementTree as SafeET


def part_name(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").lower()


def is_link_rels(name: str) -> bool:
    return name.startswith("xl/externallinks/_rels/") and name.endswith(".rels")


def local_name(name: str) -> str:
    return name.rpartition("}")[2]


class SheetList:
    """xl/workbook.xml: the name and relationship id of every sheet the workbook lists, repeats included.

    A target for an XML parser, so the safety scan can feed it while the part streams past.
    """

    part = "xl/workbook.xml"

    def __init__(self):
        self.sheets: list[tuple[str, str | None]] = []

    def start(self, tag: str, attrib: dict) -> None:
        if local_name(tag) == "sheet":
            self.sheets.append((attrib.get("name", ""), next(
                (v for k, v in attrib.items() if k.startswith("{") and local_name(k) == "id"), None)))

    def close(self) -> None:
        pass


class Relationships:
    """xl/_rels/workbook.xml.rels: where each relationship id points."""

    part = "xl/_rels/workbook.xml.rels"

    def __init__(self):
        self.targets: dict[str, str] = {}

    def start(self, tag: str, attrib: dict) -> None:
        if local_name(tag) == "Relationship" and "Id" in attrib:
            self.targets[attrib["Id"]] = attrib.get("Target", "")

    def close(self) -> None:
        pass


def sheet_part(target: str | None) -> str | None:
    """The part a workbook relationship points to, resolved as readers do (relative to xl/)."""
    if not target:
        return None
    target = target.replace("\\", "/")
    path = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return part_name(posixpath.normpath(path))


def sheet_parts(sheets: SheetList, relationships: Relationships | None) -> list[tuple[str, str | None]]:
    """Each sheet the workbook lists, repeats included, with the part (as ``part_name``) holding it.

    The part is None when no relationship points anywhere; it may also name a part the package lacks.
    """
    targets = relationships.targets if relationships is not None else {}
    return [(name, sheet_part(targets.get(rid or ""))) for name, rid in sheets.sheets]


def sheet_members(members: Mapping[str, bytes]) -> dict[str, str]:
    """Sheet name -> the part holding it, for the sheets whose part the package has.

    ``members`` are a package's inflated members by ``part_name``, as the safety scan kept them;
    a part that does not parse raises, as any XML error does.
    """
    sheets, relationships = SheetList(), Relationships()
    for target in (sheets, relationships):
        if target.part in members:
            parser = SafeET.XMLParser(target=target, forbid_dtd=True)
            parser.feed(members[target.part])
            parser.close()
    return listed_members(sheets, relationships, members)


def listed_members(sheets: SheetList, relationships: Relationships | None, parts: Container[str]) -> dict[str, str]:
    """Sheet name -> the part holding it, for the sheets whose part is among ``parts``."""
    return {name: part for name, part in sheet_parts(sheets, relationships) if part in parts}
