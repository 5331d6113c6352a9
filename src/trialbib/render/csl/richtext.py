"""Rich text: the markup CSL allows inside fields, and the finished HTML of a cite or entry.

CSL-JSON fields may carry a little HTML (``<i> <b> <sup> <sub>``, small caps, ``nocase`` and
``nodecor`` spans); everything else that looks like markup is text (``<http://x.org>``,
``a & b``). :func:`protect` reads a field once: markup that is well nested becomes private-use
markers, so citeproc-py's case changes and affixes cannot alter it, and the rest becomes data
markers. :func:`finish` then reads a whole rendered cite or entry (citeproc-py's tags, the style's
affixes and the markers) as a tree and writes it as a CSL processor does (citeproc-js's HTML):

- decorations flip: italics inside italics print upright (``<span style="font-style:normal;">``),
  bold and small caps likewise; a ``nodecor`` span resets what surrounds it;
- a punctuation mark meeting another across markup or a closing quotation mark is merged by
  CSL's punctuation rules (``<i>et al.</i>.`` -> ``<i>et al.</i>``; ``?`` then ``,`` keeps both);
- with ``punctuation-in-quote``, marks after a closing quotation mark move inside it;
- data characters are escaped (``&#38; &#60; &#62;``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cache

# field markup, as markers (the code points formats.py uses for the same tags)
OPEN = {"i": "\ue010", "b": "\ue012", "sup": "\ue014", "sub": "\ue016", "sc": "\ue018", "nodecor": "\ue01a"}
CLOSE = {"i": "\ue011", "b": "\ue013", "sup": "\ue015", "sub": "\ue017", "sc": "\ue019", "nodecor": "\ue01b"}
DATA = {"&": "\ue000", "<": "\ue001", ">": "\ue002"}
HOLD = "\ue01e"  # after a closing quotation mark: the punctuation after it is not moved in (dropped)
_ENTITY = {HOLD: "", "\ue000": "&#38;", "\ue001": "&#60;", "\ue002": "&#62;", "&": "&#38;", "<": "&#60;", ">": "&#62;"}


@cache
def _out_chars() -> dict[str, str]:
    """What each character of the output's text is written as (built once, when first needed)."""
    return _ENTITY | _superscripts()


def _superscripts() -> dict[str, str]:
    """Each superscript character as ``<sup>`` of its base letter (citeproc-js's HTML): Unicode's
    ``<super>`` compatibility mappings, plus the four modifier letters citeproc-js adds."""
    import sys
    import unicodedata

    out = {"\u02c0": "\u0294", "\u02c1": "\u0295", "\u06e5": "\u0648", "\u06e6": "\u064a"}
    for code in range(sys.maxunicode + 1):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition.startswith("<super>"):
            out[chr(code)] = "".join(chr(int(part, 16)) for part in decomposition.split()[1:])
    return {char: f"<sup>{html.escape(base)}</sup>" for char, base in out.items()}


# a node's font-style, font-weight or font-variant "normal": upright only inside that decoration
UNDO_OPEN = {"i": "\ue003", "b": "\ue005", "sc": "\ue007"}
UNDO_CLOSE = {"i": "\ue004", "b": "\ue006", "sc": "\ue008"}
_UNDO = {"no" + tag: tag for tag in UNDO_OPEN}
_MARKER_TAG = (
    {v: ("open", k) for k, v in OPEN.items()}
    | {v: ("close", k) for k, v in CLOSE.items()}
    | {v: ("open", "no" + k) for k, v in UNDO_OPEN.items()}
    | {v: ("close", "no" + k) for k, v in UNDO_CLOSE.items()}
)

_FIELD_TAG = re.compile(
    r"<(/?)(i|b|sup|sub|sc)>|<span\s+style=\"font-variant:\s*small-caps;?\">|"
    r"<span\s+class=\"(nocase|nodecor)\">|</span>",
    re.I,
)


