"""Gnumeric for tests: re-save a workbook through ``ssconvert``, setting cells on the way.

``ssconvert`` (Debian ``gnumeric``) opens a workbook, writes each ``--set 'Sheet'!A1=value`` as if
typed into the cell, recalculates what depends on it, and saves in the format asked for: what a
province using Gnumeric sends back. Each call is one short process (well under a second).

In tests, call ``require_gnumeric()``: a missing Gnumeric skips the test locally and fails it
when ``CI`` is set.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from pathlib import Path

from .gating import missing
from .processes import run_bounded

__all__ = ["EXPORTERS", "GnumericError", "require_gnumeric", "resave", "ssconvert_path"]

DEFAULT_TIMEOUT = 120.0
#: Gnumeric's exporter for each format, as ``ssconvert --list-exporters`` names them.
EXPORTERS = {"xlsx": "Gnumeric_Excel:xlsx2", "xls": "Gnumeric_Excel:excel_biff8", "ods": "Gnumeric_OpenCalc:odf"}


class GnumericError(RuntimeError):
    """ssconvert failed; the message includes what it printed."""


def ssconvert_path() -> str | None:
    return shutil.which("ssconvert")


def require_gnumeric() -> str:
    """The ssconvert path, or skip the test (fail it when ``CI`` is set)."""
    found = ssconvert_path()
    if found is None:
        missing("Gnumeric (ssconvert) is not installed")
    return found


def resave(src: Path, dest: Path, cells: Mapping[str, Mapping[str, object]] = {}, *,
           timeout: float = DEFAULT_TIMEOUT) -> Path:
    """Open ``src`` in Gnumeric, type ``cells`` (sheet -> A1 address -> value), save as ``dest``.

    The format follows ``dest``'s extension (a key of ``EXPORTERS``). Values are typed as a user
    types them: numbers as numbers, text parsed the way Gnumeric parses typed input.
    """
    fmt = dest.suffix.lstrip(".").lower()
    if fmt not in EXPORTERS:
        raise ValueError(f"unsupported format {fmt!r}; use one of {sorted(EXPORTERS)}")
    ssconvert = ssconvert_path()
    if ssconvert is None:
        raise GnumericError("Gnumeric (ssconvert) is not installed or not on PATH")
    args = [ssconvert, "--export-type", EXPORTERS[fmt]]
    for sheet, values in cells.items():
        quoted = sheet.replace("'", "''")
        args += [part for address, value in values.items()
                 for part in ("--set", f"'{quoted}'!{address}={_typed(value)}")]
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.unlink(missing_ok=True)
    code, stdout, stderr = run_bounded([*args, str(src), str(dest)], timeout=timeout)
    # ssconvert says "Failed to set cell" on stderr yet may still write the file and exit 0.
    failed = b"Failed to set cell" in stderr
    if code != 0 or failed or not dest.is_file() or dest.stat().st_size == 0:
        raise GnumericError(f"ssconvert failed to save {src.name} as {dest.name} (exit code {code})\n"
                            f"stdout: {stdout.decode(errors='replace')}\nstderr: {stderr.decode(errors='replace')}")
    return dest


def _typed(value: object) -> str:
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"unsupported value {value!r} (use int, float or str)")
    return repr(value) if isinstance(value, float) else str(value)
