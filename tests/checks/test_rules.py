"""Each rule fires on its failing case at the right place, and stays quiet on its passing case."""

from __future__ import annotations

import pytest

from paths import ARTICLE, ROOT
from trialbib.errors import Location


def at(line: int | None, key: str | None = None, file: str = "t.bib", column: int | None = None) -> Location:
    return Location(file, line, column, key)


def entry(key: str, **fields: str) -> str:
    body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields.items())
    return f"@article{{{key},\n{body}}}\n"


GOOD = {
    "author": "He, J. and Zhang, X. and others",
    "title": "Low-dose interleukin-2 treatment",
    "journal": "Nat Med",
    "year": "2016",
}


def good(key: str = "a", **changes: str) -> str:
    fields = {**GOOD, **changes}
    return entry(key, **{k: v for k, v in fields.items() if v is not None})


CASES = [
    pytest.param(
        ["SYN001"], "@article{a,\n  title = {Unclosed {brace},\n  year = {2019},\n}\n", [("SYN001", at(1))], id="SYN001"
    ),
    pytest.param(
        ["SYN002"], good().replace("  year", "  year = {2019},\n  year"), [("SYN002", at(6, "a"))], id="SYN002"
    ),
    pytest.param(["SYN003"], "@article{a,\n  journal = nejm,\n}\n", [("SYN003", at(2, "a"))], id="SYN003"),
    pytest.param(["SYN004"], "@jounral{a,\n  title = {A},\n}\n", [("SYN004", at(1, "a"))], id="SYN004"),
    pytest.param(["KEY001"], "@article{\n  title = {A},\n}\n", [("KEY001", at(1))], id="KEY001"),
    pytest.param(["KEY002"], good() + "\n" + good(), [("KEY002", at(8, "a"))], id="KEY002"),
    pytest.param(["KEY003"], good("Smith") + good("smith"), [("KEY003", at(7, "smith"))], id="KEY003"),
    pytest.param(["KEY004"], good("smith:2019") + good("smith%2019"), [("KEY004", at(7, "smith%2019"))], id="KEY004"),
    pytest.param(["KEY005"], good("he2016"), [("KEY005", at(1, "he2016"))], id="KEY005"),
    pytest.param(
        ["DUP001"],
        good("a", doi="10.1038/nm.4148") + good("b", doi="https://doi.org/10.1038/NM.4148"),
        [("DUP001", at(13, "b"))],
        id="DUP001",
    ),
    pytest.param(
        ["DUP001"],
        "@inproceedings{a,\n  title = {A Survey},\n  doi = {10.1007/3-540-49057-4_21},\n}\n"
        "@inproceedings{b,\n  title = {A survey},\n  doi = {10.1007/3-540-49057-4_21},\n}\n",
        [("DUP001", at(7, "b"))],
        id="DUP001-same-paper-twice",
    ),
    pytest.param(
        ["DUP002"], good("a", pmid="27500725") + good("b", pmid="27500725"), [("DUP002", at(13, "b"))], id="DUP002"
    ),
    pytest.param(
        ["DUP003"],
        good("a", title="Low-dose {IL-2} in SLE") + good("b", title="Low dose IL-2 in SLE."),
        [("DUP003", at(7, "b"))],
        id="DUP003",
    ),
    pytest.param(
        ["DUP003"],
        good("a", title="\\emph{In vitro} CD4$^+$ cells") + good("b", title="In vitro CD4+ cells"),
        [("DUP003", at(7, "b"))],
        id="DUP003-markup-is-typography",
    ),
    pytest.param(["FLD001"], good(journal=None), [("FLD001", at(1, "a"))], id="FLD001"),
    pytest.param(["FLD002"], good(volume=""), [("FLD002", at(6, "a"))], id="FLD002"),
    pytest.param(
        ["FMT001"],
        good(doi="10.1038") + good("b", doi="1038/nm.4148"),
        [("FMT001", at(6, "a")), ("FMT001", at(13, "b"))],
        id="FMT001",
    ),
    pytest.param(["FMT002"], good(doi="https://doi.org/10.1038/nm.4148"), [("FMT002", at(6, "a"))], id="FMT002"),
    pytest.param(["FMT003"], good(pmid="PMID:27500725"), [("FMT003", at(6, "a"))], id="FMT003"),
    pytest.param(["FMT004"], good(pmcid="6485794"), [("FMT004", at(6, "a"))], id="FMT004"),
    pytest.param(["FMT005"], good(issn="1078-8957"), [("FMT005", at(6, "a"))], id="FMT005"),
    pytest.param(["FMT006"], good(isbn="978-0-306-40615-6"), [("FMT006", at(6, "a"))], id="FMT006"),
    pytest.param(["FMT007"], good(note="NCT0225495"), [("FMT007", at(6, "a"))], id="FMT007"),
    pytest.param(
        ["FMT008"],
        good(year="19") + good("b", date="2018-09-19"),
        [("FMT008", at(5, "a")), ("FMT008", at(11, "b"))],
        id="FMT008",
    ),
    pytest.param(
        ["FMT008"],
        good(date="2019-09-19", year="2019", urldate="2019-09-01"),
        [("FMT008", at(7, "a"))],
        id="FMT008-urldate",
    ),
    pytest.param(
        ["FMT009"],
        good(pages="1132--1123") + good("b", pages="pp. 1-3"),
        [("FMT009", at(6, "a")), ("FMT009", at(13, "b"))],
        id="FMT009",
    ),
    pytest.param(["FMT010"], good(pages="991-993"), [("FMT010", at(6, "a"))], id="FMT010"),
    pytest.param(["FMT010"], good(pages="991\u2013993"), [("FMT010", at(6, "a"))], id="FMT010-en-dash"),
    pytest.param(
        ["FMT011"],
        good(url="www.example.org/page") + good("b", url="https://example.org/a page"),
        [("FMT011", at(6, "a")), ("FMT011", at(13, "b"))],
        id="FMT011",
    ),
    pytest.param(["FMT012"], good(month="September"), [("FMT012", at(6, "a"))], id="FMT012"),
    pytest.param(["FMT013"], good(journal=" Nat  Med"), [("FMT013", at(4, "a"))], id="FMT013"),
    pytest.param(
        ["NAM001"], good(author="Shao, Q. and Gao, H.,"), [("NAM001", at(2, "a"))], id="NAM001-trailing-comma"
    ),
    pytest.param(["NAM001"], good(author="Shao, Q., Gao, H., Li, X."), [("NAM001", at(2, "a"))], id="NAM001-commas"),
    pytest.param(["NAM001"], good(author="Shao, Q. and and Gao, H."), [("NAM001", at(2, "a"))], id="NAM001-and-and"),
    pytest.param(["NAM002"], good(author="He, J. and Zhang, R. and et al."), [("NAM002", at(2, "a"))], id="NAM002"),
    pytest.param(
        ["NAM003"], good(author="He, J. and others and Zhang, R."), [("NAM003", at(2, "a"))], id="NAM003-middle"
    ),
    pytest.param(["NAM003"], good(author="He, J. and Others"), [("NAM003", at(2, "a"))], id="NAM003-capital"),
    pytest.param(
        ["CON001"],
        good(journal="Cytometry B Clin Cytom") + good("b", journal="Cytom B Clin Cytom"),
        [("CON001", at(10, "b"))],
        id="CON001",
    ),
    pytest.param(
        ["CON001"],
        good(journal="Ann Rheum Dis") + good("b", journal="Annals of the Rheumatic Diseases"),
        [("CON001", at(10, "b"))],
        id="CON001-full",
    ),
    pytest.param(["CON002"], good(pubstate="advance online publication"), [("CON002", at(1, "a"))], id="CON002"),
    pytest.param(["CON003"], good(langid="english"), [("CON003", at(6, "a"))], id="CON003"),
    pytest.param(
        ["FLD001"],
        "@inproceedings{a,\n  author = {He, J.},\n  title = {T},\n  crossref = {nowhere},\n}\n",
        [("FLD001", at(1, "a"))],
        id="FLD001-crossref-undefined",
    ),
    pytest.param(
        ["FLD001"],
        "@phdthesis{a,\n  title = {T},\n  school = {PKU},\n  year = {2016},\n}\n",
        [("FLD001", at(1, "a"))],
        id="FLD001-thesis-without-author",
    ),
    pytest.param(["FMT009"], good(pages="23--18"), [("FMT009", at(6, "a"))], id="FMT009-reversed"),
]


