"""Receiving an attachment into the inbox: a plain safe name, a new file every time, the size limit."""

from __future__ import annotations

import pytest

from toolkit import texts
from toolkit.intake import Limits
from toolkit.receive import LONGEST, receive, safe_name


@pytest.mark.parametrize("given, kept", [
    ("Báo cáo Đồng Nai.xlsx", "Báo cáo Đồng Nai.xlsx"),
    ("../../etc/passwd", "passwd"),
    ("..\\..\\Windows\\win.ini", "win.ini"),
    ("C:\\Users\\van thu\\Desktop\\dong-nai.xls", "dong-nai.xls"),
    (".an.xlsx", "an.xlsx"),
    ("CON.xlsx", "_CON.xlsx"),
    ("nul", "_nul"),
    ("com1.tar.gz", "_com1.tar.gz"),
    ("LPT9", "_LPT9"),
    ("console.xlsx", "console.xlsx"),
    ('a<b>c:"d|e?f*.xlsx', "a_b_c__d_e_f_.xlsx"),
    ("tên\x00lạ\u202e.xlsx", "tên_lạ_.xlsx"),
    ("dấu chấm cuối. . .", "dấu chấm cuối"),
    ("....", "tep-nhan"),
    ("", "tep-nhan"),
    ("/", "tep-nhan"),
])
def test_a_name_from_a_sender_becomes_one_plain_file_name(given, kept):
    assert safe_name(given) == kept


def test_a_long_name_is_cut_keeping_its_extension():
    name = safe_name("x" * 500 + ".xlsx")
    assert len(name) <= LONGEST and name.endswith(".xlsx")


def test_a_name_already_taken_gets_a_number_and_nothing_is_overwritten(tmp_path):
    inbox = tmp_path / "inbox"
    first = receive(inbox, "Đồng Nai.xlsx", [b"lan 1"])
    second = receive(inbox, "../Đồng Nai.xlsx", [b"lan 2"])
    third = receive(inbox, "Đồng Nai.xlsx", [b"lan ", b"3"])
    assert (first.saved, second.saved, third.saved) == ("Đồng Nai.xlsx", "Đồng Nai (2).xlsx", "Đồng Nai (3).xlsx")
    assert [(inbox / r.saved).read_bytes() for r in (first, second, third)] == [b"lan 1", b"lan 2", b"lan 3"]
    assert sorted(p.name for p in inbox.iterdir()) == sorted(r.saved for r in (first, second, third))


def test_a_file_over_the_size_limit_is_refused_and_leaves_nothing(tmp_path):
    inbox = tmp_path / "inbox"
    limits = Limits(max_file_bytes=2**20)
    got = receive(inbox, "lon.xlsx", (b"\0" * 2**16 for _ in range(17)), limits)
    assert got.saved is None and got.refused == texts.RECEIVE_TOO_LARGE.format(limit=1)
    assert list(inbox.iterdir()) == []


@pytest.mark.parametrize("given", ["ộ" * 150 + ".xlsx", "😀" * 100 + ".xlsx"])
def test_a_long_name_in_any_script_fits_every_file_system_and_is_saved(tmp_path, given):
    kept = receive(tmp_path, given, [b"PK"])
    assert kept.saved is not None and kept.saved.endswith(".xlsx")
    assert len(kept.saved.encode("utf-8")) <= 200 and (tmp_path / kept.saved).read_bytes() == b"PK"


@pytest.mark.parametrize("given, kept", [("~$58-ninh-thuan.xlsx", "58-ninh-thuan.xlsx"), ("bao cao.tmp", "bao cao_tmp"),
                                         ("58.xlsx.crdownload", "58_xlsx_crdownload"), ("loi tat.lnk", "loi tat_lnk")])
def test_a_name_the_inbox_would_pass_over_is_saved_under_one_it_reads(given, kept):
    from toolkit.intake.inbox import left_behind

    assert left_behind(given) and safe_name(given) == kept and not left_behind(kept)


def test_a_file_that_cannot_be_written_is_told_and_the_next_one_is_saved(tmp_path):
    refused = receive(tmp_path, "a" * 300 + "/", [b"PK"])  # nothing left of the name but a path
    assert refused.saved is not None
    inbox = tmp_path / "chi-doc"
    inbox.mkdir()
    inbox.chmod(0o500)
    try:
        import os

        if os.access(inbox, os.W_OK):
            pytest.skip("root writes in read-only folders")
        told = receive(inbox, "58.xlsx", [b"PK"])
        assert told.saved is None and told.refused.startswith(texts.RECEIVE_NOT_SAVED.split("(")[0])
    finally:
        inbox.chmod(0o700)
