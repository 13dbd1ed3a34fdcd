"""Form definitions are data: the shipped default form, a second form, and every way a definition can be wrong.

A wrong definition must be reported by the library as a ``FormError`` carrying the file and the dotted
key, and by the command line as a Vietnamese message naming both, with exit code 2 and no traceback.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from toolkit import texts
from toolkit.cli import app
from toolkit.form import FormError, find_form, load_form
from toolkit.names import fold, slug

HERE = Path(__file__).resolve().parent
DEFAULT_FORM_FILE = HERE.parent / "workbook_templates" / "khen-thuong-6t-2020.toml"
SECOND_FORM_FILE = HERE / "data" / "forms" / "khen-thuong-cap-xa-2025.toml"
DEFAULT_TEXT = DEFAULT_FORM_FILE.read_text(encoding="utf-8")

runner = CliRunner()


# --- the default form ------------------------------------------------------------------------------

def test_default_form_lists_the_seven_provinces_of_the_2020_plan_with_national_codes(default_form):
    assert [(u.code, u.name, u.role) for u in default_form.units] == [
        ("58", "Ninh Thuận", "cum-truong"),
        ("77", "Bà Rịa - Vũng Tàu", "cum-pho"),
        ("74", "Bình Dương", "thanh-vien"),
        ("70", "Bình Phước", "thanh-vien"),
        ("60", "Bình Thuận", "thanh-vien"),
        ("75", "Đồng Nai", "thanh-vien"),
        ("72", "Tây Ninh", "thanh-vien"),
    ]
    assert texts.ROLES[default_form.unit("58").role] == "Cụm trưởng"
    assert texts.ROLES[default_form.unit("77").role] == "Cụm phó"


def test_default_form_has_the_plans_period_deadline_and_sender(default_form):
    assert default_form.id == "khen-thuong-6t-2020"
    assert default_form.title == "TỔNG HỢP KẾT QUẢ KHEN THƯỞNG 06 THÁNG ĐẦU NĂM 2020"
    assert default_form.period.name == "06 tháng đầu năm 2020"
    assert default_form.period.start == dt.date(2020, 1, 1)
    assert default_form.period.end == dt.date(2020, 6, 15)
    assert default_form.period.deadline == dt.date(2020, 7, 10)
    assert default_form.standing_office == "Sở Nội vụ tỉnh Ninh Thuận"


def test_default_form_has_the_plans_columns_sections_and_award_rows(default_form):
    assert list(default_form.columns.values()) == [
        "STT", "Danh hiệu, hình thức khen thưởng", "Tổng số", "Tập thể", "Cá nhân", "Ghi chú"]
    assert [(s.number, s.label, len(s.rows)) for s in default_form.sections] == [
        ("I", "Khen thưởng cấp Nhà nước", 9), ("II", "Khen thưởng cấp tỉnh", 4)]
    assert default_form.grand_total == "Tổng cộng"


# Who can receive each award, from the notes on the law (collective, individual).
AWARD_RECIPIENTS = {
    "Bà mẹ Việt Nam anh hùng": (False, True),
    "Anh hùng Lao động": (True, True),
    "Huân chương Độc lập các hạng": (True, True),
    "Huân chương Lao động các hạng": (True, True),
    "Huân chương kháng chiến các hạng": (True, True),
    "Huy chương kháng chiến các hạng": (False, True),
    "Cờ thi đua Chính phủ": (True, False),
    "Bằng khen của Thủ tướng Chính phủ": (True, True),
    "Chiến sỹ thi đua toàn quốc": (False, True),
    "Cờ thi đua UBND tỉnh": (True, False),
    "Tập thể lao động xuất sắc": (True, False),
    "Chiến sỹ thi đua cấp tỉnh": (False, True),
    "Bằng khen UBND tỉnh": (True, True),
}


def test_default_form_rows_apply_to_collectives_and_individuals_as_the_law_says(default_form):
    assert {r.label: (r.applies("collective"), r.applies("individual")) for r in default_form.rows} == AWARD_RECIPIENTS
    assert list(AWARD_RECIPIENTS) == [r.label for r in default_form.rows]
    assert all(r.applies("total") for r in default_form.rows)


def test_the_only_form_in_the_folder_is_used_without_naming_it(tmp_path, monkeypatch):
    monkeypatch.delenv("THIDUA_FORMS", raising=False)
    monkeypatch.chdir(tmp_path)  # no workbook_templates/ here: the repository's folder is used
    assert find_form().id == "khen-thuong-6t-2020"


def test_thidua_forms_environment_variable_names_the_forms_folder(tmp_path, monkeypatch):
    shutil.copy(SECOND_FORM_FILE, tmp_path)
    shutil.copy(SECOND_FORM_FILE.with_name("xa-phuong-2025.csv"), tmp_path)
    monkeypatch.setenv("THIDUA_FORMS", str(tmp_path))
    assert find_form().id == "khen-thuong-cap-xa-2025"


def test_a_form_is_found_by_id_or_by_path(tmp_path):
    folder = _two_forms(tmp_path)
    assert find_form("khen-thuong-cap-xa-2025", folder).id == "khen-thuong-cap-xa-2025"
    assert find_form("khen-thuong-6t-2020", folder).id == "khen-thuong-6t-2020"
    assert find_form(str(SECOND_FORM_FILE)).id == "khen-thuong-cap-xa-2025"


# --- the second form --------------------------------------------------------------------------------

def test_second_form_reads_its_units_from_a_csv_file(second_form):
    assert [(u.code, u.name, u.role) for u in second_form.units] == [
        ("25456", "Phường Tân Ninh", "cum-truong"),
        ("25459", "Phường Bình Minh", "cum-pho"),
        ("07438", "Xã Hòa Hội", "thanh-vien"),  # leading zero kept; a blank role means member
        ("25501", "Xã Đức Hòa", "thanh-vien"),
    ]


def test_a_unit_list_may_be_an_xlsx_file_with_codes_typed_as_numbers(tmp_path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "don-vi.xlsx"))
    ws = wb.add_worksheet()
    for i, line in enumerate([("code", "name", "role"), (58, "Ninh Thuận", "cum-truong"), (60, "Bình Thuận", "")]):
        ws.write_row(i, 0, line)
    wb.close()
    path = _variant(tmp_path, _units_from_file("don-vi.xlsx"))
    assert [(u.code, u.name, u.role) for u in load_form(path).units] == [
        ("58", "Ninh Thuận", "cum-truong"), ("60", "Bình Thuận", "thanh-vien")]


def test_second_form_differs_from_the_default_in_everything_but_the_column_roles(default_form, second_form):
    assert second_form.id != default_form.id and second_form.version != default_form.version
    assert second_form.period != default_form.period
    assert not {r.key for r in second_form.rows} & {r.key for r in default_form.rows}
    assert not {r.label for r in second_form.rows} & {r.label for r in default_form.rows}
    assert not set(second_form.columns.values()) & set(default_form.columns.values())
    assert not {u.code for u in second_form.units} & {u.code for u in default_form.units}
    assert len(second_form.sections) == 3
    assert second_form.fingerprint != default_form.fingerprint


# --- the layout fingerprint -------------------------------------------------------------------------

def test_fingerprint_is_a_short_hash_that_is_stable_between_loads(default_form):
    assert re.fullmatch(r"[0-9a-f]{16}", default_form.fingerprint)
    assert load_form(DEFAULT_FORM_FILE).fingerprint == default_form.fingerprint


@pytest.mark.parametrize("old, new", [
    ('label = "Anh hùng Lao động"', 'label = "Anh hùng Lao động các hạng"'),
    ('label = "Cờ thi đua Chính phủ", individual = false', 'label = "Cờ thi đua Chính phủ"'),
    ('collective = { label = "Tập thể"', 'collective = { label = "Số tập thể"'),
    ('grand_total = "Tổng cộng"', 'grand_total = "Cộng"'),
], ids=["label", "applicability", "column", "grand-total"])
def test_fingerprint_changes_with_the_locked_layout(tmp_path, default_form, old, new):
    assert load_form(_variant(tmp_path, _edit(old, new))).fingerprint != default_form.fingerprint


@pytest.mark.parametrize("old, new", [
    ('deadline = 2020-07-10', 'deadline = 2020-07-20'),
    ('version = "1"', 'version = "2"'),
    ('{ code = "72", name = "Tây Ninh", role = "thanh-vien" },\n', ''),
    ('standing_office = "Sở Nội vụ tỉnh Ninh Thuận"', 'standing_office = "Sở Nội vụ tỉnh Bà Rịa - Vũng Tàu"'),
], ids=["deadline", "version", "units", "sender"])
def test_fingerprint_ignores_what_is_not_layout(tmp_path, default_form, old, new):
    assert load_form(_variant(tmp_path, _edit(old, new))).fingerprint == default_form.fingerprint


# --- wrong definitions ------------------------------------------------------------------------------

def _edit(old: str, new: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        assert old in text, f"the default form no longer contains {old!r}"
        return text.replace(old, new, 1)
    return change


def _sub(pattern: str, replacement: str) -> Callable[[str], str]:
    def change(text: str) -> str:
        changed, count = re.subn(pattern, replacement.replace("\\", "\\\\"), text, count=1)
        assert count == 1, f"the default form no longer matches {pattern!r}"
        return changed
    return change


def _units_from_file(name: str) -> Callable[[str], str]:
    return _sub(r"(?ms)^list = \[.*?^\]\n", f'file = "{name}"\n')


def _no_sections(text: str) -> str:
    head, _, tail = text.partition("[[table.sections]]")
    tail = tail[tail.index("[units]"):]
    return _edit('grand_total = "Tổng cộng"\n', 'grand_total = "Tổng cộng"\nsections = []\n')(head) + tail


def _variant(tmp_path: Path, change: Callable[[str], str], name: str = "bieu-mau-sai.toml") -> Path:
    path = tmp_path / name
    path.write_text(change(DEFAULT_TEXT), encoding="utf-8")
    return path


def _two_forms(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    shutil.copy(DEFAULT_FORM_FILE, folder)
    shutil.copy(SECOND_FORM_FILE, folder)
    shutil.copy(SECOND_FORM_FILE.with_name("xa-phuong-2025.csv"), folder)
    return folder


# (what is wrong, how the default form is changed, the key the message names, words it must contain)
WRONG_DEFINITIONS = [
    ("unknown-key", _edit("[form]\n", '[form]\ntieu_de = "Báo cáo"\n'), "form.tieu_de", ["id, version"]),
    ("unknown-table", _edit("[sender]\n", "[nguoi_gui]\nten = \"x\"\n\n[sender]\n"), "nguoi_gui", []),
    ("duplicate-row-key", _edit('key = "anh-hung-lao-dong"', 'key = "ba-me-viet-nam-anh-hung"'),
     "table.sections[0].rows[1].key", ["ba-me-viet-nam-anh-hung"]),
    ("row-key-same-as-section-key", _edit('key = "bang-khen-ubnd-tinh"', 'key = "cap-nha-nuoc"'),
     "table.sections[1].rows[3].key", ["cap-nha-nuoc"]),
    ("row-key-not-kebab-case", _edit('key = "anh-hung-lao-dong"', 'key = "_total"'),
     "table.sections[0].rows[1].key", ["_total", "chữ thường"]),
    ("missing-label", _edit(', label = "Anh hùng Lao động"', ""), "table.sections[0].rows[1].label", ["thiếu"]),
    ("blank-label", _edit('label = "Anh hùng Lao động"', 'label = "  "'), "table.sections[0].rows[1].label",
     ["không rỗng"]),
    ("missing-column-label", _edit('note = { label = "Ghi chú", kind = "text" }', 'note = { kind = "text" }'),
     "table.columns.note.label", ["thiếu"]),
    ("applicability-not-true-or-false", _edit("collective = false", 'collective = "không"'),
     "table.sections[0].rows[0].collective", ["true", "false"]),
    ("unit-code-twice", _edit('code = "74"', 'code = "58"'), "units.list[2].code", ["58", "hai lần"]),
    ("unit-code-not-a-file-name", _edit('code = "58"', 'code = "../58"'), "units.list[0].code", ["../58"]),
    ("unit-without-name", _edit('name = "Bình Dương", ', ""), "units.list[2].name", ["thiếu"]),
    ("bad-role", _edit('role = "cum-pho"', 'role = "pho-cum"'), "units.list[1].role",
     ["pho-cum", "cum-truong, cum-pho, thanh-vien"]),
    ("date-as-text", _edit("deadline = 2020-07-10", 'deadline = "10/07/2020"'), "period.deadline",
     ["2020-07-10"]),
    ("impossible-date", _edit("end = 2020-06-15", "end = 2020-06-31"), "period.end", ["dòng 14"]),
    ("period-ends-before-it-starts", _edit("end = 2020-06-15", "end = 2019-12-31"), "period.end", []),
    ("deadline-before-period-end", _edit("deadline = 2020-07-10", "deadline = 2020-06-01"),
     "period.deadline", ["hạn gửi"]),
    ("bad-toml-syntax", _edit('title = "TỔNG HỢP', "title = TỔNG HỢP"), "form.title", ["cú pháp", "dòng 8"]),
    ("empty-sections", _no_sections, "table.sections", ["rỗng"]),
    ("section-without-rows", _sub(r'(?ms)^rows = \[\n  \{ key = "co-thi-dua-ubnd-tinh".*?^\]\n', "rows = []\n"),
     "table.sections[1].rows", ["rỗng"]),
    ("sheet-name-too-long", _edit('sheet = "Khen thưởng"', 'sheet = "' + "Khen thưởng " * 3 + '"'),
     "form.sheet", ["31"]),
    ("sheet-name-taken", _edit('sheet = "Khen thưởng"', 'sheet = "Hướng dẫn"'), "form.sheet", ["Hướng dẫn"]),
    ("heading-with-unknown-placeholder", _edit('heading = "UBND TỈNH {name}"', 'heading = "UBND TỈNH {tinh}"'),
     "units.heading", ["{name}"]),
    ("unit-file-missing", _units_from_file("khong-co.csv"), "units.file", ["khong-co.csv"]),
    ("unit-list-and-file", _edit("[units]\n", '[units]\nfile = "don-vi.csv"\n'), "units", ["list", "file"]),
    ("no-units", _sub(r"(?ms)^list = \[.*?^\]\n", "list = []\n"), "units.list", ["rỗng"]),
]


@pytest.mark.parametrize("change, key, words", [case[1:] for case in WRONG_DEFINITIONS],
                         ids=[case[0] for case in WRONG_DEFINITIONS])
def test_a_wrong_definition_raises_form_error_naming_file_and_key(tmp_path, change, key, words):
    path = _variant(tmp_path, change)
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert caught.value.key == key
    assert caught.value.file == str(path)
    message = str(caught.value)
    assert str(path) in message and f"«{key}»" in message
    for word in words:
        assert word in message


@pytest.mark.parametrize("change, key, words", [case[1:] for case in WRONG_DEFINITIONS],
                         ids=[case[0] for case in WRONG_DEFINITIONS])
def test_a_wrong_definition_stops_generate_with_exit_code_2_and_a_message(tmp_path, change, key, words):
    path = _variant(tmp_path, change)
    out = tmp_path / "out"
    result = runner.invoke(app, ["generate", "--form", str(path), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.output.startswith("Lỗi: Định nghĩa biểu mẫu ")
    assert str(path) in result.output and f"«{key}»" in result.output
    assert not out.exists()


def _unit_file_form(tmp_path: Path, name: str, content: str) -> Path:
    (tmp_path / name).write_text(content, encoding="utf-8")
    return _variant(tmp_path, _units_from_file(name))


@pytest.mark.parametrize("name, content, key, words", [
    ("don-vi.csv", "ma,ten\n58,Ninh Thuận\n", "units.file (don-vi.csv)", ["code, name"]),
    ("don-vi.csv", "code,name\n58,Ninh Thuận\n58,Bình Thuận\n", "units.file (don-vi.csv)[1].code", ["58"]),
    ("don-vi.csv", "code,name\n58,\n", "units.file (don-vi.csv)[0]", ["name"]),
    ("don-vi.csv", "code,name\n", "units.file (don-vi.csv)", ["rỗng"]),
    ("don-vi.csv", "code,name,role\n58,Ninh Thuận,truong-cum\n", "units.file (don-vi.csv)[0].role",
     ["truong-cum"]),
    ("don-vi.txt", "code,name\n58,Ninh Thuận\n", "units.file", [".csv", ".xlsx"]),
], ids=["no-code-column", "code-twice", "no-name", "header-only", "bad-role", "not-csv-or-xlsx"])
def test_a_wrong_unit_file_names_the_file_and_the_line(tmp_path, name, content, key, words):
    with pytest.raises(FormError) as caught:
        load_form(_unit_file_form(tmp_path, name, content))
    assert caught.value.key == key
    for word in words:
        assert word in str(caught.value)


def test_a_form_file_that_does_not_exist_is_reported_not_raised(tmp_path):
    result = runner.invoke(app, ["generate", "--form", str(tmp_path / "khong-co.toml"), "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "khong-co.toml" in result.output and "Traceback" not in result.output


def test_two_forms_in_the_folder_and_no_choice_uses_the_most_recent_and_says_so(tmp_path):
    folder = _two_forms(tmp_path / "forms")
    assert find_form(None, folder).id == "khen-thuong-cap-xa-2025"  # its period (2025) began last

    result = runner.invoke(app, ["generate", "--forms-dir", str(folder), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert result.stderr.splitlines()[0].startswith("Dùng biểu mẫu «khen-thuong-cap-xa-2025» (năm 2025;")
    assert len(list((tmp_path / "out").iterdir())) == 4


def test_an_unknown_form_id_lists_the_forms_there_are(tmp_path):
    folder = _two_forms(tmp_path)
    with pytest.raises(FormError) as caught:
        find_form("nope", folder)
    assert caught.value.key == "--form"
    assert "«nope»" in str(caught.value) and "khen-thuong-cap-xa-2025" in str(caught.value)


def test_a_folder_without_forms_is_an_error(tmp_path):
    with pytest.raises(FormError) as caught:
        find_form(None, tmp_path)
    assert caught.value.file == str(tmp_path) and "*.toml" in str(caught.value)


def test_an_unknown_unit_code_raises_form_error_listing_the_codes(default_form):
    with pytest.raises(FormError) as caught:
        default_form.unit("99")
    assert caught.value.key == "units"
    assert "«99»" in str(caught.value) and "58, 77, 74, 70, 60, 75, 72" in str(caught.value)


# --- names: folding labels and slugs for file names ----------------------------------------------------

@pytest.mark.parametrize("name, expected", [
    ("Bà Rịa - Vũng Tàu", "ba-ria-vung-tau"),
    ("Ninh Thuận", "ninh-thuan"),
    ("Đồng Nai", "dong-nai"),
    ("Tây Ninh", "tay-ninh"),
    ("Xã Đức Hòa", "xa-duc-hoa"),
    ("  Thừa Thiên  Huế ", "thua-thien-hue"),
    ("TP. Hồ Chí Minh", "tp-ho-chi-minh"),
    ("", "don-vi"),
    ("???", "don-vi"),
])
def test_slug_is_lowercase_ascii_words_joined_by_hyphens(name, expected):
    assert slug(name) == expected


def test_fold_ignores_case_spacing_punctuation_and_diacritics():
    assert fold("Anh hùng Lao động") == "anh hung lao dong"
    assert fold("  ANH   HÙNG lao-động. ") == fold("Anh hùng Lao động")
    assert fold(unicodedata.normalize("NFD", "Bà Rịa - Vũng Tàu")) == fold("Bà Rịa - Vũng Tàu")


@pytest.mark.parametrize("a, b", [
    ("Chiến sĩ thi đua toàn quốc", "Chiến sỹ thi đua toàn quốc"),
    ("Chiến sĩ thi đua cấp tỉnh", "CHIẾN SỸ THI ĐUA CẤP TỈNH"),
    ("Chiến sĩ", "Chiến sỹ"),
])
def test_fold_treats_chien_si_and_chien_sy_as_the_same_title(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize("a, b", [
    ("Huân chương kháng chiến các hạng", "Huy chương kháng chiến các hạng"),
    ("Cờ thi đua Chính phủ", "Cờ thi đua UBND tỉnh"),
    ("Chiến sỹ thi đua toàn quốc", "Chiến sỹ thi đua cấp tỉnh"),
])
def test_fold_keeps_different_awards_apart(a, b):
    assert fold(a) != fold(b)


VIETNAMESE = ("aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệghiìỉĩíịklmnoòỏõóọôồổỗốộơờởỡớợpqrstuùủũúụưừửữứự"
              "vxyỳỷỹýỵ0123456789 -.,()")


@given(st.text(alphabet=VIETNAMESE, max_size=40))
def test_fold_is_blind_to_case_and_unicode_normal_form(text):
    assert fold(text.upper()) == fold(text)
    assert fold(unicodedata.normalize("NFD", text)) == fold(text)
    assert fold(fold(text)) == fold(text)


@given(st.text(max_size=40))
def test_slug_of_any_text_is_a_safe_file_name(text):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug(text))


@pytest.mark.parametrize(("text", "said"), [
    (b'x = "\xff"\n', "không phải văn bản UTF-8"),
    (b"x = [1,\n", "ở cuối tệp (dòng 1)"),
])
def test_a_definition_that_cannot_be_parsed_says_where_in_vietnamese_without_a_placeholder(tmp_path, text, said):
    from toolkit.form import FormError, load_form

    path = tmp_path / "f.toml"
    path.write_bytes(text)
    with pytest.raises(FormError) as caught:
        load_form(path)
    assert said in str(caught.value) and "«-»" not in str(caught.value)


# --- the table's language -------------------------------------------------------------------------

def test_the_table_language_page_is_the_one_generated_from_the_code():
    from toolkit import table

    assert table.DOC_PATH.read_text(encoding="utf-8") == table.markdown()


@pytest.mark.parametrize("change, key, words", [
    (_edit('kind = "count" }', 'kind = "so-luong" }'), "table.columns.total.kind", ["so-luong", "count"]),
    (_edit('check = "total = collective + individual"', 'check = "total = collective + ca_nhan"'),
     "table.rules[0].check", ["ca_nhan", "total, collective, individual"]),
    (_edit('check = "total = collective + individual"', 'check = "total = collective +"'),
     "table.rules[0].check", ["cột = biểu thức"]),
    (_edit('check = "total = collective + individual"', 'check = "total = total + individual"'),
     "table.rules[0].check", ["total"]),
    (_edit('{ label = "Ghi chú", kind = "text" }', '{ label = "Ghi chú", kind = "text", places = 2 }'),
     "table.columns.note.places", ["count, decimal, percent"]),
    (_edit('{ label = "Tập thể", kind = "count" }', '{ label = "Tập thể", kind = "count", input = false }'),
     "table.columns.collective.input", ["table.rules"]),
    (_edit('grand_total = "Tổng cộng"\n', 'grand_total = "Tổng cộng"\nside_by_side = ["tong"]\n'),
     "table.side_by_side[0]", ["tong"]),
    (_edit('label = "Cờ thi đua Chính phủ", individual = false',
           'label = "Cờ thi đua Chính phủ", individual = false, collective = false, total = false'),
     "table.sections[0].rows[6]", []),
], ids=["unknown-kind", "rule-names-an-unknown-column", "rule-not-an-equation", "rule-circular",
        "places-on-a-text-column", "computed-column-without-its-rule", "side-by-side-unknown-column",
        "row-with-no-value-column"])
def test_a_wrong_table_definition_names_the_key(tmp_path, change, key, words):
    with pytest.raises(FormError) as caught:
        load_form(_variant(tmp_path, change))
    assert caught.value.key == key
    for word in words:
        assert word in caught.value.problem
