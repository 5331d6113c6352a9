"""Citations in a manuscript: which references it cites, where, and in which order.

Three syntaxes are read, chosen by the file's suffix (``.tex`` is LaTeX, anything else is
Markdown/plain text):

- pandoc Markdown: ``[@key]``, ``[see @a, p. 3; @b]``, ``[-@key]``, ``@key`` and ``@key [p. 3]``
  in running text, ``@{key.with.odd:chars}``; ``nocite`` in the YAML front matter (``@*``: every
  entry); pandoc-crossref labels (``@fig:x``, ``@tbl:``, ``@sec:``, ``@eq:``, ``@lst:``) are not
  citations;
- LaTeX: ``\\cite``, ``\\citep``, ``\\citet``, ``\\parencite``, ``\\autocite``, ``\\textcite``,
  ``\\nocite`` and their starred, capitalised and multi-cite (``\\cites``) forms, with optional
  arguments and comma-separated key lists; ``\\nocite{*}`` cites everything;
- numeric citations in Markdown and text: ``[1]``, ``[1,2]``, ``[19-20]``, ``[19, 20]``,
  superscripts ``^1,2^`` and ``<sup>1</sup>``. Numbers refer to the bibliography's order.

Code blocks, inline code, HTML comments (Markdown), ``%`` comments, verbatim environments and
``\\verb`` (LaTeX) are skipped; citations in a footnote are read where the note is referenced; and
positions are kept so each citation has its line and column. Keys given to ``nocite``
(front matter or ``\\nocite``) are also in ``nocite``: cited, but numbered after the cited ones.
The prefix, locator and mode of each citation, which formatting needs, are read by
:mod:`trialbib.manuscript.scan`.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from trialbib.errors import InputError, Location
from trialbib.io.files import read_text

Syntax = Literal["pandoc", "latex", "numeric"]
LATEX_SUFFIXES = (".tex", ".ltx", ".latex")
MANUSCRIPT_SUFFIXES = (".md", ".markdown", ".rmd", ".qmd", ".txt", *LATEX_SUFFIXES)
CROSSREF_PREFIXES = ("fig:", "tbl:", "sec:", "eq:", "lst:")


@dataclass(frozen=True)
class Citation:
    """One cited reference: a key (pandoc, LaTeX) or a number (numeric), and where it is."""

    line: int
    column: int
    syntax: Syntax
    key: str | None = None
    number: int | None = None


@dataclass
class Manuscript:
    """The citations of one file, in reading order; ``cites_all`` after ``\\nocite{*}`` or ``@*``."""

    source: str
    citations: list[Citation] = field(default_factory=list)
    cites_all: bool = False
    nocite: list[str] = field(default_factory=list)

    @property
    def keys(self) -> list[str]:
        """Cited keys, once each, in order of first citation."""
        return list(dict.fromkeys(c.key for c in self.citations if c.key is not None))

    @property
    def numbers(self) -> list[int]:
        """Cited numbers, once each, in order of first citation."""
        return list(dict.fromkeys(c.number for c in self.citations if c.number is not None))


def read_manuscript(path: str | os.PathLike[str]) -> Manuscript:
    """Scan a manuscript file; LaTeX by suffix, else Markdown."""
    if str(path).lower().endswith((".docx", ".odt", ".doc")):  # else: "contains a NUL byte", wrong advice
        raise InputError(
            "is a word-processor file; check and crosscheck read Markdown, LaTeX and text manuscripts",
            Location(str(path)),
            "save it as .md or .txt (trialbib render --manuscript and format read .docx)",
        )
    text = read_text(path, "manuscript")
    return scan_manuscript(text, str(path), latex=str(path).lower().endswith(LATEX_SUFFIXES))


def scan_manuscript(text: str, source: str = "<string>", *, latex: bool = False) -> Manuscript:
    """The citations of ``text`` in reading order."""
    manuscript = Manuscript(source)
    if latex:
        found = _scan_latex(blank(text, TEX_SKIP), manuscript)
    else:
        clean = text
        front = FRONT_MATTER.match(text)
        if front:
            meta = front_matter(front.group("body"))
            manuscript.nocite, manuscript.cites_all = nocite_keys(meta.get("nocite"))
            clean = re.sub(r"[^\n]", " ", text[: front.end()]) + text[front.end() :]
        clean = blank(clean, _MD_SKIP)
        found = _scan_pandoc(clean) + _scan_numeric(clean)
        reading = footnote_reading(clean)
        found = [(reading(offset), syntax, key, number, offset) for offset, syntax, key, number, _ in found]
    starts = _line_starts(text)
    for _, syntax, key, number, offset in sorted(found, key=lambda f: (f[0], f[4])):
        line, column = _position(starts, offset)
        manuscript.citations.append(Citation(line, column, syntax, key, number))
    return manuscript


Found = tuple[int, Syntax, str | None, int | None, int]  # reading position, ..., offset

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_NOCITE = re.compile(r"@(?:(?P<all>\*)|\{(?P<braced>[^{}\n]+)\}|(?P<key>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))")


def front_matter(body: str) -> dict[str, object]:
    """pandoc's YAML metadata block as a dict (empty when it is not a YAML mapping)."""
    import yaml

    from trialbib.io.files import yaml_loader

    try:
        meta = yaml.load(body, Loader=yaml_loader())  # no tags, no aliases (billion laughs)
    except yaml.YAMLError:
        return {}
    return meta if isinstance(meta, dict) else {}


