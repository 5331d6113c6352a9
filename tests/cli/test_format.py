"""``trialbib format``, ``render --manuscript`` / ``--format docx`` and ``cite --manuscript`` end to end."""

from __future__ import annotations

import io

import pytest
from click.testing import CliRunner

from paths import DATA
from trialbib.cli import cli

HERE = DATA / "manuscript"
BIB = str(HERE / "library.bib")
GB = "china-national-standard-gb-t-7714-2015-numeric"  # gb7714-2015


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_format_markdown_writes_the_golden_text(tmp_path):
    out = tmp_path / "paper.md"
    result = run("format", str(HERE / "paper.md"), "-o", str(out), "--bib", BIB, "--style", GB)
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8") == (HERE / "golden" / "paper.gb7714-2015.md").read_text("utf-8")


def test_format_docx_and_heading_option(tmp_path):
    import docx

    out = tmp_path / "paper.docx"
    result = run("format", str(HERE / "paper.tex"), "-o", str(out), "--bib", BIB, "--style", GB, "--heading", "文献")
    assert result.exit_code == 0, result.output
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "文献" in texts
    assert texts[-1].startswith("[10] 孙八.")


def test_format_missing_keys_one_line_each_exit_1(tmp_path):
    paper = tmp_path / "p.md"
    paper.write_text("[@nosuch; @zhao2018fine]\n\nand @other.\n", "utf-8")
    out = tmp_path / "o.md"
    result = run("format", str(paper), "-o", str(out), "--bib", BIB, "--style", GB)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"trialbib: error: {paper}:1:1: cites 'nosuch', which the bibliography does not define",
        f"trialbib: error: {paper}:3:5: cites 'other', which the bibliography does not define",
    ]
    assert not out.exists()


def test_format_unknown_output_is_exit_2(tmp_path):
    result = run("format", str(HERE / "paper.md"), "-o", str(tmp_path / "x.pdf"), "--bib", BIB, "--style", GB)
    assert result.exit_code == 2
    assert "cannot write x.pdf" in result.stderr
    assert "Traceback" not in result.output


def test_render_manuscript_numbers_by_first_citation_across_files():
    result = run("render", "--manuscript", str(HERE / "paper.tex"), str(HERE / "paper.md"), "--bib", BIB, "--style", GB)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == 15
    assert lines[0].startswith("[1] MORGAN D A")
    assert lines[7].startswith("[8] 王五. 测试文章三")  # \textcite{test2020c} comes eighth in paper.tex
    assert lines[-1].startswith("[15] 孙八. 测试文章六")  # nocite, after everything cited


def test_render_manuscript_author_date_sorts_and_all():
    result = run("render", "--manuscript", str(HERE / "paper.tex"), "--bib", BIB, "--style", "apa")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 10
    assert lines[0].startswith("Harrington, L. E.")
    result = run("render", "--manuscript", str(HERE / "paper.tex"), "--all", "--bib", BIB, "--style", GB)
    assert len(result.stdout.splitlines()) == 30


def test_render_manuscript_missing_key_exit_1(tmp_path):
    paper = tmp_path / "p.tex"
    paper.write_text("\\cite{zhao2018fine,nosuch}\n", "utf-8")
    result = run("render", "--manuscript", str(paper), "--bib", BIB, "--style", GB)
    assert result.exit_code == 1
    assert result.stderr == f"trialbib: error: {paper}:1:1: cites 'nosuch', which the bibliography does not define\n"


def test_render_docx(tmp_path):
    import docx

    out = tmp_path / "refs.docx"
    result = run("render", "--format", "docx", "-o", str(out), "--bib", BIB, "--style", "apa")
    assert result.exit_code == 0
    paragraphs = docx.Document(io.BytesIO(out.read_bytes())).paragraphs
    assert len(paragraphs) == 30
    assert any(r.italic and r.text == "Nat Med" for p in paragraphs for r in p.runs)
    assert run("render", "--format", "docx", "--bib", BIB).exit_code == 2


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        pytest.param(["morgan1976selective", "mizel1979revised", "sakaguchi2007regulatory"], "[1–3]", id="first-three"),
        pytest.param(["test2020f"], "[15]", id="nocite-last"),
    ],
)
def test_cite_follows_the_manuscript(keys, expected):
    result = run("cite", *keys, "--manuscript", str(HERE / "paper.md"), "--bib", BIB, "--style", GB)
    assert result.exit_code == 0
    assert result.output.strip() == expected


