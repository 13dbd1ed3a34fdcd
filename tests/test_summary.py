"""The summary workbook, read back with readers that share no code with the writer.

Returned files are made from real templates (filled through the template writer's sample values),
checked with ``toolkit.checks.check``, then consolidated. openpyxl reads formulas, types and layout;
python-calamine reads the cached results any non-recalculating reader sees; pandas reads the data
sheet the way an analyst does. Formulas are evaluated here by a small evaluator over the workbook's
own cells, so "cached value = formula result" is checked without trusting the writer's arithmetic.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gc
import os
import random
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import column_index_from_string
from python_calamine import CalamineWorkbook

from tests.support.libreoffice import convert, inspect_workbook, require_libreoffice
from toolkit import texts
from toolkit.catalogue import ERROR
from toolkit.form import Form, Row, Section, Unit
from toolkit.checks.run import check
from toolkit.checks.report import ACCEPTED, FileResult, Report, UnitResult
from toolkit.inclusion import tidy_frame
from toolkit.layout import clean
from toolkit.write.summary import consolidate
from toolkit.write.template import template_name, write_template

# The count columns of the award table (the default form).
COUNT_ROLES = ("total", "collective", "individual")

SHEETS = texts.SUMMARY_SHEETS
# The plan's column order on the summary sheet: the specification, not read from the writer.
COL = {"total": "C", "collective": "D", "individual": "E", "note": "F"}
KEY_COL = "G"


# --- making an inbox ---------------------------------------------------------------------------------

def sample(form: Form, rng: random.Random, top: int = 50) -> dict[tuple[str, str], object]:
    """Counts for every applicable cell, Tổng số = Tập thể + Cá nhân."""
    values: dict[tuple[str, str], object] = {}
    for row in form.rows:
        parts = {role: rng.randint(0, top) for role in ("collective", "individual") if row.applies(role)}
        values.update({(row.key, role): n for role, n in parts.items()})
        values[(row.key, "total")] = sum(parts.values())
    return values


def with_error(form: Form, values: dict) -> dict:
    """The same counts with one row whose Tổng số does not match its parts (an error)."""
    broken = dict(values)
    key = form.rows[0].key
    broken[(key, "total")] = int(broken.get((key, "total")) or 0) + 7
    return broken


def make_inbox(form: Form, inbox: Path, fills: dict[str, dict]) -> dict[str, Path]:
    """One returned file per unit code in ``fills``; the other units send nothing."""
    written = {}
    for code, values in fills.items():
        unit = form.units_by_code[code]
        written[code] = write_template(form, unit, inbox / template_name(unit), sample_values=values)
    return written


def consolidated(form: Form, tmp: Path, include_invalid: bool = False):
    """Check ``tmp/inbox`` and write ``tmp/outbox/tong-hop.xlsx``."""
    (tmp / "inbox").mkdir(parents=True, exist_ok=True)
    report = check(form, tmp / "inbox", workers=1)
    return report, consolidate(report, tmp / "outbox" / "tong-hop.xlsx", include_invalid=include_invalid)


def expected_sums(form: Form, fills: dict[str, dict], codes) -> dict[tuple[str, str], int]:
    return {(row.key, role): sum(int(fills[c].get((row.key, role)) or 0) for c in codes)
            for row in form.rows for role in COUNT_ROLES if row.applies(role)}


# --- reading the summary -----------------------------------------------------------------------------

def calamine(path: Path) -> dict[str, list[list]]:
    book = CalamineWorkbook.from_path(str(path))
    try:
        return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    finally:
        book.close()


def at(rows: list[list], ref: str):
    letters, digits = re.fullmatch(r"\$?([A-Z]+)\$?(\d+)", ref).groups()
    r, c = int(digits) - 1, column_index_from_string(letters) - 1
    return rows[r][c] if r < len(rows) and c < len(rows[r]) else ""


def key_rows(ws) -> dict[str, int]:
    """Row of each form key on a table sheet, from the hidden key column."""
    return {ws[f"{KEY_COL}{r}"].value: r for r in range(1, ws.max_row + 1) if ws[f"{KEY_COL}{r}"].value}


def summary_numbers(form: Form, path: Path) -> dict[tuple[str, str], object]:
    """The cached numbers of the summary sheet's award cells, by (row key, role)."""
    ws = openpyxl.load_workbook(path)[SHEETS["summary"]]
    rows = calamine(path)[SHEETS["summary"]]
    keys = key_rows(ws)
    return {(row.key, role): at(rows, f"{COL[role]}{keys[row.key]}")
            for row in form.rows for role in COUNT_ROLES if row.applies(role)}


