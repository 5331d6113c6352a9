"""BibTeX/BibLaTeX files to CSL-JSON items.

bibtexparser 2 splits the file into blocks (its bare parse, no middlewares); everything after
that is done here, because its LaTeX and name middlewares are ~20x slower than its parser and
drop entries they cannot handle. The pipeline: blocks -> entries with @strings resolved (an
entry with ``%`` comment lines is parsed again without them, as biber reads it) -> inheritance
(:mod:`trialbib.io.inherit`) -> items, LaTeX decoded to CSL rich text (:mod:`trialbib.io.latex`),
dates by :mod:`trialbib.io.dates`. Every entry either becomes an item or is reported; a field
that cannot be read is reported and left out, not its entry.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import marshal
import os
import re
from collections.abc import Callable, Iterable
from contextvars import ContextVar
from functools import lru_cache
from typing import Any

from trialbib.errors import Location
from trialbib.io.dates import parse_date as parse_date_text
from trialbib.io.dates import parse_month
from trialbib.io.files import read_text
from trialbib.io.forked import finish_call, start_call
from trialbib.io.inherit import RawEntry, inherits, referenced_keys, resolve
from trialbib.io.journal_series import JOURNAL_TYPES, coded, series_text
from trialbib.io.language import mark_language
from trialbib.io.latex import latex_to_rich, latex_to_text
from trialbib.model import Bibliography, Item, Problem, SourceEntry
from trialbib.names import split_name_list

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
    # BibLaTeX's non-standard types and those of biblatex-gb7714 and Better BibLaTeX
    "letter": "personal_communication",
    "image": "graphic",
    "artwork": "graphic",
    "audio": "song",
    "music": "song",
    "video": "motion_picture",
    "movie": "motion_picture",
    "jurisdiction": "legal_case",
    "legislation": "legislation",
    "legal": "legislation",
    "review": "review",
    "commentary": "book",
    "performance": "performance",
    "interview": "interview",
    "map": "map",
    "newspaper": "article-newspaper",
    "archive": "document",
    "bibnote": "document",
    "database": "dataset",
    "preprint": "article",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "suppperiodical": "article-journal",
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
    "medium": "medium",  # what the BibLaTeX writer writes a CSL medium to when there is no publisher
}
# Fields read by a step below rather than by the tables above.
CONSUMED_LATER = {"eid", "holder", "entrysubtype"}
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
    "booksubtitle",
    "booktitleaddon",
    "journalsubtitle",
    "journaltitleaddon",
    "maintitle",
    "mainsubtitle",
    "maintitleaddon",
    "part",
}

_SPACE = re.compile(r"\s+")
_URL_WRAPPED = re.compile(r"^\\(?:url|href)\s*\{([^{}]*)\}(?:\s*\{[^{}]*\})?$")
_WEB_ADDRESS = re.compile(r"^(?:https?|ftp)://\S+$|^www\.\S+$")
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


def read_bibtex(
    path: str | os.PathLike[str], *, keep_sources: bool = True, protect_case: bool = False, infer: bool = False
) -> Bibliography:
    """Read a .bib file into a Bibliography; problems are returned, not raised (see :func:`parse_bibtex`)."""
    text = read_text(path, "BibTeX file")
    return parse_bibtex(text, source=str(path), keep_sources=keep_sources, protect_case=protect_case, infer=infer)


CHUNK_CHARS = 1 << 17
_BLOCK_START = re.compile(r"\n(?=@[A-Za-z]+\s*[{(])")


def _chunks(text: str, also: int = -1) -> list[tuple[int, str]]:
    """``(first line - 1, text)`` pieces of about CHUNK_CHARS, cut only where a block starts;
    also at the first block after offset ``also`` (where the @strings end, see :func:`_read_all`).

    bibtexparser holds a whole file's blocks at once; parsing piece by piece keeps only one
    piece's blocks alive beside the items, which halves the peak memory of a large file.
    """
    pieces, start, line = [], 0, 0
    while len(text) - start > CHUNK_CHARS or start <= also:
        at = also + 1 if start <= also < start + CHUNK_CHARS else start + CHUNK_CHARS
        cut = _BLOCK_START.search(text, at)
        if cut is None:
            break
        pieces.append((line, text[start : cut.start() + 1]))
        line += text.count("\n", start, cut.start() + 1)
        start = cut.start() + 1
    pieces.append((line, text[start:]))
    return pieces


def parse_bibtex(
    text: str,
    source: str = "<string>",
    *,
    keep_sources: bool = True,
    protect_case: bool = False,
    infer: bool = False,
    refine: Callable[[Item], Any] | None = None,
) -> Bibliography:
    """Parse BibTeX text into items in file order, reporting every block that failed.

    ``keep_sources=False`` leaves ``bib.sources`` (each entry as written, for file-level checks
    and edits in place) empty, which halves the memory a large bibliography takes.
    ``protect_case=True`` writes braced words of titles (``{DNA}``) as CSL nocase spans.
    ``infer=True`` gives items without ``langid``/``language`` the language of their script
    (:mod:`trialbib.io.language`), for formatting; importers and writers want the file as it is.
    ``refine`` changes each item in place as it is made, in the process that makes it.
    """
    token, refining = _PROTECT_CASE.set(protect_case), _REFINE.set(refine)
    collecting = gc.isenabled()
    gc.disable()  # the parse makes ~100 long-lived objects an entry: the cyclic collector's passes were 25% of it
    try:
        bib = _parse(text, source, keep_sources)
    finally:
        if collecting:
            _promote()
            gc.enable()
        _PROTECT_CASE.reset(token)
        _REFINE.reset(refining)
    if infer:
        for item in bib.items:
            mark_language(item)
    return bib


def _promote() -> None:
    """Move the objects made while the collector was off to its oldest generation, as surviving
    collections would, without the first collection walking all of them (0.15 s for 10,000
    entries). Skipped when the program froze objects itself (unfreezing would thaw them)."""
    if gc.get_freeze_count() == 0:
        gc.freeze()
        gc.unfreeze()


def _parse(text: str, source: str, keep_sources: bool) -> Bibliography:
    bib = Bibliography(source=source)
    strings: dict[str, str] = {}
    preamble: dict[str, str] = {}
    events = _read_all(text, bib.source or "<string>", strings, preamble, keep_sources)
    entries, converted = _replay(events, bib)
    bib.problems.extend(resolve(entries, source))
    later = []
    for n, done in enumerate(converted):
        if isinstance(done, list) and done[1] == entries[n].fields:
            converted[n] = done[2]  # guessed right (see _guessed): the same fields make the same item
        elif isinstance(done, str | list):
            later.append(n)
    minimum = PARALLEL_MIN if len(later) == len(converted) else LATE_PARALLEL_MIN
    for n, done in zip(later, _convert_all([entries[n] for n in later], minimum), strict=True):
        converted[n] = done
    unknown: dict[str, Location] = {}
    items: list[Item] = []  # added at once: Items counts each change it is told of
    for raw, done in zip(entries, converted, strict=True):
        if done is not None:
            items.append(_add_entry(bib, raw, done, source, keep_sources, unknown))
    bib.items.extend(items)
    for name, where in unknown.items():
        bib.problems.append(
            Problem(
                UNKNOWN_MACRO,
                f"unknown LaTeX macro \\{name} (first use); its text is kept, the macro dropped",
                where,
                "warning",
            )
        )
    return bib


UNKNOWN_MACRO = "TEX001"
# Entry types that hold data for other entries and are no reference themselves (biblatex).
_NOT_REFERENCES = frozenset(["xdata", "set"])
# An entry's item not made yet (it inherits, so it waits for every entry to be read).
_LATER = "later"
# The marks of the blocks whose definitions later entries use (@string, @preamble).
_DEFINING = re.compile(r"(?i)@[ \t]*(?:string|preamble)")

# What reading a block gives, in file order; plain data, so a forked child can send it back:
# ("p", problem) a problem; ("dup", key, line) a key bibtexparser saw twice in one piece;
# ("e", key, line, problems, raw entry or None, item or _LATER) an entry, whose key is checked
# against the keys before it when the events are replayed (:func:`_replay`).
_Event = tuple[Any, ...]


def _read_all(
    text: str, source: str, strings: dict[str, str], preamble: dict[str, str], keep_sources: bool = True
) -> list[_Event]:
    """The events of every piece of ``text``, read on two cores when the file is large.

    Entries depend on earlier pieces only through @strings, @preamble and repeated keys. So the
    pieces up to the last @string or @preamble are read first; then this process (from the
    front) and a forked child (from the back) share out the other pieces, reading and converting
    their entries; keys are checked when the events are replayed. An entry that inherits is
    converted after :func:`resolve`, unless a guess was right (:func:`_guessed`). Without a
    child (small file, one core, it failed) the result is the same.

    The child posts each piece's events as soon as it has read them (shared memory, see
    :class:`~trialbib.io.forked.Shares`), and this process takes them in between its own
    pieces: what the child sends is marshalled and read while both still work, not at the end.
    """
    from trialbib.io.forked import Shares

    pieces, first = _split(text)
    if first is None:
        return [event for offset, piece in pieces for event in _read_piece(piece, offset, source, strings, preamble)]
    prefix = [
        event for offset, piece in pieces[:first] for event in _read_piece(piece, offset, source, strings, preamble)
    ]
    rest = pieces[first:]
    _walker_ready()
    try:
        shares = Shares(len(rest), room=2 * sum(len(piece) for _, piece in rest) + (1 << 20))
    except OSError:  # no pipe or shared memory left: read here alone
        return prefix + _read_pieces(rest, source, strings, preamble)
    try:
        ask, tell = os.pipe()  # see below
    except OSError:
        shares.close()
        return prefix + _read_pieces(rest, source, strings, preamble)

    # Through ``tell``, the keys this process's entries inherit from, sent to the child once both
    # have read their pieces (see _Reader.child).
    read = _Reader(rest, source, strings, preamble, shares)
    started, sent, told = start_call(lambda: read.child(prefix, ask, tell, keep_sources)), None, False
    os.close(ask)
    theirs: dict[int, list[_Event]] = {}
    try:
        guessed: list[_Event] = []
        own, end = [_converted(event) for event in prefix], 0
        while True:
            if not guessed and shares.left() <= GUESS_BEFORE_LAST and started is not None:
                guessed, own = _guessed([], own), []  # while the child reads the last pieces
            n = shares.take(front=True)
            if n is None:
                break
            own += read.piece(n)
            end = n + 1
            if started is not None:
                _receive(map(marshal.loads, shares.received()), theirs, source)
        events = guessed + _guessed(guessed, own)
        if started is not None:
            _tell(tell, None if keep_sources else sorted(_references(events)))
            told = True
    finally:  # the child is told and waited for even when this process failed
        if not told:
            _tell(tell, None)  # with no child to read it, this only closes the pipe
        sent = finish_call(started) if started is not None else None
        if sent is not None:
            _receive(map(marshal.loads, shares.received()), theirs, source)
        shares.close()
    if sent is not None and sent[0] == end:
        _receive(sent[1], theirs, source)  # the frames that found no room
        for n, i, fields, lines in sent[2]:
            theirs[n][i][4].fields, theirs[n][i][4].field_lines = fields, lines
        if all(n in theirs for n in range(end, len(rest))):
            return events + [event for n in range(end, len(rest)) for event in theirs[n]]
    # no child, it failed, or it left pieces between (then read them all)
    return events + _read_pieces(rest[end:], source, strings, preamble)


class _Reader:
    """The pieces after the @strings, as the two processes of :func:`_read_all` read them."""

    def __init__(
        self, rest: list[tuple[int, str]], source: str, strings: dict[str, str], preamble: dict[str, str], shares: Any
    ):
        self.rest, self.source, self.strings, self.preamble, self.shares = rest, source, strings, preamble, shares

    def piece(self, n: int) -> list[_Event]:
        return _read_pieces(self.rest[n : n + 1], self.source, self.strings, self.preamble)

    def child(self, prefix: list[_Event], ask: int, tell: int, keep_sources: bool) -> tuple[int, list[Any], list[Any]]:
        """The child's part: pieces from the back, each posted as soon as read; then its guesses;
        then (once told what the parent's entries inherit from) the fields of those entries.

        Without ``keep_sources`` an entry's fields are posted only when it inherits: the others
        are seldom needed, and leaving them out halves what is sent. Returns the first piece it
        read, the frames that found no room, and the fields asked for."""
        os.close(tell)
        shares = self.shares
        start, parts, fresh, unposted = len(self.rest), dict[int, list[_Event]](), list[int](), list[Any]()

        def send(frame: Any) -> None:  # in order: once one frame did not fit, the rest go at the end
            if unposted or not shares.post(marshal.dumps(frame)):
                unposted.append(frame)

        def guess() -> None:
            before = [*prefix, *(event for n in sorted(parts) if n not in fresh for event in parts[n])]
            send(("guess", _guess_parts(before, parts, sorted(fresh))))
            fresh.clear()

        guessed = False
        while True:
            if not guessed and fresh and shares.left() <= GUESS_BEFORE_LAST:
                guess()
                guessed = True
            n = shares.take(front=False)
            if n is None:
                break
            start, parts[n] = n, self.piece(n)
            fresh.append(n)
            send(("piece", n, _flat(parts[n], None if keep_sources else set())))
        if fresh:
            guess()
        if keep_sources:  # every piece was posted with its fields
            _told(ask)  # (waited for all the same: the parent writes into the pipe once)
            return start, unposted, []
        # While the parent reads its last pieces: which entries it may ask for, and this part's own.
        own = _references([event for n in sorted(parts) for event in parts[n]])
        bare: dict[str, list[tuple[int, int, RawEntry]]] = {}
        for n in sorted(parts):
            for i, event in enumerate(parts[n]):
                if event[0] == "e" and event[4] is not None and not isinstance(event[5], str | list):
                    bare.setdefault(event[4].key.lower(), []).append((n, i, event[4]))  # posted without fields
        told = _told(ask)
        if told is None:
            return start, unposted, []
        fields = [(n, i, raw.fields, raw.field_lines) for key in {*told, *own} for n, i, raw in bare.get(key, ())]
        return start, unposted, fields


def _guess_parts(before: list[_Event], parts: dict[int, list[_Event]], fresh: list[int]) -> list[tuple[int, int, Any]]:
    """:func:`_guessed` over the pieces ``fresh`` of ``parts`` (changed in place), as the
    (piece, index, item) changes the other process makes to the events it was sent."""
    own = [event for n in fresh for event in parts[n]]
    guessed = iter(_guessed(before, own))
    changes = []
    for n in fresh:
        for i, event in enumerate(parts[n]):
            new = next(guessed)
            if new is not event:
                parts[n][i] = new
                changes.append((n, i, new[5]))
    return changes


def _receive(frames: Iterable[Any], pieces: dict[int, list[_Event]], source: str) -> None:
    """The child's frames into ``pieces``: a piece's events, or the guesses made for some."""
    for frame in frames:
        if frame[0] == "piece":
            pieces[frame[1]] = _unflat(frame[2], source)
        else:
            for n, i, done in frame[1]:
                pieces[n][i] = (*pieces[n][i][:5], done)


def _told(fd: int) -> Any:
    """What :func:`_tell` sent through the pipe ``fd`` (None when it sent nothing), which is closed."""
    with os.fdopen(fd, "rb") as pipe:
        return marshal.loads(pipe.read() or marshal.dumps(None))


def _tell(fd: int, value: Any) -> None:
    """``value`` marshalled into the pipe ``fd``, which is closed; a child that is gone is no error."""
    try:
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(marshal.dumps(value))
    except OSError:
        pass


def _references(events: list[_Event]) -> set[str]:
    """The keys, in lower case, that the entries of ``events`` inherit from."""
    raws = (event[4] for event in events if event[0] == "e" and event[4] is not None)
    return {name for raw in raws if inherits(raw.fields) for name in referenced_keys(raw.fields)}


# This process makes its guesses when this many pieces are left, so that the child, which makes
# its own at the end, takes more of the last pieces and both finish together.
GUESS_BEFORE_LAST = 3


def _guessed(before: list[_Event], own: list[_Event]) -> list[_Event]:
    """``own`` with each entry that inherits converted as if the entries of ``before`` and ``own``
    were the whole file. A guess, made while the rest is read elsewhere: :func:`_parse` keeps it
    when the whole file's :func:`resolve` gives the entry the same fields (most parents are near
    their children), else converts the entry again.
    """
    kept: dict[str, RawEntry] = {}
    copies: dict[int, RawEntry] = {}
    for event in (*before, *own):
        if event[0] != "e" or event[4] is None or event[1] in kept:
            continue
        raw = event[4]
        if isinstance(event[5], str | list):  # it inherits: resolve changes fields, so a copy is resolved
            raw = RawEntry(raw.key, raw.entry_type, dict(raw.fields), raw.line, raw.field_lines)
            copies[id(event)] = raw
        kept[event[1]] = raw
    if not copies:
        return own
    resolve(list(kept.values()), None)
    guessed = []
    for event in own:
        copy = copies.get(id(event))
        if copy is not None and isinstance(event[5], str):  # (a guess made before stands)
            with contextlib.suppress(Exception):  # on fields the file may not give it: only a guess failed
                event = (*event[:5], [_LATER, copy.fields, _convert(copy)])
        guessed.append(event)
    return guessed


def _split(text: str) -> tuple[list[tuple[int, str]], int | None]:
    """The pieces of ``text`` and how many are read before forking (through the last @string or
    @preamble); None when the file is read in this process alone."""
    from trialbib.io.forked import jobs

    entries = text.count("\n@", 0, 1 << 18) * max(1, len(text) >> 18)  # about; counting all takes longer
    if len(text) <= 2 * CHUNK_CHARS or jobs(entries, PARALLEL_MIN) < 2:
        return _chunks(text), None
    last = -1
    for mark in _DEFINING.finditer(text):
        last = mark.start()
    pieces = _chunks(text, last)
    if last < 0:
        return pieces, 0
    end = 0
    for n, (_, piece) in enumerate(pieces):
        end += len(piece)
        if end > last:  # the piece that ends with the last definition
            return pieces, n + 1 if end <= len(text) * 0.6 and n + 1 < len(pieces) - 1 else None
    return pieces, None


def _read_pieces(
    pieces: list[tuple[int, str]], source: str, strings: dict[str, str], preamble: dict[str, str]
) -> list[_Event]:
    """The events of ``pieces``, entries that inherit nothing converted to items."""
    return [
        _converted(event) for offset, piece in pieces for event in _read_piece(piece, offset, source, strings, preamble)
    ]


def _converted(event: _Event) -> _Event:
    """An entry's event with its item, unless it inherits (converted once resolved)."""
    fields = event[4].fields if event[0] == "e" and event[4] is not None else None
    if fields is None or inherits(fields):
        return event
    return (*event[:5], _convert(event[4]))


