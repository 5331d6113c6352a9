"""Round trips as properties: model -> format -> model, over generated items of the common types.

CSL-JSON and BibLaTeX give back the very items; classic BibTeX gives back every field it can hold
(and reports the others); RIS gives back every field, the tagless ones through its N1 note.
"""

from __future__ import annotations

import copy
import json
import string
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbib.io.bibtex import parse_bibtex
from trialbib.io.bibtex_write import write_bibtex
from trialbib.io.csljson import parse_csljson, write_csljson
from trialbib.io.load import parse_bibliography
from trialbib.io.ris import parse_ris, write_ris
from trialbib.io.zotero import csl_types
from trialbib.merge import edit_bib_text, merge_items

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])

ACCENTED = "äöüéèçñøåßłÅÖÉŁ"
CHINESE = "张王李赵系统性红斑狼疮白介素治疗的研究"
SPECIALS = "{}&%$#_"
PUNCT = "-’()/+:,."

capital = st.sampled_from(string.ascii_uppercase + "ÅÖÉŁ")
lower = st.text(string.ascii_lowercase + ACCENTED.lower(), min_size=1, max_size=8)
latin_family = st.builds(lambda c, rest: c + rest, capital, lower)
chinese_word = st.text(CHINESE, min_size=1, max_size=4)
family = st.one_of(latin_family, chinese_word, st.just("Le Duff"))
given_name = st.one_of(
    st.builds(lambda c: f"{c}.", st.sampled_from(string.ascii_uppercase)),
    st.builds(lambda a, b: f"{a}. {b}.", st.sampled_from("ABCDHJ"), st.sampled_from("KLMRS")),
    latin_family,
    chinese_word,
)


@st.composite
def names(draw: Any) -> list[dict[str, str]]:
    out = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["plain", "plain", "particle", "suffix", "literal", "family-only"]))
        if kind == "literal":
            out.append({"literal": draw(st.sampled_from(["World Health Organization", "中华医学会风湿病学分会"]))})
            continue
        name = {"family": draw(family)}
        if kind != "family-only":
            name["given"] = draw(given_name)
        if kind == "particle":
            name["non-dropping-particle"] = draw(st.sampled_from(["van", "de la", "von"]))
        if kind == "suffix":
            name["suffix"] = "Jr."
        out.append(name)
    return out


word = st.one_of(
    st.text(string.ascii_letters + string.digits, min_size=1, max_size=9),
    st.text(ACCENTED + string.ascii_lowercase, min_size=1, max_size=6),
    chinese_word,
    st.text(string.ascii_letters + SPECIALS + PUNCT, min_size=1, max_size=6),
    st.sampled_from(["IL-2", "CD4+", "T", "Th17/Treg", "Sjögren’s", "50%", "R&D", "$10", "#1", "a_b", "{IL-2}"]),
)
text = st.lists(word, min_size=1, max_size=8).map(" ".join).filter(lambda t: "--" not in t)
pages = st.one_of(
    st.sampled_from(["e15094", "S116-S123", "R795-R804", "991-993", "1123", "4:1-4:56"]),
    st.builds(lambda a, b: f"{a}-{a + b}", st.integers(1, 5000), st.integers(0, 50)),
)
digits = st.integers(1, 999).map(str)
year = st.integers(1900, 2030)


@st.composite
def dates(draw: Any, precision: str | None = None) -> dict[str, Any]:
    parts = [draw(year)]
    size = {"day": 3, "month": 2, "year": 1}.get(precision or "", draw(st.integers(1, 3)))
    if size > 1:
        parts.append(draw(st.integers(1, 12)))
    if size > 2:
        parts.append(draw(st.integers(1, 28)))
    return {"date-parts": [parts]}


TYPES = ["article-journal", "book", "chapter", "paper-conference", "report", "thesis", "webpage"]


@st.composite
def items(draw: Any) -> list[dict[str, Any]]:
    keys = draw(st.lists(st.from_regex(r"[a-z][a-z0-9]{3,12}", fullmatch=True), min_size=1, max_size=4, unique=True))
    return [draw(item(key)) for key in keys]


