"""Import merging: matching, conflicts, keys, and editing the .bib text in place."""

from __future__ import annotations

import json
import shutil

import pytest

from paths import DATA, ROOT
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.csljson import write_csljson
from trialbib.merge import import_into, merge_items

INTERCHANGE = DATA / "interchange"

BIB = """% my references
@article{smith2020gene,
  author = {Smith, A. and Jones, B.},
  title = {Gene therapy},
  journal = {Nature},
  year = {2020},
  doi = {10.1000/ABC},
}

% a comment between entries
@book{doe1999book, author={Doe, J.}, title={A book}, year=1999, publisher={P}}
"""


def item(**fields):  # type: ignore[no-untyped-def]
    return {"type": "article-journal", **fields}


@pytest.mark.parametrize(
    ("incoming", "matched_by"),
    [
        pytest.param(item(id="x", DOI="https://doi.org/10.1000/abc", title="Other"), "DOI", id="doi-normalised"),
        pytest.param(item(id="x", PMID="42", title="Other"), "PMID", id="pmid"),
        pytest.param(
            item(id="x", title="GENE therapy!", author=[{"family": "Smith"}], issued={"date-parts": [[2020]]}),
            "title, year and first author",
            id="title-year-author",
        ),
    ],
)
def test_matching(incoming, matched_by):
    existing = parse_bibtex(BIB).items
    existing[0] = {**existing[0], "PMID": "42"}
    merge = merge_items(existing, [incoming])
    assert merge.outcomes[0].key == "smith2020gene"
    assert merge.outcomes[0].matched_by == matched_by


def test_title_markup_does_not_stop_a_match():
    """``\\emph{In vivo}`` reads as ``<i>In vivo</i>``; Zotero's export of the same work has no tags."""
    existing = parse_bibtex(
        "@article{lee2019, author = {Lee, K.}, title = {\\emph{In vivo} CD4$^+$ gene therapy}, year = {2019}}"
    ).items
    assert existing[0]["title"] == "<i>In vivo</i> CD4<sup>+</sup> gene therapy"
    incoming = item(
        id="x", title="In vivo CD4+ gene therapy", author=[{"family": "Lee"}], issued={"date-parts": [[2019]]}
    )
    merge = merge_items(existing, [incoming])
    assert (merge.outcomes[0].key, merge.outcomes[0].matched_by) == ("lee2019", "title, year and first author")


def test_differing_field_is_a_conflict_unless_overwrite():
    existing = parse_bibtex(BIB).items
    incoming = [item(id="smith", DOI="10.1000/abc", title="Gene therapy, revised", volume="5")]
    kept = merge_items(existing, incoming)
    assert kept.outcomes[0].action == "conflict"
    assert kept.outcomes[0].conflicts == [("title", "Gene therapy", "Gene therapy, revised")]
    assert kept.outcomes[0].added == ["volume"]
    assert kept.items[0]["title"] == "Gene therapy"
    assert kept.items[0]["volume"] == "5"
    taken = merge_items(existing, incoming, overwrite=True)
    assert taken.outcomes[0].action == "updated"
    assert taken.outcomes[0].changed == ["title"]
    assert taken.items[0]["title"] == "Gene therapy, revised"
    assert existing[0]["title"] == "Gene therapy"  # the input is not changed


@pytest.mark.parametrize(
    ("incoming_id", "expected"),
    [
        pytest.param("mykey", "mykey", id="free-key-kept"),
        pytest.param("smith2020gene", "smith2020genea", id="taken-key-replaced-by-rule"),
        pytest.param("", "smith2020genea", id="no-key-gets-rule-key"),
        pytest.param("http://zotero.org/items/AB", "smith2020genea", id="url-is-not-a-key"),
    ],
)
def test_keys_of_new_entries(incoming_id, expected):
    existing = parse_bibtex(BIB).items
    new = item(id=incoming_id, title="Gene editing", author=[{"family": "Smith"}], issued={"date-parts": [[2020]]})
    merge = merge_items(existing, [new])
    assert (merge.outcomes[0].action, merge.outcomes[0].key) == ("new", expected)


