"""Drive a headless LibreOffice through UNO for the test suite.

This script runs under the interpreter that ships the ``uno`` module
(Debian: ``/usr/bin/python3`` with ``python3-uno``), not under the project's
Python. ``tests/support/libreoffice.py`` starts it as a subprocess, writes one
JSON request to its stdin and reads one JSON response from its stdout.

Request::

    {"soffice": "/usr/bin/soffice", "action": "inspect", "src": "/abs/in.xlsx"}
    {"soffice": "...", "action": "fill", "src": "...", "dest": "...",
     "fmt": "xlsx", "cells": {"Sheet": {"C12": 1.5, "D3": "text", "E1": null}},
     "unprotect": false, "password": "", "insert_rows": [["Sheet", 5]],
     "recalculate": false}

Response: ``{"ok": true, "result": ...}`` or
``{"ok": false, "error": "...", "traceback": "...", "soffice_log": "..."}``.

Every run starts its own soffice with a fresh throwaway profile and a unique
pipe name, and kills that soffice (and its children) before exiting.

Only the standard library and ``uno`` may be used here.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import uuid
from pathlib import Path

import uno

# Run with -I (isolated), which leaves this script's folder off the path: put it back for the one
# stdlib-only helper shared with the test process.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from processes import kill_descendants  # noqa: E402
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException
from com.sun.star.sheet.AddressConvention import OOO, XL_OOX
from com.sun.star.sheet.CellFlags import DATETIME, FORMULA, STRING, VALUE
from com.sun.star.sheet.FormulaLanguage import API, OOXML
from com.sun.star.sheet.FormulaMapGroup import ALL_EXCEPT_SPECIAL
from com.sun.star.sheet.FormulaResult import ERROR as RESULT_ERROR

CONTENT_FLAGS = VALUE | DATETIME | STRING | FORMULA

STORE_FILTERS = {
    "xlsx": "Calc MS Excel 2007 XML",
    "xls": "MS Excel 97",
    "ods": "calc8",
    "pdf": "calc_pdf_Export",
}

CONNECT_TIMEOUT = 30.0
TERMINATE_TIMEOUT = 10.0


class WorkerError(Exception):
    pass


# --------------------------------------------------------------------------
# soffice process handling
# --------------------------------------------------------------------------


def _props(**kwargs) -> tuple:
    result = []
    for name, value in kwargs.items():
        prop = PropertyValue()
        prop.Name = name
        prop.Value = value
        result.append(prop)
    return tuple(result)


def _kill_tree(proc: subprocess.Popen) -> None:
    """Kill ``proc`` (oosplash) and its descendants (soffice.bin)."""
    # Deepest first, so that each parent can still reap its child and no
    # zombies are left behind; oosplash exits by itself once soffice.bin
    # is gone.
    kill_descendants(proc.pid)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass


def _remove_stale_pipes(profile_url: str, *names: str) -> None:
    """Remove the socket files a killed soffice leaves behind in /tmp."""
    # soffice's single-instance pipe is named after an MD5 of the profile
    # URL (UTF-16 code units, bytes printed as hex without zero padding).
    digest = hashlib.md5(profile_url.encode("utf-16-le")).digest()
    ipc = "SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest)
    for name in (ipc, *names):
        try:
            os.unlink(f"/tmp/OSL_PIPE_{os.getuid()}_{name}")
        except OSError:
            pass


class Office:
    """One headless soffice with a private profile, reachable over a pipe."""

    def __init__(self, soffice: str, connect_timeout: float = CONNECT_TIMEOUT):
        self.soffice = soffice
        self.connect_timeout = connect_timeout
        self.workdir = Path(tempfile.mkdtemp(prefix="lo-uno-"))
        self.pipe_name = f"lo_uno_{os.getpid()}_{uuid.uuid4().hex}"
        self.log_path = self.workdir / "soffice.log"
        self.profile_url = (self.workdir / "profile").as_uri()
        self.proc: subprocess.Popen | None = None
        self.desktop = None
        self._final_log: str | None = None

    def __enter__(self) -> "Office":
        try:
            self._start()
            self._connect()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _start(self) -> None:
        tmp = self.workdir / "tmp"
        tmp.mkdir()
        env = dict(os.environ)
        env["TMPDIR"] = str(tmp)
        args = [
            self.soffice,
            f"-env:UserInstallation={self.profile_url}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            f"--accept=pipe,name={self.pipe_name};urp;StarOffice.ComponentContext",
        ]
        with open(self.log_path, "wb") as log:
            # Same process group as this worker: if the caller has to kill the
            # worker's group after a timeout, soffice goes with it.
            self.proc = subprocess.Popen(
                args, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env
            )

    def _connect(self) -> None:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local
        )
        url = f"uno:pipe,name={self.pipe_name};urp;StarOffice.ComponentContext"
        deadline = time.monotonic() + self.connect_timeout
        delay = 0.05
        while True:
            try:
                ctx = resolver.resolve(url)
                break
            except NoConnectException:
                if self.proc is not None and self.proc.poll() is not None:
                    raise WorkerError(
                        f"soffice exited with code {self.proc.returncode} "
                        "before accepting a UNO connection"
                    )
                if time.monotonic() > deadline:
                    raise WorkerError(
                        f"could not connect to soffice within {self.connect_timeout:.0f} s"
                    )
                time.sleep(delay)
                delay = min(delay * 1.5, 0.5)
        self.desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx
        )

    def log_tail(self, limit: int = 4000) -> str:
        if self._final_log is not None:
            return self._final_log
        try:
            return self.log_path.read_bytes()[-limit:].decode("utf-8", "replace")
        except OSError:
            return ""

    def close(self) -> None:
        try:
            if self.desktop is not None and self.proc is not None:
                # terminate() is a remote call without a timeout; never let it
                # block the cleanup.
                desktop = self.desktop
                self.desktop = None

                def _terminate() -> None:
                    try:
                        desktop.terminate()
                    except Exception:
                        pass  # the bridge is usually disposed mid-call

                thread = threading.Thread(target=_terminate, daemon=True)
                thread.start()
                thread.join(TERMINATE_TIMEOUT)
                try:
                    self.proc.wait(timeout=TERMINATE_TIMEOUT)
                except subprocess.TimeoutExpired:
                    pass
        finally:
            if self.proc is not None:
                _kill_tree(self.proc)
            self._final_log = self.log_tail()
            shutil.rmtree(self.workdir, ignore_errors=True)
            _remove_stale_pipes(self.profile_url, self.pipe_name)

    def load(self, path: str):
        # Work on a private copy: LibreOffice locks the files it opens (and
        # drops .~lock files next to them), which makes concurrent runs on
        # the same source fail with "type detection failed".
        inbox = self.workdir / "input"
        inbox.mkdir(exist_ok=True)
        copy = inbox / os.path.basename(path)
        shutil.copyfile(path, copy)
        url = uno.systemPathToFileUrl(str(copy))
        doc = self.desktop.loadComponentFromURL(
            url,
            "_blank",
            0,
            _props(Hidden=True, ReadOnly=False, MacroExecutionMode=0, UpdateDocMode=0),
        )
        if doc is None or not hasattr(doc, "Sheets"):
            if doc is not None:
                doc.close(True)
            raise WorkerError(f"LibreOffice could not load {path} as a spreadsheet")
        return doc


# --------------------------------------------------------------------------
# Cell helpers
# --------------------------------------------------------------------------


def _col_letters(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def _a1(col: int, row: int) -> str:
    return f"{_col_letters(col)}{row + 1}"


def _used_range(sheet):
    cursor = sheet.createCursor()
    cursor.gotoEndOfUsedArea(False)
    end = cursor.getRangeAddress()
    return sheet.getCellRangeByPosition(0, 0, end.EndColumn, end.EndRow)


def _cells_in(ranges):
    """Yield (col, row) for every cell of an XSheetCellRanges container."""
    for addr in ranges.getRangeAddresses():
        for row in range(addr.StartRow, addr.EndRow + 1):
            for col in range(addr.StartColumn, addr.EndColumn + 1):
                yield col, row


def _sheet_values(sheet) -> dict[str, object]:
    """A1 address -> float | str | None for every cell of the used area."""
    rng = _used_range(sheet)
    data = rng.getDataArray()
    filled = set(_cells_in(rng.queryContentCells(CONTENT_FLAGS)))
    errors = set(_cells_in(rng.queryFormulaCells(RESULT_ERROR)))
    values: dict[str, object] = {}
    for row, line in enumerate(data):
        for col, value in enumerate(line):
            if (col, row) in errors:
                value = sheet.getCellByPosition(col, row).getString()
            elif (col, row) not in filled:
                value = None
            elif isinstance(value, bool):
                value = float(value)
            elif isinstance(value, int):
                value = float(value)
            values[_a1(col, row)] = value
    return values


def _all_values(doc) -> dict[str, dict[str, object]]:
    sheets = doc.Sheets
    return {name: _sheet_values(sheets.getByName(name)) for name in sheets.ElementNames}


# Error literals and the text spans in which they must be left alone.
_ERROR_LITERAL = re.compile(r"#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A)", re.IGNORECASE)
_QUOTED = re.compile(r"\"(?:[^\"]|\"\")*\"|'(?:[^']|'')*'")


def _upper_error_literals(text: str) -> str:
    """``#ref!`` -> ``#REF!`` outside string literals and quoted sheet names."""
    parts = []
    pos = 0
    for match in _QUOTED.finditer(text):
        parts.append(_ERROR_LITERAL.sub(lambda m: m.group(0).upper(), text[pos : match.start()]))
        parts.append(match.group(0))
        pos = match.end()
    parts.append(_ERROR_LITERAL.sub(lambda m: m.group(0).upper(), text[pos:]))
    return "".join(parts)


