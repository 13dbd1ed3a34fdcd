"""For the conference: last period beside this one, the draft report, and the round's other
deliverables (documents and videos), each made from real files and read back with real readers
(openpyxl, python-docx, LibreOffice, pdftotext)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from support.libreoffice import convert
from tests.deliverable_files import PDF, counts, mp4_header, returned, video, word_document
from tests.returns import at, file_named
from toolkit import texts
from toolkit.checks.run import check
from toolkit.cli import app
from toolkit.compare import beside, unusual
from toolkit.deliverables import received
from toolkit.form import load_form
from toolkit.form_extras import Thresholds
from toolkit.intake import Limits
from toolkit.layout import table_layout
from toolkit.markers import TOTAL_KEY
from toolkit.names import report_path, summary_path
from toolkit.periods import new_form
from toolkit.write.report import write_report
from toolkit.write.summary import consolidate
from toolkit.write.summary_compare import TABLE_ROW

runner = CliRunner()

#: What changes between the periods: unit → row → (Tập thể, Cá nhân); every other row is (1, 1).
BEFORE = {"58": {"bang-khen-ubnd-tinh": (2, 2)}, "77": {"huan-chuong-lao-dong": (15, 15)},
          "74": {"anh-hung-lao-dong": (0, 0)}, "70": {"chien-sy-thi-dua-cap-tinh": (0, 5)}}
NOW = {"58": {"bang-khen-ubnd-tinh": (20, 20)}, "77": {"huan-chuong-lao-dong": (1, 2)},
       "74": {"anh-hung-lao-dong": (1, 1)}, "70": {"chien-sy-thi-dua-cap-tinh": (0, 12)}}


class Round:
    """Two periods of the default form: 2019 sent by every unit and consolidated into the outbox,
    2020 sent by all but the last unit, compared with 2019's summary found by itself."""

    def __init__(self, root: Path, form_file: Path):
        forms = root / "forms"
        forms.mkdir()
        shutil.copy(form_file, forms)
        self.form = load_form(forms / form_file.name)
        self.earlier = new_form(self.form, "khen-thuong-6t-2019", "06 tháng đầu năm 2019", dt.date(2019, 1, 1),
                                dt.date(2019, 6, 15), dt.date(2019, 7, 10), forms).form
        self.outbox = root / "outbox"
        for unit in self.earlier.units:
            returned(self.earlier, unit, root / "inbox-2019", counts(self.earlier, BEFORE.get(unit.code)))
        self.previous = consolidate(check(self.earlier, root / "inbox-2019", workers=1),
                                    summary_path(self.earlier.id, self.outbox)).path
        self.inbox = root / "inbox"
        for unit in self.form.units[:-1]:
            returned(self.form, unit, self.inbox, counts(self.form, NOW.get(unit.code)))
        self.report = check(self.form, self.inbox, workers=1)
        self.comparison = beside(self.report, None, outbox=self.outbox)
        self.summary = consolidate(self.report, root / "tong-hop.xlsx", comparison=self.comparison).path
        self.draft = write_report(self.report, root / "du-thao.docx", comparison=self.comparison)


@pytest.fixture(scope="module")
def two_periods(tmp_path_factory, default_form_file) -> Round:
    return Round(tmp_path_factory.mktemp("two-periods"), default_form_file)


# --- last period beside this one --------------------------------------------------------------------

def _compare_sheet(summary: Path) -> list[tuple]:
    ws = openpyxl.load_workbook(summary)[texts.COMPARE_SHEET]
    return [tuple(c.value for c in row) for row in ws.iter_rows()]


def _headings(rows: list[tuple]) -> dict[str, int]:
    return {label: i for i, label in enumerate(rows[TABLE_ROW]) if label}


def test_the_previous_period_summary_is_found_in_the_outbox_by_itself(two_periods):
    assert two_periods.comparison is not None
    assert two_periods.comparison.source == two_periods.previous
    assert "06 tháng đầu năm 2019" in two_periods.comparison.previous


