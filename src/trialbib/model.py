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

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Self, SupportsIndex

from trialbib.errors import InputError, Location

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


class Items(list[Item]):
    """A list of items that counts its changes, so that :attr:`Bibliography.by_key` is rebuilt
    only after one (a list cannot tell anyone it changed). Changing an item's ``id`` in place
    is not a change of the list: replace the item instead."""

    changes = 0

    def _changed(self) -> None:
        self.changes += 1

    def __setitem__(self, index: Any, value: Any) -> None:
        super().__setitem__(index, value)
        self._changed()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._changed()

    def __iadd__(self, other: Iterable[Item]) -> Self:  # type: ignore[override,misc]  # as list.__iadd__
        super().__iadd__(other)
        self._changed()
        return self

    def __imul__(self, n: SupportsIndex) -> Self:
        super().__imul__(n)
        self._changed()
        return self

    def append(self, item: Item) -> None:
        super().append(item)
        self._changed()

    def extend(self, items: Any) -> None:
        super().extend(items)
        self._changed()

    def insert(self, index: Any, item: Item) -> None:
        super().insert(index, item)
        self._changed()

    def pop(self, index: Any = -1) -> Item:
        item = super().pop(index)
        self._changed()
        return item

    def remove(self, item: Item) -> None:
        super().remove(item)
        self._changed()

    def clear(self) -> None:
        super().clear()
        self._changed()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        super().sort(*args, **kwargs)
        self._changed()

    def reverse(self) -> None:
        super().reverse()
        self._changed()


@dataclass
class Bibliography:
    """Items in file order, keyed by citation key, with their source locations.

    ``items`` is always an :class:`Items` list (a plain list given is copied into one), so the
    key index behind ``by_key``, ``in`` and ``get`` is built once and rebuilt after a change.
    """

    items: list[Item] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None
    sources: dict[str, SourceEntry] = field(default_factory=dict)

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "items":
            value = value if isinstance(value, Items) else Items(value)
            object.__setattr__(self, "_index", None)
        object.__setattr__(self, name, value)

    def __iter__(self) -> Iterator[Item]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __contains__(self, key: object) -> bool:
        return key in self.by_key

    @property
    def by_key(self) -> dict[str, Item]:
        """Items by citation key (the last of a duplicated key wins); do not change the dict."""
        items = self.items
        stamp = (id(items), items.changes) if isinstance(items, Items) else None
        index: tuple[Any, dict[str, Item]] | None = self.__dict__.get("_index")
        if index is None or stamp is None or index[0] != stamp:
            index = (stamp, {item["id"]: item for item in items})
            object.__setattr__(self, "_index", index)
        return index[1]

    def get(self, key: str) -> Item | None:
        return self.by_key.get(key)

    @property
    def keys(self) -> list[str]:
        return [item["id"] for item in self.items]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def raise_first(self, *, warnings: bool = False) -> None:
        """Raise the first error-level problem (with ``warnings``, the first problem of any level) as
        an InputError; an empty bibliography is one too."""
        found = self.problems if warnings else self.errors
        if found:
            problem = found[0]
            more = len(found) - 1
            suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
            raise InputError(f"{problem.message}{suffix}", problem.location)
        if not self.items:
            raise InputError("holds no entries", Location(self.source), "add @article{key, ...} entries")


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
    name: str | None = first.get("family") or first.get("literal")
    return name


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
