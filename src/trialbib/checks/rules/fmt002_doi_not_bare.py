"""A DOI written as a URL or with a ``doi:`` prefix; styles add their own.

Failing::

    @article{a, doi = {https://doi.org/10.1038/nm.4148}}

Passing::

    @article{a, doi = {10.1038/nm.4148}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.checks.util import DOI, bare_doi
from trialbib.model import Problem, Severity

CODE = "FMT002"
NAME = "doi-not-bare"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}
FIELDS = ("doi",)


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("doi", "").strip()
        bare = bare_doi(raw)
        if raw and bare != raw and DOI.match(bare):
            yield problem(f"write the bare DOI {bare!r}, not {raw!r}", ctx.at_field(item["id"], "doi"))


def fix(token: str) -> str:
    """``{https://doi.org/10.1/x}`` -> ``{10.1/x}``."""
    if token[:1] in '{"':
        return token[0] + bare_doi(token[1:-1]) + token[-1]
    return token
