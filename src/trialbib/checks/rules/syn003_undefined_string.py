"""A bare word that is not a defined @string (month macros jan-dec are defined).

The BibTeX reader reports this while loading; the code is stable so it can be selected,
ignored or suppressed like any other rule.

Failing::

    @article{a,
      journal = nejm,
    }

Passing::

    @string{nejm = {N Engl J Med}}
    @article{a,
      journal = nejm,
    }
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "SYN003"
NAME = "undefined-string"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from ctx.reader_problems(CODE)
