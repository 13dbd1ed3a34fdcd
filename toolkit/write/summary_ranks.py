"""The units side by side, as the conference compares them: each row's values per unit, the
cluster's figure where adding up means something, and each unit's rank on the rows that rank.

A small form puts the units in columns, as the plan's tables do; a large one turns the sheet so that
units are rows (a column per unit would not fit any page).
"""

from __future__ import annotations

from .. import texts
from ..form import Form, Row
from ..inclusion import Inclusion
from ..layout import clean
from .sheets import ListStyles, line_height, merged, put, set_landscape, text_lines
from .summary_tables import summed_across

#: Up to this many units, units are columns.
UNITS_AS_COLUMNS_UP_TO = 12
TOP = 4  # the first header row


def ranks(form: Form, row: Row, units: list[Inclusion]) -> dict[str, int]:
    """Each included unit's rank on ``row`` by its ``rank_by`` column, highest first; units with
    the same value share a rank (1, 2, 2, 4), units without a value have none."""
    if row.rank_by is None:
        return {}
    places = form.places(row, row.rank_by)  # a computed rate's last binary digits split no tie
    given = [(u.value(row.key, row.rank_by), u.code) for u in units if u.included]
    given = [(round(value, places), code) for value, code in given if value is not None]
    return {code: 1 + sum(other > value for other, _c in given) for value, code in given}


def shown_columns(form: Form) -> list[str]:
    """The value columns shown per unit (``table.side_by_side``, else those rows rank by, else the
    first input column)."""
    if form.side_by_side:
        return list(form.side_by_side)
    ranked = list(dict.fromkeys(r.rank_by for r in form.rows if r.rank_by))
    return ranked or [next(k for k in form.value_keys if form.column[k].input)]


def side_by_side_sheet(ws, form: Form, units: list[Inclusion], st: ListStyles, line: str) -> None:
    keys = shown_columns(form)
    ranked = any(r.rank_by for r in form.rows)
    title = clean(texts.SIDE_BY_SIDE_TITLE.format(title=form.title))
    subtitle = clean(texts.SIDE_BY_SIDE_SUBTITLE.format(period=form.period.name, line=line))
    if len(units) <= UNITS_AS_COLUMNS_UP_TO:
        width = _units_as_columns(ws, form, units, st, keys, ranked)
    else:
        width = _units_as_rows(ws, form, units, st, keys, ranked)
    merged(ws, 0, 0, width - 1, title, st.sheet_title_wrap, line_height(title, 6 * width))
    merged(ws, 1, 0, width - 1, subtitle, st.small_wrap, 14 * text_lines(subtitle, 6 * width))
    merged(ws, 2, 0, width - 1, texts.SIDE_BY_SIDE_NOTE, st.small_wrap,
           14 * text_lines(texts.SIDE_BY_SIDE_NOTE, 6 * width))
    set_landscape(ws)
    ws.repeat_rows(TOP, TOP + 1)


def _header(ws, st: ListStyles, col: int, label: str, subs: list[str]) -> None:
    """A group header over its sub-columns (one sub-column: the header spans both rows)."""
    if len(subs) == 1 and not subs[0]:
        ws.merge_range(TOP, col, TOP + 1, col, "", st.th)
        ws.write_string(TOP, col, clean(label), st.th)
        return
    if len(subs) > 1:
        ws.merge_range(TOP, col, TOP, col + len(subs) - 1, "", st.th)
    ws.write_string(TOP, col, clean(label), st.th)
    for i, sub in enumerate(subs):
        ws.write_string(TOP + 1, col + i, sub, st.th)


def _value(ws, st: ListStyles, r: int, c: int, form: Form, row: Row, key: str, value) -> None:
    if not row.applies(key):
        ws.write_blank(r, c, None, st.td_na)
    else:
        put(ws, r, c, value, st.places(st.td_n, form.places(row, key)))


def _cluster(form: Form, row: Row, key: str, units: list[Inclusion]):
    """The cluster's figure: the sum over the included units, where summing means something."""
    if not summed_across(form, row, key):
        return None
    values = [u.value(row.key, key) for u in units if u.included]
    return sum(v for v in values if v is not None) if any(v is not None for v in values) else None