def test_the_comparison_sheet_sets_each_units_rows_beside_last_period_at_exact_rows(two_periods):
    form = two_periods.form
    rows = _compare_sheet(two_periods.summary)
    col = _headings(rows)
    total = form.columns["total"]
    prev, cur, change = (col[texts.COMPARE_COLUMNS_ROLE[p].format(column=total)] for p in ("previous", "current",
                                                                                            "change"))
    why = col[texts.COMPARE_COLUMN_WHY]
    # The cluster's lines first: each section, its rows, the grand total; then unit by unit, in the
    # form's order, every row: the 58's last row is the 16 cluster lines + its 13 rows down.
    cluster_lines = len(form.sections) + len(form.rows) + 1
    assert cluster_lines == 16
    row_58 = rows[TABLE_ROW + cluster_lines + len(form.rows)]
    assert row_58[col["Mã"]] == "58" and row_58[col["Danh hiệu, hình thức khen thưởng"]] == "Bằng khen UBND tỉnh"
    assert (row_58[prev], row_58[cur], row_58[change]) == (4, 40, 36)
    assert row_58[why] == "gấp 10 lần, tăng 36"
    # The cluster's Bằng khen UBND tỉnh: 2019 all seven units (4 + 6 × 2), 2020 six (40 + 5 × 2).
    cluster = next(r for r in rows[TABLE_ROW + 1:TABLE_ROW + 1 + cluster_lines]
                   if r[col["Danh hiệu, hình thức khen thưởng"]] == "Bằng khen UBND tỉnh")
    assert (cluster[col["Đơn vị"]], cluster[prev], cluster[cur], cluster[change]) == ("Toàn Cụm", 16, 50, 34)
    grand = rows[TABLE_ROW + cluster_lines]
    assert grand[col["Danh hiệu, hình thức khen thưởng"]] == form.grand_total
    # Tây Ninh sent nothing this period: its lines have last period's numbers and no current ones.
    tay_ninh = [r for r in rows[TABLE_ROW + 1:] if r[col["Mã"]] == form.units[-1].code]
    assert len(tay_ninh) == len(form.rows)
    assert all(r[cur] is None and r[prev] is not None and r[why] is None for r in tay_ninh)


def test_unusual_changes_are_flagged_as_notes_at_the_cell_of_the_row(two_periods):
    form, report = two_periods.form, two_periods.report
    flagged = {(u.code, i.row): i for u in report.units for i in u.issues if i.code == "unusual-change"}
    assert set(flagged) == {("58", "Bằng khen UBND tỉnh"), ("77", "Huân chương Lao động các hạng"),
                            ("74", "Anh hùng Lao động")}  # 70's 5 → 12 is under 3 times: no note
    note = flagged[("58", "Bằng khen UBND tỉnh")]
    assert note.severity == "info" and note.cell == at(form, "bang-khen-ubnd-tinh", "total")
    assert note.column == form.columns["total"] and "kỳ trước 4, kỳ này 40" in note.message
    assert "giảm còn 1/10" in flagged[("77", "Huân chương Lao động các hạng")].message
    assert "kỳ trước là 0" in flagged[("74", "Anh hùng Lao động")].message
    # Notes change no unit's status: they are only there to be looked at.
    assert {u.status for u in report.units if u.file} == {"valid"}
    findings = openpyxl.load_workbook(two_periods.summary)[texts.SUMMARY_SHEETS["findings"]]
    codes = [row[6] for row in findings.iter_rows(min_row=2, values_only=True)]
    assert codes.count("unusual-change") == 3


