"""The pages: each route reads its request, calls the library as the command line does, renders a template.

Every page goes through :func:`_page`, which knows the visitor's session, asks for the password
where one is set, refuses a form sent without its CSRF token, and adds the headers that keep the
page from being framed, sniffed or fed scripts from elsewhere.
"""

from __future__ import annotations

import sys
from math import ceil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from .. import texts
from ..checks.report import VALID
from ..form import ChoiceError, Form, FormError
from ..formats import today_vn
from ..intake import Limits
from ..render import EVERY_UNIT_UP_TO
from . import outputs
from .security import COOKIE, Guard
from .site import Site
from .views import counts, form_header, received_rows, round_rows, unit_page

HERE = Path(__file__).resolve().parent
FORM_PARAMETER = "bieu-mau"
#: Attachments received in one go, and the bytes of one request: ten files at the intake's size limit.
MOST_FILES = 50
MOST_FILES_BYTES = 10
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; "
                               "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


@dataclass
class Visit:
    """One request as a page handler sees it."""

    request: Request
    session: str
    form: FormData | None

    def field(self, name: str) -> str:
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else ""

    @property
    def form_id(self) -> str | None:
        return self.field(FORM_PARAMETER) or self.request.query_params.get(FORM_PARAMETER) or None


class Refused(Exception):
    """A page that cannot be shown: its message is told on the error page, with ``status``."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def create_app(site: Site, guard: Guard, local: bool = True, bound: str = "127.0.0.1") -> Starlette:
    """The application serving ``site``; ``local``: only this computer's names are answered (a page
    elsewhere cannot reach it by a name of its own pointing here)."""
    env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    hosts = {"localhost", "127.0.0.1", "::1", bound.strip("[]").lower()}

    def render(visit: Visit, name: str, status: int = 200, **context) -> HTMLResponse:
        context.setdefault("form_id", visit.form_id)
        html = env.get_template(name).render(t=texts.WEB, csrf=guard.token(visit.session), **context)
        return HTMLResponse(html, status_code=status)

    def host_allowed(request: Request) -> bool:
        if not local:
            return True
        host = request.headers.get("host", "").lower()
        host = host[1:host.find("]")] if host.startswith("[") else host.rsplit(":", 1)[0]
        return host in hosts

    def page(handler: Callable[[Visit], Response], *, post: bool = False, public: bool = False,
             most_bytes: int = 2**20):
        async def endpoint(request: Request) -> Response:
            session = request.cookies.get(COOKIE)
            fresh = session is None
            visit = Visit(request, session or guard.new_session(), None)
            response = await _answer(visit, fresh)
            if fresh and not response.headers.get("set-cookie"):
                response.set_cookie(COOKIE, visit.session, httponly=True, samesite="strict")
            response.headers.update(HEADERS)
            return response

        async def _answer(visit: Visit, fresh: bool) -> Response:
            request = visit.request
            if not host_allowed(request):
                return HTMLResponse(texts.WEB["wrong_host"], status_code=400)
            if not public and not guard.allowed(None if fresh else visit.session):
                return RedirectResponse("/dang-nhap", status_code=303)
            if post:
                refusal = await _refusal(request, visit, fresh, most_bytes)
                if refusal is not None:
                    return render(visit, "error.html", status=refusal.status, message=str(refusal))
            try:
                return await run_in_threadpool(handler, visit)
            except Refused as exc:
                return render(visit, "error.html", status=exc.status, message=str(exc))
            except ChoiceError as exc:
                return render(visit, "error.html", status=404, message=site.shown(exc.problem))
            except FormError as exc:
                return render(visit, "error.html", status=500, message=site.shown(str(exc)))
            except Exception as exc:  # told in one line, here and on the page; never a traceback
                told = site.shown(texts.WEB["unexpected"].format(error=f"{type(exc).__name__}: {exc}"))
                sys.stderr.write(told + "\n")
                return render(visit, "error.html", status=500, message=told)
        return endpoint

    async def _refusal(request: Request, visit: Visit, fresh: bool, most_bytes: int) -> Refused | None:
        origin = request.headers.get("origin")
        if origin and origin != "null" and origin.split("://", 1)[-1] != request.headers.get("host"):
            return Refused(texts.WEB["forbidden"], 403)
        declared = request.headers.get("content-length", "")
        if not declared.isdigit():
            return Refused(texts.WEB["no_length"], 411)
        if int(declared) > most_bytes:
            return Refused(texts.WEB["too_large"].format(limit=most_bytes // 2**20), 413)
        try:
            visit.form = await request.form(max_files=MOST_FILES, max_fields=100)
        except Exception:  # a body that is not a form, or more parts than allowed
            return Refused(texts.WEB["bad_form"], 400)
        if fresh or not guard.token_matches(visit.session, visit.form.get("csrf")):
            return Refused(texts.WEB["forbidden"], 403)
        return None

    # --- the pages ----------------------------------------------------------------------------

    def round_page(visit: Visit) -> Response:
        picked = site.choice(visit.form_id)
        report = site.report(picked.form)
        rows = round_rows(report)
        # As the commands do: a form of many units (every commune) lists those needing attention.
        every = visit.request.query_params.get("hien") == "tat-ca" or len(rows) <= EVERY_UNIT_UP_TO
        shown = rows if every else [r for r in rows if r["status"] != VALID]
        return render(visit, "round.html", header=form_header(picked, today_vn()), counts=counts(report),
                      rows=shown, summary=texts.CHECK_SUMMARY.format(**report.summary), form_id=picked.form.id,
                      attention=None if every else texts.WEB["attention_only"].format(
                          shown=len(shown), count=len(rows)))

    def unit_view(visit: Visit, notice: str | None = None) -> Response:
        picked = site.choice(visit.form_id)
        code = visit.request.path_params.get("code") or visit.field("don-vi")
        report = site.report(picked.form)
        unit = next((u for u in report.units if u.code == code), None)
        if unit is None:
            raise Refused(texts.WEB["no_unit"].format(code=code, form=picked.form.id), 404)
        return render(visit, "unit.html", header=form_header(picked, today_vn()), form_id=picked.form.id,
                      unit=unit_page(site, report, unit, today_vn()), notice=notice)

    def upload_page(visit: Visit) -> Response:
        picked = site.choice(visit.form_id)
        return render(visit, "upload.html", header=form_header(picked, today_vn()), form_id=picked.form.id,
                      limit=Limits().max_file_bytes // 2**20, most=MOST_FILES, received=None)

    def upload(visit: Visit) -> Response:
        from ..receive import receive

        picked = site.choice(visit.form_id)
        files = [f for f in visit.form.getlist("tep") if isinstance(f, UploadFile) and f.filename]
        if not files:
            raise Refused(texts.WEB["nothing_received"])
        received = [receive(site.inbox, f.filename, iter(lambda f=f: f.file.read(1 << 20), b"")) for f in files]
        report = site.report(picked.form)
        return render(visit, "upload.html", header=form_header(picked, today_vn()), form_id=picked.form.id,
                      limit=Limits().max_file_bytes // 2**20, most=MOST_FILES,
                      received=received_rows(received, report))

    def downloads_view(visit: Visit, notice: str | None = None, problem: str | None = None) -> Response:
        picked = site.choice(visit.form_id)
        return render(visit, "downloads.html", header=form_header(picked, today_vn()), form_id=picked.form.id,
                      files=outputs.listing(site, picked.form), notice=notice, problem=problem)

    def acting(work: Callable[[Form, Visit], tuple[str | None, str | None]]):
        """A button's handler: ``work`` says what it did (or what went wrong), shown on the page it
        was pressed on."""
        def handler(visit: Visit) -> Response:
            notice, problem = work(site.choice(visit.form_id).form, visit)
            if visit.field("don-vi"):
                return unit_view(visit, notice or problem)
            return downloads_view(visit, notice, problem)
        return handler

    def no_page(visit: Visit) -> Response:
        raise Refused(texts.WEB["no_page"], 404)

    def get_file(visit: Visit) -> Response:
        target = site.in_outbox(visit.request.path_params["path"])
        if target is None:
            raise Refused(texts.WEB["no_file"], 404)
        return FileResponse(target, filename=target.name)

    def templates_zip(visit: Visit) -> Response:
        return outputs.templates_zip(site, site.choice(visit.form_id).form)

    def new_period_page(visit: Visit, notice=None, problem=None, changes=()) -> Response:
        picked = site.choice(None)
        return render(visit, "new_period.html", header=form_header(picked, today_vn()), form_id=visit.form_id,
                      notice=notice,
                      problem=problem, changes=changes, given={k: visit.field(k) for k in outputs.NEW_FIELDS})

    def new_period(visit: Visit) -> Response:
        notice, problem, changes = outputs.new_period(site, {k: visit.field(k) for k in outputs.NEW_FIELDS})
        return new_period_page(visit, notice, problem, changes)

    def sign_in_page(visit: Visit, problem: str | None = None, status: int = 200) -> Response:
        if guard.password is None:
            return RedirectResponse("/", status_code=303)
        return render(visit, "login.html", status=status, problem=problem)

    def sign_in(visit: Visit) -> Response:
        waiting = guard.wait_left()
        session = guard.sign_in(visit.field("mat-khau"))
        if session is None:
            told = texts.WEB["wait_password"].format(seconds=ceil(waiting)) if waiting else texts.WEB["wrong_password"]
            return sign_in_page(visit, told, 429 if waiting else 403)
        response = RedirectResponse("/", status_code=303)
        response.set_cookie(COOKIE, session, httponly=True, samesite="strict")
        return response

    upload_bytes = MOST_FILES_BYTES * Limits().max_file_bytes + 2**20
    routes = [
        Route("/", page(round_page)),
        Route("/don-vi/{code}", page(unit_view)),
        Route("/nhan-tep", page(upload_page)),
        Route("/nhan-tep", page(upload, post=True, most_bytes=upload_bytes), methods=["POST"]),
        Route("/tai-ve", page(downloads_view)),
        Route("/tai-ve/bieu-mau.zip", page(templates_zip)),
        Route("/tai-ve/tao-bieu-mau", page(acting(lambda form, _visit: outputs.generate_templates(site, form)),
                                           post=True), methods=["POST"]),
        Route("/tai-ve/phan-hoi", page(acting(lambda form, _visit: outputs.write_feedback(site, form)),
                                       post=True), methods=["POST"]),
        Route("/tai-ve/tong-hop", page(acting(lambda form, visit: outputs.consolidate(
            site, form, visit.field("ca-don-vi-loi") == "1")), post=True), methods=["POST"]),
        Route("/tai-ve/du-thao-bao-cao", page(acting(lambda form, _visit: outputs.draft_report(site, form)),
                                               post=True), methods=["POST"]),
        Route("/tai/{path:path}", page(get_file)),
        Route("/ky-moi", page(new_period_page)),
        Route("/ky-moi", page(new_period, post=True), methods=["POST"]),
        Route("/dang-nhap", page(sign_in_page, public=True)),
        Route("/dang-nhap", page(sign_in, post=True, public=True), methods=["POST"]),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
        # Anything else is told on the page's own error page, in Vietnamese, with its headers.
        Route("/{rest:path}", page(no_page, public=True), methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]),
    ]
    return Starlette(routes=routes)
