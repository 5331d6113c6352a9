"""BibTeX text into bibtexparser's blocks, the common entry shape read by regular expression.

bibtexparser's splitter takes one Python step per brace, quote, comma, ``=`` and newline; it
was a quarter of an export. Hand-written because no library splits BibTeX this fast: an entry
or ``@string`` of the usual shape (``@type{key, name = {value} # "value" # macro, ...}``) is
read here with a few regular expressions into the same ``Entry``/``String`` objects,
lines and raw text bibtexparser gives; anything else goes to bibtexparser's own splitter.

Why the split is exact: bibtexparser ends every block, closed or not, before the next ``@type{``
that starts a line (inside a block such a mark aborts it). So the text is cut at those marks;
each piece is read by the fast path when it is one well-formed entry or @string (and a comment
after it), else by bibtexparser, with the next piece's mark appended, so that a block left open
ends there as it does in the whole text (the extra block that mark makes is dropped). Keys that
repeat are marked by a bibtexparser ``Library`` built over all the blocks, as in its own parse.
"""

from __future__ import annotations

import re
from typing import Any

# bibtexparser's block start (``splitter._BLOCK_START``)
_BLOCK_MARK = re.compile(r"@[\w]*( |\t)*(?=[{(])")

# A braced value as bibtexparser reads it: a brace after a backslash is no brace (``\\[{}]?``
# takes it); three levels of nesting. Possessive: each character has one reading, nothing to retry.
_FREE = r"(?:[^{}\\]++|\\[{}]?)"
_BRACED = _FREE
for _ in range(3):
    _BRACED = rf"(?:{_FREE}|\{{{_BRACED}*+\}})"
_GROUP = rf"\{{{_BRACED}*+\}}"
# A quoted value without inner quotes (``{"}`` and ``\"`` inside quotes are left to bibtexparser).
_QUOTED = r'"[^"]*+(?<![\\{])"'
_BARE = r'[^\s{}",=@\\#%]++'
_ATOM = rf"(?:{_GROUP}|{_QUOTED}|{_BARE})"
_KEY = r'[^\s{}",=@\\#%]+'
_ENTRY_HEAD = re.compile(r"@(\w+)[ \t]*\{\s*([^\s{}\",=@\\]+)\s*,")
_FIELD = re.compile(rf"\s*({_KEY})\s*(=)(\s*{_ATOM}(?:\s*#\s*{_ATOM})*\s*)([,}}])")
_CLOSE = re.compile(r"\s*\}")
_STRING = re.compile(rf"@(\w+)[ \t]*\{{(\s*({_KEY})\s*)(=)({_BRACED}*+)\}}")


def split_blocks(text: str) -> list[Any]:
    """The blocks of ``text``, as ``bibtexparser.parse_string(text, parse_stack=[]).blocks``."""
    from bibtexparser.library import Library

    blocks: list[Any] = []
    starts = [m for m in _BLOCK_MARK.finditer(text) if _at_line_start(text, m.start())]
    bounds = [m.start() for m in starts] + [len(text)]
    head = text[: bounds[0]]
    if head.strip() and not slow_blocks(text, 0, bounds[0], starts[0] if starts else None, 0, blocks):
        return _whole(text)
    line = text.count("\n", 0, bounds[0]) - text.count("\\\n", 0, bounds[0])
    for i, mark in enumerate(starts):
        start, end = bounds[i], bounds[i + 1]
        nxt = starts[i + 1] if i + 1 < len(starts) else None
        if not _fast(text, start, end, mark, line, blocks) and not slow_blocks(text, start, end, nxt, line, blocks):
            return _whole(text)
        line += text.count("\n", start, end) - text.count("\\\n", start, end)
    library = Library()
    library.add(blocks, fail_on_duplicate_key=False)
    return list(library.blocks)


