"""A new period: ``thidua form new`` and ``form list``, the form used among several, per-form outputs,
and another round's files in the inbox."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from toolkit.checks.run import check
from toolkit.cli import app
from toolkit.form import FormError, load_form, pick_form
from toolkit.formats import parse_date
from toolkit.write.template import generate

HERE = Path(__file__).resolve().parent
DEFAULT_FORM_FILE = HERE.parent / "workbook_templates" / "khen-thuong-6t-2020.toml"
SECOND_FORM_FILE = HERE / "data" / "forms" / "khen-thuong-cap-xa-2025.toml"
NEW_ID = "khen-thuong-6t-2021"
NEW_PERIOD = ["--period", "06 tháng đầu năm 2021", "--start", "2021-01-01", "--end", "2021-06-15",
              "--deadline", "2021-07-10"]

runner = CliRunner()
WIDE = {"COLUMNS": "250"}


@pytest.fixture(autouse=True)
def away_from_the_repository(tmp_path, monkeypatch):
    monkeypatch.delenv("THIDUA_FORMS", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def forms(tmp_path) -> Path:
    """A forms folder holding a copy of the shipped form."""
    folder = tmp_path / "workbook_templates"
    folder.mkdir()
    shutil.copy(DEFAULT_FORM_FILE, folder)
    return folder


def thidua(*args: str):
    result = runner.invoke(app, list(args), env=WIDE)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def new_period(forms: Path, *extra: str, new_id: str = NEW_ID):
    return thidua("form", "new", new_id, "--from", "khen-thuong-6t-2020", *NEW_PERIOD, "--forms-dir",
                  str(forms), *extra)


# --- thidua form new ------------------------------------------------------------------------------

def test_form_new_writes_a_definition_of_the_new_period_with_the_same_table_and_units(forms):
    result = new_period(forms)

    assert result.exit_code == 0, result.output
    old, new = load_form(forms / "khen-thuong-6t-2020.toml"), load_form(forms / f"{NEW_ID}.toml")
    assert (new.id, new.version, new.period.name) == (NEW_ID, "1", "06 tháng đầu năm 2021")
    assert (new.period.start, new.period.end, new.period.deadline) == (
        dt.date(2021, 1, 1), dt.date(2021, 6, 15), dt.date(2021, 7, 10))
    assert new.sections == old.sections and new.units == old.units and new.columns == old.columns
    assert new.fingerprint == old.fingerprint
    assert (new.sheet, new.heading, new.cluster) == (old.sheet, old.heading, old.cluster)


def test_form_new_renames_the_period_in_the_capitalised_title_and_prints_each_change(forms):
    result = new_period(forms)

    new = load_form(forms / f"{NEW_ID}.toml")
    assert new.title == "TỔNG HỢP KẾT QUẢ KHEN THƯỞNG 06 THÁNG ĐẦU NĂM 2021"
    lines = result.stdout.splitlines()
    assert lines[0].startswith(f"Đã tạo biểu mẫu {forms / NEW_ID}.toml từ «khen-thuong-6t-2020»")
    assert "  form.title: «TỔNG HỢP KẾT QUẢ KHEN THƯỞNG 06 THÁNG ĐẦU NĂM 2020» → " \
           "«TỔNG HỢP KẾT QUẢ KHEN THƯỞNG 06 THÁNG ĐẦU NĂM 2021»" in lines
    assert "  period.deadline: «2020-07-10» → «2021-07-10»" in lines
    assert "  form.id: «khen-thuong-6t-2020» → «khen-thuong-6t-2021»" in lines
    assert not any(line.startswith("  form.version") for line in lines), "version 1 stays 1: not a change"


def test_form_new_keeps_the_comments_and_layout_of_the_old_file(forms):
    new_period(forms)

    old = (forms / "khen-thuong-6t-2020.toml").read_text(encoding="utf-8").splitlines()
    new = (forms / f"{NEW_ID}.toml").read_text(encoding="utf-8").splitlines()
    assert len(new) == len(old)
    assert [line for line in new if line.startswith("#")] == [line for line in old if line.startswith("#")]
    assert sum(a != b for a, b in zip(old, new)) == 6  # id, title and the four period lines


def test_form_new_renames_the_period_whatever_its_case_and_resets_the_version(forms):
    old_file = forms / "khen-thuong-6t-2020.toml"
    text = old_file.read_text(encoding="utf-8").replace('version = "1"', 'version = "4"')
    text = text.replace('label = "Khen thưởng cấp tỉnh"', 'label = "Khen thưởng cấp tỉnh 06 Tháng đầu năm 2020"')
    text = text.replace('subheading = "SỞ NỘI VỤ"', 'subheading = "SỞ NỘI VỤ - báo cáo 06 tháng đầu năm 2020"')
    old_file.write_text(text, encoding="utf-8")

    result = new_period(forms)

    assert result.exit_code == 0, result.output
    new = load_form(forms / f"{NEW_ID}.toml")
    assert new.version == "1"
    assert new.sections[1].label == "Khen thưởng cấp tỉnh 06 Tháng đầu năm 2021"
    assert new.subheading == "SỞ NỘI VỤ - báo cáo 06 tháng đầu năm 2021"
    assert "  form.version: «4» → «1»" in result.stdout.splitlines()
    assert any(line.startswith("  table.sections[1].label: ") for line in result.stdout.splitlines())


def test_form_new_refuses_to_overwrite_an_existing_definition(forms):
    assert new_period(forms).exit_code == 0
    before = (forms / f"{NEW_ID}.toml").read_bytes()

    again = thidua("form", "new", NEW_ID, "--from", "khen-thuong-6t-2020", "--period", "năm 2022",
                   "--start", "2022-01-01", "--end", "2022-12-31", "--deadline", "2023-01-10",
                   "--forms-dir", str(forms))

    assert again.exit_code == 2
    assert again.stderr.startswith("Lỗi: ") and "không ghi đè" in again.stderr
    assert (forms / f"{NEW_ID}.toml").read_bytes() == before


def test_form_new_refuses_an_id_another_file_already_uses(forms):
    (forms / "khen-thuong-6t-2020.toml").rename(forms / "ky-truoc.toml")  # same id, another file name

    result = new_period(forms, new_id="khen-thuong-6t-2020")

    assert result.exit_code == 2 and "đã có biểu mẫu mã «khen-thuong-6t-2020»" in result.stderr
    assert sorted(p.name for p in forms.iterdir()) == ["ky-truoc.toml"]


def test_form_new_accepts_day_first_dates(forms):
    result = thidua("form", "new", NEW_ID, "--from", "khen-thuong-6t-2020", "--period", "06 tháng đầu năm 2021",
                    "--start", "1/1/2021", "--end", "15/06/2021", "--deadline", "10/07/2021",
                    "--forms-dir", str(forms))

    assert result.exit_code == 0, result.output
    assert load_form(forms / f"{NEW_ID}.toml").period.end == dt.date(2021, 6, 15)


@pytest.mark.parametrize("bad", ["31/02/2021", "2021-13-01", "15.06.2021", "mai"])
def test_form_new_refuses_a_date_it_cannot_read_and_writes_nothing(forms, bad):
    result = thidua("form", "new", NEW_ID, "--from", "khen-thuong-6t-2020", "--period", "06 tháng đầu năm 2021",
                    "--start", "2021-01-01", "--end", bad, "--deadline", "2021-07-10", "--forms-dir", str(forms))

    assert result.exit_code == 2
    assert f"«{bad}» không hợp lệ" in result.stderr
    assert not (forms / f"{NEW_ID}.toml").exists()


def test_form_new_validates_the_new_definition_like_any_other(forms):
    result = thidua("form", "new", NEW_ID, "--from", "khen-thuong-6t-2020", "--period", "06 tháng đầu năm 2021",
                    "--start", "2021-01-01", "--end", "2021-06-15", "--deadline", "2021-06-01",
                    "--forms-dir", str(forms))

    assert result.exit_code == 2
    assert "tùy chọn «--deadline»" in result.stderr  # the date the user gave, checked like any definition's
    assert sorted(p.name for p in forms.iterdir()) == ["khen-thuong-6t-2020.toml"], "no file, no temporary left"


def test_form_new_refuses_an_id_that_cannot_name_a_file(forms):
    result = new_period(forms, new_id="Khen Thưởng 2021")

    assert result.exit_code == 2 and "không hợp lệ" in result.stderr
    assert sorted(p.name for p in forms.iterdir()) == ["khen-thuong-6t-2020.toml"]


def test_form_new_takes_the_default_mark_off_the_copy(forms):
    old_file = forms / "khen-thuong-6t-2020.toml"
    old_file.write_text(old_file.read_text(encoding="utf-8").replace(
        'sheet = "Khen thưởng"\n', 'sheet = "Khen thưởng"\ndefault = true\n'), encoding="utf-8")

    result = new_period(forms)

    assert result.exit_code == 0, result.output
    assert load_form(old_file).default and not load_form(forms / f"{NEW_ID}.toml").default
    assert "  form.default: «true» → «false»" in result.stdout.splitlines()
    assert pick_form(None, forms).form.id == "khen-thuong-6t-2020"


def test_form_new_finds_a_unit_file_beside_the_new_definition(tmp_path):
    folder = tmp_path / "forms"
    folder.mkdir()
    shutil.copy(SECOND_FORM_FILE, folder)
    shutil.copy(SECOND_FORM_FILE.with_name("xa-phuong-2025.csv"), folder)

    result = thidua("form", "new", "khen-thuong-cap-xa-2026", "--from", "khen-thuong-cap-xa-2025",
                    "--period", "năm 2026", "--start", "2025-12-01", "--end", "2026-11-30",
                    "--deadline", "2026-12-12", "--forms-dir", str(folder))

    assert result.exit_code == 0, result.output
    new = load_form(folder / "khen-thuong-cap-xa-2026.toml")
    assert new.title == "BÁO CÁO SỐ LIỆU KHEN THƯỞNG CẤP XÃ NĂM 2026"
    assert new.units == load_form(folder / SECOND_FORM_FILE.name).units


# --- dates as typed -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["2021-07-10", "10/07/2021", "10/7/2021", " 10/07/2021 "])
def test_parse_date_reads_iso_and_day_first_dates(text):
    assert parse_date(text) == dt.date(2021, 7, 10)


@pytest.mark.parametrize("text", ["07/31/2021", "2021-7-10", "20210710", "", "10-07-2021"])
def test_parse_date_refuses_other_shapes_in_vietnamese(text):
    with pytest.raises(ValueError, match="không hợp lệ"):
        parse_date(text)


# --- which form, among several ----------------------------------------------------------------------

def _made(forms: Path, new_id: str, year: int) -> None:
    assert thidua("form", "new", new_id, "--from", "khen-thuong-6t-2020", "--period",
                  f"06 tháng đầu năm {year}", "--start", f"{year}-01-01", "--end", f"{year}-06-15",
                  "--deadline", f"{year}-07-10", "--forms-dir", str(forms)).exit_code == 0


@pytest.fixture
def rounds(forms) -> Path:
    """Three rounds of the same form: 2020, 2021 and 2022."""
    _made(forms, "khen-thuong-6t-2021", 2021)
    _made(forms, "khen-thuong-6t-2022", 2022)
    return forms


@pytest.mark.parametrize("today, chosen, why", [
    (dt.date(2021, 7, 1), "khen-thuong-6t-2021", "current"),    # between its start and its deadline
    (dt.date(2021, 3, 1), "khen-thuong-6t-2021", "current"),
    (dt.date(2021, 9, 1), "khen-thuong-6t-2021", "recent"),     # after its deadline, before 2022 starts
    (dt.date(2030, 1, 1), "khen-thuong-6t-2022", "recent"),
    (dt.date(2019, 1, 1), "khen-thuong-6t-2020", "next"),       # none begun: the first to come
])
def test_without_a_choice_the_current_round_is_used_else_the_most_recent(rounds, today, chosen, why):
    picked = pick_form(None, rounds, today=today)
    assert (picked.form.id, picked.why) == (chosen, why)
    assert len(picked.forms) == 3


def test_a_form_marked_default_is_used_whatever_the_date(rounds):
    path = rounds / "khen-thuong-6t-2020.toml"
    path.write_text(path.read_text(encoding="utf-8").replace('sheet = "Khen thưởng"\n',
                                                             'sheet = "Khen thưởng"\ndefault = true\n'))
    picked = pick_form(None, rounds, today=dt.date(2021, 7, 1))
    assert (picked.form.id, picked.why) == ("khen-thuong-6t-2020", "marked")


def test_two_forms_marked_default_is_a_definition_error_naming_both(rounds):
    for name in ("khen-thuong-6t-2020.toml", "khen-thuong-6t-2021.toml"):
        path = rounds / name
        path.write_text(path.read_text(encoding="utf-8").replace('sheet = "Khen thưởng"\n',
                                                                 'sheet = "Khen thưởng"\ndefault = true\n'))
    with pytest.raises(FormError) as caught:
        pick_form(None, rounds)
    assert "khen-thuong-6t-2020, khen-thuong-6t-2021" in str(caught.value)
    assert caught.value.key == "form.default"


def test_commands_use_the_default_form_say_which_on_the_first_line_and_go_on(rounds, tmp_path):
    result = thidua("generate", "--forms-dir", str(rounds), "-q")

    assert result.exit_code == 0, result.output
    first = result.stderr.splitlines()[0]
    assert first.startswith("Dùng biểu mẫu «khen-thuong-6t-2022» (06 tháng đầu năm 2022; kỳ báo cáo gần nhất)")
    assert "--form" in first
    assert len(list((tmp_path / "outbox" / "khen-thuong-6t-2022" / "bieu-mau").iterdir())) == 7


def test_a_form_named_with_form_is_used_without_a_word(rounds):
    result = thidua("generate", "--forms-dir", str(rounds), "--form", "khen-thuong-6t-2021", "-q")

    assert result.exit_code == 0, result.output
    assert "Dùng biểu mẫu" not in result.stderr


def test_form_list_shows_every_form_with_period_deadline_units_and_the_default(rounds):
    result = thidua("form", "list", "--forms-dir", str(rounds))

    assert result.exit_code == 0, result.output
    rows: dict[str, list[list[str]]] = {}
    for line in result.stdout.splitlines():
        if line.startswith("│"):
            cells = [c.strip() for c in line.split("│")[1:-1]]
            if cells[0]:
                rows[cells[0]] = [[c] for c in cells[1:]]
            else:  # a cell's next line
                for column, more in zip(rows[list(rows)[-1]], cells[1:]):
                    column.append(more)
    rows = {form: [" ".join(filter(None, lines)) for lines in cells] for form, cells in rows.items()}
    assert list(rows) == ["khen-thuong-6t-2020", "khen-thuong-6t-2021", "khen-thuong-6t-2022"]
    assert rows["khen-thuong-6t-2021"][:3] == ["06 tháng đầu năm 2021 từ 01/01/2021 đến 15/06/2021", "10/07/2021", "7"]
    marked = [form for form, cells in rows.items() if cells[3]]
    assert marked == ["khen-thuong-6t-2022"]  # today is after every period: the latest
    assert rows["khen-thuong-6t-2022"][3] == "có"
    assert "các lệnh dùng biểu mẫu khen-thuong-6t-2022 (kỳ báo cáo gần nhất)" in result.stdout
    narrow = runner.invoke(app, ["form", "list", "--forms-dir", str(rounds)], env={"COLUMNS": "80"}).stdout
    assert max(map(len, narrow.splitlines()[:-1])) <= 80 and "khen-thuong-6t-2021 " in narrow


# --- outputs per form ---------------------------------------------------------------------------------

def test_two_rounds_write_their_templates_and_summaries_apart(rounds, tmp_path):
    for form_id in ("khen-thuong-6t-2021", "khen-thuong-6t-2022"):
        assert thidua("generate", "--forms-dir", str(rounds), "--form", form_id, "--unit", "58", "-q").exit_code == 0
        (tmp_path / "inbox").mkdir(exist_ok=True)  # each round's return (the blank template) beside the other's
        shutil.copyfile(tmp_path / "outbox" / form_id / "bieu-mau" / "58-ninh-thuan.xlsx",
                        tmp_path / "inbox" / f"58-{form_id}.xlsx")
        thidua("consolidate", "--forms-dir", str(rounds), "--form", form_id, "-q")

    for form_id in ("khen-thuong-6t-2021", "khen-thuong-6t-2022"):
        template = tmp_path / "outbox" / form_id / "bieu-mau" / "58-ninh-thuan.xlsx"
        props = openpyxl.load_workbook(template, read_only=True).custom_doc_props
        assert props["thidua.form_id"].value == form_id
        summary = tmp_path / "outbox" / form_id / f"tong-hop-{form_id}.xlsx"
        assert "Tổng hợp" in openpyxl.load_workbook(summary, read_only=True).sheetnames


# --- another round's files in the inbox -------------------------------------------------------------

def test_a_file_of_another_known_round_is_listed_as_ignored_not_as_an_error(rounds, tmp_path):
    old, new = load_form(rounds / "khen-thuong-6t-2020.toml"), load_form(rounds / "khen-thuong-6t-2021.toml")
    inbox = tmp_path / "inbox"
    generate(old, inbox, [old.unit("58")], workers=1)

    report = check(new, inbox, workers=1)

    (shown,) = report.files
    assert shown.status == "ignored" and shown.issues == []
    assert "khen-thuong-6t-2020" in shown.reason and "06 tháng đầu năm 2020" in shown.reason
    assert report.ok and report.summary["error"] == 0 and report.summary["files_rejected"] == 0


def test_a_file_of_a_form_not_among_the_other_rounds_is_still_rejected(rounds, tmp_path):
    old, new = load_form(rounds / "khen-thuong-6t-2020.toml"), load_form(rounds / "khen-thuong-6t-2021.toml")
    inbox = tmp_path / "inbox"
    generate(old, inbox, [old.unit("58")], workers=1)

    report = check(new, inbox, workers=1, other_rounds=frozenset({("khen-thuong-6t-2022", "06 tháng đầu năm 2022")}))

    (shown,) = report.files
    assert shown.status == "rejected" and [i.code for i in shown.issues] == ["unknown-form"]
    assert not report.ok


def test_check_on_the_command_line_lists_the_other_rounds_file_and_exits_0(rounds, tmp_path):
    old = load_form(rounds / "khen-thuong-6t-2020.toml")
    generate(old, tmp_path / "inbox", [old.unit("58")], workers=1)

    result = thidua("check", "--forms-dir", str(rounds), "--form", "khen-thuong-6t-2021", "-q")

    assert result.exit_code == 0, result.output
    assert "bỏ qua: 58-ninh-thuan.xlsx (tệp của đợt báo cáo khác: biểu mẫu «khen-thuong-6t-2020»" in result.stdout


def test_form_new_refuses_a_layout_it_cannot_rewrite_and_writes_nothing(forms):
    old_file = forms / "khen-thuong-6t-2020.toml"
    text = old_file.read_text(encoding="utf-8")
    start, end = text.index("[period]"), text.index("[sender]")
    inline = 'period = { name = "06 tháng đầu năm 2020", start = 2020-01-01, end = 2020-06-15, deadline = 2020-07-10 }\n'
    old_file.write_text(inline + text[:start] + text[end:], encoding="utf-8")
    assert load_form(old_file).period.name == "06 tháng đầu năm 2020"

    result = new_period(forms)

    assert result.exit_code == 2
    assert "sửa tay" in result.stderr and "period.deadline" in result.stderr
    assert sorted(p.name for p in forms.iterdir()) == ["khen-thuong-6t-2020.toml"]


def test_status_reads_its_date_with_the_same_parser(tmp_path):
    (tmp_path / "inbox").mkdir()
    result = thidua("status", "--form", str(DEFAULT_FORM_FILE), "--on", "05/07/2020", "-q")

    assert result.exit_code == 0, result.output
    assert "Còn 5 ngày đến hạn gửi (10/07/2020)" in result.stdout
    assert thidua("status", "--form", str(DEFAULT_FORM_FILE), "--on", "32/07/2020").exit_code == 2


def test_a_broken_definition_beside_it_does_not_stop_a_form_named_by_its_id(rounds):
    (rounds / "nhap.toml").write_text("x = [\n", encoding="utf-8")

    named = thidua("status", "--forms-dir", str(rounds), "--form", "khen-thuong-6t-2021", "--inbox", str(rounds))
    unnamed = thidua("status", "--forms-dir", str(rounds), "--inbox", str(rounds))

    assert named.exit_code == 0, named.output
    assert unnamed.exit_code == 2 and "nhap.toml" in unnamed.output


@pytest.mark.parametrize(("change", "option"), [
    ({"new_id": "khen-thuong-6t-2020"}, "MÃ_MỚI"),   # a file that is there already
    ({"new_id": "Khen_2021"}, "MÃ_MỚI"),
    ({"end": "2020-12-31"}, "--end"),                 # before the start
    ({"old": "khong-co"}, "--from"),
])
def test_a_wrong_argument_to_form_new_is_told_as_the_users_not_the_definitions(forms, change, option):
    words = {"new_id": NEW_ID, "old": "khen-thuong-6t-2020", "end": "2021-06-15", **change}
    result = thidua("form", "new", words["new_id"], "--from", words["old"], "--period", "06 tháng đầu năm 2021",
                    "--start", "2021-01-01", "--end", words["end"], "--deadline", "2021-07-10", "--forms-dir", str(forms))
    assert result.exit_code == 2
    assert f"tùy chọn «{option}»" in result.output and "Định nghĩa biểu mẫu" not in result.output