@pytest.mark.parametrize("before, now, rule, said", [
    (4, 40, Thresholds(), "gấp 10 lần, tăng 36"),
    (30, 3, Thresholds(), "giảm còn 1/10, giảm 27"),
    (0, 2, Thresholds(), "kỳ trước là 0, tăng 2"),
    (0, 2, Thresholds(from_zero=False), None),          # small, from zero, and the form does not ask
    (0, 12, Thresholds(from_zero=False), "kỳ trước là 0, tăng 12"),  # 12 ≥ 3 × 0 and by 10 or more
    (12, 0, Thresholds(), "kỳ này là 0, giảm 12"),
    (5, 12, Thresholds(), None),                         # 2.4 times: under the ratio
    (100, 109, Thresholds(), None),                      # by 9: under the difference
    (3, 30, Thresholds(ratio=20), None),                 # the thresholds are the form's
    (7, 7, Thresholds(), None),
    (None, 5, Thresholds(), None),                       # not counted last period
    (0, -12, Thresholds(), "giảm 12"),                   # a negative figure: only the distance counts
    (-5, 10, Thresholds(), "tăng 15"),
    (-30, -25, Thresholds(), None),
])
def test_the_rule_for_an_unusual_change_suits_small_counts(before, now, rule, said):
    assert unusual(before, now, rule) == said


def test_consolidate_compares_with_the_summary_given_and_tells_how_many_changes(two_periods, tmp_path,
                                                                              monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["consolidate", "-q", "--inbox", str(two_periods.inbox), "--form",
                                 str(two_periods.form.path), "--compare-with", str(two_periods.previous)])
    assert result.exit_code == 0, result.output
    assert "3 thay đổi bất thường" in result.output
    written = summary_path(two_periods.form.id, Path("outbox"))
    assert texts.COMPARE_SHEET in openpyxl.load_workbook(written, read_only=True).sheetnames


def test_a_previous_summary_that_is_not_one_is_told_with_exit_code_2(two_periods, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    not_a_summary = two_periods.inbox / "58.xlsx"  # a return, not a summary
    result = runner.invoke(app, ["consolidate", "-q", "--inbox", str(two_periods.inbox), "--form",
                                 str(two_periods.form.path), "--compare-with", str(not_a_summary)])
    assert result.exit_code == 2
    assert "không phải tệp tổng hợp" in result.output and "Traceback" not in result.output
    missing = runner.invoke(app, ["report", "-q", "--inbox", str(two_periods.inbox), "--form",
                                  str(two_periods.form.path), "--compare-with", "khong-co.xlsx"])
    assert missing.exit_code == 2 and "khong-co.xlsx" in missing.output


def test_without_an_earlier_form_beside_nothing_is_compared(default_form, generated, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(generated["58"], inbox / "58.xlsx")
    assert beside(check(default_form, inbox, workers=1), None, outbox=tmp_path / "outbox") is None


# --- the draft conference report --------------------------------------------------------------------

def _summary_table(form, summary: Path) -> dict[str, list[object]]:
    """Key → the values of the summary's first sheet, as cached (what Excel shows), found by the
    hidden key column."""
    from toolkit.write.summary_tables import HEADER_ROW

    layout = table_layout(form, HEADER_ROW)
    ws = openpyxl.load_workbook(summary, data_only=True)[texts.SUMMARY_SHEETS["summary"]]
    out = {}
    for row in ws.iter_rows(values_only=True):
        if len(row) > layout.key_column and row[layout.key_column]:
            out[row[layout.key_column]] = [row[layout.column[key]] for key in form.value_keys]
    return out


def _number(text: str) -> int | str:
    return int(text.replace(".", "")) if text.replace(".", "").isdigit() else text


def _docx_table(doc, *headings: str):
    """The table whose heading row starts with ``headings``."""
    return next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:len(headings)] == list(headings))


