"""Field-by-field comparison of a printed entry with its item, each difference classified once.

Every difference gets one kind (see ``KINDS``). Substantive kinds change what a reader would
look up; ``typography`` changes only how the entry looks; ``final-citation`` is an update the
data knows of, not an error of the print. A field that is malformed (a date in the volume's
place) is reported as that and not again as a wrong volume and a wrong issue.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from functools import lru_cache
from urllib.parse import unquote

from trialbib.crosscheck.align import letters_and_digits
from trialbib.crosscheck.parse import PrintedEntry
from trialbib.io.journal_series import JOURNAL_TYPES
from trialbib.model import Item, Severity, issued_year, truncated_authors

Group = str  # "substantive" | "update" | "typography"


@dataclass(frozen=True)
class Kind:
    """A class of difference: its problem code, its group and what it means."""

    name: str
    code: str
    group: Group
    meaning: str

    @property
    def severity(self) -> Severity:
        """Substantive differences are errors; updates and typography are warnings."""
        return "error" if self.group == "substantive" else "warning"


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind("unreadable", "DRF001", "substantive", "a printed reference, or part of it, could not be read"),
        Kind("unmatched", "DRF002", "substantive", "a printed reference matches no entry of the bibliography"),
        Kind("missing-entry", "DRF003", "substantive", "a bibliography entry is not in the printed list"),
        Kind("order", "DRF004", "substantive", "a printed reference is out of the bibliography's order"),
        Kind("wrong-value", "DRF005", "substantive", "a printed value differs from the data"),
        Kind("missing-value", "DRF006", "substantive", "the data has a value the printed reference leaves out"),
        Kind(
            "malformed-value",
            "DRF007",
            "substantive",
            "a printed value of the wrong form, e.g. an online date where the volume belongs",
        ),
        Kind(
            "medium",
            "DRF008",
            "substantive",
            "the printed type code or medium differs from the data ([J] vs [J/OL], [J] vs [M])",
        ),
        Kind(
            "journal-abbreviation",
            "DRF009",
            "substantive",
            "the printed list abbreviates a journal another way than the data",
        ),
        Kind(
            "missing-identifier", "DRF010", "substantive", "a DOI or URL the printed reference should carry is missing"
        ),
        Kind("final-citation", "DRF011", "update", "an online-first reference whose final citation is now known"),
        Kind(
            "typography",
            "DRF012",
            "typography",
            "typography of a printed reference: spacing, punctuation, hyphenation, capitalisation",
        ),
    )
}
GROUPS: tuple[Group, ...] = ("substantive", "update", "typography")
FINAL_CITATION_FIELDS = ("finalcitation", "final-citation")
TYPE_CODES = {
    "article-journal": "J",
    "article-magazine": "J",
    "article-newspaper": "N",
    "book": "M",
    "chapter": "M",
    "paper-conference": "C",
    "thesis": "D",
    "report": "R",
    "standard": "S",
    "patent": "P",
    "dataset": "DS",
    "webpage": "EB",
    "post-weblog": "EB",
    "software": "CP",
}
_DATE_LIKE = re.compile(r"\d{4}-\d{1,2}-\d{1,2}")


@dataclass(frozen=True)
class Difference:
    """One difference: its kind, the field, the printed and the expected value, and where."""

    kind: str
    field: str
    printed: str | None
    expected: str | None
    message: str
    label: str = ""
    key: str | None = None
    line: int | None = None

    @property
    def code(self) -> str:
        return KINDS[self.kind].code

    @property
    def group(self) -> Group:
        return KINDS[self.kind].group

    @property
    def substantive(self) -> bool:
        return self.group == "substantive"


@dataclass
class ListContext:
    """What the whole printed list does, so one entry can be judged against the others."""

    type_codes: bool = False
    prints_dois: bool = False  # in entries with a volume: online-first ones carry a DOI anyway
    prints_accessed: bool = True  # GB/T 7714-2025 makes the access date optional; a list may leave it out
    journal_forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def list_context(pairs: list[tuple[PrintedEntry, Item]], entries: list[PrintedEntry]) -> ListContext:
    """The list's conventions: are type codes and DOIs printed, and how is each journal written."""
    forms: dict[str, list[tuple[str, str]]] = {}
    for entry, item in pairs:
        if entry.container and item.get("container-title"):
            forms.setdefault(letters_and_digits(item["container-title"]), []).append((entry.label, entry.container))
    return ListContext(
        type_codes=any(e.type_code for e in entries),
        prints_dois=any(e.doi for e in entries if not e.online and e.volume),
        prints_accessed=any(e.accessed for e in entries) or not any(e.online for e in entries),
        journal_forms=forms,
    )


