"""The draft conference report: a Word document (python-docx) in the layout of NĐ 30/2020.

The header (agency and Quốc hiệu, number and place-date line), the title, the outline's sections as
headings, and the foot (Nơi nhận, the cluster head's signature). Where the data speaks, it is
written from the same :func:`~toolkit.inclusion.plan` and :func:`~toolkit.inclusion.totals` as the
summary workbook, so the report's table and the summary's cannot disagree; where a person must
write, a short placeholder in brackets says what goes there.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .. import texts
from ..checks.report import Report
from ..deliverables import received
from ..files import write_or_keep_beside
from ..form import Form
from ..formats import amount_vn, date_vn, local, number_vn
from ..inclusion import Inclusion, as_of_line, names_line, plan, totals
from ..markers import TOTAL_KEY
from ..names import OUTBOX, summary_name, summary_path
from ..periods import forms_beside

FONT = "Times New Roman"
BODY_PT, TABLE_PT, SMALL_PT = 14, 12, 11
# NĐ 30/2020, Phụ lục I: A4; top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm.
MARGINS = {"top_margin": Cm(2), "bottom_margin": Cm(2), "left_margin": Cm(3), "right_margin": Cm(1.5)}
TEXT_WIDTH_CM = 21 - 3 - 1.5
HEADER_LEFT_CM = 7  # the agency's column; the Quốc hiệu's takes the rest


def write_report(report: Report, output: Path, include_invalid: bool = False, comparison=None,
                 outbox: Path = OUTBOX) -> Path:
    """Write the draft report of ``report`` to ``output`` (atomically) and return where it is:
    ``output``, or the file kept beside it when ``output`` is open in another program.
    ``comparison``: last period beside this one (:class:`toolkit.compare.Comparison`), if any; the
    round's other tables consolidated in ``outbox`` (:func:`companions`) follow this one's."""
    output = Path(output)
    units = plan(report, include_invalid)
    tables = [(report.form, units)] + [(other.form, plan(other, include_invalid))
                                       for other in companions(report, outbox)]
    kept = write_or_keep_beside(output, lambda tmp: _document(report, units, tables, comparison).save(str(tmp)))
    return kept or output


def companions(report: Report, outbox: Path = OUTBOX) -> list[Report]:
    """The round's other tables that were consolidated: each definition beside this one for the
    same period (the economic targets beside the awards) whose summary is in ``outbox``, checked
    over the same inbox."""
    from ..checks.run import check

    form = report.form
    return [check(other, report.inbox) for other in forms_beside(form)
            if other.id != form.id and other.period.name == form.period.name
            and summary_path(other.id, outbox).is_file()]


def _document(report: Report, units: list[Inclusion], tables: list[tuple[Form, list[Inclusion]]],
              comparison) -> Document:
    form = report.form
    doc = Document()
    _house_style(doc)
    section = doc.sections[0]
    section.orientation, section.page_width, section.page_height = WD_ORIENT.PORTRAIT, Cm(21), Cm(29.7)
    for name, value in MARGINS.items():
        setattr(section, name, value)
    _page_numbers(section)
    props = doc.core_properties
    props.title = texts.REPORT_TITLE.format(period=form.period.name, cluster=form.cluster)
    props.subject, props.author, props.comments = texts.REPORT_SUBJECT_PROPERTY, form.standing_office, \
        f"{form.id} v{form.version}"
    created = report.as_of or dt.datetime.combine(form.period.deadline, dt.time(), dt.timezone.utc)
    props.created = props.modified = created.replace(tzinfo=None) if created.tzinfo is None else \
        created.astimezone(dt.timezone.utc).replace(tzinfo=None)
    props.revision = 1
    props.last_modified_by = form.standing_office
    _header(doc, form)
    _title(doc, form)
    _body(doc, texts.REPORT_INTRO.format(office=form.standing_office, cluster=form.cluster,
                                         period=form.period.name))
    _body(doc, as_of_line(report), italic=True)
    fill = {"sent": lambda: _sent(doc, report, units), "awards": lambda: _tables(doc, tables),
            "compare": lambda: _compare(doc, form, comparison)}
    for heading, parts in texts.REPORT_OUTLINE:
        level = 1 if heading.split(".", 1)[0].isalpha() else 2
        doc.add_heading(heading, level=level)
        for kind, hint in parts:
            if kind == "write":
                _placeholder(doc, hint)
            else:
                fill[kind]()
    _body(doc, texts.REPORT_CLOSING.format(period=form.period.name, cluster=form.cluster))
    _foot(doc, form)
    return doc


# --- the house style ------------------------------------------------------------------------------

def _fonts(element) -> None:
    """Times New Roman in every script slot, theme fonts removed (they would win over it)."""
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for slot in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{slot}"), FONT)
    for theme in ("asciiTheme", "hAnsiTheme", "cstheme", "eastAsiaTheme"):
        fonts.attrib.pop(qn(f"w:{theme}"), None)


def _house_style(doc: Document) -> None:
    normal = doc.styles["Normal"]
    _fonts(normal.element)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.space_before, fmt.space_after, fmt.line_spacing = Pt(0), Pt(6), 1.15
    for level, size in ((1, BODY_PT), (2, BODY_PT)):
        style = doc.styles[f"Heading {level}"]
        _fonts(style.element)
        style.font.size, style.font.bold, style.font.italic = Pt(size), True, False
        style.font.color.rgb = None
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(6), Pt(6)
        style.paragraph_format.first_line_indent = Cm(1)
        style.paragraph_format.keep_with_next = True


def _page_numbers(section) -> None:
    """The page number centred in the top margin, not on the first page (NĐ 30/2020)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    run.font.size = Pt(13)


