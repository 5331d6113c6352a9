"""Element behaviour of trialbib's CSL layer on sparse items (render/csl/elements.py)."""

from __future__ import annotations

import pytest

from trialbib.render.engine import render_bibliography


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        # nothing but the date's "n.d." term: printed as citeproc-js prints it, not a crash (a
        # term capitalized first in the entry used to lose citeproc-py's string type)
        pytest.param({"type": "article-journal"}, "(N.d.).", id="nothing"),
        pytest.param({"type": "article-journal", "container-title": "J"}, "(N.d.). J.", id="journal-only"),
        pytest.param({"type": "article-journal", "volume": "3"}, "(N.d.). 3.", id="volume-only"),
    ],
)
def test_apa_article_without_title_author_or_date_renders(item: dict[str, str], expected: str) -> None:
    entries = render_bibliography([{"id": "k", **item}], "apa", "text", cache=False)
    assert [e.text for e in entries] == [expected]


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # straight quotes typed in a plain field take the style locale's marks (en-GB: single)
        pytest.param("nature", "The ‘big data’ revolution", id="en-GB"),
        pytest.param("apa", "The “big data” revolution", id="en-US"),
    ],
)
def test_typed_quotes_take_the_locale_marks(style: str, expected: str) -> None:
    item = {"id": "q", "type": "article-journal", "title": 'The "big data" revolution', "container-title": "J"}
    [entry] = render_bibliography([item], style, "text", cache=False)
    assert expected in entry.text


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param("24:1-24:19", "24:1-24:19", id="article-and-page"),  # no range: as written
        pytest.param("698,704", "698,704", id="list-as-written"),
        pytest.param("101-8", "101–108", id="range"),
        pytest.param("doi.org/10.1523/JN.0895-22.2022", "doi.org/10.1523/JN.0895-22.2022", id="doi-typed-as-pages"),
    ],
)
def test_pages_as_citeproc_js_reads_them(page: str, expected: str) -> None:
    item = {"id": "p", "type": "article-journal", "title": "T", "container-title": "J", "page": page}
    [entry] = render_bibliography([item], "apa", "text", cache=False)
    assert entry.text.endswith(f"J, {expected}.")


def test_an_apostrophe_before_a_year_is_typographic() -> None:
    item = {"id": "a", "type": "paper-conference", "title": "T", "container-title": "Proceedings of STOC '71"}
    [entry] = render_bibliography([item], "apa", "text", cache=False)
    assert "STOC ’71" in entry.text


EDITED_BOOK = {
    "id": "b",
    "type": "book",
    "editor": [{"family": "Auger", "given": "Anne"}, {"family": "Doerr", "given": "Benjamin"}],
    "title": "Theory of randomized search heuristics",
    "volume": "1",
    "publisher": "World Scientific",
    "issued": {"date-parts": [[2011]]},
}


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        # the editors, shown in the author's place by cs:substitute, are not repeated
        pytest.param(
            "apa",
            "Auger, A., & Doerr, B. (Eds.). (2011). Theory of randomized search heuristics (Vol. 1). World Scientific.",
            id="apa",
        ),
        pytest.param(  # Chicago substitutes the editors through a macro
            "chicago-author-date",
            "Auger, Anne, and Benjamin Doerr, eds. 2011. Theory of Randomized Search Heuristics. Vol. 1. World "
            "Scientific.",
            id="chicago-author-date",
        ),
        pytest.param(
            "modern-language-association",
            "Auger, Anne, and Benjamin Doerr, editors. Theory of Randomized Search Heuristics. vol. 1, World "
            "Scientific, 2011.",
            id="mla",
        ),
    ],
)
def test_substituted_names_are_not_repeated(style: str, expected: str) -> None:
    [entry] = render_bibliography([EDITED_BOOK], style, "text", cache=False)
    assert entry.text == expected
