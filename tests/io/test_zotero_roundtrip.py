"""A Zotero CSL-JSON export of all 24 references, imported into an empty bibliography and
exported again, gives the same data as the shipped references.bib."""

from __future__ import annotations

import json

from paths import DATA, ROOT
from trialbib.api import export, import_into, load_bibliography

ZOTERO = DATA / "interchange" / "zotero-export-24.json"


def test_zotero_export_of_the_24_round_trips(tmp_path):
    target = tmp_path / "references.bib"
    result = import_into(ZOTERO, target)
    assert result.written
    assert target.exists()
    imported = load_bibliography(target)
    shipped = load_bibliography(ROOT / "references.bib")
    assert imported.keys == shipped.keys  # keys kept from the Citation Key field or Extra line
    assert imported.items == shipped.items
    again = json.loads(export(imported, "csl-json").text)
    assert again == json.loads(export(shipped, "csl-json").text)


def test_fixture_looks_like_zotero():
    items = json.loads(ZOTERO.read_text("utf-8"))
    assert len(items) == 24
    assert all(item["id"].startswith("http://zotero.org/users/local/") for item in items)
    assert all(isinstance(item["issued"]["date-parts"][0][0], str) for item in items)  # Zotero's years
    assert sum("citation-key" in item for item in items) == 12  # the rest keep it in Extra
    assert not any("custom" in item for item in items)  # Zotero keeps no custom object
