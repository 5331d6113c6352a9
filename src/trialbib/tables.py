"""Evidence tables: trial records shown as the article shows them, with computed references.

The reference column is never stored: author-year labels come from the linked items and the
numbers from the reference list's order, so they always agree with the list. A record may keep
the label the article prints (``label``); :func:`check_tables` says where it disagrees with the
references behind it.

Numbers: two consecutive numbers are listed (``[1,2]``, ``[19,20]``, as the article prints them
and as CSL collapses citation numbers); runs of three or more collapse (``[1-3]``). Pass
``min_run=2`` for the GB/T 7714-2015 §10.1.2 form (``[1-2]``, ``[19-20]``).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from trialbib.errors import Location, UsageError
from trialbib.escape import csv_cell, html_text, json_text, terminal
from trialbib.model import (
    Bibliography,
    Change,
    Dose,
    Efficacy,
    Item,
    Problem,
    PublishedTrial,
    TrialSet,
    UnpublishedTrial,
    collapse_numbers,
    first_author_family,
    issued_year,
    truncated_authors,
)

ARROWS = {"up": "↑", "down": "↓"}
TABLE1_HEADER = ("Diseases", "Daily dose/(Million IU)", "Clinical efficacy", "Immunological changes", "References")
TABLE2_HEADER = ("Disease", "Year", "Type", "Number", "Country")
TableFormat = Literal["text", "markdown", "html", "csv", "latex", "json"]
FORMATS: tuple[str, ...] = ("text", "markdown", "html", "csv", "latex", "json")


# -- cells -------------------------------------------------------------------------------------


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


def author_names(items: Sequence[Item]) -> str:
    """The author part of a label: ``He et al.``, ``Shao and Gao``, ``Castela``."""
    first = items[0]
    family = first_author_family(first) or "Anon"
    authors = first.get("author") or []
    if len(authors) > 2 or truncated_authors(first):
        return f"{family} et al."
    if len(authors) == 2:
        return f"{family} and {authors[1].get('family') or authors[1].get('literal', '')}"
    return family


def author_label(items: Sequence[Item]) -> str:
    """``He et al. (2016, 2019)``: one label for items sharing a first author."""
    years = sorted({str(issued_year(i) or "n.d.") for i in items})
    return f"{author_names(items)} ({', '.join(years)})"


def _group_by_first_author(items: Iterable[Item]) -> dict[str, list[Item]]:
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(_name_form(first_author_family(item) or ""), []).append(item)
    return groups


def reference_cell(
    trial: PublishedTrial, bib: Bibliography, numbers: dict[str, int], min_run: int = 3, source: str | None = None
) -> str:
    """The References cell: one ``Label [n,m]`` per first author, in order of first number."""
    by_key = bib.by_key
    for key in trial.references:
        if key not in by_key:
            raise UsageError(f"{_record(trial)} cites unknown key {key!r}", Location(source, trial.line, key=key))
        if key not in numbers:
            raise UsageError(
                f"{_record(trial)} cites {key!r}, which is not in the reference list",
                Location(source, trial.line, key=key),
                "render the list with this reference or fix the key",
            )
    groups = _group_by_first_author(by_key[key] for key in trial.references)
    parts = []
    for items in sorted(groups.values(), key=lambda g: min(numbers[i["id"]] for i in g)):
        cites = collapse_numbers([numbers[i["id"]] for i in items], min_run)
        parts.append(f"{author_label(items)} [{cites}]")
    return "; ".join(parts)


def numbers_for(bib: Bibliography, order: Sequence[str] | None = None) -> dict[str, int]:
    """Key -> number in the reference list: position in ``order`` (default: bibliography order)."""
    return {key: i + 1 for i, key in enumerate(order if order is not None else bib.keys)}


# -- tables ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Table:
    """A rendered table: its number, title, column headers and rows of cell text."""

    number: int
    title: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def table1_rows(
    trials: TrialSet, bib: Bibliography, order: Sequence[str] | None = None, min_run: int = 3
) -> list[tuple[str, ...]]:
    """Table 1 as rows of cell text, numbers from ``order`` (default: bibliography order)."""
    numbers = numbers_for(bib, order)
    return [
        (
            t.disease,
            format_dose(t.dose),
            format_efficacy(t.efficacy),
            format_changes(t.immunology),
            reference_cell(t, bib, numbers, min_run, trials.source),
        )
        for t in trials.published
    ]


def table2_rows(trials: TrialSet) -> list[tuple[str, ...]]:
    """Table 2 as rows of cell text."""
    return [_table2_row(t) for t in trials.unpublished]


def _table2_row(t: UnpublishedTrial) -> tuple[str, ...]:
    country = ", ".join(t.countries) + (" etc." if t.more_countries else "")
    return (t.disease, str(t.year), t.design.capitalize(), str(t.patients), country)


def build_tables(
    trials: TrialSet,
    bib: Bibliography,
    order: Sequence[str] | None = None,
    *,
    tables: Sequence[int] = (1, 2),
    min_run: int = 3,
) -> list[Table]:
    """Table 1 and/or Table 2 as the article shows them; ``order`` is the reference list's key order."""
    result = []
    if 1 in tables:
        rows = table1_rows(trials, bib, order, min_run)
        result.append(Table(1, trials.titles.get(1, ""), TABLE1_HEADER, tuple(rows)))
    if 2 in tables:
        result.append(Table(2, trials.titles.get(2, ""), TABLE2_HEADER, tuple(table2_rows(trials))))
    return result