@pytest.mark.parametrize(("select", "bib", "expected"), CASES)
def test_rule_fires_on_failing_case(select, bib, expected, lint):
    assert lint(bib, select=select) == expected


PASSING = [
    pytest.param("KEY004", good("smith:2019-a") + good("张2019研究"), id="KEY004"),
    pytest.param("KEY005", good("he2016lowdose"), id="KEY005"),
    pytest.param("DUP001", good("a", doi="10.1038/nm.4148") + good("b", doi="10.1038/ni1254"), id="DUP001"),
    pytest.param("DUP003", good("a") + good("b", year="2019"), id="DUP003"),
    pytest.param(
        "FLD001", good(journal=None, journaltitle="Nat Med", year=None, date="2016-08-08"), id="FLD001-biblatex"
    ),
    pytest.param("FLD001", "@misc{a,\n  title = {Just a title},\n}\n", id="FLD001-misc"),
    pytest.param("FMT005", good(issn="1078-8956"), id="FMT005"),
    pytest.param("FMT005", good(issn="0028-0836, 1476-4687"), id="FMT005-two"),
    pytest.param("FMT006", good(isbn="978-0-306-40615-7") + good("b", isbn="0-306-40615-2"), id="FMT006"),
    pytest.param("FMT007", good(note="NCT02465580"), id="FMT007"),
    pytest.param("FMT008", good(year="2019", date="2019-09-19", urldate="2019-10-01"), id="FMT008"),
    pytest.param(
        "FMT009",
        "".join(
            good(f"k{i}", pages=p)
            for i, p in enumerate(
                [
                    "e15094",
                    "S116--S123",
                    "R795--R804",
                    "4:1--4:56",
                    "991--993",
                    "xii--xv",
                    "1007+",
                    "1--3, 7",
                    "116\u2013123",
                ]
            )
        ),
        id="FMT009-forms",
    ),
    pytest.param("FMT010", good(pages="991--993") + good("b", pages="e1250992"), id="FMT010"),
    pytest.param("FMT011", good(url="https://www.example.org/page?a=1\\&b=2"), id="FMT011"),
    pytest.param("FMT012", good(month="9"), id="FMT012"),
    pytest.param(
        "NAM001",
        good(author="van der Berg, Anna and Le Duff, F. and 张, 三 and {World Health Organization}"),
        id="NAM001",
    ),
    pytest.param(
        "NAM001",
        good(author="de la Fontaine, Jean and Sjögren, H. and {\\O}rsted, H. C. and Zhang San"),
        id="NAM001-particles",
    ),
    pytest.param("NAM001", good(author="Ford, Jr., Henry and {Barnes and Noble}"), id="NAM001-jr"),
    pytest.param("NAM002", good(author="He, J. and Zhang, R. and others"), id="NAM002"),
    pytest.param("NAM002", good(author="Etal, A. and Alba, B."), id="NAM002-etal-name"),
    pytest.param("NAM003", good(author="He, J. and others"), id="NAM003"),
    pytest.param(
        "CON001", good(journal="Nature") + good("b", journal="Nat Med") + good("c", journal="Nat Immunol"), id="CON001"
    ),
    pytest.param("CON001", good(journal="Nat Med") + good("b", journal="Nat Methods"), id="CON001-methods"),
    pytest.param("CON002", good(volume="22", pages="991--993"), id="CON002"),
    pytest.param("CON003", good(language="english"), id="CON003"),
    pytest.param("FMT013", good(title="Long title\n    continued"), id="FMT013-multiline"),
    pytest.param("FMT005", good(issn="1532-0626 (print), 1532-0634 (electronic)"), id="FMT005-notes"),
    pytest.param("FMT006", good(isbn="0-415-94975-0 978-0-415-94975-0"), id="FMT006-zotero-list"),
    pytest.param("FMT008", good(year="c1988"), id="FMT008-circa"),
    pytest.param("FMT008", good(year="[1936]"), id="FMT008-bracketed"),
    pytest.param("FMT008", good(year="535 BCE"), id="FMT008-bce"),
    pytest.param("FMT008", good(year="300 {BC}"), id="FMT008-braced-bc"),
    pytest.param("FMT008", good(year="1978/79"), id="FMT008-volume-of-two-years"),
    pytest.param("FMT008", good(year="1910--1913; Second edition, 1925--1927"), id="FMT008-range-with-note"),
    pytest.param(
        "DUP003",
        '@book{a,\n  author = {Feferman, S.},\n  title = {Kurt G\\"odel},\n  volume = {4},\n  year = {2003},\n}\n'
        '@book{b,\n  author = {Feferman, S.},\n  title = {Kurt G\\"odel},\n  volume = {5},\n  year = {2003},\n}\n',
        id="DUP003-volumes-of-collected-works",
    ),
    pytest.param("FMT009", good(pages="aac4716"), id="FMT009-science-article-number"),
    pytest.param("FMT009", good(pages="arXiv:0912.0201"), id="FMT009-arxiv"),
    pytest.param("FMT009", good(pages="astro-ph/0107457"), id="FMT009-old-arxiv"),
    pytest.param("FMT009", good(pages="148--68"), id="FMT009-chicago-short-range"),
    pytest.param("FMT009", good(pages="7.297.1-7.297.13"), id="FMT009-dotted"),
    pytest.param("FMT009", good(pages="171-88; discussion 195-202"), id="FMT009-medline-discussion"),
    pytest.param("FMT009", good(pages="137--159 and 269--276 (notes)"), id="FMT009-ranges-and-note"),
    pytest.param("FMT009", good(pages="i--xviii and 345--880 and I--LII"), id="FMT009-roman-ranges"),
    pytest.param("FMT009", good(pages="xlvi+410"), id="FMT009-book-page-count"),
    pytest.param("FMT009", good(pages="xiii\\addplus{}345"), id="FMT009-mathscinet-page-count"),
    pytest.param(
        "DUP001",
        "@inproceedings{a,\n  title = {One paper},\n  booktitle = {DEON 2004},\n  doi = {10.1007/b98159},\n}\n"
        "@inproceedings{b,\n  title = {Another paper},\n  booktitle = {DEON 2004},\n  doi = {10.1007/b98159},\n}\n",
        id="DUP001-volume-doi-on-papers",
    ),
    pytest.param(
        "DUP001",
        "@proceedings{v,\n  title = {Deontic Logic in Computer Science},\n  doi = {10.1007/b98159},\n}\n"
        "@inproceedings{p,\n  title = {Another paper},\n  doi = {10.1007/b98159},\n}\n",
        id="DUP001-volume-and-its-paper",
    ),
    pytest.param(
        "FLD001",
        "@proceedings{p,\n  title = {Proc. of X},\n  year = {2015},\n  publisher = {AAAI},\n}\n"
        "@inproceedings{a,\n  author = {He, J.},\n  title = {T},\n  crossref = {P},\n}\n",
        id="FLD001-crossref-supplies-booktitle-and-year",
    ),
    pytest.param(
        "FLD001", "@article{a,\n  title = {Editorial},\n  journal = {J},\n  year = {2019},\n}\n", id="FLD001-unsigned"
    ),
    pytest.param("FLD001", "@online{a,\n  title = {Home},\n  url = {https://a.org/},\n}\n", id="FLD001-web-page"),
    pytest.param(
        "DUP003",
        good(journal="arXiv") + good("b", journal="Nat Med"),
        id="DUP003-preprint-and-article",
    ),
    pytest.param("SYN004", "@set{s,\n  entryset = {a,b},\n}\n", id="SYN004-biblatex-set"),
]


