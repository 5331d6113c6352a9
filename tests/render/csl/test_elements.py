"""trialbib's CSL elements on small styles of our own (CSL 1.0.2, as citeproc-js renders)."""

from __future__ import annotations

import pytest

from csl_render import bibliography, cite, style_xml

BOOK = {"id": "a", "type": "book", "title": "A Life"}


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param(BOOK, "A Life", id="no-page-no-label"),
        pytest.param({**BOOK, "page": "5-7"}, "A Life, pp. 5–7", id="page-labelled"),
    ],
)
def test_a_label_of_a_missing_variable_prints_nothing(item, expected):
    layout = (
        "<group delimiter=', '><text variable='title'/>"
        "<group><label variable='page' form='short' suffix=' '/><text variable='page'/></group></group>"
    )
    assert cite(style_xml(layout), [item]) == expected


def test_a_label_outside_a_group_prints_only_with_its_variable():
    layout = "<text variable='title'/><label variable='page' form='short' prefix=' '/>"
    assert cite(style_xml(layout), [BOOK]) == "A Life"
    assert cite(style_xml(layout), [{**BOOK, "page": "3"}]) == "A Life p."


MACRO = "<macro name='in'><text term='in' suffix=' '/><text variable='container-title'/></macro>"


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param(BOOK, "A Life", id="term-hidden-with-its-empty-variable"),
        pytest.param({**BOOK, "container-title": "Annals"}, "A Life, in Annals", id="shown"),
    ],
)
def test_a_macro_is_a_group(item, expected):
    layout = "<group delimiter=', '><text variable='title'/><text macro='in'/></group>"
    assert cite(style_xml(layout, macros=MACRO), [item]) == expected


def test_a_macro_without_variables_prints_and_counts_as_printed():
    macros = (
        "<macro name='note'><text value='see'/></macro>"
        "<macro name='who'><names variable='author'/><text macro='note'/></macro>"
    )
    assert cite(style_xml("<text macro='who'/>", macros=macros), [BOOK]) == "see"


def test_display_puts_each_part_of_an_entry_in_its_div():
    layout = (
        "<layout suffix='.'><text variable='citation-number' prefix='[' suffix=']' display='left-margin'/>"
        "<group display='right-inline' delimiter=', '><text variable='title'/><text variable='publisher'/></group>"
        "</layout>"
    )
    item = {**BOOK, "publisher": "Pub"}
    assert bibliography(style_xml(bibliography=layout), [item]) == [
        '<div class="csl-left-margin">[1]</div><div class="csl-right-inline">A Life, Pub.</div>'
    ]  # the layout's suffix goes into the last div


def test_display_is_for_the_list_only():
    assert cite(style_xml("<text variable='title' display='block'/>"), [BOOK]) == "A Life"


FRENCH_ORDINALS = (
    "<locale><terms><term name='ordinal'>e</term>"
    "<term name='ordinal-01' gender-form='feminine' match='whole-number'>re</term>"
    "<term name='ordinal-01' gender-form='masculine' match='whole-number'>er</term>"
    "<term name='ordinal-02' gender-form='masculine'>nd</term>"
    "<term name='edition' gender='feminine'>édition</term><term name='volume' gender='masculine'>volume</term>"
    "<term name='month-03' gender='masculine'>mars</term></terms></locale>"
)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        pytest.param("edition", "1", "1re", id="feminine"),
        pytest.param("volume", "1", "1er", id="masculine"),
        pytest.param("volume", "2", "2nd", id="masculine-term"),
        pytest.param("edition", "2", "2e", id="other-gender-falls-back-to-neuter"),
    ],
)
def test_an_ordinal_takes_the_gender_of_its_variable_s_term(variable, value, expected):
    style = style_xml(
        f"<number variable='{variable}' form='ordinal'/>", attributes='default-locale="fr-FR"', locale=FRENCH_ORDINALS
    )
    assert cite(style, [{**BOOK, variable: value}]) == expected


