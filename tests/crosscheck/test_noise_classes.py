"""Correct prints of real-world shapes raise nothing substantive (issue 17's false alarms), and
a real difference next to each shape is still caught. Each print is written by hand in the
form the named style gives (gb7714-2015, gb7714-2025, vancouver, apa)."""

from __future__ import annotations

import pytest

from trialbib.crosscheck import crosscheck, parse_reference
from trialbib.crosscheck.align import letters_and_digits
from trialbib.crosscheck.parse import parse_list
from trialbib.crosscheck.terms import et_al_terms
from trialbib.model import Bibliography


def substantive(text: str, *items: dict) -> list[tuple[str, str]]:
    data = Bibliography(items=[{"type": "article-journal", "id": f"k{i}", **it} for i, it in enumerate(items)])
    return [(d.kind, d.field) for d in crosscheck(text, data).substantive]


FOUR = [
    {"family": "Monberg", "given": "R. J."},
    {"family": "Jensen", "given": "M. B."},
    {"family": "Sørensen", "given": "O. D."},
    {"family": "Ravn", "given": "H. P."},
]
DANISH = {"author": FOUR, "title": "Klimatilpasning kan berige naturen", "container-title": "Grønt Miljø"}
DANISH |= {"issued": {"date-parts": [[2014]]}, "issue": "5", "page": "26-29"}


@pytest.mark.parametrize(
    "term",
    [
        pytest.param("e.a.", id="danish"),
        pytest.param("u. a.", id="german"),
        pytest.param("et al.", id="french-english"),
        pytest.param("等", id="chinese"),
        pytest.param("他", id="japanese-gbt2025"),
        pytest.param("외", id="korean-gbt2025"),
        pytest.param("m.fl.", id="swedish"),
    ],
)
def test_et_al_of_any_locale_ends_the_author_list(term):
    """gb7714-2015 with a per-item locale: the term is the locale's "et-al"."""
    sep = "" if term.endswith(".") else "."
    names = f"MONBERG R J, JENSEN M B, SØRENSEN O D, {term}{sep}"
    text = f"[1] {names} Klimatilpasning kan berige naturen[J]. Grønt Miljø, 2014(5): 26-29."
    entry = parse_reference(text)
    assert (entry.authors, entry.truncated, entry.title) == (
        ("MONBERG R J", "JENSEN M B", "SØRENSEN O D"),
        True,
        "Klimatilpasning kan berige naturen",
    )
    assert substantive(text, DANISH) == []


def test_et_al_terms_come_from_the_locale_files():
    assert {"e.a.", "u. a.", "et al.", "等", "m.fl."} <= set(et_al_terms())


ORG = {"literal": "Vera C. Rubin Observatory Team"}
RUBIN = {
    "author": [ORG, {"family": "Acero-Cuellar", "given": "T."}, {"family": "Acosta", "given": "E."}, *FOUR],
    "title": "The Vera C. Rubin Observatory Data Preview 1",
    "container-title": "AJ",
    "issued": {"date-parts": [[2026]]},
    "volume": "171",
    "issue": "6",
    "page": "360",
}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "[1] Vera C. Rubin Observatory Team, ACERO-CUELLAR T, ACOSTA E, et al. The Vera C. Rubin Observatory "
            "Data Preview 1[J]. AJ, 2026, 171(6): 360.",
            id="gb7714-2015",
        ),
        pytest.param(
            "[1] Vera C. Rubin Observatory Team，Acero-Cuellar T，Acosta E，et al. The Vera C. Rubin Observatory "
            "Data Preview 1[J]. AJ，2026，171（6）：360.",
            id="gb7714-2025",
        ),
        pytest.param(
            "1. Vera C. Rubin Observatory Team, Acero-Cuellar T, Acosta E, Monberg RJ, Jensen MB, Sørensen OD, "
            "et al. The Vera C. Rubin Observatory Data Preview 1. AJ. 2026;171(6):360.",
            id="vancouver",
        ),
    ],
)
def test_an_organisation_with_an_initial_stays_one_author(text):
    assert parse_reference(text).authors[0] == "Vera C. Rubin Observatory Team"
    assert substantive(text, RUBIN) == []


