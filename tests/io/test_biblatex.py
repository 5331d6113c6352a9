"""BibTeX and BibLaTeX export, read by pybtex (an independent reader), and what each holds."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from pybtex.database import parse_string

from trialbib.io.bibtex import parse_bibtex
from trialbib.io.bibtex_write import write_bibtex
from trialbib.io.export import export_items


@pytest.fixture(scope="module")
def biblatex(bib):  # type: ignore[no-untyped-def]
    return write_bibtex(bib.items, "biblatex")


@pytest.fixture(scope="module")
def bibtex(bib):  # type: ignore[no-untyped-def]
    return write_bibtex(bib.items, "bibtex")


def test_pybtex_reads_biblatex_export(biblatex):
    data = parse_string(biblatex.text, "bibtex")
    assert list(data.entries) == [e.split("{", 1)[1].split(",", 1)[0] for e in biblatex.text.split("@")[1:]]
    first = data.entries["he2019efficacy"]
    assert first.type == "article"
    assert first.fields["journaltitle"] == "Ann Rheum Dis"
    assert first.fields["date"] == "2019-09-19"
    assert first.fields["urldate"] == "2019-10-01"
    assert first.fields["pubstate"] == "advance online publication"
    assert (first.fields["eprint"], first.fields["eprinttype"]) == ("31537547", "pubmed")
    assert first.fields["langid"] == "english"
    assert first.fields["doi"] == "10.1136/annrheumdis-2019-215396"
    assert [str(p) for p in first.persons["author"]] == ["He, J.", "Zhang, R.", "Shao, M.", "others"]
    assert data.entries["an2019absolute"].fields["pmcid"] == "PMC6485794"
    assert data.entries["he2016lowdose"].fields["pages"] == "991--993"


def test_biblatex_holds_everything(bib, biblatex):
    assert biblatex.dropped == {}
    assert parse_bibtex(biblatex.text).items == bib.items


def test_pybtex_reads_bibtex_export(bibtex):
    data = parse_string(bibtex.text, "bibtex")
    assert len(data.entries) == 24
    first = data.entries["he2019efficacy"]
    assert first.fields["journal"] == "Ann Rheum Dis"
    assert (first.fields["year"], first.fields["month"]) == ("2019", "September")  # the macro, expanded
    # what Zotero's BibTeX import reads is written (.bst styles ignore it); biblatex's langid is not
    zotero_reads = (first.fields["urldate"], first.fields["pmid"], first.fields["language"])
    assert zotero_reads == ("2019-10-01", "31537547", "english")
    assert "langid" not in first.fields
    miao = data.entries["miao2018shortterm"]
    assert r"{Sj{\"o}gren{\textquoteright}s}" in miao.fields["title"]


def test_bibtex_export_names_every_field_it_leaves_out(bib):
    warnings = export_items(bib.items, "bibtex").warnings
    assert warnings == [
        "bibtex cannot hold status: left out of 3 entries (he2019efficacy, shao2019progress, zhang2019circulating);"
        " export biblatex or csl-json to keep it",
        "bibtex cannot hold issued day: left out of 3 entries (he2019efficacy, shao2019progress, zhang2019circulating);"
        " export biblatex or csl-json to keep it",
        "bibtex cannot hold custom.finalcitation: left out of 1 entry (he2019efficacy);"
        " export biblatex or csl-json to keep it",
    ]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param(
            {"title": "50% of {IL-2} & R_D: $5 #1"},
            r"title     = {50\% of {\{IL-2\}} \& {R\_D:} \$5 \#1},",
            id="latex-specials",
        ),
        pytest.param({"page": "R795-R804"}, "pages     = {R795--R804},", id="page-range"),
        pytest.param({"page": "S116-S123"}, "pages     = {S116--S123},", id="supplement-pages"),
        pytest.param(
            {"author": [{"family": "Müller", "given": "Zoë"}, {"literal": "WHO"}]},
            r"author    = {M{\"u}ller, Zo{\"e} and {WHO}},",
            id="accents-as-latex",
        ),
        pytest.param({"title": "系统性红斑狼疮"}, "title     = {系统性红斑狼疮},", id="chinese-kept"),
        pytest.param({"issued": {"date-parts": [[2019, 9]]}}, "month     = sep,", id="month-macro"),
    ],
)
def test_bibtex_values(item, expected):
    base = {"id": "k", "type": "article-journal", "citation-key": "k"}
    assert "  " + expected in write_bibtex([{**base, **item}], "bibtex").text.split("\n")


def test_webpage_type_is_reported_in_bibtex_not_biblatex():
    item = {"id": "w", "type": "webpage", "citation-key": "w", "title": "Site", "URL": "https://x.org"}
    assert write_bibtex([item], "bibtex").dropped == {"type": ["w"]}
    written = write_bibtex([item], "biblatex")
    assert written.text.startswith("@online{w,")
    assert written.dropped == {}


def _pandoc_view(entry):  # type: ignore[no-untyped-def]
    """The fields both exports carry, as pandoc reads them (its 'others' is our truncation)."""
    keep = ("id", "type", "title", "container-title", "issued", "accessed", "volume", "issue", "page", "DOI", "status")
    view = {k: entry[k] for k in keep if k in entry}
    view["author"] = [a for a in entry["author"] if a != {"literal": "others"}]
    view["title"] = view["title"].casefold()  # pandoc capitalises a BibLaTeX title after a colon
    return view


def _pandoc() -> str | None:
    """pandoc on PATH, else the one of pypandoc-binary (the test extra installs it)."""
    try:
        import pypandoc

        return shutil.which("pandoc") or str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


PANDOC = _pandoc()


@pytest.mark.skipif(PANDOC is None, reason="no pandoc (an extra, independent reader of both exports)")
def test_pandoc_reads_csljson_and_biblatex_exports_alike(bib, tmp_path):
    from trialbib.io.csljson import write_csljson

    (tmp_path / "e.json").write_text(write_csljson(bib.items), encoding="utf-8")
    (tmp_path / "e.bib").write_text(write_bibtex(bib.items, "biblatex").text, encoding="utf-8")
    read = {}
    for name, fmt in (("e.json", "csljson"), ("e.bib", "biblatex")):
        out = subprocess.run(
            [str(PANDOC), "-f", fmt, "-t", "csljson", str(tmp_path / name)],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        read[fmt] = [_pandoc_view(e) for e in json.loads(out.stdout)]
    assert len(read["csljson"]) == 24
    assert read["csljson"] == read["biblatex"]
    by_key = {e["id"]: e for e in json.loads(out.stdout)}
    assert by_key["he2019efficacy"]["author"][-1] == {"literal": "others"}  # "and others" understood