def test_an_ordinal_day_takes_the_gender_of_the_month():
    layout = "<date variable='issued'><date-part name='day' form='ordinal' suffix=' '/><date-part name='month'/></date>"
    style = style_xml(layout, attributes='default-locale="fr-FR"', locale=FRENCH_ORDINALS)
    assert cite(style, [{**BOOK, "issued": {"date-parts": [[2004, 3, 1]]}}]) == "1er mars"


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        pytest.param("verb-short", "by A. Hall", id="verb-short-to-verb"),
        pytest.param("symbol", "rev. A. Hall", id="symbol-to-short"),
    ],
)
def test_an_undefined_term_form_falls_back(form, expected):
    locale = (
        "<locale><terms><term name='reviewed-author' form='verb'>by</term>"
        "<term name='reviewed-author' form='short'>rev.</term></terms></locale>"
    )
    layout = f"<names variable='reviewed-author'><label form='{form}' suffix=' '/><name initialize-with='. '/></names>"
    style = style_xml(layout, locale=locale)
    item = {**BOOK, "reviewed-author": [{"family": "Hall", "given": "Ann"}]}
    assert cite(style, [item]) == expected


@pytest.mark.parametrize(
    ("layout", "attributes"),
    [
        pytest.param(
            "<text variable='citation-number' suffix='. '/><text variable='title' suffix='. '/>",
            "second-field-align='flush'",
            id="second-field-align",
        ),
        pytest.param(
            "<text variable='citation-number' suffix='. ' display='left-margin'/>"
            "<text variable='title' suffix='. ' display='right-inline'/>",
            "",
            id="display",
        ),
        pytest.param(
            "<text variable='citation-number' suffix='. ' display='left-margin'/>"
            "<text variable='title' suffix='. ' display='right-inline'/>",
            "second-field-align='flush'",
            id="both",
        ),
    ],
)
def test_an_aligned_entry_loses_its_trailing_space(layout, attributes):
    bib = f"<bibliography {attributes}><layout>{layout}</layout></bibliography>"
    style = style_xml().replace(b"</style>", bib.encode() + b"</style>")
    assert bibliography(style, [BOOK]) == [
        '<div class="csl-left-margin">1. </div><div class="csl-right-inline">A Life.</div>'
    ]


@pytest.mark.parametrize(
    ("locator", "expected"),
    [
        pytest.param("100 - 103", "A Life, 100\u2013103", id="numeric-range"),
        pytest.param(" 7 ", "A Life, 7", id="trimmed"),
        pytest.param("Smith-Jones", "A Life, Smith-Jones", id="words-keep-the-hyphen"),
        pytest.param("3\\-8", "A Life, 3-8", id="escaped-hyphen"),
        pytest.param("2 & 5", "A Life, 2 and-sign 5", id="ampersand-as-the-locale-symbol"),
    ],
)
def test_a_locator_is_normalised(locator, expected):
    locale = "<locale><terms><term name='and' form='symbol'>and-sign</term></terms></locale>"
    style = style_xml("<group delimiter=', '><text variable='title'/><text variable='locator'/></group>", locale=locale)
    assert cite(style, [BOOK], [{"id": "a", "locator": locator}]) == expected


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        pytest.param("editor", "See", id="empty-term-substitutes"),
        pytest.param("no-such-term", "See anon", id="undefined-term-skipped"),
    ],
)
def test_a_defined_term_ends_the_substitution_even_when_empty(first, expected):
    layout = (
        "<group delimiter=' '><group><text value='See'/></group><names variable='translator'>"
        f"<substitute><text term='{first}'/><text term='author'/></substitute></names></group>"
    )
    locale = "<locale><terms><term name='editor'></term><term name='author'>anon</term></terms></locale>"
    style = style_xml(layout, locale=locale)
    assert cite(style, [BOOK]) == expected


def test_a_citation_label_takes_the_year_suffix_and_the_year_does_not():
    people = [{"family": "Roe", "given": "J"}, {"family": "Noakes", "given": "R"}]
    items = [
        {"id": k, "type": "book", "title": "T", "author": people, "issued": {"date-parts": [[1978]]}} for k in "ab"
    ]
    bib = (
        "<bibliography><layout><text variable='citation-label' suffix=' '/>"
        "<date variable='issued'><date-part name='year'/></date></layout></bibliography>"
    )
    style = style_xml("<layout delimiter=', '><text variable='citation-label'/></layout>").replace(
        b"<citation>", b"<citation disambiguate-add-year-suffix='true'>"
    )
    style = style.replace(b"</style>", bib.encode() + b"</style>")
    assert cite(style, items) == "RoNo78a, RoNo78b"
    assert bibliography(style, items) == ["RoNo78a 1978", "RoNo78b 1978"]


