"""Printed references to fields: GB/T 7714 (house and standard punctuation) and Vancouver/NLM.

A printed list is text a typesetter made, so the parser is tolerant: spaces around punctuation,
upper-cased family names, ``et al.``/``等``, a missing type code. What it cannot place is kept in
``unread`` instead of being guessed at or raising; nothing here raises on any input.

    >>> e = parse_reference("[3] Rosenzwajg M, Lorenzon R , et al. Title[J]. Ann Rheum Dis, 2019,78(2):209-217.")
    >>> (e.number, e.authors, e.truncated, e.container, e.volume, e.issue, e.pages)
    (3, ('Rosenzwajg M', 'Lorenzon R'), True, 'Ann Rheum Dis', '78', '2', '209-217')
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from trialbib.crosscheck.terms import et_al_pattern, terms_pattern

_NUMBER = re.compile(r"^\s*(?:\[\s*(\d{1,4})\s*\]|(\d{1,4})\s*\.(?!\d)|\(\s*(\d{1,4})\s*\))\s*")
_TYPE = re.compile(r"\[\s*([A-Z]{1,2})\s*(?:/\s*(OL)\s*)?\]")
_PERIOD = re.compile(r"[.．。]")
_ETAL_TAIL = re.compile(rf"\s*,?\s*(?P<etal>{et_al_pattern()})$")
_ETAL = re.compile(rf"^(?:{et_al_pattern()})$")
# "et al." in any locale after a comma, full stop included (``e.a.``, ``u. a.``, ``m.fl.``)
_ETAL_STOP = re.compile(rf"[,，]\s*(?P<etal>{et_al_pattern()})(?=[\s.．。]|$)\s*[.．。]?")
_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
_ACCESSED = re.compile(rf"\[\s*({_DATE})\s*\]")
_RESOLVER = r"https?://(?:dx\.)?doi\.org/"
_DOI = re.compile(rf"(?:\bDOI\s*:\s*(?:{_RESOLVER})?|\b{_RESOLVER})(10\.\S+)", re.IGNORECASE)
_URL = re.compile(r"\bhttps?://\S+", re.IGNORECASE)
_PMID = re.compile(r"\b(?:PubMed\s+)?PMID\s*:\s*(\d+)", re.IGNORECASE)
_PMCID = re.compile(r"\b(?:PubMed\s+Central\s+)?PMCID\s*:\s*PMC\d+", re.IGNORECASE)
# Pages, an article number, or an identifier in the pages' place (``3:1-3:29``, ``arXiv:1708.04058``);
# the identifier's run is possessive, so a long run that fails is not backtracked through.
_RANGE = r"[A-Za-z]?\d[\w]*(?:\s*[-–—]\s*[A-Za-z]?\d[\w]*)?"
_PAGES = rf"{_RANGE}(?:,\s*{_RANGE})*|(?=[\w.:/+–-]*\d)\w[\w.:/+–-]*+"
# A season in the year's place ("Autumn 2001"), in any CSL locale; an issue with a note in
# brackets ("2, (1988)").
_SEASON = rf"(?:(?:Fall|{terms_pattern('season-01', 'season-02', 'season-03', 'season-04')})\s+)"
_ISSUE = r"(?:[^()]|\([^()]*\))*?"
# GB/T 7714 journal form: "Journal, 2019, 78(2): 209-217" with or without spaces.
# The container may hold commas ("Journal of Experimental Psychology: Learning, Memory, and
# Cognition, 1990, 16: 316-327"); a journal without volumes prints the issue after the year
# ("中国图书馆学报, 1996(2): 24-29").
_GBT = re.compile(
    rf"^(?P<container>.+?)\s*,\s*{_SEASON}?(?P<year>\d{{4}}(?:/\d{{2,4}})?)(?:[a-z]|-(?P<month_day>\d{{1,2}}(?:-\d{{1,2}})?))?"
    rf"(?:\s*\(\s*(?P<online>{_DATE})\s*\))?"
    rf"(?:\s*,\s*(?P<volume>[^():,\[\]]*?)\s*(?:\(\s*(?P<issue>{_ISSUE})\s*\))?|\s*\(\s*(?P<issue_only>{_ISSUE})\s*\))?"
    rf"(?:\s*:\s*(?P<pages>{_PAGES}))?\s*[.,;]?\s*$"
)
# GB/T 7714 electronic form without a journal: "(2019-09-19)[2019-10-01]", a web page's
# "Publisher, (2023)" or "(2023-05)": the date as precise as it is known (2015 and 2025 editions).
_GBT_ONLINE = re.compile(
    r"^(?:(?P<publisher>[^()]+?)\s*[,.]\s*)?\(\s*(?P<online>\d{4}(?:-\d{1,2}){0,2})\s*\)\s*[.,]?\s*$"
)
# Vancouver/NLM: "Journal. 2019;78(2):209-17" or "Journal. 2019 Sep 19".
_VANCOUVER = re.compile(
    rf"^(?P<container>[^.;]+?)\s*\.\s*{_SEASON}?(?P<year>\d{{4}}(?:/\d{{2,4}})?)(?:\s*[A-Z][a-z]{{2}}(?:\s*\d{{1,2}})?)?"
    rf"(?:\s*;\s*(?P<volume>[^():;]*?)\s*(?:\(\s*(?P<issue>{_ISSUE})\s*\))?)?"
    rf"(?:\s*:\s*(?P<pages>{_PAGES}))?\s*[.]?\s*$"
)
# Vancouver's online markers, in English and in the Chinese locale citeproc uses for Chinese items;
# (?<!\s) starts a match only where a run of spaces starts, so a long run is scanned once.
# The terms of other locales (a per-item locale: "[henvist 2014 Aug 4]", "Tilgængelig hos:") come
# from the CSL locale files.
_INTERNET = re.compile(
    rf"(?<!\s)\s*\[\s*(?:Internet|网际网络|互联网|Online|{terms_pattern('internet')})\s*\]", re.IGNORECASE
)
_CITED = re.compile(
    rf"(?<!\s)\s*\[\s*(?:cited|见引于|引用于|accessed|{terms_pattern('cited')})\s+([^\]]+?)\s*\]", re.IGNORECASE
)
_AVAILABLE = re.compile(
    rf"(?<!\s)\s*(?:Available\s+(?:from|at)|载于|{terms_pattern('available at')})\s*[:：]\s*\.?", re.IGNORECASE
)
_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}


def _vancouver_date(text: str) -> str | None:
    """``2012 Jan 26`` -> ``2012-01-26`` (None when it is not such a date)."""
    match = re.fullmatch(r"(\d{4})\s+([A-Za-z]{3})[a-z]*\.?(?:\s+(\d{1,2}))?", text.strip())
    if not match or match.group(2).lower() not in _MONTHS:
        return None
    parts = [match.group(1), f"{_MONTHS[match.group(2).lower()]:02d}"] + (
        [f"{int(match.group(3)):02d}"] if match.group(3) else []
    )
    return "-".join(parts)


_SENTENCE_END = re.compile(r"(?:(?<=[.?!．。])|(?<=[.?!][”’\"»]))\s*")  # "...Cognition.” Journal"
MAX_SOURCE = 500  # a source part ("Nat Med, 2016, 22(9): 991-993") is short; longer tails are not tried


_TRANSLATOR = re.compile(
    r"^[^.．。/]{1,200}?[,，]\s*(?:译|编译|校|trans(?:lated)?\.?|tr\.)\s*[.．。]\s*", re.IGNORECASE
)
_FULL_WIDTH = str.maketrans({"，": ", ", "：": ": ", "；": "; ", "（": "(", "）": ")", "［": "[", "］": "]"})


@dataclass(frozen=True)
class PrintedEntry:
    """One printed reference, split into the fields a reader sees.

    ``authors`` are the names as printed ("He J", "MORGAN D A"); ``truncated`` is True after
    ``et al.``/``等``. ``type_code`` and ``online`` come from ``[J]``/``[J/OL]``. ``unread`` holds
    the part the parser could not place (None when everything was read).
    """

    text: str
    position: int
    number: int | None = None
    line: int | None = None
    authors: tuple[str, ...] = ()
    truncated: bool = False
    title: str | None = None
    type_code: str | None = None
    online: bool = False
    container: str | None = None
    editors: tuple[str, ...] = ()
    place: str | None = None
    publisher: str | None = None
    year: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    online_date: str | None = None
    accessed: str | None = None
    doi: str | None = None
    url: str | None = None
    pmid: str | None = None
    elided: bool = False
    form: str = "unknown"
    unread: str | None = None

    @property
    def label(self) -> str:
        """How a report names the entry: its printed number, else its position."""
        return f"[{self.number}]" if self.number is not None else f"#{self.position}"


# What a PDF's text layer adds to a list: ligatures (ﬁ, ﬂ) and non-breaking or thin spaces.
_PASTED_AS = {chr(c): unicodedata.normalize("NFKC", chr(c)) for c in range(0xFB00, 0xFB07)}
_PASTED = re.compile("[\ufb00-\ufb06\u00a0\u2007\u2009\u202f]")


def split_entries(text: str) -> list[tuple[int, str]]:
    """(line, text) of each reference in a printed list.

    A numbered list starts each reference with ``[n]``, ``n.`` or ``(n)``, and lines between are
    continuations of the one above, as in a list copied from a PDF; an unnumbered list has one
    reference per non-blank line. A number starts a reference only when it is new and near the
    last one (a wrapped ``2019.`` or DOI tail does not), and a word hyphenated at a line break, or a
    DOI or URL broken across lines, is joined back.
    """
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not lines:
        return []
    numbers = [_number(line) for _, line in lines]
    if sum(1 for k in numbers if k is not None) < min(2, len(lines)):
        return lines
    entries: list[tuple[int, str]] = []
    last, seen = 0, set()
    for (n, line), number in zip(lines, numbers, strict=True):
        if not entries or (number is not None and number not in seen and abs(number - last) <= 5):
            entries.append((n, line))
            last = number or last
            seen.add(last)
        else:
            entries[-1] = (entries[-1][0], _join(entries[-1][1], line))
    return entries


def _number(line: str) -> int | None:
    match = _NUMBER.match(line)
    return int(next(g for g in match.groups() if g)) if match else None


_OPEN_LINK = re.compile(r"(?:\b10\.\d*\S*|https?:/\S*|www\.\S*)$", re.IGNORECASE)


def _join(last: str, line: str) -> str:
    """Two lines of one reference as one: ``Baye-`` + ``sian`` is ``Bayesian``."""
    head = line.split()[0]
    if _OPEN_LINK.search(last) and not (head.isalpha() or re.match(r"[A-Za-z]+:(?!/)", head)):
        return last + line  # a DOI or URL broken at the line's end; "DOI:" or "PubMed" starts a new part
    if _OPEN_LINK.search(last) and last.endswith((".", "/")) and head.isalpha() and head.islower():
        return last + line  # a URL broken before its file ending: "http://x.uk/2/1/1." + "html"
    if re.search(r"\w-$", last) and line[:1].islower():
        return last[:-1] + line
    return f"{last} {line}"


def parse_list(text: str) -> list[PrintedEntry]:
    """Every reference of a printed list, in printed order."""
    return [parse_reference(entry, position=i, line=line) for i, (line, entry) in enumerate(split_entries(text), 1)]


def parse_entries(entries: Iterable[str]) -> list[PrintedEntry]:
    """References given one per string (no continuation lines)."""
    return [parse_reference(text, position=i) for i, text in enumerate(entries, 1)]


def parse_reference(
    text: str, position: int = 1, line: int | None = None, *, authors_stop: int | None = None
) -> PrintedEntry:
    """The fields of one printed reference; what cannot be read ends up in ``unread``.

    ``authors_stop`` n reads the authors up to the n-th full stop (0 is the first), however
    unlike names they look: a reading the data suggests (see :mod:`trialbib.crosscheck.guided`).
    """
    fields: dict[str, object] = {"text": text, "position": position, "line": line}
    rest = _PASTED.sub(lambda m: _PASTED_AS.get(m.group(), " "), text).strip()
    number = _NUMBER.match(rest)
    if number:
        fields["number"] = int(next(g for g in number.groups() if g))
        rest = rest[number.end() :]
    rest = _identifiers(rest, fields)
    if _apa(rest, fields):
        return PrintedEntry(**fields)  # type: ignore[arg-type]
    type_match = _TYPE.search(rest)
    authors = _authors(rest) if authors_stop is None else _authors_to_stop(rest, authors_stop)
    if authors and type_match and authors[2] > type_match.start():
        authors = None
    if authors and (authors_stop is not None or _looks_like_names(authors[0])):
        names = [n.strip() for n in re.split(r"[,，;]", authors[0])]
        fields["authors"] = tuple(n for n in names if n and not _ETAL.match(n))
        fields["truncated"] = bool(authors[1]) or any(_ETAL.match(n) for n in names)
        rest = rest[authors[2] :].strip()
        type_match = _TYPE.search(rest)
    if type_match:
        fields["title"] = rest[: type_match.start()].strip() or None
        fields["type_code"] = type_match.group(1)
        fields["online"] = bool(type_match.group(2))
        fields["form"] = "gbt"
        source = rest[type_match.end() :].strip(" .,;")
        source = _TRANSLATOR.sub("", source)  # "Title[J]. 顾幼静, 译. Journal": the other responsible person
        if source.startswith("//"):  # a part of a book: "//Editor. Book title. Place: Publisher, year: pages"
            *head, source = re.split(r"(?<=[.．。])\s+", source[2:].strip())
            if head:
                fields["container"] = head[-1].rstrip(".．。").strip()
                fields["editors"] = tuple(n.strip(" .") for n in ". ".join(head[:-1]).split(",") if n.strip(" ."))
        _source(source, fields, gbt_only=True)
    else:
        _split_title_source(rest, fields)
    return PrintedEntry(**fields)  # type: ignore[arg-type]


# APA (author-date): "Family, I. I., Family, I., & Family, I. (2006). Title. Journal, 103(2), 742–754."
# Names may hold square brackets (BibTeX's ``S. [Abdel Khalek]`` is "Khalek], S. [Abdel"); a type
# code among them (``[J]``) means the line is GB/T, not APA.
_APA = re.compile(
    rf"^(?P<authors>(?:[^()]|\((?!\d{{4}}|n\.)[^()\d]{{1,40}}\)){{1,2000}}?)(?<!\s)\s*\(\s*(?P<date>{_SEASON}?\d{{4}}(?:/\d{{2,4}})?[a-z]?(?:,[^)]*)?|n\.\s?d\.)\s*\)\.\s+(?P<rest>.+)$"
)
# APA's "Article e123", in the item's locale ("条 730570")
_ARTICLE = rf"(?:Article|{terms_pattern('article-locator')})"
_APA_SOURCE = re.compile(
    rf"^(?P<container>.+?),\s*(?:(?P<volume>[^\s,()]+?)\s*)?(?:\(\s*(?P<issue>{_ISSUE})\s*\))?"
    rf"(?:(?:,\s*|(?<=,\s))(?P<pages>(?:{_ARTICLE}\s+)?(?:{_PAGES})))?\s*\.?\s*$"
)
_SUFFIX = re.compile(r"(?:Jr|Sr)\.?|I{2,3}|IV")
_APA_GAP = re.compile(r"\s*(?:,\s*)?(?:&|…|\.\.\.)\s*")


def _apa_names(text: str) -> list[str]:
    """``Family, I. I., Organisation, 张群, Family, I.``: a part that starts with an initial is the
    given name of the part before it; any other part is a name of its own."""
    names: list[str] = []
    for chunk in _APA_GAP.split(text):
        for part in re.split(r"\s*[,，]\s*", chunk.strip(" ,")):
            if not part:
                continue
            if names and _initial(part) and "," not in names[-1]:
                names[-1] = f"{names[-1]}, {part}"
            elif names and _SUFFIX.fullmatch(part) and "," in names[-1]:  # "Bochanski, J. J., Jr."
                names[-1] = f"{names[-1]} {part}"
            else:
                names.append(part)
    return [n if _initial(n.split()[-1]) else n.rstrip(". ") for n in names]


def _apa_title(text: str) -> str | None:
    """The title without APA's translator or editor note: ``Title (J. Smith, Trans.)``."""
    text = text.strip().rstrip(".").strip()
    return re.sub(r"\s*\([^()]*,\s*(?:Trans\.|Ed\.|Eds\.|译|编|主编)\)$", "", text) or None


