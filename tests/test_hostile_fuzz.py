"""Fuzzing ``check`` with real returned files, damaged two ways: bytes of the file itself flipped,
inserted, deleted or cut (what a bad disk, a mail gateway or a crafted file does to the package),
and cells of the sheet and its shared strings rewritten inside a package that stays a valid zip
(what reaches the readers and the checks). Whatever comes in, ``check`` returns in bounded time with
every file accepted, superseded, rejected or ignored, and the summary of it can be written; and,
without the safety net that turns any exception into "unreadable", the toolkit's own code raises
nothing (``tests.hostile.strict_examine``).

CI runs a bounded number of examples; a long run is started by hand, e.g.::

    THIDUA_FUZZ_EXAMPLES=3000 python3 -m pytest tests/test_hostile_fuzz.py -q -s
"""

from __future__ import annotations

import io
import json
import os
import re
from collections import Counter
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile import DATA, SHEET, counts, parts_of, strict_examine, valid_return, write_parts
from tests.work import HANG, within
from toolkit.checks.run import check
from toolkit.intake import Limits
from toolkit.checks.report import ACCEPTED, IGNORED, REJECTED, SUPERSEDED
from toolkit.write.summary import consolidate

EXAMPLES = int(os.environ.get("THIDUA_FUZZ_EXAMPLES", "40"))
LIMITS = Limits(read_timeout=20)
#: One file's time bound, plus a time-out that only a hang reaches (starting and stopping a worker
#: takes a fraction of it, however loaded the machine).
BOUND = LIMITS.read_timeout + HANG
#: (file, status, codes) of every example, printed at the end (run with -s to see them).
OUTCOMES: Counter = Counter()
FUZZ = settings(max_examples=EXAMPLES, deadline=None, print_blob=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])


@pytest.fixture(scope="module", autouse=True)
def outcomes():
    yield OUTCOMES
    print(f"\nfuzz outcomes over {sum(OUTCOMES.values())} examples (file, status, codes):")
    for (name, status, codes), n in sorted(OUTCOMES.items(), key=lambda item: -item[1]):
        print(f"{n:6}  {name:18} {status:10} {codes}")


@pytest.fixture(scope="module")
def seeds(default_form, tmp_path_factory) -> dict[str, bytes]:
    """Real returns: one written as Excel saves it (numbers and notes typed in), the same stored
    without compression (so that damage lands in the XML, not the deflate stream), and the
    template as LibreOffice saves it in each of its formats."""
    tmp = tmp_path_factory.mktemp("seeds")
    form = default_form
    values = counts(form, 58) | {(form.rows[0].key, "note"): "Đã ký, đóng dấu"}
    filled = valid_return(form, form.units_by_code["58"], tmp / "58.xlsx", values)
    stored = write_parts(tmp / "58-stored.xlsx", parts_of(filled), zipfile.ZIP_STORED)
    found = {"58.xlsx": filled.read_bytes(), "58-stored.xlsx": stored.read_bytes()}
    for kind in ("xlsx", "xls", "ods"):
        found[f"libreoffice.{kind}"] = (DATA / "intake" / f"template-libreoffice.{kind}").read_bytes()
    return found


def run_check(form, name: str, data: bytes, write_summary: bool = False):
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        (inbox / name).write_bytes(data)
        strict_examine(form, inbox / name, LIMITS)  # no exception but the reader's own
        report = within(BOUND, check, form, inbox, limits=LIMITS, workers=1)
        assert [f.path for f in report.files] == [name]
        assert all(f.status in (ACCEPTED, SUPERSEDED, REJECTED, IGNORED) for f in report.files)
        assert all(f.issues or f.status in (ACCEPTED, IGNORED) for f in report.files)  # a rejection says why
        # A file this small never needs the time bound: reaching it means a worker died or hung.
        assert not any(i.code == "read-timeout" for f in report.files for i in f.issues)
        json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")
        f = report.files[0]
        OUTCOMES[(name, f.status, " ".join(sorted({i.code for i in f.issues})))] += 1
        if write_summary:
            summary = consolidate(report, Path(tmp) / "tong-hop.xlsx").path
            assert openpyxl.load_workbook(summary, read_only=True).sheetnames
        return report


# --- bytes of the file ----------------------------------------------------------------------------------


@st.composite
def damaged(draw, seeds: dict[str, bytes]) -> tuple[str, bytes]:
    name = draw(st.sampled_from(sorted(seeds)))
    data = bytearray(seeds[name])
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, max(len(data) - 1, 0)))
        action = draw(st.sampled_from(["flip", "set", "insert", "delete", "cut", "repeat"]))
        if action == "flip" and data:
            data[at] ^= 1 << draw(st.integers(0, 7))
        elif action == "set" and data:
            data[at] = draw(st.sampled_from([0x00, 0xFF, 0x7F, 0x80, ord("<"), ord("P"), ord("K")]))
        elif action == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=64))
        elif action == "delete":
            del data[at:at + draw(st.integers(1, 512))]
        elif action == "cut":
            del data[at:]
        elif action == "repeat":  # a block written twice, as a broken copy may do
            length = draw(st.integers(1, 4096))
            data[at:at] = data[at:at + length]
    return name, bytes(data)


