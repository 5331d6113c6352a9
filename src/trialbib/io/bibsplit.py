"""BibTeX text into blocks, the common entry shape read by regular expression.

bibtexparser's splitter takes one Python step per brace, quote, comma, ``=`` and newline; it
was a quarter of an export. Hand-written because no library splits BibTeX this fast: an entry
or ``@string`` of the usual shape (``@type{key, name = {value} # "value" # macro, ...}``) is
read here with a few regular expressions (an entry's head, then one ``findall`` for all its
fields), lines and raw text as bibtexparser gives them; anything else goes to
bibtexparser's own splitter. :func:`read_blocks` gives the usual entries and @strings as
:class:`FastEntry` and :class:`FastString`, which the reader takes without bibtexparser's
per-field objects; :func:`split_blocks` gives bibtexparser's blocks throughout.

Why the split is exact: bibtexparser ends every block, closed or not, before the next ``@type{``
that starts a line (inside a block such a mark aborts it). So the text is cut at those marks;
each piece is read by the fast path when it is one well-formed entry or @string (and a comment
after it), else by bibtexparser, with the next piece's mark appended, so that a block left open
ends there as it does in the whole text (the extra block that mark makes is dropped). Keys that
repeat are marked as bibtexparser's ``Library`` marks them in its own parse.
"""

from __future__ import annotations

import re
from operator import itemgetter
from typing import Any

# bibtexparser's block start (``splitter._BLOCK_START``)
_BLOCK_MARK = re.compile(r"@[\w]*( |\t)*(?=[{(])")
# The block kinds bibtexparser reads apart from entries (by the start of the mark's word).
_SPECIAL = re.compile(r"@(?i:comment|preamble|string)")

# A braced value as bibtexparser reads it: a brace after a backslash is no brace (``\\[{}]?``
# takes it); three levels of nesting. Possessive: each character has one reading, nothing to retry.
_FREE = r"(?:[^{}\\]++|\\[{}]?)"
_BRACED = _FREE
for _ in range(3):
    _BRACED = rf"(?:{_FREE}|\{{{_BRACED}*+\}})"
_GROUP = rf"\{{{_BRACED}*+\}}"
# A quoted value as bibtexparser reads it: its marks are characters not after a backslash, so
# ``\"`` does not end it, nor does ``{"}`` (its escaped quote); braces inside do not count.
_QUOTED = r'"(?:[^"]++|(?<=\\)"|(?<=\{)"(?=\}))*+"'
_BARE = r'[^\s{}",=@\\#%]++'
_ATOM = rf"(?:{_GROUP}|{_QUOTED}|{_BARE})"
_KEY = r'[^\s{}",=@\\#%]+'
# One field, in groups: what comes before ``=`` (its name in it), the name, what comes after
# ``=`` up to the separator, the value's first part, its ``# part`` continuation.
_ONE_FIELD = rf"(\s*+({_KEY})\s*+)=(\s*+({_ATOM})((?:\s*+#\s*+{_ATOM})*+)\s*+)"
_ENTRY_HEAD = re.compile(r"@(\w+)[ \t]*\{\s*([^\s{}\",=@\\]+)\s*,")
# An entry's fields as findall reads them from its head on: each field and its separator (group
# 6), else the closing brace (group 7), else the rest (group 8), so that no text is skipped: what
# follows the entry's closing brace is the rest, which tells where the entry ends.
_SCAN = re.compile(rf"{_ONE_FIELD}([,}}])|(\s*+\}})|([\s\S]++)")
_STRING = re.compile(rf"@(\w+)[ \t]*\{{(\s*({_KEY})\s*)(=)({_BRACED}*+)\}}")
_BEFORE, _NAME, _AFTER, _SEP = itemgetter(0), itemgetter(1), itemgetter(2), itemgetter(5)


