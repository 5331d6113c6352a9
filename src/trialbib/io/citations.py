"""Citation groups of a manuscript, with the span each occupies: the one citation scanner.

Every command that asks which citations a manuscript has reads them here: ``check`` and
``crosscheck --manuscript`` (through :mod:`trialbib.io.manuscript`), ``render --manuscript``,
``format`` and the pandoc filter (through :mod:`trialbib.manuscript`). Each citation is read as
pandoc and biblatex understand it, with prefix, locator, suffix and mode, and the characters it
occupies:

- pandoc Markdown: ``[@a; @b, p. 12]``, ``[see @a, chap. 3]``, ``[-@a]`` (suppress author),
  ``@a`` and ``@a [p. 3]`` (author in text), ``@{odd key}``; ``nocite`` in the YAML front matter
  (``@*`` for every entry); ``lang`` and ``reference-section-title`` there too;
- LaTeX: ``\\cite``, ``\\citep``, ``\\citet``, ``\\parencite``, ``\\textcite``, ``\\autocite``,
  ``\\supercite``, ``\\footcite``, ``\\citeauthor``, ``\\citeyear``, their starred and capitalised
  forms, ``\\cites``-style multicites, ``[pre][post]`` notes, ``\\nocite`` and ``\\nocite{*}``;
- Word text: ``[@key]`` and ``{@key}`` markers (see :mod:`trialbib.io.docx_text`);
- numeric citations (:func:`numeric_groups`): ``[1]``, ``[1,2]``, ``[19-20]``, superscripts
  ``^1,2^`` and ``<sup>1</sup>``, as trialbib's own Markdown writes them too.

Code blocks, inline code, HTML comments, autolinks, link destinations (Markdown), ``%``
comments, verbatim environments and ``\\verb`` (LaTeX) are blanked first, so offsets stay valid;
citations in a footnote are read where the note is referenced.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Literal

Mode = Literal["normal", "suppress-author", "author-in-text"]
Syntax = Literal["markdown", "latex", "docx"]
CROSSREF_PREFIXES = ("fig:", "tbl:", "sec:", "eq:", "lst:")


@dataclass(frozen=True)
class CiteItem:
    """One cited key with its notes, as pandoc's ``Citation`` holds it."""

    key: str
    prefix: str = ""
    suffix: str = ""
    locator: str = ""
    label: str = "page"
    mode: Mode = "normal"
    at: int = field(default=-1, compare=False)  # offset of its ``@`` (``-@``) or LaTeX key, for line/column


@dataclass(frozen=True)
class CiteGroup:
    """One citation (``[@a; @b]``, ``\\cite{a,b}``): its items and the characters ``start:end``."""

    start: int
    end: int
    items: tuple[CiteItem, ...]
    line: int = 0
    column: int = 0
    nocite: bool = False
    reading: int = -1
    superscript: bool = False  # \supercite: a superscript number whatever the style

    @property
    def keys(self) -> list[str]:
        return [item.key for item in self.items]

    @property
    def read_at(self) -> int:
        """Where a reader meets the citation: a footnote's at its reference mark, else ``start``."""
        return self.reading if self.reading >= 0 else self.start


@dataclass
class ScannedManuscript:
    """A manuscript's text with its citation groups in reading order and its front matter."""

    source: str
    text: str
    syntax: Syntax
    groups: list[CiteGroup] = field(default_factory=list)
    nocite: list[str] = field(default_factory=list)
    cites_all: bool = False
    language: str | None = None
    heading: str | None = None

    @property
    def keys(self) -> list[str]:
        """Keys cited in the text (not ``nocite``), once each, in order of first citation."""
        return list(dict.fromkeys(k for g in self.in_reading_order() if not g.nocite for k in g.keys))

    def in_reading_order(self) -> list[CiteGroup]:
        """The groups as a reader meets them (``groups`` is in file order, for replacing)."""
        return sorted(self.groups, key=lambda g: (g.read_at, g.start))


