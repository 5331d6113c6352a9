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

import sys
import types
from typing import TYPE_CHECKING, Any

from trialbib._version import __version__

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


class _Package(types.ModuleType):
    """``trialbib.render`` is always the function :func:`trialbib.api.render`.

    The formatting subpackage has the same name, and importing it (``import
    trialbib.render.engine``) makes the import system bind it here; this property keeps the
    function and leaves the subpackage in ``sys.modules``. Reach the subpackage with ``from
    trialbib.render import engine`` or ``from trialbib.render.engine import ...``, not with
    ``import trialbib.render.engine as engine`` (that form reads this attribute). A rename of
    the subpackage (e.g. to ``trialbib.formatting``) would make this class unnecessary.
    """

    @property
    def render(self) -> Any:
        from trialbib.api import render

        return render

    @render.setter
    def render(self, value: Any) -> None:
        if not isinstance(value, types.ModuleType):
            raise AttributeError("trialbib.render is the API function; it cannot be replaced")


sys.modules[__name__].__class__ = _Package
