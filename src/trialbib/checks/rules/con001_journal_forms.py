"""The same journal written in two forms: full title and abbreviation, two abbreviations, or
the same abbreviation with and without dots.

Two names are taken for one journal when, after dropping ``of``/``the``/``and``, they have
the same number of words and each word of one is the other's word or starts it
(``Cytom`` / ``Cytometry``, ``Ann`` / ``Annals``). One-word titles are compared only for
dots and case, so ``Nature`` and ``Nat`` are not confused.

Failing::

    @article{a, journal = {Cytometry B Clin Cytom}}
    @article{b, journal = {Cytom B Clin Cytom}}

Passing::

    @article{a, journal = {Cytometry B Clin Cytom}}
    @article{b, journal = {Cytometry B Clin Cytom}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "CON001"
NAME = "journal-forms"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}
_SKIP = {"of", "the", "and", "&", "for", "on", "in"}


@lru_cache(maxsize=65536)
def words(title: str) -> tuple[str, ...]:
    from trialbib.keys import key_letters

    return tuple(w for w in (key_letters(part) for part in re.split(r"[\s.,:;()\-]+", title)) if w and w not in _SKIP)


def same_journal(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` look like two forms of one journal title."""
    wa, wb = words(a), words(b)
    if len(wa) != len(wb) or not wa:
        return False
    if len(wa) == 1:
        return wa == wb
    return all(x.startswith(y) or y.startswith(x) for x, y in zip(wa, wb, strict=True))


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    seen: dict[str, str] = {}
    # two forms of one title have as many words and the same first letter: compare only those
    buckets: dict[tuple[int, str], list[str]] = {}
    for item, source in ctx.entries():
        journal = item.get("container-title")
        if not journal or item.get("type") != "article-journal":
            continue
        found = words(journal)
        bucket = buckets.setdefault((len(found), found[0][:1] if found else ""), [])
        other = next((name for name in bucket if name != journal and same_journal(name, journal)), None)
        if other is not None:
            yield problem(
                f"journal {journal!r} is written {other!r} in {seen[other]!r}; use one form",
                ctx.at_field(item["id"], "journaltitle" if "journaltitle" in source.fields else "journal"),
            )
        if journal not in seen:
            seen[journal] = item["id"]
            bucket.append(journal)
