"""RIS files (EndNote, Zotero, Mendeley) to and from items, through rispy.

Tags as Zotero writes and reads them: ``TY``, ``ID`` (the citation key), ``AU``/``A2``, ``TI``,
``T2``+``JO`` (journal), ``J2`` (abbreviation), ``PY``+``DA`` (``2019/09/19/``), ``Y2`` (access
date), ``VL``, ``IS``, ``SP``/``EP``, ``DO``, ``LA``, ``N1`` (the note). What has no tag (PMID,
PMCID, status, a truncated author list, custom fields) goes into one more ``N1`` in Zotero's
Extra form (:mod:`trialbib.io.zotero`), which the reader takes apart again.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from typing import Any

from trialbib.errors import Location
from trialbib.io import zotero
from trialbib.io.files import read_text
from trialbib.model import Bibliography, Item, Problem

RIS_TYPES = {
    "article-journal": "JOUR",
    "article-magazine": "MGZN",
    "article-newspaper": "NEWS",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper-conference": "CPAPER",
    "report": "RPRT",
    "thesis": "THES",
    "webpage": "ELEC",
    "document": "GEN",
    "manuscript": "UNPB",
    "dataset": "DATA",
    "software": "COMP",
    "patent": "PAT",
    "standard": "STAND",
    "pamphlet": "PAMP",
    "entry-encyclopedia": "ENCYC",
    "legal_case": "CASE",
    "bill": "BILL",
    "map": "MAP",
    "personal_communication": "PCOMM",
    "motion_picture": "MPCT",
    "song": "SOUND",
    "graphic": "ART",
    "legislation": "STAT",
    "entry-dictionary": "DICT",
    "hearing": "HEAR",
    "figure": "FIGURE",
    "musical_score": "MUSIC",
    "classic": "CLSWK",
    "post-weblog": "BLOG",
}
CSL_TYPES = {tag: ctype for ctype, tag in RIS_TYPES.items()} | {"CONF": "paper-conference", "EJOUR": "article-journal"}
# model field -> rispy key, for plain text fields
TEXT_TAGS = {
    "title": "title",
    "title-short": "short_title",
    "container-title-short": "alternate_title1",
    "volume": "volume",
    "issue": "number",
    "edition": "edition",
    "publisher": "publisher",
    "publisher-place": "place_published",
    "abstract": "abstract",
    "DOI": "doi",
    "language": "language",
    "genre": "type_of_work",
    "collection-title": "tertiary_title",
    "number-of-volumes": "number_of_volumes",
    "section": "section",
}
NAME_TAGS = {"author": "authors", "editor": "secondary_authors", "translator": "translated_author"}


def write_ris(items: list[Item], trials: dict[str, list[str]] | None = None) -> tuple[str, dict[str, list[str]]]:
    """RIS text, and ``{model field: [keys]}`` for fields held only in an ``N1`` note."""
    import rispy

    _Writer = _writer()
    records = []
    noted: dict[str, list[str]] = {}
    for item in items:
        record, extra = to_record(item, (trials or {}).get(item["id"]))
        record = {name: _inert(value) for name, value in record.items()}
        for name in extra:
            noted.setdefault(name, []).append(item["id"])
        records.append(record)
    return rispy.dumps(records, implementation=_Writer), noted


def _inert(value: Any) -> Any:
    """A value that stays in its field: controls shown as escapes, and a continuation line that
    reads as a tag (``ER  -``, ``TY  -``: a forged record) indented by a space."""
    if isinstance(value, list):
        return [_inert(v) for v in value]
    if not isinstance(value, str):
        return value
    from trialbib.escape import terminal

    return _CONTINUED_TAG.sub(r" \1  -", terminal(value))


_CONTINUED_TAG = re.compile(r"(?<=\n)([A-Z][A-Z0-9])  -")


def _writer() -> Any:
    from rispy.writer import RisWriter

    class Writer(RisWriter):  # type: ignore[misc,unused-ignore]  # rispy has no type hints
        """rispy's writer without its ``1.`` line before each record, which is not RIS."""

        def set_header(self, count: int) -> str:
            return ""

    return Writer


