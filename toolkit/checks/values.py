"""A value cell read the way a person meant it, by what its column holds.

Counts are whole numbers; amounts and percents have up to the column's places of decimals. People
type numbers as text the Vietnamese way ("1.234" is one thousand two hundred and thirty-four,
"6,5" is six and a half), write "-" or "x" for nothing, and add a "%" to a percent: each is read,
and what was read is said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..formats import number_vn

DASHES = {"-", "x", "–", "—", "−"}
THOUSANDS = re.compile(r"-?\d{1,3}(\.\d{3})+")
INTEGER = re.compile(r"-?\d+")
DECIMAL = re.compile(r"-?\d+([.,]\d+)")
# 1.234,5 (Vietnamese) and 1,234.5 (English): the last separator is the decimal one.
GROUPED_VN = re.compile(r"-?\d{1,3}(\.\d{3})+,\d+")
GROUPED_EN = re.compile(r"-?\d{1,3}(,\d{3})+\.\d+")
MINUS = str.maketrans({"−": "-", "–": "-"})
UNREADABLE = {"not-a-number", "not-integer", "negative-value", "count-too-large", "formula-error"}


@dataclass(frozen=True)
class Reading:
    """A value cell: ``value`` is None when blank or unusable; ``code`` the finding, if any."""

    value: int | float | None
    code: str | None = None
    shown: str = ""          # the cell as typed, for messages


def _shown(raw: float) -> str:
    return f"{raw:.15g}".replace(".", ",")


def parse_count(raw: object, maximum: int, negative: bool = False) -> Reading:
    """``raw`` read as a whole number of at most ``maximum`` (the form's ``max_count``)."""
    count = _parse_count(raw, negative)
    if count.value is not None and abs(count.value) > maximum:
        return Reading(None, "count-too-large", raw if isinstance(raw, str) else number_vn(raw))
    return count


def _parse_count(raw: object, negative: bool) -> Reading:
    if raw is None or raw == "":
        return Reading(None)
    if isinstance(raw, bool):
        return Reading(None, "not-a-number", str(raw))
    if isinstance(raw, (int, float)):
        shown = _shown(raw)
        if raw != raw or raw in (float("inf"), float("-inf")):
            return Reading(None, "not-a-number", shown)
        if not float(raw).is_integer():
            return Reading(None, "not-integer", shown)
        if raw < 0 and not negative:
            return Reading(None, "negative-value", shown)
        return Reading(int(raw))
    if not isinstance(raw, str):
        return Reading(None, "not-a-number", str(raw))
    typed = _typed(raw)
    if isinstance(typed, Reading):
        return typed
    text, compact = typed
    if THOUSANDS.fullmatch(compact) or INTEGER.fullmatch(compact):
        number = int(compact.replace(".", ""))
        if number < 0 and not negative:
            return Reading(None, "negative-value", text)
        return Reading(number, "text-number", text)
    if DECIMAL.fullmatch(compact):
        return Reading(None, "not-integer", text)
    return Reading(None, "not-a-number", text)


def parse_decimal(raw: object, places: int, negative: bool = False, percent: bool = False) -> Reading:
    """``raw`` read as a number of at most ``places`` decimals (more is said, and kept); a percent
    may be typed with its sign ("96,4%")."""
    if isinstance(raw, str):
        reading = _decimal_text(raw, percent)
    elif isinstance(raw, bool) or not isinstance(raw, (int, float)) or raw != raw \
            or raw in (float("inf"), float("-inf")):
        reading = Reading(None, None if raw is None or raw == "" else "not-a-number",
                          "" if raw is None else str(raw))
    else:
        reading = Reading(raw, None, _shown(raw))
    value = reading.value
    if value is None or reading.code == "dash-as-zero":
        return reading
    if value < 0 and not negative:
        return Reading(None, "negative-value", reading.shown)
    if reading.code is None and abs(round(value, places) - value) > 1e-9 * max(1.0, abs(value)):
        return Reading(value, "too-many-decimals", reading.shown)
    return reading


def _typed(raw: str) -> Reading | tuple[str, str]:
    """A blank or a dash read at once; anything else as (the text, its characters without spaces)."""
    text = raw.replace("\u00a0", " ").strip()
    if not text:
        return Reading(None)
    if text.lower() in DASHES:
        return Reading(0, "dash-as-zero", text)
    return text, text.replace(" ", "").translate(MINUS)


def _decimal_text(raw: str, percent: bool) -> Reading:
    typed = _typed(raw)
    if isinstance(typed, Reading):
        return typed
    text, compact = typed
    if percent:
        compact = compact.removesuffix("%")
    if GROUPED_VN.fullmatch(compact):
        number = float(compact.replace(".", "").replace(",", "."))
    elif GROUPED_EN.fullmatch(compact):
        number = float(compact.replace(",", ""))
    elif THOUSANDS.fullmatch(compact) or INTEGER.fullmatch(compact):
        number = float(compact.replace(".", ""))
    elif DECIMAL.fullmatch(compact):
        number = float(compact.replace(",", "."))
    else:
        return Reading(None, "not-a-number", text)
    return Reading(int(number) if number.is_integer() else number, "text-number", text)
