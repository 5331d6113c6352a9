"""A year that is not a year, or ``year`` and ``date`` that disagree, or an access date
(``urldate``) before the publication date.

A year is four digits, in the forms references print: ``c1988``, ``[1936]``, ``535 BCE``,
``300 {BC}``, ``1957-1990``, ``1978/79`` (a volume's two years), or with a note (``1875 [2004]``,
``1910--1913; Second edition, 1925--1927``). Dates that cannot be read at all are parse
errors (SYN001).

Failing::

    @article{a, year = {19}}
    @article{b, year = {2019}, date = {2018-09-19}}

Passing::

    @article{a, year = {2019}, date = {2019-09-19}, urldate = {2019-10-01}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT008"
NAME = "invalid-date"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


# A year as references print it: 2019, c1988, [1936], 535 BCE, 1957-1990, 1978/79, 1875 [2004], 1705（康熙四十四年）
_YEAR = re.compile(
    r"\[?(?:c\.?\s*|ca\.\s*)?(?:\d{4}|\d{1,4}\s*(?:BCE|BC|CE|AD))\]?(?:\s*(?:-{1,3}|–|/)\s*(?:\d{4}|\d{2}))?"
    r"(?:\s*[(（\[][^)）\]]*[)）\]])?(?:\s*;\s*\S.*)?"
)


def _parts(item: dict[str, Any], name: str) -> list[int] | None:
    parts = (item.get(name) or {}).get("date-parts") or []
    return list(parts[0]) if parts and parts[0] else None


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        key = item["id"]
        year = source.fields.get("year", "").replace("{", "").replace("}", "").strip()
        if year and not _YEAR.fullmatch(year):
            yield problem(f"year {year!r} is not a four-digit year", ctx.at_field(key, "year"))
        date = source.fields.get("date", "").strip()
        issued = _parts(item, "issued")
        if year.isdecimal() and date and issued and issued[0] != int(year):
            yield problem(f"year {year} disagrees with date {date}; make them agree", ctx.at_field(key, "year"))
        accessed = _parts(item, "accessed")
        if issued and accessed and len(issued) == 3 and len(accessed) == 3 and accessed < issued:
            yield problem(
                f"urldate {source.fields.get('urldate', '').strip()} is before the publication date",
                ctx.at_field(key, "urldate"),
            )