def _para(container, text: str = "", *, size: float = BODY_PT, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.CENTER, after: float = 0, before: float = 0):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before, fmt.space_after, fmt.first_line_indent, fmt.line_spacing = Pt(before), Pt(after), None, 1.0
    if text:
        run = paragraph.add_run(text)
        run.font.size, run.font.bold, run.font.italic = Pt(size), bold, italic
    return paragraph


def _rule(container, length_cm: float, width_cm: float) -> None:
    """The short solid line under the agency's name, the motto and the title: an empty paragraph
    with a bottom border, indented to ``length_cm`` within ``width_cm``."""
    paragraph = _para(container, size=2)
    side = Cm(max(0.0, (width_cm - length_cm) / 2))
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    mark = paragraph._p.get_or_add_pPr()
    size = OxmlElement("w:rPr")
    sz = OxmlElement("w:sz")
    sz.set(qn("w:val"), "4")
    size.append(sz)
    mark.append(size)


def _body(doc: Document, text: str, italic: bool = False):
    paragraph = doc.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph.paragraph_format.first_line_indent = Cm(1)
    run = paragraph.add_run(text)
    run.font.italic = italic
    return paragraph


def _placeholder(doc: Document, hint: str) -> None:
    _body(doc, texts.REPORT_PLACEHOLDER.format(text=hint), italic=True)


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)


def _widths(table, widths_cm: list[float]) -> None:
    """Column widths, in the grid (what LibreOffice reads) and in every cell (what Word reads)."""
    table.autofit = False
    for column, width in zip(table.columns, widths_cm):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_cm):
            cell.width = Cm(width)


# --- header, title, foot --------------------------------------------------------------------------

def _header(doc: Document, form: Form) -> None:
    right = TEXT_WIDTH_CM - HEADER_LEFT_CM
    table = doc.add_table(rows=2, cols=2)
    _no_borders(table)
    _widths(table, [HEADER_LEFT_CM, right])
    agency, nation = table.cell(0, 0), table.cell(0, 1)
    agency.paragraphs[0]._p.getparent().remove(agency.paragraphs[0]._p)
    nation.paragraphs[0]._p.getparent().remove(nation.paragraphs[0]._p)
    _para(agency, form.cluster.upper(), size=12)
    _para(agency, form.standing_office.upper(), size=12, bold=True)
    _rule(agency, HEADER_LEFT_CM / 3, HEADER_LEFT_CM)
    _para(nation, texts.NATIONAL_TITLE, size=12, bold=True)
    _para(nation, texts.NATIONAL_MOTTO, size=13, bold=True)
    _rule(nation, 5.6, right)
    number, place = table.cell(1, 0).paragraphs[0], table.cell(1, 1).paragraphs[0]
    for paragraph, text, italic in ((number, texts.REPORT_NUMBER, False),
                                    (place, texts.REPORT_DATE_LINE.format(place=form.place,
                                                                         year=form.period.deadline.year), True)):
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_before = Pt(6)
        run = paragraph.add_run(text)
        run.font.size, run.font.italic = Pt(13), italic


def _title(doc: Document, form: Form) -> None:
    _para(doc, texts.REPORT_DRAFT, size=12, italic=True, before=12)
    _para(doc, texts.REPORT_KIND, bold=True, before=6)
    _para(doc, texts.REPORT_TITLE.format(period=form.period.name, cluster=form.cluster), bold=True)
    _rule(doc, 4, TEXT_WIDTH_CM)
    doc.add_paragraph()


