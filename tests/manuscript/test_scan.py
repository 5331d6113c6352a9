"""Every citation form of pandoc Markdown, LaTeX and Word markers, read into groups (expected by hand)."""

from __future__ import annotations

import pytest

from trialbib.io.citations import CiteItem, scan_latex, scan_markdown, split_locator


def groups(text: str, latex: bool = False, braces: bool = False) -> list[list[CiteItem]]:
    scanned = scan_latex(text) if latex else scan_markdown(text, braces=braces)
    return [list(g.items) for g in scanned.groups]


N, S, T = "normal", "suppress-author", "author-in-text"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("[@a]", [[CiteItem("a")]], id="bracketed"),
        pytest.param("[@a; @b, p. 12]", [[CiteItem("a"), CiteItem("b", locator="12")]], id="two-with-locator"),
        pytest.param("@a [p. 3]", [[CiteItem("a", locator="3", mode=T)]], id="in-text-with-locator"),
        pytest.param("@a says", [[CiteItem("a", mode=T)]], id="in-text"),
        pytest.param("[-@a]", [[CiteItem("a", mode=S)]], id="suppress-author"),
        pytest.param(
            "[see @a, chap. 2, emphasis added]",
            [[CiteItem("a", "see", ", emphasis added", "2", "chapter")]],
            id="prefix-locator-suffix",
        ),
        pytest.param("[@a, pp. 33-35, 38]", [[CiteItem("a", locator="33-35, 38")]], id="page-ranges"),
        pytest.param("[@a, 33]", [[CiteItem("a", locator="33")]], id="bare-number-is-page"),
        pytest.param("[@{odd.key.}]", [[CiteItem("odd.key.")]], id="braced-key"),
        pytest.param("[@{odd key}]", [], id="braced-key-with-space-is-text-as-in-pandoc"),
        pytest.param("[@张2019研究]", [[CiteItem("张2019研究")]], id="chinese-key"),
        pytest.param("[link](http://x) and [text][ref]", [], id="links-are-not-citations"),
        pytest.param("mail a@b.org, see @fig:one", [], id="email-and-crossref"),
        pytest.param("`[@a]`\n```\n[@b]\n```\n<!-- [@c] -->", [], id="code-and-comments"),
    ],
)
def test_markdown(text, expected):
    assert groups(text) == expected


def test_markdown_front_matter_nocite_lang_and_heading():
    text = "---\nnocite: '@x, @y'\nlang: zh-CN\nreference-section-title: 文献\n---\n[@a]\n"
    scanned = scan_markdown(text)
    assert (scanned.nocite, scanned.language, scanned.heading, scanned.cites_all) == (
        ["x", "y"],
        "zh-CN",
        "文献",
        False,
    )
    assert [(g.line, g.column) for g in scanned.groups] == [(6, 1)]


def test_markdown_nocite_star():
    assert scan_markdown("---\nnocite: '@*'\n---\ntext\n").cites_all


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(r"\cite{a,b}", [[CiteItem("a"), CiteItem("b")]], id="cite"),
        pytest.param(r"\citep[see][p.~3]{c}", [[CiteItem("c", "see", "", "3")]], id="citep-pre-post"),
        pytest.param(r"\citet{d}", [[CiteItem("d", mode=T)]], id="citet"),
        pytest.param(r"\parencite[12]{e}", [[CiteItem("e", locator="12")]], id="parencite-postnote"),
        pytest.param(r"\textcite{f}", [[CiteItem("f", mode=T)]], id="textcite"),
        pytest.param(r"\autocite{g}", [[CiteItem("g")]], id="autocite"),
        pytest.param(r"\supercite{h}", [[CiteItem("h")]], id="supercite"),
        pytest.param(r"\citeyear{i}", [[CiteItem("i", mode=S)]], id="citeyear"),
        pytest.param(r"\Textcite*{j}", [[CiteItem("j", mode=T)]], id="capital-starred"),
        pytest.param(
            r"\autocites[1]{j}[see][p. 2]{k}",
            [[CiteItem("j", locator="1"), CiteItem("k", "see", "", "2")]],
            id="multicite",
        ),
        pytest.param(r"\cite[chap.~4]{l}", [[CiteItem("l", locator="4", label="chapter")]], id="chapter"),
        pytest.param("\\cite{a} % \\cite{b}", [[CiteItem("a")]], id="comment"),
    ],
)
def test_latex(text, expected):
    assert groups(text, latex=True) == expected


def test_latex_nocite_is_a_group_to_remove():
    scanned = scan_latex(r"x\nocite{a}y\nocite{*}")
    assert [g.nocite for g in scanned.groups] == [True, True]
    assert (scanned.nocite, scanned.cites_all) == (["a"], True)
    assert scanned.keys == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "as shown [@a] and {@b, p. 4}", [[CiteItem("a")], [CiteItem("b", locator="4")]], id="both-markers"
        ),
        pytest.param("@a alone", [], id="no-bare-keys-in-word"),
    ],
)
def test_word_markers(text, expected):
    assert groups(text, braces=True) == expected


@pytest.mark.parametrize(
    ("suffix", "expected"),
    [
        pytest.param(", p. 12", ("page", "12", ""), id="page"),
        pytest.param(", sec. 3, for example", ("section", "3", ", for example"), id="section-and-suffix"),
        pytest.param(", for example", ("page", "", ", for example"), id="no-locator"),
        pytest.param(" vol. iv", ("volume", "iv", ""), id="roman"),
    ],
)
def test_split_locator(suffix, expected):
    assert split_locator(suffix) == expected
