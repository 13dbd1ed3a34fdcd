"""A return made on last version's template: read by its rows, with a warning, not rejected.

Version 2 of the default form renames one row, changes another's key, drops one and adds one; its
definition names version 1's file under ``previous_versions``. A unit that still fills version 1
is read by version 1's rows and carried over to version 2's: by key, or by label where the key
changed. The row version 1 did not have is not filled; the feedback workbook is on version 2.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import openpyxl
import pytest

from tests.returns import fill_values, run, unit_of, valid_counts
from toolkit.feedback import write_feedback
from toolkit.form import FormError, load_form
from toolkit.write.template import write_template

TESTS = Path(__file__).resolve().parent
DEFAULT = TESTS.parent / "workbook_templates" / "khen-thuong-6t-2020.toml"
HCLD = "huan-chuong-lao-dong"                 # renamed in version 2
BANG_KHEN = "bang-khen-ubnd-tinh"             # same label, key changed in version 2
HUY_CHUONG_KC = "huy-chuong-khang-chien"      # dropped in version 2
HUY_HIEU = "huy-hieu-thi-dua"                 # new in version 2


def version_2(text: str) -> str:
    text = text.replace('version = "1"', 'version = "2"\nprevious_versions = ["phien-ban/v1.toml"]', 1)
    text = text.replace('label = "Huân chương Lao động các hạng"', 'label = "Huân chương Lao động (các hạng)"')
    text = text.replace(f'key = "{BANG_KHEN}"', 'key = "bang-khen-chu-tich-ubnd-tinh"')
    text = text.replace('  { key = "huy-chuong-khang-chien", label = "Huy chương kháng chiến các hạng", '
                        'collective = false },\n', '')
    return text.replace('  { key = "bang-khen-chu-tich-ubnd-tinh"',
                        f'  {{ key = "{HUY_HIEU}", label = "Huy hiệu thi đua" }},\n  {{ key = "bang-khen-chu-tich-ubnd-tinh"')


@pytest.fixture
def forms(tmp_path):
    folder = tmp_path / "workbook_templates"
    (folder / "phien-ban").mkdir(parents=True)
    shutil.copyfile(DEFAULT, folder / "phien-ban" / "v1.toml")
    (folder / "khen-thuong-6t-2020.toml").write_text(version_2(DEFAULT.read_text(encoding="utf-8")), encoding="utf-8")
    current = load_form(folder / "khen-thuong-6t-2020.toml")
    return current, current.previous[0]


@pytest.fixture
def old_return(forms, inbox, tmp_path):
    current, v1 = forms
    counts = valid_counts(v1, random.Random(21))
    template = write_template(v1, v1.units_by_code["77"], tmp_path / "77-v1.xlsx")
    fill_values(template, inbox / "77.xlsx", counts, form=v1)
    return counts


def test_the_definition_reads_its_previous_versions(forms):
    current, v1 = forms
    assert (current.version, v1.version, v1.id) == ("2", "1", current.id)
    assert HUY_HIEU in {r.key for r in current.rows} and HUY_CHUONG_KC in {r.key for r in v1.rows}


def test_a_return_on_the_previous_version_is_read_by_its_rows_with_one_warning(forms, old_return, inbox):
    current, _v1 = forms
    unit = unit_of(run(current, inbox), "77")

    assert unit.status == "warning" and unit.file.status == "accepted"
    assert [i.code for i in unit.issues] == ["old-template-version"]
    message = unit.issues[0].message
    assert "phiên bản 1, phiên bản hiện hành là 2" in message and "«Huy hiệu thi đua»" in message
    values = unit.file.values
    assert values[HCLD] == {role: old_return[(HCLD, role)] for role in ("total", "collective", "individual")}
    assert values["bang-khen-chu-tich-ubnd-tinh"]["total"] == old_return[(BANG_KHEN, "total")]
    assert values[HUY_HIEU] == dict.fromkeys(("total", "collective", "individual"))
    assert HUY_CHUONG_KC not in values
    assert set(values) == {r.key for r in current.rows}


def test_a_version_the_definition_does_not_list_is_another_form(forms, inbox, tmp_path):
    current, v1 = forms
    import dataclasses

    v0 = dataclasses.replace(v1, version="0")
    write_template(v0, v0.units_by_code["77"], inbox / "77-v0.xlsx")

    assert [i.code for i in run(current, inbox).files[0].issues] == ["unknown-form"]


def test_the_feedback_for_an_old_version_return_is_on_the_current_version(forms, old_return, inbox, tmp_path):
    current, _v1 = forms
    written = write_feedback(run(current, inbox), tmp_path / "phan-hoi")

    letter = next(x for x in written.letters if x.code == "77")
    wb = openpyxl.load_workbook(letter.workbook)
    facts = dict(wb["_thidua"].iter_rows(values_only=True))
    assert facts["form_version"] == "2"
    labels = [row[1] for row in wb[current.sheet].iter_rows(values_only=True)]
    assert "Huy hiệu thi đua" in labels and "Huy chương kháng chiến các hạng" not in labels
    assert "phiên bản 1" in letter.message.read_text(encoding="utf-8")


@pytest.mark.parametrize(("entry", "problem"), [
    ('["phien-ban/khac.toml"]', "khen-thuong-khac"),     # another form
    ('["phien-ban/v1.toml", "phien-ban/v1.toml"]', "v1.toml"),  # the same version twice
    ('[1]', "tên một tệp"),
])
def test_a_previous_version_must_be_an_earlier_version_of_the_same_form(tmp_path, entry, problem):
    folder = tmp_path / "forms"
    (folder / "phien-ban").mkdir(parents=True)
    text = DEFAULT.read_text(encoding="utf-8")
    shutil.copyfile(DEFAULT, folder / "phien-ban" / "v1.toml")
    (folder / "phien-ban" / "khac.toml").write_text(
        text.replace('id = "khen-thuong-6t-2020"', 'id = "khen-thuong-khac"'), encoding="utf-8")
    (folder / "f.toml").write_text(text.replace('version = "1"', f'version = "2"\nprevious_versions = {entry}', 1),
                                   encoding="utf-8")

    with pytest.raises(FormError, match=problem):
        load_form(folder / "f.toml")


def test_a_new_period_made_from_a_versioned_form_starts_without_previous_versions(forms):
    import datetime as dt

    from toolkit.periods import new_form

    current, _v1 = forms
    made = new_form(current, "khen-thuong-6t-2021", "06 tháng đầu năm 2021", dt.date(2021, 1, 1),
                    dt.date(2021, 6, 15), dt.date(2021, 7, 10), current.path.parent)

    assert (made.form.version, made.form.previous) == ("1", ())
    assert ("form.previous_versions", '["phien-ban/v1.toml"]', "[]") in [(c.key, c.old, c.new) for c in made.changes]