def _formula_parser(doc, language: int, convention: int):
    parser = doc.createInstance("com.sun.star.sheet.FormulaParser")
    mapper = doc.createInstance("com.sun.star.sheet.FormulaOpCodeMapper")
    op_map = mapper.getAvailableMappings(language, ALL_EXCEPT_SPECIAL)
    # pyuno cannot infer the element type of a struct sequence for an
    # untyped property value; spell it out.
    uno.invoke(
        parser,
        "setPropertyValue",
        ("OpCodeMap", uno.Any("[]com.sun.star.sheet.FormulaOpCodeMapEntry", op_map)),
    )
    parser.setPropertyValue("FormulaConvention", convention)
    return parser


class _FormulaPrinter:
    """Translate formulas to Excel file (OOXML) syntax, e.g. ``=SUM(A1,Other!B2)``.

    This is the syntax stored in .xlsx files (and shown by openpyxl), so newer
    functions carry their ``_xlfn.`` prefix. Input is LibreOffice's API
    syntax (``=SUM(A1;$Other.B2)``) as returned in bulk by
    ``getFormulaArray()``; it is parsed and printed again, which is about
    three times faster than fetching each cell's tokens over the bridge.
    Cells of an array formula keep LibreOffice's ``{=...}`` form. If
    translation fails, the API syntax is returned unchanged.

    (Printing a cell's own tokens would drop error literals such as
    ``#REF!``; parsing the text keeps them, in lower case, hence
    ``_upper_error_literals``.)
    """

    def __init__(self, doc):
        try:
            self.api = _formula_parser(doc, API, OOO)
            self.ooxml = _formula_parser(doc, OOXML, XL_OOX)
        except Exception:
            self.api = self.ooxml = None

    def __call__(self, api_text: str, sheet: int, col: int, row: int) -> str:
        if self.api is None:
            return api_text
        array = api_text.startswith("{=") and api_text.endswith("}")
        body = api_text[1:-1] if array else api_text
        address = uno.createUnoStruct("com.sun.star.table.CellAddress")
        address.Sheet, address.Column, address.Row = sheet, col, row
        try:
            text = self.ooxml.printFormula(self.api.parseFormula(body, address), address)
        except Exception:
            return api_text
        text = "=" + _upper_error_literals(text).lstrip("=")
        return "{" + text + "}" if array else text


