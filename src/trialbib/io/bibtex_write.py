"""Items to BibTeX and BibLaTeX text, reporting every field a dialect cannot hold.

Three dialects, one table:

``biblatex``
    Better BibTeX's BibLaTeX: ``journaltitle``, ``shortjournal``, ``date``, ``urldate``,
    ``langid``, ``pubstate``, PMID as ``eprint``/``eprinttype = {pubmed}``. Holds everything.
``bibtex``
    Classic BibTeX for LaTeX users: ``journal``, ``year``/``month``, ``--`` page ranges,
    accented letters as LaTeX commands. Fields that Zotero's BibTeX import reads are written
    although .bst styles ignore them (``shorttitle``, ``shortjournal``, ``urldate``, ``pmid``,
    ``pmcid``, ``language``, ``eventtitle``, ``pagetotal``, ``version``: zotero/translators
    BibTeX.js); what neither reads is left out and reported (see docs/field-mapping.md).
``native``
    The form of the shipped references.bib (``journal`` + ``year``, ``date`` only when it says
    more than the year, ``pmid``, ``pmcid``): used when ``import`` adds entries to such a file.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from trialbib.escape import latex_key, terminal
from trialbib.io import biblatex_map
from trialbib.io.bibtex import CONSUMED, DATE_FIELDS, LANGUAGES, NAME_FIELDS, TEXT_FIELDS, VERBATIM_FIELDS
from trialbib.io.journal_series import JOURNAL_TYPES, coded, series_field
from trialbib.io.latex import escape_latex, has_rich_tags, rich_to_latex
from trialbib.io.zotero import format_date
from trialbib.model import Item

Dialect = Literal["bibtex", "biblatex", "native"]

# CSL types -> BibLaTeX types and entrysubtypes: see io/biblatex_map.py (Better BibTeX's form).
BIBLATEX_TYPES = {ctype: etype for ctype, (etype, _) in biblatex_map.CSL_TO_BIBLATEX.items()}
BIBTEX_TYPES = {
    "article-journal": "article",
    "book": "book",
    "chapter": "incollection",
    "document": "misc",
    "manuscript": "unpublished",
    "pamphlet": "booklet",
    "paper-conference": "inproceedings",
    "report": "techreport",
    "thesis": "phdthesis",
}
# langid names for BCP 47 tags: the first name the reader maps to each tag.
LANGIDS = {tag: name for name, tag in reversed(list(LANGUAGES.items()))} | {"zh": "chinese", "de": "ngerman"}
MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_FIELD_NAME = re.compile(r"^[a-z][a-z0-9_-]*$")
_CAPITAL = re.compile(r"[A-Z]")


@dataclass(frozen=True)
class Entry:
    """An entry ready to print: its type, key, ``(field, value-with-delimiters)`` pairs."""

    entry_type: str
    key: str
    fields: list[tuple[str, str]]


@dataclass
class Written:
    """Text written, and what could not be: ``{model field: [keys]}``, in first-seen order."""

    text: str
    dropped: dict[str, list[str]] = field(default_factory=dict)


def write_bibtex(items: Iterable[Item], dialect: Dialect = "bibtex") -> Written:
    """The items as a .bib file in ``dialect``, and the model fields it had to leave out."""
    dropped: dict[str, list[str]] = {}
    blocks = []
    for item in items:
        entry, lost = to_entry(item, dialect)
        for name in lost:
            dropped.setdefault(name, []).append(item["id"])
        blocks.append(format_entry(entry))
    return Written("\n".join(blocks), dropped)


def format_entry(entry: Entry) -> str:
    """``@type{key,`` and one aligned ``name = {value},`` line per field."""
    lines = [f"@{entry.entry_type}{{{latex_key(entry.key)},"]  # a key cannot end the entry or start a field
    lines += [f"  {name:<9} = {value}," for name, value in entry.fields]
    return "\n".join(lines) + "\n}\n"


def to_entry(item: Item, dialect: Dialect) -> tuple[Entry, list[str]]:
    """One entry and the model fields (or ``type``) it cannot hold in ``dialect``."""
    lost: list[str] = []
    out: dict[str, str] = {}
    etype = _entry_type(item, dialect, out, lost)
    custom = dict(item.get("custom") or {})
    for name in ("author", "editor", "translator", "container-author"):
        if item.get(name):
            target = {"container-author": "bookauthor"}.get(name, name)
            if dialect == "bibtex" and name not in ("author", "editor"):
                lost.append(name)
                continue
            out[target] = "{" + _names(item[name], custom.pop(f"{name}-truncated", False), dialect) + "}"
    for name, value in item.items():
        if name in ("id", "citation-key", "type", "custom") or name in _NAMES or value in (None, "", []):
            continue
        rule = _RULES.get(name) or _own_name_rule(name)
        written = rule(item, value, dialect, etype) if rule else None
        if written is None:
            lost.append(name)
            continue
        if name == "issued" and dialect == "bibtex" and _finer_than_month(value):
            lost.append("issued day")
        for bib_name, bib_value in written:
            if bib_name in out:
                lost.append(name)
            else:
                out[bib_name] = bib_value
    for name, value in custom.items():
        if dialect != "bibtex" and isinstance(value, str) and _FIELD_NAME.match(name) and name not in _RESERVED:
            out.setdefault(name, "{" + _text(value, dialect) + "}")
        elif not (name.endswith("-truncated") and value is False):
            lost.append(f"custom.{name}")
    fields = sorted(out.items(), key=lambda kv: _ORDER.get(kv[0], len(_ORDER)))
    return Entry(etype, item["id"], fields), lost


def _entry_type(item: Item, dialect: Dialect, out: dict[str, str], lost: list[str]) -> str:
    """The entry type for ``item`` in ``dialect``; biblatex's subtype and preprint state go into
    ``out``, and ``type`` into ``lost`` when BibTeX has no type that reads back as the same."""
    ctype = item.get("type", "document")
    if dialect == "bibtex":
        etype = BIBTEX_TYPES.get(ctype, "misc")
        if ctype == "thesis" and item.get("genre") == "Master's thesis":
            etype = "mastersthesis"
        if ctype in ("article-newspaper", "article-magazine"):  # an @article that says which
            out["entrysubtype"] = _braced(ctype.removeprefix("article-"))
            return "article"
        if biblatex_map.ENTRY_TYPES[etype] != ctype:
            lost.append("type")
        return etype
    etype, subtype = biblatex_map.biblatex_type(item)
    if subtype:
        out["entrysubtype"] = _braced(subtype)
    if ctype == "article" and not item.get("status"):
        out["pubstate"] = _braced(biblatex_map.PREPRINT_STATE)
    return etype


# --- values -------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _encoder() -> Any:
    from pylatexenc.latexencode import UnicodeToLatexEncoder

    return UnicodeToLatexEncoder(
        non_ascii_only=True,
        unknown_char_policy="keep",
        unknown_char_warning=False,
        replacement_latex_protection="braces-all",
    )


def _text(value: str, dialect: Dialect) -> str:
    """Field text: LaTeX specials escaped; in classic BibTeX, accents as LaTeX commands too."""
    if has_rich_tags(str(value)):  # CSL rich text: its markup as LaTeX
        return rich_to_latex(str(value), lambda t: _text(t, dialect), lambda t: _text(t, dialect))
    text = _escape(str(value))
    if dialect == "bibtex" and not text.isascii():
        text = _encoder().unicode_to_latex(text)
    return text


def _balanced(text: str) -> bool:
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _escape(text: str) -> str:
    """escape_latex, except that a lone brace, which BibTeX would count even escaped, is spelled out;
    controls and bidi characters are shown as escapes first (``\\textbackslash{}x1b``)."""
    text = terminal(text)
    if _balanced(text):
        return escape_latex(text)
    text = escape_latex(text.replace("{", "\x00").replace("}", "\x01"))
    return text.replace("\x00", r"\textbraceleft{}").replace("\x01", r"\textbraceright{}")


def _title(value: str, dialect: Dialect) -> str:
    """A title with words that hold a capital (beyond its first letter) braced against case change;
    a rich-text title already says which words keep their case."""
    if has_rich_tags(str(value)):
        return _text(value, dialect)
    words = []
    for index, word in enumerate(str(value).split(" ")):
        capitals = _CAPITAL.findall(word[1:] if index == 0 else word)
        words.append("{" + _text(word, dialect) + "}" if capitals else _text(word, dialect))
    return " ".join(words)


def _name_part(text: str, dialect: Dialect, spaces: bool = True) -> str:
    """A name part, braced when a comma, an ``and`` or (in a family name) a space would split it."""
    escaped = _text(text, dialect)
    if "," in text or re.search(r"(?i)(^|\s)and(\s|$)", text) or (spaces and " " in text):
        return "{" + escaped + "}"
    return escaped


def _names(names: list[dict[str, Any]], truncated: bool, dialect: Dialect) -> str:
    """``Family, Given`` names joined by `` and ``, with ``and others`` for a truncated list."""
    out = []
    for name in names:
        if "literal" in name or "family" not in name:
            out.append("{" + _text(name.get("literal", name.get("given", "")), dialect) + "}")
            continue
        family = _name_part(name["family"], dialect)
        particle = name.get("non-dropping-particle") or name.get("dropping-particle")
        if particle:
            family = f"{_text(particle, dialect)} {family}"
        parts = [family]
        if name.get("suffix"):
            parts.append(_name_part(name["suffix"], dialect))
        if name.get("given") or name.get("suffix"):
            parts.append(_name_part(name.get("given", ""), dialect, spaces=False))
        out.append(", ".join(parts) if len(parts) > 1 or not family.startswith("{") else family + ",")
    if truncated:
        out.append("others")
    return " and ".join(out)


def _writable_verbatim(text: str) -> bool:
    """Whether a value written unescaped (DOI, URL, ISBN) keeps the .bib readable: braces balance
    and it does not end in a backslash that would escape the closing brace."""
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and not text.endswith("\\") and terminal(text) == text  # no raw control


def _braced(text: str) -> str:
    return "{" + text + "}"


# --- the table: model field -> [(bib field, value)] per dialect ---------------------------

Rule = Callable[[Item, Any, Dialect, str], list[tuple[str, str]] | None]
_NAMES = {"author", "editor", "translator", "container-author"}


def _plain(target: str, bibtex: bool = True, title: bool = False) -> Rule:
    def rule(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
        if dialect == "bibtex" and not bibtex:
            return None
        return [(target, _braced((_title if title else _text)(str(value), dialect)))]

    return rule


def _verbatim(target: str, bibtex: bool = True) -> Rule:
    def rule(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
        if (dialect == "bibtex" and not bibtex) or not _writable_verbatim(str(value)):
            return None  # reported as a field the file cannot hold, rather than a .bib that breaks
        return [(target, _braced(str(value)))]

    return rule


def _container(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]]:
    name = ("journaltitle" if dialect == "biblatex" else "journal") if etype == "article" else "booktitle"
    return [(name, _braced(_text(value, dialect)))]


def _issued(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
    parts = value.get("date-parts") if isinstance(value, dict) else None
    if not parts or not parts[0] or not all(isinstance(p, int) for r in parts for p in r):
        literal = value.get("literal") or value.get("raw") if isinstance(value, dict) else None
        return [("year", _braced(_text(literal, dialect)))] if literal else None
    first = parts[0]
    if dialect == "biblatex":
        return [("date", _braced(format_date(value)))]
    if dialect == "native":
        out = [("year", _braced(str(first[0])))]
        if len(first) > 1 or len(parts) > 1:
            out.append(("date", _braced(format_date(value))))
        return out
    out = [("year", _braced(str(first[0])))]
    if len(first) > 1:
        out.append(("month", MONTH_MACROS[first[1] - 1]))
    return out


def _finer_than_month(value: Any) -> bool:
    """True when a date says more than classic BibTeX's ``year``/``month`` can: a day, a range."""
    parts = value.get("date-parts") or [[]]
    return len(parts) > 1 or len(parts[0]) > 2


def _date(target: str, bibtex: bool = False) -> Rule:
    def rule(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
        if (dialect == "bibtex" and not bibtex) or not isinstance(value, dict) or "date-parts" not in value:
            return None
        return [(target, _braced(format_date(value)))]

    return rule


def _pages(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]]:
    return [("pages", _braced(_text(str(value), dialect).replace("-", "--")))]


def _issue(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]]:
    numbered = etype in ("article", "periodical", "review")  # a serial's ``number`` is its issue
    return [("number" if numbered else "issue", _braced(_text(str(value), dialect)))]


