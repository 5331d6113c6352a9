"""Every command reads the same citations from a manuscript.

``check`` and ``crosscheck --manuscript`` read a manuscript through :mod:`trialbib.io.manuscript`;
``render --manuscript``, ``format`` and the list order through :mod:`trialbib.manuscript.order`.
Both views come from the one scanner (:mod:`trialbib.io.citations`); these tests hold each
snippet to its expected keys through both entry points, so neither can drift, and hold the
Markdown snippets to pandoc's own reading (what the pandoc filter sees).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from paths import DATA
from trialbib.checks.context import Context
from trialbib.io import manuscript as check_reading
from trialbib.io.load import read_bibliography as load_bibliography
from trialbib.manuscript import order as format_reading

HERE = DATA / "manuscript"
FILES = sorted(p for p in HERE.rglob("*") if p.suffix in (".md", ".tex") and "golden" not in p.parts)

# (id, file name, text, keys cited in the text in reading order with repeats, nocite, cites_all)
SNIPPETS = [
    ("bracketed", "m.md", "As shown [@a; @b, p. 3] and [see @c, chap. 2].", ["a", "b", "c"], [], False),
    ("suppress-author", "m.md", "Smith [-@a] and @b [p. 3] said so.", ["a", "b"], [], False),
    ("braced-key", "m.md", "[@{odd.key.}] and @{x.y}; [@{no spaces}]", ["odd.key.", "x.y"], [], False),
    ("repeats", "m.md", "[@b] then [@a] then [@b; @a].", ["b", "a", "b", "a"], [], False),
    ("code-spans", "m.md", "`[@x]` and ``[@y `z` ]`` and [@a].", ["a"], [], False),
    ("code-block", "m.md", "```\n[@x]\n```\n~~~\n@y\n~~~\n[@a]", ["a"], [], False),
    ("emails", "m.md", "Mail a@b.com, <c@d.org> or [me](mailto:e@f.org); user.name@x.org [@a].", ["a"], [], False),
    ("link-destinations", "m.md", '[x](https://x.org/@y "[@t]") <https://x.org/@z> [@a]', ["a"], [], False),
    ("link-reference", "m.md", "[text][r] [@a]\n\n[r]: https://x.org/@y\n", ["a"], [], False),
    ("html-comment-and-attribute", "m.md", '<!-- [@x] -->\n<span title="@y">[@a]</span>', ["a"], [], False),
    ("escaped", "m.md", "\\@x and \\[@y\\] and [@a]", ["y", "a"], [], False),  # \[ is a bracket: @y cites in text
    ("crossref-labels", "m.md", "See @fig:one, [@tbl:two] and [@a].", ["a"], [], False),
    ("footnote-at-its-mark", "m.md", "First[^n] then [@b].\n\n[^n]: Note [@a].\n", ["a", "b"], [], False),
    ("not-a-citation-suffix", "m.md", "[see @a and @b]", ["a"], [], False),
    ("front-matter-nocite", "m.md", "---\nnocite: '@n, @*'\n---\n[@a]\n", ["a"], ["n"], True),
    (
        "latex-forms",
        "m.tex",
        r"\cite{a} \citep[see][p.~3]{b,c} \textcite{d} \autocites[1]{e}[2]{f}",
        list("abcdef"),
        [],
        False,
    ),
    ("latex-multicite-notes", "m.tex", r"\cites(pre)(post)[1]{a}{b}", ["a", "b"], [], False),
    ("latex-comments", "m.tex", "\\cite{a} % \\cite{x}\n\\% \\cite{b}", ["a", "b"], [], False),
    (
        "latex-verbatim",
        "m.tex",
        "\\verb|\\cite{x}| \\begin{verbatim}\\cite{y}\\end{verbatim} \\cite{a}",
        ["a"],
        [],
        False,
    ),
    ("latex-nocite", "m.tex", r"\nocite{n}\cite{a}\nocite{*}", ["a"], ["n"], True),
    ("latex-not-markdown", "m.tex", "[@x] and \\cite{a} and a@b.com", ["a"], [], False),
]


def readings(path: Path) -> tuple[tuple[list[str], list[str], bool], tuple[list[str], list[str], bool]]:
    """(cited keys, nocite, cites_all) as ``check`` reads ``path``, and as ``format`` reads it."""
    checked = check_reading.read_manuscript(path)
    check_view = (
        [c.key for c in checked.citations if c.key is not None and not c.nocite],
        checked.nocite,
        checked.cites_all,
    )
    scanned = format_reading.read_manuscript(path)
    format_view = (
        [k for g in scanned.in_reading_order() if not g.nocite for k in g.keys],
        scanned.nocite,
        scanned.cites_all,
    )
    return check_view, format_view


@pytest.mark.parametrize(
    ("name", "text", "keys", "nocite", "cites_all"),
    [pytest.param(*rest, id=ident) for ident, *rest in SNIPPETS],
)
def test_check_and_format_read_the_same_citations(tmp_path, name, text, keys, nocite, cites_all):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    check_view, format_view = readings(path)
    assert check_view == format_view
    assert check_view == (keys, nocite, cites_all)


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(HERE)) for p in FILES])
def test_check_and_format_agree_on_every_syntax_file(path):
    check_view, format_view = readings(path)
    assert check_view == format_view
    assert len(set(check_view[0])) >= 8  # the shipped manuscripts cite every form, many keys


@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(HERE)) for p in FILES])
def test_check_numbers_the_list_as_render_manuscript_does(path):
    """``check`` maps ``[n]`` to the n-th entry of the list ``render --manuscript --all`` prints."""
    bib = load_bibliography(path.parent / "library.bib")
    ctx = Context(bib=bib, manuscripts=[check_reading.read_manuscript(path)])
    order = format_reading.order_from_manuscripts([format_reading.read_manuscript(path)], bib.keys, include_all=True)
    assert ctx.list_keys() == order.keys
    assert ctx.list_keys() != bib.keys  # the manuscripts cite out of the .bib's order


def test_a_manuscript_citing_only_nocite_keys_numbers_them_first(tmp_path):
    """Before: with no key citation, numbers were mapped through the .bib's order, ignoring nocite."""
    bib = load_bibliography(HERE / "library.bib")
    paper = tmp_path / "m.md"
    paper.write_text(f"---\nnocite: '@{bib.keys[-1]}'\n---\nAs shown [1].\n", "utf-8")
    ctx = Context(bib=bib, manuscripts=[check_reading.read_manuscript(paper)])
    assert ctx.list_keys()[0] == bib.keys[-1]
    assert ctx.cited_keys() == {bib.keys[-1]}


