"""A key that does not follow the project's key rule.

The rule (see :mod:`trialbib.keys`): first author's family name, year, first significant
title word, lower case, ASCII-folded, with ``a``, ``b``, ... for clashes. Enable it with
``extend-select = ["KEY005"]`` when a repository adopts the rule.

Failing::

    @article{he2016, author = {He, J.}, title = {Low-dose interleukin-2 treatment}, year = {2016}}

Passing::

    @article{he2016lowdose, author = {He, J.}, title = {Low-dose interleukin-2 treatment}, year = {2016}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "KEY005"
NAME = "key-rule"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    from trialbib.keys import assign_keys

    if ctx.bib is None:
        return
    for item, expected in zip(ctx.bib.items, assign_keys(ctx.bib.items), strict=True):
        if item["id"] != expected:
            yield problem(
                f"key {item['id']!r} does not follow the key rule; expected {expected!r}", ctx.at_entry(item["id"])
            )
