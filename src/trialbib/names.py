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
# so the parts need no stripping), kept by split to be put back where it is inside braces.
_AND = re.compile(r"( ?(?<![^ ])[Aa][Nn][Dd](?![^ ]) ?)")


def split_name_list(value: str) -> list[str]:
    """``He, J. and {World Health Organization}`` -> ``["He, J.", "{World Health Organization}"]``."""
    return list(_split(value))


@lru_cache(maxsize=16384)
def _split(value: str) -> tuple[str, ...]:
    """Memoised: the reader and three name rules split every name list of a bibliography."""
    text = " ".join(value.split())
    low = text.lower()
    if (  # the usual list: each "and" written " and ", none doubled or at an end (str.split is quicker)
        low.count(" and ") == text.count(" and ")
        and " and and " not in low
        and not low.startswith("and ")
        and not low.endswith(" and")
        and low != "and"
    ):
        pieces: list[str] = text.split(" and ")
        ands: list[str] | None = None
    else:
        kept = _AND.split(text)
        pieces, ands = kept[::2], kept[1::2]
    if ("{" not in text and "}" not in text) or all(piece.count("{") == piece.count("}") for piece in pieces):
        return tuple(pieces)  # every "and" is outside braces: each cuts
    ands = ands or [" and "] * (len(pieces) - 1)
    parts, part = [], pieces[0]
    depth = part.count("{") - part.count("}")
    for and_, piece in zip(ands, pieces[1:], strict=True):  # an "and" cuts where the braces before it are closed
        if depth == 0:
            parts.append(part)
            part = piece
        else:
            part += and_ + piece
        depth += piece.count("{") - piece.count("}")
    parts.append(part)
    return tuple(parts)