@st.composite
def item(draw: Any, key: str) -> dict[str, Any]:
    ctype = draw(st.sampled_from(TYPES))
    out: dict[str, Any] = {"id": key, "type": ctype, "citation-key": key, "title": draw(text)}
    out["author"] = draw(names())
    online_first = ctype == "article-journal" and draw(st.booleans())
    out["issued"] = draw(dates("day" if online_first else None))
    custom: dict[str, Any] = {}
    if draw(st.booleans()):
        custom["author-truncated"] = True
    _typed_fields(draw, ctype, online_first, out)
    if draw(st.booleans()):
        out["DOI"] = "10." + draw(st.from_regex(r"[0-9]{4}/[a-z0-9._-]{1,12}", fullmatch=True))
    if draw(st.booleans()):
        out["PMID"] = draw(st.from_regex(r"[1-9][0-9]{5,7}", fullmatch=True))
        if draw(st.booleans()):
            out["PMCID"] = "PMC" + draw(st.from_regex(r"[1-9][0-9]{5,6}", fullmatch=True))
    out["language"] = draw(st.sampled_from(["en", "zh", "de", "fr", "en-US"]))
    if draw(st.booleans()):
        out["title-short"] = draw(text)
    if draw(st.booleans()):
        out["note"] = draw(text)
    if draw(st.booleans()):
        custom["reviewer"] = draw(text)
    if custom:
        out["custom"] = custom
    return out


def _typed_fields(draw: Any, ctype: str, online_first: bool, out: dict[str, Any]) -> None:
    """The fields that depend on the CSL type (and, for a journal article, on being online first)."""
    if ctype in ("article-journal", "chapter", "paper-conference", "webpage"):
        out["container-title"] = draw(text)
    if ctype == "article-journal":
        if online_first:
            out["status"] = "advance online publication"
            out["accessed"] = draw(dates("day"))
        else:
            out["volume"] = draw(digits)
            if draw(st.booleans()):
                out["issue"] = draw(st.one_of(digits, st.just("Suppl 1")))
            out["page"] = draw(pages)
        if draw(st.booleans()):
            out["container-title-short"] = draw(text)
        if draw(st.booleans()):
            out["ISSN"] = "1234-5678"
    if ctype in ("book", "chapter", "paper-conference", "report", "thesis"):
        out["publisher"] = draw(text)
        if draw(st.booleans()):
            out["publisher-place"] = draw(text)
    if ctype == "chapter":
        out["editor"] = draw(names())
        out["page"] = draw(pages)
    if ctype == "book" and draw(st.booleans()):
        out["edition"] = draw(digits)
    if ctype == "report":
        out["number"] = draw(digits)
        out["genre"] = "Technical report"
    if ctype == "thesis":
        out["genre"] = draw(st.sampled_from(["PhD thesis", "Master's thesis"]))
    if ctype == "webpage":
        out["URL"] = "https://example.org/" + draw(st.from_regex(r"[a-z0-9_%-]{1,10}", fullmatch=True))
        out["accessed"] = draw(dates("day"))


@SETTINGS
@given(items())
def test_csljson_round_trip_is_identity(generated):
    original = copy.deepcopy(generated)
    back = parse_csljson(write_csljson(generated))
    assert not back.problems
    assert back.items == original
    assert generated == original  # writing does not touch the model


@SETTINGS
@given(items())
def test_csljson_export_survives_a_zotero_style_reading(generated):
    """Through JSON text with years as strings (as Zotero writes them), the items come back."""
    data = json.loads(write_csljson(generated))
    for entry in data:
        entry["issued"]["date-parts"][0][0] = str(entry["issued"]["date-parts"][0][0])
        del entry["citation-key"]
    assert parse_csljson(json.dumps(data)).items == generated


@SETTINGS
@given(items())
def test_biblatex_round_trip_is_identity(generated):
    written = write_bibtex(generated, "biblatex")
    assert written.dropped == {}
    back = parse_bibtex(written.text)
    assert not back.problems
    assert back.items == generated


# What classic BibTeX holds: everything else is reported as left out.
BIBTEX_HOLDS = {
    "id",
    "citation-key",
    "type",
    "title",
    "author",
    "editor",
    "container-title",
    "issued",
    "volume",
    "issue",
    "number",
    "page",
    "publisher",
    "publisher-place",
    "edition",
    "genre",
    "note",
    "DOI",
    "URL",
    "ISSN",
    # not printed by .bst styles, but read by Zotero's BibTeX import, so written
    "accessed",
    "language",
    "PMID",
    "PMCID",
    "title-short",
    "container-title-short",
    "event-title",
    "number-of-pages",
    "version",
}


