"""Before any spreadsheet parser sees a file: the inbox listed, each file judged by its content and limits."""

from .content import CHUNK, ODS_MIMETYPE, OLE_MAGIC, Limits, Scan, Sniffed, scan, sniff

__all__ = ["CHUNK", "ODS_MIMETYPE", "OLE_MAGIC", "Limits", "Scan", "Sniffed", "scan", "sniff"]
