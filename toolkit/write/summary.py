"""The cluster's summary workbook: the plan's table summed over the units, and where every number came from.

Sheets, in order: the summary in the plan's layout (formulas over the data sheet), one row per unit,
the status of every unit and file, every finding, the tidy data, a chart, and for small forms one
sheet per unit as received. Everything is derived from the :class:`~toolkit.checks.report.Report` alone,
so the same inbox gives the same workbook content.
"""

from __future__ import annotations

import datetime as dt
import gc
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .. import texts
from ..checks.report import Report
from ..files import write_or_keep_beside
from ..inclusion import Inclusion, as_of_line, plan, status_line, tidy_rows
from .sheets import ListStyles, new_workbook
from .summary_compare import comparison_sheet
from .summary_lists import chart_sheet, data_sheet, findings_sheet, stacked_rule, status_sheet
from .summary_ranks import side_by_side_sheet
from .summary_tables import by_unit_sheet, cluster_sums, summary_sheet, unit_sheet, unit_sheet_name

UNIT_SHEETS_UP_TO = 12


@dataclass(frozen=True)
class Consolidated:
    """What ``consolidate`` wrote.

    ``path`` holds the new summary: the requested output, or, when that file could not be replaced
    (open in another program), the file kept beside it, also given as ``kept_beside``.
    """

    path: Path
    included: list[str]
    excluded: dict[str, str]
    missing: list[str]
    kept_beside: Path | None = None
    target: Path | None = None
    line: str = ""  # the one-line status, as on the first sheet

    @property
    def notice(self) -> str | None:
        """The message to show when the output could not be replaced, else None."""
        if self.kept_beside is None:
            return None
        return texts.SUMMARY_KEPT_BESIDE.format(target=self.target, path=self.kept_beside)


def consolidate(report: Report, output: Path, include_invalid: bool = False, comparison=None) -> Consolidated:
    """Write the summary workbook of ``report`` to ``output`` (atomically) and say what it holds.

    Units whose file has errors are left out of the totals unless ``include_invalid``; with a
    ``comparison`` (:func:`toolkit.compare.beside`), a sheet sets last period beside this one.
    """
    output = Path(output)
    units = plan(report, include_invalid)
    line = status_line(units)
    with _collector_paused():
        kept = write_or_keep_beside(output, lambda tmp: _write(tmp, report, units, include_invalid, line,
                                                                   comparison))
    return Consolidated(
        path=kept or output,
        included=[u.code for u in units if u.included],
        excluded={u.code: u.reason for u in units if u.file is not None and not u.included},
        missing=[u.code for u in units if u.file is None],
        kept_beside=kept,
        target=output,
        line=line,
    )


@contextmanager
def _collector_paused():
    """The cycle collector held off while the workbook is built: its hundred thousand cells are
    plain objects freed by reference counting, and scanning them over and over costs about a tenth
    of the writing. Turned back on only if it was running before, so it ends as it was found."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def _write(path: Path, report: Report, units: list[Inclusion], include_invalid: bool, line: str,
           comparison=None) -> None:
    form = report.form
    created = report.as_of or dt.datetime.combine(form.period.deadline, dt.time())
    if created.tzinfo is not None:
        created = created.astimezone(dt.timezone.utc).replace(tzinfo=None)
    wb = new_workbook(path, form, texts.SUMMARY_SUBJECT, created=created)
    st = ListStyles(wb)
    names = texts.SUMMARY_SHEETS
    # A table of totals and their parts gets a chart of the parts; any other is compared side by side.
    stacked = stacked_rule(form)
    order = dict(names) if stacked else {"summary": names["summary"], "side_by_side": texts.SIDE_BY_SIDE_SHEET,
                                         **{k: v for k, v in names.items() if k not in ("summary", "chart")}}
    sheets = {key: wb.add_worksheet(name) for key, name in order.items()}
    data_rows = list(tidy_rows(form, units))
    sums = cluster_sums(form, units)  # the summary's table and the units' totals row show the same sums
    summary_sheet(sheets["summary"], report, units, sums, len(data_rows), st, include_invalid, line)
    if not stacked:
        side_by_side_sheet(sheets["side_by_side"], form, units, st, line)
    by_unit_sheet(sheets["by_unit"], form, units, sums, st, line, as_of_line(report))
    status_sheet(sheets["status"], report, units, st, line)
    findings_sheet(sheets["findings"], report, st)
    data_sheet(sheets["data"], form, data_rows, st)
    if stacked:
        chart_sheet(wb, sheets["chart"], form, units, st, stacked)
    if comparison is not None:
        comparison_sheet(wb.add_worksheet(texts.COMPARE_SHEET), form, form.period.name, comparison, st)
    if len(form.units) <= UNIT_SHEETS_UP_TO:
        taken = {name.casefold() for name in order.values()}
        for u in units:
            if u.file is not None:
                unit_sheet(wb.add_worksheet(unit_sheet_name(u, taken)), form, u, st)
    sheets["summary"].activate()
    wb.close()
