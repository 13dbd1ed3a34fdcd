"""The optional parts of a form definition beyond its table: what else each unit sends with it
(``[[deliverables]]``) and when a change against last period is unusual (``[compare]``).

Read by :func:`toolkit.form.load_form` through :func:`read_extras`; kept here so that the table's
reader stays about the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import texts
from .table import VALUE_KINDS

KINDS = ("document", "video")
_EXTENSION = re.compile(r"\.[a-z0-9]{1,8}")
_KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class Deliverable:
    """Something each unit sends besides the table: a report, a video."""

    key: str
    label: str
    kind: str  # one of KINDS
    extensions: tuple[str, ...]  # lower case, with the dot
    #: A video longer than this many minutes is a warning (None: any length).
    max_minutes: int | None = None


@dataclass(frozen=True)
class Thresholds:
    """When a unit's count against last period is an unusual change, worth a note: at least
    ``ratio`` times larger or smaller and by at least ``difference``; or, with ``from_zero``, a row
    the unit had at zero last period. A rule for small counts, not a z-score, which flags too much
    on data that is mostly zeros."""

    ratio: int = 3
    difference: int = 10
    from_zero: bool = True
    #: The value column judged (None: the table's first).
    column: str | None = None


def read_extras(r, doc: dict) -> dict:
    """The :class:`~toolkit.form.Form` fields of the optional tables of ``doc``; ``r`` is the
    form reader, which checks keys and types and names the key in its messages."""
    return {"deliverables": _deliverables(r, doc.get("deliverables", [])),
            "thresholds": _thresholds(r, doc["compare"], _value_columns(doc)) if "compare" in doc else Thresholds()}


def _value_columns(doc: dict) -> list[str]:
    """The keys of the table's columns that hold numbers, as the definition writes them."""
    columns = doc.get("table", {}).get("columns", {})
    return [key for key, c in columns.items() if isinstance(c, dict) and c.get("kind") in VALUE_KINDS]


def _deliverables(r, raw: list) -> tuple[Deliverable, ...]:
    found: list[Deliverable] = []
    for i, item in enumerate(raw):
        where = f"deliverables[{i}]"
        item = r.table(item, where, {"key": (str, True), "label": (str, True), "kind": (str, True),
                                     "extensions": (list, True), "max_minutes": (int, False)})
        if not _KEY.fullmatch(item["key"]):
            raise r.fail(f"{where}.key", texts.FORM_BAD_KEY.format(key=item["key"]))
        if item["key"] in {d.key for d in found}:
            raise r.fail(f"{where}.key", texts.FORM_DUPLICATE_KEY.format(key=item["key"]))
        if item["kind"] not in KINDS:
            raise r.fail(f"{where}.kind", texts.FORM_DELIVERABLE_KIND.format(kinds=", ".join(KINDS)))
        extensions = tuple(str(e).lower() for e in item["extensions"])
        if not extensions or not all(isinstance(e, str) and _EXTENSION.fullmatch(e.lower())
                                     for e in item["extensions"]):
            raise r.fail(f"{where}.extensions", texts.FORM_DELIVERABLE_EXTENSIONS)
        if item.get("max_minutes", 1) < 1:
            raise r.fail(f"{where}.max_minutes", texts.FORM_POSITIVE)
        found.append(Deliverable(item["key"], item["label"], item["kind"], extensions, item.get("max_minutes")))
    taken = [e for d in found for e in d.extensions]
    if len(taken) != len(set(taken)):  # a file would belong to two deliverables
        raise r.fail("deliverables", texts.FORM_DELIVERABLE_SHARED)
    return tuple(found)


def _thresholds(r, raw: dict, columns: list[str]) -> Thresholds:
    given = r.table(raw, "compare", {"ratio": (int, False), "difference": (int, False),
                                     "from_zero": (bool, False), "column": (str, False)})
    for key in ("ratio", "difference"):
        if key in given and not given[key] >= 1:
            raise r.fail(f"compare.{key}", texts.FORM_POSITIVE)
    if "column" in given and given["column"] not in columns:
        raise r.fail("compare.column", texts.FORM_COMPARE_COLUMN.format(columns=", ".join(columns)))
    return Thresholds(**given)