@pytest.mark.parametrize(
    ("layout", "expected"),
    [
        pytest.param(
            "<group font-style='italic'><text variable='title' font-style='normal'/></group>",
            '<i><span style="font-style:normal;">A Life</span></i>',
            id="upright-in-italics",
        ),
        pytest.param("<text variable='title' font-style='normal'/>", "A Life", id="normal-alone-is-plain"),
        pytest.param(
            "<group font-weight='bold'><text variable='title' font-weight='normal'/></group>",
            '<b><span style="font-weight:normal;">A Life</span></b>',
            id="unbold-in-bold",
        ),
        pytest.param(
            "<group vertical-align='sup'><text variable='title' vertical-align='baseline'/></group>",
            '<sup><span style="baseline">A Life</span></sup>',
            id="baseline",
        ),
    ],
)
def test_normal_decorations_undo_the_surrounding_one(layout, expected):
    assert cite(style_xml(layout), [BOOK]) == expected


def test_variables_a_substitute_printed_through_a_macro_are_not_printed_again():
    macros = "<macro name='title'><text variable='title'/></macro>"
    layout = (
        "<group delimiter='. '><names variable='author'><substitute><text macro='title'/></substitute></names>"
        "<text variable='title'/><text variable='publisher'/></group>"
    )
    item = {**BOOK, "publisher": "Pub"}
    assert cite(style_xml(layout, macros=macros), [item]) == "A Life. Pub"
    with_author = {**item, "author": [{"family": "Doe", "given": "Jo"}]}
    assert cite(style_xml(layout, macros=macros), [with_author]) == "Jo Doe. A Life. Pub"


EDITED = {**BOOK, "editor": [{"family": "Roe", "given": "Al"}], "translator": [{"family": "Poe", "given": "Bo"}]}


def test_names_a_substitute_printed_are_not_printed_again():
    layout = (
        "<group delimiter='. '><names variable='author'><substitute><names variable='editor'/></substitute></names>"
        "<text variable='title'/><names variable='editor translator' prefix='by '/></group>"
    )
    assert cite(style_xml(layout), [EDITED]) == "Al Roe. A Life. by Bo Poe"


def test_the_first_name_list_of_a_choose_in_a_substitute_wins():
    layout = (
        "<group delimiter='. '><names variable='author'><substitute><choose><if type='book'>"
        "<names variable='editor'/><names variable='translator'/></if></choose></substitute></names>"
        "<text variable='title'/><names variable='translator' prefix='trans. '/></group>"
    )
    assert cite(style_xml(layout), [EDITED]) == "Al Roe. A Life. trans. Bo Poe"


def test_a_name_list_a_substitute_macro_printed_is_not_printed_again_in_it():
    macros = "<macro name='ed'><names variable='editor' suffix=' (ed.)'/><names variable='editor'/></macro>"
    layout = "<names variable='author'><substitute><text macro='ed'/></substitute></names>"
    assert cite(style_xml(layout, macros=macros), [EDITED]) == "Al Roe (ed.)"


@pytest.mark.parametrize(("label", "expected"), [("page", "A Life, 427\u2013430"), ("chapter", "A Life, 427\u201330")])
def test_a_page_locator_takes_the_page_range_format(label, expected):
    style = style_xml(
        "<group delimiter=', '><text variable='title'/><text variable='locator'/></group>",
        attributes='page-range-format="expanded"',
    )
    assert cite(style, [BOOK], [{"id": "a", "locator": "427-30", "label": label}]) == expected


def test_a_date_a_substitute_printed_is_not_printed_again():
    macros = (
        "<macro name='title'><text variable='title' suffix=', '/>"
        "<date variable='issued' form='text' date-parts='year'/></macro>"
    )
    layout = (
        "<group delimiter='. '><names variable='author'><substitute><text macro='title'/></substitute></names>"
        "<date variable='issued' form='numeric' date-parts='year'/></group>"
    )
    item = {**BOOK, "issued": {"date-parts": [[1992]]}}
    assert cite(style_xml(layout, macros=macros), [item]) == "A Life, 1992"
    with_author = {**item, "author": [{"family": "Doe", "given": "Jo"}]}
    assert cite(style_xml(layout, macros=macros), [with_author]) == "Jo Doe. 1992"
