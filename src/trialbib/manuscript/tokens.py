"""Formatted text as tokens, and tokens written as Markdown, LaTeX, plain text and HTML.

The render package's tokens (:mod:`trialbib.render.formats`) are read from citeproc-py's HTML;
this reads them back from an :class:`~trialbib.render.engine.Entry`'s clean HTML (whose
``<span class="csl-author">`` is a part, not small caps), and writes superscripts the way
pandoc's Markdown does (``^[1-3]^``), which the render package's Markdown writer does not need.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from trialbib.render import formats
from trialbib.render.formats import Token

_TAG = re.compile(r"<(/?)([a-z]+)([^>]*)>")
_SIMPLE = {"i": "i", "b": "b", "sup": "sup", "sub": "sub"}


def entry_tokens(entry_html: str) -> list[Token]:
    """Tokens of an entry's HTML (``Entry.html``): italics, bold, super/subscript, small caps, margin."""
    toks: list[Token] = []
    stack: list[str] = []
    pos = 0
    for match in _TAG.finditer(entry_html):
        if match.start() > pos:
            toks.append(("text", html.unescape(entry_html[pos : match.start()])))
        pos = match.end()
        closing, tag, attrs = match.groups()
        if tag in _SIMPLE:
            toks.append(("close" if closing else "open", _SIMPLE[tag]))
        elif tag in ("span", "div"):
            if closing:
                kind = stack.pop() if stack else ""
                if kind:
                    toks.append(("close", kind))
                continue
            kind = ""
            if "small-caps" in attrs:
                kind = "sc"
            elif "csl-left-margin" in attrs:
                kind = "margin"
            elif "csl-right-inline" in attrs:
                kind = "body"
            stack.append(kind)
            if kind:
                toks.append(("open", kind))
    if pos < len(entry_html):
        toks.append(("text", html.unescape(entry_html[pos:])))
    return toks


def plain(toks: Sequence[Token]) -> str:
    """Plain text; the margin (``[1]``) and the entry are separated by a space."""
    return formats.to_text(toks)


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|^~@$]|&(?=#?\w+;))")  # & only where it starts an entity
_MD_MARK = {"i": "*", "b": "**", "sup": "^", "sub": "~"}


def markdown(toks: Sequence[Token]) -> str:
    """pandoc Markdown: ``*italic*``, ``^super^`` (spaces escaped inside), specials escaped."""
    out: list[str] = []
    open_marks: list[str] = []
    for kind, value in toks:
        if kind == "text":
            text = _MD_SPECIAL.sub(r"\\\1", value).replace("::", "\\::")  # no math, entity or workflow command
            if any(m in ("sup", "sub") for m in open_marks):
                text = text.replace(" ", "\\ ")
            out.append(text)
        elif value in _MD_MARK:
            if kind == "open":
                open_marks.append(value)
            elif open_marks:
                open_marks.pop()
            out.append(_MD_MARK[value])
        elif (kind, value) == ("close", "margin"):
            out.append(" ")
    return re.sub(r"[ \t\n]+", " ", "".join(out)).strip()


def latex(toks: Sequence[Token]) -> str:
    """LaTeX, the margin (``[1]``) kept."""
    return formats.to_latex(toks, drop_margin=False)


def to_html(toks: Sequence[Token]) -> str:
    return formats.to_html([t for t in toks if not t[1].startswith("part") and t[1] not in ("margin", "body")] or toks)


def write(toks: Sequence[Token], fmt: str) -> str:
    """``toks`` as ``markdown``, ``latex``, ``html`` or ``text``."""
    if fmt == "markdown":
        return markdown(toks)
    if fmt == "latex":
        return latex(toks)
    if fmt == "html":
        return to_html(toks)
    return plain(toks)
