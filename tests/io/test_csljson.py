"""CSL-JSON export and import: the schema, Zotero's Extra lines, and a Zotero export read back."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from jsonschema import Draft7Validator

from paths import DATA, ROOT
from trialbib.io.csljson import from_csljson, parse_csljson, parse_cslyaml, schema, write_csljson
from trialbib.io.export import trial_links
from trialbib.io.zotero import csl_types, csl_variables, name_variables, parse_note

INTERCHANGE = DATA / "interchange"
SHARED_SCHEMA = ROOT.parent / "shared" / "data" / "csl-data.schema.json"


@pytest.fixture(scope="module")
def exported(bib, trials):  # type: ignore[no-untyped-def]
    return json.loads(write_csljson(bib.items, trial_links(trials)))


def test_export_validates_against_the_csl_data_schema(exported):
    schema = json.loads((ROOT / "src" / "trialbib" / "data" / "csl-data.schema.json").read_text("utf-8"))
    if SHARED_SCHEMA.exists():  # the copy we ship is the published schema
        assert schema == json.loads(SHARED_SCHEMA.read_text("utf-8"))
    errors = list(Draft7Validator(schema).iter_errors(exported))
    assert errors == []
    assert len(exported) == 24


def test_note_carries_key_pmid_status_truncation_and_trials(exported):
    first = exported[0]
    assert first["note"].split("\n") == [
        "Citation Key: he2019efficacy",
        "PMID: 31537547",
        "status: advance online publication",
        "trialbib-author-truncated: true",
        "tex.finalcitation: Ann Rheum Dis, 2020, 79(1): 141-149",
        "trialbib-trial: table1 row 1: SLE",
    ]
    assert first["citation-key"] == first["id"] == "he2019efficacy"
    assert first["PMID"] == "31537547"
    last = exported[23]
    assert "PMCID: PMC6485794" in last["note"].split("\n")
    assert "trialbib-trial: table1 row 3: AS" in last["note"].split("\n")
    # betts2017il2 and zhao2016prophylactic are the two references of the GVHD row
    gvhd = [e for e in exported if "GVHD" in e["note"]]
    assert [e["id"] for e in gvhd] == ["betts2017il2", "zhao2016prophylactic"]


def test_shipped_data_round_trips_with_trial_links(bib, trials):
    links: dict[str, list[str]] = {}
    back = parse_csljson(write_csljson(bib.items, trial_links(trials)), trials=links)
    assert back.items == bib.items
    assert links == trial_links(trials)


@pytest.mark.parametrize(
    ("note", "fields", "trials", "rest"),
    [
        pytest.param("Citation Key: k1\nPMID: 123", {"id": "k1", "PMID": "123"}, [], None, id="key-and-pmid"),
        pytest.param("pmid: 123\nMy own note", {"PMID": "123"}, [], "My own note", id="case-and-user-text"),
        pytest.param(
            "original-date: 1998-03\ntex.eprintclass: q-bio",
            {"original-date": {"date-parts": [[1998, 3]]}, "custom": {"eprintclass": "q-bio"}},
            [],
            None,
            id="date-and-tex-field",
        ),
        pytest.param("trialbib-trial: table1 row 5: GVHD", {}, ["table1 row 5: GVHD"], None, id="trial"),
        pytest.param("Conclusion: it works", {}, [], "Conclusion: it works", id="unknown-key-stays"),
    ],
)
def test_parse_note(note, fields, trials, rest):
    assert parse_note(note) == (fields, trials, rest)


def test_zotero_export_reads_into_the_shipped_items(bib):
    links: dict[str, list[str]] = {}
    zotero = parse_csljson((INTERCHANGE / "zotero-export.json").read_text("utf-8"), "zotero-export.json", links)
    assert not zotero.problems
    keys = ["he2019efficacy", "he2016lowdose", "mizel1979revised", "miao2018shortterm", "an2019absolute"]
    assert zotero.keys == keys
    for item in zotero.items:
        assert item == bib.get(item["id"]), item["id"]
    assert links["an2019absolute"] == ["table1 row 3: AS"]


def test_zotero_legacy_names_and_keyless_items():
    item, _ = from_csljson(
        {
            "id": "http://zotero.org/users/local/x/items/AB",
            "type": "article-journal",
            "journalAbbreviation": "Ann Rheum Dis",
            "shortTitle": "Low-dose IL-2",
            "issued": {"date-parts": [["2019", "9"]]},
            "volume": 78,
        }
    )
    assert item["id"] == ""  # an item URL is not a key: the importer applies the key rule
    assert item["container-title-short"] == "Ann Rheum Dis"
    assert item["title-short"] == "Low-dose IL-2"
    assert item["issued"] == {"date-parts": [[2019, 9]]}
    assert item["volume"] == "78"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param('[{"id": "a", "type": "article"', "is not valid JSON", id="broken-json"),
        pytest.param('[{"id": "a", "type": "journal"}]', "item 1: type: 'journal' is not one of", id="bad-type"),
        pytest.param('"text"', "is a JSON str, not a list of CSL-JSON items", id="not-a-list"),
        pytest.param('{"id": "a"}', "is a JSON object, not a list of CSL-JSON items", id="object-not-a-list"),
    ],
)
def test_bad_csljson_is_a_problem_not_a_crash(text, message):
    bib = parse_csljson(text, "x.json")
    assert not bib.items
    assert message in bib.problems[0].message


def test_zotero_note_conventions_type_names_dates_and_key():
    """Zotero's Extra / citeproc-js conventions in ``note``: they set what the item lacks."""
    note = (
        "Citation Key: doe1850map\ntype: map\noriginal-author: Mercator || Gerardus\n"
        "original-author: Ortelius || Abraham\noriginal-date: 1570\nissued: 1850-03\nscale: 1:50000\nFound in a box"
    )
    (item,) = parse_csljson(json.dumps([{"id": "http://zotero.org/1", "type": "document", "note": note}])).items
    assert item["id"] == "doe1850map"
    assert item["type"] == "map"
    assert item["original-author"] == [
        {"family": "Mercator", "given": "Gerardus"},
        {"family": "Ortelius", "given": "Abraham"},
    ]
    assert item["original-date"] == {"date-parts": [[1570]]}
    assert item["issued"] == {"date-parts": [[1850, 3]]}
    assert item["scale"] == "1:50000"
    assert item["note"] == "Found in a box"