def _pandoc() -> str | None:
    try:
        import pypandoc

        return str(pypandoc.get_pandoc_path())
    except (ImportError, OSError):
        return shutil.which("pandoc")


def _pandoc_keys(pandoc: str, text: str) -> list[str]:
    """The citation ids of pandoc's document tree, in document order (notes at their marks)."""
    tree = json.loads(
        subprocess.run(
            [pandoc, "-f", "markdown", "-t", "json"], input=text, capture_output=True, text=True, check=True
        ).stdout
    )
    keys: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if node.get("t") == "Cite":
                keys.extend(c["citationId"] for c in node["c"][0])
                walk(node["c"][1])
                return
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(tree["blocks"])
    return keys


# pandoc without pandoc-crossref reads @fig:x as a citation; trialbib leaves the labels to it
NOT_AS_PANDOC = {"crossref-labels"}


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        pytest.param(text, keys, id=ident)
        for ident, name, text, keys, _, _ in SNIPPETS
        if name.endswith(".md") and ident not in NOT_AS_PANDOC
    ],
)
def test_markdown_snippets_read_as_pandoc_reads_them(text, keys):
    """What the pandoc filter sees (pandoc's Cite elements) is what the scanner finds."""
    pandoc = _pandoc()
    if pandoc is None:
        pytest.skip("pandoc is not installed (pip install 'trialbib[pandoc]')")
    assert _pandoc_keys(pandoc, text) == keys
