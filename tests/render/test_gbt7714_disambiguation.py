"""GB/T 7714-2025 9.3.1.3: one creator's works of one year get a, b, c after the year.

The author-date style asks for them (CSL ``disambiguate-add-year-suffix``) and trialbib's CSL
layer assigns them, in the list and in citations alike.
"""

from __future__ import annotations

import json

import pytest

from paths import DATA
from trialbib.render.engine import render_bibliography, render_citation

CASES = json.loads((DATA / "gbt7714" / "gbt7714-2025-year-suffix.json").read_text("utf-8"))["cases"]
ITEMS = [c["item"] for c in CASES]
STYLE = "gb7714-2025-author-date"


@pytest.mark.parametrize(
    ("number", "expected"), [pytest.param(i, c["expected"], id=c["id"]) for i, c in enumerate(CASES)]
)
def test_year_suffix_in_the_list(number: int, expected: str) -> None:
    assert render_bibliography(ITEMS, STYLE, cache=False)[number].text == expected


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param("9.3.1.3-1", "（邱均平，2000a）", id="2000a"),
        pytest.param("9.3.1.3-2", "（邱均平，2000b）", id="2000b"),
        pytest.param("9.3.1.3-3", "（邱均平，2000c）", id="2000c"),
    ],
)
def test_year_suffix_in_the_citation(key: str, expected: str) -> None:
    assert render_citation(ITEMS, [key], STYLE).text == expected


def test_a_single_work_of_the_year_has_no_letter() -> None:
    items = [*ITEMS[:1], {**ITEMS[1], "id": "other", "issued": {"date-parts": [[2001]]}}]
    assert render_citation(items, ["other"], STYLE).text == "（邱均平，2001）"