def _units_as_columns(ws, form: Form, units, st: ListStyles, keys: list[str], ranked: bool) -> int:
    labels = form.columns
    subs = [labels[k] for k in keys] + ([texts.RANK] if ranked else [])
    # The row's number, label and unit of measure, where the form's table has them.
    fixed = [(kind, form.columns[key], width) for kind, width in (("stt", 5), ("label", 34), ("unit", 9))
             if (key := form.key_of_kind(kind))]
    for c, (_kind, label, width) in enumerate(fixed):
        _header(ws, st, c, label, [""])
        ws.set_column(c, c, width)
    at = {kind: c for c, (kind, _label, _width) in enumerate(fixed)}
    start = {u.code: len(fixed) + i * len(subs) for i, u in enumerate(units)}
    for u in units:
        _header(ws, st, start[u.code], u.name, subs)
    cluster = len(fixed) + len(units) * len(subs)
    _header(ws, st, cluster, texts.SIDE_BY_SIDE_CLUSTER, [labels[k] for k in keys])
    width = cluster + len(keys)
    ws.set_column(len(fixed), width - 1, 10)
    ws.set_row(TOP, 34)
    ws.set_row(TOP + 1, 30)
    r = TOP + 2
    for section in form.sections:
        if not section.inline:
            if "stt" in at:
                ws.write_string(r, at["stt"], section.number, st.td_c)
            ws.merge_range(r, at["label"], r, width - 1, "", st.td_total)
            ws.write_string(r, at["label"], clean(section.label), st.td_total)
            r += 1
        for n, row in enumerate(section.rows, start=1):
            if "stt" in at:
                ws.write_string(r, at["stt"], row.number or str(n), st.td_c)
            ws.write_string(r, at["label"], clean(row.label), st.td_wrap)
            if "unit" in at:
                ws.write_string(r, at["unit"], clean(row.unit), st.td_c)
            places = ranks(form, row, units)
            for u in units:
                c = start[u.code]
                for i, key in enumerate(keys):
                    _value(ws, st, r, c + i, form, row, key, u.value(row.key, key) if u.included else None)
                if ranked:
                    put(ws, r, c + len(keys), places.get(u.code), st.td_c)
            for i, key in enumerate(keys):
                _value(ws, st, r, cluster + i, form, row, key, _cluster(form, row, key, units))
            r += 1
    ws.freeze_panes(TOP + 2, len(fixed))
    return width


def _units_as_rows(ws, form: Form, units, st: ListStyles, keys: list[str], ranked: bool) -> int:
    labels = form.columns
    fixed = [(texts.SIDE_BY_SIDE_NUMBER, 5), (texts.SIDE_BY_SIDE_CODE, 8), (texts.SIDE_BY_SIDE_UNIT, 24)]
    for c, (label, width) in enumerate(fixed):
        _header(ws, st, c, label, [""])
        ws.set_column(c, c, width)
    subs = [labels[k] for k in keys]
    start, c = {}, len(fixed)
    for row in form.rows:
        start[row.key] = c
        shown = subs + ([texts.RANK] if row.rank_by else [])
        _header(ws, st, c, f"{row.label} ({row.unit})" if row.unit else row.label, shown)
        c += len(shown)
    width = c
    ws.set_column(len(fixed), width - 1, 10)
    ws.set_row(TOP, 48)
    ws.set_row(TOP + 1, 30)
    places = {row.key: ranks(form, row, units) for row in form.rows}
    r = TOP + 2
    for n, u in enumerate(units, start=1):
        style = st.td if u.included else st.td_grey
        ws.write_number(r, 0, n, st.td_c)
        ws.write_string(r, 1, clean(u.code), style)
        ws.write_string(r, 2, clean(u.name), style)
        for row in form.rows:
            for i, key in enumerate(keys):
                _value(ws, st, r, start[row.key] + i, form, row, key, u.value(row.key, key) if u.included else None)
            if row.rank_by:
                put(ws, r, start[row.key] + len(keys), places[row.key].get(u.code), st.td_c)
        r += 1
    ws.write_string(r, 2, texts.SIDE_BY_SIDE_CLUSTER, st.td_total)
    for row in form.rows:
        for i, key in enumerate(keys):
            _value(ws, st, r, start[row.key] + i, form, row, key, _cluster(form, row, key, units))
    ws.freeze_panes(TOP + 2, len(fixed))
    ws.autofilter(TOP + 1, 0, r - 1, width - 1)
    return width
