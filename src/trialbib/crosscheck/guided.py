"""A printed entry read again the way its data suggests, when the first reading disagrees.

The parser reads a printed reference without the data, by the forms styles print. Data that is
itself odd makes a correct print look odd too: family names holding full stops (``Stufflebeam
S. M.``), a six-word name, pages ``161--174 (1972)``, a journal ``Math. Scand.`` or a status
(``Advance online publication``) where APA would print a volume. The first reading then puts a
boundary in the wrong place and reports differences the print does not have. So an entry with
substantive differences is read again with the data's help:

- the author list ending at a later full stop (or at the first, however unlike names it reads);
- a value the data holds (pages, volume, issue, journal), found in the text as printed, read
  as one value (masked while the parser reads, then put back);
- the data's publication status, found in the text, set aside (it is not a field compared).

A reading is taken when it explains away differences of the first and adds none, so what is
reported is what every reading of the print has: the print is never held wrong where it can be
read as the data.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import fields, replace

from trialbib.crosscheck.compare import Difference, ListContext, compare
from trialbib.crosscheck.parse import PrintedEntry, parse_reference
from trialbib.model import Item

MAX_STOPS = 12  # author lists of odd data end within their first dozen full stops
_PLAIN = re.compile(r"[\w–-]+")  # a value that reads as one token needs no mask


def compare_guided(entry: PrintedEntry, item: Item, context: ListContext) -> list[Difference]:
    """:func:`~trialbib.crosscheck.compare.compare`, on the reading that agrees best with the data."""
    first = compare(entry, item, context)
    found = _substantive(first)
    if not found:
        return first
    best, best_rank = first, _rank(found)
    for reading in readings(entry, item):
        diffs = compare(reading, item, context)
        again = _substantive(diffs)
        # a reading of the same text must explain findings away, not trade them for others; a
        # first reading that could not read a part claims nothing about its fields
        if not (_rank(again) < best_rank and (found[_UNREADABLE] or again <= found)):
            continue
        best, best_rank = diffs, _rank(again)
        if not again:
            break
    return best


_UNREADABLE = ("unreadable", "text")


def _rank(found: Counter[tuple[str, str]]) -> tuple[int, int]:
    """Fewer unreadable parts first, then fewer findings."""
    return found[_UNREADABLE], sum(found.values())


def _substantive(diffs: list[Difference]) -> Counter[tuple[str, str]]:
    return Counter((d.kind, d.field) for d in diffs if d.substantive)


def readings(entry: PrintedEntry, item: Item) -> Iterator[PrintedEntry]:
    """Other readings of ``entry``'s text, as the data suggests (see the module's docstring)."""
    text = _without_status(entry.text, item)
    masks = _masks(text, item)
    masked = text
    for i, (shown, _) in enumerate(masks):
        masked = masked.replace(shown, _placeholder(i))
    texts = [t for t in dict.fromkeys((text, masked)) if t]
    if texts != [entry.text]:
        for candidate in texts:
            yield _read(candidate, entry, masks, None)
    stops = min(MAX_STOPS, len(re.findall(r"[.．。]", text)))
    for nth in range(stops):
        for candidate in texts:
            yield _read(candidate, entry, masks, nth)


def _without_status(text: str, item: Item) -> str:
    """The text without the data's publication status (``Advance online publication.``)."""
    status = str(item.get("status") or "").strip()
    if not status:
        return text
    return re.sub(rf"\s*{re.escape(status)}\s*[.,]?", " ", text, count=1, flags=re.IGNORECASE).strip()


def _masks(text: str, item: Item) -> list[tuple[str, str]]:
    """(printed text, data value) of each value the data holds that is printed in ``text`` and
    that the parser would not read as one token."""
    found: list[tuple[str, str]] = []
    for name in ("page", "volume", "issue", "container-title", "container-title-short"):
        value = str(item.get(name) or "").strip()
        if not value or _PLAIN.fullmatch(value):
            continue
        for form in dict.fromkeys((value, value.replace("--", "–"), re.sub(r"-+", "–", value))):
            match = re.search(re.escape(form), text, re.IGNORECASE)
            if match and not any(match.group() in shown or shown in match.group() for shown, _ in found):
                found.append((match.group(), value))
                break
    return found


def _placeholder(index: int) -> str:
    """A token every field's pattern reads (it starts with a digit, as pages do), in no text."""
    return f"0{'q' * (index + 1)}0"


def _read(text: str, entry: PrintedEntry, masks: list[tuple[str, str]], nth: int | None) -> PrintedEntry:
    reading = parse_reference(text, entry.position, entry.line, authors_stop=nth)
    changes: dict[str, object] = {"text": entry.text}
    for field in fields(reading):
        value = getattr(reading, field.name)
        if isinstance(value, str):
            changes[field.name] = _unmask(value, masks)
        elif isinstance(value, tuple):
            changes[field.name] = tuple(_unmask(v, masks) for v in value)
    changes["text"] = entry.text
    return replace(reading, **changes)  # type: ignore[arg-type]


def _unmask(value: str, masks: list[tuple[str, str]]) -> str:
    for i in reversed(range(len(masks))):  # the longest placeholder first: 0qq0 before 0q0
        value = value.replace(_placeholder(i), masks[i][0])
    return value