def _flat(events: list[_Event], wanted: set[str] | None = None) -> list[_Event]:
    """Events as marshal can send them: problems and raw entries as tuples. With ``wanted`` (the
    keys, in lower case, that entries inherit from), an entry's fields and their lines are left
    out unless it inherits, is inherited from or has a problem whose line they give."""
    out: list[_Event] = []
    for event in events:
        if event[0] == "p":
            out.append(("p", _flat_problem(event[1])))
        elif event[0] == "e":
            raw, done = event[4], event[5]
            if raw is None:
                flat = None
            elif wanted is None or isinstance(done, str | list) or raw.key.lower() in wanted:
                flat = (raw.key, raw.entry_type, raw.fields, raw.line, raw.field_lines)
            else:
                lines = raw.field_lines if done is not None and done[1] else {}
                flat = (raw.key, raw.entry_type, {}, raw.line, lines)
            out.append(("e", event[1], event[2], [_flat_problem(p) for p in event[3]], flat, done))
        else:
            out.append(event)
    return out


def _unflat(events: list[_Event], source: str) -> list[_Event]:
    """The events a child sent, as :func:`_read_piece` gives them."""
    out: list[_Event] = []
    for event in events:
        if event[0] == "p":
            out.append(("p", _problem(event[1], source)))
        elif event[0] == "e":
            raw = None if event[4] is None else RawEntry(*event[4])
            out.append(("e", event[1], event[2], [_problem(p, source) for p in event[3]], raw, event[5]))
        else:
            out.append(event)
    return out


