"""Numbers, sizes, dates and times as a Vietnamese reader expects them, in Vietnam's time zone.

Vietnam has one time zone and no daylight saving: every time a person reads (terminal, workbook,
message) is shown in it, whatever the machine's own zone.
"""

from __future__ import annotations

import datetime as dt
import re

from . import texts

TIME_ZONE = dt.timezone(dt.timedelta(hours=7))


def local(moment: dt.datetime | None) -> dt.datetime | None:
    """A moment as a naive Vietnam-time datetime (what a spreadsheet cell can hold); a naive
    ``moment`` is taken as UTC."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone(TIME_ZONE).replace(tzinfo=None)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")


def parse_date(text: str) -> dt.date:
    """A date as a person types it: ``2021-07-10`` (ISO) or ``10/07/2021`` (day first, as written in
    Vietnam); ValueError with a Vietnamese message otherwise."""
    text = text.strip()
    if m := _ISO_DATE.fullmatch(text):
        year, month, day = m[1], m[2], m[3]
    elif m := _DAY_MONTH_YEAR.fullmatch(text):
        year, month, day = m[3], m[2], m[1]
    else:
        raise ValueError(texts.DATE_INVALID.format(text=text))
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:  # 31/02/2021: the right shape, no such day
        raise ValueError(texts.DATE_INVALID.format(text=text)) from None


def date_vn(day: dt.date) -> str:
    """``10/07/2020``."""
    return day.strftime("%d/%m/%Y")


def time_vn(moment: dt.datetime | None) -> str:
    """``06/07/2020 15:00`` in Vietnam time; "" when there is no moment."""
    shown = local(moment)
    return shown.strftime("%d/%m/%Y %H:%M") if shown else ""


def clock_vn(moment: dt.datetime) -> tuple[str, str]:
    """(``"15:00"``, ``"06/07/2020"``) in Vietnam time, for sentences that name both."""
    shown = local(moment)
    return shown.strftime("%H:%M"), date_vn(shown)


def number_vn(value: int | float) -> str:
    """``1234`` → ``"1.234"``, ``2.5`` → ``"2,5"``: dot for thousands, comma for decimals."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            value = int(value)
        else:
            return f"{value:.15g}".replace(".", ",")
    return f"{value:,}".replace(",", ".")


def plain_number(value: int | float) -> str:
    """A number as a cell was read, with no grouping to misread: ``1234``, ``1234,5``."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    return str(value) if isinstance(value, int) else number_vn(value)


def size_vn(n: int) -> str:
    """A file size in the unit a person expects: ``1,5 MB``, ``12 KB``, ``300 byte``."""
    if n >= 2**20:
        return f"{n / 2**20:.1f}".removesuffix(".0").replace(".", ",") + " MB"
    if n >= 1024:
        return f"{n // 1024} KB"
    return f"{n} byte"


def days_left(deadline: dt.date, today: dt.date) -> int:
    """Days from ``today`` to ``deadline``: negative once it has passed."""
    return (deadline - today).days


def today_vn() -> dt.date:
    """Today's date in Vietnam, whatever the machine's zone."""
    return dt.datetime.now(TIME_ZONE).date()
