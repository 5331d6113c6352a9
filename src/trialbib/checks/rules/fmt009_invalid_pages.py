"""A page field that is not a page, a page range, or a list of them, or a reversed range.

Accepted: ``991--993``, ``e15094``, ``S116--S123``, ``R795--R804``, ``4:1--4:56`` (article
number and page), ``xii--xv``, ``1007+``, ``1--3, 7``, several ranges joined by ``and`` or
``;`` with a label or note (``171-88; discussion 195-202``, ``137--159 and 269--276 (notes)``,
as MEDLINE and humanities libraries write them), a book's page count by part (``xlvi+410``,
MathSciNet's ``xiii\\addplus{}345``), an article identifier in the pages'
place (``aac4716``, ``arXiv:0912.0201``, ``astro-ph/0107457``), and a shortened last page (``1123--32``, as Chicago
writes it, read as 1123-1132). A range whose end comes before its start is reversed.

Failing::

    @article{a, pages = {1132--1123}}
    @article{b, pages = {pp. 1-3}}

Passing::

    @article{a, pages = {1123--1132}}
    @article{b, pages = {e1250992}}
    @article{c, pages = {aac4716}}
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from trialbib.checks.context import Context, problem
from trialbib.model import Problem, Severity

CODE = "FMT009"
NAME = "invalid-pages"
SEVERITY: Severity = "error"
OPTIONS: dict[str, Any] = {}

_PAGE = re.compile(r"^(?:(\d+):)?([A-Za-z]{0,4})(\d+)([a-z]?)\+?$|^([ivxlcdm]+|[IVXLCDM]+)$")
_DASH = re.compile(r"[\s~]*(?:-{1,3}|\u2013|\u2014|\\textendash\s*)[\s~]*")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def _value(match: re.Match[str]) -> tuple[str, int]:
    """A comparable (prefix, number) for one page."""
    if match.group(5):
        total, last = 0, 0
        for ch in reversed(match.group(5).lower()):
            value = _ROMAN[ch]
            total += -value if value < last else value
            last = max(last, value)
        return ("roman", total)
    return ((match.group(1) or "") + ":" + match.group(2).upper(), int(match.group(3)))


_IDENTIFIER = re.compile(
    r"^(?:arXiv:\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}|\d+(?:\.\d+)+(?:-\d+(?:\.\d+)+)?|[A-Za-z]*\d+(?:[A-Za-z]+\d*)?)$"
)


_PARTS = re.compile(r"\s*[,;]\s*|\s+and\s+")
_NOTE = re.compile(r"\s*\([^()]*\)$")  # 269--276 (notes)
_LABEL = re.compile(r"^[a-z]{3,}(?: [a-z]{3,})*\s+(?=[A-Za-z]{0,4}\d|[ivxlcdm]+\b)")  # discussion 195-202


def _abbreviated(start: int, end: int) -> bool:
    """``148--68`` (148-168) and ``1756--7``: a shortened last page, as Chicago prints and any
    reader reads it; ``23--18`` is reversed."""
    first, last = str(start), str(end)
    return len(last) < len(first) and int(first[: len(first) - len(last)] + last) > start


def page_problem(text: str) -> str | None:
    """Why ``text`` is not a valid page field, or None.

    An article identifier in place of pages (``aac4716``, an old arXiv ``astro-ph/0107457``, an
    abstract number ``113.01``) is what the publisher prints, so it passes.
    """
    if _IDENTIFIER.match(text.replace("{", "").replace("}", "").strip()):
        return None
    text = text.replace("\\addplus", "+")  # MathSciNet's page count: xiii\addplus{}345
    for part in _PARTS.split(text.replace("{", "").replace("}", "").strip()):
        part = _LABEL.sub("", _NOTE.sub("", part))
        if "+" in part.rstrip("+") and all(_PAGE.match(count) for count in part.split("+")):
            continue  # xlvi+410: front matter plus body, a book's page count
        ends = _DASH.split(part)
        if len(ends) > 2 or not all(ends):
            return f"pages {text!r} is not a page range; write e.g. 991--993 or e15094"
        matches = [_PAGE.match(end) for end in ends]
        if not all(matches):
            return f"pages {text!r} is not a page range; write e.g. 991--993 or e15094"
        if len(matches) == 2:
            start, end = (_value(m) for m in matches if m)
            if start[0] == end[0] and end[1] < start[1] and not _abbreviated(start[1], end[1]):
                return f"page range {part!r} is reversed; write the first page first"
    return None


def check(ctx: Context, options: dict[str, Any]) -> Iterator[Problem]:
    for item, source in ctx.entries():
        raw = source.fields.get("pages", "")
        if raw.strip() and (message := page_problem(raw)):
            yield problem(message, ctx.at_field(item["id"], "pages"))
