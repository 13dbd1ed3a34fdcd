"""The table a form asks for: its columns (each of a kind), its sections and rows, and its rules.

All of it comes from the ``[table]`` part of a definition; the template writer, the checks and the
summary only ask this model what a column holds and what applies where, never what it is called.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from . import texts
from .rules import GroupRule, RowRule, read_rule

#: What a column can hold. ``stt``: the row numbers; ``label``: the row labels (exactly one);
#: ``unit``: each row's unit of measure; ``text``: free text such as Ghi chú; the value kinds:
#: ``count`` (whole numbers), ``decimal`` and ``percent`` (up to ``places`` decimals).
KINDS = ("stt", "label", "unit", "count", "decimal", "percent", "text")
VALUE_KINDS = ("count", "decimal", "percent")
#: How the summary combines a row across units.
AGGREGATES = ("sum", "none")
DEFAULT_PLACES = 2
MAX_PLACES = 6
COLUMN_KEY = re.compile(r"[a-z][a-z0-9_]*")
#: Keys the summary's data sheet has for itself.
RESERVED = ("unit_code", "unit_name", "row_key", "measure", "source_file", "source_cells", "included")
#: Keys the data sheet gives a column of its own kind: the row labels and the (first) note.
SHARED_KEYS = {"label": "label", "note": "text"}
#: Section and row keys: written into templates and data sheets.
KEY = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str
    #: Decimals a value may have (0 for counts).
    places: int = 0
    #: False: the template computes it by the rule that has it on the left.
    input: bool = True
    negative: bool = False

    @property
    def is_value(self) -> bool:
        return self.kind in VALUE_KINDS


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    section: str
    #: The value columns that do not apply to this row (written ``<column> = false``).
    skip: frozenset[str] = frozenset()
    unit: str = ""
    aggregate: str = "sum"
    #: The value column the summary ranks units by on this row; None: not ranked.
    rank_by: str | None = None
    negative: bool = False
    #: Decimals allowed on this row, overriding the column's (e.g. 0 for a number of projects).
    places: int | None = None
    #: What the STT column shows; None: the row's place in its section.
    number: str | None = None

    def applies(self, key: str) -> bool:
        """Whether a value column applies to this row."""
        return key not in self.skip


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    label: str
    rows: tuple[Row, ...]
    #: Whether the section's line carries the sums of its rows.
    subtotal: bool = True
    #: A section that is itself one row of values (given without ``rows``).
    inline: bool = False


@dataclass(frozen=True)
class Table:
    columns: tuple[Column, ...]
    sections: tuple[Section, ...]
    grand_total: str | None
    rules: tuple[RowRule | GroupRule, ...] = field(default=())
    side_by_side: tuple[str, ...] = ()

    @cached_property
    def labels(self) -> dict[str, str]:
        return {c.key: c.label for c in self.columns}


def read_table(r, table: dict) -> Table:
    """The ``[table]`` part of a definition, checked; ``r`` is the definition reader."""
    columns = _read_columns(r, table["columns"])
    values = {c.key: c for c in columns if c.is_value}
    sections = _read_sections(r, table["sections"], values)
    grand_total = table.get("grand_total")
    if grand_total is not None:
        for i, s in enumerate(sections):
            if not s.subtotal or s.inline:
                raise r.fail(f"table.sections[{i}]", texts.FORM_TOTAL_NEEDS_SUBTOTALS)
    rows = {row.key: row for s in sections for row in s.rows}
    rules = tuple(read_rule(r, f"table.rules[{i}]", raw, values, rows)
                  for i, raw in enumerate(table.get("rules", [])))
    targets = {rule.target: rule for rule in rules if isinstance(rule, RowRule)}
    for c in values.values():
        if not c.input and c.key not in targets:
            raise r.fail(f"table.columns.{c.key}.input", texts.FORM_COMPUTED_WITHOUT_RULE)
    for i, rule in enumerate(rules):
        if isinstance(rule, GroupRule):
            for j, key in enumerate(rule.rows):
                if not rows[key].applies(rule.column):
                    raise r.fail(f"table.rules[{i}].rows[{j}]", texts.FORM_GROUP_ROW_SKIPS.format(
                        row=key, column=rule.column))
        elif not values[rule.target].input:
            for row in rows.values():
                if row.applies(rule.target) and not rule.applies(row):
                    missing = ", ".join(k for k in rule.operands if not row.applies(k))
                    raise r.fail(f"table.rules[{i}]", texts.FORM_COMPUTED_ROW_SKIPS.format(
                        row=row.key, column=rule.target, missing=missing))
    side_by_side = table.get("side_by_side", [])
    for i, key in enumerate(side_by_side):
        if key not in values:
            raise r.fail(f"table.side_by_side[{i}]", texts.FORM_RULE_UNKNOWN_COLUMN.format(
                key=key, keys=", ".join(values)))
    return Table(columns, sections, grand_total, rules, tuple(side_by_side))


#: The keys of ``[table]``, of a column, of a row and of a section: (type, required).
TABLE_SCHEMA = {"columns": (dict, True), "sections": (list, True), "rules": (list, False),
                "grand_total": (str, False), "side_by_side": (list, False), "max_count": (int, False)}
COLUMN_SCHEMA = {"label": (str, True), "kind": (str, True), "places": (int, False), "input": (bool, False),
                 "negative": (bool, False)}


def _read_columns(r, raw: dict) -> tuple[Column, ...]:
    columns = []
    for key, spec in raw.items():
        where = f"table.columns.{key}"
        if not COLUMN_KEY.fullmatch(key):  # keys are the names rules are written with
            raise r.fail(where, texts.FORM_BAD_COLUMN_KEY.format(key=key))
        if key in RESERVED:
            raise r.fail(where, texts.FORM_RESERVED_COLUMN_KEY.format(key=key, keys=", ".join(RESERVED)))
        spec = r.table(spec, where, COLUMN_SCHEMA)
        kind = spec["kind"]
        if kind not in KINDS:
            raise r.fail(f"{where}.kind", texts.FORM_BAD_KIND.format(kind=kind, kinds=", ".join(KINDS)))
        if SHARED_KEYS.get(key, kind) != kind:  # the summary's data sheet names these columns so
            raise r.fail(where, texts.FORM_SHARED_COLUMN_KEY.format(key=key, kind=SHARED_KEYS[key]))
        value = kind in VALUE_KINDS
        for option in ("places", "input", "negative"):
            if option in spec and not value:
                raise r.fail(f"{where}.{option}", texts.FORM_VALUE_OPTION.format(kinds=", ".join(VALUE_KINDS)))
        places = spec.get("places", 0 if kind == "count" else DEFAULT_PLACES)
        if not 0 <= places <= MAX_PLACES or (kind == "count" and places):
            raise r.fail(f"{where}.places", texts.FORM_BAD_PLACES.format(limit=MAX_PLACES))
        columns.append(Column(key, spec["label"], kind, places, spec.get("input", True), spec.get("negative", False)))
    kinds = [c.kind for c in columns]
    if kinds.count("label") != 1:
        raise r.fail("table.columns", texts.FORM_ONE_LABEL_COLUMN)
    for kind in ("stt", "unit"):
        if kinds.count(kind) > 1:
            raise r.fail("table.columns", texts.FORM_AT_MOST_ONE_COLUMN.format(kind=kind))
    if not any(c.is_value for c in columns):
        raise r.fail("table.columns", texts.FORM_NO_VALUE_COLUMN.format(kinds=", ".join(VALUE_KINDS)))
    return tuple(columns)


# What a row says about itself, and what a section may say for all of its rows.
_ROW_OPTIONS = {"unit": (str, False), "aggregate": (str, False), "rank_by": (str, False),
                "negative": (bool, False), "places": (int, False)}
ROW_SCHEMA = {"key": (str, True), "label": (str, True), "number": (str, False), **_ROW_OPTIONS}
SECTION_SCHEMA = {"key": (str, True), "number": (str, True), "label": (str, True), "rows": (list, False),
                  "subtotal": (bool, False), **_ROW_OPTIONS}


def _row_options(r, raw: dict, where: str, values: dict[str, Column], inherited: dict) -> dict:
    """A row's options over its section's: unit, aggregation, ranking, and the columns that skip."""
    options = dict(inherited)
    skip = set(options.pop("skip", ()))
    for key in values:
        if key in raw:
            (skip.add if raw[key] is False else skip.discard)(key)
    for key in _ROW_OPTIONS:
        if key in raw:
            options[key] = raw[key]
    if options.get("aggregate", "sum") not in AGGREGATES:
        raise r.fail(f"{where}.aggregate", texts.FORM_BAD_AGGREGATE.format(allowed=", ".join(AGGREGATES)))
    if "rank_by" in raw and (raw["rank_by"] not in values or raw["rank_by"] in skip):
        raise r.fail(f"{where}.rank_by", texts.FORM_BAD_RANK_BY.format(key=raw["rank_by"]))
    if not 0 <= options.get("places", 0) <= MAX_PLACES:
        raise r.fail(f"{where}.places", texts.FORM_BAD_PLACES.format(limit=MAX_PLACES))
    if skip >= set(values):
        raise r.fail(where, texts.FORM_ROW_WITHOUT_VALUES)
    return {**options, "skip": frozenset(skip)}


def _read_sections(r, raw: list, values: dict[str, Column]) -> tuple[Section, ...]:
    if not raw:
        raise r.fail("table.sections", texts.FORM_EMPTY_LIST)
    flags = {key: (bool, False) for key in values}
    keys: set[str] = set()
    sections = []
    for i, s in enumerate(raw):
        where = f"table.sections[{i}]"
        s = r.table(s, where, {**SECTION_SCHEMA, **flags})
        inherited = _row_options(r, s, where, values, {})
        inline = "rows" not in s
        if inline:
            rows = [Row(key=s["key"], label=s["label"], section=s["key"], number=s["number"], **inherited)]
        elif not s["rows"]:
            raise r.fail(f"{where}.rows", texts.FORM_EMPTY_LIST)
        else:
            rows = []
            for j, row in enumerate(s["rows"]):
                at = f"{where}.rows[{j}]"
                row = r.table(row, at, {**ROW_SCHEMA, **flags})
                rows.append(Row(key=row["key"], label=row["label"], section=s["key"], number=row.get("number"),
                                **_row_options(r, row, at, values, inherited)))
        named = [(s["key"], f"{where}.key")] + ([] if inline else [
            (row.key, f"{where}.rows[{j}].key") for j, row in enumerate(rows)])
        for key, at in named:
            if not KEY.fullmatch(key):  # keys are written into templates and data sheets
                raise r.fail(at, texts.FORM_BAD_KEY.format(key=key))
            if key in keys:
                raise r.fail(at, texts.FORM_DUPLICATE_KEY.format(key=key))
            keys.add(key)
        sections.append(Section(key=s["key"], number=s["number"], label=s["label"], rows=tuple(rows),
                                subtotal=s.get("subtotal", True) and not inline, inline=inline))
    return tuple(sections)


# --- the reference page ----------------------------------------------------------------------------

def markdown() -> str:
    """docs/form-table.md: every kind, key and rule of the table's language, from the schemas above."""
    from .rules import GROUP_RULE_SCHEMA, ROW_RULE_SCHEMA

    def keys(schema: dict, docs: dict, extra: tuple[str, ...] = ()) -> list[str]:
        rows = [f"| `{key}` | {texts.YES if required else texts.NO} | {docs[key]} |"
                for key, (_kind, required) in schema.items()]
        return rows + [f"| `{key}` | {texts.NO} | {docs[key]} |" for key in extra]

    heads = texts.TABLE_DOC_SECTIONS
    parts = {
        "kinds": [f"| `{kind}` | {texts.KIND_DOCS[kind]} |" for kind in KINDS],
        "table": keys(TABLE_SCHEMA, texts.TABLE_KEY_DOCS),
        "columns": keys(COLUMN_SCHEMA, texts.COLUMN_KEY_DOCS),
        "sections": keys({k: v for k, v in SECTION_SCHEMA.items() if k not in _ROW_OPTIONS}, texts.SECTION_KEY_DOCS,
                         ("…",)),
        "rows": keys(ROW_SCHEMA, texts.ROW_KEY_DOCS, (texts.ROW_FLAG_DOC_KEY,)),
        "aggregates": [f"| `{name}` | {texts.AGGREGATE_DOCS[name]} |" for name in AGGREGATES],
        "rules": keys({**ROW_RULE_SCHEMA, **GROUP_RULE_SCHEMA}, texts.RULE_KEY_DOCS),
    }
    lines = list(texts.TABLE_DOC_HEADER)
    for name, rows in parts.items():
        lines += [*heads[name], *rows, ""]
    return "\n".join(lines + list(texts.TABLE_DOC_FOOTER))


DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "form-table.md"

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC_PATH
    target.write_text(markdown(), encoding="utf-8")
    print(target)
