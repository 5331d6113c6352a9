"""A field written twice in one entry; BibTeX keeps one silently, so say which.

The BibTeX reader reports this while loading; the code is stable so it can be selected,
ignored or suppressed like any other rule.

Failing::

    @article{a,
      year = {2019},
      year = {2020},
    }

Passing::

    @article{a,
      year = {2019},
    }
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "SYN002"
NAME = "duplicate-field"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from ctx.reader_problems(CODE)