def _initial(word: str) -> bool:
    """``J.``, ``Ch.``, ``É.``, ``Я.``, ``J.-F.``: an initial, in any script with capitals."""
    return bool(re.match(r"^[^\W\d_]{1,2}\.", word)) and word[0].isupper()


def _apa(rest: str, fields: dict[str, object]) -> bool:
    """Read an APA reference; False (fields untouched) when ``rest`` is not one."""
    match = _APA.match(rest)
    if not match or _TYPE.search(match.group("authors")):
        return False
    names = _apa_names(match.group("authors"))
    if not names or not all(len(n.split()) <= 8 for n in names):
        return False
    fields["authors"] = tuple(names)
    fields["elided"] = bool(re.search(r"…|\.\.\.", match.group("authors")))  # APA: 19 names, …, the last
    fields["form"] = "apa"
    year = re.search(r"\d{4}(?:/\d{2,4})?", match.group("date"))
    if year:
        fields["year"] = year.group(0)
    body = match.group("rest").strip()
    cuts = [m.end() for m in re.finditer(r"(?:(?<=[.?!])|(?<=[.?!][”’\"»]))\s+", body)]
    for cut in reversed(cuts):
        source = _APA_SOURCE.match(body[cut:].strip())
        if (
            source
            and ". " not in source.group("container")
            and (source.group("volume") or source.group("issue") or re.match(_ARTICLE, source.group("pages") or ""))
        ):
            fields["title"] = _apa_title(body[:cut])
            values = {k: (v.strip() if v else None) for k, v in source.groupdict().items()}
            if values["pages"]:
                values["pages"] = re.sub(rf"^{_ARTICLE}\s+", "", values["pages"]).rstrip(".")
            fields.update({k: v for k, v in values.items() if v})
            return True
    cut = cuts[-1] if cuts else len(body)
    fields["title"] = _apa_title(body[:cut])
    tail = body[cut:].strip(" .")
    if tail:  # "Journal." without volume, or a book's "Publisher."
        fields["container"] = fields["publisher"] = tail
    return True