# --- skipped text, front matter, footnotes, numbers -------------------------------------

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_NOCITE = re.compile(r"@(?:(?P<all>\*)|\{(?P<braced>[^{}\s]+)\}|(?P<key>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))")


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


MD_SKIP = re.compile(  # code, HTML comments, and URLs where pandoc sees no citation
    r"```.*?(?:```|\Z)|~~~.*?(?:~~~|\Z)|<!--.*?(?:-->|\Z)"
    # a code span: n backticks to the next run of exactly n, within one paragraph (``a `b` c``)
    r"|(?<![`\\])(?P<ticks>`+)(?!`)(?:(?!\n[ \t]*\n).)*?(?<!`)(?P=ticks)(?!`)"
    r"|<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>"  # autolinks <https://...>, <a@b.org>
    r"|<[A-Za-z][A-Za-z0-9-]*\s[^<>\n]*>"  # an HTML tag's attributes: <span title="@x">
    # a link's destination and title [text](https://x.org/@a "t"), its parentheses kept
    r"|(?<=\]\()[^()\s]+(?:\s+\"[^\"\n]*\"|\s+'[^'\n]*')?"
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
NUMERIC = re.compile(  # also as trialbib's own Markdown writes them: \[1\], ^\[1–3\]^
    r"(?<![\]\w!\\])\\?\[(?P<br>\d+(?:\s*(?:[,;]|[-\u2013\u2014~])\s*\d+)*)\\?\](?![(\[:])"
    r"|\^(?:\\?\[)?(?P<sup>\d+(?:\s*(?:,|[-\u2013])\s*\d+)*)(?:\\?\])?\^"
    r"|<sup>\s*\[?(?P<html>\d+(?:\s*(?:,|[-\u2013])\s*\d+)*)\]?\s*</sup>"
    # a superscript with words, as trialbib writes [see @a; @b, emphasis added]: ^\[see\ 6,7\]^
    r"|\^\\?\[(?P<words>(?=[^\^\n\[\]]*[A-Za-z])[^\^\n\[\]]*?\d[^\^\n\[\]]*?)\\?\]\^"
)
NUMBER_PART = re.compile(r"(\d+)(?:\s*[-\u2013\u2014~]\s*(\d+))?")
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
    for match in NUMERIC.finditer(text):
        group = next(g for g in ("br", "sup", "html", "words") if match.group(g) is not None)
        body, base = match.group(group), match.start(group)
        words = group == "words"
        parts: list[tuple[int, int, tuple[int, ...]]] = []
        for part in (_LOOSE_NUMBER if words else NUMBER_PART).finditer(body):
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


# --- locators -----------------------------------------------------------------------------

LOCATOR_TERMS = {
    "p": "page",
    "pp": "page",
    "page": "page",
    "pages": "page",
    "chap": "chapter",
    "chaps": "chapter",
    "ch": "chapter",
    "chapter": "chapter",
    "chapters": "chapter",
    "sec": "section",
    "secs": "section",
    "section": "section",
    "sections": "section",
    "§": "section",
    "§§": "section",
    "vol": "volume",
    "vols": "volume",
    "volume": "volume",
    "volumes": "volume",
    "fig": "figure",
    "figs": "figure",
    "figure": "figure",
    "figures": "figure",
    "para": "paragraph",
    "paras": "paragraph",
    "paragraph": "paragraph",
    "¶": "paragraph",
    "l": "line",
    "ll": "line",
    "line": "line",
    "lines": "line",
    "col": "column",
    "cols": "column",
    "column": "column",
    "no": "issue",
    "nos": "issue",
    "n": "note",
    "nn": "note",
    "note": "note",
    "notes": "note",
    "pt": "part",
    "part": "part",
    "bk": "book",
    "book": "book",
    "v": "verse",
    "vv": "verse",
    "verse": "verse",
    "op": "opus",
    "opus": "opus",
    "tab": "table",
    "table": "table",
}
_LOCATOR = re.compile(
    r"^\s*,?\s*(?:(?P<term>[A-Za-z]+|§§?|¶)\.?\s*)?(?P<value>[0-9ivxlcdmIVXLCDM]+(?:\s*(?:-{1,3}|[–—,&])\s*[0-9ivxlcdm]+)*)"
    r"(?P<rest>.*)$",
    re.DOTALL,
)


_BRACED_LOCATOR = re.compile(r"^\s*,?\s*\{(?P<body>[^{}]*)\}(?P<rest>.*)$", re.DOTALL)


def split_locator(suffix: str) -> tuple[str, str, str]:
    """``", p. 12, emphasis added"`` -> ``("page", "12", ", emphasis added")``.

    As pandoc: a known term (``p.``, ``chap.``, ``sec.``...) or a bare number (a page) after an
    optional comma is the locator; the rest is the suffix. No locator: ``("page", "", suffix)``.
    pandoc's braces (``@a{ii, A, D-Z}``, ``{pp. iv, vi-xi}``) hold a locator verbatim; without a
    term it is printed as written, so it is kept as suffix text (``, ii, A, D-Z``).
    """
    braced = _BRACED_LOCATOR.match(suffix)
    if braced:
        body, rest = braced.group("body").strip(), braced.group("rest")
        termed = re.match(r"(?P<term>[A-Za-z]+|§§?|¶)\.?\s+(?P<value>\S.*)$", body, re.DOTALL)
        label = LOCATOR_TERMS.get(termed.group("term").lower()) if termed else None
        if termed and label:
            return label, _dashes(termed.group("value")), rest
        return "page", "", f", {body}{rest}"
    match = _LOCATOR.match(suffix)
    if match:
        term = match.group("term")
        label = LOCATOR_TERMS.get(term.lower()) if term else "page"
        value = match.group("value")
        roman_only = term is None and not value[0].isdigit()
        if label is not None and not roman_only:
            rest = match.group("rest")
            if not rest or not rest[0].isalnum():
                return label, _dashes(value), rest
    return "page", "", suffix


def _dashes(value: str) -> str:
    """``33 - 35 ,38--39`` -> ``33-35, 38-39``: ranges tight, LaTeX dashes plain, a space after commas."""
    value = re.sub(r"\s*(-{1,3}|[–—])\s*", lambda m: "-" if m.group(1).startswith("-") else m.group(1), value)
    return re.sub(r"\s*,\s*", ", ", value.strip())


# --- Markdown -----------------------------------------------------------------------------

_KEY = r"(?:\{(?P<braced>[^{}\s]+)\}|(?P<key>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))"
_BRACKET = re.compile(r"(?<![\]!\\])\[(?P<body>[^\[\]\n]*@[^\[\]]*?)\](?![(\[{:])")
_BRACE_MARK = re.compile(r"(?<!\\)\{(?P<body>[^{}\n]*@[^{}]*?)\}")
_ITEM = re.compile(r"^(?P<prefix>.*?)(?P<minus>-?)(?<![\w@.+])@" + _KEY + r"(?P<suffix>.*)$", re.DOTALL)
_BARE = re.compile(r"(?<![\w@.+\-\\])@" + _KEY + r"(?P<after>\s\[(?P<note>[^\[\]@\n]*)\](?![(\[{:]))?")


def blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match replaced by spaces (newlines kept), so offsets stay valid."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _item(part: str, base: int = -1) -> CiteItem | None:
    """One ``;``-separated part of a bracketed citation (starting at offset ``base``), or None
    if it is not a citation."""
    stripped = part.strip()
    match = _ITEM.match(stripped)
    if not match or "@" in match.group("prefix"):
        return None
    key = match.group("braced") or match.group("key")
    if key.lower().startswith(CROSSREF_PREFIXES):
        return None
    label, locator, suffix = split_locator(match.group("suffix"))
    mode: Mode = "suppress-author" if match.group("minus") else "normal"
    at = base + len(part) - len(part.lstrip()) + match.start("minus") if base >= 0 else -1
    return CiteItem(key, match.group("prefix").strip(), suffix.strip(), locator, label, mode, at)


def parse_bracketed(body: str, base: int = -1) -> tuple[CiteItem, ...] | None:
    """The items of ``[body]`` (``see @a, p. 3; @b``), or None when any part is not a citation;
    ``base``: the body's offset in the text, so each item knows where it is."""
    items = []
    offset = base
    for part in body.split(";"):
        items.append(_item(part, offset))
        offset = offset + len(part) + 1 if base >= 0 else -1
    if not items or any(i is None for i in items):
        return None
    return tuple(i for i in items if i is not None)


def scan_markdown(text: str, source: str = "<string>", *, braces: bool = False) -> ScannedManuscript:
    """Citation groups of pandoc Markdown; ``braces`` also reads ``{@key}`` (Word markers)."""
    manuscript = ScannedManuscript(source, text, "docx" if braces else "markdown")
    front = FRONT_MATTER.match(text)
    if front:
        _front_matter(front.group("body"), manuscript)
    clean = markdown_clean(text)
    groups: list[CiteGroup] = []
    taken = bytearray(len(clean))
    patterns = [_BRACKET, _BRACE_MARK] if braces else [_BRACKET]
    for pattern in patterns:
        for match in pattern.finditer(clean):
            items = parse_bracketed(match.group("body"), match.start("body"))
            if items is None:
                continue
            groups.append(CiteGroup(match.start(), match.end(), items))
            taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    if not braces:
        for match in _BARE.finditer(clean):
            if taken[match.start()]:
                continue
            key = match.group("braced") or match.group("key")
            if key.lower().startswith(CROSSREF_PREFIXES):
                continue
            end, label, locator, suffix = match.end("key") if match.group("key") else match.end(), "page", "", ""
            if match.group("after"):
                label, locator, suffix = split_locator(match.group("note"))
                end = match.end()
            item = CiteItem(key, "", suffix.strip(), locator, label, "author-in-text", match.start())
            groups.append(CiteGroup(match.start(), end, (item,)))
    manuscript.groups = _placed(text, _in_footnotes(clean, groups))
    return manuscript


def markdown_clean(text: str) -> str:
    """``text`` with its front matter, code, comments and link destinations blanked (newlines
    kept, so offsets, lines and line starts stay valid): what the citation patterns read."""
    front = FRONT_MATTER.match(text)
    if front:
        text = re.sub(r"[^\n]", " ", text[: front.end()]) + text[front.end() :]
    return blank(text, MD_SKIP)


def _in_footnotes(clean: str, groups: list[CiteGroup]) -> list[CiteGroup]:
    """Groups in a footnote's text are read where the note is referenced (pandoc numbers so)."""
    reading = footnote_reading(clean)
    return [replace(g, reading=reading(g.start)) if reading(g.start) != g.start else g for g in groups]


def _front_matter(body: str, manuscript: ScannedManuscript) -> None:
    """``nocite``, ``lang`` and ``reference-section-title`` from pandoc's YAML metadata block."""
    meta = front_matter(body)
    manuscript.nocite, manuscript.cites_all = nocite_keys(meta.get("nocite"))
    if isinstance(meta.get("lang"), str):
        manuscript.language = str(meta["lang"])
    if isinstance(meta.get("reference-section-title"), str):
        manuscript.heading = str(meta["reference-section-title"])


# --- LaTeX --------------------------------------------------------------------------------

_CITE_CMD = re.compile(
    r"\\(?P<cmd>(?:[Nn]o|[Ff]oot|[Ss]mart|[Pp]aren|[Tt]ext|[Aa]uto|[Ss]uper|full)?cites?"
    r"(?:p|t|alp|alt|author|year|yearpar)?)(?P<star>\*?)(?![A-Za-z])"
)
_OPT = re.compile(r"\s*\[(?P<note>[^\[\]]{0,1000})\]")
_PAREN = re.compile(r"\s*\((?P<note>[^()]{0,1000})\)")
_ARG = re.compile(r"\s*\{(?P<keys>[^{}]*)\}")


def _latex_mode(cmd: str) -> Mode:
    base = cmd.lower()
    if base in ("citet", "citealt", "textcite", "textcites", "citeauthor"):
        return "author-in-text"
    if base in ("citeyear", "citeyearpar"):
        return "suppress-author"
    return "normal"


def _latex_notes(notes: list[str]) -> tuple[str, str]:
    """biblatex/natbib: one optional argument is the postnote, two are pre- and postnote."""
    notes = [n.replace("~", " ").strip() for n in notes]
    if len(notes) == 1:
        return "", notes[0]
    if len(notes) >= 2:
        return notes[0], notes[1]
    return "", ""


def scan_latex(text: str, source: str = "<string>") -> ScannedManuscript:
    """Citation groups of a LaTeX file; ``\\nocite`` groups are kept (flagged) so they can be removed."""
    manuscript = ScannedManuscript(source, text, "latex")
    clean = blank(text, TEX_SKIP)
    groups: list[CiteGroup] = []
    if re.search(r"\\documentclass(?:\[[^\]]*\])?\{ctex|\\usepackage(?:\[[^\]]*\])?\{(?:ctex|xeCJK|CJK)", clean):
        manuscript.language = "zh-CN"
    for match in _CITE_CMD.finditer(clean):
        cmd = match.group("cmd")
        multi = cmd.endswith("cites")
        mode = _latex_mode(cmd.rstrip("s") if multi else cmd)
        nocite = cmd.lower() == "nocite"
        pos = match.end()
        items: list[CiteItem] = []
        while multi and (paren := _PAREN.match(clean, pos)):
            pos = paren.end()  # global (pre)(post) notes of multicites: not kept
        while True:
            notes = []
            while opt := _OPT.match(clean, pos):
                notes.append(opt.group("note"))
                pos = opt.end()
            arg = _ARG.match(clean, pos)
            if not arg:
                break
            prefix, post = _latex_notes(notes)
            label, locator, suffix = split_locator(post)
            keys, start = [], arg.start("keys")
            for raw in arg.group("keys").split(","):
                if raw.strip():
                    keys.append((raw.strip(), start + len(raw) - len(raw.lstrip())))
                start += len(raw) + 1
            for i, (key, at) in enumerate(keys):
                if key == "*":
                    manuscript.cites_all = True
                    continue
                last = i == len(keys) - 1
                items.append(
                    CiteItem(
                        key,
                        prefix if i == 0 else "",
                        suffix.strip() if last else "",
                        locator if last else "",
                        label,
                        mode,
                        at,
                    )
                )
            pos = arg.end()
            if not multi:
                break
        if nocite:
            manuscript.nocite.extend(i.key for i in items)
        if items or nocite:
            sup = cmd.lower().startswith("supercite")
            groups.append(CiteGroup(match.start(), pos, tuple(items), nocite=nocite, superscript=sup))
    manuscript.groups = _placed(text, groups)
    return manuscript


def scan(text: str, source: str = "<string>", *, latex: bool = False) -> ScannedManuscript:
    """Scan Markdown or (``latex``) LaTeX text."""
    return scan_latex(text, source) if latex else scan_markdown(text, source)


def _placed(text: str, groups: list[CiteGroup]) -> list[CiteGroup]:
    """Groups sorted by position, with 1-based line and column."""
    from bisect import bisect_right

    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    placed = []
    for g in sorted(groups, key=lambda g: g.start):
        index = bisect_right(starts, g.start) - 1
        placed.append(replace(g, line=index + 1, column=g.start - starts[index] + 1))
    return placed
