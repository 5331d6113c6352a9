"""A DOI that is not a DOI: it must be ``10.`` + a registrant code of 4-9 digits + ``/`` + suffix.

Prefixes (``doi:``, ``https://doi.org/``) are judged by ``doi-not-bare`` and ignored here.

Failing::

    @article{a, doi = {10.1038}}
    @article{b, doi = {1038/nm.4148}}

Passing::

    @article{a, doi = {10.1038/nm.4148}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.checks.util import DOI, bare_doi, strip_braces
from trialbib.model import Problem, Severity

CODE = "FMT001"
NAME = "invalid-doi"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("doi", "")
        if raw.strip() and not DOI.match(bare_doi(strip_braces(raw).replace("\\_", "_"))):
            yield problem(f"DOI {raw.strip()!r} is not a valid DOI (10.NNNN/suffix)", ctx.at_field(item["id"], "doi"))
