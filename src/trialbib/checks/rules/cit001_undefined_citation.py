"""A manuscript cites a key the bibliography does not define, or a number past its end.

Keys given only to ``nocite`` in the front matter are checked too.

Failing (``references.bib`` defines only ``smith2019``)::

    As shown before [@smyth2019].
    As shown before [2].

Passing::

    As shown before [@smith2019].
    As shown before [1].
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.errors import Location
from trialbib.model import Problem, Severity

CODE = "CIT001"
NAME = "undefined-citation"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    if ctx.bib is None:
        return
    keys = set(ctx.bib.keys)
    count = len(ctx.bib.items)
    where = ctx.source or "the bibliography"
    for manuscript in ctx.manuscripts:
        for cite in manuscript.citations:
            at = Location(manuscript.source, cite.line, cite.column, key=cite.key)
            if cite.key is not None and cite.key not in keys:
                yield problem(f"cites {cite.key!r}, which {where} does not define", at)
            elif cite.number is not None and not 0 < cite.number <= count:
                yield problem(f"cites [{cite.number}], but {where} has {count} entries", at)
        cited = set(manuscript.keys)
        for key in dict.fromkeys(manuscript.nocite):
            if key not in keys and key not in cited:
                yield problem(
                    f"nocite names {key!r}, which {where} does not define", Location(manuscript.source, key=key)
                )
