"""Formatting the model with CSL styles (citeproc-py): styles, the engine, output formats.

Importing this subpackage makes ``trialbib.render`` name it rather than the API function
:func:`trialbib.api.render`; the module is therefore callable and does what the function does,
so ``trialbib.render(bib, style=...)`` works whatever was imported before.
"""

from __future__ import annotations

import sys
import types
from typing import Any


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from trialbib.api import render

        return render(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
