"""Shared fixtures: the shipped default form, a second form under tests/data/forms, and their templates."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from support.libreoffice import libreoffice, libreoffice_uno  # noqa: F401  (shared fixtures)

from toolkit.form import Form, load_form
from toolkit.write.template import generate

TESTS = Path(__file__).resolve().parent

# Hypothesis times each example (200 ms) and the drawing of data by default: on a loaded machine that
# is a wall-clock assertion. Tests that need a bound count the work instead (tests/work.py).
settings.register_profile("loaded-machine", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("loaded-machine")
DEFAULT_FORM_FILE = TESTS.parent / "workbook_templates" / "khen-thuong-6t-2020.toml"
SECOND_FORM_FILE = TESTS / "data" / "forms" / "khen-thuong-cap-xa-2025.toml"
#: The bundled form of another shape: economic targets, decimals and percents, rules as data.
INDICATORS_FORM_FILE = TESTS.parent / "workbook_templates" / "chi-tieu-ktxh-6t-2020.toml"


@pytest.fixture(scope="session")
def default_form_file() -> Path:
    return DEFAULT_FORM_FILE


@pytest.fixture(scope="session")
def second_form_file() -> Path:
    return SECOND_FORM_FILE


@pytest.fixture(scope="session")
def default_form() -> Form:
    return load_form(DEFAULT_FORM_FILE)


@pytest.fixture(scope="session")
def second_form() -> Form:
    return load_form(SECOND_FORM_FILE)


@pytest.fixture(scope="session")
def indicators_form() -> Form:
    return load_form(INDICATORS_FORM_FILE)


@pytest.fixture(scope="module")
def indicators_generated(indicators_form, tmp_path_factory) -> dict[str, Path]:
    """The economic targets' templates, written once per test module: unit code → file."""
    return _generate(indicators_form, tmp_path_factory.mktemp("indicator-templates"))


def _generate(form: Form, out: Path) -> dict[str, Path]:
    return {item.unit.code: item.path for item in generate(form, out, workers=1)}


@pytest.fixture(scope="module")
def generated(default_form, tmp_path_factory) -> dict[str, Path]:
    """The default form's templates, written once per test module: unit code → file."""
    return _generate(default_form, tmp_path_factory.mktemp("default-templates"))


@pytest.fixture(scope="module")
def second_generated(second_form, tmp_path_factory) -> dict[str, Path]:
    """The second form's templates, written once per test module: unit code → file."""
    return _generate(second_form, tmp_path_factory.mktemp("second-templates"))


@pytest.fixture
def inbox(tmp_path) -> Path:
    """A fresh inbox folder (not created: the code under test must cope either way)."""
    return tmp_path / "inbox"


@pytest.fixture
def counts(default_form):
    """Random valid counts for every award row of the default form, the same on every run."""
    from tests.returns import valid_counts

    return valid_counts(default_form, random.Random(2020))
