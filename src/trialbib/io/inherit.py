"""Data inheritance between .bib entries, as biber does it: ``crossref``, ``xdata``, ``xref``, ``@set``.

Runs on the entries' resolved (still LaTeX) fields, before they become CSL items, so that a
child carries its parent's ``booktitle``, ``year`` and ``publisher`` like any field it has
itself. The rules are biblatex's defaults (manual, appendix B): every field the child lacks is
inherited under its own name, except the ones about the parent's identity (``ids``,
``crossref``, ...); between the types below, titles move to the child's ``booktitle``,
``maintitle`` or ``journaltitle`` instead, and a book's ``author`` is also its parts' ``bookauthor``.
A classic BibTeX file (a parent ``@proceedings`` with its own ``booktitle``) gets the same
result, since a field inherited under its own name wins over a mapped one.

Parents stay entries. A missing parent or a cycle is a problem (a warning, as in biber: the
entry is read without what it would inherit) with the child's line; entries may come in any
order (biber and pandoc do not need the parent after the child).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from trialbib.errors import Location
from trialbib.model import Problem

XRF_CODE = "XRF001"

NO_INHERIT = frozenset(
    [
        "ids", "crossref", "xref", "xdata", "entryset", "entrysubtype", "execute", "label", "options",
        "presort", "related", "relatedoptions", "relatedstring", "relatedtype", "shorthand",
        "shorthandintro", "sortkey",
    ]
)  # fmt: skip
_TITLES = ("title", "subtitle", "titleaddon")
_NOT_TITLES = ("shorttitle", "sorttitle", "indextitle", "indexsorttitle")


def _titles(prefix: str) -> dict[str, str | None]:
    mapped: dict[str, str | None] = {name: prefix + name for name in _TITLES}
    mapped.update(dict.fromkeys(_NOT_TITLES))
    return mapped


_MAIN, _BOOK, _JOURNAL = _titles("main"), _titles("book"), _titles("journal")
_JOURNAL["title"], _JOURNAL["subtitle"] = "journaltitle", "journalsubtitle"
_JOURNAL.pop("titleaddon")


def _rules() -> dict[tuple[str, str], dict[str, str | None]]:
    """(parent type, child type) -> {parent field: child field, or None for not inherited}."""
    rules: dict[tuple[str, str], dict[str, str | None]] = {}

    def add(parents: tuple[str, ...], children: tuple[str, ...], mapping: dict[str, str | None]) -> None:
        for parent in parents:
            for child in children:
                rules.setdefault((parent, child), {}).update(mapping)

    add(("mvbook",), ("book", "inbook", "bookinbook", "suppbook"), _MAIN)
    in_collections = ("collection", "reference", "incollection", "inreference", "suppcollection")
    add(("mvcollection", "mvreference"), in_collections, _MAIN)
    add(("mvproceedings",), ("proceedings", "inproceedings", "conference"), _MAIN)
    add(("book",), ("inbook", "bookinbook", "suppbook"), _BOOK)
    add(("collection", "reference"), ("incollection", "inreference", "suppcollection"), _BOOK)
    add(("proceedings",), ("inproceedings", "conference"), _BOOK)
    add(("periodical",), ("article", "suppperiodical"), _JOURNAL)
    return rules


RULES = _rules()
_BOOKAUTHOR = frozenset((p, c) for p in ("mvbook", "book") for c in ("inbook", "bookinbook", "suppbook"))
_KEYS = re.compile(r"\s*,\s*")


def inherits(fields: Mapping[str, str]) -> bool:
    """Whether an entry with these fields takes fields of other entries."""
    return "crossref" in fields or "xdata" in fields or "xref" in fields


def referenced_keys(fields: Mapping[str, str]) -> set[str]:
    """The keys, in lower case, an entry with these fields inherits from, as :func:`resolve`
    looks them up (a crossref's whole value; each key of xdata and xref)."""
    names = set()
    crossref = fields.get("crossref", "").strip()
    if crossref:
        names.add(crossref.lower())
    for kind in ("xdata", "xref"):
        names.update(name.lower() for name in _KEYS.split(fields.get(kind, "").strip()) if name)
    return names


@dataclass
class RawEntry:
    """An entry as read: type, fields (strings resolved, LaTeX kept) and where each is."""

    key: str
    entry_type: str
    fields: dict[str, str]
    line: int
    field_lines: dict[str, int] = field(default_factory=dict)
    inherited: list[str] = field(default_factory=list)


def resolve(entries: list[RawEntry], source: str | None) -> list[Problem]:
    """Give every entry the fields it inherits (in place); the problems met, one per reference."""
    by_key = {entry.key: entry for entry in entries}
    by_lower = {key.lower(): entry for key, entry in by_key.items()}
    problems: list[Problem] = []
    done: set[str] = set()

    def find(name: str) -> RawEntry | None:
        return by_key.get(name) or by_lower.get(name.lower())

    def where(entry: RawEntry, name: str) -> Location:
        return Location(source, entry.field_lines.get(name, entry.line), key=entry.key)

    def visit(entry: RawEntry, path: tuple[str, ...]) -> None:
        if entry.key in done:
            return
        if entry.key in path:
            cycle = " -> ".join((*path[path.index(entry.key) :], entry.key))
            message = f"crossref/xdata cycle {cycle}; remove one of the references"
            problems.append(Problem(XRF_CODE, message, where(entry, "crossref"), "warning"))
            return
        for name in _xdata_keys(entry):
            parent = find(name)
            if parent is None:
                problems.append(_missing(entry, "xdata", name, where(entry, "xdata")))
                continue
            visit(parent, (*path, entry.key))
            for fname, value in parent.fields.items():
                if fname not in NO_INHERIT and fname not in entry.fields:
                    entry.fields[fname] = value
                    entry.inherited.append(fname)
        parent_key = entry.fields.get("crossref", "").strip()
        if parent_key:
            parent = find(parent_key)
            if parent is None:
                problems.append(_missing(entry, "crossref", parent_key, where(entry, "crossref")))
            elif parent is entry:
                message = "entry names itself as its crossref; remove it"
                problems.append(Problem(XRF_CODE, message, where(entry, "crossref"), "warning"))
            else:
                visit(parent, (*path, entry.key))
                _inherit(parent, entry)
        problems.extend(_missing_xrefs(entry, find, where))
        done.add(entry.key)

    for entry in entries:
        if inherits(entry.fields):
            visit(entry, ())
    return problems


def _missing_xrefs(
    entry: RawEntry, find: Callable[[str], RawEntry | None], where: Callable[[RawEntry, str], Location]
) -> list[Problem]:
    """A problem for each key of ``xref`` that names no entry."""
    return [
        _missing(entry, "xref", name, where(entry, "xref"))
        for name in _KEYS.split(entry.fields.get("xref", "").strip())
        if name and find(name) is None
    ]


def _xdata_keys(entry: RawEntry) -> list[str]:
    return [name for name in _KEYS.split(entry.fields.get("xdata", "").strip()) if name]


def _missing(entry: RawEntry, kind: str, name: str, location: Location) -> Problem:
    message = f"{kind} {name!r} names no entry in this file; add that entry or remove the {kind}"
    return Problem(XRF_CODE, message, location, "warning")


def _inherit(parent: RawEntry, child: RawEntry) -> None:
    """Copy what ``child`` lacks from ``parent``: same-named fields first, then the type's mappings."""
    pair = (parent.entry_type, child.entry_type)
    mapping = RULES.get(pair, {})
    for name, value in parent.fields.items():
        if name in NO_INHERIT or name in mapping or name in child.fields:
            continue
        child.fields[name] = value
        child.inherited.append(name)
    for name, target in mapping.items():
        if target is not None and name in parent.fields and target not in child.fields:
            child.fields[target] = parent.fields[name]
            child.inherited.append(target)
    if pair in _BOOKAUTHOR and "author" in parent.fields and "bookauthor" not in child.fields:
        child.fields["bookauthor"] = parent.fields["author"]
        child.inherited.append("bookauthor")
