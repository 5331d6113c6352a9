"""trialbib: a review article's references as a checked, living bibliography.

The library is usable without the command line::

    import trialbib
    bib = trialbib.load_bibliography("references.bib")
    trials = trialbib.load_trials("trials.yaml", bib)
    for entry in trialbib.render(bib, style="gb7714"):
        print(entry.text)

The model is CSL-JSON: every reader returns items (plain dicts), every writer takes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from trialbib.api import check, cite, cross_check, export, import_into, load_bibliography, load_trials, render

__all__ = [
    "__version__",
    "check",
    "cite",
    "cross_check",
    "export",
    "import_into",
    "load_bibliography",
    "load_trials",
    "render",
]


def __getattr__(name: str) -> Any:
    """Load the API on first use, so that ``import trialbib`` (and the CLI) start fast."""
    if name in __all__:
        from trialbib import api

        return getattr(api, name)
    raise AttributeError(f"module 'trialbib' has no attribute {name!r}")
