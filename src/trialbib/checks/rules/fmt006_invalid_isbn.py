"""An ISBN with the wrong length or check digit (ISBN-10 mod 11, ISBN-13 mod 10).

Hyphens and spaces are ignored; several ISBNs may be separated by commas or semicolons.

Failing::

    @book{a, isbn = {978-0-306-40615-6}}

Passing::

    @book{a, isbn = {978-0-306-40615-7}}
    @book{b, isbn = {0-306-40615-2}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT006"
NAME = "invalid-isbn"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}


def valid_isbn(text: str) -> bool:
    digits = re.sub(r"[\s-]", "", text).upper()
    if re.fullmatch(r"\d{9}[\dX]", digits):
        total = sum((10 - i) * (10 if d == "X" else int(d)) for i, d in enumerate(digits))
        return total % 11 == 0
    if re.fullmatch(r"97[89]\d{10}", digits):
        total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(digits))
        return total % 10 == 0
    return False


_LOOSE = re.compile(r"^[\dXx-]{10,17}$")


def isbns(value: str) -> list[str]:
    """The ISBNs of a field: separated by commas, semicolons, or spaces (Zotero's form, ISBN-10 and
    ISBN-13 side by side); ``(pbk.)`` notes dropped. An ISBN written with spaces stays one."""
    out: list[str] = []
    for chunk in re.split(r"[,;]", re.sub(r"\([^()]*\)", " ", value)):
        parts = chunk.split()
        out.extend(parts if len(parts) > 1 and all(_LOOSE.match(p) for p in parts) else [" ".join(parts)])
    return [p for p in out if p]


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        for value in isbns(source.fields.get("isbn", "")):
            if not valid_isbn(value):
                yield problem(
                    f"ISBN {value.strip()!r} has a wrong length or check digit", ctx.at_field(item["id"], "isbn")
                )