def test_the_report_has_the_nd30_header_title_outline_and_signature(two_periods):
    from docx import Document

    form = two_periods.form
    doc = Document(str(two_periods.draft))
    header = [c.text for c in doc.tables[0].rows[0].cells]
    assert form.standing_office.upper() in header[0] and form.cluster.upper() in header[0]
    assert texts.NATIONAL_TITLE in header[1] and texts.NATIONAL_MOTTO in header[1]
    date_line = doc.tables[0].cell(1, 1).text
    assert date_line == texts.REPORT_DATE_LINE.format(place=form.place, year=2020)
    texts_in_order = [p.text for p in doc.paragraphs]
    assert texts.REPORT_KIND in texts_in_order
    assert f"Sơ kết thực hiện giao ước thi đua {form.period.name} của {form.cluster}" in texts_in_order
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [heading for heading, _parts in texts.REPORT_OUTLINE]
    assert any(p.text.startswith("[") and p.runs[0].italic for p in doc.paragraphs)  # where the office writes
    foot = [c.text for c in doc.tables[-1].rows[0].cells]
    assert foot[0].startswith(texts.REPORT_RECIPIENTS_TITLE)
    assert texts.REPORT_SIGN_ROLE in foot[1] and "UBND TỈNH NINH THUẬN" in foot[1]
    section = doc.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.left_margin.cm) == 3 and section.different_first_page_header_footer
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_the_reports_award_table_equals_the_summary_workbook(two_periods):
    from docx import Document

    form = two_periods.form
    table = _docx_table(Document(str(two_periods.draft)), form.columns["number"], form.columns["label"],
                        form.columns["total"])
    shown = [[_number(c.text) for c in row.cells[2:]] for row in table.rows[1:]]
    keys = [k for s in form.sections for k in (s.key, *(r.key for r in s.rows))] + [TOTAL_KEY]
    summary = _summary_table(form, two_periods.summary)
    assert len(shown) == len(keys)
    for key, values in zip(keys, shown):
        assert values == [v if isinstance(v, str) else int(v) for v in summary[key]], key
    sent = [counts(form, NOW.get(u.code)) for u in form.units[:-1]]
    assert shown[-1][0] == sum(values[(row.key, "total")] for values in sent for row in form.rows)


def test_the_report_says_who_sent_and_compares_with_last_period(two_periods):
    from docx import Document

    form = two_periods.form
    doc = Document(str(two_periods.draft))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert f"6/{len(form.units)} đơn vị" in body and f"Chưa gửi: {form.units[-1].name}." in body
    compared = _docx_table(doc, texts.REPORT_COMPARE_COLUMNS[0], form.columns["label"], *texts.REPORT_COMPARE_COLUMNS[2:])
    bang_khen = next(r for r in compared.rows if r.cells[1].text == "Bằng khen UBND tỉnh")
    assert [c.text for c in bang_khen.cells[2:]] == ["16", "50", "+34"]
    assert "Các thay đổi bất thường cần xem lại (3)" in body
    sent = _docx_table(doc, *texts.REPORT_SENT_COLUMNS[:2])
    assert [c.text for c in sent.rows[0].cells][3:] == [d.label for d in form.deliverables]
    assert sent.rows[-1].cells[2].text == texts.REPORT_RETURN_STATE["missing"]


@pytest.mark.libreoffice
def test_the_report_converts_to_pdf_with_libreoffice_and_prints_its_numbers(two_periods, libreoffice, tmp_path):
    pdf = convert(two_periods.draft, "pdf:writer_pdf_Export", tmp_path)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    for words in (texts.NATIONAL_TITLE, texts.REPORT_KIND, texts.REPORT_RECIPIENTS_TITLE, "Tổng cộng",
                  "Bằng khen UBND tỉnh"):
        assert words in text, words
    grand = _summary_table(two_periods.form, two_periods.summary)[TOTAL_KEY][0]
    assert str(int(grand)) in text
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "A4" in pages


