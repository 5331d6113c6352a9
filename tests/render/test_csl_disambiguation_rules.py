"""Disambiguation methods of CSL 1.0.2 on small lists of our own: added names that only partly
help, given names expanded name by name, the global given-name rules, year suffixes per set."""

from __future__ import annotations

import pytest

from trialbib.render import engine
from trialbib.render.styles import StyleSource


def _style(citation_attributes: str, et_al: str = 'et-al-min="3" et-al-use-first="1"') -> StyleSource:
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>t</title><id>t</id></info>"
        f"<citation {et_al} {citation_attributes}>"
        '<layout delimiter="; "><group delimiter=" ">'
        '<names variable="author"><name and="symbol" delimiter=", " delimiter-precedes-last="never" '
        'form="short" initialize-with=". "/></names>'
        '<group><date variable="issued"><date-part name="year"/></date><text variable="year-suffix"/></group>'
        "</group></layout></citation>"
        '<bibliography><layout><names variable="author"><name name-as-sort-order="all"/></names>'
        '<date variable="issued" prefix=" "><date-part name="year"/></date><text variable="year-suffix"/>'
        '<text variable="title" prefix=". "/></layout></bibliography></style>'
    )
    return StyleSource("t", "t.csl", xml.encode())


def _item(key: str, people: list[tuple[str, str]], year: int = 1980) -> dict[str, object]:
    return {
        "id": key,
        "type": "book",
        "title": key.upper(),
        "author": [{"family": f, "given": g} for f, g in people],
        "issued": {"date-parts": [[year]]},
    }


def _cite(items: list[dict[str, object]], style: StyleSource) -> str:
    return engine.render_citation(items, [str(i["id"]) for i in items], style).text


SMITH = ("Smith", "John")
TWO_PAIRS = [
    _item("a", [SMITH, ("Jones", "John"), ("Brown", "John")]),
    _item("b", [SMITH, ("Jones", "John"), ("Brown", "John")]),
    _item("c", [SMITH, ("Jones", "John"), ("Brown", "John"), ("Green", "John")]),
    _item("d", [SMITH, ("Jones", "John"), ("Brown", "John"), ("Green", "John")]),
]


def test_added_names_that_only_partly_help_are_kept_and_suffixes_count_per_set():
    # three names tell the pairs apart; a fourth name does not tell the second pair's items
    # apart, so they keep three; each pair still alike takes its own a, b
    style = _style('disambiguate-add-names="true" disambiguate-add-year-suffix="true"')
    assert _cite(TWO_PAIRS, style) == (
        "Smith, Jones & Brown 1980a; Smith, Jones & Brown 1980b; "
        "Smith, Jones, Brown, et al. 1980a; Smith, Jones, Brown, et al. 1980b"
    )


def test_names_that_never_help_are_not_added():
    items = [
        _item("a", [SMITH, ("Jones", "John"), ("Brown", "John")]),
        _item("b", [SMITH, ("Jones", "John"), ("Brown", "John")]),
    ]
    style = _style('disambiguate-add-names="true" disambiguate-add-year-suffix="true"')
    assert _cite(items, style) == "Smith et al. 1980a; Smith et al. 1980b"


def test_by_cite_expands_only_the_given_name_that_differs():
    items = [
        _item("a", [SMITH, ("Brown", "John"), ("Jones", "John")]),
        _item("b", [SMITH, ("Brown", "John"), ("Jones", "Arthur")]),
        _item("c", [SMITH, ("Brown", "Bob"), ("Jones", "John")]),
        _item("d", [SMITH, ("Brown", "Bill"), ("Jones", "John")]),
    ]
    style = _style('disambiguate-add-names="true" disambiguate-add-givenname="true"')
    # stepped as citeproc-js steps it (its output, checked by hand): Brown's initial parts a, b
    # from c, d; a and b then differ in Jones's initial; c and d, walked next from where the
    # counter stands, in Brown's full given name with the three names the counter reached
    assert _cite(items, style) == (
        "Smith, J. Brown & J. Jones 1980; Smith, J. Brown & A. Jones 1980; "
        "Smith, Bob Brown & J. Jones 1980; Smith, Bill Brown & J. Jones 1980"
    )


