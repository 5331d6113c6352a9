"""Markdown and LaTeX manuscripts formatted in their own syntax, against hand-reviewed golden files.

Set TRIALBIB_REGEN_GOLDEN=1 to rewrite the golden files, then review the diff entry by entry.
"""

from __future__ import annotations

import os

import pytest

from paths import DATA
from trialbib.api import load_bibliography
from trialbib.io.citations import scan_markdown
from trialbib.manuscript.document import MissingKeys, document_language, reference_heading
from trialbib.manuscript.order import order_from_manuscripts, read_manuscript
from trialbib.manuscript.outputs import format_manuscript

HERE = DATA / "manuscript"
GOLDEN = HERE / "golden"
REGEN = os.environ.get("TRIALBIB_REGEN_GOLDEN") == "1"
GB = "china-national-standard-gb-t-7714-2015-numeric"  # gb7714-2015
STYLES = {"gb7714-2015": GB, "vancouver": "vancouver", "apa": "apa"}

# First citation order of paper.md, read by hand: cited keys, then nocite (test2020f).
MD_ORDER = [
    "morgan1976selective",
    "mizel1979revised",
    "sakaguchi2007regulatory",
    "harrington2005interleukin",
    "zhao2018fine",
    "test2020a",
    "test2020b",
    "he2016lowdose",
    "he2019efficacy",
    "rosenzwajg2019immunological",
    "shao2019progress",
    "shao2019interleukin2",
    "test2020c",
    "test2020d",
    "test2020f",
]
TEX_ORDER = [*MD_ORDER[:7], "test2020c", "he2016lowdose", "test2020f"]


@pytest.fixture(scope="module")
def library():  # type: ignore[no-untyped-def]
    return load_bibliography(HERE / "library.bib")


def test_library_is_thirty_mixed_entries(library):
    languages = [item.get("language") for item in library.items]
    assert len(library.items) == 30
    assert languages.count("zh") == 6


@pytest.mark.parametrize(("name", "expected"), [("paper.md", MD_ORDER), ("paper.tex", TEX_ORDER)], ids=["md", "tex"])
def test_order_by_first_citation(library, name, expected):
    order = order_from_manuscripts([read_manuscript(HERE / name)], library.keys)
    assert order.keys == expected
    assert order.missing == []


def test_order_across_files_in_the_order_given(library):
    both = [read_manuscript(HERE / "paper.tex"), read_manuscript(HERE / "paper.md")]
    keys = order_from_manuscripts(both, library.keys).keys
    assert keys[:8] == [*TEX_ORDER[:7], "test2020c"]
    assert keys[-1] == "test2020f"  # nocite after everything cited
    assert set(keys) == set(MD_ORDER)


def test_order_all_and_missing(library):
    scanned = scan_markdown("[@zhao2018fine; @nosuch] and [@nosuch] @other")
    order = order_from_manuscripts([scanned], library.keys, include_all=True)
    assert order.keys[0] == "zhao2018fine"
    assert len(order.keys) == 30
    assert [(m.key, m.location.line, m.location.column) for m in order.missing] == [("nosuch", 1, 1), ("other", 1, 40)]


@pytest.mark.parametrize("style", list(STYLES), ids=list(STYLES))
@pytest.mark.parametrize("name", ["paper.md", "paper.tex"], ids=["md", "tex"])
def test_golden(library, name, style):
    stem, suffix = name.split(".")
    golden = GOLDEN / f"{stem}.{style}.{suffix}"
    text = format_manuscript(HERE / name, library, f"out.{suffix}", STYLES[style]).content
    assert isinstance(text, str)
    if REGEN:
        golden.write_text(text, "utf-8")
    assert text == golden.read_text("utf-8")


def test_markdown_numbers_collapse_and_superscript(library):
    text = format_manuscript(HERE / "paper.md", library, "out.md", GB).content
    assert "depend on it^\\[3–5\\]^." in text
    assert "cited again^\\[1,2\\]^." in text  # two numbers are not a range
    assert "# References\n\n\\[1\\] MORGAN D A" in text
    assert "[@not_a_citation]" in text
    assert "[@inside_a_code_block]" in text


def test_missing_key_is_an_error(library, tmp_path):
    paper = tmp_path / "p.md"
    paper.write_text("[@nosuch] and [@zhao2018fine]\n", "utf-8")
    with pytest.raises(MissingKeys) as info:
        format_manuscript(paper, library, "out.md", GB)
    assert [m.key for m in info.value.missing] == ["nosuch"]


@pytest.mark.parametrize(
    ("text", "language", "heading"),
    [
        pytest.param("低剂量白细胞介素2治疗自身免疫病 [@a]。", "zh", "参考文献", id="chinese"),
        pytest.param("Low-dose IL-2 [@a].", "en", "References", id="english"),
        pytest.param("---\nlang: zh-CN\n---\nEnglish text", "zh", "参考文献", id="front-matter-lang"),
        pytest.param("---\nreference-section-title: Literatur\n---\nText", "en", "Literatur", id="front-matter-title"),
    ],
)
def test_heading_by_language(text, language, heading):
    scanned = scan_markdown(text)
    assert document_language(scanned) == language
    assert reference_heading(scanned) == heading
    assert reference_heading(scanned, "Bibliography") == "Bibliography"


def test_refs_div_and_latex_bibliography_are_replaced(library, tmp_path):
    md = tmp_path / "p.md"
    md.write_text("# A\n\n[@zhao2018fine]\n\n# Refs\n\n::: {#refs}\n:::\n\n# Appendix\n", "utf-8")
    out = format_manuscript(md, library, "o.md", "vancouver").content
    assert "# Refs\n\n1. Zhao Z" in out
    assert out.rstrip().endswith("# Appendix")
    tex = tmp_path / "p.tex"
    tex.write_text("\\cite{zhao2018fine}\n\\printbibliography\n\\appendix\n", "utf-8")
    out = format_manuscript(tex, library, "o.tex", "vancouver").content
    assert out.index("\\section*{References}") < out.index("\\appendix")


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("gb7714-2025-author-date", "（2018） found it （2018）.\n"),  # et al./等 of the name: the engine's
        ("apa", "Zhao et al. (2018) found it (2018).\n"),
    ],
    ids=["gb7714-2025-full-width", "apa"],
)
def test_author_in_text_and_suppressed_author_leave_no_separator(library, tmp_path, style, expected):
    paper = tmp_path / "p.md"
    paper.write_text("@zhao2018fine found it [-@zhao2018fine].\n", "utf-8")
    result = format_manuscript(paper, library, "out.md", style)
    assert isinstance(result.content, str)
    first = result.content.splitlines(keepends=True)[0]
    assert first.startswith("Zhao")
    assert first.endswith(expected)
