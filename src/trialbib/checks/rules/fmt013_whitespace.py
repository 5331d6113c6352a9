"""Leading, trailing or doubled spaces (or tabs) inside a one-line field value.

They are invisible in the file, show up in exports, and make values that should match
(two journal names, two titles) differ.

Failing::

    @article{a, journal = { Nat  Med}}

Passing::

    @article{a, journal = {Nat Med}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT013"
NAME = "whitespace"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}
FIELDS = ("*",)


def tidy(value: str) -> str:
    return re.sub(r"[ \t]+", " ", value).strip(" \t")


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for name, value in source.fields.items():
            if "\n" not in value and value.strip() and tidy(value) != value:
                yield problem(f"field {name} has stray spaces: {value!r}", ctx.at_field(item["id"], name))


def fix(token: str) -> str:
    if len(token) >= 2 and token[0] in '{"' and token[-1] in '}"':
        return token[0] + tidy(token[1:-1]) + token[-1]
    return token
