"""The round's commands as a secretary runs them: demo, status, consolidate, and how the CLI behaves."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from support.processes import live_processes
from tests.work import HANG
from toolkit.cli import app
from toolkit.checks.run import check
from toolkit.write.template import generate

REPO = Path(__file__).resolve().parent.parent
POLLS = 100 * HANG  # looks, 10 ms apart, before a process that never gets there is given up on
runner = CliRunner()


@pytest.fixture(scope="module")
def demo_round(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("round") / "demo"
    result = runner.invoke(app, ["demo", str(folder)])
    assert result.exit_code == 0, result.output
    return folder


def test_demo_runs_a_whole_round_in_its_own_folder(demo_round, default_form):
    templates = sorted(p.name for p in (demo_round / "outbox" / default_form.id / "bieu-mau").iterdir())
    assert len(templates) == len(default_form.units)
    returned = sorted(demo_round.joinpath("inbox").rglob("*.xlsx"))
    assert len(returned) == len(default_form.units)  # all but one unit, and one corrected file
    summary = demo_round / "outbox" / default_form.id / f"tong-hop-{default_form.id}.xlsx"
    assert "Tổng hợp" in openpyxl.load_workbook(summary, read_only=True).sheetnames


def test_demo_returns_hold_one_total_mismatch_one_text_number_and_one_missing_unit(default_form, tmp_path):
    from toolkit.demo import run_demo

    run = run_demo(default_form, tmp_path / "demo")

    codes = [i.code for u in run.first.units for i in u.issues]
    assert codes.count("total-mismatch") == 1
    assert "text-number" in codes
    assert [u.code for u in run.first.units if u.status == "missing"] == [default_form.units[-1].code]
    wrong = next(u for u in run.first.units if any(i.code == "total-mismatch" for i in u.issues))
    kinds = {x.code: x.kind for x in run.feedback.letters}
    assert kinds[wrong.code] == "corrections" and kinds[default_form.units[-1].code] == "reminder"
    # The loop: that unit corrects its file; the second check shows the change and counts it.
    fixed = next(u for u in run.report.units if u.code == wrong.code)
    assert fixed.status == "valid" and fixed.file.revision.number == 2
    assert [i.code for i in fixed.file.revision.fixed] == ["total-mismatch"]
    assert len(fixed.file.revision.changes) == 1


def test_demo_tells_the_loop_step_by_step(demo_round):
    out = runner.invoke(app, ["demo", str(demo_round.parent / "again")]).output
    assert "Kiểm tra lần 1:" in out and "Đã viết phản hồi" in out and "Kiểm tra lần 2:" in out
    assert "Bản sửa của Bà Rịa - Vũng Tàu: lần gửi thứ 2" in out


def test_demo_files_say_they_are_sample_data(demo_round):
    from toolkit import texts

    for path in demo_round.joinpath("inbox").rglob("*.xlsx"):
        ws = openpyxl.load_workbook(path).worksheets[0]
        assert texts.SAMPLE_DATA_BANNER in [c.value for row in ws.iter_rows(max_row=6) for c in row]


def test_demo_refuses_the_real_inbox(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo", "inbox"])
    assert result.exit_code == 2
    assert "thư mục nhận" in result.output
    assert not (tmp_path / "inbox").exists()


def test_consolidate_writes_outbox_summary_and_prints_the_status_line(demo_round, default_form, tmp_path,
                                                                      monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(demo_round / "inbox", tmp_path / "inbox")
    shutil.rmtree(tmp_path / "inbox" / default_form.period.deadline.isoformat())  # the inbox before the correction
    result = runner.invoke(app, ["consolidate", "-q"])
    assert result.exit_code == 1  # one province's file has an error
    target = Path("outbox") / default_form.id / f"tong-hop-{default_form.id}.xlsx"
    assert target.is_file()
    assert str(target) in result.output
    missing = default_form.units[-1].name
    assert f"5/{len(default_form.units)} đơn vị; thiếu: {missing}" in result.output


def test_status_counts_days_left_to_the_deadline(demo_round):
    before = runner.invoke(app, ["status", "--inbox", str(demo_round / "inbox"), "--on", "2020-07-05"])
    assert before.exit_code == 0
    assert "Còn 5 ngày đến hạn gửi (10/07/2020)" in before.output
    after = runner.invoke(app, ["status", "--inbox", str(demo_round / "inbox"), "--on", "2020-07-13"])
    assert "Đã quá hạn gửi 3 ngày" in after.output


def test_status_json_is_the_check_report_plus_days_to_deadline(demo_round, default_form):
    result = runner.invoke(app, ["status", "--form", default_form.id, "--inbox", str(demo_round / "inbox"),
                                 "--on", "2020-07-01", "--json", "-"])
    data = json.loads(result.output)
    assert data.pop("days_to_deadline") == 9
    assert data == check(default_form, demo_round / "inbox").to_dict()


def test_a_bad_limit_is_a_usage_error(demo_round):
    result = runner.invoke(app, ["check", "--inbox", str(demo_round / "inbox"), "--limit", "speed=11"])
    assert result.exit_code == 2
    assert "read_timeout" in result.output


#: Libraries a command may import only when it uses them.
HEAVY = ('pandas', 'openpyxl', 'xlsxwriter', 'pydantic', 'msoffcrypto', 'olefile', 'rich', 'toolkit.feedback')


def _imports_after(argv: list[str], cwd: Path) -> set[str]:
    code = ("import sys\nfrom toolkit.cli import main\nsys.argv = ['thidua', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('loaded:' + ','.join(m for m in {HEAVY!r} if m in sys.modules),"
            " file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, *argv], cwd=cwd, capture_output=True, text=True,
                          timeout=120)
    loaded = done.stderr.strip().splitlines()[-1].removeprefix("loaded:")
    return set(filter(None, loaded.split(",")))


def test_help_imports_none_of_pandas_openpyxl_or_xlsxwriter(tmp_path):
    assert _imports_after(["--help"], tmp_path) == set()


def test_check_and_status_do_not_import_pandas(demo_round):
    for command in ("check", "status"):
        assert "pandas" not in _imports_after([command, "--inbox", str(demo_round / "inbox"), "-q"], REPO)


def test_check_and_status_import_only_what_they_use(demo_round):
    # The demo inbox holds .xlsx files only: nothing for OLE files, no writer, no option validator.
    for command in ("check", "status"):
        loaded = _imports_after([command, "--inbox", str(demo_round / "inbox"), "-q"], REPO)
        assert loaded <= {"rich"}, loaded
        # JSON on standard output: nothing is drawn, so the terminal library is not loaded either.
        assert _imports_after([command, "--inbox", str(demo_round / "inbox"), "--json", "-"], REPO) == set()


def _ctrl_c_as_on_a_terminal() -> None:
    # A suite started in the background of a shell (nohup, "&") ignores SIGINT, and so would the
    # command it starts: Python then never turns Ctrl-C into KeyboardInterrupt.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _children(pid: int) -> list[int]:
    return [child for child, parent, _group in live_processes() if parent == pid]


def _bytes_read(pid: int) -> int:
    """What process ``pid`` has read so far (files and pipes), as Linux counts it; 0 once it is gone."""
    try:
        return int(re.search(r"^rchar: (\d+)", Path(f"/proc/{pid}/io").read_text(), re.M)[1])
    except (OSError, TypeError):
        return 0


def test_ctrl_c_stops_cleanly_with_one_line(default_form, tmp_path):
    inbox = tmp_path / "inbox"
    first = generate(default_form, inbox, workers=1)[0].path
    for i in range(1500):
        shutil.copyfile(first, inbox / f"copy-{i:04d}.xlsx")
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.cli", "check", "--form", default_form.id,
                             "--inbox", str(inbox), "--json",
                             str(tmp_path / "report.json")], cwd=REPO, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=_ctrl_c_as_on_a_terminal)
    # Interrupted while it checks, i.e. once a worker has read a whole return: after a fixed pause
    # a busy machine may still be importing (and Ctrl-C there is Python's, not the command's).
    for _poll in range(POLLS):
        if max(map(_bytes_read, _children(proc.pid)), default=0) > first.stat().st_size:
            break
        assert proc.poll() is None, "the check ended before it was interrupted"
        time.sleep(0.01)
    else:
        pytest.fail("the check never got under way")
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, (out, err)
    assert "Traceback" not in err
    assert err.strip().splitlines() == ["Đã dừng theo yêu cầu; không có tệp nào bị ghi dở."]
    assert not (tmp_path / "report.json").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".report")]


def _run_on_terminal(argv: list[str], cwd: Path) -> str:
    """Run the CLI with a pseudo-terminal as its standard error; return what it drew there."""
    import pty

    leader, follower = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "toolkit.cli", *argv], cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=follower, env={**os.environ, "COLUMNS": "100", "TERM": "xterm"})
    os.close(follower)
    drawn = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal closed with the process
            break
        if not chunk:
            break
        drawn += chunk
    proc.wait(timeout=120)
    os.close(leader)
    return drawn.decode("utf-8", "replace")


def test_progress_is_drawn_on_a_terminal_and_silenced_by_quiet(default_form, tmp_path):
    inbox = tmp_path / "inbox"
    first = generate(default_form, inbox, workers=1)[0].path
    for i in range(60):
        shutil.copyfile(first, inbox / f"copy-{i:02d}.xlsx")
    assert "Đang kiểm tra" in _run_on_terminal(["check", "--inbox", str(inbox)], REPO)
    assert "Đang kiểm tra" not in _run_on_terminal(["check", "--inbox", str(inbox), "--quiet"], REPO)
    assert "Đang tạo biểu mẫu" in _run_on_terminal(["generate", "--out", str(tmp_path / "t")], REPO)


def test_without_a_terminal_output_stays_clean(default_form, tmp_path):
    inbox = tmp_path / "inbox"
    generate(default_form, inbox, workers=1)
    done = subprocess.run([sys.executable, "-m", "toolkit.cli", "check", "--form", default_form.id, "--inbox",
                           str(inbox), "--json", "-"], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert done.stderr == ""
    assert json.loads(done.stdout)["summary"]["warning"] == len(default_form.units)  # all sent empty


def test_a_unit_whose_only_file_was_rejected_shows_that_file(default_form, tmp_path):
    inbox = tmp_path / "inbox"
    path = generate(default_form, inbox, [default_form.units[0]], workers=1)[0].path
    wb = openpyxl.load_workbook(path)
    ws = wb[default_form.sheet]
    for row in ws.iter_rows():
        for c in row:
            if c.value == default_form.columns["total"]:
                c.value = "Số lượng"  # the table can no longer be found
    wb.save(path)
    result = runner.invoke(app, ["check", "--inbox", str(inbox)], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert f"{path.name} (bị loại, xem dưới)" in result.output
