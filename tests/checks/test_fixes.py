"""Fixes edit the .bib text in place: only safe rules, only reported lines, nothing else touched."""

from __future__ import annotations

from paths import DATA
from trialbib.checks.config import from_dict
from trialbib.checks.context import Context
from trialbib.checks.engine import run_checks
from trialbib.checks.fixes import Change, plan_fixes, unified_diff
from trialbib.io.bibtex import parse_bibtex

SOURCE = DATA / "checks" / "fixable.bib"


def fix(text: str, **check):  # type: ignore[no-untyped-def]
    config = from_dict({"check": {"extend-select": ["FMT010", "FMT012", "FMT013"], **check}})
    report = run_checks(config, Context(bib=parse_bibtex(text, "f.bib"), bib_text=text))
    return plan_fixes(text, "f.bib", report.problems)


def test_fixes_change_exactly_the_reported_values():
    text = SOURCE.read_text("utf-8")
    fixed, changes = fix(text)
    assert changes == [
        Change(
            6,
            "FMT013",
            "title",
            "{Low-dose interleukin-2 treatment  selectively modulates {CD4(+)} {T} cell subsets}",
            "{Low-dose interleukin-2 treatment selectively modulates {CD4(+)} {T} cell subsets}",
        ),
        Change(9, "FMT012", "month", "{August}", "aug"),
        Change(12, "FMT010", "pages", "{991-993}", "{991--993}"),
        Change(13, "FMT002", "doi", "{https://doi.org/10.1038/nm.4148}", "{10.1038/nm.4148}"),
        Change(19, "FMT013", "journal", "{ Nat Immunol }", "{Nat Immunol}"),
        Change(20, "FMT002", "doi", "{doi:10.1038/ni1254}", "{10.1038/ni1254}"),
    ]
    expected = (
        text.replace("treatment  selectively", "treatment selectively")
        .replace("{August}", "aug")
        .replace("{991-993}", "{991--993}")
        .replace("https://doi.org/10.1038/nm.4148", "10.1038/nm.4148")
        .replace("{ Nat Immunol }", "{Nat Immunol}")
        .replace("doi:10.1038/ni1254", "10.1038/ni1254")
    )
    assert fixed == expected
    assert "{1123-1132}" in fixed  # suppressed, so left alone
    assert fixed.startswith("% A comment that must survive")


def test_fixed_text_is_clean_and_fixing_again_changes_nothing():
    fixed, _ = fix(SOURCE.read_text("utf-8"))
    again, changes = fix(fixed)
    assert changes == []
    assert again == fixed
    bib = parse_bibtex(fixed, "f.bib")
    assert [item["id"] for item in bib.items] == ["he2016lowdose", "harrington2005interleukin"]
    assert bib.get("he2016lowdose")["DOI"] == "10.1038/nm.4148"


def test_ignored_rules_are_not_fixed():
    _fixed, changes = fix(SOURCE.read_text("utf-8"), ignore=["FMT013", "FMT002", "FMT012"])
    assert [c.code for c in changes] == ["FMT010"]


def test_unified_diff():
    diff = unified_diff("a\nb\n", "a\nc\n", "refs.bib")
    assert diff.splitlines() == ["--- a/refs.bib", "+++ b/refs.bib", "@@ -1,2 +1,2 @@", " a", "-b", "+c"]
