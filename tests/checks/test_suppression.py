"""Inline suppressions: they silence the next entry only, and an unused one is reported."""

from __future__ import annotations

from trialbib.errors import Location

DUPLICATE = """@article{a,
  title = {One},
}

% trialbib: ignore[KEY002] kept: the old citation still points here
@article{a,
  title = {One, again},
  pages = {1-2},
}

@article{a,
  title = {One, a third time},
}
"""


def test_suppression_silences_the_next_entry_only(lint):
    assert lint(DUPLICATE, select=["KEY002", "SUP001"]) == [("KEY002", Location("t.bib", 11, key="a"))]
    unsuppressed = DUPLICATE.replace("% trialbib: ignore[KEY002]", "% note:")
    assert lint(unsuppressed, select=["KEY002", "SUP001"]) == [
        ("KEY002", Location("t.bib", 6, key="a")),
        ("KEY002", Location("t.bib", 11, key="a")),
    ]


def test_suppression_by_name_and_several_codes(lint):
    text = (
        "% trialbib: ignore[duplicate-key, page-dash]\n"
        + DUPLICATE.split("\n\n", 1)[0]
        + "\n@article{b,\n  pages = {1-2},\n}\n"
    )
    found = lint(text, select=["KEY002", "FMT010", "SUP001"])
    # both codes apply to entry a (lines 2-4), which has neither problem; b (line 5 on) is not covered
    assert found == [
        ("SUP001", Location("t.bib", 1)),
        ("SUP001", Location("t.bib", 1)),
        ("FMT010", Location("t.bib", 6, key="b")),
    ]


def test_unused_suppression_is_reported(lint):
    text = "% trialbib: ignore[KEY002] no reason\n@article{a,\n  title = {One},\n}\n"
    assert lint(text, select=["KEY002", "SUP001"]) == [("SUP001", Location("t.bib", 1))]


def test_unknown_rule_in_suppression_is_reported(lint):
    text = "% trialbib: ignore[KEY999]\n@article{a,\n  title = {One},\n}\n"
    assert lint(text, select=["SUP001"]) == [("SUP001", Location("t.bib", 1))]


def test_suppression_of_a_rule_not_run_is_not_unused(lint):
    text = "% trialbib: ignore[KEY002]\n@article{a,\n  title = {One},\n}\n"
    assert lint(text, select=["SUP001"]) == []