ALL_NAMES = [
    _item("a", [("Asthma", "Albert"), ("Bronchitis", "Bosworth"), ("Cold", "Crispin")], 1980),
    _item("b", [("Asthma", "Albert"), ("Bronchitis", "Beauregarde"), ("Cold", "Odeous")], 1995),
]


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        pytest.param(
            "all-names",
            "Asthma, Bosworth Bronchitis & C. Cold 1980; Asthma, Beauregarde Bronchitis & O. Cold 1995",
            id="all-names",
        ),
        pytest.param(
            "all-names-with-initials",
            "Asthma, Bronchitis & C. Cold 1980; Asthma, Bronchitis & O. Cold 1995",
            id="initials-only",
        ),
        pytest.param("primary-name", "Asthma, Bronchitis & Cold 1980; Asthma, Bronchitis & Cold 1995", id="primary"),
    ],
)
def test_global_rules_expand_names_of_different_people_even_in_cites_that_differ(rule, expected):
    style = _style(f'disambiguate-add-givenname="true" givenname-disambiguation-rule="{rule}"', 'et-al-min="4"')
    assert _cite(ALL_NAMES, style) == expected


def test_primary_name_rule_looks_at_first_names_only():
    items = [
        _item("a", [("Asthma", "Albert"), ("Bronchitis", "Bo")], 1980),
        _item("b", [("Asthma", "Gregory"), ("Bronchitis", "Bea")], 1995),
        _item("c", [("Dropsy", "Duncan"), ("Asthma", "Albert")], 1995),
    ]
    style = _style('disambiguate-add-givenname="true" givenname-disambiguation-rule="primary-name"')
    assert _cite(items, style) == "A. Asthma & Bronchitis 1980; G. Asthma & Bronchitis 1995; Dropsy & Asthma 1995"


def test_the_same_person_written_with_other_spacing_is_not_expanded():
    items = [_item("a", [("Doe", "J. J.")], 1980), _item("b", [("Doe", "J.J.")], 1995)]
    style = _style('disambiguate-add-givenname="true" givenname-disambiguation-rule="all-names"')
    assert _cite(items, style) == "Doe 1980; Doe 1995"


def test_warm_cache_keeps_global_rules_and_suffixes_exact(tmp_path, monkeypatch):
    monkeypatch.setenv("TRIALBIB_CACHE_DIR", str(tmp_path))
    style = _style(
        'disambiguate-add-names="true" disambiguate-add-givenname="true" '
        'givenname-disambiguation-rule="all-names" disambiguate-add-year-suffix="true"'
    )
    items = [*TWO_PAIRS, _item("e", [SMITH, ("Jones", "Jim"), ("Brown", "John")])]
    engine.render_bibliography(items[:2], style)  # a and b cached before c, d and e came
    warm = [(e.key, e.text) for e in engine.render_bibliography(items, style)]
    cold = [(e.key, e.text) for e in engine.render_bibliography(items, style, cache=False)]
    assert warm == cold
    assert sum("1980a" in text for _, text in cold) == 2


def _conditions_style() -> StyleSource:
    extra = (
        '<group delimiter=", "><names variable="author"><name form="short"/></names>'
        '<choose><if disambiguate="true"><text variable="title"/></if></choose>'
        '<choose><if disambiguate="true"><number variable="edition" prefix="ed. "/></if></choose></group>'
    )
    xml = (
        '<style xmlns="http://purl.org/net/xbiblio/csl" version="1.0" class="in-text">'
        "<info><title>t</title><id>t</id></info>"
        f'<citation><layout delimiter="; ">{extra}</layout></citation>'
        f"<bibliography><layout>{extra}</layout></bibliography></style>"
    )
    return StyleSource("t", "t.csl", xml.encode())


def test_disambiguate_conditions_hold_one_at_a_time_and_show_in_the_list():
    def book(key: str, title: str, edition: str) -> dict[str, object]:
        return {"id": key, "type": "book", "title": title, "edition": edition, "author": [{"family": "Smith"}]}

    items = [book("a", "One", "1"), book("b", "Two", "2"), book("c", "Works", "5"), book("d", "Works", "6")]
    style = _conditions_style()
    # the title tells a from b: the second condition is not needed for them
    assert _cite(items, style) == "Smith, One; Smith, Two; Smith, Works, ed. 5; Smith, Works, ed. 6"
    # the list has one flag per item (citeproc-js): every condition holds for a disambiguated item
    entries = [e.text for e in engine.render_bibliography(items, style, cache=False)]
    assert entries == ["Smith, One, ed. 1", "Smith, Two, ed. 2", "Smith, Works, ed. 5", "Smith, Works, ed. 6"]
