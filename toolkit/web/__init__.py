"""``thidua serve``: the round in a web page for the standing office, on this computer.

The page calls the same library functions as the commands; nothing here checks, rules or words
anything (texts are in ``texts.WEB``). The web libraries are imported only when the page starts.
"""

from __future__ import annotations

import os
import socket
import threading
import webbrowser
from pathlib import Path

from .. import texts
from .security import SHORTEST_PASSWORD, is_local


class ServeError(Exception):
    """The page cannot start as asked; the message says what to do."""


def address(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def refusal(host: str, password: str | None) -> str | None:
    """Why the page may not start on ``host`` with ``password``, else None: other computers reach
    any address but this computer's own, and official data needs a password there."""
    if is_local(host):
        return None
    if not password:
        return texts.WEB_SERVE_NEEDS_PASSWORD.format(host=host)
    if len(password) < SHORTEST_PASSWORD:
        return texts.WEB_SERVE_SHORT_PASSWORD.format(length=SHORTEST_PASSWORD)
    return None


def build(root: Path, forms: Path | None = None, host: str = "127.0.0.1", password: str | None = None):
    """The application for the project folder ``root`` (what :func:`serve` runs; tests use it too)."""
    from .app import create_app
    from .security import Guard
    from .site import Site

    if (told := refusal(host, password)) is not None:
        raise ServeError(told)
    return create_app(Site(root, forms), Guard(password or None),
                      local=is_local(host), bound=host)


def serve(root: Path, forms: Path | None = None, host: str = "127.0.0.1", port: int = 8000,
          password: str | None = None, open_browser: bool = False, say=print) -> None:
    """Serve the page for ``root`` until Ctrl-C; ``say`` tells the address (and how to stop)."""
    app = build(root, forms, host, password)
    where = address(host, port)
    if not _free(host, port):
        raise ServeError(texts.WEB_SERVE_NOT_STARTED.format(address=where, port=port))
    _fresh_workers()
    import uvicorn

    config = uvicorn.Config(app, host=host, port=port, log_level="warning", access_log=False,
                            server_header=False, date_header=False)
    say(texts.WEB_SERVE_STARTED.format(address=where))
    if password:
        say(texts.WEB_SERVE_PASSWORD)
    say(texts.WEB_SERVE_STOP)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (where,)).start()
    try:
        uvicorn.Server(config).run()
    except SystemExit:  # uvicorn's way of saying it could not listen after all
        raise ServeError(texts.WEB_SERVE_NOT_STARTED.format(address=where, port=port)) from None


def _fresh_workers() -> None:
    """Have the check's worker processes started afresh, not forked from the server: a fork copies
    the server's threads' locks as they are at that instant, and a worker may wait on one forever."""
    import multiprocessing

    if os.name == "nt":  # Windows only ever starts processes afresh
        return
    multiprocessing.set_start_method("forkserver", force=True)
    multiprocessing.set_forkserver_preload(["toolkit.checks.run"])


def _free(host: str, port: int) -> bool:
    """Whether this computer lets the page listen at ``host``:``port`` (an address of its own, a port
    nobody else holds), asked before starting so the answer is said in the user's words."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_STREAM) as probe:
            if os.name != "nt":  # as the server does; on Windows the option would share a taken port
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind((host.strip("[]"), port))
    except OSError:
        return False
    return True