def table(rows: list[list], header: tuple[str, ...], skip: int = 0) -> tuple[int, list[dict]]:
    """The records under the first row that starts with ``header`` (and ``skip`` more header rows)."""
    start = next(i for i, row in enumerate(rows) if tuple(row[:len(header)]) == header)
    records = []
    for row in rows[start + 1 + skip:]:
        if row[0] == "":
            break
        records.append(dict(zip(header, row)))
    return start, records


# --- a formula evaluator over the workbook's own cells -------------------------------------------------

REF = r"(?:(?:'(?:[^']|'')+'|[A-Za-z0-9_.]+)!)?\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?"


class Evaluator:
    """Just enough of Excel for the formulas a summary may contain: +, SUM, SUMIFS."""

    def __init__(self, path: Path):
        self.values = calamine(path)

    def cells(self, ref: str, here: str) -> list:
        sheet, _, area = ref.rpartition("!")
        sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else (sheet or here)
        first, _, last = area.replace("$", "").partition(":")
        last = last or first
        (c1, r1), (c2, r2) = (re.fullmatch(r"([A-Z]+)(\d+)", x).groups() for x in (first, last))
        rows = self.values[sheet]
        return [at(rows, f"{_col(c)}{r}") for r in range(int(r1), int(r2) + 1)
                for c in range(column_index_from_string(c1), column_index_from_string(c2) + 1)]

    def __call__(self, formula: str, here: str) -> float:
        body = formula.removeprefix("=")
        if m := re.fullmatch(r"SUMIFS\((.*)\)", body):
            args = _split(m.group(1))
            total = self.cells(args[0], here)
            keep = [True] * len(total)
            for rng, criterion in zip(args[1::2], args[2::2]):
                for i, v in enumerate(self.cells(rng, here)):
                    keep[i] = keep[i] and _matches(v, criterion)
            return sum(_num(v) for v, k in zip(total, keep) if k)
        if body.startswith("SUM("):
            return sum(_num(v) for ref in re.findall(REF, body) for v in self.cells(ref, here))
        if re.fullmatch(rf"{REF}(\+{REF})*", body):
            return sum(_num(v) for ref in body.split("+") for v in self.cells(ref, here))
        raise AssertionError(f"a formula this evaluator does not know: {formula}")


def _col(index: int) -> str:
    return openpyxl.utils.get_column_letter(index)


def _split(text: str) -> list[str]:
    out, depth, quote, cur = [], 0, None, ""
    for ch in text:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "," and depth == 0:
            out.append(cur)
            cur = ""
            continue
        cur += ch
    return out + [cur]


def _matches(value, criterion: str) -> bool:
    if criterion.startswith('"'):
        text = criterion[1:-1].replace('""', '"')
        text = text[1:] if text.startswith("=") else text
        text = re.sub(r"~(.)", r"\1", text)
        return isinstance(value, str) and value.casefold() == text.casefold()
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == float(criterion)


def _num(value) -> float:
    return value if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def formula_cells(path: Path) -> dict[str, dict[str, str]]:
    wb = openpyxl.load_workbook(path)
    return {ws.title: {c.coordinate: c.value for row in ws.iter_rows() for c in row if c.data_type == "f"}
            for ws in wb.worksheets}


# --- fixtures ------------------------------------------------------------------------------------------

@dataclasses.dataclass
class Round:
    tmp: Path
    fills: dict[str, dict]
    bad: str      # the unit whose file has an error
    missing: str  # the unit that sent nothing
    report: Report
    result: object


@pytest.fixture(scope="module")
def round_(default_form, tmp_path_factory) -> Round:
    """The default form: five valid returns, one with an error, one unit missing."""
    tmp = tmp_path_factory.mktemp("round")
    rng = random.Random(7)
    *senders, missing = default_form.units
    fills = {u.code: sample(default_form, rng) for u in senders}
    bad = senders[1].code
    fills[bad] = with_error(default_form, fills[bad])
    make_inbox(default_form, tmp / "inbox", fills)
    report, result = consolidated(default_form, tmp)
    return Round(tmp, fills, bad, missing.code, report, result)


# --- totals ----------------------------------------------------------------------------------------------

