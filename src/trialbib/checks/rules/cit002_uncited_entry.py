"""An entry that no manuscript and no trial record cites.

Runs only when manuscripts are checked (given as paths or in the configuration); numbers
cite the entry at that position, ``\\nocite{*}`` cites everything.

Failing (the manuscript cites only ``[@a]``)::

    @article{a, title = {One}}
    @article{b, title = {Two}}

Passing::

    @article{a, title = {One}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "CIT002"
NAME = "uncited-entry"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    if ctx.bib is None or not ctx.has_manuscripts:
        return
    cited = ctx.cited_keys()
    for key in ctx.bib.keys:
        if key not in cited:
            yield problem(f"entry {key!r} is never cited; cite it or remove it", ctx.at_entry(key))
