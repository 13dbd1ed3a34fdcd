"""The error catalogue: every finding the checks can report, with a stable code and a severity.

Codes never change meaning once released; the Vietnamese words for each live in ``texts.ISSUES``.
``docs/error-codes.md`` is generated from here (``python -m toolkit.catalogue``).
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from . import texts

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_ORDER = {INFO: 1, WARNING: 2, ERROR: 3}

SEVERITY = {
    "unreadable-file": ERROR,
    "encrypted-file": ERROR,
    "unsafe-file": ERROR,
    "read-timeout": ERROR,
    "extension-mismatch": INFO,
    "unknown-form": ERROR,
    "unknown-unit": ERROR,
    "unit-mismatch": ERROR,
    "identity-recovered": WARNING,
    "identity-source-differs": INFO,
    "identity-sheet-shown": INFO,
    "old-template-version": WARNING,
    "layout-changed": ERROR,
    "table-not-found": ERROR,
    "superseded": INFO,
    "macro-present": WARNING,
    "external-links": WARNING,
    "not-a-number": ERROR,
    "not-integer": ERROR,
    "negative-value": ERROR,
    "count-too-large": ERROR,
    "formula-error": ERROR,
    "text-number": WARNING,
    "dash-as-zero": INFO,
    "not-applicable-filled": ERROR,
    "total-mismatch": ERROR,
    "computed-mismatch": WARNING,
    "rows-total-mismatch": ERROR,
    "too-many-decimals": WARNING,
    "subtotal-mismatch": WARNING,
    "formula-altered": WARNING,
    "empty-form": WARNING,
    "still-open": WARNING,
}
#: Codes that reject the whole file: nothing in it can be used.
REJECTING = frozenset({"unreadable-file", "encrypted-file", "unsafe-file", "read-timeout",
                       "unknown-form", "unknown-unit", "table-not-found"})


@dataclass(frozen=True)
class Issue:
    """One finding, with where it is in terms a person recognises."""

    code: str
    severity: str
    message: str
    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    row: str | None = None
    column: str | None = None

    def to_dict(self) -> dict:
        return asdict(self)


def issue(code: str, *, file: str | None = None, sheet: str | None = None, cell: str | None = None,
          row: str | None = None, column: str | None = None, **params: object) -> Issue:
    """Build the finding ``code`` with its Vietnamese message filled from the location and ``params``."""
    template = texts.ISSUES[code][2]
    message = template.format(file=file, cell=cell, row=row, column=column, **params)
    return Issue(code, SEVERITY[code], message, file, sheet, cell, row, column)


def worst(issues, default: str | None = None) -> str | None:
    return max((i.severity for i in issues), key=SEVERITY_ORDER.__getitem__, default=default)


def markdown() -> str:
    """The reference page of every code, generated so that it cannot drift from the catalogue."""
    lines = [*texts.ERROR_DOC_HEADER, "|---|---|---|---|---|---|"]
    for code, severity in SEVERITY.items():
        title, meaning, template, example = texts.ISSUES[code]
        sample = template.format(**{"file": texts.ERROR_DOC_FILE, "cell": None, "row": None, "column": None,
                                    **example})
        rejects = texts.YES if code in REJECTING else texts.NO
        lines.append(f"| `{code}` | {texts.SEVERITY_LABELS[severity]} | {rejects} | {title} | {meaning} | {sample} |")
    lines.append("")
    return "\n".join(lines)


DOC_PATH = Path(__file__).resolve().parent.parent / "docs" / "error-codes.md"

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DOC_PATH
    target.write_text(markdown(), encoding="utf-8")
    print(target)
