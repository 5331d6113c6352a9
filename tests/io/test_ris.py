"""RIS export read by rispy itself (not through our reader), and RIS import."""

from __future__ import annotations

import pytest
import rispy

from trialbib.io.export import export_items, trial_links
from trialbib.io.ris import _parse_name, parse_ris, write_ris
from trialbib.io.zotero import csl_types


@pytest.fixture(scope="module")
def records(bib, trials):  # type: ignore[no-untyped-def]
    return rispy.loads(write_ris(bib.items, trial_links(trials))[0])


def test_rispy_reads_all_24_records(records):
    assert len(records) == 24
    assert all(r["type_of_reference"] == "JOUR" for r in records)


def test_tags_of_an_online_first_item(records):
    first = records[0]
    assert first["id"] == "he2019efficacy"
    assert first["authors"] == ["He, J.", "Zhang, R.", "Shao, M."]
    assert first["journal_name"] == first["secondary_title"] == "Ann Rheum Dis"  # JO and T2
    assert first["date"] == "2019/09/19/"  # DA
    assert first["access_date"] == "2019/10/01/"  # Y2
    assert first["doi"] == "10.1136/annrheumdis-2019-215396"  # DO
    assert first["language"] == "en"
    assert "volume" not in first
    # one N1 of Extra lines for Zotero, which reads continuation lines into it; rispy lists each line
    assert first["notes"] == [
        "PMID: 31537547",
        "status: advance online publication",
        "trialbib-author-truncated: true",
        "tex.finalcitation: Ann Rheum Dis, 2020, 79(1): 141-149",
        "trialbib-trial: table1 row 1: SLE",
    ]


def test_pages_split_into_sp_and_ep(records):
    assert (records[1]["start_page"], records[1]["end_page"]) == ("991", "993")
    assert records[23]["start_page"] == "e15094"
    assert "end_page" not in records[23]


def test_shipped_data_round_trips(bib):
    assert parse_ris(write_ris(bib.items)[0]).items == bib.items


def test_export_warns_what_only_a_note_holds(bib):
    warnings = export_items(bib.items, "ris").warnings
    assert "ris has no tag for PMID: kept in an N1 note of 12 entries (he2019efficacy, " in warnings[0]
    assert any(
        w.startswith("ris has no tag for custom.author-truncated: kept in an N1 note of 19 entries") for w in warnings
    )


def test_reads_a_plain_ris_record_without_our_notes():
    text = (
        "TY  - JOUR\nAU  - van Beethoven, Ludwig, Jr.\nAU  - World Health Organization\nTI  - A title\n"
        "JO  - Nat Med\nJ2  - Nat. Med.\nPY  - 2016\nSP  - S116\nEP  - S123\nN1  - Read this.\nER  - \n"
    )
    bib = parse_ris(text, "x.ris")
    item = bib.items[0]
    assert item["id"] == ""  # no ID tag: the importer gives it a key by the rule
    assert item["author"] == [
        {"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van", "suffix": "Jr."},
        {"literal": "World Health Organization"},
    ]
    assert item["container-title"] == "Nat Med"
    assert item["container-title-short"] == "Nat. Med."
    assert item["issued"] == {"date-parts": [[2016]]}
    assert item["page"] == "S116-S123"
    assert item["note"] == "Read this."


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Le Duff, F.", {"family": "Le Duff", "given": "F."}),
        ("de la Fuente, X", {"family": "Fuente", "given": "X", "non-dropping-particle": "de la"}),
        ("张, 三", {"family": "张", "given": "三"}),
        ("Plato, ", {"family": "Plato"}),
    ],
)
def test_ris_names(text, name):
    assert _parse_name(text) == name


@pytest.mark.parametrize("ctype", sorted(csl_types()), ids=str)
def test_every_csl_type_survives_ris(ctype):
    """A type with no RIS tag travels as Zotero's ``type:`` Extra line in N1."""
    item = {"id": "k", "citation-key": "k", "type": ctype, "title": "T", "archive_location": "Box 1", "scale": "1:5"}
    (back,) = parse_ris(write_ris([item])[0], "x.ris").items
    assert back == item
