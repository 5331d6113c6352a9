"""CSL behaviours the layer takes from citeproc-js, each on small cases of our own."""

from __future__ import annotations

import pytest

from trialbib.render import engine
from trialbib.render.csl.initials import initialize_with
from trialbib.render.styles import StyleSource


def _names_style(name_attributes: str) -> StyleSource:
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        f"<bibliography><layout><names variable='author'><name {name_attributes}/></names>"
        "</layout></bibliography></style>"
    )
    return StyleSource("t", "t.csl", xml.encode())


@pytest.mark.parametrize(
    ("given", "mark", "normalize_only", "expected"),
    [
        pytest.param("John Maynard", ". ", False, "J. M.", id="words"),
        pytest.param("ME", ". ", False, "M.", id="capitals-one-initial"),
        pytest.param("Ph.M.E.", ". ", False, "Ph. M. E.", id="abbreviation-kept"),
        pytest.param("Me.", ". ", False, "Me.", id="abbreviation-alone"),
        pytest.param("M E.", "", False, "ME", id="no-mark"),
        pytest.param("M.E", ". ", True, "M. E.", id="false-normalises"),
        pytest.param("John M.E.", " ", True, "John M E", id="false-keeps-words"),
        pytest.param("Ph. M.E.", ".", True, "Ph.M.E.", id="false-period"),
        pytest.param("张", ". ", False, "张", id="cjk-untouched"),
    ],
)
def test_initials_follow_citeproc_js(given, mark, normalize_only, expected):
    assert initialize_with(given, mark, normalize_only) == expected


@pytest.mark.parametrize(
    ("attributes", "given", "expected"),
    [
        pytest.param('initialize-with=". "', "Ph.M.E.", "Ph. M. E. Doe", id="true"),
        pytest.param('initialize-with=". " initialize="false"', "John M.E", "John M. E. Doe", id="false"),
        pytest.param('initialize-with="" name-as-sort-order="all"', "M E.", "Doe, ME", id="empty-mark"),
    ],
)
def test_initials_in_a_render(attributes, given, expected):
    data = {"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe", "given": given}]}
    entries = engine.render_bibliography([data], _names_style(attributes), cache=False)
    assert entries[0].text == expected


def test_apa_keeps_an_abbreviated_given_name():
    data = {"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe", "given": "Ph. M."}]}
    entries = engine.render_bibliography([data], "apa", cache=False)
    assert entries[0].text.startswith("Doe, Ph. M.")


