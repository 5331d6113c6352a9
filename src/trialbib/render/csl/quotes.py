"""Quotation marks inside a field, re-quoted by how deeply they are nested (CSL "flip-flop").

A title that quotes something (``"Big data" in medicine``) printed by a ``quotes="true"`` node
gets the locale's inner marks inside the outer ones (``“‘Big Data’ in Medicine”``), and a
quotation inside that one the outer marks again; at the top of a field, straight quotes become
the locale's outer marks. citeproc-py prints the field's marks as they were typed, so a quoted
title could show ``“"Big data" in medicine”``. Hand-written after citeproc-js's flip-flopper,
for quotation marks only (markup inside fields is citeproc-py's business).
"""

from __future__ import annotations

import re
from typing import Any

from trialbib.render.csl.richtext import HOLD

_TAG = re.compile(r"<[^>]*>")
_OPENS_AFTER = set(" \t\n([{\u00a0\u2014\u2013-/\u201c\u2018\"'")
_CLOSES_BEFORE = set(" \t\n)]}.,;:!?\u00a0\u2014\u2013-/\u201d\u2019\"'")


def _visible(text: str) -> list[int]:
    """Positions of the characters of ``text`` outside HTML tags and trialbib's private-use
    markers (parts of an entry, field markup)."""
    hidden: set[int] = set()
    for tag in _TAG.finditer(text):
        hidden.update(range(tag.start(), tag.end()))
    return [i for i in range(len(text)) if i not in hidden and not "\ue000" <= text[i] <= "\uf8ff"]


def _kind(chars: list[str], k: int) -> tuple[str, str] | None:
    """("D" or "S", "open" or "close") for a quotation mark at visible index ``k``, else None."""
    char = chars[k]
    before = chars[k - 1] if k else " "
    after = chars[k + 1] if k + 1 < len(chars) else " "
    if char == "\u201c":
        return "D", "open"
    if char == "\u201d":
        return "D", "close"
    if char == "\u2018":
        return "S", "open"
    if char in "\u2019'" and before.isalnum() and after.isalnum():
        return None  # an apostrophe: don't, O'Brien
    if char in "\"'\u2019":
        kind = "D" if char == '"' else "S"
        if char != "\u2019" and before in _OPENS_AFTER and not after.isspace():
            return kind, "open"
        if not before.isspace() and after in _CLOSES_BEFORE:
            return kind, "close"
    return None


def flip(text: str, base: int, outer: tuple[str, str], inner: tuple[str, str]) -> str | None:
    """``text`` with each matched pair of quotation marks replaced by the marks of its depth
    (``base`` for a pair at the top: 0 in a plain field, 1 inside a quoted node); None when
    ``text`` has no pair."""
    if not any(c in text for c in "\"'\u201c\u2018"):
        return None
    positions = _visible(text)
    chars = [text[i] for i in positions]
    stack: list[tuple[str, int]] = []
    pairs: list[tuple[int, int, int]] = []  # open index, close index, depth
    for k in range(len(chars)):
        found = _kind(chars, k)
        if found is None:
            continue
        kind, role = found
        if role == "open":
            stack.append((kind, k))
        elif stack and stack[-1][0] == kind:
            _, start = stack.pop()
            pairs.append((start, k, len(stack)))
    orphans = [k for kind, k in stack if chars[k] == "'"]  # an unpaired ' is an apostrophe ('09)
    if not pairs and not orphans:
        return None
    out = list(text)
    for k in orphans:
        out[positions[k]] = "\u2019"
    for start, end, depth in pairs:
        if base == 0 and chars[start] in "\u201c\u2018":
            continue  # typographic marks typed into a plain field stay as typed (citeproc-js)
        marks = outer if (base + depth) % 2 == 0 else inner
        out[positions[start]], out[positions[end]] = marks
    return "".join(out)


def marks(element: Any) -> tuple[tuple[str, str], tuple[str, str]]:
    """The (outer, inner) quotation marks of the locale ``element`` renders in."""
    terms = ("open-quote", "close-quote", "open-inner-quote", "close-inner-quote")
    found = [str(element.get_single_term(name) or "") for name in terms]
    return (found[0], found[1]), (found[2], found[3])


def typographic(text: str, element: Any, hold: bool = False) -> str:
    """Free text a processor is given (a cite's prefix or suffix, a ``cs:text`` value) with its
    apostrophes and quotation marks made typographic, as in a field (citeproc-js parses both).
    ``hold``: the punctuation after its closing marks stays outside them (a cite's affixes are
    joined after citeproc-js has moved punctuation into quotations)."""
    if "'" not in text and '"' not in text:
        return text
    from trialbib.render.csl.textcase import smart_apostrophes

    text = str(smart_apostrophes(text))
    outer, inner = marks(element)
    flipped = flip(text, 0, outer, inner)
    text = text if flipped is None else flipped
    if hold:
        text = "".join(c + HOLD if c and c in (outer[1], inner[1]) else c for c in text)
    return text
