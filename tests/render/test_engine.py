"""The reference list regenerated from references.bib."""

from __future__ import annotations

import re

import pytest

from trialbib.api import render
from trialbib.errors import StyleError


def test_gb7714_numbers_24_entries_in_article_order(bib):
    entries = render(bib)
    assert [e.number for e in entries] == list(range(1, 25))
    assert [e.key for e in entries] == bib.keys
    for entry, item in zip(entries, bib.items, strict=True):
        assert re.match(rf"^\[{entry.number}\]", entry.text)
        assert item["title"] in entry.text
        assert item["container-title"] in entry.text


def test_et_al_shown_where_the_data_truncates(bib):
    entries = render(bib)
    assert "SHAO M, 等" in entries[0].text or "SHAO M, et al" in entries[0].text
    assert "GALLO R." in entries[3].text and "等" not in entries[3].text


@pytest.mark.parametrize("style", ["apa", "vancouver", "nature", "american-medical-association"])
def test_other_styles_render_every_entry(bib, style):
    entries = render(bib, style=style)
    assert len(entries) == 24
    assert {e.key for e in entries} == set(bib.keys)


def test_custom_order_numbers(bib):
    order = list(reversed(bib.keys))
    entries = render(bib, order=order)
    assert entries[0].key == bib.keys[-1] and entries[0].text.startswith("[1]")


def test_unknown_style_suggests():
    with pytest.raises(StyleError, match="unknown style 'vancuover'"):
        from trialbib.render.engine import load_style

        load_style("vancuover")
