"""References written as styles write them are read as the same data: names, journals, dates,
APA, and the order of a manuscript. Each case is a correct print that must raise nothing
substantive, or a wrong one that must be caught."""

from __future__ import annotations

import pytest

from trialbib.crosscheck import crosscheck
from trialbib.crosscheck.compare import initials, journal_form, same_author
from trialbib.io.manuscript import scan_manuscript
from trialbib.model import Bibliography


def bib(*items: dict) -> Bibliography:
    return Bibliography(items=[{"type": "article-journal", **item} for item in items])


def substantive(text: str, data: Bibliography, **kwargs) -> list[tuple[str, str, str | None]]:  # type: ignore[no-untyped-def]
    return [(d.kind, d.field, d.printed) for d in crosscheck(text, data, **kwargs).substantive]


@pytest.mark.parametrize(
    ("printed", "author", "same"),
    [
        pytest.param("李明", {"family": "李", "given": "明"}, True, id="cjk-without-space"),
        pytest.param("黄晓东", {"family": "黄", "given": "晓东"}, True, id="cjk-two-character-given"),
        pytest.param("黄晓", {"family": "黄", "given": "晓东"}, False, id="cjk-given-cut"),
        pytest.param("MATSUOKA K", {"family": "Matsuoka", "given": "Ken-ichi"}, True, id="hyphenated-one-initial"),
        pytest.param("Matsuoka Ki", {"family": "Matsuoka", "given": "K.-i."}, True, id="hyphenated-two-initials"),
        pytest.param("Deneubourg J-L", {"family": "Deneubourg", "given": "J.-L."}, True, id="gbt2025-hyphen"),
        pytest.param("Farrar J", {"family": "Farrar", "given": "John J."}, False, id="second-name-left-out"),
        pytest.param("VEEN P H van der", {"family": "Veen", "given": "P. H. van der"}, True, id="particle-after"),
        pytest.param("van Laarhoven PJM", {"family": "Laarhoven", "given": "P. J. M."}, True, id="particle-before"),
        pytest.param("Morgan DA", {"family": "Morgan", "given": "D. A."}, True, id="initials-like-a-particle"),
        pytest.param("Manning JR", {"family": "Manning", "given": "J R"}, True, id="initials-like-a-suffix"),
        pytest.param("Arostegui Jr, M. A.", {"family": "Arostegui", "given": "M. A.", "suffix": "Jr"}, True, id="apa"),
        pytest.param("Taillard, É. D.", {"family": "Taillard", "given": "É. D."}, True, id="accented-initial"),
        pytest.param("He J", {"family": "Hu", "given": "J."}, False, id="other-family"),
    ],
)
def test_names_compared_as_written(printed, author, same):
    assert same_author(printed, author) is same


def test_initials_of_compound_names():
    assert (initials("Ken-ichi"), initials("Ken-ichi", short=True), initials("P. H. van der")) == ("Ki", "K", "PH")


def test_a_correct_gbt_list_of_chinese_names_raises_nothing():
    data = bib(
        {
            "id": "li2020",
            "title": "低剂量白介素2治疗系统性红斑狼疮",
            "author": [
                {"family": "李", "given": "明"},
                {"family": "陈", "given": "静"},
                {"family": "黄", "given": "晓东"},
            ],
            "container-title": "中华风湿病学杂志",
            "issued": {"date-parts": [[2020]]},
            "volume": "24",
            "issue": "3",
            "page": "145-150",
        }
    )
    text = "[1] 李明, 陈静, 黄晓东. 低剂量白介素2治疗系统性红斑狼疮[J]. 中华风湿病学杂志, 2020, 24(3): 145-150.\n"
    assert substantive(text, data) == []
    full_width = (
        "[1] 李明，陈静，黄晓东. 低剂量白介素2治疗系统性红斑狼疮[J]. 中华风湿病学杂志，2020，24（3）：145-150.\n"
    )
    assert substantive(full_width, data) == []  # GB/T 7714-2025's punctuation