def test_thidua_report_writes_the_outbox_draft_by_default(two_periods, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["report", "-q", "--inbox", str(two_periods.inbox), "--form",
                                 str(two_periods.form.path)])
    assert result.exit_code == 0, result.output
    target = report_path(two_periods.form.id, Path("outbox"))
    assert target.is_file() and str(target) in result.output
    wrong = runner.invoke(app, ["report", "-q", "--inbox", str(two_periods.inbox), "--output", "bao-cao.pdf"])
    assert wrong.exit_code == 2 and ".docx" in wrong.output


def test_demo_writes_the_draft_report_too(default_form, tmp_path):
    result = runner.invoke(app, ["demo", str(tmp_path / "demo")])
    assert result.exit_code == 0, result.output
    draft = report_path(default_form.id, tmp_path / "demo" / "outbox")
    assert draft.is_file() and str(draft) in result.output


# --- the round's other deliverables -----------------------------------------------------------------

@pytest.fixture
def delivered(default_form, generated, tmp_path):
    """A return with its report and video in the unit's folder, a report named for its unit, a
    video too long, one named for nobody, a cover letter, and units that sent no deliverable."""
    inbox = tmp_path / "inbox"
    folder = inbox / "58-ninh-thuan"
    folder.mkdir(parents=True)
    shutil.copy(generated["58"], folder / "bieu so lieu.xlsx")
    word_document(folder / "bao cao so ket.docx", "Báo cáo sơ kết")
    video(folder / "phong su.mp4", 150)
    (inbox / "77-ba-ria-vung-tau-bao-cao.pdf").write_bytes(PDF)
    video(inbox / "Binh Duong - phong su.mp4", 11 * 60)
    mp4_header(inbox / "video khong ro.mp4", 60)
    (inbox / "cong-van.pdf").write_bytes(PDF)
    return check(default_form, inbox, workers=1)


def test_documents_and_videos_are_matched_to_units_and_never_rejected(delivered):
    assert [f.path for f in delivered.files if f.status == "rejected"] == []
    got = received(delivered)
    report, video_of_58 = got["58"]
    assert [f.path for f in report.files] == ["58-ninh-thuan/bao cao so ket.docx"]  # by its folder
    assert [f.path for f in video_of_58.files] == ["58-ninh-thuan/phong su.mp4"]
    assert video_of_58.files[0].duration == pytest.approx(150, abs=1)
    assert video_of_58.line.endswith("2 phút 30 giây)")
    assert [f.path for f in got["77"][0].files] == ["77-ba-ria-vung-tau-bao-cao.pdf"]  # by its name
    assert [r.files for r in got["70"]] == [(), ()] and got["70"][0].line == texts.NOT_DELIVERED
    unknown = file_named(delivered, "video khong ro.mp4")
    assert (unknown.status, unknown.unit, unknown.deliverable) == ("ignored", None, "phong-su")
    letter = file_named(delivered, "cong-van.pdf")  # names no unit: still a cover letter
    assert letter.deliverable is None and letter.reason == texts.IGNORED_REASONS["attachment"].format(kind="PDF")
    unit_58 = next(u for u in delivered.units if u.code == "58")
    assert unit_58.file.path == "58-ninh-thuan/bieu so lieu.xlsx"


def test_a_video_longer_than_the_form_allows_is_a_warning(delivered):
    long = file_named(delivered, "Binh Duong - phong su.mp4")
    assert long.unit == "74" and long.status == "ignored"
    assert [(i.code, i.severity) for i in long.issues] == [("video-too-long", "warning")]
    assert "11 phút 0 giây" in long.issues[0].message and "10 phút" in long.issues[0].message


