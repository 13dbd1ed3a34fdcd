"""The benchmark harness keeps working (a tiny N; no timing is asserted)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench" / "run.py"


def test_bench_harness_measures_every_command_and_writes_its_table(tmp_path):
    output = tmp_path / "latest.md"
    subprocess.run([sys.executable, str(BENCH), "--units", "6", "--sizes", "6", "--repeat", "1",
                    "--work", str(tmp_path / "work"), "--output", str(output)], check=True, timeout=600,
                   capture_output=True)
    table = output.read_text(encoding="utf-8")
    row = next(line for line in table.splitlines() if line.startswith("| 6 |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert len(cells) == 11
    assert all(re.search(r"\d", c) for c in cells), row
    assert "Máy đo:" in table and "python bench/run.py" in table
