"""A BibTeX name list split into names, one way for the reader and the checks.

Hand-written (bibtexparser's splitter reads ``He and and Zhang`` as the names ``He`` and
``and Zhang``): the list is cut at the word ``and`` (any case) outside braces, and an empty part
is kept, because it is what a doubled, leading or trailing ``and`` leaves (NAM001 reports it;
the reader skips it).
"""

from __future__ import annotations

import re
from functools import lru_cache

# "and" in any case, a word of its own, with the spaces beside it (the text has single spaces only,
# so the parts need no stripping); _KEPT_AND keeps it, to put back where it is inside braces.
_AND = re.compile(r" ?(?<![^ ])[Aa][Nn][Dd](?![^ ]) ?")
_KEPT_AND = re.compile(f"({_AND.pattern})")


def split_name_list(value: str) -> list[str]:
    """``He, J. and {World Health Organization}`` -> ``["He, J.", "{World Health Organization}"]``."""
    return list(_split(value))


@lru_cache(maxsize=16384)
def _split(value: str) -> tuple[str, ...]:
    """Memoised: the reader and three name rules split every name list of a bibliography."""
    text = " ".join(value.split())
    if "{" not in text and "}" not in text:  # no depth to follow: every free-standing "and" cuts
        return tuple(_AND.split(text))
    pieces = _KEPT_AND.split(text)  # name, "and", name, "and", ..., name
    parts, part = [], pieces[0]
    depth = part.count("{") - part.count("}")
    for index in range(1, len(pieces), 2):  # an "and" cuts where the braces before it are closed
        if depth == 0:
            parts.append(part)
            part = pieces[index + 1]
        else:
            part += pieces[index] + pieces[index + 1]
        depth += pieces[index + 1].count("{") - pieces[index + 1].count("}")
    parts.append(part)
    return tuple(parts)
