"""Inputs the fuzz tests and benchmarks/robustness.py found to crash or hang, kept as examples."""

from __future__ import annotations

import pytest

from paths import BAD
from trialbib.crosscheck.parse import parse_reference
from trialbib.errors import InputError
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.csljson import parse_csljson
from trialbib.io.manuscript import scan_manuscript
from trialbib.io.ris import parse_ris
from trialbib.io.trials import parse_trials, read_trials
from trialbib.merge import import_into


@pytest.mark.parametrize("year", ["²⁰¹⁹", "2019/²/1"])
def test_ris_superscript_digits_are_not_numbers(year):
    """``"²".isdigit()`` is True but ``int("²")`` raises: these stay text, no ValueError."""
    bib = parse_ris(f"TY  - JOUR\nPY  - {year}\nDA  - {year}\nY2  - {year}\nER  - \n", "x.ris")
    assert bib.items[0]["issued"] == {"literal": year}
    assert "accessed" not in bib.items[0]


def test_csljson_string_date_parts_with_superscripts_are_refused():
    bib = parse_csljson('[{"id": "a", "type": "book", "issued": {"date-parts": [["²"]]}}]', "x.json")
    assert [p.message for p in bib.problems] == [
        'item 1: issued {"date-parts": [["²"]]} has date parts that are not whole numbers; '
        'write {"date-parts": [[2019, 9, 19]]}'
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("[" * 5000 + "]" * 5000, "nests lists and objects more than 100 deep", id="deep-json"),
        pytest.param('[{"id": "a", "issued": "x\\ny"}]', "issued is 'x\\ny', not a CSL date", id="newline-in-value"),
    ],
)
def test_csljson_problems_are_one_line(text, message):
    (problem,) = parse_csljson(text, "x.json").problems
    assert message in problem.message
    assert "\n" not in problem.message


def test_deep_notes_stay_text():
    """A note line ``trialbib-x: [[[[...]]]]`` once ended in a RecursionError in json.loads."""
    note = "trialbib-x: " + "[" * 5000 + "]" * 5000
    (item,) = parse_ris(f"TY  - JOUR\nID  - k\nN1  - {note}\nER  - \n", "x.ris").items
    assert item["custom"]["x"] == "[" * 5000 + "]" * 5000


def test_deep_yaml_is_an_input_error():
    with pytest.raises(InputError, match="nests lists or mappings too deeply"):
        parse_trials("[" * 5000 + "]" * 5000, "t.yaml")


def test_yaml_billion_laughs_is_refused():
    """It never finished before: every walk over the aliased nodes was exponential."""
    with pytest.raises(InputError, match=r"trials-billion-laughs.yaml:2:8: uses the YAML alias \*a"):
        read_trials(BAD / "trials-billion-laughs.yaml")


def test_import_never_writes_a_bib_it_cannot_read(tmp_path):
    """A DOI with an unbalanced brace would have been written as ``doi = {a{b}``; now the value is
    left out of the .bib and named as lost, and the written file reads back."""
    (tmp_path / "in.json").write_text(
        '[{"id": "k", "type": "article-journal", "title": "X", "DOI": "a{b"}]', encoding="utf-8"
    )
    into = tmp_path / "refs.bib"
    into.write_text("@article{a, title = {T}, year = {2020}}\n", encoding="utf-8")
    result = import_into(tmp_path / "in.json", into)
    assert result.lost == {"DOI": ["k"]}
    text = into.read_text("utf-8")
    assert text.startswith("@article{a, title = {T}, year = {2020}}\n")
    assert "a{b" not in text
    assert not parse_bibtex(text, str(into)).problems


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        pytest.param("\\cite[" * 20000, True, id="unclosed-optional-args"),
        pytest.param("\\begin{verbatim} \\cite{a} " * 20000, True, id="unclosed-verbatim"),
    ],
)
def test_scanner_inputs_that_were_quadratic(text, latex):
    """Minutes before the fix (each unclosed opening rescanned the rest); benchmarks/robustness.py times them."""
    assert scan_manuscript(text, latex=latex).citations == []


@pytest.mark.parametrize("text", ["a" + " " * 20000 + "b", "A. " * 20000], ids=["spaces", "stops"])
def test_printed_reference_inputs_that_were_slow(text):
    """The run of spaces never finished before the fix; benchmarks/robustness.py times both."""
    assert parse_reference(text).text == text
