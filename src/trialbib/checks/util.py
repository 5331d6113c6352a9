"""Small helpers shared by rules: BibTeX name lists, page ranges, identifiers, field tokens."""

from __future__ import annotations

import re

from trialbib.doi import bare_doi as bare_doi  # re-exported for the rules
from trialbib.names import split_name_list

DOI = re.compile(r"^10\.\d{4,9}/\S+$")
split_names = split_name_list  # the rules' name for it


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
