"""A ClinicalTrials.gov number that is not ``NCT`` followed by exactly 8 digits.

Every field of every entry is searched for ``NCT`` + digits.

Failing::

    @misc{a, title = {Low-dose IL-2 in SLE}, note = {NCT0225495}}

Passing::

    @misc{a, title = {Low-dose IL-2 in SLE}, note = {NCT02465580}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT007"
NAME = "invalid-nct"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}
_NCT = re.compile(r"(?<![A-Za-z0-9])NCT\s?(\d+)(?![0-9])", re.IGNORECASE)


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for name, value in source.fields.items():
            for match in _NCT.finditer(value):
                if len(match.group(1)) != 8 or match.group(0)[:3] != "NCT" or " " in match.group(0):
                    yield problem(
                        f"{match.group(0)!r} in {name} is not a trial number; write NCT and 8 digits",
                        ctx.at_field(item["id"], name),
                    )