def _at_line_start(text: str, pos: int) -> bool:
    """bibtexparser's ``_is_at_line_start``: only whitespace between the last newline and ``pos``."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return not before or before.isspace()


def _whole(text: str) -> list[Any]:
    import bibtexparser

    return list(bibtexparser.parse_string(text, parse_stack=[]).blocks)


def _fast(text: str, start: int, end: int, mark: re.Match[str], line: int, blocks: list[Any]) -> bool:
    """Read ``text[start:end]`` (one block and what follows it) if it has the usual shape."""
    from bibtexparser import model as bm

    if "\\\n" in text[start:end]:  # bibtexparser does not count such a newline as a line
        return False
    kind = mark.group(0).lower()[1:].strip()
    if kind.startswith(("comment", "preamble")):
        return False
    if kind.startswith("string"):
        found = _STRING.match(text, start, end)
        if found is None or found.group(1).lower() != kind:
            return False
        close = found.end() - 1
        block: Any = bm.String(found.group(3), found.group(5).strip(), line, text[start : close + 1])
    else:
        head = _ENTRY_HEAD.match(text, start, end)
        if head is None or head.group(1).lower() != kind:
            return False
        fields, names, pos, closed = [], set(), head.end(), -1
        at, at_line = start, line
        while closed < 0:
            field = _FIELD.match(text, pos, end)
            if field is None:
                tail = _CLOSE.match(text, pos, end)
                if tail is None:
                    return False
                closed = tail.end() - 1
                break
            key = field.group(1)
            if key in names:  # bibtexparser wraps the entry in a DuplicateFieldKeyBlock
                return False
            names.add(key)
            eq = field.start(2)
            at_line += text.count("\n", at, eq)
            at = eq
            fields.append(bm.Field(key, field.group(3).strip(), at_line))
            pos = field.end()
            if field.group(4) == "}":
                closed = pos - 1
        block = bm.Entry(kind, head.group(2), fields, line, text[start : closed + 1])
        close = closed
    trailing = text[close + 1 : end]
    if _BLOCK_MARK.search(trailing):
        return False
    blocks.append(block)
    stripped = trailing.lstrip()
    if stripped:
        comment = stripped.rstrip()
        lead = len(trailing) - len(stripped)
        close_line = line + text.count("\n", start, close)
        blocks.append(bm.ImplicitComment(comment, close_line + trailing.count("\n", 0, lead), comment))
    return True


def slow_blocks(text: str, start: int, end: int, nxt: re.Match[str] | None, line: int, blocks: list[Any]) -> bool:
    """``text[start:end]`` by bibtexparser's splitter, lines moved to the file's; False if the
    piece did not end as the whole text would have it end (then the whole text is read)."""
    from bibtexparser import model as bm
    from bibtexparser.splitter import Splitter

    piece = text[start:end]
    if nxt is not None:
        piece += text[nxt.start() : nxt.end() + 1]  # the next block's start, where an open block ends
    found = [
        b.ignore_error_block if isinstance(b, bm.DuplicateBlockKeyBlock) else b for b in Splitter(piece).split().blocks
    ]
    if nxt is not None:
        if not found or type(found[-1]) is not bm.ParsingFailedBlock:
            return False
        found.pop()
    moved = [_moved(block, line) for block in found]
    if any(block is None for block in moved):
        return False
    blocks.extend(moved)
    return True


def _moved(block: Any, lines: int) -> Any:
    """A block of bibtexparser's splitter with its lines (and its fields') moved by ``lines``,
    since it counted from the start of its piece; None for a kind of block it does not make."""
    from bibtexparser import model as bm

    line = None if block.start_line is None else block.start_line + lines
    kind = type(block)
    if kind is bm.Entry:
        fields = [
            bm.Field(f.key, f.value, None if f.start_line is None else f.start_line + lines) for f in block.fields
        ]
        return bm.Entry(block.entry_type, block.key, fields, line, block.raw)
    if kind is bm.String:
        return bm.String(block.key, block.value, line, block.raw)
    if kind is bm.Preamble:
        return bm.Preamble(block.value, line, block.raw)
    if kind is bm.ExplicitComment:
        return bm.ExplicitComment(block.comment, line, block.raw)
    if kind is bm.ImplicitComment:
        return bm.ImplicitComment(block.comment, line, block.raw)
    if kind is bm.DuplicateFieldKeyBlock:
        return bm.DuplicateFieldKeyBlock(block.duplicate_keys, _moved(block.ignore_error_block, lines))
    if kind is bm.ParsingFailedBlock and block.ignore_error_block is None:
        return bm.ParsingFailedBlock(block.error, line, block.raw)
    return None
