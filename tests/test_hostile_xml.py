"""XML that expands or reaches out (entity bombs, external entities) never reaches a parser that
would follow it: intake refuses any DTD in any part before the reader runs, and every XML the
toolkit parses itself goes through defusedxml as a second line.

``tests/test_intake.py`` covers DTDs hidden in wide encodings, after whitespace and across read
chunks; here the parts and formats not covered there, and the pipeline's order.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import defusedxml
import pytest

from tests.hostile import DATA, SHEET, billion_laughs, external_entity, parts_of, valid_return
from toolkit.checks import reader
from toolkit.checks.run import examine
from toolkit.intake import Limits, sniff

REPO = Path(__file__).resolve().parent.parent
TOOLKIT = REPO / "toolkit"


def test_openpyxl_here_parses_with_defusedxml():
    import openpyxl

    assert openpyxl.DEFUSEDXML is True


def test_the_toolkit_imports_no_xml_parser_but_defusedxml():
    # openpyxl is a parser too: the toolkit writes with XlsxWriter and reads with calamine and
    # defusedxml, so neither it nor the standard library's expanding parsers may appear.
    forbidden = ("xml", "lxml", "openpyxl", "pyexpat", "xmltodict", "bs4")
    found = []
    for source in sorted(TOOLKIT.rglob("*.py")):
        tree = ast.parse(source.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else [])
            found += [f"{source.name}: {n}" for n in names if n.split(".")[0] in forbidden]
    assert found == []


def test_a_check_and_consolidate_run_never_loads_openpyxl_or_an_unguarded_parser(default_form, tmp_path):
    valid_return(default_form, default_form.units[0], tmp_path / "inbox" / "58.xlsx")
    code = ("import sys\nfrom toolkit.cli import main\nsys.argv = ['thidua', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print('loaded:' + ','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('openpyxl', 'lxml') or m in ('xml.dom.minidom', 'xml.sax'))), file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code, "consolidate", "--inbox", str(tmp_path / "inbox"),
                           "--output", str(tmp_path / "t.xlsx"), "-q"], cwd=REPO, capture_output=True,
                          text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "loaded:"


@pytest.mark.parametrize("part", ["docProps/custom.xml", "xl/workbook.xml", "docProps/core.xml",
                                  "xl/_rels/workbook.xml.rels", SHEET, "xl/sharedStrings.xml",
                                  "[Content_Types].xml"])
@pytest.mark.parametrize("attack", ["billion-laughs", "external-entity"])
def test_a_dtd_in_any_part_is_refused_before_the_reader_sees_the_file(default_form, tmp_path, monkeypatch,
                                                                     part, attack):
    src = valid_return(default_form, default_form.units[0], tmp_path / "58.xlsx")
    if attack == "billion-laughs":
        path = billion_laughs(src, tmp_path / "bad.xlsx", part)
    else:
        xxe = (b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
               + parts_of(src)[part].split(b"?>", 1)[-1].replace(b"</", b"&x;</", 1))
        path = tmp_path / "bad.xlsx"
        with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
            for info in zin.infolist():
                zout.writestr(info, xxe if info.filename == part else zin.read(info))

    def reader_reached(*args, **kwargs):
        raise AssertionError("the reader was given a file with a DTD")

    monkeypatch.setattr(reader, "read_workbook", reader_reached)
    result = examine(default_form, Limits(), (path, "bad.xlsx", None))
    assert (result.status, [i.code for i in result.issues]) == ("rejected", ["unsafe-file"])
    assert part in result.issues[0].message


@pytest.mark.parametrize("part", ["content.xml", "meta.xml", "styles.xml", "META-INF/manifest.xml"])
def test_a_dtd_in_any_part_of_an_ods_file_is_refused(tmp_path, part):
    src = DATA / "intake" / "template-libreoffice.ods"
    path = tmp_path / "bad.ods"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(path, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == part:
                data = data.replace(b"?>", b'?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1)
            zout.writestr(info, data)
    result = sniff(path)
    assert [i.code for i in result.issues] == ["unsafe-file"] and part in result.issues[0].message


def test_the_readers_own_parsing_refuses_entities_should_intake_ever_miss_one(default_form, tmp_path):
    # Second line: handed a file intake would refuse, the reader's parts parser raises instead of
    # expanding (calamine reads values; the package parts go through defusedxml).
    src = valid_return(default_form, default_form.units[0], tmp_path / "58.xlsx")
    laughs = billion_laughs(src, tmp_path / "laughs.xlsx", "docProps/custom.xml")
    with pytest.raises(defusedxml.EntitiesForbidden):
        reader.read_workbook(laughs, "xlsx")
    reaching = external_entity(src, tmp_path / "xxe.xlsx")
    with pytest.raises((defusedxml.EntitiesForbidden, defusedxml.ExternalReferenceForbidden)):
        reader.read_workbook(reaching, "xlsx")