@pytest.mark.parametrize(("code", "bib"), PASSING)
def test_rule_quiet_on_passing_case(code, bib, lint):
    assert lint(bib, select=[code]) == []


def test_doi_not_bare_is_not_also_invalid(lint):
    assert lint(good(doi="doi:10.1038/nm.4148"), select=["FMT"]) == [("FMT002", at(6, "a"))]


def test_manuscript_rules_with_locations(lint):
    bib = good("smith2019") + good("jones2020", title="Another")
    text = "Shown before [@smyth2019] and [@jones2020].\nAlso [3].\n"
    assert lint(bib, select=["CIT"], manuscripts={"paper.md": text}) == [
        ("CIT001", Location("paper.md", 1, 15, "smyth2019")),
        ("CIT001", Location("paper.md", 2, 7)),
        ("CIT002", at(1, "smith2019")),
    ]


def test_uncited_entry_needs_a_manuscript(lint):
    assert lint(good("a") + good("b", title="Other"), select=["CIT002"]) == []
    found = lint(good("a") + good("b", title="Other"), select=["CIT002"], manuscripts={"m.tex": r"\cite{a}"})
    assert found == [("CIT002", at(7, "b"))]


def test_nocite_star_cites_everything(lint):
    found = lint(good("a") + good("b", title="Other"), select=["CIT"], manuscripts={"m.tex": r"\nocite{*}"})
    assert found == []


