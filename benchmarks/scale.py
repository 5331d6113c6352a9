"""Benchmark inputs: the iridia bibliography scaled to N entries by repeating entries.

Copies get suffixed keys (``key-r1``), crossref values follow their copy, and @string macros are
kept once, so every scaled file is a valid bibliography of exactly N entries.
"""

from __future__ import annotations

import re
from pathlib import Path

SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bench" / "iridia.bib"
CACHE = Path(__file__).resolve().parent / ".cache"
_ENTRY = re.compile(r"^@(?!string\b|comment\b|preamble\b)(\w+)\s*\{\s*([^,\s]+)\s*,", re.IGNORECASE | re.MULTILINE)
_CROSSREF = re.compile(r"(crossref\s*=\s*[{\"])([^}\"]+)([}\"])", re.IGNORECASE)


def split_source(text: str) -> tuple[str, list[str]]:
    """The preamble part (@strings and comments before the first entry) and the entry chunks."""
    starts = [m.start() for m in _ENTRY.finditer(text)]
    head = text[: starts[0]]
    chunks = [text[a:b] for a, b in zip(starts, starts[1:] + [len(text)], strict=True)]
    # @string blocks between entries belong to the head, so that copies do not repeat them
    moved = []
    for i, chunk in enumerate(chunks):
        parts = re.split(r"(?im)^(?=@string\b)", chunk)
        chunks[i] = parts[0]
        moved.extend(parts[1:])
    return head + "".join(moved), chunks


def scaled(n: int, source: Path = SOURCE) -> Path:
    """Path of a .bib with exactly ``n`` entries (made once and cached)."""
    CACHE.mkdir(exist_ok=True)
    target = CACHE / f"iridia-{n}.bib"
    if target.exists():
        return target
    head, chunks = split_source(source.read_text("utf-8"))
    out = [head]
    for i in range(n):
        copy, chunk = divmod(i, len(chunks))
        chunk = chunks[chunk]
        if copy:
            suffix = f"-r{copy}"
            chunk = _ENTRY.sub(lambda m, s=suffix: f"@{m.group(1)}{{{m.group(2)}{s},", chunk, count=1)
            chunk = _CROSSREF.sub(lambda m, s=suffix: f"{m.group(1)}{m.group(2)}{s}{m.group(3)}", chunk)
        out.append(chunk)
    target.write_text("".join(out), "utf-8")
    return target