def test_note_lines_never_replace_the_items_own_values():
    raw = {"id": "a", "type": "book", "title": "Own", "note": "title: From note\nauthor: Org Inc"}
    (item,) = parse_csljson(json.dumps([raw])).items
    assert item["title"] == "Own"
    assert item["author"] == [{"literal": "Org Inc"}]


def test_real_better_csl_json_keeps_every_item_and_unknown_properties():
    bib = parse_csljson((DATA / "real" / "better-csl.json").read_text(encoding="utf-8"), "better-csl.json")
    assert bib.problems == []
    by_key = {item["id"]: item for item in bib.items}
    assert len(by_key) == 4
    assert by_key["holtzmannPapsturkundenEngland1935"]["custom"]["part-number"] == "1"
    leia = by_key["friends:leia:dvd"]
    assert leia["type"] == "motion_picture"
    assert leia["dimensions"]
    assert leia["medium"]
    assert leia["number"]


@pytest.mark.parametrize(
    ("issued", "expected", "warning"),
    [
        pytest.param({"date-parts": [["-334"]]}, {"date-parts": [[-334]]}, None, id="bce-year-as-text"),
        pytest.param({"date-parts": [[2014, 12, 31], [0]]}, {"date-parts": [[2014, 12, 31], [0]]}, None, id="open"),
        pytest.param({"date-parts": [[1987], [0, 0]]}, {"date-parts": [[1987], [0]]}, None, id="open-zeros"),
        pytest.param({"date-parts": [], "literal": "in press"}, {"literal": "in press"}, None, id="empty-parts"),
        pytest.param({"raw": "2019-09-19"}, {"date-parts": [[2019, 9, 19]]}, None, id="raw-iso"),
        pytest.param({"date-parts": [[2017, 21]]}, {"date-parts": [[2017, 21]]}, None, id="season"),
    ],
)
def test_dates_as_real_exports_write_them(issued, expected, warning):
    bib = parse_csljson(json.dumps([{"id": "a", "type": "book", "issued": issued}]))
    assert bib.items[0]["issued"] == expected
    assert [p.message for p in bib.problems if p.severity == "warning"] == (
        ["item 1: issued is an open range; only its start is kept"] if warning else []
    )


