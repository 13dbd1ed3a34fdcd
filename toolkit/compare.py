"""Last period beside this one: a summary workbook the toolkit wrote for an earlier period, read
back from its data sheet, compared unit by unit and row by row with this period's counted numbers,
and the unusual changes flagged as notes (``unusual-change``).

The rule for "unusual" suits small award counts: at least ``ratio`` times larger or smaller and by
at least ``difference``, or a row the unit had at zero last period (the form's ``[compare]``). A
z-score or an automatic min-max range is not used: on aggregate data that is mostly zeros they flag
far too much.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import texts
from .catalogue import REJECTING, issue
from .checks.report import Report
from .form import Form
from .form_extras import Thresholds
from .formats import number_vn
from .inclusion import plan, table_cells, totals
from .markers import TOTAL_KEY
from .names import OUTBOX, summary_path
from .periods import forms_beside

class CompareError(Exception):
    """The previous summary cannot be used; the message says which file and what to do."""


@dataclass(frozen=True)
class Previous:
    """What the previous summary counted: (unit code, row key) → role → count, counted units only."""

    path: Path
    label: str
    values: dict[tuple[str, str], dict[str, int | None]]
    units: frozenset[str]


@dataclass(frozen=True)
class Line:
    """One row of the comparison: a unit's (``code``) or the cluster's (``code`` None) award row,
    section or grand total, with the counts of both periods by role (None: not counted then)."""

    code: str | None
    name: str
    key: str
    label: str
    previous: dict[str, int | None]
    current: dict[str, int | None]
    why: str | None = None  # why the change is unusual, if it is

    def change(self, role: str) -> int | None:
        before, now = self.previous.get(role), self.current.get(role)
        if before is None or now is None:
            return None
        # Decimals subtracted leave binary noise (945,69 − 300,1 = 645,5900000000001): not a change.
        return now - before if isinstance(now, int) and isinstance(before, int) else round(now - before, 6)


@dataclass(frozen=True)
class Pair:
    """One role of a line, as the draft report's table shows it."""

    key: str
    label: str
    previous: int | str
    current: int | str
    change: int | None

    @property
    def change_text(self) -> str:
        if self.change is None:
            return texts.DASH
        return ("+" if self.change > 0 else "") + number_vn(self.change)


@dataclass
class Comparison:
    previous: str  # how the previous period is named in sheets and the report
    source: Path
    #: the value column whose change is judged (the form's ``compare.column``, else its first)
    judged: str = ""
    lines: list[Line] = field(default_factory=list)

    @property
    def flags(self) -> list[Line]:
        return [line for line in self.lines if line.why]

    def cluster_lines(self, role: str) -> list[Pair]:
        return [Pair(line.key, line.label, _shown(line.previous.get(role)), _shown(line.current.get(role)), line.change(role))
                for line in self.lines if line.code is None]


def _shown(value: int | None) -> int | str:
    return texts.DASH if value is None else value


# --- reading the previous summary -------------------------------------------------------------------

def read_previous(path: Path, form: Form, period: str | None = None) -> Previous:
    """The counted numbers of the summary workbook at ``path``; raises :class:`CompareError`."""
    from .checks.reader import read_workbook
    from .intake import Limits, sniff

    path = Path(path)
    if not path.is_file():
        raise CompareError(texts.COMPARE_MISSING.format(path=path))
    sniffed = sniff(path, Limits())
    if sniffed.kind != "xlsx" or any(i.code in REJECTING for i in sniffed.issues):
        raise CompareError(texts.COMPARE_NOT_A_SUMMARY.format(path=path, sheet=texts.SUMMARY_SHEETS["data"]))
    try:
        sheet = read_workbook(sniffed.content, sniffed.kind).sheet(texts.SUMMARY_SHEETS["data"])
        grid = sheet.grid if sheet is not None else []
    except Exception:  # a damaged file: the reader's words are not the user's
        grid = []
    if not grid:
        raise CompareError(texts.COMPARE_NOT_A_SUMMARY.format(path=path, sheet=texts.SUMMARY_SHEETS["data"]))
    header = [str(v).strip() for v in grid[0]]
    # The sheet's own columns by names no form column has (a column may be called "unit").
    wanted = {"_unit": texts.DATA_UNIT_CODE, "_key": texts.DATA_ROW_KEY, "_included": texts.DATA_INCLUDED,
              **{key: form.columns[key] for key in form.value_keys}}
    lacking = [label for label in wanted.values() if label not in header]
    if lacking:
        raise CompareError(texts.COMPARE_COLUMNS.format(path=path, columns=", ".join(f"«{c}»" for c in lacking)))
    at = {name: header.index(label) for name, label in wanted.items()}
    values: dict[tuple[str, str], dict[str, int | None]] = {}
    for line in grid[1:]:
        cells = list(line) + [""] * (len(header) - len(line))
        if _number(cells[at["_included"]]) != 1:
            continue
        code, key = _text(cells[at["_unit"]]), _text(cells[at["_key"]])
        values[(code, key)] = {k: _number(cells[at[k]]) for k in form.value_keys}
    if not {key for _code, key in values} & {row.key for row in form.rows}:
        raise CompareError(texts.COMPARE_NO_COMMON_ROWS.format(path=path, form=form.id))
    label = texts.COMPARE_LABEL_PERIOD.format(period=period, file=path.name) if period else \
        texts.COMPARE_LABEL_FILE.format(file=path.name)
    return Previous(path, label, values, frozenset(code for code, _key in values))


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return int(value) if float(value).is_integer() else float(value)