@FUZZ
@given(data=st.data())
def test_check_survives_any_damage_to_the_bytes_of_a_returned_file(default_form, seeds, data):
    name, blob = data.draw(damaged(seeds), label="damaged file")
    run_check(default_form, name, blob)


# --- cells of the sheet, inside a valid package ---------------------------------------------------

ADDRESSES = st.sampled_from(["", "A1", "C13", "$C$13", "c13", "XFD1048576", "ALL100000", "A0", "A-1", "ZZZZ1",
                             "A99999999999", "13", "C", "C 13", "C13:D14", "Ĉ13"])
TYPES = st.sampled_from([None, "n", "s", "str", "inlineStr", "b", "e", "d", "x", ""])
VALUES = st.one_of(
    st.sampled_from(["0", "-1", "1e308", "-1e308", "1e-320", "NaN", "inf", "0x10", "99999999999999999999",
                     "1.5", "3,5", "1.234", "TRUE", "#REF!", "2020-07-06T08:00:00", "999999", "-0", ""]),
    st.text(max_size=40),
)


def xml_text(draw, text: str) -> str:
    """Text for XML: escaped (well formed), or now and then raw (broken)."""
    return text if draw(st.integers(0, 9)) == 0 else escape(text, {'"': "&quot;"})


@st.composite
def rewritten(draw, parts: dict[str, bytes]) -> dict[str, bytes]:
    sheet = parts[SHEET].decode("utf-8")
    cells = list(re.finditer(r"<c [^>]*?(?:/>|>.*?</c>)", sheet))
    strings = parts["xl/sharedStrings.xml"].decode("utf-8")
    texts = list(re.finditer(r"<t(?: [^>]*)?>(.*?)</t>", strings))
    edits = []
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["cell", "cell", "drop-address", "duplicate", "string"]))
        if kind == "string":
            m = draw(st.sampled_from(texts))
            text = draw(st.one_of(st.text(max_size=200), st.sampled_from(
                ["=1+1", "_x0001_", "\u202e", "🎉" * 50, "Anh hùng Lao động", "Tổng số", "x" * 40_000])))
            strings = strings[:m.start(1)] + xml_text(draw, text) + strings[m.end(1):]
            texts = list(re.finditer(r"<t(?: [^>]*)?>(.*?)</t>", strings))
            continue
        m = draw(st.sampled_from(cells))
        original = m.group(0)
        if kind == "drop-address":
            new = re.sub(r' r="[^"]*"', "", original, count=1)
        elif kind == "duplicate":
            new = original + original
        else:
            address = draw(st.one_of(st.just(re.search(r' r="([^"]*)"', original).group(1)), ADDRESSES))
            kind_attr = draw(TYPES)
            value = xml_text(draw, draw(VALUES))
            attrs = f' r="{address}"' + (f' t="{kind_attr}"' if kind_attr is not None else "")
            inner = draw(st.sampled_from(["v", "f", "fv", "is", "none"]))
            body = {"v": f"<v>{value}</v>", "f": f"<f>{value}</f>", "fv": f"<f>SUM(A1)</f><v>{value}</v>",
                    "is": f"<is><t>{value}</t></is>", "none": ""}[inner]
            new = f"<c{attrs}>{body}</c>" if body else f"<c{attrs}/>"
        edits.append((m.start(), m.end(), new))
    for start, end, new in sorted(set(edits), reverse=True):
        if all(not (s < end and start < e) for s, e, _n in edits if (s, e) != (start, end)):
            sheet = sheet[:start] + new + sheet[end:]
    return {**parts, SHEET: sheet.encode("utf-8"), "xl/sharedStrings.xml": strings.encode("utf-8")}


@pytest.fixture(scope="module")
def return_parts(seeds) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(seeds["58.xlsx"])) as zf:
        return {info.filename: zf.read(info) for info in zf.infolist()}


@FUZZ
@given(data=st.data())
def test_check_and_the_summary_survive_any_rewriting_of_a_returns_cells(default_form, return_parts, data):
    changed = data.draw(rewritten(return_parts), label="rewritten parts")
    with tempfile.TemporaryDirectory() as tmp:
        blob = write_parts(Path(tmp) / "x.xlsx", changed).read_bytes()
    report = run_check(default_form, "58-ninh-thuan.xlsx", blob, write_summary=True)
    assert report.files[0].status in (ACCEPTED, REJECTED)
