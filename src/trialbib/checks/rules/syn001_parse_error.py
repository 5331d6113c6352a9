"""An entry the parser cannot read: unbalanced braces or broken syntax.

The BibTeX reader reports this while loading; the code is stable so it can be selected,
ignored or suppressed like any other rule.

Failing::

    @article{a,
      title = {Unclosed {brace},
      year  = {2019},
    }

Passing::

    @article{a,
      title = {Closed {brace}},
      year  = {2019},
    }
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "SYN001"
NAME = "parse-error"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from ctx.reader_problems(CODE)
