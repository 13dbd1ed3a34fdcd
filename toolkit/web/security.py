"""Who may use the page and which requests are really theirs: sessions, the password, CSRF tokens.

Every browser gets a random session cookie on its first visit; every form carries a token derived
from that session and a secret made at start, so a page of another site cannot post to this one
(it can neither read the token nor set the cookie). On an address other than this computer's, the
password set at start must be given once per session before any page is shown.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets
import threading
import time

COOKIE = "thidua_phien"
#: Shortest password accepted for a page other computers can reach.
SHORTEST_PASSWORD = 8
#: Sessions kept at most; the oldest are forgotten (they log in again), so memory stays bounded.
SESSIONS_KEPT = 1000
#: Wrong passwords forgiven in a row (a typo); after more, the next attempt from anyone waits the
#: first wait, doubling with each wrong one up to the longest: guessing is slowed for the whole
#: page, and no request is held while it waits.
FORGIVEN, FIRST_WAIT, LONGEST_WAIT = 3, 1.0, 60.0


def is_local(host: str) -> bool:
    """Whether ``host`` is an address of this computer only (nobody else can connect to it)."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class Guard:
    """The secret of this run, its sessions, and the password (None: no password asked)."""

    def __init__(self, password: str | None = None):
        self.password = password
        self._secret = secrets.token_bytes(32)
        self._signed_in: dict[str, None] = {}  # insertion-ordered: the oldest is dropped first
        self._lock = threading.Lock()
        self._wrong, self._next_try = 0, 0.0

    @staticmethod
    def new_session() -> str:
        return secrets.token_urlsafe(32)

    def token(self, session: str) -> str:
        """The CSRF token of ``session``: what each of its forms sends back."""
        return hmac.new(self._secret, b"csrf:" + session.encode(), hashlib.sha256).hexdigest()

    def token_matches(self, session: str | None, sent: object) -> bool:
        return bool(session) and isinstance(sent, str) and hmac.compare_digest(self.token(session), sent)

    def allowed(self, session: str | None) -> bool:
        """Whether ``session`` may see the pages: always without a password, else once signed in."""
        if self.password is None:
            return True
        with self._lock:
            return session is not None and session in self._signed_in

    def wait_left(self) -> float:
        """Seconds before a password may be tried again (0: now)."""
        with self._lock:
            return max(0.0, self._next_try - time.monotonic())

    def sign_in(self, password: object) -> str | None:
        """A new signed-in session when ``password`` is right, else None (also while a wrong one's
        wait runs: :meth:`wait_left`). The session is new, not the one the password came with, so
        a session somebody else planted is never signed in."""
        if self.password is None or not isinstance(password, str) or self.wait_left():
            return None
        if not hmac.compare_digest(hashlib.sha256(password.encode()).digest(),
                                   hashlib.sha256(self.password.encode()).digest()):
            with self._lock:
                self._wrong += 1
                if self._wrong >= FORGIVEN:
                    wait = min(LONGEST_WAIT, FIRST_WAIT * 2 ** (self._wrong - FORGIVEN))
                    self._next_try = time.monotonic() + wait
            return None
        session = self.new_session()
        with self._lock:
            self._wrong = 0
            self._signed_in[session] = None
            while len(self._signed_in) > SESSIONS_KEPT:
                del self._signed_in[next(iter(self._signed_in))]
        return session
