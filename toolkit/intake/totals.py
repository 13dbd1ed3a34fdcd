"""What the checks of one archive count together, member after member."""

from __future__ import annotations

from dataclasses import dataclass, field

from .limits import Limits
from .package import Relationships, SheetList


@dataclass
class Totals:
    """What the limits count across all members of one archive."""

    limits: Limits
    unzipped_detail: str
    inflated: int = 0
    odd_matches: int = 0
    #: part -> (rows, columns) of the box from A1 to its furthest cell
    boxes: dict[str, tuple[int, int]] = field(default_factory=dict)
    #: parts the structure parsers could not read
    broken: set[str] = field(default_factory=set)
    #: parts the structure parsers read to their end without an error
    parsed: set[str] = field(default_factory=set)
    sheets: SheetList | None = None  # from xl/workbook.xml, when the package has it
    relationships: Relationships | None = None  # from xl/_rels/workbook.xml.rels
    ods_cells: int | None = None