def _series(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]]:
    """A journal's series back to biblatex's number or key (``3rd series`` -> ``3``)."""
    text = str(value)
    if item.get("type") not in JOURNAL_TYPES:
        return [("series", _braced(_text(text, dialect)))]
    field = series_field(text, item.get("language")) if dialect != "bibtex" else text
    if field == text and coded(text):  # a series written "3" stays "3": braced, biblatex prints it as text
        return [("series", _braced(_braced(_text(text, dialect))))]
    return [("series", _braced(_text(field, dialect)))]


def _publisher(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]]:
    name = {"phdthesis": "school", "mastersthesis": "school", "thesis": "institution"}.get(etype, "publisher")
    if etype in ("report", "techreport"):
        name = "institution"
    return [(name, _braced(_text(value, dialect)))]


def _place(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]]:
    return [("address" if dialect == "bibtex" else "location", _braced(_text(value, dialect)))]


def _language(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
    name = "language" if dialect == "bibtex" else "langid"  # Zotero's BibTeX import reads language
    return [(name, _braced(LANGIDS.get(value, _text(value, dialect))))]


def _pmid(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
    if dialect == "biblatex" and "eprint" not in (item.get("custom") or {}):
        return [("eprint", _braced(str(value))), ("eprinttype", "{pubmed}")]
    return [("pmid", _braced(str(value)))]


def _genre(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
    if etype in ("phdthesis", "mastersthesis") and value == {"phdthesis": "PhD thesis"}.get(etype, "Master's thesis"):
        return []
    return [("type", _braced(_text(value, dialect)))]


def _number(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
    text = _braced(_text(str(value), dialect))
    if etype not in ("article", "periodical", "review"):
        return [("number", text)]
    # A serial's ``number`` is its issue (biblatex, BibTeX, pandoc): an article's own number
    # (Article 106347) is ``eid`` in both dialects; classic styles that know it print it.
    return [("eid", text)]


def _medium(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
    """``howpublished`` beside a publisher; alone it reads back as the publisher (as biblatex
    prints it), so BibLaTeX keeps a lone medium in a field of its own name."""
    name = "howpublished" if item.get("publisher") or dialect == "bibtex" else "medium"
    return [(name, _braced(_text(str(value), dialect)))]


def _own_name_rule(name: str) -> Rule | None:
    """BibLaTeX has no field for these CSL variables: a field of their own name keeps them
    (``archive_location``, ``scale``, ``origtitle``, ``director``); classic BibTeX reports them."""
    if (
        name not in biblatex_map.OWN_NAME
        and name not in biblatex_map.NAME_VARIABLES
        and name not in biblatex_map.RENAMED
    ):
        return None
    target = biblatex_map.field_name(name)

    def rule(item: Item, value: Any, dialect: Dialect, etype: str) -> list[tuple[str, str]] | None:
        if dialect == "bibtex":
            return None
        if name in biblatex_map.NAME_VARIABLES:
            return [(target, _braced(_names(value, False, dialect)))] if isinstance(value, list) else None
        if name in biblatex_map.DATE_VARIABLES:
            ok = isinstance(value, dict) and "date-parts" in value
            return [(target, _braced(format_date(value)))] if ok else None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return None
        return [(target, _braced(_text(str(value), dialect)))]

    return rule


_RULES: dict[str, Rule] = {
    "title": _plain("title", title=True),
    "title-short": _plain("shorttitle", title=True),
    "container-title": _container,
    "container-title-short": _plain("shortjournal"),
    "issued": _issued,
    "accessed": _date("urldate", bibtex=True),
    "original-date": _date("origdate"),
    "event-date": _date("eventdate"),
    "volume": _plain("volume"),
    "issue": _issue,
    "number": _number,
    "page": _pages,
    "edition": _plain("edition"),
    "publisher": _publisher,
    "publisher-place": _place,
    "collection-title": _series,
    "note": _plain("note"),
    "abstract": _plain("abstract"),
    "keyword": _plain("keywords"),
    "ISBN": _verbatim("isbn"),
    "ISSN": _verbatim("issn"),
    "DOI": _verbatim("doi"),
    "URL": _verbatim("url"),
    "PMID": _pmid,
    "PMCID": _verbatim("pmcid"),
    "status": _plain("pubstate", bibtex=False),
    "language": _language,
    "genre": _genre,
    "chapter-number": _plain("chapter"),
    "event-title": _plain("eventtitle"),
    "event-place": _plain("venue", bibtex=False),
    "version": _plain("version"),
    "number-of-pages": _plain("pagetotal"),
    "number-of-volumes": _plain("volumes", bibtex=False),
    "annote": lambda i, v, d, e: [("annote" if d == "bibtex" else "annotation", _braced(_text(v, d)))],
    "medium": _medium,
}
_ORDER = {
    name: index
    for index, name in enumerate(
        [
            "author",
            "editor",
            "translator",
            "bookauthor",
            "title",
            "shorttitle",
            "journal",
            "journaltitle",
            "shortjournal",
            "booktitle",
            "year",
            "month",
            "date",
            "pubstate",
            "entrysubtype",
            "urldate",
            "origdate",
            "eventtitle",
            "eventdate",
            "venue",
            "volume",
            "number",
            "issue",
            "eid",
            "pages",
            "chapter",
            "edition",
            "series",
            "type",
            "publisher",
            "school",
            "institution",
            "address",
            "location",
            "isbn",
            "issn",
            "doi",
            "url",
            "eprint",
            "eprinttype",
            "pmid",
            "pmcid",
            "langid",
            "howpublished",
            "pagetotal",
            "volumes",
            "version",
            "keywords",
            "abstract",
            "note",
            "annote",
            "annotation",
        ]
    )
}
# Fields the reader gives a meaning of its own: a custom value of that name cannot be one.
_RESERVED = set(_ORDER) | set(TEXT_FIELDS) | set(NAME_FIELDS) | set(VERBATIM_FIELDS) | set(DATE_FIELDS) | CONSUMED
