"""Cite grouping and collapsing (csl.collapse) on small styles of our own."""

from __future__ import annotations

from csl_render import cite, style_xml


def _item(key: str, year: int, family: str | None = None) -> dict[str, object]:
    item: dict[str, object] = {"id": key, "type": "book", "title": key, "issued": {"date-parts": [[year]]}}
    if family:
        item["author"] = [{"family": family, "given": "A"}]
    return item


def test_cites_that_print_no_names_are_one_group():
    layout = (
        "<layout prefix='(' suffix=')' delimiter='; '><date variable='issued'><date-part name='year'/></date></layout>"
    )
    style = style_xml(layout, attributes="").replace(
        b"<citation>",
        b"<citation disambiguate-add-year-suffix='true' collapse='year-suffix' year-suffix-delimiter=','>",
    )
    assert cite(style, [_item("a", 1990), _item("b", 1990)]) == "(1990a,b)"


def test_a_cite_with_a_locator_ends_the_collapsed_run():
    layout = (
        "<layout prefix='(' suffix=')' delimiter=', '><group delimiter=', '><group delimiter=' '>"
        "<names variable='author'><name form='short'/></names><date variable='issued'><date-part name='year'/></date>"
        "</group><text variable='locator'/></group></layout>"
    )
    style = style_xml(layout).replace(b"<citation>", b"<citation collapse='year' after-collapse-delimiter='; '>")
    items = [_item("a", 1990, "Wong"), _item("b", 1991, "Wong"), _item("c", 1992, "Roe")]
    cites = [{"id": "a", "locator": "3"}, {"id": "b", "locator": "4"}, {"id": "c"}]
    assert cite(style, items, cites) == "(Wong 1990, 3; 1991, 4; Roe 1992)"
    assert cite(style, items, [{"id": "a"}, {"id": "b"}, {"id": "c"}]) == "(Wong 1990, 1991; Roe 1992)"


def test_a_term_after_a_one_word_abbreviation_prefix_stays_lower_case():
    style = style_xml("<text term='ibid'/>")
    book = {"id": "a", "type": "book", "title": "T"}
    assert cite(style, [book], [{"id": "a", "prefix": "Cf. "}]) == "Cf. ibid."
    assert cite(style, [book], [{"id": "a", "prefix": "As said. "}]) == "As said. Ibid."


def test_a_prefix_ending_a_quoted_sentence_capitalises_the_term():
    style = style_xml("<text term='ibid'/>")
    book = {"id": "a", "type": "book", "title": "T"}
    assert cite(style, [book], [{"id": "a", "prefix": 'He said "Go." '}]) == "He said \u201cGo.\u201d Ibid."


BOOKS = [{"id": "a", "type": "book", "title": "Book A"}, {"id": "b", "type": "book", "title": "Book B"}]


def test_no_delimiter_before_a_prefix_that_starts_with_punctuation():
    style = style_xml("<layout delimiter='; '><text variable='title'/></layout>")
    assert cite(style, BOOKS, [{"id": "a"}, {"id": "b", "prefix": ", cited in "}]) == "Book A, cited in Book B"


def test_the_delimiter_drops_its_mark_after_a_suffix_ending_in_a_comma():
    style = style_xml("<layout delimiter='; '><text variable='title'/></layout>")
    cites = [{"id": "a", "suffix": " is one,"}, {"id": "b"}]
    assert cite(style, BOOKS, cites) == "Book A is one, Book B"
    assert cite(style, BOOKS) == "Book A; Book B"
