"""Every returned file read, identified and checked: reader, table locator, identity, file steps and
cell checks, run (in worker processes), report."""

from .run import check

__all__ = ["check"]
