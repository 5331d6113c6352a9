"""What a rule sees: the loaded data, with helpers for locations and what is cited."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from trialbib.errors import Location
from trialbib.io.manuscript import Manuscript
from trialbib.model import Bibliography, Item, Problem, SourceEntry, TrialSet
from trialbib.render.styles import DEFAULT_STYLE


@dataclass
class Context:
    """The inputs of one run. Any of them may be absent; a rule that needs one skips without it.

    ``expected`` is a committed reference list (``[n] text`` lines) with the style it was
    rendered in, for the drift rule; ``printed`` a printed list for the cross-check.
    """

    bib: Bibliography | None = None
    bib_text: str | None = None
    trials: TrialSet | None = None
    manuscripts: list[Manuscript] = field(default_factory=list)
    expected: str | None = None
    printed: str | None = None
    style: str = DEFAULT_STYLE
    settings: dict[str, Any] = field(default_factory=dict)
    _lines: tuple[str, list[str]] | None = field(default=None, repr=False, compare=False)

    @property
    def source(self) -> str | None:
        return self.bib.source if self.bib else None

    def entries(self) -> Iterator[tuple[Item, SourceEntry]]:
        """Each item with its source form, in file order."""
        if self.bib is None:
            return
        for item in self.bib.items:
            source = self.bib.sources.get(item["id"])
            if source is not None:
                yield item, source

    def at_entry(self, key: str) -> Location:
        """The location of an entry's first line, at its ``@``."""
        if self.bib and key in self.bib.locations:
            loc = self.bib.locations[key]
            if loc.column is None and loc.line is not None:
                column = self.column(loc.line, re.compile(r"@"))
                return replace(loc, column=column) if column else loc
            return loc
        return Location(self.source, key=key)

    def at_field(self, key: str, name: str) -> Location:
        """The location of a field: its line and the column of its name, else of its entry."""
        source = self.bib.sources.get(key) if self.bib else None
        if source is not None and name in source.field_lines:
            line = source.field_lines[name]
            entry = self.bib.locations.get(key) if self.bib else None
            file = entry.file if entry else self.source
            pattern = re.compile(rf"(?<![\w-]){re.escape(name)}\s*=", re.IGNORECASE)
            column = self.column(line, pattern) if file == self.source else None  # bib_text is the first file's
            return Location(file, line, column, key=key)
        return self.at_entry(key)

    def column(self, line: int, pattern: re.Pattern[str]) -> int | None:
        """1-based column of ``pattern`` on ``line`` of the .bib text, None if it is not there."""
        text = self.bib_text or ""
        if self._lines is None or self._lines[0] is not text:
            self._lines = (text, text.split("\n"))
        lines = self._lines[1]
        if not 0 < line <= len(lines):
            return None
        match = pattern.search(lines[line - 1])
        return match.start() + 1 if match else None

    def reader_problems(self, code: str) -> Iterator[Problem]:
        """The problems the BibTeX reader met with ``code``."""
        if self.bib is not None:
            yield from (p for p in self.bib.problems if p.code == code)

    @property
    def has_manuscripts(self) -> bool:
        return bool(self.manuscripts)

    def list_keys(self) -> list[str]:
        """The numbered list's keys, as ``trialbib render --manuscript --all`` numbers it: by first
        key citation across the manuscripts, then ``nocite``, then the rest in the bibliography's
        order (so a manuscript citing only numbers maps them through the bibliography's order)."""
        from trialbib.manuscript.order import order_from_manuscripts

        order = self.bib.keys if self.bib else []
        scanned = [m.scanned for m in self.manuscripts if m.scanned is not None]
        return order_from_manuscripts(scanned, order, include_all=True).keys

    def cited_keys(self) -> set[str]:
        """Keys cited anywhere: manuscripts (numbers mapped through :meth:`list_keys`) and trial records."""
        keys: set[str] = set()
        order = self.list_keys()
        for manuscript in self.manuscripts:
            if manuscript.cites_all:
                keys.update(order)
            keys.update(manuscript.keys)
            keys.update(manuscript.nocite)
            keys.update(order[n - 1] for n in manuscript.numbers if 0 < n <= len(order))
        if self.trials is not None:
            keys.update(self.trials.cited_keys)
        return keys


def problem(message: str, location: Location) -> Problem:
    """A problem before the engine attaches the rule's code and severity."""
    return Problem("", message, location)
