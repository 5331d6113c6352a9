"""The trials file: both tables complete, every cell equal to the article's tables."""

from __future__ import annotations

import re

import pytest

from paths import ARTICLE, ROOT
from trialbib.errors import InputError
from trialbib.io.trials import parse_trials
from trialbib.tables import table1_rows, table2_rows


def seed_rows(table: int) -> list[str]:
    """Rows of a table in the article's text, continuation lines joined, spaces removed."""
    text = (ARTICLE / "tables.txt").read_text("utf-8")
    block = text.split("Table 2")[0] if table == 1 else text.split("Table 2")[1]
    lines = [ln for ln in block.splitlines() if ln.strip()]
    header = 3 if table == 1 else 2  # title line(s) and the column header
    body = lines[header:]
    rows: list[str] = []
    for line in body:
        # the page wraps a row after a trailing comma, or puts a References cell on its own line
        if rows and (rows[-1].rstrip().endswith(",") or re.match(r"^[A-Z]\w+ et al\.\(", line)):
            rows[-1] += line
        else:
            rows.append(line)
    return ["".join(r.split()) for r in rows]


def test_table1_complete(trials, bib):
    rows = [" ".join(cells).replace("; ", " ") for cells in table1_rows(trials, bib)]
    assert ["".join(r.split()) for r in rows] == seed_rows(1)


def test_table2_complete(trials):
    rows = [" ".join(cells) for cells in table2_rows(trials)]
    assert ["".join(r.split()) for r in rows] == seed_rows(2)


def test_structure_not_strings(trials):
    gvhd = next(t for t in trials.published if t.disease == "GVHD")
    assert gvhd.dose.values == (0.3, 1.0, 3.0)
    assert gvhd.dose.per_m2
    t1dm = next(t for t in trials.published if t.disease == "T1DM")
    assert t1dm.dose.values == (0.33, 1.0, 3.0)
    assert not t1dm.dose.per_m2
    assert t1dm.efficacy.state == "not evaluated"
    sle = trials.published[0]
    assert sle.efficacy.measures[0].name == "SLEDAI"
    assert sle.efficacy.measures[0].direction == "down"
    assert ("Th17/Treg", "down") in [(c.name, c.direction) for c in trials.published[2].immunology]
    ra = trials.published[-1]
    assert ra.disease == "11 kinds of autoimmune diseases such as RA"
    assert ra.efficacy.state == "effective"
    assert len(trials.published) == 10
    assert len(trials.unpublished) == 7
    assert trials.unpublished[5].more_countries
    assert trials.unpublished[5].countries == ("France",)


def test_links_resolve(trials, bib):
    assert all(key in bib for key in trials.cited_keys)
    assert len(trials.cited_keys) == 13


GOOD = (
    "table1:\n  records:\n    - disease: X\n      dose: {values: [1]}\n      efficacy: effective\n"
    "      immunology: []\n      references: [a]\n"
)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param(GOOD.replace("[1]", "[one]"), 4, "table1 record 1: dose.values[1]", id="wrong-type"),
        pytest.param(GOOD.replace("      references: [a]\n", ""), 3, "'references' is missing", id="missing-field"),
        pytest.param(GOOD + "      colour: red\n", 3, "unknown field 'colour'", id="unknown-key"),
        pytest.param(GOOD + GOOD.split("records:\n")[1], 8, "duplicates the record at line 3", id="duplicate-record"),
        pytest.param(GOOD.replace("efficacy: effective", "efficacy: great"), 5, "not an efficacy", id="bad-efficacy"),
        pytest.param("table1: [\n", 2, "not valid YAML", id="yaml-syntax"),
        pytest.param("!!python/object", 1, "not valid YAML: could not determine a constructor", id="python-tag"),
        pytest.param("? [a]\n: b\n", 1, "a key is not a plain name", id="sequence-key"),
        pytest.param(
            GOOD.replace("      immunology", "      disease: Y\n      immunology"),
            6,
            "appears twice",
            id="dup-yaml-key",
        ),
    ],
)
def test_malformed_trials_name_line_and_field(text, line, words):
    with pytest.raises(InputError) as info:
        parse_trials(text, source="t.yaml")
    assert info.value.location.file == "t.yaml"
    assert info.value.location.line == line
    assert words in str(info.value)


def test_csv_suffix_reads_the_spreadsheet_form(tmp_path, trials):
    from trialbib.io.trials import read_trials
    from trialbib.io.trials_csv import trials_to_csv

    path = tmp_path / "records.CSV"
    path.write_text(trials_to_csv(trials), "utf-8")
    back = read_trials(path)
    assert [t.disease for t in back.published] == [t.disease for t in trials.published]
    assert back.published[0].line == 2
    assert back.unpublished[0].line == 12
    assert back.titles == trials.titles


def test_records_know_their_lines(trials):
    lines = (ROOT / "trials.yaml").read_text("utf-8").splitlines()
    for trial in [*trials.published, *trials.unpublished]:
        assert trial.line is not None
        assert f"disease: {trial.disease}" in lines[trial.line - 1]
