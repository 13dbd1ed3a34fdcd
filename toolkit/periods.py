"""Reporting rounds: a new period's form made from the last one, and telling apart another round's files.

The new definition is the old TOML file with its values substituted, not a document written anew:
the project has no TOML writer (``tomllib`` only reads) and a re-written file would lose the
comments that say where the awards and unit codes come from. Whatever the substitution produces is
parsed back, compared with what was meant, and loaded through :func:`load_form` before it is kept.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from . import texts
from .files import atomic_path
from .form import KEY, ChoiceError, Form, FormError, load_form, load_forms

#: The keys a new period sets, by table, written as TOML values.
NEW_ID_ARGUMENT = "MÃ_MỚI"
PERIOD_OPTIONS = {"period.name": "--period", "period.start": "--start", "period.end": "--end",
                  "period.deadline": "--deadline"}
_SET_KEYS = {"form": ("id", "version", "default", "previous_versions"), "period": ("name", "start", "end", "deadline")}
_TABLE_LINE = re.compile(r"\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?")
_ARRAY_TABLE_LINE = re.compile(r"\s*\[\[")
_VALUE_LINE = re.compile(r"(\s*)([A-Za-z0-9_-]+)(\s*=\s*)(\"[^\"\\]*\"|'[^']*'|[0-9TZ:+.-]+|true|false|\[[^\[\]]*\])(\s*(#.*)?)")


@dataclass(frozen=True)
class Change:
    key: str  # dotted, as the loader names keys in its messages
    old: str
    new: str


@dataclass(frozen=True)
class NewForm:
    form: Form
    changes: tuple[Change, ...]


def new_form(old: Form, new_id: str, period: str, start: dt.date, end: dt.date, deadline: dt.date,
             directory: Path) -> NewForm:
    """Write ``directory/<new_id>.toml``: ``old`` for a new period, version "1", never over a file."""
    target = directory / f"{new_id}.toml"
    if not KEY.fullmatch(new_id):  # it names the file and the round's output folder
        raise ChoiceError("form.id", NEW_ID_ARGUMENT, texts.FORM_BAD_ID.format(id=new_id))
    if target.exists():
        raise ChoiceError("form.id", NEW_ID_ARGUMENT, texts.FORM_EXISTS_AT.format(path=target))
    for other in load_forms(directory):
        if other.id == new_id:
            raise ChoiceError("form.id", NEW_ID_ARGUMENT, texts.FORM_ID_TAKEN.format(id=new_id, path=other.path))
    fixed = {"form": {"id": new_id, "version": "1"},
             "period": {"name": period, "start": start, "end": end, "deadline": deadline}}
    if old.default:  # two forms marked default would stop every command
        fixed["form"]["default"] = False
    if old.previous:  # a new form starts its own versions; the old one's are not its
        fixed["form"]["previous_versions"] = []
    text, changes = _for_period(Path(old.path).read_text(encoding="utf-8"), old, fixed)
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
        try:  # validated beside the target, so that a units.file is found where it will be
            load_form(tmp)
        except FormError as exc:
            if exc.key in PERIOD_OPTIONS:  # the dates and the name are the user's arguments, not the file's
                raise ChoiceError(exc.key, PERIOD_OPTIONS[exc.key], exc.problem) from None
            raise FormError(target, exc.key, exc.problem) from None
    return NewForm(load_form(target), changes)


def _for_period(text: str, old: Form, fixed: dict[str, dict[str, object]]) -> tuple[str, tuple[Change, ...]]:
    """The old definition's text with ``fixed`` values set and the old period renamed in every text;
    what changed, the values set first. Raises FormError when the result is not what was meant."""
    doc = tomllib.loads(text)
    renamed: list[Change] = []
    wanted = _walk(doc, "", _period_renamer(old.period.name, fixed["period"]["name"]), renamed)
    changes = []
    for table, values in fixed.items():
        for key, value in values.items():
            if _shown(doc[table].get(key)) != _shown(value):
                changes.append(Change(f"{table}.{key}", _shown(doc[table].get(key)), _shown(value)))
            wanted[table][key] = value
    set_keys = {f"{table}.{key}" for table, values in fixed.items() for key in values}
    changes += [c for c in renamed if c.key not in set_keys]
    new_text = _set_values(_rename_in_text(text, old.period.name, fixed["period"]["name"]), fixed)
    try:
        meant = tomllib.loads(new_text) == wanted
    except tomllib.TOMLDecodeError:
        meant = False
    if not meant:
        raise FormError(old.path, "", texts.FORM_NOT_REWRITABLE.format(
            keys=", ".join(f"{t}.{k}" for t, keys in _SET_KEYS.items() for k in keys)))
    return new_text, tuple(changes)


def _period_renamer(old: str, new: str):
    """Replace the old period's name in a text, whatever its case: as written, in capitals (a
    title), or with words capitalised (a sentence, a label), word by word."""
    pattern = re.compile(re.escape(old), re.IGNORECASE)
    new_words = new.split(" ")

    def cased(match: re.Match) -> str:
        found = match[0]
        if found == old:
            return new
        if found.isupper():
            return new.upper()
        words = found.split(" ")
        if len(words) != len(new_words):
            return new
        return " ".join(n[:1].upper() + n[1:] if w[:1].isupper() else n for w, n in zip(words, new_words))

    return lambda text: pattern.sub(cased, text)


def _walk(value, where: str, rename, changes: list[Change]):
    """A copy of the TOML document with ``rename`` applied to every string, each change noted."""
    if isinstance(value, dict):
        return {k: _walk(v, f"{where}.{k}" if where else k, rename, changes) for k, v in value.items()}
    if isinstance(value, list):
        return [_walk(v, f"{where}[{i}]", rename, changes) for i, v in enumerate(value)]
    if isinstance(value, str) and (renamed := rename(value)) != value:
        changes.append(Change(where, value, renamed))
        return renamed
    return value


def _rename_in_text(text: str, old: str, new: str) -> str:
    """The period renamed everywhere in the file, comments too; inside a string it must be escaped."""
    rename = _period_renamer(old, json.dumps(new, ensure_ascii=False)[1:-1])
    return rename(text)


def _set_values(text: str, fixed: Mapping[str, Mapping[str, object]]) -> str:
    """Each ``key = value`` line of the [form] and [period] tables given its new value."""
    table, out = "", []
    for line in text.splitlines(keepends=True):
        body, end = line.rstrip("\r\n"), line[len(line.rstrip("\r\n")):]
        if m := _TABLE_LINE.fullmatch(body):
            table = m[1]
        elif _ARRAY_TABLE_LINE.match(body):
            table = ""
        elif (m := _VALUE_LINE.fullmatch(body)) and m[2] in fixed.get(table, {}):
            body = m[1] + m[2] + m[3] + _toml(fixed[table][m[2]]) + m[5]
        out.append(body + end)
    return "".join(out)


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _shown(value: object) -> str:
    return "" if value is None else value if isinstance(value, str) else _toml(value)


# --- another round's files in the inbox ---------------------------------------------------------------

def forms_beside(form: Form) -> list[Form]:
    """Every other definition in the folder of ``form``, by file name; one that does not load is
    left out (it names no round)."""
    if form.path is None:
        return []
    own = Path(form.path).resolve()
    found = []
    for path in sorted(own.parent.glob("*.toml")):
        if path == own:  # loaded already, and a unit list of thousands is not free to read twice
            continue
        try:
            found.append(load_form(path))
        except FormError:
            continue
    return found


def rounds_beside(form: Form) -> frozenset[tuple[str, str]]:
    """(form id, period) of every other definition in the folder of ``form``: the rounds whose
    files may turn up in the same inbox."""
    return frozenset({(other.id, other.period.name) for other in forms_beside(form)} - {(form.id, form.period.name)})


def other_round(identity: Mapping[str, Mapping[str, str]], rounds: frozenset[tuple[str, str]]) -> str | None:
    """Why a file is set aside as another round's (its identity, wherever kept, names one of
    ``rounds`` and nothing else), or None when it is for this round to judge."""
    named = {(facts["form_id"], facts.get("period", "")) for facts in identity.values() if "form_id" in facts}
    if len(named) == 1 and (found := next(iter(named))) in rounds:
        return texts.OTHER_ROUND.format(id=found[0], period=found[1])
    return None