count = st.one_of(st.none(), st.integers(0, 10**6))  # None: the cell is left blank


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_summary_totals_equal_the_sum_of_included_units(default_form, data):
    form = default_form
    fills, valid = {}, []
    for unit in form.units[:3]:
        if not data.draw(st.booleans(), label=f"{unit.code} sends"):
            continue
        values: dict[tuple[str, str], object] = {}
        for row in form.rows:
            parts = {role: data.draw(count) for role in ("collective", "individual") if row.applies(role)}
            values.update({(row.key, role): n for role, n in parts.items() if n is not None})
            if any(n is not None for n in parts.values()):
                values[(row.key, "total")] = sum(n or 0 for n in parts.values())
        if data.draw(st.booleans(), label=f"{unit.code} has an error"):
            values = with_error(form, values)
        else:
            valid.append(unit.code)
        fills[unit.code] = values
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        make_inbox(form, tmp / "inbox", fills)
        _report, result = consolidated(form, tmp)
        assert sorted(result.included) == sorted(valid)
        expected = expected_sums(form, fills, valid)
        found = summary_numbers(form, result.path)
        assert found == {k: float(v) for k, v in expected.items()}
        # Section and grand totals, and the per-unit sheet's totals row, agree with the same sums.
        ws = openpyxl.load_workbook(result.path)[SHEETS["summary"]]
        rows = calamine(result.path)[SHEETS["summary"]]
        keys = key_rows(ws)
        for role in COUNT_ROLES:
            grand = sum(v for (k, r), v in expected.items() if r == role)
            assert at(rows, f"{COL[role]}{keys['_total']}") == grand
            for section in form.sections:
                sub = sum(expected.get((r.key, role), 0) for r in section.rows)
                assert at(rows, f"{COL[role]}{keys[section.key]}") == sub
        by_unit = calamine(result.path)[SHEETS["by_unit"]]
        total_row = next(r for r in by_unit if r[0] == texts.BY_UNIT_TOTAL)
        grand_total = sum(v for (k, r), v in expected.items() if r == "total")
        assert total_row[len(texts.BY_UNIT_COLUMNS)] == grand_total  # the Tổng cộng group's Tổng số


def test_excluded_and_missing_units_are_listed_with_reasons_and_not_summed(default_form, round_):
    form, result = default_form, round_.result
    names = {u.code: u.name for u in form.units}
    assert result.missing == [round_.missing]
    assert list(result.excluded) == [round_.bad]
    assert round_.bad not in result.included and round_.missing not in result.included
    included = [c for c in round_.fills if c != round_.bad]
    assert sorted(result.included) == sorted(included)
    found = summary_numbers(form, result.path)
    assert found == {k: float(v) for k, v in expected_sums(form, round_.fills, included).items()}

    rows = calamine(result.path)[SHEETS["status"]]
    _start, records = table(rows, texts.STATUS_SHEET_COLUMNS)
    by_code = {r["Mã"]: r for r in records}
    assert list(by_code) == [u.code for u in form.units]  # every unit, missing ones included
    bad, missing = by_code[round_.bad], by_code[round_.missing]
    assert bad["Tình trạng"] == texts.STATUS_LABELS["error"]
    assert bad["Tính vào tổng hợp"] == texts.NO
    bad_unit = next(u for u in round_.report.units if u.code == round_.bad)
    first_error = next(i.message for i in bad_unit.issues if i.severity == ERROR)
    assert first_error in bad["Lý do"] and first_error in result.excluded[round_.bad]
    assert bad["Số lỗi"] >= 1
    assert missing["Tình trạng"] == texts.STATUS_LABELS["missing"]
    assert missing["Tính vào tổng hợp"] == texts.NO
    assert missing["Lý do"] == texts.REASON_MISSING
    assert missing["Tệp được dùng"] == "" and missing["Gửi đúng hạn"] == texts.DASH
    for code in included:
        assert by_code[code]["Tính vào tổng hợp"] == texts.YES
        assert re.fullmatch(r"[0-9a-f]{64}", by_code[code]["Mã SHA-256 của tệp"])
        assert isinstance(by_code[code]["Lưu lúc (giờ Việt Nam)"], dt.datetime)

    first = calamine(result.path)[SHEETS["summary"]]
    lines = [row[0] for row in first[:10] if row and isinstance(row[0], str)]
    status = next(line for line in lines if line.startswith(texts.SUMMARY_INCLUDED.format(
        included=len(included), total=len(form.units))))
    assert names[round_.missing] in status and names[round_.bad] in status
    assert result.line in status
    assert not any(line.startswith("CHÚ Ý") for line in lines)


