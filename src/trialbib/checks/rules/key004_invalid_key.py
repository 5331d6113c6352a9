"""A key with characters that break a citation somewhere.

Spaces, commas, braces, quotes, ``#``, ``%``, ``~``, ``\\`` and ``=`` end or corrupt the key in
LaTeX, biber or pandoc. Letters of any script, digits and ``_-:./+`` are fine, so Chinese
keys such as ``张2019研究`` pass.

Failing::

    @article{smith 2019, title = {A title}}
    @article{smith%2019, title = {A title}}

Passing::

    @article{smith2019, title = {A title}}
    @article{smith:2019-a, title = {A title}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "KEY004"
NAME = "invalid-key"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

_BAD = re.compile(r"[\s,{}()\"'#%~\\=]")


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    if ctx.bib is None:
        return
    for key in ctx.bib.keys:
        bad = sorted(set(_BAD.findall(key)))
        if bad or not key.isprintable():
            shown = " ".join(repr(c) for c in bad) or "a control character"
            yield problem(f"key {key!r} contains {shown}; use letters, digits and _-:./+", ctx.at_entry(key))