class FastEntry:
    """An entry read by the fast path: what ``bibtexparser.model.Entry`` holds, its fields as the
    groups of ``_SCAN`` (see :meth:`fields`) and ``field_line``, the line where they start."""

    __slots__ = ("entry_type", "field_line", "found", "key", "raw", "start_line")

    def __init__(
        self, entry_type: str, key: str, found: list[tuple[str, ...]], start_line: int, raw: str, field_line: int
    ):
        self.entry_type = entry_type
        self.key = key
        self.found = found
        self.start_line = start_line
        self.raw = raw
        self.field_line = field_line

    def fields(self) -> list[tuple[str, str, int]]:
        """``(name, value as written, line)`` of each field, as bibtexparser's ``Field`` has them."""
        out, line = [], self.field_line
        for before, name, after, first, rest, _, _, _ in self.found:
            line += before.count("\n")
            out.append((name, first + rest, line))
            line += after.count("\n")
        return out

    def block(self) -> Any:
        """The same entry as bibtexparser's block."""
        from bibtexparser import model as bm

        fields = [bm.Field(name, value, line) for name, value, line in self.fields()]
        return bm.Entry(self.entry_type, self.key, fields, self.start_line, self.raw)


class FastString:
    """An ``@string`` read by the fast path, as ``bibtexparser.model.String`` holds it."""

    __slots__ = ("key", "raw", "start_line", "value")

    def __init__(self, key: str, value: str, start_line: int, raw: str):
        self.key = key
        self.value = value
        self.start_line = start_line
        self.raw = raw

    def block(self) -> Any:
        """The same @string as bibtexparser's block."""
        from bibtexparser import model as bm

        return bm.String(self.key, self.value, self.start_line, self.raw)


def split_blocks(text: str) -> list[Any]:
    """The blocks of ``text``, as ``bibtexparser.parse_string(text, parse_stack=[]).blocks``.

    The reader takes :func:`read_blocks`; this is what the tests compare with bibtexparser's own."""
    return [block.block() if type(block) in _FAST else block for block in read_blocks(text)]


def read_blocks(text: str) -> list[Any]:
    """The blocks of ``text`` as :func:`split_blocks` gives them, but the entries and @strings of
    the usual shape as :class:`FastEntry` and :class:`FastString` (a key seen before in ``text``
    makes bibtexparser's ``DuplicateBlockKeyBlock`` all the same)."""
    blocks: list[Any] = []
    starts = [
        m
        for m in _BLOCK_MARK.finditer(text)
        if text[m.start() - 1 : m.start()] in _NEWLINE or _at_line_start(text, m.start())
    ]
    bounds = [m.start() for m in starts] + [len(text)]
    head = text[: bounds[0]]
    if head.strip() and not slow_blocks(text, 0, bounds[0], starts[0] if starts else None, 0, blocks):
        return _whole(text)
    line = text.count("\n", 0, bounds[0]) - text.count("\\\n", 0, bounds[0])
    joins = "\\\n" in text  # (looked for once here, not in every block)
    for i, start in enumerate(bounds[:-1]):
        end = bounds[i + 1]
        nxt = starts[i + 1] if i + 1 < len(starts) else None
        if _fast(text, start, end, line, blocks, joins):  # (no ``\`` before a newline)
            line += text.count("\n", start, end)
            continue
        if not slow_blocks(text, start, end, nxt, line, blocks):
            return _whole(text)
        line += text.count("\n", start, end) - text.count("\\\n", start, end)
    return _marked(blocks)


_FAST = (FastEntry, FastString)
_NEWLINE = ("\n", "")  # what comes before a mark that starts a line (or the text)


def _at_line_start(text: str, pos: int) -> bool:
    """bibtexparser's ``_is_at_line_start``: only whitespace between the last newline and ``pos``."""
    before = text[text.rfind("\n", 0, pos) + 1 : pos]
    return not before or before.isspace()


