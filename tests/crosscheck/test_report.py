"""The three report forms and the linter's view, on small lists whose every line is known."""

from __future__ import annotations

import json

import pytest

from trialbib.crosscheck import KINDS, crosscheck, crosscheck_problems, format_json, format_markdown, format_text

EXTRA = (
    "[3] Klatzmann D, Abbas AK. The promise of low-dose interleukin-2 therapy[J]. Nat Rev Immunol, 2015,15(5):283-294."
)


@pytest.fixture(scope="module")
def small(house, bib):  # type: ignore[no-untyped-def]
    """[1] clean, [2] with a wrong year and a space before a comma, [3] not in the data; 22 missing."""
    lines = [house[0], house[1].replace("2016,22", "2015,22").replace("Zhang X,", "Zhang X ,"), EXTRA]
    return crosscheck("\n".join(lines), bib, source="small.txt")


def test_text_report_blocks_and_summary(small):
    lines = format_text(small).splitlines()
    assert lines[:6] == [
        "== Substantive differences ==",
        "[2] he2016lowdose",
        f"  printed:     {small.entries[1].printed}",
        "  wrong-value year: printed '2015', expected '2016' (the year differs)",
        "[3] (no match)",
        f"  printed:     {EXTRA}",
    ]
    assert lines[6] == f"  unmatched entry: printed {EXTRA!r}, expected — (no bibliography entry matches)"
    assert lines[7] == "(bib 3) rosenzwajg2019immunological"
    assert lines[8].startswith(
        "  missing-entry entry: printed —, expected 'Rosenzwajg 2019: Immunological and clinical"
    )
    typography = lines.index("== Typography ==")
    assert lines[typography + 1 : typography + 3] == [
        "[2] he2016lowdose",
        "  typography text: printed 'X , Wei', expected 'X, Wei' (space before punctuation)",
    ]
    assert lines[-1] == (
        "crosscheck: 3 printed, 24 in the bibliography, 2 matched; 24 substantive (unmatched 1, missing-entry 22, "
        "wrong-value 1); 0 updates; 1 typography"
    )


def test_markdown_rows(small):
    text = format_markdown(small)
    assert "| [2] | he2016lowdose | wrong-value | year | `2015` | `2016` | the year differs |" in text
    assert "| [3] |  | unmatched | entry |" in text
    assert text.rstrip().endswith(small.summary())


def test_json_holds_every_difference(small):
    data = json.loads(format_json(small))
    assert data["counts"] == {"unmatched": 1, "missing-entry": 22, "wrong-value": 1, "typography": 1}
    assert sum(len(e["differences"]) for e in data["entries"]) == 25
    assert [e["label"] for e in data["entries"]][:3] == ["[2]", "[3]", "(bib 3)"]


def test_problems_carry_codes_lines_and_keys(house, bib):
    lines = [house[0], house[1].replace("2016,22", "2015,22")]
    problems = crosscheck_problems("\n".join(lines), bib, source="small.txt")
    year = problems[0]
    assert (year.code, year.severity, year.location.line, year.location.key) == ("DRF005", "error", 2, "he2016lowdose")
    assert year.message == "[2] wrong-value year: printed '2015', expected '2016' (the year differs)"
    missing = [p for p in problems if p.code == "DRF003"]
    assert len(missing) == 22
    assert missing[0].location.line is None
    assert missing[0].location.key == "rosenzwajg2019immunological"


def test_codes_are_unique_and_documented(root):
    codes = [kind.code for kind in KINDS.values()]
    assert codes == [f"DRF{n:03d}" for n in range(1, 13)]
    doc = (root / "docs" / "crosscheck.md").read_text("utf-8")
    for kind in KINDS.values():
        assert f"| {kind.code} | `{kind.name}` |" in doc
