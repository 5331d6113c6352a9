"""``others`` used wrongly: not at the end of the list, more than once, alone, or spelt
``Others``/``others.`` (which BibTeX reads as a person).

Failing::

    @article{a, author = {He, J. and others and Zhang, R.}}
    @article{b, author = {He, J. and Others}}
    @article{c, author = {others}}

Passing::

    @article{a, author = {He, J. and Zhang, R. and others}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.checks.util import split_names
from trialbib.model import Problem, Severity

CODE = "NAM003"
NAME = "others-misuse"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}
NAME_FIELDS = ("author", "editor", "translator", "bookauthor")


def others_problem(value: str) -> str | None:
    names = [n for n in split_names(value) if n]
    marks = [i for i, n in enumerate(names) if n.lower().rstrip(".") == "others"]
    if not marks:
        return None
    if any(names[i] != "others" for i in marks):
        return "writes 'others' with a capital or a dot; BibTeX only knows 'and others'"
    if len(marks) > 1:
        return "has 'others' more than once"
    if marks[0] != len(names) - 1:
        return "has 'others' before the last name; put 'and others' at the end"
    if len(names) == 1:
        return "is only 'others'; give at least the first author"
    return None


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for name in NAME_FIELDS:
            if reason := others_problem(source.fields.get(name, "")):
                yield problem(f"{name} {reason}", ctx.at_field(item["id"], name))
