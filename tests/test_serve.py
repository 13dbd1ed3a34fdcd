"""``thidua serve`` in a real browser: the round, receiving returns, a unit's findings, the downloads.

Debian's Chromium drives the page through Playwright against the command itself, started on a free
port over a temporary project; the files it offers are read back with openpyxl. Then what a browser
would never send: forms without their token, hostile file names, a download outside outbox/.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
from pathlib import Path

import openpyxl
import pytest

from support.served import Client, chromium, project, served, thidua

from tests.returns import at, fill_values, valid_counts
from tests.work import HANG
from toolkit import texts
from toolkit.form import load_form

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "docs" / "trang-dot-bao-cao.png"
VALID_UNIT, WRONG_UNIT = "77", "75"
WRONG_ROW = "anh-hung-lao-dong"


@pytest.fixture(scope="module")
def office(tmp_path_factory, default_form_file):
    """A project folder served by ``thidua serve`` for the whole module."""
    folder = project(tmp_path_factory.mktemp("van-phong"), default_form_file)
    with served(folder) as server:
        yield server


@pytest.fixture(scope="module")
def returns(default_form, generated, tmp_path_factory) -> dict[str, Path]:
    """Two provinces' returns as they arrive by mail: one in order, one whose Tổng số is off by one."""
    out = tmp_path_factory.mktemp("thu-den")
    values = valid_counts(default_form, random.Random(15))
    wrong = dict(values)
    wrong[(WRONG_ROW, "total")] += 1
    return {VALID_UNIT: fill_values(generated[VALID_UNIT], out / "Bao cao BRVT.xlsx", values, form=default_form),
            WRONG_UNIT: fill_values(generated[WRONG_UNIT], out / "dong nai 6 thang.xlsx", wrong, form=default_form)}