@pytest.mark.parametrize(
    ("printed", "title"),
    [
        pytest.param("N Engl J Med", "New England Journal of Medicine", id="nejm"),
        pytest.param("Ann Rheum Dis", "Annals of the Rheumatic Diseases", id="ard"),
        pytest.param("Lancet Diabetes Endocrinol", "The Lancet Diabetes & Endocrinology", id="lancet"),
        pytest.param("J Neurol Sci", "Journal of the Neurological Sciences", id="neurol"),
    ],
)
def test_iso4_abbreviations_are_the_same_journal(printed, title):
    assert journal_form(printed, {"container-title": title})
    assert journal_form(printed.replace(" ", ". ") + ".", {"container-title": title})  # with ISO 4's points
    data = bib(
        {"id": "a", "title": "A trial", "author": [{"family": "He", "given": "J."}], "container-title": title,
         "issued": {"date-parts": [[2019]]}, "volume": "78", "page": "209-217"}
    )  # fmt: skip
    assert substantive(f"1. He J. A trial. {printed}. 2019;78:209-17.", data) == []
    assert [d[0] for d in substantive("1. He J. A trial. Nature. 2019;78:209-17.", data)] == ["wrong-value"]


def test_the_datas_own_abbreviation_and_another_journal():
    item = {"container-title": "Arthritis Research & Therapy", "container-title-short": "Arthritis Res Ther"}
    assert journal_form("Arthritis Res Ther", item)
    assert not journal_form("Arthritis Rheumatol", item)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "[1] 国家统计局. 统计公报[EB/OL]. (2023)[2024-01-02]. https://www.stats.gov.cn/a.html.", id="year"
        ),
        pytest.param(
            "[1] 国家统计局. 统计公报[EB/OL]. (2023-05)[2024-01-02]. https://www.stats.gov.cn/a.html.", id="month"
        ),
        pytest.param(
            "[1] 国家统计局. 统计公报[EB/OL]. (2023-05-06)[2024-01-02]. https://www.stats.gov.cn/a.html.", id="day"
        ),
    ],
)
def test_gbt_web_dates_in_every_precision(text):
    data = Bibliography(
        items=[
            {
                "id": "stats2023",
                "type": "webpage",
                "title": "统计公报",
                "author": [{"literal": "国家统计局"}],
                "issued": {"date-parts": [[2023, 5, 6]]},
                "accessed": {"date-parts": [[2024, 1, 2]]},
                "URL": "https://www.stats.gov.cn/a.html",
            }
        ]
    )
    assert substantive(text, data) == []


def test_a_wrong_web_date_is_still_caught():
    data = Bibliography(
        items=[{"id": "w", "type": "webpage", "title": "统计公报", "author": [{"literal": "国家统计局"}],
                "issued": {"date-parts": [[2023, 5, 6]]}, "URL": "https://a.cn/"}]
    )  # fmt: skip
    assert ("wrong-value", "online date", "2022") in substantive(
        "[1] 国家统计局. 统计公报[EB/OL]. (2022). https://a.cn/.", data
    )


APA_ITEMS = bib(
    {
        "id": "chun1997",
        "title": "Types and tokens in visual processing",
        "author": [{"family": "Chun", "given": "M. M."}],
        "container-title": "Journal of Experimental Psychology: Human Perception and Performance",
        "issued": {"date-parts": [[1997]]},
        "volume": "23",
        "page": "738-755",
    },
    {
        "id": "arostegui2006",
        "title": "An empirical comparison of tabu search",
        "author": [
            {"family": "Arostegui", "given": "M. A.", "suffix": "Jr"},
            {"family": "Kadipasaoglu", "given": "S. N."},
            {"family": "Khumawala", "given": "B. M."},
        ],
        "container-title": "International journal of production economics",
        "issued": {"date-parts": [[2006]]},
        "volume": "103",
        "issue": "2",
        "page": "742-754",
    },
)


def test_a_correct_apa_list_raises_nothing_and_a_wrong_one_is_caught():
    text = (
        "Arostegui Jr, M. A., Kadipasaoglu, S. N., & Khumawala, B. M. (2006). An empirical comparison of tabu "
        "search. International Journal of Production Economics, 103(2), 742–754.\n"
        "Chun, M. M. (1997). Types and tokens in visual processing. Journal of Experimental Psychology: Human "
        "Perception and Performance, 23, 738–755.\n"
    )
    report = crosscheck(text, APA_ITEMS)
    assert report.matched == 2
    assert report.substantive == []
    assert report.group("typography") == []
    wrong = text.replace("103(2), 742–754", "103(2), 742–745").replace("Chun, M. M.", "Chun, M. J.")
    assert set(substantive(wrong, APA_ITEMS)) == {
        ("wrong-value", "pages", "742–745"),
        ("wrong-value", "authors", "Chun, M. J."),
    }


