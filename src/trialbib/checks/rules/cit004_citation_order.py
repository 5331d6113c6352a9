"""Numeric citations not numbered by first appearance.

A numeric (citation-sequence) style numbers references in the order they are first cited:
the first new number must be [1], the next new one [2], and so on. A number cited before a
smaller one that has not been cited yet means the list or the text is out of order.
Numbers past the end of the bibliography are left to ``undefined-citation``. With
``keys = true`` key citations are checked the same way against the bibliography's order
(which is how ``trialbib render`` numbers them without ``--manuscript``).

``trialbib check --fix`` renumbers a manuscript that cites only numbers by first citation and
reorders the .bib to match, each entry moved whole with the comments above it (backups
``NAME~`` kept); ``--diff`` shows both changes first.

Failing::

    IL-2 was discovered in 1976 [2] and renamed in 1979 [1].

Passing::

    IL-2 was discovered in 1976 [1] and renamed in 1979 [2].
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.errors import Location
from trialbib.model import Problem, Severity

CODE = "CIT004"
NAME = "citation-order"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {"keys": False}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    position = {key: i + 1 for i, key in enumerate(ctx.bib.keys)} if ctx.bib else {}
    for manuscript in ctx.manuscripts:
        seen: set[int] = set()
        for cite in manuscript.citations:
            if cite.nocite:  # \nocite lists an entry after the cited ones: not a first citation
                continue
            number = cite.number
            if number is None and options["keys"] and cite.key in position:
                number = position[cite.key]
            if number is None or number in seen or (position and number > len(position)):
                continue
            seen.add(number)
            missing = [n for n in range(1, number) if n not in seen]
            if missing:
                label = f"[{number}]" if cite.key is None else f"{cite.key!r} ([{number}])"
                yield problem(
                    f"{label} is first cited before [{missing[0]}]; number references by first citation",
                    Location(manuscript.source, cite.line, cite.column, key=cite.key),
                )
