"""Golden reference lists: each style on the article's 24 references and on the type fixtures.

The expected files in tests/data/render/golden/ were reviewed entry by entry against each
style's rules (GB/T 7714-2015 sections 4.1-4.6 and 8; GB/T 7714-2025 sections 6-8, see
docs/gbt7714.md; the article's printed list; Citing
Medicine for NLM; AMA 11th ed.; APA 7th ed.; Nature's guide) and against what citeproc-js does
with the same style. Set TRIALBIB_REGEN_GOLDEN=1 to rewrite them, then review the diff.
"""

from __future__ import annotations

import json
import os

import pytest

from paths import DATA
from trialbib.api import render
from trialbib.render.engine import render_bibliography

GOLDEN = DATA / "render" / "golden"
ITEMS = json.loads((DATA / "render" / "items.json").read_text("utf-8"))["items"]
REGEN = os.environ.get("TRIALBIB_REGEN_GOLDEN") == "1"


def _check(path, lines):  # type: ignore[no-untyped-def]
    if REGEN:
        path.write_text("\n".join(lines) + "\n", "utf-8")
    expected = path.read_text("utf-8").splitlines()
    assert len(lines) == len(expected)
    for number, (got, want) in enumerate(zip(lines, expected, strict=True), 1):
        assert got == want, f"entry {number}"


@pytest.mark.parametrize(
    "style",
    [
        pytest.param("gb7714-2015", id="gb7714-2015"),
        pytest.param("gb7714-2025", id="gb7714-2025"),
        pytest.param("article", id="article"),
        pytest.param("vancouver", id="nlm-vancouver"),
        pytest.param("apa", id="apa"),
        pytest.param("ama", id="ama"),
        pytest.param("nature", id="nature"),
    ],
)
def test_24_references(bib, style):
    _check(GOLDEN / f"{style}.txt", [e.text for e in render(bib, style=style)])


@pytest.mark.parametrize("style", ["gb7714-2015", "gb7714-2025", "article", "apa", "vancouver"])
def test_item_types_and_chinese_items(style):
    _check(GOLDEN / f"items-{style}.txt", [e.text for e in render_bibliography(ITEMS, style)])