def compare(entry: PrintedEntry, item: Item, context: ListContext) -> list[Difference]:
    """Every difference between a printed entry and its item, substantive ones first."""
    found: list[Difference] = []
    if entry.unread:
        found.append(Difference("unreadable", "text", entry.unread, None, "could not read this part"))
    if entry.unread and entry.form == "unknown":
        found = [Difference("unreadable", "text", entry.text, None, "not in a form the cross-check reads")]
        return [
            Difference(**{**d.__dict__, "label": entry.label, "key": item.get("id"), "line": entry.line}) for d in found
        ]
    entry = _resplit(_journal_series(entry, item), item)
    found += _authors(entry, item)
    found += _title(entry, item)
    if not entry.unread:
        found += _container(entry, item, context)
        found += _numbers(entry, item)
        found += _medium(entry, item, context)
        found += _dates(entry, item, context)
    found += _identifiers(entry, item, context)
    found += _final_citation(entry, item)
    found += typography(entry)
    where = {"label": entry.label, "key": item.get("id"), "line": entry.line}
    found = [Difference(**{**d.__dict__, **where}) for d in found]
    return sorted(found, key=lambda d: GROUPS.index(d.group))


def _journal_series(entry: PrintedEntry, item: Item) -> PrintedEntry:
    """The journal's series (CSL ``collection-title`` of an article) set apart where styles print it.

    APA prints it after the journal (``William and Mary Quarterly, 3rd Series, 15``), the NLM
    style just before the volume (``1958;3rd series15:168-90``); either is the data's value.
    """
    series = letters_and_digits(item.get("collection-title"))
    if not series or item.get("type") not in JOURNAL_TYPES:
        return entry
    container, volume = entry.container or "", entry.volume or ""
    head, comma, tail = container.rpartition(",")
    if comma and letters_and_digits(tail) == series:
        entry = replace(entry, container=head.strip())
    want = str(item.get("volume") or "")
    if volume and want and letters_and_digits(volume) == series + letters_and_digits(want):
        entry = replace(entry, volume=want)
    return entry


def _resplit(entry: PrintedEntry, item: Item) -> PrintedEntry:
    """Move the title/journal boundary to where the data puts it.

    A title and a journal are split at the first ". " that can end a title, so a journal
    abbreviated with full stops (``IEEE Trans. on Circuits``, ``Data Knowl. Eng.``) loses its
    first words to the title. When the title and journal together read as the data's, split
    them as the data does; any other difference is still reported.
    """
    title, journal = entry.title or "", entry.container or ""
    container = letters_and_digits(item.get("container-title"))
    if entry.volume and not item.get("volume") and letters_and_digits(journal + entry.volume) == container:
        # a journal name with a comma ("Society ..., New Orleans, LA") read as name and volume
        entry = replace(entry, container=f"{journal}, {entry.volume}", volume=None)
        journal = entry.container or ""
    want = letters_and_digits(item.get("title"))
    if not (title and journal and want) or letters_and_digits(title) == want:
        return entry
    if letters_and_digits(title + journal) != want + letters_and_digits(item.get("container-title")):
        return entry
    for cut in (m.start() for m in re.finditer(r"[.?!]\s", title)):
        if letters_and_digits(title[:cut]) == want:
            return replace(
                entry, title=title[: cut + (title[cut] != ".")], container=f"{title[cut + 1 :].strip()}. {journal}"
            )
    return entry


def expected_authors(item: Item) -> list[str]:
    """Authors as the article prints them: family name, then initials without points.

    A CJK name keeps its given name whole (``黄晓东``), as it is printed; the initials of a
    hyphenated given name keep each part (``Ken-ichi`` -> ``Ki``); particles written in the
    given name (``P. H. van der``) give no initials.
    """
    names = []
    for author in item.get("author") or []:
        if "literal" in author:
            names.append(author["literal"])
            continue
        family, given = author.get("family", ""), author.get("given", "")
        if _cjk(family + given):
            names.append(f"{family}{given}")
            continue
        names.append(f"{family} {initials(given)}".strip())
    return names


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
PARTICLES = frozenset(
    [
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "des",
        "di",
        "da",
        "du",
        "dos",
        "das",
        "von",
        "zu",
        "ter",
        "ten",
        "la",
        "le",
        "lo",
        "y",
        "bin",
        "ibn",
        "al",
        "el",
        "st",
    ]
)
SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLE_RUN = re.compile(f"(?:{'|'.join(sorted(PARTICLES, key=len, reverse=True))})*")  # "van", "vander", ""


