"""Pairing printed references with bibliography items: by number first, then by likeness.

A printed ``[n]`` is taken to be the data's n-th item when the two look alike (title, first
author, year); otherwise, and for unnumbered lists, each printed entry goes to the most alike
item still free, if it is alike enough. Entries left over on either side are reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from trialbib.crosscheck.parse import PrintedEntry
from trialbib.model import Item, first_author_family, issued_year

NUMBER_MATCH = 0.6
FUZZY_MATCH = 0.5


@dataclass(frozen=True)
class Pair:
    """A printed entry and the item it was aligned with (index into the bibliography's items)."""

    printed: PrintedEntry
    index: int
    score: float


@dataclass(frozen=True)
class Alignment:
    """Pairs in printed order, printed entries with no item, and items no entry printed."""

    pairs: list[Pair]
    unmatched: list[PrintedEntry]
    missing: list[int]
    out_of_order: list[Pair]


def letters_and_digits(text: str | None) -> str:
    """Lower case, accents and punctuation dropped: what is left when typography is ignored."""
    text = unicodedata.normalize("NFKD", text or "")
    # a dotless ı is i once case is ignored: "AKSIN" is "Aksın" (Turkish capitals)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("ı", "i")
    return re.sub(r"[\W_]+", "", text)


def likeness(entry: PrintedEntry, item: Item) -> float:
    """0..1: how alike a printed entry and an item are on title, first author and year.

    The same DOI is a match outright; a title found whole in an entry the parser could not
    split (an author-year style, say) counts as the same title.
    """
    doi = item.get("DOI")
    if entry.doi and doi and entry.doi.casefold() == doi.casefold():
        return 1.0
    want = letters_and_digits(item.get("title"))
    if len(want) > 12 and want in letters_and_digits(entry.text):
        title = 1.0
    else:
        matcher = SequenceMatcher(None, letters_and_digits(entry.title or entry.text), want, autojunk=False)
        title = matcher.quick_ratio()  # an upper bound, cheap: long lists compare every pair
        if 0.7 * title + 0.3 >= FUZZY_MATCH:
            title = matcher.ratio()
    family = letters_and_digits(first_author_family(item))
    first = letters_and_digits(entry.authors[0]) if entry.authors else ""
    author = 1.0 if family and first.startswith(family) else 0.0
    year = issued_year(item)
    same_year = 1.0 if year is not None and entry.year == str(year) else 0.0
    return 0.7 * title + 0.2 * author + 0.1 * same_year


def align(entries: list[PrintedEntry], items: list[Item]) -> Alignment:
    """Pair printed entries with items; see the module docstring for the rule."""
    taken: dict[int, Pair] = {}
    pending: list[PrintedEntry] = []
    for entry in entries:
        n = entry.number
        if n is not None and 1 <= n <= len(items) and n - 1 not in taken:
            score = likeness(entry, items[n - 1])
            if score >= NUMBER_MATCH:
                taken[n - 1] = Pair(entry, n - 1, score)
                continue
        pending.append(entry)
    pending = _same_titles(pending, items, taken)
    candidates = sorted(
        ((likeness(e, item), -e.position, i, e) for e in pending for i, item in enumerate(items) if i not in taken),
        key=lambda c: (c[0], c[1], _details(c[3], items[c[2]])),
        reverse=True,
    )
    placed: set[int] = set()
    for score, _, i, entry in candidates:
        if score < FUZZY_MATCH:
            break
        if i in taken or entry.position in placed:
            continue
        taken[i] = Pair(entry, i, score)
        placed.add(entry.position)
    pairs = sorted(taken.values(), key=lambda p: p.printed.position)
    unmatched = [e for e in pending if e.position not in placed]
    missing = [i for i in range(len(items)) if i not in taken]
    return Alignment(pairs, unmatched, missing, out_of_order(pairs))


def _details(entry: PrintedEntry, item: Item) -> int:
    """How many of journal, volume, pages and DOI agree: tells apart two items of one title
    (a preprint and its journal version)."""
    pairs = [
        (entry.container, item.get("container-title")),
        (entry.volume, item.get("volume")),
        (entry.pages, item.get("page")),
        (entry.doi, item.get("DOI")),
    ]
    return sum(1 for got, want in pairs if got and letters_and_digits(str(got)) == letters_and_digits(str(want)))


def _same_titles(pending: list[PrintedEntry], items: list[Item], taken: dict[int, Pair]) -> list[PrintedEntry]:
    """Pair entries whose title is an item's title, letter for letter; return the others."""
    by_title: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        if i not in taken and letters_and_digits(item.get("title")):
            by_title.setdefault(letters_and_digits(item.get("title")), []).append(i)
    rest = []
    for entry in pending:
        free = [i for i in by_title.get(letters_and_digits(entry.title), []) if i not in taken]
        scored = sorted((-likeness(entry, items[i]), -_details(entry, items[i]), i) for i in free)
        if scored and -scored[0][0] >= NUMBER_MATCH:
            taken[scored[0][2]] = Pair(entry, scored[0][2], -scored[0][0])
        else:
            rest.append(entry)
    return rest


def out_of_order(pairs: list[Pair], rank: dict[int, int] | None = None) -> list[Pair]:
    """Pairs outside the longest run that keeps the expected order (one per swap, not a cascade).

    The expected order is the data's (``rank`` None) or ``rank``: item index -> place, e.g. the
    order of first citation in a manuscript; pairs without a rank are not judged.
    """
    if rank is not None:
        judged = [p for p in pairs if p.index in rank]
        return _out_of_order(judged, lambda p: rank[p.index])
    return _out_of_order(pairs, lambda p: p.index)


def _out_of_order(pairs: list[Pair], place: Callable[[Pair], int] = lambda p: p.index) -> list[Pair]:
    """Pairs outside the longest run that keeps the order ``place`` gives.

    Among runs of the same length, the one that keeps more entries at their own number wins,
    so the entry reported is one that is out of place ([1, 4, 3] of four: 4, not 3).
    """
    if not pairs:
        return []
    exact = [int(place(p) + 1 == p.printed.position) for p in pairs]
    best: list[tuple[int, int]] = [(1, exact[j]) for j in range(len(pairs))]
    back: list[int] = [-1] * len(pairs)
    for j in range(len(pairs)):
        for i in range(j):
            score = (best[i][0] + 1, best[i][1] + exact[j])
            if place(pairs[i]) < place(pairs[j]) and score > best[j]:
                best[j], back[j] = score, i
    end = max(range(len(pairs)), key=lambda k: (best[k], -k))
    keep: set[int] = set()
    while end >= 0:
        keep.add(end)
        end = back[end]
    return [p for k, p in enumerate(pairs) if k not in keep]