def caption(table: Table) -> str:
    return f"Table {table.number}. {table.title}" if table.title else f"Table {table.number}"


def format_tables(tables: Sequence[Table], fmt: str = "text") -> str:
    """The tables as text, Markdown, HTML, CSV, LaTeX or JSON (one string, ending in a newline)."""
    writers = {
        "text": _text,
        "markdown": _markdown,
        "html": _html,
        "csv": _csv,
        "latex": _latex,
    }
    if fmt == "json":
        data = [{"number": t.number, "title": t.title, "header": t.header, "rows": t.rows} for t in tables]
        return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"
    if fmt not in writers:
        raise UsageError(f"unknown table format {fmt!r}", None, f"use one of {', '.join(FORMATS)}")
    if fmt == "csv" and len(tables) == 1:
        return _csv(tables[0], captioned=False)  # one table: plain CSV, header first, for spreadsheets
    return "\n".join(writers[fmt](t) for t in tables)


def _text(table: Table) -> str:
    table = dataclasses.replace(
        table,
        title=_text_cell(table.title),
        header=tuple(_text_cell(c) for c in table.header),
        rows=tuple(tuple(_text_cell(c) for c in row) for row in table.rows),
    )
    widths = [max(len(r[i]) for r in (table.header, *table.rows)) for i in range(len(table.header))]
    lines = [caption(table), ""]
    for row in (table.header, *table.rows):
        lines.append("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
        if row is table.header:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _text_cell(text: str) -> str:
    return terminal(" ".join(text.splitlines()))


def _md_cell(text: str) -> str:
    from trialbib.escape import markdown

    return markdown(text)


def _markdown(table: Table) -> str:
    lines = [f"**{_md_cell(caption(table))}**", ""]
    lines.append("| " + " | ".join(_md_cell(c) for c in table.header) + " |")
    lines.append("|" + "|".join("---" for _ in table.header) + "|")
    lines += ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in table.rows]
    return "\n".join(lines) + "\n"


