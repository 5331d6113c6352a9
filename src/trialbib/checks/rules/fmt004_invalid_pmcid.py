"""A PubMed Central ID that is not ``PMC`` followed by digits.

Failing::

    @article{a, pmcid = {6485794}}

Passing::

    @article{a, pmcid = {PMC6485794}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT004"
NAME = "invalid-pmcid"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}
_PMCID = re.compile(r"^PMC\d{1,9}$")


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("pmcid", "").strip()
        if raw and not _PMCID.match(raw):
            yield problem(f"PMCID {raw!r} is not PMC followed by digits", ctx.at_field(item["id"], "pmcid"))
