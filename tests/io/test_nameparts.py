"""The plain-name parser gives bibtexparser's parts for every name it takes, and hands on the rest."""

from __future__ import annotations

import pytest
from bibtexparser.middlewares.names import parse_single_name_into_parts
from hypothesis import given, settings
from hypothesis import strategies as st

from trialbib.io import nameparts
from trialbib.io.nameparts import name_parts

NAMES = [
    "Smith, John A.", "John A. Smith", "van der Berg, Anna", "Anna van der Berg", "Ludwig van Beethoven",
    "Beeblebrox, IV, Zaphod", "Smith,", ", John", "a, b, c, d, e", "Smith, Jr., John, Extra", "  ", "",
    "de la Fontaine Jean", "jean de la fontaine", "Ken-ichi Tanaka", "Tanaka, Ken-ichi", "O'Neil, J.",
    "Müller, Jürgen", "ümlaut lower Upper", "1st 2nd 3rd", "Doe~John", "Doe\tJohn\nX", "Ǆemal Ǆoe",
    "A,,B", "The World Health Organization", "von", "Smith  ,  John",
    "{World Health Organization}", "M{\\\"u}ller, J.", "Jo\\~{a}o Silva", "Smith, {Jr.}, John",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_same_parts_as_bibtexparser(name: str) -> None:
    assert name_parts(name) == parse_single_name_into_parts(name, strict=False)


PIECES = [*"aZéÉ-.' ,~\t\n\r\xa0\x0b\x1c\x851ǅ", "von", "de", "Jr", "and", "Smith", "John", "van"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_same_parts_on_generated_names(name: str) -> None:
    assert name_parts(name) == parse_single_name_into_parts(name, strict=False)


# Names with braces and backslashes: real shapes from .bib files (accents, braced corporate and
# family names, escapes) and broken ones bibtexparser repairs (unbalanced braces, a trailing backslash).
BRACED_NAMES = [
    'M{\\"u}ller, J.', '{\\"O}zt{\\"u}rk, Ay{\\c{s}}e', "{\\'E}ric Dupont", "Jo{\\~a}o da Silva",
    "{World Health Organization}", "{{World Health Organization}}", "{van der Berg}, Anna",
    "Anna {van der Berg}", "{Le Duff}, X", "{\\'{E}}ric Dupont", "{\\'{e}}ric de Dupont",
    "Garc{\\'\\i}a M{\\'a}rquez, Gabriel", "{\\ss}mith jones Jones", "{\\c c}a va Bien",
    "{\\c C}a va Bien", "a {\\relax Ab} c", "{Ab {\\\"o}} x Y", "{\\ x} y Z", "{a\\O} b C",
    "\\O ster b C", "Smith\\, John", "Smith \\ John", "a\\~b c D", "{a, b}, c", "Smith}, John",
    "}Smith, John", "{Smith, John", "Smith{, John", "Smith, John\\", "{a{b{c{d}}}} e F",
    "{a{b{c}}} e F", "d{\\'e} la Cruz, Juan", "{\\relax Th}omas von Kleist", "\\relax{} a b",
    "Doe~{Jr.}, John", "{IEEE} {Computer} {Society}", "{\\'E}cole {\\'{e}}t{\\'e} Normale",
]  # fmt: skip


@pytest.mark.parametrize("name", BRACED_NAMES)
def test_same_parts_as_bibtexparser_with_braces(name: str) -> None:
    assert name_parts(name) == parse_single_name_into_parts(name, strict=False)


BROKEN = {"Smith}, John", "}Smith, John", "{Smith, John", "Smith{, John", "Smith, John\\", "{a{b{c{d}}}} e F"}


@pytest.mark.parametrize("name", [name for name in BRACED_NAMES if name not in BROKEN])
def test_well_formed_braced_names_are_read_without_bibtexparser(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """So the comparisons above test our reading, not bibtexparser's against itself."""
    expected = parse_single_name_into_parts(name, strict=False)
    monkeypatch.setattr(nameparts, "parse_single_name_into_parts", None)
    assert name_parts(name) == expected


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_braces_go_to_bibtexparser(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An unmatched or fourth-level brace, or a trailing backslash: bibtexparser's repairs are its own."""
    asked = []
    monkeypatch.setattr(nameparts, "parse_single_name_into_parts", lambda name, strict: asked.append(name) or None)
    with pytest.raises(AttributeError):  # the stand-in gives no parts
        name_parts(name)
    assert asked == [name]


BRACED_PIECES = [
    *' ,~-.\t\n', "{", "}", "\\", "\\\\", '{\\"u}', '\\"u', '\\"{U}', "{\\'{E}}", "{\\'E}", "{\\c c}", "{\\ss}",
    "{\\O}", "\\o", "{\\relax Ab}", "{\\ x}", "\\,", "\\ ", "\\{", "\\}", "\\~a", "{\\~a}",
    "{van der Berg}", "{{World Health Organization}}", "{a, b}", "{x{y{z{w}}}}", "van", "de", "der", "la",
    "Jr.", "Smith", "John", "M", "ller", "é", "É", "1",
]  # fmt: skip


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(BRACED_PIECES), max_size=12).map("".join))
def test_same_parts_on_generated_braced_names(name: str) -> None:
    assert name_parts(name) == parse_single_name_into_parts(name, strict=False)