def _authors(rest: str) -> tuple[str, str | None, int] | None:
    """The authors, read past an organisation's initial (``Vera C. Rubin Observatory Team, ...``)."""
    found = _authors_to_stop(rest)
    stop = _ORG_INITIAL.search(rest)
    if found is None or stop is None or stop.end() != found[2]:
        return found
    longer = _authors_to_stop(rest[: stop.start(1)] + "\x00" + rest[stop.end() :])
    if longer is None:
        return found
    names, etal, end = longer
    parts = [p.strip() for p in re.split(r"[,，;]", names)]
    at = next((i for i, p in enumerate(parts) if "\x00" in p), len(parts))
    after = [p for p in parts[at + 1 :] if p]
    if at == len(parts) or not all(w[0].isupper() for w in parts[at].partition("\x00")[2].split()):
        return found  # an organisation's name is capitalised word by word; a title is not
    if (etal and after) or (len(after) >= 2 and all(_NAME_INITIALS.fullmatch(p) for p in after)):
        return names.replace("\x00", "."), etal, end
    return found


# The first full stop after a lone capital that a capitalised word follows: "Vera C. Rubin".
_ORG_INITIAL = re.compile(r"^[^.．。]*?(?<![^\s,，])[A-Z](\.)(?= [A-Z][a-z])")
# "Family I", "ACERO-CUELLAR T", "van der Berg JM": a name as GB/T and Vancouver print it.
_NAME_INITIALS = re.compile(r"(?:[^\W\d_][\w'’-]*\s+){1,3}[A-Z](?:\s?[A-Z]){0,2}")


