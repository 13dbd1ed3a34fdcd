"""The project folder the page works on, and the library calls every page makes through it.

One check runs at a time (each starts worker processes on a machine of two cores), and its report
is kept until a file of the inbox or the form's definition changes, so that moving between pages
does not read every return again.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

from .. import texts
from ..checks.report import Report
from ..form import KEY, ChoiceError, Choice, Form, forms_dir as default_forms_dir, pick_form
from ..names import OUTBOX


class Site:
    """The project folder: forms, ``inbox/`` (only added to, by receiving) and ``outbox/``."""

    def __init__(self, root: Path, forms: Path | None = None):
        self.root = Path(root).resolve()
        self.inbox = self.root / "inbox"
        self.outbox = self.root / OUTBOX
        self.forms = Path(forms or default_forms_dir()).resolve()
        # Where received files go; made now so that the first page shows an empty round, not a fault.
        self.inbox.mkdir(parents=True, exist_ok=True)
        self._checking = threading.Lock()
        self._kept: dict[str, tuple[tuple, Report]] = {}

    def choice(self, form_id: str | None) -> Choice:
        """The form asked for by its id (never a path: a page must not load any file it is given),
        else the one the commands would use."""
        if form_id and not KEY.fullmatch(form_id):
            raise ChoiceError("form", "", texts.WEB_NOT_A_FORM_ID.format(id=form_id))
        return pick_form(form_id or None, self.forms)

    def report(self, form: Form) -> Report:
        """The check of the inbox against ``form``, as ``thidua check`` makes it."""
        from ..checks.run import check

        with self._checking:
            # The form as loaded, not its file's date: its units and earlier versions live in other files.
            seen = (form, self._inbox_stamp())
            kept = self._kept.get(form.id)
            if kept and kept[0] == seen:
                return kept[1]
            report = check(form, self.inbox)
            self._kept[form.id] = (seen, report)
            return report

    def _inbox_stamp(self) -> tuple:
        found = []
        for folder, _dirs, files in os.walk(self.inbox):
            for name in files:
                found.append((folder, name, _stamp(Path(folder) / name)))
        return tuple(sorted(found))

    def shown(self, text: str) -> str:
        """``text`` with the folders of this computer left out: a page names files within the project."""
        for folder, name in ((self.forms, self.forms.name), (self.root, ".")):
            text = text.replace(str(folder) + os.sep, name + "/" if name != "." else "").replace(str(folder), name)
        return text

    def in_outbox(self, relative: str) -> Path | None:
        """The file ``relative`` names inside ``outbox/``, or None when it is not one (outside, a
        folder, missing): nothing else is ever sent to a browser."""
        outbox = self.outbox.resolve()
        try:
            target = (outbox / relative).resolve()
        except (OSError, ValueError):
            return None
        if outbox not in target.parents or not target.is_file():
            return None
        return target

    def link(self, path: Path) -> str | None:
        """What names ``path`` in a download address (relative to ``outbox/``), None when outside it."""
        try:
            return Path(path).resolve().relative_to(self.outbox.resolve()).as_posix()
        except ValueError:
            return None


def _stamp(path: Path | None) -> tuple:
    try:
        st = path.stat() if path else None
    except OSError:
        return ()
    return (st.st_size, st.st_mtime_ns) if st else ()
