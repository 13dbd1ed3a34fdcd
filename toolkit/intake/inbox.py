"""Listing the inbox: which files to judge, which to leave alone and why, which are locked.

Files are judged later by their content, never by their names; nothing here writes to the inbox.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .. import texts


@dataclass(frozen=True)
class Scan:
    #: Files to sniff and read, sorted; judged by content later, whatever their names.
    candidates: list[Path]
    #: Everything else found, with the reason in Vietnamese.
    ignored: list[tuple[Path, str]]
    #: Workbook -> the lock/owner file beside it: someone may still be editing the workbook.
    locks: dict[Path, Path]
    #: The ignored dotfiles and dot folders (.gitkeep, .git): nobody's return, so reports leave them out.
    silent: frozenset[Path] = frozenset()


SYSTEM_FOLDERS = {"__macosx", "$recycle.bin", "system volume information"}
THUMBNAILS = {"thumbs.db", "ehthumbs.db"}
FOLDER_SETTINGS = {"desktop.ini", ".ds_store"}
TEMPORARY_SUFFIXES = {".tmp"}
DOWNLOAD_SUFFIXES = {".crdownload", ".part", ".partial", ".download"}


def _locked_name(name: str) -> tuple[str, str] | None:
    """For a lock/owner file name: (name of the workbook it locks, reason key); else None."""
    if name.startswith("~$") and len(name) > 2:
        return name[2:], "office_lock"
    if name.startswith(".~lock.") and name.endswith("#") and len(name) > 8:
        return name[len(".~lock."):-1], "libreoffice_lock"
    if name.startswith(".~") and len(name) > 2:  # WPS
        return name[2:], "office_lock"
    return None


# What marks a file as something a system or a program left behind, in the order they are told apart.
_JUNK = (
    ("mac_metadata", lambda lower, suffix: lower.startswith("._")),
    ("thumbnails", lambda lower, suffix: lower in THUMBNAILS),
    ("folder_settings", lambda lower, suffix: lower in FOLDER_SETTINGS),
    ("hidden", lambda lower, suffix: lower.startswith(".")),
    ("temporary", lambda lower, suffix: suffix in TEMPORARY_SUFFIXES),
    ("partial_download", lambda lower, suffix: suffix in DOWNLOAD_SUFFIXES),
    ("shortcut", lambda lower, suffix: suffix == ".lnk"),
)


def left_behind(name: str) -> bool:
    """Whether the inbox passes over a file of this name (a lock file, a program's leftover)."""
    return _locked_name(name) is not None or _junk_reason(name) is not None


def _junk_reason(name: str) -> str | None:
    lower = name.lower()
    suffix = os.path.splitext(lower)[1]
    return next((texts.IGNORED_REASONS[kind] for kind, left_behind in _JUNK if left_behind(lower, suffix)), None)


def _inside(root: str, target: str) -> bool:
    try:
        return os.path.commonpath([root, target]) == root
    except ValueError:  # different drives
        return False


def scan(inbox: Path) -> Scan:
    """List the files of ``inbox`` and its subfolders that should be read, and why the rest are not.

    Symbolic links are followed only to regular files inside the inbox; linked folders are never
    entered (no loops, no escape). Raises OSError when ``inbox`` itself cannot be listed.
    """
    inbox = Path(inbox)
    root_real = os.path.realpath(inbox)
    candidates: list[Path] = []
    ignored: list[tuple[Path, str]] = []
    locks: dict[Path, Path] = {}
    silent: set[Path] = set()

    # A list, not recursion: a folder tree of any depth cannot exhaust the stack.
    pending = [inbox]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError:
            if folder == inbox:
                raise
            ignored.append((folder, texts.IGNORED_REASONS["unreadable_folder"]))
            continue
        files: dict[str, Path] = {}
        lock_files: list[tuple[str, Path]] = []
        for entry in entries:
            path = folder / entry.name
            try:
                if entry.is_symlink():
                    target = os.path.realpath(path)
                    if not _inside(root_real, target):
                        ignored.append((path, texts.IGNORED_REASONS["link_outside"]))
                        continue
                    if os.path.isdir(target):
                        ignored.append((path, texts.IGNORED_REASONS["folder_link"]))
                        continue
                    info = os.stat(target)
                else:
                    if entry.is_dir(follow_symlinks=False):
                        if entry.name.startswith(".") or entry.name.lower() in SYSTEM_FOLDERS:
                            ignored.append((path, texts.IGNORED_REASONS["hidden_folder"]))
                            if entry.name.startswith("."):
                                silent.add(path)
                        else:
                            pending.append(path)
                        continue
                    info = entry.stat(follow_symlinks=False)
            except OSError:
                ignored.append((path, texts.IGNORED_REASONS["special"]))
                continue
            locked = _locked_name(entry.name)
            if locked is not None:
                workbook, reason = locked
                ignored.append((path, texts.IGNORED_REASONS[reason].format(name=workbook)))
                lock_files.append((workbook, path))
                continue
            reason = _junk_reason(entry.name)
            if reason == texts.IGNORED_REASONS["hidden"]:
                silent.add(path)
            if reason is None and not stat.S_ISREG(info.st_mode):
                reason = texts.IGNORED_REASONS["special"]
            if reason is None and info.st_size == 0:
                reason = texts.IGNORED_REASONS["empty"]
            if reason is not None:
                ignored.append((path, reason))
                continue
            candidates.append(path)
            files[entry.name] = path
        for workbook, lock in lock_files:
            # Exact name first; then as Windows compares names (any case); then Word-style owner
            # files, which replace the first two characters of long names.
            target = files.get(workbook) or next(
                (p for n, p in files.items() if n.lower() == workbook.lower()
                 or (len(n) > 2 and n[2:].lower() == workbook.lower())), None)
            if target is not None:
                locks[target] = lock
    return Scan(sorted(candidates), sorted(ignored), dict(sorted(locks.items())), frozenset(silent))
