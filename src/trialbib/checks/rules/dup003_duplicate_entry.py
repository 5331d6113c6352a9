"""Two entries for the same work: same title, year and first author once normalised.

Titles are compared without case, accents, punctuation, braces or spaces, so
``Low-dose {IL-2}`` and ``Low dose IL-2`` match.

Failing::

    @article{a, author = {He, J.}, title = {Low-dose {IL-2} in SLE}, year = {2016}}
    @article{b, author = {He, Jing}, title = {Low dose IL-2 in SLE.}, year = {2016}}

Passing::

    @article{a, author = {He, J.}, title = {Low-dose {IL-2} in SLE}, year = {2016}}
    @article{b, author = {He, J.}, title = {Low-dose {IL-2} in SLE}, year = {2019}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity, first_author_family, issued_year

CODE = "DUP003"
NAME = "duplicate-entry"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    from trialbib.io.latex import strip_tags
    from trialbib.keys import fold

    first: dict[tuple[str, int | None, str], str] = {}
    for item, _ in ctx.entries():
        title = fold(strip_tags(str(item.get("title", ""))))  # <i>, <sup>, nocase spans are typography
        if not title:
            continue
        signature = (title, issued_year(item), fold(first_author_family(item) or ""))
        if signature in first:
            yield problem(
                f"same title, year and first author as {first[signature]!r}; merge the two entries",
                ctx.at_entry(item["id"]),
            )
        else:
            first[signature] = item["id"]
