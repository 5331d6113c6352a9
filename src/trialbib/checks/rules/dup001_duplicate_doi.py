"""Two entries with the same DOI (compared case-insensitively, prefixes removed).

Chapters or papers of one volume with different titles that carry the volume's DOI (a
Springer LNCS book DOI such as ``10.1007/b98159`` on every paper of the proceedings) are
different works, not duplicates, and so is the volume itself (``@proceedings``) beside one of
its papers: merging them would lose references, so they pass.

Failing::

    @article{a, doi = {10.1038/nm.4148}}
    @article{b, doi = {https://doi.org/10.1038/NM.4148}}

Passing::

    @article{a, doi = {10.1038/nm.4148}}
    @article{b, doi = {10.1038/ni1254}}
    @inproceedings{c, title = {One paper}, doi = {10.1007/b98159}}
    @inproceedings{d, title = {Another paper}, doi = {10.1007/b98159}}
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


PARTS = frozenset({"chapter", "paper-conference", "entry", "entry-dictionary", "entry-encyclopedia"})


def _title(item: dict[str, Any]) -> str:
    return "".join(ch for ch in str(item.get("title", "")).casefold() if ch.isalnum())


def _volume_doi(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Two different parts of one volume, or a part and the volume, sharing the volume's DOI."""
    types = {one.get("type"), other.get("type")}
    return types <= PARTS | {"book"} and bool(types & PARTS) and _title(one) != _title(other)


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    first: dict[str, str] = {}
    items: dict[str, dict[str, Any]] = {}
    for item, _ in ctx.entries():
        doi = item.get("DOI")
        if not doi:
            continue
        norm = bare_doi(doi).casefold()
        if norm in first and _volume_doi(items[first[norm]], item):
            continue
        if norm in first:
            yield problem(
                f"DOI {doi} is also the DOI of {first[norm]!r}; merge the two entries", ctx.at_field(item["id"], "doi")
            )
        else:
            first[norm] = item["id"]
            items[item["id"]] = item
