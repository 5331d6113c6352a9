"""Word manuscripts: ``[@key]`` and ``{@key}`` markers replaced in place, the list appended.

Zotero's RTF Scan idea, for .docx: the author types the markers in Word; trialbib replaces each
with the style's in-text form, keeping the formatting of the run the marker starts in, even
where Word split the marker across runs (spell-checking and revisions do). Everything else in
the file is left as it is. python-docx reads and writes the file.
"""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from typing import Any

from trialbib.io.citations import CiteGroup, scan_markdown
from trialbib.io.docx_text import open_docx, paragraphs, run_text, runs, scan_docx
from trialbib.manuscript.document import (
    Formatted,
    entry_tokens,
    list_order,
    reference_heading,
    reference_list,
)
from trialbib.manuscript.intext import Citer
from trialbib.model import Bibliography
from trialbib.render.engine import Entry
from trialbib.render.formats import Token


def format_docx(
    path: str | os.PathLike[str],
    bib: Bibliography,
    style: str,
    *,
    locale: str | None = None,
    heading: str | None = None,
    include_all: bool = False,
) -> Formatted:
    """The Word file with each marker formatted in place and the list appended (the bytes of a .docx)."""
    scanned = scan_docx(path)
    order = list_order([scanned], bib, include_all=include_all)
    citer = Citer(bib.items, order.keys, style, locale)
    document = open_docx(path)
    for paragraph in list(paragraphs(document)):
        groups = scan_markdown(run_text(paragraph), str(path), braces=True).groups
        for group in reversed(groups):
            _replace(paragraph, group, citer.group(group))
    entries = reference_list(bib, order.keys, style, locale)
    if order.keys:  # nothing cited: no empty heading
        _heading(document, reference_heading(scanned, heading))
    for entry in entries:
        _entry_paragraph(document, entry)
    buffer = io.BytesIO()
    document.save(buffer)
    return Formatted(buffer.getvalue(), order.keys, citer.warnings + list(entries.warnings))


def bibliography_docx(entries: Sequence[Entry]) -> bytes:
    """A .docx holding only the reference list, one paragraph per entry."""
    import docx

    document = docx.Document()
    for entry in entries:
        _entry_paragraph(document, entry)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _replace(paragraph: Any, group: CiteGroup, toks: Sequence[Token]) -> None:
    """Replace characters ``group.start:group.end`` of the paragraph's runs with the citation.

    The citation takes the formatting of the run the marker starts in; the marker's characters
    in later runs are removed, those runs kept. A superscript citation is a new run after it.
    """
    found = runs(paragraph)
    text = "".join(t[1] for t in toks if t[0] == "text")
    superscript = any(t == ("open", "sup") for t in toks)
    pos = 0
    first = None
    for index, run in enumerate(found):
        start, end = pos, pos + len(run.text)
        pos = end
        if end <= group.start or start >= group.end:
            continue
        before = run.text[: max(0, group.start - start)]
        after = run.text[max(0, group.end - start) :] if group.end < end else ""
        if first is None:
            first = index
            run.text = before.rstrip(" ") if superscript else before + text
            if superscript and not run.text:  # the space before may end an earlier run
                _strip_space_before(found[:index])
            if superscript:
                cited = _copy_run_after(run, text)
                cited.font.superscript = True
                if after:
                    _copy_run_after(cited, after).font.superscript = run.font.superscript
            elif after:
                run.text += after
        else:
            run.text = after


def _strip_space_before(runs: Sequence[Any]) -> None:
    """Trailing spaces off the last run before a superscript citation that has text."""
    for run in reversed(runs):
        if run.text:
            run.text = run.text.rstrip(" ")
            return


def _copy_run_after(run: Any, text: str) -> Any:
    """A new run after ``run`` with its formatting and ``text``."""
    import copy

    from docx.text.run import Run

    element = copy.deepcopy(run._r)
    run._r.addnext(element)
    new = Run(element, run._parent)
    new.text = text
    return new


def _heading(document: Any, title: str) -> None:
    try:
        document.add_heading(title, level=1)
    except KeyError:  # a template without a "Heading 1" style
        document.add_paragraph().add_run(title).bold = True


def _entry_paragraph(document: Any, entry: Entry) -> None:
    paragraph = document.add_paragraph()
    add_runs(paragraph, entry_tokens(entry))


def add_runs(paragraph: Any, toks: Sequence[Token]) -> None:
    """Runs for formatted tokens: italic, bold, superscript, subscript, small caps as the style has them."""
    active: list[str] = []
    for kind, value in toks:
        if kind == "open":
            active.append(value)
        elif kind == "close":
            if value in active:
                active.remove(value)
            if value == "margin":
                paragraph.add_run(" ")
        elif value:
            run = paragraph.add_run(value)
            run.italic = True if "i" in active else None
            run.bold = True if "b" in active else None
            if "sup" in active:
                run.font.superscript = True
            if "sub" in active:
                run.font.subscript = True
            if "sc" in active:
                run.font.small_caps = True
