"""Printed references to fields, in the forms the cross-check reads, and never a crash."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trialbib.crosscheck.parse import parse_list, parse_reference, split_entries

CASES = [
    pytest.param(
        "[2] He J, Zhang X, Wei Y , et al. Low-dose IL-2[J]. Nat Med, 2016,22(9):991-993.",
        {"number": 2, "authors": ("He J", "Zhang X", "Wei Y"), "truncated": True, "title": "Low-dose IL-2"}
        | {"type_code": "J", "online": False, "container": "Nat Med", "year": "2016", "volume": "22", "issue": "9"}
        | {"pages": "991-993", "form": "gbt", "unread": None},
        id="gbt-house",
    ),
    pytest.param(
        "[2] HE J, ZHANG X, WEI Y, 等. Low-dose IL-2[J/OL]. Nat Med, 2016, 22(9): 991-993. DOI:10.1038/nm.4148.",
        {"authors": ("HE J", "ZHANG X", "WEI Y"), "truncated": True, "online": True, "volume": "22", "issue": "9"}
        | {"pages": "991-993", "doi": "10.1038/nm.4148", "unread": None},
        id="gbt-standard",
    ),
    pytest.param(
        "[1] He J, Shao M , et al. Efficacy[J/OL]. Ann Rheum Dis, 2019, 9(2019-09-19)[2019-10-01]. .",
        {"online": True, "year": "2019", "volume": "9", "issue": "2019-09-19", "accessed": "2019-10-01"},
        id="gbt-garbled-online-first",
    ),
    pytest.param(
        "[1] He J. Efficacy[J/OL]. Ann Rheum Dis, 2019(2019-09-19)[2019-10-01]. DOI:10.1136/x-1.",
        {"online_date": "2019-09-19", "accessed": "2019-10-01", "volume": None, "doi": "10.1136/x-1"},
        id="gbt-online-first",
    ),
    pytest.param(
        "[7] Sakaguchi S, Wing K, Miyara M . Regulatory T cells[J]. Eur J Immunol, 2007,37(Suppl 1):116-123.",
        {"authors": ("Sakaguchi S", "Wing K", "Miyara M"), "truncated": False, "issue": "Suppl 1"},
        id="gbt-supplement",
    ),
    pytest.param(
        "[9] Zhao Z. Fine tuning[J]. Int Immunopharmacol, 2018,56:269-276.",
        {"volume": "56", "issue": None, "pages": "269-276"},
        id="gbt-no-issue",
    ),
    pytest.param(
        "[16] Zhao XY. Prophylactic use[J]. Oncoimmunology, 2016,5(12):e1250992.",
        {"pages": "e1250992"},
        id="gbt-article-number",
    ),
    pytest.param(
        "[3] 张三, 李四, 王五, 等. 低剂量白细胞介素2[J]. 中华医学杂志, 2012, 92(13): 1-3.",
        {"authors": ("张三", "李四", "王五"), "truncated": True, "container": "中华医学杂志", "pages": "1-3"},
        id="gbt-chinese",
    ),
    pytest.param(
        "[4] 陈登原. 国史旧闻: 第1卷[M]. 北京: 中华书局, 2000: 29.",
        {"type_code": "M", "place": "北京", "publisher": "中华书局", "container": None, "year": "2000", "pages": "29"},
        id="gbt-book",
    ),
    pytest.param(
        "[5] 吴云芳. 面向中文信息处理的现代汉语并列结构研究[D]. 北京: 北京大学, 2003.",
        {"type_code": "D", "place": "北京", "publisher": "北京大学", "year": "2003"},
        id="gbt-thesis",
    ),
    pytest.param(
        "[12] Smith J. Some chapter[M]//Jones K, Lee M. A Book. London: Press, 2010: 1-9.",
        {"title": "Some chapter", "editors": ("Jones K", "Lee M"), "container": "A Book", "place": "London"}
        | {"publisher": "Press", "year": "2010", "pages": "1-9", "unread": None},
        id="gbt-chapter",
    ),
    pytest.param(
        "[6] 萧钰. 出版业信息化迈入快车道[EB/OL]. (2001-12-19)[2002-04-15]. http://www.creader.com/news/20011219/200112190019.html.",
        {"type_code": "EB", "online": True, "online_date": "2001-12-19", "accessed": "2002-04-15"}
        | {"url": "http://www.creader.com/news/20011219/200112190019.html", "unread": None},
        id="gbt-eb-ol",
    ),
    pytest.param(
        "3. Rosenzwajg M, Lorenzon R, Cacoub P, et al. Immunological effects. Ann Rheum Dis. 2019;78(2):209-17.",
        {"number": 3, "authors": ("Rosenzwajg M", "Lorenzon R", "Cacoub P"), "truncated": True}
        | {"title": "Immunological effects", "container": "Ann Rheum Dis", "year": "2019", "volume": "78"}
        | {"issue": "2", "pages": "209-17", "form": "vancouver", "type_code": None},
        id="vancouver",
    ),
    pytest.param(
        "1.He J, Zhang R. Efficacy: a trial. Ann Rheum Dis. 2019Sep19. doi:10.1136/x PubMed PMID: 31537547.",
        {"number": 1, "title": "Efficacy: a trial", "year": "2019", "doi": "10.1136/x", "pmid": "31537547"},
        id="vancouver-citeproc-online",
    ),
    pytest.param(
        "Morgan DA, Gallo R. Selective growth. Is it? Science. 1976;193(4257):1007-8.",
        {"number": None, "title": "Selective growth. Is it?", "container": "Science", "pages": "1007-8"},
        id="vancouver-unnumbered-title-with-sentences",
    ),
]


@pytest.mark.parametrize(("text", "fields"), CASES)
def test_parse_reference(text, fields):
    entry = parse_reference(text)
    assert {name: getattr(entry, name) for name in fields} == fields


def test_unreadable_source_is_kept_not_guessed():
    entry = parse_reference("[7] Sakaguchi S. Regulatory T cells[J]. vol 37 suppl 1 pages 116 to 123")
    assert entry.title == "Regulatory T cells"
    assert entry.unread == "vol 37 suppl 1 pages 116 to 123"
    assert entry.container is None


def test_text_with_no_form_at_all_is_unread():
    entry = parse_reference("see the supplementary material")
    assert entry.unread == "see the supplementary material"
    assert entry.container is None
    assert entry.year is None


def test_numbered_list_joins_continuation_lines():
    text = (
        "[1] He J. A title that is bro-\nken[J]. Nat Med, 2016,22(9):991-993.\n"
        "\n[2] Li J. Other[J]. Nature, 2016,533:110-114.\n"
    )
    assert split_entries(text) == [
        (1, "[1] He J. A title that is broken[J]. Nat Med, 2016,22(9):991-993."),
        (4, "[2] Li J. Other[J]. Nature, 2016,533:110-114."),
    ]
    first, second = parse_list(text)
    assert (first.line, first.title, second.number, second.line) == (1, "A title that is broken", 2, 4)


PASTED = [
    pytest.param(
        "1. Imbens G, Wager S. Optimized regression discontinuity designs. Review of Eco-\n"
        "nomics and Statistics. 2019 May;101(2):264-78.\n2. Li J. Other. Nature. 2016;533:110-4.\n",
        [
            "1. Imbens G, Wager S. Optimized regression discontinuity designs. Review of Economics and "
            "Statistics. 2019 May;101(2):264-78.",
            "2. Li J. Other. Nature. 2016;533:110-4.",
        ],
        id="numbered-dot-hyphenated",
    ),
    pytest.param(
        "[1] Yamasue E. Title[J]. Materials Transactions, 2007, 48(9): 2353-2357. DOI: 10.2320/matertrans.MAW\n"
        "200781.\n[2] Li J. Other[J]. Nature, 2016, 533: 110-114.\n",
        [
            "[1] Yamasue E. Title[J]. Materials Transactions, 2007, 48(9): 2353-2357. "
            "DOI: 10.2320/matertrans.MAW200781.",
            "[2] Li J. Other[J]. Nature, 2016, 533: 110-114.",
        ],
        id="doi-broken-over-a-number-line",
    ),
    pytest.param(
        "[1] Li J. Other[J]. Nature,\n2016, 533: 110-114.\n[2] He J. A title[J]. Nat Med,\n2016, 22(9): 991-993.\n",
        ["[1] Li J. Other[J]. Nature, 2016, 533: 110-114.", "[2] He J. A title[J]. Nat Med, 2016, 22(9): 991-993."],
        id="more-lines-than-references",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PASTED)
def test_list_pasted_from_a_pdf_is_joined_back(text, expected):
    assert [entry for _, entry in split_entries(text)] == expected


def test_unnumbered_list_is_one_reference_per_line():
    entries = parse_list("He J. A[J]. Nat Med, 2016,22(9):991-993.\nLi J. B[J]. Nature, 2016,533:110-114.\n")
    assert [(e.number, e.position, e.label) for e in entries] == [(None, 1, "#1"), (None, 2, "#2")]


def test_empty_text_has_no_entries():
    assert parse_list("") == []
    assert parse_list("\n  \n") == []


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300))
def test_random_text_never_crashes_the_parser(text):
    for entry in parse_list(text):
        assert entry.text.strip()


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "[1]",
                "1.",
                "He J",
                ",",
                ".",
                " ",
                "et al",
                "等",
                "[J/OL]",
                "[J]",
                "(",
                ")",
                ":",
                ";",
                "2019",
                "-",
                "DOI:",
                "10.1/x",
                "[2019-10-01]",
                "Nat Med",
            ]
        ),
        max_size=40,
    ).map("".join)
)
def test_reference_shaped_noise_never_crashes_the_parser(text):
    entry = parse_reference(text)
    assert entry.text == text


def test_ligatures_and_non_breaking_spaces_of_a_pdf_are_plain_text():
    entry = parse_reference(
        "1.\u00a0Wilson J\u00a0S. Assessing the Beneﬁts of Trade Facilitation[J]. World Econ, 2005, 28(6): 841-871."
    )
    assert (entry.number, entry.authors, entry.title) == (
        1,
        ("Wilson J S",),
        "Assessing the Benefits of Trade Facilitation",
    )


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        pytest.param(
            ("x. https://doi.org/10.1/a.", "DOI:10.1/a."), "x. https://doi.org/10.1/a. DOI:10.1/a.", id="doi-label"
        ),
        pytest.param(("x. https:/", "/doi.org/10.1/a."), "x. https://doi.org/10.1/a.", id="url-broken-in-scheme"),
        pytest.param(("doi:10.1080/0022449", "PubMed PMID: 1."), "doi:10.1080/0022449 PubMed PMID: 1.", id="pubmed"),
    ],
)
def test_links_broken_over_lines(lines, joined):
    text = f"[1] {lines[0]}\n{lines[1]}\n[2] B.\n"
    assert split_entries(text)[0][1] == f"[1] {joined}"
