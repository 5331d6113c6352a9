"""Importing: match incoming items to a bibliography, merge them, and edit the .bib in place.

An incoming item is the same reference as an existing one when their DOIs match, else their
PMIDs, else their normalised title, year and first author's family name. A matched entry gains
the fields it lacks; a field whose value differs is a *conflict* and is kept as it is unless
``overwrite``. Nothing is ever deleted. An unmatched item is *new*: it keeps its citation key
when it has one that is free, and otherwise gets one by the key rule (:mod:`trialbib.keys`).

The .bib file is edited, not rewritten: untouched entries, comments and order stay byte for
byte; changed fields are replaced where they stand, added fields go at the end of their entry,
and new entries at the end of the file, in the form of the shipped references.bib.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from trialbib.doi import doi_key
from trialbib.errors import InputError, Location
from trialbib.io.latex import strip_tags
from trialbib.io.load import BibFormat
from trialbib.keys import free_key, key_letters
from trialbib.model import Bibliography, Item, first_author_family, issued_year

Action = Literal["new", "updated", "conflict", "unchanged"]
_IGNORED = ("id", "citation-key")
_KEY = re.compile(r"^[^\s,{}()\"'#%~\\=/]+$")


@dataclass
class Outcome:
    """What happened to one incoming item."""

    action: Action
    key: str
    incoming_key: str = ""
    matched_by: str | None = None
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)
    trials: list[str] = field(default_factory=list)

    def describe(self) -> str:
        """One line for the import report."""
        text = f"{self.action:<9} {self.key}"
        if self.incoming_key and self.incoming_key != self.key:
            text += f" (imported as {self.incoming_key})"
        if self.matched_by:
            text += f" [matched by {self.matched_by}]"
        details = [f"added {', '.join(self.added)}"] if self.added else []
        details += [f"replaced {', '.join(self.changed)}"] if self.changed else []
        details += [f"{name} differs: kept {_show(old)}, import has {_show(new)}" for name, old, new in self.conflicts]
        if self.trials:
            details.append(f"trial links: {'; '.join(self.trials)}")
        return f"{text}: {'; '.join(details)}" if details else text


def _show(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Merge:
    """The merged items (existing order, new ones appended) and one outcome per incoming item."""

    items: list[Item]
    outcomes: list[Outcome]

    @property
    def conflicts(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.conflicts]


def match_key(item: Item) -> str:
    """The normalised title + year + first author that identifies an item without DOI or PMID.

    Rich-text tags (``<i>``, ``<sup>``, nocase spans) are typography, not title: as DUP003 compares.
    """
    title = key_letters(strip_tags(str(item.get("title", ""))))
    return f"{title}|{issued_year(item)}|{key_letters(first_author_family(item) or '')}"


def _doi(item: Item) -> str | None:
    return doi_key(item.get("DOI"))


def merge_items(
    existing: list[Item], incoming: list[Item], *, overwrite: bool = False, trials: dict[str, list[str]] | None = None
) -> Merge:
    """Merge ``incoming`` into ``existing`` (neither is changed); see the module docstring.

    Incoming items are matched against the existing ones only, through an index (linear in
    both), never against each other: two items of one file are two references, even when they
    share a title, year and first author. An existing entry is matched by title, year and first
    author at most once; a DOI or PMID match is an identity and may be met more than once.
    """
    items = [dict(item) for item in existing]
    index = _Index(items)
    taken = {item["id"] for item in items}
    outcomes = []
    for new in incoming:
        found, how = index.find(new)
        links = (trials or {}).get(new.get("id") or "", [])
        if found is None:
            key = _new_key(new, taken)
            taken.add(key)
            items.append({"id": key, "citation-key": key, **{k: v for k, v in new.items() if k not in _IGNORED}})
            outcomes.append(Outcome("new", key, new.get("id") or "", trials=links))
            continue
        merged, outcome = _merge_one(items[found], new, overwrite)
        outcome.matched_by, outcome.trials = how, links
        items[found] = merged
        outcomes.append(outcome)
    return Merge(items, outcomes)


def _pmid(item: Item) -> str | None:
    return str(item.get("PMID") or "").strip() or None


class _Index:
    """The existing items by DOI, PMID and title+year+author: the first item with each value."""

    def __init__(self, items: list[Item]):
        self.by: dict[str, dict[str, int]] = {"DOI": {}, "PMID": {}, "title, year and first author": {}}
        self.claimed: set[int] = set()
        for position, item in enumerate(items):
            for how, value in self._values(item):
                self.by[how].setdefault(value, position)

    @staticmethod
    def _values(item: Item) -> list[tuple[str, str]]:
        values = [("DOI", _doi(item)), ("PMID", _pmid(item))]
        if item.get("title"):
            values.append(("title, year and first author", match_key(item)))
        return [(how, value) for how, value in values if value]

    def find(self, new: Item) -> tuple[int | None, str | None]:
        for how, value in self._values(new):
            position = self.by[how].get(value)
            if position is None:
                continue
            if how.startswith("title"):
                if position in self.claimed:
                    continue
                self.claimed.add(position)
            return position, how
        return None, None


def _new_key(new: Item, taken: set[str]) -> str:
    """The incoming key if it is a usable, free key; else the key rule's, clear of every key in use."""
    key = str(new.get("id") or "")
    if key and _KEY.match(key) and key not in taken:
        return key
    return free_key(new, taken)


