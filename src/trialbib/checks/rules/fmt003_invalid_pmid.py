"""A PubMed ID that is not 1-9 digits without a leading zero.

Failing::

    @article{a, pmid = {PMID:27500725}}

Passing::

    @article{a, pmid = {27500725}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT003"
NAME = "invalid-pmid"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}
_PMID = re.compile(r"^[1-9]\d{0,8}$")


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("pmid", "").strip()
        if raw and not _PMID.match(raw):
            yield problem(f"PMID {raw!r} is not a PubMed ID; write the digits only", ctx.at_field(item["id"], "pmid"))
