"""Output formats: one HTML rendering by citeproc-py, turned into text, HTML, Markdown or LaTeX.

citeproc-py renders every entry once, with its HTML formatter. Before that, the characters of
the data that are markup in HTML (``& < >``) and the rich-text tags CSL-JSON allows in fields
(``<i> <b> <sup> <sub>``, small caps) are replaced by private-use characters, so that
citeproc-py's case changes and affixes cannot touch them and its unescaped variables cannot
inject markup. The result is read back into a few tokens, and each format writes them its way:
text drops the markup (no ``<i>`` leaks into plain text), HTML escapes the data, LaTeX escapes
its specials.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import Any, Literal

from trialbib import escape
from trialbib.render.csl.markers import PART_CLOSE, PART_OPEN

Format = Literal["text", "html", "markdown", "latex", "json"]
FORMATS: tuple[str, ...] = ("text", "html", "markdown", "latex", "json")

_DATA_CHARS = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
_RICH_TAGS = {
    "<i>": "\ue010",
    "</i>": "\ue011",
    "<b>": "\ue012",
    "</b>": "\ue013",
    "<sup>": "\ue014",
    "</sup>": "\ue015",
    "<sub>": "\ue016",
    "</sub>": "\ue017",
    '<span style="font-variant:small-caps;">': "\ue018",
    '<span style="font-variant: small-caps;">': "\ue018",
}
_RICH_CLOSE_SPAN = "\ue019"
_NOCASE = '<span class="nocase">'
_RICH_RE = re.compile(
    r"<(/?)(i|b|sup|sub)>|<span style=\"font-variant: ?small-caps;\">|<span class=\"nocase\">|</span>"
)
_MARKERS = {
    "\ue010": ("open", "i"),
    "\ue011": ("close", "i"),
    "\ue012": ("open", "b"),
    "\ue013": ("close", "b"),
    "\ue014": ("open", "sup"),
    "\ue015": ("close", "sup"),
    "\ue016": ("open", "sub"),
    "\ue017": ("close", "sub"),
    "\ue018": ("open", "sc"),
    "\ue019": ("close", "sc"),
}
_UNDATA = {v: k for k, v in _DATA_CHARS.items()}
_DATA_TABLE = str.maketrans(_DATA_CHARS)  # str.translate: one C call per string, not per character
_UNDATA_TABLE = str.maketrans(_UNDATA)
for _part, _char in PART_OPEN.items():
    _MARKERS[_char] = ("open", f"part:{_part}")
_MARKERS[PART_CLOSE] = ("close", "part")

Token = tuple[str, str]  # ("text", s) | ("open", tag) | ("close", tag)


def protect(value: str) -> str:
    """A field value made safe for citeproc-py: data characters and rich-text tags as markers."""
    out: list[str] = []
    spans: list[str] = []
    pos = 0
    for match in _RICH_RE.finditer(value):
        out.append(_escape_data(value[pos : match.start()]))
        tag = match.group(0)
        if tag == _NOCASE:
            spans.append("nocase")
            out.append(tag)
        elif tag == "</span>":
            kind = spans.pop() if spans else ""
            out.append("</span>" if kind == "nocase" else _RICH_CLOSE_SPAN if kind == "sc" else _escape_data(tag))
        elif tag.startswith("<span"):
            spans.append("sc")
            out.append("\ue018")
        else:
            out.append(_RICH_TAGS[tag])
        pos = match.end()
    out.append(_escape_data(value[pos:]))
    return "".join(out)


def _escape_data(text: str) -> str:
    return text.translate(_DATA_TABLE)


def protect_item(item: Any, in_name: bool = False) -> Any:
    """Every string of a CSL-JSON item (names and nested values too) passed through :func:`protect`.

    citeproc-py reads ``<span class="nocase">`` only in plain fields, so in names it is removed.
    """
    if isinstance(item, str):
        return protect(item.replace(_NOCASE, "").replace("</span>", "") if in_name else item)
    if isinstance(item, list):
        return [protect_item(v, in_name) for v in item]
    if isinstance(item, dict):
        return {
            k: (v if k in ("id", "type", "language") else protect_item(v, in_name or k in _NAME_VARIABLES))
            for k, v in item.items()
        }
    return item


_NAME_VARIABLES = frozenset(
    [
        "author",
        "editor",
        "translator",
        "container-author",
        "collection-editor",
        "composer",
        "director",
        "illustrator",
        "interviewer",
        "recipient",
        "reviewed-author",
        "editorial-director",
        "original-author",
    ]
)


_HTML_TOKEN = re.compile(r"<(/?)([a-z]+)([^>]*)>|&(#?\w+);")
_CITEPROC_TAGS = {"i": "i", "b": "b", "sup": "sup", "sub": "sub", "u": "u", "l": "", "div": "div", "span": "sc"}


def tokens(rendered: str) -> list[Token]:
    """citeproc-py's HTML output (with protected data) as a list of tokens."""
    result: list[Token] = []
    stack: list[str] = []
    pos = 0

    def text(chunk: str) -> None:
        for part in re.split("([\ue010-\ue019\ue020-\ue02f])", chunk):
            if part in _MARKERS:
                result.append(_MARKERS[part])
            elif part:
                result.append(("text", part.translate(_UNDATA_TABLE)))

    for match in _HTML_TOKEN.finditer(rendered):
        text(rendered[pos : match.start()])
        pos = match.end()
        if match.group(4) is not None:
            text(html.unescape(match.group(0)))
            continue
        closing, tag, attrs = match.group(1), match.group(2), match.group(3)
        if tag == "div":
            name = "margin" if "csl-left-margin" in attrs else "body"
            if closing:
                result.append(("close", stack.pop() if stack else name))
            else:
                stack.append(name)
                result.append(("open", name))
            continue
        kind = _CITEPROC_TAGS.get(tag, "")
        if kind:
            result.append(("close" if closing else "open", kind))
    text(rendered[pos:])
    return _merge(result)