def _marked(blocks: list[Any]) -> list[Any]:
    """``blocks`` with each entry or @string whose key came before (case kept) as bibtexparser's
    ``DuplicateBlockKeyBlock``, as its ``Library`` marks them."""
    from_entries: dict[str, Any] = {}
    from_strings: dict[str, Any] = {}
    slow: tuple[type, type] | None = None
    for n, block in enumerate(blocks):
        kind = type(block)
        if kind is FastEntry:
            seen = from_entries
        elif kind is FastString:
            seen = from_strings
        else:
            if slow is None:
                from bibtexparser import model as bm

                slow = (bm.Entry, bm.String)
            if isinstance(block, slow[0]):
                seen = from_entries
            elif isinstance(block, slow[1]):
                seen = from_strings
            else:
                continue
        first = seen.setdefault(block.key, block)
        if first is not block:
            from bibtexparser import model as bm

            this = block.block() if kind in _FAST else block
            before = first.block() if type(first) in _FAST else first
            blocks[n] = bm.DuplicateBlockKeyBlock(block.key, before, this, this.start_line, this.raw)
    return blocks


def _whole(text: str) -> list[Any]:
    import bibtexparser

    return list(bibtexparser.parse_string(text, parse_stack=[]).blocks)


def _fast(text: str, start: int, end: int, line: int, blocks: list[Any], joins: bool = True) -> bool:
    """Read ``text[start:end]`` (one block and what follows it) if it has the usual shape;
    ``joins`` False says ``text`` has no backslash before a newline."""
    if joins and text.find("\\\n", start, end) >= 0:  # bibtexparser does not count such a newline as a line
        return False
    special = _SPECIAL.match(text, start)
    if special is not None:
        if special.group(0)[1] not in "sS":  # @comment, @preamble
            return False
        string = _STRING.match(text, start, end)
        if string is None:
            return False
        close = string.end() - 1
        block: Any = FastString(string.group(3), string.group(5).strip(), line, text[start : close + 1])
    else:
        head = _ENTRY_HEAD.match(text, start, end)
        if head is None:
            return False
        fields = head.end()
        found = _SCAN.findall(text, fields, end)
        seps = list(map(_SEP, found))
        n = seps.count(",")  # the fields before the last, if nothing comes between them
        if n == len(seps) or seps[:n].count(",") != n:
            return False
        if seps[n] == "}":  # closed after the last field
            found, length, rest = found[: n + 1], 0, found[n + 1 : n + 2]
        elif found[n][6]:  # closed after a comma
            found, length, rest = found[:n], len(found[n][6]), found[n + 1 : n + 2]
        else:  # something else
            return False
        if len(found) > 1 and len(set(map(_NAME, found))) < len(found):
            return False  # bibtexparser wraps the entry in a DuplicateFieldKeyBlock
        if not rest:  # the closing brace ends the piece
            close = end - 1
        elif rest[0][7]:  # the text after the closing brace
            close = end - len(rest[0][7]) - 1
        else:  # fields again after it: the entry's length from its fields'
            length += sum(map(len, map(_BEFORE, found))) + sum(map(len, map(_AFTER, found))) + 2 * len(found)
            close = fields + length - 1
        kind, key = head.group(1, 2)
        at = line + text.count("\n", start, fields)
        block = FastEntry(kind.lower(), key, found, line, text[start : close + 1], at)
    after = close + 1
    if after < end:
        trailing = text[after:end]
        if not trailing.isspace():
            return _comment_after(text, start, close, trailing, line, block, blocks)
    blocks.append(block)
    return True


def _comment_after(text: str, start: int, close: int, trailing: str, line: int, block: Any, blocks: list[Any]) -> bool:
    """The block and the text after it to the next mark, as bibtexparser's ``ImplicitComment``;
    False when a block starts in that text (then bibtexparser reads it)."""
    from bibtexparser import model as bm

    if _BLOCK_MARK.search(trailing):
        return False
    blocks.append(block)
    stripped = trailing.lstrip()
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
