"""An ISSN with the wrong form or check digit (ISO 3297: ``NNNN-NNNC``, C mod 11, ``X`` = 10).

Several ISSNs may be separated by commas, semicolons or spaces.

Failing::

    @article{a, issn = {1078-8957}}

Passing::

    @article{a, issn = {1078-8956}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT005"
NAME = "invalid-issn"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}
_ISSN = re.compile(r"^(\d{4})-?(\d{3})([\dXx])$")


def valid_issn(text: str) -> bool:
    match = _ISSN.match(text)
    if not match:
        return False
    digits = match.group(1) + match.group(2)
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return match.group(3).upper() == ("X" if check == 10 else str(check))


_LOOSE = re.compile(r"^\d{4}-?\d{3}[\dXx]$")


def issns(value: str) -> list[str]:
    """The ISSNs of a field: separated by commas, semicolons or spaces, ``(print)`` notes dropped."""
    out: list[str] = []
    for chunk in re.split(r"[,;]", re.sub(r"\([^()]*\)", " ", value)):
        parts = chunk.split()
        out.extend(parts if len(parts) > 1 and all(_LOOSE.match(p) for p in parts) else [" ".join(parts)])
    return [p for p in out if p]


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for value in issns(source.fields.get("issn", "")):
            if not valid_issn(value):
                yield problem(f"ISSN {value!r} has a wrong form or check digit", ctx.at_field(item["id"], "issn"))
