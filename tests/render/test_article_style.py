"""styles/article.csl regenerates the article's printed reference list.

Every entry equals the printed one once whitespace is removed (the printed list has stray
spaces such as ``Shao M , et al.`` and ``lineages [J]``), except the entries where the printed
list itself is wrong. Those are listed here with the reason; the data holds the right value.
"""

from __future__ import annotations

import re

import pytest

from trialbib.api import render

PRINTED_WRONG = {
    1: "online-first item garbled: '2019, 9(2019-09-19)[2019-10-01]. .' shows the month and an empty "
    "access-path slot; the house form is 'Year(online date)[access date]. DOI:...' (GB/T 7714-2015 "
    "4.4 and 8.8 for electronic serials)",
    6: "stray comma in 'Gao H,.' and the same garbled online-first form as [1] ('2019, 9(...)')",
    11: "hyphenation left in the title: 'pri-mary' for 'primary'",
    20: "journal abbreviated 'Cytom B Clin Cytom' here but 'Cytometry B Clin Cytom' in [19] (NLM: the latter)",
    22: "hyphenation left in the title: 'pri-mary' for 'primary'",
    23: "online-first item garbled: '2019, 10(2019-10-14)[2019-10-16]'; the house form is "
    "'2019(2019-10-14)[2019-10-16]' (no DOI known)",
}
# Printed with a missing space that whitespace-free comparison cannot see; the output has it.
MISSING_SPACE = {8: "CD4+ effector", 9: "CD4+ T cells"}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def entries(bib):  # type: ignore[no-untyped-def]
    return render(bib, style="article")


def test_every_correct_printed_entry_is_regenerated(entries, printed):
    assert len(entries) == len(printed) == 24
    for entry, line in zip(entries, printed, strict=True):
        if entry.number in PRINTED_WRONG:
            assert squeeze(entry.text) != squeeze(line), f"[{entry.number}] is listed as wrong but matches"
        else:
            assert squeeze(entry.text) == squeeze(line), f"[{entry.number}]"


def test_output_has_clean_spacing(entries):
    for entry in entries:
        assert not re.search(r"\s[,.]|\s{2}|\s\[J", entry.text), entry.text
        assert entry.text.startswith(f"[{entry.number}] ")
    for number, words in MISSING_SPACE.items():
        assert words in entries[number - 1].text


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        pytest.param(
            1,
            "[1] He J, Zhang R, Shao M, et al. Efficacy and safety of low-dose IL-2 in the treatment of systemic "
            "lupus erythematosus: A randomised, double-blind, placebo-controlled trial[J/OL]. Ann Rheum Dis, "
            "2019(2019-09-19)[2019-10-01]. DOI:10.1136/annrheumdis-2019-215396.",
            id="1-online-first-with-doi",
        ),
        pytest.param(
            6,
            "[6] Shao Q, Gao H. Progress in interleukin-2 therapy for rheumatic immune diseases by regulating the "
            "immune balance of T cells[J/OL]. Scand J Immunol, 2019(2019-09-08)[2019-10-01]. DOI:10.1111/sji.12822.",
            id="6-online-first-two-authors",
        ),
        pytest.param(
            23,
            "[23] Zhang S, Wang J, Sun H, et al. Circulating regulatory T cells were absolutely decreased in "
            "dermatomyositis/polymyositis patients and restored by low-dose IL-2[J/OL]. Ann Rheum Dis, "
            "2019(2019-10-14)[2019-10-16].",
            id="23-online-first-no-doi",
        ),
        pytest.param(
            20,
            "[20] Zhang J, Ruan Y, Xu X, et al. Therapeutic potential of low-dose IL-2 in immune thrombocytopenia: "
            "An analysis of 3 cases[J]. Cytometry B Clin Cytom, 2018,94(3):428-433.",
            id="20-journal-as-in-19",
        ),
    ],
)
def test_corrected_entries(entries, number, expected):
    assert entries[number - 1].text == expected