def to_record(item: Item, trials: list[str] | None = None) -> tuple[dict[str, Any], list[str]]:
    """One rispy record, and the model fields it could only keep in the Extra-form note."""
    record: dict[str, Any] = {"type_of_reference": RIS_TYPES.get(item.get("type", ""), "GEN"), "id": item["id"]}
    noted: list[str] = []
    if record["type_of_reference"] == "GEN" and item.get("type") != "document":
        noted.append("type")
    for name, tag in NAME_TAGS.items():
        if item.get(name):
            record[tag] = [_name(n) for n in item[name]]
    for name, tag in TEXT_TAGS.items():
        if item.get(name):
            record[tag] = str(item[name])
    if item.get("container-title"):
        record["secondary_title"] = item["container-title"]
        if record["type_of_reference"] == "JOUR":
            record["journal_name"] = item["container-title"]
    _dates_and_pages(item, record)
    if item.get("URL"):
        record["urls"] = [item["URL"]]
    if item.get("ISBN") or item.get("ISSN"):
        record["issn"] = item.get("ISBN") or item.get("ISSN")
        if item.get("ISBN") and item.get("ISSN"):
            noted.append("ISSN")
    if item.get("keyword"):
        record["keywords"] = [k.strip() for k in str(item["keyword"]).split(",")]
    notes = _notes(item, trials, noted)
    if notes:
        record["notes"] = notes
    return record, noted


def _dates_and_pages(item: Item, record: dict[str, Any]) -> None:
    """Fill in ``year``, ``date``, ``access_date``, ``start_page`` and ``end_page``."""
    issued = item.get("issued") or {}
    if issued.get("date-parts"):
        record["year"] = str(issued["date-parts"][0][0])
        record["date"] = _ris_date(issued)
    elif issued.get("literal"):
        record["year"] = issued["literal"]
    if item.get("accessed", {}).get("date-parts"):
        record["access_date"] = _ris_date(item["accessed"])
    if item.get("page"):
        start, _, end = str(item["page"]).partition("-")
        record["start_page"] = start
        if end:
            record["end_page"] = end


def _notes(item: Item, trials: list[str] | None, noted: list[str]) -> list[str]:
    """The Extra-form note (what RIS has no tag for) and the item's own note; adds to ``noted``
    the fields only the Extra-form note keeps."""
    lines = zotero.extra_lines(item, trials)[1:]  # ID holds the key
    if "type" in noted:
        lines.insert(0, f"type: {item['type']}")  # Zotero's Extra convention: the type RIS cannot say
    if item.get("ISBN") and item.get("ISSN"):
        lines.append(f"ISSN: {item['ISSN']}")
    handled = set(TEXT_TAGS) | set(NAME_TAGS) | {"container-title", "issued", "accessed", "page", "URL", "ISBN"}
    handled |= {"ISSN", "keyword", "id", "citation-key", "type", "note", *zotero.EXTRA_VARIABLES, "custom"}
    lines += [zotero.variable_line(n, v) for n, v in item.items() if n not in handled and v not in (None, "", [])]
    noted += [n for n in zotero.EXTRA_VARIABLES if item.get(n)]
    noted += [f"custom.{n}" for n in item.get("custom") or {}]
    noted += [n for n in item if n not in handled]
    notes = []
    if lines:
        notes.append("\n".join(lines))
    if item.get("note"):
        notes.append(item["note"])
    return notes


def _name(name: dict[str, Any]) -> str:
    """``Family, Given, Suffix`` (particles lead the family; a literal stays whole)."""
    if "family" not in name:
        return str(name.get("literal", name.get("given", "")))
    family = name["family"]
    particle = name.get("non-dropping-particle") or name.get("dropping-particle")
    if particle:
        family = f"{particle} {family}"
    parts = [family, name.get("given", "")]
    if name.get("suffix"):
        parts.append(name["suffix"])
    return ", ".join(parts)


def _ris_date(value: dict[str, Any]) -> str:
    """RIS ``YYYY/MM/DD/`` (empty parts kept: ``2019//``)."""
    parts = [*value["date-parts"][0], "", ""][:3]
    return "/".join(f"{p:02d}" if isinstance(p, int) and i else str(p) for i, p in enumerate(parts)) + "/"


