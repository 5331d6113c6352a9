"""``check`` and ``crosscheck --manuscript`` read Word manuscripts (``[@key]``/``{@key}`` markers)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from trialbib.cli import cli

BIB = (
    "@article{a,\n  author = {Adams, A.},\n  title = {Alpha trial of low-dose interleukin},\n  journal = {J},\n"
    "  year = {2019},\n  volume = {1},\n  pages = {1--2},\n}\n\n"
    "@article{b,\n  author = {Brown, A.},\n  title = {Beta cohort of regulatory cells},\n  journal = {J},\n"
    "  year = {2019},\n  volume = {1},\n  pages = {3--4},\n}\n"
)


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def word(path, *paragraphs: list[str]):  # type: ignore[no-untyped-def]
    import docx

    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text in runs:
            paragraph.add_run(text)
    document.save(str(path))
    return path


@pytest.fixture
def here(tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "refs.bib").write_text(BIB, "utf-8")
    return tmp_path


def test_check_reads_a_word_manuscript(here):
    word(here / "paper.docx", ["Intro."], ["Brown [@", "b] and {@zz}."])
    result = run("check", "refs.bib", "paper.docx", "--select", "CIT", "--format", "errorformat")
    assert result.output.splitlines() == [
        "paper.docx:2:17: error: cites 'zz', which refs.bib does not define [CIT001]",
        "refs.bib:1:1: warning: entry 'a' is never cited; cite it or remove it [CIT002]",
    ]
    assert result.exit_code == 1


def test_a_word_manuscript_in_a_checked_folder_is_checked_not_skipped(here):
    """Before: the folder's .docx was skipped and this printed "All checks passed"."""
    folder = here / "paper"
    folder.mkdir()
    word(folder / "paper.docx", ["As shown [@a; @missing]."])
    result = run("check", "refs.bib", "paper", "--select", "CIT001", "--format", "errorformat")
    assert result.output.splitlines() == [
        "paper/paper.docx:1:15: error: cites 'missing', which refs.bib does not define [CIT001]"
    ]
    assert result.exit_code == 1
    word(folder / "paper.docx", ["As shown [@a; @b]."])
    result = run("check", "refs.bib", "paper", "--select", "CIT", "--format", "errorformat")
    assert (result.output, result.exit_code) == ("", 0)


def test_crosscheck_takes_the_order_from_a_word_manuscript(here):
    printed = here / "printed.txt"
    printed.write_text(
        "[1] Brown A. Beta cohort of regulatory cells[J]. J, 2019, 1: 3-4.\n"
        "[2] Adams A. Alpha trial of low-dose interleukin[J]. J, 2019, 1: 1-2.\n",
        "utf-8",
    )
    word(here / "paper.docx", ["Brown's cohort {@b} came before Adams' trial [@", "a]."])
    result = run("crosscheck", str(printed), "--bib", "refs.bib", "--manuscript", "paper.docx")
    assert result.exit_code == 0, result.output
    word(here / "paper.docx", ["Adams [@a], then Brown [@b]."])
    result = run("crosscheck", str(printed), "--bib", "refs.bib", "--manuscript", "paper.docx")
    assert result.exit_code == 1
    assert "in the manuscript's order of first citation it is" in result.output
