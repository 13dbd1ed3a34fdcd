"""What units send besides the table, made for tests: videos (a real one by ffmpeg, or a minimal
MP4 header written by hand), Word documents (python-docx) and a PDF; and returns with chosen counts."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from toolkit.form import Form, Unit
from toolkit.write.template import write_template

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _atom(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(body), kind) + body


def mp4_header(path: Path, seconds: float, timescale: int = 1000) -> Path:
    """An MP4 holding only its header (ftyp, and moov with the movie header mvhd): enough for a
    reader to tell its duration, with no picture."""
    mvhd = _atom(b"mvhd", struct.pack(">B3xIIII", 0, 0, 0, timescale, int(seconds * timescale)) + bytes(80))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_atom(b"ftyp", b"isom\0\0\2\0isomiso2mp41") + _atom(b"moov", mvhd))
    return path


def video(path: Path, seconds: int) -> Path:
    """A real H.264 video of ``seconds`` (a still colour, one frame a second: a few KB), made by
    ffmpeg; the test is skipped without ffmpeg locally and fails in CI."""
    ffmpeg = shutil.which("ffmpeg")
    if ffmpeg is None:
        if os.environ.get("CI"):
            pytest.fail("ffmpeg is required in CI (.ci/run installs it)")
        pytest.skip("ffmpeg is not installed")
    path.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run([ffmpeg, "-v", "error", "-f", "lavfi", "-i", "color=c=blue:s=32x32:r=1", "-t", str(seconds),
                    "-c:v", "libx264", "-pix_fmt", "yuv420p", "-y", str(path)], check=True, timeout=120)
    return path


def word_document(path: Path, *lines: str) -> Path:
    from docx import Document

    doc = Document()
    for line in lines or ("Báo cáo",):
        doc.add_paragraph(line)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def counts(form: Form, changed: dict[str, tuple[int, int]] | None = None) -> dict[tuple[str, str], int]:
    """One award of each kind that applies on every row, Tổng số their sum; ``changed``: row key →
    (Tập thể, Cá nhân) for the rows that differ (a part that does not apply is left out)."""
    values: dict[tuple[str, str], int] = {}
    for row in form.rows:
        wanted = dict(zip(("collective", "individual"), (changed or {}).get(row.key, (1, 1))))
        parts = {role: n for role, n in wanted.items() if row.applies(role)}
        values.update({(row.key, role): n for role, n in parts.items()})
        values[(row.key, "total")] = sum(parts.values())
    return values


def returned(form: Form, unit: Unit, inbox: Path, values: dict, day: dt.date | None = None) -> Path:
    """The unit's template filled with ``values``, saved on ``day`` (default: the deadline)."""
    saved = dt.datetime.combine(day or form.period.deadline, dt.time(9))
    return write_template(form, unit, inbox / f"{unit.code}.xlsx", sample_values=values, created=saved)