@pytest.mark.parametrize(
    ("text", "authors"),
    [
        pytest.param("1. Smith J. Effects of X, Yang Z. J Med. 2020;1:1-2.", ("Smith J",), id="title-with-comma"),
        pytest.param(
            "1. Smith J. Effects of Drugs, Yang Z, Li K. J Med. 2020;1:1-2.", ("Smith J",), id="title-like-names"
        ),
    ],
)
def test_a_title_after_an_initial_is_not_read_as_an_organisation(text, authors):
    assert parse_reference(text).authors == authors


LUNCH = {
    "author": [{"family": "McDermott", "given": "J."}],
    "title": 'When and Why Metaheuristics Researchers can Ignore "No Free Lunch" Theorems',
    "container-title": "SN Computer Science",
    "issued": {"date-parts": [[2020]]},
    "volume": "1",
    "issue": "60",
    "page": "1-18",
}


@pytest.mark.parametrize(
    ("title", "found"),
    [
        pytest.param("When and Why Metaheuristics Researchers can Ignore “No Free Lunch” Theorems", [], id="curly"),
        pytest.param('When and Why Metaheuristics Researchers can Ignore "No Free Lunch" Theorems', [], id="straight"),
        pytest.param("When and Why Metaheuristics Researchers can Ignore „No Free Lunch“ Theorems", [], id="german"),
        pytest.param("When and Why Metaheuristics Researchers can Ignore ‘No Free Lunch’ Theorems", [], id="single"),
        pytest.param("When and Why Metaheuristics Researchers can Ignore 'No Free Lunch' Theorems", [], id="str-1"),
        pytest.param(
            "When and Why Metaheuristics Researchers Ignore “No Free Lunch” Theorems",
            [("wrong-value", "title")],
            id="word-left-out",
        ),
    ],
)
def test_typographic_quotes_are_no_wrong_title(title, found):
    text = f"[1] MCDERMOTT J. {title}[J]. SN Computer Science, 2020, 1(60): 1-18."
    assert substantive(text, LUNCH) == found


def test_a_phrase_in_single_quotes_printed_in_double_quotes_is_the_same_title():
    """citeproc-js prints the data's ``'making'`` as “making” (and ‘making’ inside quotes)."""
    item = {**LUNCH, "title": "Digital Fabrication and 'making' in Education"}
    text = "[1] MCDERMOTT J. Digital Fabrication and “making” in Education[J]. SN Computer Science, 2020, 1(60): 1-18."
    assert substantive(text, item) == []


def test_a_stop_inside_the_closing_quote_is_the_titles_end():
    """vancouver (US punctuation): ``... Cognition.” J Neurosci Methods.``"""
    item = {
        "author": [{"family": "Maess", "given": "B."}],
        "title": "Baseline Correction. Commentary on: “How Filters Produce Artefacts”",
        "container-title": "J Neurosci Methods",
        "issued": {"date-parts": [[2016]]},
        "volume": "266",
        "page": "164-165",
    }
    text = (
        "1. Maess B. Baseline Correction. Commentary on: “How Filters Produce Artefacts.” "
        "J Neurosci Methods. 2016;266:164–5."
    )
    assert substantive(text, item) == []


@pytest.mark.parametrize(
    ("printed", "same"),
    [
        pytest.param("AKSIN Ö", True, id="dotless-i-upper"),
        pytest.param("Aksın Ö", True, id="dotless-i"),
        pytest.param("AKSIM Ö", False, id="other-letter"),
    ],
)
def test_turkish_dotless_i_folds_to_i(printed, same):
    assert (letters_and_digits(printed) == letters_and_digits("Aksın Ö")) is same


NUMBERED = {
    "author": [{"family": "Maurya", "given": "A."}],
    "title": "ARA: A Flexible Pipeline",
    "container-title": "GigaScience",
    "issued": {"date-parts": [[2023]]},
    "volume": "12",
    "number": "giad067",
}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param(
            "[1] Maurya A. ARA: A Flexible Pipeline[J]. GigaScience，2023，12：giad067.", [], id="gb7714-2025"
        ),
        pytest.param("Maurya, A. (2023). ARA: A Flexible Pipeline. GigaScience, 12, Article giad067.", [], id="apa"),
        pytest.param(
            "Maurya, A. (2023). ARA: A Flexible Pipeline. GigaScience, 12, Article giad068.",
            [("wrong-value", "pages")],
            id="apa-other-number",
        ),
        pytest.param("[1] Maurya A. ARA: A Flexible Pipeline[J]. GigaScience, 2023, 12.", [], id="gb7714-2015-none"),
    ],
)
def test_an_article_number_in_the_pages_place_is_the_datas_number(text, found):
    assert substantive(text, NUMBERED) == found


