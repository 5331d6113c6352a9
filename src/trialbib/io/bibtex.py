"""BibTeX/BibLaTeX files to CSL-JSON items.

bibtexparser 2 splits the file into blocks (its bare parse, no middlewares); everything after
that is done here in one pass, because its LaTeX and name middlewares are ~20x slower than its
parser and drop entries they cannot handle. Every entry either becomes an item or is reported.
"""

from __future__ import annotations

import logging
import os
import re
from functools import lru_cache
from typing import Any

from trialbib.errors import Location
from trialbib.io.files import read_text
from trialbib.io.latex import latex_to_text
from trialbib.model import Bibliography, Item, Problem, SourceEntry

# BibTeX and BibLaTeX entry types -> CSL types.
ENTRY_TYPES: dict[str, str] = {
    "article": "article-journal",
    "book": "book",
    "mvbook": "book",
    "booklet": "pamphlet",
    "collection": "book",
    "mvcollection": "book",
    "conference": "paper-conference",
    "dataset": "dataset",
    "electronic": "webpage",
    "inbook": "chapter",
    "bookinbook": "chapter",
    "incollection": "chapter",
    "inproceedings": "paper-conference",
    "inreference": "entry-encyclopedia",
    "manual": "book",
    "mastersthesis": "thesis",
    "misc": "document",
    "online": "webpage",
    "patent": "patent",
    "periodical": "periodical",
    "phdthesis": "thesis",
    "proceedings": "book",
    "mvproceedings": "book",
    "reference": "book",
    "report": "report",
    "software": "software",
    "standard": "standard",
    "techreport": "report",
    "thesis": "thesis",
    "unpublished": "manuscript",
    "www": "webpage",
    # BibLaTeX's non-standard types (manual, 2.1.3): in its data model, formatted as misc
    "artwork": "graphic",
    "audio": "song",
    "bibnote": "document",
    "commentary": "document",
    "image": "graphic",
    "jurisdiction": "legal_case",
    "legal": "legal_case",
    "legislation": "legislation",
    "letter": "personal_communication",
    "movie": "motion_picture",
    "music": "song",
    "performance": "performance",
    "review": "review",
    "video": "motion_picture",
    # types of the GB/T 7714 styles (biblatex-gb7714-2015, gbt7714-bibtex-style)
    "map": "map",
    "archive": "document",
    "newspaper": "article-newspaper",
    "database": "dataset",
}
THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}

NAME_FIELDS = {
    "author": "author",
    "editor": "editor",
    "translator": "translator",
    "bookauthor": "container-author",
}
# Plain text fields; "journal" and friends are handled with the entry type below.
TEXT_FIELDS = {
    "title": "title",
    "shorttitle": "title-short",
    "shortjournal": "container-title-short",
    "journalabbr": "container-title-short",
    "volume": "volume",
    "issue": "issue",
    "edition": "edition",
    "publisher": "publisher",
    "address": "publisher-place",
    "location": "publisher-place",
    "series": "collection-title",
    "note": "note",
    "abstract": "abstract",
    "keywords": "keyword",
    "isbn": "ISBN",
    "issn": "ISSN",
    "pmid": "PMID",
    "pmcid": "PMCID",
    "pubstate": "status",
    "type": "genre",
    "chapter": "chapter-number",
    "eventtitle": "event-title",
    "venue": "event-place",
    "version": "version",
    "pagetotal": "number-of-pages",
    "volumes": "number-of-volumes",
    "annote": "annote",
    "annotation": "annote",
    "howpublished": "medium",
}
VERBATIM_FIELDS = {"doi": "DOI", "url": "URL"}
DATE_FIELDS = {"urldate": "accessed", "eventdate": "event-date", "origdate": "original-date"}
LANGUAGES = {
    "english": "en",
    "american": "en-US",
    "british": "en-GB",
    "chinese": "zh",
    "pinyin": "zh",
    "japanese": "ja",
    "korean": "ko",
    "german": "de",
    "ngerman": "de",
    "french": "fr",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "brazilian": "pt-BR",
    "dutch": "nl",
    "russian": "ru",
    "swedish": "sv",
    "danish": "da",
    "norwegian": "nb",
    "finnish": "fi",
    "polish": "pl",
    "czech": "cs",
    "turkish": "tr",
    "greek": "el",
}
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
CONSUMED = {
    "journal",
    "journaltitle",
    "booktitle",
    "number",
    "year",
    "month",
    "day",
    "date",
    "pages",
    "langid",
    "language",
    "institution",
    "school",
    "organization",
    "eprint",
    "eprinttype",
    "subtitle",
    "titleaddon",
}

_ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")
_PAGE_DASH = re.compile(r"\s*(?:-{1,3}|\u2013|\u2014|\u2212)\s*")
_SPACE = re.compile(r"\s+")
_BRACE_WORDS = re.compile(r"\\textbrace(left|right)(?:\{\}|(?![A-Za-z])\s*)")


# bibtexparser logs every block it cannot parse; trialbib reports them as problems instead.
logging.getLogger("bibtexparser").addHandler(logging.NullHandler())
logging.getLogger("bibtexparser").propagate = False


class _FieldError(ValueError):
    """A field value that cannot be turned into the model, with the field's name."""

    def __init__(self, field: str, message: str, code: str = "SYN001"):
        super().__init__(message)
        self.field = field
        self.code = code


def read_bibtex(path: str | os.PathLike[str], *, keep_sources: bool = True) -> Bibliography:
    """Read a .bib file into a Bibliography; problems are returned, not raised."""
    return parse_bibtex(read_text(path, "BibTeX file"), source=str(path), keep_sources=keep_sources)


CHUNK_CHARS = 1 << 18
_BLOCK_START = re.compile(r"\n(?=@[A-Za-z]+\s*[{(])")


def _chunks(text: str) -> list[tuple[int, str]]:
    """``(first line - 1, text)`` pieces of about CHUNK_CHARS, cut only where a block starts.

    bibtexparser holds a whole file's blocks at once; parsing piece by piece keeps only one
    piece's blocks alive beside the items, which halves the peak memory of a large file.
    """
    pieces, start, line = [], 0, 0
    while len(text) - start > CHUNK_CHARS:
        cut = _BLOCK_START.search(text, start + CHUNK_CHARS)
        if cut is None:
            break
        pieces.append((line, text[start : cut.start() + 1]))
        line += text.count("\n", start, cut.start() + 1)
        start = cut.start() + 1
    pieces.append((line, text[start:]))
    return pieces


def parse_bibtex(text: str, source: str = "<string>", *, keep_sources: bool = True) -> Bibliography:
    """Parse BibTeX text into items in file order, reporting every block that failed.

    ``keep_sources=False`` leaves ``bib.sources`` (each entry as written, for file-level checks
    and edits in place) empty, which halves the memory a large bibliography takes.
    """
    bib = Bibliography(source=source)
    strings: dict[str, str] = {}
    seen_keys: dict[str, int] = {}
    for offset, piece in _chunks(text):
        _parse_piece(piece, offset, bib, strings, seen_keys, keep_sources)
    return bib