def _bibtex_view(item: dict[str, Any]) -> dict[str, Any]:
    """What a BibTeX reading of ``item`` should give: held fields, the date cut to year and month."""
    out = {k: v for k, v in item.items() if k in BIBTEX_HOLDS}
    out["issued"] = {"date-parts": [item["issued"]["date-parts"][0][:2]]}
    if item.get("custom", {}).get("author-truncated"):
        out["custom"] = {"author-truncated": True}
    if item["type"] == "webpage":
        out["type"] = "document"
    return out


@SETTINGS
@given(items())
def test_bibtex_round_trip_keeps_what_bibtex_holds_and_reports_the_rest(generated):
    written = write_bibtex(generated, "bibtex")
    back = parse_bibtex(written.text)
    assert not back.problems
    assert back.items == [_bibtex_view(i) for i in generated]
    for item in generated:
        expected = {k for k in item if k not in BIBTEX_HOLDS and k != "custom"}
        expected |= {f"custom.{k}" for k in item.get("custom", {}) if k != "author-truncated"}
        if len(item["issued"]["date-parts"][0]) == 3:
            expected.add("issued day")
        if item["type"] == "webpage":
            expected.add("type")
        assert {name for name, keys in written.dropped.items() if item["id"] in keys} == expected


@SETTINGS
@given(items())
def test_ris_round_trip_keeps_every_field(generated):
    text, _ = write_ris(generated)
    back = parse_ris(text)
    assert not back.problems
    assert back.items == generated


# --- every CSL type and the fields Zotero and Better BibTeX carry ---------------------------

EVERY_FIELD: dict[str, Any] = {
    "title": "Ordnance Survey of the Parish",
    "author": [{"family": "Doe", "given": "Jane"}],
    "director": [{"family": "Kubrick", "given": "Stanley"}],
    "recipient": [{"family": "Smith", "given": "John"}],
    "original-author": [{"family": "Alt", "given": "Hans"}],
    "issued": {"date-parts": [[2020, 5, 4]]},
    "original-date": {"date-parts": [[1900]]},
    "available-date": {"date-parts": [[2019, 1, 1]]},
    "accessed": {"date-parts": [[2021, 1, 2]]},
    "container-title": "The Container",
    "publisher": "Pub",
    "publisher-place": "Paris",
    "number": "12-B",
    "archive": "National Archives",
    "archive_location": "Box 4, folder 2",
    "archive-place": "London",
    "archive_collection": "Papers of J. Doe",
    "call-number": "QA76",
    "medium": "CD-ROM",
    "scale": "1:50000",
    "dimensions": "30 x 40 cm",
    "genre": "Topographic map",
    "status": "in press",
    "original-title": "Der Titel",
    "section": "Sports",
    "source": "Library catalog",
    "authority": "Court of Appeal",
    "jurisdiction": "US",
    "volume": "3",
    "page": "10-20",
    "edition": "2",
    "version": "1.2",
    "collection-title": "Series",
    "collection-number": "7",
    "event-title": "Conf",
    "event-place": "Rome",
    "DOI": "10.1000/x1",
    "URL": "https://example.org/a",
    "language": "en",
    "note": "A note",
}


def _every_field(ctype: str, **more: Any) -> dict[str, Any]:
    item = {"id": "k", "citation-key": "k", "type": ctype, **EVERY_FIELD, **more}
    if ctype == "article":
        del item["status"]  # Better BibTeX's preprint: pubstate = {prepublished}
    return item


@pytest.mark.parametrize("ctype", sorted(csl_types()), ids=str)
@pytest.mark.parametrize("issue", [None, "4"], ids=["no-issue", "issue"])
def test_every_type_and_field_survives_biblatex(ctype, issue):
    item = _every_field(ctype, **({"issue": issue} if issue else {}))
    written = write_bibtex([item], "biblatex")
    assert written.dropped == {}
    back = parse_bibliography(written.text, "x.bib", "bibtex")
    assert back.problems == []
    assert back.items == [item]


@pytest.mark.parametrize("ctype", ["map", "article-newspaper", "article", "personal_communication", "dataset"], ids=str)
def test_import_into_an_empty_bib_keeps_type_and_fields(ctype):
    """What ``import`` writes (the native form) reads back as the CSL item it came from."""
    item = _every_field(ctype)
    merge = merge_items([], [item])
    text, lost = edit_bib_text("", parse_bibliography("", "x.bib", "bibtex"), merge)
    assert lost == {}
    assert parse_bibliography(text, "x.bib", "bibtex").items == [item]