def test_a_video_is_never_read_as_a_workbook_even_past_the_size_limit(default_form, tmp_path):
    inbox = tmp_path / "inbox"
    big = mp4_header(inbox / "58-phong-su.mp4", 300)
    with open(big, "ab") as fh:  # a long tail past the 20 MB limit, sparse: no disk used
        fh.truncate(25 * 2**20)
    (inbox / "77-bao-cao.pdf").write_bytes(PDF + bytes(2000))
    f = check(default_form, inbox, limits=Limits(max_file_bytes=1000), workers=1)
    video_file, document = file_named(f, "58-phong-su.mp4"), file_named(f, "77-bao-cao.pdf")
    assert (video_file.status, video_file.unit, video_file.sha256) == ("ignored", "58", None)  # never read whole
    assert video_file.duration == 300
    assert (document.status, document.unit, document.issues) == ("ignored", "77", [])


def test_status_the_summary_and_the_report_show_each_units_deliverables(delivered, tmp_path):
    from docx import Document

    from toolkit.render import render_status
    from rich.console import Console

    console = Console(record=True, width=250)
    render_status(delivered, console, dt.date(2020, 7, 1))
    out = console.export_text()
    assert "Phóng sự" in out and "phong su.mp4" in out and "2 phút 30 giây" in out and texts.NOT_DELIVERED in out
    summary = consolidate(delivered, tmp_path / "tong-hop.xlsx").path
    ws = openpyxl.load_workbook(summary)[texts.SUMMARY_SHEETS["status"]]
    rows = [tuple(c.value for c in row) for row in ws.iter_rows()]
    top = next(i for i, r in enumerate(rows) if r[0] == texts.DELIVERABLES_TITLE)
    heads = [v for v in rows[top + 1] if v]
    assert heads == ["STT", "Đơn vị", "Báo cáo (theo đề cương)", "Phóng sự", "Ghi chú"]
    at = {v: i for i, v in enumerate(rows[top + 1]) if v}
    listed = {r[at["Đơn vị"]]: r for r in rows[top + 2:top + 2 + 7]}
    assert list(listed) == [u.name for u in delivered.form.units]  # one row a unit, in the form's order
    assert listed["Bà Rịa - Vũng Tàu"][at["Báo cáo (theo đề cương)"]].startswith("77-ba-ria-vung-tau-bao-cao.pdf (")
    assert listed["Bình Phước"][at["Báo cáo (theo đề cương)"]] == texts.NOT_DELIVERED
    video_74 = listed["Bình Dương"][at["Phóng sự"]]
    assert video_74.startswith("Binh Duong - phong su.mp4 (") and video_74.endswith(", 11 phút 0 giây)")
    assert "quá 10 phút" in listed["Bình Dương"][at["Ghi chú"]]
    draft = Document(str(write_report(delivered, tmp_path / "du-thao.docx")))
    body = "\n".join(p.text for p in draft.paragraphs)
    assert "Phóng sự: đã nhận của 2/7 đơn vị" in body and "Phóng sự dài quá 10 phút: Bình Dương." in body


@pytest.mark.parametrize("extra, key", [
    ('[[deliverables]]\nkey = "phong-su"\nlabel = "Phóng sự"\nkind = "phim"\nextensions = [".mp4"]\n',
     "deliverables[0].kind"),
    ('[[deliverables]]\nkey = "phong-su"\nlabel = "Phóng sự"\nkind = "video"\nextensions = ["mp4"]\n',
     "deliverables[0].extensions"),
    ('[[deliverables]]\nkey = "a"\nlabel = "A"\nkind = "video"\nextensions = [".mp4"]\n'
     '[[deliverables]]\nkey = "b"\nlabel = "B"\nkind = "document"\nextensions = [".MP4"]\n', "deliverables"),
    ('[compare]\nratio = 0\n', "compare.ratio"),
    ('[compare]\nthreshold = 3\n', "compare.threshold"),
])
def test_a_wrong_deliverable_or_threshold_is_told_with_its_key(default_form_file, tmp_path, extra, key):
    from toolkit.form import FormError

    text = default_form_file.read_text(encoding="utf-8")
    text = text[:text.index("[[deliverables]]")] + extra  # the form's own optional tables replaced
    path = tmp_path / "sai.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormError) as told:
        load_form(path)
    assert told.value.key == key


