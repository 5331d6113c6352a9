"""The name algorithm of CSL 1.0.2 (csl/names.py), on small cases whose output the specification fixes."""

from __future__ import annotations

import pytest

from trialbib.render import engine
from trialbib.render.styles import StyleSource


def _style(name: str, style_attributes: str = "", names_attributes: str = "") -> StyleSource:
    xml = (
        f'<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text" {style_attributes}>'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        f"<bibliography><layout><names variable='author' {names_attributes}>{name}</names>"
        "</layout></bibliography></style>"
    )
    return StyleSource("t", "t.csl", xml.encode())


def _render(style: StyleSource, *authors: dict[str, object], fmt: str = "text") -> str:
    data = {"id": "a", "type": "book", "title": "T", "author": list(authors)}
    entry = engine.render_bibliography([data], style, cache=False, fmt=fmt)[0]
    return entry.html if fmt == "html" else entry.text


FONTAINE = {
    "given": "Jean",
    "dropping-particle": "de",
    "non-dropping-particle": "La",
    "family": "Fontaine",
    "suffix": "III",
}


@pytest.mark.parametrize(
    ("name", "style_attributes", "expected"),
    [
        pytest.param(
            '<name><name-part name="family" prefix="(" suffix=")"/>'
            '<name-part name="given" prefix="[" suffix="]"/></name>',
            "",
            "[Jean] (de La Fontaine III)",
            id="display-order-family-affixes-enclose-particles-and-suffix",
        ),
        pytest.param(
            '<name name-as-sort-order="all"><name-part name="family" prefix="(" suffix=")"/>'
            '<name-part name="given" prefix="[" suffix="]"/></name>',
            'demote-non-dropping-particle="never"',
            "(La Fontaine), [Jean de], III",
            id="inverted-never-demoted",
        ),
        pytest.param(
            '<name name-as-sort-order="all"><name-part name="family" prefix="(" suffix=")"/>'
            '<name-part name="given" prefix="[" suffix="]"/></name>',
            "",
            "(Fontaine), [Jean de La], III",
            id="inverted-demoted-particle-with-given",
        ),
        pytest.param(
            '<name><name-part name="family" text-case="uppercase"/></name>',
            "",
            "Jean de LA FONTAINE III",
            id="family-case-skips-the-dropping-particle",
        ),
        pytest.param('<name form="short"/>', "", "La Fontaine", id="short-form"),
    ],
)
def test_name_parts_in_their_order(name, style_attributes, expected):
    assert _render(_style(name, style_attributes), FONTAINE) == expected


def test_each_particle_is_formatted_on_its_own():
    name = '<name name-as-sort-order="all"><name-part name="given" font-style="italic"/></name>'
    style = _style(name, 'demote-non-dropping-particle="never"')
    html = _render(style, {"given": "Hans", "dropping-particle": "von", "family": "Doe"}, fmt="html")
    assert "<i>Hans</i> <i>von</i>" in html


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        pytest.param(
            {"family": "Doe", "given": "Jeffrey", "suffix": "Jr.", "comma-suffix": True},
            "Jeffrey Doe, Jr.",
            id="comma-suffix",
        ),
        pytest.param({"family": "Doe", "given": "John, III"}, "John Doe III", id="suffix-typed-after-a-comma"),
        pytest.param({"family": "Doe", "given": "John,! Jr."}, "John Doe, Jr.", id="suffix-typed-with-comma-bang"),
        pytest.param(
            {"family": "Jones", "given": "John", "dropping-particle": "d'"},
            "John d\u2019Jones",
            id="apostrophe-particle-joins",
        ),
        pytest.param(
            {"family": "Jones", "given": "John", "dropping-particle": "de'"},
            "John de\u2019 Jones",
            id="de-apostrophe-keeps-space",
        ),
    ],
)
def test_suffixes_particles_and_lone_names(author, expected):
    assert _render(_style("<name/>"), author) == expected


def test_a_given_name_alone_is_not_initialized():
    assert _render(_style('<name initialize-with=". "/>'), {"given": "Banksy"}) == "Banksy"


def test_non_breaking_affix_takes_the_place_of_the_space():
    name = '<name><name-part name="given" suffix="\u00a0"/></name>'
    assert "John\u00a0Doe" in _render(_style(name), {"family": "Doe", "given": "John"}, fmt="html")


@pytest.mark.parametrize(
    ("and_term", "expected"),
    [
        pytest.param("and", "Doe and Roe", id="word-with-spaces"),
        pytest.param("\u05d5", "Doe\u05d5Roe", id="non-latin-term-without-spaces"),
    ],
)
def test_and_term_spacing(and_term, expected):
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        f'<info><title>t</title><id>t</id></info><locale><terms><term name="and">{and_term}</term></terms></locale>'
        "<citation><layout><text variable='title'/></layout></citation>"
        "<bibliography><layout><names variable='author'><name and='text'/></names></layout></bibliography></style>"
    )
    style = StyleSource("t", "t.csl", xml.encode())
    assert _render(style, {"family": "Doe"}, {"family": "Roe"}) == expected


def test_after_inverted_name_ignores_an_organisation():
    name = (
        '<name name-as-sort-order="all" and="symbol" delimiter-precedes-last="after-inverted-name"'
        ' initialize-with=". "/>'
    )
    style = _style(name)
    assert _render(style, {"literal": "Acme Commission"}, {"literal": "Zeta Office"}) == "Acme Commission & Zeta Office"
    assert _render(style, {"family": "Doe", "given": "Al"}, {"family": "Roe", "given": "Bo"}) == "Doe, A., & Roe, B."


def test_count_adds_the_names_of_every_variable():
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        '<bibliography et-al-min="4" et-al-use-first="3"><layout>'
        "<names variable='author editor'><name form='count'/></names></layout></bibliography></style>"
    )
    people = [{"family": name} for name in ("Doe", "Roe", "Poe", "Moe")]
    data = {"id": "a", "type": "book", "title": "T", "author": people, "editor": people[:2]}
    entries = engine.render_bibliography([data], StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert entries[0].text == "5"  # 3 authors shown (et al. after 3 of 4) and 2 editors