def test_numeric_order(lint):
    bib = good("a") + good("b", title="Two") + good("c", title="Three")
    text = "First [1], then [3], then [2] and [2,3]."
    assert lint(bib, select=["CIT004"], manuscripts={"m.md": text}) == [("CIT004", Location("m.md", 1, 18))]
    assert lint(bib, select=["CIT004"], manuscripts={"m.md": "[1] [2] [1] [3]"}) == []


def test_key_order_is_opt_in_option(lint):
    bib = good("a") + good("b", title="Two")
    text = "[@b] then [@a]"
    assert lint(bib, select=["CIT004"], manuscripts={"m.md": text}) == []
    found = lint(
        bib, select=["CIT004"], manuscripts={"m.md": text}, config={"check": {"rules": {"CIT004": {"keys": True}}}}
    )
    assert found == [("CIT004", Location("m.md", 1, 2, "b"))]


def test_key_order_skips_nocite(lint):
    """``\\nocite`` lists an entry after the cited ones; before, it counted as the first citation."""
    bib = good("a") + good("b", title="Two")
    config = {"check": {"rules": {"CIT004": {"keys": True}}}}
    assert lint(bib, select=["CIT004"], manuscripts={"m.tex": r"\nocite{b} \cite{a}"}, config=config) == []
    found = lint(bib, select=["CIT004"], manuscripts={"m.tex": r"\nocite{a} \cite{b}"}, config=config)
    assert found == [("CIT004", Location("m.tex", 1, 18, "b"))]