def _merge_one(old: Item, new: Item, overwrite: bool) -> tuple[Item, Outcome]:
    merged = dict(old)
    outcome = Outcome("unchanged", old["id"], new.get("id") or "")
    for name, value in _flat(new).items():
        current = _flat(merged).get(name)
        if current == value or (name == "DOI" and _doi(merged) == _doi(new)) or _coarser(value, current):
            continue
        if current is None:
            _set(merged, name, value)
            outcome.added.append(name)
        elif overwrite:
            _set(merged, name, value)
            outcome.changed.append(name)
        else:
            outcome.conflicts.append((name, current, value))
    if outcome.conflicts:
        outcome.action = "conflict"
    elif outcome.added or outcome.changed:
        outcome.action = "updated"
    return merged, outcome


def _coarser(new: Any, old: Any) -> bool:
    """True when date ``new`` is ``old`` told less precisely (``2019`` for ``2019-09-19``): no news."""
    if not (isinstance(new, dict) and isinstance(old, dict) and "date-parts" in new and "date-parts" in old):
        return False
    a, b = new["date-parts"], old["date-parts"]
    return len(a) == 1 and len(a[0]) < len(b[0]) and b[0][: len(a[0])] == a[0]


def _flat(item: Item) -> dict[str, Any]:
    """Fields by name, ``custom`` values as ``custom.NAME`` so that each compares on its own."""
    out = {k: v for k, v in item.items() if k not in (*_IGNORED, "custom") and v not in (None, "", [])}
    out.update({f"custom.{k}": v for k, v in (item.get("custom") or {}).items()})
    return out


def _set(item: Item, name: str, value: Any) -> None:
    if name.startswith("custom."):
        item["custom"] = {**(item.get("custom") or {}), name[7:]: value}
    else:
        item[name] = value


# --- editing the .bib text ----------------------------------------------------------------

_ALIASES = {"journal": ("journaltitle",), "location": ("address",), "annotation": ("annote",), "pmid": ()}