def _cjk(text: str) -> bool:
    return bool(_CJK.search(text))


def initials(given: str, short: bool = False) -> str:
    """``Ken-ichi`` -> ``Ki`` (``short``: ``K``), ``P. H. van der`` -> ``PH``, ``J.-P.`` -> ``JP``."""
    out: list[str] = []
    for word in re.split(r"[\s.]+", re.sub(r"\.\s*(?=[-‐‑])", "", given)):
        parts = [p for p in re.split(r"[-‐‑]", word) if p]
        if not parts or (word.islower() and word in PARTICLES):
            continue
        out.extend(part[0] for part in parts[: 1 if short else None])
    return "".join(out)


def same_author(printed: str, author: dict[str, str]) -> bool:
    """A printed name (``MATSUOKA K``, ``Matsuoka Ki``, ``VEEN P H van der``, ``李明``, ``He, J.``)
    is the author when its family name is the author's and its initials are the author's (a
    style may print one initial of a hyphenated ``Ken-ichi`` or two)."""
    if "literal" in author:
        return letters_and_digits(printed) == letters_and_digits(author["literal"])
    family, given = author.get("family", ""), author.get("given", "")
    if _cjk(family + given):
        return letters_and_digits(printed) in {
            letters_and_digits(family + given),
            letters_and_digits(given + family),
        }  # a CJK given name is not cut
    tokens = [t for t in re.split(r"[\s.,]+", printed) if letters_and_digits(t)]
    family_words = [letters_and_digits(w) for w in re.split(r"[\s]+", family) if letters_and_digits(w)]
    particles = {letters_and_digits(author.get(k, "")) for k in ("non-dropping-particle", "dropping-particle")}
    folded = [letters_and_digits(t) for t in tokens]
    if not family_words:
        return letters_and_digits(printed) == letters_and_digits(given)
    if "".join(family_words) not in "".join(folded):
        return False
    start = next((i for i, f in enumerate(folded) if f == family_words[0]), None)
    if start is None:  # the family name written with its particle as one word ("vanLaarhoven")
        last = family_words[-1]
        start = next(
            (i for i, f in enumerate(folded) if f.endswith(last) and _PARTICLE_RUN.fullmatch(f[: -len(last)])),
            len(tokens) - 1,
        )
        rest = tokens[start + 1 :]
    else:
        rest = tokens[:start] + tokens[start + len(family_words) :]
        rest = rest[start:]  # what comes before the family name is its particle ("van Laarhoven")
    rest = [
        t
        for t in rest
        if not (t.islower() and letters_and_digits(t) in PARTICLES) and letters_and_digits(t) not in particles
    ]
    suffix = letters_and_digits(author.get("suffix", ""))
    rest = [
        t
        for t in rest
        if t not in ("Jr", "Sr") and not (letters_and_digits(t) in SUFFIXES and letters_and_digits(t) == suffix)
    ]
    rest = _without_run(rest, [w for w in map(letters_and_digits, author.get("suffix", "").split()) if w])
    wants = {
        letters_and_digits(initials(given)),
        letters_and_digits(initials(given, short=True)),
    }  # a hyphenated name: one or both
    if not rest:
        return wants == {""}
    letters = letters_and_digits("".join(rest))
    firsts = letters_and_digits("".join(t[0] for t in rest))
    return bool({letters, firsts} & wants)


def _without_run(tokens: list[str], words: list[str]) -> list[str]:
    """``tokens`` without the first run that reads ``words`` (a suffix of any words, printed after
    the initials: ``Bruña EP Fernando Maestú`` for the suffix ``Fernando Maestú``)."""
    folded = [letters_and_digits(t) for t in tokens]
    for i in range(len(tokens) - len(words) + 1 if words else 0):
        if folded[i : i + len(words)] == words:
            return tokens[:i] + tokens[i + len(words) :]
    return tokens