def _all_formulas(doc) -> dict[str, dict[str, str]]:
    printer = _FormulaPrinter(doc)
    result: dict[str, dict[str, str]] = {}
    sheets = doc.Sheets
    for index, name in enumerate(sheets.ElementNames):
        sheet = sheets.getByName(name)
        formulas: dict[str, str] = {}
        for block in _used_range(sheet).queryContentCells(FORMULA).getRangeAddresses():
            texts = sheet.getCellRangeByPosition(
                block.StartColumn, block.StartRow, block.EndColumn, block.EndRow
            ).getFormulaArray()
            for dr, line in enumerate(texts):
                for dc, text in enumerate(line):
                    col, row = block.StartColumn + dc, block.StartRow + dr
                    formulas[_a1(col, row)] = printer(text, index, col, row)
        result[name] = formulas
    return result


def _defined_names(doc) -> dict[str, str]:
    """Workbook-level defined names -> content in LibreOffice syntax."""
    names = doc.NamedRanges
    return {name: names.getByName(name).getContent() for name in names.ElementNames}


def _json_value(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if hasattr(value, "Year") and hasattr(value, "Month") and hasattr(value, "Day"):
        text = f"{value.Year:04d}-{value.Month:02d}-{value.Day:02d}"
        if hasattr(value, "Hours"):
            text += f"T{value.Hours:02d}:{value.Minutes:02d}:{value.Seconds:02d}"
        return text
    return str(value)


def _custom_properties(doc) -> dict[str, object]:
    """User-defined document properties (File > Properties > Custom)."""
    props = doc.DocumentProperties.UserDefinedProperties
    names = [p.Name for p in props.getPropertySetInfo().getProperties()]
    return {name: _json_value(props.getPropertyValue(name)) for name in names}


# --------------------------------------------------------------------------
# Actions
# --------------------------------------------------------------------------


def action_inspect(office: Office, request: dict) -> dict:
    doc = office.load(request["src"])
    try:
        sheets = doc.Sheets
        visible = {
            name: bool(sheets.getByName(name).IsVisible) for name in sheets.ElementNames
        }
        values = _all_values(doc)
        formulas = _all_formulas(doc)
        defined_names = _defined_names(doc)
        custom_properties = _custom_properties(doc)
        doc.calculateAll()
        recalculated = _all_values(doc)
    finally:
        doc.close(True)
    return {
        "values": values,
        "recalculated": recalculated,
        "formulas": formulas,
        "visible": visible,
        "defined_names": defined_names,
        "custom_properties": custom_properties,
    }


def _get_sheet(doc, name: str):
    sheets = doc.Sheets
    if not sheets.hasByName(name):
        raise WorkerError(f"no sheet named {name!r}; sheets: {list(sheets.ElementNames)}")
    return sheets.getByName(name)


def action_fill(office: Office, request: dict) -> dict:
    fmt = request["fmt"]
    if fmt not in STORE_FILTERS:
        raise WorkerError(f"unsupported output format {fmt!r}")
    doc = office.load(request["src"])
    try:
        password = request.get("password", "")
        if request.get("unprotect"):
            if doc.isProtected():
                doc.unprotect(password)
            for name in doc.Sheets.ElementNames:
                sheet = doc.Sheets.getByName(name)
                if sheet.isProtected():
                    sheet.unprotect(password)
        for name, row in request.get("insert_rows", []):
            if row < 1:
                raise WorkerError(f"row index must be 1-based, got {row}")
            sheet = _get_sheet(doc, name)
            if sheet.isProtected():
                # LibreOffice refuses structural changes on protected sheets
                # (a bare RuntimeException through UNO); say why.
                raise WorkerError(
                    f"cannot insert a row into protected sheet {name!r}; "
                    "pass unprotect=True"
                )
            sheet.getRows().insertByIndex(row - 1, 1)
        for name, cells in request.get("cells", {}).items():
            sheet = _get_sheet(doc, name)
            for address, value in cells.items():
                cell = sheet.getCellRangeByName(address)
                if value is None:
                    cell.clearContents(CONTENT_FLAGS)
                elif isinstance(value, bool):
                    cell.setValue(1.0 if value else 0.0)
                elif isinstance(value, (int, float)):
                    cell.setValue(float(value))
                elif isinstance(value, str):
                    cell.setString(value)
                else:
                    raise WorkerError(f"unsupported value for {name}!{address}: {value!r}")
        if request.get("recalculate"):
            doc.calculateAll()
        dest = os.path.abspath(request["dest"])
        doc.storeToURL(
            uno.systemPathToFileUrl(dest),
            _props(FilterName=STORE_FILTERS[fmt], Overwrite=True),
        )
    finally:
        doc.close(True)
    return {"dest": dest}


ACTIONS = {"inspect": action_inspect, "fill": action_fill}


def _on_sigterm(signum, frame):
    # Turn SIGTERM into an exception so that `finally` blocks kill soffice.
    raise SystemExit(128 + signum)


def main() -> int:
    # Keep the real stdout for the JSON response only; anything else that
    # writes to fd 1 (UNO, libraries) ends up on stderr.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    signal.signal(signal.SIGTERM, _on_sigterm)

    response: dict
    office: Office | None = None
    try:
        request = json.loads(sys.stdin.read())
        action = ACTIONS.get(request.get("action"))
        if action is None:
            raise WorkerError(f"unknown action {request.get('action')!r}")
        office = Office(request["soffice"], float(request.get("connect_timeout", CONNECT_TIMEOUT)))
        with office:
            result = action(office, request)
        response = {"ok": True, "result": result}
    except BaseException as exc:  # report everything, including SystemExit
        # UNO exceptions carry their text in .Message, not in str(exc).
        message = getattr(exc, "Message", None) or str(exc)
        response = {
            "ok": False,
            "error": f"{type(exc).__name__}: {message}",
            "traceback": traceback.format_exc(),
            "soffice_log": office.log_tail() if office is not None else "",
        }
    out.write(json.dumps(response))
    out.flush()
    return 0 if response["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