def _authors_to_stop(rest: str, nth: int = 0) -> tuple[str, str | None, int] | None:
    """The text before the ``nth`` full stop (the first by default) as (names, "et al"/"等" or
    None, end of the stop).

    Done by hand rather than by one lazy pattern, whose stacked ``\\s*`` backtrack without end
    on a long run of spaces; the tail is searched for "et al" within its last 64 characters.
    """
    stop = next(itertools.islice(_PERIOD.finditer(rest), nth, None), None)
    if stop is None:
        return None
    etal_stop = _ETAL_STOP.search(rest, 0, stop.end() + 16)
    if etal_stop and etal_stop.start() < stop.start():  # a term holding full stops: "Sørensen OD, e.a. Title"
        return rest[: etal_stop.start()], etal_stop.group("etal"), etal_stop.end()
    names = rest[: stop.start()].rstrip()
    head, tail = names[:-64], names[-64:]
    etal = _ETAL_TAIL.search(tail)
    if etal:
        return head + tail[: etal.start()], etal.group("etal"), stop.end()
    return names, None, stop.end()


def _looks_like_names(names: str) -> bool:
    """Author lists are short comma-separated names; a long run of words is a title."""
    parts = [p.strip() for p in re.split(r"[,，;]", names) if p.strip()]
    return bool(parts) and all(len(p.split()) <= 5 for p in parts)


