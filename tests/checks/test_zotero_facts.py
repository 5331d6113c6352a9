"""CON003 and the BibTeX export agree with what Zotero's BibTeX import (BibTeX.js) reads."""

from __future__ import annotations

import pytest

from trialbib.checks.rules.con003_zotero_dropped import dropped


@pytest.mark.parametrize(
    "field",
    [
        pytest.param(name, id=name)
        for name in (
            "pmid", "pmcid", "language", "urldate", "lastchecked", "shortjournal", "journaltitle", "eventtitle",
            "pagetotal", "version", "subtitle", "issn", "isbn", "doi", "url", "abstract", "keywords", "file",
            "annote", "lccn", "mrnumber", "zmnumber", "howpublished", "organization", "series", "edition",
        )
    ],
)  # fmt: skip
def test_zotero_keeps(field):
    assert dropped({field: "x"}) == []


@pytest.mark.parametrize(
    "field",
    [pytest.param(name, id=name) for name in ("langid", "pubstate", "finalcitation", "timestamp", "eprintclass")],
)
def test_zotero_drops(field):
    assert dropped({field: "x"}) == [field]


@pytest.mark.parametrize(
    ("eprinttype", "kept"),
    [
        pytest.param("arxiv", True, id="arxiv"),
        pytest.param("pubmed", True, id="pubmed"),
        pytest.param("jstor", True, id="jstor"),
        pytest.param("hdl", True, id="hdl"),
        pytest.param("googlebooks", True, id="googlebooks"),
        pytest.param("ssrn", False, id="unknown-type"),
    ],
)
def test_eprint_is_kept_with_a_type_zotero_knows(eprinttype, kept):
    assert ("eprint" not in dropped({"eprint": "1234", "eprinttype": eprinttype})) is kept
    assert dropped({"eprint": "1234"}) == ["eprint"]


def test_crossref_is_structure_not_data():
    assert dropped({"crossref": "parent"}) == []