@pytest.mark.parametrize(
    ("page", "range_format", "expected"),
    [
        pytest.param("1536-38", "minimal", "1536\u20138", id="minimal-short-last"),
        pytest.param("1536-1538", "minimal-two", "1536\u201338", id="minimal-two"),
        pytest.param("N110 - N5", "expanded", "N110\u2013N115", id="expanded-prefix"),
        pytest.param("N110-5", "expanded", "N110-5", id="prefix-on-one-side-as-written"),
        pytest.param("110-P5", "minimal", "110-P5", id="different-prefixes"),
        pytest.param("321-28", "chicago-16", "321\u201328", id="chicago-16"),
        pytest.param("321-28", "chicago", "321\u201328", id="chicago-15"),
        pytest.param("1100-1113", "chicago-16", "1100\u20131113", id="chicago-hundreds"),
        pytest.param("71-72", "chicago-16", "71\u201372", id="chicago-under-100"),
        pytest.param("110-5", None, "110\u20135", id="no-format-as-written"),
        pytest.param("12-15, 20", "minimal", "12\u20135, 20", id="list"),
    ],
)
def test_page_range_format_follows_citeproc_js(page, range_format, expected):
    fmt = f' page-range-format="{range_format}"' if range_format else ""
    xml = (
        f'<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text"{fmt}>'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        "<bibliography><layout><text variable='page'/></layout></bibliography></style>"
    )
    data = {"id": "a", "type": "book", "title": "T", "page": page}
    entries = engine.render_bibliography([data], StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert entries[0].text == expected


def _term_style(style_class: str, where: str) -> StyleSource:
    layout = "<layout><text term='anonymous'/><text variable='title' prefix=' '/></layout>"
    plain = "<layout><text variable='title'/></layout>"
    citation, bibliography = (layout, plain) if where == "citation" else (plain, layout)
    xml = (
        f'<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="{style_class}" default-locale="en-US">'
        f"<info><title>t</title><id>t</id></info><citation>{citation}</citation>"
        f"<bibliography>{bibliography}</bibliography></style>"
    )
    return StyleSource("t", "t.csl", xml.encode())


@pytest.mark.parametrize(
    ("style_class", "where", "expected"),
    [
        pytest.param("note", "citation", "Anonymous T", id="note-cite"),
        pytest.param("in-text", "citation", "anonymous T", id="in-text-cite-as-is"),
        pytest.param("in-text", "bibliography", "Anonymous T", id="in-text-entry"),
    ],
)
def test_a_term_printed_first_is_capitalised(style_class, where, expected):
    data = {"id": "a", "type": "book", "title": "T"}
    source = _term_style(style_class, where)
    if where == "citation":
        text = engine.render_citation([data], ["a"], source).text
    else:
        text = engine.render_bibliography([data], source, cache=False)[0].text
    assert text == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param('"Big data" in medicine', "\u201c\u2018Big data\u2019 in medicine\u201d", id="straight-double"),
        pytest.param("\u201cBig data\u201d in medicine", "\u201c\u2018Big data\u2019 in medicine\u201d", id="curly"),
        pytest.param(
            "A 'so-called \"gold\" standard'",
            "\u201cA \u2018so-called \u201cgold\u201d standard\u2019\u201d",
            id="two-levels",
        ),
        pytest.param("Sjögren's syndrome", "\u201cSjögren\u2019s syndrome\u201d", id="apostrophe-untouched"),
    ],
)
def test_quotes_inside_a_quoted_title_flip(title, expected):
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="en-US">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        "<bibliography><layout><text variable='title' quotes='true'/></layout></bibliography></style>"
    )
    data = {"id": "a", "type": "book", "title": title}
    entries = engine.render_bibliography([data], StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert entries[0].text == expected


def test_single_quotes_at_the_top_of_a_field_become_the_outer_marks():
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="en-US">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        "<bibliography><layout><text variable='title'/></layout></bibliography></style>"
    )
    data = {"id": "a", "type": "book", "title": "'Nobody knows you're a dog': a study"}
    entries = engine.render_bibliography([data], StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert entries[0].text == "\u201cNobody knows you\u2019re a dog\u201d: a study"


@pytest.mark.parametrize(
    ("family", "given", "expected"),
    [
        pytest.param("van Gogh", "Vincent", ("Gogh", "Vincent", None, "van"), id="non-dropping"),
        pytest.param("Humboldt", "Alexander von", ("Humboldt", "Alexander", "von", None), id="dropping"),
        pytest.param("van der Vlist", "Eric", ("Vlist", "Eric", None, "van der"), id="two-words"),
        pytest.param("al-One", "Alan", ("One", "Alan", None, "al-"), id="hyphenated"),
        pytest.param("de La Fontaine", "Jean", ("La Fontaine", "Jean", None, "de"), id="capital-after"),
        pytest.param("McDonald", "Ann Marie", ("McDonald", "Ann Marie", None, None), id="none"),
    ],
)
def test_particles_are_read_from_typed_names(family, given, expected):
    from trialbib.render.csl.particles import parse

    assert parse(family, given) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        pytest.param({"family": "van Gogh", "given": "Vincent"}, "Gogh, Vincent van", id="demoted"),
        pytest.param({"family": "al-One", "given": "Alan"}, "One, Alan al-", id="hyphen-demoted"),
        pytest.param({"family": '"Van Dyke"', "given": "Dick"}, "Van Dyke, Dick", id="quoted-as-written"),
        pytest.param(
            {"family": "van Gogh", "given": "Vincent", "parse-names": False}, "van Gogh, Vincent", id="no-parse"
        ),
    ],
)
def test_particles_in_an_inverted_name(name, expected):
    style = _names_style('name-as-sort-order="all"')
    data = {"id": "a", "type": "book", "title": "T", "author": [name]}
    assert engine.render_bibliography([data], style, cache=False)[0].text == expected


def test_a_joining_particle_takes_no_space():
    data = {"id": "a", "type": "book", "title": "T", "author": [{"family": "al-One", "given": "Alan"}]}
    assert engine.render_bibliography([data], _names_style(""), cache=False)[0].text == "Alan al-One"


