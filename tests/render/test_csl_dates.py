"""Date ranges and seasons as CSL 1.0.2 prints them (csl/elements.py, Date and Date_Part)."""

from __future__ import annotations

import pytest

from trialbib.render import engine
from trialbib.render.styles import StyleSource


def _style(date: str) -> StyleSource:
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="en-US">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        f"<bibliography><layout>{date}</layout></bibliography></style>"
    )
    return StyleSource("t", "t.csl", xml.encode())


DAY_MONTH_YEAR = (
    '<date variable="issued">'
    '<date-part name="day" suffix=" " range-delimiter="/"/>'
    '<date-part name="month" suffix=" " range-delimiter=" to "/>'
    '<date-part name="year"/></date>'
)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        pytest.param([[1999, 1, 2], [1999, 1, 4]], "2/4 January 1999", id="days-share-month-and-year"),
        pytest.param([[1999, 1, 2], [1999, 3, 4]], "2 January to 4 March 1999", id="months-share-year"),
        pytest.param([[1999, 1, 2], [2000, 1, 4]], "2 January 1999\u20134 January 2000", id="years-default-dash"),
        pytest.param([[1999, 1, 2], [1999, 1, 2]], "2 January 1999", id="equal-dates-once"),
        pytest.param([[1999, 1, 2], [0]], "2 January 1999\u2013", id="open-range"),
    ],
)
def test_date_range_shares_what_both_dates_have(parts, expected):
    data = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": parts}}
    assert engine.render_bibliography([data], _style(DAY_MONTH_YEAR), cache=False)[0].text == expected


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        pytest.param([[1999, 21], [1999, 22]], "Spring\u2013Summer 1999", id="season-range"),
        pytest.param([[1999, 15]], "Autumn 1999", id="season-as-month-15"),
    ],
)
def test_season_typed_as_month(parts, expected):
    date = '<date variable="issued" form="text" date-parts="year-month"/>'
    data = {"id": "a", "type": "book", "title": "T", "issued": {"date-parts": parts}}
    assert engine.render_bibliography([data], _style(date), cache=False)[0].text == expected
