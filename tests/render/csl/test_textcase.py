"""Text case (csl.textcase) on strings of our own: ``nocase`` parts and the spaces as written."""

from __future__ import annotations

import pytest
from citeproc.string import MixedString, NoCase, String

from csl_render import cite, style_xml
from trialbib.render.csl.textcase import change_case, title_case


def test_title_case_keeps_a_no_break_space():
    assert str(title_case(String("the rise\u00a0of cities"))) == "The Rise\u00a0of Cities"


def test_title_case_leaves_nocase_parts_and_their_punctuation_in_place():
    text = MixedString([String("a "), NoCase("big"), String(", the "), NoCase("small"), String(": and on")])
    assert str(title_case(text)) == "A big, the small: And On"


@pytest.mark.parametrize(("upper", "expected"), [(True, "A PEN BY Smith"), (False, "a pen by Smith")])
def test_upper_and_lower_case_leave_nocase_parts(upper, expected):
    text = MixedString([String("A pen by "), NoCase("Smith")])
    assert str(change_case(text, upper)) == expected


def test_a_field_nocase_span_survives_uppercase_in_a_render():
    item = {"id": "a", "type": "book", "title": 'A pen by <span class="nocase">Smith</span>'}
    assert cite(style_xml("<text variable='title' text-case='uppercase'/>"), [item]) == "A PEN BY Smith"


@pytest.mark.parametrize("tag", ["sc", "sup", "sub"])
def test_title_case_leaves_small_caps_superscript_and_subscript_markup(tag):
    item = {"id": "a", "type": "book", "title": f"a <{tag}>big phrase</{tag}> in a title"}
    rendered = cite(style_xml("<text variable='title' text-case='title'/>"), [item])
    assert rendered.endswith("big phrase</span> in a Title" if tag == "sc" else f"big phrase</{tag}> in a Title")


@pytest.mark.parametrize(("language", "expected"), [("tr", "\u0130C AND ID"), ("en", "IC AND ID"), (None, "IC AND ID")])
def test_uppercase_keeps_the_turkish_dotted_i(language, expected):
    assert str(change_case(String("ic and \u0131d"), True, language)) == expected
