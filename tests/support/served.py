"""``thidua serve`` started for real over a temporary project, and Debian's Chromium to drive it.

The server is the command itself, in a subprocess, on a free port of this computer's loopback
address; it is waited for by a bounded number of looks and stopped (then killed if need be) after.
Chromium is Debian's package: Playwright's own browser download is not used. A missing Chromium
skips the browser tests locally and fails them on CI (``gating.missing``).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .gating import missing

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
#: Looks at the port while the server starts, a tenth of a second apart: only a hang runs out.
LOOKS = 600
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def project(folder: Path, *forms: Path) -> Path:
    """A project folder as an office keeps one: the forms in workbook_templates/, nothing received."""
    (folder / "workbook_templates").mkdir(parents=True)
    for form in forms:
        shutil.copy(form, folder / "workbook_templates" / form.name)
    return folder


def thidua(*args: str, cwd: Path, **options) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "THIDUA_FORMS": str(cwd / "workbook_templates")}
    env.pop("THIDUA_SERVE_PASSWORD", None)
    options.setdefault("stdout", subprocess.PIPE)
    options.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([sys.executable, "-m", "toolkit.cli", *args], cwd=cwd, env=env, text=True, **options)


@dataclass
class Server:
    url: str
    folder: Path
    process: subprocess.Popen


@contextlib.contextmanager
def served(folder: Path, *extra: str) -> Iterator[Server]:
    """``thidua serve`` on a free port in ``folder``, until the block ends; it and every process it
    started (its own session) are stopped after, and what it said is kept in ``folder``."""
    port = free_port()
    said = folder.parent / f"{folder.name}-serve.log"
    with open(said, "w") as log:
        process = thidua("serve", "--port", str(port), *extra, cwd=folder, stdout=log, stderr=subprocess.STDOUT,
                         start_new_session=True)
    try:
        for _ in range(LOOKS):
            if process.poll() is not None:
                raise AssertionError(f"thidua serve stopped: {said.read_text()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("thidua serve did not start listening")
        yield Server(f"http://127.0.0.1:{port}", folder, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            pass
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # the workers of a check it was still running
        process.wait()


def chromium(playwright):
    """Debian's Chromium under Playwright; skips (fails on CI) when it is not installed."""
    if not CHROMIUM.exists():
        missing("Debian's chromium is not installed (apt-get install chromium)")
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


# --- a plain HTTP client, for what a browser would never send ----------------------------------

class Client:
    """Requests with a cookie jar, as a browser keeps the session; answers never raise for a status."""

    def __init__(self, base: str):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def send(self, path: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, dict, bytes]:
        request = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=120) as answer:
                return answer.status, dict(answer.headers), answer.read()
        except urllib.error.HTTPError as answer:
            return answer.code, dict(answer.headers), answer.read()

    def post(self, path: str, fields: dict[str, str], files: list[tuple[str, bytes]] = ()) -> tuple[int, dict, bytes]:
        body, kind = multipart(fields, files)
        return self.send(path, body, {"Content-Type": kind})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def multipart(fields: dict[str, str], files: list[tuple[str, bytes]] = ()) -> tuple[bytes, str]:
    """A multipart/form-data body as browsers send it; files under the field ``tep``."""
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    for name, content in files:
        quoted = name.replace('"', "%22")
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="tep"; filename="{quoted}"\r\n'
                     f'Content-Type: application/octet-stream\r\n\r\n'.encode() + content + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"
