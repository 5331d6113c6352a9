"""CSL features citeproc-py ignores are named, once each, instead of being silently dropped."""

from __future__ import annotations

import pytest
from lxml import etree

from trialbib.render.features import ignored_features

CSL = "http://purl.org/net/xbiblio/csl"


def root(body: str, citation: str = ""):  # type: ignore[no-untyped-def]
    xml = f'<style xmlns="{CSL}" version="1.0"><citation {citation}><layout/></citation>{body}</style>'
    return etree.fromstring(xml)


@pytest.mark.parametrize(
    ("body", "citation", "purpose", "words"),
    [
        pytest.param(
            '<bibliography><layout><names variable="author"><name/><institution/></names></layout></bibliography>',
            "",
            "bibliography",
            "<institution>",
            id="institution",
        ),
    ],
)
def test_ignored_feature_named(body, citation, purpose, words):
    found = ignored_features(root(body, citation), purpose)
    assert len(found) == 1
    assert words in found[0]


@pytest.mark.parametrize(
    ("body", "citation"),
    [
        pytest.param("<bibliography><layout/></bibliography>", 'collapse="citation-number"', id="number-collapse"),
        pytest.param("<bibliography><layout/></bibliography>", 'collapse="year-suffix"', id="year-collapse"),
        pytest.param("<bibliography><layout/></bibliography>", 'disambiguate-add-year-suffix="true"', id="suffix"),
        pytest.param("<bibliography><layout/></bibliography>", 'disambiguate-add-names="true"', id="add-names"),
        pytest.param('<bibliography><layout locale="en"/><layout/></bibliography>', "", id="csl-m-layouts"),
        pytest.param('<bibliography subsequent-author-substitute="---"><layout/></bibliography>', "", id="substitute"),
    ],
)
def test_implemented_features_are_not_reported(body, citation):
    for purpose in ("citation", "bibliography"):
        assert ignored_features(root(body, citation), purpose) == []  # type: ignore[arg-type]


def test_warning_given_once_per_render(bib):
    from trialbib.api import render

    warnings = render(bib, style="apa-annotated-bibliography").warnings
    assert len(warnings) == len(set(warnings)) == 1
    assert 'display="block"' in warnings[0]
    assert render(bib, style="apa").warnings == []
