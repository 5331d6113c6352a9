"""Evidence tables: trial records shown as the article shows them, with computed references.

The reference column is never stored: author-year labels come from the linked items and the
numbers from the bibliography's order, so they always agree with the reference list.
"""

from __future__ import annotations

from collections.abc import Sequence

from trialbib.model import (
    Bibliography,
    Change,
    Dose,
    Efficacy,
    Item,
    PublishedTrial,
    TrialSet,
    UnpublishedTrial,
    first_author_family,
    issued_year,
)

ARROWS = {"up": "↑", "down": "↓"}
TABLE1_HEADER = ("Diseases", "Daily dose/(Million IU)", "Clinical efficacy", "Immunological changes", "References")
TABLE2_HEADER = ("Disease", "Year", "Type", "Number", "Country")


def format_number(value: float) -> str:
    """``1.0`` -> ``1``, ``0.33`` -> ``0.33``: doses as people write them."""
    return f"{value:g}"


def format_dose(dose: Dose) -> str:
    text = "/".join(format_number(v) for v in dose.values)
    return f"{text} per m2" if dose.per_m2 else text


def format_changes(changes: Sequence[Change]) -> str:
    return ",".join(f"{c.name}{ARROWS[c.direction]}" for c in changes)


def format_efficacy(efficacy: Efficacy) -> str:
    if efficacy.state == "measured":
        return format_changes(efficacy.measures)
    return efficacy.state.capitalize()


def collapse_numbers(numbers: Sequence[int]) -> str:
    """``[1, 2]`` -> ``1,2``; ``[1, 2, 3, 5]`` -> ``1-3,5``: runs of three or more collapse."""
    nums = sorted(set(numbers))
    parts: list[str] = []
    i = 0
    while i < len(nums):
        j = i
        while j + 1 < len(nums) and nums[j + 1] == nums[j] + 1:
            j += 1
        if j - i >= 2:
            parts.append(f"{nums[i]}-{nums[j]}")
        else:
            parts.extend(str(n) for n in nums[i : j + 1])
        i = j + 1
    return ",".join(parts)


def author_label(items: Sequence[Item]) -> str:
    """``He et al. (2016, 2019)``: one label for items sharing a first author."""
    first = items[0]
    family = first_author_family(first) or "Anon"
    authors = first.get("author") or []
    truncated = bool(first.get("custom", {}).get("author-truncated"))
    if len(authors) == 2 and not truncated:
        family = f"{family} and {authors[1].get('family') or authors[1].get('literal', '')}"
    elif len(authors) > 2 or truncated:
        family = f"{family} et al."
    years = sorted({str(issued_year(i) or "n.d.") for i in items})
    return f"{family} ({', '.join(years)})"


def reference_cell(trial: PublishedTrial, bib: Bibliography, numbers: dict[str, int]) -> str:
    """The References cell: one ``Label [n,m]`` per first author, in order of first number."""
    groups: dict[str, list[Item]] = {}
    for key in trial.references:
        item = bib.by_key[key]
        groups.setdefault((first_author_family(item) or "").lower(), []).append(item)
    parts = []
    for items in sorted(groups.values(), key=lambda g: min(numbers[i["id"]] for i in g)):
        cites = collapse_numbers([numbers[i["id"]] for i in items])
        parts.append(f"{author_label(items)} [{cites}]")
    return "; ".join(parts)


def table1_rows(trials: TrialSet, bib: Bibliography, order: Sequence[str] | None = None) -> list[tuple[str, ...]]:
    """Table 1 as rows of cell text, numbers from ``order`` (default: bibliography order)."""
    numbers = {key: i + 1 for i, key in enumerate(order if order is not None else bib.keys)}
    return [
        (
            t.disease,
            format_dose(t.dose),
            format_efficacy(t.efficacy),
            format_changes(t.immunology),
            reference_cell(t, bib, numbers),
        )
        for t in trials.published
    ]


def table2_rows(trials: TrialSet) -> list[tuple[str, ...]]:
    """Table 2 as rows of cell text."""
    return [_table2_row(t) for t in trials.unpublished]


def _table2_row(t: UnpublishedTrial) -> tuple[str, ...]:
    country = ", ".join(t.countries) + (" etc." if t.more_countries else "")
    return (t.disease, str(t.year), t.design.capitalize(), str(t.patients), country)
