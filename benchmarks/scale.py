"""Benchmark inputs of N distinct real entries: the corpus bibliographies merged, never repeated.

The files of the corpus (``$TRIALBIB_CORPUS``, default ``/work/corpus``, see its README, plus
the shared iridia.bib) are merged into one bibliography: keys get a per-file prefix (crossref
values follow), the same reference met in two files (same title and year) is kept once, and
the @string macros of every file go first. Up to the corpus's size (about 20,000 entries) an
input of N entries is its first N entries; a crossref whose parent falls outside is removed.

Beyond that, copy k of the corpus varies every value: letters in braced and quoted values are
shifted by k places (outside LaTeX command names), every number gains k, and keys get ``-vk``.
No value of a copy equals a value of the original, so no memo of names or decoded values gets
a free hit, and the text keeps its LaTeX, length and shape.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
IRIDIA = next(
    (
        p / "shared" / "data" / "bench" / "iridia.bib"
        for p in HERE.parents
        if (p / "shared" / "data" / "bench").is_dir()
    ),
    HERE.parent.parent / "shared" / "data" / "bench" / "iridia.bib",
)
CORPUS = Path(os.environ.get("TRIALBIB_CORPUS", "/work/corpus"))
CACHE = HERE / ".cache"
_ENTRY = re.compile(r"^[ \t]*@(?!string\b|comment\b|preamble\b)(\w+)\s*([{(])\s*([^,\s]*)\s*,", re.I | re.M)
_CROSSREF = re.compile(r"(\b(?:crossref|xref)\s*=\s*[{\"])([^}\"]+)([}\"])", re.I)
_CROSSREF_LINE = re.compile(r"^[ \t]*(?:crossref|xref)\s*=\s*[{\"][^}\"]*[}\"]\s*,?[ \t]*\n", re.I | re.M)
_TITLE = re.compile(r"\btitle\s*=\s*[{\"](.{0,200})", re.I | re.S)
_YEAR = re.compile(r"\b(?:year|date)\s*=\s*[{\"]?\s*(\d{4})", re.I)
_WORD = re.compile(r"[^a-z0-9]+")
_KEEP = {"month", "day", "crossref", "xref", "langid", "language", "entrysubtype", "type"}  # values with a fixed set
_NAMES = {"author", "editor", "translator", "bookauthor", "editora", "editorb", "holder", "director"}
_DATES = {"date", "urldate", "origdate", "eventdate", "year"}  # only the year moves


def sources() -> list[Path]:
    """The corpus .bib files, iridia.bib first (the shared benchmark file)."""
    found = sorted(p for p in CORPUS.glob("*.bib") if p.name != "iridia.bib") if CORPUS.is_dir() else []
    return [IRIDIA, *found]


def split_source(text: str) -> tuple[str, list[str]]:
    """The part before the first entry plus every @string (moved there), and the entry chunks."""
    starts = [m.start() for m in _ENTRY.finditer(text)]
    if not starts:
        return text, []
    head = text[: starts[0]]
    chunks = [text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)]
    moved = []
    for i, chunk in enumerate(chunks):
        parts = re.split(r"(?im)^(?=[ \t]*@string\b)", chunk)
        chunks[i] = parts[0]
        moved.extend(parts[1:])
    return head + "".join(moved), chunks


def _identity(chunk: str) -> str:
    title = _TITLE.search(chunk)
    year = _YEAR.search(chunk)
    words = _WORD.sub(" ", title.group(1).lower()).strip()[:80] if title else chunk[:80]
    return f"{words}|{year.group(1) if year else ''}"


@lru_cache(maxsize=1)
def merged() -> tuple[str, tuple[str, ...]]:
    """The head (all macros) and the distinct entries of the whole corpus, keys made unique."""
    heads, entries, seen = [], [], set()
    for index, path in enumerate(sources()):
        head, chunks = split_source(path.read_text("utf-8", errors="replace"))
        heads.append(head)
        prefix = f"c{index}:"
        for chunk in chunks:
            ident = _identity(chunk)
            if ident in seen or not _balanced(chunk):
                continue  # a repeat, or an entry whose braces do not close (pandoc refuses the file)
            seen.add(ident)
            chunk = _ENTRY.sub(lambda m, p=prefix: f"@{m.group(1)}{m.group(2)}{p}{m.group(3)},", chunk, count=1)
            chunk = _CROSSREF.sub(lambda m, p=prefix: f"{m.group(1)}{p}{m.group(2).strip()}{m.group(3)}", chunk)
            entries.append(chunk if chunk.endswith("\n") else chunk + "\n")
    return "\n".join(heads), tuple(entries)


def _balanced(chunk: str) -> bool:
    text = chunk.replace("\\{", "").replace("\\}", "")
    depth = 0
    for ch in text:
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def _key(chunk: str) -> str:
    match = _ENTRY.search(chunk)
    return match.group(3) if match else ""


def vary(chunk: str, k: int) -> str:
    """Copy ``k`` of an entry: every letter and number of its values changed, its LaTeX kept."""
    chunk = _ENTRY.sub(lambda m: f"@{m.group(1)}{m.group(2)}{m.group(3)}-v{k},", chunk, count=1)
    chunk = _CROSSREF.sub(lambda m: f"{m.group(1)}{m.group(2)}-v{k}{m.group(3)}", chunk)
    head_end = chunk.index(",") + 1
    out, depth, quoted, command, i = [chunk[:head_end]], 1, False, False, head_end
    body = chunk
    after_equals, name, field_start = False, "", head_end
    while i < len(body):
        ch = body[i]
        inside = depth >= 2 or quoted
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif ch == '"' and depth == 1:
            quoted = not quoted
        elif ch == "=" and depth == 1 and not quoted:
            after_equals, name = True, body[field_start:i].strip().lower()
        elif ch == "," and depth == 1 and not quoted:
            after_equals, field_start = False, i + 1
        if name in _KEEP and after_equals:
            out.append(ch)
            i += 1
            continue
        if ch == "\\":
            command = True
            out.append(ch)
        elif ch.isascii() and ch.isalpha():
            j = i
            while j < len(body) and body[j].isascii() and body[j].isalpha():
                j += 1
            word = body[i:j]
            joins = name in _NAMES and word in ("and", "others")
            out.append(_shift(word, k) if inside and not command and not joins else word)
            i = j
            continue
        elif ch.isdigit() and (inside or after_equals):
            j = i
            while j < len(body) and body[j].isdigit():
                j += 1
            digits = body[i:j]
            dated = name in _DATES
            out.append(str(int(digits) + k).zfill(j - i) if not dated or len(digits) == 4 else digits)
            i = j
            command = False
            continue
        else:
            command = False
            out.append(ch)
        i += 1
    return "".join(out)


def _shift(word: str, k: int) -> str:
    return "".join(chr((b := ord("a") if c.islower() else ord("A")) + (ord(c) - b + k) % 26) for c in word)


def _exact(head: str, entries: list[str], n: int) -> list[str]:
    chosen = entries[:n]
    keys = {_key(chunk) for chunk in chosen}
    out = []
    for chunk in chosen:
        target = _CROSSREF.search(chunk)
        if target and target.group(2).strip() not in keys:
            chunk = _CROSSREF_LINE.sub("", chunk)
        out.append(chunk)
    return out


def scaled(n: int) -> Path:
    """Path of a .bib of exactly ``n`` distinct entries (made once and cached)."""
    CACHE.mkdir(exist_ok=True)
    target = CACHE / f"corpus-{n}.bib"
    if target.exists():
        return target
    head, entries = merged()
    base = list(entries)
    out = _exact(head, base, min(n, len(base)))
    k = 1
    while len(out) < n:
        out.extend(_exact(head, [vary(chunk, k) for chunk in base], min(n - len(out), len(base))))
        k += 1
    target.write_text(head + "\n" + "".join(out), "utf-8")
    return target


def distinct_size() -> int:
    """How many distinct real entries the corpus holds."""
    return len(merged()[1])
