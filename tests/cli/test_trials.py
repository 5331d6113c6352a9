"""``trialbib trials``: filters, and the CSV export read back through --trials."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from paths import ROOT
from trialbib.cli import cli

BIB = str(ROOT / "references.bib")
TRIALS = str(ROOT / "trials.yaml")


def run(*args: str, trials: str = TRIALS):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["trials", "--bib", BIB, "--trials", trials, *args], catch_exceptions=False)


def first_cells(output: str) -> list[str]:
    return [line.split(" | ")[0] for line in output.splitlines() if " | " in line and not line.startswith("Dis")]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        pytest.param(
            ["--population", "Treg", "--direction", "up", "--dose-max", "0.5"],
            ["AS", "DM/PM", "GVHD", "T1DM"],
            id="readme",
        ),
        pytest.param(["--population", "NK"], ["SLE", "HCV-induced vasculitis"], id="population"),
        pytest.param(["--disease", "SS"], ["SS", "SS"], id="disease-both-tables"),
        pytest.param(
            ["--table", "2", "--disease", "sclerosis"],
            ["Multiple sclerosis", "Amyotrophic lateral sclerosis"],
            id="table",
        ),
        pytest.param(
            ["--dose-min", "1.5", "--dose-max", "1.5"], ["SS", "HCV-induced vasculitis", "Alopecia areata"], id="dose"
        ),
        pytest.param(["--key", "he2019efficacy"], ["SLE"], id="key"),
    ],
)
def test_filters(args, expected):
    result = run(*args)
    assert result.exit_code == 0
    assert first_cells(result.output) == expected


def test_no_match_says_so():
    result = CliRunner().invoke(cli, ["trials", "--bib", BIB, "--trials", TRIALS, "--key", "nokey"])
    assert result.exit_code == 0
    assert result.stdout == ""
    assert result.stderr == "trialbib: no record matches\n"


def test_bad_direction_is_refused():
    result = CliRunner().invoke(cli, ["trials", "--bib", BIB, "--trials", TRIALS, "--direction", "left"])
    assert result.exit_code == 2
    assert "'left' is not one of 'up', 'down'" in result.output


def test_export_and_read_back(tmp_path):
    path = tmp_path / "records.csv"
    assert run("--export-csv", str(path)).exit_code == 0
    assert run(trials=str(path)).output == run().output
    filtered = tmp_path / "treg.csv"
    assert run("--population", "Th17", "--export-csv", str(filtered)).exit_code == 0
    lines = filtered.read_text("utf-8-sig").splitlines()
    assert [line.split(",")[1] for line in lines[1:]] == ["SLE", "SS"]
    printed = run("--export-csv", "-").output
    assert printed == path.read_text("utf-8-sig")


def test_bad_csv_row_is_a_one_line_error(tmp_path):
    path = tmp_path / "records.csv"
    path.write_text("table,disease,dose,efficacy,immunology,references\n1,SLE,1,SLEDAI↓,Treg,he2016lowdose\n", "utf-8")
    result = CliRunner().invoke(cli, ["trials", "--bib", BIB, "--trials", str(path)])
    assert result.exit_code == 2
    assert result.output == (
        f"trialbib: error: {path}:2:5: row 2, column E (immunology): 'Treg' has no direction; "
        "end each item with ↑ or ↓ (or ' up'/' down') and join items with '; '\n"
    )


def test_one_bad_entry_is_a_warning_unless_strict(tmp_path):
    bib = tmp_path / "refs.bib"
    bib.write_text((ROOT / "references.bib").read_text("utf-8") + "\n@article{bad,\n  title = {Unclosed,\n", "utf-8")
    lenient = CliRunner().invoke(cli, ["trials", "--bib", str(bib), "--trials", TRIALS, "--disease", "SLE"])
    assert lenient.exit_code == 0
    assert "He et al. (2016, 2019) [1,2]" in lenient.stdout
    assert lenient.stderr.startswith("trialbib: warning: ")
    assert "SYN001 unbalanced braces" in lenient.stderr
    strict = CliRunner().invoke(cli, ["trials", "--bib", str(bib), "--trials", TRIALS, "--strict"])
    assert strict.exit_code == 2
    assert strict.stderr.startswith("trialbib: error: ")
    assert not strict.stdout