def edit_bib_text(text: str, bib: Bibliography, merge: Merge) -> tuple[str, dict[str, list[str]]]:
    """The .bib text with the merge applied, and the fields the file's form cannot hold."""
    from trialbib.io.bibtex_write import format_entry, to_entry

    before = {item["id"]: item for item in bib.items}
    lost: dict[str, list[str]] = {}
    updates = []
    for item in merge.items:
        old = before.get(item["id"])
        if old is not None and old != item and item["id"] in bib.sources:
            updates.append((bib.sources[item["id"]].line, old, item))
    for _, old, item in sorted(updates, key=lambda u: u[0], reverse=True):
        old_entry, _ = to_entry(old, "native")
        new_entry, missing = to_entry(item, "native")
        for name in missing:
            lost.setdefault(name, []).append(item["id"])
        text = _edit_entry(text, bib, item["id"], dict(old_entry.fields), dict(new_entry.fields))
    blocks = []
    for item in merge.items:
        if item["id"] not in before:
            entry, missing = to_entry(item, "native")
            for name in missing:
                lost.setdefault(name, []).append(item["id"])
            blocks.append(format_entry(entry))
    if blocks:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + "\n".join(blocks)
    return text, lost


def _line_offsets(text: str) -> list[int]:
    offsets = [0]
    for match in re.finditer("\n", text):
        offsets.append(match.end())
    return offsets


def _edit_entry(text: str, bib: Bibliography, key: str, old: dict[str, str], new: dict[str, str]) -> str:
    source = bib.sources[key]
    lines = source.field_lines
    start = _line_offsets(text)[source.line - 1]
    close = _entry_end(text, start)
    added = [(name, value) for name, value in new.items() if name not in old and _present(lines, name) is None]
    if added:
        head = text[:close].rstrip()
        sep = "" if head.endswith((",", "{", "(")) else ","
        body = "".join(f"  {name:<9} = {value},\n" for name, value in added)
        text = head + sep + "\n" + body + text[close:]
    edits: list[tuple[int, str, str | None]] = []
    for name, value in new.items():
        present = _present(lines, name)
        if present is not None and (name not in old or old[name] != value):
            edits.append((lines[present], present, value))
    for name in old:
        present = _present(lines, name)
        if name not in new and present is not None:
            edits.append((lines[present], present, None))
    for line, field_name, replacement in sorted(edits, key=lambda edit: edit[0], reverse=True):
        text = _replace_field(text, line, field_name, replacement)
    return text


def _present(lines: dict[str, int], name: str) -> str | None:
    """The field of the entry that holds ``name`` (itself or an alias), if any."""
    for candidate in (name, *_ALIASES.get(name, ())):
        if candidate in lines:
            return candidate
    return None


def _entry_end(text: str, start: int) -> int:
    """The offset of the brace that closes the entry starting at ``start``."""
    open_at = min(i for i in (text.find("{", start), text.find("(", start)) if i >= 0)
    depth = 0
    for index in range(open_at, len(text)):
        ch = text[index]
        if ch in "{(" and (ch == "{" or index == open_at):
            depth += 1
        elif ch in "})" and (ch == "}" or depth == 1):
            depth -= 1
            if depth == 0:
                return index
    raise InputError("entry is not closed", Location(line=text.count("\n", 0, start) + 1))


def _replace_field(text: str, line: int, name: str, value: str | None) -> str:
    """Replace the value of field ``name`` on ``line`` (1-based), or remove the field (None)."""
    offset = _line_offsets(text)[line - 1]
    match = re.compile(rf"(?i)\b{re.escape(name)}\s*=\s*").search(text, offset)
    if match is None:
        return text
    end = _value_end(text, match.end())
    if value is not None:
        return text[: match.end()] + value + text[end:]
    after = end
    while after < len(text) and text[after] in " \t":
        after += 1
    if after < len(text) and text[after] == ",":
        after += 1
    if after < len(text) and text[after] == "\n" and not text[offset : match.start()].strip():
        return text[:offset] + text[after + 1 :]
    return text[: match.start()] + text[after:]


def _value_end(text: str, start: int) -> int:
    depth, quoted, index = 0, False, start
    while index < len(text):
        ch = text[index]
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth == 0:
                break
            depth -= 1
        elif ch == '"' and depth == 0:
            quoted = not quoted
        elif ch == "," and depth == 0 and not quoted:
            break
        index += 1
    while index > start and text[index - 1] in " \t\n":
        index -= 1
    return index


