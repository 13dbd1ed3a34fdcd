"""How a template carries its identity: a very hidden sheet, custom properties and defined names.

The writer puts the same facts in all three places and the reader looks for them in each, so the
names live here, apart from the table's geometry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .form import Form, Unit

IDENTITY_SHEET = "_thidua"
PROPERTY_PREFIX = "thidua."
NAME_PREFIX = "TD_"
#: The key written beside the grand-total row in the hidden key column.
TOTAL_KEY = "_total"


def identity(form: Form, unit: Unit) -> dict[str, str]:
    """What a template says about itself, in every place that carries identity."""
    return {
        "form_id": form.id,
        "form_version": form.version,
        "unit_code": unit.code,
        "period": form.period.name,
        "fingerprint": form.fingerprint,
    }
