"""The citation-key rule."""

from __future__ import annotations

import re

import pytest

from trialbib.api import load_bibliography
from trialbib.keys import assign_keys, base_key


def test_shipped_keys_follow_the_rule(bib):
    assert assign_keys(bib.items) == bib.keys


def test_shipped_keys_are_unchanged_by_the_folding():
    from paths import ROOT

    text = (ROOT / "references.bib").read_text("utf-8")
    written = re.findall(r"^@\w+\{([^,]+),", text, re.MULTILINE)
    assert written
    assert written == assign_keys(load_bibliography(str(ROOT / "references.bib")).items)


@pytest.mark.parametrize(
    ("item", "key"),
    [
        ({"author": [{"family": "He"}], "issued": {"date-parts": [[2016]]}, "title": "Low-dose IL-2"}, "he2016lowdose"),
        (
            {"author": [{"family": "An"}], "issued": {"date-parts": [[2019]]}, "title": "The absolute counts"},
            "an2019absolute",
        ),
        (
            {"author": [{"family": "Sjögren"}], "issued": {"date-parts": [[2001]]}, "title": "On a theme"},
            "sjogren2001theme",
        ),
        ({"author": [{"family": "Le Duff"}], "title": "Effects"}, "leduffeffects"),
        ({"title": "Anonymous work", "issued": {"date-parts": [[1999]]}}, "anon1999anonymous"),
        ({"author": [{"family": "张"}], "issued": {"date-parts": [[2020]]}, "title": "研究"}, "张2020研究"),
        pytest.param(
            {"author": [{"family": "Østergaard"}], "issued": {"date-parts": [[2019]]}, "title": "Ørsted"},
            "ostergaard2019orsted",
            id="o-stroke",
        ),
        pytest.param(
            {"author": [{"family": "Weiß"}], "issued": {"date-parts": [[2020]]}, "title": "Straße"},
            "weiss2020strasse",
            id="sharp-s",
        ),
        pytest.param(
            {"author": [{"family": "Łukasiewicz"}], "issued": {"date-parts": [[1920]]}, "title": "Logika"},
            "lukasiewicz1920logika",
            id="l-stroke",
        ),
        pytest.param(
            {"author": [{"family": "Ærø"}], "issued": {"date-parts": [[2001]]}, "title": "Þing"},
            "aero2001thing",
            id="ae-thorn",
        ),
        pytest.param(
            {"author": [{"family": "Đoković"}], "issued": {"date-parts": [[2015]]}, "title": "İstanbul"},
            "dokovic2015istanbul",
            id="d-stroke-dotted-i",
        ),
    ],
)
def test_base_key(item, key):
    assert base_key(item) == key


def test_clashes_get_letter_suffixes():
    item = {"author": [{"family": "Zhang"}], "issued": {"date-parts": [[2018]]}, "title": "Low dose"}
    assert assign_keys([item] * 4) == ["zhang2018low", "zhang2018lowa", "zhang2018lowb", "zhang2018lowc"]