def _foot(doc: Document, form: Form) -> None:
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [TEXT_WIDTH_CM / 2, TEXT_WIDTH_CM / 2])
    to, sign = table.cell(0, 0), table.cell(0, 1)
    for cell in (to, sign):
        cell.paragraphs[0]._p.getparent().remove(cell.paragraphs[0]._p)
    _para(to, texts.REPORT_RECIPIENTS_TITLE, size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT,
          before=12)
    for line in texts.REPORT_RECIPIENTS:
        _para(to, line, size=SMALL_PT, align=WD_ALIGN_PARAGRAPH.LEFT)
    head = next((u for u in form.units if u.role == "cum-truong"), None)
    _para(sign, texts.REPORT_SIGN_ROLE, bold=True, before=12)
    _para(sign, form.heading.format(name=head.name.upper()) if head else form.standing_office.upper(), bold=True)
    _para(sign, texts.REPORT_SIGN_HINT, italic=True, after=60)


# --- the parts written from the data ----------------------------------------------------------------

def _grid(doc: Document, headings: list[str], rows: list[list[object]], widths_cm: list[float],
          bold_rows: set[int] = frozenset()):
    """A bordered table, its heading row repeated on every page; the second column (names,
    labels) left-aligned, the others centred."""
    table = doc.add_table(rows=1 + len(rows), cols=len(headings))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    heading_row = table.rows[0]
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    heading_row._tr.get_or_add_trPr().append(repeat)
    for r, values in enumerate([headings, *rows]):
        # A row is never cut across two pages.
        table.rows[r]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        for c, value in enumerate(values):
            cell = table.cell(r, c)
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            number = isinstance(value, (int, float)) and not isinstance(value, bool)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT if r and c == 1 else WD_ALIGN_PARAGRAPH.CENTER
            run = paragraph.add_run(number_vn(value) if number else str(value if value is not None else ""))
            run.font.size = Pt(TABLE_PT if len(headings) <= 5 else SMALL_PT)  # a wide table in smaller type
            run.font.bold = r == 0 or (r - 1) in bold_rows
    _widths(table, widths_cm)
    doc.add_paragraph()
    return table


def _return_state(report: Report, u: Inclusion) -> str:
    if u.file is None:
        return "rejected" if report.sent(u.code) else "missing"
    if not u.included:  # sent, but left out of the totals for its errors
        return "excluded"
    arrived = local(u.file.arrived)
    return "on_time" if arrived is None or arrived.date() <= report.form.period.deadline else "late"


def _sent(doc: Document, report: Report, units: list[Inclusion]) -> None:
    form = report.form
    states = {u.code: _return_state(report, u) for u in units}
    named = {state: [u.name for u in units if states[u.code] == state] for state in texts.REPORT_RETURN_STATE}
    _body(doc, texts.REPORT_SENT.format(sent=sum(u.file is not None for u in units), total=len(units)))
    for state, template in (("on_time", texts.REPORT_ON_TIME), ("late", texts.REPORT_LATE),
                            ("excluded", texts.REPORT_EXCLUDED), ("rejected", texts.REPORT_REJECTED),
                            ("missing", texts.REPORT_NOT_SENT)):
        if named[state]:
            _body(doc, template.format(names=names_line(named[state]), deadline=date_vn(form.period.deadline)))
    got = received(report)
    for i, d in enumerate(form.deliverables):
        missing = [u.name for u in units if not got[u.code][i].files]
        rest = texts.REPORT_NOT_DELIVERED.format(names=names_line(missing)) if missing else ""
        _body(doc, texts.REPORT_DELIVERED.format(label=d.label, count=len(units) - len(missing), total=len(units),
                                                 rest=rest))
        long = [u.name for u in units if any(found.code == "video-too-long" for f in got[u.code][i].files
                                             for found in f.issues)]
        if long:
            _body(doc, texts.REPORT_TOO_LONG.format(label=d.label, limit=d.max_minutes, names=names_line(long)))
    headings = [*texts.REPORT_SENT_COLUMNS, *(d.label for d in form.deliverables)]
    rows = [[n, u.name, texts.REPORT_RETURN_STATE[states[u.code]], *(r.line for r in got[u.code])]
            for n, u in enumerate(units, start=1)]
    rest = (TEXT_WIDTH_CM - 1.2 - 4) / (len(headings) - 2)
    _grid(doc, headings, rows, [1.2, 4] + [rest] * (len(headings) - 2))


def award_columns(form: Form) -> list[str]:
    """The summary table's columns the report shows: number, label, unit of measure, the values
    (not the free text such as Ghi chú)."""
    return [key for key in form.columns if form.column[key].kind in ("stt", "label", "unit")
            or form.column[key].is_value]


