"""What a person sees of the outputs: files colleagues can open, commands that refuse plainly."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.returns import fill_values
from toolkit.cli import app
from toolkit.feedback import write_feedback
from toolkit.write.summary import consolidate
from toolkit.write.template import generate
from tests.returns import run

runner = CliRunner()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask():
    """Set the process umask for one test, and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o002, 0o664)])
def test_every_output_follows_the_umask_not_private_0600(default_form, tmp_path, counts, umask, mask, expected):
    umask(mask)
    templates = generate(default_form, tmp_path / "templates", workers=1)
    inbox = tmp_path / "inbox"
    fill_values(templates[0].path, inbox / templates[0].path.name, counts, form=default_form)
    report = run(default_form, inbox)
    summary = consolidate(report, tmp_path / "summary.xlsx").path
    written = write_feedback(report, tmp_path / "feedback", dt.date(2020, 7, 1))
    json_path = tmp_path / "report.json"
    result = runner.invoke(app, ["check", "-q", "--inbox", str(inbox), "--json", str(json_path)])
    assert result.exit_code in (0, 1), result.output
    outputs = [t.path for t in templates] + [summary, json_path] + sorted((tmp_path / "feedback").iterdir())
    assert written and len(outputs) > len(templates) + 2
    assert {p.name: oct(_mode(p)) for p in outputs} == {p.name: oct(expected) for p in outputs}
