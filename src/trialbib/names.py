"""A BibTeX name list split into names, one way for the reader and the checks.

Hand-written (bibtexparser's splitter reads ``He and and Zhang`` as the names ``He`` and
``and Zhang``): the list is cut at the word ``and`` (any case) outside braces, and an empty part
is kept, because it is what a doubled, leading or trailing ``and`` leaves (NAM001 reports it;
the reader skips it).
"""

from __future__ import annotations

import re
from functools import lru_cache

_AND = re.compile(r"(?<![^ ])[Aa][Nn][Dd](?![^ ])")  # "and" in any case, a word of its own
_AND_OR_BRACE = re.compile(r"[{}]|(?<![^ ])[Aa][Nn][Dd](?![^ ])")


def split_name_list(value: str) -> list[str]:
    """``He, J. and {World Health Organization}`` -> ``["He, J.", "{World Health Organization}"]``."""
    return list(_split(value))


@lru_cache(maxsize=16384)
def _split(value: str) -> tuple[str, ...]:
    """Memoised: the reader and three name rules split every name list of a bibliography."""
    text = " ".join(value.split())
    if "{" not in text and "}" not in text:  # no depth to follow: every free-standing "and" cuts
        return tuple(part.strip() for part in _AND.split(text))
    parts, depth, start = [], 0, 0
    for mark in _AND_OR_BRACE.finditer(text):  # only braces and free-standing "and"s change anything
        if mark.group() == "{":
            depth += 1
        elif mark.group() == "}":
            depth -= 1
        elif depth == 0:
            parts.append(text[start : mark.start()])
            start = mark.end()
    parts.append(text[start:])
    return tuple(part.strip() for part in parts)
