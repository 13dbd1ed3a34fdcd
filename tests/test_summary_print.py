"""The summary on paper: every sheet rendered to PDF by LibreOffice, its pages counted and read back.

pdftotext (poppler-utils) reads the pages back with each word's box: a sheet's words must all be
there (nothing cut), no word may overlap another (wrapped text spilling into the next row), and
text must be of a size one reads on A4.
"""

from __future__ import annotations

import html
import random
import re
import shutil
import statistics
import subprocess
from collections import defaultdict
from pathlib import Path

import openpyxl
import pytest

from tests.support.libreoffice import convert
from tests.test_summary import sample, with_error
from toolkit import texts
from toolkit.checks.run import check
from toolkit.write.summary import consolidate
from toolkit.write.summary_tables import BY_UNIT_COLUMNS, page_groups
from toolkit.write.template import template_name, write_template

pytestmark = pytest.mark.libreoffice

SHEETS = texts.SUMMARY_SHEETS
# What the first line of each sheet's printed pages says (a title row, or the page header).
MARKS = {"by_unit": texts.BY_UNIT_TITLE.split()[0:4], "status": texts.STATUS_SHEET_TITLE.split()[0:4],
         "findings": texts.FINDINGS_SHEET_TITLE.split()[0:4], "data": texts.DATA_SHEET_TITLE.split()[0:4]}
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')


@pytest.fixture(scope="module")
def printed(default_form, tmp_path_factory):
    """A round with one unit in error (included), one missing; its summary and the summary's PDF pages."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    tmp = tmp_path_factory.mktemp("print")
    form, rng = default_form, random.Random(30)
    for n, unit in enumerate(form.units[:-1]):
        values = sample(form, rng, top=400)
        if n == 1:
            values = with_error(form, values)
            values[(form.rows[2].key, "note")] = ("Đã trình Thủ tướng Chính phủ, chờ quyết định; "
                                                 "số liệu sẽ bổ sung khi có quyết định khen thưởng.")
        write_template(form, unit, tmp / "inbox" / "2020-07-05" / template_name(unit), sample_values=values)
    report = check(form, tmp / "inbox", workers=1)
    summary = consolidate(report, tmp / "tong-hop.xlsx", include_invalid=True).path
    pdf = convert(summary, "pdf", tmp)
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in bbox.split("<page ")[1:]:
        pages.append([(float(a), float(b), float(c), float(d), _unescape(w)) for a, b, c, d, w in WORD.findall(page)])
    by_sheet = defaultdict(list)
    for words in pages:
        head = [w[4] for w in sorted(words, key=lambda w: (round(w[1]), w[0]))[:12]]
        sheet = next((key for key, mark in MARKS.items() if _starts(head, mark)), None)
        by_sheet[sheet].append(words)
    return summary, by_sheet


def _unescape(word: str) -> str:
    return html.unescape(word)


def _starts(head: list[str], mark: list[str]) -> bool:
    return any(head[i:i + len(mark)] == mark for i in range(len(head)))


def _cell_words(summary: Path, sheet: str, first_row: int = 1) -> list[str]:
    ws = openpyxl.load_workbook(summary)[sheet]
    return [word for row in ws.iter_rows(min_row=first_row) for c in row
            if isinstance(c.value, str) and not c.value.startswith("=") for word in c.value.split()]


def _found(word: str, printed_words: set[str]) -> bool:
    """``word`` is on the page, whole or in pieces on consecutive lines (a long file name or
    SHA-256 wraps inside the word)."""
    if word in printed_words:
        return True
    return any(word[:i] in printed_words and _found(word[i:], printed_words) for i in range(1, len(word)))


def _overlapping(words) -> list[tuple[str, str]]:
    """Pairs of words whose boxes overlap: text of one row drawn over another's."""
    found = []
    ordered = sorted(words, key=lambda w: w[0])
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b[0] >= a[2] - 0.5:
                break
            height = min(a[3] - a[1], b[3] - b[1])
            if min(a[3], b[3]) - max(a[1], b[1]) > 0.4 * height:
                found.append((a[4], b[4]))
    return found


def test_theo_don_vi_prints_in_page_groups_that_repeat_the_unit_columns(printed, default_form):
    summary, by_sheet = printed
    pages = by_sheet["by_unit"]
    groups = 1 + len(default_form.rows)
    expected = 1 + len(page_groups([col.width for col in BY_UNIT_COLUMNS], groups))
    assert len(pages) == expected <= 4, "one page tall for seven units, a few readable pages wide"
    for words in pages:
        text = [w[4] for w in words]
        assert all(u.name.split()[-1] in text for u in default_form.units), "every page says whose row it is"
        assert _starts(text, texts.BY_UNIT_TITLE.split()), "the title whole on every page, never cut mid-word"
    labels = " ".join(w[4] for words in pages for w in words)
    assert all(all(part in labels for part in row.label.split()) for row in default_form.rows)


