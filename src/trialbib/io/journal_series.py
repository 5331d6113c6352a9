"""A journal's series (biblatex ``series`` on ``@article``) as text, and back.

On an ``@article`` biblatex reads ``series`` as the journal's series, not a book series: an
integer (``series = {3}``, printed "3rd ser.") or a localisation key (``newseries``,
``oldseries``: "new series", "old series"). CSL has one variable for it, ``collection-title``,
which the styles print beside the journal (APA: "William and Mary Quarterly, 3rd Series, 15")
and which pandoc and Zotero fill from ``series`` too. Left as ``3`` or ``newseries`` it prints
as a stray number or a raw key, so the reader writes it out the way pandoc's BibLaTeX reader
does (an ordinal and the ``jourser`` term; the key's term), in the entry's language, and the
BibLaTeX writer turns that text back into the number or key, so neither way loses it.

    >>> series_text("3", "en"), series_text("newseries", None), series_text("Ser. A", "en")
    ('3rd series', 'new series', 'Ser. A')
    >>> series_field("3rd series", "en"), series_field("neue Folge", "de")
    ('3', 'newseries')
"""

from __future__ import annotations

import re

# The full forms of biblatex's .lbx strings ``jourser``, ``newseries``, ``oldseries``.
_TERMS: dict[str, tuple[str, str, str]] = {
    "en": ("series", "new series", "old series"),
    "de": ("Serie", "neue Folge", "alte Folge"),
    "fr": ("série", "nouvelle série", "ancienne série"),
    "es": ("época", "nueva época", "antigua época"),
    "it": ("serie", "nuova serie", "vecchia serie"),
    "nl": ("reeks", "nieuwe reeks", "oude reeks"),
}
KEYS = ("newseries", "oldseries")
JOURNAL_TYPES = frozenset({"article-journal", "article-magazine", "article-newspaper", "periodical"})


def _language(language: str | None) -> str:
    code = (language or "en").split("-")[0].lower()
    return code if code in _TERMS else "en"


def _ordinal(number: int, language: str) -> str:
    """The series' ordinal as the language's .lbx writes it (series are feminine in fr/es/it)."""
    if language == "en":
        suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
        return f"{number}{suffix}"
    if language == "fr":
        return f"{number}{'re' if number == 1 else 'e'}"
    return f"{number}{ {'de': '.', 'es': '.ª', 'it': 'ª', 'nl': 'e'}[language] }"


def coded(raw: str) -> bool:
    """True for a ``series`` biblatex resolves: an integer or a key, not braced (``{3}`` is text)."""
    return raw.strip().isdecimal() or raw.strip().lower() in KEYS


def series_text(value: str, language: str | None) -> str:
    """A journal's ``series`` as it is printed: ``3`` -> ``3rd series``, ``newseries`` -> ``new series``."""
    code = _language(language)
    jourser, new, old = _TERMS[code]
    raw = value.strip()
    if raw.isdecimal():
        return f"{_ordinal(int(raw), code)} {jourser}"
    return {"newseries": new, "oldseries": old}.get(raw.lower(), value)


def series_field(text: str, language: str | None) -> str:
    """The BibLaTeX ``series`` of a journal's series text: the inverse of :func:`series_text`;
    other text comes back as it is (the writer braces a bare ``3`` so that it stays ``3``)."""
    for key in KEYS:
        if series_text(key, language) == text:
            return key
    number = re.match(r"\d+", text)
    if number and series_text(number.group(), language) == text:
        return number.group()
    return text
