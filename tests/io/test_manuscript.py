"""Citations found in Markdown/pandoc, LaTeX and numeric manuscripts, with line and column."""

from __future__ import annotations

import pytest

from trialbib.io.manuscript import Citation, read_manuscript, scan_manuscript


def keys(text: str, latex: bool = False) -> list[str | None]:
    return [c.key for c in scan_manuscript(text, "m", latex=latex).citations]


def numbers(text: str) -> list[int | None]:
    return [c.number for c in scan_manuscript(text, "m").citations]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[@he2016lowdose]", ["he2016lowdose"], id="bracketed"),
        pytest.param("[see @a, p. 3; @b, ch. 2]", ["a", "b"], id="list-with-locators"),
        pytest.param("Smith says [-@smith2019].", ["smith2019"], id="suppress-author"),
        pytest.param("@smith2019 says so.", ["smith2019"], id="in-text"),
        pytest.param("As @smith:2019.x showed.", ["smith:2019.x"], id="internal-punctuation-trailing-dot-dropped"),
        pytest.param("[@{weird:key.}]", ["weird:key."], id="braced"),
        pytest.param("[@{weird key}]", [], id="braced-with-space-is-text-as-in-pandoc"),
        pytest.param("Mail me at a@b.com.", [], id="email"),
        pytest.param("See @fig:one and @tbl:two and @sec:intro.", [], id="crossref"),
        pytest.param("`[@code]`\n```\n[@block]\n```\n<!-- [@hidden] -->", [], id="code-and-comments"),
        pytest.param("[@张2019研究]", ["张2019研究"], id="chinese-key"),
    ],
)
def test_pandoc(text, expected):
    assert keys(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(r"\cite{a}", ["a"], id="cite"),
        pytest.param(r"\citep[see][p.~3]{a, b}", ["a", "b"], id="citep-two-optional"),
        pytest.param(r"\citet{a}", ["a"], id="citet"),
        pytest.param(r"\parencite[12]{a}", ["a"], id="parencite"),
        pytest.param(r"\autocite{a,b}", ["a", "b"], id="autocite"),
        pytest.param(r"\textcite{a}", ["a"], id="textcite"),
        pytest.param(r"\Textcite*{a}", ["a"], id="capital-starred"),
        pytest.param(r"\nocite{a}", ["a"], id="nocite"),
        pytest.param(r"\autocites[1]{a}[2]{b}", ["a", "b"], id="multicite"),
        pytest.param("\\cite{a} % \\cite{b}\n\\% \\cite{c}", ["a", "c"], id="comments"),
        pytest.param(r"\citeauthor{a} \citeyear{b}", ["a", "b"], id="author-year"),
        pytest.param(r"\cite{}", [], id="empty"),
        pytest.param(r"\citation{a}", [], id="not-a-cite-command"),
    ],
)
def test_latex(text, expected):
    assert keys(text, latex=True) == expected


def test_nocite_star():
    manuscript = scan_manuscript(r"\nocite{*}", "m.tex", latex=True)
    assert manuscript.cites_all
    assert manuscript.citations == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[1]", [1], id="one"),
        pytest.param("[1,2]", [1, 2], id="list"),
        pytest.param("[19-20]", [19, 20], id="range"),
        pytest.param("[19, 20]", [19, 20], id="spaced"),
        pytest.param("[3\u20135]", [3, 4, 5], id="en-dash-range"),
        pytest.param("text^1,2^ more", [1, 2], id="pandoc-superscript"),
        pytest.param("text<sup>3</sup> and <sup>[4,5]</sup>", [3, 4, 5], id="html-superscript"),
        pytest.param("[2019-10-01]", [], id="date"),
        pytest.param("[text][1] and [1]: http://x and [1](http://x) and ![1]", [], id="links"),
    ],
)
def test_numeric(text, expected):
    assert numbers(text) == expected