def _identifiers(rest: str, fields: dict[str, object]) -> str:
    """Take DOI, URL, PMID and the access date out of the text, so the source part is plain."""
    doi = _DOI.search(rest)
    if doi:  # GB/T may print the DOI twice, as a URL and as "DOI:"; both are taken out
        fields["doi"] = doi.group(1).rstrip(".,;")
        rest = _DOI.sub("", rest)
    url = _URL.search(rest)
    if url:
        fields["url"] = url.group(0).rstrip(".,;")
        rest = rest[: url.start()] + rest[url.end() :]
    pmid = _PMID.search(rest)
    if pmid:
        fields["pmid"] = pmid.group(1)
        rest = rest[: pmid.start()] + rest[pmid.end() :]
    rest = _PMCID.sub("", rest)
    if _INTERNET.search(rest):  # Vancouver's "[Internet]" marks a reference read online
        fields["online"] = True
        rest = _INTERNET.sub("", rest)
    cited = _CITED.search(rest)
    if cited:
        fields["accessed"] = _vancouver_date(cited.group(1)) or cited.group(1)
        rest = rest[: cited.start()] + rest[cited.end() :]
    rest = _AVAILABLE.sub("", rest)
    accessed = _ACCESSED.search(rest)
    if accessed:
        fields["accessed"] = accessed.group(1)
        rest = rest[: accessed.start()] + rest[accessed.end() :]
    return rest.strip()


