"""How a template carries its identity: a very hidden sheet, custom properties and defined names.

The writer puts the same facts in all three places and the reader looks for them in each, so the
names live here, apart from the table's geometry; the facts themselves are ``Form.identity``.
"""

IDENTITY_SHEET = "_thidua"
PROPERTY_PREFIX = "thidua."
NAME_PREFIX = "TD_"
#: The key written beside the grand-total row in the hidden key column.
TOTAL_KEY = "_total"
