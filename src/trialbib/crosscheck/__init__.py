"""Cross-check a printed reference list against the bibliography, entry by entry, field by field.

The pipeline reads from the module names: ``parse`` (printed text to fields) -> ``align``
(printed entries to items) -> ``compare`` (each difference, classified once; ``guided`` reads
an entry again the way its data suggests when the first reading disagrees) -> ``report``.
Only CSL-JSON items and the printed text are seen here; ``style`` regenerates entries through
``trialbib.render.engine`` so a report can show them beside the printed ones.

    >>> report = crosscheck(open("article/reference-list.txt").read(), bib)  # doctest: +SKIP
    >>> report.summary()  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from trialbib.crosscheck.align import Alignment, Pair, align, letters_and_digits
from trialbib.crosscheck.align import out_of_order as order_against
from trialbib.crosscheck.compare import KINDS, Difference, Kind, list_context
from trialbib.crosscheck.guided import compare_guided
from trialbib.crosscheck.parse import PrintedEntry, parse_entries, parse_list, parse_reference
from trialbib.crosscheck.report import EntryResult, Report, format_json, format_markdown, format_text
from trialbib.errors import Location
from trialbib.io.manuscript import Manuscript
from trialbib.model import Bibliography, Item, Problem, first_author_family, issued_year

__all__ = [
    "KINDS",
    "Alignment",
    "Difference",
    "EntryResult",
    "Kind",
    "PrintedEntry",
    "Report",
    "crosscheck",
    "crosscheck_problems",
    "format_json",
    "format_markdown",
    "format_text",
    "parse_list",
    "parse_reference",
]

Printed = str | Sequence[str] | Sequence[PrintedEntry]


def _entries(printed: Printed) -> list[PrintedEntry]:
    if isinstance(printed, str):
        return parse_list(printed)
    items = list(printed)
    if all(isinstance(p, PrintedEntry) for p in items):
        return items  # type: ignore[return-value]
    return parse_entries(str(p) for p in items)


def crosscheck(
    printed: Printed,
    bib: Bibliography,
    *,
    style: str | None = None,
    source: str | None = None,
    manuscript: Manuscript | None = None,
) -> Report:
    """Compare a printed list (text, one string per entry, or parsed entries) with ``bib``.

    With a ``manuscript``, the printed order is checked against the order in which the
    manuscript first cites the references (keys, or numbers of the printed list), not against
    the bibliography's order.
    """
    from trialbib.io.latex import plain_item

    entries = _entries(printed)
    items = [plain_item(item) for item in bib.items]  # a printed list has no markup to compare
    alignment = align(entries, items)
    rank = _citation_rank(manuscript, alignment, items) if manuscript is not None else None
    if rank is not None:
        alignment = replace(alignment, out_of_order=order_against(alignment.pairs, rank))
    if entries and all(e.form == "apa" for e in entries):  # author-date: ordered by author, not by number
        alignment = replace(alignment, out_of_order=[])
    pairs = [(p.printed, items[p.index]) for p in alignment.pairs]
    context = list_context(pairs, entries)
    regenerated: dict[str, str] = {}
    if style:
        from trialbib.render.engine import render_bibliography

        regenerated = {e.key: e.text for e in render_bibliography(bib.items, style)}
    out_of_order = {p.printed.position: p for p in alignment.out_of_order}
    by_position = {p.printed.position: p for p in alignment.pairs}
    results: list[EntryResult] = []
    printed_as = {letters_and_digits(items[p.index].get("title")): p.printed.label for p in alignment.pairs}
    for entry in entries:
        pair = by_position.get(entry.position)
        if pair is None:
            kind = "unreadable" if entry.unread else "unmatched"
            why = "could not read this part, and no entry matches" if entry.unread else "no bibliography entry matches"
            if letters_and_digits(entry.title) in printed_as:
                why = f"the same reference as {printed_as[letters_and_digits(entry.title)]}, printed twice"
            diff = Difference(kind, "entry", entry.unread or entry.text, None, why, entry.label, None, entry.line)
            results.append(EntryResult(entry.label, None, entry.text, (diff,), line=entry.line))
            continue
        item = items[pair.index]
        diffs = compare_guided(entry, item, context)
        if entry.position in out_of_order:
            diffs = [_order(entry, pair, item, alignment.pairs, rank), *diffs]
        results.append(
            EntryResult(entry.label, item["id"], entry.text, tuple(diffs), regenerated.get(item["id"]), entry.line)
        )
    for index in alignment.missing:
        item = items[index]
        what = f"{first_author_family(item) or 'anon'} {issued_year(item) or ''}: {item.get('title', '')}".strip()
        label = f"(bib {index + 1})"
        diff = Difference("missing-entry", "entry", None, what, "not in the printed list", label, item["id"])
        results.append(EntryResult(label, item["id"], None, (diff,), regenerated.get(item["id"])))
    return Report(tuple(results), len(entries), len(items), len(alignment.pairs), source)


def _order(entry: PrintedEntry, pair: Pair, item: Item, pairs: list[Pair], rank: dict[int, int] | None) -> Difference:
    """The order finding of an entry: where it is printed and where it belongs, never the same.

    When the entry sits at its own number, it is out of order only against entries printed
    before it that belong after it; those are named instead ("before [1], [2]").
    """
    place = (lambda p: rank.get(p.index, -1)) if rank is not None else (lambda p: p.index)
    whose = "the manuscript's order of first citation" if rank is not None else "the bibliography's order"
    expected = place(pair) + 1
    if expected != entry.position:
        where = f"printed as entry {entry.position} of the list; in {whose} it is {expected}"
        shown = str(expected)
    else:
        later = [p.printed.label for p in pairs if p.printed.position < entry.position and place(p) > place(pair)]
        shown = f"before {', '.join(later)}"
        where = (
            f"printed as entry {entry.position} of the list, after {', '.join(later)}, which come after it in {whose}"
        )
    return Difference("order", "position", str(entry.position), shown, where, entry.label, item["id"], entry.line)


def _citation_rank(manuscript: Manuscript, alignment: Alignment, items: list[Item]) -> dict[int, int]:
    """Item index -> its place in the manuscript's order of first citation (cited items only).

    A key names an item; a number names the printed entry with that number, hence its item.
    """
    index_of_key = {item["id"]: i for i, item in enumerate(items)}
    index_of_number = {p.printed.number: p.index for p in alignment.pairs if p.printed.number is not None}
    order: list[int] = []
    for citation in manuscript.citations:
        by_key = citation.key is not None
        index = index_of_key.get(citation.key or "") if by_key else index_of_number.get(citation.number or 0)
        if index is not None and index not in order:
            order.append(index)
    return {index: place for place, index in enumerate(order)}


def crosscheck_problems(printed: Printed, bib: Bibliography, *, source: str | None = None) -> list[Problem]:
    """The findings as Problems (codes DRF001-DRF012) for the ``check`` linter to wrap.

    Substantive differences are errors, updates and typography warnings; the location is the
    printed file and the line of the entry, with the citation key when the entry was matched.
    """
    report = crosscheck(printed, bib, source=source)
    problems = []
    for d in report.differences:
        severity = KINDS[d.kind].severity
        shown = f"printed {d.printed!r}" if d.printed is not None else "not printed"
        expected = f", expected {d.expected!r}" if d.expected is not None else ""
        message = f"{d.label} {d.kind} {d.field}: {shown}{expected} ({d.message})"
        problems.append(Problem(d.code, message, Location(file=source, line=d.line, key=d.key), severity))
    return problems