def _split_title_source(rest: str, fields: dict[str, object]) -> None:
    """Without a type code the title ends at the last sentence end that leaves a readable source."""
    cuts = [m.end() for m in _SENTENCE_END.finditer(rest) if len(rest) - MAX_SOURCE <= m.end() < len(rest)]
    for cut in reversed(cuts):
        source = rest[cut:].strip(" ,;")
        if _source(source, fields, gbt_only=False, probe=True):
            fields["title"] = rest[:cut].strip().rstrip(".．。").strip() or None
            _source(source, fields, gbt_only=False)
            return
    title, _, source = rest.partition(". ")
    fields["title"] = title.strip(" .") or None
    fields["unread"] = (source.strip() if source.strip(" .,;") else rest) or None


def _source(source: str, fields: dict[str, object], *, gbt_only: bool, probe: bool = False) -> bool:
    """Read the source part (container, year, volume, issue, pages); False when it has no such form.

    Full-width punctuation (GB/T 7714-2025 and Chinese typesetting: ``铁道学报，2024，46（8）：102-111``)
    reads as its ASCII form.
    """
    source = re.sub(r"[\s.,;]+$", "", source.strip().translate(_FULL_WIDTH))
    source = re.sub(r"^([^,]+),\s*((\d{4})-\d{2}-\d{2})$", r"\1, \3(\2)", source)  # 2025: "J，2024-05-09"
    patterns = [("gbt", _GBT)] if gbt_only else [("vancouver", _VANCOUVER), ("gbt", _GBT)]
    for form, pattern in patterns:
        match = pattern.match(source)
        if match:
            if probe:
                return True
            values = {k: (v.strip() or None) if v is not None else None for k, v in match.groupdict().items()}
            container = values.pop("container")
            if fields.get("type_code") not in (None, "J", "N"):
                place, colon, publisher = (container or "").rpartition(":")
                fields["place"] = place.strip() or None if colon else None
                fields["publisher"] = publisher.strip() or None
            else:
                fields["container"] = (container or "").strip() or None
            if values.get("online"):
                fields["online_date"] = values.pop("online")
            month_day = values.pop("month_day", None)
            if month_day and not values.get("online"):  # GB/T 7714-2025 prints a full date: "2024-05-09"
                values["online"] = f"{values['year']}-{month_day}"
            if values.get("online"):
                fields["online_date"] = values.pop("online")
            if values.get("issue_only"):
                values["issue"] = values["issue_only"]
            values.pop("issue_only", None)
            fields.update({k: v for k, v in values.items() if v is not None})
            if fields.get("form", "unknown") == "unknown":
                fields["form"] = form
            return True
    online = _GBT_ONLINE.match(source)
    if online:
        if not probe:
            fields["online_date"] = online.group("online")
            fields.setdefault("year", online.group("online")[:4])
            if online.group("publisher"):
                fields["publisher"] = online.group("publisher").strip()
        return True
    if probe:
        return False
    if source:
        fields["unread"] = source
    return False
