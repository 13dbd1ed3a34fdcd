"""Every returned file read, identified and checked: reader, table locator, checks, run, report."""

from .run import check

__all__ = ["check"]
