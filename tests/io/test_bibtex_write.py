"""The entry type each dialect writes, and what it reports lost (``io.bibtex_write._entry_type``)."""

from __future__ import annotations

import pytest

from trialbib.io.bibtex_write import to_entry


@pytest.mark.parametrize(
    ("item", "dialect", "entry_type", "type_lost"),
    [
        pytest.param({"type": "thesis", "genre": "Master's thesis"}, "bibtex", "mastersthesis", False, id="masters"),
        pytest.param({"type": "thesis"}, "bibtex", "phdthesis", False, id="phd"),
        pytest.param({"type": "dataset"}, "bibtex", "misc", True, id="bibtex-has-no-dataset"),
        pytest.param({"type": "dataset"}, "biblatex", "dataset", False, id="biblatex-dataset"),
    ],
)
def test_entry_type_and_whether_the_type_is_lost(item, dialect, entry_type, type_lost):
    entry, lost = to_entry({"id": "k", "title": "T", **item}, dialect)
    assert entry.entry_type == entry_type
    assert ("type" in lost) == type_lost


def test_a_biblatex_preprint_is_marked_as_such():
    entry, _ = to_entry({"id": "k", "type": "article", "title": "T"}, "biblatex")
    assert "pubstate" in dict(entry.fields)
