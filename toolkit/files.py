"""Writing outputs so that a reader never sees half a file."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from . import texts
from .names import beside_name

#: A temporary file of ours older than this was left by a run that was killed or lost its power
#: (writing any output takes seconds); younger ones may belong to a run still writing.
STALE_AFTER = 3600.0


@contextlib.contextmanager
def atomic_path(target: Path, durable: bool = True) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target`` in one step.

    On any failure the temporary file is removed and ``target`` is left as it was. ``durable``
    outputs (the summary, reports) are also flushed to disk, file and folder, so that a power cut
    cannot undo them, and temporary files for ``target`` that a killed run left behind (hidden,
    named ``.<stem>.XXXXXXXX<suffix>.tmp``, never opened as the output) are removed once stale.
    Templates, thousands to a folder and cheap to write again, skip both: that is a folder scan
    and two disk flushes per file.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    if durable:
        remove_stale(target)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        # mkstemp makes the file private (0600); an output is shared like any other file the user
        # makes. By path, not by descriptor: Windows' Python before 3.13 has no os.fchmod.
        os.chmod(tmp_path, 0o666 & ~_umask())
        yield tmp_path
        if durable:
            with open(tmp_path, "rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    if durable:
        _sync_folder(target.parent)


def _umask() -> int:
    """The process's umask (reading it means setting it: put straight back)."""
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def write_or_keep_beside(target: Path, write: Callable[[Path], None]) -> Path | None:
    """Write ``target`` through :func:`atomic_path`, ``write`` filling the temporary path.

    If only the final replacement is refused (the old file is open in Excel on Windows), the new
    file is kept beside ``target`` under a free name, and that path is returned; else None.
    """
    spare: Path | None = None
    try:
        with atomic_path(target) as tmp:
            write(tmp)
            spare = tmp.with_name(tmp.name + ".keep")
            try:
                os.link(tmp, spare)
            except OSError:
                shutil.copyfile(tmp, spare)
    except PermissionError:
        if spare is None or not spare.exists():
            raise
        beside = _free_beside(target)
        os.rename(spare, beside)
        return beside
    except BaseException:
        if spare is not None:
            spare.unlink(missing_ok=True)
        raise
    spare.unlink(missing_ok=True)
    return None


def _free_beside(target: Path) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")  # a file name only, never content
    for n in range(1, 1000):
        path = target.parent / beside_name(target, stamp if n == 1 else f"{stamp}-{n}")
        if not path.exists():
            return path
    raise FileExistsError(target)


def _temporary_names(target: Path) -> re.Pattern:
    """Names ``atomic_path`` gives temporary files for ``target`` (mkstemp adds 8 characters);
    :func:`write_or_keep_beside` keeps a second link to one as ``….tmp.keep``."""
    return re.compile(re.escape(f".{target.stem}.") + r"[a-z0-9_]{8}" + re.escape(f"{target.suffix}.tmp")
                      + r"(?:\.keep)?")


def remove_stale(target: Path, older_than: float = STALE_AFTER) -> list[Path]:
    """Remove our temporary files for ``target`` older than ``older_than`` seconds; return them."""
    names = _temporary_names(target)
    prefix = f".{target.stem}."
    limit = time.time() - older_than
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    for entry in entries:
        if not entry.name.startswith(prefix) or not names.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < limit:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:  # gone already, or not ours to remove: harmless either way
            continue
    return removed


def _sync_folder(folder: Path) -> None:
    """Make the replacement itself durable (POSIX); without it a power cut may undo the rename."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def check_writable(target: Path) -> None:
    """Raise the OSError that writing ``target`` would meet, before the work that produces it.

    Tried for real, with a nameless temporary file in the nearest folder that exists (the others
    are made on writing): permission bits say nothing when run as root, and /proc refuses new
    files whatever its bits say. The error names ``target``, not the trial file.
    """
    def refused(code: int) -> OSError:
        return OSError(code, os.strerror(code), str(target))

    if target.is_dir():
        raise refused(errno.EISDIR)
    folder = target.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise refused(errno.ENOTDIR)
    try:
        tempfile.TemporaryFile(dir=folder).close()
    except OSError as exc:
        raise refused(exc.errno or errno.EACCES) from None


def cannot_write(exc: OSError, target: Path) -> str:
    """Why writing ``target`` failed with ``exc``, in the user's words."""
    reason = texts.CANNOT_WRITE_REASONS.get(errno.errorcode.get(exc.errno or 0, ""), exc.strerror or exc)
    return texts.CLI_CANNOT_WRITE.format(path=exc.filename or target, error=reason)
