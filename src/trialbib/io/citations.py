"""Citation groups of a manuscript, with the span each occupies, so they can be replaced.

:mod:`trialbib.io.manuscript` finds *which* keys a file cites (for checks); this module finds
each citation as pandoc and biblatex understand it, with prefix, locator, suffix and mode, and the
characters it occupies:

- pandoc Markdown: ``[@a; @b, p. 12]``, ``[see @a, chap. 3]``, ``[-@a]`` (suppress author),
  ``@a`` and ``@a [p. 3]`` (author in text), ``@{odd key}``; ``nocite`` in the YAML front matter
  (``@*`` for every entry); ``lang`` and ``reference-section-title`` there too;
- LaTeX: ``\\cite``, ``\\citep``, ``\\citet``, ``\\parencite``, ``\\textcite``, ``\\autocite``,
  ``\\supercite``, ``\\footcite``, ``\\citeauthor``, ``\\citeyear``, their starred and capitalised
  forms, ``\\cites``-style multicites, ``[pre][post]`` notes, ``\\nocite`` and ``\\nocite{*}``;
- Word text: ``[@key]`` and ``{@key}`` markers (see :mod:`trialbib.manuscript.docx`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from trialbib.io.manuscript import FRONT_MATTER, MD_SKIP, TEX_SKIP, footnote_reading, front_matter, nocite_keys

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

_KEY = r"(?:\{(?P<braced>[^{}\n]+)\}|(?P<key>\w(?:\w|[:.#$%&\-+?<>~/](?=\w))*))"
_BRACKET = re.compile(r"(?<![\]!\\])\[(?P<body>[^\[\]\n]*@[^\[\]]*?)\](?![(\[{:])")
_BRACE_MARK = re.compile(r"(?<!\\)\{(?P<body>[^{}\n]*@[^{}]*?)\}")
_ITEM = re.compile(r"^(?P<prefix>.*?)(?P<minus>-?)(?<![\w@.+])@" + _KEY + r"(?P<suffix>.*)$", re.DOTALL)
_BARE = re.compile(r"(?<![\w@.+\-\\])@" + _KEY + r"(?P<after>\s\[(?P<note>[^\[\]@\n]*)\](?![(\[{:]))?")


def blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match replaced by spaces (newlines kept), so offsets stay valid."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _item(part: str) -> CiteItem | None:
    """One ``;``-separated part of a bracketed citation, or None if it is not a citation."""
    match = _ITEM.match(part.strip())
    if not match or "@" in match.group("prefix"):
        return None
    key = match.group("braced") or match.group("key")
    if key.lower().startswith(CROSSREF_PREFIXES):
        return None
    label, locator, suffix = split_locator(match.group("suffix"))
    mode: Mode = "suppress-author" if match.group("minus") else "normal"
    return CiteItem(key, match.group("prefix").strip(), suffix.strip(), locator, label, mode)


def parse_bracketed(body: str) -> tuple[CiteItem, ...] | None:
    """The items of ``[body]`` (``see @a, p. 3; @b``), or None when any part is not a citation."""
    items = [_item(part) for part in body.split(";")]
    if not items or any(i is None for i in items):
        return None
    return tuple(i for i in items if i is not None)


def scan_markdown(text: str, source: str = "<string>", *, braces: bool = False) -> ScannedManuscript:
    """Citation groups of pandoc Markdown; ``braces`` also reads ``{@key}`` (Word markers)."""
    manuscript = ScannedManuscript(source, text, "docx" if braces else "markdown")
    clean = text
    front = FRONT_MATTER.match(text)
    if front:
        _front_matter(front.group("body"), manuscript)
        clean = " " * front.end() + text[front.end() :]
    clean = blank(clean, MD_SKIP)
    groups: list[CiteGroup] = []
    taken = bytearray(len(clean))
    patterns = [_BRACKET, _BRACE_MARK] if braces else [_BRACKET]
    for pattern in patterns:
        for match in pattern.finditer(clean):
            items = parse_bracketed(match.group("body"))
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
            item = CiteItem(key, "", suffix.strip(), locator, label, "author-in-text")
            groups.append(CiteGroup(match.start(), end, (item,)))
    manuscript.groups = _placed(text, _in_footnotes(clean, groups))
    return manuscript


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
            keys = [k.strip() for k in arg.group("keys").split(",") if k.strip()]
            for i, key in enumerate(keys):
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