_SEAM = ".,;:!?"


def _merge(items: list[Token]) -> list[Token]:
    """Adjacent text joined; a punctuation mark doubled across markup (``<i>et al.</i>.``) dropped.

    citeproc-py removes a doubled mark at a seam of plain text only; citeproc-js also across tags.
    """
    merged: list[Token] = []
    last_text = ""
    for kind, value in items:
        if kind == "text":
            if last_text and value and value[0] in _SEAM and last_text[-1] == value[0]:
                value = value[1:]
            if value and last_text and last_text[-1] == " " and value[0] == " ":
                value = value[1:]
            if not value:
                continue
            last_text = value
        if kind == "text" and merged and merged[-1][0] == "text":
            merged[-1] = ("text", merged[-1][1] + value)
        else:
            merged.append((kind, value))
    return merged


def balanced(toks: Sequence[Token]) -> list[Token]:
    """Tokens whose markup nests: a close without its open dropped, an open left open closed at
    the end, so a stray ``</b>`` or ``<i>`` in a field cannot unbalance LaTeX braces or HTML."""
    result: list[Token] = []
    stack: list[str] = []
    for kind, value in toks:
        if kind == "open":
            stack.append(value)
        elif kind == "close":
            group = "part" if value == "part" else value
            names = ["part" if s.startswith("part:") else s for s in stack]
            if group not in names:
                continue
            while stack:  # close what was opened inside it first
                top = stack.pop()
                if ("part" if top.startswith("part:") else top) == group:
                    break
                result.append(("close", "part" if top.startswith("part:") else top))
        result.append((kind, value))
    result += [("close", "part" if top.startswith("part:") else top) for top in reversed(stack)]
    return result


