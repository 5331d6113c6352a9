"""Cite positions with note numbers (CSL 1.0.2 "Position"), on small documents of our own."""

from __future__ import annotations

import json
import warnings
from typing import Any

import pytest

from trialbib.render import csl

ITEMS = [
    {"id": "a", "type": "book", "title": "Alpha", "author": [{"family": "Doe", "given": "J."}]},
    {"id": "b", "type": "book", "title": "Beta", "author": [{"family": "Roe", "given": "R."}]},
]

BRANCHES = """
<choose>
  <if position="ibid-with-locator"><text value="IBL"/><text variable="locator" prefix=" "/></if>
  <else-if position="ibid"><text value="IB"/></else-if>
  <else-if position="near-note"><text value="NEAR "/><text variable="title"/>{first}</else-if>
  <else-if position="subsequent"><text value="SUB "/><text variable="title"/>{first}</else-if>
  <else><text variable="title"/></else>
</choose>"""


def _style(attributes: str = "", first: str = "") -> bytes:
    return (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">'
        f'<info><title>t</title><id>t</id></info><citation {attributes}><layout delimiter="; ">'
        + BRANCHES.format(first=first)
        + "</layout></citation></style>"
    ).encode()


def _render(style: bytes, document: list[tuple[int, list[Any]]]) -> list[str]:
    """The citations of ``document`` ((note, cites) in order; a cite is a key or (key, locator))."""
    from citeproc import Citation, CitationStylesBibliography, formatter
    from citeproc.source import Locator

    parsed = csl.parse_style(style, None)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        source = csl.CiteProcJSON(json.loads(json.dumps(ITEMS)))
    with csl.session(parsed.root, csl.RenderState(parts=False)):
        bib = CitationStylesBibliography(parsed, source, formatter.plain)
        citations = []
        for note, cites in document:
            items = []
            for cite in cites:
                key, locator = (cite, None) if isinstance(cite, str) else cite
                options = {"locator": Locator("page", locator)} if locator else {}
                items.append(csl.CitationItem(key, **options))
            citation = Citation(items)
            citation.note_index = note
            citations.append(citation)
            bib.register(citation)
        return [str(bib.cite(citation, lambda item: None)) for citation in citations]


def test_first_subsequent_and_ibid_follow_the_locators():
    document = [
        (1, [("a", "12")]),
        (2, [("a", "12")]),  # same item, same locator: ibid
        (3, [("a", "13")]),  # a new locator: ibid with locator
        (4, ["a"]),  # the locator dropped: subsequent, not ibid
        (5, ["b"]),
        (6, ["a"]),  # another item in between
    ]
    assert _render(_style('near-note-distance="0"'), document) == [
        "Alpha",
        "IB",
        "IBL 13",
        "SUB Alpha",
        "Beta",
        "SUB Alpha",
    ]


def test_ibid_inside_one_citation_and_after_a_busy_note():
    document = [
        (1, ["a", "a"]),  # the cite before it in the same citation is the same item
        (2, ["b", "a"]),
        (3, ["a"]),  # note 2 held two cites: not ibid
        (4, ["a"]),
    ]
    assert _render(_style('near-note-distance="0"'), document) == ["Alpha; IB", "Beta; SUB Alpha", "SUB Alpha", "IB"]


def test_ibid_needs_the_same_or_the_previous_note():
    document = [(1, ["a"]), (3, ["a"])]
    assert _render(_style('near-note-distance="0"'), document) == ["Alpha", "SUB Alpha"]


def test_near_note_counts_notes_back():
    document = [(1, ["a"]), (2, ["b"]), (4, ["a"]), (5, ["b"])]
    # a: notes 1 -> 4 is three notes, farther than 2; b: notes 2 -> 5 is three as well
    assert _render(_style('near-note-distance="2"'), document) == ["Alpha", "Beta", "SUB Alpha", "SUB Beta"]
    assert _render(_style('near-note-distance="3"'), document) == ["Alpha", "Beta", "NEAR Alpha", "NEAR Beta"]


def test_first_reference_note_number():
    first = '<text variable="first-reference-note-number" prefix=", n. "/>'
    document = [(1, ["a"]), (2, ["b"]), (3, ["a"]), (3, ["b", "a"])]
    assert _render(_style('near-note-distance="0"', first), document) == [
        "Alpha",
        "Beta",
        "SUB Alpha, n. 1",
        "SUB Beta, n. 2; NEAR Alpha, n. 1",  # a was cited in this same note: zero notes back
    ]


def test_notes_numbered_again_start_afresh():
    document = [(3, ["a"]), (1, ["a"])]  # note numbers went down: a new chapter
    assert _render(_style(), document) == ["Alpha", "Alpha"]


def test_citations_in_the_text_are_their_own_sequence():
    document = [(0, ["a"]), (1, ["b"]), (0, ["a"])]
    # the note between them does not interrupt the citations in the text
    assert _render(_style(), document) == ["Alpha", "Beta", "IB"]


@pytest.mark.parametrize(
    ("cites", "expected"),
    [
        pytest.param(["a", "a"], "Alpha; ibid.", id="later-cite-lower-case"),
        pytest.param(["b"], "Ibid.", id="opening-term-capitalised"),
    ],
)
def test_an_ibid_term_is_capitalised_only_opening_the_citation(cites, expected):
    style = (
        b'<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="note">'
        b'<info><title>t</title><id>t</id></info><citation><layout delimiter="; ">'
        b'<choose><if position="ibid"><text term="ibid"/></if><else><text variable="title"/></else></choose>'
        b"</layout></citation></style>"
    )
    document = [(1, ["b"]), (2, cites)]
    assert _render(style, document)[1] == expected
