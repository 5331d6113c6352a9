"""A list regenerated from the data is clean; each deliberate change to it is found and classified.

The clean lists come from the formatters in conftest.py (the article's house form and
Vancouver). Each mutation states the one difference it must produce and nothing else.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from trialbib.crosscheck import KINDS, crosscheck

Lines = list[str]


def found(report) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    return {(d.label, d.kind, d.field) for d in report.differences}


def renumber(lines: Lines) -> Lines:
    return [re.sub(r"^\[\d+\]", f"[{n}]", line) for n, line in enumerate(lines, 1)]


def test_house_list_is_clean(house, bib):
    report = crosscheck("\n".join(house), bib)
    assert report.differences == []
    assert report.ok
    assert report.matched == 24


def test_house_list_is_clean_but_for_the_known_final_citation(house, xbib):
    report = crosscheck("\n".join(house), xbib)
    assert found(report) == {("[1]", "final-citation", "citation")}
    assert report.ok  # an update, not a defect of the print


def test_article_style_regenerates_the_house_list_and_it_is_clean(house, bib):
    from trialbib.api import render

    regenerated = [entry.text for entry in render(bib, style="article")]
    assert regenerated == house  # styles/article.csl writes what the hand-written formatter writes
    report = crosscheck(regenerated, bib)
    assert report.differences == []
    assert report.matched == 24


def test_engine_vancouver_and_gb7714_lists_align_and_compare(bib):
    from trialbib.api import render

    vancouver = crosscheck([entry.text for entry in render(bib, style="vancouver")], bib)
    assert vancouver.matched == 24
    assert vancouver.ok
    gb7714 = crosscheck([entry.text for entry in render(bib, style="gb7714-2015")], bib)
    assert gb7714.matched == 24
    assert gb7714.substantive == []  # [23]'s [J]: read online, but no DOI or URL to print with [J/OL]


def test_vancouver_list_is_clean(vancouver, bib):
    assert vancouver[2].endswith("Ann Rheum Dis. 2019;78(2):209-17.")
    report = crosscheck("\n".join(vancouver), bib)
    assert report.differences == []


def test_unnumbered_list_is_aligned_by_likeness(house, bib):
    lines = [re.sub(r"^\[\d+\] ", "", line) for line in house]
    report = crosscheck("\n".join(lines), bib)
    assert report.differences == []
    assert report.matched == 24
    assert report.entries[0].label == "#1"


def replace(n: int, old: str, new: str) -> Callable[[Lines], Lines]:
    def mutate(lines: Lines) -> Lines:
        assert old in lines[n - 1], (n, old)
        lines[n - 1] = lines[n - 1].replace(old, new, 1)
        return lines

    return mutate


def swap(a: int, b: int, *, keep_numbers: bool) -> Callable[[Lines], Lines]:
    def mutate(lines: Lines) -> Lines:
        lines[a - 1], lines[b - 1] = lines[b - 1], lines[a - 1]
        return lines if keep_numbers else renumber(lines)

    return mutate


def delete(n: int) -> Callable[[Lines], Lines]:
    return lambda lines: renumber(lines[: n - 1] + lines[n:])


EXTRA = "[0] Klatzmann D, Abbas AK. The promise of low-dose interleukin-2 therapy for autoimmune and inflammatory diseases[J]. Nat Rev Immunol, 2015,15(5):283-294."  # noqa: E501


def add(n: int) -> Callable[[Lines], Lines]:
    return lambda lines: renumber([*lines[: n - 1], EXTRA, *lines[n - 1 :]])


MUTATIONS = [
    pytest.param(replace(2, "991-993", "991-994"), {("[2]", "wrong-value", "pages")}, id="page"),
    pytest.param(replace(3, "2019,78", "2018,78"), {("[3]", "wrong-value", "year")}, id="year"),
    pytest.param(replace(4, "1976,193", "1976,139"), {("[4]", "wrong-value", "volume")}, id="volume"),
    pytest.param(replace(13, "(2):117", "(3):117"), {("[13]", "wrong-value", "issue")}, id="issue"),
    pytest.param(
        replace(5, "Mizel SB, Farrar JJ.", "Mizel SB."), {("[5]", "missing-value", "authors")}, id="drop-author"
    ),
    pytest.param(replace(2, "Zhang X, ", ""), {("[2]", "missing-value", "authors")}, id="drop-author-et-al"),
    pytest.param(replace(10, "Jang SW", "Jung SW"), {("[10]", "wrong-value", "authors")}, id="misspelt-author"),
    pytest.param(replace(12, "Nature,", "Nat,"), {("[12]", "journal-abbreviation", "container")}, id="abbrev-single"),
    pytest.param(
        replace(3, "Ann Rheum Dis,", "Ann Rheumat Dis,"), {("[3]", "journal-abbreviation", "container")}, id="abbrev"
    ),
    pytest.param(replace(17, "N Engl J Med", "Lancet"), {("[17]", "wrong-value", "container")}, id="journal"),
    pytest.param(replace(5, "[J].", "[M]."), {("[5]", "medium", "type")}, id="type-code"),
    pytest.param(replace(5, "[J].", "[J/OL]."), {("[5]", "medium", "type")}, id="medium-ol"),
    pytest.param(replace(1, "[J/OL].", "[J]."), {("[1]", "medium", "type")}, id="medium-print"),
    # [23] was read online too, but the data holds no DOI or URL to print: [J] is what a style can print
    pytest.param(replace(23, "[J/OL].", "[J]."), set(), id="medium-print-no-address"),
    pytest.param(replace(6, " DOI:10.1111/sji.12822.", ""), {("[6]", "missing-identifier", "DOI")}, id="drop-doi"),
    pytest.param(replace(6, "sji.12822", "sji.12823"), {("[6]", "wrong-value", "DOI")}, id="wrong-doi"),
    pytest.param(replace(6, "[2019-10-01]", "[2019-10-02]"), {("[6]", "wrong-value", "accessed")}, id="accessed"),
    pytest.param(
        replace(6, "2019(2019-09-08)", "2019, 9(2019-09-08)"), {("[6]", "malformed-value", "volume(issue)")}, id="date"
    ),
    pytest.param(replace(15, "early Treg", "late Treg"), {("[15]", "wrong-value", "title")}, id="title"),
    pytest.param(swap(3, 4, keep_numbers=False), {("[4]", "order", "position")}, id="swap-renumbered"),
    pytest.param(swap(3, 4, keep_numbers=True), {("[3]", "order", "position")}, id="swap-numbers-kept"),
    pytest.param(delete(10), {("(bib 10)", "missing-entry", "entry")}, id="delete"),
    pytest.param(add(12), {("[12]", "unmatched", "entry")}, id="add"),
    pytest.param(
        replace(7, "2007,37(Suppl 1):116-123", "vol 37 suppl 1 pages 116 to 123"),
        {("[7]", "unreadable", "text")},
        id="garbled-source",
    ),
]


@pytest.mark.parametrize(("mutate", "expected"), MUTATIONS)
def test_mutation_found_and_classified(house, bib, mutate, expected):
    report = crosscheck("\n".join(mutate(list(house))), bib)
    assert found(report) == expected
    assert report.ok == (not expected)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("Morgan DA, Ruscetti FW, Gallo R.", "Morgan DA, Ruscetti FW, Gallo R, et al.", id="etal-added"),
        pytest.param("Shao M, et al.", "Shao M.", id="etal-dropped"),
    ],
)
def test_et_al_differences(house, bib, old, new):
    n = 4 if "Morgan" in old else 1
    report = crosscheck("\n".join(replace(n, old, new)(list(house))), bib)
    (diff,) = report.differences
    assert (diff.label, diff.field) == (f"[{n}]", "authors")
    assert diff.kind == ("wrong-value" if n == 4 else "missing-value")


@pytest.mark.parametrize(
    "new",
    [
        pytest.param("He J, Zhang R, Shao M, Li X, Wang Y, et al.", id="more-names-than-the-data"),
        pytest.param("HE J, ZHANG R, SHAO M, 等.", id="upper-case-and-chinese-et-al"),
    ],
)
def test_author_forms_that_agree(house, bib, new):
    report = crosscheck("\n".join(replace(1, "He J, Zhang R, Shao M, et al.", new)(list(house))), bib)
    assert report.differences == []


@pytest.mark.parametrize(
    ("mutate", "expected"),
    [
        pytest.param(replace(4, "Gallo R.", "Gallo R ."), {("[4]", "typography", "text")}, id="space-before-period"),
        pytest.param(replace(11, "primary", "pri-mary"), {("[11]", "typography", "title")}, id="hyphenation"),
        pytest.param(replace(8, "lineages[J]", "lineages [J]"), {("[8]", "typography", "text")}, id="space-before-J"),
        pytest.param(replace(2, "He J, Zhang X", "He J,Zhang X"), {("[2]", "typography", "authors")}, id="comma"),
        pytest.param(replace(9, "Zhao Z, ", "Zhao Z,, "), {("[9]", "typography", "text")}, id="stray-comma"),
        pytest.param(
            replace(14, "Effector T-cell", "Effector  T-cell"), {("[14]", "typography", "title")}, id="2-spaces"
        ),
        pytest.param(replace(3, "Dis, 2019", "Dis,  2019"), {("[3]", "typography", "text")}, id="2-spaces-source"),
        pytest.param(
            replace(18, "Low-dose interleukin", "Low-Dose interleukin"), {("[18]", "typography", "title")}, id="case"
        ),
    ],
)
def test_typographic_mutation_is_not_substantive(house, bib, mutate, expected):
    report = crosscheck("\n".join(mutate(list(house))), bib)
    assert found(report) == expected
    assert report.ok


def test_an_entry_printed_twice(house, bib):
    lines = renumber([*house[:5], house[2], *house[5:]])
    report = crosscheck("\n".join(lines), bib)
    (diff,) = report.differences
    assert (diff.label, diff.kind, diff.message) == ("[6]", "unmatched", "the same reference as [3], printed twice")


def test_swap_message_gives_both_positions(house, bib):
    report = crosscheck("\n".join(swap(3, 4, keep_numbers=False)(list(house))), bib)
    (order,) = report.substantive
    assert (order.key, order.printed, order.expected) == ("rosenzwajg2019immunological", "4", "3")
    assert order.message == "printed as entry 4 of the list; in the bibliography's order it is 3"


def test_vancouver_page_change_is_found_in_full_form(vancouver, bib):
    lines = replace(3, ":209-17.", ":209-18.")(list(vancouver))
    (diff,) = crosscheck("\n".join(lines), bib).differences
    assert (diff.label, diff.kind, diff.field, diff.printed, diff.expected) == (
        "[3]",
        "wrong-value",
        "pages",
        "209-18",
        "209-217",
    )


def test_vancouver_year_and_author_changes(vancouver, bib):
    lines = replace(4, "Science. 1976;", "Science. 1977;")(list(vancouver))
    lines = replace(5, "Mizel SB, Farrar JJ.", "Mizel SB, Farrar J.")(lines)
    assert found(crosscheck("\n".join(lines), bib)) == {
        ("[4]", "wrong-value", "year"),
        ("[5]", "wrong-value", "authors"),
    }


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    n=st.integers(min_value=0, max_value=23),
    start=st.integers(min_value=0, max_value=200),
    length=st.integers(min_value=0, max_value=40),
    text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
)
def test_random_damage_never_crashes_and_is_classified(house, bib, n, start, length, text):
    lines = list(house)
    lines[n] = lines[n][:start] + text + lines[n][start + length :]
    report = crosscheck("\n".join(lines), bib)
    assert all(d.kind in KINDS for d in report.differences)
    assert report.printed_count <= 24 + text.count("\n") + 1


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_random_text_against_the_data_never_crashes(bib, text):
    report = crosscheck(text, bib)
    assert report.data_count == 24
    assert len([d for d in report.differences if d.kind == "missing-entry"]) == 24 - report.matched


def test_a_gbt7714_2025_list_is_read(bib):
    """Full-width separators (GB/T 7714-2025 6.2) and an online-first date in place of the year."""
    from trialbib.api import render

    report = crosscheck([entry.text for entry in render(bib, style="gb7714-2025")], bib)
    assert report.matched == 24
    assert not [d for d in report.substantive if d.kind == "unreadable"]