def find_previous(form: Form, outbox: Path = OUTBOX) -> tuple[Path, Form] | None:
    """The summary in ``outbox`` of the latest earlier period among the definitions beside
    ``form``'s file that has the same row keys, if one was written."""
    keys = {row.key for row in form.rows}
    earlier = [other for other in forms_beside(form) if other.id != form.id
               and other.period.end < form.period.start and {r.key for r in other.rows} == keys]
    for other in sorted(earlier, key=lambda f: f.period.end, reverse=True):
        if summary_path(other.id, outbox).is_file():
            return summary_path(other.id, outbox), other
    return None


# --- the comparison ---------------------------------------------------------------------------------

def unusual(before: int | None, now: int | None, rule: Thresholds) -> str | None:
    """Why the change from ``before`` to ``now`` is unusual under ``rule``, or None."""
    if before is None or now is None or before == now:
        return None
    low, high = sorted((before, now))
    difference = high - low
    if low < 0:  # a negative figure (a fall in growth): no ratio means anything, only the distance
        if difference < rule.difference:
            return None
        return texts.UNUSUAL_WHY["apart_up" if now > before else "apart_down"].format(difference=number_vn(difference))
    if before == 0 and (rule.from_zero or difference >= rule.difference):  # any growth is "times" zero
        return texts.UNUSUAL_WHY["from_zero"].format(difference=number_vn(difference))
    if difference < rule.difference or high < rule.ratio * low:
        return None
    if now == 0:
        return texts.UNUSUAL_WHY["to_zero"].format(difference=number_vn(difference))
    ratio = number_vn(round(high / low, 1))
    return texts.UNUSUAL_WHY["up" if now > before else "down"].format(ratio=ratio, difference=number_vn(difference))


def compare(report: Report, previous: Previous, include_invalid: bool = False) -> Comparison:
    """This period's counted numbers beside ``previous``: the cluster's rows, sections and grand
    total first, then each unit counted in either period, row by row."""
    form = report.form
    judged = judged_column(form)
    units = plan(report, include_invalid)
    now = totals(form, units)
    had = {key for _code, key in previous.values}
    before = table_cells(form, lambda row, key: sum(v.get(key) or 0 for (_c, k), v in previous.values.items()
                                                    if k == row) if row in had else None)
    out = Comparison(previous.label, previous.path, judged)
    for section in form.sections:
        heading = [] if section.inline else [(section.key, section.label)]
        for key, label in heading + [(row.key, row.label) for row in section.rows]:
            out.lines.append(_cluster_line(key, label, before, now))
    if form.grand_total is not None:
        out.lines.append(_cluster_line(TOTAL_KEY, form.grand_total, before, now))
    for u in units:
        counted_before = u.code in previous.units
        if not (u.included or counted_before):
            continue
        for row in form.rows:
            applies = [key for key in form.value_keys if row.applies(key)]
            was = previous.values.get((u.code, row.key)) if counted_before else None
            then = {key: (was.get(key) or 0) if was is not None else None for key in applies}
            current = {key: (u.value(row.key, key) or 0) if u.included else None for key in applies}
            why = unusual(then.get(judged), current.get(judged), form.thresholds)
            out.lines.append(Line(u.code, u.name, row.key, row.label, then, current, why))
    return out


def judged_column(form: Form) -> str:
    """The value column whose change is judged: the form's ``compare.column``, else its first."""
    return form.thresholds.column or form.value_keys[0]


def _cluster_line(key: str, label: str, before: dict, now: dict) -> Line:
    """The cluster's line of a row, section or grand total: the summary's cells of both periods."""
    shown = [k for (line, k) in now if line == key]
    return Line(None, texts.COMPARE_CLUSTER, key, label, {k: before.get((key, k)) for k in shown},
                {k: now[(key, k)] for k in shown})


def note(report: Report, comparison: Comparison) -> None:
    """Add an ``unusual-change`` note to the file of each unit for each unusual change, at the cell
    of the judged count."""
    form, judged = report.form, comparison.judged
    files = {u.code: u.file for u in report.units if u.file is not None}
    for line in comparison.flags:
        f = files.get(line.code)
        if f is None:
            continue
        f.issues.append(issue("unusual-change", file=f.path, sheet=f.sheet,
                              cell=(f.cells.get(line.key) or {}).get(judged), row=line.label,
                              column=form.columns[judged], previous=number_vn(line.previous[judged]),
                              current=number_vn(line.current[judged]), why=line.why))


def beside(report: Report, given: Path | None = None, include_invalid: bool = False,
           outbox: Path = OUTBOX, skipped: Callable[[str], None] | None = None) -> Comparison | None:
    """Last period beside ``report``'s: the summary ``given``, else the one of the previous period
    found in ``outbox`` (:func:`find_previous`); None when there is none. Each unusual change is
    noted on the unit's file. Raises :class:`CompareError` for a ``given`` summary that cannot be
    used; one found by itself that cannot be used is told to ``skipped`` and left out."""
    period = None
    if given is None:
        found = find_previous(report.form, outbox)
        if found is None:
            return None
        given, period = found[0], found[1].period.name
        try:
            previous = read_previous(given, report.form, period)
        except CompareError as exc:  # nobody asked for it: this round's outputs are not held back
            if skipped is not None:
                skipped(texts.COMPARE_SKIPPED.format(reason=exc))
            return None
    else:
        previous = read_previous(given, report.form, period)
    comparison = compare(report, previous, include_invalid)
    note(report, comparison)
    return comparison