def test_render_manuscript_citing_nothing_warns(tmp_path):
    paper = tmp_path / "p.md"
    paper.write_text("No citations [1].\n", "utf-8")
    result = run("render", "--manuscript", str(paper), "--bib", BIB, "--style", GB)
    assert result.exit_code == 0
    assert result.stdout.strip() == ""
    assert "the manuscripts cite no key" in result.stderr
    assert "empty list" in result.stderr


def test_format_without_pandoc_names_the_extra(tmp_path, monkeypatch):
    import pypandoc

    def missing() -> str:
        raise OSError("No pandoc was found")

    monkeypatch.setattr(pypandoc, "get_pandoc_path", missing)
    out = tmp_path / "p.html"
    result = run("format", str(HERE / "paper.md"), "-o", str(out), "--bib", BIB, "--style", GB)
    assert result.exit_code == 2
    assert result.stderr == (
        "trialbib: error: pandoc is not installed; install it with pip install 'trialbib[pandoc]'\n"
    )
    assert not out.exists()


def test_format_a_broken_word_file_is_exit_2(tmp_path):
    broken = tmp_path / "paper.docx"
    broken.write_text("not a zip", "utf-8")
    result = run("format", str(broken), "-o", str(tmp_path / "o.docx"), "--bib", BIB, "--style", GB)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"trialbib: error: {broken}: is not a readable .docx")
    assert len(result.stderr.splitlines()) == 1


def test_format_never_overwrites_the_manuscript(tmp_path):
    paper = tmp_path / "p.md"
    paper.write_text("[@zhao2018fine]\n", "utf-8")
    result = run("format", str(paper), "-o", str(paper), "--bib", BIB, "--style", GB)
    assert result.exit_code == 2
    assert "would overwrite the manuscript" in result.stderr
    assert paper.read_text("utf-8") == "[@zhao2018fine]\n"


def test_format_never_overwrites_a_bibliography(tmp_path):
    paper = tmp_path / "p.md"
    paper.write_text("[@zhao2018fine]\n", "utf-8")
    bib = tmp_path / "refs.md"  # a .bib under a Markdown name: read by content
    bib.write_text((HERE / "library.bib").read_text("utf-8"), "utf-8")
    result = run("format", str(paper), "-o", str(bib), "--bib", str(bib), "--style", GB)
    assert result.exit_code == 2
    assert "is also an input of this command" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert bib.read_text("utf-8") == (HERE / "library.bib").read_text("utf-8")


def test_format_uses_every_good_entry_unless_strict(tmp_path):
    paper = tmp_path / "p.md"
    paper.write_text("[@zhao2018fine]\n", "utf-8")
    extra = tmp_path / "extra.bib"
    extra.write_text("@article{zhao2018fine, title = {Again}, year = {2018}}\n", "utf-8")
    out = tmp_path / "o.md"
    lenient = run("format", str(paper), "-o", str(out), "--bib", BIB, "--bib", str(extra), "--style", GB)
    assert lenient.exit_code == 0
    assert "KEY002 duplicate key 'zhao2018fine'" in lenient.stderr
    assert "ZHAO Z, ZHANG X" in out.read_text("utf-8")  # the first entry of the key wins
    strict = run("format", str(paper), "-o", str(tmp_path / "s.md"), "--bib", BIB, "--bib", str(extra), "--strict")
    assert strict.exit_code == 2
    assert strict.stderr.startswith("trialbib: error: ")
    assert not (tmp_path / "s.md").exists()


def test_cite_names_the_manuscripts_missing_keys(tmp_path):
    paper = tmp_path / "p.md"
    paper.write_text("See [@nokey] and [@zhao2018fine].\n", "utf-8")
    result = run("cite", "zhao2018fine", "--manuscript", str(paper), "--bib", BIB, "--style", GB)
    assert result.exit_code == 0
    assert result.stdout.strip() == "[1]"
    assert result.stderr == f"trialbib: warning: {paper}:1:5: cites 'nokey', which the bibliography does not define\n"
