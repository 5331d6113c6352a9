"""The trials CSV: the shipped records go to CSV and back exactly; bad rows name row and column."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paths import DATA
from trialbib.errors import InputError, UsageError
from trialbib.io.trials import read_trials
from trialbib.io.trials_csv import (
    COLUMNS,
    exact_number,
    parse_trials_csv,
    read_trials_csv,
    trials_to_csv,
    write_trials_csv,
)
from trialbib.model import Change, Dose, Efficacy, PublishedTrial, TrialSet


def records(trials: TrialSet) -> tuple:
    """The records without where they were read from (a YAML line is not a CSV row)."""
    return (
        trials.titles,
        [dataclasses.replace(t, line=None) for t in trials.published],
        [dataclasses.replace(t, line=None) for t in trials.unpublished],
    )


def test_round_trip_of_the_shipped_file_is_exact(trials, tmp_path):
    path = tmp_path / "trials.csv"
    write_trials_csv(trials, path)
    back = read_trials(path)  # by its suffix
    assert records(back) == records(trials)
    assert back.source == str(path)
    again = tmp_path / "again.csv"
    write_trials_csv(back, again)
    assert again.read_bytes() == path.read_bytes()
    # and a CSV read back is equal to itself read again, lines included
    assert read_trials_csv(again) == dataclasses.replace(back, source=str(again))


def test_csv_golden_first_rows(trials):
    """Rows written from the column rules in the module docstring, checked against trials.yaml."""
    lines = trials_to_csv(trials).splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert lines[1] == (
        "1,SLE,1,MIU,no,SLEDAI↓,Treg↑; Th17↓; Tfh↓; NK↑; CD56bright NK↑,he2016lowdose; he2019efficacy,"
        '"He et al.(2016,2019)",,,,,,' + trials.titles[1]
    )
    assert lines[5] == (
        "1,GVHD,0.3/1/3,MIU,yes,Rash↓,Treg↑,betts2017il2; zhao2016prophylactic,"
        "Betts et al.(2017); Zhao et al.(2016),,,,,,"
    )
    assert lines[7] == "1,T1DM,0.33/1/3,MIU,no,not evaluated,Treg↑,hartemann2013lowdose,Hartemann et al.(2013),,,,,,"
    assert lines[16] == "2,SLE,,,,,,,,2017,multi-center,100,France,yes,"
    assert len(lines) == 18


def test_file_has_a_byte_order_mark_for_excel(trials, tmp_path):
    path = tmp_path / "t.csv"
    write_trials_csv(trials, path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbftable,disease,")


def test_spreadsheet_edits_are_read(tmp_path):
    """Columns in another order, directions as words, a blank row, capitalised states and types."""
    text = (
        "Disease,Table,Immunology,Dose,Efficacy,References,Type,Year,Patients,Countries\n"
        "X,1,Treg up; NK down,0.5/1,Not Evaluated,a; b,,,,\n"
        ",,,,,,,,,\n"
        "Y,2,,,,,Multi-center,2020,12,China; Japan\n"
    )
    trials = parse_trials_csv(text, "s.csv")
    x = trials.published[0]
    assert x.immunology == (Change("Treg", "up"), Change("NK", "down"))
    assert x.dose == Dose((0.5, 1.0), "MIU", False)
    assert x.efficacy == Efficacy("not evaluated")
    assert x.references == ("a", "b")
    assert x.label is None
    assert x.line == 2
    y = trials.unpublished[0]
    assert (y.design, y.year, y.patients, y.countries, y.line) == ("multi-center", 2020, 12, ("China", "Japan"), 4)


HEAD = ",".join(COLUMNS) + "\n"
ROW1 = "1,SLE,1,MIU,no,SLEDAI↓,Treg↑,a,,,,,,,\n"
ROW2 = "2,RA,,,,,,,,2016,single-center,47,China,no,\n"


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [
        pytest.param(
            HEAD + ROW1.replace(",1,MIU", ",one,MIU"), 2, 3, "row 2, column C (dose): 'one' is not a number", id="dose"
        ),
        pytest.param(
            HEAD + ROW1.replace("Treg↑", "Treg"), 2, 7, "column G (immunology): 'Treg' has no direction", id="arrow"
        ),
        pytest.param(
            HEAD + ROW1.replace("SLEDAI↓", "SLEDAI"), 2, 6, "column F (efficacy): 'SLEDAI' has no direction", id="eff"
        ),
        pytest.param(HEAD + "3" + ROW1[1:], 2, 1, "row 2, column A (table): '3' is not a table number", id="table"),
        pytest.param(
            HEAD + ROW1 + ROW2.replace("2016", "20x6"), 3, 10, "column J (year): '20x6' is not a whole", id="year"
        ),
        pytest.param(
            HEAD + ROW2.replace("2016", "1800"), 2, 10, "column J (year): 1800 is less than the minimum", id="range"
        ),
        pytest.param(
            HEAD + ROW2.replace("single", "triple"), 2, 11, "column K (type): 'triple-center' is not one of", id="enum"
        ),
        pytest.param(
            HEAD + ROW2.replace(",47,", ",0,"), 2, 12, "column L (patients): 0 is less than the minimum", id="patients"
        ),
        pytest.param(HEAD + ROW1.replace(",a,", ",,"), 2, 8, "row 2, column H (references): is empty", id="empty"),
        pytest.param(
            HEAD + ROW1.replace(",1,MIU", ",-1,MIU"), 2, 3, "column C (dose): -1.0 is less than or equal", id="neg"
        ),
        pytest.param(
            HEAD + ROW1.replace(",no,", ",maybe,"), 2, 5, "column E (per_m2): 'maybe' is not yes or no", id="flag"
        ),
        pytest.param(
            HEAD + ROW2.replace("RA,,", "RA,1,", 1), 2, 3, "column C (dose): is not used by table 2", id="unused"
        ),
        pytest.param(
            HEAD + ROW1 + ROW1, 3, None, "table1 record 2 (SLE) duplicates the record at line 2", id="duplicate"
        ),
        pytest.param(
            HEAD + ROW1 + ROW1.rstrip() + "extra,x\n", 3, None, "row 3 has 16 cells, the header 15", id="cells"
        ),
        pytest.param(
            HEAD.replace("title", "colour") + ROW1, 1, 15, "row 1, column O: unknown column 'colour'", id="column"
        ),
        pytest.param("table,disease,table\n", 1, 3, "column C: column 'table' appears twice", id="twice"),
        pytest.param("table,dose\n1,1\n", 1, None, "row 1: no column 'disease'", id="no-disease"),
        pytest.param(
            HEAD + ROW1[:-1] + "T1\n" + ROW1.replace("SLE", "SS")[:-1] + "T2\n",
            3,
            15,
            "differs from table 1's title",
            id="title",
        ),
        pytest.param("\n\n", None, None, "holds no trial records", id="empty-file"),
        pytest.param(HEAD + '1,"SLE\n', 2, None, "is not valid CSV", id="quote"),
    ],
)
def test_malformed_csv_names_row_and_column(text, line, column, words):
    with pytest.raises(InputError) as info:
        parse_trials_csv(text, source="t.csv")
    assert info.value.location.file == "t.csv"
    assert info.value.location.line == line
    assert info.value.location.column == column
    assert words in str(info.value)


def test_unknown_key_in_a_csv_names_its_row(bib, tmp_path):
    from trialbib.api import load_trials

    path = tmp_path / "t.csv"
    path.write_text(HEAD + ROW1.replace(",a,", ",he2016lowdose; nosuch2020,"), "utf-8")
    with pytest.raises(InputError, match=r"t\.csv:2 \[nosuch2020\]: table1 row 1 \(SLE\) cites unknown key"):
        load_trials(path, bib)


def test_not_utf8_is_refused(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(
        (HEAD + ROW1.replace("↓", "") + "1,Sjögren,1,MIU,no,effective,,b,,,,,,,\n").encode("latin-1", "replace")
    )
    with pytest.raises(InputError, match=r"t\.csv:3:\d+: is not valid UTF-8"):
        read_trials_csv(path)


def test_a_name_with_the_separator_cannot_be_exported():
    trial = PublishedTrial(1, "X", Dose((1.0,)), Efficacy("effective"), (Change("Treg; Th17", "up"),), ("a",))
    with pytest.raises(UsageError, match=r"table1 row 1 \(X\): population 'Treg; Th17' cannot go into one CSV cell"):
        trials_to_csv(TrialSet(published=[trial]))


def test_example_fixture_reads(bib):
    trials = read_trials_csv(DATA / "tables" / "edited.csv")
    assert [t.disease for t in trials.published] == ["SLE", "Alopecia areata"]
    assert trials.published[1].dose.values == (1.5, 3.0)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.floats(min_value=1e-6, max_value=1e6, allow_nan=False), min_size=1, max_size=4))
def test_doses_round_trip_exactly(values):
    trial = PublishedTrial(1, "X", Dose(tuple(values)), Efficacy("effective"), (), ("a",), line=2)
    back = parse_trials_csv(trials_to_csv(TrialSet(published=[trial])), "x.csv")
    assert back.published[0].dose.values == tuple(values)
    assert [float(exact_number(v)) for v in values] == values


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["1", "2", "x", "", "SLE", "a; b", "Treg↑", '"', "1/2", "yes"]), max_size=6)))
def test_any_csv_loads_or_gives_an_input_error(rows):
    text = HEAD + "\n".join(",".join(row) for row in rows)
    try:
        parse_trials_csv(text, "f.csv")
    except InputError as exc:
        assert exc.location is not None  # noqa: PT017  (a property: either outcome is valid, the error's location is checked)
        assert exc.location.file == "f.csv"  # noqa: PT017  (a property: either outcome is valid, the error's location is checked)
