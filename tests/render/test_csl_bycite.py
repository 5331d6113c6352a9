"""``by-cite`` disambiguation stepped as citeproc-js steps it (render/csl/bycite.py), and what
the list entry takes from the cite. Expected entries were checked against citeproc-js 1.4 with
the same style (benchmarks/citeproc_js.py) and against the style's rules by hand."""

from __future__ import annotations

from typing import Any

import pytest

from trialbib.render.engine import render_bibliography


def _article(key: str, people: list[tuple[str, str]], title: str, year: int = 2018, **extra: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": key,
        "type": "article-journal",
        "title": title,
        "container-title": "J",
        "author": [{"family": f, "given": g} for f, g in people],
        "issued": {"date-parts": [[year]]},
    }
    item.update(extra)
    return item


def _entries(items: list[dict[str, Any]], style: str) -> dict[str, str]:
    return {e.key: e.text for e in render_bibliography(items, style, "text", cache=False)}


ZHANG = [
    _article("zhang2018low", [("Zhang", "J."), ("Ruan", "Y."), ("Shen", "Y.")], "Low dose"),
    _article("zhang2018therapeutic", [("Zhang", "J."), ("Ruan", "Y."), ("Xu", "X.")], "Therapeutic"),
    _article("zhang2019circulating", [("Zhang", "S."), ("Wang", "J."), ("Sun", "H.")], "Circulating"),
]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # J. Zhang and S. Zhang part at the first name's initial: S. Zhang keeps one name
        pytest.param("zhang2019circulating", "Zhang, S., et al. “Circulating.” J, 2018.", id="told-by-initial"),
        # the two J. Zhang papers part only at the third name: the list shows all three
        pytest.param("zhang2018low", "Zhang, J., Y. Ruan, and Y. Shen. “Low Dose.” J, 2018.", id="three-names"),
        pytest.param("zhang2018therapeutic", "Zhang, J., Y. Ruan, and X. Xu. “Therapeutic.” J, 2018.", id="three-b"),
    ],
)
def test_mla_given_name_before_more_names_and_the_list_follows(key: str, expected: str) -> None:
    assert _entries(ZHANG, "modern-language-association")[key] == expected


def test_the_order_of_the_items_does_not_change_the_outcome() -> None:
    forward = _entries(ZHANG, "modern-language-association")
    assert _entries(list(reversed(ZHANG)), "modern-language-association") == forward


def test_harvard_full_given_names_of_the_cite_show_in_the_list() -> None:
    items = [
        _article("b1", [("Broyden", "C. G.")], "The convergence 1", 1970),
        _article("b2", [("Broyden", "Charles G.")], "The convergence 2", 1970),
    ]
    entries = _entries(items, "harvard-cite-them-right")
    assert entries["b1"].startswith("Broyden, C. G. (1970)")
    assert entries["b2"].startswith("Broyden, Charles G. (1970)")


def test_names_added_to_the_cite_do_not_reach_the_container_editors() -> None:
    editors = [{"family": f, "given": g} for f, g in [("Ehrgott", "M."), ("Fonseca", "C. M."), ("Gandibleux", "X.")]]
    items = [
        _article(
            "e1",
            [("Blum", "Christian"), ("Roli", "Andrea"), ("Sampels", "Michael")],
            "Hybrid one",
            type="chapter",
            editor=editors,
            **{"container-title": "Book"},
        ),
        _article("e2", [("Blum", "Christian"), ("Blesa", "Maria"), ("Roli", "Andrea")], "Hybrid two"),
    ]
    entries = _entries(items, "modern-language-association")
    assert entries["e1"] == (
        "Blum, Christian, Andrea Roli, et al. “Hybrid One.” Book, edited by M. Ehrgott et al., 2018."
    )
    assert entries["e2"] == "Blum, Christian, Maria Blesa, et al. “Hybrid Two.” J, 2018."


def test_subsequent_author_substitute_compares_the_people_shown() -> None:
    # “Auer, Peter, et al.” shows one person, Peter Auer, as the next entry does: substituted
    items = [
        _article("a1", [("Auer", "Peter"), ("Cesa", "Nicolo"), ("Fischer", "Paul")], "Finite time analysis"),
        _article("a2", [("Auer", "Peter")], "Using confidence bounds"),
    ]
    entries = _entries(items, "modern-language-association")
    assert entries["a1"] == "Auer, Peter, et al. “Finite Time Analysis.” J, 2018."
    assert entries["a2"] == "———. “Using Confidence Bounds.” J, 2018."