@pytest.mark.parametrize(
    ("text", "item", "found"),
    [
        pytest.param(
            "[1] COLE S. Dare to Dream[J]. Journal of the American Planning Association, Autumn 2001, 67(4): 372-383.",
            {"issued": {"date-parts": [[2001]]}, "volume": "67", "issue": "4", "page": "372-383"},
            [],
            id="season-gb7714-2015",
        ),
        pytest.param(
            "1. Cole S. Dare to Dream. Journal of the American Planning Association. Autumn 2001;67(4):372–83.",
            {"issued": {"date-parts": [[2001]]}, "volume": "67", "issue": "4", "page": "372-383"},
            [],
            id="season-vancouver",
        ),
        pytest.param(
            "Cole, S. (Autumn 2001). Dare to Dream. Journal of the American Planning Association, 67(4), 372–383.",
            {"issued": {"date-parts": [[2001]]}, "volume": "67", "issue": "4", "page": "372-383"},
            [],
            id="season-apa",
        ),
        pytest.param(
            "[1] COLE S. Dare to Dream[J]. Journal of the American Planning Association, 2002, 97: 431-456, 791-823.",
            {"issued": {"date-parts": [[2002]]}, "volume": "97", "page": "431-456, 791-823"},
            [],
            id="page-ranges-gb7714-2015",
        ),
        pytest.param(
            "Cole, S. (2002). Dare to Dream. Journal of the American Planning Association, 97, 431–456, 791–823.",
            {"issued": {"date-parts": [[2002]]}, "volume": "97", "page": "431-456, 791-823"},
            [],
            id="page-ranges-apa",
        ),
        pytest.param(
            "Cole, S. (2002). Dare to Dream. Journal of the American Planning Association, 97, 431–456, 791–824.",
            {"issued": {"date-parts": [[2002]]}, "volume": "97", "page": "431-456, 791-823"},
            [("wrong-value", "pages")],
            id="page-ranges-one-wrong",
        ),
        pytest.param(
            "[1] COLE S. Dare to Dream[J]. Journal of the American Planning Association, 2002, 6(2, (1988)): 207-225.",
            {"issued": {"date-parts": [[2002]]}, "volume": "6", "issue": "2, (1988)", "page": "207-225"},
            [],
            id="issue-with-note-gb7714-2015",
        ),
        pytest.param(
            "1. Cole S. Dare to Dream. Journal of the American Planning Association. 2002;6(2, (1988)):207–25.",
            {"issued": {"date-parts": [[2002]]}, "volume": "6", "issue": "2, (1988)", "page": "207-225"},
            [],
            id="issue-with-note-vancouver",
        ),
        pytest.param(
            "1. Cole S. Dare to Dream. Journal of the American Planning Association [Internet]. 2014 "
            "[henvist 2014 Aug 4];67(4):372–83. Tilgængelig hos: http://example.org/x",
            {"issued": {"date-parts": [[2014]]}, "volume": "67", "issue": "4", "page": "372-383"}
            | {"accessed": {"date-parts": [[2014, 8, 4]]}},
            [],
            id="danish-cited-vancouver",
        ),
    ],
)
def test_dates_pages_and_issues_in_other_shapes(text, item, found):
    base = {
        "author": [{"family": "Cole", "given": "S."}],
        "title": "Dare to Dream",
        "container-title": "Journal of the American Planning Association",
    }
    assert substantive(text, {**base, **item}) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        pytest.param("王利平. (2024). 过冷大水滴研究. 航空学报, 45(增刊1), 条 730570.", [], id="apa-chinese-article"),
        pytest.param(
            "Abazajian, K., Bochanski, J. J., Jr., & Zucker, D. B. (2024). 过冷大水滴研究. "
            "航空学报, 45(增刊1), Article 730570.",
            [],
            id="apa-jr",
        ),
    ],
)
def test_apa_list_forms(text, found):
    authors = (
        [{"family": "王", "given": "利平"}]
        if text.startswith("王")
        else [
            {"family": "Abazajian", "given": "K."},
            {"family": "Bochanski", "given": "J. J.", "suffix": "Jr."},
            {"family": "Zucker", "given": "D. B."},
        ]
    )
    item = {"author": authors, "title": "过冷大水滴研究", "container-title": "航空学报"}
    item |= {"issued": {"date-parts": [[2024]]}, "volume": "45", "issue": "增刊1", "number": "730570"}
    assert substantive(text, item) == found


