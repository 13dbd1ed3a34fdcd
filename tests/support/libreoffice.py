"""LibreOffice helpers for tests: convert workbooks, recalculate, fill in cells.

Two mechanisms are used:

* ``convert`` runs ``soffice --headless --convert-to`` directly.
* ``inspect_workbook``/``recalculate_values``/``formula_cells``/``fill_and_save``
  go through UNO. The ``uno`` module (Debian ``python3-uno``) only imports in
  the system interpreter, so these run ``uno_worker.py`` under that
  interpreter as a subprocess and exchange JSON with it.

Every call starts its own soffice with a fresh throwaway profile (and, for
UNO, a unique pipe name), so calls may run consecutively or in parallel
(pytest-xdist) without clashing, and kills it afterwards. Expect roughly one
to two seconds per call, dominated by the soffice start.

In tests, call ``require_libreoffice()`` (or use the ``libreoffice`` /
``libreoffice_uno`` fixtures, e.g. re-exported from ``conftest.py`` with
``from support.libreoffice import libreoffice, libreoffice_uno``): a missing
LibreOffice skips the test locally and fails it when ``CI`` is set.

Cell values are reported as ``float`` (numbers, dates, booleans), ``str``
(text; formula errors as their text, e.g. ``"#DIV/0!"``) or ``None`` (empty),
keyed by sheet name and A1 address (``"C12"``).
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from .gating import missing
from .processes import kill_descendants

__all__ = [
    "CellValue",
    "FormulaMismatch",
    "Inspection",
    "LibreOfficeError",
    "convert",
    "fill_and_save",
    "formula_cells",
    "inspect_workbook",
    "libreoffice",
    "libreoffice_uno",
    "recalculate_values",
    "require_libreoffice",
    "soffice_path",
    "uno_python",
]

CellValue = float | str | None
SheetValues = dict[str, dict[str, CellValue]]

DEFAULT_TIMEOUT = 120.0
WORKER = Path(__file__).with_name("uno_worker.py")

# --convert-to arguments: "<extension>:<export filter>".
CONVERT_FILTERS = {
    "pdf": "pdf:calc_pdf_Export",
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xls": "xls:MS Excel 97",
    "ods": "ods:calc8",
}
# Formats fill_and_save can store (filter names live in uno_worker.py).
STORE_FORMATS = ("xlsx", "xls", "ods", "pdf")

_A1_ADDRESS = re.compile(r"\$?[A-Z]{1,3}\$?[1-9][0-9]*")

# Interpreters that may provide the ``uno`` module, in order of preference.
# ``UNO_PYTHON`` overrides the search.
_UNO_PYTHON_CANDIDATES = ("/usr/bin/python3",)


class LibreOfficeError(RuntimeError):
    """A LibreOffice operation failed; the message includes its diagnostics."""


# --------------------------------------------------------------------------
# Discovery and test gating
# --------------------------------------------------------------------------


def soffice_path() -> str | None:
    """Path of the LibreOffice executable on PATH, or None."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