def nocite_keys(value: object) -> tuple[list[str], bool]:
    """The keys of a ``nocite`` value (``'@a, @b'`` or a list), and whether it holds ``@*``."""
    values = value if isinstance(value, list) else [value] if value else []
    keys: list[str] = []
    everything = False
    for text in values:
        for match in _NOCITE.finditer(str(text)):
            if match.group("all"):
                everything = True
            else:
                keys.append(match.group("braced") or match.group("key"))
    return keys, everything


_MD_SKIP = re.compile(  # code, HTML comments, and URLs where pandoc sees no citation
    r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|<!--.*?(?:-->|\Z)|`[^`\n]*`"
    r"|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>"  # autolinks <https://...>, <a@b.org>
    r"|(?<=\]\()[^()\s]+"  # a link's destination [text](https://x.org/@a), its parentheses kept
    r"|^ {0,3}\[(?!\^)[^\]\n]+\]:[ \t]*\S+",  # a link reference definition [id]: https://...
    re.DOTALL | re.MULTILINE,
)
TEX_SKIP = re.compile(  # % comments, verbatim environments, \verb|...| and inline listings
    r"(?<!\\)%[^\n]*"
    r"|\\begin\{(?P<env>verbatim\*?|Verbatim\*?|BVerbatim|lstlisting|minted|comment)\}.*?(?:\\end\{(?P=env)\}|\Z)"
    r"|\\(?:verb|lstinline|mintinline\{[^}]*\})\*?(?P<delim>[^\sA-Za-z{])[^\n]*?(?P=delim)"
    r"|\\(?:lstinline|mintinline\{[^}]*\})\{[^}\n]*\}",
    re.DOTALL,
)
_NOTE_DEF = re.compile(r"^\[\^(?P<id>[^\]\s]+)\]:[^\n]*(?:\n(?:[ \t]*\n)*(?:    |\t)[^\n]*)*", re.MULTILINE)
_NOTE_REF = re.compile(r"\[\^(?P<id>[^\]\s]+)\](?!:)")
_PANDOC = re.compile(
    r"(?<![\w@.+\-\\])-?@(?:\{(?P<braced>[^{}\n]+)\}|(?P<key>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))",
)
_CITE_CMD = re.compile(
    r"\\(?P<cmd>(?:[Nn]o|[Ff]oot|[Ss]mart|[Pp]aren|[Tt]ext|[Aa]uto|[Ss]uper|full)?cites?"
    r"(?:p|t|alp|alt|author|year|yearpar)?\*?)(?![A-Za-z])"
)
_OPT_ARG = re.compile(r"\s*\[[^\]]{0,1000}\]")  # bounded: an unclosed [ must not rescan the rest
_ARG = re.compile(r"\s*\{([^{}]*)\}")
_NUMERIC = re.compile(  # also as trialbib's own Markdown writes them: \[1\], ^\[1–3\]^
    r"(?<![\]\w!\\])\\?\[(?P<br>\d+(?:\s*(?:[,;]|[-\u2013\u2014~])\s*\d+)*)\\?\](?![(\[:])"
    r"|\^(?:\\?\[)?(?P<sup>\d+(?:\s*(?:,|[-\u2013])\s*\d+)*)(?:\\?\])?\^"
    r"|<sup>\s*\[?(?P<html>\d+(?:\s*(?:,|[-\u2013])\s*\d+)*)\]?\s*</sup>"
    # a superscript with words, as trialbib writes [see @a; @b, emphasis added]: ^\[see\ 6,7\]^
    r"|\^\\?\[(?P<words>(?=[^\^\n\[\]]*[A-Za-z])[^\^\n\[\]]*?\d[^\^\n\[\]]*?)\\?\]\^"
)
_NUMBER_PART = re.compile(r"(\d+)(?:\s*[-\u2013\u2014~]\s*(\d+))?")
_LOOSE_NUMBER = re.compile(r"(?<![\w.])(\d+)(?:\s*[-\u2013]\s*(\d+))?(?![\w.])")
_LOCATOR_BEFORE = re.compile(r"(?:\b(?:p|pp|chap|ch|sec|vol|fig|para|l|ll|col|n|nn|no|pt|bk|v|vv|op)\.|[§¶])[\\\s]*\Z")


@dataclass(frozen=True)
class NumericGroup:
    """One numeric citation: its body's span, and each number part (span, numbers) in it.

    ``words``: the body also holds text (a prefix, a suffix), so its parts are rewritten one by
    one rather than the body re-collapsed.
    """

    start: int
    end: int
    parts: tuple[tuple[int, int, tuple[int, ...]], ...]
    words: bool = False

    @property
    def numbers(self) -> list[int]:
        return [n for _, _, numbers in self.parts for n in numbers]


def numeric_groups(text: str) -> list[NumericGroup]:
    """The numeric citations of ``text`` (code already blanked), in file order."""
    found = []
    for match in _NUMERIC.finditer(text):
        group = next(g for g in ("br", "sup", "html", "words") if match.group(g) is not None)
        body, base = match.group(group), match.start(group)
        words = group == "words"
        parts: list[tuple[int, int, tuple[int, ...]]] = []
        for part in (_LOOSE_NUMBER if words else _NUMBER_PART).finditer(body):
            if words and _LOCATOR_BEFORE.search(body[: part.start()]):
                continue  # p.\ 12: a page, not a citation number
            first = int(part.group(1))
            last = int(part.group(2)) if part.group(2) else first
            if max(first, last) >= 1000:  # a year ([2019-10-01], a reprint's [1971]), not a citation
                parts = []
                break
            parts.append((base + part.start(), base + part.end(), tuple(range(first, max(first, last) + 1))))
        if parts:
            found.append(NumericGroup(base, match.end(group), tuple(parts), words))
    return found


def blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match replaced by spaces (newlines kept), so offsets stay valid."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def footnote_reading(text: str) -> Callable[[int], int]:
    """Where a reader meets each offset: in a footnote's text, at the note's reference mark.

    pandoc numbers citations in footnotes where the note is referenced (``[^1]``), not where its
    text (``[^1]: ...``) stands, often at the end of the file; ``text`` has code blanked.
    """
    notes = [(m.start(), m.end(), m.group("id")) for m in _NOTE_DEF.finditer(text)]
    refs: dict[str, int] = {}
    for match in _NOTE_REF.finditer(text) if notes else ():
        if not any(start <= match.start() < end for start, end, _ in notes):
            refs.setdefault(match.group("id"), match.start())

    def reading(offset: int) -> int:
        for start, end, note in notes:
            if start <= offset < end and note in refs:
                return refs[note]
        return offset

    return reading


def _scan_pandoc(text: str) -> list[Found]:
    found: list[Found] = []
    for match in _PANDOC.finditer(text):
        key = match.group("braced") or match.group("key")
        if key.lower().startswith(CROSSREF_PREFIXES):
            continue
        found.append((match.start(), "pandoc", key, None, match.start()))
    return found


def _scan_numeric(text: str) -> list[Found]:
    found: list[Found] = []
    for group in numeric_groups(text):
        for start, _, numbers in group.parts:
            found.extend((start, "numeric", None, number, start) for number in numbers)
    return found


def _scan_latex(text: str, manuscript: Manuscript) -> list[Found]:
    found: list[Found] = []
    for match in _CITE_CMD.finditer(text):
        pos = match.end()
        multi = match.group("cmd").rstrip("*").endswith("cites")
        nocite = match.group("cmd").rstrip("*").lower() == "nocite"
        while True:
            while opt := _OPT_ARG.match(text, pos):
                pos = opt.end()
            arg = _ARG.match(text, pos)
            if not arg:
                break
            start = arg.start(1)
            for key in arg.group(1).split(","):
                offset = start + len(key) - len(key.lstrip())
                start += len(key) + 1
                key = key.strip()
                if key == "*":
                    manuscript.cites_all = True
                elif key:
                    found.append((offset, "latex", key, None, offset))
                    if nocite:
                        manuscript.nocite.append(key)
            pos = arg.end()
            if not multi:
                break
    return found


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    from bisect import bisect_right

    index = bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1


MD_SKIP, NUMERIC, NUMBER_PART = _MD_SKIP, _NUMERIC, _NUMBER_PART  # for renumbering in place
