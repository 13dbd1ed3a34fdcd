"""Broken and password-protected files of every kind the toolkit reads (.xlsx, .xls, .ods, and
things renamed to look like them): each is rejected with the catalogue's Vietnamese words, never a
reader's English, and the rest of the inbox is processed as usual.

``tests/test_intake.py`` says what each broken file looks like at the level of ``sniff``; the
hostile inbox (``test_hostile_inbox.py``) holds one of each alongside the unsafe files.
"""

from __future__ import annotations

import pytest

from tests.hostile import CASES, CORRUPT, VALID_NAME, VALID_UNIT, hostile_inbox, snapshot
from toolkit import texts
from toolkit.checks.run import check

DETAILS = set(texts.UNREADABLE_DETAILS.values())
ENCRYPTED = [c for c in CASES if c.codes == ("encrypted-file",)]


@pytest.fixture(scope="module")
def corrupt(default_form, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("corrupt")
    hostile_inbox(default_form, tmp / "inbox", tmp / "work", cases=CORRUPT + tuple(ENCRYPTED))
    before = snapshot(tmp / "inbox")
    report = check(default_form, tmp / "inbox", workers=2)
    return tmp / "inbox", before, report


@pytest.mark.parametrize("case", CORRUPT, ids=[c.name for c in CORRUPT])
def test_a_broken_file_is_unreadable_in_the_catalogues_words(corrupt, case):
    result = next(f for f in corrupt[2].files if f.path == case.name)
    assert (result.status, result.unit, [i.code for i in result.issues]) == ("rejected", None, ["unreadable-file"])
    template = texts.ISSUES["unreadable-file"][2]
    detail = result.issues[0].message.removeprefix(template.split("{detail}")[0]).split(")")[0]
    assert detail in DETAILS, result.issues[0].message


@pytest.mark.parametrize("case", ENCRYPTED, ids=[c.name for c in ENCRYPTED])
def test_a_password_to_open_asks_for_the_file_without_it(corrupt, case):
    result = next(f for f in corrupt[2].files if f.path == case.name)
    assert (result.status, [i.code for i in result.issues]) == ("rejected", ["encrypted-file"])
    assert "gỡ mật khẩu mở tệp" in result.issues[0].message


def test_the_rest_of_the_inbox_is_read_as_usual_and_left_untouched(corrupt):
    inbox, before, report = corrupt
    valid = next(f for f in report.files if f.path == VALID_NAME)
    assert (valid.status, valid.unit, valid.issues) == ("accepted", VALID_UNIT, [])
    assert next(u for u in report.units if u.code == VALID_UNIT).status == "valid"
    assert snapshot(inbox) == before