@functools.lru_cache(maxsize=None)
def _python_has_uno(python: str) -> bool:
    try:
        result = subprocess.run(
            [python, "-I", "-c", "import uno"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return result.returncode == 0


def uno_python() -> str | None:
    """An interpreter that can ``import uno`` (``$UNO_PYTHON`` first), or None."""
    override = os.environ.get("UNO_PYTHON")
    candidates = (override,) if override else _UNO_PYTHON_CANDIDATES
    for python in candidates:
        if python and _python_has_uno(python):
            return python
    return None


def require_libreoffice(*, uno: bool = False) -> str:
    """Return the soffice path, or skip the test (fail it when ``CI`` is set).

    With ``uno=True`` also require an interpreter with the ``uno`` module,
    which ``inspect_workbook`` and ``fill_and_save`` need.
    """
    soffice = soffice_path()
    if soffice is None:
        problem = "LibreOffice (soffice) is not installed"
    elif uno and uno_python() is None:
        problem = (
            "LibreOffice UNO bindings (python3-uno for /usr/bin/python3, "
            "or $UNO_PYTHON) are not installed"
        )
    else:
        return soffice
    missing(problem)


@pytest.fixture
def libreoffice() -> str:
    """The soffice path; skips (or fails on CI) without LibreOffice."""
    return require_libreoffice()


@pytest.fixture
def libreoffice_uno() -> str:
    """Like ``libreoffice``, but also requires the UNO bindings."""
    return require_libreoffice(uno=True)


def _require_soffice() -> str:
    soffice = soffice_path()
    if soffice is None:
        raise LibreOfficeError("LibreOffice (soffice) is not installed or not on PATH")
    return soffice


def _require_file(src: Path) -> Path:
    src = Path(src).resolve()
    if not src.is_file():
        raise FileNotFoundError(src)
    return src


# --------------------------------------------------------------------------
# Process handling
# --------------------------------------------------------------------------


def _kill_tree(proc: subprocess.Popen) -> None:
    """Kill ``proc`` and everything below it; ``proc`` leads its own session.

    Descendants go first (deepest first) so that their parents can still reap
    them; then whatever is left in the process group.
    """
    kill_descendants(proc.pid)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass
    _kill_group(proc)
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        pass


def _kill_group(proc: subprocess.Popen) -> None:
    """SIGKILL the process group led by ``proc`` (started with a new session)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _remove_stale_ipc_pipe(profile_url: str) -> None:
    """Remove the single-instance socket a killed soffice leaves in /tmp."""
    # Named after an MD5 of the profile URL (UTF-16 code units, bytes printed
    # as hex without zero padding).
    digest = hashlib.md5(profile_url.encode("utf-16-le")).digest()
    name = "SingleOfficeIPC_" + "".join(format(byte, "x") for byte in digest)
    try:
        os.unlink(f"/tmp/OSL_PIPE_{os.getuid()}_{name}")
    except OSError:
        pass


def _decode(data: bytes | None, limit: int = 4000) -> str:
    if not data:
        return ""
    return data[-limit:].decode("utf-8", "replace").strip()


# --------------------------------------------------------------------------
# Conversion via the command line
# --------------------------------------------------------------------------


def convert(src: Path, fmt: str, outdir: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Convert ``src`` with ``soffice --convert-to`` and return the new file.

    ``fmt`` is one of ``pdf``, ``xlsx``, ``xls``, ``ods`` (mapped to explicit
    export filters) or a raw ``"<ext>:<filter>"`` argument. The result is
    ``outdir / (src.stem + "." + ext)``; an existing file there is replaced.
    """
    spec = CONVERT_FILTERS.get(fmt, fmt)
    ext = spec.split(":", 1)[0]
    if not ext or (fmt not in CONVERT_FILTERS and ":" not in fmt):
        raise ValueError(f"unsupported format {fmt!r}; use one of {sorted(CONVERT_FILTERS)}")
    soffice = _require_soffice()
    src = _require_file(src)
    outdir = Path(outdir).resolve()
    outdir.mkdir(parents=True, exist_ok=True)
    out = outdir / f"{src.stem}.{ext}"
    if out == src:
        raise ValueError(f"converting {src} to {fmt} in place would overwrite it")
    out.unlink(missing_ok=True)

    workdir = Path(tempfile.mkdtemp(prefix="lo-convert-"))
    profile_url = (workdir / "profile").as_uri()
    try:
        tmp = workdir / "tmp"
        tmp.mkdir()
        args = [
            soffice,
            f"-env:UserInstallation={profile_url}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            spec,
            "--outdir",
            str(outdir),
            str(src),
        ]
        proc = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={**os.environ, "TMPDIR": str(tmp)},
            start_new_session=True,
        )
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_tree(proc)
            stdout, stderr = proc.communicate()
            raise LibreOfficeError(
                f"soffice timed out after {timeout:g} s converting {src.name} to {fmt}\n"
                f"stderr: {_decode(stderr)}"
            ) from None
        finally:
            _kill_group(proc)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
        _remove_stale_ipc_pipe(profile_url)

    # soffice exits with 0 even when loading or exporting fails, so the
    # output file is the real success criterion.
    if proc.returncode != 0 or not out.is_file() or out.stat().st_size == 0:
        raise LibreOfficeError(
            f"soffice failed to convert {src} to {fmt} "
            f"(exit code {proc.returncode}, expected output {out})\n"
            f"stdout: {_decode(stdout)}\nstderr: {_decode(stderr)}"
        )
    return out


# --------------------------------------------------------------------------
# UNO worker
# --------------------------------------------------------------------------


def _run_worker(request: dict, timeout: float) -> object:
    soffice = _require_soffice()
    python = uno_python()
    if python is None:
        raise LibreOfficeError(
            "no Python interpreter with the LibreOffice UNO bindings found "
            "(install python3-uno for /usr/bin/python3 or set UNO_PYTHON)"
        )
    payload = json.dumps({**request, "soffice": soffice}).encode("utf-8")
    # The worker and its soffice share a new process group, so the whole
    # tree can be killed if the worker hangs or dies.
    proc = subprocess.Popen(
        [python, "-I", str(WORKER)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        try:
            stdout, stderr = proc.communicate(payload, timeout=timeout)
        except subprocess.TimeoutExpired:
            # Give the worker a moment to shut soffice down and remove its
            # profile, then kill whatever is left.
            proc.terminate()
            try:
                stdout, stderr = proc.communicate(timeout=5)
            except subprocess.TimeoutExpired:
                _kill_tree(proc)
                stdout, stderr = proc.communicate()
            raise LibreOfficeError(
                f"UNO worker timed out after {timeout:g} s ({request['action']})\n"
                f"stderr: {_decode(stderr)}"
            ) from None
    finally:
        _kill_group(proc)

    try:
        response = json.loads(stdout)
    except ValueError:
        raise LibreOfficeError(
            f"UNO worker exited with code {proc.returncode} without a valid response\n"
            f"stdout: {_decode(stdout)}\nstderr: {_decode(stderr)}"
        ) from None
    if not response.get("ok"):
        raise LibreOfficeError(
            f"UNO worker failed ({request['action']}): {response.get('error')}\n"
            f"--- soffice output ---\n{response.get('soffice_log', '').strip()}\n"
            f"--- worker traceback ---\n{response.get('traceback', '').strip()}\n"
            f"--- worker stderr ---\n{_decode(stderr)}"
        )
    return response["result"]


def _same_value(a: CellValue, b: CellValue, rel_tol: float, abs_tol: float) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return math.isclose(a, b, rel_tol=rel_tol, abs_tol=abs_tol)
    return a == b


@dataclass(frozen=True)
class FormulaMismatch:
    sheet: str
    address: str
    formula: str
    cached: CellValue
    recalculated: CellValue


@dataclass(frozen=True)
class Inspection:
    """What LibreOffice sees in a workbook.

    ``values``: used-area cell values as loaded (cached formula results),
    ``recalculated``: the same after ``calculateAll()``,
    ``formulas``: formula text per formula cell, in Excel file syntax
    (e.g. ``=SUM(A1,Other!B2)``, ``=_xlfn.CONCAT(A1,"x")``); every cell of an
    array formula is listed as ``{=...}``,
    ``visible``: sheet name -> visibility (hidden and very hidden are both
    ``False``; LibreOffice has no "very hidden" state),
    ``defined_names``: workbook-level names -> content in LibreOffice syntax
    (e.g. ``"abc"`` or ``$Form.$A$1:$A$2``),
    ``custom_properties``: user-defined document properties (numbers come
    back as float, dates as ISO strings; for .xlsx sources LibreOffice also
    lists ``AppVersion`` from docProps/app.xml here).
    Sheet-keyed dicts keep the workbook's sheet order and include hidden
    sheets.
    """

    values: SheetValues
    recalculated: SheetValues
    formulas: dict[str, dict[str, str]]
    visible: dict[str, bool]
    defined_names: dict[str, str]
    custom_properties: dict[str, object]

    def formula_mismatches(
        self, *, rel_tol: float = 1e-9, abs_tol: float = 1e-9
    ) -> list[FormulaMismatch]:
        """Formula cells whose cached value differs from the recalculated one."""
        found = []
        for sheet, formulas in self.formulas.items():
            for address, formula in formulas.items():
                cached = self.values[sheet].get(address)
                fresh = self.recalculated[sheet].get(address)
                if not _same_value(cached, fresh, rel_tol, abs_tol):
                    found.append(FormulaMismatch(sheet, address, formula, cached, fresh))
        return found


def inspect_workbook(src: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Inspection:
    """Load ``src`` in LibreOffice (one soffice start) and report what it sees.

    For .xlsx sources ``values`` holds the cached results written into the
    file (LibreOffice's default is not to recalculate them on load and it
    ignores XlsxWriter's ``fullCalcOnLoad``); only volatile functions such as
    ``NOW()`` are recomputed. .xls and .ods sources are recalculated while
    loading, so there ``values`` equals ``recalculated``; read their cached
    results with python-calamine instead.
    """
    src = _require_file(src)
    result = _run_worker({"action": "inspect", "src": str(src)}, timeout)
    assert isinstance(result, dict)
    return Inspection(
        values=result["values"],
        recalculated=result["recalculated"],
        formulas=result["formulas"],
        visible=result["visible"],
        defined_names=result["defined_names"],
        custom_properties=result["custom_properties"],
    )


def recalculate_values(src: Path, *, timeout: float = DEFAULT_TIMEOUT) -> SheetValues:
    """Cell values of every sheet's used area after a full recalculation."""
    return inspect_workbook(src, timeout=timeout).recalculated


def formula_cells(src: Path, *, timeout: float = DEFAULT_TIMEOUT) -> dict[str, dict[str, str]]:
    """Formula text (Excel file syntax, see ``Inspection``) per sheet."""
    return inspect_workbook(src, timeout=timeout).formulas


def _check_cells(cells: Mapping[str, Mapping[str, object]]) -> dict[str, dict[str, object]]:
    checked: dict[str, dict[str, object]] = {}
    for sheet, values in cells.items():
        checked[sheet] = {}
        for address, value in values.items():
            if not isinstance(address, str) or not _A1_ADDRESS.fullmatch(address):
                raise ValueError(f"{sheet}!{address}: not a single-cell A1 address")
            if value is not None and not isinstance(value, (bool, int, float, str)):
                raise TypeError(
                    f"{sheet}!{address}: unsupported value {value!r} "
                    "(use int, float, bool, str or None)"
                )
            if isinstance(value, float) and not math.isfinite(value):
                raise ValueError(f"{sheet}!{address}: non-finite value {value!r}")
            checked[sheet][address] = value
    return checked


def _check_rows(insert_rows: Iterable[tuple[str, int]]) -> list[list[object]]:
    rows: list[list[object]] = []
    for sheet, row in insert_rows:
        if isinstance(row, bool) or not isinstance(row, int) or row < 1:
            raise ValueError(f"{sheet}: row numbers are 1-based integers, got {row!r}")
        rows.append([sheet, row])
    return rows


def fill_and_save(
    src: Path,
    dest: Path,
    cells: Mapping[str, Mapping[str, object]],
    fmt: str | None = None,
    *,
    unprotect: bool = False,
    password: str = "",
    insert_rows: Iterable[tuple[str, int]] = (),
    recalculate: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Open ``src`` in LibreOffice, edit it like a user would, save as ``dest``.

    ``cells`` maps sheet name -> A1 address -> value: numbers and booleans are
    entered with ``setValue``, strings with ``setString`` (never parsed as a
    formula), ``None`` clears the cell. Locked cells of protected sheets are
    written too, as LibreOffice's API does not enforce cell protection.

    Steps, in order: remove document and sheet protection if ``unprotect``
    (with ``password``); insert one blank row before each 1-based
    ``(sheet, row)`` in ``insert_rows`` (refused on protected sheets);
    write ``cells`` (addresses refer to the layout after the insertions);
    run a full recalculation if ``recalculate`` (dependent formulas are
    updated anyway, as in the UI); store as ``fmt`` (``xlsx``, ``xls``,
    ``ods`` or ``pdf``; default: ``dest``'s extension).
    """
    src = _require_file(src)
    dest = Path(dest).resolve()
    fmt = fmt or dest.suffix.lstrip(".").lower()
    if fmt not in STORE_FORMATS:
        raise ValueError(f"unsupported format {fmt!r}; use one of {STORE_FORMATS}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    request = {
        "action": "fill",
        "src": str(src),
        "dest": str(dest),
        "fmt": fmt,
        "cells": _check_cells(cells),
        "unprotect": bool(unprotect),
        "password": password,
        "insert_rows": _check_rows(insert_rows),
        "recalculate": bool(recalculate),
    }
    _run_worker(request, timeout)
    if not dest.is_file() or dest.stat().st_size == 0:
        raise LibreOfficeError(f"LibreOffice reported success but {dest} is missing or empty")
    return dest