TRIALS = """table1:
  records:
    - disease: SLE
      dose: {values: [1], unit: MIU}
      efficacy: not evaluated
      immunology: [{population: Treg, direction: up}]
      references: [nokey]
"""


def test_trial_record_linking_missing_key(lint):
    assert lint(good("a"), select=["CIT003"], trials=TRIALS) == [("CIT003", Location("t.yaml", 3, key="nokey"))]
    assert lint(good("nokey"), select=["CIT"], trials=TRIALS) == []


def test_expected_list_drift(tmp_path, lint):
    from trialbib.io.bibtex import parse_bibtex
    from trialbib.render.engine import render_bibliography

    bib = good("a", volume="22", number="9", pages="991--993")
    items = parse_bibtex(bib).items
    line = render_bibliography(items, "gb7714", "text", None, None)[0].text
    assert line.startswith("[1] ")
    assert not line.startswith("[1] [1]")
    expected = tmp_path / "expected.txt"
    expected.write_text(line + "\n", "utf-8")
    assert lint(bib, select=["LST001"], config={"expected": str(expected)}) == []
    expected.write_text(line.replace("991-993", "991-994") + "\n", "utf-8")
    assert lint(bib, select=["LST001"], config={"expected": str(expected)}) == [("LST001", Location(str(expected), 1))]


