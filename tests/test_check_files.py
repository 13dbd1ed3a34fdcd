"""``thidua check``, per file: duplicates, junk, corrupt and encrypted files, and an inbox left untouched.

Whatever lands in the inbox is listed: junk as ignored (never an error), files that cannot be used as
rejected with the reason, older copies of a unit's return as superseded (never summed twice). The
inbox itself is only ever read. The error catalogue's generated document is current.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import time
from pathlib import Path

import pytest

from toolkit import catalogue, texts
from tests.returns import (JUNK, encrypted, expected_values, fill_values, file_named, found, run, set_saved_at,
                           snapshot, text_renamed, truncated, unit_of, valid_counts, with_members, write_junk)

DATA = Path(__file__).parent / "data"
UTC = dt.timezone.utc


@pytest.fixture
def inbox(tmp_path):
    return tmp_path / "inbox"


def counts_for(form, seed):
    return valid_counts(form, random.Random(seed))


def set_mtime(path: Path, when: dt.datetime) -> None:
    stamp = when.timestamp()
    os.utime(path, (stamp, stamp))


# --- duplicates -----------------------------------------------------------------------------------


def test_of_two_files_from_one_unit_the_later_saved_is_used_even_if_copied_earlier(default_form, generated, inbox):
    first, second = counts_for(default_form, 1), counts_for(default_form, 2)
    old = fill_values(generated["58"], inbox / "58-ninh-thuan.xlsx", first, form=default_form,
                      saved_at=dt.datetime(2020, 7, 6, 8, 0, tzinfo=UTC))
    new = fill_values(generated["58"], inbox / "58-ninh-thuan (sua lai).xlsx", second, form=default_form,
                      saved_at=dt.datetime(2020, 7, 8, 15, 30, tzinfo=UTC))
    # The corrected file was saved into the inbox first; the file times say the opposite.
    set_mtime(new, dt.datetime(2020, 7, 9, 7, 0, tzinfo=UTC))
    set_mtime(old, dt.datetime(2020, 7, 9, 9, 0, tzinfo=UTC))

    report = run(default_form, inbox)

    used, older = file_named(report, "58-ninh-thuan (sua lai).xlsx"), file_named(report, "58-ninh-thuan.xlsx")
    assert (used.status, found(used)) == ("accepted", [])
    assert (older.status, older.unit, found(older)) == ("superseded", "58", [("superseded", None)])
    assert "(58-ninh-thuan (sua lai).xlsx)" in older.issues[0].message
    unit = unit_of(report, "58")
    assert (unit.status, unit.file) == ("valid", used)
    assert unit.file.values == expected_values(default_form, second)
    assert [f.path for f in report.files if f.unit == "58" and f.status == "accepted"] == [used.path]
    assert report.summary["files_superseded"] == 1
    assert report.ok


def test_when_the_save_times_are_equal_the_later_file_time_decides(default_form, generated, inbox):
    saved = dt.datetime(2020, 7, 6, 8, 0, tzinfo=UTC)
    a = fill_values(generated["77"], inbox / "a.xlsx", counts_for(default_form, 3), form=default_form, saved_at=saved)
    b = fill_values(generated["77"], inbox / "b.xlsx", counts_for(default_form, 4), form=default_form, saved_at=saved)
    set_mtime(a, dt.datetime(2020, 7, 9, 9, 0, tzinfo=UTC))
    set_mtime(b, dt.datetime(2020, 7, 9, 7, 0, tzinfo=UTC))

    report = run(default_form, inbox)

    assert (file_named(report, "a.xlsx").status, file_named(report, "b.xlsx").status) == ("accepted", "superseded")
    assert unit_of(report, "77").file.path == "a.xlsx"


def test_copies_in_dated_subfolders_count_once_and_an_older_copys_errors_do_not(default_form, generated, inbox):
    good = counts_for(default_form, 5)
    bad = dict(good) | {("anh-hung-lao-dong", "total"): "hai"}
    fill_values(generated["74"], inbox / "2020-07-01" / "74-binh-duong.xlsx", bad, form=default_form,
                saved_at=dt.datetime(2020, 7, 1, 9, tzinfo=UTC))
    fill_values(generated["74"], inbox / "2020-07-03" / "74-binh-duong.xlsx", good, form=default_form,
                saved_at=dt.datetime(2020, 7, 3, 9, tzinfo=UTC))
    fill_values(generated["74"], inbox / "2020-07-02" / "Binh Duong gui lai.xlsx", good, form=default_form,
                saved_at=dt.datetime(2020, 7, 2, 9, tzinfo=UTC))

    report = run(default_form, inbox)

    assert {f.path: f.status for f in report.files} == {
        "2020-07-01/74-binh-duong.xlsx": "superseded",
        "2020-07-02/Binh Duong gui lai.xlsx": "superseded",
        "2020-07-03/74-binh-duong.xlsx": "accepted",
    }
    assert found(file_named(report, "2020-07-01/74-binh-duong.xlsx")) == [("not-a-number", "C13"), ("superseded", None)]
    assert (unit_of(report, "74").status, found(unit_of(report, "74"))) == ("valid", [])
    assert report.ok


def test_an_ods_save_time_is_the_senders_local_time(default_form, generated, inbox, monkeypatch):
    # 09:00 in Vietnam (02:00 UTC) in an .ods, then 10:00 in Vietnam (03:00 UTC) in an .xlsx.
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    try:
        inbox.mkdir()
        ods = shutil.copy(DATA / "intake" / "template-libreoffice.ods", inbox / "58.ods")
        set_saved_at(Path(ods), dt.datetime(2020, 7, 6, 9, 0))
        fill_values(generated["58"], inbox / "58.xlsx", counts_for(default_form, 6), form=default_form,
                    saved_at=dt.datetime(2020, 7, 6, 3, 0, tzinfo=UTC))

        report = run(default_form, inbox)

        assert file_named(report, "58.ods").saved_at == dt.datetime(2020, 7, 6, 2, 0, tzinfo=UTC)
        assert (file_named(report, "58.xlsx").status, file_named(report, "58.ods").status) == ("accepted",
                                                                                            "superseded")
    finally:
        monkeypatch.undo()
        time.tzset()


# --- junk, broken and protected files -----------------------------------------------------------


def test_junk_is_listed_as_ignored_never_as_an_error(default_form, inbox):
    names = write_junk(inbox)
    write_junk(inbox / "__MACOSX")

    report = run(default_form, inbox)

    assert sorted(f.path for f in report.files) == sorted(names + ["__MACOSX"])
    assert {f.status for f in report.files} == {"ignored"}
    assert all(f.reason and not f.issues for f in report.files)
    assert file_named(report, "72-tay-ninh (1).xlsx").reason == "tệp rỗng (0 byte)"
    assert "70-binh-phuoc.xlsx" in file_named(report, ".~lock.70-binh-phuoc.xlsx#").reason
    assert all(u.status == "missing" for u in report.units)
    assert report.ok


def test_a_workbook_beside_its_lock_file_is_read_with_a_warning_that_it_is_still_open(
        default_form, generated, inbox):
    fill_values(generated["70"], inbox / "70-binh-phuoc.xlsx", counts_for(default_form, 7), form=default_form)
    (inbox / ".~lock.70-binh-phuoc.xlsx#").write_bytes(JUNK[".~lock.70-binh-phuoc.xlsx#"])

    report = run(default_form, inbox)

    assert found(file_named(report, "70-binh-phuoc.xlsx")) == [("still-open", None)]
    assert file_named(report, ".~lock.70-binh-phuoc.xlsx#").status == "ignored"
    assert unit_of(report, "70").status == "warning"


@pytest.mark.parametrize(("make", "words"), [
    (lambda template, dest: truncated(template, dest), "tải về chưa hết"),
    (lambda template, dest: text_renamed(dest), "văn bản/CSV"),
])
def test_a_corrupt_file_is_rejected_as_unreadable(default_form, generated, inbox, make, words):
    make(generated["58"], inbox / "58-ninh-thuan.xlsx")

    report = run(default_form, inbox)

    result = file_named(report, "58-ninh-thuan.xlsx")
    assert (result.status, result.unit, found(result)) == ("rejected", None, [("unreadable-file", None)])
    assert words in result.issues[0].message
    assert unit_of(report, "58").status == "missing"
    assert not report.ok


@pytest.mark.parametrize("source", ["xlsx", "xls"])
def test_a_file_with_a_password_to_open_is_rejected_asking_to_remove_it(default_form, generated, inbox, source):
    inbox.mkdir()
    if source == "xlsx":
        path = encrypted(fill_values(generated["58"], inbox.parent / "58.xlsx", counts_for(default_form, 8),
                                     form=default_form), inbox / "58-ninh-thuan.xlsx")
    else:
        path = Path(shutil.copy(DATA / "intake" / "password-matkhau.xls", inbox / "58-ninh-thuan.xls"))

    report = run(default_form, inbox)

    result = file_named(report, path.name)
    assert (result.status, found(result)) == ("rejected", [("encrypted-file", None)])
    assert "gỡ mật khẩu mở tệp" in result.issues[0].message
    assert not report.ok


def test_a_workbook_with_macros_is_read_and_flagged(default_form, generated, inbox):
    counts = counts_for(default_form, 9)
    filled = fill_values(generated["60"], inbox.parent / "60.xlsx", counts, form=default_form)
    with_members(filled, inbox / "60-binh-thuan.xlsm", {"xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(500)})

    report = run(default_form, inbox)

    result = file_named(report, "60-binh-thuan.xlsm")
    assert (result.status, result.kind, found(result)) == ("accepted", "xlsm", [("macro-present", None)])
    assert result.values == expected_values(default_form, counts)
    assert unit_of(report, "60").status == "warning"


def test_a_workbook_linked_to_another_file_is_flagged_naming_it(default_form, generated, inbox):
    rels = (b'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            b'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
            b'officeDocument/2006/relationships/externalLinkPath" Target="So%20lieu%202019.xlsx" '
            b'TargetMode="External"/></Relationships>')
    filled = fill_values(generated["60"], inbox.parent / "60.xlsx", counts_for(default_form, 10), form=default_form)
    with_members(filled, inbox / "60.xlsx", {"xl/externalLinks/externalLink1.xml": b"<externalLink/>",
                                             "xl/externalLinks/_rels/externalLink1.xml.rels": rels})

    result = file_named(run(default_form, inbox), "60.xlsx")

    assert found(result) == [("external-links", None)]
    assert "[So lieu 2019.xlsx]" in result.issues[0].message


# --- the inbox is only read -----------------------------------------------------------------------


def every_kind_of_return(form, generated, second_generated, inbox: Path) -> None:
    """One inbox holding good, bad and junk files, in subfolders, as a real one does."""
    counts = counts_for(form, 11)
    fill_values(generated["58"], inbox / "58-ninh-thuan.xlsx", counts, form=form)
    fill_values(generated["77"], inbox / "2020-07-02" / "77.xlsx", counts | {("anh-hung-lao-dong", "total"): "1.234"},
                form=form)
    fill_values(generated["74"], inbox / "2020-07-02" / "74.xlsx", counts, form=form, unprotect=True,
                edit=lambda ws: ws.insert_cols(4))
    fill_values(generated["70"], inbox / "70.xlsx", counts, form=form)
    fill_values(generated["70"], inbox / "70 (1).xlsx", counts, form=form)
    truncated(generated["60"], inbox / "60.xlsx")
    text_renamed(inbox / "75.xlsx")
    encrypted(generated["72"], inbox / "72.xlsx")
    shutil.copy(next(iter(second_generated.values())), inbox / "xa.xlsx")
    write_junk(inbox)
    write_junk(inbox / "2020-07-02")


def test_the_inbox_is_byte_identical_after_a_check(default_form, generated, second_generated, inbox):
    every_kind_of_return(default_form, generated, second_generated, inbox)
    # Old file times, so that any write (or a touch) would show.
    for path in sorted(inbox.rglob("*"), reverse=True):
        os.utime(path, (1_593_000_000, 1_593_000_000), follow_symlinks=False)
    before = snapshot(inbox)

    report = run(default_form, inbox)

    assert snapshot(inbox) == before
    assert {f.status for f in report.files} == {"accepted", "superseded", "rejected", "ignored"}
    assert {f.path for f in report.files} == {p for p, entry in before.items() if entry[0] != "folder"}


# --- the catalogue --------------------------------------------------------------------------------

ISSUE_3_CODES = """unreadable-file encrypted-file unknown-form unknown-unit unit-mismatch identity-recovered
layout-changed superseded macro-present external-links not-a-number not-integer negative-value text-number
not-applicable-filled total-mismatch formula-altered empty-form""".split()


def test_every_code_the_issue_names_is_in_the_catalogue():
    assert set(ISSUE_3_CODES) <= set(catalogue.SEVERITY)


def test_every_code_has_vietnamese_words_and_a_severity():
    assert set(texts.ISSUES) == set(catalogue.SEVERITY)
    for code, severity in catalogue.SEVERITY.items():
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code)
        assert severity in ("error", "warning", "info")
        title, meaning, message, example = texts.ISSUES[code]
        assert title and meaning and message and isinstance(example, dict)
        assert re.search(r"[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", title + meaning + message, re.IGNORECASE)


def test_the_error_code_document_is_current():
    assert catalogue.DOC_PATH.read_text(encoding="utf-8") == catalogue.markdown()