def test_the_report_carries_the_rounds_other_table_once_it_is_consolidated(default_form_file, tmp_path):
    from docx import Document

    from tests.conftest import INDICATORS_FORM_FILE
    from tests.returns import indicator_values
    from toolkit.write.template import write_template

    forms = tmp_path / "forms"
    forms.mkdir()
    for source in (default_form_file, INDICATORS_FORM_FILE):
        shutil.copy(source, forms)
    awards, targets = load_form(forms / default_form_file.name), load_form(forms / INDICATORS_FORM_FILE.name)
    inbox, outbox = tmp_path / "inbox", tmp_path / "outbox"
    for n, unit in enumerate(awards.units[:-1]):  # each province sends both tables to the one inbox
        returned(awards, unit, inbox, counts(awards))
        write_template(targets, targets.unit(unit.code), inbox / f"{unit.code}-chi-tieu.xlsx",
                       sample_values=indicator_values(n), created=dt.datetime(2020, 7, 9, 9))
    report = check(awards, inbox, workers=1)
    alone = Document(str(write_report(report, tmp_path / "truoc.docx", outbox=outbox)))
    assert not any(t.rows[0].cells[1].text == targets.columns["label"] for t in alone.tables)

    summary = consolidate(check(targets, inbox, workers=1), summary_path(targets.id, outbox)).path
    doc = Document(str(write_report(report, tmp_path / "sau.docx", outbox=outbox)))
    assert _sentence_title(targets) in [p.text for p in doc.paragraphs]
    table = _docx_table(doc, *(targets.columns[k] for k in ("number", "label", "unit")))
    shown = [[c.text for c in row.cells] for row in table.rows[1:]]
    in_summary = _summary_table(targets, summary)
    keys = [k for s in targets.sections for k in ([] if s.inline else [s.key]) + [r.key for r in s.rows]]
    keys += [TOTAL_KEY] if targets.grand_total is not None else []
    assert len(shown) == len(keys)
    compared = 0
    for key, cells in zip(keys, shown):
        for text, value in zip(cells[3:], in_summary[key]):
            if value in (None, ""):
                assert text == "", key
            elif isinstance(value, str):
                assert text == value, key
            else:
                assert float(text.replace(".", "").replace(",", ".")) == pytest.approx(value, abs=0.006), key
                compared += 1
    assert compared >= 10


def _sentence_title(form) -> str:
    return form.title[:1] + form.title[1:].lower()


