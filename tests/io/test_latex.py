"""LaTeX field values to CSL rich text (io/latex.py), and rich text back to LaTeX."""

from __future__ import annotations

import pytest

from trialbib.io.latex import latex_to_rich, latex_to_text, rich_to_latex, strip_tags

NOCASE = '<span class="nocase">'
SC = '<span style="font-variant:small-caps;">'


@pytest.mark.parametrize(
    ("raw", "rich"),
    [
        pytest.param(r"\emph{In vitro} study", "<i>In vitro</i> study", id="emph"),
        pytest.param(r"\textit{a} \textbf{b}", "<i>a</i> <b>b</b>", id="textit-textbf"),
        pytest.param(r"{\em Drosophila} and {\bf bold}", "<i>Drosophila</i> and <b>bold</b>", id="declarations"),
        pytest.param(r"\textsc{Smith}", f"{SC}Smith</span>", id="textsc"),
        pytest.param(r"CD4$^{+}$ T cells", "CD4<sup>+</sup> T cells", id="math-sup-braced"),
        pytest.param(r"CD4$^+$", "CD4<sup>+</sup>", id="math-sup"),
        pytest.param(r"H$_2$O", "H<sub>2</sub>O", id="math-sub"),
        pytest.param(r"5\textsuperscript{th}", "5<sup>th</sup>", id="textsuperscript"),
        pytest.param(r"TNF-$\alpha$", "TNF-α", id="greek"),
        pytest.param(r"$p \leq 0.05$, $\pm 2$", "p ≤ 0.05, ± 2", id="math-symbols"),
        pytest.param(r"$37^\circ$C", "37°C", id="degree"),
        pytest.param(r"see \href{http://x.org/a_b%20}{the site}", "see the site", id="href"),
        pytest.param(r"\url{http://x.org/~a\_b#c}", "http://x.org/~a_b#c", id="url"),
        pytest.param(r"100\% \& \$5 \#1 a\_b", "100% & $5 #1 a_b", id="escaped-specials"),
        pytest.param(r"M{\"u}ller {\'E}cole", "Müller École", id="accents"),
        pytest.param(r"a -- b --- c", "a – b — c", id="dashes"),
        pytest.param(r"\enquote{quoted}", "\u201cquoted\u201d", id="enquote"),
        pytest.param(r"in \apj", "in ApJ", id="ads-journal-macro"),
        pytest.param(r"\noopsort{1973b}1973", "1973", id="sort-key-dropped"),
        pytest.param(r"location--\hspace{0pt}allocation", "location–allocation", id="spacing-dropped"),
    ],
)
def test_markup_to_rich_text(raw, rich):
    assert latex_to_rich(raw) == (rich, ())


@pytest.mark.parametrize(
    ("raw", "rich"),
    [
        pytest.param("{DNA} repair", f"{NOCASE}DNA</span> repair", id="protected-word"),
        pytest.param("{{IL-2}} therapy", f"{NOCASE}IL-2</span> therapy", id="double-braces"),
        pytest.param(r"{\"O}sterreich", "Österreich", id="accent-group-is-no-protection"),
        pytest.param("{2019}", "2019", id="no-letters-no-span"),
        pytest.param(r"\emph{x} {DNA}", f"<i>x</i> {NOCASE}DNA</span>", id="with-markup"),
    ],
)
def test_protected_case_as_nocase(raw, rich):
    assert latex_to_rich(raw) == (rich, ())


def test_unknown_macro_keeps_its_text_and_is_named():
    assert latex_to_rich(r"\foo{bar} and \foo{baz}") == ("bar and baz", ("foo",))


@pytest.mark.parametrize(
    "raw",
    [
        pytest.param(r"\href{http://x.org}{text}", id="href"),
        pytest.param(r"\href{http://x.org}", id="href-one-argument"),
        pytest.param(r"\href", id="href-alone"),
        pytest.param(r"\emph{", id="unclosed-emph"),
        pytest.param("$unclosed", id="unclosed-math"),
        pytest.param("unbalanced {", id="unbalanced"),
        pytest.param(r"$x^$", id="script-without-argument"),
    ],
)
def test_never_raises(raw):
    """The \\href IndexError of pylatexenc's default macro table (issue 12) is gone."""
    rich, _ = latex_to_rich(raw)
    assert "\\href" not in rich
    assert isinstance(latex_to_text(raw), str)


def test_plain_text_is_rich_text_without_tags():
    raw = r"\emph{In vitro} CD4$^{+}$ {DNA}"
    assert latex_to_text(raw) == strip_tags(latex_to_rich(raw)[0]) == "In vitro CD4+ DNA"


def test_rich_text_back_to_latex():
    rich = f"<i>In vitro</i> CD4<sup>+</sup> {NOCASE}DNA</span> {SC}Smith</span> H<sub>2</sub>O"
    latex = rich_to_latex(rich, str, str)
    assert latex == r"\textit{In vitro} CD4\textsuperscript{+} {DNA} \textsc{Smith} H\textsubscript{2}O"
    assert latex_to_rich(latex)[0] == rich


def test_keys_and_crosscheck_read_rich_titles_as_plain_text():
    from trialbib.crosscheck import crosscheck
    from trialbib.io.bibtex import parse_bibtex
    from trialbib.keys import base_key

    bib = parse_bibtex(
        r"@article{doe2019vitro, author = {Doe, Jane}, title = {\emph{In vitro} expansion},"
        r" journal = {J Tests}, year = 2019, volume = 1, pages = {1--2}, langid = {english}}"
    )
    assert bib.items[0]["title"] == "<i>In vitro</i> expansion"
    assert base_key(bib.items[0]) == "doe2019vitro"
    report = crosscheck("[1] DOE J. In vitro expansion[J]. J Tests, 2019, 1: 1-2.", bib)
    assert report.matched == 1
    assert not [d for d in report.differences if d.field == "title"]


# Classes found on held-out real bibliographies (docs/differential-heldout.md).
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (r"Programming in Martin-L\"{o}f's Type Theory", "Programming in Martin-Löf's Type Theory"),
        (r"\'{E}quivalence naturelle", "Équivalence naturelle"),
        (r"\"{U}ber das Unendliche {DNA}", 'Über das Unendliche <span class="nocase">DNA</span>'),
        (r"{\"{o}}", "ö"),
    ],
    ids=[
        "accent-braced-letter-mid-word",
        "accent-braced-letter-first",
        "accent-beside-protected-word",
        "braced-special",
    ],
)
def test_accent_with_braced_letter_outside_a_group(raw, expected):
    assert latex_to_rich(raw)[0] == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("A Note on the `Accelerationist' Controversy", "A Note on the \u2018Accelerationist\u2019 Controversy"),
        ("``quoted''", "\u201cquoted\u201d"),
        ("it's", "it's"),
        (r"\`{a} la `mode'", "\u00e0 la \u2018mode\u2019"),
    ],
    ids=["single-quotes", "double-quotes", "apostrophe-kept", "grave-accent-is-not-a-quote"],
)
def test_tex_quotes_become_typographic(raw, expected):
    assert latex_to_text(raw) == expected
