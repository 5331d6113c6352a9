"""One date reader for every format: ISO 8601 / EDTF level 1 text to a CSL-JSON date.

BibLaTeX ``date`` fields are EDTF; CSL-JSON ``raw`` dates, RIS ``DA``/``PY`` and BibTeX
``year``/``month`` reduce to the same forms, so they all go through :func:`parse_date`.
Read: ``2019``, ``2019-09``, ``2019-09-19`` (a time after ``T`` is ignored), ranges
``2019-09/2019-10`` and ``2019--2020``, open ranges ``2019/..`` and ``2019/`` (CSL's ``[[2019], [0]]``),
``../2019`` (kept as ``raw``),
uncertain or approximate ``2019?``, ``2019~``, ``2019%`` (CSL ``circa``), seasons ``2019-21``
(spring) to ``2019-24`` (winter) (CSL ``season``), and RIS's ``2019/09/19/``. Every date is
checked against the calendar (``2019-02-30`` is a problem), and numbers are bounded, so a
5,000-digit year is a problem rather than an overflow.

``parse_date(text)`` returns ``(date, None)`` or ``(None, problem)``, where ``problem`` is one
line saying what is wrong and how to write it; the caller adds the file, line and field.
"""

from __future__ import annotations

import re
from typing import Any

CslDate = dict[str, Any]

_PART = re.compile(
    r"^(?P<year>[+-]?\d{1,4})(?P<q1>[?~%]?)"
    r"(?:-(?P<month>\d{1,2})(?P<q2>[?~%]?)(?:-(?P<day>\d{1,2})(?P<q3>[?~%]?))?)?"
    r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$"
)
_RIS = re.compile(r"^(\d{4})/(\d{1,2})?(?:/(\d{1,2})?)?(?:/[^/]*)?$")
_OPEN = ("", "..")
HINT = "write YYYY, YYYY-MM or YYYY-MM-DD (a range as START/END)"


def parse_date(text: str) -> tuple[CslDate | None, str | None]:
    """A CSL date for ``text``, or the reason it is none. Never raises."""
    value = " ".join(str(text).split())
    if not value:
        return None, f"the date is empty; {HINT}"
    if len(value) > 80:
        return None, f"{value[:20]!r}... is {len(value):,} characters long, not a date; {HINT}"
    ris = _RIS.match(value)
    if ris and "/" in value and (ris.group(2) is None or len(ris.group(2)) <= 2) and value.count("/") >= 2:
        parts = [int(g) for g in ris.groups() if g]
        problem = _check(parts, value)
        return (None, problem) if problem else ({"date-parts": [parts]}, None)
    if "/" in value:
        start, _, end = value.partition("/")
    elif re.fullmatch(r"\d{4}[?~%]?\s*(?:--?|\u2013)\s*\d{4}[?~%]?", value):
        start, end = re.split(r"\s*(?:--?|\u2013)\s*", value, maxsplit=1)
    else:
        one, circa, problem = _part(value, value)
        if problem or one is None:
            return None, problem
        return _date([one], circa), None
    start, end = start.strip(), end.strip()
    if start in _OPEN and end in _OPEN:
        return None, f"{value!r} is a range open at both ends; {HINT}"
    parsed: list[list[int]] = []
    circa_any = False
    for side in (start, end):
        if side in _OPEN:
            continue
        one, circa, problem = _part(side, value)
        if problem or one is None:
            return None, problem
        circa_any = circa_any or circa
        parsed.append(one)
    if end in _OPEN:  # CSL's open end (citeproc-js, pandoc): ``[[2019], [0]]`` prints "2019–"
        parsed.append([0])
    date = _date(parsed, circa_any)
    if start in _OPEN:  # CSL has no open start: the start is kept as written
        date["raw"] = value
    elif end not in _OPEN and parsed[1] < parsed[0][: len(parsed[1])]:
        return None, f"{value!r} ends before it starts; {HINT}"
    return date, None


def _date(parts: list[list[int]], circa: bool) -> CslDate:
    date: CslDate = {}
    if len(parts) == 1 and len(parts[0]) == 2 and 21 <= parts[0][1] <= 24:
        date["date-parts"] = [[parts[0][0]]]
        date["season"] = parts[0][1] - 20
    else:
        date["date-parts"] = parts
    if circa:
        date["circa"] = True
    return date


def _part(text: str, whole: str) -> tuple[list[int] | None, bool, str | None]:
    match = _PART.match(text)
    if match is None:
        if re.match(r"^[+-]?\d{5,}", text):
            return None, False, f"{_short(whole)!r} has a year of more than four digits; {HINT}"
        return None, False, f"{_short(whole)!r} is not a date; {HINT}"
    parts = [int(match.group("year"))]
    if match.group("month"):
        parts.append(int(match.group("month")))
    if match.group("day"):
        parts.append(int(match.group("day")))
    circa = any(match.group(q) for q in ("q1", "q2", "q3"))
    return parts, circa, _check(parts, whole)


def _check(parts: list[int], whole: str) -> str | None:
    """The calendar's objection to ``[year, month, day]``, if any."""
    if len(parts) >= 2:
        month = parts[1]
        if len(parts) == 2 and 21 <= month <= 24:
            return None
        if not 1 <= month <= 12:
            return f"{_short(whole)!r} has the month {month}, not 1-12; {HINT}"
    if len(parts) == 3:
        import calendar  # here: with datetime and locale it is ~4 ms to import, and only full dates need it

        year, month, day = parts
        last = calendar.monthrange(year if 1 <= year <= 9999 else 2000 + year % 4, month)[1]
        if not 1 <= day <= last:
            return f"{_short(whole)!r} has the day {day}, but {calendar.month_name[month]} has {last} days; {HINT}"
    return None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."


MONTH_NAMES = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january", "janvier", "januar"),
            ("feb", "february", "février", "februar"),
            ("mar", "march", "mars", "märz"),
            ("apr", "april", "avril"),
            ("may", "mai"),
            ("jun", "june", "juin", "juni"),
            ("jul", "july", "juillet", "juli"),
            ("aug", "august", "août"),
            ("sep", "sept", "september", "septembre"),
            ("oct", "october", "octobre", "okt", "oktober"),
            ("nov", "november", "novembre"),
            ("dec", "december", "décembre", "dez", "dezember"),
        ],
        start=1,
    )
    for name in names
}
SEASONS = {"spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24}
_MONTH_SPLIT = re.compile(r"\s*(?:--?|\u2013|/)\s*")


def parse_month(text: str) -> tuple[list[int] | None, str | None]:
    """BibTeX ``month`` as one month or a range: ``9``, ``sep``, ``September``, ``10-11``,
    ``jan--feb``, or a season (``Spring`` -> 21, EDTF's number). Never raises."""
    value = " ".join(str(text).split()).strip().rstrip(".")
    pieces = [p.strip().rstrip(".").lower() for p in _MONTH_SPLIT.split(value) if p.strip()]
    months: list[int] = []
    for piece in pieces[:3]:
        number = int(piece) if piece.isdecimal() and len(piece) <= 2 else MONTH_NAMES.get(piece, SEASONS.get(piece))
        if number is None or not (1 <= number <= 12 or 21 <= number <= 24):
            break
        months.append(number)
    else:
        if 1 <= len(months) <= 2:
            return months, None
    return None, f"month {_short(value)!r} is not a month; write 1-12, jan-dec or a range such as 10-11"
