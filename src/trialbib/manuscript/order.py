"""The reference list a set of manuscripts asks for: which entries, in which order.

A numeric list (GB/T 7714 顺序编码制, Vancouver) is numbered by first citation across the
manuscripts in the order given; ``nocite`` entries follow the cited ones, then (``nocite{*}``,
``@*``, ``--all``) the rest of the bibliography in file order. Author-date styles sort the same
selection themselves, so only the selection matters to them.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field

from trialbib.errors import Location
from trialbib.io.citations import ScannedManuscript
from trialbib.io.manuscript import scan_file


@dataclass(frozen=True)
class Missing:
    """A cited key the bibliography does not define, where it is first cited."""

    key: str
    location: Location

    def __str__(self) -> str:
        return f"{self.location}: cites {self.key!r}, which the bibliography does not define"


@dataclass
class ListOrder:
    """The keys of the list in order, and the cited keys the bibliography lacks."""

    keys: list[str] = field(default_factory=list)
    missing: list[Missing] = field(default_factory=list)


def read_manuscript(path: str | os.PathLike[str]) -> ScannedManuscript:
    """Scan a manuscript file: ``.docx`` as Word markers, ``.tex`` as LaTeX, else pandoc Markdown."""
    return scan_file(path)


def order_from_manuscripts(
    manuscripts: Sequence[ScannedManuscript], bib_keys: Sequence[str], *, include_all: bool = False
) -> ListOrder:
    """The list's keys: cited in order of first citation, then ``nocite``, then (if asked) the rest."""
    defined = set(bib_keys)
    order: dict[str, None] = {}
    missing: dict[str, Missing] = {}
    everything = include_all
    for manuscript in manuscripts:
        for group in manuscript.in_reading_order():
            if group.nocite:
                continue
            for key in group.keys:
                if key in defined:
                    order.setdefault(key)
                elif key not in missing:
                    missing[key] = Missing(key, Location(manuscript.source, group.line or None, group.column or None))
    for manuscript in manuscripts:
        everything = everything or manuscript.cites_all
        for key in manuscript.nocite:
            if key in defined:
                order.setdefault(key)
            elif key not in missing:
                missing[key] = Missing(key, Location(manuscript.source))
    if everything:
        for key in bib_keys:
            order.setdefault(key)
    return ListOrder(list(order), list(missing.values()))
