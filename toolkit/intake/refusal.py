"""How a file is refused while it is judged: the exception that carries the issue, and the
refusals more than one container format raises (a cell too far out, too many cells)."""

from __future__ import annotations

from .. import texts
from ..formats import number_vn
from .limits import Limits


class Rejected(Exception):
    """The file must not be parsed: an issue code, with the Vietnamese detail its message shows."""

    def __init__(self, code: str, detail: str | None = None):
        super().__init__(code, detail)
        self.code = code
        self.detail = detail


def shown(name: str, limit: int = 60) -> str:
    """A member name fit for a message: names inside a hostile file can be anything."""
    clean = "".join(ch if ch.isprintable() else "?" for ch in name)
    return clean if len(clean) <= limit else clean[:limit - 1] + "…"


def far(ref: str, limits: Limits) -> Rejected:
    return Rejected("unsafe-file", texts.UNSAFE_DETAILS["extent"].format(
        ref=ref, rows=number_vn(limits.max_rows), columns=number_vn(limits.max_columns)))


def check_cells(cells: int, limits: Limits) -> None:
    if cells > limits.max_cells:
        shown = number_vn(cells) if cells < 10**15 else "> " + number_vn(10**15)
        raise Rejected("unsafe-file", texts.UNSAFE_DETAILS["cells"].format(
            cells=shown, limit=number_vn(limits.max_cells)))
