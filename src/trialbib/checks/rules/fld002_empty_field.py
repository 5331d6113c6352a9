"""A field with an empty value, which styles print as a dangling comma or nothing.

Failing::

    @article{a, title = {A title}, volume = {}}

Passing::

    @article{a, title = {A title}, volume = {22}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FLD002"
NAME = "empty-field"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for name, value in source.fields.items():
            if not value.replace("{", "").replace("}", "").strip():
                yield problem(f"field {name} is empty; fill it in or remove it", ctx.at_field(item["id"], name))
