"""Quotation marks and apostrophes in free text and fields (csl.quotes), as citeproc-js prints
them in an en-US style (outer marks “ ”, inner ‘ ’, punctuation-in-quote)."""

from __future__ import annotations

import pytest

from csl_render import cite, style_xml
from trialbib.render.csl.quotes import flip

MARKS = (("\u201c", "\u201d"), ("\u2018", "\u2019"))
BOOK = {"id": "a", "type": "book", "title": "A Life"}


@pytest.mark.parametrize(
    ("cite_options", "expected"),
    [
        pytest.param({"prefix": "'so', "}, "\u201cso\u201d, A Life", id="single-quoted-prefix"),
        pytest.param({"suffix": ', "it goes".'}, "A Life, \u201cit goes\u201d.", id="punctuation-stays-outside"),
        pytest.param({"prefix": "Smith's "}, "Smith\u2019s A Life", id="apostrophe"),
    ],
)
def test_a_cites_affixes_get_typographic_marks(cite_options, expected):
    assert cite(style_xml(), [BOOK], [{"id": "a", **cite_options}]) == expected


def test_a_text_value_is_quoted_like_a_field_and_takes_punctuation_in():
    layout = "<layout suffix=', and on.'><text value=\"'so'\"/></layout>"
    assert cite(style_xml(layout), [BOOK]) == "\u201cso,\u201d and on."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("ETFA '09", "ETFA \u201909", id="unpaired-single-is-an-apostrophe"),
        pytest.param("'a' and '09", "\u201ca\u201d and \u201909", id="pair-and-apostrophe"),
        pytest.param('a "b " c', None, id="unpaired-double-stays"),
    ],
)
def test_flip_reads_unpaired_marks(text, expected):
    assert flip(text, 0, *MARKS) == expected


def test_a_double_quote_that_does_not_hug_its_text_stays_straight():
    item = {**BOOK, "title": 'Of "Positive Duties " of States'}
    assert cite(style_xml(), [item]) == 'Of "Positive Duties " of States'


def test_a_quoted_field_of_a_french_style_nests_its_own_quotation_with_inner_marks():
    locale = (
        "<locale><terms><term name='open-quote'>\u00ab\u00a0</term><term name='close-quote'>\u00a0\u00bb</term>"
        "<term name='open-inner-quote'>\u201c</term><term name='close-inner-quote'>\u201d</term></terms></locale>"
    )
    style = style_xml("<text variable='title' quotes='true'/>", locale=locale)
    item = {**BOOK, "title": "Life's 'Small' Joys"}
    assert cite(style, [item]) == "\u00ab\u00a0Life\u2019s \u201cSmall\u201d Joys\u00a0\u00bb"


def test_flip_reads_through_private_use_markers():
    assert flip("\ue022It is 'the one\u2019\ue02f", 1, *MARKS) == "\ue022It is \u2018the one\u2019\ue02f"
