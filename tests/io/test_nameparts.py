"""The plain-name parser gives bibtexparser's parts for every name it takes, and hands on the rest."""

from __future__ import annotations

import pytest
from bibtexparser.middlewares.names import parse_single_name_into_parts
from hypothesis import given, settings
from hypothesis import strategies as st

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
