"""The one date reader (io/dates.py): ISO 8601 / EDTF level 1 to CSL dates, with the calendar checked."""

from __future__ import annotations

import pytest

from trialbib.io.dates import parse_date, parse_month


@pytest.mark.parametrize(
    ("text", "date"),
    [
        pytest.param("2019", {"date-parts": [[2019]]}, id="year"),
        pytest.param("2019-09", {"date-parts": [[2019, 9]]}, id="month"),
        pytest.param("2019-09-19", {"date-parts": [[2019, 9, 19]]}, id="day"),
        pytest.param("2020-02-29", {"date-parts": [[2020, 2, 29]]}, id="leap-day"),
        pytest.param("2019-09-19T10:00:00Z", {"date-parts": [[2019, 9, 19]]}, id="time-ignored"),
        pytest.param("2019/2020", {"date-parts": [[2019], [2020]]}, id="range"),
        pytest.param("2019-09/2019-10", {"date-parts": [[2019, 9], [2019, 10]]}, id="month-range"),
        pytest.param("2019--2020", {"date-parts": [[2019], [2020]]}, id="bibtex-year-range"),
        pytest.param("2019/..", {"date-parts": [[2019], [0]]}, id="open-end"),
        pytest.param("2019/", {"date-parts": [[2019], [0]]}, id="open-end-biblatex"),
        pytest.param("2019-09/", {"date-parts": [[2019, 9], [0]]}, id="open-end-month"),
        pytest.param("../2019", {"date-parts": [[2019]], "raw": "../2019"}, id="open-start"),
        pytest.param("2019?", {"date-parts": [[2019]], "circa": True}, id="uncertain"),
        pytest.param("2019~", {"date-parts": [[2019]], "circa": True}, id="approximate"),
        pytest.param("2019-09%", {"date-parts": [[2019, 9]], "circa": True}, id="both"),
        pytest.param("2019-21", {"date-parts": [[2019]], "season": 1}, id="spring"),
        pytest.param("2019-24", {"date-parts": [[2019]], "season": 4}, id="winter"),
        pytest.param("2019/09/19/", {"date-parts": [[2019, 9, 19]]}, id="ris"),
        pytest.param("-0044-03-15", {"date-parts": [[-44, 3, 15]]}, id="bc"),
    ],
)
def test_dates_read(text, date):
    assert parse_date(text) == (date, None)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        pytest.param("2019-02-30", "the day 30, but February has 28 days", id="february-30"),
        pytest.param("2019-04-31", "April has 30 days", id="april-31"),
        pytest.param("2019-13", "the month 13", id="month-13"),
        pytest.param("9" * 5000, "characters long", id="5000-digit-year"),
        pytest.param("99999-01", "more than four digits", id="five-digit-year"),
        pytest.param("2020/2019", "ends before it starts", id="backwards"),
        pytest.param("../..", "open at both ends", id="open-both"),
        pytest.param("Spring 2019", "is not a date", id="words"),
        pytest.param("", "empty", id="empty"),
    ],
)
def test_bad_dates_are_problems_not_crashes(text, says):
    date, problem = parse_date(text)
    assert date is None
    assert problem is not None
    assert says in problem
    assert "\n" not in problem
    assert "write YYYY" in problem


@pytest.mark.parametrize(
    ("text", "months"),
    [
        pytest.param("9", [9], id="number"),
        pytest.param("sep", [9], id="macro"),
        pytest.param("September", [9], id="name"),
        pytest.param("Oct.", [10], id="abbreviation"),
        pytest.param("10-11", [10, 11], id="range"),
        pytest.param("jan--feb", [1, 2], id="named-range"),
        pytest.param("Spring", [21], id="season"),
    ],
)
def test_months(text, months):
    assert parse_month(text) == (months, None)


@pytest.mark.parametrize("text", ["13", "foo", "1-2-3-4", ""])
def test_bad_months(text):
    months, problem = parse_month(text)
    assert months is None
    assert "is not a month" in (problem or "")
