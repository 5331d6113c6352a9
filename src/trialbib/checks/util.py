"""Small helpers shared by rules: BibTeX name lists, page ranges, identifiers, field tokens."""

from __future__ import annotations

import re
from functools import lru_cache

_DOI_PREFIX = re.compile(r"^\s*(?:doi\s*:\s*|(?:https?://)?(?:dx\.)?doi\.org/)", re.IGNORECASE)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")


def split_top(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split ``text`` at ``separator`` matches that are outside braces."""
    parts, depth, start = [], 0, 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            match = separator.match(text, i)
            if match and match.end() > i:
                parts.append(text[start:i])
                start = i = match.end()
                continue
        i += 1
    parts.append(text[start:])
    return parts


COMMA = re.compile(r",")


def split_names(value: str) -> list[str]:
    """A BibTeX name list split at the word ``and`` outside braces, as written, stripped.

    An empty part means a doubled, leading or trailing ``and``.
    """
    return list(_split_names(value))


@lru_cache(maxsize=16384)
def _split_names(value: str) -> tuple[str, ...]:
    """:func:`split_names`, memoised: three name rules split every name list of a bibliography."""
    text = " ".join(value.split())
    parts, depth, start, i = [], 0, 0, 0
    while i < len(text):
        ch = text[i]
        depth += (ch == "{") - (ch == "}")
        if (
            depth == 0
            and text[i : i + 3].lower() == "and"
            and (i == 0 or text[i - 1] == " ")
            and (i + 3 == len(text) or text[i + 3] == " ")
        ):
            parts.append(text[start:i])
            start = i = i + 3
            continue
        i += 1
    parts.append(text[start:])
    return tuple(part.strip() for part in parts)


def bare_doi(value: str) -> str:
    """``https://doi.org/10.1/x`` or ``doi:10.1/x`` -> ``10.1/x``."""
    return _DOI_PREFIX.sub("", value.strip()).strip()


def strip_braces(value: str) -> str:
    return value.replace("{", "").replace("}", "")


def field_token(line: str, name: str) -> re.Match[str] | None:
    """The ``name = value`` assignment on one line of a .bib file, value group ``value``.

    The value is a braced or quoted string closed on the same line, or a bare word/number.
    """
    pattern = re.compile(
        rf"(?P<head>(?:^|[,{{(])\s*{re.escape(name)}\s*=\s*)"
        r"(?P<value>\{(?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*\}|\"[^\"]*\"|[A-Za-z0-9_.:+-]+)",
        re.IGNORECASE,
    )
    return pattern.search(line)
