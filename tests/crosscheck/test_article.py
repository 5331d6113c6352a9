"""The article's printed list against references.bib: every defect a careful reader finds.

Read entry by entry against the data (and the public records in ../shared/data):

- [1], [6], [23] are online-first articles. The print puts "9(2019-09-19)", "9(2019-09-08)",
  "10(2019-10-14)" where volume(issue) belongs: the issue is the online date and the "volume" is
  its month, so each is one malformed value (not a wrong volume plus a wrong issue).
- [1] and [6] are printed [J/OL] without the DOI the data holds (GB/T 7714 wants the access
  path of an online item); [23] has no confirmed DOI, so nothing is expected there.
- [1] was later published as Ann Rheum Dis 2020;79(1):141-149 (PubMed 31537547): an update.
- [20] prints "Cytom B Clin Cytom" where [19] (and the NLM catalogue) print "Cytometry B Clin Cytom".
- [8] "CD4+effector" and [9] "CD4+T cells" lost a space; [11] and [22] keep the line-break
  hyphen of "pri-mary"; [8] and [9] have a space before "[J]".
- [1] ends in ". ." and [6] in "Gao H,." (stray punctuation).
- Every "et al." entry has a space before its comma ("Shao M , et al."), and [4], [5], [7], [14]
  (no "et al.") a space before the period after the last name ("Gallo R .").

Nothing else differs: authors, titles (apart from the above), years, volumes, issues
(including [7]'s "Suppl 1") and pages ([16] e1250992, [24] e15094) agree with the data, and all
24 entries are in the data's order.
"""

from __future__ import annotations

import pytest

from paths import ARTICLE
from trialbib.crosscheck import crosscheck, crosscheck_problems

ETAL = [1, 2, 3, 8, 9, 10, 11, 12, 13, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24]
LAST_NAME = {1: "M , et", 2: "Y , et", 3: "P , et", 8: "PR , et", 9: "L , et", 10: "W , et", 11: "E , et"}
LAST_NAME |= {12: "T , et", 13: "R , et", 15: "J , et", 16: "YT , et", 17: "F , et", 18: "CA , et", 19: "Y , et"}
LAST_NAME |= {20: "X , et", 21: "C , et", 22: "Y , et", 23: "H , et", 24: "F , et"}
LAST_NAME |= {4: "R . Selective", 5: "JJ . Revised", 7: "M . Regulatory", 14: "I . Effector"}

SUBSTANTIVE = {
    ("[1]", "malformed-value", "volume(issue)", "9(2019-09-19)"),
    ("[1]", "missing-identifier", "DOI", None),
    ("[6]", "malformed-value", "volume(issue)", "9(2019-09-08)"),
    ("[6]", "missing-identifier", "DOI", None),
    ("[20]", "journal-abbreviation", "container", "Cytom B Clin Cytom"),
    ("[23]", "malformed-value", "volume(issue)", "10(2019-10-14)"),
}
UPDATES = {("[1]", "final-citation", "citation", "Ann Rheum Dis, 2019")}
TYPOGRAPHY = {(f"[{n}]", "typography", "text", snippet) for n, snippet in LAST_NAME.items()} | {
    ("[1]", "typography", "text", "9(2019-09-19)[2019-10-01]. ."),
    ("[6]", "typography", "text", "H,. Progress"),
    ("[8]", "typography", "title", "CD4+effector"),
    ("[8]", "typography", "text", "lineages [J]."),
    ("[9]", "typography", "title", "CD4+T"),
    ("[9]", "typography", "text", "diseases [J]."),
    ("[11]", "typography", "title", "pri-mary"),
    ("[22]", "typography", "title", "pri-mary"),
}


@pytest.fixture(scope="module")
def report(xbib):  # type: ignore[no-untyped-def]
    return crosscheck((ARTICLE / "reference-list.txt").read_text("utf-8"), xbib)


def found(report, group: str) -> set[tuple[str, str, str, str | None]]:  # type: ignore[no-untyped-def]
    return {(d.label, d.kind, d.field, d.printed) for d in report.group(group)}