def test_include_invalid_sums_units_with_errors_and_says_so_in_red(default_form, round_, tmp_path):
    form = default_form
    report = check(form, round_.tmp / "inbox", workers=1)
    result = consolidate(report, tmp_path / "with-errors.xlsx", include_invalid=True)
    included = list(round_.fills)
    assert sorted(result.included) == sorted(included) and result.excluded == {}
    found = summary_numbers(form, result.path)
    assert found == {k: float(v) for k, v in expected_sums(form, round_.fills, included).items()}
    ws = openpyxl.load_workbook(result.path)[SHEETS["summary"]]
    bad_name = form.units_by_code[round_.bad].name
    warning = [c for row in ws.iter_rows(max_row=10) for c in row
               if isinstance(c.value, str) and bad_name in c.value and "include-invalid" in c.value]
    assert warning, "the first sheet must say that numbers with errors are included"
    assert warning[0].font.color.rgb.endswith("C00000") and warning[0].font.b
    rows = calamine(result.path)[SHEETS["status"]]
    _start, records = table(rows, texts.STATUS_SHEET_COLUMNS)
    bad = next(r for r in records if r["Mã"] == round_.bad)
    assert bad["Tính vào tổng hợp"] == texts.YES and "include-invalid" in bad["Lý do"]


def test_rejected_superseded_and_ignored_files_are_listed_with_reasons(default_form, tmp_path):
    form = default_form
    rng = random.Random(3)
    first, second = form.units[0], form.units[1]
    inbox = tmp_path / "inbox"
    old = write_template(form, first, inbox / "cu" / template_name(first), sample_values=sample(form, rng))
    os.utime(old, (1_600_000_000, 1_600_000_000))
    write_template(form, first, inbox / "moi" / template_name(first), sample_values=sample(form, rng))
    (inbox / f"{second.code}-khong-phai-bang-tinh.xlsx").write_bytes(b"not a workbook at all" * 20)
    (inbox / "Thumbs.db").write_bytes(b"x")
    report = check(form, inbox, workers=1)
    result = consolidate(report, tmp_path / "out.xlsx")
    rows = calamine(result.path)[SHEETS["status"]]
    _start, records = table(rows, texts.OTHER_FILES_COLUMNS)
    statuses = {r["Tệp"]: r["Tình trạng"] for r in records}
    others = [f for f in report.files if f.status != ACCEPTED]
    assert len(records) == len(others) >= 3
    for f in others:
        assert statuses[f.path] == texts.STATUS_LABELS[f.status]
    assert all(r["Lý do"] for r in records)


# --- every formula -------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ["default", "second"])
def test_every_formula_cached_value_equals_its_result(which, default_form, second_form, tmp_path):
    form = default_form if which == "default" else second_form
    rng = random.Random(11)
    fills = {u.code: sample(form, rng, 500) for u in form.units[:-1]}
    bad = form.units[0].code
    fills[bad] = with_error(form, fills[bad])
    make_inbox(form, tmp_path / "inbox", fills)
    _report, result = consolidated(form, tmp_path)
    evaluate = Evaluator(result.path)
    formulas = formula_cells(result.path)
    assert formulas[SHEETS["summary"]] and formulas[SHEETS["by_unit"]]
    checked = 0
    for sheet, cells in formulas.items():
        for ref, formula in cells.items():
            cached = at(evaluate.values[sheet], ref)
            assert cached == evaluate(formula, sheet), (sheet, ref, formula)
            checked += 1
    assert checked >= 3 * len(form.rows)
    # The summary's award cells are formulas over the data sheet, so a person can trace them.
    summary = formulas[SHEETS["summary"]]
    keys = key_rows(openpyxl.load_workbook(result.path)[SHEETS["summary"]])
    for row in form.rows:
        formula = summary[f"{COL['total']}{keys[row.key]}"]
        assert f"'{SHEETS['data']}'!" in formula and row.key in formula


# --- text from a province --------------------------------------------------------------------------------

HOSTILE = ["=1+1", '=HYPERLINK("http://x","y")', "@x", "+1", "-1", "http://example.com/a"]


def test_province_text_arrives_as_the_same_text(default_form, tmp_path):
    form = default_form
    rng = random.Random(5)
    values = sample(form, rng)
    for row, text in zip(form.rows, HOSTILE):
        values[(row.key, "note")] = text
    unit = form.units[0]
    inbox = tmp_path / "inbox"
    write_template(form, unit, inbox / ("=1+1 " + template_name(unit)), sample_values=values)
    report = check(form, inbox, workers=1)
    assert report.units[0].file is not None
    result = consolidate(report, tmp_path / "out.xlsx")
    wb = openpyxl.load_workbook(result.path)
    data = wb[SHEETS["data"]]
    header = [c.value for c in data[1]]
    note_col = header.index(form.columns["note"]) + 1
    file_col = header.index(texts.DATA_SOURCE_FILE) + 1
    notes = {data.cell(r, 3).value: data.cell(r, note_col) for r in range(2, data.max_row + 1)}
    for row, text in zip(form.rows, HOSTILE):
        assert notes[row.key].value == text and notes[row.key].data_type == "s"
    source = data.cell(2, file_col)
    assert source.value.startswith("=1+1 ") and source.data_type == "s"
    status = wb[SHEETS["status"]]
    file_cells = [c for row in status.iter_rows() for c in row if c.value == source.value]
    assert file_cells and all(c.data_type == "s" for c in file_cells)
    unit_sheet = wb.worksheets[len(SHEETS)]
    on_unit_sheet = {c.value: c for row in unit_sheet.iter_rows() for c in row if c.value in HOSTILE}
    assert set(on_unit_sheet) == set(HOSTILE) and all(c.data_type == "s" for c in on_unit_sheet.values())
    for ws in wb.worksheets:
        assert not ws._hyperlinks, ws.title
    with zipfile.ZipFile(result.path) as zf:
        assert not [n for n in zf.namelist() if "hyperlink" in n or n.endswith(".rels") and
                    b"TargetMode=\"External\"" in zf.read(n)]