def _parse_piece(
    text: str, offset: int, bib: Bibliography, strings: dict[str, str], seen_keys: dict[str, int], keep_sources: bool
) -> None:
    """One piece of the file, whose first line is the file's line ``offset + 1``."""
    import bibtexparser
    from bibtexparser import model as bm

    source = bib.source or "<string>"
    library = bibtexparser.parse_string(text, parse_stack=[])
    for block in library.blocks:
        line = (block.start_line or 0) + 1 + offset
        where = Location(file=source, line=line)
        if isinstance(block, bm.String):
            try:
                strings[block.key.lower()] = _resolve(block.value, strings, "@string")
            except _FieldError as exc:
                bib.problems.append(Problem(exc.code, str(exc), where))
        elif isinstance(block, bm.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            key = getattr(entry, "key", None)
            fields = ", ".join(sorted(block.duplicate_keys))
            seen = [f.start_line + 1 + offset for f in getattr(entry, "fields", []) if f.key in block.duplicate_keys]
            at = seen[1] if len(seen) > 1 else line
            bib.problems.append(
                Problem("SYN002", f"field {fields} appears twice; keep one", Location(source, at, key=key))
            )
        elif isinstance(block, bm.ImplicitComment) and block.comment.lstrip().startswith("@"):
            head = block.comment.strip().split("\n", 1)[0][:40]
            bib.problems.append(
                Problem("SYN001", f"{head!r} starts an entry but has no '{{'; write @type{{key, ...}}", where)
            )
        elif isinstance(block, bm.DuplicateBlockKeyBlock):
            if isinstance(block.ignore_error_block, bm.String):
                continue
            first = seen_keys.get(block.key)
            also = f" (first at line {first})" if first else ""
            bib.problems.append(
                Problem(
                    "KEY002",
                    f"duplicate key {block.key!r}{also}; give each entry its own key",
                    Location(source, line, key=block.key),
                )
            )
        elif isinstance(block, bm.ParsingFailedBlock):
            bib.problems.append(Problem(*_describe_failure(block), where))
        elif isinstance(block, bm.Entry):
            if block.key in seen_keys:  # defined in an earlier piece
                bib.problems.append(
                    Problem(
                        "KEY002",
                        f"duplicate key {block.key!r} (first at line {seen_keys[block.key]}); "
                        "give each entry its own key",
                        Location(source, line, key=block.key),
                    )
                )
                continue
            seen_keys[block.key] = line
            _add_entry(bib, block, strings, source, line, keep_sources, offset)


def _describe_failure(block: Any) -> tuple[str, str]:
    """A code and one-line message for a block bibtexparser could not parse."""
    detail = str(block.error).replace("\n", " ")
    raw = (block.raw or "").strip()
    head = raw.split("\n", 1)[0][:60]
    if "Expected comma after entry key" in detail or re.match(r"@\w+\s*[{(]\s*\w+\s*=", raw):
        return "KEY001", f"entry has no citation key: {head!r}; add a key after '{{'"
    if raw.count("{") != raw.count("}") or "Unexpected block start" in detail or "end of file" in detail.lower():
        return "SYN001", f"unbalanced braces in entry {head!r}; close every '{{' with '}}'"
    return "SYN001", f"cannot parse entry {head!r}: {detail.strip()}"


def _add_entry(
    bib: Bibliography,
    entry: Any,
    strings: dict[str, str],
    source: str,
    line: int,
    keep_sources: bool = True,
    offset: int = 0,
) -> None:
    key = entry.key
    where = Location(source, line, key=key)
    etype = entry.entry_type.lower()
    if etype not in ENTRY_TYPES:
        bib.problems.append(
            Problem(
                "SYN004",
                f"unknown entry type @{entry.entry_type}; use a BibTeX or BibLaTeX type such as @article or @misc",
                where,
            )
        )
        return
    fields: dict[str, str] = {}
    try:
        for field in entry.fields:
            _check_size(field.key, field.value)
            fields[field.key.lower()] = _resolve(field.value, strings, field.key)
        item = to_item(key, etype, {name: _brace_words(value) for name, value in fields.items()})
    except _FieldError as exc:
        fline = next((f.start_line + 1 + offset for f in entry.fields if f.key.lower() == exc.field), line)
        bib.problems.append(Problem(exc.code, str(exc), Location(source, fline, key=key)))
        return
    bib.items.append(item)
    bib.locations[key] = where
    if not keep_sources:
        return
    bib.sources[key] = SourceEntry(
        entry_type=etype,
        fields=fields,
        field_lines={f.key.lower(): f.start_line + 1 + offset for f in entry.fields},
        line=line,
    )


def _brace_words(value: str) -> str:
    """``\\textbraceleft{}`` (a lone brace, as writers must spell it) as ``\\{`` for the decoder."""
    if "\\textbrace" not in value:
        return value
    return _BRACE_WORDS.sub(lambda m: "\\{" if m.group(1) == "left" else "\\}", value)


MAX_FIELD_CHARS = 1_000_000
MAX_BRACE_DEPTH = 100
_BRACE = re.compile(r"(?<!\\)[{}]")


def _check_size(field: str, raw: str) -> None:
    """Refuse values no real bibliography has, before they reach the LaTeX decoder."""
    if len(raw) > MAX_FIELD_CHARS:
        raise _FieldError(
            field.lower(),
            f"field {field} is {len(raw):,} characters long (at most {MAX_FIELD_CHARS:,}); shorten it",
            "SYN005",
        )
    if raw.count("{") > MAX_BRACE_DEPTH:
        depth = deepest = 0
        for brace in _BRACE.finditer(raw):
            depth += 1 if brace.group(0) == "{" else -1
            deepest = max(deepest, depth)
        if deepest > MAX_BRACE_DEPTH:
            raise _FieldError(
                field.lower(),
                f"field {field} nests braces {deepest:,} deep (at most {MAX_BRACE_DEPTH}); remove the extra braces",
                "SYN005",
            )


def _resolve(raw: str, strings: dict[str, str], field: str) -> str:
    """The value of a raw BibTeX field: braces/quotes removed, @strings and ``#`` resolved."""
    parts = _split_concat(raw.strip())
    out = []
    for part in parts:
        if len(part) >= 2 and part[0] == "{" and part[-1] == "}" and not _balanced_outer(part):
            closed = part[: _outer_end(part) + 1]
            raise _FieldError(
                field.lower(),
                f"field {field} has text after its closing brace: {closed[:30]!r} is followed by "
                f"{part[len(closed) :].strip()[:30]!r}; is a comma missing between fields?",
            )
        if len(part) >= 2 and ((part[0] == "{" and part[-1] == "}") or (part[0] == '"' and part[-1] == '"')):
            out.append(part[1:-1])
        elif part.isdecimal():
            out.append(part)
        elif part.lower() in strings:
            out.append(strings[part.lower()])
        elif part.lower() in MONTHS and len(part) == 3:
            out.append(str(MONTHS[part.lower()]))
        else:
            raise _FieldError(
                field.lower(),
                f"field {field} uses undefined @string {part!r}; define it or put the value in braces",
                "SYN003",
            )
    return "".join(out)


def _split_concat(raw: str) -> list[str]:
    """Split ``a # {b} # "c"`` at the ``#`` signs that are outside braces and quotes."""
    if "#" not in raw:
        return [raw]
    parts, depth, quoted, start = [], 0, False, 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "#" and depth == 0 and not quoted:
            parts.append(raw[start:i].strip())
            start = i + 1
    parts.append(raw[start:].strip())
    return [p for p in parts if p] or [""]


def to_item(key: str, etype: str, fields: dict[str, str]) -> Item:
    """One CSL-JSON item from an entry's resolved fields (still LaTeX)."""
    item: Item = {"id": key, "type": ENTRY_TYPES[etype], "citation-key": key}
    custom: dict[str, Any] = {}
    for name, value in fields.items():
        if name in NAME_FIELDS:
            names, truncated = parse_names(value, name)
            if names:
                item[NAME_FIELDS[name]] = names
            if truncated:
                custom[f"{NAME_FIELDS[name]}-truncated"] = True
        elif name in TEXT_FIELDS:
            text = latex_to_text(value)
            if text:
                item[TEXT_FIELDS[name]] = text
        elif name in VERBATIM_FIELDS:
            text = _SPACE.sub("", value.replace("{", "").replace("}", "").replace("\\_", "_"))
            if text:
                item[VERBATIM_FIELDS[name]] = text
        elif name in DATE_FIELDS:
            item[DATE_FIELDS[name]] = parse_date(value, name)
        elif name not in CONSUMED and value.strip():
            custom[name] = latex_to_text(value)
    _container(item, etype, fields)
    _numbers(item, etype, fields)
    title = item.get("title")
    for extra, sep in (("subtitle", ": "), ("titleaddon", ". ")):
        if fields.get(extra):
            item["title"] = f"{title or ''}{sep}{latex_to_text(fields[extra])}".strip(": .")
            title = item["title"]
    issued = _issued(fields)
    if issued:
        item["issued"] = issued
    if fields.get("pages"):
        item["page"] = normalize_pages(fields["pages"])
    lang = fields.get("langid") or fields.get("language")
    if lang:
        lang = latex_to_text(lang)
        item["language"] = LANGUAGES.get(lang.lower(), lang)
    eprinttype = fields.get("eprinttype", "").lower()
    if fields.get("eprint"):
        if eprinttype == "pubmed":
            item.setdefault("PMID", fields["eprint"].strip())
        elif eprinttype == "pmcid":
            item.setdefault("PMCID", fields["eprint"].strip())
        else:
            custom["eprint"] = fields["eprint"].strip()
            if eprinttype:
                custom["eprinttype"] = eprinttype
    if etype in THESIS_GENRES and "genre" not in item:
        item["genre"] = THESIS_GENRES[etype]
    if custom:
        item["custom"] = custom
    return item


def _container(item: Item, etype: str, fields: dict[str, str]) -> None:
    container = fields.get("journaltitle") or fields.get("journal") or fields.get("booktitle")
    if container:
        item["container-title"] = latex_to_text(container)
    publisher = fields.get("school") or fields.get("institution") or fields.get("organization")
    if publisher and "publisher" not in item:
        item["publisher"] = latex_to_text(publisher)


def _numbers(item: Item, etype: str, fields: dict[str, str]) -> None:
    number = fields.get("number")
    if not number:
        return
    text = latex_to_text(number)
    if item["type"] in ("article-journal", "periodical") and "issue" not in item:
        item["issue"] = text
    else:
        item["number"] = text


def _issued(fields: dict[str, str]) -> dict[str, Any] | None:
    if fields.get("date"):
        return parse_date(fields["date"], "date")
    year = fields.get("year", "").strip()
    if not year:
        return None
    year = latex_to_text(year)
    if not year.isdecimal():
        return {"literal": year}
    parts = [int(year)]
    month = fields.get("month", "").strip()
    if month:
        number = int(month) if month.isdecimal() else MONTHS.get(month.lower().rstrip("."))
        if number is None or not 1 <= number <= 12:
            raise _FieldError("month", f"month {month!r} is not a month; write 1-12 or jan-dec")
        parts.append(number)
        day = fields.get("day", "").strip()
        if day.isdecimal():
            parts.append(int(day))
    return {"date-parts": [parts]}


def parse_date(value: str, field: str) -> dict[str, Any]:
    """An ISO 8601 date or range (``2019-09-19``, ``2019/2020``) as CSL date-parts."""
    text = latex_to_text(value, dashes=False)
    ranges = []
    for part in text.split("/"):
        match = _ISO_DATE.match(part.strip())
        if not match:
            raise _FieldError(field, f"field {field} has {text!r}, not a date; write YYYY-MM-DD")
        nums = [int(g) for g in match.groups() if g]
        if len(nums) > 1 and not 1 <= nums[1] <= 12 or len(nums) > 2 and not 1 <= nums[2] <= 31:
            raise _FieldError(field, f"field {field} has {text!r}, not a valid date; write YYYY-MM-DD")
        ranges.append(nums)
    return {"date-parts": ranges}


def normalize_pages(value: str) -> str:
    """``991--993`` -> ``991-993``; article numbers and ``S116-S123`` keep their letters."""
    text = latex_to_text(value, dashes=False)
    return _PAGE_DASH.sub("-", text).replace(" ", "")


def parse_names(value: str, field: str = "author") -> tuple[list[dict[str, str]], bool]:
    """CSL names from a BibTeX name list, and whether it ended in ``and others``."""
    names, truncated = _parse_names(value, field)
    return [dict(name) for name in names], truncated


@lru_cache(maxsize=16384)
def _parse_names(value: str, field: str) -> tuple[tuple[dict[str, str], ...], bool]:
    """The work of :func:`parse_names`, memoised: co-author lists repeat across a bibliography."""
    names, truncated = _split_names(value, field)
    return tuple(names), truncated


def _split_names(value: str, field: str) -> tuple[list[dict[str, str]], bool]:
    from bibtexparser.middlewares.names import (
        InvalidNameError,
        parse_single_name_into_parts,
        split_multiple_persons_names,
    )

    names: list[dict[str, str]] = []
    truncated = False
    for raw in split_multiple_persons_names(_SPACE.sub(" ", value.strip())):
        if raw.strip().lower() == "others":
            truncated = True
            continue
        stripped = raw.strip()
        if stripped.startswith("{") and stripped.endswith("}") and _balanced_outer(stripped):
            names.append({"literal": latex_to_text(stripped)})
            continue
        if stripped.endswith(",") and stripped.startswith("{") and _balanced_outer(stripped[:-1].rstrip()):
            names.append({"family": latex_to_text(stripped[:-1])})  # ``{Le Duff},``: a family name only
            continue
        try:
            parts = parse_single_name_into_parts(raw, strict=False)
        except InvalidNameError as exc:
            raise _FieldError(field, f"field {field} has a malformed name {raw!r}: {exc.reason}") from None
        name: dict[str, str] = {}
        family = latex_to_text(" ".join(parts.last))
        if family:
            name["family"] = family
        given = latex_to_text(" ".join(parts.first))
        if given:
            name["given"] = given
        if parts.von:
            name["non-dropping-particle"] = latex_to_text(" ".join(parts.von))
        if parts.jr:
            name["suffix"] = latex_to_text(" ".join(parts.jr))
        if name:
            names.append(name)
    return names, truncated


def _outer_end(text: str) -> int:
    """Index of the brace that closes the first one (the last index when none does)."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0:
            return i
    return len(text) - 1


def _balanced_outer(text: str) -> bool:
    """True when the first brace closes at the very end: ``{World Health Organization}``."""
    depth = 0
    for i, ch in enumerate(text):
        depth += ch == "{"
        depth -= ch == "}"
        if depth == 0:
            return i == len(text) - 1
    return False