def protect(value: str) -> str:
    """A field's well-nested markup as markers, its other ``& < >`` as data markers; the
    ``nocase`` spans stay as written (citeproc-py splits them into its NoCase strings)."""
    tokens: list[tuple[str, str]] = []  # (kind, text): kind "text", "open:<tag>", "close:<tag>"
    pos = 0
    for match in _FIELD_TAG.finditer(value):
        tokens.append(("text", value[pos : match.start()]))
        pos = match.end()
        closing, tag, span_class = match.group(1), match.group(2), match.group(3)
        if tag:
            tokens.append((("close:" if closing else "open:") + tag.lower(), match.group(0)))
        elif span_class:
            tokens.append(("open:" + span_class.lower(), match.group(0)))
        elif match.group(0).startswith("</"):
            tokens.append(("close:span", match.group(0)))
        else:
            tokens.append(("open:sc", match.group(0)))
    tokens.append(("text", value[pos:]))
    matched = _pairs(tokens)
    out: list[str] = []
    for i, (kind, text) in enumerate(tokens):
        if kind == "text" or i not in matched:
            out.append("".join(DATA.get(c, c) for c in text))
            continue
        tag = matched[i]
        if tag == "nocase":
            out.append('<span class="nocase">' if kind.startswith("open") else "</span>")
        else:
            out.append(OPEN[tag] if kind.startswith("open") else CLOSE[tag])
    return "".join(out)


_SPANS = ("sc", "nocase", "nodecor")


def _pairs(tokens: list[tuple[str, str]]) -> dict[int, str]:
    """Index of every open or close token that has its partner -> its tag."""
    stack: list[tuple[int, str]] = []
    matched: dict[int, str] = {}
    for i, (kind, _) in enumerate(tokens):
        if kind.startswith("open:"):
            stack.append((i, kind[5:]))
        elif kind.startswith("close:"):
            tag = kind[6:]
            for depth in range(len(stack) - 1, -1, -1):
                opened = stack[depth][1]
                if opened == tag or (tag == "span" and opened in _SPANS):
                    matched[stack[depth][0]] = opened
                    matched[i] = opened
                    del stack[depth:]
                    break
    return matched


# ---------------------------------------------------------------------------------------------
# the finished output


@dataclass
class Node:
    """One element of the output tree: ``kind`` is "text" (``text`` set) or a tag."""

    kind: str
    text: str = ""
    raw: tuple[str, str] = ("", "")  # the tags of a kind kept as written (div, other spans)
    children: list[Node] = field(default_factory=list)


_OUT_TAG = re.compile(
    r"<(/?)(i|b|sup|sub|sc|u|l)>|<span\s+style=\"([^\"]*)\">|<span\s+class=\"([^\"]*)\">|</span>|"
    r"<div[^>]*>|</div>|&(#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);|[\ue003-\ue008\ue010-\ue01b]",
)
_NORMAL = {"i": "font-style:normal;", "b": "font-weight:normal;", "sc": "font-variant:normal;"}
_PLAIN_OPEN = {"i": "<i>", "b": "<b>", "sup": "<sup>", "sub": "<sub>", "u": "<u>", "l": "<l>"}
_SC = '<span style="font-variant:small-caps;">'


def _lex(text: str) -> list[tuple[str, str, str]]:
    """(kind, tag, source) tokens: kind "text", "open", "close" or "entity"."""
    out: list[tuple[str, str, str]] = []
    pos = 0
    for match in _OUT_TAG.finditer(text):
        if match.start() > pos:
            out.append(("text", "", text[pos : match.start()]))
        pos = match.end()
        source = match.group(0)
        if source in _MARKER_TAG:
            kind, tag = _MARKER_TAG[source]
            out.append((kind, tag, source))
        elif match.group(2):
            out.append(("close" if match.group(1) else "open", match.group(2), source))
        elif match.group(3) is not None:
            style = match.group(3).replace(" ", "")
            out.append(("open", "sc" if style.startswith("font-variant:small-caps") else "span", source))
        elif match.group(4) is not None:
            name = match.group(4)
            out.append(("open", name if name in ("nocase", "nodecor") else "span", source))
        elif source == "</span>":
            out.append(("close", "span", source))
        elif source.startswith("<div"):
            out.append(("open", "div", source))
        elif source == "</div>":
            out.append(("close", "div", source))
        else:
            out.append(("entity", "", source))
    if pos < len(text):
        out.append(("text", "", text[pos:]))
    return out


