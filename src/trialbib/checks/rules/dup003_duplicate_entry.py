"""Two entries for the same work: same title, year and first author once normalised.

Titles are compared without case, accents, punctuation, braces or spaces, so
``Low-dose {IL-2}`` and ``Low dose IL-2`` match. Two versions of one work (a preprint and
its article: another type, venue, DOI or URL) and two volumes or editions of one work
(``Collected Works`` 4 and 5) are not duplicates; each may rightly be cited.

Failing::

    @article{a, author = {He, J.}, title = {Low-dose {IL-2} in SLE}, year = {2016}}
    @article{b, author = {He, Jing}, title = {Low dose IL-2 in SLE.}, year = {2016}}

Passing::

    @article{a, author = {He, J.}, title = {Low-dose {IL-2} in SLE}, year = {2016}}
    @article{b, author = {He, J.}, title = {Low-dose {IL-2} in SLE}, year = {2019}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Item, Problem, Severity, first_author_family, issued_year

CODE = "DUP003"
NAME = "duplicate-entry"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    from trialbib.io.latex import strip_tags
    from trialbib.keys import key_letters

    first: dict[tuple[str, int | None, str], list[tuple[Item, str]]] = {}
    for item, source in ctx.entries():
        title = key_letters(strip_tags(str(item.get("title", ""))))  # <i>, <sup>, nocase spans are typography
        if not title:
            continue
        parent = (source.fields.get("crossref") or source.fields.get("xref") or "").strip().lower()
        signature = (title, issued_year(item), key_letters(first_author_family(item) or ""))
        same = next(
            (
                other
                for other, other_parent in first.get(signature, [])
                if not _versions(item, parent, other, other_parent)
            ),
            None,
        )
        if same is not None:
            yield problem(
                f"same title, year and first author as {same['id']!r}; merge the two entries",
                ctx.at_entry(item["id"]),
            )
        first.setdefault(signature, []).append((item, parent))


def _versions(a: Item, a_parent: str, b: Item, b_parent: str) -> bool:
    """Not a DUP003 pair: two versions of one work (a preprint and its article, a workshop paper
    and its conference paper: another type, venue, crossref parent, URL, number, volume or
    edition), which may
    both rightly be cited; or a pair that shares a DOI or PMID, which DUP001/DUP002 report."""
    from trialbib.keys import key_letters

    def venue(item: Item) -> str:
        return key_letters(str(item.get("container-title") or item.get("publisher") or item.get("genre") or ""))

    if a.get("type") != b.get("type") or venue(a) != venue(b) or a_parent != b_parent:
        return True
    if any(a.get(name) and str(a.get(name)).lower() == str(b.get(name) or "").lower() for name in ("DOI", "PMID")):
        return True
    return any(
        a.get(name) and b.get(name) and str(a[name]).lower() != str(b[name]).lower()
        for name in ("DOI", "URL", "number", "volume", "edition", "title-short")
    ) or _subtitle(a) != _subtitle(b)


def _subtitle(item: Item) -> str:
    """Volume 4 and volume 5 of collected works share a title; a volume or part title tells them apart."""
    from trialbib.keys import key_letters

    return key_letters(str(item.get("volume-title") or item.get("part-title") or ""))