def read_ris(path: str | os.PathLike[str], trials: dict[str, list[str]] | None = None) -> Bibliography:
    """Read a RIS file; keys come from ``ID`` (or are left for the importer to generate)."""
    return parse_ris(read_text(path, "RIS file"), str(path), trials)


def parse_ris(text: str, source: str = "<string>", trials: dict[str, list[str]] | None = None) -> Bibliography:
    """Items from RIS text; a file rispy cannot read is one problem naming it."""
    import rispy

    bib = Bibliography(source=source)
    unended = _unended_record(text)
    if unended is not None:
        bib.problems.append(
            Problem(
                "SYN001",
                "the record starting here has no 'ER  -' line; end each record with 'ER  -'",
                Location(source, unended),
            )
        )
        return bib
    try:
        records = rispy.loads(text, implementation=_parser(), skip_unknown_tags=True)
    except (OSError, ValueError, KeyError, IndexError) as exc:
        bib.problems.append(Problem("SYN001", f"is not a RIS file rispy can read: {exc}", Location(source)))
        return bib
    lines = [line for tag, line in _tags(text) if tag == "TY"]
    for index, record in enumerate(records):
        item, links = from_record(record)
        line = lines[index] if index < len(lines) else None
        bad_date = next(
            ((n, e) for n in zotero.DATE_VARIABLES if n in item and (e := zotero.date_error(item[n]))), None
        )
        if bad_date:
            name, why = bad_date
            tag = {"issued": "PY/DA", "accessed": "Y2"}.get(name, f"the N1 line {name}")
            bib.problems.append(
                Problem(
                    "SYN001",
                    f"record {index + 1}: {tag} {_shown_date(item[name])} {why}; write YYYY/MM/DD/",
                    Location(source, line, key=item["id"] or None),
                )
            )
            continue
        bib.items.append(item)
        if item["id"]:
            bib.locations.setdefault(item["id"], Location(source, line, key=item["id"]))
        if trials is not None and links:
            trials[item["id"] or f"#{index + 1}"] = links
    return bib


def _shown_date(value: Any) -> str:
    try:
        return repr(zotero.format_date(value))
    except (TypeError, ValueError, AttributeError):
        return json.dumps(value, ensure_ascii=False)[:60]


_TAG = re.compile(r"^([A-Z][A-Z0-9])  -", re.MULTILINE)


def _parser() -> Any:
    from rispy.parser import RisParser

    class Parser(RisParser):  # type: ignore[misc,unused-ignore]  # rispy has no type hints
        """rispy's parser with continuation lines joined once per field, not once per line.

        rispy joins each continuation line onto the value so far, which is quadratic in the
        number of lines; the pieces are kept in a list here and joined when the file is read.
        """

        def _add_single_value(self, record: dict[str, Any], name: str, value: Any, is_multi: bool = False) -> None:
            if is_multi and isinstance(value, str) and isinstance(record.get(name), str):
                record.setdefault(_PIECES, {}).setdefault(name, [record[name]]).append(value)
                return
            super()._add_single_value(record, name, value, is_multi)

        def parse(self, text: str) -> list[dict[str, Any]]:
            records: list[dict[str, Any]] = super().parse(text)
            for record in records:
                for name, pieces in record.pop(_PIECES, {}).items():
                    record[name] = " ".join(pieces)
            return records

    return Parser


_PIECES = "\0continued"


def _tags(text: str) -> Iterator[tuple[str, int]]:
    """Each tag and its line, counting lines as it goes (one pass, however many records)."""
    line, counted = 1, 0
    for match in _TAG.finditer(text):
        line += text.count("\n", counted, match.start())
        counted = match.start()
        yield match.group(1), line


def _unended_record(text: str) -> int | None:
    """The line of the first ``TY`` whose record has no ``ER`` before the next ``TY`` or the end."""
    open_at: int | None = None
    for tag, line in _tags(text):
        if tag == "TY":
            if open_at is not None:
                return open_at
            open_at = line
        elif tag == "ER":
            open_at = None
    return open_at