def test_clean_removes_characters_xml_forbids_and_caps_the_length():
    assert clean("a\x00b\x07c\x1fd\te\nf\r\ng\rh") == "abcd\te\nf\ng\nh"
    assert clean("x" * 40000) == "x" * 32767
    emoji = "😀" * 20000  # two UTF-16 units each: Excel's limit counts those
    assert len(clean(emoji).encode("utf-16-le")) <= 2 * 32767
    assert clean("=1+1") == "=1+1"


# --- the data sheet and pandas ---------------------------------------------------------------------------

@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
def test_data_sheet_reads_cleanly_with_pandas_and_points_at_source_cells(default_form, round_, engine):
    form, result = default_form, round_.result
    # Unit codes are text ("07438"); pandas turns digit-only text into numbers unless told otherwise.
    frame = pd.read_excel(result.path, sheet_name=SHEETS["data"], engine=engine,
                          dtype={texts.DATA_UNIT_CODE: str})
    counts = [form.columns[r] for r in COUNT_ROLES]
    assert list(frame.columns) == [texts.DATA_UNIT_CODE, texts.DATA_UNIT_NAME, texts.DATA_ROW_KEY,
                                   form.columns["label"], *counts, form.columns["note"],
                                   texts.DATA_SOURCE_FILE, texts.DATA_SOURCE_CELLS, texts.DATA_INCLUDED]
    accepted = [u.code for u in round_.report.units if u.file is not None]
    assert len(frame) == len(accepted) * len(form.rows)
    assert list(frame[texts.DATA_UNIT_CODE].unique()) == accepted
    for column in counts:
        assert pd.api.types.is_numeric_dtype(frame[column]), column
    assert pd.api.types.is_integer_dtype(frame[texts.DATA_INCLUDED])
    assert all(isinstance(v, str) for v in frame[texts.DATA_UNIT_CODE])
    assert frame[form.columns["note"]].isna().all()  # blank stays blank, not "" or 0
    not_applicable = [(r.key, form.columns[role]) for r in form.rows for role in COUNT_ROLES
                      if not r.applies(role)]
    for key, column in not_applicable:
        assert frame.loc[frame[texts.DATA_ROW_KEY] == key, column].isna().all()
    flags = dict(zip(frame[texts.DATA_UNIT_CODE], frame[texts.DATA_INCLUDED]))
    assert flags[round_.bad] == 0 and all(flags[c] == 1 for c in accepted if c != round_.bad)
    # Every number can be found again in the province's file, at the cell the row names.
    for record in frame.itertuples(index=False):
        record = dict(zip(frame.columns, record))
        source = round_.tmp / "inbox" / record[texts.DATA_SOURCE_FILE]
        sheet, _, area = record[texts.DATA_SOURCE_CELLS].rpartition("!")
        letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", area.split(":")[0]).groups()
        cells = calamine(source)[sheet.strip("'")]
        for i, role in enumerate(COUNT_ROLES):  # the cells run Tổng số, Tập thể, Cá nhân, Ghi chú
            found = at(cells, f"{_col(column_index_from_string(letters) + i)}{digits}")
            wanted = record[form.columns[role]]
            if pd.isna(wanted):
                assert found in ("", texts.NOT_APPLICABLE)
            else:
                assert found == wanted
    # The library's DataFrame is the same table.
    tidy = tidy_frame(round_.report)
    assert list(tidy.columns) == list(frame.columns)
    assert all(str(tidy[c].dtype) == "Int64" for c in counts)
    pd.testing.assert_frame_equal(tidy.astype({c: "float64" for c in counts}).astype(object),
                                  frame.astype(object), check_dtype=False)