def award_rows(form: Form, units: list[Inclusion]) -> list[tuple[bool, list[object]]]:
    """The summary's table as rows of :func:`award_columns`, each with whether it is a heading
    line (a section with its subtotals, the grand total); values written with their column's (or
    row's) decimals, ``"x"`` where a value does not apply, empty where the summary leaves the cell
    blank."""
    cells = totals(form, units)
    numbers = _row_numbers(form)
    shown = award_columns(form)

    def line(key: str, label: str, row=None, over=()) -> list[object]:
        """A row's cells, or (``row`` None) those of a line over the rows ``over``, with as many
        decimals as the summary shows: the most any of those rows has."""
        kinds = {"stt": numbers[key], "label": label, "unit": row.unit if row else ""}
        out: list[object] = []
        for k in shown:
            if not form.column[k].is_value:
                out.append(kinds[form.column[k].kind])
            elif row is not None and not row.applies(k):
                out.append(texts.REPORT_NOT_APPLICABLE)
            else:
                value = cells.get((key, k))
                places = form.places(row, k) if row is not None else max(form.places(r, k) for r in over)
                out.append("" if value is None else amount_vn(value, places))
        return out

    rows: list[tuple[bool, list[object]]] = []
    for section in form.sections:
        if not section.inline:
            rows.append((True, line(section.key, section.label, over=section.rows)))
        for row in section.rows:
            rows.append((section.inline, line(row.key, row.label, row)))
    if form.grand_total is not None:
        rows.append((True, line(TOTAL_KEY, form.grand_total, over=form.rows)))
    return rows


def _tables(doc: Document, tables: list[tuple[Form, list[Inclusion]]]) -> None:
    """The summary's table of each form of the round, the report's own first."""
    for n, (form, units) in enumerate(tables):
        if n:
            _para(doc, _sentence(form.title), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT, before=6, after=6)
        included = sum(u.included for u in units)
        if not included:
            _body(doc, texts.REPORT_AWARDS_NONE)
            continue
        _body(doc, texts.REPORT_TABLE.format(included=included, total=len(units), file=summary_name(form.id),
                                             sheet=texts.SUMMARY_SHEETS["summary"]))
        rows = award_rows(form, units)
        shown = award_columns(form)
        _grid(doc, [form.columns[k] for k in shown], [cells for _bold, cells in rows], _table_widths(form, shown),
              {i for i, (bold, _cells) in enumerate(rows) if bold})


def _table_widths(form: Form, shown: list[str]) -> list[float]:
    """Centimetres of each column: the numbers as wide as a few digits need, the label the rest."""
    fixed = {"stt": 1.3, "unit": 1.8}
    values = sum(form.column[k].is_value for k in shown)
    others = sum(fixed.get(form.column[k].kind, 0) for k in shown)
    value = max(2.0, min(2.6, (TEXT_WIDTH_CM - others - 4.5) / max(1, values)))
    label = TEXT_WIDTH_CM - others - value * values
    return [value if form.column[k].is_value else label if form.column[k].kind == "label"
            else fixed[form.column[k].kind] for k in shown]


def _sentence(title: str) -> str:
    """A title written in capitals, as a sentence: "KẾT QUẢ THỰC HIỆN …" → "Kết quả thực hiện …"."""
    return title[:1] + title[1:].lower() if title.isupper() else title


def _row_numbers(form: Form) -> dict[str, int | str]:
    """What the STT column shows: a section's number, a row's place in its section, nothing for the total."""
    numbers: dict[str, int | str] = {TOTAL_KEY: ""}
    for section in form.sections:
        numbers[section.key] = section.number
        numbers.update({row.key: n if row.number is None else row.number for n, row in enumerate(section.rows, 1)})
    return numbers


def _compare(doc: Document, form: Form, comparison) -> None:
    if comparison is None:
        _body(doc, texts.REPORT_COMPARE_NONE)
        return
    _body(doc, texts.REPORT_COMPARE.format(previous=comparison.previous))
    numbers = _row_numbers(form)
    rows = [[numbers[line.key], line.label, line.previous, line.current, line.change_text]
            for line in comparison.cluster_lines(comparison.judged)]
    headings = {TOTAL_KEY, *(section.key for section in form.sections if not section.inline)}
    bold = {i for i, line in enumerate(comparison.cluster_lines(comparison.judged)) if line.key in headings}
    columns = list(texts.REPORT_COMPARE_COLUMNS)
    columns[1] = form.columns[form.key_of_kind("label")]  # the rows are called what the form calls them
    _grid(doc, columns, rows, [1.2, 8, 2.4, 2.4, TEXT_WIDTH_CM - 14], bold)
    flags = comparison.flags
    if not flags:
        _body(doc, texts.REPORT_UNUSUAL_NONE)
        return
    judged = comparison.judged
    items = "; ".join(texts.REPORT_UNUSUAL_ITEM.format(unit=f.name, row=f.label, previous=f.previous[judged],
                                                       current=f.current[judged]) for f in flags)
    _body(doc, texts.REPORT_UNUSUAL.format(count=len(flags), items=items))
