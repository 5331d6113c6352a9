"""Disambiguation, cite grouping and collapsing, decided inside the CSL layer (CSL 1.0.2)."""

from __future__ import annotations

import pytest

from trialbib.render import engine


def item(key: str, family: str, given: str, year: int, title: str, **extra):  # type: ignore[no-untyped-def]
    data = {
        "id": key,
        "type": "article-journal",
        "title": title,
        "author": [{"family": family, "given": given}],
        "container-title": "J Test",
        "issued": {"date-parts": [[year]]},
        "language": "en",
    }
    data.update(extra)
    return data


SAME_YEAR = [
    item("smith2016b", "Smith", "John", 2016, "Beta study"),
    item("smith2016a", "Smith", "John", 2016, "Alpha study"),
    item("doe2019", "Doe", "Jane", 2019, "Gamma study"),
]


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIALBIB_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_he_cites_collapse_by_author_in_apa(bib):
    cite = engine.render_citation(bib.items, ["he2016lowdose", "he2019efficacy"], "apa")
    assert cite.text == "(He et al., 2016, 2019)"


def test_same_author_same_year_gets_year_suffixes_in_list_and_cites():
    entries = engine.render_bibliography(SAME_YEAR, "apa", cache=False)
    by_key = {e.key: e.text for e in entries}
    assert by_key["smith2016a"].startswith("Smith, J. (2016a). Alpha study.")
    assert by_key["smith2016b"].startswith("Smith, J. (2016b). Beta study.")
    assert "(2019)." in by_key["doe2019"]
    assert engine.render_citation(SAME_YEAR, ["smith2016a"], "apa").text == "(Smith, 2016a)"
    both = engine.render_citation(SAME_YEAR, ["smith2016b", "smith2016a", "doe2019"], "apa")
    assert both.text == "(Doe, 2019; Smith, 2016a, 2016b)"


def test_different_authors_get_their_names_not_suffixes():
    items = [
        item("a", "Smith", "John", 2016, "Alpha"),
        item("b", "Smith", "Anna", 2016, "Beta"),
    ]
    assert engine.render_citation(items, ["a", "b"], "apa").text == "(A. Smith, 2016; J. Smith, 2016)"
    assert all("2016)" in e.text for e in engine.render_bibliography(items, "apa", cache=False))


def test_warm_cache_follows_a_new_same_year_item(cache_dir):
    first = engine.render_bibliography(SAME_YEAR[1:], "apa")
    assert [e.text for e in first] == [e.text for e in engine.render_bibliography(SAME_YEAR[1:], "apa", cache=False)]
    assert "(2016)." in {e.key: e.text for e in first}["smith2016a"]
    warm = engine.render_bibliography(SAME_YEAR, "apa")  # smith2016a was cached without a suffix
    cold = engine.render_bibliography(SAME_YEAR, "apa", cache=False)
    assert [(e.key, e.text, e.html) for e in warm] == [(e.key, e.text, e.html) for e in cold]
    assert "(2016a)." in {e.key: e.text for e in warm}["smith2016a"]


CSLM = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="zh-CN">
  <info><title>bilingual</title><id>bilingual</id></info>
  <citation><layout><text variable="title"/></layout></citation>
  <bibliography>
    <layout locale="en">
      <text variable="title" suffix=" (English layout)"/>
    </layout>
    <layout>
      <text variable="title" suffix="（中文）"/>
    </layout>
  </bibliography>
