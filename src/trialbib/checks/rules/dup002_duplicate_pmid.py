"""Two entries with the same PubMed ID.

Failing::

    @article{a, pmid = {27500725}}
    @article{b, pmid = {27500725}}

Passing::

    @article{a, pmid = {27500725}}
    @article{b, pmid = {16200070}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "DUP002"
NAME = "duplicate-pmid"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for item, _ in ctx.entries():
        pmid = str(item.get("PMID") or "").strip()
        if not pmid:
            continue
        if pmid in first:
            where = ctx.at_field(item["id"], "pmid")
            yield problem(f"PMID {pmid} is also the PMID of {first[pmid]!r}; merge the two entries", where)
        else:
            first[pmid] = item["id"]
