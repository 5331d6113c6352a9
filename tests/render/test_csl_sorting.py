"""Sort keys compared by a collation (csl/sorting.py), and dates in sort macros by their value."""

from __future__ import annotations

import pytest

from trialbib.render import engine
from trialbib.render.csl.sorting import collation_key, sort_items
from trialbib.render.styles import StyleSource


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        pytest.param("Doe", "[F]linders", id="brackets-ignored"),
        pytest.param("\u201cSimple title here B\u201d", "Simple title, here C", id="quotes-and-commas-ignored"),
        pytest.param("\u00c9mile", "Fabre", id="accents-ignored"),
        pytest.param("Volume 2", "Volume 10", id="numbers-by-value"),
        pytest.param("<i>Doe</i>", "Roe", id="markup-ignored"),
        pytest.param("d Wander", "de Frinkle", id="space-kept"),
    ],
)
def test_collation_order(smaller, larger):
    assert collation_key(smaller) < collation_key(larger)


def test_items_without_a_key_come_last_in_both_directions():
    items = ["a", "b", "c"]
    assert sort_items(items, [["x", None, "y"]], [False]) == ["a", "c", "b"]
    assert sort_items(items, [["x", None, "y"]], [True]) == ["c", "a", "b"]


def test_a_date_in_a_sort_macro_sorts_by_value_bc_first():
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>t</title><id>t</id></info>"
        '<macro name="d"><date variable="issued"><date-part name="year"/></date></macro>'
        "<citation><layout><text variable='title'/></layout></citation>"
        '<bibliography><sort><key macro="d"/></sort><layout><text variable="title"/></layout></bibliography></style>'
    )
    items = [
        {"id": str(year), "type": "book", "title": f"T{year}", "issued": {"date-parts": [[year]]}}
        for year in (54, -100, 1999, -44)
    ]
    entries = engine.render_bibliography(items, StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert [e.text for e in entries] == ["T-100", "T-44", "T54", "T1999"]
