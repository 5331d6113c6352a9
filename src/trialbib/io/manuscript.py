"""Citations in a manuscript as the checks need them: each key or number with its line and column.

A thin view of the one scanner, :mod:`trialbib.io.citations`, which ``render --manuscript``,
``format`` and the pandoc filter read too, so every command agrees on which citations a
manuscript has. By suffix: ``.tex`` is LaTeX, ``.docx`` is Word with ``[@key]``/``{@key}``
markers, anything else pandoc Markdown. Numeric citations (``[1]``, ``[19-20]``, ``^1,2^``,
``<sup>1</sup>``) are read in Markdown and Word text; a number names the printed list's entry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Literal

from trialbib.errors import InputError, Location
from trialbib.io.citations import (
    ScannedManuscript,
    footnote_reading,
    markdown_clean,
    numeric_groups,
    scan,
)
from trialbib.io.files import read_text

Syntax = Literal["pandoc", "latex", "numeric", "docx"]
LATEX_SUFFIXES = (".tex", ".ltx", ".latex")
WORD_SUFFIXES = (".docx",)
MANUSCRIPT_SUFFIXES = (".md", ".markdown", ".rmd", ".qmd", ".txt", *LATEX_SUFFIXES, *WORD_SUFFIXES)


@dataclass(frozen=True)
class Citation:
    """One cited reference: a key (pandoc, LaTeX, Word) or a number (numeric), and where it is.

    ``nocite``: named by ``\\nocite`` (listed, not cited in the text).
    """

    line: int
    column: int
    syntax: Syntax
    key: str | None = None
    number: int | None = None
    nocite: bool = False


@dataclass
class Manuscript:
    """The citations of one file, in reading order; ``cites_all`` after ``\\nocite{*}`` or ``@*``.

    ``scanned``: the scanner's full reading, which the list order is computed from.
    """

    source: str
    citations: list[Citation] = field(default_factory=list)
    cites_all: bool = False
    nocite: list[str] = field(default_factory=list)
    scanned: ScannedManuscript | None = field(default=None, repr=False, compare=False)

    @property
    def keys(self) -> list[str]:
        """Keys of every key citation (``\\nocite`` too), once each, in order of first citation."""
        return list(dict.fromkeys(c.key for c in self.citations if c.key is not None))

    @property
    def cited_keys(self) -> list[str]:
        """Keys cited in the text (not ``nocite``), once each, in order of first citation:
        the same as ``render --manuscript`` and ``format`` read."""
        return list(dict.fromkeys(c.key for c in self.citations if c.key is not None and not c.nocite))

    @property
    def numbers(self) -> list[int]:
        """Cited numbers, once each, in order of first citation."""
        return list(dict.fromkeys(c.number for c in self.citations if c.number is not None))


def scan_file(path: str | os.PathLike[str]) -> ScannedManuscript:
    """Scan a manuscript file: ``.docx`` as Word markers, ``.tex`` as LaTeX, else pandoc Markdown."""
    name = str(path)
    lower = name.lower()
    if lower.endswith(WORD_SUFFIXES):
        from trialbib.io.docx_text import scan_docx

        return scan_docx(path)
    if lower.endswith((".odt", ".doc")):  # else: "contains a NUL byte", wrong advice
        raise InputError(
            "is a word-processor file trialbib cannot read",
            Location(name),
            "save it as .docx (citations typed as [@key] markers), .md or .tex",
        )
    return scan(read_text(path, "manuscript"), name, latex=lower.endswith(LATEX_SUFFIXES))


def read_manuscript(path: str | os.PathLike[str]) -> Manuscript:
    """The citations of a manuscript file (Markdown, LaTeX or Word)."""
    return from_scanned(scan_file(path))


def scan_manuscript(text: str, source: str = "<string>", *, latex: bool = False) -> Manuscript:
    """The citations of ``text`` in reading order."""
    return from_scanned(scan(text, source, latex=latex))


def from_scanned(scanned: ScannedManuscript) -> Manuscript:
    """The scanner's groups as one :class:`Citation` per key, plus the numeric citations."""
    text = scanned.text
    found: list[tuple[int, int, Citation]] = []  # (reading position, offset, citation)
    syntax: Syntax = "latex" if scanned.syntax == "latex" else "docx" if scanned.syntax == "docx" else "pandoc"
    starts = _line_starts(text)
    for group in scanned.groups:
        for item in group.items:
            at = item.at if item.at >= 0 else group.start
            line, column = _position(starts, at)
            found.append((group.read_at, at, Citation(line, column, syntax, item.key, nocite=group.nocite)))
    if scanned.syntax != "latex":
        clean = markdown_clean(text)
        reading = footnote_reading(clean)
        for numeric in numeric_groups(clean):
            for start, _, numbers in numeric.parts:
                line, column = _position(starts, start)
                found.extend((reading(start), start, Citation(line, column, "numeric", number=n)) for n in numbers)
    found.sort(key=lambda f: (f[0], f[1]))
    return Manuscript(
        scanned.source, [c for _, _, c in found], scanned.cites_all, list(scanned.nocite), scanned=scanned
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def _position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset``."""
    from bisect import bisect_right

    index = bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1