def _html(table: Table) -> str:
    def esc(text: str) -> str:
        return html_text(text, quote=True)

    lines = ["<table>", f"  <caption>{esc(caption(table))}</caption>", "  <thead>"]
    lines.append("    <tr>" + "".join(f"<th>{esc(c)}</th>" for c in table.header) + "</tr>")
    lines += ["  </thead>", "  <tbody>"]
    lines += ["    <tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in table.rows]
    lines += ["  </tbody>", "</table>"]
    return "\n".join(lines) + "\n"


def _csv(table: Table, captioned: bool = True) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    if captioned:  # several tables in one file: a caption row before each
        writer.writerow([csv_cell(caption(table))])
    writer.writerow([csv_cell(c) for c in table.header])
    writer.writerows([csv_cell(c) for c in row] for row in table.rows)
    return buffer.getvalue()


def _tex(text: str) -> str:
    from trialbib.escape import latex

    return latex(text).replace("↑", r"$\uparrow$").replace("↓", r"$\downarrow$")


def _latex(table: Table) -> str:
    lines = [
        r"\begin{table}",
        rf"  \caption{{{_tex(table.title or f'Table {table.number}')}}}",
        rf"  \label{{tab:trials{table.number}}}",
        rf"  \begin{{tabular}}{{{'l' * len(table.header)}}}",
        r"    \hline",
        "    " + " & ".join(_tex(c) for c in table.header) + r" \\",
        r"    \hline",
    ]
    lines += ["    " + " & ".join(_tex(c) for c in row) + r" \\" for row in table.rows]
    lines += [r"    \hline", r"  \end{tabular}", r"\end{table}"]
    return "\n".join(lines) + "\n"


# -- query -------------------------------------------------------------------------------------


def filter_trials(
    trials: TrialSet,
    *,
    disease: str | None = None,
    population: str | None = None,
    direction: str | None = None,
    dose_min: float | None = None,
    dose_max: float | None = None,
    table: int | None = None,
    key: str | None = None,
) -> TrialSet:
    """The records that match every filter given, as a TrialSet (rows keep their numbers).

    ``disease``: whole words, any case (``RA`` finds "RA" and "... such as RA", not "areata").
    ``population``: an immune population's exact name, any case; ``direction`` (up/down) is the
    way it moved, or with no population the way any immunological change moved. ``dose_min`` and
    ``dose_max``: some dose the trial gave lies in the range (values as stored, per m2 or not).
    ``key``: the record cites this citation key. Filters on what Table 2 records lack
    (population, direction, dose, key) leave only Table 1 records.
    """
    if direction is not None and direction not in ARROWS:
        raise UsageError(f"unknown direction {direction!r}", None, "use up or down")
    if table is not None and table not in (1, 2):
        raise UsageError(f"there is no table {table}", None, "use 1 or 2")
    words = re.compile(rf"(?<!\w){re.escape(disease.strip())}(?!\w)", re.IGNORECASE) if disease else None
    only_published = any(v is not None for v in (population, direction, dose_min, dose_max, key))

    def published_ok(t: PublishedTrial) -> bool:
        changes = [c for c in t.immunology if population is None or c.name.casefold() == population.casefold()]
        if (population is not None or direction is not None) and not any(
            direction is None or c.direction == direction for c in changes
        ):
            return False
        if dose_min is not None or dose_max is not None:
            low = dose_min if dose_min is not None else float("-inf")
            high = dose_max if dose_max is not None else float("inf")
            if not any(low <= v <= high for v in t.dose.values):
                return False
        return key is None or key in t.references

    published = [
        t
        for t in trials.published
        if table in (None, 1) and (words is None or words.search(t.disease)) and published_ok(t)
    ]
    unpublished = [
        t
        for t in trials.unpublished
        if table in (None, 2) and not only_published and (words is None or words.search(t.disease))
    ]
    return dataclasses.replace(trials, published=published, unpublished=unpublished)


# -- checks ------------------------------------------------------------------------------------

#: Codes of :func:`check_tables`, with their default severity (CIT003 comes from io.trials).
CHECKS: dict[str, tuple[str, str]] = {
    "CIT003": ("error", "a record links a citation key the bibliography does not define"),
    "TAB001": ("error", "a linked reference's first author is not named in the record's label"),
    "TAB002": ("error", "a linked reference's year is not the label's year for its first author"),
    "TAB003": ("error", "the label cites an author and year that no linked reference has"),
    "TAB004": ("warning", "the label's author form (et al., two names, one name) differs from the references'"),
    "TAB005": ("error", "a reference cited in a table is not in the rendered reference list"),
    "TAB006": ("error", "a stored label cannot be read as 'Author et al. (year, year); ...'"),
}

_LABEL_GROUP = re.compile(r"^(?P<authors>[^()]+?)\s*\((?P<years>[^()]*)\)$")
_YEAR = re.compile(r"^(?P<year>\d{4})[a-z]?$|^(?P<nd>n\.\s?d\.)$", re.IGNORECASE)


@dataclass(frozen=True)
class LabelGroup:
    """One author's part of a printed label: ``He et al.(2016,2019)``."""

    authors: str
    first: str
    years: tuple[int | None, ...]


def parse_label(label: str) -> list[LabelGroup] | None:
    """``"Betts et al.(2017); Zhao et al.(2016)"`` -> two groups; None when it cannot be read."""
    groups = []
    for part in label.split(";"):
        match = _LABEL_GROUP.match(part.strip())
        if not match:
            return None
        authors = " ".join(match["authors"].split())
        first = re.split(r"\s+(?:et\s+al\.?|and|&)(?:\s|$)|\s*,\s*", authors, maxsplit=1)[0]
        years: list[int | None] = []
        for text in match["years"].split(","):
            ym = _YEAR.match(text.strip())
            if not ym:
                return None
            years.append(int(ym["year"]) if ym["year"] else None)
        groups.append(LabelGroup(authors, first, tuple(years)))
    return groups


def _name_form(text: str) -> str:
    """Case, accents and spacing folded, so ``Müller`` and ``MULLER`` compare equal."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def _record(trial: PublishedTrial) -> str:
    return f"table{trial.table} row {trial.row} ({trial.disease})"


def _year(year: int | None) -> str:
    return str(year) if year is not None else "n.d."


def check_tables(trials: TrialSet, bib: Bibliography, order: Sequence[str] | None = None) -> list[Problem]:
    """Every disagreement between the records, their labels and the references behind them.

    ``order`` is the rendered reference list's keys in order (default: the bibliography's, where
    every key appears). Codes and severities are in :data:`CHECKS`; each message names the record
    (table, row, disease) and the reference, and its location is the record's line.
    """
    from trialbib.io.trials import link_problems

    problems = list(link_problems(trials, bib))
    by_key = bib.by_key
    listed = set(order) if order is not None else set(by_key)
    for trial in trials.published:
        where = _record(trial)
        items = [by_key[k] for k in trial.references if k in by_key]
        for item in items:
            if item["id"] not in listed:
                problems.append(
                    _problem(
                        "TAB005",
                        f"{where} cites {item['id']!r}, which is not in the rendered reference list",
                        trials,
                        trial,
                        item["id"],
                    )
                )
        if trial.label is not None:
            problems += _label_problems(trials, trial, items)
    return problems


def _problem(code: str, message: str, trials: TrialSet, trial: PublishedTrial, key: str | None) -> Problem:
    return Problem(code, message, Location(trials.source, trial.line, key=key), CHECKS[code][0])  # type: ignore[arg-type]


def _label_problems(trials: TrialSet, trial: PublishedTrial, items: list[Item]) -> list[Problem]:
    where = f"{_record(trial)}, label {trial.label!r}"
    groups = parse_label(trial.label or "")
    if groups is None:
        return [
            _problem(
                "TAB006",
                f"{where} cannot be read; write 'Author et al.(year, year)', groups joined by ';'",
                trials,
                trial,
                None,
            )
        ]
    problems = []
    for item in items:
        family = first_author_family(item) or "Anon"
        year = issued_year(item)
        mine = [g for g in groups if _name_form(g.first) == _name_form(family)]
        if not mine:
            problems.append(
                _problem(
                    "TAB001",
                    f"{where}: linked reference {item['id']!r} is by {family} ({_year(year)}), "
                    "whom the label does not name; fix the key or the label",
                    trials,
                    trial,
                    item["id"],
                )
            )
        elif year not in {y for g in mine for y in g.years}:
            given = ", ".join(_year(y) for g in mine for y in g.years)
            problems.append(
                _problem(
                    "TAB002",
                    f"{where}: linked reference {item['id']!r} ({family}) is from {_year(year)}, "
                    f"the label gives {given}; fix the key, the year or the label",
                    trials,
                    trial,
                    item["id"],
                )
            )
    by_author = _group_by_first_author(items)
    for group in groups:
        mine_items = by_author.get(_name_form(group.first), [])
        for year in group.years:
            if not any(issued_year(i) == year for i in mine_items):
                linked = ", ".join(f"{i['id']} ({_year(issued_year(i))})" for i in items) or "none"
                problems.append(
                    _problem(
                        "TAB003",
                        f"{where} cites {group.first} ({_year(year)}), but no linked reference is by "
                        f"{group.first} from {_year(year)} (linked: {linked}); link it or fix the label",
                        trials,
                        trial,
                        None,
                    )
                )
        if mine_items:
            computed = author_names(mine_items)
            if _name_form(group.authors.replace("&", "and")) != _name_form(computed):
                problems.append(
                    _problem(
                        "TAB004",
                        f"{where} writes {group.authors!r} where the references give {computed!r}",
                        trials,
                        trial,
                        mine_items[0]["id"],
                    )
                )
    return problems
