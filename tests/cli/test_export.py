"""``trialbib export`` end to end: every format, warnings on stderr, atomic file output."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from paths import BAD, ROOT
from trialbib.cli import cli

BIB = str(ROOT / "references.bib")
TRIALS = str(ROOT / "trials.yaml")


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.mark.parametrize(
    ("fmt", "start", "warnings"),
    [
        pytest.param("csl-json", "[\n  {\n", 1, id="csl-json"),
        pytest.param("biblatex", "@article{he2019efficacy,\n", 0, id="biblatex"),
        pytest.param("bibtex", "@article{he2019efficacy,\n", 3, id="bibtex"),  # what Zotero reads is kept
        pytest.param("ris", "TY  - JOUR\n", 5, id="ris"),
    ],
)
def test_export_to_stdout(fmt, start, warnings):
    result = run("export", "--bib", BIB, "--trials", TRIALS, "--to", fmt)
    assert result.exit_code == 0
    assert result.stdout.startswith(start)
    lines = result.stderr.splitlines()
    assert len(lines) == warnings
    assert all(line.startswith("trialbib: warning: ") for line in lines)


def test_csljson_carries_trial_links_from_the_trials_file():
    result = run("export", "--bib", BIB, "--trials", TRIALS, "--to", "csl-json")
    data = json.loads(result.stdout)
    assert "trialbib-trial: table1 row 4: DM/PM" in data[22]["note"].split("\n")


def test_output_file_is_written_whole(tmp_path):
    out = tmp_path / "refs.ris"
    result = run("export", "--bib", BIB, "--to", "ris", "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text("utf-8").count("ER  - ") == 24
    assert [p.name for p in tmp_path.iterdir()] == ["refs.ris"]  # no temporary file left


def test_unknown_format_and_bad_bib_are_one_line_errors():
    result = run("export", "--bib", BIB, "--to", "endnote")
    assert result.exit_code == 2
    assert "Invalid value for '--to'" in result.stderr
    result = run("export", "--strict", "--bib", str(BAD / "unbalanced.bib"), "--to", "ris")
    assert result.exit_code == 2
    assert result.stderr.startswith("trialbib: error: ")
    assert "unbalanced.bib:1" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_help():
    result = run("export", "--help")
    assert result.exit_code == 0
    assert "--to [csl-json|bibtex|biblatex|ris]" in result.stdout


@pytest.mark.parametrize("fmt", ["csl-json", "biblatex", "ris"])
def test_a_file_holds_exactly_what_is_printed(tmp_path, fmt):
    """CSL-JSON is written as the writer's UTF-8 bytes, never decoded: the file and stdout agree."""
    out = tmp_path / "out"
    assert run("export", "--bib", BIB, "--trials", TRIALS, "--to", fmt, "-o", str(out)).exit_code == 0
    printed = run("export", "--bib", BIB, "--trials", TRIALS, "--to", fmt).stdout
    assert out.read_bytes() == printed.encode("utf-8")
    assert not printed.isascii()  # names with accents, written as they are