def from_record(record: dict[str, Any]) -> tuple[Item, list[str]]:
    """One item from a rispy record, and the trial links its Extra-form note names."""
    item: Item = {"type": CSL_TYPES.get(record.get("type_of_reference", ""), "document")}
    for name, tag in NAME_TAGS.items():
        names = record.get(tag) or (record.get("first_authors") if name == "author" else None)
        if names:
            item[name] = [_parse_name(n) for n in (names if isinstance(names, list) else [names])]
    for name, tag in TEXT_TAGS.items():
        if record.get(tag):
            item[name] = str(record[tag]).strip()
    container = record.get("secondary_title") or record.get("journal_name") or record.get("alternate_title3")
    if container:
        item["container-title"] = container
    if record.get("title") is None and record.get("primary_title"):
        item["title"] = record["primary_title"]
    date = _issued(record)
    if date:
        item["issued"] = date
    accessed = _parse_ris_date(record.get("access_date"))
    if accessed:
        item["accessed"] = accessed
    if record.get("start_page"):
        item["page"] = str(record["start_page"]) + (f"-{record['end_page']}" if record.get("end_page") else "")
    if record.get("urls"):
        item["URL"] = record["urls"][0]
    if record.get("issn"):
        item["ISBN" if item["type"] in ("book", "chapter") else "ISSN"] = record["issn"]
    if record.get("keywords"):
        item["keyword"] = ", ".join(record["keywords"])
    links = _read_notes(record, item)
    key = record.get("id") or item.pop("id", None) or ""
    item.pop("id", None)
    return {"id": key, **item, "citation-key": key}, links


def _issued(record: dict[str, Any]) -> dict[str, Any] | None:
    """The date of ``DA`` or ``PY``; else ``Y1``'s year, or its text as a literal."""
    date = _parse_ris_date(record.get("date")) or _parse_ris_date(record.get("publication_year"))
    if not date and record.get("year"):
        year = str(record["year"]).strip()
        date = {"date-parts": [[int(year)]]} if year.isdecimal() else {"literal": year}
    return date


def _read_notes(record: dict[str, Any], item: Item) -> list[str]:
    """Read the Extra-form fields of the notes into ``item`` (the rest is its note); the trial links."""
    links: list[str] = []
    notes = []
    for note in record.get("notes") or []:
        fields, found, rest = zotero.parse_note(note)
        links += found
        key = fields.pop("id", None)
        if key:
            item.setdefault("id", key)
        for name, value in fields.items():
            if name == "custom":
                item["custom"] = {**item.get("custom", {}), **value}
            elif name == "type":
                item["type"] = value  # a CSL type RIS has no tag for (written by to_record)
            else:
                item.setdefault(name, value)
        if rest:
            notes.append(rest)
    if notes:
        item["note"] = "\n".join(notes)
    return links


def _parse_name(text: str) -> dict[str, str]:
    """``Family, Given, Suffix`` back to CSL; leading lower-case words are a particle."""
    parts = [p.strip() for p in str(text).split(",")]
    if len(parts) == 1:
        return {"literal": parts[0]}
    family = parts[0]
    name: dict[str, str] = {}
    words = family.split(" ")
    particle = []
    while len(words) > 1 and words[0][:1].islower():
        particle.append(words.pop(0))
    name["family"] = " ".join(words)
    if parts[1]:
        name["given"] = parts[1]
    if particle:
        name["non-dropping-particle"] = " ".join(particle)
    if len(parts) > 2 and parts[2]:
        name["suffix"] = ", ".join(parts[2:])
    return name


def _parse_ris_date(value: Any) -> dict[str, Any] | None:
    """``2019/09/19/`` or ``2019-09-19`` or ``2019`` -> date-parts; None when there is none.

    Seam: once ``io/dates.py`` (the shared date parser) is merged, this should call it, keeping
    the one-line RIS messages of tests/data/bad (``PY/DA ... has the month 13``).
    """
    if not value:
        return None
    text = str(value).strip().replace("-", "/")
    pieces = [p for p in text.split("/")[:3] if p.strip()]
    if not pieces or not all(p.strip().isdecimal() for p in pieces):
        return None
    return {"date-parts": [[int(p) for p in pieces]]}