def _flat_problem(problem: Problem) -> tuple[Any, ...]:
    where = problem.location
    return problem.code, problem.message, where.line, where.key, problem.severity


def _problem(flat: tuple[Any, ...], source: str) -> Problem:
    code, message, line, key, severity = flat
    return Problem(code, message, Location(source, line, key=key), severity)


def _replay(events: list[_Event], bib: Bibliography) -> tuple[list[RawEntry], list[Any]]:
    """Problems into ``bib`` in file order; the entries kept (the first of a key) and their items."""
    source = bib.source or "<string>"
    seen_keys: dict[str, int] = {}
    entries: list[RawEntry] = []
    converted: list[Any] = []
    for event in events:
        kind = event[0]
        if kind == "e":
            _, key, line, problems, raw, done = event
            if key in seen_keys:
                bib.problems.append(
                    Problem(
                        "KEY002",
                        f"duplicate key {key!r} (first at line {seen_keys[key]}); give each entry its own key",
                        Location(source, line, key=key),
                    )
                )
                continue
            seen_keys[key] = line
            bib.problems.extend(problems)
            if raw is not None:
                entries.append(raw)
                converted.append(done)
        elif kind == "p":
            bib.problems.append(event[1])
        else:
            _, key, line = event
            first = seen_keys.get(key)
            also = f" (first at line {first})" if first else ""
            bib.problems.append(
                Problem(
                    "KEY002",
                    f"duplicate key {key!r}{also}; give each entry its own key",
                    Location(source, line, key=key),
                )
            )
    return entries, converted