@pytest.mark.parametrize(
    ("entry", "ctype"),
    [
        pytest.param("@article{k, entrysubtype = {newspaper}, title = {T}}", "article-newspaper", id="newspaper"),
        pytest.param("@article{k, entrysubtype = {magazine}, title = {T}}", "article-magazine", id="magazine"),
        pytest.param("@online{k, pubstate = {prepublished}, title = {T}}", "article", id="bbt-preprint"),
        pytest.param("@misc{k, entrysubtype = {map}, title = {T}}", "map", id="map"),
        pytest.param("@letter{k, title = {T}}", "personal_communication", id="letter"),
        pytest.param("@video{k, title = {T}}", "motion_picture", id="video"),
        pytest.param("@online{k, title = {T}}", "webpage", id="online"),
    ],
)
def test_better_bibtex_forms_read_as_csl_types(entry, ctype):
    (item,) = parse_bibliography(entry, "x.bib", "bibtex").items
    assert item["type"] == ctype
    assert "status" not in item
    assert "custom" not in item


@pytest.mark.parametrize("dialect", ["bibtex", "biblatex"], ids=str)
@pytest.mark.parametrize(
    ("item", "fields"),
    [
        pytest.param({"number": "106347"}, {"eid": "{106347}"}, id="number-alone"),
        pytest.param({"number": "106347", "issue": "4"}, {"eid": "{106347}", "number": "{4}"}, id="number-and-issue"),
        pytest.param({"issue": "4"}, {"number": "{4}"}, id="issue-alone"),
    ],
)
def test_an_articles_number_is_eid_and_its_issue_number(dialect, item, fields):
    """A serial's ``number`` is its issue in both dialects, so an article's own number is ``eid``."""
    article = {"id": "k", "citation-key": "k", "type": "article-journal", "title": "T", **item}
    written = write_bibtex([article], dialect)
    entry = dict(parse_bibtex_fields(written.text))
    assert {name: entry[name] for name in fields} == fields
    assert "issue" not in entry
    assert written.dropped == {}
    assert parse_bibliography(written.text, "x.bib", "bibtex").items == [article]


@pytest.mark.parametrize("ctype", ["article-newspaper", "article-magazine"], ids=str)
def test_newspaper_and_magazine_articles_are_articles_with_a_subtype_in_bibtex(ctype):
    item = {"id": "k", "citation-key": "k", "type": ctype, "title": "T", "container-title": "The Times"}
    written = write_bibtex([item], "bibtex")
    assert written.text.startswith("@article{k,")
    assert f"entrysubtype = {{{ctype.removeprefix('article-')}}}" in written.text
    assert written.dropped == {}
    assert parse_bibliography(written.text, "x.bib", "bibtex").items == [item]


def parse_bibtex_fields(text: str) -> list[tuple[str, str]]:
    """The ``name = value`` lines of one written entry (the writer puts one field a line)."""
    lines = [line.strip().rstrip(",") for line in text.splitlines()[1:-1]]
    return [(name.strip(), value.strip()) for name, _, value in (line.partition("=") for line in lines if "=" in line)]


@pytest.mark.parametrize(
    ("item", "field"),
    [
        pytest.param({"medium": "CD-ROM"}, "medium = {CD-ROM}", id="alone-own-field"),
        pytest.param({"medium": "CD-ROM", "publisher": "Pub"}, "howpublished = {CD-ROM}", id="beside-publisher"),
    ],
)
def test_a_medium_survives_biblatex_though_a_lone_howpublished_is_the_publisher(item, field):
    document = {"id": "k", "citation-key": "k", "type": "document", "title": "T", **item}
    written = write_bibtex([document], "biblatex")
    assert field in " ".join(written.text.split())
    assert parse_bibliography(written.text, "x.bib", "bibtex").items == [document]


@pytest.mark.parametrize(
    ("issued", "written"),
    [
        pytest.param({"date-parts": [[1984], [0]]}, "date = {1984/}", id="open-year"),
        pytest.param({"date-parts": [[2019, 9], [0]]}, "date = {2019-09/}", id="open-month"),
    ],
)
def test_an_open_range_survives_biblatex_as_edtf(issued, written):
    """CSL's open end ``[0]`` (citeproc-js prints "1984–") is EDTF's ``1984/`` in BibLaTeX."""
    item = {"id": "k", "citation-key": "k", "type": "periodical", "title": "T", "issued": issued}
    text = write_bibtex([item], "biblatex").text
    assert written in " ".join(text.split())
    assert parse_bibliography(text, "x.bib", "bibtex").items == [item]