def test_institution_flag_makes_a_literal_name():
    raw = {"id": "a", "type": "book", "author": [{"family": "Doe Co.", "isInstitution": True}]}
    assert parse_csljson(json.dumps([raw])).items[0]["author"] == [{"literal": "Doe Co."}]


def test_csl_yaml_reads_as_csl_json():
    text = "references:\n- id: a\n  type: book\n  title: T\n  issued: 2019-09-19\n  volume: 3\n"
    (item,) = parse_cslyaml(text, "x.yaml").items
    assert item["issued"] == {"date-parts": [[2019, 9, 19]]}
    assert item["volume"] == "3"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("references: [", "is not valid YAML", id="broken"),
        pytest.param("just text", "holds no list of items", id="not-a-list"),
        pytest.param("- id: a\n  type: journal\n", "type: 'journal' is not one of", id="bad-type"),
    ],
)
def test_bad_csl_yaml_is_a_problem_not_a_crash(text, message):
    bib = parse_cslyaml(text, "x.yaml")
    assert not bib.items
    assert message in bib.problems[0].message


@pytest.mark.parametrize(
    ("issued", "expected"),
    [
        pytest.param("  - year: 2017\n    season: 3", {"date-parts": [[2017]], "season": 3}, id="one-season"),
        pytest.param(
            "  - year: 2017\n    season: 3\n  - year: 2017\n    season: 4",
            {"date-parts": [[2017, 23], [2017, 24]]},
            id="season-range",
        ),
        pytest.param(
            "  - year: -12\n    season: 1\n  - year: -13\n    season: 2",
            {"date-parts": [[-12, 21], [-13, 22]]},
            id="bce",
        ),
        pytest.param("  - year: 2017\n    month: 5", {"date-parts": [[2017, 5]]}, id="month"),
    ],
)
def test_cslyaml_dates_keep_their_seasons(issued, expected):
    """pandoc's CSL YAML gives each end of a range its own season; none is lost."""
    bib = parse_cslyaml(f"references:\n- id: a\n  type: book\n  issued:\n{issued}\n")
    assert bib.items[0]["issued"] == expected


def test_reading_and_exporting_csljson_leave_importlib_resources_unimported(tmp_path):
    """It costs ~4 ms (tempfile, shutil) of every export; only the schema look-ups need it."""
    bib = tmp_path / "refs.bib"
    bib.write_text("@book{a, title = {T}, author = {Doe, Jane}, year = {2020}}\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from trialbib.io.export import export_items\n"
        "from trialbib.io.load import load_bibliographies\n"
        f"text = export_items(load_bibliographies({str(bib)!r}).items, 'csl-json').text\n"
        "print('Citation Key: a' in text, 'importlib.resources' in sys.modules)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert done.stdout.split() == ["True", "False"]


@pytest.mark.parametrize(
    ("read", "member"),
    [(schema, "items"), (csl_variables, "title"), (csl_types, "article-journal"), (name_variables, "author")],
    ids=["schema", "variables", "types", "names"],
)
def test_schema_look_ups_still_read_the_shipped_schema(read, member):
    """They import importlib.resources themselves now (see the test above)."""
    assert member in read()


def test_exported_csljson_is_bytes_until_its_text_is_asked_for() -> None:
    from trialbib.io.export import export_items

    items = [{"id": "a", "type": "book", "title": "Ärzte – 医生"}]
    exported = export_items(items, "csl-json")
    data = exported.data
    assert isinstance(data, bytes)
    assert exported.text == data.decode("utf-8") == write_csljson(items)
    assert json.loads(data)[0]["title"] == "Ärzte – 医生"


def test_a_value_orjson_refuses_still_exports_as_text() -> None:
    from trialbib.io.export import export_items

    items = [{"id": "a", "type": "book", "number-of-pages": 1 << 70}]
    exported = export_items(items, "csl-json")
    assert json.loads(exported.text)[0]["number-of-pages"] == 1 << 70
    assert exported.data == exported.text.encode("utf-8")
