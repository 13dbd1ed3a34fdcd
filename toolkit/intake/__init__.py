"""Before any spreadsheet parser sees a file: the inbox listed, each file judged by its content and limits.

Parsers (calamine, openpyxl) have no bound on decompression or sheet extent, so every size, ratio and
position limit is enforced here by streaming through the file: what a zip declares can get it refused
early, never accepted. That includes the cells a sheet spreads over, counted as readers place them
(addresses left out, repeated rows and cells, a sheet listed twice), since readers hold every cell
from A1 to the furthest one. Nothing here writes to the inbox.

The modules, in the order data flows: ``inbox`` lists the inbox; ``verdict`` judges one file, by
way of ``archive`` (zip packages: each ``member`` checked as it streams, using ``xmlbytes``,
``positions``, ``package``, ``ods`` and ``totals``; then ``classify``), ``ole`` (xls) or
``lookalike`` (anything else); all refuse through ``refusal`` against ``limits``.
"""

from .classify import ODS_MIMETYPE
from .inbox import Scan, scan
from .limits import CHUNK, Limits
from .ole import OLE_MAGIC
from .verdict import Sniffed, sniff

__all__ = ["CHUNK", "ODS_MIMETYPE", "OLE_MAGIC", "Limits", "Scan", "Sniffed", "scan", "sniff"]
