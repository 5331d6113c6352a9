"""A manuscript with its citations formatted and its reference list appended.

Markdown to Markdown and LaTeX to LaTeX are done on the text, each citation replaced where it
stands, so that nothing else in the file changes. Every other output (HTML, DOCX, ODT, plain
text, Markdown to LaTeX...) goes through pandoc and the same steps inside pandoc's document tree
(:mod:`trialbib.manuscript.pandoc`); a Word manuscript is edited in place
(:mod:`trialbib.manuscript.docx`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from trialbib import escape
from trialbib.errors import UsageError
from trialbib.io.citations import ScannedManuscript
from trialbib.manuscript import tokens as tok
from trialbib.manuscript.intext import Citer
from trialbib.manuscript.order import ListOrder, Missing, order_from_manuscripts
from trialbib.model import Bibliography
from trialbib.render.engine import Entry, Rendered
from trialbib.render.formats import Token

HEADINGS = {"zh": "参考文献", "ja": "参考文献", "ko": "참고문헌", "en": "References"}
OUTPUTS = (".md", ".markdown", ".html", ".htm", ".tex", ".txt", ".docx", ".odt")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")


@dataclass
class Formatted:
    """The formatted manuscript (text, or bytes for .docx/.odt), the list's keys, warnings."""

    content: str | bytes
    order: list[str]
    warnings: list[str] = field(default_factory=list)


class MissingKeys(UsageError):
    """Cited keys the bibliography lacks; ``missing`` holds each with where it is first cited."""

    def __init__(self, missing: Sequence[Missing]):
        first = missing[0]
        super().__init__(f"cites {first.key!r}, which the bibliography does not define", first.location)
        self.missing = list(missing)


def document_language(manuscript: ScannedManuscript) -> str:
    """``zh``, ``en``...: the front matter's ``lang``, else Chinese when a tenth of the letters are CJK."""
    if manuscript.language:
        return manuscript.language.split("-")[0].lower()
    cjk = len(_CJK.findall(manuscript.text))
    latin = len(_LATIN.findall(manuscript.text))
    return "zh" if cjk and cjk * 10 >= cjk + latin else "en"


def reference_heading(manuscript: ScannedManuscript, heading: str | None = None) -> str:
    """The heading of the appended list: given, in the front matter, else by the document's language."""
    if heading:
        return heading
    if manuscript.heading:
        return manuscript.heading
    return HEADINGS.get(document_language(manuscript), HEADINGS["en"])


def list_order(manuscripts: Sequence[ScannedManuscript], bib: Bibliography, *, include_all: bool = False) -> ListOrder:
    """The list's order for ``manuscripts``; :class:`MissingKeys` when a cited key is undefined."""
    order = order_from_manuscripts(manuscripts, bib.keys, include_all=include_all)
    if order.missing:
        raise MissingKeys(order.missing)
    return order


def reference_list(bib: Bibliography, order: Sequence[str], style: str, locale: str | None = None) -> Rendered:
    """The rendered entries of ``order`` (the style sorts author-date lists itself)."""
    from trialbib.render.engine import render_bibliography

    return render_bibliography(bib.items, style, "html", list(order), locale)


def entry_tokens(entry: Entry) -> list[Token]:
    return tok.entry_tokens(entry.html)


def superscript(toks: Sequence[Token]) -> bool:
    """True when a citation is set as a superscript: it then takes the place of the space before it."""
    return bool(toks) and toks[0] == ("open", "sup")


def replace_citations(manuscript: ScannedManuscript, citer: Citer, fmt: str) -> str:
    """The manuscript's text with each citation group replaced by its in-text form in ``fmt``."""
    out: list[str] = []
    pos = 0
    text = manuscript.text
    for group in manuscript.groups:
        before = text[pos : group.start]
        if group.nocite:
            out.append(before)
        else:
            toks = citer.group(group)
            if superscript(toks):
                before = before.rstrip(" \t")
                if _joins_line_above(text, pos + len(before), manuscript.syntax == "latex"):
                    before = before[:-1].rstrip(" \t")
            out.append(before)
            out.append(tok.write(toks, fmt))
        pos = group.end
    out.append(text[pos:])
    return "".join(out)


_NO_JOIN = re.compile(r"^\s*(?:#|\||```|~~~|:::|<|[=\-*_]{3,}\s*$)|(?:  |\\)$")


