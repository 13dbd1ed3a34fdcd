"""Receiving an attachment into the inbox: a safe name, a new file, never over another one.

This is the only place that adds to the inbox (the checks only ever read it). A name comes from
whoever sent the file, so it is reduced to one plain file name that every system accepts; the
content is not judged here: it is checked like any other return afterwards.
"""

from __future__ import annotations

import os
import re
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import texts
from .intake import Limits
from .intake.inbox import left_behind

#: Names Windows reserves for devices, with or without an extension ("CON", "nul.xlsx", "COM1.txt").
RESERVED = {"con", "prn", "aux", "nul", "conin$", "conout$",
            *(f"{device}{n}" for device in ("com", "lpt") for n in "123456789¹²³")}
#: Characters no Windows file name may hold, control characters and direction overrides.
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]')
#: Longest name kept, in characters, and in bytes once encoded (file systems count bytes: 255 on
#: Linux, and one Vietnamese letter may take three): room is left for a " (2)".
LONGEST, LONGEST_BYTES = 120, 200
#: What a name that is nothing once cleaned becomes.
FALLBACK = "tep-nhan"


def safe_name(given: str) -> str:
    """``given`` (as a browser or mail program sends it) as one safe file name: the last part of any
    path, no characters Windows refuses, not hidden, not a reserved device name, not too long."""
    name = unicodedata.normalize("NFC", str(given)).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")  # Windows drops trailing dots and spaces; leading dots hide
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    if stem.split(".")[0].strip().lower() in RESERVED:
        stem = "_" + stem
    if len(suffix) > 10 or not stem:  # no real extension: the whole name is the stem
        stem, suffix = (stem + dot + suffix if stem else suffix), ""
    stem = stem[: LONGEST - len(suffix) - 1]
    while len(stem.encode("utf-8")) + len(suffix.encode("utf-8")) + 1 > LONGEST_BYTES:
        stem = stem[:-1]
    stem = stem.rstrip(" .") or FALLBACK
    name = f"{stem}.{suffix}" if suffix else stem
    if left_behind(name):
        # The inbox would pass it over as a lock file or a program's leftover ("~$…", "….tmp"):
        # a name it reads, the content judged like any return's.
        cleared = name.lstrip("~$")
        if left_behind(cleared):  # a leftover's suffix: no extension, the content tells what it is
            cleared = cleared.replace(".", "_")
        name = cleared if cleared and not left_behind(cleared) else FALLBACK
    return name


@dataclass(frozen=True)
class Received:
    """One attachment and what became of it: saved as ``saved`` (a name in the inbox), or refused."""

    given: str
    saved: str | None
    refused: str | None = None


def receive(inbox: Path, given: str, chunks: Iterable[bytes], limits: Limits | None = None) -> Received:
    """Save the bytes of ``chunks`` into ``inbox`` under :func:`safe_name` of ``given``, as a new file
    ("name (2).xlsx" when the name is taken); a file over the size limit is refused and not kept."""
    limits = limits or Limits()
    inbox.mkdir(parents=True, exist_ok=True)
    # Written first under a hidden name, which the check passes over, so nobody reads half a file.
    partial = inbox / f".thidua-nhan-{secrets.token_hex(8)}.part"
    size = 0
    try:
        with open(partial, "xb") as out:
            for chunk in chunks:
                size += len(chunk)
                if size > limits.max_file_bytes:
                    return Received(given, None, texts.RECEIVE_TOO_LARGE.format(
                        limit=limits.max_file_bytes // 2**20))
                out.write(chunk)
        return Received(given, _keep(partial, inbox, safe_name(given)))
    except OSError as exc:  # the disk is full, the folder refuses: this file is told, the others go on
        return Received(given, None, texts.RECEIVE_NOT_SAVED.format(reason=exc.strerror or type(exc).__name__))
    finally:
        partial.unlink(missing_ok=True)


def _keep(partial: Path, inbox: Path, name: str) -> str:
    """Give ``partial`` the first free name of ``name``, "name (2)", … without replacing any file."""
    stem, suffix = os.path.splitext(name)
    for n in range(1, 10_000):
        candidate = name if n == 1 else f"{stem} ({n}){suffix}"
        target = inbox / candidate
        try:
            os.link(partial, target)  # fails if the name is taken, however close the race
            return candidate
        except FileExistsError:
            continue
        except OSError:  # a file system without hard links (FAT): copy into a file made anew
            try:
                with open(target, "xb") as out, open(partial, "rb") as src:
                    while block := src.read(1 << 20):
                        out.write(block)
                return candidate
            except FileExistsError:
                continue
    raise FileExistsError(name)