def test_positions_and_order():
    text = "Intro [@a].\n\nThen [2] and @b [-@c]."
    assert scan_manuscript(text, "m.md").citations == [
        Citation(1, 8, "pandoc", key="a"),
        Citation(3, 7, "numeric", number=2),
        Citation(3, 14, "pandoc", key="b"),
        Citation(3, 18, "pandoc", key="c"),
    ]
    manuscript = scan_manuscript("[@a] [@b] [@a] [2] [1] [2]", "m.md")
    assert manuscript.keys == ["a", "b"]
    assert manuscript.numbers == [2, 1]


def test_latex_positions():
    assert scan_manuscript("x\n  \\cite{a, b}", "m.tex", latex=True).citations == [
        Citation(2, 9, "latex", key="a"),
        Citation(2, 12, "latex", key="b"),
    ]


def test_read_manuscript_by_suffix(tmp_path):
    tex = tmp_path / "paper.tex"
    tex.write_text(r"\cite{a} [1]", "utf-8")
    md = tmp_path / "paper.md"
    md.write_text(r"\cite{a} [1]", "utf-8")
    assert [c.key for c in read_manuscript(tex).citations] == ["a"]
    assert [c.number for c in read_manuscript(md).citations] == [1]


@pytest.mark.parametrize(
    ("text", "nocite", "cites_all", "cited"),
    [
        pytest.param("---\nnocite: '@a, @b'\n---\n[@c]\n", ["a", "b"], False, ["c"], id="front-matter"),
        pytest.param("---\nnocite:\n  - '@a'\n  - '@*'\n---\ntext\n", ["a"], True, [], id="front-matter-list-star"),
        pytest.param("---\ntitle: '@notakey'\n---\n", [], False, [], id="front-matter-not-cited"),
    ],
)
def test_front_matter_nocite(text, nocite, cites_all, cited):
    manuscript = scan_manuscript(text, "m.md")
    assert (manuscript.nocite, manuscript.cites_all, manuscript.keys) == (nocite, cites_all, cited)


def test_latex_nocite_recorded():
    manuscript = scan_manuscript(r"\cite{a}\nocite{b}", "m.tex", latex=True)
    assert manuscript.nocite == ["b"]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("paper.docx", r"is not a readable \.docx .*save it from Word as \.docx", id="broken-docx"),
        pytest.param("Paper.ODT", r"is a word-processor file.*save it as \.docx", id="odt-upper"),
    ],
)
def test_a_word_file_is_named_as_such_not_as_a_text_file_with_nul_bytes(tmp_path, name, message):
    from trialbib.errors import InputError

    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04\x00\x00")
    with pytest.raises(InputError, match=message):
        read_manuscript(path)


def _word(path, paragraphs):  # type: ignore[no-untyped-def]
    """A .docx whose paragraphs are lists of runs (a marker split across runs, as Word does)."""
    import docx

    document = docx.Document()
    for runs in paragraphs:
        paragraph = document.add_paragraph()
        for text in runs:
            paragraph.add_run(text)
    document.save(str(path))
    return path


def test_a_word_manuscript_is_read_with_paragraph_and_column(tmp_path):
    path = _word(
        tmp_path / "paper.docx",
        [["Intro."], ["As shown [@", "a; @b, p. 3] and {@c}."], ["Then [2] and `[@x]` a@b.org."]],
    )
    manuscript = read_manuscript(path)
    assert manuscript.citations == [
        Citation(2, 11, "docx", key="a"),
        Citation(2, 15, "docx", key="b"),
        Citation(2, 30, "docx", key="c"),
        Citation(3, 7, "numeric", number=2),
    ]
    assert (manuscript.nocite, manuscript.cites_all) == ([], False)


def test_latex_nocite_is_a_citation_marked_nocite(tmp_path):
    manuscript = scan_manuscript(r"\nocite{b}\cite{a}", "m.tex", latex=True)
    assert [(c.key, c.nocite) for c in manuscript.citations] == [("b", True), ("a", False)]
    assert (manuscript.keys, manuscript.cited_keys) == (["b", "a"], ["a"])
