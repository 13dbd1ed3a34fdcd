"""Every returned file read, identified and checked: ``reader`` (with ``odsparts`` and ``errors``, from
the content intake judged), ``locate`` (the table), ``identify`` (whose file), ``steps`` (FILE_STEPS) and
``cells`` (CELL_CHECKS), ``versions`` (returns on an earlier version), ``revisions`` (a correction against
the file it replaces), ``run`` (worker processes, the time bound) and ``report``."""

from .run import check

__all__ = ["check"]
