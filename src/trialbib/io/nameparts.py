"""One BibTeX name into first, von, last and jr: bibtexparser's rules, faster for plain names.

bibtexparser's ``parse_single_name_into_parts`` walks a name character by character, for the
braces and escapes it must follow. Most names have neither (``Smith, John A.``); for them the
words are found by splitting at commas and spaces, and the same rules as bibtexparser's
(non-strict) then say which words are which. A name with a brace or a backslash goes to
bibtexparser. tests/io/test_nameparts.py checks the two agree.
"""

from __future__ import annotations

import re
from typing import Any

from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts

_SPACES = re.compile(r"[ ~\r\n\t]+")  # bibtexparser's word separators
_ODD = re.compile(r"[^\S ]|~")  # a separator other than the space, or a space bibtexparser keeps in a word


def name_parts(name: str) -> Any:
    """bibtexparser's ``NameParts`` of ``name`` (non-strict), as its own parser gives them."""
    if "{" in name or "}" in name or "\\" in name:
        return parse_single_name_into_parts(name, strict=False)
    words_of = _SPACES.split if _ODD.search(name) else str.split
    sections: list[list[str]] = []
    for index, piece in enumerate(name.split(",")):
        words = [word for word in words_of(piece) if word]
        if index < 3:
            sections.append(words)
        else:  # past the third section, further commas separate words only
            sections[2].extend(words)
    if not sections[-1]:
        sections.pop()
    parts = NameParts()
    if not sections or not any(sections):
        return parts
    if len(sections) == 1:  # First von Last
        words = sections[0]
        if len(words) == 1:
            parts.last = words
        elif len(words) == 2:
            parts.first, parts.last = words[:1], words[1:]
        else:
            cases = [_case(word) for word in words]
            if 0 in cases:
                first_lower = cases.index(0) - len(cases)
                last_lower = -cases[::-1].index(0) - 1
                if last_lower == -1:
                    last_lower -= 1  # the last name cannot be empty
                parts.first = words[:first_lower]
                parts.von = words[first_lower : last_lower + 1]
                parts.last = words[last_lower + 1 :]
            else:
                parts.first, parts.last = words[:-1], words[-1:]
        return parts
    first = sections[-1]  # von Last, First / von Last, Jr, First
    if first and first[0]:
        parts.first = first
    if len(sections) == 3 and sections[1] and sections[1][0]:
        parts.jr = sections[1]
    last = sections[0]
    if len(last) == 1:
        parts.last = last
    else:
        cases = [_case(word) for word in last]
        if 0 in cases:
            lowers = [i for i, case in enumerate(cases[:-1]) if case == 0]
            split = (lowers[-1] if lowers else -1) + 1
            parts.von, parts.last = last[:split], last[split:]
        else:
            parts.last = last
    return parts


def _case(word: str) -> int:
    """1 when the first letter is upper case, 0 when lower, -1 without letters (bibtexparser's)."""
    for char in word:
        if char.isalpha():
            return 1 if char.isupper() else 0
    return -1
