"""Renumber a numeric manuscript by first citation, and reorder its list (the .bib) to match.

For a manuscript typed with numbers (``[1]``, ``[2,3]``, ``^4^``) whose list is the .bib in file
order: the first new number cited becomes 1, the next new one 2, and so on; entries never cited
keep their relative order after the cited ones. The .bib is reordered entry by entry, each entry
moved with the comment lines directly above it (a ``% trialbib: ignore`` stays with its entry);
nothing inside an entry changes. This is what ``trialbib check --fix`` does for CIT004.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from trialbib.io.citations import MD_SKIP, blank, footnote_reading, numeric_groups
from trialbib.model import Bibliography, collapse_numbers


@dataclass(frozen=True)
class Renumbered:
    """One file's text before and after."""

    path: str
    old: str
    new: str


def first_citation_mapping(texts: Sequence[str], count: int) -> dict[int, int]:
    """Old number -> new number: by first appearance across ``texts``, then the uncited in order.

    A citation in a footnote's text counts where the note is referenced, as pandoc reads it.
    """
    seen: dict[int, None] = {}
    for text in texts:
        clean = blank(text, MD_SKIP)
        reading = footnote_reading(clean)
        for group in sorted(numeric_groups(clean), key=lambda g: (reading(g.start), g.start)):
            for n in group.numbers:
                if 0 < n <= count:
                    seen.setdefault(n)
    order = list(seen) + [n for n in range(1, count + 1) if n not in seen]
    return {old: new for new, old in enumerate(order, 1)}


def renumber_text(text: str, mapping: dict[int, int]) -> str:
    """``text`` with each numeric citation's numbers mapped and re-collapsed in its own notation."""
    out: list[str] = []
    pos = 0
    for group in numeric_groups(blank(text, MD_SKIP)):
        if any(n not in mapping for n in group.numbers):
            continue
        body = text[group.start : group.end]
        dash = next((c for c in body if c in "-\u2013\u2014~"), "-")
        delimiter = ", " if ", " in body else ","
        spans = [(s, e, ns) for s, e, ns in group.parts] if group.words else [(group.start, group.end, group.numbers)]
        for start, end, numbers in spans:
            out.append(text[pos:start])
            out.append(collapse_numbers([mapping[n] for n in numbers], dash=dash, delimiter=delimiter))
            pos = end
    out.append(text[pos:])
    return "".join(out)


def reorder_bib(text: str, bib: Bibliography, keys: Sequence[str]) -> str:
    """The .bib text with its entries in the order of ``keys`` (entries not named keep their place after)."""
    starts = sorted((source.line, key) for key, source in bib.sources.items())
    if not starts:
        return text
    lines = text.split("\n")
    first = _with_comments(lines, starts[0][0])
    blocks: dict[str, list[str]] = {}
    bounds = [_with_comments(lines, line) for line, _ in starts[1:]] + [len(lines)]
    begin = first
    for (_, key), end in zip(starts, bounds, strict=True):
        block = lines[begin:end]
        while block and not block[-1].strip():
            block.pop()
        blocks[key] = block
        begin = end
    order = [k for k in keys if k in blocks] + [k for _, k in starts if k not in keys]
    body = "\n\n".join("\n".join(blocks[k]) for k in order)
    return "\n".join(lines[:first]) + ("\n" if first else "") + body + "\n"


def _with_comments(lines: list[str], line: int) -> int:
    """The 0-based index where the entry starting on 1-based ``line`` begins, with the comments above it."""
    index = line - 1
    while index > 0 and lines[index - 1].lstrip().startswith("%"):
        index -= 1
    return index


def plan_renumbering(
    manuscripts: Sequence[tuple[str, str]], bib_path: str, bib_text: str, bib: Bibliography
) -> list[Renumbered]:
    """The renumbered manuscripts (path, text) and the reordered .bib; files that do not change are left out."""
    mapping = first_citation_mapping([text for _, text in manuscripts], len(bib.keys))
    if all(old == new for old, new in mapping.items()):
        return []
    changed = [Renumbered(path, text, renumber_text(text, mapping)) for path, text in manuscripts]
    back = {new: old for old, new in mapping.items()}
    keys = [bib.keys[back[n] - 1] for n in range(1, len(bib.keys) + 1)]
    changed.append(Renumbered(bib_path, bib_text, reorder_bib(bib_text, bib, keys)))
    return [c for c in changed if c.old != c.new]