def regroup(printed: list[str], people: list[dict[str, str]]) -> list[str] | None:
    """The printed names cut again at their commas so that they are the data's authors in order,
    when one way does (``Bruña, E. P., Fernando Maestú`` is one author whose suffix is
    ``Fernando Maestú``; ``S., H. M.`` one whose family name is ``S.``); None otherwise."""
    parts = [p.strip() for name in printed for p in name.split(",") if p.strip()]
    if len(parts) > 4 * len(people) or len(parts) > 200:
        return None

    def take(at: int, k: int) -> list[str] | None:
        if at == len(parts):
            return []
        if k == len(people):
            return None
        for width in range(1, min(4, len(parts) - at) + 1):
            name = ", ".join(parts[at : at + width])
            if same_author(name, people[k]):
                rest = take(at + width, k + 1)
                if rest is not None:
                    return [name, *rest]
        return None

    return take(0, 0)


def _authors(entry: PrintedEntry, item: Item) -> Iterator[Difference]:
    data = expected_authors(item)
    people = item.get("author") or []
    if not data and not entry.authors:
        return
    shown = ", ".join(data) + (", et al." if truncated_authors(item) else "")
    printed = ", ".join(entry.authors) + (", et al." if entry.truncated else "")
    got = list(entry.authors)
    if not all(same_author(p, a) for p, a in zip(got, people, strict=False)) or len(got) > len(people):
        got = regroup(got, people) or got
    if entry.elided and len(got) >= 2 and len(people) > len(got) and same_author(got[-1], people[-1]):
        got, people = got[:-1], people[: len(got) - 1]  # APA's "A, B, ... Y, … Z": compare before the gap
        if all(same_author(p, a) for p, a in zip(got, people, strict=True)):
            return
    pairs_agree = all(same_author(p, a) for p, a in zip(got, people, strict=False))
    if len(got) == len(people) and pairs_agree and entry.truncated == truncated_authors(item):
        return
    if entry.truncated and len(people) > len(got) >= 3 and pairs_agree:
        return  # the style shortened a longer list (GB/T 7714 after three names, Vancouver after six)
    if truncated_authors(item) and len(got) > len(people) and pairs_agree:
        return  # the print names more authors than the data keeps
    if not entry.authors:
        yield Difference("missing-value", "authors", None, shown, "no authors printed")
    elif len(got) == len(people) and pairs_agree:
        what = "et al. missing: the data's list is cut short" if truncated_authors(item) else "et al. added"
        yield Difference("wrong-value" if entry.truncated else "missing-value", "authors", printed, shown, what)
    elif _subsequence(got, people):
        dropped = [d for d, a in zip(data, people, strict=True) if not any(same_author(g, a) for g in got)]
        message = f"author{'s' if len(dropped) > 1 else ''} left out: {', '.join(dropped)}"
        yield Difference("missing-value", "authors", printed, shown, message)
    else:
        yield Difference("wrong-value", "authors", printed, shown, "authors differ")


def _subsequence(short: list[str], long: list[dict[str, str]]) -> bool:
    it = iter(long)
    return len(short) < len(long) and all(any(same_author(s, a) for a in it) for s in short)


def _squash(text: str) -> str:
    """Spaces, hyphens, case and quote shapes ignored: single or double, straight or curly, since
    a style sets a quoted phrase's marks (``'making'`` prints “making”, and ‘making’ inside quotes)."""
    text = text.translate(_QUOTES).replace("'", '"')
    return re.sub(r"[\s\-‐‑–]", "", text).casefold().replace("ı", "i")


_QUOTES = str.maketrans(
    {"’": "'", "‘": "'", "‚": "'", "‹": "'", "›": "'", "“": '"', "”": '"', "„": '"', "«": '"', "»": '"'}
)


def _title(entry: PrintedEntry, item: Item) -> Iterator[Difference]:
    want = item.get("title")
    got = entry.title
    if not want:
        return
    if not got:
        yield Difference("missing-value", "title", None, want, "no title printed")
        return
    got, want = got.rstrip(" .").strip(), want.strip()
    if not re.search(r"[.?!][”’\"»]$", want):  # the title's stop set inside its closing quote (US style)
        got = re.sub(r"[.,]([”’\"»])$", r"\1", got)
    if got == want or got == want.rstrip(" ."):
        return
    if _squash(got) != _squash(want):
        yield Difference("wrong-value", "title", got, want, "the title differs")
        return
    yield from _text_typography("title", got, want)


