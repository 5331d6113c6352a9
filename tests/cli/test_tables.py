"""``trialbib tables``: formats, table choice, style order, output file, and --check."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from paths import DATA, ROOT
from trialbib.cli import cli

BIB = str(ROOT / "references.bib")
TRIALS = str(ROOT / "trials.yaml")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, ["tables", "--bib", BIB, "--trials", TRIALS, *args], catch_exceptions=False)


def test_markdown_reproduces_both_tables():
    result = run("--format", "markdown")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "**Table 1. Published clinical trials of low dose IL-2 in the treatment of autoimmune diseases**"
    assert lines[2] == "| Diseases | Daily dose/(Million IU) | Clinical efficacy | Immunological changes | References |"
    assert "| SLE | 1 | SLEDAI↓ | Treg↑,Th17↓,Tfh↓,NK↑,CD56bright NK↑ | He et al. (2016, 2019) [1,2] |" in lines
    assert "| GVHD | 0.3/1/3 per m2 | Rash↓ | Treg↑ | Betts et al. (2017) [15]; Zhao et al. (2016) [16] |" in lines
    assert "| ITP | 1 | PLT↑ | Treg↑ | Zhang et al. (2018) [19,20] |" in lines
    table2 = (DATA / "tables" / "table2.md").read_text("utf-8")
    assert result.output.endswith("\n" + table2)


@pytest.mark.parametrize(
    ("args", "first", "absent"),
    [
        pytest.param(["--table", "2"], "Table 2. Clinical trial", "Table 1", id="table2"),
        pytest.param(["--table", "1", "--format", "html"], "<table>", "Table 2", id="html"),
        pytest.param(["--table", "1", "--format", "latex"], r"\begin{table}", "↑", id="latex"),
        pytest.param(["--format", "csv"], "Table 1. Published", "| ", id="csv"),
    ],
)
def test_formats_and_tables(args, first, absent):
    result = run(*args)
    assert result.exit_code == 0
    assert result.output.startswith(first)
    assert absent not in result.output


def test_json_is_data():
    data = json.loads(run("--format", "json").stdout)
    assert [t["number"] for t in data] == [1, 2]
    assert data[0]["rows"][7] == ["ITP", "1", "PLT↑", "Treg↑", "Zhang et al. (2018) [19,20]"]


def test_range_from_two_writes_the_gb7714_form():
    assert "Zhang et al. (2018) [19-20]" in run("--range-from", "2").output
    assert "He et al. (2016, 2019) [1-2]" in run("--range-from", "2").output


def test_style_numbers_follow_its_list():
    """APA sorts its list by author: An (2019) comes first, He 2016 and 2019 sixth and seventh."""
    result = run("--style", "apa", "--format", "json", "--table", "1")
    rows = {row[0]: row[-1] for row in json.loads(result.stdout)[0]["rows"]}
    assert rows["AS"] == "An et al. (2019) [1]"
    assert rows["SLE"] == "He et al. (2016, 2019) [6,7]"
    assert run("--style", "vancouver", "--format", "json").stdout == run("--format", "json").stdout


def test_output_file(tmp_path):
    out = tmp_path / "tables.html"
    result = run("--format", "html", "-o", str(out))
    assert result.exit_code == 0
    assert result.output == ""
    assert out.read_text("utf-8").count("<table>") == 2


def test_check_clean_data_exits_0():
    result = run("--check")
    assert result.exit_code == 0
    assert result.output == ""


def test_check_fails_naming_the_row_when_a_year_changes(tmp_path):
    text = (ROOT / "references.bib").read_text("utf-8")
    start = text.index("@article{zhang2018therapeutic")
    bib = tmp_path / "references.bib"
    bib.write_text(text[:start] + text[start:].replace("{2018}", "{2017}", 1), "utf-8")
    result = CliRunner().invoke(cli, ["tables", "--bib", str(bib), "--trials", TRIALS, "--check"])
    assert result.exit_code == 1
    assert f"{TRIALS}:73 [zhang2018therapeutic]: error: TAB002 table1 row 8 (ITP), label 'Zhang et al.(2018)'" in (
        result.output
    )
    assert "is from 2017, the label gives 2018" in result.output


def test_unknown_key_is_an_input_error(tmp_path):
    trials = tmp_path / "t.yaml"
    trials.write_text((ROOT / "trials.yaml").read_text("utf-8").replace("[an2019absolute]", "[an2019absolut]"), "utf-8")
    result = CliRunner().invoke(cli, ["tables", "--bib", BIB, "--trials", str(trials)])
    assert result.exit_code == 2
    assert "[an2019absolut]: table1 row 3 (AS) cites unknown key 'an2019absolut'" in result.output
    check = CliRunner().invoke(cli, ["tables", "--bib", BIB, "--trials", str(trials), "--check"])
    assert check.exit_code == 1
    assert "error: CIT003 table1 row 3 (AS)" in check.output


def test_unknown_style_is_an_error():
    result = CliRunner().invoke(cli, ["tables", "--bib", BIB, "--trials", TRIALS, "--style", "nosuchstyle"])
    assert result.exit_code == 2
    assert "nosuchstyle" in result.output


def test_help():
    result = CliRunner().invoke(cli, ["tables", "--help"])
    assert result.exit_code == 0
    assert "--range-from" in result.output
    assert "TAB001-TAB006" in result.output
