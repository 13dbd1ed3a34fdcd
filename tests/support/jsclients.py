"""JavaScript spreadsheet libraries for tests: SheetJS (npm ``xlsx``) and ExcelJS, run by Node.js.

Web portals and Node.js back ends export returns with these libraries. ``tests/support/js/`` pins
them (package.json and package-lock.json; ``npm ci`` there installs them) and holds one small
script per library that opens a template, sets cells and writes the file. Neither library
recalculates formulas: formula cells keep the result saved in the template.

In tests, call ``require_js("xlsx")`` or ``require_js("exceljs")``: a missing Node.js or package
skips the test locally and fails it when ``CI`` is set.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from pathlib import Path

from .gating import missing
from .processes import run_bounded

__all__ = ["JS", "JsClientError", "exceljs_fill", "require_js", "sheetjs_fill"]

JS = Path(__file__).resolve().with_name("js")
#: Node.js starts and loads a library in about a second; a loaded 2-core machine may take far longer.
DEFAULT_TIMEOUT = 120.0
SCRIPTS = {"xlsx": "sheetjs-fill.js", "exceljs": "exceljs-fill.js"}


class JsClientError(RuntimeError):
    """A library's script failed; the message includes what it printed."""


def require_js(package: str) -> str:
    """The node path, or skip the test when Node.js or ``package`` is missing (fail it on CI)."""
    node = shutil.which("node")
    if node is None:
        missing("Node.js (node) is not installed")
    if not (JS / "node_modules" / package / "package.json").is_file():
        missing(f"npm package {package} is not installed (run npm ci in {JS})")
    return node


def sheetjs_fill(src: Path, dest: Path, cells: Mapping[str, Mapping[str, object]], *,
                 timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Open ``src`` with SheetJS, set ``cells`` (sheet -> A1 address -> value), write ``dest`` as
    .xlsx or .ods (by its extension)."""
    return _run("xlsx", src, dest, cells, timeout)


def exceljs_fill(src: Path, dest: Path, cells: Mapping[str, Mapping[str, object]], *,
                 timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Open ``src`` with ExcelJS, set ``cells`` (sheet -> A1 address -> value), write ``dest`` (.xlsx)."""
    return _run("exceljs", src, dest, cells, timeout)


def _run(package: str, src: Path, dest: Path, cells: Mapping[str, Mapping[str, object]], timeout: float) -> Path:
    fmt = dest.suffix.lstrip(".").lower()
    if fmt not in ("xlsx", "ods") or (package == "exceljs" and fmt != "xlsx"):
        raise ValueError(f"{package} cannot write {dest.name} here")
    node = shutil.which("node")
    if node is None:
        raise JsClientError("Node.js (node) is not installed or not on PATH")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)
    request = json.dumps({"src": str(src), "dest": str(dest), "format": fmt, "cells": cells}).encode()
    code, stdout, stderr = run_bounded([node, str(JS / SCRIPTS[package])], input=request, cwd=str(JS),
                                       timeout=timeout)
    if code != 0 or not dest.is_file() or dest.stat().st_size == 0:
        raise JsClientError(f"{package} failed to write {dest.name} (exit code {code})\n"
                            f"stdout: {stdout.decode(errors='replace')}\nstderr: {stderr.decode(errors='replace')}")
    return dest
