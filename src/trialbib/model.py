"""The words of trialbib.

Item
    A CSL-JSON item (a plain ``dict``), the one internal model. Readers produce items, writers
    consume them, and formatting, cross-checking and checks see nothing else. ``id`` is the
    citation key; ``citation-key`` repeats it so it survives a trip through Zotero.
Bibliography
    Items in file order, with where each came from and the problems met while reading.
Problem
    A finding with a code, a severity, a one-line message and a location.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from trialbib.errors import Location

Item = dict[str, Any]
Severity = Literal["error", "warning", "info"]


@dataclass(frozen=True)
class Problem:
    """One finding: what is wrong, where, and how bad."""

    code: str
    message: str
    location: Location
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.code} {self.message}"


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """An entry as written in its file: type, raw field values (strings resolved) and lines.

    Kept beside the model for checks that are about the file itself (empty or duplicate fields,
    required fields of a BibTeX type, fields an importer would drop) and for fixes in place.
    """

    entry_type: str
    fields: dict[str, str]
    field_lines: dict[str, int]
    line: int
    inherited: tuple[str, ...] = ()  # fields taken from a crossref/xdata parent (in ``fields`` too)


@dataclass
class Bibliography:
    """Items in file order, keyed by citation key, with their source locations."""

    items: list[Item] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None
    sources: dict[str, SourceEntry] = field(default_factory=dict)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    @property
    def by_key(self) -> dict[str, Item]:
        return {item["id"]: item for item in self.items}

    def get(self, key: str) -> Item | None:
        return self.by_key.get(key)

    @property
    def keys(self) -> list[str]:
        return [item["id"] for item in self.items]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]


def issued_year(item: Item) -> int | None:
    """The year an item was issued, or None when it has no usable date."""
    parts = item.get("issued", {}).get("date-parts")
    if parts and parts[0] and isinstance(parts[0][0], int):
        return int(parts[0][0])
    return None


def first_author_family(item: Item) -> str | None:
    """Family name (or literal) of the first author, the anchor of keys and labels."""
    authors = item.get("author") or []
    if not authors:
        return None
    first = authors[0]
    return first.get("family") or first.get("literal")


def truncated_authors(item: Item) -> bool:
    """True when the source list of authors ended in "and others" / "et al."."""
    return bool(item.get("custom", {}).get("author-truncated"))


Direction = Literal["up", "down"]


@dataclass(frozen=True)
class Change:
    """A measure or immune population and which way it moved (``Treg`` up, ``SLEDAI`` down)."""

    name: str
    direction: Direction


@dataclass(frozen=True)
class Dose:
    """A daily dose: one or more values (``0.3/1/3``) in ``unit``, optionally per m² of body area."""

    values: tuple[float, ...]
    unit: str = "MIU"
    per_m2: bool = False


@dataclass(frozen=True)
class Efficacy:
    """Clinical efficacy: measured changes, or a state (``not evaluated``, ``effective``)."""

    state: Literal["measured", "not evaluated", "effective"]
    measures: tuple[Change, ...] = ()


@dataclass(frozen=True)
class PublishedTrial:
    """A row of Table 1: a published trial, linked to its references by citation key."""

    row: int
    disease: str
    dose: Dose
    efficacy: Efficacy
    immunology: tuple[Change, ...]
    references: tuple[str, ...]
    label: str | None = None
    line: int | None = None
    table: int = 1


@dataclass(frozen=True)
class UnpublishedTrial:
    """A row of Table 2: a completed trial not yet published."""

    row: int
    disease: str
    year: int
    design: str
    patients: int
    countries: tuple[str, ...]
    more_countries: bool = False
    line: int | None = None
    table: int = 2


@dataclass
class TrialSet:
    """Both tables of trial records, with their titles and the file they came from."""

    published: list[PublishedTrial] = field(default_factory=list)
    unpublished: list[UnpublishedTrial] = field(default_factory=list)
    titles: dict[int, str] = field(default_factory=dict)
    source: str | None = None

    @property
    def cited_keys(self) -> list[str]:
        """Every key the records link to, once, in table order."""
        seen: dict[str, None] = {}
        for trial in self.published:
            for key in trial.references:
                seen.setdefault(key)
        return list(seen)


def collapse_numbers(numbers: Sequence[int], min_run: int = 3, dash: str = "-", delimiter: str = ",") -> str:
    """``[1, 2]`` -> ``1,2``; ``[1, 2, 3, 5]`` -> ``1-3,5``: runs of ``min_run`` or more collapse.

    One rule for in-text citations (with the style's range dash) and the evidence tables.
    """
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i + 1 >= max(min_run, 2):
            parts.append(f"{nums[i]}{dash}{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i : j + 1])
        i = j + 1
    return delimiter.join(parts)
