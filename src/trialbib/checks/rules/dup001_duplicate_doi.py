"""Two entries with the same DOI (compared case-insensitively, prefixes removed).

Failing::

    @article{a, doi = {10.1038/nm.4148}}
    @article{b, doi = {https://doi.org/10.1038/NM.4148}}

Passing::

    @article{a, doi = {10.1038/nm.4148}}
    @article{b, doi = {10.1038/ni1254}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.checks.util import bare_doi
from trialbib.model import Problem, Severity

CODE = "DUP001"
NAME = "duplicate-doi"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    first: dict[str, str] = {}
    for item, _ in ctx.entries():
        doi = item.get("DOI")
        if not doi:
            continue
        norm = bare_doi(doi).casefold()
        if norm in first:
            yield problem(
                f"DOI {doi} is also the DOI of {first[norm]!r}; merge the two entries", ctx.at_field(item["id"], "doi")
            )
        else:
            first[norm] = item["id"]
