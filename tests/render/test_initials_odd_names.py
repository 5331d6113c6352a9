"""Given names that are not plain words, initialised as citeproc-js does (checked against it with
``benchmarks/citeproc_js.py``, spaces collapsed): a lower-case given name is kept whole, a word
in brackets is not an initial, a nickname in brackets stays after the initial."""

from __future__ import annotations

import pytest

from trialbib.render import engine

PEOPLE = [
    {"family": "Pérez-Jordán", "given": "wG"},
    {"family": "Khalek]", "given": "S. [Abdel"},  # BibTeX's reading of ``S. [Abdel Khalek]``
    {"family": "Wang", "given": "Yuankun (David)"},
    {"family": "Lee", "given": "maría José"},
]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        pytest.param(
            "apa",
            "Pérez-Jordán, wG, Khalek], S. [Abdel, Wang, Y. (David), & Lee, maría J. (2018). T. J.",
            id="apa",
        ),
        pytest.param(
            "vancouver",
            "1. Pérez-Jordán wG, Khalek] S [Abdel, Wang Y (David), Lee maría J. T. J. 2018.",
            id="vancouver",
        ),
    ],
)
def test_odd_given_names_are_initialised_as_citeproc_js_does(style: str, expected: str) -> None:
    item = {"id": "a", "type": "article-journal", "title": "T", "container-title": "J"}
    item |= {"issued": {"date-parts": [[2018]]}, "author": PEOPLE}
    (entry,) = engine.render_bibliography([item], style, cache=False)
    assert entry.text == expected