def _read_piece(text: str, offset: int, source: str, strings: dict[str, str], preamble: dict[str, str]) -> list[_Event]:
    """The events of one piece of the file, whose first line is the file's line ``offset + 1``."""
    from trialbib.io.bibsplit import FastEntry, FastString, read_blocks

    events: list[_Event] = []
    for block in read_blocks(text):  # bibtexparser's blocks, the usual entries and @strings lighter
        kind = type(block)
        if kind is FastEntry:  # the usual entry: no ``%`` in its field names
            events.append(_entry_event(block, block.start_line + 1 + offset, offset, source, strings, preamble))
            continue
        if kind is FastString:
            _define(block, block.start_line + 1 + offset, source, strings, events)
            continue
        from bibtexparser import model as bm

        if isinstance(block, bm.ParsingFailedBlock) or (
            isinstance(block, bm.Entry) and "%" in (block.raw or "%") and any("%" in f.key for f in block.fields)
        ):
            block = _without_comments(block)
        line = (block.start_line or 0) + 1 + offset
        if isinstance(block, bm.Preamble):
            preamble.update((m.group(1) or m.group(2), m.group(3)) for m in _DEFINITION.finditer(block.value))
        elif isinstance(block, bm.String):
            _define(block, line, source, strings, events)
        elif isinstance(block, bm.DuplicateFieldKeyBlock):
            entry = block.ignore_error_block
            key = getattr(entry, "key", None)
            fields = ", ".join(sorted(block.duplicate_keys))
            seen = [f.start_line + 1 + offset for f in getattr(entry, "fields", []) if f.key in block.duplicate_keys]
            at = seen[1] if len(seen) > 1 else line
            events.append(
                ("p", Problem("SYN002", f"field {fields} appears twice; keep one", Location(source, at, key=key)))
            )
        elif (
            isinstance(block, bm.ImplicitComment)
            and block.comment.lstrip().startswith("@")
            and not block.comment.lstrip()[1:].lstrip().lower().startswith("comment")  # bibtex skips @comment text
        ):
            head = block.comment.strip().split("\n", 1)[0][:40]
            events.append(
                (
                    "p",
                    Problem(
                        "SYN001",
                        f"{head!r} starts an entry but has no '{{'; write @type{{key, ...}}",
                        Location(file=source, line=line),
                    ),
                )
            )
        elif isinstance(block, bm.DuplicateBlockKeyBlock):
            if not isinstance(block.ignore_error_block, bm.String):
                events.append(("dup", block.key, line))
        elif isinstance(block, bm.ParsingFailedBlock):
            events.append(("p", Problem(*_describe_failure(block), Location(file=source, line=line))))
        elif isinstance(block, bm.Entry):
            events.append(_entry_event(block, line, offset, source, strings, preamble))
    return events


def _entry_event(
    block: Any, line: int, offset: int, source: str, strings: dict[str, str], preamble: dict[str, str]
) -> _Event:
    """An entry's event (a bibtexparser Entry or a bibsplit.FastEntry at the file's ``line``)."""
    problems: list[Problem] = []
    raw = _raw_entry(problems, block, strings, source, line, offset, preamble)
    return ("e", block.key, line, problems, raw, _LATER)


def _define(block: Any, line: int, source: str, strings: dict[str, str], events: list[_Event]) -> None:
    """An @string (bibtexparser's or a bibsplit.FastString) into ``strings``, or its problem into ``events``."""
    try:
        strings[block.key.lower()] = _resolve(block.value, strings, "@string")
    except _FieldError as exc:
        events.append(("p", Problem(exc.code, str(exc), Location(file=source, line=line))))


# ``@preamble{"\\providecommand{\\addat}{@}"}``: a macro without arguments whose text is plain,
# expanded in field values as LaTeX would (DBLP and MathSciNet files define such helpers).
_DEFINITION = re.compile(
    r"(?i)\\(?:provide|new|renew|declare)(?:robust)?c(?:om)?m(?:an)?d\*?\s*"
    r"(?:\{\s*\\([A-Za-z]+)\s*\}|\\([A-Za-z]+))\s*\{([^{}\\#%$^_~\n]*)\}"
)


def _expand(value: str, preamble: dict[str, str]) -> str:
    """Preamble macros replaced by their text (``\\addat`` -> ``@``); other macros left as they are."""
    return _CONTROL_WORD.sub(lambda m: preamble.get(m.group(1), m.group(0)), value)


_CONTROL_WORD = re.compile(r"\\([A-Za-z]+)(?:\{\}|[ \t]*)")  # LaTeX eats the space after a control word


def _without_comments(block: Any) -> Any:
    """The block parsed again without its ``%`` comment lines between fields, as biber reads it.

    bibtexparser reads ``% note = {x},`` inside an entry as a field named ``% note``, or fails
    on the entry; the comments are blanked (lines kept) and the entry parsed again.
    """
    import bibtexparser

    raw = getattr(block, "raw", None)
    if not raw or "%" not in raw:
        return block
    cleaned = _blank_comments(raw)
    if cleaned == raw:
        return block
    from bibtexparser import model as bm

    blocks = bibtexparser.parse_string(cleaned, parse_stack=[]).blocks
    if len(blocks) != 1 or not isinstance(blocks[0], bm.Entry):
        return block
    again, start = blocks[0], block.start_line or 0
    fields = [bm.Field(f.key, f.value, (f.start_line or 0) + start) for f in again.fields]
    return bm.Entry(again.entry_type, again.key, fields, start, raw)