</style>
"""


def test_cslm_layout_locale_picks_the_layout_by_item_language():
    from trialbib.render.styles import StyleSource

    source = StyleSource("bilingual", "bilingual.csl", CSLM.encode())
    items = [
        item("en", "Smith", "John", 2016, "An English title"),
        item("zh", "张", "三", 2016, "中文题名", language="zh-CN"),
    ]
    texts = [e.text for e in engine.render_bibliography(items, source, cache=False)]
    assert texts == ["An English title (English layout)", "中文题名（中文）"]


def test_subsequent_author_substitute_in_mla():
    items = [
        item("a", "Smith", "John", 2016, "Alpha study"),
        item("b", "Smith", "John", 2017, "Beta study"),
        item("c", "Doe", "Jane", 2019, "Gamma study"),
    ]
    texts = [e.text for e in engine.render_bibliography(items, "modern-language-association", cache=False)]
    assert texts[0].startswith("Doe, Jane.")
    assert texts[1].startswith("Smith, John.")
    assert texts[2].startswith("———. “Beta Study.”")


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        pytest.param("1-22", "pp. 1–22", id="longer-last-page"),
        pytest.param("321-328", "pp. 321–28", id="minimal-two"),
        pytest.param("101-108", "pp. 101–08", id="two-digits"),
    ],
)
def test_page_range_format_minimal_two_in_mla(pages, expected):
    items = [item("a", "Smith", "John", 2016, "Alpha", page=pages)]
    assert expected in engine.render_bibliography(items, "modern-language-association", cache=False)[0].text


def test_title_case_and_punctuation_inside_quotes_as_citeproc_js():
    items = [item("a", "Smith", "John", 2016, "Time-to-target plots after low-dose IL-2")]
    text = engine.render_bibliography(items, "chicago-author-date", cache=False)[0].text
    assert "“Time-to-Target Plots after Low-Dose IL-2.” J Test" in text


@pytest.mark.parametrize(
    "variable", ["container-author", "collection-editor", "original-author", "director", "reviewed-author"]
)
def test_every_name_variable_renders(variable):
    from trialbib.render.styles import StyleSource

    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        f"<bibliography><layout><names variable='{variable}'><name/></names>"
        "<text variable='title' prefix='. '/></layout></bibliography></style>"
    )
    data = {"id": "a", "type": "book", "title": "T", variable: [{"family": "Doe", "given": "Jane"}]}
    entries = engine.render_bibliography([data], StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert entries[0].text == "Jane Doe. T"


@pytest.mark.parametrize(
    ("language", "title", "expected"),
    [
        pytest.param("zh-CN", "题名", "题名[M]. 2 版.", id="zh"),
        pytest.param("en", "Title", "Title[M]. 2nd ed.", id="en"),
    ],
)
def test_ordinals_follow_the_items_locale_in_gb7714_2015(language, title, expected):
    data = {
        "id": "a",
        "type": "book",
        "title": title,
        "edition": "2",
        "language": language,
        "author": [{"family": "张", "given": "三"}],
        "publisher": "出版社",
        "publisher-place": "北京",
        "issued": {"date-parts": [[2019]]},
    }
    style = "china-national-standard-gb-t-7714-2015-numeric"
    assert expected in engine.render_bibliography([data], style, cache=False)[0].text


def test_title_case_of_elisions_and_dashes():
    items = [item("a", "Smith", "John", 2016, "A tour d'horizon of mixed–integer follow-up")]
    text = engine.render_bibliography(items, "chicago-author-date", cache=False)[0].text
    assert "“A Tour d’horizon of Mixed–Integer Follow-Up.”" in text


def test_straight_quotes_become_typographic():
    items = [item("a", "Smith", "John", 2016, 'The "big data" revolution in Sjögren\'s syndrome')]
    text = engine.render_bibliography(items, "apa", cache=False)[0].text
    assert "The “big data” revolution in Sjögren’s syndrome." in text


def test_same_author_same_year_initials_only_rule_gives_suffixes_in_apa():
    items = [
        item("a", "Broyden", "C. G.", 1970, "Part one"),
        item("b", "Broyden", "Charles G.", 1970, "Part two"),
    ]
    texts = [e.text for e in engine.render_bibliography(items, "apa", cache=False)]
    assert texts[0].startswith("Broyden, C. G. (1970a).")
    assert texts[1].startswith("Broyden, C. G. (1970b).")


def test_names_inside_choose_within_substitute_inherit_the_parent_name():
    from trialbib.render.styles import StyleSource

    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>t</title><id>t</id></info><citation><layout><text variable='title'/></layout></citation>"
        "<bibliography><layout><names variable='author'>"
        "<name name-as-sort-order='all' initialize-with=''><name-part name='family' text-case='uppercase'/></name>"
        "<substitute><choose><if type='book'><names variable='editor'/></if></choose></substitute>"
        "</names><text variable='title' prefix='. '/></layout></bibliography></style>"
    )
    data = {"id": "a", "type": "book", "title": "T", "editor": [{"family": "Doe", "given": "Jane"}]}
    entries = engine.render_bibliography([data], StyleSource("t", "t.csl", xml.encode()), cache=False)
    assert entries[0].text == "DOE, J. T"


def test_parallel_render_disambiguates_like_a_sequential_one(monkeypatch):
    items = SAME_YEAR * 1 + [item(f"x{i}", "Roe", "Ann", 2000 + i % 3, f"Title {i}") for i in range(9)]
    sequential = [(e.key, e.text) for e in engine.render_bibliography(items, "apa", cache=False)]
    monkeypatch.setattr(engine, "PARALLEL_MIN", 4)
    monkeypatch.setattr(engine, "SLICE", 3)
    monkeypatch.setenv("TRIALBIB_JOBS", "2")
    parallel = [(e.key, e.text) for e in engine.render_bibliography(items, "apa", cache=False)]
    assert parallel == sequential
    assert any("(2000a)." in text for _, text in parallel)
    assert any("(2016b)." in text for _, text in parallel)