@pytest.fixture(scope="module")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as playwright:
        launched = chromium(playwright)
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    """A browser tab at an office screen's size (1366×768), closed after the test whatever happens."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True)
    context.set_default_timeout(HANG * 1000)  # each step checks the inbox: a loaded machine is slow, not wrong
    yield context.new_page()
    context.close()


def _status(page, code: str) -> str:
    return page.locator(f'tr[data-unit="{code}"] [data-status]').get_attribute("data-status")


@pytest.mark.browser
def test_a_round_is_received_checked_and_sent_back_through_the_page(page, office, returns, default_form, tmp_path):
    page.goto(office.url + "/")
    assert page.locator('[data-count="missing"]').inner_text() == str(len(default_form.units))
    assert {_status(page, u.code) for u in default_form.units} == {"missing"}

    page.get_by_role("link", name=texts.WEB["nav_upload"], exact=True).click()
    page.set_input_files("#tep", [str(returns[VALID_UNIT]), str(returns[WRONG_UNIT])])
    page.get_by_role("button", name=texts.WEB["upload_button"]).click()
    received = {row.get_attribute("data-saved"): row.locator(".status").inner_text()
                for row in page.locator("table.received tbody tr").all()}
    assert received == {returns[VALID_UNIT].name: texts.STATUS_LABELS["valid"],
                        returns[WRONG_UNIT].name: texts.STATUS_LABELS["error"]}
    assert sorted(p.name for p in (office.folder / "inbox").iterdir()) == sorted(p.name for p in returns.values())

    page.get_by_role("link", name=texts.WEB["nav_round"], exact=True).click()
    assert _status(page, VALID_UNIT) == "valid" and _status(page, WRONG_UNIT) == "error"
    assert page.locator('[data-count="valid"]').inner_text() == "1"
    assert page.locator('[data-count="error"]').inner_text() == "1"
    assert page.locator(f'tr[data-unit="{WRONG_UNIT}"] .status').inner_text() == texts.STATUS_LABELS["error"]
    if os.environ.get("THIDUA_SCREENSHOTS"):
        page.screenshot(path=str(SCREENSHOT), full_page=False)

    wrong_cell = at(default_form, WRONG_ROW, "total")
    page.get_by_role("link", name=default_form.unit(WRONG_UNIT).name, exact=True).click()
    finding = page.locator(f'table.findings td.cell[data-cell="{wrong_cell}"]')
    assert finding.count() == 1
    assert "total-mismatch" in finding.locator("xpath=..").inner_text()
    assert wrong_cell in page.locator("#thu").input_value()  # the letter names the cell to fix

    page.get_by_role("button", name=texts.WEB["write_feedback"]).click()
    with page.expect_download() as arrived:
        page.get_by_role("link", name=re.compile(re.escape(texts.WEB["download_workbook"].split("(")[0].strip()))).click()
    marked = tmp_path / "phan-hoi.xlsx"
    arrived.value.save_as(marked)
    sheet = openpyxl.load_workbook(marked)[default_form.sheet]
    assert sheet[wrong_cell].comment is not None
    assert sheet[wrong_cell].value == openpyxl.load_workbook(returns[WRONG_UNIT])[default_form.sheet][wrong_cell].value

    page.get_by_role("link", name=texts.WEB["nav_downloads"], exact=True).click()
    page.get_by_role("button", name=texts.WEB["consolidate_button"]).click()
    notice = page.locator(".notice").inner_text()
    assert notice.startswith(texts.SUMMARY_INCLUDED.format(included=1, total=len(default_form.units)))
    with page.expect_download() as arrived:
        page.locator("#tai-tong-hop").click()
    summary = tmp_path / "tong-hop.xlsx"
    arrived.value.save_as(summary)
    status = openpyxl.load_workbook(summary, read_only=True)[texts.SUMMARY_SHEETS["status"]]
    rows = [[str(c) if c is not None else "" for c in row] for row in status.iter_rows(values_only=True)]
    names = {default_form.unit(VALID_UNIT).name, default_form.unit(WRONG_UNIT).name}
    used = {row[2]: row[5] for row in rows if len(row) > 5 and row[2] in names}
    assert used == {default_form.unit(VALID_UNIT).name: returns[VALID_UNIT].name,
                    default_form.unit(WRONG_UNIT).name: returns[WRONG_UNIT].name}

    page.get_by_role("button", name=texts.WEB["draft_button"]).click()
    assert page.locator(".notice").inner_text() == texts.WEB["report_written"].format(name="du-thao-bao-cao-so-ket.docx")
    with page.expect_download() as arrived:
        page.get_by_role("link", name="du-thao-bao-cao-so-ket.docx").click()
    draft = tmp_path / "du-thao.docx"
    arrived.value.save_as(draft)
    import docx

    said = "\n".join(p.text for p in docx.Document(draft).paragraphs)
    assert "BÁO CÁO" in said and default_form.period.name in said


@pytest.mark.browser
def test_files_dropped_on_the_page_are_received_and_checked(page, returns, tmp_path, default_form_file):
    folder = project(tmp_path / "van-phong", default_form_file)
    with served(folder) as server:
        page.goto(server.url + "/nhan-tep")
        dropped = page.evaluate_handle(
            """([name, bytes]) => { const data = new DataTransfer();
               data.items.add(new File([new Uint8Array(bytes)], name)); return data; }""",
            [returns[VALID_UNIT].name, list(returns[VALID_UNIT].read_bytes())])
        with page.expect_navigation():
            page.dispatch_event("[data-drop]", "drop", {"dataTransfer": dropped})
        row = page.locator("table.received tbody tr")
        assert row.get_attribute("data-saved") == returns[VALID_UNIT].name
        assert row.locator(".status").inner_text() == texts.STATUS_LABELS["valid"]
    assert (folder / "inbox" / returns[VALID_UNIT].name).read_bytes() == returns[VALID_UNIT].read_bytes()


def _token(html: bytes) -> str:
    return re.search(rb'name="csrf" value="([0-9a-f]+)"', html)[1].decode()


def test_a_form_sent_without_its_token_is_refused_and_does_nothing(office):
    client = Client(office.url)
    status, _headers, html = client.send("/tai-ve")
    assert status == 200
    before = sorted((office.folder / "inbox").iterdir())
    for fields in ({}, {"csrf": "0" * 64}, {"csrf": _token(html) + "0"}):
        status, _headers, _body = client.post("/nhan-tep", fields, [("x.xlsx", b"PK")])
        assert status == 403
        assert client.post("/tai-ve/tong-hop", fields)[0] == 403
    assert Client(office.url).post("/nhan-tep", {"csrf": _token(html)}, [("x.xlsx", b"PK")])[0] == 403  # no cookie
    assert sorted((office.folder / "inbox").iterdir()) == before


HOSTILE_NAMES = ["../../ngoai-inbox.xlsx", "..\\..\\ngoai-inbox-2.xlsx", "/etc/passwd", "C:\\Windows\\win.ini",
                 ".an.xlsx", "CON.xlsx", "nul", "COM1.tar.gz", "a/b/c.xlsx", "tên lạ\u202e.xlsx", "....", ""]


def test_hostile_file_names_are_saved_as_plain_names_inside_the_inbox(office, tmp_path):
    client = Client(office.url)
    token = _token(client.send("/nhan-tep")[2])
    outside = set(office.folder.parent.rglob("ngoai-inbox*"))
    status, _headers, _body = client.post("/nhan-tep", {"csrf": token},
                                          [(name, b"not a workbook") for name in HOSTILE_NAMES if name])
    assert status == 200
    inbox = office.folder / "inbox"
    saved = [p for p in inbox.iterdir() if p.read_bytes() == b"not a workbook"]
    names = {p.name for p in saved}
    assert len(saved) == len([n for n in HOSTILE_NAMES if n])
    assert set(office.folder.parent.rglob("ngoai-inbox*")) - outside <= {inbox / "ngoai-inbox.xlsx",
                                                                          inbox / "ngoai-inbox-2.xlsx"}
    assert not any(n.startswith(".") or "/" in n or "\\" in n or "\x00" in n for n in names)
    assert not any(n.split(".")[0].lower() in {"con", "nul", "com1"} for n in names)


def test_a_download_never_leaves_outbox_and_a_foreign_host_name_is_refused(office):
    (office.folder / "bi-mat.txt").write_text("không được tải")
    client = Client(office.url)
    for path in ("/tai/../bi-mat.txt", "/tai/%2e%2e/bi-mat.txt", "/tai/..%2fbi-mat.txt", "/tai//etc/passwd",
                 "/tai/%2fetc%2fpasswd"):
        status, _headers, body = client.send(path)
        assert status in (400, 404) and "không được tải".encode() not in body
    assert client.send("/", headers={"Host": "evil.example:80"})[0] == 400


def test_a_page_on_another_address_is_not_started_without_a_password(tmp_path, default_form_file):
    folder = project(tmp_path, default_form_file)
    for extra, told in (([], texts.WEB_SERVE_NEEDS_PASSWORD.format(host="0.0.0.0")),
                        (["--password", "ngan"], texts.WEB_SERVE_SHORT_PASSWORD.format(length=8))):
        process = thidua("serve", "--host", "0.0.0.0", "--port", "9", *extra, cwd=folder)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 2 and out == ""
        assert err.strip() == texts.CLI_ERROR.format(message=told)


def test_with_a_password_every_page_asks_for_it_first(tmp_path, default_form_file):
    folder = project(tmp_path, default_form_file)
    with served(folder, "--password", "mat-khau-dai") as server:
        client = Client(server.url)
        status, headers, _body = client.send("/tai-ve")
        assert status == 303 and headers["location"] == "/dang-nhap"
        token = _token(client.send("/dang-nhap")[2])
        assert client.post("/dang-nhap", {"csrf": token, "mat-khau": "sai-mat-khau"})[0] == 403
        status, headers, _body = client.post("/dang-nhap", {"csrf": token, "mat-khau": "mat-khau-dai"})
        assert status == 303 and headers["location"] == "/"
        assert client.send("/tai-ve")[0] == 200


def test_the_other_commands_never_load_the_web_libraries(tmp_path, default_form_file):
    folder = project(tmp_path, default_form_file)
    (folder / "inbox").mkdir()
    process = thidua("check", "--inbox", "inbox", "--quiet", cwd=folder)
    process.communicate(timeout=300)
    probe = subprocess.run([os.sys.executable, "-X", "importtime", "-m", "toolkit.cli", "check", "--inbox",
                            str(folder / "inbox"), "--quiet"], cwd=folder, capture_output=True, text=True,
                           env={**os.environ, "PYTHONPATH": str(ROOT), "THIDUA_FORMS": str(folder / "workbook_templates")})
    imported = {line.split("|")[-1].strip().split(".")[0] for line in probe.stderr.splitlines() if "|" in line}
    assert "toolkit" in imported
    assert not imported & {"starlette", "jinja2", "uvicorn", "multipart", "python_multipart"}


def test_a_new_period_is_made_from_the_page_as_form_new_makes_it(tmp_path, default_form_file):
    folder = project(tmp_path, default_form_file)
    with served(folder) as server:
        client = Client(server.url)
        token = _token(client.send("/ky-moi")[2])
        fields = {"csrf": token, "tu-bieu-mau": "khen-thuong-6t-2020", "ma-moi": "khen-thuong-6t-2021",
                  "ten-ky": "06 tháng đầu năm 2021", "bat-dau": "01/01/2021", "ket-thuc": "15/06/2021",
                  "han-gui": "10/07/2021"}
        status, _headers, html = client.post("/ky-moi", fields)
        assert status == 200
        assert texts.WEB["new_written"].format(id="khen-thuong-6t-2021", old="khen-thuong-6t-2020") in html.decode()
        made = load_form(folder / "workbook_templates" / "khen-thuong-6t-2021.toml")
        assert (made.period.name, made.period.deadline.isoformat()) == ("06 tháng đầu năm 2021", "2021-07-10")
        status, _headers, html = client.post("/ky-moi", {**fields, "han-gui": "31/02/2021"})
        assert texts.DATE_INVALID.format(text="31/02/2021") in html.decode()
        again = client.post("/ky-moi", fields)[2].decode()  # never over the file already made
        assert 'class="problem"' in again and str(tmp_path) not in again
        round_page = client.send("/?bieu-mau=khen-thuong-6t-2021")[2].decode()
        assert "06 tháng đầu năm 2021" in round_page


def test_text_from_a_form_or_a_file_name_is_shown_as_text_never_as_markup(tmp_path, default_form_file):
    folder = project(tmp_path, default_form_file)
    definition = folder / "workbook_templates" / default_form_file.name
    hostile = 'Tây Ninh <script>alert("x")</script> & <b>'
    definition.write_text(definition.read_text(encoding="utf-8").replace('name = "Tây Ninh"', f"name = '{hostile}'"),
                          encoding="utf-8")
    with served(folder) as server:
        client = Client(server.url)
        page = client.send("/")[2].decode()
        assert "Tây Ninh &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;" in page
        assert "<script>alert" not in page and "<b>" not in page
        unit = client.send("/don-vi/72")[2].decode()
        assert "&lt;script&gt;" in unit and "<script>alert" not in unit


def test_a_form_of_many_units_lists_those_needing_attention_and_every_one_on_request(tmp_path, second_form_file):
    folder = project(tmp_path, second_form_file)
    count = 80  # more than the terminal tables show one by one
    lines = ["code,name,role"] + [f"{n:05d},Xã Số {n},thanh-vien" for n in range(1, count + 1)]
    (folder / "workbook_templates" / "xa-phuong-2025.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with served(folder) as server:
        client = Client(server.url)
        attention = client.send("/")[2].decode()
        every = client.send("/?hien=tat-ca")[2].decode()
    assert every.count("<tr data-unit=") == count
    assert texts.WEB["attention_only"].format(shown=count, count=count) in attention  # nobody sent: all missing


def test_a_unit_whose_only_file_was_refused_is_told_why(tmp_path, default_form_file, generated, default_form):
    folder = project(tmp_path, default_form_file)
    (folder / "inbox").mkdir()
    (folder / "inbox" / f"{WRONG_UNIT}-dong-nai.xlsx").write_bytes(generated[WRONG_UNIT].read_bytes()[:2000])
    with served(folder) as server:
        client = Client(server.url)
        unit = client.send(f"/don-vi/{WRONG_UNIT}")[2].decode()
    assert f"{WRONG_UNIT}-dong-nai.xlsx" in unit and texts.STATUS_LABELS["rejected"] in unit
    assert texts.WEB["unit_refused"] in unit and texts.FEEDBACK_KINDS["corrections"] in unit


def test_a_port_already_taken_is_told_and_ctrl_c_stops_the_page_cleanly(tmp_path, default_form_file):
    folder = project(tmp_path, default_form_file)
    with served(folder) as server:
        port = server.url.rsplit(":", 1)[1]
        process = thidua("serve", "--port", port, cwd=folder)
        out, err = process.communicate(timeout=120)
        assert process.returncode == 2 and out == ""
        assert err.strip() == texts.CLI_ERROR.format(message=texts.WEB_SERVE_NOT_STARTED.format(
            address=f"http://127.0.0.1:{port}/", port=port))
        server.process.send_signal(signal.SIGINT)
        assert server.process.wait(timeout=120) == 130  # as every command stopped by Ctrl-C
    said = (folder.parent / f"{folder.name}-serve.log").read_text()
    assert said.startswith(texts.WEB_SERVE_STARTED.format(address=server.url + "/")) and "Traceback" not in said
    assert said.strip().endswith(texts.CLI_INTERRUPTED)


def test_a_wrong_password_makes_the_next_try_wait_without_holding_any_request():
    from toolkit.web.security import FIRST_WAIT, FORGIVEN, Guard

    guard = Guard("mat-khau-dung")
    for _typo in range(FORGIVEN - 1):
        assert guard.sign_in("sai") is None and guard.wait_left() == 0
    assert guard.sign_in("sai") is None
    assert 0 < guard.wait_left() <= FIRST_WAIT
    assert guard.sign_in("mat-khau-dung") is None  # even the right one waits its turn
    guard._next_try = 0.0  # the wait is over
    assert guard.sign_in("sai") is None and guard.wait_left() > FIRST_WAIT  # doubled
    guard._next_try = 0.0
    assert guard.sign_in("mat-khau-dung") is not None and guard.wait_left() == 0


def test_an_unknown_page_is_told_in_vietnamese_with_the_pages_headers(office):
    client = Client(office.url)
    for status, headers, html in (client.send("/favicon.ico"), client.post("/khong-co", {})):
        assert status == 404
        assert texts.WEB["no_page"] in html.decode("utf-8")
        assert {k.lower(): v for k, v in headers.items()}.get("x-content-type-options") == "nosniff"
