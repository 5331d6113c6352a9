"""LaTeX markup in a .bib reaches every output format as that format's markup (issue 12)."""

from __future__ import annotations

import json

import pytest

from trialbib.api import render
from trialbib.io.bibtex import parse_bibtex
from trialbib.render.formats import document

BIB = r"""@article{a,
  author = {Takahashi, Ken-ichi},
  title = {\emph{In vitro} expansion of CD4$^{+}$ cells by TNF-$\alpha$ and H$_2$O$_2$},
  journal = {Journal of Tests},
  year = {2019},
  volume = {5},
  pages = {Article ID 106347},
  langid = {english},
}
"""


@pytest.fixture(scope="module")
def bib():
    return parse_bibtex(BIB, "r.bib")


@pytest.mark.parametrize(
    ("fmt", "pieces"),
    [
        pytest.param("text", ["In vitro expansion of CD4+ cells by TNF-α and H2O2"], id="text"),
        pytest.param("html", ["<i>In vitro</i>", "CD4<sup>+</sup>", "H<sub>2</sub>O<sub>2</sub>"], id="html"),
        pytest.param("latex", [r"\textit{In vitro}", r"CD4\textsuperscript{+}", r"H\textsubscript{2}"], id="latex"),
        pytest.param("markdown", ["*In vitro*", "CD4<sup>+</sup>"], id="markdown"),
    ],
)
def test_markup_in_every_format(bib, fmt, pieces):
    text = render(bib, style="vancouver", fmt=fmt)[0].text  # type: ignore[arg-type]
    for piece in pieces:
        assert piece in text
    assert "$" not in text
    assert "\\emph" not in text
    assert "Article ID 106347" in text


def test_json_carries_plain_text_and_html(bib):
    data = json.loads(document(render(bib, style="vancouver", fmt="json"), "json"))  # type: ignore[arg-type]
    assert "<" not in data[0]["text"]
    assert "<i>In vitro</i>" in data[0]["html"]


@pytest.mark.parametrize(
    ("style", "expected"),
    [pytest.param("apa", "Takahashi, K.-i.", id="apa"), pytest.param("vancouver", "Takahashi KI", id="vancouver")],
)
def test_hyphenated_given_name_initialised(bib, style, expected, monkeypatch):
    monkeypatch.setenv("TRIALBIB_NO_CACHE", "1")
    assert expected in render(bib, style=style)[0].text


def test_month_range_keeps_its_year(monkeypatch):
    """``month = {10-11}`` is read as a range; a year-only style still prints the year (repair 11)."""
    monkeypatch.setenv("TRIALBIB_NO_CACHE", "1")
    text = (
        "@article{a, author = {Doe, J.}, title = {T}, journal = {J}, year = 2019, month = {10-11}, langid = {english}}"
    )
    bib = parse_bibtex(text)
    assert bib.get("a")["issued"] == {"date-parts": [[2019, 10], [2019, 11]]}
    assert render(bib, style="gb7714-2015")[0].text.endswith("J, 2019.")


@pytest.mark.parametrize("style", ["gb7714-2025", "gb7714-2025-author-date", "apa", "vancouver", "chicago-author-date"])
def test_month_range_renders_in_every_style(monkeypatch, style):
    """A month range inside a macro that cs:text calls crashed citeproc-py (it joined with cs:text)."""
    monkeypatch.setenv("TRIALBIB_NO_CACHE", "1")
    text = (
        "@article{a, author = {Doe, J.}, title = {T}, journal = {J}, year = 2019, month = {10-11}, langid = {english}}"
    )
    assert "2019" in render(parse_bibtex(text), style=style)[0].text


@pytest.mark.parametrize(
    ("style", "month", "expected"),
    [
        pytest.param("gb7714-2025", "{10-11}", "J，2019-10–11.", id="gb7714-2025-months"),
        pytest.param("vancouver", "{10-11}", "J. 2019 Oct–Nov.", id="vancouver-months"),
    ],
)
def test_a_range_within_a_year_prints_the_year_once_first(monkeypatch, style, month, expected):
    """Year-first dates: ``2019-10–11``, not citeproc-py's ``-10–-112019``."""
    monkeypatch.setenv("TRIALBIB_NO_CACHE", "1")
    text = f"@article{{a, author = {{Doe, J.}}, title = {{T}}, journal = {{J}}, year = 2019, month = {month}}}"
    assert render(parse_bibtex(text), style=style)[0].text.endswith(expected)