def _joins_line_above(text: str, end: int, latex: bool) -> bool:
    """True when a superscript citation that starts a line can move up to the end of the line above.

    A line break is a space in Markdown and LaTeX; the superscript takes its place as it takes a
    space's (``cyborg`` + newline + ``[@a]`` gives ``cyborg^[1]^``), unless the line above is a
    paragraph break, a heading, table, fence, div or HTML line, a hard break, or ends in a
    ``%`` comment that would swallow the citation.
    """
    if end < 2 or text[end - 1] != "\n" or text[end - 2] == "\n":
        return False
    line = text[text.rfind("\n", 0, end - 1) + 1 : end - 1]
    if not line.strip():
        return False
    if latex:
        return not re.search(r"(?<!\\)%", line)
    return not _NO_JOIN.search(line)


_REFS_DIV = re.compile(r"^:::+\s*\{\s*#refs[^}]*\}\s*\n(?:.*?\n)?:::+[ \t]*$", re.MULTILINE | re.DOTALL)
_MD_HEADING = re.compile(r"^(#{1,6})\s", re.MULTILINE)
_LAST_HEADING = re.compile(r"(?:\A|\n)#{1,6}[ \t][^\n]*\s*\Z")
_TEX_BIB = re.compile(r"\\(?:printbibliography(?:\[[^\]]*\])?|bibliography\{[^}]*\})")
_TEX_DROP = re.compile(r"\\(?:bibliographystyle|addbibresource)(?:\[[^\]]*\])?\{[^}]*\}[ \t]*\n?")


def _markdown_list(text: str, entries: Rendered, heading: str, heading_given: bool = False) -> str:
    body = "\n\n".join(tok.markdown(entry_tokens(e)) for e in entries)
    if _REFS_DIV.search(text):
        return _REFS_DIV.sub(lambda m: body, text, count=1)
    if not heading_given and _LAST_HEADING.search(text):  # "# References" left last, as for pandoc
        return f"{text.rstrip()}\n\n{body}\n"
    levels = [len(m.group(1)) for m in _MD_HEADING.finditer(text)]
    level = "#" * (min(levels) if levels else 1)
    return f"{text.rstrip()}\n\n{level} {heading}\n\n{body}\n"


def _latex_list(text: str, entries: Rendered, heading: str) -> str:
    from trialbib.io.latex import escape_latex

    lines = [f"\\section*{{{escape_latex(heading)}}}", ""] if len(entries) else []
    for entry in entries:
        lines += [f"\\noindent {tok.latex(entry_tokens(entry))}\\par", ""]
    block = "\n".join(lines).rstrip() + "\n" if lines else ""
    text = _TEX_DROP.sub("", text)
    if _TEX_BIB.search(text):
        return _TEX_BIB.sub(lambda m: block.rstrip("\n"), text, count=1)
    end = text.find("\\end{document}")
    if not block:
        return text
    if end >= 0:
        return f"{text[:end]}{block}\n{text[end:]}"
    return f"{text.rstrip()}\n\n{block}"


def format_text(
    manuscript: ScannedManuscript,
    bib: Bibliography,
    style: str,
    *,
    locale: str | None = None,
    heading: str | None = None,
    include_all: bool = False,
) -> Formatted:
    """A Markdown or LaTeX manuscript formatted in its own syntax (citations replaced, list appended)."""
    order = list_order([manuscript], bib, include_all=include_all)
    citer = Citer(bib.items, order.keys, style, locale)
    entries = reference_list(bib, order.keys, style, locale)
    fmt = "latex" if manuscript.syntax == "latex" else "markdown"
    text = replace_citations(manuscript, citer, fmt)
    title = reference_heading(manuscript, heading)
    if fmt == "latex":
        text = _latex_list(text, entries, title)
    elif order.keys:  # nothing cited: no empty heading (pandoc --citeproc adds none either)
        text = _markdown_list(text, entries, title, bool(heading))
    return Formatted(escape.document(text, fmt), order.keys, citer.warnings + list(entries.warnings))


def write_output(
    path: str | os.PathLike[str], content: str | bytes, inputs: tuple[str | os.PathLike[str] | None, ...] = ()
) -> None:
    """Write text or bytes atomically (an interrupted write leaves the old file whole), never over
    a device, a FIFO or one of ``inputs`` (trialbib.io.files)."""
    from trialbib.io.files import write_bytes_atomic, write_text_atomic

    if isinstance(content, str):
        write_text_atomic(path, content, inputs=inputs)
    else:
        write_bytes_atomic(path, content, inputs=inputs)