# --- the import command's library function --------------------------------------------------


@dataclass
class ImportResult:
    """What ``trialbib import`` did or would do."""

    merge: Merge
    path: str
    old_text: str
    new_text: str
    lost: dict[str, list[str]]
    backup: Path | None = None
    written: bool = False

    @property
    def diff(self) -> str:
        return "".join(
            difflib.unified_diff(
                self.old_text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                fromfile=f"{self.path} (now)",
                tofile=f"{self.path} (after import)",
            )
        )


def detect_format(path: str | os.PathLike[str], text: str) -> BibFormat:
    """The format of an import file, by extension and else by its first characters."""
    from trialbib.io.load import detect_format as detect

    return detect(path, text)


def read_import(path: str | os.PathLike[str], trials: dict[str, list[str]]) -> Bibliography:
    """Read a file to import (CSL-JSON, CSL YAML, RIS, BibTeX); its first error (if any) is raised."""
    from trialbib.io.files import read_text
    from trialbib.io.load import parse_bibliography

    text = read_text(path, "file to import")
    bib = parse_bibliography(text, str(path), detect_format(path, text), trials=trials)
    bib.raise_first()
    return bib


def import_into(
    path: str | os.PathLike[str],
    into: str | os.PathLike[str],
    *,
    overwrite: bool = False,
    dry_run: bool = False,
) -> ImportResult:
    """Merge the items of ``path`` into the .bib file ``into`` (created if absent).

    ``into`` is locked from reading to writing, so two imports at once both land, one after the
    other; an edit by anything else in between is refused (see trialbib.io.files).
    """
    from trialbib.io.files import locked

    trials: dict[str, list[str]] = {}
    incoming = read_import(path, trials)
    if dry_run:
        return _import(incoming, trials, path, into, overwrite, dry_run)
    with locked(into):
        return _import(incoming, trials, path, into, overwrite, dry_run)


def _import(
    incoming: Bibliography,
    trials: dict[str, list[str]],
    path: str | os.PathLike[str],
    into: str | os.PathLike[str],
    overwrite: bool,
    dry_run: bool,
) -> ImportResult:
    from trialbib.io.files import read_text, write_text_atomic
    from trialbib.io.load import parse_bibliography

    if Path(into).exists():
        old_text = read_text(into, "BibTeX file")
        bib = parse_bibliography(old_text, str(into), "bibtex", keep_sources=True)
        if bib.errors:
            bib.raise_first()
    else:
        old_text, bib = "", Bibliography(source=str(into))
    merge = merge_items(bib.items, incoming.items, overwrite=overwrite, trials=trials)
    new_text, lost = edit_bib_text(old_text, bib, merge)
    _reads_back(new_text, str(into), str(path))
    result = ImportResult(merge, str(into), old_text, new_text, lost)
    if not dry_run and new_text != old_text:
        result.backup = write_text_atomic(into, new_text, backup=True, inputs=(path,))
        result.written = True
    return result


def _reads_back(text: str, into: str, path: str) -> None:
    """Refuse to write a .bib that trialbib could not read again: the user's file comes first."""
    from trialbib.io.load import parse_bibliography

    errors = parse_bibliography(text, into, "bibtex").errors
    if not errors:
        return
    problem = errors[0]
    line = problem.location.line if problem.location and problem.location.line else 1
    heads = re.findall(r"^@\w+\s*[{(]\s*([^,\s]*)", "\n".join(text.splitlines()[:line]), re.MULTILINE)
    key = problem.location.key if problem.location and problem.location.key else (heads[-1] if heads else None)
    raise InputError(
        f"would make {into} unreadable ({problem.message}); nothing was written",
        Location(path, key=key or None),
        "fix that value in the file to import",
    )
