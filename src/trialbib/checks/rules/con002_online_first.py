"""An online-first entry (``pubstate`` set, or an article with neither volume nor pages)
that has no final citation yet.

Useful before resubmission: look the entry up again and add volume, issue and pages. Off by
default, because a review cites online-first papers on purpose (the shipped data has three).

Failing::

    @article{a, journal = {Ann Rheum Dis}, date = {2019-09-19}, pubstate = {advance online publication}}

Passing::

    @article{a, journal = {Ann Rheum Dis}, year = {2020}, volume = {79}, number = {1}, pages = {141--149}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "CON002"
NAME = "online-first"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        if source.entry_type != "article":
            continue
        final = any(source.fields.get(name, "").strip() for name in ("volume", "pages"))
        if source.fields.get("pubstate", "").strip() or not final:
            yield problem(
                "online-first entry without volume and pages; add the final citation once published",
                ctx.at_entry(item["id"]),
            )
