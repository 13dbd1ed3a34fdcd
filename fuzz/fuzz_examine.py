"""An atheris (libFuzzer) target: one returned file through intake, the reader and the checks.

Not part of the test suite. Coverage-guided, in one process, with the oracle of
``tests/test_hostile_fuzz.py``: the toolkit's own code raises nothing on any input (only the
reader may fail on a damaged file). Start it from the repository's root with real returns as the
corpus, for example::

    pip install atheris
    mkdir -p fuzz/corpus && cp tests/data/intake/template-libreoffice.* fuzz/corpus/
    python3 fuzz/fuzz_examine.py fuzz/corpus -max_total_time=300 -timeout=30 -rss_limit_mb=2048

A crash leaves the input as ``crash-<hash>`` in the current folder; reproduce it with
``python3 fuzz/fuzz_examine.py crash-<hash>``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

with atheris.instrument_imports(include=["toolkit"]):
    from toolkit.form import load_form
    from toolkit.intake import Limits

from tests.hostile import strict_examine  # noqa: E402

FORM = load_form(REPO / "workbook_templates" / "khen-thuong-6t-2020.toml")
LIMITS = Limits()
FOLDER = Path(tempfile.mkdtemp(prefix="thidua-fuzz-"))
NAME = FOLDER / "58-ninh-thuan.xlsx"


def test_one_input(data: bytes) -> None:
    NAME.write_bytes(data)
    strict_examine(FORM, NAME, LIMITS)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    try:
        atheris.Fuzz()
    finally:
        for path in FOLDER.iterdir():
            os.remove(path)
        FOLDER.rmdir()


if __name__ == "__main__":
    main()