def test_a_damaged_document_is_listed_as_the_units_report_not_rejected(default_form, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    word_document(inbox / "74-binh-duong bao cao.docx", "Báo cáo sơ kết " * 200)
    whole = (inbox / "74-binh-duong bao cao.docx").read_bytes()
    (inbox / "74-binh-duong bao cao.docx").write_bytes(whole[: len(whole) // 3])  # cut short in the mail
    (inbox / "75-dong-nai bc.pdf").write_bytes(bytes(range(256)) * 64)  # not what its name says
    report = check(default_form, inbox, workers=1)
    assert [f.path for f in report.files if f.status == "rejected"] == []
    got = received(report)
    assert [f.path for f in got["74"][0].files] == ["74-binh-duong bao cao.docx"]
    assert [f.path for f in got["75"][0].files] == ["75-dong-nai bc.pdf"]


def test_a_document_naming_two_units_is_neither_units_until_someone_looks(default_form, tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bao cao binh phuoc va tay ninh.pdf").write_bytes(PDF)
    report = check(default_form, inbox, workers=1)
    shared = file_named(report, "bao cao binh phuoc va tay ninh.pdf")
    assert shared.unit is None
    assert received(report)["70"][0].files == () and received(report)["72"][0].files == ()


def test_a_unit_left_out_for_its_errors_is_not_reported_as_on_time(default_form, tmp_path):
    from docx import Document

    from toolkit.write.report import write_report

    inbox = tmp_path / "inbox"
    wrong = counts(default_form)
    key = next(r.key for r in default_form.rows if r.applies("collective"))
    wrong[(key, "total")] += 5
    returned(default_form, default_form.unit("77"), inbox, wrong)
    returned(default_form, default_form.unit("58"), inbox, counts(default_form))
    draft = write_report(check(default_form, inbox, workers=1), tmp_path / "du-thao.docx", outbox=tmp_path / "outbox")
    body = "\n".join(p.text for p in Document(str(draft)).paragraphs)
    assert texts.REPORT_EXCLUDED.format(names="Bà Rịa - Vũng Tàu") in body
    on_time = next(line for line in body.splitlines() if line.startswith("Gửi đúng hạn"))
    assert "Bà Rịa - Vũng Tàu" not in on_time and "Ninh Thuận" in on_time


def test_a_previous_summary_found_by_itself_that_cannot_be_used_is_skipped_with_a_warning(two_periods, tmp_path):
    from toolkit.compare import beside

    outbox = tmp_path / "outbox"
    earlier = two_periods.earlier
    (outbox / earlier.id).mkdir(parents=True)
    (outbox / earlier.id / f"tong-hop-{earlier.id}.xlsx").write_bytes(b"khong phai bang tinh")
    told = []
    assert beside(two_periods.report, None, outbox=outbox, skipped=told.append) is None
    assert len(told) == 1 and told[0].startswith(texts.COMPARE_SKIPPED.split("{")[0])


def test_the_economic_targets_compared_keep_their_decimals(tmp_path):
    from tests.conftest import INDICATORS_FORM_FILE
    from tests.returns import as_cells, fill, indicator_values
    from toolkit.write.template import generate

    forms = tmp_path / "forms"
    forms.mkdir()
    shutil.copy(INDICATORS_FORM_FILE, forms)
    form = load_form(forms / INDICATORS_FORM_FILE.name)
    earlier = new_form(form, "chi-tieu-ktxh-6t-2019", "06 tháng đầu năm 2019", dt.date(2019, 1, 1),
                       dt.date(2019, 6, 15), dt.date(2019, 7, 10), forms).form
    outbox = tmp_path / "outbox"
    for shape, n, inbox in ((earlier, 0, tmp_path / "inbox-2019"), (form, 3, tmp_path / "inbox")):
        [made] = generate(shape, tmp_path / shape.id, units=[shape.unit("58")], workers=1)
        fill(made.path, inbox / "58.xlsx", as_cells(shape, indicator_values(n)), form=shape)
    consolidate(check(earlier, tmp_path / "inbox-2019", workers=1), summary_path(earlier.id, outbox))
    report = check(form, tmp_path / "inbox", workers=1)
    comparison = beside(report, None, outbox=outbox)
    summary = consolidate(report, tmp_path / "tong-hop.xlsx", comparison=comparison).path
    ws = openpyxl.load_workbook(summary)[texts.COMPARE_SHEET]
    header = [c.value for c in ws[TABLE_ROW + 1]]
    change = header.index(texts.COMPARE_COLUMNS_ROLE["change"].format(column=form.columns["actual"])) + 1
    row = next(r for r in ws.iter_rows(min_row=TABLE_ROW + 2) if r[1].value == "58" and r[3].value == "Dịch vụ")
    cell = row[change - 1]
    assert cell.value == 3 and cell.number_format == "#,##0.00"  # 44,25 → 47,25
    exports = next(r for r in ws.iter_rows(min_row=TABLE_ROW + 2)
                   if r[1].value == "58" and r[3].value == "Tổng kim ngạch xuất khẩu")[change - 1].value
    previous, now = indicator_values(0)[("kim-ngach-xuat-khau", "actual")], indicator_values(3)[("kim-ngach-xuat-khau", "actual")]
    assert exports == round(now - previous, 6)
