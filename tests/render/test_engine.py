"""The reference list regenerated from references.bib."""

from __future__ import annotations

import re

import pytest

from trialbib.api import render
from trialbib.errors import StyleError


def test_gb7714_numbers_24_entries_in_article_order(bib):
    entries = render(bib)
    assert [e.number for e in entries] == list(range(1, 25))
    assert [e.key for e in entries] == bib.keys
    for entry, item in zip(entries, bib.items, strict=True):
        assert re.match(rf"^\[{entry.number}\]", entry.text)
        assert item["title"] in entry.text
        assert item["container-title"] in entry.text


def test_et_al_shown_where_the_data_truncates(bib):
    entries = render(bib)
    assert "Shao M，et al. " in entries[0].text
    assert "Gallo R. " in entries[3].text
    assert "et al" not in entries[3].text


@pytest.mark.parametrize("style", ["apa", "vancouver", "nature", "american-medical-association"])
def test_other_styles_render_every_entry(bib, style):
    entries = render(bib, style=style)
    assert len(entries) == 24
    assert {e.key for e in entries} == set(bib.keys)


def test_custom_order_numbers(bib):
    order = list(reversed(bib.keys))
    entries = render(bib, order=order)
    assert entries[0].key == bib.keys[-1]
    assert entries[0].text.startswith("[1]")


def test_unknown_style_suggests():
    from trialbib.render.engine import load_style

    with pytest.raises(StyleError, match="unknown style 'vancuover'"):
        load_style("vancuover")


def test_gb7714_repairs_visible_on_the_article(bib):
    entries = render(bib, style="gb7714-2015")
    assert entries[4].text.startswith("[5] MIZEL S B, FARRAR J J. Revised nomenclature")
    assert "helper factors[J]. Cell Immunol, 1979, 48(2): 433-436." in entries[4].text
    assert entries[0].text.startswith("[1] HE J, ZHANG R, SHAO M, et al. ")


def test_sorted_style_numbers_in_list_order(bib):
    entries = render(bib, style="apa")
    assert [e.number for e in entries] == list(range(1, 25))
    assert entries[0].key == "an2019absolute"
    assert entries[-1].key == "zhao2018fine"


def test_style_is_parsed_once_per_locale(bib):
    from trialbib.render.engine import _parse_style

    render(bib, style="nature")
    before = _parse_style.cache_info().misses
    render(bib, style="nature")
    assert _parse_style.cache_info().misses == before


@pytest.mark.parametrize(
    ("keys", "style", "expected"),
    [
        pytest.param(["he2016lowdose", "he2019efficacy"], "gb7714-2015", "[1,2]", id="two-not-collapsed"),
        pytest.param(["zhang2018low", "zhang2018therapeutic"], "gb7714-2015", "[19,20]", id="19-20"),
        pytest.param(
            ["mizel1979revised", "he2016lowdose", "he2019efficacy", "rosenzwajg2019immunological"],
            "article",
            "[1-3,5]",
            id="range-sorted",
        ),
        pytest.param(
            ["he2019efficacy", "he2016lowdose", "rosenzwajg2019immunological"],
            "gb7714-2015",
            "[1\u20133]",
            id="en-dash",
        ),
        # APA's primary-name-with-initials rule: the list has two first authors Shao (Q. and M.)
        pytest.param(["he2019efficacy", "shao2019progress"], "apa", "(He et al., 2019; Q. Shao & Gao, 2019)", id="apa"),
    ],
)
def test_citations(bib, keys, style, expected):
    from trialbib.render.engine import render_citation

    assert render_citation(bib.items, keys, style).text == expected


def test_citation_unknown_key(bib):
    from trialbib.errors import UsageError
    from trialbib.render.engine import render_citation

    with pytest.raises(UsageError, match="no reference with key 'nope'"):
        render_citation(bib.items, ["nope"], "gb7714")
