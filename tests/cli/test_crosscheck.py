"""``trialbib crosscheck`` end to end: reports, exit codes 0/1/2, and errors on bad input."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from paths import BAD, ROOT
from trialbib.cli import cli

ARTICLE_SUMMARY = (
    "crosscheck: 24 printed, 24 in the bibliography, 24 matched; 6 substantive (malformed-value 3, "
    "journal-abbreviation 1, missing-identifier 2);"
)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def in_root(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)


def test_defaults_check_the_article_list_and_exit_1(in_root):
    result = run("crosscheck")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[0] == "== Substantive differences =="
    assert lines[-1].startswith(ARTICLE_SUMMARY)
    assert lines[-1].endswith("; 31 typography")
    assert "[20] zhang2018therapeutic" in lines
    assert (
        "  journal-abbreviation container: printed 'Cytom B Clin Cytom', expected 'Cytometry B Clin Cytom' "
        "(the same journal abbreviated another way than the data's; elsewhere the list prints "
        "[19] 'Cytometry B Clin Cytom')"
    ) in lines
    assert lines.index("== Typography ==") > lines.index("[23] zhang2019circulating")


def test_style_shows_the_regenerated_entry(in_root):
    result = run("crosscheck", "--style", "article")
    assert result.exit_code == 1
    assert (
        "  regenerated: [6] Shao Q, Gao H. Progress in interleukin-2 therapy for rheumatic immune diseases by "
        "regulating the immune balance of T cells[J/OL]. Scand J Immunol, 2019(2019-09-08)[2019-10-01]. "
        "DOI:10.1111/sji.12822."
    ) in result.output.splitlines()


def test_clean_list_exits_0(tmp_path, in_root):
    from trialbib.api import load_bibliography, render

    clean = tmp_path / "clean.txt"
    clean.write_text("\n".join(e.text for e in render(load_bibliography("references.bib"), style="article")) + "\n")
    result = run("crosscheck", str(clean))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "== Updates known to the data =="  # [1]'s final citation: not a defect, exit 0
    assert lines[1] == "[1] he2019efficacy"
    assert lines[-1] == (
        "crosscheck: 24 printed, 24 in the bibliography, 24 matched; 0 substantive; 1 update (final-citation 1);"
        " 0 typography"
    )


def test_typography_alone_exits_0(tmp_path, in_root):
    from trialbib.api import load_bibliography, render

    lines = [e.text for e in render(load_bibliography("references.bib"), style="article")]
    lines[3] = lines[3].replace("Gallo R.", "Gallo R .")
    path = tmp_path / "typo.txt"
    path.write_text("\n".join(lines))
    result = run("crosscheck", str(path), "--bib", "references.bib")
    assert result.exit_code == 0
    assert (
        "  typography text: printed 'R . Selective', expected 'R. Selective' (space before punctuation)"
        in result.output
    )


def test_json_format(in_root):
    result = run("crosscheck", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert (data["printed"], data["bibliography"], data["matched"], data["ok"]) == (24, 24, 24, False)
    assert data["counts"]["malformed-value"] == 3
    assert data["counts"]["typography"] == 31
    first = data["entries"][0]
    assert (first["label"], first["key"], first["line"]) == ("[1]", "he2019efficacy", 1)
    assert first["differences"][0] == {
        "code": "DRF007",
        "class": "malformed-value",
        "group": "substantive",
        "field": "volume(issue)",
        "printed": "9(2019-09-19)",
        "expected": "no volume yet: online first, published online 2019-09-19",
        "message": "the online date printed where the volume and issue belong",
    }


def test_markdown_format(in_root):
    result = run("crosscheck", "--format", "markdown")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[:3] == ["# Cross-check", "", "## Substantive differences"]
    assert (
        "| [20] | zhang2018therapeutic | journal-abbreviation | container | `Cytom B Clin Cytom` "
        "| `Cytometry B Clin Cytom` | the same journal abbreviated another way than the data's; "
        "elsewhere the list prints [19] 'Cytometry B Clin Cytom' |"
    ) in lines
    assert "## Typography" in lines


def test_unnumbered_vancouver_list_of_a_users_own(tmp_path):
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@article{doe2020study,\n  author = {Doe, Jane and Roe, Richard},\n  title = {A study of things},\n"
        "  journal = {J Things},\n  year = {2020},\n  volume = {12},\n  number = {3},\n  pages = {100--110},\n}\n"
    )
    printed = tmp_path / "printed.txt"
    printed.write_text("Doe J, Roe R. A study of things. J Things. 2020;12(3):100-19.\n")
    result = run("crosscheck", str(printed), "--bib", str(bib))
    assert result.exit_code == 1
    assert "  wrong-value pages: printed '100-19', expected '100-110' (the pages differ)" in result.output


@pytest.mark.parametrize(
    ("args", "setup", "expected"),
    [
        pytest.param(
            ["missing.txt"], None, "missing.txt: no such printed reference list; check the path", id="missing"
        ),
        pytest.param(["empty.txt"], "", "empty.txt: holds no references; put one printed reference", id="empty"),
        pytest.param(["nul.txt"], "[1] A\x00", "nul.txt:1: contains a NUL byte", id="nul"),
        pytest.param(["."], None, ".: is a directory, not a printed reference list; name a file", id="dir"),
        pytest.param(
            ["list.txt", "--bib", str(BAD / "unbalanced.bib")],
            "[1] A[J]. B, 2000,1:1.",
            "unbalanced.bib:1:",
            id="bad-bib",
        ),
        pytest.param(["list.txt", "--style", "no-such-style"], "[1] A[J]. B, 2000,1:1.", "unknown style", id="style"),
    ],
)
def test_bad_input_exits_2_with_one_line(tmp_path, monkeypatch, args, setup, expected):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "references.bib").write_text((BAD / "one.bib").read_text())
    if setup is not None:
        (tmp_path / args[0]).write_text(setup)
    result = CliRunner().invoke(cli, ["crosscheck", *args])
    assert result.exit_code == 2
    assert result.output.startswith("trialbib: error: ")
    assert expected in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output


def test_help():
    result = run("crosscheck", "--help")
    assert result.exit_code == 0
    assert "Exit status: 0 when nothing" in result.output
    assert "--format [text|markdown|json]" in result.output


def test_manuscript_gives_the_order(tmp_path):
    bib = tmp_path / "mine.bib"
    bib.write_text(
        "@article{a,\n  author = {Adams, A.},\n  title = {Alpha trial of low-dose interleukin},\n  journal = {J},\n"
        "  year = {2019},\n  volume = {1},\n  pages = {1--2},\n}\n"
        "@article{b,\n  author = {Brown, A.},\n  title = {Beta cohort of regulatory cells},\n  journal = {J},\n"
        "  year = {2019},\n  volume = {1},\n  pages = {3--4},\n}\n"
    )
    printed = tmp_path / "printed.txt"
    printed.write_text(
        "[1] Brown A. Beta cohort of regulatory cells[J]. J, 2019, 1: 3-4.\n"
        "[2] Adams A. Alpha trial of low-dose interleukin[J]. J, 2019, 1: 1-2.\n"
    )
    assert run("crosscheck", str(printed), "--bib", str(bib)).exit_code == 1  # against the .bib's order
    paper = tmp_path / "paper.md"
    paper.write_text("Brown's cohort [@b] came before Adams' trial [@a].\n")
    result = run("crosscheck", str(printed), "--bib", str(bib), "--manuscript", str(paper))
    assert result.exit_code == 0, result.output
    paper.write_text("Adams [@a], then Brown [@b].\n")
    result = run("crosscheck", str(printed), "--bib", str(bib), "--manuscript", str(paper))
    assert result.exit_code == 1
    assert "in the manuscript's order of first citation it is" in result.output