def parse(text: str) -> list[Node]:
    """The output tree of a rendered cite or entry; a tag without its partner is text."""
    lexed = _lex(text)
    pairs = _pairs([(f"{k}:{t}" if k in ("open", "close") else "text", s) for k, t, s in lexed])
    root = Node("root")
    stack = [root]
    for i, (kind, tag, source) in enumerate(lexed):
        if kind in ("open", "close") and i in pairs:
            if kind == "open":
                node = Node(tag, raw=(source, ""))
                stack[-1].children.append(node)
                stack.append(node)
            else:
                stack[-1].raw = (stack[-1].raw[0], source)
                stack.pop()
            continue
        _add_text(stack[-1], html.unescape(source) if kind == "entity" else source)
    return root.children


def _add_text(parent: Node, text: str) -> None:
    if parent.children and parent.children[-1].kind == "text":
        parent.children[-1].text += text
    else:
        parent.children.append(Node("text", text=text))


def write(nodes: list[Node], active: frozenset[str] = frozenset()) -> str:
    """HTML of ``nodes``; ``active`` are the decorations (i, b, sc) in force around them."""
    out: list[str] = []
    for node in nodes:
        kind = node.kind
        if kind == "text":
            chars = _out_chars()
            out.append("".join(chars.get(c, c) for c in node.text))
        elif kind in _NORMAL:
            if kind in active:
                inner = write(node.children, active - {kind})
                out.append(f'<span style="{_NORMAL[kind]}">{inner}</span>')
            else:
                inner = write(node.children, active | {kind})
                out.append(f"{_SC}{inner}</span>" if kind == "sc" else f"{_PLAIN_OPEN[kind]}{inner}</{kind}>")
        elif kind in _PLAIN_OPEN:
            out.append(f"{_PLAIN_OPEN[kind]}{write(node.children, active)}</{kind}>")
        elif kind in _UNDO:
            undone = _UNDO[kind]
            if undone in active:
                inner = write(node.children, active - {undone})
                out.append(f'<span style="{_NORMAL[undone]}">{inner}</span>')
            else:
                out.append(write(node.children, active))
        elif kind == "nocase":
            out.append(write(node.children, active))
        elif kind == "nodecor":
            inner = write(node.children, frozenset())
            for decoration in ("b", "sc", "i"):
                if decoration in active:
                    inner = f'<span style="{_NORMAL[decoration]}">{inner}</span>'
            out.append(inner)
        else:
            inner = write(node.children, active)
            if inner or kind != "div":  # an empty display block is not printed (citeproc-js)
                out.append(node.raw[0] + inner + node.raw[1])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# punctuation

_MARKS = ".,;:!?"


def merge(left: str, right: str) -> str:
    """What two punctuation marks that meet become (CSL's punctuation rules as citeproc-js
    applies them): a doubled mark once; ``: ;`` give way to ``! ?``; after ``: ; ! ? .`` a
    period is dropped, and a colon after ``; ! ?``; any other pair keeps both."""
    if left == right:
        return left
    if right in "!?" and left in ":;":
        return right
    if right == "." and left in ":;!?":
        return left
    if right == ":" and left in ";!?":
        return left
    return left + right


def _texts(nodes: list[Node], into: list[Node | None]) -> None:
    """The text nodes in order; None between two of them marks a tag boundary."""
    for node in nodes:
        if node.kind == "text":
            into.append(node)
        else:
            into.append(None)
            _texts(node.children, into)
            into.append(None)


