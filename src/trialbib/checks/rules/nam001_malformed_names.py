"""A name list that BibTeX will split wrongly: an empty name (``and and``, a leading or
trailing ``and``), a trailing comma, or names separated by commas instead of ``and``.

Particles (``von``, ``de``, ``Le``), non-ASCII letters and Chinese names, in braces or
not, are all fine: only the list's separators are judged.

Failing::

    @article{a, author = {Shao, Q. and Gao, H.,}}
    @article{b, author = {Shao, Q., Gao, H., Li, X.}}
    @article{c, author = {Shao, Q. and and Gao, H.}}

Passing::

    @article{a, author = {Shao, Q. and Gao, H.}}
    @article{b, author = {van der Berg, Anna and Le Duff, F. and 张, 三 and {World Health Organization}}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.checks.util import COMMA, split_names, split_top
from trialbib.model import Problem, Severity

CODE = "NAM001"
NAME = "malformed-names"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}
NAME_FIELDS = ("author", "editor", "translator", "bookauthor")


def name_problem(value: str) -> str | None:
    """Why a name list is malformed, or None."""
    if not value.strip():
        return None
    names = split_names(value)
    if any(not name for name in names):
        return "has an empty name (a doubled, leading or trailing 'and')"
    for name in names:
        if name.endswith(","):
            return f"has a trailing comma after {name.rstrip(',')!r}"
        if len(split_top(name, COMMA)) > 3:
            return f"separates names with commas ({name!r}); separate names with 'and'"
    return None


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for name in NAME_FIELDS:
            value = source.fields.get(name, "")
            if reason := name_problem(value):
                yield problem(f"{name} {reason}", ctx.at_field(item["id"], name))
