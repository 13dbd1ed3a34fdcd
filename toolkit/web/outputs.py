"""What the page writes into ``outbox/`` (templates, feedback, the summary, a new period's form) and
what it lists there to download; each button calls the library function its command calls.

Each action answers (what was done, what went wrong), one of them None, in the user's words.
"""

from __future__ import annotations

import copy
import datetime as dt
import tempfile
import zipfile
from pathlib import Path

from starlette.responses import Response, StreamingResponse

from .. import texts
from ..files import cannot_write
from ..form import ChoiceError, Form, FormError
from ..formats import number_vn, parse_date, size_vn, time_vn
from ..names import feedback_dir, report_path, summary_path, templates_dir
from ..write.template import template_name
from .site import Site

Told = tuple[str | None, str | None]
#: The fields of the new-period form, as ``thidua form new`` takes them.
NEW_FIELDS = ("tu-bieu-mau", "ma-moi", "ten-ky", "bat-dau", "ket-thuc", "han-gui")
#: What may be offered from a round's folder as the draft report (written by another command).
DRAFT_PREFIX, DRAFT_SUFFIXES = "du-thao-bao-cao", (".docx", ".pdf", ".odt")


def _told(exc: Exception, site: Site) -> str:
    return site.shown(exc.problem if isinstance(exc, ChoiceError) else str(exc))


def generate_templates(site: Site, form: Form) -> Told:
    from ..write.template import generate

    target = templates_dir(form.id, site.outbox)
    try:
        written = generate(form, target)
    except OSError as exc:
        return None, site.shown(cannot_write(exc, target))
    return texts.WEB["generated"].format(count=number_vn(len(written))), None


def write_feedback(site: Site, form: Form) -> Told:
    from ..feedback import write_feedback as write

    target = feedback_dir(form.id, site.outbox)
    try:
        written = write(site.report(form), target)
    except OSError as exc:
        return None, site.shown(cannot_write(exc, target))
    return texts.WEB["feedback_written"].format(count=number_vn(len(written.letters))), None


def _beside(site: Site, form: Form, include_invalid: bool):
    """(the check, last period beside it as the commands find it in ``outbox/``, why it was left
    out if it could not be used). The comparison notes unusual changes on the report: the page's
    own check is left as it was."""
    from ..compare import beside

    report, skipped = copy.deepcopy(site.report(form)), []
    return report, beside(report, None, include_invalid, site.outbox, skipped=skipped.append), skipped


def consolidate(site: Site, form: Form, include_invalid: bool = False) -> Told:
    from ..write.summary import consolidate as write_summary

    if not any(u.file for u in site.report(form).units):  # as the command: last round's summary is kept
        return None, texts.WEB["nothing_to_consolidate"]
    target = summary_path(form.id, site.outbox)
    try:
        report, comparison, skipped = _beside(site, form, include_invalid)
        result = write_summary(report, target, include_invalid=include_invalid, comparison=comparison)
    except OSError as exc:
        return None, site.shown(cannot_write(exc, target))
    told = [result.line, result.notice and site.shown(result.notice), *map(site.shown, skipped)]
    return " ".join(filter(None, told)), None


def draft_report(site: Site, form: Form) -> Told:
    """``thidua report``: the draft conference report of the round, in ``outbox/<form>/``."""
    from ..write.report import write_report

    target = report_path(form.id, site.outbox)
    try:
        report, comparison, skipped = _beside(site, form, False)
        written = write_report(report, target, comparison=comparison, outbox=site.outbox)
    except OSError as exc:
        return None, site.shown(cannot_write(exc, target))
    return " ".join([texts.WEB["report_written"].format(name=written.name), *map(site.shown, skipped)]), None


def new_period(site: Site, given: dict[str, str]) -> tuple[str | None, str | None, list[str]]:
    """``thidua form new`` from the page's fields: (what was written, what is wrong, what changed)."""
    from ..periods import new_form

    if not all(given[k].strip() for k in NEW_FIELDS):
        return None, texts.WEB["new_incomplete"], []
    try:
        dates = [parse_date(given[k].strip()) for k in ("bat-dau", "ket-thuc", "han-gui")]
        source = site.choice(given["tu-bieu-mau"].strip()).form
        made = new_form(source, given["ma-moi"].strip(), given["ten-ky"].strip(), *dates, site.forms)
    except (ValueError, FormError) as exc:
        return None, _told(exc, site), []
    except OSError as exc:
        return None, site.shown(cannot_write(exc, site.forms)), []
    changes = [texts.FORM_NEW_CHANGE.format(key=c.key, old=c.old, new=c.new).strip() for c in made.changes]
    return texts.WEB["new_written"].format(id=made.form.id, old=source.id), None, changes


def _listed(site: Site, folder: Path, suffixes: tuple[str, ...]) -> list[dict]:
    if not folder.is_dir():
        return []
    return [_entry(site, p) for p in sorted(folder.iterdir())
            if p.is_file() and p.suffix.lower() in suffixes and not p.name.startswith(".")]


def _entry(site: Site, path: Path) -> dict:
    st = path.stat()
    return {"name": path.name, "link": site.link(path), "size": size_vn(st.st_size),
            "saved": time_vn(dt.datetime.fromtimestamp(st.st_mtime, dt.timezone.utc))}


def listing(site: Site, form: Form) -> dict:
    """What ``outbox/<form>/`` holds to send or to keep: templates, feedback, summary, draft report."""
    templates = templates_dir(form.id, site.outbox)
    per_unit = [{"code": u.code, "name": u.name, "link": site.link(templates / template_name(u))
                 if (templates / template_name(u)).is_file() else None} for u in form.units]
    summary = summary_path(form.id, site.outbox)
    drafts = [p for p in _listed(site, site.outbox / form.id, DRAFT_SUFFIXES) if p["name"].startswith(DRAFT_PREFIX)]
    return {"templates": per_unit, "templates_ready": any(t["link"] for t in per_unit),
            "feedback": _listed(site, feedback_dir(form.id, site.outbox), (".txt", ".xlsx")),
            "summary": _entry(site, summary) if summary.is_file() else None, "drafts": drafts}


def templates_zip(site: Site, form: Form) -> Response:
    """Every template of the form written so far, in one zip made on the fly from ``outbox/``."""
    folder = templates_dir(form.id, site.outbox)
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_DEFLATED) as archive:
        for unit in form.units:
            path = folder / template_name(unit)
            if path.is_file():
                archive.write(path, path.name)
    spool.seek(0)

    def chunks():
        with spool:
            while block := spool.read(1 << 20):
                yield block

    name = texts.WEB["zip_name"].format(id=form.id)
    return StreamingResponse(chunks(), media_type="application/zip",
                             headers={"Content-Disposition": f'attachment; filename="{name}"'})
