"""The classic BibTeX export writes every field Zotero's BibTeX import reads, and leaves out only
what neither BibTeX styles nor Zotero read; CON003 agrees with it field by field."""

from __future__ import annotations

import re

import pytest

from trialbib.checks.rules.con003_zotero_dropped import dropped
from trialbib.io.bibtex_write import write_bibtex

BASE = {"id": "a", "type": "article-journal", "title": "T", "container-title": "J", "issued": {"date-parts": [[2019]]}}


@pytest.mark.parametrize(
    ("model", "value", "field"),
    [
        pytest.param("PMID", "31537547", "pmid", id="pmid"),
        pytest.param("PMCID", "PMC6707765", "pmcid", id="pmcid"),
        pytest.param("language", "en", "language", id="language"),
        pytest.param("accessed", {"date-parts": [[2019, 10, 1]]}, "urldate", id="urldate"),
        pytest.param("title-short", "Short", "shorttitle", id="shorttitle"),
        pytest.param("container-title-short", "Ann Rheum Dis", "shortjournal", id="shortjournal"),
        pytest.param("event-title", "ACR 2019", "eventtitle", id="eventtitle"),
        pytest.param("number-of-pages", "320", "pagetotal", id="pagetotal"),
        pytest.param("version", "2", "version", id="version"),
    ],
)
def test_fields_zotero_reads_are_written(model, value, field):
    written = write_bibtex([{**BASE, model: value}], "bibtex")
    assert re.search(rf"^  {field}\s*= ", written.text, re.MULTILINE)
    assert written.dropped == {}
    assert dropped({field: "x"}) == []  # CON003: Zotero keeps it


@pytest.mark.parametrize(
    ("model", "value", "field"),
    [
        pytest.param("status", "advance online publication", "pubstate", id="pubstate"),
        pytest.param("original-date", {"date-parts": [[1900]]}, "origdate", id="origdate"),
        pytest.param("event-place", "Atlanta", "venue", id="venue"),
    ],
)
def test_fields_nobody_reads_in_bibtex_are_reported(model, value, field):
    written = write_bibtex([{**BASE, model: value}], "bibtex")
    assert field not in written.text
    assert written.dropped == {model: ["a"]}
    assert dropped({field: "x"}) == [field]  # CON003: Zotero drops it too
