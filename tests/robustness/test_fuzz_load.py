"""The any-format reader on hostile input built from real exports: Better CSL JSON and YAML items
with values and notes replaced by generated ones, and files of unknown kind.

Any input either loads (its problems listed) or gives a trialbib error, never another
exception; items that load survive a BibLaTeX round trip without a crash. Budgets are fixed.
"""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paths import DATA
from trialbib.errors import TrialbibError
from trialbib.io.bibtex_write import write_bibtex
from trialbib.io.load import detect_format, parse_bibliography

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
REAL = json.loads((DATA / "real" / "better-csl.json").read_text(encoding="utf-8"))
TEXT = st.characters(blacklist_categories=("Cs",))
NOTE_LINES = st.sampled_from(
    ["type: map", "type: nonsense", "original-author: Mercator || Gerardus", "author: ||", "issued: 2019-13-45",
     "issued: -0044-03-15", "Citation Key: a b", "tex.x: \\href{u}{t}", "trialbib-author-truncated: [[[", "scale: 1:5"]
)  # fmt: skip
VALUES = st.one_of(
    st.text(TEXT, max_size=30),
    st.integers(-(10**20), 10**20),
    st.booleans(),
    st.none(),
    st.lists(st.text(TEXT, max_size=5), max_size=3),
    st.fixed_dictionaries({"date-parts": st.lists(st.lists(st.one_of(st.integers(-5, 3000), st.text(max_size=3))))}),
    st.lists(st.dictionaries(st.sampled_from(["family", "given", "literal", "isInstitution"]), st.text(max_size=5))),
)


def reads(text: str, name: str) -> None:
    try:
        fmt = detect_format(name, text)
        bib = parse_bibliography(text, name, fmt)
    except TrialbibError as exc:
        assert "\n" not in str(exc)
        return
    for problem in bib.problems:
        assert "\n" not in problem.message
    for item in bib.items:
        if item.get("id"):
            write_bibtex([item], "biblatex")


@st.composite
def mutated_items(draw: Any) -> list[dict[str, Any]]:
    items = [dict(item) for item in REAL]
    for item in items:
        for _ in range(draw(st.integers(0, 3))):
            name = draw(st.sampled_from([*sorted(item), "issued", "author", "director", "scale", "custom"]))
            item[name] = draw(VALUES)
        item["note"] = "\n".join(draw(st.lists(NOTE_LINES, max_size=4)))
    return items


@SETTINGS
@given(mutated_items())
def test_mutated_better_csl_json(items):
    reads(json.dumps(items, ensure_ascii=False), "x.json")


@SETTINGS
@given(mutated_items())
def test_mutated_better_csl_yaml(items):
    reads(yaml.safe_dump({"references": items}, allow_unicode=True), "x.yaml")


@SETTINGS
@given(st.text(TEXT, max_size=200), st.sampled_from(["x.txt", "x", "x.bib", "x.json", "x.yml", "x.ris"]))
def test_any_text_under_any_name(text, name):
    reads(text, name)
