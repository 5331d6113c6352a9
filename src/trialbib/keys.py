"""The citation-key rule: first author's family name, year, first significant title word.

``He J, 2016, "Low-dose interleukin-2 ..."`` gives ``he2016lowdose``. Every Latin letter is
folded to ASCII as Better BibTeX folds it (``Sjögren`` -> ``sjogren``, ``Østergaard`` ->
``ostergaard``, ``Straße`` -> ``strasse``, ``Łukasz`` -> ``lukasz``, ``Æsir`` -> ``aesir``, by
``anyascii``), every character other than a letter or digit is dropped, and letters of other
scripts (Chinese names) are kept as written. Missing parts are left out (``anon`` stands
for a missing author). When two items would get the same key, the first keeps it and the later
ones get ``a``, ``b``, ... appended, in file order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from trialbib.model import Item, first_author_family, issued_year

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "on",
        "in",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "about",
        "as",
        "into",
        "over",
        "under",
        "is",
        "are",
        "was",
        "were",
        "its",
        "their",
        "his",
        "her",
        "our",
        "your",
        "via",
        "or",
        "nor",
        "but",
        "de",
        "la",
        "le",
        "les",
        "des",
        "du",
        "der",
        "die",
        "das",
    ]
)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def key_letters(text: str) -> str:
    """Lower-case ASCII-folded letters and digits of ``text``; letters of non-Latin scripts stay."""
    out = []
    for ch in unicodedata.normalize("NFKD", text.lower()):
        if unicodedata.combining(ch) or not ch.isalnum():
            continue
        out.append(_latin(ch) if not ch.isascii() else ch)
    return "".join(out)


@lru_cache(maxsize=4096)
def _latin(ch: str) -> str:
    """A Latin letter without a decomposition (ø, ß, ł, æ, þ, đ) as ASCII; others unchanged."""
    if not unicodedata.name(ch, "").startswith("LATIN"):
        return ch
    from anyascii import anyascii

    return "".join(c for c in anyascii(ch).lower() if c.isalnum()) or ch


def first_significant_word(title: str) -> str:
    """The first title word that is not a stop word, folded; ``""`` for an empty title."""
    for match in _WORD.finditer(title):
        word = match.group(0)
        if word.lower() not in STOPWORDS:
            return key_letters(word)
    return ""


def base_key(item: Item) -> str:
    """The key the rule gives an item before clashes are resolved."""
    family = first_author_family(item) or ""
    author = key_letters(family) or "anon"
    year = issued_year(item)
    from trialbib.io.latex import strip_tags  # a title may be CSL rich text (<i>In vitro</i>)

    word = first_significant_word(strip_tags(str(item.get("title", ""))))
    return f"{author}{year if year is not None else ''}{word}"


def free_key(item: Item, taken: set[str]) -> str:
    """The rule's key for ``item``, with the first suffix ``a``, ``b``, ... that no key in ``taken`` has."""
    key = candidate = base_key(item)
    n = 0
    while candidate in taken:
        candidate = f"{key}{_suffix(n)}"
        n += 1
    return candidate


def assign_keys(items: Iterable[Item]) -> list[str]:
    """Keys for items in order, with clashes resolved by suffixes ``a``, ``b``, ..."""
    taken: set[str] = set()
    keys: list[str] = []
    for item in items:
        key = free_key(item, taken)
        taken.add(key)
        keys.append(key)
    return keys


def fill_missing_keys(items: Iterable[Item]) -> None:
    """Give each item without a usable key (a RIS record, a CSL item whose id is not a key) the
    key rule's key, clear of every other key: formatting keys items by id, so all keyless items
    but one were lost."""
    items = list(items)
    taken = {str(item["id"]) for item in items if item.get("id")}
    for item in items:
        if not item.get("id"):
            item["id"] = free_key(item, taken)
            taken.add(item["id"])


def _suffix(n: int) -> str:
    """0 -> a, 25 -> z, 26 -> aa: enough letters for any number of clashes."""
    letters = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("a") + rem) + letters
    return letters
