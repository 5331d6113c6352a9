"""Two keys that differ only in letter case.

BibTeX treats keys case-insensitively and refuses the second entry; pandoc and biber treat
them as different. Either way one citation ends up pointing at the wrong entry.

Failing::

    @article{Smith2019, title = {One}}
    @article{smith2019, title = {Two}}

Passing::

    @article{smith2019, title = {One}}
    @article{smith2019a, title = {Two}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "KEY003"
NAME = "duplicate-key-case"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    if ctx.bib is None:
        return
    first: dict[str, str] = {}
    for key in ctx.bib.keys:
        folded = key.casefold()
        if folded in first and first[folded] != key:
            yield problem(
                f"key {key!r} differs from {first[folded]!r} only in case; BibTeX treats them as one key",
                ctx.at_entry(key),
            )
        first.setdefault(folded, key)