def to_text(toks: Sequence[Token]) -> str:
    out = []
    for kind, value in toks:
        if kind == "text":
            out.append(value)
        elif (kind, value) == ("close", "margin"):
            out.append(" ")
    return escape.terminal(_clean("".join(out)))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_HTML_OPEN = {
    "i": "<i>",
    "b": "<b>",
    "u": '<span style="text-decoration:underline;">',
    "sup": "<sup>",
    "sub": "<sub>",
    "sc": '<span style="font-variant:small-caps;">',
    "margin": '<div class="csl-left-margin">',
    "body": '<div class="csl-right-inline">',
}
_HTML_CLOSE = {"i": "</i>", "b": "</b>", "u": "</span>", "sup": "</sup>", "sub": "</sub>", "sc": "</span>"}


def to_html(toks: Sequence[Token]) -> str:
    out = []
    for kind, value in balanced(toks):
        if kind == "text":
            out.append(escape.html_text(value))
        elif value.startswith("part:"):
            out.append(f'<span class="csl-{value[5:].lower()}">')
        elif value == "part":
            out.append("</span>")
        elif kind == "open":
            out.append(_HTML_OPEN[value])
        else:
            out.append(_HTML_CLOSE.get(value, "</div>"))
    return "".join(out).strip()


_MD = {"i": ("*", "*"), "b": ("**", "**"), "sup": ("<sup>", "</sup>"), "sub": ("<sub>", "</sub>")}


def to_markdown(toks: Sequence[Token]) -> str:
    out = []
    for kind, value in balanced(toks):
        if kind == "text":
            out.append(escape.markdown(value, line_start=False, brackets=True))
        elif value in _MD:
            out.append(_MD[value][0 if kind == "open" else 1])
        elif (kind, value) == ("close", "margin"):
            out.append(" ")
    return escape.markdown_line_start(_clean("".join(out)))


_TEX = {"i": "\\textit{", "b": "\\textbf{", "sup": "\\textsuperscript{", "sub": "\\textsubscript{", "sc": "\\textsc{"}


def to_latex(toks: Sequence[Token], drop_margin: bool = True) -> str:
    """LaTeX for one entry; the number of a numbered list is left to ``thebibliography``."""
    out = []
    in_margin = False
    for kind, value in balanced(toks):
        if value == "margin":
            in_margin = kind == "open"
            if not in_margin and not drop_margin:
                out.append(" ")
            continue
        if in_margin and drop_margin:
            continue
        if kind == "text":
            out.append(escape.latex(value))
        elif value in _TEX:
            out.append(_TEX[value] if kind == "open" else "}")
    return _clean("".join(out))


def convert(toks: Sequence[Token], fmt: str) -> str:
    """One entry's tokens in ``fmt`` (json entries carry plain text)."""
    if fmt == "html":
        return to_html(toks)
    if fmt == "markdown":
        return to_markdown(toks)
    if fmt == "latex":
        return to_latex(toks)
    return to_text(toks)


def document(entries: Sequence[Any], fmt: str) -> str:
    """A whole reference list in ``fmt``: what ``trialbib render --format`` prints."""
    if fmt == "html":
        lines = ['<div class="csl-bib-body">']
        for entry in entries:
            lines.append(
                f'  <div class="csl-entry" id="ref-{html.escape(entry.key)}" data-number="{entry.number}">'
                f"{entry.html}</div>"
            )
        lines.append("</div>")
        return "\n".join(lines)
    if fmt == "markdown":
        return "\n\n".join(entry.text for entry in entries)
    if fmt == "latex":
        widest = "9" * len(str(max((e.number for e in entries), default=1)))
        lines = [f"\\begin{{thebibliography}}{{{widest}}}"]
        lines += [f"\\bibitem{{{escape.latex_key(entry.key)}}} {entry.text}" for entry in entries]
        lines.append("\\end{thebibliography}")
        return "\n".join(lines)
    if fmt == "json":
        data = [{"number": e.number, "key": e.key, "text": e.text, "html": e.html} for e in entries]
        return escape.json_text(json.dumps(data, ensure_ascii=False, indent=2))
    return "\n".join(entry.text for entry in entries)