def test_vancouver_online_markers_are_read():
    data = bib(
        {
            "id": "s",
            "title": "Social Norms and Social Roles",
            "author": [{"family": "Sunstein", "given": "C. R."}],
            "container-title": "Columbia Law Review",
            "container-title-short": "Columbia Law Rev",
            "issued": {"date-parts": [[1996]]},
            "accessed": {"date-parts": [[2012, 1, 26]]},
            "volume": "96",
            "page": "903",
            "URL": "http://www.heinonline.org/a",
        }
    )
    text = (
        "1. Sunstein CR. Social Norms and Social Roles. Columbia Law Rev [Internet]. 1996 [cited 2012 Jan 26];"
        "96:903. Available from: http://www.heinonline.org/a\n"
    )
    assert substantive(text, data) == []


ORDERED = bib(
    *(
        {"id": key, "title": title, "author": [{"family": family, "given": "A."}], "container-title": "J",
         "issued": {"date-parts": [[2019]]}, "volume": "1", "page": page}
        for key, title, family, page in (
            ("a", "Alpha trial of low-dose interleukin", "Adams", "1-2"),
            ("b", "Beta cohort of regulatory cells", "Brown", "3-4"),
            ("c", "Gamma review of autoimmune disease", "Clark", "5-6"),
        )
    )
)  # fmt: skip
LIST = (
    "[1] Adams A. Alpha trial of low-dose interleukin[J]. J, 2019, 1: 1-2.\n"
    "[2] Clark A. Gamma review of autoimmune disease[J]. J, 2019, 1: 5-6.\n"
    "[3] Brown A. Beta cohort of regulatory cells[J]. J, 2019, 1: 3-4.\n"
)


def test_order_is_never_self_contradicting():
    data = bib(
        *(
            {"id": k, "title": t, "author": [{"family": f, "given": "A."}], "container-title": "J",
             "issued": {"date-parts": [[2019]]}, "volume": "1", "page": p}
            for k, t, f, p in (
                ("a", "Alpha trial of low dose", "Adams", "1-2"), ("b", "Beta cohort of cells", "Brown", "3-4"),
                ("c", "Gamma review of disease", "Clark", "5-6"), ("d", "Delta study of mice", "Davis", "7-8"),
                ("e", "Epsilon survey of trials", "Evans", "9-10"),
            )
        )
    )  # fmt: skip
    text = (  # b left out; [3] is at its own number yet after two entries that belong after it
        "[1] Davis A. Delta study of mice[J]. J, 2019, 1: 7-8.\n"
        "[2] Evans A. Epsilon survey of trials[J]. J, 2019, 1: 9-10.\n"
        "[3] Clark A. Gamma review of disease[J]. J, 2019, 1: 5-6.\n"
        "[4] Adams A. Alpha trial of low dose[J]. J, 2019, 1: 1-2.\n"
    )
    orders = [d for d in crosscheck(text, data).differences if d.kind == "order"]
    assert [(d.label, d.printed, d.expected) for d in orders] == [("[3]", "3", "before [1], [2]"), ("[4]", "4", "1")]
    assert all(d.printed != d.expected for d in orders)


def test_order_against_a_manuscript():
    assert [d.kind for d in crosscheck(LIST, ORDERED).substantive] == ["order"]  # against the .bib
    cites_in_printed_order = scan_manuscript("First [@a], then [@c], last [@b].\n", "paper.md")
    assert crosscheck(LIST, ORDERED, manuscript=cites_in_printed_order).substantive == []
    numbers = scan_manuscript("First [1], then [3], then [2].\n", "paper.md")
    (order,) = crosscheck(LIST, ORDERED, manuscript=numbers).substantive
    assert (order.kind, order.printed, order.expected) == ("order", "3", "2")
    assert "the manuscript's order of first citation" in order.message


