"""A page range written with ``-``, an en dash or an em dash instead of BibTeX's ``--``.

BibTeX styles and biber turn ``--`` into the right dash; a single hyphen prints as a hyphen
in some styles and a Unicode dash breaks others.

Failing::

    @article{a, pages = {991-993}}

Passing::

    @article{a, pages = {991--993}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT010"
NAME = "page-dash"
SEVERITY: Severity = "warning"
OPTIONS: dict[str, Any] = {}
FIELDS = ("pages",)
_WRONG = re.compile(r"(?<=[\dA-Za-z])\s*(?:(?<!-)-(?!-)|\u2013|\u2014|---)\s*(?=[\dA-Za-z])")


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("pages", "")
        if _WRONG.search(raw):
            fixed = _WRONG.sub("--", raw)
            yield problem(f"write the page range as {fixed!r}, not {raw!r}", ctx.at_field(item["id"], "pages"))


def fix(token: str) -> str:
    return _WRONG.sub("--", token)
