"""An entry without a citation key cannot be cited.

The BibTeX reader reports this while loading; the code is stable so it can be selected,
ignored or suppressed like any other rule.

Failing::

    @article{
      title = {A title},
    }

Passing::

    @article{smith2019title,
      title = {A title},
    }
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "KEY001"
NAME = "missing-key"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from ctx.reader_problems(CODE)