def test_all_24_printed_entries_are_matched_in_order(report, xbib):
    assert (report.printed_count, report.data_count, report.matched) == (24, 24, 24)
    assert [e.key for e in report.entries] == xbib.keys
    assert [e.label for e in report.entries] == [f"[{n}]" for n in range(1, 25)]


def test_substantive_defects_exactly(report):
    assert found(report, "substantive") == SUBSTANTIVE


def test_final_citation_of_1_is_an_update(report):
    assert found(report, "update") == UPDATES
    (update,) = report.group("update")
    assert update.expected == "Ann Rheum Dis, 2020, 79(1): 141-149"


def test_typography_exactly(report):
    assert found(report, "typography") == TYPOGRAPHY
    assert len(report.group("typography")) == len(TYPOGRAPHY) == len(ETAL) + 4 + 8


@pytest.mark.parametrize(
    ("label", "field", "printed", "expected", "what"),
    [
        pytest.param("[8]", "title", "CD4+effector", "CD4+ effector", "missing space", id="8-space"),
        pytest.param("[9]", "title", "CD4+T", "CD4+ T", "missing space", id="9-space"),
        pytest.param("[11]", "title", "pri-mary", "primary", "hyphenation left inside a word", id="11-hyphen"),
        pytest.param("[22]", "title", "pri-mary", "primary", "hyphenation left inside a word", id="22-hyphen"),
        pytest.param("[8]", "text", "lineages [J].", "lineages[J].", "space before the type code", id="8-type"),
        pytest.param("[6]", "text", "H,. Progress", "H. Progress", "stray punctuation", id="6-stray"),
        pytest.param("[4]", "text", "R . Selective", "R. Selective", "space before punctuation", id="4-space"),
    ],
)
def test_typography_says_what_and_how_it_should_read(report, label, field, printed, expected, what):
    (diff,) = [d for d in report.group("typography") if (d.label, d.field, d.printed) == (label, field, printed)]
    assert (diff.expected, diff.message) == (expected, what)


def test_malformed_value_names_the_online_date(report):
    (diff,) = [d for d in report.substantive if d.label == "[1]" and d.kind == "malformed-value"]
    assert diff.expected == "no volume yet: online first, published online 2019-09-19"
    assert diff.message == "the online date printed where the volume and issue belong"


def test_journal_abbreviation_points_at_the_other_form(report):
    (diff,) = [d for d in report.substantive if d.kind == "journal-abbreviation"]
    assert diff.expected == "Cytometry B Clin Cytom"
    assert "[19] 'Cytometry B Clin Cytom'" in diff.message


def test_substantive_come_first_within_an_entry(report):
    groups = [d.group for d in report.entries[0].differences]
    assert groups == sorted(groups, key=["substantive", "update", "typography"].index)
    assert groups[0] == "substantive"
    assert groups[-1] == "typography"


def test_summary_line(report):
    assert report.summary() == (
        "crosscheck: 24 printed, 24 in the bibliography, 24 matched; 6 substantive (malformed-value 3, "
        "journal-abbreviation 1, missing-identifier 2); 1 update (final-citation 1); 31 typography"
    )
    assert not report.ok


def test_problems_for_the_linter(xbib, printed):
    problems = crosscheck_problems("\n".join(printed), xbib, source="article/reference-list.txt")
    assert len(problems) == 6 + 1 + 31
    codes = {p.code for p in problems}
    assert codes == {"DRF007", "DRF009", "DRF010", "DRF011", "DRF012"}
    (journal,) = [p for p in problems if p.code == "DRF009"]
    assert (journal.location.file, journal.location.line, journal.location.key) == (
        "article/reference-list.txt",
        20,
        "zhang2018therapeutic",
    )
    assert journal.severity == "error"
    assert str(journal).startswith(
        "article/reference-list.txt:20 [zhang2018therapeutic]: DRF009 [20] journal-abbreviation"
    )
    assert {p.severity for p in problems if p.code in ("DRF011", "DRF012")} == {"warning"}