def test_apa_a_given_name_with_a_nickname_in_brackets():
    """apa: ``Wang, Y. (David)`` for given ``Yuankun (David)``; the date's brackets still end the list."""
    item = {
        "author": [{"family": "Wainer", "given": "Tobin M."}, {"family": "Wang", "given": "Yuankun (David)"}],
        "title": "Crowded Field Photometry",
        "container-title": "Research Notes of the AAS",
        "issued": {"date-parts": [[2025]]},
        "volume": "9",
        "issue": "1",
        "page": "12",
    }
    text = "Wainer, T. M., & Wang, Y. (David). (2025). Crowded Field Photometry. Research Notes of the AAS, 9(1), 12."
    assert parse_reference(text).authors == ("Wainer, T. M.", "Wang, Y. (David)")
    assert substantive(text, item) == []


def test_a_preprint_and_its_journal_version_of_one_title_pair_by_their_journal():
    """apa, unnumbered: the same title twice, told apart by journal, volume and pages."""
    common = {"author": [{"family": "Biswas", "given": "R."}], "title": "On the complexity of checking"}
    journal = {**common, "container-title": "Proc. ACM Program. Lang.", "volume": "3", "issue": "OOPSLA"}
    journal |= {"page": "165:1-165:28", "issued": {"date-parts": [[2019]]}}
    preprint = {**common, "container-title": "CoRR", "volume": "abs/1908.04509", "issued": {"date-parts": [[2019]]}}
    text = (
        "Biswas, R. (2019b). On the complexity of checking. CoRR, abs/1908.04509.\n"
        "Biswas, R. (2019a). On the complexity of checking. Proc. ACM Program. Lang., 3(OOPSLA), 165:1–165:28.\n"
    )
    assert substantive(text, journal, preprint) == []


def test_a_pasted_url_broken_before_its_file_ending_is_joined():
    """vancouver pasted from a PDF: the URL's ``html`` on a line of its own."""
    text = (
        "1. Patrick S. Simulating Disturbances. Journal of Artificial Societies [Internet]. 1999;2(1):1–21.\n"
        "Available from: http://jasss.soc.surrey.ac.uk/2/1/1.\nhtml\n"
        "2. Pym DJ. A Uniform Investigation. J Log Comput. 1994;4(2):175–207.\n"
    )
    entry = parse_list(text)[0]
    assert (entry.url, entry.pages) == ("http://jasss.soc.surrey.ac.uk/2/1/1.html", "1–21")


KNOWLEDGE = {"container-title": "Common Knowledge", "issued": {"date-parts": [[2001]]}, "volume": "7"}
ARTICLES = [
    {**KNOWLEDGE, "author": [{"family": "Shapin", "given": "S."}], "title": "Proper Boundaries", "page": "1-9"},
    {**KNOWLEDGE, "author": [{"family": "Daston", "given": "L."}], "title": "Objectivity", "page": "10-19"},
]


@pytest.mark.parametrize(
    ("second", "short", "found"),
    [
        pytest.param("Common Knowledge", "Common Knowl", [], id="each-as-its-data-holds"),
        pytest.param("Common Knowledge", None, [("journal-abbreviation", "container")], id="a-form-the-data-lacks"),
    ],
)
def test_a_journal_the_data_writes_two_ways_is_no_error_of_the_print(second, short, found):
    """Vancouver prints a short title where the data holds one: a list of a journal held with a
    short title in one entry only writes it two ways, as the data does. That is the data's
    inconsistency, noted as typography; a form no entry's data holds is a journal-abbreviation."""
    first = {**ARTICLES[0], **({"container-title-short": short} if short else {})}
    text = "\n".join(
        [
            "1. Shapin S. Proper Boundaries. Common Knowl. 2001;7:1-9.",
            f"2. Daston L. Objectivity. {second}. 2001;7:10-19.",
        ]
    )
    data = Bibliography(
        items=[{"type": "article-journal", "id": f"k{i}", **it} for i, it in enumerate([first, ARTICLES[1]])]
    )
    report = crosscheck(text, data)
    assert [(d.kind, d.field) for d in report.substantive] == found
    noted = [d for d in report.differences if d.group == "typography" and d.field == "container"]
    assert [d.label for d in noted] == (["[1]"] if short else [])
