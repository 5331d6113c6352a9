"""GB/T 7714 conformance: the standard's own example references, entry by entry.

tests/data/gbt7714/ holds each example as a CSL-JSON item, the line the standard prints for it
and the clause that produces it. Every example is rendered alone in the edition's style and
compared with that line after its number: ``[1] `` is the list's, not the standard's.
"""

from __future__ import annotations

import json

import pytest

from paths import DATA
from trialbib.render.engine import render_bibliography, render_citation

FOLDER = DATA / "gbt7714"


def _cases(name: str) -> list[pytest.ParameterSet]:
    """One parameter per example. An example the engine cannot render yet (``engine-gap``) or
    the official 2015 style renders against the standard (``style-departure``) is a strict
    xfail naming the defect, so it fails loudly the day the defect is repaired."""
    cases = json.loads((FOLDER / name).read_text("utf-8"))["cases"]
    return [
        pytest.param(
            c["item"],
            c["expected"],
            id=c["id"],
            marks=[pytest.mark.xfail(reason=c[k], strict=True) for k in ("engine-gap", "style-departure") if k in c],
        )
        for c in cases
    ]


def _line(item: dict, style: str) -> str:
    text = render_bibliography([item], style, cache=False)[0].text
    assert text.startswith("[1] ")
    return text[len("[1] ") :]


@pytest.mark.parametrize(("item", "expected"), _cases("gbt7714-2025-numeric.json"))
def test_2025_numeric_example(item: dict, expected: str) -> None:
    assert _line(item, "gb7714-2025") == expected


def _entry(item: dict, style: str) -> str:
    return render_bibliography([item], style, cache=False)[0].text


@pytest.mark.parametrize(("item", "expected"), _cases("gbt7714-2025-author-date.json"))
def test_2025_author_date_example(item: dict, expected: str) -> None:
    assert _entry(item, "gb7714-2025-author-date") == expected


@pytest.mark.parametrize(("item", "expected"), _cases("gbt7714-2015-numeric.json"))
def test_2015_numeric_example(item: dict, expected: str) -> None:
    assert _line(item, "gb7714-2015") == expected
