"""A journal's series (biblatex ``series`` on ``@article``): read as text, written back, cross-checked."""

from __future__ import annotations

import pytest

from trialbib.api import render
from trialbib.crosscheck import crosscheck
from trialbib.io.bibtex import parse_bibtex
from trialbib.io.bibtex_write import write_bibtex
from trialbib.io.journal_series import series_field, series_text
from trialbib.model import Bibliography


def _series(fields: str, etype: str = "article") -> str | None:
    text = f"@{etype}{{k, title = {{T}}, journaltitle = {{J}}, date = 1958, volume = 15, {fields}}}"
    (item,) = parse_bibtex(text).items
    return item.get("collection-title")


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param("series = 3", "3rd series", id="integer"),
        pytest.param("series = {1}", "1st series", id="first"),
        pytest.param("series = {12}", "12th series", id="twelfth"),
        pytest.param("series = {22}", "22nd series", id="twenty-second"),
        pytest.param("series = {newseries}", "new series", id="newseries-key"),
        pytest.param("series = {oldseries}", "old series", id="oldseries-key"),
        pytest.param("series = {newseries}, langid = {ngerman}", "neue Folge", id="german-key"),
        pytest.param("series = {2}, langid = {french}", "2e série", id="french-ordinal"),
        pytest.param("series = {{3}}", "3", id="braced-number-is-text"),
        pytest.param("series = {Ser. A}", "Ser. A", id="text-as-written"),
    ],
)
def test_an_articles_series_is_read_as_biblatex_prints_it(fields: str, expected: str) -> None:
    assert _series(fields) == expected


def test_a_book_series_is_not_a_journal_series() -> None:
    assert _series("series = {3}", etype="book") == "3"


@pytest.mark.parametrize("dialect", ["biblatex", "bibtex", "native"])
@pytest.mark.parametrize("value", ["3rd series", "new series", "3", "newseries", "Ser. A", "Neue Folge"])
def test_a_journal_series_survives_a_round_trip(dialect: str, value: str) -> None:
    item = {"id": "k", "type": "article-journal", "title": "T", "container-title": "J", "collection-title": value}
    written = write_bibtex([item], dialect).text  # type: ignore[arg-type]
    (back,) = parse_bibtex(written).items
    assert back["collection-title"] == value


@pytest.mark.parametrize(
    ("text", "language", "field"),
    [
        pytest.param("3rd series", "en", "3", id="ordinal"),
        pytest.param("new series", None, "newseries", id="key"),
        pytest.param("neue Folge", "de", "newseries", id="german-key"),
        pytest.param("3rd series", "de", "3rd series", id="other-language-kept"),
        pytest.param("Ser. A", "en", "Ser. A", id="text"),
    ],
)
def test_the_biblatex_writer_gives_back_the_number_or_key(text: str, language: str | None, field: str) -> None:
    assert series_field(text, language) == field
    assert field == text or series_text(field, language) == text


SERIES_BIB = """
@article{reese, author = {Reese, Trevor R.}, title = {Georgia in Anglo-Spanish Diplomacy, 1736--1739},
  journaltitle = {William and Mary Quarterly}, date = 1958, series = 3, volume = 15, pages = {168-190}}
@article{shore, author = {Shore, Bradd}, title = {Twice-Born, Once Conceived},
  journaltitle = {American Anthropologist}, date = {1991-03}, series = {newseries}, volume = 93,
  number = 1, pages = {9-27}}
"""


@pytest.mark.parametrize("style", ["vancouver", "apa", "gb7714-2015"])
def test_a_list_printing_the_series_cross_checks_clean(style: str) -> None:
    bib = parse_bibtex(SERIES_BIB)
    entries = render(bib, style=style)
    text = "\n".join(e.text for e in entries)
    order = {e.key: i for i, e in enumerate(entries)}
    items = sorted(bib.items, key=lambda i: order[i["id"]])
    report = crosscheck(text, Bibliography(items=items, source="t"))
    assert [d for d in report.differences if d.substantive] == []
    assert "newseries" not in text.lower()


def test_apa_prints_the_series_after_the_journal() -> None:
    text = " ".join(e.text for e in render(parse_bibtex(SERIES_BIB), style="apa"))
    assert "William and Mary Quarterly, 3rd Series, 15, 168–190" in text
    assert "American Anthropologist, New Series, 93(1)" in text


def test_a_wrong_volume_beside_the_series_is_still_found() -> None:
    bib = parse_bibtex(SERIES_BIB)
    text = (
        "Reese, T. R. (1958). Georgia in Anglo-Spanish Diplomacy, 1736–1739. "
        "William and Mary Quarterly, 3rd Series, 16, 168–190."
    )
    report = crosscheck(text, Bibliography(items=bib.items[:1], source="t"))
    assert [(d.kind, d.field) for d in report.differences if d.substantive] == [("wrong-value", "volume")]
