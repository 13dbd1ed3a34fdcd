"""The pieces both workbooks share: the sheet kit, the inclusion policy's place, and the keep-beside write."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from toolkit import texts
from toolkit.files import write_or_keep_beside
from toolkit.write.summary_lists import FINDINGS_COLUMNS, OTHER_FILES_COLUMNS, STATUS_COLUMNS
from toolkit.write.summary_tables import BY_UNIT_COLUMNS, BY_UNIT_GREY

TOOLKIT = Path(__file__).resolve().parent.parent / "toolkit"


def imported(path: Path) -> set[str]:
    """Every module ``path`` imports, relative imports written with their leading dots."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def test_the_summary_is_written_with_the_sheet_kit_not_with_the_template_module():
    summary_modules = sorted((TOOLKIT / "write").glob("summary*.py"))
    assert len(summary_modules) >= 2
    for path in summary_modules:
        assert not {name for name in imported(path) if name.endswith("template")}, path.name
    assert ".sheets" in imported(TOOLKIT / "write" / "template.py")


def test_which_units_count_is_decided_outside_the_workbook_writers():
    names = imported(TOOLKIT / "inclusion.py")
    assert ".checks.report" in names  # the policy reads the check report
    assert not {name for name in names if name.startswith((".write", "toolkit.write"))}


@pytest.mark.parametrize("cols, labels", [
    (STATUS_COLUMNS, texts.STATUS_SHEET_COLUMNS), (OTHER_FILES_COLUMNS, texts.OTHER_FILES_COLUMNS),
    (FINDINGS_COLUMNS, texts.FINDINGS_COLUMNS), (BY_UNIT_COLUMNS, texts.BY_UNIT_COLUMNS),
    (BY_UNIT_GREY, texts.BY_UNIT_COLUMNS)])
def test_each_list_column_has_its_own_key_and_the_heading_texts_gives_it(cols, labels):
    assert len({col.key for col in cols}) == len(cols)
    assert tuple(col.label for col in cols) == labels


def refuse_replace(monkeypatch):
    """Make the final replacement fail the way Windows refuses to replace a file open in Excel."""
    def refusing(src, dst):
        raise PermissionError(13, "in use", str(dst))
    monkeypatch.setattr(os, "replace", refusing)


def test_a_file_that_cannot_be_replaced_is_kept_beside_it_under_a_free_name(tmp_path, monkeypatch):
    target = tmp_path / "tong-hop.xlsx"
    target.write_bytes(b"old")
    refuse_replace(monkeypatch)
    first = write_or_keep_beside(target, lambda tmp: tmp.write_bytes(b"new 1"))
    second = write_or_keep_beside(target, lambda tmp: tmp.write_bytes(b"new 2"))
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert first is not None and second is not None and first != second
    assert first.read_bytes() == b"new 1" and second.read_bytes() == b"new 2"
    assert first.suffix == second.suffix == ".xlsx" and first.name.startswith("tong-hop (")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, first.name, second.name])


def test_a_replaceable_file_is_replaced_and_nothing_is_left_beside_it(tmp_path):
    target = tmp_path / "tong-hop.xlsx"
    target.write_bytes(b"old")
    assert write_or_keep_beside(target, lambda tmp: tmp.write_bytes(b"new")) is None
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_a_write_that_fails_leaves_the_old_file_and_no_spare(tmp_path, monkeypatch):
    target = tmp_path / "tong-hop.xlsx"
    target.write_bytes(b"old")

    def failing(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError("disk full")

    refuse_replace(monkeypatch)
    with pytest.raises(OSError, match="disk full"):
        write_or_keep_beside(target, failing)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
