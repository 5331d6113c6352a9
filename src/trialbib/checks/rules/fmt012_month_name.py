"""A month written as a word (``{September}``, ``"Sept."``) instead of a month macro.

The macros ``jan`` ... ``dec`` are defined by every BibTeX style and by biblatex, which
sorts and localises them; a braced word is printed as is. Numbers 1-12 are accepted too.

Failing::

    @article{a, month = {September}}

Passing::

    @article{a, month = sep}
    @article{b, month = {9}}
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT012"
NAME = "month-name"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}
FIELDS = ("month",)
MACROS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


FULL = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december")  # fmt: skip


def macro(value: str) -> str | None:
    """The macro for a month word (``Sept.`` -> ``sep``), or None."""
    word = value.strip().strip('{}"').strip().rstrip(".").lower()
    if len(word) < 3:
        return None
    for name, full in zip(MACROS, FULL, strict=True):
        if full.startswith(word) or (name == "sep" and word == "sept"):
            return name
    return None


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("month", "").strip()
        if raw and not raw.isdigit() and (name := macro(raw)):
            yield problem(f"write month = {name}, not {raw!r}", ctx.at_field(item["id"], "month"))


def fix(token: str) -> str:
    return macro(token) or token
