"""Two entries with the same key: every citation of it is ambiguous.

The BibTeX reader reports this while loading; the code is stable so it can be selected,
ignored or suppressed like any other rule.

Failing::

    @article{a, title = {One}}
    @article{a, title = {Two}}

Passing::

    @article{a, title = {One}}
    @article{b, title = {Two}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context
from trialbib.model import Problem, Severity

CODE = "KEY002"
NAME = "duplicate-key"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    yield from ctx.reader_problems(CODE)
