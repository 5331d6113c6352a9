"""The command line as a process: one-line errors for bad usage, exit codes, defaults from config."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from paths import ROOT


def trialbib(*args: str, cwd=ROOT):  # type: ignore[no-untyped-def]
    return subprocess.run([sys.executable, "-m", "trialbib", *args], cwd=cwd, capture_output=True, text=True)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["export", "--to", "foo"], "trialbib: error: Invalid value for '--to': 'foo' is not one of"),
        (["tables", "--table", "3"], "trialbib: error: Invalid value for '--table'"),
        (["nosuchcommand"], "trialbib: error: No such command 'nosuchcommand'; see 'trialbib --help'"),
        (["check", "--format"], "trialbib: error: Option '--format' requires an argument; see 'trialbib check --help'"),
        (
            ["--debug", "render", "--style"],
            "trialbib: error: Option '--style' requires an argument; see 'trialbib render --help'",
        ),
        (["export"], "trialbib: error: Missing option '--to'. Choose from: csl-json, bibtex, biblatex, ris; see"),
        (["render", "--bib", "nothere.bib"], "trialbib: error: nothere.bib: no such BibTeX file; check the path"),
        (["export", "--to", "ris", "-o", "/nonexistent/x.ris"], "trialbib: error: /nonexistent/x.ris: cannot be"),
    ],
)
def test_bad_usage_is_one_line_exit_2(args, expected):
    done = trialbib(*args)
    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if not line.startswith("trialbib: warning:")]
    assert len(errors) == 1, done.stderr
    assert errors[0].startswith(expected), done.stderr
    assert "Traceback" not in done.stderr


def test_exit_codes_pass_through():
    assert trialbib("--version").returncode == 0
    assert trialbib("crosscheck").returncode == 1  # the printed list has substantive errors


def test_paths_come_from_the_nearest_config(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "references.bib", data / "refs.bib")
    shutil.copy(ROOT / "trials.yaml", data / "records.yaml")
    (tmp_path / "trialbib.toml").write_text('bibliography = "data/refs.bib"\ntrials = "data/records.yaml"\n')
    (tmp_path / "sub").mkdir()
    done = trialbib("trials", "--disease", "SLE", cwd=tmp_path / "sub")
    assert done.returncode == 0, done.stderr
    assert "He et al. (2016, 2019) [1,2]" in done.stdout


def test_trials_beside_a_references_bib_elsewhere(tmp_path):
    shutil.copy(ROOT / "references.bib", tmp_path / "references.bib")
    shutil.copy(ROOT / "trials.yaml", tmp_path / "trials.yaml")
    done = trialbib("tables", "--table", "2", "--bib", str(tmp_path / "references.bib"), cwd="/")
    assert done.returncode == 0, done.stderr
    assert "Amyotrophic lateral sclerosis" in done.stdout
