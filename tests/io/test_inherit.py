"""Data inheritance (io/inherit.py) as biber does it: crossref, xdata, xref, @set."""

from __future__ import annotations

import pytest

from trialbib.io.bibtex import parse_bibtex

PROCEEDINGS = """@inproceedings{child,
  author = {Doe, Jane},
  title = {A paper},
  pages = {1--10},
  crossref = {proc},
}
@proceedings{proc,
  title = {Proceedings of the Conference},
  subtitle = {Volume One},
  editor = {Smith, John},
  publisher = {ACM},
  address = {New York},
  year = {2020},
}
"""


def test_biblatex_inproceedings_takes_the_proceedings_title_as_its_booktitle():
    bib = parse_bibtex(PROCEEDINGS, "p.bib")
    child = bib.get("child")
    assert child["title"] == "A paper"
    assert child["container-title"] == "Proceedings of the Conference: Volume One"
    assert child["issued"] == {"date-parts": [[2020]]}
    assert child["publisher"] == "ACM"
    assert child["publisher-place"] == "New York"
    assert child["editor"] == [{"family": "Smith", "given": "John"}]
    assert bib.get("proc")["title"] == "Proceedings of the Conference: Volume One"  # the parent stays an entry
    assert set(bib.sources["child"].inherited) >= {"booktitle", "year", "publisher", "editor"}
    assert not bib.problems


def test_classic_bibtex_parent_booktitle_wins_and_order_does_not_matter():
    text = """@proceedings{proc, title = {Proc. of X}, booktitle = {Proceedings of X}, year = 1999}
@inproceedings{child, author = {Doe, J.}, title = {A paper}, crossref = {PROC}}
"""
    child = parse_bibtex(text).get("child")
    assert child["container-title"] == "Proceedings of X"
    assert child["issued"] == {"date-parts": [[1999]]}


@pytest.mark.parametrize(
    ("parent", "child", "expected"),
    [
        pytest.param("book", "inbook", {"container-title": "Big Book", "container-author": "Knuth"}, id="book"),
        pytest.param("collection", "incollection", {"container-title": "Big Book"}, id="collection"),
        pytest.param("periodical", "article", {"container-title": "Big Book"}, id="periodical-journaltitle"),
        pytest.param("misc", "misc", {"title": "Part"}, id="other-types-same-name"),
    ],
)
def test_type_mappings(parent, child, expected):
    text = f"""@{parent}{{p, title = {{Big Book}}, author = {{Knuth, Donald}}, year = 1968}}
@{child}{{c, title = {{Part}}, crossref = {{p}}}}
"""
    item = parse_bibtex(text).get("c")
    for name, value in expected.items():
        got = item[name][0]["family"] if name == "container-author" else item[name]
        assert got == value
    assert item["issued"] == {"date-parts": [[1968]]}
    assert item["title"] == "Part"


def test_chained_crossrefs_and_xdata():
    text = """@xdata{pub, publisher = {Springer}, location = {Berlin}}
@mvproceedings{mv, title = {Lecture Notes}, year = 2001, xdata = {pub}}
@proceedings{vol, title = {Volume 5}, crossref = {mv}}
@inproceedings{paper, author = {Doe, J.}, title = {A paper}, crossref = {vol}}
"""
    bib = parse_bibtex(text)
    assert "pub" not in bib.keys  # xdata entries hold data and are no references
    paper = bib.get("paper")
    assert paper["container-title"] == "Lecture Notes"
    assert paper["volume-title"] == "Volume 5"
    assert paper["publisher"] == "Springer"
    assert paper["issued"] == {"date-parts": [[2001]]}


@pytest.mark.parametrize(
    ("text", "code", "line", "says"),
    [
        pytest.param("@article{a, title = {T},\n  crossref = {nope}}\n", "XRF001", 2, "crossref 'nope'", id="missing"),
        pytest.param("@misc{a, xdata = {gone}}\n", "XRF001", 1, "xdata 'gone'", id="missing-xdata"),
        pytest.param("@misc{a, xref = {gone}}\n", "XRF001", 1, "xref 'gone'", id="missing-xref"),
        pytest.param("@misc{a, crossref = {a}}\n", "XRF001", 1, "names itself", id="self"),
        pytest.param(
            "@misc{a, title = {A}, crossref = {b}}\n@misc{b, title = {B}, crossref = {a}}\n",
            "XRF001",
            1,
            "cycle a -> b -> a",
            id="cycle",
        ),
    ],
)
def test_reference_problems_have_a_code_and_a_line_and_keep_the_entry(text, code, line, says):
    bib = parse_bibtex(text, "x.bib")
    assert [(p.code, p.severity) for p in bib.problems] == [(code, "warning")]  # biber warns, reads on
    assert bib.problems[0].location.line == line
    assert says in bib.problems[0].message
    assert "a" in bib.keys


def test_set_is_no_reference_and_its_members_stay():
    text = "@set{s, entryset = {a,b}}\n@article{a, title = {A}}\n@article{b, title = {B}}\n"
    bib = parse_bibtex(text)
    assert bib.keys == ["a", "b"]
    assert not bib.problems


def test_check_reports_no_missing_field_for_inherited_fields():
    """Issue 12: FLD001 said '@inproceedings requires booktitle, year' of entries that inherit both."""
    from trialbib.checks.config import Config
    from trialbib.checks.context import Context
    from trialbib.checks.engine import run_checks

    config = Config(select=["FLD001"])
    report = run_checks(config, Context(bib=parse_bibtex(PROCEEDINGS, "p.bib"), bib_text=PROCEEDINGS))
    assert [p for p in report.problems if p.code == "FLD001"] == []
    broken = PROCEEDINGS.replace("crossref = {proc}", "crossref = {gone}")
    report = run_checks(config, Context(bib=parse_bibtex(broken, "p.bib"), bib_text=broken))
    assert [p.location.key for p in report.problems if p.code == "FLD001"] == ["child"]
