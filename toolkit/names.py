"""Folding Vietnamese text for comparison and for ASCII file names; the names of output files."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from . import texts

#: Where outputs go unless told otherwise; each form has a folder of its own in it, so that one
#: round's templates and summary never overwrite another's.
OUTBOX = Path("outbox")

# Spelling variants accepted as equal when labels are compared (the statutes write "sĩ", many provinces "sỹ").
_VARIANTS = (("sy ", "si "),)


def strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def _fold(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", " ", strip_marks(str(text)).lower()).strip() + " "
    for variant, canonical in _VARIANTS:
        words = words.replace(variant, canonical)
    return words.strip()


def fold(text: object) -> str:
    """A label reduced to lower-case ASCII words: diacritics, case, punctuation and spacing ignored."""
    return _fold(text if isinstance(text, str) else str(text))


def slug(text: str) -> str:
    """``"Bà Rịa - Vũng Tàu"`` → ``"ba-ria-vung-tau"``."""
    return fold(text).replace(" ", "-") or "don-vi"


def unit_stem(code: str, name: str) -> str:
    """What names a unit's own file or sheet: ``"77-ba-ria-vung-tau"``."""
    return f"{code}-{slug(name)}"


def summary_name(form_id: str) -> str:
    """The summary workbook's file name for a form."""
    return f"tong-hop-{form_id}.xlsx"


def templates_dir(form_id: str, outbox: Path = OUTBOX) -> Path:
    """Where a form's templates are written: ``outbox/<form-id>/bieu-mau``."""
    return outbox / form_id / "bieu-mau"


def summary_path(form_id: str, outbox: Path = OUTBOX) -> Path:
    """Where a form's summary is written: ``outbox/<form-id>/tong-hop-<form-id>.xlsx``."""
    return outbox / form_id / summary_name(form_id)


def report_path(form_id: str, outbox: Path = OUTBOX) -> Path:
    """Where a form's draft conference report is written: ``outbox/<form-id>/du-thao-bao-cao-so-ket.docx``."""
    return outbox / form_id / "du-thao-bao-cao-so-ket.docx"


def feedback_dir(form_id: str, outbox: Path = OUTBOX) -> Path:
    """Where the feedback to the units of a form is written: ``outbox/<form-id>/phan-hoi``."""
    return outbox / form_id / "phan-hoi"


def beside_name(target: Path, stamp: str) -> str:
    """The name of a new output kept beside ``target`` when ``target`` could not be replaced."""
    return texts.SUMMARY_BESIDE_NAME.format(stem=target.stem, stamp=stamp, suffix=target.suffix)