def test_import_edits_in_place_and_keeps_comments(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text(BIB, encoding="utf-8")
    source = tmp_path / "in.json"
    source.write_text(
        write_csljson(
            [
                {**parse_bibtex(BIB).items[0], "title": "Gene therapy, revised", "volume": "5"},
                item(id="new2021", title="New", author=[{"family": "New"}], issued={"date-parts": [[2021]]}),
            ]
        ),
        encoding="utf-8",
    )
    result = import_into(source, target, overwrite=True)
    assert [o.action for o in result.merge.outcomes] == ["updated", "new"]
    text = target.read_text("utf-8")
    assert text == BIB.replace("{Gene therapy}", "{Gene therapy, revised}").replace(
        "  doi = {10.1000/ABC},\n", "  doi = {10.1000/ABC},\n  volume    = {5},\n"
    ) + ("\n@article{new2021,\n  author    = {New},\n  title     = {New},\n  year      = {2021},\n}\n")
    assert (tmp_path / "refs.bib~").read_text("utf-8") == BIB


def test_dry_run_writes_nothing_and_shows_a_diff(tmp_path):
    target = tmp_path / "refs.bib"
    target.write_text(BIB, encoding="utf-8")
    source = tmp_path / "in.json"
    source.write_text(write_csljson([{**parse_bibtex(BIB).items[1], "edition": "2"}]), encoding="utf-8")
    result = import_into(source, target, dry_run=True)
    assert target.read_text("utf-8") == BIB
    assert not (tmp_path / "refs.bib~").exists()
    assert "+  edition   = {2}," in result.diff.splitlines()
    assert result.diff.startswith("--- ")


def test_shipped_bib_is_byte_stable_through_its_own_csljson_export(tmp_path, bib):
    target = tmp_path / "references.bib"
    shutil.copy(ROOT / "references.bib", target)
    source = tmp_path / "export.json"
    source.write_text(write_csljson(bib.items), encoding="utf-8")
    result = import_into(source, target)
    assert [o.action for o in result.merge.outcomes] == ["unchanged"] * 24
    assert not result.written
    assert target.read_bytes() == (ROOT / "references.bib").read_bytes()


def test_zotero_export_into_an_empty_bibliography_exports_the_same_data(tmp_path):
    from trialbib.io.csljson import parse_csljson

    target = tmp_path / "new.bib"
    result = import_into(INTERCHANGE / "zotero-export.json", target)
    assert [o.action for o in result.merge.outcomes] == ["new"] * 5
    assert result.backup is None  # there was no file to keep
    again = parse_csljson(write_csljson(parse_bibtex(target.read_text("utf-8")).items))
    original = parse_csljson((INTERCHANGE / "zotero-export.json").read_text("utf-8"))
    assert again.items == original.items


def test_modified_zotero_export_merges_back_with_report_and_backup(tmp_path):
    target = tmp_path / "references.bib"
    shutil.copy(ROOT / "references.bib", target)
    result = import_into(INTERCHANGE / "zotero-modified.json", target)
    lines = [o.describe() for o in result.merge.outcomes if o.action != "unchanged"]
    assert lines == [
        "updated   he2019efficacy [matched by DOI]: added issue, page, volume; trial links: table1 row 1: SLE",
        "conflict  miao2018shortterm [matched by title, year and first author]: title differs: kept"
        ' "Short-term and low-dose IL-2 therapy restores the Th17/Treg balance in the peripheral blood of patients'
        ' with primary Sjögren’s syndrome", import has "Short-term and low-dose IL-2 therapy restores the Th17/Treg'
        " balance in the peripheral blood of patients with primary Sjögren's syndrome\"; trial links: table1 row 2: SS",
        "updated   an2019absolute [matched by DOI]: added note; trial links: table1 row 3: AS",
        "new       klatzmann2015promise",
    ]
    assert (tmp_path / "references.bib~").read_bytes() == (ROOT / "references.bib").read_bytes()
    merged = parse_bibtex(target.read_text("utf-8"))
    assert not merged.problems
    assert merged.keys[-1] == "klatzmann2015promise"
    assert len(merged) == 25
    he = merged.get("he2019efficacy")
    assert (he["volume"], he["issue"], he["page"]) == ("79", "1", "141-149")
    assert merged.get("an2019absolute")["note"] == "Open access; full text in PubMed Central."
    # every entry that did not change is byte for byte where it was
    old = (ROOT / "references.bib").read_text("utf-8")
    new = target.read_text("utf-8")
    for key in ("he2016lowdose", "miao2018shortterm", "zhang2019circulating"):
        start = old.index(f"@article{{{key},")
        block = old[start : old.index("\n}\n", start) + 3]
        assert block in new


def test_two_items_of_one_incoming_file_are_never_merged():
    """Same title, year and first author (e.g. two letters to the editor): two references."""
    twin = {"title": "Reply", "author": [{"family": "Lee"}], "issued": {"date-parts": [[2019]]}}
    merge = merge_items([], [item(id="lee2019a", **twin), item(id="lee2019b", **twin, volume="2")])
    assert [(o.action, o.key) for o in merge.outcomes] == [("new", "lee2019a"), ("new", "lee2019b")]
    assert len(merge.items) == 2


def test_an_existing_entry_is_matched_by_title_once_by_doi_always():
    existing = [item(id="old", title="Reply", author=[{"family": "Lee"}], issued={"date-parts": [[2019]]})]
    twin = {"title": "Reply", "author": [{"family": "Lee"}], "issued": {"date-parts": [[2019]]}}
    merge = merge_items(existing, [item(id="a", **twin), item(id="b", **twin)])
    assert [o.action for o in merge.outcomes] == ["unchanged", "new"]
    doi = [item(id="old", DOI="10.1/x", title="T")]
    merge = merge_items(doi, [item(id="a", DOI="10.1/X"), item(id="b", DOI="https://doi.org/10.1/x")])
    assert [o.matched_by for o in merge.outcomes] == ["DOI", "DOI"]


def test_import_of_csljson_keeps_types_and_archive_fields(tmp_path):
    """Maps, newspaper articles, preprints and letters once became ``document``, losing number
    and archive fields."""
    from trialbib.io.load import read_bibliography

    extra = {"number": "12", "archive": "National Archives", "archive_location": "Box 4"}
    items = [
        {"id": f"k{i}", "type": t, "title": f"Title {i}", "issued": {"date-parts": [[2001 + i]]}, **extra}
        for i, t in enumerate(["map", "article-newspaper", "article", "personal_communication"])
    ]
    source, into = tmp_path / "zotero.json", tmp_path / "refs.bib"
    source.write_text(json.dumps(items), encoding="utf-8")
    import_into(source, into)
    back = read_bibliography(into).items
    assert [(i["type"], i["number"], i["archive"], i["archive_location"]) for i in back] == [
        (t["type"], "12", "National Archives", "Box 4") for t in items
    ]