@pytest.mark.parametrize("sheet", ["by_unit", "status", "findings", "data"])
def test_every_printed_sheet_is_readable_on_a4_and_no_cell_text_is_cut(printed, sheet):
    summary, by_sheet = printed
    pages = by_sheet[sheet]
    assert pages, f"sheet {SHEETS[sheet]} printed nothing"
    if sheet in ("status", "findings"):
        labels = texts.STATUS_SHEET_COLUMNS if sheet == "status" else texts.FINDINGS_COLUMNS
        for words in pages:  # one page wide: the first and the last heading on every page
            text = [w[4] for w in words]
            assert labels[0] in text and labels[-1].split()[-1] in text
        assert len(pages) <= 2
    on_paper = {w[4] for words in pages for w in words}
    missing = [w for w in _cell_words(summary, SHEETS[sheet]) if not _found(w, on_paper)]
    assert missing == [], f"cut or hidden on paper: {missing[:10]}"
    heights = [w[3] - w[1] for words in pages for w in words]
    assert statistics.median(heights) >= 9.0, "body text of about 8 pt or more (a word box is ~1.15 × the size)"
    for words in pages:
        assert _overlapping(words) == [], "wrapped text drawn over the next row"


def test_every_sheet_has_a_title_row_on_paper(printed):
    _summary, by_sheet = printed
    assert {"by_unit", "status", "findings", "data"} <= set(by_sheet)


def test_the_printed_summary_uses_one_font_family(printed):
    summary, _by_sheet = printed
    pdf = summary.with_suffix(".pdf")
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    names = {line.split()[0].split("+")[-1].split("-")[0].split(",")[0] for line in fonts.splitlines()[2:] if line}
    families = {re.sub(r"(Bold|Italic|Regular|MT|PS)+$", "", name) for name in names}
    assert len(families) == 1, names


def test_a_written_ghi_chu_longer_than_one_line_prints_whole_in_the_template(default_form, tmp_path):
    form = default_form
    key = next(r.key for r in form.rows if r.applies("collective") and r.applies("individual"))
    note = ("Đã trình Thủ tướng Chính phủ ngày 02/06/2020, chờ quyết định; số liệu sẽ bổ sung khi có quyết "
            "định khen thưởng chính thức của cấp có thẩm quyền.")
    path = write_template(form, form.units[1], tmp_path / "mau.xlsx",
                          {(key, "total"): 3, (key, "collective"): 1, (key, "individual"): 2, (key, "note"): note})
    pdf = convert(path, "pdf", tmp_path)
    bbox = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = [(float(a), float(b), float(c), float(d), _unescape(w)) for a, b, c, d, w in WORD.findall(bbox)]
    on_paper = {w[4] for w in words}
    assert [w for w in note.split() if not _found(w, on_paper)] == []
    assert _overlapping(words) == []
    # Clipped text is still in the PDF: the note's lines must lie between the rows above and below.
    i = [r.key for r in form.rows].index(key)
    label = min((w for w in words if w[4] == form.rows[i].label.split()[0]), key=lambda w: w[1])
    above = max(w[3] for w in words if w[4] == form.rows[i - 1].label.split()[0] and w[1] < label[1])
    below = min(w[1] for w in words if w[4] == form.rows[i + 1].label.split()[0] and w[1] > label[1])
    lines = [w for w in words if w[4] in note.split() and w[0] > label[2] + 100 and abs(w[1] - label[1]) < 80]
    assert lines and all(above <= w[1] and w[3] <= below for w in lines), "the note is cut by its row"


def test_the_list_of_cells_to_fix_prints_without_text_spilling_between_rows(default_form, tmp_path):
    from tests.returns import fill_values, valid_counts
    from toolkit.feedback import write_feedback

    form = default_form
    text_counts = {k: (str(v) if k[1] == "total" else v) for k, v in valid_counts(form, random.Random(4)).items()}
    template = write_template(form, form.units_by_code["74"], tmp_path / "74.xlsx")
    fill_values(template, tmp_path / "inbox" / "74.xlsx", text_counts, form=form)
    letter = next(x for x in write_feedback(check(form, tmp_path / "inbox", workers=1), tmp_path / "phan-hoi").letters
                  if x.code == "74")
    pdf = convert(letter.workbook, "pdf", tmp_path)
    bbox = subprocess.run(["pdftotext", "-bbox", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    words = [(float(a), float(b), float(c), float(d), _unescape(w)) for a, b, c, d, w in WORD.findall(bbox)]

    assert texts.FIXES["title"].split()[0] in {w[4] for w in words}
    assert len([w for w in words if w[4] == "cảnh"]) >= len(form.rows)  # every warning listed on page 1
    assert _overlapping(words) == []