def test_expected_list_is_what_render_prints(tmp_path):
    """The committed output of `trialbib render` is up to date: LST001 finds nothing."""
    from click.testing import CliRunner

    from trialbib.cli import cli

    expected = tmp_path / "expected.txt"
    rendered = CliRunner().invoke(cli, ["render", "--bib", str(ROOT / "references.bib"), "--style", "vancouver"])
    expected.write_text(rendered.output, "utf-8")
    result = CliRunner().invoke(
        cli, ["check", "--no-config", str(ROOT / "references.bib"), "--select", "LST001"], catch_exceptions=False
    )
    assert result.exit_code == 0
    toml = tmp_path / "trialbib.toml"
    toml.write_text(
        f'bibliography = "{ROOT / "references.bib"}"\nexpected = "{expected}"\nstyle = "vancouver"\n'
        "allow-outside = true\n"  # the bibliography is the repository's, outside tmp_path
    )
    result = CliRunner().invoke(cli, ["check", "--config", str(toml), "--select", "LST001"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    expected.write_text(rendered.output.replace("991–3", "991–4"), "utf-8")
    result = CliRunner().invoke(cli, ["check", "--config", str(toml), "--select", "LST001"], catch_exceptions=False)
    assert result.exit_code == 1
    assert "LST001" in result.output
    assert ":2:" in result.output


SHIPPED = (ROOT / "references.bib").read_text("utf-8")


def record(references: str, label: str) -> str:
    return (
        "table1:\n  records:\n    - disease: SLE\n      dose: {values: [1], unit: MIU}\n      efficacy: not evaluated\n"
        "      immunology: [{population: Treg, direction: up}]\n"
        f"      references: [{references}]\n      label: {label}\n"
    )


@pytest.mark.parametrize(
    ("references", "label", "expected"),
    [
        pytest.param(
            "he2016lowdose", "Zhang et al.(2016)", [("TAB001", "he2016lowdose"), ("TAB003", None)], id="TAB001"
        ),
        pytest.param("he2016lowdose", "He et al.(2017)", [("TAB002", "he2016lowdose"), ("TAB003", None)], id="TAB002"),
        pytest.param("betts2017il2", "Betts et al.(2017); Zhao et al.(2016)", [("TAB003", None)], id="TAB003"),
        pytest.param("he2016lowdose", "He and Zhang(2016)", [("TAB004", "he2016lowdose")], id="TAB004"),
        pytest.param("he2016lowdose", "He et al. 2016", [("TAB006", None)], id="TAB006"),
        pytest.param("he2016lowdose, he2019efficacy", "He et al.(2016,2019)", [], id="passing"),
        pytest.param(
            "betts2017il2, zhao2016prophylactic", "Betts et al.(2017); Zhao et al.(2016)", [], id="passing-two"
        ),
    ],
)
def test_table_rules(references, label, expected, lint):
    found = lint(SHIPPED, select=["TAB"], trials=record(references, label))
    assert [(code, loc.key) for code, loc in found] == expected
    assert {(loc.file, loc.line) for _, loc in found} <= {("t.yaml", 3)}


def test_table_rules_are_clean_on_the_shipped_records(lint):
    trials = (ROOT / "trials.yaml").read_text("utf-8")
    assert lint(SHIPPED, select=["TAB", "CIT003"], trials=trials) == []


def test_printed_list_rules_wrap_the_crosscheck(lint):
    printed = str(ARTICLE / "reference-list.txt")
    found = lint(SHIPPED, select=["DRF"], config={"printed": printed})
    errors = [(code, loc.line, loc.key) for code, loc in found if code != "DRF012"]
    # the printed list's own substantive errors: online dates printed as volume(issue), DOIs of
    # online-first items not printed, and [20]'s journal abbreviated another way than [19]'s
    assert errors == [
        ("DRF007", 1, "he2019efficacy"),
        ("DRF010", 1, "he2019efficacy"),
        ("DRF011", 1, "he2019efficacy"),  # an update, not a defect: the final citation came later
        ("DRF007", 6, "shao2019progress"),
        ("DRF010", 6, "shao2019progress"),
        ("DRF009", 20, "zhang2018therapeutic"),
        ("DRF007", 23, "zhang2019circulating"),
    ]
    assert all(loc.file == printed for _, loc in found)
    assert ("DRF012", 11) in [(code, loc.line) for code, loc in found]  # "pri-mary"
    assert lint(SHIPPED, select=["DRF"]) == []  # no printed list configured: nothing to compare


def test_crossref_message_names_the_missing_parent(lint):
    from trialbib.checks.config import from_dict
    from trialbib.checks.context import Context
    from trialbib.checks.engine import run_checks
    from trialbib.io.bibtex import parse_bibtex

    text = "@inproceedings{a,\n  author = {He, J.},\n  title = {T},\n  crossref = {nowhere},\n}\n"
    report = run_checks(
        from_dict({"check": {"select": ["FLD001"]}}), Context(bib=parse_bibtex(text, "t.bib"), bib_text=text)
    )
    assert report.problems[0].message == (
        "@inproceedings requires booktitle, year (its crossref 'nowhere' is not defined in this file); add them"
    )


def test_every_rule_has_a_class_and_the_class_decides_the_default():
    from trialbib.checks.rules import CLASSES, DEFAULT_CLASSES, enabled_by_default, rules

    assert set(rules()) <= set(CLASSES)
    for code, module in rules().items():
        assert enabled_by_default(module) == (CLASSES[code] in DEFAULT_CLASSES), code
    assert {code for code, c in CLASSES.items() if c not in DEFAULT_CLASSES} == {
        "KEY005", "FLD002", "FMT010", "FMT012", "FMT013", "CON001", "CON002", "CON003", "LNG001",
    }  # fmt: skip


def test_locations_have_columns(lint):
    bib = (
        "@article{a,\n  author = {He, J.},\n  title = {T},\n  journal = {J},\n  year = {2016},\n"
        "  Pages = {pp. 1},\n}\n\n  @book{b}\n"
    )
    found = lint(bib, select=["FMT009", "FLD001"], columns=True)
    assert found == [
        ("FMT009", Location("t.bib", 6, 3, "a")),  # the field's name
        ("FLD001", Location("t.bib", 9, 3, "b")),  # the entry's @
    ]