def test_second_form_keeps_unit_codes_as_text(second_form, tmp_path):
    form = second_form
    rng = random.Random(2)
    fills = {u.code: sample(form, rng) for u in form.units}
    make_inbox(form, tmp_path / "inbox", fills)
    report, result = consolidated(form, tmp_path)
    frame = pd.read_excel(result.path, sheet_name=SHEETS["data"], engine="openpyxl",
                          dtype={texts.DATA_UNIT_CODE: str})
    assert set(frame[texts.DATA_UNIT_CODE]) == {u.code for u in form.units}  # "07438" keeps its zero
    assert set(tidy_frame(report)[texts.DATA_UNIT_CODE]) == {u.code for u in form.units}
    assert list(frame.columns)[4:7] == [form.columns[r] for r in COUNT_ROLES]
    assert summary_numbers(form, result.path) == {
        k: float(v) for k, v in expected_sums(form, fills, list(fills)).items()}


# --- writing safely -----------------------------------------------------------------------------------------

def test_an_interrupted_write_leaves_the_previous_summary_intact(default_form, round_, tmp_path, monkeypatch):
    target = tmp_path / "tong-hop.xlsx"
    consolidate(round_.report, target)
    before = target.read_bytes()

    def broken_close(self):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", broken_close)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        consolidate(round_.report, target, include_invalid=True)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert openpyxl.load_workbook(target).sheetnames[0] == SHEETS["summary"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong-hop.xlsx"]


def test_a_target_open_elsewhere_keeps_the_new_summary_beside_it(round_, tmp_path, monkeypatch):
    target = tmp_path / "tong-hop.xlsx"
    consolidate(round_.report, target)
    before = target.read_bytes()
    real_replace = os.replace

    def refusing_replace(src, dst):
        if Path(dst) == target:
            raise PermissionError(13, "The process cannot access the file", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", refusing_replace)
    result = consolidate(round_.report, target, include_invalid=True)
    monkeypatch.undo()
    assert target.read_bytes() == before
    assert result.kept_beside is not None and result.path == result.kept_beside
    assert result.kept_beside.parent == tmp_path and result.kept_beside.suffix == ".xlsx"
    assert result.kept_beside.name.startswith("tong-hop (moi ")
    assert str(result.kept_beside) in result.notice and str(target) in result.notice
    assert openpyxl.load_workbook(result.kept_beside).sheetnames[0] == SHEETS["summary"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, result.kept_beside.name])


def test_writing_leaves_the_cycle_collector_as_it_found_it(round_, tmp_path, monkeypatch):
    assert gc.isenabled()
    consolidate(round_.report, tmp_path / "a.xlsx")
    assert gc.isenabled()

    def broken_close(self):
        raise RuntimeError("disk unplugged")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", broken_close)
    with pytest.raises(RuntimeError, match="disk unplugged"):
        consolidate(round_.report, tmp_path / "b.xlsx")
    monkeypatch.undo()
    assert gc.isenabled()
    gc.disable()  # a caller that holds it off itself gets it back held off
    try:
        consolidate(round_.report, tmp_path / "c.xlsx")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_same_inbox_gives_the_same_workbook(default_form, round_, tmp_path):
    again = check(default_form, round_.tmp / "inbox", workers=1)
    second = consolidate(again, tmp_path / "again.xlsx")
    with zipfile.ZipFile(round_.result.path) as a, zipfile.ZipFile(second.path) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            assert a.read(name) == b.read(name), name
        core = a.read("docProps/core.xml").decode()
    as_of = round_.report.as_of.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert f">{as_of}</dcterms:created>" in core


# --- the sheets ------------------------------------------------------------------------------------------

