"""The plan's second table, the economic targets: a form of another shape, written in the same language.

Its columns hold decimals and percents, a growth rate may be negative, "So với kế hoạch năm" is
computed by the template from its rule, the sectors of the economy must add up to 100 ± 0.5, and
the summary puts the provinces side by side with cluster totals only where adding up means
something, and each province's rank. Returns are filled as provinces fill them: with openpyxl
(which does not calculate) and with LibreOffice (which does).
"""

from __future__ import annotations

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from support.libreoffice import fill_and_save, recalculate_values
from tests.returns import as_cells, at, fill, file_named, indicator_values, run, unit_of
from toolkit import texts
from toolkit.write.summary import consolidate

LABELS = ["STT", "Chỉ tiêu", "Đơn vị tính", "Kế hoạch năm 2020", "Thực hiện 6 tháng", "So với cùng kỳ (%)",
          "So với kế hoạch năm (%)", "Ghi chú"]
ROWS = [  # (STT, label, unit of measure)
    ("1", "Tốc độ tăng trưởng GRDP", "%"),
    ("2", "Tổng kim ngạch xuất khẩu", "triệu USD"),
    ("3", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng"),
    ("4.1", "Nông, lâm nghiệp và thủy sản", "%"),
    ("4.2", "Công nghiệp và xây dựng", "%"),
    ("4.3", "Dịch vụ", "%"),
    ("4.4", "Thuế sản phẩm trừ trợ cấp sản phẩm", "%"),
    ("5.1", "Số dự án", "dự án"),
    ("5.2", "Vốn đăng ký", "tỷ đồng"),
    ("6.1", "Số dự án", "dự án"),
    ("6.2", "Vốn đăng ký", "triệu USD"),
]


def _return(form, templates, inbox, code: str, values: dict, n: int = 0):
    """Unit ``code``'s return, typed with openpyxl: the plan's values, then ``values`` (row, column) over them."""
    cells = as_cells(form, indicator_values(n)) | {at(form, key, column): v for (key, column), v in values.items()}
    return fill(templates[code], inbox / f"{code}.xlsx", cells, form=form)


def _findings(result) -> set[tuple[str, str | None]]:
    return {(i.code, i.cell) for i in result.issues}


# --- the form -----------------------------------------------------------------------------------------

def test_the_second_form_has_the_plans_columns_rows_and_units(indicators_form, default_form):
    form = indicators_form
    assert form.id == "chi-tieu-ktxh-6t-2020" and form.sheet == "Chỉ tiêu KT-XH"
    assert list(form.columns.values()) == LABELS
    assert [(r.number, r.label, r.unit) for r in form.rows] == ROWS
    assert [s.label for s in form.sections if not s.inline] == [
        "Cơ cấu kinh tế", "Thu hút đầu tư trong nước", "Thu hút đầu tư nước ngoài (FDI)"]
    assert form.units == default_form.units and form.period == default_form.period
    grdp = form.rows[0]
    assert grdp.negative and not grdp.applies("vs_last_year") and not grdp.applies("vs_plan")
    assert [k for k in form.value_keys if form.rows[3].applies(k)] == ["actual"]
    assert {r.key for r in form.rows if r.aggregate == "sum"} == {
        "kim-ngach-xuat-khau", "thu-ngan-sach", "so-du-an-trong-nuoc", "von-dang-ky-trong-nuoc",
        "so-du-an-fdi", "von-dang-ky-fdi"}


def test_the_template_computes_so_voi_ke_hoach_from_its_rule(indicators_form, indicators_generated):
    form = indicators_form
    ws = openpyxl.load_workbook(indicators_generated["58"])[form.sheet]
    header = [c.value for c in ws[9]][:8]
    assert header == LABELS
    exports = at(form, "kim-ngach-xuat-khau", "vs_plan")
    row = exports[1:]
    assert ws[exports].value == f'=IF(AND(ISNUMBER(E{row}),ISNUMBER(D{row}),D{row}<>0),E{row}/D{row}*100,"")'
    assert ws[exports].protection.locked and not ws[at(form, "kim-ngach-xuat-khau", "actual")].protection.locked
    for key, column in [("tang-truong-grdp", "vs_plan"), ("dich-vu", "plan"), ("dich-vu", "vs_plan")]:
        assert ws[at(form, key, column)].value == texts.NOT_APPLICABLE
    assert ws[at(form, "von-dang-ky-fdi", "unit")].value == "triệu USD"
    kinds = {dv.type for dv in ws.data_validations.dataValidation}
    assert kinds == {"decimal", "whole", "textLength"}  # amounts, numbers of projects, notes


@pytest.mark.libreoffice
def test_libreoffice_computes_the_percent_of_plan_in_the_template(libreoffice, indicators_form,
                                                                  indicators_generated, tmp_path):
    form = indicators_form
    cells = {at(form, "kim-ngach-xuat-khau", "plan"): 3200, at(form, "kim-ngach-xuat-khau", "actual"): 1552}
    path = fill_and_save(indicators_generated["58"], tmp_path / "58.xlsx", {form.sheet: cells})
    values = recalculate_values(path)[form.sheet]
    assert values[at(form, "kim-ngach-xuat-khau", "vs_plan")] == pytest.approx(48.5)
    assert values[at(form, "thu-ngan-sach", "vs_plan")] in ("", None)  # blank until both are given


# --- checks at the cell --------------------------------------------------------------------------------

def test_decimals_negative_growth_and_shares_that_add_up_pass(indicators_form, indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {})
    result = file_named(run(form, inbox), "58.xlsx")
    assert result.status == "accepted" and not result.issues
    assert result.values["tang-truong-grdp"]["actual"] == -1.25
    assert result.values["kim-ngach-xuat-khau"]["actual"] == 1550.25
    assert result.values["so-du-an-fdi"]["actual"] == 4


def test_vietnamese_text_numbers_are_read_with_a_warning(indicators_form, indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {("tang-truong-grdp", "actual"): "6,5",
                                                      ("thu-ngan-sach", "actual"): "1.234,5",
                                                      ("kim-ngach-xuat-khau", "vs_last_year"): "96,4%"})
    result = file_named(run(form, inbox), "58.xlsx")
    assert result.values["tang-truong-grdp"]["actual"] == 6.5
    assert result.values["thu-ngan-sach"]["actual"] == 1234.5
    assert result.values["kim-ngach-xuat-khau"]["vs_last_year"] == 96.4
    assert _findings(result) == {("text-number", at(form, "tang-truong-grdp", "actual")),
                                 ("text-number", at(form, "thu-ngan-sach", "actual")),
                                 ("text-number", at(form, "kim-ngach-xuat-khau", "vs_last_year"))}
    assert result.status == "accepted"
    said = next(i for i in result.issues if i.cell == at(form, "thu-ngan-sach", "actual"))
    assert "«1.234,5»" in said.message and "1234,5" in said.message


def test_a_negative_amount_is_an_error_where_the_row_does_not_allow_it(indicators_form, indicators_generated,
                                                                       tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {("kim-ngach-xuat-khau", "actual"): -5,
                                                      ("tang-truong-grdp", "plan"): -0.5})
    result = file_named(run(form, inbox), "58.xlsx")
    assert _findings(result) == {("negative-value", at(form, "kim-ngach-xuat-khau", "actual"))}


def test_shares_of_the_economy_that_do_not_add_up_are_reported_at_the_first_share(
        indicators_form, indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {("dich-vu", "actual"): 43.5})  # 30,5 + 25,25 + 43,5 = 99,25
    result = file_named(run(form, inbox), "58.xlsx")
    [found] = result.issues
    assert (found.code, found.cell, found.severity) == ("rows-total-mismatch", at(form, "nong-lam-thuy-san", "actual"),
                                                        "error")
    assert "99,25" in found.message and "100" in found.message and "0,5" in found.message


def test_shares_within_half_a_point_and_the_optional_fourth_share_pass(indicators_form, indicators_generated,
                                                                       tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {("dich-vu", "actual"): 43.9})  # 99,65
    _return(form, indicators_generated, inbox, "77", {("dich-vu", "actual"): 40.25,
                                                      ("thue-san-pham", "actual"): 4})  # 100
    report = run(form, inbox)
    assert not file_named(report, "58.xlsx").issues and not file_named(report, "77.xlsx").issues


def test_a_percent_of_plan_typed_over_the_formula_is_recomputed_and_reported(indicators_form,
                                                                            indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    cell = at(form, "kim-ngach-xuat-khau", "vs_plan")
    _return(form, indicators_generated, inbox, "58", {("kim-ngach-xuat-khau", "vs_plan"): 60})
    result = file_named(run(form, inbox), "58.xlsx")
    assert _findings(result) == {("computed-mismatch", cell), ("formula-altered", cell)}
    mismatch = next(i for i in result.issues if i.code == "computed-mismatch")
    assert "60" in mismatch.message and "48,45" in mismatch.message  # 1550,25 : 3200 × 100


def test_a_percent_of_plan_within_half_a_point_is_accepted(indicators_form, indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {("kim-ngach-xuat-khau", "vs_plan"): 48.8})
    result = file_named(run(form, inbox), "58.xlsx")
    assert {i.code for i in result.issues} == {"formula-altered"}


def test_too_many_decimals_is_a_warning_and_the_value_is_kept(indicators_form, indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {("von-dang-ky-fdi", "actual"): 215.555,
                                                      ("so-du-an-fdi", "actual"): 4.5})
    result = file_named(run(form, inbox), "58.xlsx")
    assert _findings(result) == {("too-many-decimals", at(form, "von-dang-ky-fdi", "actual")),
                                 ("not-integer", at(form, "so-du-an-fdi", "actual"))}
    assert result.values["von-dang-ky-fdi"]["actual"] == 215.555


@pytest.mark.libreoffice
def test_a_return_filled_in_libreoffice_is_read_with_its_computed_percents(libreoffice, indicators_form,
                                                                            indicators_generated, tmp_path):
    form = indicators_form
    inbox = tmp_path / "inbox"
    values = indicator_values() | {("tang-truong-grdp", "actual"): -2.3, ("dich-vu", "actual"): 40.0}
    cells = {at(form, key, column): value for (key, column), value in values.items()}
    cells[at(form, "thu-ngan-sach", "vs_last_year")] = "101,3"  # typed as text in a text-formatted cell
    fill_and_save(indicators_generated["75"], inbox / "75.xlsx", {form.sheet: cells})
    result = file_named(run(form, inbox), "75.xlsx")
    assert result.values["tang-truong-grdp"]["actual"] == -2.3
    assert result.values["kim-ngach-xuat-khau"]["vs_plan"] == pytest.approx(1550.25 / 3200 * 100)
    assert _findings(result) == {("rows-total-mismatch", at(form, "nong-lam-thuy-san", "actual")),
                                 ("text-number", at(form, "thu-ngan-sach", "vs_last_year"))}


# --- the summary -----------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seven(indicators_form, indicators_generated, tmp_path_factory):
    """All seven provinces' returns, each its own figures, and the summary of them."""
    form = indicators_form
    inbox = tmp_path_factory.mktemp("inbox")
    for n, unit in enumerate(form.units):
        _return(form, indicators_generated, inbox, unit.code, {}, n)
    report = run(form, inbox)
    path = consolidate(report, tmp_path_factory.mktemp("outbox") / "tong-hop.xlsx").path
    return report, path


def test_the_summary_puts_the_provinces_side_by_side_with_ranks(indicators_form, seven):
    form = indicators_form
    report, path = seven
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(texts.SIDE_BY_SIDE_SHEET).to_python()
    head = next(i for i, row in enumerate(sheet) if row[:1] == ["STT"])
    names = [c for c in sheet[head][3:] if c]
    assert names == [u.name for u in form.units] + [texts.SIDE_BY_SIDE_CLUSTER]
    assert sheet[head + 1][3:5] == ["Thực hiện 6 tháng", texts.RANK]
    rows = {row[1]: row for row in sheet[head + 2:] if row[1]}

    def of(label: str, n: int) -> tuple:
        return rows[label][3 + 2 * n], rows[label][4 + 2 * n]

    growth = [indicator_values(n)[("tang-truong-grdp", "actual")] for n in range(7)]
    assert [of("Tốc độ tăng trưởng GRDP", n)[0] for n in range(7)] == growth
    assert [of("Tốc độ tăng trưởng GRDP", n)[1] for n in range(7)] == [7, 6, 5, 4, 3, 2, 1]  # highest first
    cluster = 3 + 2 * 7
    assert rows["Tốc độ tăng trưởng GRDP"][cluster] == ""  # a rate: no cluster figure
    assert rows["Dịch vụ"][cluster] == ""  # a share: none either
    exports = sum(indicator_values(n)[("kim-ngach-xuat-khau", "actual")] for n in range(7))
    assert rows["Tổng kim ngạch xuất khẩu"][cluster] == pytest.approx(exports)
    assert of("Tổng kim ngạch xuất khẩu", 0)[1] == 7 and of("Tổng kim ngạch xuất khẩu", 6)[1] == 1


def test_the_summary_table_totals_only_the_rows_that_add_up(indicators_form, seven):
    form = indicators_form
    report, path = seven
    ws = openpyxl.load_workbook(path)[texts.SUMMARY_SHEETS["summary"]]
    values = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(texts.SUMMARY_SHEETS["summary"]).to_python()
    by_label = {row[1]: row for row in values if len(row) > 1 and row[1]}
    plan = sum(indicator_values(n)[("thu-ngan-sach", "plan")] for n in range(7))
    actual = sum(indicator_values(n)[("thu-ngan-sach", "actual")] for n in range(7))
    budget = by_label["Tổng thu ngân sách nhà nước trên địa bàn"]
    assert budget[3] == pytest.approx(plan) and budget[4] == pytest.approx(actual)
    assert budget[5] in ("", None)  # a percent against last year: not added across provinces
    assert budget[6] == pytest.approx(actual / plan * 100)  # the cluster's own percent of plan
    assert by_label["Tốc độ tăng trưởng GRDP"][4] in ("", None)
    assert by_label["Dịch vụ"][4] in ("", None)
    label_cells = [c for c in ws["B"] if c.value == "Tổng kim ngạch xuất khẩu"]
    assert ws[f"E{label_cells[0].row}"].value.startswith("=SUMIFS(")
    assert texts.SUMMARY_SHEETS["chart"] not in openpyxl.load_workbook(path).sheetnames


# --- every command, on this form --------------------------------------------------------------------

def test_the_demo_runs_the_round_on_the_second_form(tmp_path):
    from typer.testing import CliRunner

    from toolkit.cli import app

    result = CliRunner().invoke(app, ["demo", str(tmp_path / "demo"), "--form", "chi-tieu-ktxh-6t-2020"])
    assert result.exit_code == 0, result.output
    outbox = tmp_path / "demo" / "outbox" / "chi-tieu-ktxh-6t-2020"
    summary = outbox / "tong-hop-chi-tieu-ktxh-6t-2020.xlsx"
    assert openpyxl.load_workbook(summary).sheetnames[:2] == [texts.SUMMARY_SHEETS["summary"], texts.SIDE_BY_SIDE_SHEET]
    assert "Kiểm tra lần 2: 5 hợp lệ, 1 có cảnh báo, 0 có lỗi, 1 chưa gửi" in result.output
    letters = {p.name: p.read_text(encoding="utf-8") for p in (outbox / "phan-hoi").glob("*.txt")}
    assert len(letters) == 7
    confirmed = [text for text in letters.values() if "Đơn vị không cần gửi lại" in text]
    assert confirmed and all("/11 dòng chỉ tiêu" in text for text in confirmed)


def test_status_check_and_consolidate_take_the_second_form_by_its_id(indicators_form, indicators_generated,
                                                                     tmp_path):
    from typer.testing import CliRunner

    from toolkit.cli import app

    form = indicators_form
    inbox = tmp_path / "inbox"
    _return(form, indicators_generated, inbox, "58", {})
    _return(form, indicators_generated, inbox, "75", {("dich-vu", "actual"): 50})
    runner = CliRunner()
    status = runner.invoke(app, ["status", "--form", form.id, "--inbox", str(inbox), "--on", "2020-07-08"],
                           env={"COLUMNS": "80"})
    assert status.exit_code == 0 and "Đồng Nai" in status.output and "có lỗi" in status.output
    checked = runner.invoke(app, ["check", "--form", form.id, "--inbox", str(inbox)], env={"COLUMNS": "200"})
    assert f"{at(form, 'nong-lam-thuy-san', 'actual')} rows-total-mismatch" in checked.output
    out = tmp_path / "tong-hop.xlsx"
    done = runner.invoke(app, ["consolidate", "--form", form.id, "--inbox", str(inbox), "-o", str(out), "-q"])
    assert done.exit_code == 1, done.output  # a unit was left out for its error
    assert "Đã tổng hợp 1/7 đơn vị" in done.output and "loại do có lỗi: Đồng Nai" in done.output


def test_a_large_form_puts_the_units_in_rows_with_their_ranks(indicators_form, tmp_path):
    import dataclasses

    from toolkit.form import Unit
    from toolkit.write.template import generate

    units = tuple(Unit(code=f"{i:03d}", name=f"Xã thứ {i}") for i in range(1, 16))
    form = dataclasses.replace(indicators_form, units=units)
    templates = {g.unit.code: g.path for g in generate(form, tmp_path / "mau", workers=1)}
    inbox = tmp_path / "inbox"
    for n, unit in enumerate(units[:14]):  # the last one has not sent
        _return(form, templates, inbox, unit.code, {}, n)
    path = consolidate(run(form, inbox), tmp_path / "tong-hop.xlsx").path
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(texts.SIDE_BY_SIDE_SHEET).to_python()
    head = next(i for i, row in enumerate(sheet) if row[:1] == ["STT"])
    assert sheet[head][3] == "Tốc độ tăng trưởng GRDP (%)"
    assert sheet[head + 1][3:5] == ["Thực hiện 6 tháng", texts.RANK]
    rows = sheet[head + 2: head + 2 + 15]
    assert [r[2] for r in rows] == [u.name for u in units]
    assert [r[4] for r in rows[:14]] == list(range(14, 0, -1))  # growth rises with n: the last sender ranks first
    assert rows[14][3:5] == ["", ""]  # not sent: no value, no rank
    cluster = sheet[head + 2 + 15]
    assert cluster[2] == texts.SIDE_BY_SIDE_CLUSTER and cluster[3] == ""  # no cluster figure for a rate
