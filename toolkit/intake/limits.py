"""The safety limits a returned file is judged against before any parser sees it."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from .. import texts

#: Bytes inflated per read; bounds memory whatever the member claims.
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Limits:
    """Safety limits for one returned file; every one is far above what a real form reaches.

    A template is ~20 KB zipped and under 200 KB inflated, with a few dozen rows and under 10
    columns; the limits leave room for heavy formatting, pictures and pasted data while keeping a
    hostile file from costing more than a fraction of a second and a few MB to reject.
    """

    #: A template with pictures and a logo stays under 1 MB; 20 MB is a common e-mail attachment cap.
    max_file_bytes: int = 20 * 2**20
    #: Total of all members, counted while actually inflating them; a template is well under 1 MB.
    max_unzipped_bytes: int = 100 * 2**20
    #: Inflated/compressed size of one member, judged only above archive.RATIO_FLOOR inflated bytes.
    #: Real XML compresses 10-50 fold (repetitive sheets up to ~100); a zip bomb is 1000-fold and more.
    max_ratio: int = 200
    #: A workbook has 10-50 parts; thousands only come from a crafted or mistaken archive.
    max_members: int = 2000
    #: Any cell, row or <dimension> position beyond these in a sheet part makes the file unsafe:
    #: a form has ~50 rows and 7 columns, and one far cell makes readers allocate the whole range.
    max_rows: int = 100_000
    max_columns: int = 1_000
    #: Cells in the boxes from A1 to the furthest filled cell of every sheet, all sheets together.
    #: Readers hold a sheet's whole box (calamine ~32 bytes a cell, the checks ~8 more), so one cell
    #: at ALL100000, within both limits above, would cost 4 GB; 2 million cells cost under 100 MB.
    max_cells: int = 2_000_000
    max_shared_strings_bytes: int = 50 * 2**20
    #: Seconds a parser may spend on one file; enforced by the caller, carried here with the rest.
    read_timeout: float = 30.0

    def replace(self, assignments: list[str]) -> "Limits":
        """These limits with ``NAME=VALUE`` assignments applied; ValueError says what is wrong."""
        changes = {}
        for text in assignments:
            name, _, value = text.partition("=")
            name = name.strip()
            kind = type(getattr(Limits, name, None)) if name in self.__dataclass_fields__ else None
            try:
                number = kind(value.strip()) if kind else None
            except ValueError:
                number = None
            if number is None or number <= 0:
                raise ValueError(texts.LIMIT_INVALID.format(
                    text=text, names=", ".join(self.__dataclass_fields__)))
            changes[name] = number
        return dataclasses.replace(self, **changes)
