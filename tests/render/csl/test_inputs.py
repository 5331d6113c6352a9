"""CSL-JSON input conventions (csl.inputs), on items of our own."""

from __future__ import annotations

import pytest

from trialbib.render import csl
from trialbib.render.csl.inputs import citation_label, normalised


@pytest.mark.parametrize(
    ("zotero", "csl_name"),
    [("journalAbbreviation", "container-title-short"), ("shortTitle", "title-short")],
)
def test_zotero_s_names_are_the_csl_variables(zotero, csl_name):
    item = {"id": "a", "type": "article-journal", zotero: "Short"}
    assert normalised(item)[csl_name] == "Short"
    assert zotero not in normalised(item)
    kept = {**item, csl_name: "Own"}
    assert normalised(kept)[csl_name] == "Own"


def test_variables_typed_in_the_note():
    note = (
        "container-title: Annals\nreviewed-author: Hall || W.C.\nreviewed-author: Acme Ltd\n"
        "issued: 2004-10-01/2004-10-14"
    )
    item = normalised({"id": "a", "type": "book", "note": note})
    assert item["container-title"] == "Annals"
    assert item["reviewed-author"] == [{"family": "Hall", "given": "W.C."}, {"literal": "Acme Ltd"}]
    assert item["issued"] == {"date-parts": [[2004, 10, 1], [2004, 10, 14]]}


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        pytest.param("See also: the appendix", None, id="not-a-variable"),
        pytest.param("A remark first\ncontainer-title: Annals", "Annals", id="after-a-first-line"),
        pytest.param("A remark\nmore text\ncontainer-title: Annals", None, id="after-text"),
        pytest.param("Read {:container-title: Annals} too", "Annals", id="inline"),
    ],
)
def test_only_leading_note_lines_naming_a_csl_variable_count(note, expected):
    assert normalised({"id": "a", "type": "book", "note": note}).get("container-title") == expected


def test_an_item_s_own_value_wins_over_the_note():
    item = normalised({"id": "a", "type": "book", "title": "Own", "note": "title: Other"})
    assert item["title"] == "Own"


def test_the_engine_reader_applies_them():
    source = csl.CiteProcJSON([{"id": "a", "type": "book", "journalAbbreviation": "J Ex"}])
    assert str(source["a"]["container_title_short"]) == "J Ex"


def _people(*families: str) -> list[dict[str, str]]:
    return [{"family": family, "given": "A"} for family in families]


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        pytest.param(_people("Doe"), "Doe65", id="one-name-four-letters"),
        pytest.param(_people("Roe", "Noakes"), "RoNo65", id="two-names-two-letters"),
        pytest.param(_people("Doe", "Roe", "Smith"), "DoRS65", id="three-names"),
        pytest.param(_people("Doe", "Roe", "Smith", "Noakes", "Able"), "DRSN65", id="four-or-more"),
        pytest.param(_people("van Dijk"), "Dijk65", id="lower-case-particle-dropped"),
        pytest.param([{"literal": "The Acme Group"}], "Acme65", id="literal-without-article"),
    ],
)
def test_citation_label_from_names(names, expected):
    item = {"id": "a", "type": "book", "author": names, "issued": {"date-parts": [[1965]]}}
    assert citation_label(item) == expected


def test_citation_label_from_the_title_without_names_or_date():
    assert citation_label({"id": "a", "type": "book", "title": "new era"}) == "Newe00"


def test_an_item_s_own_citation_label_is_kept():
    assert normalised({"id": "a", "type": "book", "citation-label": "Own"})["citation-label"] == "Own"