HELD_OUT = Bibliography(
    items=[
        {
            "id": "afzal2014",
            "type": "article-journal",
            "author": [{"family": "Afzal", "given": "Nadeem"}, {"family": "Gustafsson", "given": "Oscar"}],
            "title": "Reducing complexity and power of digital multibit error-feedback modulators",
            "container-title": "IEEE Trans. on Circuits and Systems",
            "issued": {"date-parts": [[2014]]},
            "volume": "61",
            "issue": "9",
            "page": "641-645",
            "DOI": "https://doi.org/10.1109/TCSII.2014.2331105",
        },
        {
            "id": "abbott2016",
            "type": "article-journal",
            "author": [{"family": "Abbott", "given": "B. P."}, {"family": "Abbott", "given": "R."}],
            "title": "The rate of binary black hole mergers",
            "container-title": "The Astrophysical Journal",
            "issued": {"date-parts": [[2016]]},
            "volume": "826",
            "issue": "1",
            "page": "L13",
            "DOI": "10.3847/2041-8205/826/1/l13",
        },
    ],
    source="held-out",
)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Afzal, N., & Gustafsson, O. (2014). Reducing complexity and power of digital multibit error-feedback "
            "modulators. IEEE Trans. On Circuits and Systems, 61(9), 641–645. https://doi.org/10.1109/TCSII.2014.2331105\n"
            "Abbott, B. P., & Abbott, R. (2016). The rate of binary black hole mergers. The Astrophysical Journal, "
            "826(1), L13. https://doi.org/10.3847/2041-8205/826/1/l13\n",
            id="apa-journal-abbreviated-with-full-stops",
        ),
        pytest.param(
            "[1] AFZAL N, GUSTAFSSON O. Reducing complexity and power of digital multibit error-feedback "
            "modulators[J]. IEEE Trans. on Circuits and Systems, 2014, 61(9): 641-645. "
            "DOI: https://doi.org/10.1109/TCSII.2014.2331105.\n"
            "[2] ABBOTT B P, ABBOTT R. The rate of binary black hole mergers[J/OL]. The Astrophysical Journal, "
            "2016, 826(1): L13. https://doi.org/10.3847%2F2041-8205%2F826%2F1%2Fl13.\n",
            id="gbt-doi-as-resolver-url-and-percent-escaped",
        ),
        pytest.param(
            "1.\u00a0Afzal N, Gustafsson O. Reducing complexity and power of digital multibit error-feed-\n"
            "back modulators. IEEE Trans. on Circuits and Systems. 2014;61(9):641–5. doi:10.1109/TCSII.\n"
            "2014.2331105\n"
            "2.\u00a0Abbott BP, Abbott R. The rate of binary black hole mergers. The Astrophysical Jour-\n"
            "nal. 2016;826(1):L13. doi:10.3847/2041-8205/826/1/l13\n",
            id="vancouver-pasted-from-a-pdf",
        ),
    ],
)
def test_held_out_written_forms_raise_nothing(text):
    report = crosscheck(text, HELD_OUT)
    assert report.matched == 2
    assert report.substantive == []


def test_et_al_after_a_data_list_already_cut():
    people = [{"family": f"Name{c}", "given": "A"} for c in "ABCDEFGH"]
    item = {
        "id": "k",
        "type": "article-journal",
        "author": people,
        "title": "A trial",
        "container-title": "Lancet",
        "issued": {"date-parts": [[2020]]},
        "volume": "1",
        "page": "1-2",
        "custom": {"author-truncated": True},
    }
    bib = Bibliography(items=[item], source="t")
    report = crosscheck("[1] NameA A, NameB A, NameC A, et al. A trial[J]. Lancet, 2020, 1: 1-2.\n", bib)
    assert report.substantive == []


def test_journal_abbreviation_without_full_stops_is_no_typography_finding():
    item = {
        "id": "k",
        "type": "article-journal",
        "author": [{"family": "Tome", "given": "Carlos"}],
        "title": "A type theory",
        "container-title": "Proc. ACM Program. Lang.",
        "issued": {"date-parts": [[2022]]},
        "volume": "6",
        "page": "1-29",
    }
    bib = Bibliography(items=[item], source="t")
    report = crosscheck("1. Tome C. A type theory. Proc ACM Program Lang. 2022;6:1–29.\n", bib)
    assert report.substantive == []
    assert report.group("typography") == []
    report = crosscheck("1. Tome C. A type theory. Proc ACM Progr Lang. 2022;6:1–29.\n", bib)
    assert report.group("typography") != [] or report.substantive != []
