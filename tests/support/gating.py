"""Whether a test that needs a real client (LibreOffice, Gnumeric, Node.js libraries) may skip.

Locally a missing client skips the test; on CI (``CI`` set, as .ci/run's hosts do) it fails it, so
the clients the project promises to read are really exercised there.
"""

from __future__ import annotations

import os
from typing import NoReturn

import pytest


def in_ci() -> bool:
    return bool(os.environ.get("CI", "").strip())


def missing(problem: str) -> NoReturn:
    """Skip the calling test because ``problem`` (what is not installed); fail it on CI."""
    if in_ci():
        pytest.fail(f"{problem}, but CI requires it", pytrace=False)
    pytest.skip(problem)
