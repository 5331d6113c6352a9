"""One BibTeX name into first, von, last and jr: bibtexparser's rules, without its character walk.

bibtexparser's ``parse_single_name_into_parts`` walks a name character by character, for the
braces and escapes it must follow. Here the words are found by splitting: at commas and spaces
for a plain name (``Smith, John A.``), and for a name with braces or backslashes
(``M{\\"u}ller, J.``, ``{World Health Organization}``) by one regular expression that reads
escapes and brace groups (nested three deep) as bibtexparser does. The same rules as
bibtexparser's (non-strict) then say which words are which; a word's case is worked out only
when it decides something. A name the expression does not read whole (an unbalanced or deeper
brace, a trailing backslash: bibtexparser repairs these) goes to bibtexparser.
tests/io/test_nameparts.py and benchmarks/names_differential.py check the two agree.
"""

from __future__ import annotations

import re
from typing import Any

from bibtexparser.middlewares.names import NameParts, parse_single_name_into_parts

_SPACES = re.compile(r"[ ~\r\n\t]+")  # bibtexparser's word separators
_ODD = re.compile(r"[^\S ]|~")  # a separator other than the space, or a space bibtexparser keeps in a word


def _group(depth: int) -> str:
    """A brace group nested at most ``depth`` deep; inside it an escape (``\\{``) is two characters."""
    inner = r"[^{}\\]|\\."
    return r"\{(?:" + inner + (("|" + _group(depth - 1)) if depth > 1 else "") + r")*\}"


# A word outside braces: plain characters, escapes (``\,`` is not a comma), a backslash before a
# separator (it stays in the word, the separator ends it), and brace groups.
_WORD = r"(?:[^ ~\r\n\t,{}\\]|\\[^ ~\r\n\t]|\\(?=[ ~\r\n\t])|" + _group(3) + r")+"
# A word, a comma, or a brace no word takes in (unmatched, or a fourth level): then bibtexparser
# reads the name. Nothing else is left between the tokens but separators.
_TOKEN = re.compile(_WORD + "|[,{}]", re.DOTALL)


def name_parts(name: str) -> Any:
    """bibtexparser's ``NameParts`` of ``name`` (non-strict), as its own parser gives them."""
    return NameParts(*name_words(name))


Words = tuple[list[str], list[str], list[str], list[str]]


def name_words(name: str) -> Words:
    """``(first, von, last, jr)`` word lists of ``name``: the fields of bibtexparser's ``NameParts``."""
    if "{" in name or "}" in name or "\\" in name:
        tokens = _TOKEN.findall(name)
        if name.endswith("\\") or "{" in tokens or "}" in tokens:
            parts = parse_single_name_into_parts(name, strict=False)
            return parts.first, parts.von, parts.last, parts.jr
        sections = _braced_sections(tokens)
        case = _braced_case
    else:
        sections = _plain_sections(name)
        case = _case
    if not sections[-1]:
        sections.pop()
    if not sections or not any(sections):
        return [], [], [], []
    if len(sections) == 1:  # First von Last
        words = sections[0]
        if len(words) == 1:
            return [], [], words, []
        if len(words) == 2:
            return words[:1], [], words[1:], []
        cases = [case(word) for word in words]
        if 0 not in cases:
            return words[:-1], [], words[-1:], []
        first_lower = cases.index(0) - len(cases)
        last_lower = -cases[::-1].index(0) - 1
        if last_lower == -1:
            last_lower -= 1  # the last name cannot be empty
        return words[:first_lower], words[first_lower : last_lower + 1], words[last_lower + 1 :], []
    first = sections[-1]  # von Last, First / von Last, Jr, First (words are never empty)
    jr = sections[1] if len(sections) == 3 else []
    last = sections[0]
    if len(last) > 1:
        cases = [case(word) for word in last]
        if 0 in cases:
            lowers = [i for i, word_case in enumerate(cases[:-1]) if word_case == 0]
            split = (lowers[-1] if lowers else -1) + 1
            return first, last[:split], last[split:], jr
    return first, [], last, jr


def _plain_sections(name: str) -> list[list[str]]:
    """The comma-separated sections of a name without braces or backslashes, as lists of words."""
    if _ODD.search(name):
        sections = [[word for word in _SPACES.split(piece) if word] for piece in name.split(",")]
    else:  # str.split gives no empty words
        sections = [piece.split() for piece in name.split(",")]
    if len(sections) > 3:  # past the third section, further commas separate words only
        sections[2:] = [[word for section in sections[2:] for word in section]]
    return sections


def _braced_sections(tokens: list[str]) -> list[list[str]]:
    """The sections of a name's words and commas (commas inside braces or escaped are in words)."""
    sections: list[list[str]] = [[]]
    for token in tokens:
        if token != ",":
            sections[-1].append(token)
        elif len(sections) < 3:  # past the third section, further commas separate words only
            sections.append([])
    return sections


def _case(word: str) -> int:
    """1 when the first letter is upper case, 0 when lower, -1 without letters (bibtexparser's)."""
    for char in word:
        if char.isalpha():
            return 1 if char.isupper() else 0
    return -1


def _braced_case(word: str) -> int:
    """bibtexparser's case of a word with braces or escapes, which decide which letters count.

    Outside braces the first letter counts, and so does an escaped letter (``\\o``) anywhere. In a
    brace group that starts with a backslash (a special character, ``{\\"O}``, ``{\\c c}``) the
    letters after the control sequence count; in any other group (``{van der Berg}``) none do.
    Same states as bibtexparser's walk, stopped at the first letter that counts.
    """
    if "{" not in word and "\\" not in word:
        return _case(word)
    level = 0
    bracestart = controlseq = special = False
    chars = iter(word)
    for char in chars:
        if char == "\\":
            escaped = next(chars, "")  # a word ends in a backslash only before a separator
            if escaped in (" ", "~", "\r", "\n", "\t", ""):  # not an escape: the backslash stays as written
                bracestart = False
                controlseq = False  # the space ends a control sequence (it is no letter)
                continue
            if bracestart:
                bracestart, controlseq, special = False, escaped.isalpha(), True
            elif escaped.isalpha():
                return 1 if escaped.isupper() else 0
            continue
        if char == "{":
            level += 1
            bracestart, controlseq, special = True, False, False
            continue
        bracestart = False
        if char == "}":
            level -= 1
            controlseq = special = False
        elif not level:
            if char.isalpha():
                return 1 if char.isupper() else 0
        elif controlseq:
            controlseq = char.isalpha()
        elif special and char.isalpha():
            return 1 if char.isupper() else 0
    return -1
