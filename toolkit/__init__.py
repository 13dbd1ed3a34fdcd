"""thidua-toolkit: templates, checks and summaries for the award tables of an emulation cluster.

The steps, as functions (imported on first use so that the command line starts quickly)::

    from toolkit import find_form, generate, check, consolidate, tidy_frame
"""

from importlib import import_module

_EXPORTS = {
    "find_form": "form", "pick_form": "form", "load_form": "form", "Form": "form", "FormError": "form",
    "new_form": "periods",
    "generate": "write.template", "write_template": "write.template",
    "check": "checks", "Report": "checks.report", "Limits": "intake",
    "consolidate": "write.summary", "tidy_frame": "inclusion",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