@pytest.mark.parametrize(
    ("affixes", "expected"),
    [
        pytest.param("", "(1\u20133, 5)", id="bare-numbers"),
        pytest.param("prefix='[' suffix=']'", "([1]\u2013[3], [5])", id="bracketed-numbers"),
    ],
)
def test_citation_numbers_with_affixes_collapse(affixes, expected):
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="en-US">'
        "<info><title>t</title><id>t</id></info>"
        "<citation collapse='citation-number'><sort><key variable='citation-number'/></sort>"
        f"<layout delimiter=', ' prefix='(' suffix=')'><text variable='citation-number' {affixes}/></layout>"
        "</citation><bibliography><layout><text variable='title'/></layout></bibliography></style>"
    )
    items = [{"id": k, "type": "book", "title": k} for k in "abcde"]
    cite = engine.render_citation(items, ["a", "b", "c", "e"], StyleSource("t", "t.csl", xml.encode()))
    assert cite.text == expected


@pytest.mark.parametrize(
    ("style_class", "attributes", "expected"),
    [
        pytest.param("note", "", "Doe 2000a;b;2001", id="note-layout-delimiter"),
        pytest.param("note", "year-suffix-delimiter=','", "Doe 2000a,b;2001", id="year-suffix-delimiter"),
        pytest.param("in-text", "cite-group-delimiter=', '", "Doe 2000a, b, 2001", id="cite-group-delimiter"),
        pytest.param("in-text", "", "Doe 2000a;b, 2001", id="in-text-default"),
    ],
)
def test_year_suffix_collapse_delimiters(style_class, attributes, expected):
    xml = (
        f'<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="{style_class}" default-locale="en-US">'
        "<info><title>t</title><id>t</id></info>"
        f"<citation collapse='year-suffix' disambiguate-add-year-suffix='true' {attributes}>"
        "<layout delimiter=';'><group delimiter=' '><names variable='author'><name form='short'/></names>"
        "<date variable='issued'><date-part name='year'/></date></group></layout></citation>"
        "<bibliography><sort><key variable='title'/></sort><layout><text variable='title'/></layout></bibliography>"
        "</style>"
    )
    author = [{"family": "Doe", "given": "Jo"}]
    items = [
        {"id": k, "type": "book", "title": k, "author": author, "issued": {"date-parts": [[year]]}}
        for k, year in (("a", 2000), ("b", 2000), ("c", 2001))
    ]
    cite = engine.render_citation(items, ["a", "b", "c"], StyleSource("t", "t.csl", xml.encode()))
    assert cite.text == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param(
            "employee pro-environmental behavior", "Employee Pro-Environmental Behavior", id="stop-word-first"
        ),
        pytest.param("time-to-target plots", "Time-to-Target Plots", id="stop-word-inside"),
        pytest.param(
            "traits\u2014self-esteem and stability\u2014with jobs",
            "Traits\u2014Self-Esteem and Stability\u2014with Jobs",
            id="em-dash",
        ),
    ],
)
def test_title_case_around_hyphens_and_dashes(title, expected):
    from citeproc.string import String

    from trialbib.render.csl.textcase import title_case

    assert str(title_case(String(title))) == expected


@pytest.mark.parametrize(
    ("order", "authors", "expected"),
    [
        pytest.param("first", 2, "Doe, Jo, and Al Roe", id="first-inverted"),
        pytest.param("first", 3, "Doe, Jo, Al Roe and Bo Poe", id="last-but-one-not-inverted"),
        pytest.param("all", 2, "Doe, Jo, and Roe, Al", id="all-inverted"),
    ],
)
def test_delimiter_precedes_last_after_inverted_name(order, authors, expected):
    style = _names_style(
        f'name-as-sort-order="{order}" and="text" delimiter=", " delimiter-precedes-last="after-inverted-name"'
    )
    people = [{"family": "Doe", "given": "Jo"}, {"family": "Roe", "given": "Al"}, {"family": "Poe", "given": "Bo"}]
    data = {"id": "a", "type": "book", "title": "T", "author": people[:authors]}
    assert engine.render_bibliography([data], style, cache=False)[0].text == expected


@pytest.mark.parametrize(
    ("title", "quoted", "expected"),
    [
        pytest.param("Why \u2018GSA\u2019 is wrong", "false", "Why \u2018GSA\u2019 is wrong.", id="typed-curly-kept"),
        pytest.param("This is 'The One'", "true", "\u201cThis is \u2018The One.\u2019\u201d", id="inner-takes-period"),
    ],
)
def test_quotes_typed_in_a_field(title, quoted, expected):
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" default-locale="en-US">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        f"<bibliography><layout><text variable='title' quotes='{quoted}' suffix='.'/></layout></bibliography></style>"
    )
    data = {"id": "a", "type": "book", "title": title}
    entries = engine.render_bibliography([data], StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert entries[0].text == expected