def _word(text: str, start: int, end: int) -> str:
    """The word (or words) around text[start:end], for showing a small difference in context."""
    left = max(text.rfind(" ", 0, max(start - 1, 0)) + 1, 0) if start > 0 else 0
    right = text.find(" ", end + 1) if end < len(text) else len(text)
    return text[left : right if right >= 0 else len(text)]


def _text_typography(name: str, got: str, want: str) -> Iterator[Difference]:
    """Typographic differences of two texts that agree once spaces, hyphens and case are ignored."""
    matcher = SequenceMatcher(None, got, want, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        g, w = got[i1:i2], want[j1:j2]
        if g.strip("-‐‑") == "" and w == "" and i1 > 0 and got[i1 - 1].isalpha() and got[i2 : i2 + 1].isalpha():
            what = "hyphenation left inside a word"
        elif g == "" and w.isspace():
            what = "missing space"
        elif g.isspace() and w == "":
            what = "extra space"
        elif g.casefold() == w.casefold():
            what = "capitalisation"
        elif (g == "’" and w == "'") or (w and set(w) <= {'"'} and g.translate(_QUOTES) == w):
            continue  # the typographic apostrophe and quotes (“No Free Lunch”) a typesetter prints for ' and "
        elif g and w and set((g + w).translate(_QUOTES)) <= {"'", '"'} and '"' in (g + w).translate(_QUOTES):
            continue  # a quoted phrase's marks as the style sets them: 'making' printed “making”
        elif {g, w} <= {"'", "’", "‘"}:
            what = "quotation mark"
        else:
            what = "punctuation"
        yield Difference("typography", name, _word(got, i1, i2), _word(want, j1, j2), what)


def _abbreviation_of(a: str, b: str) -> bool:
    """True when two journal names are the same words, each perhaps cut short (Cytom ~ Cytometry)."""
    wa, wb = fold_words(a), fold_words(b)
    return len(wa) == len(wb) and all(x.startswith(y) or y.startswith(x) for x, y in zip(wa, wb, strict=True))


def _doi_key(doi: str) -> str:
    """A DOI as a resolver reads it: no resolver prefix, percent-escapes decoded, any case."""
    doi = re.sub(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", "", doi.strip(), flags=re.IGNORECASE)
    return unquote(doi).casefold()


def fold_words(text: str) -> list[str]:
    """The words of a journal name, folded; ``&``, ``and``, ``the``, ``of`` and ``Part`` left out,
    as abbreviations leave them out."""
    return [
        letters_and_digits(w)
        for w in re.split(r"[\s.:,]+", text)
        if letters_and_digits(w) and letters_and_digits(w) not in _SKIP_WORDS
    ]


_SKIP_WORDS = frozenset({"and", "the", "of", "part", "section", "series", "und", "et", "la", "le", "de"})


def _container(entry: PrintedEntry, item: Item, context: ListContext) -> Iterator[Difference]:
    want = item.get("container-title")
    got = entry.container
    if not got and entry.type_code and entry.type_code != TYPE_CODES.get(item.get("type", "")):
        got = entry.publisher  # read as a book's publisher because of the wrong type code
    if not want:
        return
    if not got:
        yield Difference("missing-value", "container", None, want, "no journal or container printed")
        return
    if got == want:
        return
    others = [
        f"{label} {form!r}" for label, form in context.journal_forms.get(letters_and_digits(want), []) if form != got
    ]
    where = f"; elsewhere the list prints {', '.join(others)}" if others else ""
    if _width(got).casefold() == _width(want).casefold():
        return  # styles set the case of journal names (APA: title case), and full-width brackets read as ASCII
    if got == re.sub(r"\.(?=\s|$)", "", want):
        return  # NLM and GB/T write an abbreviated journal without full stops: "Proc ACM Program Lang"
    if letters_and_digits(got) == letters_and_digits(want):
        yield from _text_typography("container", got, want)
    elif journal_form(got, item):
        if others and held_form(got, item):
            # each entry prints what its own data holds: the data writes the journal two ways
            # (a short title in some entries only); how the list looks, not an error of the print
            message = f"the list writes this journal two ways, as the data does{where}"
            yield Difference("typography", "container", got, want, message)
        elif others:  # the data's abbreviation, but the list writes this journal another way elsewhere
            message = f"the same journal abbreviated another way than the data's{where}"
            yield Difference("journal-abbreviation", "container", got, want, message)
    elif _abbreviation_of(got, want) or _abbreviation_of(got, str(item.get("container-title-short") or "")):
        message = f"the same journal abbreviated another way than the data's{where}"
        yield Difference("journal-abbreviation", "container", got, want, message)
    else:
        yield Difference("wrong-value", "container", got, want, "the journal differs")


def _width(text: str) -> str:
    """Full-width punctuation as ASCII (``（`` -> ``(``), the rest as it is."""
    import unicodedata

    return unicodedata.normalize("NFKC", text)


def journal_form(printed: str, item: Item) -> bool:
    """True when ``printed`` is a form of the item's journal that a style prints: its title, the
    abbreviation the data holds (``container-title-short``, Zotero's journalAbbreviation), or
    the title's ISO 4 abbreviation (the LTWA, which NLM's abbreviations follow), dots and case
    aside: ``N Engl J Med`` for ``New England Journal of Medicine``."""
    got = fold_words(printed)
    for name in ("container-title", "container-title-short"):
        value = str(item.get(name) or "")
        if value and (fold_words(value) == got or fold_words(iso4(value)) == got):
            return True
    return False


def held_form(printed: str, item: Item) -> bool:
    """True when ``printed`` is the item's own journal title or short title, dots and case aside
    (not a form derived from them, such as the ISO 4 abbreviation)."""
    got = fold_words(printed)
    return any(got == fold_words(str(item.get(n) or "")) for n in ("container-title", "container-title-short"))


@lru_cache(maxsize=4096)
def iso4(title: str) -> str:
    """The ISO 4 abbreviation of a journal title (pyiso4, from the ISSN centre's LTWA)."""
    try:
        return str(_abbreviator()(title))
    except Exception:  # pyiso4 raises on odd input (only punctuation, say): no abbreviation then
        return title


@lru_cache(maxsize=1)
def _abbreviator() -> Callable[[str], str]:
    from pyiso4.ltwa import Abbreviate

    # reads the LTWA (about two seconds): once, and only when needed
    abbreviate: Callable[[str], str] = Abbreviate.create()
    return abbreviate


def _pages(value: str | None) -> str | None:
    """Pages in one form: en dashes as hyphens, no spaces, a shortened last page written out
    (``209-17``, and ``3:1-29`` for ``3:1-3:29``)."""
    if not value:
        return None
    if "," in value:  # several ranges: "431-456, 791-823"
        return ",".join(_pages(part) or "" for part in value.split(","))
    value = re.sub(r"\s*[-–—]+\s*", "-", value.strip())
    first, sep, last = value.partition("-")
    digits = first[len(first.rstrip("0123456789")) :]
    if sep and digits and last.isdecimal():
        prefix = first[: len(first) - len(digits)]
        if len(last) < len(digits):
            last = digits[: len(digits) - len(last)] + last
        last = prefix + last
    return f"{first}{sep}{last}"


def online_first(item: Item) -> bool:
    """An item cited before its issue: a publication state and no volume yet."""
    return bool(item.get("status")) and not item.get("volume")


def _date(parts: list[int] | None) -> str | None:
    if not parts:
        return None
    return "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts))


def _item_date(item: Item, name: str) -> str | None:
    parts = (item.get(name) or {}).get("date-parts") or [[]]
    return _date(parts[0]) if parts[0] else None


def _numbers(entry: PrintedEntry, item: Item) -> Iterator[Difference]:
    year = issued_year(item)
    if year is not None and not _same_year(entry.year, item, year):
        kind = "wrong-value" if entry.year else "missing-value"
        yield Difference(kind, "year", entry.year, str(year), "the year differs" if entry.year else "no year printed")
    printed_place = f"{entry.volume or ''}({entry.issue})" if entry.issue else entry.volume or ""
    if any(_DATE_LIKE.search(v or "") for v in (entry.volume, entry.issue, entry.pages)):
        yield _malformed(entry, item, printed_place)
        return
    volume, pages = entry.volume, entry.pages
    want_volume, want_issue = item.get("volume"), item.get("issue")
    joined = re.fullmatch(r"\s*([^()\s]+)\s*\(\s*([^()]+?)\s*\)\s*", str(want_volume or ""))
    if joined and not want_issue:  # the data writes "99(2)" in the volume field
        want_volume, want_issue = joined.group(1), joined.group(2)
    if volume and not item.get("volume"):  # Vancouver without a volume: "2000 Nov 20;15", "2017;arXiv:1708.04058"
        whole = f"{volume}:{pages}" if pages else volume
        if _pages(whole) == _pages(item.get("page")):
            volume, pages = None, whole
    if (
        pages
        and not item.get("page")
        and letters_and_digits(pages) == letters_and_digits(str(item.get("number") or ""))
    ):
        pages = None  # an article number in the pages' place (GB/T 2025, APA's "Article e123"): the data's number
    for name, got, want in (
        ("volume", volume, want_volume),
        ("issue", entry.issue, want_issue),
        ("pages", pages, item.get("page")),
    ):
        same = _pages(got) == _pages(want) if name == "pages" else letters_and_digits(got) == letters_and_digits(want)
        if same:
            continue
        if not got:
            yield Difference("missing-value", name, None, want, f"no {name} printed")
        elif not want:
            yield Difference("wrong-value", name, got, None, f"a {name} is printed, the data has none")
        else:
            yield Difference("wrong-value", name, got, want, f"the {name} {'differ' if name == 'pages' else 'differs'}")


def _same_year(printed: str | None, item: Item, year: int) -> bool:
    """The printed year is the data's: ``2019``, or a range ``1978/79`` of the data's range."""
    if printed == str(year):
        return True
    match = re.fullmatch(r"(\d{4})/(\d{2,4})", printed or "")
    parts = (item.get("issued") or {}).get("date-parts") or []
    if not match or len(parts) != 2 or not parts[1]:
        return False
    start, end = match.group(1), match.group(2)
    end = start[: 4 - len(end)] + end
    return (int(start), int(end)) == (year, parts[1][0])


def _malformed(entry: PrintedEntry, item: Item, printed_place: str) -> Difference:
    online = _item_date(item, "issued")
    if item.get("volume"):
        want = f"{item['volume']}({item['issue']})" if item.get("issue") else str(item["volume"])
    elif online_first(item):
        want = f"no volume yet: online first, published online {online}"
    else:
        want = None
    dates = _DATE_LIKE.findall(printed_place)
    if dates and online and any(d == online for d in dates):
        how = "the online date printed where the volume and issue belong"
    else:
        how = "a date printed where the volume and issue belong"
    return Difference("malformed-value", "volume(issue)", printed_place, want, how)


def _medium(entry: PrintedEntry, item: Item, context: ListContext) -> Iterator[Difference]:
    want_code = TYPE_CODES.get(item.get("type", ""), "Z")
    accessed = "accessed" in item
    address = bool(item.get("DOI") or item.get("URL") or accessed)
    if not entry.type_code:
        if context.type_codes:
            code = f"[{want_code}/OL]" if accessed else f"[{want_code}]"
            yield Difference("medium", "type", None, code, "no type code printed")
        return
    printed = f"[{entry.type_code}/OL]" if entry.online else f"[{entry.type_code}]"
    if entry.type_code != want_code:
        code = f"[{want_code}/OL]" if entry.online and address else f"[{want_code}]"
        yield Difference("medium", "type", printed, code, f"the data's type is {item.get('type')}")
    elif entry.online and not address:
        yield Difference(
            "medium", "type", printed, f"[{want_code}]", "printed as online, the data has no DOI, URL or access date"
        )
    elif not entry.online and accessed and (item.get("DOI") or item.get("URL")):
        # read online and printable with its address; without one, [J] is what a style can print
        yield Difference("medium", "type", printed, f"[{want_code}/OL]", "the data records online access")


def _dates(entry: PrintedEntry, item: Item, context: ListContext) -> Iterator[Difference]:
    accessed = _item_date(item, "accessed")
    if entry.accessed and accessed and _norm_date(entry.accessed) != accessed:
        yield Difference("wrong-value", "accessed", entry.accessed, accessed, "the access date differs")
    elif entry.accessed and not accessed:
        yield Difference(
            "wrong-value", "accessed", entry.accessed, None, "an access date is printed, the data has none"
        )
    elif entry.online and accessed and not entry.accessed and context.prints_accessed:
        yield Difference("missing-value", "accessed", None, accessed, "no access date printed")
    online = _item_date(item, "issued")
    if entry.online_date and online and not _agrees(_norm_date(entry.online_date), online):
        yield Difference("wrong-value", "online date", entry.online_date, online, "the online date differs")


def _agrees(printed: str, data: str) -> bool:
    """Dates that agree as far as both go: ``2023`` (a GB/T web date) and ``2023-05-06``."""
    return data.startswith(printed) or printed.startswith(data)


def _norm_date(value: str) -> str:
    return "-".join(f"{int(p):02d}" if i else p for i, p in enumerate(value.split("-")))


def _identifiers(entry: PrintedEntry, item: Item, context: ListContext) -> Iterator[Difference]:
    doi = item.get("DOI")
    if entry.doi and doi and _doi_key(entry.doi) != _doi_key(doi):
        yield Difference("wrong-value", "DOI", entry.doi, doi, "the DOI differs")
    elif doi and not entry.doi and not entry.url and (entry.online or context.prints_dois):
        why = "printed as online without its DOI" if entry.online else "the list prints DOIs, this entry has none"
        yield Difference("missing-identifier", "DOI", None, doi, why)
    elif entry.online and not entry.doi and not entry.url and item.get("URL"):
        yield Difference("missing-identifier", "URL", None, item["URL"], "printed as online without its URL")


def final_citation(item: Item) -> str | None:
    """The final citation of an online-first item, when the data records one.

    BibTeX ``finalcitation = {Ann Rheum Dis, 2020, 79(1): 141-149}`` ends up in the item's
    ``custom`` fields (CSL-JSON: ``custom.final-citation``).
    """
    custom = item.get("custom") or {}
    for name in FINAL_CITATION_FIELDS:
        if custom.get(name):
            return str(custom[name])
    return None


def _final_citation(entry: PrintedEntry, item: Item) -> Iterator[Difference]:
    final = final_citation(item)
    if final and online_first(item):
        printed = ", ".join(v for v in (entry.container, entry.year) if v) or None
        yield Difference(
            "final-citation", "citation", printed, final, "cited online first; the final citation is known"
        )


_MASK = re.compile(r"(?:\bDOI\s*:\s*|\bhttps?://)\S+", re.IGNORECASE)
_TYPOGRAPHY_RULES = (
    (re.compile(r"\S(\s+)\[[A-Z]{1,2}(?:/OL)?\]"), "space before the type code"),
    (re.compile(r"[,.;:](\s*)[,.;:](?!\.)"), "stray punctuation"),
    (re.compile(r"(?<![\s,.;:])(\s+)[,.;:]"), "space before punctuation"),
    (re.compile(r"\S(\s{2,})\S"), "extra space"),
)


def _initial_then_comma(text: str, match: re.Match[str]) -> bool:
    """``Smith, J., Jones, K.``: an initial's point before the comma between names is not stray."""
    start = match.start()
    return (
        match.group(0) == ".,"
        and start > 0
        and text[start - 1].isalpha()
        and text[start - 1].isupper()
        and (start < 2 or not text[start - 2].isalpha())
    )


def typography(entry: PrintedEntry) -> list[Difference]:
    """Typographic slips in the printed text itself: stray spaces and punctuation."""
    text = _MASK.sub(lambda m: "x" * len(m.group(0)), entry.text)
    found: list[tuple[int, Difference]] = []
    seen: set[int] = set()
    if entry.title:  # the title is compared with the data's, which says more
        start = entry.text.find(entry.title)
        seen.update(range(start, start + len(entry.title)) if start >= 0 else ())
    for pattern, what in _TYPOGRAPHY_RULES:
        for match in pattern.finditer(text):
            if match.start(1) in seen or _initial_then_comma(text, match):
                continue
            seen.update({match.start(), match.start(1), match.end() - 1})
            start, end = match.span()
            printed = _word(entry.text, start, end).strip()
            if what == "stray punctuation":
                expected = printed.replace(match.group(0), match.group(0)[-1])
            else:
                expected = printed.replace(match.group(0), match.group(0).replace(match.group(1), "", 1))
            if what == "extra space":
                expected = printed.replace(match.group(1), " ")
            found.append((start, Difference("typography", "text", printed, expected, what)))
    if entry.authors:
        end = entry.text.find(entry.authors[-1])
        for match in re.finditer(r",(?=[^\s,.])", entry.text[: max(end, 0) + len(entry.authors[-1])]):
            if match.start() not in seen:
                found.append(
                    (
                        match.start(),
                        Difference(
                            "typography",
                            "authors",
                            _word(entry.text, match.start(), match.end()),
                            None,
                            "missing space after a comma",
                        ),
                    )
                )
    return [d for _, d in sorted(found, key=lambda f: f[0])]