def merge_across_markup(nodes: list[Node]) -> None:
    """A punctuation mark that ends the text before a tag and one that starts the text after
    it are merged (citeproc-py merges only at seams of plain text)."""
    seq: list[Node | None] = []
    _texts(nodes, seq)
    last: Node | None = None
    crossed = False
    for node in seq:
        if node is None:
            crossed = True
            continue
        if not node.text:
            continue
        if last is not None and crossed and last.text and last.text[-1] in _MARKS and node.text[0] in _MARKS:
            merged = merge(last.text[-1], node.text[0])
            last.text = last.text[:-1] + merged[0]
            node.text = merged[1:] + node.text[1:]
        elif last is not None and crossed and last.text.endswith(" ") and node.text.startswith(" "):
            node.text = node.text[1:]
        crossed = False
        if node.text:
            last = node


def _chain(before: str, marks: str) -> str:
    out = before
    for mark in marks:
        out = out[:-1] + merge(out[-1], mark) if out and out[-1] in _MARKS else out + mark
    return out


def quote_punctuation(nodes: list[Node], close_quotes: str, inside: bool, outer: str = "") -> None:
    """Marks right after a closing quotation mark: with ``inside`` (``punctuation-in-quote``)
    moved into it and merged with the mark ending the quotation (``“Title”.`` -> ``“Title.”``,
    ``“When?”,`` -> ``“When?,”``); else a period repeating the quotation's own is dropped."""
    seq: list[Node | None] = []
    _texts(nodes, seq)
    owners = [(n, i) for n in seq if n is not None for i in range(len(n.text))]
    text = [n.text[i] for n, i in owners]
    k = 1
    while k < len(text):
        if text[k] not in close_quotes:
            k += 1
            continue
        end = k
        while end + 1 < len(text) and text[end + 1] in close_quotes:
            end += 1
        run = end + 1
        while run < len(text) and text[run] in ".,!?":
            run += 1
        marks, before = "".join(text[end + 1 : run]), text[k - 1]
        if not marks:
            k = run
            continue
        if inside and outer and text[end] not in outer:
            k = run  # an inner quotation that does not end the outer one keeps its marks outside
            continue
        if not inside:
            if before in ".!?" and marks[0] == ".":
                text[end + 1] = ""
            k = run
            continue
        content = _chain(before, marks) + "".join(text[k : end + 1])
        for j, pos in enumerate(range(k - 1, run)):
            text[pos] = content[j] if j < len(content) else ""
        k = run
    rebuilt: dict[int, list[str]] = {}
    for (owner, _), char in zip(owners, text, strict=True):
        rebuilt.setdefault(id(owner), []).append(char)
    for item in seq:
        if item is not None and id(item) in rebuilt:
            item.text = "".join(rebuilt.pop(id(item)))


BACK = "\ue01f"  # a seam merge that keeps the right mark: the mark before it is dropped


def seam(left: str, right: str) -> str | None:
    """How ``right`` starts when it is appended to ``left`` whose last mark it meets: the
    adjusted start, or None when nothing changes."""
    if not left or not right or left[-1] not in _MARKS or right[0] not in _MARKS:
        return None
    merged = merge(left[-1], right[0])
    if merged == left[-1]:
        return right[1:]
    if merged == right[0]:
        return BACK + right
    return None


def _backspace(nodes: list[Node]) -> None:
    seq: list[Node | None] = []
    _texts(nodes, seq)
    previous: Node | None = None
    for node in seq:
        if node is None:
            continue
        while BACK in node.text:
            at = node.text.index(BACK)
            if at:
                node.text = node.text[: at - 1] + node.text[at + 1 :]
            else:
                node.text = node.text[1:]
                if previous is not None and previous.text:
                    previous.text = previous.text[:-1]
        if node.text:
            previous = node


def finish(text: str, close_quotes: str = "", inside: bool = False, outer: str = "") -> str:
    """The finished HTML of one rendered cite or entry (see the module's docstring)."""
    nodes = parse(text)
    if BACK in text:
        _backspace(nodes)
    merge_across_markup(nodes)
    if close_quotes:
        quote_punctuation(nodes, close_quotes, inside, outer)
    return write(nodes)