def _blank_comments(raw: str) -> str:
    """``%`` to the end of the line, outside braces and quotes but inside the entry, as spaces."""
    out = list(raw)
    depth, quoted, i = 0, False, 0
    while i < len(raw):
        ch = raw[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 1:
            quoted = not quoted
        elif ch == "%" and depth == 1 and not quoted:
            end = raw.find("\n", i)
            end = len(raw) if end < 0 else end
            out[i:end] = " " * (end - i)
            i = end
            continue
        i += 1
    return "".join(out)


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


def _raw_entry(
    problems: list[Problem],
    entry: Any,
    strings: dict[str, str],
    source: str,
    line: int,
    offset: int,
    preamble: dict[str, str] | None = None,
) -> RawEntry | None:
    """An entry's fields with @strings resolved; None (and a problem) when it cannot be read."""
    key = entry.key
    etype = entry.entry_type.lower()
    if etype not in ENTRY_TYPES and etype not in _NOT_REFERENCES:
        problems.append(  # read as @misc, as biber does
            Problem(
                "SYN004",
                f"unknown entry type @{entry.entry_type}; use a BibTeX or BibLaTeX type such as @article or @misc",
                Location(source, line, key=key),
                "warning",
            )
        )
        etype = "misc"
    fields: dict[str, str] = {}
    lines: dict[str, int] = {}
    try:
        found = getattr(entry, "found", None)  # a bibsplit.FastEntry: its fields as _SCAN's groups
        if found is not None:
            _fast_fields(found, entry.field_line + 1 + offset, fields, lines, strings, preamble)
        else:
            for field in entry.fields:
                at = (field.start_line or 0) + 1 + offset
                _one_field(field.key, field.value, at, fields, lines, strings, preamble)
    except _FieldError as exc:
        problems.append(Problem(exc.code, str(exc), Location(source, lines.get(exc.field, line), key=key)))
        return None
    return RawEntry(key, etype, fields, line, lines)


def _one_field(
    written: str,
    raw: str,
    line: int,
    fields: dict[str, str],
    lines: dict[str, int],
    strings: dict[str, str],
    preamble: dict[str, str] | None,
) -> None:
    """A field as written (``raw``, stripped) into ``fields`` and its line into ``lines``."""
    name = written.lower()
    lines[name] = line
    if len(raw) > MAX_FIELD_CHARS or raw.count("{") > MAX_BRACE_DEPTH:
        _check_size(written, raw)
    # The usual shapes, ``{value}``, ``"value"`` and ``2001``: what _resolve gives, without its steps.
    first = raw[:1]
    if "#" not in raw and (
        (first == "{" and raw[-1:] == "}" and _balanced_outer(raw))
        or (first == '"' and len(raw) > 1 and raw[-1] == '"')
    ):
        value = raw[1:-1]
    elif raw.isdecimal():
        value = raw
    else:
        value = _resolve(raw, strings, written)
    fields[name] = _macros(value, preamble) if "\\" in value else value


def _macros(value: str, preamble: dict[str, str] | None) -> str:
    """A value with a backslash: lone braces spelt as words, then the @preamble's definitions."""
    value = _brace_words(value)
    return _expand(value, preamble) if preamble else value


# ``#``, an escaped brace in braces, ``#`` in quotes: _one_field's steps read them as bibtexparser does not.
_ESCAPED_BRACE = re.compile(r"\\[{}]")


def _fast_fields(
    found: list[tuple[str, ...]],
    line: int,
    fields: dict[str, str],
    lines: dict[str, int],
    strings: dict[str, str],
    preamble: dict[str, str] | None,
) -> None:
    """:func:`_one_field` for each field the fast splitter read (``line`` is where they start):
    its regular expression gave each value's parts, so the usual shapes take no more steps."""
    for before, written, after, atom, rest, _, _, _ in found:
        line += before.count("\n")  # (most fields start a line)
        first = atom[0]
        if rest or (first == "{" and "\\" in atom and _ESCAPED_BRACE.search(atom)) or (first == '"' and "#" in atom):
            _one_field(written, atom + rest, line, fields, lines, strings, preamble)
        else:
            name = written.lower()
            lines[name] = line
            if len(atom) > MAX_BRACE_DEPTH and (len(atom) > MAX_FIELD_CHARS or atom.count("{") > MAX_BRACE_DEPTH):
                _check_size(written, atom)
            if first == "{" or first == '"':  # one braced group (balanced: _SCAN read it so) or quoted text
                value = atom[1:-1]
            elif atom.isdecimal():
                value = atom
            else:  # a macro: _resolve's first choice, then a month, else _resolve's error
                low = atom.lower()
                macro = strings.get(low)
                if macro is not None:
                    value = macro
                else:
                    value = str(MONTHS[low]) if low in MONTHS and len(low) == 3 else _resolve(atom, strings, written)
            fields[name] = _macros(value, preamble) if "\\" in value else value
        if "\n" in after:
            line += after.count("\n")


# Entries converted in forked workers from this many on (see trialbib.io.forked): below it the
# fork and the results sent back cost more than the second core gives.
PARALLEL_MIN = 2000
# The same for the entries that inherit, converted after the others: the conversion code is
# warm and imported then, so a fork pays off sooner.
LATE_PARALLEL_MIN = 500
_Converted = tuple[Item, list[tuple[str, str, str]], list[str]] | None


def _convert_all(entries: list[RawEntry], minimum: int = PARALLEL_MIN) -> list[_Converted]:
    """Every entry's item, field problems and unknown macros; on every core from ``minimum``
    entries on (each entry's conversion depends on nothing but the entry)."""
    from trialbib.io.forked import jobs, map_forked

    workers = jobs(len(entries), minimum)
    if workers > 1:
        _walker_ready()
    return map_forked(_convert, entries, workers)


def _walker_ready() -> None:
    """Import and build what conversion uses lazily, before forking: a child never imports."""
    from bibtexparser.middlewares.names import parse_single_name_into_parts  # noqa: F401

    from trialbib.io import nameparts  # noqa: F401
    from trialbib.io.latex import latex_to_rich

    latex_to_rich("\\emph{x} \\unknownmacro{y} $\\alpha$ \\url{z}")
    refine = _REFINE.get()
    if refine is not None:  # its tables (the CSL variables) loaded once, here
        refine({"id": "x", "type": "document", "custom": {"archive_location": "x", "entrysubtype": "x"}})


def _convert(raw: RawEntry) -> _Converted:
    """One entry's item (None for data-only entries), its field problems as (field, message, code)."""
    if raw.entry_type in _NOT_REFERENCES:
        return None
    problems: list[_FieldError] = []
    macros: list[str] = []
    item = to_item(raw.key, raw.entry_type, raw.fields, problems, macros)
    refine = _REFINE.get()
    if refine is not None:
        refine(item)
    return item, [(exc.field, str(exc), exc.code) for exc in problems], macros


def _add_entry(
    bib: Bibliography,
    raw: RawEntry,
    converted: tuple[Item, list[tuple[str, str, str]], list[str]],
    source: str,
    keep_sources: bool,
    unknown: dict[str, Location],
) -> Item:
    """The item of one entry, its place and problems noted in ``bib``; a field that cannot be
    read is reported and left out, not the entry."""
    item, problems, macros = converted
    key = raw.key
    where = Location(source, raw.line, key=key)
    for field, message, code in problems:
        line = raw.field_lines.get(field, raw.line)
        bib.problems.append(Problem(code, message, Location(source, line, key=key)))
    for name in macros:
        unknown.setdefault(name, where)
    bib.locations[key] = where
    if keep_sources:
        bib.sources[key] = SourceEntry(
            entry_type=raw.entry_type,
            fields=raw.fields,
            field_lines=raw.field_lines,
            line=raw.line,
            inherited=tuple(raw.inherited),
        )
    return item


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
    if "#" in raw:
        parts = _split_concat(raw.strip())
    else:  # one part (_split_concat's answer); quoted, as most @strings are, it is its text
        part = raw.strip()
        if len(part) >= 2 and part[0] == '"' and part[-1] == '"':
            return part[1:-1]
        parts = [part]
    out = []
    for part in parts:
        first = part[:1]
        if len(part) >= 2 and ((first == "{" and part[-1] == "}") or (first == '"' and part[-1] == '"')):
            if first == "{" and not _balanced_outer(part):
                closed = part[: _outer_end(part) + 1]
                raise _FieldError(
                    field.lower(),
                    f"field {field} has text after its closing brace: {closed[:30]!r} is followed by "
                    f"{part[len(closed) :].strip()[:30]!r}; is a comma missing between fields?",
                )
            out.append(part[1:-1])
            continue
        if part.isdecimal():
            out.append(part)
            continue
        low = part.lower()
        macro = strings.get(low)
        if macro is not None:
            out.append(macro)
        elif low in MONTHS and len(part) == 3:
            out.append(str(MONTHS[low]))
        else:
            raise _FieldError(
                field.lower(),
                f"field {field} uses undefined @string {part!r}; define it or put the value in braces",
                "SYN003",
            )
    return "".join(out)


_CONCAT_MARKS = re.compile(r'[{}"#]')


def _split_concat(raw: str) -> list[str]:
    """Split ``a # {b} # "c"`` at the ``#`` signs that are outside braces and quotes."""
    if "#" not in raw:
        return [raw]
    parts, depth, quoted, start = [], 0, False, 0
    for mark in _CONCAT_MARKS.finditer(raw):  # only these characters change anything
        ch, i = mark.group(), mark.start()
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


RICH_FIELDS = frozenset(["title", "title-short", "collection-title", "event-title", "note", "abstract"])
_NOCASE_FIELDS = frozenset(["title", "title-short", "container-title", "collection-title", "event-title"])
# Protected case (``{DNA}``) as CSL nocase spans: off by default, because keys, the cross-check,
# duplicate detection and import matching still compare titles as plain strings.
_PROTECT_CASE: ContextVar[bool] = ContextVar("protect_case", default=False)
_REFINE: ContextVar[Callable[[Item], Any] | None] = ContextVar("refine", default=None)  # see parse_bibtex
_NOCASE_SPAN = re.compile(r'<span class="nocase">(.*?)</span>')


def _text(value: str, target: str, macros: list[str]) -> str:
    """A field's text: CSL rich text for titles and notes, plain text otherwise."""
    if "\\" in value:
        macros.extend(latex_to_rich(value)[1])
    if target not in RICH_FIELDS and target != "container-title":
        return latex_to_text(value)
    rich = latex_to_rich(value)[0]
    if "nocase" in rich and (target not in _NOCASE_FIELDS or not _PROTECT_CASE.get()):
        rich = _NOCASE_SPAN.sub(r"\1", rich)
    return rich


def to_item(
    key: str,
    etype: str,
    fields: dict[str, str],
    problems: list[_FieldError] | None = None,
    macros: list[str] | None = None,
) -> Item:
    """One CSL-JSON item from an entry's resolved fields (still LaTeX).

    A field that cannot be read is left out and its error added to ``problems`` (raised when
    ``problems`` is None); the names of LaTeX macros not known go to ``macros``.
    """
    found: list[_FieldError] = [] if problems is None else problems
    unknown: list[str] = [] if macros is None else macros
    item: Item = {"id": key, "type": ENTRY_TYPES.get(etype, "document"), "citation-key": key}
    custom: dict[str, Any] = {}
    for name, value in fields.items():
        try:
            _field(item, custom, name, value, unknown)
        except _FieldError as exc:
            found.append(exc)
    for step in (_container, _numbers, _titles, _issued_into, _pages_into, _language, _eprint, _by_type):
        try:
            step(item, etype, fields, unknown, custom)
        except _FieldError as exc:
            found.append(exc)
    if etype in THESIS_GENRES and "genre" not in item:
        item["genre"] = THESIS_GENRES[etype]
    if custom:
        item["custom"] = custom
    if problems is None and found:
        raise found[0]
    return item


def _field(item: Item, custom: dict[str, Any], name: str, value: str, macros: list[str]) -> None:
    if name in NAME_FIELDS:
        names, truncated = parse_names(value)
        if names:
            item[NAME_FIELDS[name]] = names
        if truncated:
            custom[f"{NAME_FIELDS[name]}-truncated"] = True
    elif name in TEXT_FIELDS:
        text = _text(value, TEXT_FIELDS[name], macros)
        if text:
            item[TEXT_FIELDS[name]] = text
    elif name in VERBATIM_FIELDS:
        value = _URL_WRAPPED.sub(r"\1", value.strip())
        text = _SPACE.sub("", value.replace("{", "").replace("}", "").replace("\\_", "_"))
        if text:
            item[VERBATIM_FIELDS[name]] = text
    elif name in DATE_FIELDS:
        item[DATE_FIELDS[name]] = parse_date(value, name)
    elif name not in CONSUMED and name not in CONSUMED_LATER and value.strip():
        custom[name] = latex_to_text(value)


def _titles(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
    title = item.get("title")
    for extra, sep in (("subtitle", ": "), ("titleaddon", ". ")):
        if fields.get(extra):
            item["title"] = f"{title or ''}{sep}{_text(fields[extra], 'title', macros)}".strip(": .")
            title = item["title"]


def _issued_into(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
    try:
        issued = _issued(fields)
    except _FieldError as exc:
        year = latex_to_text(fields.get("year", "")).strip()
        if exc.field in ("month", "day") and year.isdecimal() and len(year) <= 4:
            item["issued"] = {"date-parts": [[int(year)]]}  # the year stands
        raise
    if issued:
        item["issued"] = issued
    if fields.get("date") and fields.get("year"):
        date, problem = parse_date_text(latex_to_text(fields["date"], dashes=False))
        if date is None:  # the year stands, as in biber, and the date is reported
            raise _FieldError("date", f"field date: {problem}; the year is used")


def _pages_into(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
    if fields.get("pages"):
        pages = normalize_pages(fields["pages"])
        if pages:
            item["page"] = pages


def _language(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
    lang = fields.get("langid") or fields.get("language")
    if lang:
        lang = latex_to_text(lang)
        item["language"] = LANGUAGES.get(lang.lower(), lang)


def _eprint(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
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


def _container(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
    journal = fields.get("journaltitle") or fields.get("journal")
    booktitle = fields.get("booktitle")
    if etype in _BOOK_LEVEL and booktitle and _same_title(booktitle, fields.get("title")):
        booktitle = None  # its own title, written for the entries that crossref it
    if journal and not (booktitle and etype in _BOOK_PARTS):
        item["container-title"] = _titled(fields, "journal", journal, macros)
    elif booktitle and fields.get("maintitle"):  # a volume of a multi-volume work, as pandoc reads it
        item["container-title"] = _titled(fields, "main", fields["maintitle"], macros)
        item["volume-title"] = _titled(fields, "book", booktitle, macros)
    elif booktitle:
        item["container-title"] = _titled(fields, "book", booktitle, macros)
    publisher = fields.get("school") or fields.get("institution") or fields.get("organization")
    if publisher and "publisher" not in item:
        item["publisher"] = latex_to_text(publisher)
    if fields.get("part") and item.get("volume"):  # biblatex prints volume 7, part 2 as 7.2
        item["volume"] = f"{item['volume']}.{latex_to_text(fields['part'])}"


def _same_title(one: str, other: str | None) -> bool:
    def letters(text: str) -> str:
        return "".join(c for c in text.casefold() if c.isalnum())

    return other is not None and letters(one) == letters(other)


# A part of a book is in its booktitle, even when a journal came with it (often from a crossref parent).
_BOOK_PARTS = frozenset(
    ["inbook", "bookinbook", "incollection", "inproceedings", "conference", "inreference", "suppbook", "suppcollection"]
)

# A booktitle on these is usually the entry's own title, written for the entries that crossref it.
_BOOK_LEVEL = frozenset(
    ["book", "mvbook", "collection", "mvcollection", "proceedings", "mvproceedings", "reference", "mvreference"]
)


def _titled(fields: dict[str, str], prefix: str, title: str, macros: list[str]) -> str:
    """A title with its subtitle and title addon (``booktitle``, ``booksubtitle``, ``booktitleaddon``)."""
    text = _text(title, "container-title", macros)
    for extra, sep in ((f"{prefix}subtitle", ": "), (f"{prefix}titleaddon", ". ")):
        if fields.get(extra):
            text = f"{text}{sep}{_text(fields[extra], 'container-title', macros)}"
    return text


# Types whose ``number`` is the issue of a serial, as biblatex and pandoc read it.
_ISSUED_IN_PARTS = frozenset(
    ["article-journal", "article-magazine", "article-newspaper", "periodical", "review", "review-book"]
)


def _numbers(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
    number = fields.get("number")
    if not number:
        return
    text = latex_to_text(number)
    if item["type"] in _ISSUED_IN_PARTS and "issue" not in item:
        item["issue"] = text
    else:
        item["number"] = text


def _by_type(item: Item, etype: str, fields: dict[str, str], macros: list[str], custom: dict[str, Any]) -> None:
    """What an entry's type says about its fields, as biblatex reads them."""
    subtype = latex_to_text(fields["entrysubtype"]).strip().lower() if "entrysubtype" in fields else ""
    if subtype:
        if etype == "article" and subtype in ("newspaper", "magazine"):
            item["type"] = f"article-{subtype}"  # biblatex's (and Better BibLaTeX's) newspaper article
        else:
            custom["entrysubtype"] = subtype
    if fields.get("eid"):  # an article number (Article 106347): CSL ``number``, as APA prints it
        eid = latex_to_text(fields["eid"]).strip()
        if eid and "number" not in item:
            item["number"] = eid
        elif eid:
            custom["eid"] = eid
    if fields.get("holder"):
        holders, _ = parse_names(fields["holder"])
        if item["type"] == "patent" and "author" not in item and holders:
            item["author"] = holders  # GB/T 7714 puts a patent's holder where its author goes
        elif holders:
            custom["holder"] = latex_to_text(fields["holder"])
    if item["type"] in JOURNAL_TYPES and coded(fields.get("series", "")):  # the journal's series: "3rd series"
        item["collection-title"] = series_text(fields["series"], item.get("language"))
    if etype in ("proceedings", "mvproceedings") and "event-title" not in item and item.get("title"):
        item["event-title"] = item["title"]  # a conference's proceedings: GB/T's [C], not [M]
    if item.get("edition"):
        item["edition"] = edition_number(item["edition"])
    link = _URL_WRAPPED.sub(r"\1", fields["howpublished"].strip()) if "howpublished" in fields else ""
    if link and _WEB_ADDRESS.match(link):  # ``howpublished = {\url{...}}``: the address, as Zotero reads it
        link = link.replace("\\_", "_")
        if item.setdefault("URL", link) == link:
            item.pop("medium", None)
    elif item.get("medium") and "publisher" not in item and "medium" not in fields:
        # Textual ``howpublished`` ("Zenodo", "arXiv:1806.01261 [cs.LG]") is printed where the
        # publisher goes by biblatex and read as the publisher by pandoc and Better BibTeX; beside
        # a publisher it is the CSL medium (what the writer writes back there).
        item["publisher"] = item.pop("medium")


_ORDINALS = {
    word: n
    for n, word in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_EDITION = re.compile(r"(?i)^(\d+|[a-z]+)(?:(?<=\d)(?:st|nd|rd|th))?\.?(?:\s+(?:edition|edn|ed)\.?)?$")


def edition_number(text: str) -> str:
    """``Second``, ``2nd``, ``2nd ed.`` -> ``2``, as styles want a number to print "2nd ed."/"2 版";
    any other text (``Revised``, ``3rd revised``) kept as written."""
    match = _EDITION.match(text.strip())
    if not match:
        return text
    word = match.group(1).lower()
    if word.isdecimal():
        return str(int(word))
    return str(_ORDINALS[word]) if word in _ORDINALS else text


def _issued(fields: dict[str, str]) -> dict[str, Any] | None:
    """``date``, else ``year`` with ``month`` (a range such as ``10-11`` too) and ``day``."""
    if fields.get("date"):
        if not fields.get("year"):
            return parse_date(fields["date"], "date")
        date, _ = parse_date_text(latex_to_text(fields["date"], dashes=False))
        if date is not None:
            return date
    year = latex_to_text(fields.get("year", "")).strip()
    if not year:
        return None
    if not year.isdecimal():
        ranged, _ = parse_date_text(year) if re.match(r"^\d{4}\D", year) else (None, None)
        return ranged if ranged and "raw" not in ranged else {"literal": year}
    if len(year) > 4:
        raise _FieldError(
            "year", f"year {year[:12]!r}{'...' if len(year) > 12 else ''} has more than four digits; write the year"
        )
    month = latex_to_text(fields.get("month", ""), dashes=False).strip()
    if not month:
        return {"date-parts": [[int(year)]]}
    months, problem = parse_month(month)
    if months is None:
        raise _FieldError("month", f"{problem}", "SYN001")
    if len(months) == 1 and months[0] > 12:
        return {"date-parts": [[int(year)]], "season": months[0] - 20}
    if len(months) == 2:
        return {"date-parts": [[int(year), months[0]], [int(year), months[1]]]}
    parts = [int(year), months[0]]
    day = fields.get("day", "").strip()
    if day.isdecimal() and len(day) <= 2:
        parts.append(int(day))
        date, problem = parse_date_text(f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}")
        if date is None:
            raise _FieldError("day", f"year, month and day: {problem}")
    return {"date-parts": [parts]}


def parse_date(value: str, field: str) -> dict[str, Any]:
    """A BibLaTeX date field (ISO 8601 / EDTF level 1) as a CSL date; see :mod:`trialbib.io.dates`."""
    text = latex_to_text(value, dashes=False)
    date, problem = parse_date_text(text)
    if date is None:
        raise _FieldError(field, f"field {field}: {problem}")
    return date


_RANGE = re.compile(
    r"^([A-Za-z]{0,3}\d+[A-Za-z]{0,3}(?::\d+)?)\s*(?:-{1,3}|\u2013|\u2014|\u2212)\s*([A-Za-z]{0,3}\d+[A-Za-z]{0,3}(?::\d+)?)$"
)


def normalize_pages(value: str) -> str:
    """``991--993`` -> ``991-993``; each range of a list likewise (``1--3, 5``); any other text
    (``Article ID 106347``, ``e15094``, ``S116-S123``) kept as written, spaces collapsed."""
    text = _SPACE.sub(" ", latex_to_text(value, dashes=False)).strip()
    pieces = re.split(r"(\s*,\s*)", text)  # the separators stay as written (``698,704``)
    out = []
    for n, piece in enumerate(pieces):
        match = _RANGE.match(piece) if n % 2 == 0 else None
        if match:
            out.append(f"{match.group(1)}-{match.group(2)}")
        elif n % 2 or re.fullmatch(r"[A-Za-z]{0,3}\d+[A-Za-z]{0,3}(?::\d+)?", piece):
            out.append(piece)
        else:
            return text
    return "".join(out)


def parse_names(value: str) -> tuple[list[dict[str, str]], bool]:
    """CSL names from a BibTeX name list, and whether it ended in ``and others``. Never fails:
    bibtexparser's name rules (non-strict, as biber) read any text as names."""
    names, truncated = _parse_names(value)
    return [dict(name) for name in names], truncated


@lru_cache(maxsize=16384)
def _parse_names(value: str) -> tuple[tuple[dict[str, str], ...], bool]:
    """The work of :func:`parse_names`, memoised: co-author lists repeat across a bibliography."""
    names, truncated = _split_names(value)
    return tuple(names), truncated


def _split_names(value: str) -> tuple[list[dict[str, str]], bool]:
    names: list[dict[str, str]] = []
    truncated = False
    for raw in split_name_list(value):
        if raw:  # an empty part is a doubled "and" (NAM001)
            name = _one_name(raw)
            if name is None:
                truncated = True
            elif name:
                names.append(name)
    return names, truncated


@lru_cache(maxsize=65536)
def _one_name(raw: str) -> dict[str, str] | None:
    """One name of a list as CSL (None for ``others``), memoised: people recur across entries.

    The dicts are shared by every list a name is in; parse_names hands out copies.
    """
    stripped = raw.strip()
    if stripped.lower() == "others":
        return None
    if stripped[:1] == "{" and stripped[-1:] == "}" and _balanced_outer(stripped):
        return {"literal": latex_to_text(stripped)}
    family_only = stripped[-1:] == ","
    if family_only and stripped[:1] == "{" and _balanced_outer(stripped[:-1].rstrip()):
        return {"family": latex_to_text(stripped[:-1])}  # ``{Le Duff},``: a family name only
    family_only = family_only and _depth0_commas(stripped) == 1
    if family_only:  # ``Molins A,``: bibtex reads "von Last, First" with First empty
        raw = f"{stripped} X"
    if "\\" in raw:  # ``Jo\~{a}o``: the tilde is an accent, not a tie; bibtex reads ``{\~a}`` as one letter
        raw = _brace_accents(raw)
    from trialbib.io.nameparts import name_words  # (run once a name: the rest come from the cache)

    first, von, last, jr = name_words(raw)
    text = latex_to_text if _NOT_PLAIN_NAME.search(raw) else _as_written
    name: dict[str, str] = {}
    family = text(" ".join(last))
    if family:
        name["family"] = family
    given = "" if family_only else text(" ".join(first))
    if given:
        name["given"] = given
    if von:
        name["non-dropping-particle"] = text(" ".join(von))
    if jr:
        name["suffix"] = text(" ".join(jr))
    return name


# What latex_to_text changes in a name's words joined by spaces (anything else it keeps as written).
_NOT_PLAIN_NAME = re.compile(r"[\\{}~$`\x00]|--|''|[^\S ]")


def _as_written(words: str) -> str:
    """A name part without LaTeX (no ``_NOT_PLAIN_NAME``): latex_to_text would give it back as is."""
    return words


_ACCENTED_LETTER = re.compile(
    r"\\([~'\"`^=.]|[uvHckrtbd](?=[\s{]))\s*(?:\{(\\?[A-Za-z])\}|(\\[ij](?![A-Za-z])\s*|[A-Za-z]))"
)


def _brace_accents(text: str) -> str:
    """Accents outside braces as bibtex's special characters: ``Jo\\~{a}o`` -> ``Jo{\\~a}o``."""
    out, last = [], 0
    for match in _ACCENTED_LETTER.finditer(text):
        before = text[: match.start()]
        if before.count("{") - before.count("}") != 0:  # inside braces the text is already one unit
            continue
        gap = " " if match[1].isalpha() else ""  # ``\\c c``: a control word needs its space
        out += [text[last : match.start()], "{\\", match[1], gap, (match[2] or match[3]).rstrip(), "}"]
        last = match.end()
    return "".join(out) + text[last:]


def _depth0_commas(text: str) -> int:
    """Commas outside braces: a name's parts are split only there."""
    depth = count = 0
    for ch in text:
        depth += (ch == "{") - (ch == "}")
        count += ch == "," and depth == 0
    return count


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
    if not text or text[0] not in "{}":
        return len(text) == 1  # depth 0 at the first character
    if text[0] == "{" and text[-1] == "}" and "{" not in text[1:-1] and "}" not in text[1:-1]:
        return True
    depth = 0
    for brace in _ANY_BRACE.finditer(text):  # between braces the depth does not change
        depth += 1 if brace.group() == "{" else -1
        if depth == 0:
            return brace.start() == len(text) - 1
    return False


_ANY_BRACE = re.compile(r"[{}]")