def test_sheets_come_in_order_with_one_sheet_per_returned_unit(default_form, round_):
    wb = openpyxl.load_workbook(round_.result.path)
    fixed = list(SHEETS.values())
    assert wb.sheetnames[:len(fixed)] == fixed
    unit_sheets = wb.sheetnames[len(fixed):]
    returned = [u.code for u in default_form.units if u.code in round_.fills]
    assert len(unit_sheets) == len(returned) == len(set(n.casefold() for n in unit_sheets))
    for name, code in zip(unit_sheets, returned):
        assert name.startswith(f"{code}-") and len(name) <= 31 and name.isascii()
        ws = wb[name]
        texts_on_sheet = [c.value for row in ws.iter_rows(max_row=8) for c in row if isinstance(c.value, str)]
        used = next(u.file.path for u in round_.report.units if u.code == code)
        assert any(used in t for t in texts_on_sheet)
    summary = wb[SHEETS["summary"]]
    assert summary.page_setup.paperSize == 9 and summary.sheet_properties.pageSetUpPr.fitToPage
    assert summary.print_title_rows
    keys = key_rows(summary)
    assert [summary[f"B{keys[r.key]}"].value for r in default_form.rows] == [r.label for r in default_form.rows]
    assert [summary[f"B{keys[s.key]}"].value for s in default_form.sections] == [
        s.label for s in default_form.sections]
    assert summary[f"B{keys['_total']}"].value == default_form.grand_total
    fonts = {c.font.name for row in summary.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_by_unit_sheet_has_a_row_per_unit_with_totals_filters_and_frozen_headers(default_form, round_):
    form = default_form
    wb = openpyxl.load_workbook(round_.result.path)
    ws = wb[SHEETS["by_unit"]]
    rows = calamine(round_.result.path)[SHEETS["by_unit"]]
    start, records = table(rows, texts.BY_UNIT_COLUMNS, skip=1)
    assert records[-1]["STT"] == texts.BY_UNIT_TOTAL
    records = records[:-1]
    assert [r["Mã"] for r in records] == [u.code for u in form.units]
    missing = next(r for r in records if r["Mã"] == round_.missing)
    assert missing["Tình trạng"] == texts.STATUS_LABELS["missing"]
    missing_row = rows[start + 2 + [r["Mã"] for r in records].index(round_.missing)]
    assert all(v == "" for v in missing_row[len(texts.BY_UNIT_COLUMNS):])
    groups = {c.value for c in ws[start + 1] if isinstance(c.value, str)}
    assert {r.label for r in form.rows} <= groups and form.grand_total in groups
    assert {c.value for c in ws[start + 2] if c.value} == {form.columns[r] for r in COUNT_ROLES}
    merged = {str(m) for m in ws.merged_cells.ranges}
    assert any(m.endswith(str(start + 1)) and ":" in m for m in merged)
    assert ws.freeze_panes and ws.auto_filter.ref
    assert rows[start + 2 + len(records)][0] == texts.BY_UNIT_TOTAL


def test_findings_sheet_lists_every_finding_with_a_filter(default_form, round_):
    wb = openpyxl.load_workbook(round_.result.path)
    ws = wb[SHEETS["findings"]]
    assert tuple(c.value for c in ws[1]) == texts.FINDINGS_COLUMNS
    assert ws.auto_filter.ref and ws.freeze_panes == "A2"
    frame = pd.read_excel(round_.result.path, sheet_name=SHEETS["findings"], engine="openpyxl",
                          dtype={"Mã đơn vị": str})
    every = [i for f in round_.report.files for i in f.issues]
    assert len(frame) == len(every) > 0
    assert sorted(frame["Mã lỗi"]) == sorted(i.code for i in every)
    assert set(frame["Nội dung"]) == {i.message for i in every}
    assert set(frame["Mức độ"]) <= set(texts.SEVERITY_LABELS.values())


def test_the_chart_is_a_native_stacked_column_chart(round_):
    with zipfile.ZipFile(round_.result.path) as zf:
        chart = zf.read("xl/charts/chart1.xml").decode()
    assert '<c:grouping val="stacked"/>' in chart and "<c:barChart>" in chart
    assert chart.count("<c:ser>") == 2 and f"'{SHEETS['chart']}'!" in chart


# --- many units ---------------------------------------------------------------------------------------

def many_unit_form(base: Form, count: int) -> Form:
    units = tuple(Unit(code=f"{i:03d}", name=f"Đơn vị thứ {i}", role="thanh-vien") for i in range(1, count + 1))
    return dataclasses.replace(base, units=units)


def synthetic_report(form: Form, rng: random.Random, inbox: Path) -> tuple[Report, dict]:
    """A report as ``check`` would give it, without writing hundreds of files."""
    units, files, fills = [], [], {}
    moment = dt.datetime(2020, 7, 1, 3, 0, tzinfo=dt.timezone.utc)
    for i, unit in enumerate(form.units):
        if i % 10 == 9:
            units.append(UnitResult(unit.code, unit.name, unit.role, "missing"))
            continue
        values = sample(form, rng, 30 + i)
        fills[unit.code] = values
        f = FileResult(path=f"{unit.code}.xlsx", status=ACCEPTED, sha256="0" * 64, unit=unit.code, kind="xlsx",
                       saved_at=moment + dt.timedelta(minutes=i), sheet=form.sheet,
                       values={r.key: {role: values.get((r.key, role)) if r.applies(role) else None
                                       for role in COUNT_ROLES} for r in form.rows},
                       cells={r.key: {role: f"{c}{12 + n}" for role, c in zip((*COUNT_ROLES, "note"), "CDEF")}
                              for n, r in enumerate(form.rows)})
        files.append(f)
        units.append(UnitResult(unit.code, unit.name, unit.role, "valid", f))
    return Report(form=form, inbox=inbox, units=units, files=files), fills


def test_many_units_chart_shows_the_top_thirty_and_no_unit_sheets(default_form, tmp_path):
    form = many_unit_form(default_form, 60)
    report, fills = synthetic_report(form, random.Random(9), tmp_path)
    result = consolidate(report, tmp_path / "many.xlsx")
    wb = openpyxl.load_workbook(result.path)
    assert wb.sheetnames == list(SHEETS.values())
    rows = calamine(result.path)[SHEETS["chart"]]
    assert "30" in rows[0][0] and str(len(fills)) in rows[0][0]
    header = (texts.CHART_UNIT, form.columns["collective"], form.columns["individual"], form.columns["total"])
    start, records = table(rows, header)
    assert len(records) == 30
    totals = {u.name: sum(v for (k, r), v in fills[u.code].items() if r == "total")
              for u in form.units if u.code in fills}
    top = sorted(totals.values(), reverse=True)[:30]
    assert [r[form.columns["total"]] for r in records] == top
    with zipfile.ZipFile(result.path) as zf:
        chart = zf.read("xl/charts/chart1.xml").decode()
    assert f"'{SHEETS['chart']}'!$A${start + 2}:$A${start + 31}" in chart
    found = summary_numbers(form, result.path)
    assert found == {k: float(v) for k, v in expected_sums(form, fills, list(fills)).items()}
    frame = tidy_frame(report)
    assert len(frame) == len(fills) * len(form.rows)


def test_an_empty_inbox_still_gives_a_readable_summary(default_form, tmp_path):
    report, result = consolidated(default_form, tmp_path)
    assert result.included == [] and len(result.missing) == len(default_form.units)
    assert set(summary_numbers(default_form, result.path).values()) == {0}
    rows = calamine(result.path)[SHEETS["chart"]]
    assert any(texts.CHART_EMPTY in row for row in rows)
    assert pd.read_excel(result.path, sheet_name=SHEETS["data"], engine="openpyxl").empty
    evaluate = Evaluator(result.path)
    for sheet, cells in formula_cells(result.path).items():
        for ref, formula in cells.items():
            assert at(evaluate.values[sheet], ref) == evaluate(formula, sheet)


def odd_key_form(base: Form, keys: list[str]) -> Form:
    """A form whose row keys look like SUMIFS wildcards, comparisons or differ only in case."""
    rows = tuple(Row(key=k, label=f"Dòng {i}", section="s") for i, k in enumerate(keys, start=1))
    return dataclasses.replace(many_unit_form(base, 4), sections=(Section("s", "I", "Phần", rows),))


ODD_KEYS = ["a*b", "a?b", "a~b", "=x", "<y", ">z", 'q"r', "ab", "aXb"]


def test_row_keys_that_look_like_wildcards_match_only_themselves(default_form, tmp_path):
    form = odd_key_form(default_form, ODD_KEYS)
    report, fills = synthetic_report(form, random.Random(4), tmp_path)
    result = consolidate(report, tmp_path / "odd.xlsx")
    assert summary_numbers(form, result.path) == {
        k: float(v) for k, v in expected_sums(form, fills, list(fills)).items()}
    evaluate = Evaluator(result.path)
    for ref, formula in formula_cells(result.path)[SHEETS["summary"]].items():
        assert at(evaluate.values[SHEETS["summary"]], ref) == evaluate(formula, SHEETS["summary"])


# --- LibreOffice ----------------------------------------------------------------------------------------

@pytest.mark.libreoffice
def test_libreoffice_prints_the_summary_and_recalculates_every_formula_to_its_cached_value(round_, tmp_path):
    require_libreoffice(uno=True)
    pdf = convert(round_.result.path, "pdf", tmp_path)
    assert pdf.read_bytes().startswith(b"%PDF")
    inspection = inspect_workbook(round_.result.path)
    assert sum(len(cells) for cells in inspection.formulas.values()) > 0
    assert inspection.formula_mismatches() == []


@pytest.mark.libreoffice
@pytest.mark.parametrize("keys", [ODD_KEYS, ["k", "K", "k*"]], ids=["wildcards", "case"])
def test_libreoffice_agrees_on_formulas_over_awkward_row_keys(default_form, tmp_path, keys):
    require_libreoffice(uno=True)
    form = odd_key_form(default_form, keys)
    report, _fills = synthetic_report(form, random.Random(4), tmp_path)
    result = consolidate(report, tmp_path / "odd.xlsx")
    assert inspect_workbook(result.path).formula_mismatches() == []
